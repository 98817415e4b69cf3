// The `npm run plan` command line: options, usage, and what it prints. In a module of its own so
// that the tests run it in-process against a scratch project folder and compare the exact text.
import { printable } from "../addressing/quote";
import { existsSync } from "fs";
import { join } from "path";
import {
  PREVIEW_MANIFEST,
  PreviewFolderError,
  previewFiles,
  previewFolderProblem,
  PreviewResult,
  previewStack,
  problemLines,
  RefusedFile,
  ROOT,
  summarize,
  warningLines,
  writePreview,
} from "./offline";

export type { CliOutput };
export { parseCommand, stacksIn };
import { chooseStack, CliOutput, parseCommand, stacksIn } from "./command";
import { shownPath } from "./folder";
import { baseChanges, changesLines, parseBases, readBase, RouterBase } from "./routeros-base";

/** The usage text: every option, the stacks found in `root`, examples. */
export function usage(root: string): string {
  const stacks = stacksIn(root);
  return [
    "Usage: npm run plan -- [--stack <name>] [--out <dir>] [--routeros-base <router>=<file>]...",
    "",
    "Offline preview of one site: checks Pulumi.<name>.yaml, runs the program under Pulumi's mocks",
    "and writes what `pulumi up` would send: resources.json, inventory.md, outputs.json and the",
    "rendered configs. Needs no Pulumi CLI, credentials or reachable device.",
    "",
    "Options:",
    "  --stack <name>  the stack to preview, from Pulumi.<name>.yaml; needed when the project has",
    "                  several stack files (without it, the only one is previewed)",
    "  --out <dir>     where to write it (default: out/<name>/): a new or empty folder, or one a",
    "                  preview wrote; only files that preview listed are replaced, and only on",
    "                  success (a stack with problems writes and removes nothing)",
    "  --routeros-base <router>=<file>",
    "                  the router's /export (RouterOS 7): dry-run its script on it and write",
    "                  routeros/<router>.changes.txt (add, adopt, set, remove per entry); an entry",
    "                  of the router that conflicts with a wanted one refuses the plan",
    "  -h, --help      show this text",
    "",
    "Secrets: a secure: value of the stack file is checked when its value is in the environment,",
    "one variable per value, HOMELAB_SECRET_<PATH> (homelab:vmSshKeys: HOMELAB_SECRET_VM_SSH_KEYS,",
    "homelab:routers[0].ssh.host: HOMELAB_SECRET_ROUTERS_0_SSH_HOST); the artifacts show",
    "[secret homelab:<path> <fingerprint>] where it lands, never the value. Not as an option:",
    "arguments show in ps and the shell's history. Without it, a warning names the variable.",
    "",
    `Stacks found: ${stacks.length > 0 ? stacks.join(", ") : "none"}`,
    "",
    "Examples:",
    "  npm run plan -- --stack example              preview Pulumi.example.yaml into out/example/",
    "  npm run plan -- --stack sol --out /tmp/sol   preview Pulumi.sol.yaml into /tmp/sol/",
    "  npm run plan -- --stack example --routeros-base edge=edge.rsc",
    "                                               and what its script would do to edge.rsc's router",
    "",
    "Exit status: 0 clean, 1 the stack has problems (all are listed), 2 a usage error or a",
    "file or folder refused (a stack file that is a link out of the project, a FIFO, too large).",
  ].join("\n");
}

/**
 * Runs the command with `argv` (the arguments after `--`) for the project in `root`. Returns the
 * exit status: 0 clean, 1 problems in the stack, 2 a usage error. Throws only on a bug.
 */
