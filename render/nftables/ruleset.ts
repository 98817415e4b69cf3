// The policy as one nftables ruleset for a Linux router (or the stand-in that plays a router this
// stack does not configure): one `inet` table of the stack's own, with a named interval set per
// address set and one rule per filter line, in order. Pure: text out; components/linux-router.ts
// delivers it over SSH, the tests check it with `nft -c -f` and load it in network namespaces.
//
// Ownership: the file creates the table if missing, deletes it and defines it again, all in one
// nft transaction, so that loading it replaces exactly this stack's table and never touches
// another table (the distribution's, mwan3's, another stack's). Hooks of other tables still see
// every packet: a packet passes only if every table accepts it.
import { Family } from "../../addressing/ip";
import { EgressNat } from "../../topology/egress";
import { AddressSet } from "../../topology/address-set";
import { acceptsDstNat, FilterLine, filterLines } from "../../topology/policy-lines";
import { lineHints, SetNames, sideSet } from "../policy/names";
import { Policy, PolicyPoint } from "../../topology/policy-types";
import { portsText } from "../../topology/policy-text";

/** Pulumi's stack names: letters, digits, '-', '_' and '.', at most 100 characters. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const ESCAPES: Readonly<Record<string, string>> = { "-": "_d", _: "_u", ".": "_p" };

/**
 * The stack's table, one per stack name (an injective encoding into nft's [A-Za-z0-9_]):
 * - a name of letters, digits and '-' that starts with a letter or digit: `homelab_<name>` with
 *   '-' written as '_' (`arc-hybrid` -> `homelab_arc_hybrid`, the name tables always had);
 * - any other name: `homelab__` and the name with '-', '_', '.' escaped as `_d`, `_u`, `_p`
 *   (`x_y` -> `homelab__x_uy`). The escapes are prefix-free, and only these names put '_'
 *   right after `homelab_`, so no two stack names share a table.
 * At most 209 characters: nft takes 255 (NFT_NAME_MAXLEN 256 with the NUL), and the ruleset's
 * file `/etc/nftables.d/<table>.nft` must fit a 255-byte file name.
 */
export function nftTableName(stack: string): string {
  if (!STACK_NAME.test(stack)) {
    throw new Error(`stack name ${JSON.stringify(stack)} cannot name an nftables table`);
  }
  if (/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(stack)) return `homelab_${stack.replace(/-/g, "_")}`;
  return `homelab__${stack.replace(/[-_.]/g, (c) => ESCAPES[c])}`;
}

const addr = (f: Family) => (f === 4 ? "ipv4_addr" : "ipv6_addr");
const ip = (f: Family) => (f === 4 ? "ip" : "ip6");

/** nftables set names: letters, digits and '_', with the family (`z_storage_v4`). */
const NFT_NAMES = {
  format: (hint: string, f: Family) => `${hint.replace(/[^A-Za-z0-9_]/g, "_")}_v${f}`,
  maxLength: 63,
};

function side(sets: SetNames, f: Family, dir: "saddr" | "daddr", s: AddressSet, hint: string) {
  const m = sideSet(f, s);
  if (!m) return "";
  const name = sets.name(m.negate ? `not-${hint}` : hint, f, m.set);
  return `${ip(f)} ${dir} ${m.negate ? "!= " : ""}@${name} `;
}

function service(l: FilterLine): string {
  if (l.protocol === "icmp") return `meta l4proto ${l.family === 4 ? "icmp" : "ipv6-icmp"} `;
  if (l.protocol === "any") return "";
  if (l.ports.length === 0) return `meta l4proto ${l.protocol} `;
  const ports = portsText(l.ports).split(",");
  return `${l.protocol} dport ${ports.length === 1 ? ports[0] : `{ ${ports.join(", ")} }`} `;
}

function ruleText(p: Policy, sets: SetNames, l: FilterLine): string {
  const [srcHint, dstHint] = lineHints(p, l);
  const match =
    side(sets, l.family, "saddr", l.src, srcHint) + side(sets, l.family, "daddr", l.dst, dstHint);
  const family = match === "" ? `meta nfproto ipv${l.family} ` : "";
  const log = l.log ? `log prefix "${l.tag} " ` : "";
  return `${family}${match}${service(l)}${log}${l.action === "allow" ? "accept" : "drop"} comment "homelab:${l.tag}"`;
}

const STATEFUL = [
  'ct state established,related accept comment "homelab:stateful"',
  'ct state invalid drop comment "homelab:invalid"',
];

/** Port forwards pass an internet zone that denies (topology/policy-lines.ts, acceptsDstNat). */
const DSTNAT = 'ct status dnat accept comment "homelab:dstnat"';

function chain(name: "forward" | "input", rules: readonly string[], dstNat = false): string[] {
  return [
    `\tchain ${name} {`,
    `\t\ttype filter hook ${name} priority filter; policy accept;`,
    ...[...STATEFUL, ...(dstNat ? [DSTNAT] : []), ...rules].map((r) => `\t\t${r}`),
    "\t}",
  ];
}

