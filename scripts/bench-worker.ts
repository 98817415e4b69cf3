// One measurement in a fresh process (the Pulumi SDK keeps global state):
//   program <scale> [<record.json>]  offline preview of the synthetic site; prints {ms, resources}
//                                    and, with a path, writes the recorded resources there
//   stack <name> [<record.json>]     the same for a stack file (Pulumi.<name>.yaml)
//   floor <count>                    the SDK's floor: <count> bare resources, one input each
//   shaped <record.json>             the SDK's floor for the same resources: each recorded resource
//                                    built flat from its provider class with the recorded inputs
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { readFileSync, writeFileSync } from "fs";
import { previewConfig, previewStack } from "../preview/offline";
import { RecordedResource, runUnderMocks } from "../preview/run";
import { syntheticStackConfig } from "../preview/synthetic";

class Bare extends pulumi.CustomResource {
  constructor(name: string, inputs: Record<string, unknown>) {
    super("bench:index:Bare", name, inputs);
  }
}

class Component extends pulumi.ComponentResource {
  constructor(type: string, name: string) {
    super(type, name, {});
    this.registerOutputs({});
  }
}

/**
 * The same resource as recorded, built directly: the provider's own class with the recorded
 * inputs, flat (no parent, no outputs wired between resources), or an empty component.
 */
function construct(r: RecordedResource): void {
  // Replayed as recorded; the shapes are the providers' own, checked when they were recorded.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const inputs = r.inputs as any;
  switch (r.type) {
    case "pulumi:providers:proxmoxve":
      new proxmoxve.Provider(r.name, inputs);
      return;
    case "pulumi:providers:kubernetes":
      new k8s.Provider(r.name, inputs);
      return;
    case "kubernetes:helm.sh/v4:Chart":
      new k8s.helm.v4.Chart(r.name, inputs);
      return;
    case "command:local:Command":
      new command.local.Command(r.name, inputs);
      return;
    case "command:remote:Command":
      new command.remote.Command(r.name, inputs);
      return;
    case "pulumi:pulumi:StackReference":
      new pulumi.StackReference(r.name, { name: String(inputs.name) });
      return;
  }
  if (!r.custom) {
    new Component(r.type, r.name);
    return;
  }
  if (r.type.startsWith("kubernetes:")) {
    new k8s.apiextensions.CustomResource(r.name, inputs);
    return;
  }
  // "proxmoxve:sdn/fabric/node/openfabric:Openfabric" -> proxmoxve.sdn.fabric.node.Openfabric
  const [pkg, mod, cls] = r.type.split(":");
  if (pkg !== "proxmoxve") throw new Error(`no class for ${r.type}`);
  let ns: Record<string, unknown> | undefined = proxmoxve as unknown as Record<string, unknown>;
  // "index" is the package root ("proxmoxve:index/vmLegacy:VmLegacy" -> proxmoxve.VmLegacy).
  for (const p of mod
    .split("/")
    .slice(0, -1)
    .filter((x) => x !== "index")) {
    ns = ns?.[p] as Record<string, unknown> | undefined;
  }
  const Ctor = ns?.[cls] as (new (n: string, a: unknown) => pulumi.CustomResource) | undefined;
  if (!Ctor) throw new Error(`no class for ${r.type}`);
  new Ctor(r.name, inputs);
}

async function bare(programOf: () => void): Promise<number> {
  const result = await runUnderMocks({
    project: "homelab",
    stack: "floor",
    config: {},
    secretKeys: [],
    program: () => {
      programOf();
      return {};
    },
  });
  // A floor that stopped half way would flatter nothing but the ratio: fail instead.
  if (result.error !== undefined) throw result.error;
  return result.resources.length;
}

async function main(): Promise<void> {
  const [mode, arg, out] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  let resources: number;
  if (mode === "program" || mode === "stack") {
    const scale = Number(arg);
    const result =
      mode === "stack"
        ? await previewStack(arg)
        : await previewConfig(`synthetic-${scale}x`, syntheticStackConfig(scale), "homelab");
    if (!result.ok) {
      throw new Error(`synthetic site invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
    }
    resources = result.resources.length;
    if (out) writeFileSync(out, JSON.stringify(result.resources));
  } else if (mode === "floor") {
    // n - 1: the stack resource itself is part of both counts.
    const n = Number(arg);
    resources = await bare(() => {
      for (let i = 0; i < n - 1; i++) new Bare(`bare-${i}`, { index: i });
    });
  } else if (mode === "shaped") {
    const recorded = JSON.parse(readFileSync(arg, "utf8")) as RecordedResource[];
    const replay = recorded.filter((r) => r.type !== "pulumi:pulumi:Stack");
    resources = await bare(() => {
      for (const r of replay) construct(r);
    });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ mode, arg, ms, resources })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
