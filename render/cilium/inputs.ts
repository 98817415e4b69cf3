// Topology -> Cilium inputs: Helm values of one cluster, the LoadBalancer pools of every cluster of
// the site (each cluster holds them all, only its own enabled), and the cluster's announcement:
// BGP peers are the other ends of the nodes' sessions, an L2 policy binds the NIC names the nodes
// really have on the segment that carries the pool.
import { FAMILIES, familyKey as key, Family } from "../../addressing/ip";
import { Plan, TenantPlan } from "../../addressing/plan-types";
import { lbBlocks } from "../../topology/pools";
import { Topology } from "../../topology/types";
import { apiServerAddress, clusterNodes, clusterOf } from "../../topology/kube-api";
import {
  AnnouncementInput,
  BgpPeerInput,
  CiliumValuesInput,
  LabelSelector,
  LbPoolInput,
  NodeOverride,
} from "./objects";

export interface CiliumPlanOptions {
  /** Pod MTU; absent lets Cilium detect it. */
  readonly mtu?: number;
  /** Default 6443, the API server's own port. */
  readonly apiServerPort?: number;
  readonly serviceSelector?: LabelSelector;
}

/** `version`: the Cilium chart version (`talos.ciliumVersion`). */
export function ciliumValuesInput(
  t: Topology,
  tenant: TenantPlan,
  version: string,
  options: CiliumPlanOptions = {},
): CiliumValuesInput {
  const cluster = clusterOf(tenant);
  // Pods are routed over the first NIC: the mesh when there is one, else the VM network. Nodes
  // whose first NICs share one segment reach each other's pods directly.
  const segments = new Set(
    clusterNodes(t, tenant).map((d) => d.interfaces.find((i) => i.kind === "nic")?.segment),
  );
  return {
    pods: cluster.pods,
    apiServer: { host: apiServerAddress(t, tenant), port: options.apiServerPort ?? 6443 },
    sharedL2: segments.size === 1 && !segments.has(undefined),
    announcement: cluster.announcement,
    version,
    ...(options.mtu !== undefined ? { mtu: options.mtu } : {}),
  };
}

/** One pool per cluster of the site, named `<cluster>-pool`. */
export function lbPoolInputs(plan: Plan): LbPoolInput[] {
  return plan.tenants.flatMap((t, i) =>
    t.kubernetes
      ? [
          {
            name: `${t.kubernetes.name}-pool`,
            cluster: t.kubernetes.name,
            blocks: lbBlocks(t.kubernetes, `tenants[${i}].kubernetes`),
          },
        ]
      : [],
  );
}

/**
 * The cluster's announcement. BGP: every peer the nodes have a session with (all nodes of a
 * cluster have the same peers, at the same addresses), with the session's families and TTL.
 * L2: the names of the NICs on the segment that carries the pool, as regexes.
 */
export function announcementInput(
  t: Topology,
  tenant: TenantPlan,
  options: CiliumPlanOptions = {},
): AnnouncementInput {
  const cluster = clusterOf(tenant);
  const selector = options.serviceSelector ? { serviceSelector: options.serviceSelector } : {};
  const nodes = clusterNodes(t, tenant);
  if (cluster.announcement === "bgp") {
    const names = new Set(nodes.map((d) => d.name));
    const peers = new Map<string, BgpPeerInput>();
    for (const s of t.sessions) {
      const i = s.ends.findIndex((e) => names.has(e.device) && e.carrier === "cilium");
      if (i < 0) continue;
      const end = s.ends[i];
      const other = s.ends[1 - i];
      const id = other.address.toString();
      if (peers.has(id)) continue;
      peers.set(id, {
        name: end.peerName,
        address: other.address,
        asn: other.asn,
        families: s.families as Family[],
        ...(end.multihop !== undefined ? { ebgpMultihop: end.multihop } : {}),
      });
    }
    const overrides = nodes.flatMap((d): NodeOverride[] => {
      // A node holding an IPv6 VIP sources its IPv6 sessions from it: RFC 6724 source selection
      // (rule 8, longest matching prefix) can prefer the VIP, which the peer does not know. IPv4
      // takes the subnet's primary address, which a /32 VIP is not.
      const vip = new Set(
        d.interfaces.flatMap((i) =>
          i.addresses
            .filter((h) => h.role === "vip" && h.address.family === 6)
            .map((h) => h.address.family),
        ),
      );
      const localAddresses = t.sessions.flatMap((s) => {
        const end = s.ends.find((e) => e.device === d.name && e.carrier === "cilium");
        return end && vip.has(end.address.family)
          ? [{ peer: end.peerName, address: end.address }]
          : [];
      });
      const routerId = d.speaker?.routerId;
      if (!routerId && localAddresses.length === 0) return [];
      return [
        {
          node: d.name,
          ...(routerId ? { routerId } : {}),
          ...(localAddresses.length > 0 ? { localAddresses } : {}),
        },
      ];
    });
    return {
      mode: "bgp",
      cluster: cluster.name,
      localAsn: cluster.asn,
      peers: [...peers.values()],
      ...(overrides.length > 0 ? { overrides } : {}),
      ...selector,
    };
  }
  // ARP and NDP answers only reach hosts on the NIC's own segment: bind the NIC whose segment
  // carries every block (a check refuses a pool on no segment of the nodes).
  const blocks = lbBlocks(cluster, "");
  const names = new Set<string>();
  for (const d of nodes) {
    for (const i of d.interfaces) {
      const segment = t.segments.find((s) => s.id === i.segment);
      const carries = blocks.every((b) =>
        segment?.prefixes.some((p) => p.family === b.range.family && b.range.within(p)),
      );
      if (i.kind === "nic" && segment && carries) names.add(i.name);
    }
  }
  if (names.size === 0) {
    const prefixes = FAMILIES.flatMap((f) => tenant.vms[key(f)] ?? []).join(", ");
    throw new Error(
      `cluster ${cluster.name}: no node NIC is on a segment that carries the LoadBalancer ranges ` +
        `(${blocks.map((b) => b.range).join(", ")}; node subnets ${prefixes})`,
    );
  }
  return {
    mode: "l2",
    cluster: cluster.name,
    interfaces: [...names].sort().map((n) => `^${n.replace(/[.]/g, "\\.")}$`),
    ...selector,
  };
}
