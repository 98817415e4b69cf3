// Routers in the twin. A RouterOS script runs through the RouterOS menu model (twin/routeros),
// and the resulting menus are realised on Linux: addresses with iproute2, static routes and BGP
// with FRR. What the interpreter assumes of RouterOS v7 (documented in the README too):
// - a BGP connection sends nothing it is not told to (no output.network, no redistribute), and
//   accepts what its input.filter chain accepts (everything without a chain);
// - `if (dst in P) { accept|reject }` matches P and every longer prefix inside it, a chain's rules
//   run in order, and a chain ending without a verdict accepts;
// - multihop=yes means TTL 255; local.address is the source; afi lists the families;
// - one best path per prefix is installed (no ECMP is assumed); RouterOS BGP timers default to
//   hold 180 s / keepalive 60 s, a connection's hold-time / keepalive-time override them;
// - BFD: a connection with use-bfd=yes runs BFD under the first /routing/bfd/configuration entry
//   that applies to its peer (as twin/readback/routeros.ts reads it), realised as FRR's bfdd with
//   the entry's min-tx / min-rx / multiplier (multihop when the connection is); without such an
//   entry RouterOS keeps the session down, so the neighbor is shut down;
// - /ip/dns/static is recorded but not served (nothing in the twin resolves names).
// - /interface/vlan: a VLAN interface is the router's port on the switch segment vlan<vid> (the
//   Proxmox hosts' VLANs join the same segment; this kernel has no `vlan` links); its parent is
//   not realised, as a trunk carries nothing untagged the twin probes.
// An external device (external/<device>.yaml) is played by an FRR stand-in that holds its
// addresses and runs exactly the sessions the document asks for, accepting its `accept` list.
import { parse } from "yaml";
import { FIREWALL_MENUS, routerOsFirewallToNft } from "../policy/routeros";
import { ExternalDoc } from "../readback/folder";
import { connectionBfd, connectionTimers, routerOsAddresses } from "../readback/routeros";
import { markerPrefix } from "../../render/routeros";
import { ADOPTED } from "../../render/routeros/script";
import { parseExport, routerFromExport } from "../routeros/export";
import { BFD_MINOR, RouterModel } from "../routeros/model";
import type { TwinBase } from "./build";
import { SiteBuilder } from "./builder";
import { ManualSteps } from "./manual";

interface Neighbor {
  readonly name: string;
  readonly address: string;
  readonly asn: number;
  readonly source?: string;
  readonly multihop?: number;
  readonly families: readonly (4 | 6)[];
  /** Prefix-list entries: prefix and whether longer prefixes inside it match. */
  readonly accept: readonly { prefix: string; orLonger: boolean; action: "permit" | "deny" }[];
  /** Seconds, where the config states them for this neighbor. */
  readonly timers?: { readonly keepalive: number; readonly hold: number };
  /** BFD toward the neighbor: bfdd timers in milliseconds. */
  readonly bfd?: { readonly txMs: number; readonly rxMs: number; readonly multiplier: number };
  /** Configured but kept down (`neighbor ... shutdown`). */
  readonly shutdown?: boolean;
}

/** The bfdd profile name of a set of timers. */
const bfdProfile = (b: NonNullable<Neighbor["bfd"]>) => `t${b.txMs}-r${b.rxMs}-x${b.multiplier}`;

