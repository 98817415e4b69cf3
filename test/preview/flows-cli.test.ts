// `npm run flows` parses its options as check/plan/twin do (msgs item 5: `--help` ran every
// bundled stack instead of printing the usage).
import { join } from "path";
import { FLOWS_USAGE, flowsCli } from "../../preview/flows-cli";
import { ROOT } from "../../preview/root";

let out: string[] = [];
let err: string[] = [];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
beforeEach(() => {
  out = [];
  err = [];
});

test.each([["--help"], ["-h"]])("%s prints the usage and exits 0, counting nothing", (flag) => {
  expect(flowsCli([flag], io, ROOT)).toBe(0);
  expect(out).toEqual([FLOWS_USAGE]);
  expect(err).toEqual([]);
  expect(FLOWS_USAGE.split("\n")[0]).toBe(
    "Usage: npm run -s flows -- [--stack <name> | --file <stack file>]... [--list] [--problems]",
  );
});

test("an unknown option is a usage error: one line, the usage, exit 2", () => {
  expect(flowsCli(["--lsit"], io, ROOT)).toBe(2);
  expect(err).toEqual(["flows: unknown option --lsit", "", FLOWS_USAGE]);
  expect(out).toEqual([]);
});

test("a stack that has no file is a usage error, not a stack trace", () => {
  expect(flowsCli(["--stack", "nope"], io, ROOT)).toBe(2);
  expect(err).toEqual([`flows: no stack file ${join(ROOT, "Pulumi.nope.yaml")}`]);
});

test("--file counts one stack file's flows", () => {
  const file = join(ROOT, "test", "fixtures", "routeros", "adopt-vlans.yaml");
  expect(flowsCli(["--file", file], io, ROOT)).toBe(0);
  expect(out).toEqual(["adopt-vlans: 8 flows, 6 pass, 2 unverified, 0 blocked"]);
});

test("a stack with a blocked flow is counted and exits 1 (new-user trial 3, finding 13)", () => {
  const file = join(ROOT, "test", "fixtures", "invalid", "flows-talos-egress-default-deny.yaml");
  expect(flowsCli(["--file", file], io, ROOT)).toBe(1);
  expect(out).toEqual([
    "flows-talos-egress-default-deny: 8 flows, 3 pass, 0 unverified, 5 blocked",
  ]);
  expect(err).toEqual([]);
});
