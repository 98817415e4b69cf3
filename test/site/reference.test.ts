import { readFileSync } from "fs";
import { join } from "path";
import { configReference } from "../../site/reference";

test("the README's config reference matches the schema (run `npm run docs` to update)", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  expect(readme).toContain(configReference());
});

test("every config key is documented with a description", () => {
  const rows = configReference()
    .split("\n")
    .filter((l) => l.startsWith("| `homelab:"));
  expect(rows.length).toBeGreaterThan(80);
  for (const row of rows) expect(row.split(" | ")[3].trim().length).toBeGreaterThan(3);
});
