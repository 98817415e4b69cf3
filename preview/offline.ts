// The offline preview: what `pulumi preview` would register for a stack, computed here without the
// Pulumi CLI, credentials or any reachable device. Used by `npm run plan`, the tests and the bench.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "path";
import { parse } from "yaml";
import { formatProblem, Problem, SiteError } from "../addressing/problems";
import { resolveStackConfig } from "../site";
import { rawHomelabConfig } from "../site/pulumi-config";
import { extractArtifacts } from "./artifacts";
import { ROOT } from "./root";
import { RecordedResource, runUnderMocks } from "./run";
import { readStackFile, StackConfig, withNumberSources } from "./stack-file";
import { ManualStep } from "../topology/types";
import { Policy } from "../topology/policy-types";
import { policyJson } from "../render/policy/document";

export { ROOT };

/** index.ts beside this folder, or index.js when running compiled from bin/. */
const PROGRAM = join(resolve(__dirname, ".."), "index");

export function projectName(root = ROOT): string {
  const doc = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { name: string };
  return doc.name;
}

export interface PreviewResult {
  readonly ok: boolean;
  readonly problems: readonly Problem[];
  readonly resources: readonly RecordedResource[];
  readonly outputs: Record<string, unknown>;
  readonly error?: unknown;
  /** Questionable but legal choices of a valid site (empty when the site has problems). */
  readonly warnings: readonly Problem[];
  /** Planned values no rendered config carries (the inventory's "Manual steps"). */
  readonly manualSteps?: readonly ManualStep[];
  /** The site's network policy, when it has one (written to policy.json for the twin). */
  readonly policy?: Policy;
}

/**
 * Outputs a provider would compute and the program reads: a command's stdout (talosctl's
 * secrets, machine configs, kubeconfig) is a stand-in text, so secrets flow as known values and
 * show as "[secret]" wherever they are used.
 */
function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  root: string,
): Record<string, unknown> {
  if (type === "command:local:Command" || type === "command:remote:Command") {
    return { stdout: `offline preview: stdout of ${name}`, stderr: "" };
  }
  // A peer stack's outputs are those its own offline preview wrote (out/<stack>/outputs.json).
  if (type === "pulumi:pulumi:StackReference") {
    const stack = String(inputs.name).split("/").pop() ?? "";
    const file = join(root, "out", stack, "outputs.json");
    const outputs =
      /^[A-Za-z0-9_.-]+$/.test(stack) && existsSync(file)
        ? JSON.parse(readFileSync(file, "utf8"))
        : {};
    return { outputs, secretOutputNames: [] };
  }
  return {};
}

/** index.ts exports an async function (it awaits peer stacks); call it like the Pulumi runtime. */
export async function loadProgram(): Promise<Record<string, unknown>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require(PROGRAM);
  return typeof program === "function" ? await program() : program;
}

/** Validates the stack's site, then runs index.ts under mocks. Registers nothing if invalid. */
export async function previewConfig(
  stack: string,
  stackConfig: StackConfig,
  project = projectName(),
  root = ROOT,
): Promise<PreviewResult> {
  const site = resolveStackConfig(rawHomelabConfig(stackConfig.config), (k) =>
    stackConfig.secretKeys.includes(k),
  );
  if (!site.ok) {
    const problems = withNumberSources(site.problems, stackConfig.numberSources);
    return { ok: false, problems, resources: [], outputs: {}, warnings: [] };
  }
  const run = await runUnderMocks({
    project,
    stack,
    config: stackConfig.config,
    secretKeys: stackConfig.secretKeys,
    program: () => loadProgram(),
    mockState: (type, name, inputs) => mockState(type, name, inputs, root),
  });
  return {
    ok: run.error === undefined,
    problems: [],
    warnings: site.plan.warnings,
    manualSteps: site.topology.manualSteps,
    ...(site.topology.policy ? { policy: site.topology.policy } : {}),
    ...run,
  };
}

