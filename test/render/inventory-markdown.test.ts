// Free text in the inventory (issue 21, finding 10): a description with raw HTML, a heading and a
// lone carriage return, purposes and owners that would end a table row, notes that would start
// lists and headings (test/fixtures/valid/markdown-injection.yaml). Every one is escaped by
// markdownText, checked line by line and by GitHub's own parser (cmark-gfm): the tables keep their
// rows and no HTML element comes from the config. The pull-request comment keeps the inventory's
// diff in one code block.
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CMARK_GFM_MISSING, elementCounts, gfmHtml } from "../../lab/markdown-check";
import { renderInventory } from "../../render/inventory";
import { markdownText, ownerText, table, text } from "../../render/inventory/table";
import { requireSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

const raw: Raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));

/** The same site with every free text as plain words: the shape the fixture's must keep. */
function plainWords(r: Raw): Raw {
  const c = JSON.parse(JSON.stringify(r));
  c.site.description = "plain words";
  const g = c.segments[0];
  Object.assign(g, { purpose: "plain", managedBy: "plain" });
  g.gateway.owner = "plain";
  g.ranges[0].purpose = "plain";
  Object.assign(c.devices[0], { purpose: "plain", inRange: "plain" });
  c.notes = ["plain\nwords", "plain\nwords"];
  return c;
}

const inventory = (r: Raw): string => {
  const { plan, topology } = requireSite(r);
  return renderInventory(plan, topology);
};

const doc = inventory(raw);
const lines = doc.split("\n");
const from = (first: string, count: number): string[] =>
  lines.slice(lines.indexOf(first), lines.indexOf(first) + count);

test("markdownText: every character that opens Markdown or HTML gets a backslash", () => {
  expect(markdownText("<script>alert(1)</script> & *a* _b_ `c` [d](e) ![f] # g | h ~i~ $j$")).toBe(
    "\\<script>alert(1)\\</script> \\& \\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) !\\[f\\] \\# g \\| h \\~i\\~ \\$j\\$",
  );
});

test.each([
  ["a lone CR", "Switches\r# Owned", "Switches \\# Owned"],
  ["CRLF, LF, VT, FF, NEL, LS and PS", "a\r\nb\nc\vd\fe\u0085f\u2028g\u2029h", "a b c d e f g h"],
  ["control characters", "a\u0000b\u001bc\u007f", "abc"],
  [
    "bidi overrides, embeddings, isolates and marks (Trojan Source)",
    "pve1\u202e1evp\u202c \u2066x\u2069\u061c\u200e\u200f",
    "pve11evp x",
  ],
  ["a list item", "- item", "\\- item"],
  ["a numbered item", "1. first", "1\\. first"],
  ["a numbered item with )", "12) twelfth", "12\\) twelfth"],
  ["a quote", "> quote", "\\> quote"],
  ["a setext underline", "===", "\\==="],
  ["an indented code block", "    code", "code"],
  ["a bare URL and www", "https://x.example www.x.example", "https\\://x.example www\\.x.example"],
  ["a backslash", "C:\\path\\", "C:\\\\path\\\\"],
  ["an address, which starts no list", "10.0.0.1", "10.0.0.1"],
])("markdownText of %s", (_what, input, escaped) => {
  expect(markdownText(input)).toBe(escaped);
  // The owner's text is escaped the same way.
  expect(ownerText(input)).toBe(escaped);
});

test.each([
  // Found by a new-user trial: a credential pasted into a note reached inventory.md and outputs.json.
  ["a password in a note", "NAS login password=hunter2", "NAS login password=\\[redacted\\]"],
  [
    "a Proxmox API token",
    "ci token root@pam!ci=0d8f7a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
    "ci token \\[redacted\\]",
  ],
])("ownerText of %s: the credential is redacted, then escaped", (_what, input, escaped) => {
  expect(ownerText(input)).toBe(escaped);
});

test.each([
  // Found while merging stop 24: a host named `secret` made the SSH cell `admin@secret:[redacted]`.
  ["an SSH cell whose host is named secret", "admin@secret:22", "admin@secret:22"],
  ["a host name holding token=", "edge token=1", "edge token=1"],
  ["a rule's sets with secret: in them", "vault-secret: 8200", "vault-secret: 8200"],
])("markdownText of %s: program text is escaped only, never redacted", (_what, input, shown) => {
  expect(markdownText(input)).toBe(shown);
  // What ownerText would have made of it: the redaction the program's own text must not get.
  expect(ownerText(input)).not.toBe(shown);
});

test("the description is one paragraph of text", () => {
  expect(lines.slice(0, 5)).toEqual([
    "# Address plan: homelab",
    "",
    "\\<script>alert(1)\\</script> \\# heading \\| pipe \\# Owned \\*bold\\* \\[link\\](https\\://x.example) \\`code\\` \\&amp; \\<b>b\\</b>",
    "",
    "_Generated from the stack config by the offline preview; do not edit._",
  ]);
});

test("the segment's purpose, owner and manager stay in their cells", () => {
  expect(from("## VLANs", 5)).toEqual([
    "## VLANs",
    "",
    "| VLAN | Name    | IPv4        | IPv6 | Gateway  | Gateway owner    | MTU | Purpose                                            | Managed by            |",
    "| ---- | ------- | ----------- | ---- | -------- | ---------------- | --- | -------------------------------------------------- | --------------------- |",
    "| 1    | default | 10.0.1.0/24 | -    | 10.0.1.1 | UDM\\|Pro > quote | -   | Switches \\# Owned \\| \\<img src=x onerror=alert(1)> | \\<i>UniFi\\</i> - item |",
  ]);
});

