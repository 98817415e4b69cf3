// Desired state -> the entries of each RouterOS menu, each with its stable key and the properties
// the reconcile owns. Keys derive from what identifies an entry (an address, a destination, a
// name, a rule's position in its chain), never from values that a reconcile may change in place.
import { createHash } from "crypto";
import { Address, Family } from "../../addressing/ip";
import {
  Conflict,
  FILTER_MATCHERS,
  Identity,
  KeyProp,
  literalRegex,
  NAT_MATCHERS,
} from "./identity";
import { readBack } from "./script";
import { RouterOsVersion, afiProperty, hasBfd, hasBgpInstances, quote } from "./syntax";
import { hasName } from "./versions";
import {
  BgpConnection,
  BgpSettings,
  FilterRule,
  FirewallFilter,
  ListMatch,
  RouterOsDesiredState,
  VlanInterface,
} from "./types";

/**
 * How a property is written (`add`/`set`) and read back (`[:tostr [get ...]]`):
 * - word: a validated token, written bare and read back as the same text;
 * - text: free text, written as one quoted string literal;
 * - bool: written yes/no, read back as true/false;
 * - list: written comma-separated; read back as an array, which `:tostr` joins with ';';
 * - time: a duration in milliseconds, written `300ms` or `9s`, read back as a time value, which
 *   `:tostr` prints `00:00:00.300` or `00:00:09`.
 */
export type PropValue =
  | { readonly kind: "word"; readonly text: string }
  | { readonly kind: "time"; readonly ms: number }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "list"; readonly items: readonly string[] };

export interface Prop {
  readonly name: string;
  readonly value: PropValue;
  /**
   * Written by `add` but never compared: the value is part of the entry's key, and RouterOS may
   * read it back in another form (an address list shows 10.0.0.1/32 as 10.0.0.1).
   */
  readonly addOnly?: boolean;
}

export interface ManagedEntry {
  readonly key: string;
  readonly props: readonly Prop[];
  /** How the router's own entries are matched against this one (identity.ts). */
  readonly identity: Identity;
}

export interface Menu {
  /** Menu path, e.g. "/ipv6/route". */
  readonly path: string;
  /**
   * Entry order matters (filter rules): missing entries are placed before their successor in
   * their chain, the last of a chain before the chain's first factory `defconf` drop when
   * `beforeDefconfDrop` is set (a firewall filter), else at the end.
   */
  readonly ordered: boolean;
  readonly beforeDefconfDrop?: boolean;
  /**
   * The menu's entries are checked, adopted and added only when the router has an entry of menu
   * `path` with `name` (the LAN interface list that a member names: RouterOS refuses a member of
   * a list it does not have, and the script never creates the list). Pruning runs either way.
   */
  readonly requires?: { readonly path: string; readonly name: string };
  readonly entries: readonly ManagedEntry[];
}

/** A key property with the forms `[:tostr [get]]` prints for the entry's value of it. */
function keyOf(props: readonly Prop[], name: string): KeyProp {
  const p = props.find((x) => x.name === name);
  if (!p) throw new Error(`internal: identity property ${name} is not written`);
  return { name, forms: readBack(p.value) };
}

