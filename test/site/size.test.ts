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

const MEASURED =
  "(measured: 0.1 MB per node or VM and 0.25 MB per host once registered, 0.85 MB per node of the largest cluster and per VM while built)";

test("5000 nodes on a 512 MB heap: refused whole, with the heap to ask for", () => {
  const r = resolveStackConfig(syntheticNodesSite(5000), () => false, [], 512);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    `hosts, tenants, vms: "5000 nodes, 0 VMs, 500 hosts": need about 768 MB of heap to register their resources, more than 80% of this process's 512 MB ${MEASURED}; split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=1024`,
  ]);
});

test("5000 nodes fit Node's default 4 GB heap, and the heap the message asks for", () => {
  expect(sizeProblems(siteOf(syntheticNodesSite(5000)), 4144)).toEqual([]);
  expect(sizeProblems(siteOf(syntheticNodesSite(5000)), 1024)).toEqual([]);
});

test("VMs and the largest cluster count while built", () => {
  expect(sizeProblems(siteOf(stackRaw("arc-hybrid")), 60).map(formatProblem)).toEqual([
    `hosts, tenants, vms: "0 nodes, 11 VMs, 2 hosts": need about 111 MB of heap to register their resources, more than 80% of this process's 60 MB ${MEASURED}; split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=1024`,
  ]);
  // One cluster of 4000 nodes is built in one go: 100 + 0.1 * 4000 + 0.25 * 5 + 0.85 * 4000 MB.
  const one = syntheticNodesSite(50) as { tenants: { kubernetes: { nodes: unknown[] } }[] };
  one.tenants[0].kubernetes.nodes = Array.from({ length: 4000 }, (_, n) => ({
    name: `big${n + 1}`,
    id: n + 1,
    role: n < 3 ? "controlplane" : "worker",
  }));
  expect(sizeProblems(siteOf(one), 4144).map(formatProblem)).toEqual([
    `hosts, tenants, vms: "4000 nodes, 0 VMs, 5 hosts": need about 3902 MB of heap to register their resources, more than 80% of this process's 4144 MB ${MEASURED}; split the site into stacks, or give Node more heap: NODE_OPTIONS=--max-old-space-size=5120`,
  ]);
});

test("the bundled stacks fit the default heap", () => {
  expect(resolveStackConfig(stackRaw("homelab"), () => true, undefined, 4144).ok).toBe(true);
});
