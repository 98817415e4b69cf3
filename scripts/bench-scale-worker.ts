// One measurement of scripts/bench-scale.ts in a fresh process; prints one JSON line.
//   nodes <n>                 the synthetic site of n Kubernetes nodes (preview/synthetic.ts)
//                             through each stage: load, plan, validate, topology, then the whole
//                             offline preview (the same site through index.ts under Pulumi's mocks)
//   policy <rules> <perZone>  the arc-hybrid stack with perZone devices in each of its 7 zones and a
//                             synthetic policy of that many rules: load to validate, the topology
//                             (with the policy and its checks), and the shadow check alone
// Each stage gets its wall-clock and CPU milliseconds and the process's peak RSS so far (MB).
import { readFileSync } from "fs";
import { join } from "path";
import { performance } from "perf_hooks";
import { plan } from "../addressing/plan";
import { validateIds, validateRest } from "../addressing/validate";
import { previewConfig, projectName, ROOT } from "../preview/offline";
import { parseStackFile } from "../preview/stack-file";
import { syntheticNodesSite, syntheticPolicySite } from "../preview/synthetic";
import { loadSite } from "../site/load";
import { rawHomelabConfig } from "../site/pulumi-config";
import { buildTopology } from "../topology/build";
import { shadowProblems } from "../topology/policy";

type Stage = { ms: number; cpuMs: number; peakRssMb: number };

function stages(): { mark: (stage: string) => void; out: Record<string, Stage> } {
  const out: Record<string, Stage> = {};
  let t = performance.now();
  let cpu = process.cpuUsage();
  return {
    out,
    mark: (stage) => {
      const now = performance.now();
      // maxRSS: the peak resident set of the process so far, in kilobytes.
      const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
      const used = process.cpuUsage(cpu);
      out[stage] = {
        ms: Math.round(now - t),
        cpuMs: Math.round((used.user + used.system) / 1000),
        peakRssMb,
      };
      t = now;
      cpu = process.cpuUsage();
    },
  };
}

/** load, plan and validate `raw`; throws on a problem. */
function planned(raw: Record<string, unknown>, mark: (stage: string) => void) {
  const loaded = loadSite(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 3)));
  mark("load");
  const derived = plan(loaded.site);
  mark("plan");
  const problems = [
    ...validateIds(derived.plan),
    ...derived.problems,
    ...validateRest(derived.plan),
  ];
  if (problems.length > 0) throw new Error(JSON.stringify(problems.slice(0, 3)));
  mark("validate");
  return derived.plan;
}

async function nodes(n: number): Promise<Record<string, unknown>> {
  const raw = syntheticNodesSite(n);
  const { mark, out } = stages();
  const built = buildTopology(planned(raw, mark));
  if (built.problems.length > 0) throw new Error(JSON.stringify(built.problems.slice(0, 3)));
  mark("topology");
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) config[`homelab:${k}`] = JSON.stringify(v);
  const result = await previewConfig(`synthetic-${n}n`, { config, secretKeys: [] }, projectName());
  if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  mark("preview");
  return { ...out, resources: result.resources.length };
}

function policy(rules: number, perZone: number): Record<string, unknown> {
  const text = readFileSync(join(ROOT, "Pulumi.arc-hybrid.yaml"), "utf8");
  const raw = syntheticPolicySite(
    rawHomelabConfig(parseStackFile(text, "homelab").config),
    rules,
    perZone,
  );
  const { mark, out } = stages();
  const built = buildTopology(planned(raw, mark));
  mark("topology");
  const p = built.topology.policy;
  if (!p) throw new Error("no policy");
  // A copy: the checks cache what they derive per policy object.
  const shadowed = shadowProblems({ ...p }).length;
  mark("shadow");
  return { ...out, problems: built.problems.length, shadowed };
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  const result =
    mode === "nodes"
      ? await nodes(Number(a))
      : mode === "policy"
        ? policy(Number(a), Number(b))
        : undefined;
  if (!result) throw new Error(`unknown mode ${mode}`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