test("a range purpose and a device purpose with `\\r# Owned` stay in their rows", () => {
  expect(from("### Segment default (VLAN 1, 10.0.1.0/24)", 6)).toEqual([
    "### Segment default (VLAN 1, 10.0.1.0/24)",
    "",
    "| Addresses          | Kind    | Count | Purpose             |",
    "| ------------------ | ------- | ----- | ------------------- |",
    "| 10.0.1.1           | gateway | 1     | UDM\\|Pro > quote    |",
    "| 10.0.1.2-10.0.1.50 | static  | 49    | 1\\. first 2. second |",
  ]);
  expect(from("### Static devices", 5)).toEqual([
    "### Static devices",
    "",
    "| Device   | Network | IPv4      | IPv6 | Purpose  | Range               |",
    "| -------- | ------- | --------- | ---- | -------- | ------------------- |",
    "| usw-flex | default | 10.0.1.10 | -    | \\# Owned | 1\\. first 2. second |",
  ]);
});

test("notes keep their lines, each escaped, inside their list item", () => {
  expect(from("## Site notes", 7)).toEqual([
    "## Site notes",
    "",
    "- \\- \\[ \\] task \\<details>",
    "  \\# Owned",
    "- Two lines:",
    "  the second \\| one",
    "- Provisioned by \\<i>UniFi\\</i> - item, not by this program: segment default (VLAN 1).",
  ]);
});

test("the gateway owner in the Mermaid diagram is one label of entity codes", () => {
  expect(lines.filter((l) => l.startsWith("  gw_"))).toEqual([
    '  gw_UDM_Pro___quote{{"UDM#124;Pro #62; quote"}}',
    '  gw_UDM_Pro___quote ---|"gateway 10.0.1.1"| seg_default',
  ]);
});

describe("GitHub's parser (cmark-gfm)", () => {
  beforeAll(() => {
    if (spawnSync("cmark-gfm", ["--version"]).error) throw new Error(CMARK_GFM_MISSING);
  });

  test("the inventory has the same elements, rows and headings as with plain words", () => {
    const injected = elementCounts(gfmHtml(doc));
    expect(injected).toEqual(elementCounts(gfmHtml(inventory(plainWords(raw)))));
    expect([injected.h1, injected.script, injected.img, injected.details]).toEqual([
      1,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("the description renders as the text it is", () => {
    expect(gfmHtml(lines[2])).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; # heading | pipe # Owned *bold* [link](https://x.example) `code` &amp;amp; &lt;b&gt;b&lt;/b&gt;</p>\n",
    );
  });

  test("the check is not vacuous: raw, the purpose ends its row and the description runs a script", () => {
    const raw1 = table(["Purpose"], [["Switches\r# Owned <img src=x>"]]);
    expect(gfmHtml(raw1)).toBe(
      "<table>\n<thead>\n<tr>\n<th>Purpose</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Switches</td>\n</tr>\n</tbody>\n</table>\n<h1>Owned <img src=x> |</h1>\n",
    );
    expect(elementCounts(gfmHtml("<script>alert(1)</script> # heading\r# Owned"))).toEqual({
      h1: 1,
      script: 1,
    });
    const escaped = table(["Purpose"], [[text("Switches\r# Owned <img src=x>")]]);
    expect(gfmHtml(escaped)).toBe(
      "<table>\n<thead>\n<tr>\n<th>Purpose</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Switches # Owned &lt;img src=x&gt;</td>\n</tr>\n</tbody>\n</table>\n",
    );
  });

  test("fails with the install hint, never skips", () => {
    expect(() => gfmHtml("x", "/nonexistent/cmark-gfm")).toThrow(CMARK_GFM_MISSING);
  });
});

describe("the pull-request comment (scripts/inventory-diff.sh)", () => {
  function comment(base: string, change: string): string {
    const dir = mkdtempSync(join(tmpdir(), "inventory-diff-"));
    try {
      writeFileSync(join(dir, "base.md"), base);
      writeFileSync(join(dir, "change.md"), change);
      const r = spawnSync(
        "bash",
        [
          join(ROOT, "scripts/inventory-diff.sh"),
          "homelab",
          join(dir, "base.md"),
          join(dir, "change.md"),
        ],
        { encoding: "utf8" },
      );
      expect(r.stderr).toBe("");
      return r.stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // The inventory's own Mermaid fence as a context line, " ```", closed the old ``` fence.
  const base = "a\n```mermaid\nx\n```\nb\n";
  const change = "a\n```mermaid\nx\n```\n<script>alert(1)</script>\n";

  test("the diff stays in one code block, its fence longer than the inventory's", () => {
    const text = comment(base, change);
    expect(text).toBe(
      [
        "### Offline preview: `homelab`",
        "",
        "````diff",
        "--- base",
        "+++ change",
        "@@ -2,4 +2,4 @@",
        " ```mermaid",
        " x",
        " ```",
        "-b",
        "+<script>alert(1)</script>",
        "````",
        "",
      ].join("\n"),
    );
    expect(elementCounts(gfmHtml(text))).toEqual({ code: 2, h3: 1, pre: 1 });
  });

  test("the check is not vacuous: with a ``` fence the diff leaks out as HTML", () => {
    const old = [
      "### Offline preview: `homelab`",
      "",
      "```diff",
      ...comment(base, change).split("\n").slice(3, -2),
      "```",
      "",
    ].join("\n");
    expect(elementCounts(gfmHtml(old))).toEqual({ code: 3, h3: 1, p: 1, pre: 2, script: 1 });
  });
});
