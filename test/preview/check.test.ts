// `npm run check` prints what `npm run plan` would, without the Pulumi SDK: the same problems for
// every invalid fixture and for a peer stack's colliding pools, the same warnings for every bundled
// stack, and @pulumi/* never loaded.
import { spawn, spawnSync } from "child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { checkConfig, checkStack, problemLines, warningLines } from "../../preview/check";
import { checkCli, CheckWatch, watchCheck } from "../../preview/check-cli";
import { previewConfig, previewStack } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { exportedPools } from "../../site/peer-pools";
import { requirePlan } from "../../site";
import { BUNDLED_STACKS, ROOT } from "../fixtures/base";
import { seed004 } from "../fixtures/seed004";
import { stackConfigOf } from "../fixtures/stack";

const INVALID = join(ROOT, "test", "fixtures", "invalid");
const invalid = readdirSync(INVALID)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe.each(invalid)("invalid fixture %s", (file) => {
  test("check reports exactly the problems plan reports", async () => {
    const config = parseStackFile(readFileSync(join(INVALID, file), "utf8"), "homelab");
    const plan = await previewConfig("fixture", config, "homelab");
    const check = checkConfig(config);
    expect(plan.ok).toBe(false);
    expect(check.ok).toBe(false);
    expect(problemLines(check)).toEqual(problemLines(plan));
  });
});

describe.each(BUNDLED_STACKS)("bundled stack %s", (stack) => {
  test("check is clean with exactly the warnings plan prints", async () => {
    const plan = await previewStack(stack);
    const check = checkStack(stack);
    expect([plan.ok, check.ok]).toEqual([true, true]);
    expect(warningLines(check)).toEqual(warningLines(plan));
  });
});

/** Seed 004's infra half naming the apps stack as its peer (test/components/peer-stacks.test.ts). */
function infraHalf(): Record<string, unknown> {
  const raw = JSON.parse(JSON.stringify(seed004)) as {
    tenants: unknown[];
    sharedSegments: Record<string, unknown>[];
  };
  raw.tenants = [raw.tenants[0]];
  raw.sharedSegments[0].peerStacks = ["org/homelab/apps"];
  return raw;
}

test("a peer stack's colliding pool: check reports the program's own error, as plan does", async () => {
  const apps = seed004 as unknown as { tenants: unknown[] };
  const pools = exportedPools(requirePlan({ ...seed004, tenants: [apps.tenants[1]] }));
  const root = mkdtempSync(join(tmpdir(), "check-peers-"));
  mkdirSync(join(root, "out", "apps"), { recursive: true });
  writeFileSync(
    join(root, "out", "apps", "outputs.json"),
    JSON.stringify({ lbPools: [{ ...pools[0], blocks: ["10.25.11.110-10.25.11.139"] }] }),
  );
  const config = stackConfigOf(infraHalf());
  const plan = await previewConfig("infra", config, "homelab", root);
  const check = checkConfig(config, root);
  expect([plan.ok, check.ok]).toEqual([false, false]);
  expect(problemLines(check)).toEqual([
    "Peer stacks' LoadBalancer pools are malformed or collide with ours; nothing was provisioned:\n" +
      '  - stack org/homelab/apps lbPools.apps-pool.blocks[0]: "10.25.11.110-10.25.11.139": overlaps 10.25.11.100-10.25.11.119 of pool infra-pool (tenants[0].kubernetes.lbRanges[0])',
  ]);
  expect(problemLines(check)).toEqual(problemLines(plan));
  // Without the peer's outputs there is nothing to collide with.
  expect(checkConfig(config, mkdtempSync(join(tmpdir(), "check-nopeers-"))).ok).toBe(true);
});

/** Runs `node scripts/run.js <args>` and lists the @pulumi/* modules it loaded. */
function pulumiModulesLoaded(args: string[]): { status: number | null; loaded: string[] } {
  const code = `
    process.argv = [process.execPath, "scripts/run.js", ...${JSON.stringify(args)}];
    process.on("exit", () => {
      const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]@pulumi[\\\\/]/.test(k));
      process.stderr.write("LOADED " + JSON.stringify(loaded.map((k) => k.replace(/.*node_modules[\\\\/]/, "").split(/[\\\\/]/).slice(0, 2).join("/"))) + "\\n");
    });
    require("./scripts/run.js");
  `;
  const run = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" });
  const line = run.stderr.split("\n").find((l) => l.startsWith("LOADED ")) ?? "LOADED null";
  return { status: run.status, loaded: [...new Set<string>(JSON.parse(line.slice(7)))].sort() };
}

test("npm run check never loads @pulumi/*; the same probe sees plan load it", () => {
  expect(pulumiModulesLoaded(["check", "--stack", "homelab"])).toEqual({ status: 0, loaded: [] });
  // The probe can fail: plan loads the SDK as soon as it starts.
  const plan = pulumiModulesLoaded(["plan", "--help"]);
  expect(plan.status).toBe(0);
  expect(plan.loaded).toContain("@pulumi/pulumi");
});

/** Runs checkCli in-process against `root`, collecting what it prints. */
function cli(argv: string[], root = ROOT): { status: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const status = checkCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, root);
  if (typeof status !== "number") throw new Error("unexpected watch");
  return { status, out, err };
}

/** A scratch project with Pulumi.yaml and the given stack files. */
function scratchProject(stacks: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "check-cli-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  for (const [name, text] of Object.entries(stacks))
    writeFileSync(join(root, `Pulumi.${name}.yaml`), text);
  return root;
}

