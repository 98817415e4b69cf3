// Seed 004 split over two stacks: infra here, apps in a peer stack that exports its pools. The
// peer's lbPools are read through a StackReference and checked before anything is provisioned.
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { previewConfig } from "../../preview/offline";
import { requirePlan } from "../../site";
import { exportedPools, peerProblems } from "../../site/peer-pools";
import { seed004 } from "../fixtures/seed004";
import { stackConfigOf } from "../fixtures/stack";

type Raw = Record<string, unknown> & {
  tenants: unknown[];
  sharedSegments: Record<string, unknown>[];
};

function half(index: number, peer?: string): Raw {
  const raw = JSON.parse(JSON.stringify(seed004)) as Raw;
  raw.tenants = [raw.tenants[index]];
  if (peer) raw.sharedSegments[0].peerStacks = [peer];
  return raw;
}

const apps = exportedPools(requirePlan(half(1)));

test("a stack exports its pools with their segment", () => {
  expect(apps).toEqual([
    {
      name: "apps-pool",
      cluster: "apps",
      segment: "10.25.11.0/24",
      blocks: ["10.25.11.120-10.25.11.139"],
    },
  ]);
});

test("disjoint pools across stacks pass", () => {
  expect(
    peerProblems(requirePlan(half(0, "org/homelab/apps")), [
      { stack: "org/homelab/apps", segment: 0, pools: apps },
    ]),
  ).toEqual([]);
});

test("an overlap with the peer stack's pool is reported", () => {
  const infra = half(0, "org/homelab/apps");
  (infra.tenants[0] as { kubernetes: { lbRanges: string[] } }).kubernetes.lbRanges = [
    "10.25.11.100-10.25.11.125",
  ];
  const problems = peerProblems(requirePlan(infra), [
    { stack: "org/homelab/apps", segment: 0, pools: apps },
  ]);
  expect(problems.map(formatProblem)).toEqual([
    'stack org/homelab/apps lbPools.apps-pool.blocks[0]: "10.25.11.120-10.25.11.139": overlaps 10.25.11.100-10.25.11.125 of pool infra-pool (tenants[0].kubernetes.lbRanges[0])',
  ]);
});

test("the program reads the peer stack through a StackReference and stops on a collision", async () => {
  const root = mkdtempSync(join(tmpdir(), "peers-"));
  mkdirSync(join(root, "out", "apps"), { recursive: true });
  const overlapping = [{ ...apps[0], blocks: ["10.25.11.110-10.25.11.139"] }];
  writeFileSync(
    join(root, "out", "apps", "outputs.json"),
    JSON.stringify({ lbPools: overlapping }),
  );
  const result = await previewConfig(
    "infra",
    stackConfigOf(half(0, "org/homelab/apps")),
    "homelab",
    root,
  );
  expect(result.ok).toBe(false);
  expect(result.resources.map((r) => `${r.type} ${r.name}`)).toEqual([
    "pulumi:pulumi:Stack homelab-infra",
    "pulumi:pulumi:StackReference peer-lb-0",
  ]);
  expect((result.error as Error).message).toBe(
    "LoadBalancer pools collide with a peer stack's; nothing was provisioned:\n" +
      '  - stack org/homelab/apps lbPools.apps-pool.blocks[0]: "10.25.11.110-10.25.11.139": overlaps 10.25.11.100-10.25.11.119 of pool infra-pool (tenants[0].kubernetes.lbRanges[0])',
  );
});
