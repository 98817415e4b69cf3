// Which config values are secrets, wherever they sit. The engine marks a whole `homelab:*` key
// secret (PULUMI_CONFIG_SECRET_KEYS) when any value inside it was set with `--secret`, also with
// `--path`; the stack file says which values exactly (`secure:`). Every value at or under a
// secret path stays secret in what is derived from it: problems quote "[secret]", resource inputs
// that contain it are marked secret, and the inventory and outputs show "[secret]" in its place.
import { Problem } from "../addressing/problems";
import { redactOwnerText } from "../addressing/quote";
import { Schema } from "./schema";
import { configKeys } from "./spec";

/** What a secret is shown as; also the value of a `secure:` the offline preview cannot decrypt. */
export const SECRET_PLACEHOLDER = "[secret]";

/**
 * The label the offline preview gives the program in place of the secret at loader path `path`
 * (preview/secret-values.ts): `[secret homelab:vmSshKeys SHA256:...]`, naming the key and, when the
 * value was given, its fingerprint. It is checked as the stand-in, and shown where it lands.
 */
export function secretLabel(path: string, fingerprint?: string): string {
  return `[secret homelab:${path}${fingerprint !== undefined ? ` ${fingerprint}` : ""}]`;
}

const LABEL = /^\[secret homelab:[A-Za-z0-9_.[\]]+(?: (?:SHA256|sha256):[A-Za-z0-9+/=]+)?\]$/;

/** Whether `text` is the placeholder or labels only (one per line, as for several SSH keys). */
export function isSecretStandIn(text: unknown): boolean {
  if (text === SECRET_PLACEHOLDER) return true;
  return typeof text === "string" && text.split("\n").every((l) => LABEL.test(l));
}

/** Whether `text` holds a label of the offline preview (secretLabel). */
export function holdsSecretLabel(text: string): boolean {
  return text.includes("[secret homelab:");
}

/** Text this short is not hidden inside longer text: it would hide unrelated words and digits. */
const MIN_HIDDEN = 3;

/** The secret paths of a stack and the values found there (stand-ins where none can be read). */
export interface SecretConfig {
  /** Loader paths (`proxmox.endpoint`, `routers[0].ssh.host`, `notes`): at or under is secret. */
  readonly paths: readonly string[];
  /** The string and number values at those paths. */
  readonly values: readonly (string | number)[];
}

export const NO_SECRETS: SecretConfig = { paths: [], values: [] };

/** `routers[0].ssh.host` as ["routers", 0, "ssh", "host"]. */
export function pathParts(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  }
  return parts;
}

/** Whether `path` (a loader path, or `homelab:key` as unknown-key problems name it) is secret. */
export function isSecretPath(path: string, paths: readonly string[]): boolean {
  const p = path.startsWith("homelab:") ? path.slice("homelab:".length) : path;
  return paths.some((s) => p === s || p.startsWith(`${s}.`) || p.startsWith(`${s}[`));
}

/**
 * The loader paths of every value marked `secure:` inside `value` (a stack file's value of the
 * config key `key`, without namespace): `key` itself when the whole value is one secret.
 */
