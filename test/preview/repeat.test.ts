// Several offline previews in one process (the docs, examples and twin tests plan many stacks in
// one jest process; the bench plans the same stack again and again): each run gives exactly what
// a fresh process gives. The first preview of a stack in this file is the fresh process's (jest
// loads the modules anew for each test file), and every later one must equal it byte for byte.
// Before the fix, a second homelab preview registered 22 resources instead of 62: SdnApply
// remembered the stack of a previous run in a module variable and refused the second apply.
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "fs";
import { formatProblem } from "../../addressing/problems";
import { join } from "path";
import { SdnApply } from "../../components/sdn-apply";
import {
  PreviewResult,
  previewConfig,
  previewFiles,
  previewStack,
  problemLines,
  warningLines,
} from "../../preview/offline";
import { runUnderMocks } from "../../preview/run";
import { parseStackFile } from "../../preview/stack-file";
import { ROOT } from "../fixtures/base";

/** Everything a preview gives, as text: resources, problems, warnings, every file it writes. */
function everything(result: PreviewResult): Record<string, string> {
  return {
    ok: String(result.ok),
    error: String(result.error),
    problems: result.problems.map(formatProblem).join("\n"),
    warnings: warningLines(result).join("\n"),
    ...Object.fromEntries(previewFiles(result)),
  };
}

const fixture = (path: string, stack: string) =>
  previewConfig(
    stack,
    parseStackFile(readFileSync(join(ROOT, "test", "fixtures", path), "utf8"), "homelab", path),
  );

/** `later` equals `fresh` file by file (the path is in each value, so a failure names it). */
function expectSame(stack: string, later: Record<string, string>, fresh: Record<string, string>) {
  expect(Object.keys(later)).toEqual(Object.keys(fresh));
  for (const path of Object.keys(fresh))
    expect([stack, path, later[path]]).toEqual([stack, path, fresh[path]]);
}

// The first preview of this process: what a fresh process gives.
let homelab: Record<string, string>;
beforeAll(async () => {
  homelab = everything(await previewStack("homelab"));
});

test("the first homelab preview: 62 resources, clean", () => {
  expect([homelab.ok, homelab.error, homelab.problems]).toEqual(["true", "undefined", ""]);
  expect(JSON.parse(homelab["resources.json"])).toHaveLength(62);
  expect(Object.keys(homelab)).toHaveLength(18);
});

test("homelab, then sol, then homelab again: the same resources and the same bytes in every file", async () => {
  const sol = everything(await previewStack("sol"));
  expect([sol.ok, sol.error, sol.problems]).toEqual(["true", "undefined", ""]);
  expect(JSON.parse(sol["resources.json"])).toHaveLength(64);
  expect(Object.keys(sol)).toHaveLength(29);
  expectSame("homelab", everything(await previewStack("homelab")), homelab);
  expectSame("sol", everything(await previewStack("sol")), sol);
  expectSame("homelab", everything(await previewStack("homelab")), homelab);
});

test("a stack with problems, then a clean one: the clean one is as if planned first", async () => {
  const refused = await fixture("invalid/device-duplicate.yaml", "homelab");
  expect(refused.ok).toBe(false);
  expect(refused.resources).toEqual([]);
  expect(problemLines(refused).length).toBeGreaterThan(0);
  expectSame("homelab", everything(await previewStack("homelab")), homelab);
});

/** One run under mocks that creates an SdnApply per name in `names`. */
const applyRun = (stack: string, names: string[]) =>
  runUnderMocks({
    project: "homelab",
    stack,
    config: {},
    secretKeys: [],
    program: () => {
      const objects = [new pulumi.ComponentResource("test:sdn:Object", "vnet")];
      for (const name of names) new SdnApply(name, { objects, digest: "d" });
      return {};
    },
  });

test("a second SdnApply in one run is refused; the next run of the same stack applies once", async () => {
  const twice = await applyRun("homelab", ["sdn", "sdn2"]);
  expect(String(twice.error)).toBe(
    "Error: SdnApply sdn2: a stack applies SDN exactly once, and SdnApply sdn already does in stack homelab",
  );
  const once = await applyRun("homelab", ["sdn"]);
  expect(once.error).toBeUndefined();
  expect(once.resources.map((r) => `${r.type} ${r.name}`)).toEqual([
    "pulumi:pulumi:Stack homelab-homelab",
    "test:sdn:Object vnet",
    "homelab:proxmox:SdnApply sdn",
    "proxmoxve:sdn/applier:Applier sdn-applier",
  ]);
});

test("two previews started together: each is what it is alone", async () => {
  const [a, b] = await Promise.all([previewStack("homelab"), previewStack("sol")]);
  expectSame("homelab", everything(a), homelab);
  expectSame("sol", everything(b), everything(await previewStack("sol")));
});
