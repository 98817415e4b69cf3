// What the project's commands (plan, check, twin) share: where they write, which stacks a project
// folder holds, and one way to parse options. Without the Pulumi SDK, for `npm run check`.
import { readdirSync } from "fs";
import { parseArgs, ParseArgsConfig } from "util";

/** Where the command writes: one line at a time, to stdout or stderr. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/;

/** The stacks of a project folder: every `Pulumi.<stack>.yaml`, sorted. */
export function stacksIn(root: string): string[] {
  return readdirSync(root)
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** parseArgs' error as one line in our words (its own text suggests `--` tricks). */
function argumentError(e: unknown): string | undefined {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `option ${option} needs a value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ""}; options start with --`;
    default:
      return undefined;
  }
}

/**
 * Parses `argv` with `options` (strict, no positionals) for command `name` (`plan`, `twin`). On a
 * usage error it writes one line, a blank line and `usageText` to `io.err` and returns exit
 * status 2; with `--help` it writes `usageText` to `io.out` and returns 0; else the values.
 */
export function parseCommand<T extends Record<string, unknown>>(
  name: string,
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  io: CliOutput,
  usageText: string,
): T | number {
  let values: T & { help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }).values as T & { help?: boolean };
  } catch (e) {
    const line = argumentError(e);
    if (line === undefined) throw e;
    io.err(`${name}: ${line}`);
    io.err("");
    io.err(usageText);
    return 2;
  }
  if (values.help) {
    io.out(usageText);
    return 0;
  }
  return values;
}

/**
 * The stack a command (`plan`, `check`) runs on, or its exit status 2 after one line on `io.err`.
 * `given` (--stack) must name a `Pulumi.<given>.yaml` of `root`. Without --stack, a project with one
 * stack file runs that stack and says so on `io.out`; one with several (or none) is a usage error
 * followed by `usageText`, as a mature CLI does when the stack is ambiguous (the Pulumi CLI asks
 * for `pulumi stack select` rather than guessing): checking a stack the owner did not mean would
 * print someone else's problems, or a clean result for a file never read.
 */
export function chooseStack(
  name: string,
  given: string | undefined,
  root: string,
  io: CliOutput,
  usageText: string,
): string | number {
  const stacks = stacksIn(root);
  if (given !== undefined) {
    if (stacks.includes(given)) return given;
    io.err(
      `${name}: no stack ${given}: there is no Pulumi.${given}.yaml; stacks found: ${stacks.join(", ") || "none"}`,
    );
    return 2;
  }
  if (stacks.length === 1) {
    io.out(`${name}: stack ${stacks[0]} (Pulumi.${stacks[0]}.yaml, the only stack file here)`);
    return stacks[0];
  }
  io.err(
    stacks.length === 0
      ? `${name}: no stack file here: write Pulumi.<name>.yaml (docs/site.md), then run npm run ${name} -- --stack <name>`
      : `${name}: which stack? ${stacks.length} stack files here (${stacks.join(", ")}); name one with --stack, e.g. npm run ${name} -- --stack ${stacks[0]}`,
  );
  io.err("");
  io.err(usageText);
  return 2;
}