export function secureLeaves(value: unknown, key: string): string[] {
  if (typeof value !== "object" || value === null) return [];
  if (!Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value) return [key];
  if (Array.isArray(value)) return value.flatMap((v, i) => secureLeaves(v, `${key}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => secureLeaves(v, `${key}.${k}`));
}

/**
 * The secret paths of a stack's raw config when only the engine's keys are known: every key it
 * marks secret (`homelab:proxmox`), as a whole, unless `leaves` (the stack file's `secure:`
 * values) names the paths inside it.
 */
export function enginePaths(
  raw: Record<string, unknown>,
  isSecret: (key: string) => boolean,
  leaves: (key: string) => string[] = () => [],
): string[] {
  return Object.keys(raw).flatMap((k) => {
    const namespaced = k.includes(":") ? k : `homelab:${k}`;
    if (!isSecret(namespaced)) return [];
    const inside = leaves(k);
    return inside.length > 0 ? inside : [k];
  });
}

/** The value at `parts` (object keys, array indexes) inside `raw`; undefined where a step is missing. */
export function valueAt(raw: unknown, parts: readonly (string | number)[]): unknown {
  let at = raw;
  for (const p of parts) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[p];
  }
  return at;
}

function schemaAt(parts: readonly (string | number)[]): Schema<unknown> | undefined {
  const [top, ...rest] = parts;
  let schema = (configKeys as Record<string, { schema: Schema<unknown> } | undefined>)[String(top)]
    ?.schema;
  for (const p of rest) schema = schema?.at?.(p);
  return schema;
}

/**
 * `raw` with each secret the offline preview could not decrypt (the placeholder "[secret]", or
 * the label it gives the program: secretLabel) replaced by a value its schema accepts (Schema.standIn), so that the loader still checks the
 * rest of the site. A secret whose schema has no stand-in keeps the placeholder and gets the
 * loader's message about it, quoting "[secret]". Where the engine decrypted a value, the real
 * value is checked: nothing here touches it.
 */
export function withStandIns(
  raw: Record<string, unknown>,
  paths: readonly string[],
): Record<string, unknown> {
  let out = raw;
  for (const parts of paths.flatMap((p) =>
    placeholders(valueAt(raw, pathParts(p)), pathParts(p)),
  )) {
    const standIn = schemaAt(parts)?.standIn;
    if (standIn === undefined) continue;
    if (out === raw) out = structuredClone(raw);
    if (parts.length === 1) out[String(parts[0])] = structuredClone(standIn);
    else {
      const parent = valueAt(out, parts.slice(0, -1)) as Record<string | number, unknown>;
      parent[parts[parts.length - 1]] = structuredClone(standIn);
    }
  }
  return out;
}

/** The paths of the placeholders at or under `at` (a whole key marked secret holds several). */
function placeholders(value: unknown, at: (string | number)[]): (string | number)[][] {
  if (isSecretStandIn(value)) return at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, [...at, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...at, k]));
  }
  return [];
}

function leafValues(value: unknown): (string | number)[] {
  if (typeof value === "string" || typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(leafValues);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(leafValues);
  return [];
}

/**
 * The secret paths of `raw` and the values found there. A string value is also taken as the
 * owner's-text redaction writes it (redactOwnerText: `Alarm code [redacted], spare key under the
 * mat`) where that leaves text of its own: the inventory redacts a note before the secret values
 * are hidden, and the rest of a note secret as a whole must not show either.
 */
export function secretConfig(raw: Record<string, unknown>, paths: readonly string[]): SecretConfig {
  const values = paths.flatMap((p) => leafValues(valueAt(raw, pathParts(p))));
  const redacted = values.flatMap((v) => {
    if (typeof v !== "string") return [];
    const r = redactOwnerText(v);
    return r !== v && r.replace(/\[redacted\]/g, "").trim().length >= MIN_HIDDEN ? [r] : [];
  });
  return { paths, values: [...new Set([...values, ...redacted])] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A pattern of `text` also as Markdown or HTML may write it: punctuation escaped with a backslash
 * or as an entity (`\_`, `&#124;`), white space as other white space or `<br>`. The inventory
 * escapes what it quotes, and a secret must be found there too.
 */
function asWritten(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/\s/.test(ch)) out += "(?:\\s+|<br\\s*/?>)";
    else if (/[!-/:-@[-`{-~]/.test(ch)) {
      out += `(?:\\\\?${escapeRegExp(ch)}|&(?:#\\d+|#x[0-9a-fA-F]+|[A-Za-z]+);)`;
    } else out += escapeRegExp(ch);
  }
  return out;
}

const patterns = new WeakMap<SecretConfig, RegExp | undefined>();

/** A matcher of every secret value long enough to be hidden in text, longest first. */
function secretPattern(secret: SecretConfig): RegExp | undefined {
  if (patterns.has(secret)) return patterns.get(secret);
  const pattern = buildPattern(secret.values);
  patterns.set(secret, pattern);
  return pattern;
}

function buildPattern(values: readonly (string | number)[]): RegExp | undefined {
  const texts = [...new Set(values.map(String))]
    .filter((t) => t.length >= MIN_HIDDEN && t !== SECRET_PLACEHOLDER)
    .sort((a, b) => b.length - a.length);
  if (texts.length === 0) return undefined;
  // Not inside a longer word or number: 10.0.0.1 is not hidden in 10.0.0.10.
  return new RegExp(`(?<![A-Za-z0-9])(?:${texts.map(asWritten).join("|")})(?![A-Za-z0-9])`, "g");
}

/** `text` with every secret value replaced by "[secret]". */
export function hideSecrets(text: string, secret: SecretConfig): string {
  const pattern = secretPattern(secret);
  return pattern ? text.replace(pattern, SECRET_PLACEHOLDER) : text;
}

/** Whether `value` (a string, number, or any nesting of them) holds a secret value. */
export function holdsSecret(value: unknown, secret: SecretConfig): boolean {
  if (typeof value === "number") return secret.values.includes(value);
  if (typeof value === "string") {
    if (secret.values.includes(value)) return true;
    const pattern = secretPattern(secret);
    if (pattern === undefined) return false;
    pattern.lastIndex = 0;
    return pattern.test(value);
  }
  if (Array.isArray(value)) return value.some((v) => holdsSecret(v, secret));
  if (typeof value === "object" && value !== null) {
    return Object.values(value).some((v) => holdsSecret(v, secret));
  }
  return false;
}

/** Whether the value at `path` holds a secret path inside it (`proxmox` holds `proxmox.endpoint`). */
function holdsSecretPath(path: string, paths: readonly string[]): boolean {
  const p = path.startsWith("homelab:") ? path.slice("homelab:".length) : path;
  return paths.some((s) => s.startsWith(`${p}.`) || s.startsWith(`${p}[`));
}

/**
 * A problem that quotes no secret: "[secret]" as the input of a secret path or of one that holds
 * a secret (its input may be cut in the middle of the secret, where no text matches it), and
 * "[secret]" for each secret value its path, message or fix mentions.
 */
export function hideInProblem(p: Problem, secret: SecretConfig): Problem {
  if (secret.paths.length === 0) return p;
  const hidden = isSecretPath(p.path, secret.paths) || holdsSecretPath(p.path, secret.paths);
  return {
    path: hideSecrets(p.path, secret),
    input: hidden ? SECRET_PLACEHOLDER : hideSecrets(p.input, secret),
    message: hideSecrets(p.message, secret),
    ...(p.fix !== undefined ? { fix: hideSecrets(p.fix, secret) } : {}),
  };
}
