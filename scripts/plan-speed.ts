// npm run bench:plan -- [--stack homelab] [--runs 7]: the user's command against the compiled
// program, side by side. `npm run plan` (npm, then scripts/run.js, which transpiles only what
// changed) is timed against `node <tsc output>/scripts/plan.js`, the same code compiled ahead by
// tsc, alternating the two so that a busy machine slows both alike. Prints each median and the ratio.
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { join } from "path";
import { parseArgs } from "util";
import { ROOT } from "../preview/offline";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock milliseconds of one run; throws with the run's stderr if it fails. */
function time(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${run.stderr}`);
  return ms;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", default: "homelab" },
      runs: { type: "string", default: "7" },
    },
    strict: true,
  });
  const stack = String(values.stack);
  const runs = Number(values.runs);
  // Inside the project, so that the compiled program finds Pulumi.yaml and node_modules above it.
  const compiled = join(ROOT, "out", "plan-speed", "tsc");
  rmSync(compiled, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", compiled],
    { cwd: ROOT, stdio: "inherit" },
  );
  const scratch = mkdtempSync(join(ROOT, "out", "plan-speed", "run-"));
  const npm = ["run", "--silent", "plan", "--", "--stack", stack, "--out", join(scratch, "npm")];
  const node = [
    join(compiled, "scripts", "plan.js"),
    "--stack",
    stack,
    "--out",
    join(scratch, "c"),
  ];
  time("npm", npm); // warm the file cache and bring bin/ up to date: not measured
  const npmMs: number[] = [];
  const nodeMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    npmMs.push(time("npm", npm));
    nodeMs.push(time(process.execPath, node));
  }
  rmSync(scratch, { recursive: true, force: true });
  const a = median(npmMs);
  const b = median(nodeMs);
  console.log(`stack ${stack}, ${runs} runs each, medians:`);
  console.log(`  npm run plan:                       ${a.toFixed(0)} ms`);
  console.log(`  node <tsc output>/scripts/plan.js:  ${b.toFixed(0)} ms`);
  console.log(`  ratio ${(a / b).toFixed(2)} (target <= 1.2)`);
}

main();
