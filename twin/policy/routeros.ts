// A RouterOS router's firewall in the twin: the `/ip(v6)/firewall/filter` rules and
// `/ip(v6)/firewall/address-list` entries the reconcile script leaves in the menu model, translated
// to an nftables ruleset for the router's namespace. It is a translation, not RouterOS; what it
// assumes of RouterOS v7 (also in the README's twin section):
// - `/ip/firewall/filter` filters IPv4 and `/ipv6/firewall/filter` IPv6 (table `ip routeros`,
//   table `ip6 routeros`); the built-in chains `input` (to the router), `forward` (through it) and
//   `output` (from it) are netfilter's hooks of the same names, at filter priority;
// - rules run in list order, the first `accept`, `drop` or `reject` decides; `log` and
//   `passthrough` go on to the next rule; a chain ending without a verdict accepts;
// - `action` defaults to accept; `reject` answers ICMP network unreachable (IPv4) or no route
//   (IPv6), RouterOS's default `reject-with`; `log=yes` logs with `log-prefix`, then acts;
// - `connection-state` matches conntrack's state of the same name (established, related, new,
//   invalid, untracked), connection tracking being on (RouterOS's `auto` turns it on once a rule
//   uses the state);
// - `src-address-list`/`dst-address-list` match an address in any entry of the list (entries may
//   overlap), `!list` an address in none; a list without entries matches nothing;
// - `src-address`/`dst-address` (one address or prefix) are `ip(6) saddr`/`daddr`; `in-interface` is `iifname`, the
//   twin naming the router's interfaces as RouterOS does;
// - `protocol` names an IP protocol (icmpv6 is ICMPv6, ipsec-esp ESP); `dst-port` (22,443 or
//   5404-5412) needs tcp or udp, as RouterOS requires.
// The factory (`defconf`) rules' matchers, so that a router started from an `/export` keeps them:
// - `in-interface-list`/`out-interface-list` (`!` negates) are `iifname`/`oifname` in the list's
//   `/interface/list/member` interfaces; a list without members matches nothing (`!list`:
//   everything), so a rule on it is left out;
// - `connection-nat-state=dstnat` is conntrack's dnat status bit (`!dstnat`: not set);
// - `ipsec-policy=<dir>,ipsec` never matches (the twin has no IPsec) and the rule is left out;
//   `<dir>,none` always matches;
// - `action=fasttrack-connection` (its `hw-offload` ignored) is an accept: RouterOS bypasses the rest of the firewall for
//   the connection, which the defconf's next rule accepts anyway (established,related);
// - `hop-limit=equal:N` is `ip6 hoplimit N`; `protocol` may be a number (`meta l4proto N`).
// Anything else (another chain, `jump`, `return`, a property the translation does not know) fails
// the twin with the rule named: never skipped.
import { Family } from "../../addressing/ip";

/** The RouterOS menus this translation realises. */
export const FIREWALL_MENUS = [
  "/ip/firewall/filter",
  "/ipv6/firewall/filter",
  "/ip/firewall/address-list",
  "/ipv6/firewall/address-list",
  "/ip/firewall/nat",
  "/ipv6/firewall/nat",
] as const;

/** A menu's entries as the RouterOS model prints them (`RouterModel.rows`). */
export type MenuRows = (menu: string) => readonly Record<string, string>[];

const CHAINS = ["input", "forward", "output"];
const STATES = ["established", "related", "new", "invalid", "untracked"];
const PROTOCOLS: Record<string, string> = {
  tcp: "tcp",
  udp: "udp",
  icmp: "icmp",
  icmpv6: "ipv6-icmp",
  gre: "gre",
  "ipsec-esp": "esp",
  "ipsec-ah": "ah",
};
const HANDLED = [
  "chain",
  "action",
  "connection-state",
  "src-address",
  "dst-address",
  "in-interface",
  "in-interface-list",
  "out-interface-list",
  "connection-nat-state",
  "ipsec-policy",
  "hop-limit",
  "hw-offload",
  "disabled",
  "src-address-list",
  "dst-address-list",
  "protocol",
  "dst-port",
  "log",
  "log-prefix",
  "comment",
];
/** nftables keeps at most 128 bytes of a rule's comment. */
const COMMENT_MAX = 128;

