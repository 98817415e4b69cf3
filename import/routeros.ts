// A RouterOS 7 export (read by twin/routeros/export.ts) into a homelab:routers entry: name,
// version, ASN, router ID, addresses, static routes (routes), BGP connections (bgpPeers) and
// static DNS records, plus its VLAN interfaces (homelab:segments, built by stack.ts) and its
// filter rules (homelab:policy, import/filters.ts). The rest (bridges, any other menu, a property
// the stack has no key for) is reported with its file and line.
import * as ipaddr from "ipaddr.js";
import { Address } from "../addressing/ip";
import { REDACTED } from "../addressing/quote";
import { Problem } from "../addressing/problems";
import { dnsName } from "../site/schema";
import { ExportCommand, RouterOsExport } from "../twin/routeros/export";
import { parseRouterOsTime } from "../twin/routeros/model";
import { RouterFilter } from "./filters";
import { DEFCONF_DROPS } from "../topology/policy-eval";
import { Report } from "./report";

const IFACE = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

/** Why an interface name of the router is not one the stack holds, with the rename that fixes it. */
function ifaceWhy(menu: string, n: string): string {
  const renamed = n.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z]+/, "") || "vlanN";
  return `the interface name ${JSON.stringify(n)} is not one the stack holds (a letter, then letters, digits, '_', '.' or '-', at most 32 characters): rename it on the router (${menu}/set [find name=${JSON.stringify(n)}] name=${renamed.slice(0, 32)}, for every interface named so) and export again; the router keeps it as it is`;
}

function arg(c: ExportCommand, key: string): string | undefined {
  return c.args.find(([k]) => k === key)?.[1];
}

/**
 * Properties that hold a secret in one menu only, where their name says nothing of it: an SNMP
 * community's `name` is its password (RFC 1157 section 3.2.5; RouterOS `/snmp/community`), which
 * redactConfigLine cannot tell from any other `name=` (new-user trial 3, finding 7).
 */
const SECRET_IN_MENU: Record<string, readonly string[]> = { "/snmp/community": ["name"] };

/** The text of an export command as the report may show it: SECRET_IN_MENU values redacted. */
function shownCommand(c: ExportCommand): string {
  return (SECRET_IN_MENU[c.menu] ?? []).reduce(
    (t, k) =>
      t.replace(
        new RegExp(`(^|[\\s\\[])${k}=("(?:[^"\\\\]|\\\\.)*"?|[^\\s\\]"]*)`, "g"),
        `$1${k}=${REDACTED}`,
      ),
    c.text,
  );
}

/** Why an entry of a menu is not in the stack, by menu; the fallback names the menu. */
const WHY: Record<string, string> = {
  "/ip/route":
    "routers[].routes hold a destination through a gateway address in the main table only; the router keeps this route (the script does not remove it)",
  "/ipv6/route":
    "routers[].routes hold a destination through a gateway address in the main table only; the router keeps this route (the script does not remove it)",
  "/routing/bgp/connection":
    "routers[].bgpPeers hold an eBGP connection by name, remote.address, remote.as, local.address, multihop and use-bfd; the router keeps this one as it is",
  "/interface/vlan":
    "a VLAN interface becomes a homelab:segments entry when it has a name, vlan-id and interface only",
};

/** A VLAN interface of a router's export: the segment stack.ts makes of it. */
export interface RouterVlan {
  readonly router: string;
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /** Interface name on the router (`name=`). */
  readonly name: string;
  readonly vlan: number;
  /** The interface it rides on (`interface=`). */
  readonly on: string;
  readonly mtu?: number;
  /**
   * The export has a factory input drop that spares only the members of `LAN`
   * (`in-interface-list=!LAN`) and this interface is not one of them: the owner kept it off the
   * router itself, which the stack's script undoes unless its segment's zone denies by default.
   */
  readonly outsideLan?: true;
}

