// Whether a site fits the memory of the process that would register it. The Pulumi SDK keeps
// every resource, each output property with four promises, until the program ends, and a preview
// or `pulumi up` that runs out of heap dies with no message. A site too large for the heap is
// refused with the numbers instead, before anything is planned.
import { getHeapStatistics } from "v8";
import { Problem } from "../addressing/problems";
import { Site } from "../addressing/site";

/**
 * Peak live heap (MB) per Kubernetes node or VM, per Proxmox host, and for the program itself,
 * measured with `npm run bench:scale` (README "Benchmark", Scale: the live heap after a full
 * garbage collection when every resource is built and none registered yet, the peak of a run).
 */
export const HEAP_MB = { perMachine: 0.85, perHost: 1.15, base: 40 } as const;

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
  const nodes = site.tenants.reduce((n, t) => n + (t.kubernetes?.nodes.length ?? 0), 0);
  const vms = site.vms.length;
  const hosts = site.hosts.length;
  const needed = Math.ceil(
    HEAP_MB.base + HEAP_MB.perMachine * (nodes + vms) + HEAP_MB.perHost * hosts,
  );
  if (needed <= HEAP_SHARE * limitMb) return [];
  const ask = Math.ceil(needed / HEAP_SHARE / 1024) * 1024;
  return [
    {
      path: "hosts, tenants, vms",
      input: `${nodes} nodes, ${vms} VMs, ${hosts} hosts`,
      message: `need about ${needed} MB of heap to register their resources, more than ${Math.round(100 * HEAP_SHARE)}% of this process's ${limitMb} MB (measured: ${HEAP_MB.perMachine} MB per node or VM, ${HEAP_MB.perHost} MB per host)`,
      fix: `split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=${ask}`,
    },
  ];
}
