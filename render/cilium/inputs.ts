// Plan -> Cilium inputs: Helm values of one cluster, the LoadBalancer pools of every cluster of
// the site (each cluster holds them all, only its own enabled), and the cluster's announcement.
import { AddressRange, FAMILIES, familyKey as key, Prefix } from "../../addressing/ip";
import { ClusterPlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { DualPrefix } from "../../addressing/site";
import {
  Announcement,
  AnnouncementInput,
  BgpPeerInput,
  CiliumValuesInput,
  LabelSelector,
  LbBlock,
  LbPoolInput,
} from "./objects";
import { apiServerAddress, clusterOf } from "../talos/inputs";

export interface CiliumPlanOptions {
  readonly announcement: Announcement;
  /** Pod MTU; absent lets Cilium detect it. */
  readonly mtu?: number;
  /** Default 6443, the API server's own port. */
  readonly apiServerPort?: number;
  /** BGP peers; default the tenant's gateway in each family, at ASN `fabric.asn.router`. */
  readonly bgpPeers?: readonly BgpPeerInput[];
  /**
   * Regex of the interface behind NIC `nic`; default `^eth<nic>$`, which holds with the kernel
   * argument `net.ifnames=0` (Talos otherwise names virtio NICs by PCI slot, e.g. `ens18`).
   */
  readonly interfacePattern?: (nic: number) => string;
  readonly serviceSelector?: LabelSelector;
}

/** Subnets of a tenant's node NICs, in NIC order (the order render/talos-plan.ts gives them). */
export function nicSubnets(tenant: TenantPlan): DualPrefix[] {
  return tenant.mesh ? [tenant.mesh.subnet, tenant.vms] : [tenant.vms];
}

export function ciliumValuesInput(
  plan: Plan,
  tenant: TenantPlan,
  options: CiliumPlanOptions,
): CiliumValuesInput {
  const cluster = clusterOf(tenant);
  // Pods are routed over the first NIC: the mesh when there is one, else the VM subnet.
  const subnet = nicSubnets(tenant)[0];
  const sharedL2 = cluster.nodes.every((n) => {
    const address = tenant.mesh ? n.mesh : n.address;
    return FAMILIES.every((f) => {
      const s = subnet[key(f)];
      const a = address[key(f)];
      return !s || (a !== undefined && s.contains(a));
    });
  });
  return {
    pods: cluster.pods,
    apiServer: { host: apiServerAddress(plan, tenant), port: options.apiServerPort ?? 6443 },
    sharedL2,
    announcement: options.announcement,
    ...(options.mtu !== undefined ? { mtu: options.mtu } : {}),
  };
}

/**
 * A LoadBalancer prefix as a pool range without its reserved ends: the IPv4 network and broadcast
 * addresses, the IPv6 subnet-router anycast address (seed 001: fd00:101:cafe::1-fd00:101:cafe::ffff).
 */
export function usableRange(prefix: Prefix): AddressRange {
  if (prefix.size <= 2n) return AddressRange.of(prefix.first, prefix.last);
  const stop = prefix.family === 4 ? prefix.last.add(-1n) : prefix.last;
  return AddressRange.of(prefix.first.add(1n), stop);
}

function clusterBlocks(cluster: ClusterPlan, path: string): LbBlock[] {
  return FAMILIES.flatMap((f) => {
    const ranges = cluster.lbRanges
      .map((range, i) => ({ range, path: `${path}.lbRanges[${i}]` }))
      .filter((b) => b.range.family === f);
    if (ranges.length > 0) return ranges;
    const prefix = cluster.loadBalancers[key(f)];
    return prefix ? [{ range: usableRange(prefix), path: `${path}.loadBalancers.${key(f)}` }] : [];
  });
}

/** One pool per cluster of the site, named `<cluster>-pool`. */
export function lbPoolInputs(plan: Plan): LbPoolInput[] {
  return plan.tenants.flatMap((t, i) =>
    t.kubernetes
      ? [
          {
            name: `${t.kubernetes.name}-pool`,
            cluster: t.kubernetes.name,
            blocks: clusterBlocks(t.kubernetes, `tenants[${i}].kubernetes`),
          },
        ]
      : [],
  );
}

export function announcementInput(
  plan: Plan,
  tenant: TenantPlan,
  options: CiliumPlanOptions,
): AnnouncementInput {
  const cluster = clusterOf(tenant);
  const blocks = clusterBlocks(cluster, "");
  const selector = options.serviceSelector ? { serviceSelector: options.serviceSelector } : {};
  if (options.announcement === "bgp") {
    const peers =
      options.bgpPeers ??
      FAMILIES.flatMap((f) => {
        const address = tenant.gateway[key(f)];
        return address ? [{ name: `router-${key(f)}`, address, asn: plan.fabric.asn.router }] : [];
      });
    return {
      mode: "bgp",
      cluster: cluster.name,
      localAsn: cluster.asn,
      peers,
      families: FAMILIES.filter((f) => blocks.some((b) => b.range.family === f)),
      ...selector,
    };
  }
  // ARP/NDP answers only reach hosts on the NIC's own segment, so every block must lie in it.
  const subnets = nicSubnets(tenant);
  const nic = subnets.findIndex((s) =>
    blocks.every((b) => {
      const p = s[key(b.range.family)];
      return p !== undefined && b.range.within(p);
    }),
  );
  if (nic < 0) {
    const shown = subnets.flatMap((s) => FAMILIES.flatMap((f) => s[key(f)] ?? [])).join(", ");
    throw new Error(
      `cluster ${cluster.name}: L2 announcements need the LoadBalancer ranges ` +
        `(${blocks.map((b) => b.range).join(", ")}) inside a node subnet (${shown}); ` +
        `announce by BGP, or move the ranges into the node subnet`,
    );
  }
  const pattern = options.interfacePattern ?? ((i: number) => `^eth${i}$`);
  return { mode: "l2", cluster: cluster.name, interfaces: [pattern(nic)], ...selector };
}
