// npm run bench:topology -- [--runs 5] [--scales 1,4,16]
// What the topology layer costs inside the offline preview: for the benchmark's synthetic site
// (preview/synthetic.ts) at each scale, the median time of loading and planning the site (load,
// plan, validate), of building the topology with its cross-layer checks, and of the whole
// preview (the same site run through index.ts under Pulumi's mocks), each in a fresh process of
// compiled code. Target (issue 9): the topology costs at most 10% of the preview.
import { execFileSync } from "child_process";
import { join } from "path";
import { parseArgs } from "util";

const root = join(__dirname, "..");

function worker(scale: number): { plan: number; topology: number; preview: number } {
  const out = execFileSync(
    process.execPath,
    ["--max-old-space-size=16384", join(__dirname, "bench-topology-worker.js"), String(scale)],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "{}");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "5" },
      scales: { type: "string", default: "1,4" },
    },
  });
  const runs = Number(values.runs);
  const scales = String(values.scales).split(",").map(Number);
  console.log("| scale | plan ms | topology ms | preview ms | topology / preview |");
  console.log("| ----- | ------- | ----------- | ---------- | ------------------ |");
  for (const scale of scales) {
    const samples = Array.from({ length: runs }, () => worker(scale));
    const plan = median(samples.map((s) => s.plan));
    const topology = median(samples.map((s) => s.topology));
    const preview = median(samples.map((s) => s.preview));
    const ratio = ((100 * topology) / preview).toFixed(1);
    console.log(`| ${scale}x | ${plan} | ${topology} | ${preview} | ${ratio}% |`);
  }
}

main();
