// Checks of the documentation (README.md and docs/*.md), read through GitHub's own Markdown
// parser, cmark-gfm (.ci/install-markdown.sh): every relative link resolves to a file or folder,
// and an #anchor to a heading of the page it names; every block fenced as ```yaml stack is a
// whole stack file. test/project/docs.test.ts runs them on the project and on broken fixtures.
import { execFileSync } from "child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";

/** The info string that marks a fenced block as a whole stack file, planned by the tests. */
export const STACK_BLOCK_INFO = "yaml stack";

/** One link or image of a page: where it is (1-based line and column) and its destination. */
export interface MarkdownLink {
  readonly line: number;
  readonly column: number;
  readonly destination: string;
}

/** One fenced code block of a page: the line of its opening fence, its info string, its text. */
export interface MarkdownBlock {
  readonly line: number;
  readonly info: string;
  readonly text: string;
}

/** What the checks need of one page: its headings' anchors, links and fenced code blocks. */
export interface MarkdownPage {
  /** GitHub's anchors of the page's headings, in order (duplicates numbered `-1`, `-2`, ...). */
  readonly anchors: readonly string[];
  readonly links: readonly MarkdownLink[];
  readonly blocks: readonly MarkdownBlock[];
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * GitHub's anchor for a heading's text (the rules of github-slugger, which github.com follows):
 * lower case, every character that is not a letter, mark, digit, `_`, `-` or space dropped, each
 * space a `-`. Duplicates are numbered by `anchorsOf`.
 */
export function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of headings with these texts, in order: the second "x" is "x-1", and so on. */
export function anchorsOf(headings: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((h) => {
    const slug = githubSlug(h);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  });
}

/**
 * Parses Markdown with cmark-gfm (GitHub's extensions: tables, autolinks, strikethrough) into its
 * headings' anchors, links and fenced blocks. Throws, naming the install script, when cmark-gfm
 * is not installed.
 */
export function parseMarkdown(text: string): MarkdownPage {
  let xml: string;
  try {
    xml = execFileSync(
      "cmark-gfm",
      ["--sourcepos", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-t", "xml"],
      { input: text, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error("cmark-gfm is not installed: run bash .ci/install-markdown.sh (as root)");
    throw e;
  }
  const headings: string[] = [];
  for (const m of xml.matchAll(/<heading [^>]*>([\s\S]*?)<\/heading>/g)) {
    // The heading's text: its text and inline code, also inside links and emphasis.
    const parts = [...m[1].matchAll(/<(text|code)(?: [^>]*)?>([^<]*)<\/\1>/g)].map((p) =>
      unescapeXml(p[2]),
    );
    headings.push(parts.join(""));
  }
  const links: MarkdownLink[] = [];
  for (const m of xml.matchAll(
    /<(?:link|image) sourcepos="(\d+):(\d+)-[^"]*" destination="([^"]*)"/g,
  ))
    links.push({ line: Number(m[1]), column: Number(m[2]), destination: unescapeXml(m[3]) });
  const blocks: MarkdownBlock[] = [];
  for (const m of xml.matchAll(
    /<code_block sourcepos="(\d+):\d+-[^"]*"(?: info="([^"]*)")?[^>]*>([\s\S]*?)<\/code_block>/g,
  ))
    blocks.push({ line: Number(m[1]), info: unescapeXml(m[2] ?? ""), text: unescapeXml(m[3]) });
  return { anchors: anchorsOf(headings), links, blocks };
}

/** README.md and docs/*.md under `root`, as paths relative to it, in a stable order. */
export function docPages(root: string): string[] {
  const docs = join(root, "docs");
  const pages = existsSync(docs)
    ? readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`)
    : [];
  return ["README.md", ...pages];
}

/** A destination that leaves the project's files: a URL with a scheme, or `//host/...`. */
function isExternal(destination: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(destination) || destination.startsWith("//");
}

/**
 * Every relative link of `pages` (paths relative to `root`) that does not resolve, one line each:
 * `<page>:<line>:<column>: "<destination>": <what is wrong>`. A link resolves when its path
 * (relative to the page, without `?query`) is a file or folder inside `root`, and its `#anchor`,
 * if any, is an anchor of a heading of the Markdown page it names (the page itself for `#x`).
 */
export function brokenLinks(root: string, pages: readonly string[]): string[] {
  const parsed = new Map<string, MarkdownPage>();
  const pageOf = (path: string): MarkdownPage => {
    let p = parsed.get(path);
    if (!p) {
      p = parseMarkdown(readFileSync(join(root, path), "utf8"));
      parsed.set(path, p);
    }
    return p;
  };
  const problems: string[] = [];
  for (const page of pages) {
    for (const link of pageOf(page).links) {
      const d = link.destination;
      if (isExternal(d)) continue;
      const where = `${page}:${link.line}:${link.column}: "${d}"`;
      const hash = d.indexOf("#");
      const pathPart = (hash < 0 ? d : d.slice(0, hash)).replace(/\?.*$/, "");
      const anchor = hash < 0 ? undefined : decodeURIComponent(d.slice(hash + 1));
      if (pathPart.startsWith("/")) {
        problems.push(`${where}: is an absolute path; link relative to the page`);
        continue;
      }
      const target =
        pathPart === ""
          ? page
          : relative(root, resolve(root, dirname(page), decodeURIComponent(pathPart)));
      if (target.startsWith("..")) {
        problems.push(`${where}: leads outside the project`);
        continue;
      }
      if (!existsSync(join(root, target))) {
        problems.push(`${where}: ${target} does not exist`);
        continue;
      }
      if (anchor === undefined || anchor === "") continue;
      if (statSync(join(root, target)).isDirectory() || !target.endsWith(".md")) {
        problems.push(`${where}: ${target} is not a Markdown page, so it has no #${anchor}`);
        continue;
      }
      if (!pageOf(target).anchors.includes(anchor))
        problems.push(`${where}: ${target} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}

/** Every ```yaml stack block of `pages`, with the page and line it is on. */
export function stackBlocks(
  root: string,
  pages: readonly string[],
): { page: string; line: number; text: string }[] {
  return pages.flatMap((page) =>
    parseMarkdown(readFileSync(join(root, page), "utf8"))
      .blocks.filter((b) => b.info.trim().split(/\s+/).join(" ") === STACK_BLOCK_INFO)
      .map((b) => ({ page, line: b.line, text: b.text })),
  );
}

/** A quoted summary line of `npm run plan`: the stack and the text up to "to create". */
export interface SummaryQuote {
  readonly page: string;
  readonly line: number;
  readonly stack: string;
  readonly text: string;
}

/**
 * Every quote of a plan's summary line in `pages` (`<stack>: N resources (A custom, B components),
 * C to import, D to create`, the part every summary line has), with its page and line.
 */
export function summaryQuotes(root: string, pages: readonly string[]): SummaryQuote[] {
  const pattern =
    /(?<![\w-])([a-z0-9][a-z0-9-]*): \d+ resources \(\d+ custom, \d+ components\), \d+ to import, \d+ to create/g;
  return pages.flatMap((page) =>
    readFileSync(join(root, page), "utf8")
      .split("\n")
      .flatMap((text, i) =>
        [...text.matchAll(pattern)].map((m) => ({ page, line: i + 1, stack: m[1], text: m[0] })),
      ),
  );
}
