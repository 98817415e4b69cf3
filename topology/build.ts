// buildTopology(plan): the site as devices, segments and sessions, built once from a validated
// plan, with the problems found on the way (a peer that speaks no BGP, a node that cannot reach
// its peer). The cross-layer rules (checks.ts) and the manual steps (manual.ts) run on the result.
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { checkTopology } from "./checks";
import { flowProblems } from "./flow-check";
import { siteFlows } from "./flows";
import { hostDevices } from "./hosts";
import { manualSteps } from "./manual";
import { nodeDevices } from "./nodes";
import { buildPolicy } from "./policy";
import { policyManualSteps } from "./policy-manual";
import { routerDevices } from "./routers";
import { buildSegments } from "./segments";
import { buildSessions, frrFamilies } from "./sessions";
import { Device, Topology } from "./types";
import { vmDevices } from "./vms";

export interface TopologyResult {
  readonly topology: Topology;
  /** Every cross-layer problem; the topology must not be rendered while there is one. */
  readonly problems: readonly Problem[];
}

/** The topology of a plan that passed the address validator. */
export function buildTopology(plan: Plan): TopologyResult {
  const segments = buildSegments(plan);
  const base: Device[] = [
    ...hostDevices(plan),
    ...nodeDevices(plan, frrFamilies(plan)),
    ...vmDevices(plan),
    ...routerDevices(plan, segments),
  ];
  const built = buildSessions(plan, base);
  const devices = [...base, ...built.peers].map((d) => {
    const extra = built.routes.get(d.name);
    return extra ? { ...d, routes: [...d.routes, ...extra] } : d;
  });
  const core = { site: plan.site, devices, segments, sessions: built.sessions };
  const resolved = buildPolicy(plan, core);
  const partial = { ...core, ...(resolved.policy ? { policy: resolved.policy } : {}) };
  const topology: Topology = {
    ...partial,
    manualSteps: [...manualSteps(plan, partial), ...policyManualSteps(plan, partial)],
  };
  const problems = [
    ...built.problems,
    ...checkTopology(plan, topology, built.problems),
    ...resolved.problems,
  ];
  // The site's own flows only on a topology without other problems: a route or rule that is
  // wrong for another reason would make every verdict wrong.
  // Policy only for now: the bundled stacks give their hosts no way out yet (no management
  // gateway, no IPv4 default on IPv6 nodes); the way out (issue 18 section 3) adds it, and then
  // missing routes become problems too (routing: true). checkFlow reports them already.
  if (problems.length === 0)
    problems.push(...flowProblems(topology, siteFlows(plan, topology), { routing: false }));
  return { topology, problems };
}
