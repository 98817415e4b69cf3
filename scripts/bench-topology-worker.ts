// One measurement of scripts/bench-topology.ts in a fresh process: plan, topology and the whole
// preview of the synthetic site at the given scale; prints one JSON line of milliseconds.
import { performance } from "perf_hooks";
import { plan } from "../addressing/plan";
import { validate } from "../addressing/validate";
import { previewConfig, projectName } from "../preview/offline";
import { syntheticSite, syntheticStackConfig } from "../preview/synthetic";
import { loadSite } from "../site/load";
import { buildTopology } from "../topology/build";

async function main(): Promise<void> {
  const scale = Number(process.argv[2] ?? "1");
  const raw = syntheticSite(scale);
  const t0 = performance.now();
  const loaded = loadSite(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems.slice(0, 3)));
  const derived = plan(loaded.site);
  const problems = [...derived.problems, ...validate(derived.plan)];
  if (problems.length > 0) throw new Error(JSON.stringify(problems.slice(0, 3)));
  const t1 = performance.now();
  const built = buildTopology(derived.plan);
  if (built.problems.length > 0) throw new Error(JSON.stringify(built.problems.slice(0, 3)));
  const t2 = performance.now();
  const result = await previewConfig(
    `synthetic-${scale}x`,
    syntheticStackConfig(scale),
    projectName(),
  );
  if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  const t3 = performance.now();
  console.log(
    JSON.stringify({
      plan: Math.round(t1 - t0),
      topology: Math.round(t2 - t1),
      preview: Math.round(t3 - t2),
    }),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
