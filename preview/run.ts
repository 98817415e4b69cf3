// Runs the Pulumi program in-process under Pulumi's mocks and records what `pulumi up` would send
// to the engine: every resource with its type, name, parent, inputs and dependencies. The record is
// taken from the mock monitor's RegisterResource requests, i.e. after the SDK serialised the inputs,
// so secrets arrive marked as secrets and are written as "[secret]".
import * as pulumi from "@pulumi/pulumi";
import { holdsSecretLabel } from "../site/secret-paths";
import { SECRET_PLACEHOLDER } from "./stack-file";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** True for a read of an existing resource (e.g. a StackReference), not a registration. */
  read?: boolean;
  parent?: string;
  provider?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  inputs: Record<string, unknown>;
  options: {
    protect?: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    replacementTrigger?: unknown;
    /** Outputs Pulumi stores as secrets although the provider returns them in plain text. */
    additionalSecretOutputs?: string[];
    /** The provider's ID of an object that exists: the first `pulumi up` adopts it. */
    import?: string;
  };
}

export interface RunResult {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  error?: unknown;
}

export interface RunOptions {
  project: string;
  stack: string;
  config: Record<string, string>;
  secretKeys: string[];
  /**
   * Show secrets that hold the offline preview's labels (plain). Only for a config in which every
   * secret value is a label, so that no secret the program holds is a real value.
   */
  revealLabelled?: boolean;
  /** Loads the program; returns its exports (the stack outputs). */
  program: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Mock state per resource type, merged over the inputs (for outputs a provider would compute). */
  mockState?: (
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ) => Record<string, unknown>;
}

const rpc = pulumi.runtime;

/**
 * Replaces secret wrappers, resource references and unknowns with readable stand-ins. A secret is
 * "[secret]", unless `revealLabelled` and it holds one of the offline preview's labels: the
 * preview then ran the program with a label in place of every secret value (preview/
 * secret-values.ts), so what the secret holds is labels and stand-in text, shown so the owner
 * sees where each secret lands. Any other secret (a provider's secret output) stays hidden.
 */
export function plain(value: unknown, revealLabelled = false): unknown {
  if (Array.isArray(value)) return value.map((v) => plain(v, revealLabelled));
  if (value === rpc.unknownValue) return "[unknown]";
  if (typeof value === "object" && value !== null) {
    const v = value as Record<string, unknown>;
    const sig = v[rpc.specialSigKey];
    if (sig === rpc.specialSecretSig) {
      if (!revealLabelled) return SECRET_PLACEHOLDER;
      const inner = plain(v.value, revealLabelled);
      return holdsSecretLabel(JSON.stringify(inner) ?? "") ? inner : SECRET_PLACEHOLDER;
    }
    if (sig === rpc.specialResourceSig) return `[resource ${String(v.urn)}]`;
    if (sig !== undefined) return `[${String(sig)}]`;
    if (v.__pulumiUnknown === true) return "[unknown]";
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = plain(v[k], revealLabelled);
    return out;
  }
  return value;
}

/** A serialized property struct as plain, readable values. */
function decode(struct: unknown, revealLabelled: boolean): Record<string, unknown> {
  return plain(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    rpc.deserializeProperties(struct as any, true),
    revealLabelled,
  ) as Record<string, unknown>;
}

interface CommonRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getDependenciesList(): string[];
}

interface ReadRequest extends CommonRequest {
  getProperties(): unknown;
}