export async function planCli(
  argv: string[],
  sink: CliOutput,
  root = ROOT,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  // No line can move the cursor or rewrite the terminal, whatever argument or value it echoes.
  const io = {
    out: (l: string) => sink.out(printable(l)),
    err: (l: string) => sink.err(printable(l)),
  };
  const values = parseCommand<{ stack?: string; out?: string; "routeros-base"?: string[] }>(
    "plan",
    argv,
    {
      stack: { type: "string" },
      out: { type: "string" },
      "routeros-base": { type: "string", multiple: true },
    },
    io,
    usage(root),
  );
  if (typeof values === "number") return values;
  const bases = readBases(values["routeros-base"] ?? [], io);
  if (typeof bases === "number") return bases;
  const stack = chooseStack("plan", values.stack, root, io, usage(root));
  if (typeof stack === "number") return stack;
  const outDir = values.out ?? join(root, "out", stack);
  const shownDir = shownPath(outDir);
  const folderProblem = previewFolderProblem(outDir, root, stack);
  if (folderProblem !== undefined) {
    io.err(`plan: --out ${shownDir} ${folderProblem}`);
    return 2;
  }
  let result: PreviewResult;
  try {
    result = await previewStack(stack, root, env);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    io.err(`plan: ${e.message}`);
    return 2;
  }
  if (!result.ok) {
    // A failed run writes nothing and so removes nothing: a previous preview stays as it was.
    const lines = problemLines(result);
    const kept = existsSync(join(outDir, PREVIEW_MANIFEST))
      ? `; ${shownDir} still holds the previous preview, which this run left as it was`
      : "";
    const count = `${lines.length} problem${lines.length === 1 ? "" : "s"}`;
    io.err(`${stack}: ${count}; nothing was registered${kept}`);
    for (const line of lines) io.err(`  - ${line}`);
    return 1;
  }
  const dry = baseChanges(
    bases,
    new Map(previewFiles(result)),
    shownPath,
    bases.length > 0 ? (result.plannedAddresses?.() ?? []) : [],
  );
  if (!dry.ok) {
    if (dry.status === 2) {
      for (const line of dry.problems) io.err(`plan: ${line}`);
      return 2;
    }
    const kept = existsSync(join(outDir, PREVIEW_MANIFEST))
      ? `; ${shownDir} still holds the previous preview, which this run left as it was`
      : "";
    const count = `${dry.problems.length} problem${dry.problems.length === 1 ? "" : "s"}`;
    io.err(`${stack}: ${count}; the plan is refused, nothing was registered${kept}`);
    for (const line of dry.problems) io.err(`  - ${line}`);
    return 1;
  }
  let kept: string[];
  try {
    ({ kept } = writePreview(
      result,
      outDir,
      root,
      dry.changes.map((c) => [c.path, c.text]),
      stack,
    ));
  } catch (e) {
    if (!(e instanceof PreviewFolderError)) throw e;
    io.err(`plan: ${e.message}`);
    return 2;
  }
  const dryWarnings = dry.changes.reduce((n, c) => n + c.warnings.length, 0);
  io.out(summarize(stack, result, shownDir, dryWarnings));
  for (const name of kept)
    io.out(
      `  kept ${join(shownDir, name)}: the previous preview wrote it, but it was changed since and this preview no longer writes it; remove it yourself if the changes are not needed`,
    );
  for (const line of dry.changes.flatMap(changesLines)) io.out(line);
  for (const line of warningLines(result)) io.out(`  ! ${line}`);
  return 0;
}

/** The `--routeros-base` files, read before anything runs; exit status 2 on a bad one. */
function readBases(
  values: readonly string[],
  io: CliOutput,
): (RouterBase & { text: string })[] | number {
  const bases = parseBases(values);
  if (typeof bases === "string") {
    io.err(`plan: ${bases}`);
    return 2;
  }
  const out: (RouterBase & { text: string })[] = [];
  for (const b of bases) {
    const read = readBase(b.file);
    if ("problem" in read) {
      io.err(
        `plan: --routeros-base ${b.router}=${shownPath(b.file)}: ${shownPath(b.file)} ${read.problem}`,
      );
      return 2;
    }
    out.push({ ...b, text: read.text });
  }
  return out;
}
