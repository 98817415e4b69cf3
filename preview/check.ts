// What `npm run plan` decides before the Pulumi program runs, without the Pulumi SDK: read the
// stack file, validate the site (loader, plan, topology, policy), read the peer stacks' outputs
// and check their pools against ours. `npm run check` answers from this alone; the offline preview
// (preview/offline.ts) runs the same steps, then the program, so both report the same problems.
import { basename, dirname, join, relative, resolve } from "path";
import { parse } from "yaml";
import { formatProblem, Problem, SiteError } from "../addressing/problems";
import { Plan } from "../addressing/plan-types";
import { resolveStackConfig } from "../site";
import { peerProblemsMessage, peerStackProblems, readPeers } from "../site/peer-pools";
import { rawConfigOf } from "../site/raw-config";
import { enginePaths, hideInProblem, SecretConfig } from "../site/secret-paths";
import { PEER_STACK } from "../site/spec-talos";
import { Topology } from "../topology/types";
import { PREVIEW_FILE_MAX, readRegularFile, RefusedFile, STACK_FILE_MAX } from "./files";
import { ROOT } from "./root";
import { supplySecrets } from "./secret-values";
import { leadingZeroProblems, readStackFile, StackConfig, withNumberSources } from "./stack-file";

/** The project's name from its Pulumi.yaml, read like a stack file (preview/files.ts). */
export function projectName(root = ROOT): string {
  const text = readRegularFile(join(root, "Pulumi.yaml"), {
    within: root,
    withinText: "the project",
    maxBytes: STACK_FILE_MAX,
    what: "a project file",
    shown: "Pulumi.yaml",
  });
  return (parse(text) as { name: string }).name;
}

/**
 * Where the offline preview finds a peer stack's outputs: `<root>/out/<stack>/outputs.json`, for a
 * plain `org/project/stack` only (the config refuses others), and never outside `<root>/out/`.
 */
export function peerOutputsFile(root: string, name: string): string | undefined {
  if (!PEER_STACK.test(name)) return undefined;
  const out = resolve(root, "out");
  const file = resolve(out, name.split("/")[2], "outputs.json");
  return dirname(dirname(file)) === out ? file : undefined;
}

/**
 * The outputs of every peer stack `stacks` names (`org/project/stack`), as its own offline preview
 * wrote them to `out/<stack>/outputs.json` in `root` (peerOutputsFile); a peer without one has
 * none. The file is read like a stack file (preview/files.ts): a link leading outside `out/`, a
 * FIFO or device, a file over PREVIEW_FILE_MAX, or one that is not JSON throws `RefusedFile`.
 */
export function peerOutputs(stacks: readonly string[], root = ROOT): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of stacks) {
    const file = peerOutputsFile(root, name);
    if (file === undefined) continue;
    const shown = relative(root, file);
    let text: string;
    try {
      text = readRegularFile(file, {
        within: join(root, "out"),
        withinText: "the project's out/ folder",
        maxBytes: PREVIEW_FILE_MAX,
        what: "a preview's outputs.json",
        shown,
      });
    } catch (e) {
      if (e instanceof RefusedFile && e.message === `${shown} does not exist`) continue;
      throw e;
    }
    try {
      out.set(name, JSON.parse(text));
    } catch {
      // JSON.parse's own message quotes the text; this one does not.
      throw new RefusedFile(
        `${shown} is not JSON, so not a preview's outputs; run npm run plan -- --stack ${basename(dirname(file))} again`,
      );
    }
  }
  return out;
}

/** A stack validated up to the program: its problems, or what the program is run with. */
export type ValidatedStack =
  | { readonly ok: false; readonly problems: readonly Problem[] }
  | {
      readonly ok: true;
      readonly plan: Plan;
      readonly topology: Topology;
      readonly secret: SecretConfig;
      /** Loader paths of the secret values (site/secret-paths.ts). */
      readonly secretPaths: readonly string[];
      /** The config the program runs with: each secret value as its label (secret-values.ts). */
      readonly programConfig: Readonly<Record<string, string>>;
      /** Whether every secret value of programConfig is a label (SuppliedSecrets.allLabelled). */
      readonly programLabelled: boolean;
      /** Each peer stack's outputs, by `org/project/stack` (peerOutputs). */
      readonly peers: ReadonlyMap<string, unknown>;
    };

/**
 * Validates a stack's config as the offline preview does before it runs the program: integers
 * with a leading zero, then every problem of the site (resolveStackConfig); a valid site's peer
 * stacks' outputs are read from `root`. Throws `RefusedFile` for a peer output it will not read.
 */
