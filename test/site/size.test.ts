// A site too large for the heap is refused with its numbers before anything is planned, instead of
// the preview or `pulumi up` dying out of memory with no message (issue 21, finding 8).
import { formatProblem } from "../../addressing/problems";
import { syntheticNodesSite } from "../../preview/synthetic";
import { resolveStackConfig } from "../../site";
import { loadSite } from "../../site/load";
import { sizeProblems } from "../../site/size";
import { stackRaw } from "../fixtures/base";

const siteOf = (raw: Record<string, unknown>) => {
  const loaded = loadSite(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.site;
};

test("5000 nodes on Node's default 4 GB heap: refused whole, with the heap to ask for", () => {
  const r = resolveStackConfig(syntheticNodesSite(5000), () => false, 4144);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'hosts, tenants, vms: "5000 nodes, 0 VMs, 500 hosts": need about 4865 MB of heap to register their resources, more than 80% of this process\'s 4144 MB (measured: 0.85 MB per node or VM, 1.15 MB per host); split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=6144',
  ]);
});

test("the same site fits the heap it is told to ask for; 2000 nodes fit the default", () => {
  expect(sizeProblems(siteOf(syntheticNodesSite(5000)), 6144)).toEqual([]);
  expect(sizeProblems(siteOf(syntheticNodesSite(2000)), 4144)).toEqual([]);
  // VMs count like nodes: the limit is the share of the heap, whatever fills it.
  expect(sizeProblems(siteOf(stackRaw("arc-hybrid")), 60).map(formatProblem)).toEqual([
    'hosts, tenants, vms: "0 nodes, 11 VMs, 2 hosts": need about 52 MB of heap to register their resources, more than 80% of this process\'s 60 MB (measured: 0.85 MB per node or VM, 1.15 MB per host); split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=1024',
  ]);
});

test("the bundled stacks fit the default heap", () => {
  expect(resolveStackConfig(stackRaw("homelab"), () => true, 4144).ok).toBe(true);
});
