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