export function validateStack(
  stackConfig: StackConfig,
  root = ROOT,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ValidatedStack {
  const isSecret = (k: string) => stackConfig.secretKeys.includes(k);
  // The stack file says which values inside a secret key are the secret ones.
  const secretPaths =
    stackConfig.secretPaths ?? enginePaths(rawConfigOf(stackConfig.config), isSecret);
  // Secret values given in the environment are checked like plain ones (preview/secret-values.ts).
  const supplied = supplySecrets(stackConfig.config, secretPaths, env);
  const raw = rawConfigOf(supplied.checked);
  const site = resolveStackConfig(raw, isSecret, secretPaths);
  const octal = leadingZeroProblems(stackConfig.numberSources);
  if (!site.ok || octal.length > 0) {
    const problems = [
      ...octal,
      ...(site.ok ? [] : withNumberSources(site.problems, stackConfig.numberSources)),
    ];
    return { ok: false, problems };
  }
  // Read before the program runs, so that a refused file stops the preview with its own message.
  const peers = peerOutputs(
    site.plan.sharedSegments.flatMap((g) => g.peerStacks),
    root,
  );
  return {
    ok: true,
    plan: { ...site.plan, warnings: [...site.plan.warnings, ...supplied.warnings] },
    topology: site.topology,
    secret: site.secret,
    secretPaths,
    programConfig: supplied.program,
    // A secret key without a secret path inside it holds a value the program gets as it is.
    programLabelled:
      supplied.allLabelled &&
      stackConfig.secretKeys.every((k) => {
        if (!k.startsWith("homelab:")) return true;
        const top = k.slice("homelab:".length);
        return secretPaths.some(
          (p) => p === top || p.startsWith(`${top}.`) || p.startsWith(`${top}[`),
        );
      }),
    peers,
  };
}

/** What `npm run check` reports: what `npm run plan` would, short of running the program. */
export interface CheckResult {
  readonly ok: boolean;
  /** The site's problems (empty when `error` says what stopped the program). */
  readonly problems: readonly Problem[];
  /** The program's own error, as the preview reports it (peer stacks' pools). */
  readonly error?: unknown;
  /** Questionable but legal choices of a valid site. */
  readonly warnings: readonly Problem[];
  /** The peer stacks (`org/project/stack`) a valid site names: their outputs were read. */
  readonly peerStacks?: readonly string[];
}

/**
 * The problems the program finds itself before it registers a resource: the peer stacks' pools
 * (index.ts reads them through StackReferences, which the offline preview answers from `peers`).
 */
export function programError(stack: Extract<ValidatedStack, { ok: true }>): Error | undefined {
  const lbPools = (name: string) =>
    (stack.peers.get(name) as Record<string, unknown> | undefined)?.lbPools;
  const problems = peerStackProblems(stack.plan, readPeers(stack.plan, lbPools));
  if (problems.length === 0) return undefined;
  return new Error(
    peerProblemsMessage(problems.map((p) => formatProblem(hideInProblem(p, stack.secret)))),
  );
}

/** validateStack, then the program's own checks (programError): everything but the run itself. */
export function checkConfig(
  stackConfig: StackConfig,
  root = ROOT,
  env: Readonly<Record<string, string | undefined>> = process.env,
): CheckResult {
  const v = validateStack(stackConfig, root, env);
  if (!v.ok) return { ok: false, problems: v.problems, warnings: [] };
  const error = programError(v);
  return {
    ok: error === undefined,
    problems: [],
    ...(error ? { error } : {}),
    warnings: v.plan.warnings,
    peerStacks: v.plan.sharedSegments.flatMap((g) => g.peerStacks),
  };
}

/**
 * `Pulumi.<stack>.yaml` in `root` as the program receives it, or its YAML problems. Throws
 * `RefusedFile` for a stack file or Pulumi.yaml it will not read.
 */
export function readStack(
  stack: string,
  root = ROOT,
):
  { ok: true; project: string; config: StackConfig } | { ok: false; problems: readonly Problem[] } {
  const project = projectName(root);
  try {
    return {
      ok: true,
      project,
      config: readStackFile(join(root, `Pulumi.${stack}.yaml`), project),
    };
  } catch (e) {
    if (!(e instanceof SiteError)) throw e;
    return { ok: false, problems: e.problems };
  }
}

/** checkConfig for `Pulumi.<stack>.yaml` in `root`; throws `RefusedFile` as readStack does. */
export function checkStack(
  stack: string,
  root = ROOT,
  env: Readonly<Record<string, string | undefined>> = process.env,
): CheckResult {
  const read = readStack(stack, root);
  if (!read.ok) return { ok: false, problems: read.problems, warnings: [] };
  return checkConfig(read.config, root, env);
}

/** A result's warnings, one line each, formatted like problems. */
export function warningLines(result: Pick<CheckResult, "warnings">): string[] {
  return result.warnings.map(formatProblem);
}

/** A failed result's problems, one line each; the program's error when it has no problems. */
export function problemLines(result: Pick<CheckResult, "problems" | "error">): string[] {
  if (result.problems.length > 0) return result.problems.map(formatProblem);
  return [String(result.error instanceof Error ? result.error.message : result.error)];
}
