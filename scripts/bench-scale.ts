// npm run bench:scale -- [--nodes 100,1000,2000] [--rules 100,500,1000] [--per-zone 50]
// How time and memory grow with the size of a site, stage by stage, each size in a fresh process
// of compiled code (scripts/bench-scale-worker.ts):
//   - nodes: the synthetic site of N Kubernetes nodes (preview/synthetic.ts syntheticNodesSite)
//     through load, plan, validate, topology and the whole offline preview under Pulumi's mocks;
//   - rules: the arc-hybrid stack with --per-zone devices in each of its 7 zones and a synthetic
//     policy of N rules: load to validate, the topology with the policy's checks, and the shadow
//     check alone.
// Each stage prints its wall-clock and CPU milliseconds (the machine may be busy) and the peak RSS
// of the process up to its end (MB). The worker
// gets a 16 GB heap so that a size the program cannot hold still measures instead of dying.
import { execFileSync } from "child_process";
import { join } from "path";
import { parseArgs } from "util";

const root = join(__dirname, "..");

function worker(
  ...args: string[]
): Record<string, { ms: number; cpuMs: number; peakRssMb: number } | number> {
  const out = execFileSync(
    process.execPath,
    ["--max-old-space-size=16384", join(__dirname, "bench-scale-worker.js"), ...args],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split("\n").pop() ?? "{}");
}

function table(title: string, sizes: number[], run: (n: number) => ReturnType<typeof worker>) {
  if (sizes.length === 0) return;
  console.log(`\n${title}\n`);
  let header = false;
  for (const n of sizes) {
    const r = run(n);
    const stages = Object.entries(r).filter(
      (e): e is [string, { ms: number; cpuMs: number; peakRssMb: number }] =>
        typeof e[1] === "object",
    );
    const counts = Object.entries(r).filter((e): e is [string, number] => typeof e[1] === "number");
    if (!header) {
      const cols = [
        ...stages.map(([s]) => `${s} ms / cpu ms / peak MB`),
        ...counts.map(([c]) => c),
      ];
      console.log(`| size | ${cols.join(" | ")} |`);
      console.log(`| ---- | ${cols.map(() => "---").join(" | ")} |`);
      header = true;
    }
    const cells = [
      ...stages.map(([, s]) => `${s.ms} / ${s.cpuMs} / ${s.peakRssMb}`),
      ...counts.map(([, c]) => String(c)),
    ];
    console.log(`| ${n} | ${cells.join(" | ")} |`);
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      nodes: { type: "string", default: "100,1000,2000" },
      rules: { type: "string", default: "100,500,1000" },
      "per-zone": { type: "string", default: "50" },
    },
    strict: true,
  });
  const list = (s: unknown) => String(s).split(",").filter(Boolean).map(Number);
  const perZone = String(values["per-zone"]);
  table("nodes: the synthetic site of N Kubernetes nodes", list(values.nodes), (n) =>
    worker("nodes", String(n)),
  );
  table(`rules: a policy of N rules, ${perZone} devices per zone`, list(values.rules), (n) =>
    worker("policy", String(n), perZone),
  );
}

main();
