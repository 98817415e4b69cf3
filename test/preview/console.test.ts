// `npm run plan` prints what a stack file holds as text, never as terminal commands: a site name
// that erases the error line and prints a fake success line shows its escapes instead.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { planCli } from "../../preview/cli";
import { ROOT } from "../../preview/offline";

const NAME_RULE = "must be a DNS label: lowercase letters, digits and '-', starting with a letter";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "console-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Pulumi.example.yaml with its site name replaced by `yamlName` (YAML double-quoted text). */
function withName(yamlName: string): string {
  return readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8").replace(
    "    name: example\n",
    `    name: "${yamlName}"\n`,
  );
}

test.each([
  [
    "an ESC sequence faking a success line",
    "\\e[2K\\r\\e[32mexample: 39 resources, written to out/example\\e[0m",
    '"\\x1b[2K\\r\\x1b[32mexample: 39 resources, written to out/example\\x1b[0m"',
  ],
  ["a lone carriage return", "lab\\rok", '"lab\\rok"'],
  ["a bidi override", "lab\\u202Eelif.exe", '"lab\\u202eelif.exe"'],
  ["a C1 control", "lab\\x9B2K", '"lab\\x9b2K"'],
])("%s is printed escaped", async (_what, yamlName, shown) => {
  writeFileSync(join(root, "Pulumi.hostile.yaml"), withName(yamlName));
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  expect(await planCli(["--stack", "hostile"], io, root)).toBe(1);
  expect(err).toEqual([
    "hostile: 1 problem; nothing was registered",
    `  - site.name: ${shown}: ${NAME_RULE}`,
  ]);
  // eslint-disable-next-line no-control-regex
  expect([...out, ...err].join("\n")).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
});

test("a 512 KB value (the stack file stays under its 1 MiB cap) is one short line", async () => {
  writeFileSync(join(root, "Pulumi.hostile.yaml"), withName("x".repeat(512 * 1024)));
  const err: string[] = [];
  const io = { out: () => undefined, err: (l: string) => err.push(l) };
  expect(await planCli(["--stack", "hostile"], io, root)).toBe(1);
  expect(err).toEqual([
    "hostile: 1 problem; nothing was registered",
    `  - site.name: "${"x".repeat(80)}…" (524288 characters): is 524288 characters, more than the 63 a DNS label may have (RFC 1035 section 2.3.4); shorten it to 63 characters or fewer`,
  ]);
});
