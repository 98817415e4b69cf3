// Whether a site fits the memory of the process that would register it. The Pulumi SDK keeps
// every resource, each output property with four promises, until the program ends, and a preview
// or `pulumi up` that runs out of heap dies with no message. A site too large for the heap is
// refused with the numbers instead, before anything is planned.
import { getHeapStatistics } from "v8";
import { Problem } from "../addressing/problems";
import { Site } from "../addressing/site";

/**
 * Live heap (MB) at the peak of a preview, measured with `npm run bench:scale` and a full garbage
 * collection every 1000 registrations (README "Benchmark", Scale). deploySite builds hosts 50 at
 * a time and clusters one at a time, letting the SDK register each group before the next: what
 * stays is about 18 KB per registered resource (`retained*`); a group being built holds far more
 * (`building`: about 0.85 MB per node or VM); `base` is the program, a group of 50 hosts included.
 */
export const HEAP_MB = {
  base: 100,
  retainedPerNode: 0.1,
  retainedPerHost: 0.25,
  building: 0.85,
} as const;

/** The share of the heap a site may plan to fill: the collector needs the rest to work in. */
export const HEAP_SHARE = 0.8;

/** V8's heap limit of this process in MB (Node's default, or --max-old-space-size). */
export function heapLimitMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
}

/**
 * The site's expected peak heap (MB) against `limitMb`: a problem when it needs more than
 * HEAP_SHARE of it, naming the counts, the estimate, and the heap to ask for
 * (--max-old-space-size, rounded up to whole GB).
 */
export function sizeProblems(site: Site, limitMb: number): Problem[] {
  const clusters = site.tenants.map((t) => t.kubernetes?.nodes.length ?? 0);
  const nodes = clusters.reduce((a, n) => a + n, 0);
  const vms = site.vms.length;
  const hosts = site.hosts.length;
  // The VMs are built in one go, as is each cluster.
  const atOnce = Math.max(0, ...clusters) + vms;
  const needed = Math.ceil(
    HEAP_MB.base +
      HEAP_MB.retainedPerNode * (nodes + vms) +
      HEAP_MB.retainedPerHost * hosts +
      HEAP_MB.building * atOnce,
  );
  if (needed <= HEAP_SHARE * limitMb) return [];
  const ask = Math.ceil(needed / HEAP_SHARE / 1024) * 1024;
  return [
    {
      path: "hosts, tenants, vms",
      input: `${nodes} nodes, ${vms} VMs, ${hosts} hosts`,
      message: `need about ${needed} MB of heap to register their resources, more than ${Math.round(100 * HEAP_SHARE)}% of this process's ${limitMb} MB (measured: ${HEAP_MB.retainedPerNode} MB per node or VM and ${HEAP_MB.retainedPerHost} MB per host once registered, ${HEAP_MB.building} MB per node of the largest cluster and per VM while built)`,
      fix: `split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=${ask}`,
    },
  ];
}