/** An frr.conf for a BGP speaker that announces nothing and filters input by `accept`. */
export function speakerConf(
  host: string,
  asn: number,
  routerId: string,
  neighbors: readonly Neighbor[],
  timers: { keepalive: number; hold: number },
): string {
  const out = [`hostname ${host}`, "frr defaults traditional", "!"];
  neighbors.forEach((n, i) => {
    for (const f of [4, 6] as const) {
      const list = `in-${i}-v${f}`;
      n.accept
        .filter((a) => (a.prefix.includes(":") ? 6 : 4) === f)
        .forEach((a, j) => {
          const le = a.orLonger ? ` le ${f === 4 ? 32 : 128}` : "";
          out.push(
            `${f === 4 ? "ip" : "ipv6"} prefix-list ${list} seq ${(j + 1) * 5} ${a.action} ${a.prefix}${le}`,
          );
        });
    }
  });
  out.push("route-map send-nothing deny 10", "exit");
  const profiles = new Map(neighbors.flatMap((n) => (n.bfd ? [[bfdProfile(n.bfd), n.bfd]] : [])));
  if (profiles.size > 0) {
    out.push("bfd");
    for (const [name, b] of profiles) {
      out.push(
        ` profile ${name}`,
        `  detect-multiplier ${b.multiplier}`,
        `  receive-interval ${b.rxMs}`,
        `  transmit-interval ${b.txMs}`,
        " exit",
      );
    }
    out.push("exit");
  }
  neighbors.forEach((n, i) => {
    for (const f of n.families) {
      const list = `in-${i}-v${f}`;
      out.push(
        `route-map ${list} permit 10`,
        ` match ${f === 4 ? "ip" : "ipv6"} address prefix-list ${list}`,
        "exit",
      );
      if (!n.accept.some((a) => (a.prefix.includes(":") ? 6 : 4) === f)) {
        // An empty prefix-list matches nothing: the chain accepted nothing of this family.
        out.push(`${f === 4 ? "ip" : "ipv6"} prefix-list ${list} seq 5 deny any`);
      }
    }
  });
  out.push(`router bgp ${asn}`, ` bgp router-id ${routerId}`, " no bgp default ipv4-unicast");
  out.push(` timers bgp ${timers.keepalive} ${timers.hold}`);
  for (const n of neighbors) {
    out.push(
      ` neighbor ${n.address} remote-as ${n.asn}`,
      ` neighbor ${n.address} description ${n.name}`,
    );
    if (n.source) out.push(` neighbor ${n.address} update-source ${n.source}`);
    if (n.multihop && n.multihop > 1)
      out.push(` neighbor ${n.address} ebgp-multihop ${n.multihop}`);
    if (n.timers) out.push(` neighbor ${n.address} timers ${n.timers.keepalive} ${n.timers.hold}`);
    // bgpd runs a multihop BFD session for an ebgp-multihop neighbor, single hop otherwise.
    if (n.bfd)
      out.push(
        ` neighbor ${n.address} bfd`,
        ` neighbor ${n.address} bfd profile ${bfdProfile(n.bfd)}`,
      );
    if (n.shutdown) out.push(` neighbor ${n.address} shutdown`);
  }
  for (const f of [4, 6] as const) {
    const active = neighbors.map((n, i) => [n, i] as const).filter(([n]) => n.families.includes(f));
    if (active.length === 0) continue;
    out.push(` address-family ${f === 4 ? "ipv4" : "ipv6"} unicast`);
    for (const [n, i] of active) {
      out.push(`  neighbor ${n.address} activate`);
      out.push(`  neighbor ${n.address} route-map in-${i}-v${f} in`);
      out.push(`  neighbor ${n.address} route-map send-nothing out`);
    }
    out.push(" exit-address-family");
  }
  out.push("exit", "");
  return out.join("\n");
}

/** A routing filter chain as prefix-list entries (the two rule forms the model accepts). */
function chainEntries(rules: readonly string[]): Neighbor["accept"] {
  const out: Neighbor["accept"][number][] = [];
  for (const text of rules) {
    if (text === "reject") return out;
    if (text === "accept")
      return [
        ...out,
        { prefix: "0.0.0.0/0", orLonger: true, action: "permit" },
        { prefix: "::/0", orLonger: true, action: "permit" },
      ];
    const m = /^if \(dst in ([0-9a-f.:/]+)\) \{ (accept|reject) \}$/.exec(text);
    if (!m) throw new Error(`routing filter rule ${JSON.stringify(text)} is not modelled`);
    out.push({ prefix: m[1], orLonger: true, action: m[2] === "accept" ? "permit" : "deny" });
  }
  // A chain that ends without a verdict accepts.
  return [
    ...out,
    { prefix: "0.0.0.0/0", orLonger: true, action: "permit" },
    { prefix: "::/0", orLonger: true, action: "permit" },
  ];
}