const quoted = (text: string, max: number) => `"${text.replace(/["\\]/g, "'").slice(0, max - 1)}"`;

/** One family's table: the address lists as sets and the filter rules in their chains. */
function table(router: string, f: Family, rows: MenuRows): string[] {
  const ip = f === 4 ? "ip" : "ipv6";
  const filterMenu = `/${ip}/firewall/filter`;
  const listMenu = `/${ip}/firewall/address-list`;
  const rules = rows(filterMenu);
  if (rules.length === 0) return [];
  const entries = new Map<string, string[]>();
  for (const e of rows(listMenu)) entries.set(e.list, [...(entries.get(e.list) ?? []), e.address]);
  const setNames = new Map<string, string>();
  const setOf = (list: string): string => {
    const known = setNames.get(list);
    if (known) return known;
    const base = `l_${list.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, 60);
    let name = base;
    for (let n = 2; [...setNames.values()].includes(name); n++) name = `${base}_${n}`;
    setNames.set(list, name);
    return name;
  };
  const addr = f === 4 ? "ip" : "ip6";
  const members = new Map<string, string[]>();
  for (const m of rows("/interface/list/member"))
    if (m.disabled !== "true" && m.disabled !== "yes")
      members.set(m.list, [...(members.get(m.list) ?? []), m.interface]);
  const chains = new Map<string, string[]>();
  rules.forEach((r, i) => {
    const where = `${filterMenu} rule ${i + 1} of ${router}`;
    const fail = (what: string): never => {
      throw new Error(`${where}: ${what} is not modelled by the twin's RouterOS translation`);
    };
    for (const [k, v] of Object.entries(r)) if (!HANDLED.includes(k)) fail(`${k}=${v}`);
    if (!CHAINS.includes(r.chain)) fail(`chain=${r.chain} (a chain reached by jump)`);
    if (r.disabled === "true" || r.disabled === "yes") return;
    if (r["hw-offload"] !== undefined && r.action !== "fasttrack-connection")
      fail(`hw-offload=${r["hw-offload"]} on action=${r.action ?? "accept"}`);
    const parts: string[] = [];
    let never = false;
    for (const [prop, meta] of [
      ["in-interface-list", "iifname"],
      ["out-interface-list", "oifname"],
    ] as const) {
      const ref = r[prop];
      if (ref === undefined) continue;
      const negate = ref.startsWith("!");
      const names = members.get(negate ? ref.slice(1) : ref) ?? [];
      for (const n of names) if (!/^[A-Za-z0-9_.-]{1,15}$/.test(n)) fail(`${prop} member ${n}`);
      if (names.length === 0) never = never || !negate;
      else parts.push(`${meta} ${negate ? "!= " : ""}{ ${names.map((n) => `"${n}"`).join(", ")} }`);
    }
    const nat = r["connection-nat-state"];
    if (nat !== undefined) {
      if (nat !== "dstnat" && nat !== "!dstnat") fail(`connection-nat-state=${nat}`);
      parts.push(`ct status & dnat ${nat === "dstnat" ? "!=" : "=="} 0`);
    }
    const ipsec = r["ipsec-policy"];
    if (ipsec !== undefined) {
      const m = /^(in|out),(ipsec|none)$/.exec(ipsec) ?? fail(`ipsec-policy=${ipsec}`);
      never = never || m[2] === "ipsec";
    }
    const hop = r["hop-limit"];
    if (hop !== undefined) {
      const m = /^equal:([0-9]{1,3})$/.exec(hop) ?? fail(`hop-limit=${hop}`);
      if (f !== 6) fail(`hop-limit=${hop} on IPv4`);
      parts.push(`ip6 hoplimit ${m[1]}`);
    }
    if (never) return;
    if (r["connection-state"] !== undefined) {
      const states = r["connection-state"].split(";");
      for (const s of states) if (!STATES.includes(s)) fail(`connection-state=${s}`);
      parts.push(`ct state ${states.join(",")}`);
    }
    for (const [prop, dir] of [
      ["src-address", "saddr"],
      ["dst-address", "daddr"],
    ] as const) {
      const v = r[prop];
      if (v === undefined) continue;
      if (!/^[0-9A-Fa-f.:]+(\/[0-9]{1,3})?$/.test(v)) fail(`${prop}=${v}`);
      parts.push(`${addr} ${dir} ${v}`);
    }
    if (r["in-interface"] !== undefined) {
      if (!/^[A-Za-z0-9_.-]{1,15}$/.test(r["in-interface"]))
        fail(`in-interface=${r["in-interface"]}`);
      parts.push(`iifname "${r["in-interface"]}"`);
    }
    for (const [prop, dir] of [
      ["src-address-list", "saddr"],
      ["dst-address-list", "daddr"],
    ] as const) {
      const ref = r[prop];
      if (ref === undefined) continue;
      const negate = ref.startsWith("!");
      parts.push(`${addr} ${dir} ${negate ? "!= " : ""}@${setOf(negate ? ref.slice(1) : ref)}`);
    }
    if (r.protocol !== undefined) {
      const proto =
        PROTOCOLS[r.protocol] ??
        (/^[0-9]{1,3}$/.test(r.protocol) ? r.protocol : fail(`protocol=${r.protocol}`));
      if (r["dst-port"] !== undefined) {
        if (proto !== "tcp" && proto !== "udp") fail(`dst-port with protocol=${r.protocol}`);
        const ports = r["dst-port"].split(",");
        parts.push(`${proto} dport ${ports.length === 1 ? ports[0] : `{ ${ports.join(", ")} }`}`);
      } else parts.push(`meta l4proto ${proto}`);
    } else if (r["dst-port"] !== undefined) fail("dst-port without protocol");
    const action = r.action ?? "accept";
    const log = r.log === "true" || action === "log";
    if (log) parts.push(`log prefix ${quoted(`${r["log-prefix"] ?? ""} `, 128)}`);
    if (action === "accept" || action === "drop" || action === "fasttrack-connection")
      parts.push(action === "drop" ? "drop" : "accept");
    else if (action === "reject")
      parts.push(
        f === 4 ? "reject with icmp type net-unreachable" : "reject with icmpv6 type no-route",
      );
    else if (action === "passthrough") parts.push("counter");
    else if (action !== "log") fail(`action=${action}`);
    const label = `${filterMenu} ${i + 1}${r.comment ? `: ${r.comment}` : ""}`;
    parts.push(`comment ${quoted(label, COMMENT_MAX)}`);
    chains.set(r.chain, [...(chains.get(r.chain) ?? []), parts.join(" ")]);
  });
  const family = f === 4 ? "ip" : "ip6";
  return [
    `table ${family} routeros`,
    `delete table ${family} routeros`,
    `table ${family} routeros {`,
    ...[...setNames].flatMap(([list, name]) => {
      const elements = entries.get(list) ?? [];
      return [
        `\tset ${name} {`,
        `\t\ttype ${f === 4 ? "ipv4_addr" : "ipv6_addr"}`,
        "\t\tflags interval",
        "\t\tauto-merge",
        ...(elements.length > 0 ? [`\t\telements = { ${elements.join(", ")} }`] : []),
        "\t}",
      ];
    }),
    ...CHAINS.filter((c) => chains.has(c)).flatMap((c) => [
      `\tchain ${c} {`,
      `\t\ttype filter hook ${c} priority filter; policy accept;`,
      ...(chains.get(c) ?? []).map((x) => `\t\t${x}`),
      "\t}",
    ]),
    "}",
  ];
}