/** Identity on the named properties of `props` (+ `fixed` ones), shown as they are. */
function identity(
  props: readonly Prop[],
  names: readonly string[],
  extra: { fixed?: readonly KeyProp[]; empty?: readonly string[]; conflict?: Conflict } = {},
): Identity {
  const key = [...names.map((n) => keyOf(props, n)), ...(extra.fixed ?? [])];
  return {
    keys: [key],
    shown: key,
    ...(extra.empty ? { empty: extra.empty } : {}),
    ...(extra.conflict ? { conflict: extra.conflict } : {}),
  };
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
const time = (name: string, ms: number): Prop => ({ name, value: { kind: "time", ms } });

const ip = (f: Family): string => (f === 4 ? "ip" : "ipv6");

function addressMenu(s: RouterOsDesiredState, f: Family): Menu {
  const entries = s.addresses
    .filter((a) => a.address.family === f)
    .map((a) => {
      const props = [
        word("address", `${a.address}/${a.network.length}`),
        word("interface", a.interface),
        ...(f === 6 ? [bool("advertise", a.advertise ?? false)] : []),
      ];
      const conflict: Conflict = {
        where: `address~${quote(`^${literalRegex(a.address.toString())}/`)}`,
        why: "the same address on another interface or with another prefix length",
      };
      return {
        key: `${ip(f)}-address:${a.address}`,
        props,
        identity: identity(props, ["address", "interface"], { conflict }),
      };
    });
  return { path: `/${ip(f)}/address`, ordered: false, entries };
}

function routeMenu(s: RouterOsDesiredState, f: Family): Menu {
  const routes = s.routes.filter((r) => r.dst.family === f);
  const entries = routes.map((r) => {
    // Equal-distance routes to one destination are ECMP in RouterOS v7 (flag `+` in
    // /ip/route/print): one entry per next hop, each keyed by it, none a conflict for another.
    const siblings = routes.filter((x) => x.dst.equals(r.dst)).map((x) => x.gateway);
    const props = [word("dst-address", r.dst), word("gateway", r.gateway)];
    const others = siblings
      .map((g) => ` and !(gateway~${quote(`^${literalRegex(g.toString())}$`)})`)
      .join("");
    const conflict: Conflict = {
      where: `dst-address=${quote(r.dst.toString())} and routing-table="main"${siblings.length > 1 ? others : ""}`,
      why: "the same destination in the main table through another gateway",
    };
    const fixed = [{ name: "routing-table", forms: ["main"] }];
    return {
      key: `${ip(f)}-route:${r.dst}${siblings.length > 1 ? `_via_${r.gateway}` : ""}`,
      props,
      identity: identity(props, ["dst-address", "gateway"], { fixed, conflict }),
    };
  });
  return { path: `/${ip(f)}/route`, ordered: false, entries };
}

function filterMenu(rules: readonly FilterRule[]): Menu {
  const position = new Map<string, number>();
  const entries = rules.map((r) => {
    const n = (position.get(r.chain) ?? 0) + 1;
    position.set(r.chain, n);
    const props = [word("chain", r.chain), text("rule", r.rule)];
    return {
      key: `filter-rule:${r.chain}:${n}`,
      props,
      identity: identity(props, ["chain", "rule"]),
    };
  });
  return { path: "/routing/filter/rule", ordered: true, entries };
}

function instanceMenu(bgp: BgpSettings | undefined): Menu {
  const props = bgp
    ? [
        word("name", bgp.instance),
        word("as", bgp.asn),
        ...(bgp.routerId ? [word("router-id", bgp.routerId)] : []),
      ]
    : [];
  // One instance per stack, keyed without its name: a rename is then a `set name=` while
  // connections still point at it, not a removal of an instance in use.
  const entries = bgp ? [{ key: "bgp-instance", props, identity: identity(props, ["name"]) }] : [];
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
    // Always written where it exists: a connection that loses BFD must not keep use-bfd=yes,
    // which keeps the session down while the peer runs no BFD.
    ...(hasBfd(v) ? [bool("use-bfd", n.bfd !== undefined)] : []),
    ...(n.holdTime !== undefined ? [time("hold-time", n.holdTime * 1000)] : []),
    ...(n.keepaliveTime !== undefined ? [time("keepalive-time", n.keepaliveTime * 1000)] : []),
    ...(explicit ? [] : optional("router-id", bgp.routerId)),
  ];
}

/**
 * One `/routing/bfd/configuration` entry per connection with BFD, matching exactly its peer
 * (`addresses`), with its timers; a single-hop entry names the interface toward the peer too.
 * The address is the entry's key, so it is written by `add` and never compared (RouterOS may
 * read a list of addresses back in another form).
 */
