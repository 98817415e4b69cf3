// The documentation: every relative link of README.md and docs/*.md resolves (file, folder and
// #anchor by GitHub's rules), and every block fenced as ```yaml stack plans clean offline. Each
// check is shown failing on test/fixtures/docs/broken and passing on test/fixtures/docs/good.
import { join } from "path";
import { previewConfig, problemLines } from "../../preview/offline";

import { parseStackFile } from "../../preview/stack-file";
import { formatProblem, SiteError } from "../../addressing/problems";
import { ROOT } from "../fixtures/base";
import { readFileSync } from "fs";
import { previewStack, summarize } from "../../preview/offline";
import { BUNDLED_STACKS } from "../fixtures/base";
import {
  anchorsOf,
  brokenLinks,
  docPages,
  githubSlug,
  stackBlocks,
  summaryQuotes,
} from "./docs-check";

const FIXTURES = join(ROOT, "test", "fixtures", "docs");

/** The problems of planning each ```yaml stack block of root's pages, as `<page>:<line>: ...`. */
async function stackBlockProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const block of stackBlocks(root, docPages(root))) {
    const where = `${block.page}:${block.line}`;
    try {
      const config = parseStackFile(block.text, "homelab", where);
      const result = await previewConfig("docs-block", config);
      if (result.problems.length > 0 || !result.ok)
        problems.push(...problemLines(result).map((p) => `${where}: ${p}`));
    } catch (e) {
      if (!(e instanceof SiteError)) throw e;
      // A YAML error names its place as `<page>:<fence line>:<line>:<column>` of the block.
      problems.push(...e.problems.map(formatProblem));
    }
  }
  return problems;
}

test("GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered", () => {
  expect(githubSlug("The plan: `npm run plan` (IPv4 & IPv6)")).toBe(
    "the-plan-npm-run-plan-ipv4--ipv6",
  );
  expect(githubSlug("sol (seed 001: fc00::/8 internal, fd00::/8 external)")).toBe(
    "sol-seed-001-fc008-internal-fd008-external",
  );
  expect(githubSlug("Step 1: `npm run import`")).toBe("step-1-npm-run-import");
  expect(anchorsOf(["Dup", "Other", "Dup", "Dup"])).toEqual(["dup", "other", "dup-1", "dup-2"]);
});

test("the pages checked are README.md and every docs/*.md", () => {
  const pages = docPages(ROOT);
  expect(pages[0]).toBe("README.md");
  for (const page of [
    "docs/adopting.md",
    "docs/recipes.md",
    "docs/reference.md",
    "docs/routing.md",
    "docs/loadbalancers.md",
  ])
    expect(pages).toContain(page);
});

test("every relative link of README.md and docs/*.md resolves, #anchors included", () => {
  expect(brokenLinks(ROOT, docPages(ROOT))).toEqual([]);
});

test("a link to a missing file, heading, or outside the project is reported with its place", () => {
  const root = join(FIXTURES, "broken");
  expect(brokenLinks(root, docPages(root))).toEqual([
    'README.md:3:1: "docs/missing.md": docs/missing.md does not exist',
    'README.md:3:34: "docs/page.md#nowhere": docs/page.md has no heading with the anchor #nowhere',
    'README.md:3:75: "docs/#x": docs is not a Markdown page, so it has no #x',
    'README.md:4:1: "/etc/passwd": is an absolute path; link relative to the page',
    'README.md:4:34: "../../../../../outside.md": leads outside the project',
    'README.md:4:72: "#A-front-page": README.md has no heading with the anchor #A-front-page',
    'docs/page.md:5:22: "#dup-1": docs/page.md has no heading with the anchor #dup-1',
  ]);
});

test("links to files, folders, repeated and punctuated headings resolve on the good fixture", () => {
  const root = join(FIXTURES, "good");
  expect(brokenLinks(root, docPages(root))).toEqual([]);
});

test("the README's quick start is a stack block, and every stack block of the docs plans clean", async () => {
  const blocks = stackBlocks(ROOT, docPages(ROOT));
  expect(blocks.map((b) => b.page)).toContain("README.md");
  expect(await stackBlockProblems(ROOT)).toEqual([]);
});

test("a stack block with a mistake is reported with its page and line; other YAML is not planned", async () => {
  expect(stackBlocks(join(FIXTURES, "good"), ["README.md"]).map((b) => b.line)).toEqual([7]);
  expect(await stackBlockProblems(join(FIXTURES, "good"))).toEqual([]);
  expect(await stackBlockProblems(join(FIXTURES, "broken"))).toEqual([
    'README.md:6: global.management.ipv4: "192.168.88.1/24": has host bits set; did you mean 192.168.88.0/24?',
    'README.md:18:3:1: "": Flow map in block collection must be sufficiently indented and end with a }; correct the YAML at this line (`key: value` pairs, list items after `- `, indent by spaces); Pulumi.example.yaml shows the form',
  ]);
});

/**
 * Each quoted summary line of root's pages that is not how its stack's summary line starts today:
 * a bundled stack (Pulumi.<stack>.yaml) or a recipe's (examples/<stack>.yaml), planned offline.
 */
async function staleSummaries(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const q of summaryQuotes(root, docPages(root))) {
    const file = join(ROOT, "examples", `${q.stack}.yaml`);
    const result = BUNDLED_STACKS.includes(q.stack)
      ? await previewStack(q.stack)
      : await previewConfig(
          q.stack,
          parseStackFile(readFileSync(file, "utf8"), "homelab", `${q.stack}.yaml`),
        );
    const summary = summarize(q.stack, result, `out/${q.stack}`);
    if (!summary.startsWith(q.text))
      problems.push(`${q.page}:${q.line}: quotes "${q.text}", the plan prints "${summary}"`);
  }
  return problems;
}

test("every summary line the docs quote is the one npm run plan prints", async () => {
  const quoted = summaryQuotes(ROOT, docPages(ROOT)).map((q) => `${q.page} ${q.stack}`);
  expect(quoted).toContain("README.md homelab");
  expect(quoted).toContain("docs/recipes.md mikrotik-bgp");
  expect(await staleSummaries(ROOT)).toEqual([]);
});

test("a stale summary line is reported with the line the plan prints", async () => {
  expect(await staleSummaries(join(FIXTURES, "broken"))).toEqual([
    'README.md:23: quotes "homelab: 61 resources (50 custom, 11 components), 3 to import, 47 to create", the plan prints "homelab: 62 resources (51 custom, 11 components), 3 to import, 48 to create, 1 warning, 8 manual steps (inventory.md), written to out/homelab"',
  ]);
});
