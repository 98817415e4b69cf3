// The `npm run check` command line: the problems and warnings `npm run plan` would print, without
// running the program and so without loading the Pulumi SDK (preview/check.ts), once or again on
// every save (--watch). Imports nothing that loads @pulumi/*: test/preview/check.test.ts checks it.
import { watch, FSWatcher } from "fs";
import { basename, dirname } from "path";
import { printable } from "../addressing/quote";
import { checkStack, CheckResult, peerOutputsFile, problemLines, warningLines } from "./check";
import { chooseStack, CliOutput, parseCommand, stacksIn } from "./command";
import { RefusedFile } from "./files";
import { ROOT } from "./root";

/** The usage text: every option, the stacks found in `root`, examples. */
export function checkUsage(root: string): string {
  const stacks = stacksIn(root);
  return [
    "Usage: npm run check -- [--stack <name>] [--watch]",
    "",
    "Checks Pulumi.<name>.yaml and prints the problems and warnings `npm run plan` would print,",
    "without running the program under Pulumi's mocks and without writing anything.",
    "",
    "Options:",
    "  --stack <name>  the stack to check, from Pulumi.<name>.yaml; needed when the project has",
    "                  several stack files (without it, the only one is checked)",
    "  --watch         check again each time the stack file (or a peer stack's outputs.json) is",
    "                  saved; stop with Ctrl-C",
    "  -h, --help      show this text",
    "",
    "Secrets: a secure: value is checked when its value is in the environment as",
    "HOMELAB_SECRET_<PATH>, as for npm run plan (docs/preview.md#secret-values).",
    "",
    `Stacks found: ${stacks.length > 0 ? stacks.join(", ") : "none"}`,
    "",
    "Examples:",
    "  npm run check -- --stack example           check Pulumi.example.yaml once",
    "  npm run check -- --stack example --watch   and again on every save",
    "",
    "Exit status: 0 clean (warnings may be listed), 1 the stack has problems (all are listed),",
    "2 a usage error or a file refused. With --watch, 0 when stopped.",
  ].join("\n");
}

/**
 * Prints one check of `stack`: its problems as `npm run plan` lists them (`  - ` lines, on `io.err`)
 * or a clean line and the warnings plan would list (`  ! ` lines). Returns the exit status.
 */
export function printCheck(stack: string, root: string, io: CliOutput): number {
  return printResult(stack, root, io).status;
}

function printResult(
  stack: string,
  root: string,
  io: CliOutput,
): { status: number; peerStacks: readonly string[] } {
  let result: CheckResult;
  try {
    result = checkStack(stack, root);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    io.err(`check: ${e.message}`);
    return { status: 2, peerStacks: [] };
  }
  const peerStacks = result.peerStacks ?? [];
  if (!result.ok) {
    const lines = problemLines(result);
    io.err(`${stack}: ${lines.length} problem${lines.length === 1 ? "" : "s"}`);
    for (const line of lines) io.err(`  - ${line}`);
    return { status: 1, peerStacks };
  }
  const warnings = warningLines(result);
  const n = warnings.length;
  io.out(`${stack}: no problems${n > 0 ? `, ${n} warning${n === 1 ? "" : "s"}` : ""}`);
  for (const line of warnings) io.out(`  ! ${line}`);
  return { status: 0, peerStacks };
}

/** A running --watch: `close()` stops it. */
export interface CheckWatch {
  close(): void;
}

/** How long a burst of file events (an editor's write, rename and chmod) is let settle, in ms. */
export const WATCH_DEBOUNCE_MS = 100;

/**
 * Checks `stack` now and again after each change to its stack file, Pulumi.yaml or a peer stack's
 * outputs.json (folders are watched, so an editor that saves by renaming is seen too); events
 * closer than `debounceMs` make one check. `onCheck` gets each exit status (for tests).
 */
export function watchCheck(
  stack: string,
  root: string,
  io: CliOutput,
  options: { debounceMs?: number; onCheck?: (status: number) => void } = {},
): CheckWatch {
  const file = `Pulumi.${stack}.yaml`;
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // The folders to watch, with the file names in each that matter.
  let peerStacks: readonly string[] = [];
  const targets = (): Map<string, Set<string>> => {
    const out = new Map([[root, new Set([file, "Pulumi.yaml"])]]);
    for (const peer of peerStacks) {
      const outputs = peerOutputsFile(root, peer);
      if (outputs === undefined) continue;
      const names = out.get(dirname(outputs)) ?? new Set<string>();
      out.set(dirname(outputs), names.add(basename(outputs)));
    }
    return out;
  };
  const rewatch = () => {
    const wanted = targets();
    for (const [dir, w] of watchers) {
      if (!wanted.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, names] of wanted) {
      watchers.get(dir)?.close();
      try {
        watchers.set(
          dir,
          watch(dir, (_event, name) => {
            if (name === null || names.has(String(name))) schedule(String(name ?? dir));
          }),
        );
      } catch {
        // A peer's out/ folder that does not exist yet: watched once a check finds it.
        watchers.delete(dir);
      }
    }
  };
  const run = () => {
    const { status, peerStacks: peers } = printResult(stack, root, io);
    peerStacks = peers;
    rewatch();
    options.onCheck?.(status);
  };
  const schedule = (name: string) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      io.out("");
      io.out(`check: ${name} changed at ${new Date().toTimeString().slice(0, 8)}`);
      run();
    }, options.debounceMs ?? WATCH_DEBOUNCE_MS);
  };
  io.out(`check: watching ${file}; Ctrl-C stops`);
  run();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

/**
 * Runs the command with `argv` (the arguments after `--`) for the project in `root`. Returns the
 * exit status (0 clean, 1 problems, 2 a usage error or a refused file), or with --watch the
 * running watch (the caller stops it on Ctrl-C).
 */
export function checkCli(argv: string[], sink: CliOutput, root = ROOT): number | CheckWatch {
  // No line can move the cursor or rewrite the terminal, whatever argument or value it echoes.
  const io = {
    out: (l: string) => sink.out(printable(l)),
    err: (l: string) => sink.err(printable(l)),
  };
  const values = parseCommand<{ stack?: string; watch?: boolean }>(
    "check",
    argv,
    { stack: { type: "string" }, watch: { type: "boolean" } },
    io,
    checkUsage(root),
  );
  if (typeof values === "number") return values;
  const stack = chooseStack("check", values.stack, root, io, checkUsage(root));
  if (typeof stack === "number") return stack;
  if (values.watch) return watchCheck(stack, root, io);
  return printCheck(stack, root, io);
}
