// npm run bench: the offline preview of a synthetic site at 1x, 4x and 16x against two floors of
// the Pulumi SDK under the same mocks:
//   - bare floor: the same NUMBER of bare resources, one input each (the project's stated target);
//   - shaped floor: the same resources (provider classes, names, inputs) built flat, without our
//     components, parents, wiring or plan - what any program registering them must pay.
// The code is compiled first (tsc -> bin/) so that ts-node's stack-trace rewriting, which the SDK
// triggers for every promise, does not dominate. Each figure is the median of --runs fresh processes.
import { execFileSync } from "child_process";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseArgs } from "util";

interface Sample {
  ms: number;
  resources: number;
}

const root = join(__dirname, "..");
const worker = join(root, "bin", "scripts", "bench-worker.js");

function measure(...args: string[]): Sample {
  // A 16x site holds ~40,000 resources in one SDK process: more than Node's default 4 GB heap.
  const out = execFileSync(process.execPath, ["--max-old-space-size=16384", worker, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as Sample;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      scales: { type: "string", default: "1,4,16" },
      stacks: { type: "string", default: "" },
    },
  });
  const runs = Number(values.runs);
  const scales = String(values.scales).split(",").filter(Boolean).map(Number);
  const stacks = String(values.stacks).split(",").filter(Boolean);
  execFileSync(
    process.execPath,
    [
      join(root, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      join(root, "tsconfig.build.json"),
    ],
    {
      stdio: "inherit",
    },
  );
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const rows: string[] = [];
  let base: { resources: number; ms: number } | undefined;
  for (const scale of scales) {
    const record = join(dir, `record-${scale}.json`);
    const program: number[] = [];
    const bare: number[] = [];
    const shaped: number[] = [];
    let resources = 0;
    for (let i = 0; i < runs; i++) {
      const p = measure("program", String(scale), record);
      resources = p.resources;
      program.push(p.ms);
      bare.push(measure("floor", String(resources)).ms);
      shaped.push(measure("shaped", record).ms);
    }
    const p = median(program);
    const f = median(bare);
    const s = median(shaped);
    base ??= { resources, ms: p };
    const growth = p / base.ms / (resources / base.resources);
    rows.push(
      `| ${scale}x | ${resources} | ${p.toFixed(0)} | ${f.toFixed(0)} | ${(p / f).toFixed(2)} | ${s.toFixed(0)} | ${(p / s).toFixed(2)} | ${((p / resources) * 1000).toFixed(0)} | ${growth.toFixed(2)} |`,
    );
  }
  for (const stack of stacks) {
    const record = join(dir, `record-${stack}.json`);
    const program: number[] = [];
    const shaped: number[] = [];
    let resources = 0;
    for (let i = 0; i < runs; i++) {
      const p = measure("stack", stack, record);
      resources = p.resources;
      program.push(p.ms);
      shaped.push(measure("shaped", record).ms);
    }
    const p = median(program);
    const s = median(shaped);
    const perResource = ((p / resources) * 1000).toFixed(0);
    rows.push(
      `| ${stack} | ${resources} | ${p.toFixed(0)} | - | - | ${s.toFixed(0)} | ${(p / s).toFixed(2)} | ${perResource} | - |`,
    );
  }
  console.log(`\noffline preview vs SDK floors (median of ${runs} fresh processes each)\n`);
  console.log(
    "| scale | resources | preview ms | bare floor ms | ratio vs bare | shaped floor ms | ratio vs shaped | us/resource | time per resource vs 1x |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
}

main();