interface RegisterRequest extends CommonRequest {
  getCustom(): boolean;
  getPropertydependenciesMap(): {
    forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getObject(): unknown;
  getProtect?(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getReplacementTrigger?(): { toJavaScript(): unknown } | undefined;
  getAdditionalsecretoutputsList(): string[];
  getImportid(): string;
}

/** The end of the last run asked for: runs take turns (see runUnderMocks). */
let lastRun: Promise<unknown> = Promise.resolve();

/**
 * Runs `options.program` under mocks and records what it registers. The Pulumi runtime (config,
 * mocks, the root stack resource) is one per process, so runs started together take turns: each
 * starts after the previous one has ended, and gets exactly what it would get alone.
 */
export function runUnderMocks(options: RunOptions): Promise<RunResult> {
  const run = lastRun.then(() => runAlone(options));
  lastRun = run.catch(() => undefined);
  return run;
}

/** One run under mocks, with the Pulumi runtime to itself. */
async function runAlone(options: RunOptions): Promise<RunResult> {
  const resources: RecordedResource[] = [];
  let outputs: Record<string, unknown> = {};
  const reveal = options.revealLabelled === true;
  rpc.setAllConfig(options.config, options.secretKeys);
  await rpc.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({
        id: args.custom ? `${args.name}-id` : undefined,
        state: {
          ...args.inputs,
          ...(options.mockState?.(args.type, args.name, args.inputs) ?? {}),
        },
      }),
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    options.project,
    options.stack,
    true,
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const monitor = rpc.getMonitor() as any;
  // Wraps a monitor call: once it succeeds, the request and the URN it got become one record.
  const recordAfter = <Req extends CommonRequest>(
    method: "registerResource" | "readResource",
    rest: (
      req: Req,
    ) => Pick<RecordedResource, "custom" | "read" | "propertyDependencies" | "inputs" | "options">,
  ) => {
    const call = monitor[method].bind(monitor);
    monitor[method] = (req: Req, callback: (err: unknown, resp?: { getUrn(): string }) => void) =>
      call(req, (err: unknown, resp?: { getUrn(): string }) => {
        if (!err && resp) {
          resources.push({
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            dependencies: [...req.getDependenciesList()].sort(),
            ...rest(req),
          });
        }
        callback(err, resp);
      });
  };
  recordAfter<RegisterRequest>("registerResource", (req) => {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = [...deps.getUrnsList()].sort();
    });
    return {
      custom: req.getCustom(),
      propertyDependencies,
      inputs: decode(req.getObject(), reveal),
      options: {
        protect: req.getProtect?.() || undefined,
        deleteBeforeReplace: req.getDeletebeforereplace() || undefined,
        ignoreChanges: req.getIgnorechangesList().length ? req.getIgnorechangesList() : undefined,
        replaceOnChanges: req.getReplaceonchangesList().length
          ? req.getReplaceonchangesList()
          : undefined,
        replacementTrigger: plain(req.getReplacementTrigger?.()?.toJavaScript(), reveal),
        additionalSecretOutputs: req.getAdditionalsecretoutputsList().length
          ? req.getAdditionalsecretoutputsList()
          : undefined,
        import: req.getImportid() || undefined,
      },
    };
  });
  // Reads (a StackReference is one) are recorded too: they are part of what a preview touches.
  recordAfter<ReadRequest>("readResource", (req) => ({
    custom: true,
    read: true,
    propertyDependencies: {},
    inputs: decode(req.getProperties(), reveal),
    options: {},
  }));
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (
    req: { getUrn(): string; getOutputs(): unknown },
    callback: unknown,
  ) => {
    if (req.getUrn().includes("::pulumi:pulumi:Stack::"))
      outputs = decode(req.getOutputs(), reveal);
    return registerOutputs(req, callback);
  };

  // The program's own error is caught inside the stack's init, so that the stack completes with no
  // outputs (as the engine records a failed update) instead of surfacing as an unhandled rejection.
  let error: unknown;
  await rpc.runInPulumiStack(async () => {
    try {
      return await options.program();
    } catch (e) {
      error = e;
      return {};
    }
  });
  await rpc.disconnect();
  // The engine refuses a second registration of one URN ("Duplicate resource URN"); the mocks do
  // not, so the preview does.
  const seen = new Set<string>();
  for (const r of resources) {
    if (r.read) continue;
    if (seen.has(r.urn)) error ??= new Error(`Duplicate resource URN '${r.urn}'`);
    seen.add(r.urn);
  }
  return { resources, outputs, error };
}
