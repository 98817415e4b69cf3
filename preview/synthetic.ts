// A synthetic site of any size, for the benchmark: `scale` multiplies tenants (and so clusters,
// nodes, VNets and VMs); hosts grow with the square root so a large site stays plausible.
import { StackConfig } from "./stack-file";

export function syntheticSite(scale: number): Record<string, unknown> {
  const tenantCount = 8 * scale;
  if (tenantCount > 150) throw new Error(`scale ${scale} needs more than 150 tenants`);
  // Hosts carry most resources (13 each: bonds, bridges, VLANs, a fabric node, the component).
  const hostCount = 150 * scale;
  return {
    site: {
      name: `synthetic-${scale}x`,
      description: `Synthetic site at ${scale}x for the benchmark`,
    },
    global: {
      management: { ipv4: "172.16.0.0/16", ipv6: "fd01:10::/64" },
      underlay: { ipv4: "172.17.0.0/16", ipv6: "fc01:99::/48" },
      hostLoopbacks: { ipv4: "172.18.0.0/16", ipv6: "fd01:255::/64" },
      cephPublic: { ipv4: "172.19.0.0/16", ipv6: "fc01:20::/64" },
      cephCluster: { ipv4: "172.20.0.0/16", ipv6: "fc01:21::/64" },
      tenantSpace: { ipv4: "10.0.0.0/8", ipv6: "fd00::/16" },
    },
    // More than 254 hosts do not fit a tenant's IPv4 host-identity /24: IPv6 identities only.
    layout: { nodePods: { ipv4: 25 }, hostIdentities: { ipv4: 0 } },
    hostNetwork: {
      interfaces: ["eno1", "eno2", "enp1s0f0", "enp1s0f1", "enp2s0f0", "enp2s0f1"],
      bonds: [
        { name: "bond0", members: ["eno1", "eno2"], mode: "active-backup" },
        { name: "bond1", members: ["enp1s0f0", "enp1s0f1"], mtu: 9000 },
      ],
      bridges: [
        { name: "vmbr0", ports: ["bond0"], vlanAware: true },
        { name: "vmbr1", ports: ["bond1"], mtu: 9000 },
      ],
      vlans: [
        { on: "vmbr0", id: 10, carries: "management" },
        { on: "bond1", id: 48, mtu: 9000, carries: "cephPublic" },
        { on: "bond1", id: 49, mtu: 9000, carries: "cephCluster" },
        { on: "vmbr0", id: 20 },
        { on: "vmbr0", id: 30 },
        { on: "vmbr1", id: 40, mtu: 9000 },
        { on: "vmbr1", id: 50, mtu: 9000 },
      ],
      underlay: ["enp2s0f0", "enp2s0f1"],
    },
    hosts: Array.from({ length: hostCount }, (_, i) => ({ name: `pve${i + 1}`, id: i + 1 })),
    tenants: Array.from({ length: tenantCount }, (_, i) => {
      const id = 100 + i; // 100..249: above the hosts ASN 65001, below the IPv4 octet limit
      return {
        id,
        name: `t${id}`,
        kubernetes: {
          name: `k${id}`,
          nodes: Array.from({ length: 8 }, (_, n) => ({
            name: `k${id}n${n + 11}`,
            id: n + 11,
            role: n < 3 ? "controlplane" : "worker",
          })),
        },
      };
    }),
  };
}

export function syntheticStackConfig(scale: number): StackConfig {
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(syntheticSite(scale)))
    config[`homelab:${k}`] = JSON.stringify(v);
  return { config, secretKeys: [] };
}

/**
 * A synthetic site of `nodes` Kubernetes nodes, for the scale benchmark: clusters of up to 50
 * nodes (3 control-plane nodes each, a /28 and a /66 of pods per node), one tenant per cluster, one Proxmox
 * host per 10 nodes.
 */
export function syntheticNodesSite(nodes: number): Record<string, unknown> {
  const perTenant = 50;
  const tenantCount = Math.ceil(nodes / perTenant);
  if (tenantCount > 150) throw new Error(`${nodes} nodes need more than 150 tenants`);
  const base = syntheticSite(1);
  return {
    ...base,
    site: { name: `synthetic-${nodes}n`, description: `Synthetic site of ${nodes} nodes` },
    layout: { nodePods: { ipv4: 28, ipv6: 66 }, hostIdentities: { ipv4: 0 } },
    hosts: Array.from({ length: Math.max(3, Math.ceil(nodes / 10)) }, (_, i) => ({
      name: `pve${i + 1}`,
      id: i + 1,
    })),
    tenants: Array.from({ length: tenantCount }, (_, i) => {
      const id = 100 + i;
      const count = Math.min(perTenant, nodes - i * perTenant);
      return {
        id,
        name: `t${id}`,
        kubernetes: {
          name: `k${id}`,
          nodes: Array.from({ length: count }, (_, n) => ({
            name: `k${id}n${n + 11}`,
            id: n + 11,
            role: n < 3 ? "controlplane" : "worker",
          })),
        },
      };
    }),
  };
}

/** The routed segments of the arc-hybrid stack (Pulumi.arc-hybrid.yaml): its policy's zones. */
const ARC_ZONES = [
  ["storage", "10.10.10"],
  ["management", "10.10.20"],
  ["app", "10.10.30"],
  ["observability", "10.10.40"],
  ["devtest", "10.10.50"],
  ["mgmt", "10.10.60"],
  ["dmz", "10.10.99"],
] as const;

/**
 * `raw` (the arc-hybrid stack's config) with `perZone` devices in each of its seven zones
 * (`<zone>-d<i>` at .150 + i, at most 100) and a policy of `rules` rules instead of its own: each
 * from a device (3 in 4) or a whole zone to a device or a zone of another, TCP or UDP to one of
 * 50 ports or a range, allow or deny, drawn from a fixed pseudo-random sequence (the same site for
 * the same sizes).
 */
export function syntheticPolicySite(
  raw: Record<string, unknown>,
  rules: number,
  perZone: number,
): Record<string, unknown> {
  if (perZone > 100) throw new Error(`${perZone} devices per zone: at most 100`);
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const devices = ARC_ZONES.flatMap(([zone, net]) =>
    Array.from({ length: perZone }, (_, i) => ({
      name: `${zone}-d${i}`,
      network: zone,
      ipv4: `${net}.${150 + i}`,
    })),
  );
  const end = (zone: string) => (next(4) === 0 ? zone : `${zone}-d${next(perZone)}`);
  const policy = raw.policy as Record<string, unknown>;
  const extra = Array.from({ length: rules }, (_, i) => {
    const a = next(ARC_ZONES.length);
    const b = (a + 1 + next(ARC_ZONES.length - 1)) % ARC_ZONES.length;
    const port = 1000 + next(50);
    return {
      name: `r${i}`,
      from: end(ARC_ZONES[a][0]),
      to: end(ARC_ZONES[b][0]),
      protocol: next(2) === 0 ? "tcp" : "udp",
      ports: next(3) === 0 ? [`${port}-${port + next(20)}`] : [port],
      action: next(2) === 0 ? "allow" : "deny",
    };
  });
  return {
    ...raw,
    devices: [...((raw.devices as unknown[]) ?? []), ...devices],
    policy: { ...policy, rules: extra },
  };
}
