// talos.registryMirrors: one entry per registry (addressing/talos-mirrors.ts). The refusal is
// test/fixtures/invalid/talos-registry-mirror-duplicate.yaml; this is its accepted counterpart.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

const FIXTURE = join(ROOT, "test/fixtures/invalid/talos-registry-mirror-duplicate.yaml");

test("the two docker.io entries merged as the fix says are accepted, endpoints in order", () => {
  const raw = fileRaw(FIXTURE) as { talos: { registryMirrors: unknown[] } };
  raw.talos.registryMirrors = [
    { registry: "docker.io", endpoints: ["http://10.0.0.5:5000", "http://10.0.0.6:5000"] },
    { registry: "ghcr.io", endpoints: ["http://10.0.0.5:5001"] },
  ];
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  expect(result.ok && result.plan.talos.registryMirrors).toEqual(raw.talos.registryMirrors);
});

test("a registry written with its port is another name to Talos, not a duplicate", () => {
  const raw = fileRaw(FIXTURE) as { talos: { registryMirrors: { registry: string }[] } };
  raw.talos.registryMirrors[2].registry = "docker.io:443";
  expect(resolveSite(raw).ok).toBe(true);
});
