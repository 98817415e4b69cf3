// Secret values in the offline preview. The stack file holds `secure:` values as ciphertext that
// only the Pulumi CLI can decrypt; the owner may give a value here in the environment, one variable
// per secret (HOMELAB_SECRET_<PATH>), never on the command line: arguments are visible to every
// user of the machine (ps) and land in the shell's history. A value given is checked like a plain
// value; the program then runs with a label in its place (`[secret homelab:<path> <fingerprint>]`),
// so the artifacts show where each secret lands, which value it is, and never the value itself.
import { createHash } from "crypto";
import { distance } from "fastest-levenshtein";
import { Problem } from "../addressing/problems";
import { SECRET_PLACEHOLDER, pathParts, secretLabel, valueAt } from "../site/secret-paths";
import { parseConfigValue } from "../site/raw-config";
import { parseSshPublicKey } from "../site/ssh-keys";
import { sshKeyLines } from "../render/cloud-init/user-data";

/** Every secret's variable starts with this. */
export const SECRET_ENV_PREFIX = "HOMELAB_SECRET_";

/**
 * The environment variable that gives the value of the secret at loader path `path`: the path in
 * upper snake case (`vmSshKeys` -> HOMELAB_SECRET_VM_SSH_KEYS, `routers[0].ssh.host` ->
 * HOMELAB_SECRET_ROUTERS_0_SSH_HOST).
 */
export function secretEnvName(path: string): string {
  const words = path
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `${SECRET_ENV_PREFIX}${words.toUpperCase()}`;
}

/**
 * A short fingerprint of a secret value: `sha256:` and the first 8 hex digits of its SHA-256, so
 * the owner can tell which value went where (`printf %s "$V" | sha256sum | cut -c1-8`). It
 * identifies a value; it cannot give it back, but it does confirm a guess of a short one.
 */
export function valueFingerprint(value: string): string {
  return `sha256:${createHash("sha256").update(value).digest("hex").slice(0, 8)}`;
}

/**
 * The text the program runs with in place of the secret at `path`: one label, or one per key
 * line when the value is SSH public keys (labelled with OpenSSH's SHA256 fingerprint, as
 * `ssh-keygen -l` shows it). Without a value, the label names the key only.
 */
export function labelFor(path: string, value?: string): string {
  if (value === undefined) return secretLabel(path);
  const lines = sshKeyLines(value);
  const fingerprints = lines.flatMap((l) => {
    const key = parseSshPublicKey(l);
    return "problem" in key ? [] : [key.fingerprint];
  });
  if (lines.length > 0 && fingerprints.length === lines.length) {
    return fingerprints.map((fp) => secretLabel(path, fp)).join("\n");
  }
  return secretLabel(path, valueFingerprint(value));
}

/** The stack's config, as validated and as the program runs with it, and what could not be. */
export interface SuppliedSecrets {
  /** The config with each value given in the environment in place of its `secure:` placeholder. */
  readonly checked: Record<string, string>;
  /** The config the program runs with: every secret value replaced by its label (labelFor). */
  readonly program: Record<string, string>;
  /** One warning per secret value left unchecked, and per variable that names no secret. */
  readonly warnings: readonly Problem[];
  /**
   * Whether every secret value of `program` is a label: false when a whole key the engine marked
   * secret holds objects, whose values the program then holds as they are.
   */
  readonly allLabelled: boolean;
}

type Json = unknown;

function setAt(root: Json, parts: readonly (string | number)[], value: Json): Json {
  if (parts.length === 0) return value;
  const [head, ...rest] = parts;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<
    string | number,
    Json
  >;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/**
 * The secrets of a stack's config (`config` as the engine hands it over, `paths` the loader paths
 * of its `homelab:` secret values) with their values from `env` where given. A value still
 * `[secret]` (a `secure:` the preview cannot decrypt) is taken from its HOMELAB_SECRET_ variable;
 * one already known (decrypted by the engine) is checked as it is. Either way the program gets a
 * label; values are never put in a warning.
 */
export function supplySecrets(
  config: Readonly<Record<string, string>>,
  paths: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SuppliedSecrets {
  const checked = { ...config };
  const program = { ...config };
  const warnings: Problem[] = [];
  let allLabelled = true;
  const ours = paths.filter((p) => !p.includes(":"));
  for (const path of ours) {
    const [top, ...inner] = pathParts(path);
    const key = `homelab:${top}`;
    if (config[key] === undefined) continue;
    const whole = inner.length === 0;
    const parsed = parseConfigValue(config[key]);
    const current = whole ? parsed : valueAt(parsed, inner);
    // A whole key the engine marked secret holds objects: they stay as they are, hidden.
    if (typeof current !== "string" && typeof current !== "number") {
      allLabelled = false;
      continue;
    }
    const name = secretEnvName(path);
    const given = current === SECRET_PLACEHOLDER ? env[name] : undefined;
    let value: string | undefined;
    if (current !== SECRET_PLACEHOLDER) value = String(current);
    else if (given !== undefined && given !== "") value = given;
    if (current === SECRET_PLACEHOLDER && value === undefined) {
      warnings.push({
        path,
        input: SECRET_PLACEHOLDER,
        message:
          "is a secure: value this offline preview cannot decrypt, so its value was not checked",
        fix: `to check it, set ${name} to its value in the environment of npm run plan or npm run check (docs/preview.md#secret-values)`,
      });
    }
    const put = (into: Record<string, string>, v: string) => {
      into[key] = whole ? v : JSON.stringify(setAt(parsed, inner, v));
    };
    if (given !== undefined && given !== "") put(checked, given);
    put(program, labelFor(path, value));
  }
  // A variable of ours that names no secret: a typo would leave its secret unchecked in silence.
  const known = new Map(ours.map((p) => [secretEnvName(p), p]));
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(SECRET_ENV_PREFIX) || known.has(name)) continue;
    const near = [...known.keys()].find((k) => distance(k, name) <= 3);
    warnings.push({
      path: name,
      input: "",
      message:
        known.size === 0
          ? "is set, but the stack has no secure: value"
          : "is set, but names no secure: value of the stack, so its value was not used",
      ...(near !== undefined
        ? { fix: `did you mean ${near} (${known.get(near)})?` }
        : known.size > 0
          ? { fix: `the stack's secure: values are ${[...known.keys()].join(", ")}` }
          : {}),
    });
  }
  return { checked, program, warnings, allLabelled };
}
