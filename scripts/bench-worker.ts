// One measurement in a fresh process (the Pulumi SDK keeps global state):
//   program <scale>        offline preview of the synthetic site; prints {ms, resources}
//   floor <count>          the SDK's floor: <count> bare resources under the same mocks
import * as pulumi from "@pulumi/pulumi";
import { previewConfig } from "../preview/offline";
import { runUnderMocks } from "../preview/run";
import { syntheticStackConfig } from "../preview/synthetic";

class Bare extends pulumi.CustomResource {
  constructor(name: string, index: number) {
    super("bench:index:Bare", name, { index });
  }
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  const n = Number(arg);
  const start = process.hrtime.bigint();
  let resources: number;
  if (mode === "program") {
    const result = await previewConfig(`synthetic-${n}x`, syntheticStackConfig(n), "homelab");
    if (!result.ok)
      throw new Error(`synthetic site invalid: ${JSON.stringify(result.problems.slice(0, 3))}`);
    resources = result.resources.length;
  } else if (mode === "floor") {
    const result = await runUnderMocks({
      project: "homelab",
      stack: "floor",
      config: {},
      secretKeys: [],
      program: () => {
        // n - 1: the stack resource itself is part of both counts.
        for (let i = 0; i < n - 1; i++) new Bare(`bare-${i}`, i);
        return {};
      },
    });
    resources = result.resources.length;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ mode, arg: n, ms, resources })}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
