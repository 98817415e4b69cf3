import { clean, quote } from "./quote";

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
  return `${clean(p.path)}: ${quote(p.input)}: ${clean(p.message)}${p.fix ? `; ${clean(p.fix)}` : ""}`;
}

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
