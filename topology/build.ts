// buildTopology(plan): the site as devices, segments and sessions, built once from a validated
// plan, with the problems found on the way (a peer that speaks no BGP, a node that cannot reach
// its peer). The cross-layer rules (checks.ts) and the manual steps (manual.ts) run on the result.
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { checkTopology } from "./checks";
import { evpnEdge } from "./evpn-edge";
import { egressProblems, egressWarnings, routerEgress } from "./egress";
import { buildExpectations } from "./expect";
import { flowProblems } from "./flow-check";
import { outboundProblems, siteFlows } from "./flows";
import { hostDevices } from "./hosts";
import { manualSteps } from "./manual";
import { nodeDevices } from "./nodes";
import { buildPolicy } from "./policy";
import { policyManualSteps } from "./policy-manual";
import { policyWarnings, uplinkWarnings } from "./policy-warnings";
import { routerDevices, trunkProblems } from "./routers";
import { withConfigured } from "./routes";
import { buildSegments } from "./segments";
import { buildSessions, frrFamilies } from "./sessions";
import { Device, Topology } from "./types";
import { vmDevices } from "./vms";

export interface TopologyResult {
  readonly topology: Topology;
  /** Every cross-layer problem; the topology must not be rendered while there is one. */
  readonly problems: readonly Problem[];
  /**
   * What the topology does that the owner may not expect: topology/policy-warnings.ts, and the
   * resolvers left out for want of a way out (topology/egress.ts egressWarnings).
   */
  readonly warnings: readonly Problem[];
}

/** The topology of a plan that passed the address validator. */
export function buildTopology(plan: Plan): TopologyResult {
  const segments = buildSegments(plan);
  const devices0: Device[] = [
    ...hostDevices(plan),
    ...nodeDevices(plan, frrFamilies(plan)),
    ...vmDevices(plan),
    ...routerDevices(plan, segments),
  ];
  // The routers' way back into the EVPN zone, before the sessions look for their routes.
  const edge = evpnEdge(plan, devices0);
  const base = devices0.map((d) => {
    const back = edge.routes.get(d.name);
    return back ? { ...d, routes: [...d.routes, ...back] } : d;
  });
  const built = buildSessions(plan, base);
  const devices = [...base, ...built.peers].map((d) => {
    const extra = built.routes.get(d.name);
    if (!extra) return d;
    // A router's own routes are its configured ones (routers[].routes): they replace a derived
    // route to the same destination, as every configured value overrides a derived one.
    return {
      ...d,
      routes: d.kind === "router" ? withConfigured(extra, d.routes) : [...d.routes, ...extra],
    };
  });
  const core = { site: plan.site, devices, segments, sessions: built.sessions };
  const resolved = buildPolicy(plan, core);
  const partial = { ...core, ...(resolved.policy ? { policy: resolved.policy } : {}) };
  // Verdicts against the resolved policy only: a policy with problems would give wrong ones; the
  // expectations' own problems (names, peers, a repeated name) are found regardless (msgs M4).
  const checked = buildExpectations(plan, partial, resolved.problems.length === 0);
  const expected =
    resolved.problems.length === 0 ? checked : { expectations: [], problems: checked.problems };
  const egress = routerEgress(plan, partial);
  const topology: Topology = {
    ...partial,
    ...(egress.length > 0 ? { egress } : {}),
    expectations: expected.expectations,
    manualSteps: [
      ...manualSteps(plan, partial),
      ...edge.manualSteps,
      ...policyManualSteps(plan, partial),
    ],
  };
  const problems = [
    ...built.problems,
    ...checkTopology(plan, topology, built.problems),
    ...resolved.problems,
    ...egressProblems(plan, topology),
    ...trunkProblems(plan, topology),
    ...expected.problems,
  ];
  // The site's own flows only on a topology without other problems: a route or rule that is
  // wrong for another reason would make every verdict wrong.
  // A flow with no route at some hop is refused like one the policy drops; a path that leaves
  // what the plan models (an EVPN anycast gateway, a gateway no device holds) stays unverified.
  // The owner's expectations are judged on the same topology but change none of it: a problem
  // of theirs does not hide the flows' (new-user trial M7).
  const blocking = problems.length - expected.problems.length;
  const outbound = blocking === 0 ? outboundProblems(plan, topology.devices) : [];
  problems.push(...outbound);
  if (blocking === 0 && outbound.length === 0)
    problems.push(...flowProblems(topology, siteFlows(plan, topology)));
  return {
    topology,
    problems,
    warnings: [
      ...policyWarnings(resolved.policy),
      ...uplinkWarnings(plan, resolved.policy),
      ...egressWarnings(plan, topology),
    ],
  };
}
