// GitHub's own Markdown parser, cmark-gfm (Debian's cmark-gfm, .ci/install-markdown.sh), on the
// inventory: the HTML a rendered inventory.md or a pull-request comment quoting it would hold.
// A missing tool fails with the install hint, never skips.
import { spawnSync } from "child_process";

export const CMARK_GFM_MISSING =
  "cmark-gfm is not installed. Install it with `sudo bash .ci/install-markdown.sh` " +
  "(Debian/Ubuntu: apt-get install -y cmark-gfm).";

/**
 * `markdown` as HTML, with GitHub's extensions (tables, strikethrough, autolinks, task lists) and
 * raw HTML kept (`--unsafe`), so that HTML that got through shows up as an element.
 */
export function gfmHtml(markdown: string, tool = "cmark-gfm"): string {
  const args = [
    "--unsafe",
    ...["table", "strikethrough", "autolink", "tasklist"].flatMap((e) => ["-e", e]),
  ];
  const r = spawnSync(tool, args, { input: markdown, encoding: "utf8" });
  if (r.error) throw new Error(CMARK_GFM_MISSING);
  if (r.status !== 0) throw new Error(`cmark-gfm exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** How many elements of each name an HTML text opens (`{ h1: 1, tr: 12, ... }`), names sorted. */
export function elementCounts(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)/g)) {
    const name = m[1].toLowerCase();
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