/** A RouterOS VLAN interface (`/interface/vlan`): its VLAN ID, parent and MTU in bytes. */
export interface RouterVlan {
  readonly vid: number;
  readonly parent: string;
  readonly mtu: number;
}

/**
 * The enabled `/interface/vlan` entries of a router model, by name. This kernel cannot create
 * `vlan` links, so the twin plays each as the router's own port on the switch segment
 * `vlan<vid>`, the segment every Proxmox host's VLAN bridge `vmbr0v<vid>` joins (docs/twin.md).
 */
export function routerVlans(r: RouterModel): Map<string, RouterVlan> {
  return new Map(
    r
      .rows("/interface/vlan")
      .filter((v) => v.disabled !== "true")
      .map((v) => [
        v.name,
        { vid: Number(v["vlan-id"]), parent: v.interface, mtu: Number(v.mtu ?? "1500") },
      ]),
  );
}

/**
 * Plugs a router interface: a VLAN interface of its own (`vlans`, from the script's
 * `/interface/vlan`) on the segment of its VLAN ID, else the manual step's VLAN, else the segment
 * of its subnet, else alone.
 */
function attach(
  b: SiteBuilder,
  device: string,
  iface: string,
  addresses: readonly string[],
  manual: ManualSteps,
  fallback: string,
  assign = true,
  vlans: ReadonlyMap<string, RouterVlan> = new Map(),
): void {
  const own = vlans.get(iface);
  const vid = own?.vid ?? manual.vlans.get(`${device}/${iface}`);
  const segment =
    vid !== undefined
      ? `vlan${vid}`
      : (addresses.map((a) => b.segmentFor(a)).find((s) => s !== undefined) ?? fallback);
  if (own)
    b.note(
      `${device}: /interface/vlan ${iface} (VLAN ${own.vid} on ${own.parent}) as its port on switch segment vlan${own.vid}`,
    );
  else if (vid !== undefined)
    b.note(
      `manual step applied: ${device} ${iface} carries VLAN ${vid} (inventory.md, Manual steps)`,
    );
  b.toSwitch(
    { node: device, name: iface, mtu: own?.mtu ?? 1500, addresses: assign ? addresses : [] },
    segment,
  );
  if (!assign) b.onSegment(addresses, segment);
}

/** The RouterOS menus the twin realises; entries in any other menu fail the twin. */
const REALISED = [
  "/interface/vlan",
  "/ip/address",
  "/ipv6/address",
  "/ip/route",
  "/ipv6/route",
  "/routing/filter/rule",
  "/routing/bgp/instance",
  "/routing/bgp/connection",
  "/routing/bfd/configuration",
  "/ip/dns/static",
  // As nftables in the router's namespace (twin/policy/routeros.ts).
  ...FIREWALL_MENUS,
];

/** The menus among `menus` the twin does not realise (an unknown command fails the twin). */
export function unrealisedMenus(menus: readonly string[]): string[] {
  return menus.filter((m) => !REALISED.includes(m));
}

/**
 * The router `base` describes, after the script ran on it twice (issue 17's twin checks): the
 * first run removes nothing of the router's own and leaves no key on two entries, the second
 * changes nothing. Throws naming what failed. Returns the model and the menus the export brought
 * (recorded, not realised) with a note of what the runs did.
 */
