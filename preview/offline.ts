// The offline preview: what `pulumi preview` would register for a stack, computed here without the
// Pulumi CLI, credentials or any reachable device. Used by `npm run plan`, the tests and the bench.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { parse } from "yaml";
import { formatProblem, Problem, SiteError } from "../addressing/problems";
import { resolveStackConfig } from "../site";
import { rawHomelabConfig } from "../site/pulumi-config";
import { extractArtifacts } from "./artifacts";
import { ROOT } from "./root";
import { RecordedResource, runUnderMocks } from "./run";
import { readStackFile, StackConfig } from "./stack-file";
import { ManualStep } from "../topology/types";

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
  if (!site.ok)
    return { ok: false, problems: site.problems, resources: [], outputs: {}, warnings: [] };
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
    ...extractArtifacts(result.resources, result.outputs).map((a): [string, string] => [
      a.path,
      a.text,
    ]),
  ];
}

/** Writes every file of `previewFiles` into `outDir` (replacing what was there). */
export function writePreview(result: PreviewResult, outDir: string): string[] {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = previewFiles(result);
  for (const [name, text] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), text);
  }
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
