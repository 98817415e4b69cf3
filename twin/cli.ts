// The `npm run twin` command line: preview a stack (or take a preview folder), build its twin in
// network namespaces from the artifacts alone, run every check, print one line per check and a
// summary, and remove every namespace and daemon, also on Ctrl-C or SIGTERM (the lab's handlers)
// and after SIGKILL (its watchdog).
import { spawnSync } from "child_process";
import { existsSync, realpathSync, statSync } from "fs";
import { join, relative } from "path";
import {
  parseManifest,
  PREVIEW_MANIFEST,
  PreviewFolderError,
  previewFolderProblem,
  PreviewResult,
  previewStack,
  problemLines,
  RefusedFile,
  ROOT,
  writePreview,
} from "../preview/offline";
import { parseCommand, stacksIn } from "../preview/cli";
import { pseudoFilesystem } from "../preview/folder";
import { extractArtifacts } from "../preview/artifacts";
import { parseBases, readBase } from "../preview/routeros-base";
import { bgpChecks } from "./checks/bgp";
import { frrNodeChecks } from "./checks/frr-nodes";
import { pathChecks } from "./checks/paths";
import { expectChecks } from "./checks/expect";
import { flowChecks } from "./checks/flows";
import { policyChecks } from "./checks/policy";
import { Check, Outcome } from "./checks/types";
import { requireFrr } from "./netns/frr-check";
import { sleep } from "./netns/host";
import { readPreviewFolder } from "./readback/folder";
import { LiveTwin, realise } from "./realise";
import { buildTwin, BuiltTwin, TwinBase } from "./site/build";

/** Where the command writes, one line at a time. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** How long converging checks (sessions, routes, first pings) may take, in ms. */
export const CONVERGENCE_MS = 60_000;

/** The usage text with the stacks found in `root`. */
export function usage(root: string): string {
  return [
    "Usage: npm run twin -- (--stack <name> | --from <preview dir>)",
    "",
    "Boots a twin of the site in network namespaces from a preview's artifacts alone (Proxmox",
    "bridges and VNets, Talos nodes, Cilium's BGP as GoBGP, RouterOS interpreted onto FRR, FRR",
    "nodes, stand-ins for external devices, the policy's rulesets as nftables with a probe per",
    "rule and zone default), runs the checks and removes everything again.",
    "Needs root, iproute2, FRR, gobgpd and nftables (.ci/install-frr.sh, .ci/install-gobgp.sh,",
    ".ci/install-nftables.sh).",
    "",
    "Options:",
    "  --stack <name>  preview Pulumi.<name>.yaml into out/<name>/ first, then twin it",
    "  --from <dir>    twin an existing preview folder (e.g. a copy with an edited artifact)",
    "  --routeros-base <router>=<file>",
    "                  start that RouterOS router from its /export (RouterOS 7) instead of empty;",
    "                  the script runs on it twice (nothing of its own removed, no key twice,",
    "                  the second run changes nothing) and its factory firewall stays in place",
    "  -h, --help      show this text",
    "",
    `Stacks found: ${stacksIn(root).join(", ") || "none"}`,
    "",
    "Exit status: 0 every check passed, 1 a check failed or the artifacts cannot be twinned,",
    "2 a usage error.",
  ].join("\n");
}

