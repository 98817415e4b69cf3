// Inventory sections of what is announced and who peers with whom: LoadBalancer pools, VIPs and
// service IPs, shared segments, edge routers with the gateways they hold, and every BGP session.
import { familyKey as key, Prefix } from "../../addressing/ip";
import { Address } from "../../addressing/ip";
import { ClusterPlan, Plan, RouterPlan, TenantPlan } from "../../addressing/plan-types";
import { speaksBgp } from "../../topology/sessions";
import { Topology } from "../../topology/types";
import { lbPoolInputs } from "../cilium/inputs";
import { lanMembership } from "../routeros/state";
import { both, cell, ownerCell, section, table, text } from "./table";

const OS_NAMES: Record<RouterPlan["os"], string> = {
  routeros: "RouterOS",
  frr: "FRR",
  linux: "Linux (FRR, nftables)",
  external: "external (not configured here)",
};

const clusters = (plan: Plan): { t: TenantPlan; k: ClusterPlan }[] =>
  plan.tenants.flatMap((t) => (t.kubernetes ? [{ t, k: t.kubernetes }] : []));

/** The pools exactly as Cilium gets them (render/cilium-plan.ts), with where each block is from. */
function poolsTable(plan: Plan): string | undefined {
  const byCluster = new Map(clusters(plan).map(({ k }) => [k.name, k]));
  const rows = lbPoolInputs(plan).flatMap((pool) => {
    const k = byCluster.get(pool.cluster);
    if (!k) return [];
    return pool.blocks.map((b) => {
      const f = b.range.family;
      const shared = f === 4 && k.lbSegment !== undefined;
      return [
        pool.cluster,
        pool.name,
        b.range.toString(),
        b.range.size.toString(),
        k.lbRanges.some((r) => r.toString() === b.range.toString())
          ? "configured range"
          : "whole prefix",
        cell(k.loadBalancers[key(f)]),
        shared ? (k.lbSegment as string) : "-",
        k.announcement === "bgp" ? "BGP" : f === 4 ? "L2 (ARP)" : "L2 (NDP)",
      ];
    });
  });
  if (rows.length === 0) return undefined;
  const header = [
    "Cluster",
    "Pool",
    "Block",
    "Addresses",
    "Kind",
    "Prefix",
    "Shared segment",
    "Announced by",
  ];
  return table(header, rows);
}

/**
 * The cluster's VIP per family (IPv4, IPv6), as held by its nodes: a planned VIP no node holds
 * (Talos holds one per interface) is marked, and listed under Manual steps.
 */
export function heldVip(topology: Topology, k: ClusterPlan): string[] {
  const held = new Set(
    topology.devices.flatMap((d) =>
      d.node?.cluster === k.name
        ? d.interfaces.flatMap((i) =>
            i.addresses.filter((h) => h.role === "vip").map((h) => h.address.toString()),
          )
        : [],
    ),
  );
  return ([4, 6] as const).map((f) => {
    const v = k.vip[key(f)];
    if (!v) return "-";
    return held.has(v.toString()) ? v.toString() : `${v} (planned, not held: see Manual steps)`;
  });
}

function vipTable(plan: Plan, topology: Topology): string | undefined {
  const rows = clusters(plan).flatMap(({ t, k }) => {
    if (!k.vip.ipv4 && !k.vip.ipv6) return [];
    const a = (k.vip.ipv4 ?? k.vip.ipv6) as Address;
    const f = a.family;
    const within = t.vms[key(f)]?.contains(a)
      ? "VM subnet"
      : t.vmLoopbacks[key(f)]?.contains(a)
        ? "VM loopbacks"
        : "-";
    return [[k.name, ...heldVip(topology, k), within]];
  });
  if (rows.length === 0) return undefined;
  return ["### Control-plane VIPs", "", table(["Cluster", "IPv4", "IPv6", "In"], rows)].join("\n");
}

