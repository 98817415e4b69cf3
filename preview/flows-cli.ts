// The `npm run flows` command line: per stack, the site's own flows (topology/flows.ts siteFlows)
// and what checkFlow says of each: derived / pass / unverified / blocked (a missing route or a
// policy drop). Its options are parsed as `npm run check`/`plan`/`twin` parse theirs
// (preview/command.ts parseCommand: node's util.parseArgs, strict, with -h/--help).
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { plan } from "../addressing/plan";
import { formatProblem } from "../addressing/problems";
import { resolveSite } from "../site";
import { loadSite } from "../site/load";
import { rawHomelabConfig } from "../site/pulumi-config";
import { buildTopology } from "../topology/build";
import { checkFlow } from "../topology/flow-check";
import { flowText, siteFlows } from "../topology/flows";
import { CliOutput, parseCommand } from "./command";
import { parseStackFile } from "./stack-file";

/** The bundled stacks, counted when no --stack or --file is given. */
export const FLOW_STACKS = ["homelab", "example", "sol", "arc-hybrid", "ms01", "infra-apps"];

/** The usage text of `npm run flows`. */
export const FLOWS_USAGE = [
  "Usage: npm run -s flows -- [--stack <name> | --file <stack file>]... [--list] [--problems]",
  "",
  "Counts the flows each stack's site needs itself (docs/flows.md) by what the plan says of",
  "them: pass, unverified or blocked (a missing route or a policy drop).",
  "",
  "Options:",
  "  --stack <name>  a stack, from Pulumi.<name>.yaml (repeatable); without --stack or --file,",
  `                  the bundled stacks: ${FLOW_STACKS.join(", ")}`,
  "  --file <path>   a stack file by its path (repeatable)",
  "  --list          every flow with its verdict and reason",
  "  --problems      also what the plan refuses (the problems npm run check lists)",
  "  -h, --help      show this text",
  "",
  "Examples:",
  "  npm run -s flows -- --stack example --list",
  "  npm run -s flows -- --file test/fixtures/routeros/adopt-vlans.yaml --problems",
  "",
  "Exit status: 0 when every stack loads and no flow is blocked, 1 when a stack does not load",
  "or has a blocked flow (npm run check says why), 2 a usage error or a stack file that is not",
  "there.",
].join("\n");

/** Runs `npm run flows` with `argv` in `root`; returns the exit status. */
export function flowsCli(argv: string[], io: CliOutput, root: string): number {
  const values = parseCommand<{
    stack?: string[];
    file?: string[];
    list?: boolean;
    problems?: boolean;
  }>(
    "flows",
    argv,
    {
      stack: { type: "string", multiple: true },
      file: { type: "string", multiple: true },
      list: { type: "boolean" },
      problems: { type: "boolean" },
    },
    io,
    FLOWS_USAGE,
  );
  if (typeof values === "number") return values;
  const chosen = [
    ...(values.stack ?? []).map((s) => join(root, `Pulumi.${s}.yaml`)),
    ...(values.file ?? []),
  ];
  const files = chosen.length > 0 ? chosen : FLOW_STACKS.map((s) => join(root, `Pulumi.${s}.yaml`));
  const missing = files.find((f) => !existsSync(f));
  if (missing !== undefined) {
    io.err(`flows: no stack file ${missing}`);
    return 2;
  }
  // A stack the loader refuses or with a flow its own routing or policy blocks: exit 1.
  let refused = false;
  for (const file of files) {
    const stack = file.replace(/^.*\/(Pulumi\.)?/, "").replace(/\.yaml$/, "");
    const raw = rawHomelabConfig(parseStackFile(readFileSync(file, "utf8"), "homelab").config);
    if (values.problems) {
      const r = resolveSite(raw);
      io.out(r.ok ? `${stack}: accepted` : r.problems.map(formatProblem).join("\n"));
    }
    const loaded = loadSite(raw);
    if (!loaded.ok) {
      io.out(`${stack}: not loaded (${loaded.problems.length} problems)`);
      refused = true;
      continue;
    }
    const planned = plan(loaded.site).plan;
    const t = buildTopology(planned).topology;
    const count = { pass: 0, unverified: 0, blocked: 0 };
    const lines: string[] = [];
    const flows = siteFlows(planned, t);
    for (const f of flows) {
      const r = checkFlow(t, f);
      count[r.verdict]++;
      const fix = r.verdict === "unverified" && r.fix ? `; ${r.fix}` : "";
      lines.push(
        `  ${flowText(f)} ${r.verdict}${r.verdict === "pass" ? "" : `: ${r.reason}${fix}`}`,
      );
    }
    io.out(
      `${stack}: ${flows.length} flows, ${count.pass} pass, ${count.unverified} unverified, ${count.blocked} blocked`,
    );
    if (values.list) for (const l of lines) io.out(l);
    if (count.blocked > 0) refused = true;
  }
  return refused ? 1 : 0;
}