function fromBase(
  path: string,
  script: string,
  version: string,
  stack: string,
  base: TwinBase,
): { r: RouterModel; exported: Set<string>; note: string } {
  const r = routerFromExport(base.file, parseExport(base.file, base.text), version);
  const exported = new Set(r.nonEmptyMenus());
  const read = exported.size === 0 ? 0 : [...exported].flatMap((m) => r.rows(m)).length;
  const marker = markerPrefix(stack);
  const first = r.run(script);
  const theirs = r
    .changes()
    .filter((c) => c.op === "remove" && !(c.entry.comment ?? "").startsWith(marker));
  if (theirs.length > 0)
    throw new Error(
      `${path} on ${base.file}: the script removed ${theirs.length} entries of the router's own, first in ${theirs[0].menu}`,
    );
  for (const menu of r.nonEmptyMenus()) {
    const keys = r
      .rows(menu)
      .flatMap((e) => (e.comment?.startsWith(marker) ? [e.comment.split(ADOPTED)[0]] : []));
    const twice = keys.find((k, i) => keys.indexOf(k) !== i);
    if (twice !== undefined)
      throw new Error(`${path} on ${base.file}: ${menu} holds ${twice} twice after the first run`);
  }
  const second = r.run(script);
  if (second.mutations.length > 0)
    throw new Error(
      `${path} on ${base.file}: the second run changed ${second.mutations.length} entries (first: ${second.output[0] ?? second.mutations[0].op}); the script is not idempotent on this router`,
    );
  const added = first.mutations.filter((m) => m.op === "add").length;
  const adopted = first.output.filter((l) => l.startsWith("adopted ")).length;
  return {
    r,
    exported,
    note: `started from ${base.file} (${read} entries): the script added ${added} and adopted ${adopted}, removed nothing of the router's own; its second run changed nothing`,
  };
}

