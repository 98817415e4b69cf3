// Desired state -> the entries of each RouterOS menu, each with its stable key and the properties
// the reconcile owns. Keys derive from what identifies an entry (an address, a destination, a
// name, a rule's position in its chain), never from values that a reconcile may change in place.
import { Address, Family } from "../../addressing/ip";
import { RouterOsVersion, afiProperty, hasBgpInstances } from "./syntax";
import { BgpConnection, BgpSettings, FilterRule, RouterOsDesiredState } from "./types";

/**
 * How a property is written (`add`/`set`) and read back (`[:tostr [get ...]]`):
 * - word: a validated token, written bare and read back as the same text;
 * - text: free text, written as one quoted string literal;
 * - bool: written yes/no, read back as true/false;
 * - list: written comma-separated; read back as an array, which `:tostr` joins with ';'.
 */
export type PropValue =
  | { readonly kind: "word"; readonly text: string }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "list"; readonly items: readonly string[] };

export interface Prop {
  readonly name: string;
  readonly value: PropValue;
}

export interface ManagedEntry {
  readonly key: string;
  readonly props: readonly Prop[];
}

export interface Menu {
  /** Menu path, e.g. "/ipv6/route". */
  readonly path: string;
  /** Entry order matters (filter rules): missing entries are placed before their successor. */
  readonly ordered: boolean;
  readonly entries: readonly ManagedEntry[];
}

const word = (name: string, v: { toString(): string }): Prop => ({
  name,
  value: { kind: "word", text: v.toString() },
});
const text = (name: string, t: string): Prop => ({ name, value: { kind: "text", text: t } });
const bool = (name: string, value: boolean): Prop => ({ name, value: { kind: "bool", value } });
const list = (name: string, items: readonly string[]): Prop => ({
  name,
  value: { kind: "list", items },
});

const ip = (f: Family): string => (f === 4 ? "ip" : "ipv6");

function addressMenu(s: RouterOsDesiredState, f: Family): Menu {
  const entries = s.addresses
    .filter((a) => a.address.family === f)
    .map((a) => ({
      key: `${ip(f)}-address:${a.address}`,
      props: [
        word("address", `${a.address}/${a.network.length}`),
        word("interface", a.interface),
        ...(f === 6 ? [bool("advertise", a.advertise ?? false)] : []),
      ],
    }));
  return { path: `/${ip(f)}/address`, ordered: false, entries };
}

function routeMenu(s: RouterOsDesiredState, f: Family): Menu {
  const entries = s.routes
    .filter((r) => r.dst.family === f)
    .map((r) => ({
      key: `${ip(f)}-route:${r.dst}`,
      props: [word("dst-address", r.dst), word("gateway", r.gateway)],
    }));
  return { path: `/${ip(f)}/route`, ordered: false, entries };
}

function filterMenu(rules: readonly FilterRule[]): Menu {
  const position = new Map<string, number>();
  const entries = rules.map((r) => {
    const n = (position.get(r.chain) ?? 0) + 1;
    position.set(r.chain, n);
    return {
      key: `filter-rule:${r.chain}:${n}`,
      props: [word("chain", r.chain), text("rule", r.rule)],
    };
  });
  return { path: "/routing/filter/rule", ordered: true, entries };
}

function instanceMenu(bgp: BgpSettings | undefined): Menu {
  const entries = bgp
    ? [
        {
          // One instance per stack, keyed without its name: a rename is then a `set name=`
          // while connections still point at it, not a removal of an instance in use.
          key: "bgp-instance",
          props: [
            word("name", bgp.instance),
            word("as", bgp.asn),
            ...(bgp.routerId ? [word("router-id", bgp.routerId)] : []),
          ],
        },
      ]
    : [];
  return { path: "/routing/bgp/instance", ordered: false, entries };
}

function connectionProps(bgp: BgpSettings, n: BgpConnection, v: RouterOsVersion): Prop[] {
  const explicit = hasBgpInstances(v);
  const optional = (name: string, value: Address | string | undefined): Prop[] =>
    value === undefined ? [] : [word(name, value)];
  return [
    word("name", n.name),
    explicit ? word("instance", bgp.instance) : word("as", bgp.asn),
    word("remote.address", n.remoteAddress),
    word("remote.as", n.remoteAs),
    word("local.role", n.localRole),
    ...optional("local.address", n.localAddress),
    bool("multihop", n.multihop),
    ...optional("input.filter", n.inputFilter),
    list(afiProperty(v), n.addressFamilies),
    ...(explicit ? [] : optional("router-id", bgp.routerId)),
  ];
}

function connectionMenu(bgp: BgpSettings | undefined, v: RouterOsVersion): Menu {
  const entries = (bgp?.connections ?? []).map((n) => ({
    key: `bgp-connection:${n.name}`,
    props: bgp ? connectionProps(bgp, n, v) : [],
  }));
  return { path: "/routing/bgp/connection", ordered: false, entries };
}

function dnsMenu(s: RouterOsDesiredState): Menu {
  const entries = s.dns.map((d) => ({
    key: `dns:${d.name}/${d.address}`,
    props: [
      word("name", d.name),
      word("type", d.address.family === 4 ? "A" : "AAAA"),
      word("address", d.address),
    ],
  }));
  return { path: "/ip/dns/static", ordered: false, entries };
}

/**
 * Every menu the stack may own, in dependency order: addresses before the routes that use them,
 * filter chains and the BGP instance before the connections that name them. The instance menu
 * exists from RouterOS 7.20 on only, so earlier versions never touch it.
 */
export function menus(s: RouterOsDesiredState, v: RouterOsVersion): Menu[] {
  return [
    addressMenu(s, 4),
    addressMenu(s, 6),
    routeMenu(s, 4),
    routeMenu(s, 6),
    filterMenu(s.filterRules),
    ...(hasBgpInstances(v) ? [instanceMenu(s.bgp)] : []),
    connectionMenu(s.bgp, v),
    dnsMenu(s),
  ];
}
