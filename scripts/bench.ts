// npm run bench: the offline preview of a synthetic site at 1x, 4x and 16x, each against the Pulumi
// SDK's own floor (the same number of bare resources under the same mocks). Every measurement runs
// in a fresh process and is the median of several runs. Target: ratio <= 1.25, linear growth.
import { execFileSync } from "child_process";
import { join } from "path";
import { parseArgs } from "util";

interface Sample {
  ms: number;
  resources: number;
}

const worker = join(__dirname, "bench-worker.ts");

function measure(mode: "program" | "floor", arg: number): Sample {
  const out = execFileSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", worker, mode, String(arg)],
    {
      cwd: join(__dirname, ".."),
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
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
    },
  });
  const runs = Number(values.runs);
  const scales = String(values.scales).split(",").map(Number);
  const rows: string[] = [];
  let base: { resources: number; ms: number } | undefined;
  for (const scale of scales) {
    const program: Sample[] = [];
    const floor: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      program.push(measure("program", scale));
      floor.push(measure("floor", program[0].resources));
    }
    const p = median(program.map((s) => s.ms));
    const f = median(floor.map((s) => s.ms));
    const resources = program[0].resources;
    base ??= { resources, ms: p };
    const growth = p / base.ms / (resources / base.resources);
    rows.push(
      `| ${scale}x | ${resources} | ${p.toFixed(0)} | ${f.toFixed(0)} | ${(p / f).toFixed(2)} | ${(p / resources).toFixed(3)} | ${growth.toFixed(2)} |`,
    );
  }
  console.log(
    `offline preview vs SDK floor (median of ${runs} runs, ms, each in a fresh process)\n`,
  );
  console.log(
    "| scale | resources | preview ms | floor ms | ratio | ms/resource | growth vs linear |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) console.log(r);
}

main();
