// npm run bench:check -- [--stack <name>]... [--runs 9]: how long `npm run check` takes from command
// to answer, per bundled stack (or each --stack), three ways: `npm run -s check` (what the user
// types), `node scripts/run.js check` (the process itself, with run.js's up-to-date test of bin/)
// and `node bin/scripts/check.js` (the compiled script alone). Runs alternate, so that a busy
// machine slows all alike; prints each median wall time, the children's CPU time (user + system,
// from /usr/bin/time when present: what a busy machine does not inflate) and the 0.3 s target.
import { spawnSync } from "child_process";
import { existsSync, readFileSync, rmSync } from "fs";
import { cpus, loadavg, tmpdir } from "os";
import { join } from "path";
import { parseArgs } from "util";
import { stacksIn } from "../preview/command";
import { ROOT } from "../preview/root";

const TIME = "/usr/bin/time";

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall-clock and CPU milliseconds of one run; throws with its stderr if it fails. */
function time(command: string, args: string[]): { wall: number; cpu: number } {
  const cpuFile = join(tmpdir(), `bench-check-${process.pid}.time`);
  const timed = existsSync(TIME);
  const start = process.hrtime.bigint();
  const run = timed
    ? spawnSync(TIME, ["-f", "%U %S", "-o", cpuFile, command, ...args], {
        cwd: ROOT,
        encoding: "utf8",
      })
    : spawnSync(command, args, { cwd: ROOT, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${run.stderr}`);
  let cpu = NaN;
  if (timed) {
    const last = readFileSync(cpuFile, "utf8").trim().split("\n").pop() ?? "";
    const [user, sys] = last.split(" ");
    cpu = (Number(user) + Number(sys)) * 1000;
    rmSync(cpuFile, { force: true });
  }
  return { wall, cpu };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", multiple: true },
      runs: { type: "string", default: "9" },
    },
    strict: true,
  });
  const stacks = values.stack ?? stacksIn(ROOT);
  const runs = Number(values.runs);
  const ways: [string, string, string[]][] = [
    ["npm run -s check", "npm", ["run", "-s", "check", "--", "--stack"]],
    ["node scripts/run.js check", "node", [join("scripts", "run.js"), "check", "--stack"]],
    ["node bin/scripts/check.js", "node", [join("bin", "scripts", "check.js"), "--stack"]],
  ];
  const bare = Array.from({ length: runs }, () => time("node", ["-e", "0"]));
  const npmBare = Array.from({ length: runs }, () => time("npm", ["-v"]));
  const nodeVersion = spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(
    `Node ${nodeVersion} (node on PATH), ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)}; ${runs} runs each, medians, wall ms / CPU ms:`,
  );
  const show = (ms: { wall: number; cpu: number }[]) =>
    `${median(ms.map((m) => m.wall))
      .toFixed(0)
      .padStart(5)} / ${median(ms.map((m) => m.cpu))
      .toFixed(0)
      .padStart(4)}`;
  console.log(`  ${"node -e 0 (Node's own start)".padEnd(40)} ${show(bare)}`);
  console.log(`  ${"npm -v (npm's own start)".padEnd(40)} ${show(npmBare)}`);
  for (const stack of stacks) {
    for (const [, command, args] of ways) time(command, [...args, stack]); // warm: not measured
    const got = ways.map(() => [] as { wall: number; cpu: number }[]);
    for (let i = 0; i < runs; i++) {
      ways.forEach(([, command, args], w) => got[w].push(time(command, [...args, stack])));
    }
    ways.forEach(([name], w) => {
      const wall = median(got[w].map((m) => m.wall));
      const verdict = wall <= 300 ? "within 0.3 s" : "over 0.3 s";
      console.log(`  ${`${stack}: ${name}`.padEnd(40)} ${show(got[w])}  ${verdict}`);
    });
  }
}

main();