/** nftables interface names: at most 15 bytes (IFNAMSIZ 16 with the NUL). */
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * One source NAT rule of the way out (topology/egress.ts): `masquerade` to the uplink's address,
 * or `netmap` as nftables' prefix snat (`snat ip6 prefix to ip6 saddr map { src : to }`, the
 * nft(8) manual's NAT statement; a stateful 1:1 prefix mapping in the spirit of RFC 6296).
 */
export function natRuleText(n: EgressNat): string {
  if (!IFNAME.test(n.outInterface))
    throw new Error(`${n.outInterface}: not a Linux interface name`);
  const a = ip(n.family);
  const match = `oifname "${n.outInterface}" ${a} saddr ${n.src}`;
  if (n.action === "masquerade") return `${match} masquerade comment "homelab:egress"`;
  if (!n.to) throw new Error(`netmap of ${n.src}: no target prefix`);
  return `${match} snat ${a} prefix to ${a} saddr map { ${n.src} : ${n.to} } comment "homelab:egress"`;
}

const anon = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `{ ${items.join(", ")} }`;

/**
 * The masquerade entries of a family as one rule over anonymous sets of interfaces and sources
 * (nft matches a packet against a set in one lookup), then each netmap entry as its own rule.
 */
export function natRules(nat: readonly EgressNat[]): string[] {
  return ([4, 6] as const).flatMap((f) => {
    const masq = nat.filter((n) => n.family === f && n.action === "masquerade");
    for (const n of masq)
      if (!IFNAME.test(n.outInterface))
        throw new Error(`${n.outInterface}: not a Linux interface name`);
    const ifaces = [...new Set(masq.map((n) => `"${n.outInterface}"`))];
    const srcs = [...new Set(masq.map((n) => n.src.toString()))];
    return [
      ...(masq.length > 0
        ? [
            `oifname ${anon(ifaces)} ${ip(f)} saddr ${anon(srcs)} masquerade comment "homelab:egress"`,
          ]
        : []),
      ...nat.filter((n) => n.family === f && n.action === "netmap").map(natRuleText),
    ];
  });
}

function natChain(nat: readonly EgressNat[]): string[] {
  if (nat.length === 0) return [];
  return [
    "\tchain postrouting {",
    "\t\ttype nat hook postrouting priority srcnat; policy accept;",
    ...natRules(nat).map((r) => `\t\t${r}`),
    "\t}",
  ];
}

/** Where the ruleset comes from, for its header. */
export interface NftHeader {
  readonly router: string;
  readonly stack: string;
}

/**
 * The ruleset of a Linux router: the policy (when it enforces one) and the way out. The forward
 * chain holds the zone rules; the input chain exists only when a rule names the router itself;
 * the postrouting chain holds the source NAT toward the uplink (`nat`). Throws for a point that
 * is not a router this stack configures (a Proxmox host's rules are its firewall's, an external
 * router's are Manual steps).
 */
export function renderNftables(
  p: Policy | undefined,
  point: PolicyPoint | undefined,
  h: NftHeader,
  nat: readonly EgressNat[] = [],
): string {
  if (point && point.kind !== "router")
    throw new Error(`${point.device}: not a router this stack configures`);
  const table = nftTableName(h.stack);
  const natLines = natChain(nat);
  if (!p || !point) {
    return [...header(h, table), `table inet ${table} {`, ...natLines, "}", ""].join("\n");
  }
  const sets = new SetNames(p, NFT_NAMES);
  const lines = filterLines(p, point);
  const forward = lines.filter((l) => l.chain === "forward").map((l) => ruleText(p, sets, l));
  const input = lines.filter((l) => l.chain === "input").map((l) => ruleText(p, sets, l));
  const setLines = sets
    .all()
    .flatMap((s) => [
      `\tset ${s.name} {`,
      `\t\ttype ${addr(s.family)}`,
      "\t\tflags interval",
      `\t\telements = { ${s.set.blocks(s.family).map(String).join(", ")} }`,
      "\t}",
    ]);
  return [
    ...header(h, table),
    `table inet ${table} {`,
    ...setLines,
    ...chain("forward", forward, acceptsDstNat(p)),
    ...(input.length > 0 ? chain("input", input) : []),
    ...natLines,
    "}",
    "",
  ].join("\n");
}

function header(h: NftHeader, table: string): string[] {
  return [
    "#!/usr/sbin/nft -f",
    `# nftables ruleset of router ${h.router}, stack ${h.stack}. Generated by homelab-netcode; do not edit.`,
    `# Owns exactly table inet ${table}: these three statements replace it in one transaction and`,
    "# touch no other table. Order: replies, traffic inside a zone, the policy's rules, then each",
    "# zone's default where it denies. Comments name the rule or zone default of every line.",
    `table inet ${table}`,
    `delete table inet ${table}`,
  ];
}
