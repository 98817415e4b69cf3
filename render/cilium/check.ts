// Checks on LoadBalancer pools and explicit service IPs that span clusters: a service IP must come
// from its own cluster's pool and be unique across the site; pools of clusters that share a
// segment must lie inside it, miss each other, and miss addresses something else owns there.
import { Address, Prefix } from "../../addressing/ip";
import { Problem } from "../../addressing/problems";
import { Plan } from "../../addressing/plan-types";
import { advertisementName, LbPoolInput } from "./objects";

/** An address a Service asks for (Cilium's `lbipam.cilium.io/ips` annotation). */
export interface ServiceIpAssignment {
  /** Config path of the assignment, for problems. */
  readonly path: string;
  readonly cluster: string;
  /** `namespace/name` of the Service. */
  readonly service: string;
  readonly address: Address;
}

/** A segment several clusters announce LoadBalancer addresses on (seed 004: 10.25.11.0/24). */
export interface SharedSegment {
  readonly path: string;
  readonly prefix: Prefix;
  /** Addresses on the segment owned by something else, e.g. the BGP router. */
  readonly reserved?: readonly {
    readonly path: string;
    readonly address: Address;
    readonly label: string;
  }[];
}

const blocksOf = (p: LbPoolInput): string => p.blocks.map((b) => b.range).join(", ");

function poolFix(own: readonly LbPoolInput[]): string | undefined {
  if (own.length === 0) return undefined;
  return `choose an address in ${own.map((p) => `${p.name} (${blocksOf(p)})`).join(" or ")}`;
}

/** Every explicit service IP outside its cluster's pools, or claimed twice. */
export function checkServiceIps(
  pools: readonly LbPoolInput[],
  assignments: readonly ServiceIpAssignment[],
): Problem[] {
  const problems: Problem[] = [];
  assignments.forEach((a, i) => {
    const input = a.address.toString();
    const inPool = (p: LbPoolInput) => p.blocks.some((b) => b.range.contains(a.address));
    const own = pools.filter((p) => p.cluster === a.cluster);
    if (!own.some(inPool)) {
      const foreign = pools.find((p) => p.cluster !== a.cluster && inPool(p));
      const message = foreign
        ? `is in pool ${foreign.name} of cluster ${foreign.cluster}, not in a pool of cluster ${a.cluster}`
        : `is not in any LoadBalancer pool of cluster ${a.cluster}`;
      problems.push({ path: a.path, input, message, fix: poolFix(own) });
    }
    const first = assignments.findIndex((o) => o.address.equals(a.address));
    if (first < i) {
      const o = assignments[first];
      problems.push({
        path: a.path,
        input,
        message: `is already assigned to ${o.service} of cluster ${o.cluster} (${o.path})`,
        fix: "give each service its own address",
      });
    }
  });
  return problems;
}

/** Pools of clusters sharing `segment`: inside it, pairwise disjoint, clear of reserved addresses. */
export function checkSegmentPools(
  segment: SharedSegment,
  pools: readonly LbPoolInput[],
): Problem[] {
  const problems: Problem[] = [];
  const blocks = pools.flatMap((pool) =>
    pool.blocks
      .filter((b) => b.range.family === segment.prefix.family)
      .map((b) => ({ pool, ...b })),
  );
  blocks.forEach((b, i) => {
    const input = b.range.toString();
    if (!b.range.within(segment.prefix)) {
      problems.push({
        path: b.path,
        input,
        message: `is not inside the shared segment ${segment.prefix} (${segment.path})`,
      });
    }
    for (const other of blocks.slice(0, i)) {
      if (b.range.overlaps(other.range)) {
        problems.push({
          path: b.path,
          input,
          message: `overlaps ${other.range} of pool ${other.pool.name} (${other.path})`,
        });
      }
    }
    for (const r of segment.reserved ?? []) {
      if (b.range.contains(r.address)) {
        problems.push({
          path: b.path,
          input,
          message: `contains ${r.address}, the ${r.label} (${r.path})`,
        });
      }
    }
  });
  return problems;
}

/** Longest Kubernetes label value (Kubernetes "Labels and Selectors": 63 characters or fewer). */
export const LABEL_VALUE_MAX = 63;

/**
 * A cluster announced by BGP names its CiliumBGPAdvertisement `<cluster>-lb` and labels it with
 * that name (render/cilium/objects.ts advertisementName), a label value of at most 63 characters:
 * a cluster name that would exceed it is refused at the name, with how long it may be (trial M7').
 */
export function checkClusterLabels(plan: Plan): Problem[] {
  return plan.tenants.flatMap((t, i) => {
    const k = t.kubernetes;
    if (!k || k.announcement !== "bgp") return [];
    const value = advertisementName(k.name);
    if (value.length <= LABEL_VALUE_MAX) return [];
    const room = LABEL_VALUE_MAX - (value.length - k.name.length);
    return [
      {
        path: `tenants[${i}].kubernetes.name`,
        input: k.name,
        message: `names the cluster's CiliumBGPAdvertisement and its label value ${value} (${value.length} characters), and a Kubernetes label value is at most ${LABEL_VALUE_MAX}`,
        fix: `use a cluster name of at most ${room} characters`,
      },
    ];
  });
}