/** previewConfig for `Pulumi.<stack>.yaml` in `root`; a YAML syntax error becomes its problems. */
export async function previewStack(stack: string, root = ROOT): Promise<PreviewResult> {
  const project = projectName(root);
  let config: StackConfig;
  try {
    config = readStackFile(join(root, `Pulumi.${stack}.yaml`), project);
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return { ok: false, problems: e.problems, resources: [], outputs: {}, warnings: [] };
  }
  return previewConfig(stack, config, project, root);
}

/** Every file a preview folder holds, by path relative to it, in writing order. */
export function previewFiles(result: PreviewResult): [string, string][] {
  return [
    ["resources.json", `${JSON.stringify(result.resources, null, 2)}\n`],
    ["inventory.md", String(result.outputs.inventory ?? "")],
    ["outputs.json", `${JSON.stringify(result.outputs, null, 2)}\n`],
    // The inventory's manual steps, machine-readable: the twin applies the ones it can.
    ["manual-steps.json", `${JSON.stringify(result.manualSteps ?? [], null, 2)}\n`],
    // The policy's intent, machine-readable: what the twin expects of the loaded rulesets.
    ...(result.policy ? [["policy.json", policyJson(result.policy)] as [string, string]] : []),
    ...extractArtifacts(result.resources, result.outputs).map((a): [string, string] => [
      a.path,
      a.text,
    ]),
  ];
}

/**
 * The list of files a preview wrote into its folder (JSON array of paths relative to it). Only
 * the files it names are ever removed, so `--out` pointed at a folder of one's own cannot lose
 * anything that the preview did not write.
 */
export const PREVIEW_MANIFEST = ".preview-files.json";

/**
 * Why `dir` cannot take a preview, or undefined when it can: it is a file, it holds the project
 * (or is inside nothing but would replace it), or it is a non-empty folder that no preview wrote
 * (no `.preview-files.json`). A missing or empty folder is fine.
 */
export function previewFolderProblem(dir: string, root = ROOT): string | undefined {
  const toRoot = relative(resolve(dir), resolve(root));
  if (toRoot === "" || (!toRoot.startsWith("..") && !isAbsolute(toRoot)))
    return "holds the project itself; choose a new or empty folder, such as out/<stack> (the default)";
  if (!existsSync(dir)) return undefined;
  if (!statSync(dir).isDirectory()) return "is a file, not a folder; choose a new or empty folder";
  if (existsSync(join(dir, PREVIEW_MANIFEST))) return undefined;
  if (readdirSync(dir).length === 0 || legacyPreview(dir, root)) return undefined;
  return `holds files no preview wrote (no ${PREVIEW_MANIFEST}); choose a new or empty folder, or remove them`;
}

/**
 * A preview written before previews listed their files: only under the project's own `out/`
 * (build output, ignored by git) and only with a `resources.json`; removed as a whole.
 */
function legacyPreview(dir: string, root: string): boolean {
  const out = resolve(root, "out") + sep;
  return (
    resolve(dir).startsWith(out) &&
    !existsSync(join(dir, PREVIEW_MANIFEST)) &&
    existsSync(join(dir, "resources.json"))
  );
}

/**
 * Removes the files the previous preview in `dir` wrote (as its `.preview-files.json` lists
 * them), and the folders that leaves empty. Returns whether there was a previous preview.
 */
