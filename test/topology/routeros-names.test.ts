// A RouterOS router names a BGP connection after its peer, `-v4`/`-v6` added when both families
// peer with one device; RouterOS takes names of at most 63 characters. A node name of 61
// characters is refused at the name (test/fixtures/invalid/name-bgp-connection-too-long.yaml);
// with 60 it is accepted, and the renderer writes and accepts the 63-character connection names.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { routerOsDesiredState } from "../../render/routeros/state";
import { renderRouterOsScript } from "../../render/routeros";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "name-bgp-connection-too-long.yaml");
const NAME60 = `lab-cp1-${"a".repeat(52)}`;

test("a 60-character node name: accepted, and router edge's connections to it are 63 characters", () => {
  const raw = fileRaw(FIXTURE) as {
    tenants: { kubernetes: { nodes: { name: string }[] } }[];
  };
  raw.tenants[0].kubernetes.nodes[0].name = NAME60;
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  const state = routerOsDesiredState(result.topology, result.plan.routers[0], "example");
  const names = (state.bgp?.connections ?? [])
    .map((c) => c.name)
    .filter((n) => n.startsWith("lab-cp1-"));
  expect(names).toEqual([`${NAME60}-v4`, `${NAME60}-v6`]);
  expect(names.map((n) => n.length)).toEqual([63, 63]);
  expect(renderRouterOsScript(state)).toContain(`name=${NAME60}-v4`);
});
