// Every @pulumi/command resource the bundled stacks register, checked against the installed
// package's own typings (node_modules/@pulumi/command/{local,remote}/command.d.ts): each input we
// send is a declared `CommandArgs` property, and each `additionalSecretOutputs` name is a declared
// output of the resource. A renamed or dropped property in a new release of the package fails
// here, not on a user's `pulumi up`.
import { readFileSync } from "fs";
import { join } from "path";
import { previewStack } from "../../preview/offline";
import { RecordedResource } from "../../preview/run";
import { BUNDLED_STACKS, ROOT } from "../fixtures/base";

const PACKAGE = join(ROOT, "node_modules", "@pulumi", "command");

/** The declared outputs (`readonly x: pulumi.Output<...>`) and args (`x?: pulumi.Input<...>`). */
function declared(kind: "local" | "remote"): { outputs: Set<string>; args: Set<string> } {
  const text = readFileSync(join(PACKAGE, kind, "command.d.ts"), "utf8");
  const argsStart = text.indexOf("export interface CommandArgs");
  const classPart = text.slice(0, argsStart);
  const argsPart = text.slice(argsStart);
  const names = (part: string, re: RegExp) => new Set([...part.matchAll(re)].map((m) => m[1]));
  return {
    outputs: names(classPart, /^\s+readonly (\w+): pulumi\.Output</gm),
    args: names(argsPart, /^\s+(\w+)\??: pulumi\.Input</gm),
  };
}

const API = { local: declared("local"), remote: declared("remote") };

test("the installed package is the current release line, 1.x (npm marks 4.5.0 deprecated)", () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
    version: string;
  };
  expect(pkg.version).toBe("1.2.1");
  // The typings are read as intended: the properties the program relies on are found.
  for (const kind of ["local", "remote"] as const) {
    for (const arg of ["create", "delete", "triggers", "environment", "stdin"])
      expect([kind, arg, API[kind].args.has(arg)]).toEqual([kind, arg, true]);
    expect([kind, API[kind].outputs.has("stdout")]).toEqual([kind, true]);
  }
  // and a name the package does not declare is not found (the check can fail).
  expect(API.local.args.has("stdinFile")).toBe(false);
});

describe.each(BUNDLED_STACKS)("stack %s", (stack) => {
  let commands: RecordedResource[];
  beforeAll(async () => {
    const result = await previewStack(stack);
    expect(result.ok).toBe(true);
    commands = result.resources.filter((r) => r.type.startsWith("command:"));
  });

  test("every Command input and secret output name is declared by @pulumi/command", () => {
    const unknown: string[] = [];
    // Every bundled stack runs at least one command (RouterOS, FRR, nftables or talosctl).
    expect(commands.length).toBeGreaterThan(0);
    for (const r of commands) {
      const kind = r.type === "command:local:Command" ? "local" : "remote";
      expect(["command:local:Command", "command:remote:Command"]).toContain(r.type);
      for (const key of Object.keys(r.inputs))
        if (!API[kind].args.has(key)) unknown.push(`${r.name}: input ${key}`);
      for (const name of r.options.additionalSecretOutputs ?? [])
        if (!API[kind].outputs.has(name)) unknown.push(`${r.name}: secret output ${name}`);
    }
    expect(unknown).toEqual([]);
  });
});
