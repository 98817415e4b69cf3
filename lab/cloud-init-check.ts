// The real parsers of what a cloud-init VM boots with: cloud-init's own schema check of the user
// data (`cloud-init schema -c`), and netplan's generator for the network config v2, which
// cloud-init hands to netplan as it is (under a `network:` key). Both from Debian
// (.ci/install-cloud-init.sh); a missing tool fails with the install hint, never skips.
import { spawnSync } from "child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const CLOUD_INIT_MISSING =
  "cloud-init and netplan are not installed (need `cloud-init` and `netplan`). " +
  "Install them with `sudo bash .ci/install-cloud-init.sh` (Debian/Ubuntu: apt-get install -y cloud-init netplan.io).";

/** Throws CLOUD_INIT_MISSING unless both tools run. */
export function requireCloudInitTools(cloudInit = "cloud-init", netplan = "netplan"): void {
  const missing = [cloudInit, netplan].filter((t) => spawnSync(t, ["--help"]).error);
  if (missing.length > 0) throw new Error(`${CLOUD_INIT_MISSING} Missing: ${missing.join(", ")}.`);
}

function inTemp<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "cloud-init-check-"));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

/**
 * What `cloud-init schema -c` says is wrong with a user data text: empty when it prints "Valid
 * cloud-config" and exits 0, else its output lines (exit code first).
 */
export function userDataProblems(text: string): string[] {
  return inTemp((dir) => {
    const file = join(dir, "user-data");
    writeFileSync(file, text);
    const r = spawnSync("cloud-init", ["schema", "-c", file], { encoding: "utf8" });
    if (r.error) throw new Error(CLOUD_INIT_MISSING);
    const out = lines(`${r.stdout}\n${r.stderr}`);
    const ok = r.status === 0 && out.length === 1 && out[0].startsWith("Valid cloud-config");
    return ok ? [] : [`cloud-init schema exited ${r.status}`, ...out];
  });
}

/** The interpreter of Debian's cloud-init (its `#!` line): its PyYAML is what reads the files. */
export const CLOUD_INIT_PYTHON = "/usr/bin/python3";

// Reads a JSON list of texts on stdin, loads each with cloud-init's own loader and prints the
// results as JSON (see cloudInitYaml).
const LOAD_SCRIPT = `
import json, math, sys
from cloudinit.safeyaml import load

def key(k):
    return k if isinstance(k, str) else "python:" + repr(k)

def js(v):
    if isinstance(v, dict):
        return {key(k): js(x) for k, x in v.items()}
    if isinstance(v, list):
        return [js(x) for x in v]
    if v is None or isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, float) and math.isfinite(v):
        return v
    return {"python": repr(v)}

def one(text):
    try:
        return js(load(text))
    except Exception as e:
        return {"error": type(e).__name__ + ": " + str(e).splitlines()[0]}

print(json.dumps([one(t) for t in json.load(sys.stdin)]))
`;

/**
 * Each text as cloud-init reads it (cloudinit.safeyaml.load: PyYAML's SafeLoader, YAML 1.1), in
 * JSON terms: strings, booleans, integers, finite floats and null as themselves; other Python
 * values as `{ python: repr }` (`datetime.date(2026, 12, 6)`, `inf`); a key that is not a string
 * as `python:<repr>` (`python:True`); a text the loader rejects as `{ error: "<Type>: <line>" }`.
 * One Python process for the whole list.
 */
export function cloudInitYaml(texts: readonly string[]): unknown[] {
  const r = spawnSync(CLOUD_INIT_PYTHON, ["-c", LOAD_SCRIPT], {
    input: JSON.stringify(texts),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(CLOUD_INIT_MISSING);
  if (r.status !== 0) throw new Error(`cloud-init's YAML loader failed: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as unknown[];
}

export interface NetplanResult {
  /** netplan's complaints: anything it printed, with its exit code first; empty when clean. */
  readonly problems: string[];
  /** The systemd-networkd files it generated, by name (10-netplan-eth0.network, ...). */
  readonly networkd: Record<string, string>;
}

/**
 * `netplan generate --root-dir <tmp>` on a network config v2 as cloud-init writes it for netplan
 * (/etc/netplan/50-cloud-init.yaml, the config under `network:`, mode 0600): what netplan prints
 * and the networkd files it writes.
 */
export function netplanGenerate(networkConfig: string): NetplanResult {
  return inTemp((root) => {
    const dir = join(root, "etc", "netplan");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "50-cloud-init.yaml");
    const body = networkConfig
      .split("\n")
      .map((l) => (l === "" ? l : `  ${l}`))
      .join("\n");
    writeFileSync(file, `network:\n${body}`);
    chmodSync(file, 0o600);
    const r = spawnSync("netplan", ["generate", "--root-dir", root], { encoding: "utf8" });
    if (r.error) throw new Error(CLOUD_INIT_MISSING);
    const out = lines(`${r.stdout}\n${r.stderr}`);
    const problems =
      r.status === 0 && out.length === 0 ? [] : [`netplan generate exited ${r.status}`, ...out];
    const gen = join(root, "run", "systemd", "network");
    const networkd: Record<string, string> = {};
    try {
      for (const f of readdirSync(gen).sort()) networkd[f] = readFileSync(join(gen, f), "utf8");
    } catch {
      // Nothing generated: the problems say why.
    }
    return { problems, networkd };
  });
}
