// Reads the `homelab:*` keys of the running stack's config and resolves the site. This is the only
// place that touches Pulumi config; everything after it is pure.
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../addressing/plan-types";
import { formatProblem } from "../addressing/problems";
import { resolveStackConfig } from ".";
import { Topology } from "../topology/types";
import { readFileSync, statSync } from "fs";
import { parse } from "yaml";
import { NAMESPACE, rawConfigOf } from "./raw-config";
import { enginePaths, hideSecrets, holdsSecret, SecretConfig, secureLeaves } from "./secret-paths";

export { isNearMissNamespace, NAMESPACE } from "./raw-config";

/**
 * The raw `homelab:*` config values of the running stack (or of `all`), each parsed from the JSON
 * the engine hands over (site/raw-config.ts).
 */
export function rawHomelabConfig(
  all: Record<string, string> = pulumi.runtime.allConfig(),
): Record<string, unknown> {
  return rawConfigOf(all);
}

/** Secret paths set by the offline preview for the program it runs (see useSecretPaths). */
let pathsOverride: readonly string[] | undefined;

/**
 * Runs of the program from now on take `paths` as the stack's secret paths instead of asking the
 * engine and reading the stack file: the offline preview knows them from the file it read, which
 * need not be the one in the working directory. `undefined` restores the default.
 */
export function useSecretPaths(paths: readonly string[] | undefined): void {
  pathsOverride = paths;
}

/**
 * The `secure:` paths inside each key of `Pulumi.<stack>.yaml` in the working directory (where
 * the Pulumi CLI runs the program): the engine itself only says which whole keys hold secrets.
 * Nothing when the file cannot be read (config from an ESC environment): whole keys then.
 */
function stackFileLeaves(): (key: string) => string[] {
  let config: Record<string, unknown> = {};
  try {
    const file = `Pulumi.${pulumi.getStack()}.yaml`;
    // Only a regular file of a stack file's size (preview/files.ts caps them at 1 MiB too).
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > 1024 * 1024) throw new Error("not a stack file");
    const doc = parse(readFileSync(file, "utf8")) as {
      config?: Record<string, unknown>;
    } | null;
    if (doc && typeof doc.config === "object" && doc.config !== null) config = doc.config;
  } catch {
    // No readable stack file: each secret key counts as a whole.
  }
  return (key) => secureLeaves(config[`${NAMESPACE}:${key}`] ?? config[key], key);
}

/**
 * The validated plan of the running stack and its secrets. On any problem it throws a RunError
 * (Pulumi prints it without a stack trace) listing every problem, before a single resource is
 * registered.
 */
export function requireStackSite(): { plan: Plan; topology: Topology; secret: SecretConfig } {
  const raw = rawHomelabConfig();
  const paths = pathsOverride ?? enginePaths(raw, isConfigSecret, stackFileLeaves());
  const result = resolveStackConfig(raw, isConfigSecret, paths);
  if (!result.ok) {
    const lines = result.problems.map((p) => `  - ${formatProblem(p)}`);
    throw new pulumi.RunError(
      `the site configuration has ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; nothing was provisioned:\n${lines.join("\n")}`,
    );
  }
  return { plan: result.plan, topology: result.topology, secret: result.secret };
}

/**
 * Marks every resource input that holds a secret value (site/secret-paths.ts) as a Pulumi secret,
 * through a stack transformation: the engine then stores it encrypted and shows "[secret]", and
 * no component has to know which of its inputs came from a secret. Call before the first resource.
 */
export function keepSecretsInInputs(secret: SecretConfig): void {
  if (secret.values.length === 0) return;
  pulumi.runtime.registerStackTransformation((args) => ({
    props: markSecrets(args.props, secret) as pulumi.Inputs,
    opts: args.opts,
  }));
}

/** `value` with each part that holds a secret value wrapped in pulumi.secret. */
function markSecrets(value: unknown, secret: SecretConfig): unknown {
  if (pulumi.Output.isInstance(value)) {
    return value.apply((v) => (holdsSecret(v, secret) ? pulumi.secret(v) : v));
  }
  if (value instanceof Promise) return markSecrets(pulumi.output(value), secret);
  if (typeof value === "string" || typeof value === "number") {
    return holdsSecret(value, secret) ? pulumi.secret(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => markSecrets(v, secret));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markSecrets(v, secret)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Stack outputs without secret values: text (the inventory, external devices' configs) shows
 * "[secret]" in their place; a number or computed value that holds one becomes a Pulumi secret.
 */
export function hideInOutputs<T>(outputs: T, secret: SecretConfig): T {
  if (secret.values.length === 0) return outputs;
  const hide = (value: unknown): unknown => {
    if (typeof value === "string") return hideSecrets(value, secret);
    if (typeof value === "number" || pulumi.Output.isInstance(value)) {
      return markSecrets(value, secret);
    }
    if (Array.isArray(value)) return value.map(hide);
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hide(v)]));
    }
    return value;
  };
  return hide(outputs) as T;
}

/** Whether the engine passed `key` as a secret (the SDK knows; its typings do not export it). */
function isConfigSecret(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return runtime.isConfigSecret?.(key) ?? false;
}

/** The SSH key for routers and FRR nodes as a Pulumi secret, or undefined for the SSH agent. */
export function routerSshKey(): pulumi.Output<string> | undefined {
  return new pulumi.Config(NAMESPACE).getSecret("routerSshKey");
}

/** The Proxmox API token as a Pulumi secret, or undefined to let the provider read its env var. */
export function proxmoxApiToken(): pulumi.Output<string> | undefined {
  return new pulumi.Config(NAMESPACE).getSecret("proxmoxApiToken");
}

/**
 * The SSH public keys for cloud-init VMs, or undefined when not set: a Pulumi secret when the
 * stack file holds them as one (`secure:`), plain text otherwise (public keys are not secrets,
 * site/ssh-keys.ts), so that the rendered user data can be read in the preview and the state.
 */
export function vmSshKeys(): pulumi.Output<string> | undefined {
  const config = new pulumi.Config(NAMESPACE);
  if (isConfigSecret(`${NAMESPACE}:vmSshKeys`)) return config.getSecret("vmSshKeys");
  const keys = config.get("vmSshKeys");
  return keys === undefined ? undefined : pulumi.output(keys);
}