/** Properties a BGP connection may carry that the stack derives or leaves to the router. */
const BGP_DERIVED = [
  "as",
  "router-id",
  "instance",
  "templates",
  "comment",
  "afi",
  "address-families",
];
/** Properties of a BGP connection the stack leaves to the router (reported, kept on it). */
const BGP_ROUTER_KEPT = ["input.filter", "output.filter-chain", "hold-time", "keepalive-time"];

/**
 * The BFD timers the stack writes for a bgpPeers entry with `bfd: true` (topology's EDGE_BFD:
 * 300 ms x 3), as a `/routing/bfd/configuration` entry holds them. RouterOS's own defaults, for
 * an entry that prints none, are 200 ms x 5 (help.mikrotik.com, "BFD").
 */
const BFD_WRITTEN = { minRx: 300, minTx: 300, multiplier: 3 } as const;
const BFD_DEFAULTS = { minRx: 200, minTx: 200, multiplier: 5 } as const;

/**
 * Why a `/routing/bfd/configuration` entry is not the one the stack writes for one of `peers`
 * with `bfd: true` (its address alone, 300 ms x 3, not forbidden), or undefined when it is: then
 * it is expressed by that peer's `bfd` (its `interfaces` is derived from the subnet holding the
 * peer). Any other entry stays on the router, and the report says what the script does to it.
 */
function bfdEntryMismatch(
  c: ExportCommand,
  peers: readonly Record<string, unknown>[],
): string | undefined {
  const addresses = arg(c, "addresses");
  const peer = peers.find((p) => p.bfd === true && p.address === addresses);
  const ms = (k: "min-rx" | "min-tx", fallback: number) => {
    const v = arg(c, k);
    return v === undefined ? fallback : parseRouterOsTime(v);
  };
  const multiplier = arg(c, "multiplier");
  const rest = c.args.filter(
    ([k, v]) =>
      ![
        "addresses",
        "interfaces",
        "min-rx",
        "min-tx",
        "multiplier",
        "comment",
        "forbid-bfd",
      ].includes(k) ||
      (k === "forbid-bfd" && v !== "no"),
  );
  if (!peer)
    return "a BFD entry that is not for one bgpPeers entry with bfd (addresses=<its peer> alone); the router keeps it as it is";
  if (rest.length > 0)
    return `the BFD entry of ${String(peer.name)} has ${rest.map(([k]) => k).join(", ")}, which the stack does not write; the router keeps the entry, and the script adopts it for ${String(peer.name)} and sets its timers`;
  const timers = [
    ms("min-rx", BFD_DEFAULTS.minRx),
    ms("min-tx", BFD_DEFAULTS.minTx),
    multiplier === undefined ? BFD_DEFAULTS.multiplier : Number(multiplier),
  ];
  if (
    timers[0] !== BFD_WRITTEN.minRx ||
    timers[1] !== BFD_WRITTEN.minTx ||
    timers[2] !== BFD_WRITTEN.multiplier
  )
    return `the BFD entry of ${String(peer.name)} runs min-rx ${String(timers[0])} ms, min-tx ${String(timers[1])} ms, multiplier ${String(timers[2])}; the stack writes 300 ms x 3 for bgpPeers[].bfd, so the script sets these timers (the dry run lists the set)`;
  return undefined;
}

const ROUTE_DEFAULTS: Record<string, string> = {
  "routing-table": "main",
  distance: "1",
  "suppress-hw-offload": "no",
  disabled: "no",
};

/**
 * Why the plan would refuse a static DNS record in routers[].dnsRecords, or undefined:
 * the name by the site loader's rule (site/schema.ts dnsName: RFC 1035/1123 labels, lowercase),
 * the address by the planner's (addressing/routers.ts: Address.parse, canonical IPv6).
 */
export function dnsRecordRefusal(name: string, address: string): string | undefined {
  const problems: Problem[] = [];
  dnsName().check(name, "name", problems);
  const p = problems[0];
  if (p !== undefined) return `the name ${p.message}${p.fix ? ` (${p.fix})` : ""}`;
  const a = Address.parse(address);
  if (!a.ok) return `the address ${a.error}${a.fix ? ` (${a.fix})` : ""}`;
  return undefined;
}