function bfdMenu(bgp: BgpSettings | undefined): Menu {
  const entries = (bgp?.connections ?? []).flatMap((n) =>
    n.bfd
      ? [
          ((props: Prop[]) => ({
            key: `bfd-config:${n.remoteAddress}`,
            props,
            identity: identity(props, ["addresses"]),
          }))([
            { ...word("addresses", n.remoteAddress), addOnly: true },
            ...(!n.multihop && n.interface ? [word("interfaces", n.interface)] : []),
            time("min-rx", n.bfd.minRxMs),
            time("min-tx", n.bfd.minTxMs),
            word("multiplier", n.bfd.multiplier),
            bool("forbid-bfd", false),
          ]),
        ]
      : [],
  );
  return { path: "/routing/bfd/configuration", ordered: false, entries };
}

/**
 * What a BGP connection peers with: the peer's address and AS, the session's role, and this
 * end's AS (before RouterOS 7.20, where the connection carries `as`). The router's own connection
 * equal on name or remote.address (community.routeros `api_modify`'s keys for this menu) is
 * adopted and every other property set as the stack wants (instance, local.address, afi, ...);
 * one of these differing would turn the owner's session to another peer or AS, so it stops the
 * script instead.
 */
const BGP_PEERING = ["as", "remote.address", "remote.as", "local.role"];
const BGP_BREAKS =
  "the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it";

function connectionMenu(bgp: BgpSettings | undefined, v: RouterOsVersion): Menu {
  const entries = (bgp?.connections ?? []).map((n) => {
    const props = bgp ? connectionProps(bgp, n, v) : [];
    // The same connection by its name, or by its peer (then renamed by the reconcile).
    const byName = [keyOf(props, "name")];
    const byPeer = [keyOf(props, "remote.address")];
    return {
      key: `bgp-connection:${n.name}`,
      props,
      identity: {
        keys: [byName, byPeer],
        shown: [...byName, ...byPeer],
        adoptSets: {
          props: props.map((p) => p.name).filter((name) => !BGP_PEERING.includes(name)),
          breaks: BGP_BREAKS,
        },
      },
    };
  });
  return { path: "/routing/bgp/connection", ordered: false, entries };
}

/**
 * The VLAN interfaces on the trunk, identified on `interface` + `vlan-id` (issue 17 section 3,
 * as community.routeros's api_modify for /interface/vlan): the router's own VLAN interface with
 * both equal is adopted (and renamed to the stack's name if it differs); another entry with the
 * stack's name on another interface or VLAN ID stops the script before its first change.
 */
function vlanMenu(vlans: readonly VlanInterface[]): Menu {
  const entries = vlans.map((v) => {
    const props = [
      word("name", v.name),
      word("vlan-id", v.vlanId),
      word("interface", v.interface),
      ...(v.mtu !== undefined ? [word("mtu", v.mtu)] : []),
    ];
    const conflict: Conflict = {
      where: `name=${quote(v.name)}`,
      why: "an interface of that name on another interface or with another VLAN ID",
    };
    return {
      key: `vlan:${v.interface}:${v.vlanId}`,
      props,
      identity: identity(props, ["interface", "vlan-id"], { conflict }),
    };
  });
  return { path: "/interface/vlan", ordered: false, entries };
}

/** The interface list a factory (`defconf`) RouterOS configuration trusts. */
export const LAN_LIST = "LAN";

/**
 * The router's interfaces that hold site addresses (but those on a zone whose default denies:
 * state.ts lanMembership), each a member of the interface list `LAN`
 * when the router has that list, identified on `list` + `interface`: the router's own
 * membership is adopted, never added twice. A factory configuration's firewall drops what comes
 * in on an interface outside `LAN` (`defconf: drop all not coming from LAN`, and IPv6's `defconf:
 * drop everything else not coming from LAN`); MikroTik's VLAN examples on a defconf router add
 * the new VLAN interface to `LAN` the same way (issue 17 sections 3 and 5).
 */
