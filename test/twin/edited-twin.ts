// The twin of a preview, edited first: the preview written to a scratch folder, copied, the copy
// edited, then `npm run twin -- --from <copy>` run in-process. Shared by the twin tests that show
// a check failing on exactly the artifact edited (and passing on the unedited one).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { PreviewResult, writePreview } from "../../preview/offline";
import { twinCli } from "../../twin/cli";

/** What one twin run printed, and its exit status. */
export interface TwinRun {
  readonly code: number;
  /** Every line, stdout and stderr in order. */
  readonly lines: string[];
  /** The `FAIL ` lines whole (expected and seen), so that a run that should pass says why. */
  readonly failLines: string[];
  /** The names of the failed checks (a FAIL line up to ": expected"). */
  readonly failed: string[];
  /** The last line: `twin <stack>: N passed, M failed...`. */
  readonly summary: string;
}

/**
 * Runs the twin on `preview` after `edit` changed its files (`edit` gets the folder); `label`
 * names the scratch folder. The folder is removed afterwards.
 */
export async function twinOfEdited(
  label: string,
  preview: PreviewResult | Promise<PreviewResult>,
  edit: (dir: string) => void = () => undefined,
): Promise<TwinRun> {
  const base = mkdtempSync(join(tmpdir(), `twin-${label}-`));
  try {
    writePreview(await preview, join(base, "clean"));
    cpSync(join(base, "clean"), join(base, "edited"), { recursive: true });
    edit(join(base, "edited"));
    const lines: string[] = [];
    const code = await twinCli(["--from", join(base, "edited")], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    const failLines = lines.filter((l) => l.startsWith("FAIL "));
    return {
      code,
      lines,
      failLines,
      failed: failLines.map((l) => l.slice(5, l.indexOf(": expected"))),
      summary: lines[lines.length - 1],
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Replaces every `from` in `file` by `to`; throws when the file has no `from` (a stale edit). */
export function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.split(from).join(to));
}