/** A RouterOS router from its reconcile script (on the router `base` describes, if given). */
export function buildRouterOs(
  path: string,
  script: string,
  manual: ManualSteps,
  b: SiteBuilder,
  base?: TwinBase,
): void {
  const head =
    /^# RouterOS ([0-9.]+) reconcile script for router ([A-Za-z0-9-]+), stack ([A-Za-z0-9_-]+)\./.exec(
      script,
    );
  if (!head) throw new Error(`${path}: not a reconcile script (no header line)`);
  const [, version, name, stack] = head;
  let r: RouterModel;
  let exported = new Set<string>();
  if (base) {
    const started = fromBase(path, script, version, stack, base);
    ({ r, exported } = started);
    b.note(`${name}: ${started.note}`);
  } else {
    r = new RouterModel(version);
    r.run(script);
  }
  const minor = Number(version.split(".")[1]);
  const recorded = unrealisedMenus([...exported]);
  if (recorded.length > 0)
    b.note(`${name}: from its export, recorded and not realised: ${recorded.join(", ")}`);
  const unrealised = unrealisedMenus(r.nonEmptyMenus()).filter((m) => !exported.has(m));
  if (unrealised.length > 0) {
    throw new Error(
      `${path}: the twin does not realise ${unrealised.join(", ")} (RouterOS menus it has no Linux counterpart for yet)`,
    );
  }
  b.device({
    name,
    kind: "router",
    modelledBy: `RouterOS ${version}: ${path} interpreted by the menu model onto iproute2 + FRR (not RouterOS itself)`,
    sysctls: [],
  });
  const byIface = new Map<string, string[]>();
  for (const row of [...r.rows("/ip/address"), ...r.rows("/ipv6/address")]) {
    byIface.set(row.interface, [...(byIface.get(row.interface) ?? []), row.address]);
  }
  const vlans = routerVlans(r);
  const marker = markerPrefix(stack);
  const trunk = r.rows("/interface/vlan").find((v) => (v.comment ?? "").startsWith(marker));
  for (const [iface, addresses] of byIface) {
    const tagged = addresses.map((a) => b.segmentFor(a)).find((s) => /^vlan\d+$/.test(s ?? ""));
    if (trunk && tagged && !vlans.has(iface) && !manual.vlans.has(`${name}/${iface}`)) {
      // The script rides the router's VLAN interfaces on a trunk (routers[].trunk), so an
      // address on a VLAN's segment names a VLAN interface the script should have made: without
      // it RouterOS refuses the address (no such interface), and nothing on the VLAN reaches it.
      b.note(
        `${name}: ${iface} holds ${addresses.join(", ")} of switch segment ${tagged} but is no /interface/vlan of the script (its VLAN interfaces ride on ${trunk.interface}); plugged into no segment`,
      );
      b.toSwitch({ node: name, name: iface, mtu: 1500, addresses }, `${name}-${iface}`);
      continue;
    }
    attach(b, name, iface, addresses, manual, `${name}-${iface}`, true, vlans);
  }
  // Entries to one destination through several gateways are one ECMP route (RouterOS v7).
  const byDst = new Map<string, string[]>();
  for (const row of [...r.rows("/ip/route"), ...r.rows("/ipv6/route")]) {
    if (!row.gateway) throw new Error(`${path}: a static route without a gateway is not modelled`);
    const dst = row["dst-address"];
    byDst.set(dst, [...(byDst.get(dst) ?? []), row.gateway]);
  }
  for (const [dst, gateways] of byDst) {
    b.routes.push(
      gateways.length === 1
        ? { node: name, dst, via: gateways[0] }
        : { node: name, dst, nexthops: gateways },
    );
  }
  if (r.rows("/ip/dns/static").length > 0)
    b.note(`${name}: /ip/dns/static entries are recorded, not served`);
  const held = new Set(r.menuPaths());
  const firewall = routerOsFirewallToNft(name, path, (menu) =>
    held.has(menu) ? r.rows(menu) : [],
  );
  if (firewall) {
    b.firewalls.push({
      node: name,
      sources: [path],
      how: "its /ip and /ipv6 firewall filter rules, address lists and source NAT, translated to nftables",
      ruleset: firewall,
    });
  }
  const chains = new Map<string, string[]>();
  for (const row of r.rows("/routing/filter/rule"))
    chains.set(row.chain, [...(chains.get(row.chain) ?? []), row.rule]);
  const connections = r.rows("/routing/bgp/connection");
  if (connections.length === 0) return;
  const instances = minor >= 20 ? r.rows("/routing/bgp/instance") : [];
  const inst = (c: Record<string, string>) => instances.find((i) => i.name === c.instance);
  const asn = Number(minor >= 20 ? inst(connections[0])?.as : connections[0].as);
  const routerId =
    (minor >= 20 ? inst(connections[0])?.["router-id"] : connections[0]["router-id"]) ?? "0.0.0.0";
  const bfdEntries = minor >= BFD_MINOR ? r.rows("/routing/bfd/configuration") : [];
  const own = routerOsAddresses(r);
  const neighbors: Neighbor[] = connections.map((c) => {
    const chain = c["input.filter"];
    const families = (c[minor >= 19 ? "afi" : "address-families"] ?? "ip").split(";").map((f) => {
      if (f === "ip") return 4 as const;
      if (f === "ipv6") return 6 as const;
      throw new Error(`${path}: BGP address family ${f} is not modelled`);
    });
    const bfd = connectionBfd(c, bfdEntries, own);
    const timers = connectionTimers(c);
    if (bfd && "unusable" in bfd) b.note(`${name}: connection ${c.name}: ${bfd.unusable}`);
    return {
      name: c.name,
      address: c["remote.address"],
      asn: Number(c["remote.as"]),
      ...(c["local.address"] ? { source: c["local.address"] } : {}),
      ...(c.multihop === "true" ? { multihop: 255 } : {}),
      families,
      accept: chain ? chainEntries(chains.get(chain) ?? []) : chainEntries([]),
      ...(timers ? { timers } : {}),
      ...(bfd && !("unusable" in bfd)
        ? { bfd: { txMs: bfd.txMs, rxMs: bfd.rxMs, multiplier: bfd.multiplier } }
        : {}),
      ...(bfd && "unusable" in bfd ? { shutdown: true } : {}),
    };
  });
  if (neighbors.some((n) => n.bfd)) {
    b.note(
      `${name}: RouterOS BFD played by FRR's bfdd, with each entry's min-tx/min-rx/multiplier`,
    );
  }
  b.frr.push({
    node: name,
    conf: speakerConf(name, asn, routerId, neighbors, { keepalive: 60, hold: 180 }),
    daemons: [
      "zebra",
      "staticd",
      ...(neighbors.some((n) => n.bfd) ? (["bfdd"] as const) : []),
      "bgpd",
    ],
  });
}