function lanMemberMenu(interfaces: readonly string[]): Menu {
  const entries = interfaces.map((i) => {
    const props = [word("list", LAN_LIST), word("interface", i)];
    return {
      key: `lan-member:${i}`,
      props,
      identity: identity(props, ["list", "interface"]),
    };
  });
  return {
    path: "/interface/list/member",
    ordered: false,
    requires: { path: "/interface/list", name: LAN_LIST },
    entries,
  };
}

function dnsMenu(s: RouterOsDesiredState): Menu {
  const entries = s.dns.map((d) => {
    const props = [
      word("name", d.name),
      word("type", d.address.family === 4 ? "A" : "AAAA"),
      word("address", d.address),
    ];
    return {
      key: `dns:${d.name}/${d.address}`,
      props,
      identity: identity(props, ["name", "type"]),
    };
  });
  return { path: "/ip/dns/static", ordered: false, entries };
}

function addressListMenu(s: RouterOsDesiredState, f: Family): Menu {
  const entries = (s.firewall?.addressLists ?? [])
    .filter((e) => e.address.family === f)
    .map((e) => {
      const props = [word("list", e.list), { ...word("address", e.address), addOnly: true }];
      // RouterOS prints a host prefix without its length (10.0.0.1 for 10.0.0.1/32).
      const host = e.address.length === e.address.bits ? [e.address.first.toString()] : [];
      const address = { name: "address", forms: [e.address.toString(), ...host] };
      const key = [keyOf(props, "list"), address];
      return {
        key: `fw-list:${e.list}:${e.address}`,
        props,
        identity: { keys: [key], shown: key },
      };
    });
  return { path: `/${ip(f)}/firewall/address-list`, ordered: false, entries };
}

const listText = (m: ListMatch): string => `${m.negate ? "!" : ""}${m.list}`;

/** The matchers `filterProps` may write (and `connection-nat-state`, a FILTER_MATCHERS one). */
const FILTER_RULE_PROPS = [
  "connection-state",
  "src-address",
  "in-interface",
  "src-address-list",
  "dst-address-list",
  "protocol",
  "dst-port",
];

function filterProps(r: FirewallFilter): Prop[] {
  return [
    word("chain", r.chain),
    word("action", r.action),
    ...(r.connectionState ? [list("connection-state", r.connectionState)] : []),
    ...(r.connectionNatState ? [word("connection-nat-state", r.connectionNatState)] : []),
    ...(r.srcAddress ? [word("src-address", r.srcAddress)] : []),
    ...(r.inInterface ? [word("in-interface", r.inInterface)] : []),
    ...(r.src ? [text("src-address-list", listText(r.src))] : []),
    ...(r.dst ? [text("dst-address-list", listText(r.dst))] : []),
    ...(r.protocol ? [word("protocol", r.protocol)] : []),
    ...(r.dstPort ? [text("dst-port", r.dstPort)] : []),
    bool("log", r.log),
    ...(r.log ? [text("log-prefix", r.tag)] : []),
  ];
}

/**
 * Filter rules in order. A rule's key holds its position and a digest of its properties, so a
 * changed or moved rule is a new entry (removed, then added at its place): nothing a rule no
 * longer has ever lingers on the router, and the chain keeps the policy's order.
 */
function firewallFilterMenu(s: RouterOsDesiredState, f: Family): Menu {
  const rules = (s.firewall?.filters ?? []).filter((r) => r.family === f);
  const entries = rules.map((r, i) => {
    const props = filterProps(r);
    const digest = createHash("sha256").update(JSON.stringify(props)).digest("hex").slice(0, 8);
    const tag = r.tag.replace(/=/g, ".");
    // The same rule: every matcher and the action equal, every other matcher empty.
    const matchers = props.filter((p) => p.name !== "log" && p.name !== "log-prefix");
    const unset = FILTER_RULE_PROPS.filter((n) => !props.some((p) => p.name === n));
    return {
      key: `fw-filter:${String(i + 1).padStart(3, "0")}:${tag}:${digest}`,
      props,
      identity: identity(
        props,
        matchers.map((p) => p.name),
        {
          // `connection-nat-state` is written only on the port-forward rule (firewall.ts).
          empty: [
            ...unset,
            ...FILTER_MATCHERS.filter(
              (m) => !FILTER_RULE_PROPS.includes(m) && !props.some((p) => p.name === m),
            ),
          ],
        },
      ),
    };
  });
  return { path: `/${ip(f)}/firewall/filter`, ordered: true, beforeDefconfDrop: true, entries };
}

