// Seed 004 split over two stacks: infra here, apps in a peer stack that exports its pools. The
// peer's lbPools are read through a StackReference and checked before anything is provisioned.
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { peerOutputs, peerOutputsFile, previewConfig, RefusedFile } from "../../preview/offline";
import { requirePlan } from "../../site";
import { exportedPools, peerProblems, readPeerPools } from "../../site/peer-pools";
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
const appsPools = readPeerPools("sharedSegments[0].peerStacks[0]", "org/homelab/apps", apps).pools;

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
      { stack: "org/homelab/apps", segment: 0, pools: appsPools },
    ]),
  ).toEqual([]);
});

test("an overlap with the peer stack's pool is reported", () => {
  const infra = half(0, "org/homelab/apps");
  (infra.tenants[0] as { kubernetes: { lbRanges: string[] } }).kubernetes.lbRanges = [
    "10.25.11.100-10.25.11.125",
  ];
  const problems = peerProblems(requirePlan(infra), [
    { stack: "org/homelab/apps", segment: 0, pools: appsPools },
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
    "Peer stacks' LoadBalancer pools are malformed or collide with ours; nothing was provisioned:\n" +
      '  - stack org/homelab/apps lbPools.apps-pool.blocks[0]: "10.25.11.110-10.25.11.139": overlaps 10.25.11.100-10.25.11.119 of pool infra-pool (tenants[0].kubernetes.lbRanges[0])',
  );
});

describe("a peer's lbPools output is checked before it is used", () => {
  const PATH = "sharedSegments[0].peerStacks[0]";
  const read = (value: unknown) =>
    readPeerPools(PATH, "org/homelab/apps", value).problems.map(formatProblem);
  const pool = { name: "apps-pool", cluster: "apps", segment: "10.25.11.0/24" };

  test.each([
    [
      "an object where a list belongs (was: p.pools.filter is not a function)",
      { "apps-pool": {} },
      "its output lbPools is an object; expected a list of pools",
    ],
    ["a string", "10.25.11.0/24", "its output lbPools is a string; expected a list of pools"],
    ["a pool that is a number", [7], "its output lbPools[0] is a number; expected a pool object"],
    [
      "a pool without blocks",
      [{ name: "apps-pool", cluster: "apps" }],
      "its output lbPools[0].blocks is missing; expected a list of blocks",
    ],
    [
      "a pool whose name is a number",
      [{ ...pool, name: 3, blocks: [] }],
      "its output lbPools[0].name is a number; expected a string",
    ],
    [
      "a reversed range",
      [{ ...pool, blocks: ["10.25.11.139-10.25.11.120"] }],
      'its output lbPools[0].blocks[0] "10.25.11.139-10.25.11.120" ends before it starts; did you mean 10.25.11.120-10.25.11.139?',
    ],
    [
      "a prefix with host bits",
      [{ ...pool, blocks: ["10.25.11.139/27"] }],
      'its output lbPools[0].blocks[0] "10.25.11.139/27" has host bits set; did you mean 10.25.11.128/27?',
    ],
    [
      "a block that is a number",
      [{ ...pool, blocks: [10] }],
      "its output lbPools[0].blocks[0] is a number; expected a range or prefix string",
    ],
  ])("%s", (_what, value, message) => {
    expect(read(value)).toEqual([`${PATH}: "org/homelab/apps": ${message}`]);
  });

  test("good pools pass, a prefix block as its range; an absent output is no pools", () => {
    const got = readPeerPools(PATH, "org/homelab/apps", [
      { ...pool, blocks: ["10.25.11.120-10.25.11.139", "10.25.11.160/27"] },
    ]);
    expect(got.problems).toEqual([]);
    expect(got.pools.map((p) => p.blocks.map(String))).toEqual([
      ["10.25.11.120-10.25.11.139", "10.25.11.160-10.25.11.191"],
    ]);
    expect(readPeerPools(PATH, "org/homelab/apps", undefined)).toEqual({ pools: [], problems: [] });
  });

  test("the program stops on a malformed output with the message, not a TypeError", async () => {
    const root = mkdtempSync(join(tmpdir(), "peers-"));
    mkdirSync(join(root, "out", "apps"), { recursive: true });
    writeFileSync(
      join(root, "out", "apps", "outputs.json"),
      JSON.stringify({ lbPools: [{ ...pool, blocks: ["10.25.11.139-10.25.11.120"] }] }),
    );
    const result = await previewConfig(
      "infra",
      stackConfigOf(half(0, "org/homelab/apps")),
      "homelab",
      root,
    );
    expect(result.ok).toBe(false);
    expect((result.error as Error).message).toBe(
      "Peer stacks' LoadBalancer pools are malformed or collide with ours; nothing was provisioned:\n" +
        '  - sharedSegments[0].peerStacks[0]: "org/homelab/apps": its output lbPools[0].blocks[0] "10.25.11.139-10.25.11.120" ends before it starts; did you mean 10.25.11.120-10.25.11.139?',
    );
  });
});

describe("peer stack names", () => {
  test.each([
    ["org/homelab/apps", "out/apps/outputs.json"],
    ["org/homelab/apps.v2", "out/apps.v2/outputs.json"],
    ["org/proj/..", undefined],
    ["org/proj/.", undefined],
    ["org/../apps", undefined],
    ["apps", undefined],
    ["homelab/apps", undefined],
    ["org/proj/apps/x", undefined],
    ["/etc/passwd", undefined],
  ])("%s is read from %s", (name, file) => {
    const got = peerOutputsFile("/srv/homelab", name);
    expect(got).toBe(file === undefined ? undefined : join("/srv/homelab", file));
  });

  test("a name with a path step is refused by the config, and nothing is read", async () => {
    const root = mkdtempSync(join(tmpdir(), "peers-"));
    mkdirSync(join(root, "out"), { recursive: true });
    writeFileSync(join(root, "outputs.json"), JSON.stringify({ lbPools: "read outside out/" }));
    const result = await previewConfig(
      "infra",
      stackConfigOf(half(0, "org/proj/..")),
      "homelab",
      root,
    );
    expect(result.problems.map(formatProblem)).toEqual([
      `sharedSegments[0].peerStacks[0]: "org/proj/..": must be org/project/stack: three names of letters, digits, '-', '_' (and '.' after the org), each starting with a letter or digit; write the peer stack's fully qualified name, like acme/homelab/apps`,
    ]);
    expect(result.resources).toEqual([]);
  });
});

// A peer's outputs.json is read like a stack file: only a regular file inside out/, of at
// most 16 MiB, and never quoted; a refused one stops the preview with one line.
describe("a peer's outputs.json that is not a preview's is refused, its text never shown", () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "peers-"));
    outside = mkdtempSync(join(tmpdir(), "peers-outside-"));
    mkdirSync(join(root, "out", "apps"), { recursive: true });
    writeFileSync(join(outside, "credentials"), "aws_secret_access_key = FAKE/peer+secret\n");
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const preview = () =>
    previewConfig("infra", stackConfigOf(half(0, "org/homelab/apps")), "homelab", root);

  test.each([
    [
      "a link to a file outside the project",
      () => symlinkSync(join(outside, "credentials"), join(root, "out", "apps", "outputs.json")),
      "out/apps/outputs.json is a symbolic link to a file outside the project's out/ folder; copy the file into the project's out/ folder instead of linking to it",
    ],
    [
      "a link to /dev/zero",
      () => symlinkSync("/dev/zero", join(root, "out", "apps", "outputs.json")),
      "out/apps/outputs.json is a symbolic link to a file outside the project's out/ folder; copy the file into the project's out/ folder instead of linking to it",
    ],
    [
      "a FIFO",
      () => spawnSync("mkfifo", [join(root, "out", "apps", "outputs.json")]),
      "out/apps/outputs.json is a named pipe (FIFO), not a regular file; a preview's outputs.json must be a regular file",
    ],
    [
      "a file that is not JSON",
      () =>
        writeFileSync(
          join(root, "out", "apps", "outputs.json"),
          "aws_secret_access_key = FAKE/peer+secret\n",
        ),
      "out/apps/outputs.json is not JSON, so not a preview's outputs; run npm run plan -- --stack apps again",
    ],
  ])(
    "%s",
    async (_what, make, message) => {
      make();
      await expect(preview()).rejects.toThrow(new RefusedFile(message));
      await expect(preview()).rejects.not.toThrow(/FAKE/);
    },
    10_000,
  );

  test("a peer without a preview has no outputs", () => {
    expect(peerOutputs(["org/homelab/apps", "org/homelab/.."], root)).toEqual(new Map());
  });
});
