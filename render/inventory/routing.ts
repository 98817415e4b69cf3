// Inventory sections of what is announced and who peers with whom: LoadBalancer pools, VIPs and
// service IPs, shared segments, edge routers with the gateways they hold, and every BGP session.
import { FAMILIES, familyKey as key } from "../../addressing/ip";
import { Address, Family } from "../../addressing/ip";
import { ClusterPlan, Plan, RouterPlan, TenantPlan } from "../../addressing/plan-types";
import { lbPoolInputs } from "../cilium/inputs";
import { both, cell, section, table, text } from "./table";

const OS_NAMES: Record<RouterPlan["os"], string> = { routeros: "RouterOS", frr: "FRR" };

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
        k.announcement === "bgp" ? "BGP" : "L2 (ARP/NDP)",
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

function vipTable(plan: Plan): string | undefined {
  const rows = clusters(plan).flatMap(({ t, k }) => {
    if (!k.vip.ipv4 && !k.vip.ipv6) return [];
    const a = (k.vip.ipv4 ?? k.vip.ipv6) as Address;
    const f = a.family;
    const within = t.vms[key(f)]?.contains(a)
      ? "VM subnet"
      : t.vmLoopbacks[key(f)]?.contains(a)
        ? "VM loopbacks"
        : "-";
    return [[k.name, cell(k.vip.ipv4), cell(k.vip.ipv6), within]];
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
        cells: [String(r.address), text(r.label)],
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

export function loadBalancerSection(plan: Plan): string | undefined {
  return section("## LoadBalancer pools and VIPs", [
    poolsTable(plan),
    vipTable(plan),
    serviceIpTable(plan),
    ...sharedTables(plan),
  ]);
}

export function routersSection(plan: Plan): string | undefined {
  if (plan.routers.length === 0) return undefined;
  const rows = plan.routers.map((r) => [
    r.name,
    OS_NAMES[r.os],
    r.version,
    String(r.asn),
    cell(r.routerId),
    // Brackets keep an IPv6 host apart from the port, as ssh:// URLs write it.
    text(
      `${r.ssh.user}@${r.ssh.host.includes(":") ? `[${r.ssh.host}]` : r.ssh.host}:${r.ssh.port}`,
    ),
    r.rejects.map(String).join(", ") || "-",
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
    const records = r.dnsRecords.map((d) => [d.name, d.address.toString()]);
    return [
      `### Interfaces of ${r.name}`,
      "",
      table(["Interface", "Tenant", "VLAN", "Subnet", "Gateway held", "Filter chain"], vlans),
      ...(r.dnsDomain
        ? ["", `DNS: each node and cluster VIP is named under \`${r.dnsDomain}\`.`]
        : []),
      ...(records.length > 0 ? ["", table(["DNS name", "Address"], records)] : []),
    ].join("\n");
  });
  return section("## Routers", [table(header, rows), ...perRouter]);
}

/**
 * Sessions as the routers' configs set them up (render/routeros-plan.ts, render/frr-plan.ts):
 * from the tenant gateway to each node loopback, in every family with a loopback, an egress address
 * and a gateway (RouterOS), IPv6 only (FRR). Talos clusters peer from Cilium instead.
 */
function routerSessions(plan: Plan): string[][] {
  return plan.routers.flatMap((r) => {
    const families: readonly Family[] = r.os === "routeros" ? FAMILIES : [6];
    return r.vlans.flatMap((v) => {
      const t = plan.tenants.find((x) => x.id === v.tenant);
      const k = t?.kubernetes;
      if (!t || !k) return [];
      const how = r.os === "routeros" ? `multihop, in-filter ${v.filterChain}` : "multihop";
      return k.nodes.flatMap((n) =>
        families.flatMap((f) => {
          const [loopback, egress, gateway] = [n.loopback, n.address, t.gateway].map(
            (d) => d[key(f)],
          );
          if (!loopback || !egress || !gateway) return [];
          const row = [r.name, String(r.asn), String(gateway), n.name, String(k.asn)];
          return [[...row, String(loopback), how]];
        }),
      );
    });
  });
}

/** Cilium's peers (render/cilium-plan.ts): the explicit ones, else the gateway at the router ASN. */
function ciliumSessions(plan: Plan): string[][] {
  return clusters(plan).flatMap(({ t, k }) => {
    if (k.nodeOs !== "talos" || k.announcement !== "bgp") return [];
    const peers =
      k.bgpPeers ??
      FAMILIES.flatMap((f) => {
        const address = t.gateway[key(f)];
        return address ? [{ name: `router-${key(f)}`, address, asn: plan.fabric.asn.router }] : [];
      });
    return peers.map((p) => [
      `${k.name} (every node)`,
      String(k.asn),
      "node address",
      p.name,
      String(p.asn),
      String(p.address),
      "Cilium BGP control plane",
    ]);
  });
}

export function bgpSection(plan: Plan): string | undefined {
  const rows = [...routerSessions(plan), ...ciliumSessions(plan)];
  const header = ["Speaker", "ASN", "Source", "Peer", "Peer ASN", "Peer address", "Session"];
  return section("## BGP sessions", [rows.length > 0 ? table(header, rows) : undefined]);
}
