/** One thing wrong with a site: where (config path), what was given, what is wrong, how to fix it. */
export interface Problem {
  readonly path: string;
  readonly input: string;
  readonly message: string;
  readonly fix?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.path}: "${p.input}": ${p.message}${p.fix ? `; ${p.fix}` : ""}`;
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
