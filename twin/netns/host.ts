// Host-side helpers of the netns lab: run a command, tell whether a process runs, list, reap
// and delete namespaces, and poll for a condition.
import { execFileSync, spawn } from "child_process";
import { readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const LAB_RE = /^hlab([0-9a-z]+)-/;
export const RUN_DIR = "/var/run/frr";

/** Blocking sleep, for cleanup paths that must finish inside an `exit` handler. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function run(cmd: string, args: readonly string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Whether the process still runs; a zombie has exited and only waits for init to reap it. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every network namespace on the host, by name. */
export function listNamespaces(): string[] {
  return run("ip", ["netns", "list"])
    .split("\n")
    .map((l) => l.split(" ")[0])
    .filter((n) => n.length > 0);
}

/** Kills every process inside the namespace (they are the lab's), then deletes it. */
export function destroyNamespace(ns: string): void {
  const pids = () =>
    run("ip", ["netns", "pids", ns])
      .split("\n")
      .filter((l) => l.length > 0)
      .map(Number);
  const started = pids();
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    for (const pid of started.filter(alive)) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 40 && started.some(alive); i++) sleepSync(50);
  }
  run("ip", ["netns", "del", ns]);
  rmSync(join(RUN_DIR, ns), { recursive: true, force: true });
}

/** Removes namespaces and files of labs whose process is gone (killed before its cleanup). */
export function reapStaleLabs(): string[] {
  const stale = listNamespaces().filter((ns) => {
    const m = LAB_RE.exec(ns);
    return m !== null && !alive(parseInt(m[1], 36));
  });
  stale.forEach(destroyNamespace);
  for (const ns of stale)
    rmSync(join(tmpdir(), ns.split("-")[0]), { recursive: true, force: true });
  return stale;
}

/**
 * A detached shell that outlives `pid` and then deletes the lab: Jest exits on Ctrl-C or a
 * worker crash without running `exit` handlers of the test's sandboxed `process`, and nothing at
 * all runs after SIGKILL. It kills only processes inside the lab's namespaces, by ID.
 */
export function startWatchdog(pid: number, id: string, dir: string): number | undefined {
  const script = [
    `while kill -0 ${pid} 2>/dev/null; do sleep 0.5; done`,
    `for ns in $(ip netns list | cut -d' ' -f1 | grep '^${id}-'); do`,
    `  for p in $(ip netns pids "$ns"); do kill -9 "$p"; done`,
    `  ip netns del "$ns"; rm -rf "${RUN_DIR}/$ns"`,
    "done",
    `rm -rf '${dir}'`,
  ].join("\n");
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child.pid;
}

/** Polls `probe` until it returns a value; resolves with it and the time it took. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => T | undefined,
  intervalMs = 25,
): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined) return { value, ms: performance.now() - start };
    } catch (e) {
      lastError = e;
    }
    if (performance.now() - start > timeoutMs) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(intervalMs);
  }
}
