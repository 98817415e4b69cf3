// A stack with a mistake: the offline preview registers nothing, and index.ts itself (as `pulumi up`
// would run it) fails with every problem before registering any resource of ours.
import { readFileSync } from "fs";
import { join } from "path";
import { loadProgram, previewConfig, ROOT } from "../../preview/offline";
import { runUnderMocks } from "../../preview/run";
import { parseStackFile } from "../../preview/stack-file";

const fixture = join(ROOT, "test", "fixtures", "invalid", "id-tenant-outside-space.yaml");
const config = parseStackFile(readFileSync(fixture, "utf8"), "homelab");
const expected = [
  `tenants[0].id: "104": gives the IPv4 tenant block 10.104.0.0/16, which is not inside global.tenantSpace.ipv4 10.100.0.0/14; use a tenant ID from 100 to 103, or a global.tenantSpace.ipv4 that contains 10.104.0.0/16`,
  `tenants[0].id: "104": gives the IPv6 tenant block fd00:104::/32, which is not inside global.tenantSpace.ipv6 fd00:100::/30; use a tenant ID from 100 to 103, or a global.tenantSpace.ipv6 that contains fd00:104::/32`,
];

test("the offline preview reports every problem and registers nothing", async () => {
  const result = await previewConfig("broken", config, "homelab");
  expect(result.ok).toBe(false);
  expect(result.resources).toEqual([]);
  expect(result.problems.map((p) => `${p.path}: "${p.input}": ${p.message}; ${p.fix}`)).toEqual(
    expected,
  );
});

test("index.ts throws one RunError listing every problem, with only the stack registered", async () => {
  const run = await runUnderMocks({
    project: "homelab",
    stack: "broken",
    config: config.config,
    secretKeys: config.secretKeys,
    program: loadProgram,
  });
  expect(run.resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
  expect(run.error).toBeInstanceOf(Error);
  expect((run.error as Error).message).toBe(
    `the site configuration has 2 problems; nothing was provisioned:\n${expected.map((e) => `  - ${e}`).join("\n")}`,
  );
});

test("an integer written with a leading zero is refused: the Pulumi CLI's go-yaml reads it as octal", async () => {
  const text = readFileSync(join(ROOT, "Pulumi.homelab.yaml"), "utf8")
    .replace("      id: 2\n", "      id: 010\n")
    .replace("      id: 3\n", "      id: 09\n");
  const result = await previewConfig("octal", parseStackFile(text, "homelab"), "homelab");
  expect(result.ok).toBe(false);
  expect(result.resources).toEqual([]);
  expect(result.problems.map((p) => `${p.path}: "${p.input}": ${p.message}; ${p.fix}`)).toEqual([
    `hosts[1].id: "010": has a leading zero: this preview reads 10, but the Pulumi CLI's YAML reader (go-yaml) reads a leading 0 as octal (8); write 10`,
    `hosts[2].id: "09": has a leading zero: this preview reads 9, but the Pulumi CLI's YAML reader (go-yaml) reads a leading 0 as octal; write 9`,
  ]);
  // Without the leading zeros the same stack is clean.
  const clean = text.replace("id: 010\n", "id: 10\n").replace("id: 09\n", "id: 9\n");
  expect((await previewConfig("octal", parseStackFile(clean, "homelab"), "homelab")).ok).toBe(true);
});
