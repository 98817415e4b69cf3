// Reads the `homelab:*` keys of the running stack's config and resolves the site. This is the only
// place that touches Pulumi config; everything after it is pure.
import * as pulumi from "@pulumi/pulumi";
import { distance } from "fastest-levenshtein";
import { Plan } from "../addressing/plan-types";
import { formatProblem } from "../addressing/problems";
import { resolveStackConfig } from ".";
import { Topology } from "../topology/types";

export const NAMESPACE = "homelab";

/** Namespaces of the providers and engine this project uses: their keys are not ours to check. */
const FOREIGN_NAMESPACES = ["proxmoxve", "kubernetes", "command", "pulumi"];

/**
 * Whether a namespace looks like a mistyped `homelab` (`homelb`, `Homelab`): Pulumi hands such keys
 * to nobody, so a whole `policy` would silently be dropped.
 */
export function isNearMissNamespace(ns: string): boolean {
  if (ns === NAMESPACE || FOREIGN_NAMESPACES.includes(ns)) return false;
  return distance(ns.toLowerCase(), NAMESPACE) <= 2;
}

/**
 * The raw `homelab:*` config values, each parsed from the JSON the engine hands over. Keys of a
 * near-miss namespace keep their whole key (`homelb:policy`), so that the loader refuses them.
 */
export function rawHomelabConfig(
  all: Record<string, string> = pulumi.runtime.allConfig(),
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    const colon = k.indexOf(":");
    const ns = colon < 0 ? "" : k.slice(0, colon);
    if (ns === NAMESPACE) raw[k.slice(NAMESPACE.length + 1)] = parseValue(v);
    else if (colon > 0 && isNearMissNamespace(ns)) raw[k] = parseValue(v);
  }
  return raw;
}

function parseValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * The validated plan of the running stack. On any problem it throws a RunError (Pulumi prints it
 * without a stack trace) listing every problem, before a single resource is registered.
 */
export function requireStackSite(): { plan: Plan; topology: Topology } {
  const result = resolveStackConfig(rawHomelabConfig(), isConfigSecret);
  if (!result.ok) {
    const lines = result.problems.map((p) => `  - ${formatProblem(p)}`);
    throw new pulumi.RunError(
      `the site configuration has ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}; nothing was provisioned:\n${lines.join("\n")}`,
    );
  }
  return { plan: result.plan, topology: result.topology };
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

/** The SSH public keys for cloud-init VMs as a Pulumi secret, or undefined when not set. */
export function vmSshKeys(): pulumi.Output<string> | undefined {
  return new pulumi.Config(NAMESPACE).getSecret("vmSshKeys");
}
