// Every file in test/fixtures/invalid/ is a stack config that breaks one rule. Its header names the
// rule and lists, after "# expect:", every problem the validator must report, exactly.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "invalid");
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function header(path: string): { rule: string; expected: string[] } {
  const lines = readFileSync(path, "utf8").split("\n");
  const rule =
    lines
      .find((l) => l.startsWith("# rule:"))
      ?.slice("# rule:".length)
      .trim() ?? "";
  const expected = lines
    .filter((l) => l.startsWith("# expect: "))
    .map((l) => l.slice("# expect: ".length));
  return { rule, expected };
}

test("the fixture folder covers the rules", () => {
  expect(files.length).toBeGreaterThanOrEqual(20);
});

describe.each(files)("%s", (file) => {
  const { rule, expected } = header(join(DIR, file));

  test("names its rule and expects at least one problem", () => {
    expect(rule).not.toBe("");
    expect(expected.length).toBeGreaterThan(0);
  });

  test("is rejected with exactly the expected problems", () => {
    const result = resolveSite(fileRaw(join(DIR, file)));
    expect(result.ok).toBe(false);
    const got = result.ok ? [] : result.problems.map(formatProblem);
    expect(got).toEqual(expected);
  });

  // Every refusal names its fix (docs/validation.md): the problem carries one, and its expected
  // line shows it after "; ". No fixture is exempt.
  test("names a fix for every problem", () => {
    const result = resolveSite(fileRaw(join(DIR, file)));
    const unfixed = result.ok ? [] : result.problems.filter((p) => !p.fix).map(formatProblem);
    expect(unfixed).toEqual([]);
    expect(expected.filter((line) => !line.includes("; "))).toEqual([]);
  });
});