/**
 * The homelab:routers entry for one export, and its VLAN interfaces. `file` names the export in
 * the report. Counts each add/set command once: expressed when its values are in the entry,
 * else reported.
 */
export function importRouter(
  name: string,
  file: string,
  exported: RouterOsExport,
  report: Report,
): { entry: Record<string, unknown>; vlans: RouterVlan[]; filters: RouterFilter[] } {
  const addresses: { interface: string; address: string }[] = [];
  const held: { interface: string; address: string; command: ExportCommand }[] = [];
  const routes: { to: string; via: string }[] = [];
  const bgpPeers: Record<string, unknown>[] = [];
  const vlans: RouterVlan[] = [];
  const bfdEntries: ExportCommand[] = [];
  const filters: RouterFilter[] = [];
  const dnsRecords: { name: string; address: string }[] = [];
  // The line of each record written, by `name address`: the plan refuses a second one.
  const dnsLines = new Map<string, number>();
  // Members of the interface list WAN (a factory configuration's ether1): routers[].uplink.
  const wan: string[] = [];
  let routerId: string | undefined;
  let asn: number | undefined;
  let bgpAsn: number | undefined;
  let bgpId: string | undefined;
  const rep = (
    c: ExportCommand,
    why: string,
    kind = `RouterOS ${c.menu.split("/").join(" ").trim()}`,
  ) => report.reported({ kind, file, line: c.line, text: shownCommand(c), why });
  for (const c of exported.commands) {
    const disabled = arg(c, "disabled") === "yes";
    if (disabled) {
      rep(
        c,
        "disabled on the router; the stack has no disabled entries",
        "RouterOS disabled entries",
      );
      continue;
    }
    if ((c.menu === "/ip/address" || c.menu === "/ipv6/address") && c.verb === "add") {
      const address = arg(c, "address");
      const iface = arg(c, "interface");
      const rest = c.args.filter(
        ([k]) => !["address", "interface", "network", "comment", "advertise"].includes(k),
      );
      if (address && iface && IFACE.test(iface) && address.includes("/") && rest.length === 0) {
        // Expressed or reported once the interface lists are known (outsideLanWhy).
        held.push({ interface: iface, address, command: c });
      } else if (iface !== undefined && !IFACE.test(iface)) rep(c, ifaceWhy("/interface", iface));
      else
        rep(
          c,
          "an address the stack cannot hold: it needs address=<a>/<len> interface=<name> and nothing else",
        );
    } else if ((c.menu === "/ip/route" || c.menu === "/ipv6/route") && c.verb === "add") {
      const v6 = c.menu === "/ipv6/route";
      const to = arg(c, "dst-address") ?? (v6 ? "::/0" : "0.0.0.0/0");
      const via = arg(c, "gateway") ?? "";
      const rest = c.args.filter(
        ([k, v]) => !["dst-address", "gateway", "comment"].includes(k) && ROUTE_DEFAULTS[k] !== v,
      );
      const fam = (a: string) => (ipaddr.isValid(a) ? ipaddr.parse(a).kind() : "");
      const want = v6 ? "ipv6" : "ipv4";
      if (
        ipaddr.isValidCIDR(to) &&
        fam(to.split("/")[0]) === want &&
        fam(via) === want &&
        rest.length === 0 &&
        !routes.some((r) => r.to === to)
      ) {
        routes.push({ to, via });
        report.expressed(file);
      } else rep(c, WHY[c.menu]);
    } else if (c.menu === "/routing/bgp/connection" && c.verb === "add") {
      const peer = arg(c, "remote.address");
      const as = arg(c, "remote.as");
      const n = arg(c, "name");
      const role = arg(c, "local.role");
      const own = arg(c, "as");
      if (own !== undefined && /^[0-9]+$/.test(own)) bgpAsn ??= Number(own);
      bgpId ??= arg(c, "router-id");
      const kept = c.args.filter(([k]) => BGP_ROUTER_KEPT.includes(k));
      const rest = c.args.filter(
        ([k, v]) =>
          ![
            "name",
            "remote.address",
            "remote.as",
            "local.role",
            "local.address",
            "multihop",
            ...BGP_DERIVED,
            ...BGP_ROUTER_KEPT,
          ].includes(k) && !(k === "use-bfd" && (v === "no" || v === "yes")),
      );
      if (
        n &&
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(n) &&
        peer &&
        ipaddr.isValid(peer) &&
        as &&
        /^[0-9]+$/.test(as) &&
        role === "ebgp" &&
        rest.length === 0
      ) {
        const local = arg(c, "local.address");
        const multihop = arg(c, "multihop");
        bgpPeers.push({
          name: n,
          address: peer,
          asn: Number(as),
          ...(local !== undefined ? { localAddress: local } : {}),
          ...(multihop !== undefined ? { multihop: multihop === "yes" } : {}),
          ...(arg(c, "use-bfd") === "yes" ? { bfd: true } : {}),
        });
        report.expressed(file);
        if (kept.length > 0)
          report.assumed(
            {
              file,
              line: c.line,
              text: kept.map(([k, v]) => `${k}=${v}`).join(" "),
              why: `connection ${n}: the stack leaves ${kept.map(([k]) => k).join(", ")} to the router; the script does not change ${kept.length === 1 ? "it" : "them"}`,
            },
            "RouterOS BGP settings left to the router",
          );
      } else rep(c, WHY[c.menu]);
    } else if (c.menu === "/interface/vlan" && c.verb === "add") {
      const n = arg(c, "name");
      const id = arg(c, "vlan-id");
      const on = arg(c, "interface");
      const mtu = arg(c, "mtu");
      const rest = c.args.filter(
        ([k]) => !["name", "vlan-id", "interface", "comment", "mtu"].includes(k),
      );
      if (
        n &&
        IFACE.test(n) &&
        on &&
        id &&
        /^[0-9]{1,4}$/.test(id) &&
        Number(id) >= 1 &&
        Number(id) <= 4094 &&
        (mtu === undefined || /^[0-9]{3,4}$/.test(mtu)) &&
        rest.length === 0
      ) {
        vlans.push({
          router: name,
          file,
          line: c.line,
          text: c.text,
          name: n,
          vlan: Number(id),
          on,
          ...(mtu !== undefined && mtu !== "1500" ? { mtu: Number(mtu) } : {}),
        });
        report.expressed(file);
      } else if (n !== undefined && !IFACE.test(n)) rep(c, ifaceWhy(c.menu, n));
      else rep(c, WHY[c.menu]);
    } else if (
      c.menu === "/interface/list/member" &&
      c.verb === "add" &&
      arg(c, "list") === "WAN" &&
      c.args.every(([k]) => ["list", "interface", "comment"].includes(k))
    ) {
      // A factory configuration's WAN list holds the port towards the ISP: the router's uplink.
      const iface = arg(c, "interface");
      if (iface !== undefined && IFACE.test(iface)) {
        wan.push(iface);
        report.expressed(file);
      } else
        rep(
          c,
          iface === undefined ? "a WAN member without an interface" : ifaceWhy("/interface", iface),
        );
    } else if (c.menu === "/ip/firewall/filter" || c.menu === "/ipv6/firewall/filter") {
      // Into homelab:policy once the segments are known (import/filters.ts), or reported there.
      filters.push({ router: name, file, command: c });
    } else if (c.menu === "/routing/bfd/configuration" && c.verb === "add") {
      bfdEntries.push(c);
    } else if (c.menu === "/ip/dns/static" && c.verb === "add") {
      const n = arg(c, "name");
      const a = arg(c, "address");
      const type = arg(c, "type") ?? "A";
      const rest = c.args.filter(
        ([k]) => !["name", "address", "type", "comment", "ttl"].includes(k),
      );
      const twin = dnsLines.get(`${n} ${a}`);
      const refused = n && a ? dnsRecordRefusal(n, a) : undefined;
      if (!(n && a && (type === "A" || type === "AAAA") && rest.length === 0))
        rep(c, "the stack's dnsRecords hold A and AAAA records by name only");
      else if (refused !== undefined)
        rep(
          c,
          `not written to routers[].dnsRecords, where the plan refuses it: ${refused}; add it to the router's dnsRecords by hand once fixed`,
        );
      else if (twin !== undefined)
        rep(
          c,
          `line ${twin} holds the same name and address and is written to routers[].dnsRecords; the plan refuses a second entry (one static DNS entry per name and address), so this one is not written`,
        );
      else {
        dnsRecords.push({ name: n, address: a });
        dnsLines.set(`${n} ${a}`, c.line);
        report.expressed(file);
      }
    } else if (
      (c.menu === "/routing/bgp/template" || c.menu === "/routing/bgp/instance") &&
      (arg(c, "as") !== undefined || arg(c, "router-id") !== undefined) &&
      c.args.every(([k]) => ["as", "router-id", "name", "comment"].includes(k))
    ) {
      const as = arg(c, "as");
      if (as !== undefined && /^[0-9]+$/.test(as)) asn ??= Number(as);
      routerId ??= arg(c, "router-id");
      report.expressed(file);
    } else if (c.menu === "/routing/id" && arg(c, "id") !== undefined) {
      routerId ??= arg(c, "id");
      report.expressed(file);
    } else {
      rep(
        c,
        WHY[c.menu] ??
          `the stack has no key for ${c.menu.split("/").join(" ").trim()}; the router keeps it`,
      );
    }
  }
  // After the connections, wherever the export printed them: an entry is the BFD of a peer.
  for (const c of bfdEntries) {
    const why = bfdEntryMismatch(c, bgpPeers);
    if (why === undefined) report.expressed(file);
    else rep(c, why);
  }
  // The factory input drop spares LAN members only: a VLAN interface outside it is cut off from
  // the router itself, which the stack keeps only for a zone that denies by default (H7).
  const lanDrop = filters.some(({ command: f }) => {
    const fa = (k: string) => f.args.find(([n]) => n === k)?.[1];
    return (
      fa("chain") === "input" &&
      fa("action") === "drop" &&
      fa("in-interface-list") === "!LAN" &&
      fa("disabled") !== "yes"
    );
  });
  const lan = new Set(
    exported.commands.flatMap((c) =>
      c.menu === "/interface/list/member" && c.verb === "add" && arg(c, "list") === "LAN"
        ? (arg(c, "interface") ?? [])
        : [],
    ),
  );
  // An address on an interface outside LAN that no segment is made of (a WireGuard interface)
  // stays outside the stack: the script would add its interface to LAN (new-user trial 3, 3).
  const vlanNames = new Set(vlans.map((v) => v.name));
  for (const h of held) {
    const why =
      lanDrop && !lan.has(h.interface) && !wan.includes(h.interface) && !vlanNames.has(h.interface)
        ? `${h.interface} is outside the interface list LAN, so the factory input drop (in-interface-list=!LAN) keeps it off the router itself, and no segment is made of it; in routers[].addresses the stack's script would add ${h.interface} to LAN, opening the router's SSH, Winbox, WebFig and DNS to it: the address is left out, and the router keeps it as it is`
        : undefined;
    if (why === undefined) {
      addresses.push({ interface: h.interface, address: h.address });
      report.expressed(file);
    } else rep(h.command, why);
  }
  asn ??= bgpAsn;
  routerId ??= bgpId;
  const entry: Record<string, unknown> = { name, version: exported.version };
  if (asn !== undefined) entry.asn = asn;
  const firstV4 = addresses.find((a) => !a.address.includes(":"))?.address.split("/")[0];
  const id = routerId ?? firstV4;
  if (id) {
    entry.routerId = id;
    entry.ssh = { host: id };
    report.assumed({
      file,
      line: 1,
      text: `router ${name}`,
      why: `ssh.host is ${id} (${routerId ? "its BGP router ID" : "its first IPv4 address"}); set the address Pulumi reaches the router at`,
    });
  } else {
    report.assumed({
      file,
      line: 1,
      text: `router ${name}`,
      why: "no router ID or IPv4 address in the export: routerId and ssh are left out; add them (the plan names them)",
    });
  }
  if (addresses.length > 0) entry.addresses = addresses;
  if (wan.length > 0) {
    entry.uplink = { interfaces: [...new Set(wan)] };
    report.assumed({
      file,
      line: 1,
      text: `router ${name}`,
      why: `uplink.interfaces is ${[...new Set(wan)].join(", ")}, the router's WAN interface list; the stack masquerades the site's private IPv4 out of it (uplink.ipv6 sets the IPv6 egress)`,
    });
  }
  defconfOf(name, file, filters, entry, report);
  entry.vlans = [];
  const parents = [...new Set(vlans.map((v) => v.on))];
  if (parents.length === 1) entry.trunk = parents[0];
  else if (parents.length > 1)
    report.assumed({
      file,
      line: vlans[0].line,
      text: `router ${name}`,
      why: `its VLAN interfaces ride on ${parents
        .map(
          (p) =>
            `${p} (${vlans
              .filter((v) => v.on === p)
              .map((v) => v.name)
              .join(", ")})`,
        )
        .join(
          " and ",
        )}: routers[].trunk names one, so it is left out; the script creates no VLAN interface (those read stay on the router)`,
    });
  if (routes.length > 0) entry.routes = routes;
  if (bgpPeers.length > 0) entry.bgpPeers = bgpPeers;
  if (dnsRecords.length > 0) entry.dnsRecords = dnsRecords;
  const marked = lanDrop
    ? vlans.map((v): RouterVlan => (lan.has(v.name) ? v : { ...v, outsideLan: true }))
    : vlans;
  return { entry, vlans: marked, filters };
}

