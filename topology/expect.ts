// The owner's expectations (`homelab:expect`) resolved against the topology and checked against
// the plan's own policy and sessions before anything is provisioned: a `reach` the policy denies,
// a `deny` it allows, a `session` between peers that have no configured session, or a `failover`
// of a VIP only one device holds is refused, naming the expectation, what decides it and the fix.
// Names resolve exactly as the policy's do (topology/policy.ts resolveName), with the closest name
// suggested for an unknown one. What passes is probed in the twin (twin/checks/expect.ts).
import { Address, FAMILIES, familyKey } from "../addressing/ip";
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { closest } from "../site/schema";
import { expectName, ExpectSpec } from "../site/spec-expect";
import { AddressSet } from "./address-set";
import { knownAddresses, policyScope, resolveName } from "./policy";
import { decide, flowsBetween } from "./policy-eval";
import { Decision, Flow, Policy, PolicyTarget } from "./policy-types";
import { defconfText } from "./policy-text";
import { unroutedKind } from "./egress";
import { Topology } from "./types";

/** A flow that must get through (`reach`) or must not (`deny`). */
export interface FlowExpectation {
  readonly kind: "reach" | "deny";
  /** The report name (`reach iot -> internet tcp/443` unless configured). */
  readonly name: string;
  /** `expect[<index>]`. */
  readonly path: string;
  readonly from: PolicyTarget;
  readonly to: PolicyTarget;
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly port?: number;
  /** The flow the twin sends: the first of the classes checked (named things first). */
  readonly probe: Flow;
  /** How many flows (one per address class) the plan-time check decided. */
  readonly classes: number;
  /**
   * The factory router whose `defconf` rules decide the probe (routers[].defconf), where no rule
   * or default of the policy does: the twin has those rules only from the router's `/export`.
   */
  readonly factory?: { readonly device: string; readonly path: string };
}

/** A BGP session that must be Established. */
export interface SessionExpectation {
  readonly kind: "session";
  readonly name: string;
  readonly path: string;
  /** The topology's session (`BgpSession.id`). */
  readonly session: string;
  /** Both ends: device and the address it speaks from. */
  readonly ends: readonly [SessionPeer, SessionPeer];
}

/** One end of an expected session. */
export interface SessionPeer {
  readonly device: string;
  readonly address: Address;
}

/** A VIP that must answer from another holder when its holder stops. */
export interface FailoverExpectation {
  readonly kind: "failover";
  readonly name: string;
  readonly path: string;
  readonly vip: Address;
  /** Every device that may hold it, in device order (two or more). */
  readonly holders: readonly string[];
}

/** One expectation, resolved. */
export type Expectation = FlowExpectation | SessionExpectation | FailoverExpectation;

type ProblemFn = (path: string, input: string, message: string, fix?: string) => void;

const service = (e: { protocol: string; port?: number }) =>
  e.protocol === "icmp" ? "icmp" : `${e.protocol} ${e.port}`;
const flowText = (f: Flow) => `${f.src} -> ${f.dst} ${service(f)}`;

/**
 * The expectations of a plan, resolved, with every problem found. Without `verdicts` (a policy
 * with problems of its own, whose verdicts would be wrong) only their names, peers and flows are
 * checked, not what the policy decides of them.
 */