/**
 * A RouterOS router's source NAT (`/ip(v6)/firewall/nat`, chain srcnat) as one nft table per
 * family (`ip routeros_nat`, `ip6 routeros_nat`), hook postrouting at srcnat priority, rules in
 * list order: `action=masquerade` is nftables `masquerade`, `action=netmap to-address(es)=P` is
 * `snat prefix to` P mapped from the rule's `src-address` (the same host bits). `out-interface`
 * is `oifname`, `src-address` `saddr`. Anything else (another chain or action, another matcher)
 * fails the twin with the rule named.
 */
function natTable(router: string, f: Family, rows: MenuRows): string[] {
  const menu = `/${f === 4 ? "ip" : "ipv6"}/firewall/nat`;
  const a = f === 4 ? "ip" : "ip6";
  const known = [
    "chain",
    "action",
    "out-interface",
    "src-address",
    "to-address",
    "to-addresses",
    "out-interface-list",
    "ipsec-policy",
    "comment",
    "disabled",
  ];
  const members = new Map<string, string[]>();
  for (const m of rows("/interface/list/member"))
    if (m.disabled !== "true" && m.disabled !== "yes")
      members.set(m.list, [...(members.get(m.list) ?? []), m.interface]);
  const rules = rows(menu).flatMap((r, i) => {
    const fail = (what: string): never => {
      throw new Error(
        `${menu} rule ${i + 1} of ${router}: ${what} is not modelled by the twin's RouterOS translation`,
      );
    };
    for (const [k, v] of Object.entries(r)) if (!known.includes(k)) fail(`${k}=${v}`);
    if (r.disabled === "true" || r.disabled === "yes") return [];
    if (r.chain !== "srcnat") fail(`chain=${r.chain}`);
    const parts: string[] = [];
    // The factory masquerade: `out-interface-list=WAN` (its members; none: never matches) and
    // `ipsec-policy=out,none` (always matches: the twin has no IPsec; `out,ipsec` never does).
    const list = r["out-interface-list"];
    if (list !== undefined) {
      const negate = list.startsWith("!");
      const names = members.get(negate ? list.slice(1) : list) ?? [];
      if (names.length === 0) {
        if (!negate) return [];
      } else
        parts.push(`oifname ${negate ? "!= " : ""}{ ${names.map((n) => `"${n}"`).join(", ")} }`);
    }
    const ipsec = r["ipsec-policy"];
    if (ipsec !== undefined) {
      const m = /^(in|out),(ipsec|none)$/.exec(ipsec) ?? fail(`ipsec-policy=${ipsec}`);
      if (m[2] === "ipsec") return [];
    }
    const out = r["out-interface"];
    if (out !== undefined) {
      if (!/^[A-Za-z0-9_.-]{1,15}$/.test(out)) fail(`out-interface=${out}`);
      parts.push(`oifname "${out}"`);
    }
    const src = r["src-address"];
    if (src !== undefined) {
      if (!/^[0-9A-Fa-f.:]+(\/[0-9]{1,3})?$/.test(src)) fail(`src-address=${src}`);
      parts.push(`${a} saddr ${src}`);
    }
    if (r.action === "masquerade") parts.push("masquerade");
    else if (r.action === "netmap") {
      const to = r["to-address"] ?? r["to-addresses"];
      if (!to || !src || !/^[0-9A-Fa-f.:]+\/[0-9]{1,3}$/.test(to))
        fail(`netmap without src-address and a to-address prefix`);
      parts.push(`snat ${a} prefix to ${a} saddr map { ${src} : ${to} }`);
    } else fail(`action=${r.action}`);
    parts.push(
      `comment ${quoted(`${menu} ${i + 1}${r.comment ? `: ${r.comment}` : ""}`, COMMENT_MAX)}`,
    );
    return [parts.join(" ")];
  });
  if (rules.length === 0) return [];
  return [
    `table ${a} routeros_nat`,
    `delete table ${a} routeros_nat`,
    `table ${a} routeros_nat {`,
    "\tchain srcnat {",
    "\t\ttype nat hook postrouting priority srcnat; policy accept;",
    ...rules.map((x) => `\t\t${x}`),
    "\t}",
    "}",
  ];
}

/**
 * The nftables ruleset of a RouterOS router's firewall (tables `ip routeros` and `ip6 routeros`,
 * each replaced on load), from its menus after the script ran; undefined when it has no filter
 * rule. Throws naming the rule for anything the translation does not model.
 */
export function routerOsFirewallToNft(
  router: string,
  source: string,
  rows: MenuRows,
): string | undefined {
  const tables = ([4, 6] as const).flatMap((f) => [
    ...table(router, f, rows),
    ...natTable(router, f, rows),
  ]);
  if (tables.length === 0) return undefined;
  return [
    `# The firewall of RouterOS router ${router} (${source}: /ip and /ipv6 firewall filter rules and`,
    "# address lists, after the script ran on the menu model), translated to nftables by the twin.",
    ...tables,
    "",
  ].join("\n");
}
