// npm run -s flows -- [--stack <name> | --file <stack file>]... [--list] [--problems]: per stack, the site's own flows
// (topology/flows.ts siteFlows) and what checkFlow says of each: derived / pass / unverified /
// blocked (a missing route or a policy drop). With --list, every flow with its verdict and reason;
// with --problems, what the plan refuses (resolveSite's problems).
// The numbers quoted in docs/flows.md and the closing notes come from this script.
import { readFileSync } from "fs";
import { join } from "path";
import { plan } from "../addressing/plan";
import { formatProblem } from "../addressing/problems";
import { parseStackFile } from "../preview/stack-file";
import { resolveSite } from "../site";
import { loadSite } from "../site/load";
import { rawHomelabConfig } from "../site/pulumi-config";
import { buildTopology } from "../topology/build";
import { checkFlow } from "../topology/flow-check";
import { flowText, siteFlows } from "../topology/flows";

const STACKS = ["homelab", "example", "sol", "arc-hybrid", "ms01", "infra-apps"];
const ROOT = process.cwd();

const args = process.argv.slice(2);
const list = args.includes("--list");
const problems = args.includes("--problems");
const chosen = args.flatMap((a, i) =>
  args[i - 1] === "--stack"
    ? [join(ROOT, `Pulumi.${a}.yaml`)]
    : args[i - 1] === "--file"
      ? [a]
      : [],
);

for (const file of chosen.length > 0 ? chosen : STACKS.map((s) => join(ROOT, `Pulumi.${s}.yaml`))) {
  const stack = file.replace(/^.*\/(Pulumi\.)?/, "").replace(/\.yaml$/, "");
  const raw = rawHomelabConfig(parseStackFile(readFileSync(file, "utf8"), "homelab").config);
  if (problems) {
    const r = resolveSite(raw);
    console.log(r.ok ? `${stack}: accepted` : r.problems.map(formatProblem).join("\n"));
  }
  const loaded = loadSite(raw);
  if (!loaded.ok) {
    console.log(`${stack}: not loaded (${loaded.problems.length} problems)`);
    continue;
  }
  const t = buildTopology(plan(loaded.site).plan).topology;
  const count = { pass: 0, unverified: 0, blocked: 0 };
  const lines: string[] = [];
  const flows = siteFlows(plan(loaded.site).plan, t);
  for (const f of flows) {
    const r = checkFlow(t, f);
    count[r.verdict]++;
    const fix = r.verdict === "unverified" && r.fix ? `; ${r.fix}` : "";
    lines.push(`  ${flowText(f)} ${r.verdict}${r.verdict === "pass" ? "" : `: ${r.reason}${fix}`}`);
  }
  console.log(
    `${stack}: ${flows.length} flows, ${count.pass} pass, ${count.unverified} unverified, ${count.blocked} blocked`,
  );
  if (list) for (const l of lines) console.log(l);
}