export function buildExpectations(
  plan: Plan,
  t: Omit<Topology, "manualSteps">,
  verdicts = true,
): { expectations: Expectation[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (plan.expect.length === 0) return { expectations: [], problems };
  const problem: ProblemFn = (path, input, message, fix) =>
    problems.push(fix === undefined ? { path, input, message } : { path, input, message, fix });
  const scope = policyScope(plan, t);
  // Without homelab:policy nothing filters: the zones allow, and no rule decides.
  const policy: Policy = t.policy ?? {
    zones: scope.zones,
    rules: [],
    points: [],
    site: scope.site,
    routers: AddressSet.EMPTY,
    known: knownAddresses(plan, t),
  };
  const expectations: Expectation[] = [];
  const names = plan.expect.map(expectName);
  plan.expect.forEach((e, i) => {
    const path = `expect[${i}]`;
    const name = expectName(e);
    // The twin reports each expectation by its name: one name, one expectation.
    const j = names.indexOf(name);
    if (j !== i)
      problem(
        `${path}${e.name ? ".name" : ""}`,
        name,
        `is also the name of expect[${j}]`,
        "give one of them a name of its own",
      );
    const resolved =
      e.kind === "reach" || e.kind === "deny"
        ? flowExpectation(e, name, path, scope, policy, plan, problem, verdicts)
        : e.kind === "session"
          ? sessionExpectation(e, name, path, scope, t, problem)
          : failoverExpectation(e, name, path, plan, t, problem);
    if (resolved) expectations.push(resolved);
  });
  return { expectations, problems };
}

/** Why a decision decides, for messages: the rule or default, or why nothing filters. */
function decidedText(p: Policy, d: Decision | undefined, f: Flow, hasPolicy: boolean): string {
  if (!d) {
    return hasPolicy
      ? `no router filters it (${f.src} or ${f.dst} is in no zone of the policy)`
      : "the site has no homelab:policy, so nothing filters it";
  }
  if (d.by.kind === "rule") {
    const r = p.rules[d.by.index];
    return `${r.path} (${r.name}) ${r.action === "allow" ? "allows" : "denies"} it`;
  }
  if (d.by.kind === "default") {
    const z = p.zones.find((x) => x.name === (d.by as { zone: string }).zone);
    return `the default of zone ${z?.name} (${z?.path}) ${d.action === "allow" ? "allows" : "denies"} it`;
  }
  if (d.by.kind === "intra") return `both ends are in zone ${d.by.zone}, which no router filters`;
  if (d.by.kind === "defconf") return defconfText(d.action, d.by);
  return "it is the router's own input, which no rule names";
}

/**
 * For a flow to a RouterOS router's own address that no rule names: the hint that a router
 * running MikroTik's factory firewall says so (routers[N].defconf), whose input drops the plan
 * then takes into account (new-user trial 2, M3: the inventory said the factory drops keep a
 * zone kept out of `LAN` off the router while the expectation was refused). Empty otherwise.
 */
function factoryHint(policy: Policy, plan: Plan, f: Flow): string {
  const point = policy.points.find((x) => x.kind === "router" && x.own.has(f.dst));
  const i = plan.routers.findIndex((r) => r.name === point?.device);
  if (i < 0 || plan.routers[i].os !== "routeros" || plan.routers[i].defconf) return "";
  return `; or, when ${plan.routers[i].name} runs MikroTik's factory firewall, say so with routers[${i}].defconf: true (its defconf input drops then count)`;
}

function flowExpectation(
  e: ExpectSpec,
  name: string,
  path: string,
  scope: ReturnType<typeof policyScope>,
  policy: Policy,
  plan: Plan,
  problem: ProblemFn,
  verdicts: boolean,
): FlowExpectation | undefined {
  // Probed, not enforced: a name no router sees may be expected of (routed: false).
  const from = resolveName(scope, e.from as string, `${path}.from`, problem, false);
  const to = resolveName(scope, e.to as string, `${path}.to`, problem, false);
  if (!from || !to) return undefined;
  const protocol = e.protocol ?? "icmp";
  const svc = protocol === "icmp" ? { protocol } : { protocol, port: e.port as number };
  const families = FAMILIES.filter(
    (f) => from.set.families.includes(f) && to.set.families.includes(f),
  );
  const flows = families.length === 0 ? [] : flowsBetween(policy, from.set, to.set, svc);
  if (flows.length === 0) {
    const self = from.name === to.name;
    problem(
      path,
      name,
      families.length === 0
        ? `has no address family in common: ${from.name} holds ${famText(from.set)}, ${to.name} holds ${famText(to.set)}`
        : self
          ? `expects a flow from ${from.name} to itself, and ${from.name} is one device: its traffic to itself never crosses the network, so there is nothing to ${e.kind === "reach" ? "reach" : "deny"}`
          : `has no flow: ${from.name} and ${to.name} hold no two addresses of different devices`,
      families.length === 0
        ? "expect a flow between names that share IPv4 or IPv6, or remove the expectation"
        : self
          ? `name another device in ${path}.to (or .from), or remove the expectation`
          : "name two different devices, or names that hold addresses of different devices, or remove the expectation",
    );
    return undefined;
  }
  // Before the policy's verdict: no rule could make it hold, so none is suggested.
  if (
    e.kind === "reach" &&
    from.kind === "internet" &&
    !internetRoutes(e, name, path, scope, flows, problem)
  )
    return undefined;
  const hasPolicy =
    plan.policy.rules.length > 0 || plan.policy.default !== "allow" || plan.policy.zones.length > 0;
  const want = e.kind === "reach" ? "allow" : "deny";
  for (const f of verdicts ? flows : []) {
    let d: Decision | undefined;
    try {
      d = decide(policy, f);
    } catch {
      d = undefined; // outside every zone: no router filters it
    }
    if ((d?.action ?? "allow") === want) continue;
    const why = decidedText(policy, d, f, hasPolicy);
    const svcText =
      protocol === "icmp" ? "protocol icmp" : `protocol ${protocol}, ports [${e.port}]`;
    if (e.kind === "reach") {
      const above = d?.by.kind === "rule" ? `, above ${policy.rules[d.by.index].path}` : "";
      problem(
        path,
        name,
        `is denied by the plan's own policy: ${why} (${flowText(f)})`,
        `allow it: a rule from ${from.name} to ${to.name} with ${svcText} and action allow${above}, or remove the expectation`,
      );
    } else {
      const above = d?.by.kind === "rule" ? ` above ${policy.rules[d.by.index].path}` : "";
      problem(
        path,
        name,
        `is allowed by the plan's own policy: ${why} (${flowText(f)})`,
        d && d.by.kind !== "intra"
          ? `deny it: a rule from ${from.name} to ${to.name} with ${svcText} and action deny${above}${d.by.kind === "input" ? factoryHint(policy, plan, f) : ""}, or remove the expectation`
          : `a router must filter it: put ${from.name} and ${to.name} in zones a router holds an address on and deny it in homelab:policy, or remove the expectation`,
      );
    }
    return undefined;
  }
  return {
    kind: e.kind as "reach" | "deny",
    name,
    path,
    from,
    to,
    protocol,
    ...(protocol === "icmp" ? {} : { port: e.port }),
    probe: flows[0],
    classes: flows.length,
    ...factoryOf(policy, flows[0]),
  };
}

/** The factory router deciding `f` (FlowExpectation.factory), as a spread. */
function factoryOf(policy: Policy, f: Flow): { factory?: FlowExpectation["factory"] } {
  let d: Decision | undefined;
  try {
    d = decide(policy, f);
  } catch {
    return {};
  }
  return d?.by.kind === "defconf" ? { factory: { device: d.by.device, path: d.by.path } } : {};
}

/**
 * Whether the internet can reach every address a `reach` from `internet` probes: a private IPv4
 * address (RFC 1918, RFC 6598) or a unique local IPv6 one (RFC 4193) is not routed on the
 * internet, and the stack renders no port forward (dst-nat), so such an expectation could pass
 * only in the twin, whose internet namespace routes to the site through the router (new-user
 * trial 3, b47). Reports the problem and returns false when it cannot.
 */
function internetRoutes(
  e: ExpectSpec,
  name: string,
  path: string,
  scope: ReturnType<typeof policyScope>,
  flows: readonly Flow[],
  problem: ProblemFn,
): boolean {
  const seen = new Set<string>();
  const unrouted = flows
    .map((f) => f.dst)
    .filter(
      (a) => unroutedKind(a) !== undefined && !seen.has(a.toString()) && seen.add(a.toString()),
    );
  if (unrouted.length === 0) return true;
  // Grouped by kind: "10.20.0.11 and 10.20.0.250, private addresses (RFC 1918)".
  const kinds = [...new Set(unrouted.map((a) => unroutedKind(a) as string))];
  const held = kinds
    .map((k) => {
      const of = unrouted.filter((a) => unroutedKind(a) === k).map(String);
      const plural = k.replace(/^an? (.*) address \(/, "$1 addresses (");
      return of.length === 1 ? `${of[0]}, ${k}` : `${of.join(" and ")}, ${plural}`;
    })
    .join(", and ");
  // A zone other than the destination's own, where there is one: its reach crosses a router.
  const zones = scope.zones.filter((z) => z.name !== "internet");
  const zone = (zones.find((z) => !flows.some((f) => z.set.has(f.dst))) ?? zones[0])?.name;
  problem(
    `${path}.to`,
    e.to as string,
    `holds ${held}, which the internet does not route to, and the stack renders no port forward (dst-nat): "${name}" could pass only in the twin`,
    `a port forward is outside the stack: remove the expectation, or expect it from a site zone${zone ? ` (from: ${zone})` : ""}; a kind: deny expectation from internet checks that the internet stays out`,
  );
  return false;
}

/** The devices `d` has a configured BGP session with, each once, in session order. */
function sessionPeers(t: Pick<Topology, "sessions">, d: string): string[] {
  return t.sessions
    .flatMap((x) => x.ends.filter((_, k) => x.ends[1 - k].device === d).map((n) => n.device))
    .filter((n, k, all) => all.indexOf(n) === k);
}

const famText = (s: AddressSet) =>
  s.families.length === 0 ? "no address" : s.families.map((f) => `IPv${f}`).join(" and ") + " only";

const SPEAKERS = ["host", "node", "vm", "router"];

function sessionExpectation(
  e: ExpectSpec,
  name: string,
  path: string,
  scope: ReturnType<typeof policyScope>,
  t: Omit<Topology, "manualSteps">,
  problem: ProblemFn,
): SessionExpectation | undefined {
  const between = e.between as readonly string[];
  const peers = between.map((x, j) => {
    const r = resolveName(scope, x, `${path}.between[${j}]`, problem, false);
    if (!r) return undefined;
    if (!SPEAKERS.includes(r.kind)) {
      problem(
        `${path}.between[${j}]`,
        x,
        `is a ${r.kind}, not a BGP speaker`,
        "name a router, host, node or VM",
      );
      return undefined;
    }
    return r.name.replace(/^[a-z]+:/, "");
  });
  if (peers.some((x) => x === undefined)) return undefined;
  const [a, b] = peers as string[];
  if (a === b) {
    // One device twice (new-user trial 3, finding 17: "names peers that have no configured BGP
    // session" read as if edge had none).
    problem(
      `${path}.between`,
      `${between[0]}, ${between[1]}`,
      `names ${a} twice: a BGP session has two different ends`,
      `name ${a}'s peer in ${path}.between[1] (${a} has sessions with ${sessionPeers(t, a).join(", ") || "no device"}), or remove the expectation`,
    );
    return undefined;
  }
  const s = t.sessions.find(
    (x) =>
      (x.ends[0].device === a && x.ends[1].device === b) ||
      (x.ends[0].device === b && x.ends[1].device === a),
  );
  if (!s) {
    const known = sessionPeers(t, a);
    problem(
      `${path}.between`,
      `${a}, ${b}`,
      "names peers that have no configured BGP session",
      known.length > 0
        ? `${a} has sessions with ${known.join(", ")}`
        : `${a} has no BGP session; configure one (routers[].vlans, kubernetes.bgpPeers) or remove the expectation`,
    );
    return undefined;
  }
  const end = (d: string) => {
    const x = s.ends.find((n) => n.device === d) ?? s.ends[0];
    return { device: x.device, address: x.address };
  };
  return { kind: "session", name, path, session: s.id, ends: [end(a), end(b)] };
}

function failoverExpectation(
  e: ExpectSpec,
  name: string,
  path: string,
  plan: Plan,
  t: Omit<Topology, "manualSteps">,
  problem: ProblemFn,
): FailoverExpectation | undefined {
  const text = e.vip as string;
  const clusters = plan.tenants.flatMap((x) => (x.kubernetes ? [x.kubernetes] : []));
  const cluster = clusters.find((k) => k.name === text);
  const parsed = Address.parse(text);
  let vips: Address[];
  if (cluster) vips = FAMILIES.flatMap((f) => cluster.vip[familyKey(f)] ?? []);
  else if (parsed.ok) vips = [parsed.value];
  else {
    const near = closest(
      text,
      clusters.map((k) => k.name),
    );
    problem(
      `${path}.vip`,
      text,
      "is neither a cluster name nor an IP address",
      near
        ? `did you mean ${near}?`
        : `name a cluster (${clusters.map((k) => k.name).join(", ") || "none"}) or a VIP address`,
    );
    return undefined;
  }
  const holdersOf = (a: Address) =>
    t.devices
      .filter((d) =>
        d.interfaces.some((i) => i.addresses.some((h) => h.role === "vip" && h.address.equals(a))),
      )
      .map((d) => d.name);
  const vip = vips.find((a) => holdersOf(a).length > 0) ?? vips[0];
  const holders = vip ? holdersOf(vip) : [];
  if (holders.length < 2) {
    problem(
      `${path}.vip`,
      text,
      holders.length === 0
        ? `is a VIP no device holds${vip ? ` (${vip})` : ""}`
        : `has one holder, ${holders[0]}: nothing takes ${vip} over when it stops`,
      "expect the failover of a VIP two or more devices hold (a cluster's control-plane VIP with two or more control-plane nodes)",
    );
    return undefined;
  }
  return { kind: "failover", name, path, vip, holders };
}