/** A stand-in for a device the stack declares but does not configure. */
export function buildStandIn(
  path: string,
  text: string,
  manual: ManualSteps,
  b: SiteBuilder,
): void {
  const doc = parse(text) as ExternalDoc;
  b.device({
    name: doc.device,
    kind: "stand-in",
    modelledBy: `stand-in for an external device: ${path} on iproute2${doc.bgp ? " + FRR (accepts exactly its accept list, announces nothing)" : ""}`,
    sysctls: [],
  });
  for (const i of doc.interfaces) {
    attach(
      b,
      doc.device,
      i.name,
      i.addresses,
      manual,
      (i.segment?.split(":").pop() ?? `${doc.device}-${i.name}`).replace(/[^A-Za-z0-9-]/g, "-"),
    );
  }
  if ((doc.routes ?? []).length > 0) {
    b.note(
      `${doc.device}: the routes its document asks for (${(doc.routes ?? []).join(", ")}) leave the next hop to the operator; not realised`,
    );
  }
  if (!doc.bgp) return;
  const v4 = doc.interfaces.flatMap((i) => i.addresses).find((a) => !a.includes(":"));
  const neighbors: Neighbor[] = doc.bgp.neighbors.map((n) => ({
    name: n.name,
    address: n.address,
    asn: n.asn,
    source: n.source,
    ...(n.multihop !== undefined ? { multihop: n.multihop } : {}),
    families: n.families.map((f) => (f === "ipv4" ? 4 : 6) as 4 | 6),
    accept: n.accept.map((a) => {
      const [prefix, exact] = a.split(" ");
      return { prefix, orLonger: exact !== "exact", action: "permit" as const };
    }),
  }));
  b.frr.push({
    node: doc.device,
    conf: speakerConf(doc.device, doc.bgp.asn, v4?.split("/")[0] ?? "0.0.0.0", neighbors, {
      keepalive: 3,
      hold: 9,
    }),
    daemons: ["zebra", "staticd", "bgpd"],
  });
}

/** An FRR router (os: frr) runs its frr.conf as it is; its interfaces come from the file. */
export function buildFrrRouter(
  path: string,
  conf: string,
  manual: ManualSteps,
  b: SiteBuilder,
): void {
  const name = /^hostname (\S+)$/m.exec(conf)?.[1];
  if (!name) throw new Error(`${path}: no hostname`);
  b.device({ name, kind: "router", modelledBy: `FRR router: ${path} as it is`, sysctls: [] });
  const ifaces = new Map<string, string[]>();
  let iface: string | undefined;
  for (const line of conf.split("\n")) {
    const m = /^interface (\S+)$/.exec(line);
    if (m) iface = m[1];
    else if (line === "exit") iface = undefined;
    const a = /^ (?:ip|ipv6) address (\S+)$/.exec(line);
    if (iface && iface !== "lo" && a) ifaces.set(iface, [...(ifaces.get(iface) ?? []), a[1]]);
  }
  // zebra puts the addresses on: the twin only creates the links.
  for (const [i, addresses] of ifaces) attach(b, name, i, addresses, manual, `${name}-${i}`, false);
  const daemons = [
    "zebra",
    "staticd",
    "bfdd",
    "bgpd",
    ...(conf.includes("router isis") ? ["isisd" as const] : []),
  ] as const;
  b.frr.push({ node: name, conf, daemons: [...daemons] });
}
