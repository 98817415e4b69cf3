// A cluster's LoadBalancer pool: the ranges Cilium's LB IPAM hands out. Both the pool objects and
// what a router accepts from the cluster are projections of these ranges.
import { AddressRange, FAMILIES, familyKey as key, Prefix } from "../addressing/ip";
import { ClusterPlan } from "../addressing/plan-types";

/** A range of a pool and the config path it comes from (for problems). */
export interface LbBlock {
  readonly range: AddressRange;
  readonly path: string;
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

/**
 * The pool of a cluster, per family: its lbRanges, else the usable range of its LoadBalancer
 * prefix without the prefix's on-link gateway (an L2 pool beside the node subnet). `path` is the
 * cluster's config path.
 */
export function lbBlocks(cluster: ClusterPlan, path: string): LbBlock[] {
  return FAMILIES.flatMap((f) => {
    const ranges = cluster.lbRanges
      .map((range, i) => ({ range, path: `${path}.lbRanges[${i}]` }))
      .filter((b) => b.range.family === f);
    if (ranges.length > 0) return ranges;
    const prefix = cluster.loadBalancers[key(f)];
    if (!prefix) return [];
    const gateway = cluster.lbGateway[key(f)];
    const usable = usableRange(prefix);
    return (gateway ? usable.without(gateway) : [usable]).map((range) => ({
      range,
      path: `${path}.loadBalancers.${key(f)}`,
    }));
  });
}

/**
 * The prefixes a cluster's pool announces by BGP: the LoadBalancer prefix when the pool is its
 * usable range, else the fewest prefixes that cover the configured ranges (so that a router's
 * filter accepts exactly the cluster's own addresses, seed 004's two pools on one segment).
 */
export function poolPrefixes(cluster: ClusterPlan, family: 4 | 6): Prefix[] {
  const prefix = cluster.loadBalancers[key(family)];
  const ranges = cluster.lbRanges.filter((r) => r.family === family);
  if (ranges.length === 0) return prefix ? [prefix] : [];
  return ranges.flatMap((r) => r.toPrefixes());
}