function serviceIpTable(plan: Plan): string | undefined {
  const rows = clusters(plan).flatMap(({ k }) =>
    k.serviceIps.map((s) => [k.name, text(s.service), s.address.toString()]),
  );
  if (rows.length === 0) return undefined;
  return ["### Service IPs", "", table(["Cluster", "Service", "Address"], rows)].join("\n");
}

/** A shared segment (seed 004) as the seed draws it: reserved addresses and each cluster's pool. */
function sharedTables(plan: Plan): string[] {
  return plan.sharedSegments.map((g) => {
    const entries = [
      ...g.reserved.map((r) => ({
        start: r.address.value,
        cells: [String(r.address), ownerCell(r.label)],
      })),
      ...clusters(plan).flatMap(({ k }) =>
        k.lbRanges
          .filter((r) => r.within(g.prefix))
          .map((r) => ({
            start: r.start.value,
            cells: [r.toString(), `${k.name} LoadBalancer pool`],
          })),
      ),
    ].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return [
      `### Shared segment ${g.name} (${g.prefix})`,
      "",
      table(
        ["Addresses", "What"],
        entries.map((e) => e.cells),
      ),
    ].join("\n");
  });
}

export function loadBalancerSection(plan: Plan, topology: Topology): string | undefined {
  return section("## LoadBalancer pools and VIPs", [
    poolsTable(plan),
    vipTable(plan, topology),
    serviceIpTable(plan),
    ...sharedTables(plan),
  ]);
}

/**
 * Which interfaces of a RouterOS router the script makes members of the factory interface list
 * `LAN`, and which it keeps out and why (render/routeros/state.ts lanMembership).
 */
function lanText(topology: Topology, r: RouterPlan): string {
  const { members, keptOut } = lanMembership(topology, r);
  const joins =
    members.length > 0
      ? `${members.map((m) => `\`${m}\``).join(", ")} ${members.length === 1 ? "joins" : "join"} it: the factory firewall lets \`LAN\` reach the router itself and forwards its IPv6`
      : "no interface joins it";
  const out = keptOut.map(
    (k) =>
      `\`${k.interface}\` stays out: zone ${k.zone} denies by default (${k.path}), so the factory \`defconf\` drops keep it off the router itself (SSH, Winbox, WebFig, DNS); what the policy allows from it, its rules naming ${r.name} and its BGP sessions are accepted above those drops`,
  );
  return `Interface list \`LAN\` (when the router has it, as a factory configuration does): ${[joins, ...out].join("; ")}.`;
}