/**
 * Source NAT rules of one family. An entry's identity is its full match and action: the router's
 * own rule with the same chain, action, out-interface, source (and netmap target), and no other
 * matcher, is adopted; anything else is another rule and left alone.
 */
function natMenu(s: RouterOsDesiredState, f: Family): Menu {
  const target = f === 4 ? "to-addresses" : "to-address";
  const entries = (s.nat ?? [])
    .filter((r) => r.family === f)
    .map((r) => {
      const props = [
        word("chain", "srcnat"),
        word("action", r.action),
        word("out-interface", r.outInterface),
        word("src-address", r.srcAddress),
        ...(r.toAddress ? [word(target, r.toAddress)] : []),
      ];
      const to = r.toAddress ? `:${r.toAddress}` : "";
      const unset = r.toAddress ? [] : [target];
      return {
        key: `nat:${r.outInterface}:${r.srcAddress}:${r.action}${to}`,
        props,
        identity: identity(
          props,
          props.map((p) => p.name),
          { empty: [...unset, ...NAT_MATCHERS] },
        ),
      };
    });
  return { path: `/${ip(f)}/firewall/nat`, ordered: false, entries };
}

/**
 * Every menu the stack may own, in dependency order: addresses before the routes that use them,
 * filter chains, the BGP instance and the BFD entries before the connections that need them. The
 * instance menu exists from RouterOS 7.20 on only and BFD is written from 7.15 on, so earlier
 * versions never touch them.
 */
export function menus(s: RouterOsDesiredState, v: RouterOsVersion): Menu[] {
  const all = [
    // The VLAN interfaces before the addresses on them (and pruned after them).
    ...(s.vlans !== undefined ? [vlanMenu(s.vlans)] : []),
    // The memberships after the VLAN interfaces they name (and pruned before them).
    ...(s.lanMembers !== undefined ? [lanMemberMenu(s.lanMembers)] : []),
    addressMenu(s, 4),
    addressMenu(s, 6),
    routeMenu(s, 4),
    routeMenu(s, 6),
    filterMenu(s.filterRules),
    ...(hasBgpInstances(v) ? [instanceMenu(s.bgp)] : []),
    // The BFD entries before the connections that use them (and pruned after them).
    ...(hasBfd(v) ? [bfdMenu(s.bgp)] : []),
    connectionMenu(s.bgp, v),
    dnsMenu(s),
    // Lists before the rules that name them (and the rules pruned before the lists).
    addressListMenu(s, 4),
    addressListMenu(s, 6),
    firewallFilterMenu(s, 4),
    firewallFilterMenu(s, 6),
    // On every router, with or without an uplink: the prune of a router without one removes
    // the masquerade of an uplink the stack had before (the factory's `defconf: masquerade`,
    // not ours, stays).
    natMenu(s, 4),
    natMenu(s, 6),
  ];
  checkNames(all, v);
  return all;
}

/**
 * Throws if a menu or property written is not one the table (versions.ts) gives for `v`: every
 * name in a script comes from a sourced row for its release.
 */
function checkNames(all: readonly Menu[], v: RouterOsVersion): void {
  const missing = (what: string): Error =>
    new Error(`internal: render/routeros/versions.ts gives RouterOS ${v.text} no ${what}`);
  for (const m of all) {
    if (!hasName(v.minor, m.path)) throw missing(m.path);
    for (const e of m.entries)
      for (const p of e.props)
        if (!hasName(v.minor, m.path, p.name)) throw missing(`${m.path} ${p.name}`);
  }
}