/**
 * routers[].defconf from the export's filter rules: true when it has each factory drop the
 * policy's model of a factory router relies on (topology/policy-eval.ts DEFCONF_DROPS: IPv4 and
 * IPv6, input and forward, by chain, action and comment), so that the plan's checks take them into
 * account; left out, with a line saying which are missing, when it has only some.
 */
function defconfOf(
  name: string,
  file: string,
  filters: readonly RouterFilter[],
  entry: Record<string, unknown>,
  report: Report,
): void {
  const found = DEFCONF_DROPS.map((d) =>
    filters.find(({ command: c }) => {
      const arg = (k: string) => c.args.find(([n]) => n === k)?.[1];
      return (
        c.menu === (d.family === 4 ? "/ip/firewall/filter" : "/ipv6/firewall/filter") &&
        arg("chain") === d.chain &&
        arg("action") === "drop" &&
        arg("comment") === d.rule
      );
    }),
  );
  const had = found.flatMap((f) => (f ? [f] : []));
  if (had.length === 0) return;
  const named = (ds: typeof DEFCONF_DROPS) =>
    ds.map((d) => `IPv${d.family} ${d.chain} "${d.rule}"`).join(", ");
  if (had.length === DEFCONF_DROPS.length) {
    entry.defconf = true;
    report.assumed({
      file,
      line: had[0].command.line,
      text: `router ${name}`,
      why: `defconf is true: the export has MikroTik's factory firewall drops (${named(DEFCONF_DROPS)}); the plan's checks and the twin's probes take them into account (the internet reaches nothing inside unless a rule allows it)`,
    });
    return;
  }
  report.assumed({
    file,
    line: had[0].command.line,
    text: `router ${name}`,
    why: `defconf is left out: the export has some of MikroTik's factory firewall drops but not ${named(DEFCONF_DROPS.filter((_, i) => !found[i]))}; the plan's checks take none of them into account (set defconf: true if the router drops as a factory router does)`,
  });
}