export function routersSection(plan: Plan, topology: Topology): string | undefined {
  if (plan.routers.length === 0) return undefined;
  // The ASN only of a router that speaks BGP, the prefixes it never accepts only where a config of
  // ours carries them (a RouterOS script or frr.conf); an external router gets neither (friction 7).
  const rows = plan.routers.map((r) => [
    r.name,
    OS_NAMES[r.os],
    // The release the RouterOS script is rendered for; other routers get no RouterOS script.
    r.os === "routeros" ? r.version : "-",
    speaksBgp(topology, r) ? String(r.asn) : "-",
    cell(r.routerId),
    // Brackets keep an IPv6 host apart from the port, as ssh:// URLs write it.
    // Written by the program from checked values: escaped only, never redacted (a host named
    // `secret` stays `admin@secret:22`, not read as a `secret: value`).
    r.ssh
      ? text(
          `${r.ssh.user}@${r.ssh.host.includes(":") ? `[${r.ssh.host}]` : r.ssh.host}:${r.ssh.port}`,
        )
      : "-",
    (r.os !== "external" && speaksBgp(topology, r) && r.rejects.map(String).join(", ")) || "-",
  ]);
  const header = ["Router", "OS", "Version", "ASN", "Router ID", "SSH", "Never accepted"];
  const perRouter = plan.routers.map((r) => {
    const vlans = r.vlans.map((v) => {
      const t = plan.tenants.find((x) => x.id === v.tenant);
      return [
        v.interface,
        t ? `${t.id} (${t.name})` : String(v.tenant),
        t?.vlan !== undefined ? String(t.vlan) : "-",
        both(t?.vms),
        both(t?.gateway),
        v.filterChain,
      ];
    });
    // The router's other addresses (routers[].addresses), one row per interface: the segment
    // each sits on (its VLAN ID) where the plan declares one (new-user trial L17: they were left out).
    const own = [...new Set(r.addresses.map((a) => a.interface))].map((i) => {
      const held = r.addresses.filter((a) => a.interface === i);
      const subnets = held.map((a) =>
        Prefix.containing(a.address.family, a.address.value, a.length),
      );
      const segment = plan.segments.find((g) =>
        subnets.some((p) => [g.prefixes.ipv4, g.prefixes.ipv6].some((q) => q?.equals(p))),
      );
      const management = subnets.some((p) =>
        [plan.global.management.ipv4, plan.global.management.ipv6].some((q) => q?.equals(p)),
      );
      return [
        i,
        segment ? `segment ${segment.name}` : management ? "management network" : "-",
        segment?.vlan !== undefined ? String(segment.vlan) : "-",
        subnets.join(", "),
        held.map((a) => a.address.toString()).join(", "),
        "-",
      ];
    });
    const records = r.dnsRecords.map((d) => [d.name, d.address.toString()]);
    return [
      `### Interfaces of ${r.name}`,
      "",
      table(
        ["Interface", "Tenant or segment", "VLAN", "Subnet", "Address held", "Filter chain"],
        [...vlans, ...own],
      ),
      ...(r.dnsDomain
        ? ["", `DNS: each node and cluster VIP is named under \`${r.dnsDomain}\`.`]
        : []),
      ...(records.length > 0 ? ["", table(["DNS name", "Address"], records)] : []),
      ...(r.os === "routeros" ? ["", lanText(topology, r)] : []),
    ].join("\n");
  });
  return section("## Routers", [table(header, rows), ...perRouter]);
}

const CARRIERS: Record<string, string> = {
  routeros: "RouterOS script",
  frr: "frr.conf",
  cilium: "Cilium BGP",
  manual: "manual",
};

/**
 * Every BGP session of the topology, one row per session: both ends with the address each speaks
 * from, the families, eBGP multihop TTLs, and what configures each end. The same objects the
 * RouterOS script, frr.conf and Cilium objects are rendered from.
 */
export function bgpSection(topology: Topology): string | undefined {
  const rows = topology.sessions.map((s) => {
    const [a, b] = s.ends;
    return [
      a.device,
      String(a.asn),
      a.address.toString(),
      b.device,
      String(b.asn),
      b.address.toString(),
      s.families.map((f) => `IPv${f}`).join(", "),
      [a, b].map((e) => (e.multihop === undefined ? "1" : String(e.multihop))).join(" / "),
      `${CARRIERS[a.carrier] ?? a.carrier} / ${CARRIERS[b.carrier] ?? b.carrier}`,
    ];
  });
  const header = [
    "Speaker",
    "ASN",
    "Speaks from",
    "Peer",
    "Peer ASN",
    "Peer speaks from",
    "Families",
    "TTL",
    "Configured by",
  ];
  const announced = topology.sessions.flatMap((s) =>
    s.ends.flatMap((e) =>
      e.announces.map((a) => [
        e.device,
        a.prefix.toString(),
        a.what,
        a.source,
        s.ends[0] === e ? s.ends[1].device : s.ends[0].device,
      ]),
    ),
  );
  return section("## BGP sessions", [
    rows.length > 0 ? table(header, rows) : undefined,
    announced.length > 0
      ? [
          "### Announcements",
          "",
          table(["Announcer", "Prefix", "What", "Exists as", "To"], announced),
        ].join("\n")
      : undefined,
  ]);
}
