// Seed 004 ("STORY-NET-CILIUM-IPAM"), built directly: clusters infra and apps share the L2 segment
// 10.25.11.0/24 and the BGP router 10.25.11.1 (AS 64501). The story gives no cluster ASNs; 64512
// and 64513 stand in for them. Paths name where each value would sit in a site config.
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { AnnouncementInput, LbPoolInput } from "../../render/cilium/objects";
import { ServiceIpAssignment, SharedSegment } from "../../render/cilium/check";

export const range = (start: string, stop: string): AddressRange =>
  AddressRange.of(Address.from(start), Address.from(stop));

export const pool = (i: number, cluster: string, start: string, stop: string): LbPoolInput => ({
  name: `${cluster}-pool`,
  cluster,
  blocks: [{ range: range(start, stop), path: `clusters[${i}].pool.blocks[0]` }],
});

export const seed004Pools: readonly LbPoolInput[] = [
  pool(0, "infra", "10.25.11.100", "10.25.11.119"),
  pool(1, "apps", "10.25.11.120", "10.25.11.139"),
];

export const segment: SharedSegment = {
  path: "segments[0]",
  prefix: Prefix.from("10.25.11.0/24"),
  reserved: [
    { path: "segments[0].router", address: Address.from("10.25.11.1"), label: "BGP router" },
  ],
};

export const assign = (
  i: number,
  cluster: string,
  what: string,
  service: string,
  address: string,
): ServiceIpAssignment => ({
  path: `clusters[${i}].serviceIps.${what}`,
  cluster,
  service,
  address: Address.from(address),
});

/** The story's corrected assignments (acceptance criterion 2). */
export const seed004Assignments: readonly ServiceIpAssignment[] = [
  assign(0, "infra", "clustermesh", "kube-system/clustermesh-apiserver", "10.25.11.100"),
  assign(0, "infra", "gateway", "kube-system/cilium-gateway", "10.25.11.110"),
  assign(1, "apps", "clustermesh", "kube-system/clustermesh-apiserver", "10.25.11.120"),
  assign(1, "apps", "gateway", "kube-system/cilium-gateway", "10.25.11.121"),
];

export const bgp = (cluster: string, localAsn: number): AnnouncementInput => ({
  mode: "bgp",
  cluster,
  localAsn,
  peers: [
    {
      name: "router",
      address: Address.from("10.25.11.1"),
      asn: 64501,
      families: [4],
      ebgpMultihop: 2,
    },
  ],
});
