// The `homelab:*` keys of a stack's config as plain values, without the Pulumi SDK: shared by the
// program (site/pulumi-config.ts, which reads them from the engine) and `npm run check`, which
// reads them from the stack file and must answer without loading the Pulumi runtime.
import { distance } from "fastest-levenshtein";

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
 * The raw `homelab:*` config values of `all` (namespaced key to the JSON text the engine hands
 * over), each parsed. Keys of a near-miss namespace keep their whole key (`homelb:policy`), so
 * that the loader refuses them.
 */
export function rawConfigOf(all: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) {
    const colon = k.indexOf(":");
    const ns = colon < 0 ? "" : k.slice(0, colon);
    if (ns === NAMESPACE) raw[k.slice(NAMESPACE.length + 1)] = parseConfigValue(v);
    else if (colon > 0 && isNearMissNamespace(ns)) raw[k] = parseConfigValue(v);
  }
  return raw;
}

/** A config value as the engine hands it over: JSON where it parses, else the plain string. */
export function parseConfigValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