/** What the twin needs on the machine, as one message; undefined when all is there. */
export function missingTools(): string | undefined {
  if (process.getuid?.() !== 0) return "the twin needs root (network namespaces, FRR)";
  try {
    requireFrr();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (spawnSync("gobgpd", ["--version"]).error) {
    return "gobgpd is not installed: run `sudo .ci/install-gobgp.sh` (Debian: apt-get install gobgpd)";
  }
  if (spawnSync("nft", ["--version"]).error) {
    return "nftables is not installed: run `sudo .ci/install-nftables.sh` (Debian: apt-get install nftables)";
  }
  return undefined;
}

/**
 * Why `dir` cannot be twinned with `--from`, or undefined: it does not exist, is a file, has no
 * `resources.json`, or lacks a file the preview wrote: one its `.preview-files.json` lists
 * (`policy.json` when there is a policy), `outputs.json`, `manual-steps.json`, or an artifact its
 * own `resources.json` and `outputs.json` name (a missing config would silently drop a device,
 * and a missing policy.json every probe, out of the twin). Also refused: a folder on a kernel
 * pseudo-filesystem (/proc, /sys, /dev), and one holding a file readPreviewFolder refuses (a link
 * leading out of the folder, a FIFO, a device, a file over 16 MiB), named without its content.
 */
export function fromFolderProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return "does not exist; run npm run plan -- --stack <name> first";
  if (!statSync(dir).isDirectory()) return "is a file, not a preview folder";
  const pseudo = pseudoFilesystem(realpathSync(dir));
  if (pseudo !== undefined)
    return `is on ${pseudo}, a kernel pseudo-filesystem, not a preview folder`;
  if (!existsSync(join(dir, "resources.json")))
    return "is not a preview folder (no resources.json); run npm run plan first";
  let files: Map<string, string>;
  try {
    files = readPreviewFolder(dir);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    return `cannot be twinned: ${e.message}`;
  }
  const resources = files.get("resources.json");
  if (resources === undefined)
    return "is not a preview folder (no resources.json); run npm run plan first";
  let missing: string[];
  try {
    const outputs = JSON.parse(files.get("outputs.json") ?? "{}");
    // The files the preview listed as written (policy.json among them when there is a policy),
    // and in any case what resources.json and outputs.json say it wrote.
    const manifest = files.get(PREVIEW_MANIFEST);
    const listed = manifest === undefined ? undefined : parseManifest(manifest);
    const expected = new Set([
      ...(listed?.files.map((f) => f.path) ?? []),
      "outputs.json",
      "manual-steps.json",
      ...extractArtifacts(JSON.parse(resources), outputs).map((a) => a.path),
    ]);
    missing = [...expected].filter((path) => !files.has(path));
  } catch (e) {
    return `has a resources.json or outputs.json that is not a preview's: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (missing.length > 0)
    return `lacks ${missing.length} file${missing.length === 1 ? "" : "s"} the preview wrote: ${missing.join(", ")}; restore ${missing.length === 1 ? "it" : "them"} or run npm run plan again`;
  return undefined;
}

/** Runs the checks: converging ones until all pass or the deadline; one outcome each. */
export async function runChecks(
  live: LiveTwin,
  checks: readonly Check[],
  deadlineMs = CONVERGENCE_MS,
): Promise<Outcome[]> {
  const results: (Outcome | undefined)[] = checks.map(() => undefined);
  const attempt = async (i: number) => {
    try {
      results[i] = await checks[i].run(live);
    } catch (e) {
      results[i] = {
        ok: false,
        expected: "a result",
        seen: e instanceof Error ? e.message.split("\n")[0] : String(e),
      };
    }
  };
  const start = Date.now();
  for (;;) {
    for (let i = 0; i < checks.length; i++) {
      if (checks[i].converges && !results[i]?.ok) await attempt(i);
    }
    const pending = checks.some((c, i) => c.converges && !results[i]?.ok);
    if (!pending || Date.now() - start > deadlineMs) break;
    await sleep(500);
  }
  for (let i = 0; i < checks.length; i++) if (!checks[i].converges) await attempt(i);
  return results as Outcome[];
}

/** Every check of a twin. */
export function checksOf(twin: BuiltTwin): Check[] {
  const seen = new Set<string>();
  return [
    ...bgpChecks(twin),
    ...pathChecks(twin),
    ...frrNodeChecks(twin),
    ...policyChecks(twin),
    ...expectChecks(twin),
    ...flowChecks(twin),
  ].filter((c) => !seen.has(c.name) && seen.add(c.name));
}

/**
 * `; flows: P probed (F failed), S skipped` for a twin with flows.json's flows, "" without; then
 * `; probes: N skipped` when the twin skips policy probes or expectations (an address it cannot
 * hold).
 */
export function flowSummary(
  twin: BuiltTwin,
  checks: readonly Check[],
  outcomes: readonly Outcome[],
) {
  const probed = twin.site.flows.length;
  const skipped = twin.site.flowSkips.length;
  const unsent = twin.site.probeSkips.length;
  const probes = unsent > 0 ? `; probes: ${unsent} skipped` : "";
  if (probed + skipped === 0) return probes;
  const failed = checks.filter((c, i) => c.name.startsWith("flow ") && !outcomes[i].ok).length;
  return `; flows: ${probed} probed (${failed} failed), ${skipped} skipped${probes}`;
}

/** Builds, runs and removes the twin of a preview folder; returns the number of failures. */
export async function twinFolder(
  stack: string,
  dir: string,
  io: CliOutput,
  bases: ReadonlyMap<string, TwinBase> = new Map(),
): Promise<number> {
  const twin = buildTwin(stack, readPreviewFolder(dir), bases);
  io.out(
    `twin ${stack}: ${twin.site.devices.length} devices from ${relative(process.cwd(), dir) || "."}`,
  );
  for (const d of twin.site.devices) io.out(`  ${d.name}: ${d.modelledBy}`);
  for (const n of twin.site.notes) io.out(`  modelled: ${n}`);
  const checks = checksOf(twin);
  const live = await realise(twin.site);
  try {
    const outcomes = await runChecks(live, checks);
    let failed = 0;
    outcomes.forEach((o, i) => {
      if (!o.ok) failed++;
      io.out(`${o.ok ? "pass" : "FAIL"} ${checks[i].name}: expected ${o.expected}; seen ${o.seen}`);
    });
    for (const s of twin.site.probeSkips) io.out(`skip ${s.name}: ${s.why}`);
    for (const s of twin.site.flowSkips) io.out(`skip flow ${s.name}: ${s.why}`);
    io.out(
      `twin ${stack}: ${checks.length - failed} passed, ${failed} failed${flowSummary(twin, checks, outcomes)}`,
    );
    return failed;
  } finally {
    live.lab.destroy();
  }
}

/** Runs the command; returns the exit status (0 pass, 1 fail, 2 usage). */
export async function twinCli(argv: string[], io: CliOutput, root = ROOT): Promise<number> {
  const values = parseCommand<{ stack?: string; from?: string; "routeros-base"?: string[] }>(
    "twin",
    argv,
    {
      stack: { type: "string" },
      from: { type: "string" },
      "routeros-base": { type: "string", multiple: true },
    },
    io,
    usage(root),
  );
  if (typeof values === "number") return values;
  const parsed = parseBases(values["routeros-base"] ?? []);
  if (typeof parsed === "string") {
    io.err(`twin: ${parsed}`);
    return 2;
  }
  const bases = new Map<string, TwinBase>();
  for (const b of parsed) {
    const read = readBase(b.file);
    if ("problem" in read) {
      io.err(`twin: --routeros-base ${b.router}=${b.file}: ${b.file} ${read.problem}`);
      return 2;
    }
    bases.set(b.router, { file: b.file, text: read.text });
  }
  if ((values.stack === undefined) === (values.from === undefined)) {
    io.err("twin: give exactly one of --stack <name> or --from <preview dir>");
    return 2;
  }
  // A folder that cannot be twinned is a usage error whatever the machine has.
  if (values.from !== undefined) {
    const problem = fromFolderProblem(values.from);
    if (problem !== undefined) {
      io.err(`twin: ${values.from} ${problem}`);
      return 2;
    }
  }
  const missing = missingTools();
  if (missing) {
    io.err(`twin: ${missing}`);
    return 1;
  }
  let dir: string;
  let stack: string;
  if (values.stack !== undefined) {
    stack = values.stack;
    if (!stacksIn(root).includes(stack)) {
      io.err(
        `twin: no stack ${stack}: there is no Pulumi.${stack}.yaml; stacks found: ${stacksIn(root).join(", ")}`,
      );
      return 2;
    }
    let result: PreviewResult;
    try {
      result = await previewStack(stack, root);
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e;
      io.err(`twin: ${e.message}`);
      return 2;
    }
    if (!result.ok) {
      io.err(`${stack}: the stack has problems; run npm run plan -- --stack ${stack} to see them`);
      for (const line of problemLines(result)) io.err(`  - ${line}`);
      return 1;
    }
    dir = join(root, "out", stack);
    const folderProblem = previewFolderProblem(dir, root, stack);
    if (folderProblem !== undefined) {
      io.err(`twin: ${dir} ${folderProblem}`);
      return 2;
    }
    try {
      writePreview(result, dir, root, [], stack);
    } catch (e) {
      if (!(e instanceof PreviewFolderError)) throw e;
      io.err(`twin: ${e.message}`);
      return 2;
    }
  } else {
    dir = values.from as string;
    stack = JSON.parse(readPreviewFolder(dir).get("outputs.json") ?? "{}").site ?? dir;
  }
  try {
    return (await twinFolder(stack, dir, io, bases)) > 0 ? 1 : 0;
  } catch (e) {
    io.err(`twin ${stack}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
