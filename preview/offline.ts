// The offline preview: what `pulumi preview` would register for a stack, computed here without the
// Pulumi CLI, credentials or any reachable device. Used by `npm run plan`, the tests and the bench.
import { plannedAddresses, PlannedAddress } from "./dhcp-pools";
import { basename, join, resolve } from "path";
import { Problem } from "../addressing/problems";
import { useSecretPaths } from "../site/pulumi-config";
import { projectName, readStack, validateStack } from "./check";
import { extractArtifacts } from "./artifacts";
import { PreviewWrite, writePreviewFiles } from "./folder";
import { ROOT } from "./root";
import { RecordedResource, runUnderMocks } from "./run";
import { StackConfig } from "./stack-file";
import { ManualStep } from "../topology/types";
import { Policy } from "../topology/policy-types";
import { policyJson } from "../render/policy/document";
import { expectationsJson } from "../render/expect/document";
import { Expectation } from "../topology/expect";
import { flowsJson } from "../render/flows/document";
import { flowReport } from "../topology/flow-report";

export { ROOT };
export {
  parseManifest,
  PREVIEW_MANIFEST,
  PreviewFolderError,
  previewFolderProblem,
} from "./folder";
export { RefusedFile } from "./files";
export { peerOutputs, peerOutputsFile, problemLines, projectName, warningLines } from "./check";

/** index.ts beside this folder, or index.js when running compiled from bin/. */
const PROGRAM = join(resolve(__dirname, ".."), "index");

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
  /** The owner's expectations, when the stack has some (written to expectations.json). */
  readonly expectations?: readonly Expectation[];
  /** The site's own flows and the routers' uplinks: flows.json's text (none for an invalid site). */
  readonly flows?: string;
  /**
   * The IPv4 addresses and pools the plan gives out, for the `--routeros-base` DHCP check: derived
   * when called, since only a preview with a base export reads them.
   */
  readonly plannedAddresses?: () => readonly PlannedAddress[];
}

/**
 * Outputs a provider would compute and the program reads: a command's stdout (talosctl's
 * secrets, machine configs, kubeconfig) is a stand-in text, so secrets flow as known values and
 * show as "[secret]" wherever they are used; a peer stack's outputs are those `peerOutputs` read.
 */
function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  peers: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  if (type === "command:local:Command" || type === "command:remote:Command") {
    return { stdout: `offline preview: stdout of ${name}`, stderr: "" };
  }
  if (type === "pulumi:pulumi:StackReference") {
    return { outputs: peers.get(String(inputs.name)) ?? {}, secretOutputNames: [] };
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
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<PreviewResult> {
  const site = validateStack(stackConfig, root, env);
  if (!site.ok)
    return { ok: false, problems: site.problems, resources: [], outputs: {}, warnings: [] };
  const { peers, secretPaths } = site;
  const run = await runUnderMocks({
    project,
    stack,
    // Labels in place of secret values (preview/secret-values.ts); secrets holding a label are
    // shown only when every secret value is one, so no real value can be shown beside it.
    config: site.programConfig,
    secretKeys: stackConfig.secretKeys,
    revealLabelled: site.programLabelled,
    // Set for this run only: runs take turns, and the program reads the paths when it starts.
    program: async () => {
      useSecretPaths(secretPaths);
      try {
        return await loadProgram();
      } finally {
        useSecretPaths(undefined);
      }
    },
    mockState: (type, name, inputs) => mockState(type, name, inputs, peers),
  });
  return {
    ok: run.error === undefined,
    problems: [],
    warnings: site.plan.warnings,
    manualSteps: site.topology.manualSteps,
    ...(site.topology.policy ? { policy: site.topology.policy } : {}),
    ...(site.topology.expectations?.length ? { expectations: site.topology.expectations } : {}),
    flows: flowsJson(flowReport(site.plan, site.topology), site.topology.egress ?? []),
    plannedAddresses: () => plannedAddresses(site.plan, site.topology),
    ...run,
  };
}

/**
 * previewConfig for `Pulumi.<stack>.yaml` in `root`; a YAML syntax error becomes its problems.
 * Throws `RefusedFile` for a stack file, Pulumi.yaml or peer outputs it will not read.
 */
export async function previewStack(
  stack: string,
  root = ROOT,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<PreviewResult> {
  const read = readStack(stack, root);
  if (!read.ok)
    return { ok: false, problems: read.problems, resources: [], outputs: {}, warnings: [] };
  return previewConfig(stack, read.config, read.project, root, env);
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
    // The owner's expectations: what the twin probes by name.
    ...(result.expectations
      ? [["expectations.json", expectationsJson(result.expectations)] as [string, string]]
      : []),
    // The site's own flows with the plan's verdicts: what the twin probes, one per distinct flow.
    ...(result.flows !== undefined ? [["flows.json", result.flows] as [string, string]] : []),
    ...extractArtifacts(result.resources, result.outputs).map((a): [string, string] => [
      a.path,
      a.text,
    ]),
  ];
}

/**
/**
 * Writes every file of `previewFiles`, then `extra` (a router's changes file), into `outDir` as
 * the preview of `stack` (default: the folder's name, as in out/<stack>), replacing the files of
 * the previous preview there; see `writePreviewFiles` (preview/folder.ts) for what it refuses,
 * removes and keeps.
 */
export function writePreview(
  result: PreviewResult,
  outDir: string,
  root = ROOT,
  extra: readonly [string, string][] = [],
  stack = basename(resolve(outDir)),
): PreviewWrite {
  return writePreviewFiles([...previewFiles(result), ...extra], outDir, stack, root);
}

/**
 * The one summary line of a clean preview: what it registers, what of it `pulumi up` adopts
 * (registered with the `import` option: homelab:existing) and what it creates; warnings are
 * counted here and listed after it.
 */
export function summarize(
  stack: string,
  result: PreviewResult,
  outDir: string,
  /** Warnings of the `--routeros-base` dry runs, listed with their changes files. */
  dryRunWarnings = 0,
): string {
  const custom = result.resources.filter((r) => r.custom);
  const components = result.resources.length - custom.length;
  const adopted = custom.filter((r) => r.options.import !== undefined).length;
  const reads = custom.filter((r) => r.read).length;
  const created = custom.length - adopted - reads;
  const read = reads > 0 ? `, ${reads} to read` : "";
  const n = result.warnings.length + dryRunWarnings;
  const warned = n > 0 ? `, ${n} warning${n === 1 ? "" : "s"}` : "";
  const m = result.manualSteps?.length ?? 0;
  const manual = m > 0 ? `, ${m} manual step${m === 1 ? "" : "s"} (inventory.md)` : "";
  return `${stack}: ${result.resources.length} resources (${custom.length} custom, ${components} components), ${adopted} to import, ${created} to create${read}${warned}${manual}, written to ${outDir}`;
}
