import { clean, quote, REDACTED } from "./quote";

/** One thing wrong with a site: where (config path), what was given, what is wrong, how to fix it. */
export interface Problem {
  readonly path: string;
  readonly input: string;
  readonly message: string;
  readonly fix?: string;
}

/**
 * `path: "input": message; fix`, the one form every problem and warning is printed in. The input
 * is quoted, and path, message and fix cleaned, by addressing/quote.ts: no credential, control
 * character or 50 MB value reaches the console, whatever the problem's producer put there.
 */
export function formatProblem(p: Problem): string {
  const input = CREDENTIAL_KEY.test(p.path) && p.input !== "" ? REDACTED : p.input;
  return `${clean(p.path)}: ${quote(input)}: ${clean(p.message)}${p.fix ? `; ${clean(p.fix)}` : ""}`;
}

/**
 * A path whose last key names a credential (`routers[0].ssh.password`, `hosts[0].apiToken`): its
 * value is not shown whatever it looks like, since `hunter2` looks like any word.
 */
const CREDENTIAL_KEY =
  /(?:^|[.:\]])[A-Za-z0-9_-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|private[_-]?key|api[_-]?key|credential)[A-Za-z0-9_-]*$/i;

/** Thrown once with every problem found, so that a user fixes them in one pass. */
export class SiteError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `the site configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "SiteError";
  }
}