export function clearPreview(dir: string, root = ROOT): boolean {
  if (legacyPreview(dir, root)) {
    rmSync(dir, { recursive: true, force: true });
    return true;
  }
  const manifest = join(dir, PREVIEW_MANIFEST);
  if (!existsSync(manifest)) return false;
  const listed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
  const names = Array.isArray(listed) ? listed.filter((n) => typeof n === "string") : [];
  const folders = new Set<string>();
  const top = resolve(dir);
  for (const name of names) {
    const path = resolve(dir, name);
    // Only paths inside the folder: a hand-edited manifest cannot reach outside it.
    if (!path.startsWith(top + sep)) continue;
    // Never through a symbolic link: a link where a folder or file of the preview was is
    // removed itself, and what it points to is left alone.
    const link = linkOnPath(top, path);
    if (link !== undefined) {
      unlinkSync(link);
      continue;
    }
    if (existsSync(path) && lstatSync(path).isFile()) unlinkSync(path);
    for (let d = dirname(path); d.startsWith(top + sep); d = dirname(d)) folders.add(d);
  }
  unlinkSync(manifest);
  // Deepest first, and only when empty: a file of the user's own keeps its folder.
  for (const d of [...folders].sort((a, b) => b.length - a.length))
    if (existsSync(d) && lstatSync(d).isDirectory() && readdirSync(d).length === 0) rmdirSync(d);
  return true;
}

/** The first symbolic link on the way from `top` (exclusive) to `path` (inclusive), if any. */
function linkOnPath(top: string, path: string): string | undefined {
  let at = top;
  for (const part of relative(top, path).split(sep)) {
    at = join(at, part);
    let isLink: boolean;
    try {
      isLink = lstatSync(at).isSymbolicLink();
    } catch {
      return undefined;
    }
    if (isLink) return at;
  }
  return undefined;
}

/** Thrown by `writePreview` for a folder `previewFolderProblem` refuses. */
export class PreviewFolderError extends Error {}

/**
 * Writes every file of `previewFiles`, then `extra` (a router's changes file), into `outDir`,
 * replacing the files of the previous preview there (see `clearPreview`), and lists them in
 * `.preview-files.json`. Returns the paths written.
 * Throws `PreviewFolderError` for a folder `previewFolderProblem` refuses; nothing is removed then.
 */
export function writePreview(
  result: PreviewResult,
  outDir: string,
  root = ROOT,
  extra: readonly [string, string][] = [],
): string[] {
  const problem = previewFolderProblem(outDir, root);
  if (problem !== undefined) throw new PreviewFolderError(`${outDir} ${problem}`);
  clearPreview(outDir, root);
  mkdirSync(outDir, { recursive: true });
  const files = [...previewFiles(result), ...extra];
  for (const [name] of files) {
    const link = linkOnPath(resolve(outDir), resolve(outDir, name));
    if (link !== undefined)
      throw new PreviewFolderError(
        `${outDir} has a symbolic link at ${relative(outDir, link)}, where the preview writes ${name}; remove the link`,
      );
  }
  for (const [name, text] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), text);
  }
  writeFileSync(
    join(outDir, PREVIEW_MANIFEST),
    `${JSON.stringify(
      files.map(([name]) => name),
      null,
      2,
    )}\n`,
  );
  return files.map(([name]) => join(outDir, name));
}

/** The one summary line of a clean preview; warnings are counted here and listed after it. */
export function summarize(stack: string, result: PreviewResult, outDir: string): string {
  const custom = result.resources.filter((r) => r.custom).length;
  const components = result.resources.length - custom;
  const n = result.warnings.length;
  const warned = n > 0 ? `, ${n} warning${n === 1 ? "" : "s"}` : "";
  const m = result.manualSteps?.length ?? 0;
  const manual = m > 0 ? `, ${m} manual step${m === 1 ? "" : "s"} (inventory.md)` : "";
  return `${stack}: ${result.resources.length} resources (${custom} custom, ${components} components)${warned}${manual}, written to ${outDir}`;
}

/** A clean preview's warnings, one line each, formatted like problems. */
export function warningLines(result: PreviewResult): string[] {
  return result.warnings.map(formatProblem);
}

export function problemLines(result: PreviewResult): string[] {
  if (result.problems.length > 0) return result.problems.map(formatProblem);
  return [String(result.error instanceof Error ? result.error.message : result.error)];
}
