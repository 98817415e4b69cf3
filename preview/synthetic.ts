// A synthetic site of any size, for the benchmark: `scale` multiplies tenants (and so clusters,
// nodes, VNets and VMs); hosts grow with the square root so a large site stays plausible.
import { StackConfig } from "./stack-file";

export function syntheticSite(scale: number): Record<string, unknown> {
  const tenantCount = 8 * scale;
  if (tenantCount > 150) throw new Error(`scale ${scale} needs more than 150 tenants`);
  const hostCount = Math.max(3, Math.round(4 * Math.sqrt(scale)));
  return {
    site: {
      name: `synthetic-${scale}x`,
      description: `Synthetic site at ${scale}x for the benchmark`,
    },
    global: {
      management: { ipv4: "172.16.0.0/24", ipv6: "fd01:10::/64" },
      underlay: { ipv4: "172.17.0.0/16", ipv6: "fc01:99::/48" },
      hostLoopbacks: { ipv4: "172.18.0.0/16", ipv6: "fd01:255::/64" },
      tenantSpace: { ipv4: "10.0.0.0/8", ipv6: "fd00::/16" },
    },
    layout: { nodePods: { ipv4: 25 } },
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
