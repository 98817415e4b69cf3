// The site's L2 segments: management and storage networks, tenant VNets and VLANs, declared
// segments and shared LoadBalancer segments, each with the prefixes on-link on it.
import { FAMILIES, familyKey as key, Prefix } from "../addressing/ip";
import { Plan, TenantPlan } from "../addressing/plan-types";
import { DualPrefix } from "../addressing/site";
import { Segment } from "./types";

/** Both families of a dual prefix, IPv4 first. */
export const prefixesOf = (p: DualPrefix | undefined): Prefix[] =>
  FAMILIES.flatMap((f) => p?.[key(f)] ?? []);

/** Segment ID of a global network a host device carries. */
export const networkSegmentId = (carries: string): string => `net:${carries}`;

/** Segment ID of the VNet `vnet<T>`. */
export const vnetSegmentId = (vnet: string): string => `vnet:${vnet}`;

/** Segment ID of a tenant's VM network: its VNet, or its VLAN behind a router. */
export function tenantSegmentId(t: TenantPlan): string {
  if (t.vnet?.carries === "vms") return vnetSegmentId(t.vnet.id);
  return `tenant:${t.id}`;
}

/** Segment ID of a tenant's mesh (seed 001's fc00:101::/64 on vnet101). */
export function meshSegmentId(t: TenantPlan): string | undefined {
  return t.vnet?.carries === "mesh" ? vnetSegmentId(t.vnet.id) : undefined;
}

/** On-link LoadBalancer prefixes of a tenant's cluster (L2 pools beside the node subnet). */
export function onLinkLbPrefixes(t: TenantPlan): Prefix[] {
  const k = t.kubernetes;
  if (!k) return [];
  return FAMILIES.flatMap((f) => (k.lbGateway[key(f)] ? (k.loadBalancers[key(f)] ?? []) : []));
}

/** VLAN ID of a global network on the hosts: the first host VLAN device that carries it. */
function hostVlan(plan: Plan, carries: string): number | undefined {
  for (const h of plan.hosts) {
    const d = h.network.devices.find((x) => x.carries === carries && x.kind === "vlan");
    if (d?.vlanId !== undefined) return d.vlanId;
  }
  return undefined;
}

export function buildSegments(plan: Plan): Segment[] {
  const g = plan.global;
  const networks = (["management", "cephPublic", "cephCluster"] as const).flatMap((n) => {
    const prefixes = prefixesOf(g[n]);
    if (prefixes.length === 0) return [];
    const vlan = hostVlan(plan, n);
    return [
      {
        id: networkSegmentId(n),
        name: n,
        kind: "management" as const,
        ...(vlan !== undefined ? { vlan } : {}),
        prefixes,
        path: `global.${n}`,
      },
    ];
  });
  const tenants = plan.tenants.flatMap((t, i): Segment[] => {
    const path = `tenants[${i}]`;
    const vms: Segment = {
      id: tenantSegmentId(t),
      name: t.vnet?.carries === "vms" ? t.vnet.id : t.name,
      kind: t.vnet?.carries === "vms" ? "vnet" : "vlan",
      ...(t.vlan !== undefined ? { vlan: t.vlan } : {}),
      prefixes: [...prefixesOf(t.vms), ...onLinkLbPrefixes(t)],
      ...(t.vnet?.carries === "vms" ? { mtu: plan.fabric.mtu.vnet } : {}),
      path,
    };
    const meshId = meshSegmentId(t);
    const mesh: Segment[] =
      meshId && t.mesh
        ? [
            {
              id: meshId,
              name: t.vnet?.id ?? meshId,
              kind: "vnet",
              prefixes: prefixesOf(t.mesh.subnet),
              mtu: plan.fabric.mtu.vnet,
              path: `${path}.mesh`,
            },
          ]
        : [];
    return [vms, ...mesh];
  });
  const declared = plan.segments.map((s, i): Segment => ({
    id: `segment:${s.name}`,
    name: s.name,
    kind: "segment",
    ...(s.vlan !== undefined ? { vlan: s.vlan } : {}),
    prefixes: prefixesOf(s.prefixes),
    ...(s.mtu !== undefined ? { mtu: s.mtu } : {}),
    path: `segments[${i}]`,
  }));
  const shared = plan.sharedSegments.map((s, i): Segment => ({
    id: `shared:${s.name}`,
    name: s.name,
    kind: "segment",
    prefixes: [s.prefix],
    path: `sharedSegments[${i}]`,
  }));
  return [...networks, ...tenants, ...declared, ...shared];
}
