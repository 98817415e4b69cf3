// Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: every key namespaced,
// scalars as strings, objects as JSON. Secrets (`secure:` values) cannot be decrypted offline; they
// become "[secret]" placeholders and are passed as secret config, so they stay marked as secrets.
import { readFileSync } from "fs";
import { parse } from "yaml";

export const SECRET_PLACEHOLDER = "[secret]";

export interface StackConfig {
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
}

function isSecure(v: unknown): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    "secure" in v
  );
}

function replaceSecrets(v: unknown): { value: unknown; secret: boolean } {
  if (isSecure(v)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(replaceSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof v === "object" && v !== null) {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) {
      const r = replaceSecrets(inner);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/** Parses stack file text; `project` namespaces keys written without one. */
export function parseStackFile(text: string, project: string): StackConfig {
  const doc = (parse(text) ?? {}) as { config?: Record<string, unknown> };
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, rawValue] of Object.entries(doc.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const { value, secret } = replaceSecrets(rawValue);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
    if (secret) secretKeys.push(key);
  }
  return { config, secretKeys };
}

export function readStackFile(path: string, project: string): StackConfig {
  return parseStackFile(readFileSync(path, "utf8"), project);
}