const HOMELAB = readFileSync(join(ROOT, "Pulumi.homelab.yaml"), "utf8");
const BROKEN = HOMELAB.replace("ipv4: 10.10.0.0/24", "ipv4: 10.10.0.1/24");
const BROKEN_LINE = `global.management.ipv4: "10.10.0.1/24": has host bits set; did you mean 10.10.0.0/24?`;

describe("the command line", () => {
  test("a clean stack: one line, then the warnings as plan prints them", () => {
    expect(cli(["--stack", "homelab"])).toEqual({
      status: 0,
      out: [
        "homelab: no problems, 1 warning",
        `  ! global.underlay.ipv6: "fc00:99::/48": is in fc00::/8, which RFC 4193 leaves undefined (only fd00::/8 is for local use); fine inside one site; an fd00::/8 prefix with a random global ID avoids future clashes`,
      ],
      err: [],
    });
    expect(cli(["--stack", "example"])).toEqual({
      status: 0,
      out: ["example: no problems"],
      err: [],
    });
  });

  test("a stack with a problem: the count, then each problem as plan lists it; exit 1", () => {
    expect(BROKEN).not.toBe(HOMELAB);
    const root = scratchProject({ site: BROKEN });
    expect(cli(["--stack", "site"], root)).toEqual({
      status: 1,
      out: [],
      err: ["site: 1 problem", `  - ${BROKEN_LINE}`],
    });
  });

  test("usage errors and an unknown stack exit 2", () => {
    const root = scratchProject({ site: HOMELAB });
    const unknown = cli(["--stak", "x"], root);
    expect([unknown.status, unknown.err[0]]).toEqual([2, "check: unknown option --stak"]);
    expect(cli(["--stack", "nope"], root)).toEqual({
      status: 2,
      out: [],
      err: ["check: no stack nope: there is no Pulumi.nope.yaml; stacks found: site"],
    });
    const help = cli(["--help"], root);
    expect(help.out[0]).toContain(
      "  --stack <name>  the stack to check, from Pulumi.<name>.yaml; needed when the project has\n" +
        "                  several stack files (without it, the only one is checked)\n",
    );
    expect([help.status, help.out[0]]).toEqual([
      0,
      expect.stringMatching(/^Usage: npm run check -- \[--stack <name>\] \[--watch\]\n/),
    ]);
  });
});

describe("without --stack", () => {
  test("the only stack file is checked, and named", () => {
    const root = scratchProject({ site: BROKEN });
    expect(cli([], root)).toEqual({
      status: 1,
      out: ["check: stack site (Pulumi.site.yaml, the only stack file here)"],
      err: ["site: 1 problem", `  - ${BROKEN_LINE}`],
    });
  });

  test("several stack files: a usage error naming them, nothing checked; exit 2", () => {
    const root = scratchProject({ site: BROKEN, homelab: HOMELAB });
    const got = cli([], root);
    expect([got.status, got.out, got.err.slice(0, 2)]).toEqual([
      2,
      [],
      [
        "check: which stack? 2 stack files here (homelab, site); name one with --stack, e.g. npm run check -- --stack homelab",
        "",
      ],
    ]);
    expect(got.err[2]).toMatch(/^Usage: npm run check -- /);
  });

  test("no stack file: the file to write; exit 2", () => {
    const root = scratchProject({});
    expect(cli([], root).err[0]).toBe(
      "check: no stack file here: write Pulumi.<name>.yaml (docs/site.md), then run npm run check -- --stack <name>",
    );
  });
});

describe("--watch", () => {
  let watching: CheckWatch | undefined;
  afterEach(() => watching?.close());

  test("checks at once, then once per burst of saves", async () => {
    const root = scratchProject({ site: HOMELAB });
    const lines: string[] = [];
    const statuses: number[] = [];
    let wake: () => void = () => {};
    const next = () => new Promise<void>((r) => (wake = r));
    const first = next();
    watching = watchCheck(
      "site",
      root,
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      {
        debounceMs: 150,
        onCheck: (s) => {
          statuses.push(s);
          wake();
        },
      },
    );
    await first;
    const second = next();
    // Three writes in a row (as an editor saves) make one check.
    for (const text of [HOMELAB, BROKEN, BROKEN])
      writeFileSync(join(root, "Pulumi.site.yaml"), text);
    await second;
    const third = next();
    writeFileSync(join(root, "Pulumi.site.yaml"), HOMELAB);
    await third;
    expect(statuses).toEqual([0, 1, 0]);
    const shown = lines.map((l) => l.replace(/ at \d\d:\d\d:\d\d$/, " at <time>"));
    expect(shown).toEqual([
      "check: watching Pulumi.site.yaml; Ctrl-C stops",
      "site: no problems, 1 warning",
      expect.stringMatching(/^ {2}! global\.underlay\.ipv6: /),
      "",
      "check: Pulumi.site.yaml changed at <time>",
      "site: 1 problem",
      `  - ${BROKEN_LINE}`,
      "",
      "check: Pulumi.site.yaml changed at <time>",
      "site: no problems, 1 warning",
      expect.stringMatching(/^ {2}! global\.underlay\.ipv6: /),
    ]);
  });

  test("Ctrl-C stops the command quietly with exit status 0", async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, "scripts", "run.js"), "check", "--stack", "example", "--watch"],
      { cwd: ROOT },
    );
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await new Promise<void>((r) =>
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("example: no problems")) r();
      }),
    );
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toBe("check: watching Pulumi.example.yaml; Ctrl-C stops\nexample: no problems\n");
    expect(err).toBe("");
  });
});
