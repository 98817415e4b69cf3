// buildPolicy(plan, topology): the configured policy with every name resolved against the
// topology and the plan, its zones, and the points that enforce it; with the problems found (an
// unknown or ambiguous name, ports without TCP/UDP, no family in common, a name no router sees,
// a rule an earlier rule shadows). Names, never addresses: a rule says `workload` or `pve1`, and
// both families follow from what the name holds.
import { Address, FAMILIES, familyKey as key, Prefix } from "../addressing/ip";
import { Plan, TenantPlan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { AddressSet } from "./address-set";
import { overlappingEarlier, serviceCovers, witness } from "./policy-eval";
import { DefconfPoint, Policy, PolicyPoint, PolicyRule, PolicyTarget, Zone } from "./policy-types";
import { managementProblems } from "./management-path";
import { routerOsConnections } from "./routeros-names";
import { poolPrefixes } from "./pools";
import { prefixesOf, tenantSegmentId } from "./segments";
import { FilterLine, filterLines } from "./policy-lines";
import { BgpSession, Device, sessionBfd, SessionEnd, Topology } from "./types";
import { closest } from "../site/schema";
import { NAME_KINDS } from "../site/spec-policy";

type Candidate = Omit<PolicyTarget, "name">;

/** Addresses a device holds; gateways of a host's VNets are the tenant's, not the host's. */
function heldBy(d: Device, ownOnly: boolean): Address[] {
  return d.interfaces.flatMap((i) =>
    i.addresses.filter((h) => !ownOnly || h.role !== "anycast-gateway").map((h) => h.address),
  );
}

const isRouter = (d: Device) => d.kind === "router" || d.kind === "external";

/**
 * The LoadBalancer addresses that are the cluster's own: its LoadBalancer prefixes, except on a
 * shared segment (`lbSegment`, a home VLAN), where only its pool's ranges are: the rest of the
 * segment stays the segment's, a zone and a policy name of its own (issue 20, new-user trial).
 */
function ownLoadBalancers(k: TenantPlan["kubernetes"]): Prefix[] {
  if (!k) return [];
  return FAMILIES.flatMap((f) =>
    f === 4 && k.lbSegment !== undefined ? poolPrefixes(k, 4) : (k.loadBalancers[key(f)] ?? []),
  );
}

/** Zone sets of the routed segments: each address in the segment with the longest prefix. */
function zoneSets(plan: Plan, t: Omit<Topology, "manualSteps">): Map<string, AddressSet> {
  const extra = new Map<string, Prefix[]>();
  for (const tn of plan.tenants) {
    const k = tn.kubernetes;
    extra.set(tenantSegmentId(tn), [
      ...prefixesOf(tn.vmLoopbacks),
      ...prefixesOf(k?.pods),
      ...ownLoadBalancers(k),
    ]);
  }
  const entries = t.segments.flatMap((s) =>
    [...s.prefixes, ...(extra.get(s.id) ?? [])].map((prefix) => ({ id: s.id, prefix })),
  );
  entries.sort((a, b) => b.prefix.length - a.prefix.length);
  const sets = new Map<string, AddressSet>();
  let taken = AddressSet.EMPTY;
  for (const e of entries) {
    const piece = AddressSet.of([e.prefix]).minus(taken);
    sets.set(e.id, (sets.get(e.id) ?? AddressSet.EMPTY).union(piece));
    taken = taken.union(piece);
  }
  return sets;
}

/**
 * What a router routes without holding an address there: its static routes with a next hop (the
 * way back into an EVPN zone, topology/evpn-edge.ts) and what its BGP peers announce to it.
 */
function reachedByRouters(
  t: Omit<Topology, "manualSteps">,
  routers: readonly Device[],
): AddressSet {
  const names = new Set(routers.map((d) => d.name));
  return AddressSet.of([
    ...routers.flatMap((d) => d.routes.filter((r) => r.via && r.dst.length > 0).map((r) => r.dst)),
    ...t.sessions.flatMap((s) =>
      s.ends.flatMap((e, i) =>
        names.has(e.device) ? s.ends[1 - i].announces.map((a) => a.prefix) : [],
      ),
    ),
  ]);
}

/** Every address the site allocates: prefixes, addresses and ranges of the plan and topology. */
function siteSet(plan: Plan, t: Omit<Topology, "manualSteps">): AddressSet {
  return AddressSet.of([
    ...plan.facts.prefixes.map((p) => p.prefix),
    ...plan.facts.addresses.map((a) => a.address),
    ...plan.facts.ranges.map((r) => r.range),
    ...t.segments.flatMap((s) => s.prefixes),
    ...t.devices.flatMap((d) => heldBy(d, false)),
  ]);
}

/** Every name rules may use, with what each one holds (possibly several things). */
export class Names {
  private readonly byName = new Map<string, Candidate[]>();

  add(name: string, c: Candidate): void {
    const list = this.byName.get(name) ?? [];
    // One thing under two kinds (a tenant and its VLAN) is not ambiguous.
    if (!list.some((x) => x.set.equals(c.set))) list.push(c);
    this.byName.set(name, list);
  }

  all(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string, kind?: string): Candidate[] {
    const list = this.byName.get(name) ?? [];
    return kind ? list.filter((c) => c.kind === kind) : list;
  }

  kinds(name: string, kind: string): boolean {
    return (this.byName.get(name) ?? []).some((c) => c.kind === kind);
  }
}

function nameIndex(
  plan: Plan,
  t: Omit<Topology, "manualSteps">,
  zones: Map<string, AddressSet>,
  internet: AddressSet,
): Names {
  const n = new Names();
  for (const s of t.segments) {
    n.add(s.name, { kind: "segment", set: zones.get(s.id) ?? AddressSet.of(s.prefixes) });
  }
  for (const tn of plan.tenants) {
    const set = (zones.get(tenantSegmentId(tn)) ?? AddressSet.EMPTY).union(
      AddressSet.of(prefixesOf(tn.mesh?.subnet)),
    );
    n.add(tn.name, { kind: "tenant", set });
  }
  const devices = new Map(t.devices.map((d) => [d.name, d]));
  for (const tn of plan.tenants) {
    const k = tn.kubernetes;
    if (!k) continue;
    const nodes = k.nodes.flatMap((x) => {
      const d = devices.get(x.name);
      return d ? heldBy(d, true) : [];
    });
    const vip = FAMILIES.flatMap((f) => k.vip[key(f)] ?? []);
    n.add(k.name, {
      kind: "cluster",
      set: AddressSet.of([...nodes, ...vip, ...prefixesOf(k.pods), ...ownLoadBalancers(k)]),
    });
    // The cluster's CiliumLoadBalancerIPPool by its name, and each explicit service IP by the
    // Service's name (the part after `namespace/`), as render/cilium names and assigns them.
    n.add(`${k.name}-pool`, {
      kind: "pool",
      set: AddressSet.of(FAMILIES.flatMap((f) => poolPrefixes(k, f))),
    });
    for (const ip of k.serviceIps) {
      n.add(ip.service.slice(ip.service.indexOf("/") + 1), {
        kind: "service",
        set: AddressSet.of([ip.address]),
      });
    }
  }
  for (const d of t.devices) {
    const kind = d.kind === "host" || d.kind === "node" || d.kind === "vm" ? d.kind : "router";
    n.add(d.name, { kind, set: AddressSet.of(heldBy(d, true)) });
  }
  for (const d of plan.devices) {
    n.add(d.name, {
      kind: "device",
      set: AddressSet.of(FAMILIES.flatMap((f) => d.address[key(f)] ?? [])),
    });
  }
  for (const s of plan.segments) {
    for (const r of s.ranges)
      if (r.name) n.add(r.name, { kind: "range", set: AddressSet.of([r.range]) });
  }
  n.add("internet", { kind: "internet", set: internet });
  n.add("any", { kind: "any", set: AddressSet.ALL });
  return n;
}

/** What names resolve against: the zones, the name index, the site and the internet. */
export interface PolicyScope {
  readonly zones: readonly Zone[];
  readonly zoneNames: readonly string[];
  /** Union of the zones' sets. */
  readonly zoned: AddressSet;
  readonly site: AddressSet;
  readonly internet: AddressSet;
  readonly sets: Map<string, AddressSet>;
  readonly names: Names;
}

const COUNTS = ["", "a", "two", "three", "four", "five"];

/** How many of each kind, in first-seen order: [["service", 2], ["cluster", 1]]. */
function kindCounts(cands: readonly Candidate[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of cands) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts];
}

/**
 * The things one name holds, each kind once with its count: "a segment and a cluster", "two
 * services" (never "a service and a service"; new-user trial).
 */
function kindsText(cands: readonly Candidate[]): string {
  return kindCounts(cands)
    .map(([kind, n]) => (n === 1 ? `a ${kind}` : `${COUNTS[n] ?? n} ${kind}s`))
    .join(" and ");
}

/**
 * The fix for a name that holds several things: a `kind:` prefix picks one of a kind that has one
 * thing by that name; things of one kind that share it cannot be told apart, so they need names
 * of their own.
 */
function kindsFix(cands: readonly Candidate[], name: string): string {
  const counts = kindCounts(cands);
  const one = counts.filter(([, n]) => n === 1).map(([kind]) => `${kind}:${name}`);
  const many = counts
    .filter(([, n]) => n > 1)
    .map(([kind, n]) => `give the ${COUNTS[n] ?? n} ${kind}s named ${name} names of their own`);
  return [...(one.length > 0 ? [`write ${one.join(" or ")}`] : []), ...many].join(", or ");
}

/**
 * The zones of a topology under the plan's policy (defaults applied, none for a site without a
 * policy) and the index of every name rules may use; shared by the policy and the owner's
 * expectations (topology/expect.ts), so that both read names the same way.
 */
export function policyScope(plan: Plan, t: Omit<Topology, "manualSteps">): PolicyScope {
  const spec = plan.policy;
  const sets = zoneSets(plan, t);
  const site = siteSet(plan, t);
  const internet = site.complement();
  const routerDevices = t.devices.filter(isRouter);
  const reached = reachedByRouters(t, routerDevices);
  const routed = (s: AddressSet) =>
    routerDevices.some((d) => heldBy(d, true).some((a) => s.has(a))) || s.overlaps(reached);
  const zoneSpecs = new Map(
    spec.zones.map((z, i) => [z.zone, { ...z, path: `policy.zones[${i}]` }]),
  );
  const zoneOf = (name: string, set: AddressSet, segment?: string): Zone => {
    const z = zoneSpecs.get(name);
    return {
      name,
      ...(segment ? { segment } : {}),
      set,
      default: z?.default ?? spec.default,
      log: z?.log ?? spec.log,
      path: z?.path ?? "policy.default",
    };
  };
  const zones: Zone[] = [
    ...t.segments.flatMap((s) => {
      const set = sets.get(s.id) ?? AddressSet.EMPTY;
      return !set.isEmpty() && routed(set) ? [zoneOf(s.name, set, s.id)] : [];
    }),
    zoneOf("internet", internet),
  ];
  const names = nameIndex(plan, t, sets, internet);
  const zoned = zones.reduce((acc, z) => acc.union(z.set), AddressSet.EMPTY);
  return { zones, zoneNames: zones.map((z) => z.name), zoned, site, internet, sets, names };
}

/**
 * One name of a rule or an expectation resolved: `kind:name` or a bare name, with the problem it
 * has (not a kind, not a name of the plan with the closest one suggested, two things, outside
 * every zone a router routes) pushed through `problem`. `routed: false` skips the last rule (an
 * expectation is probed, not enforced, so a name no router sees may still be expected of).
 */
export function resolveName(
  scope: PolicyScope,
  text: string,
  path: string,
  problem: (path: string, input: string, message: string, fix?: string) => void,
  routed = true,
): PolicyTarget | undefined {
  const { names, zoned, zoneNames } = scope;
  const m = /^([a-z]+):(.+)$/.exec(text);
  const [kind, name] = m ? [m[1], m[2]] : [undefined, text];
  if (kind && !KINDS.includes(kind)) {
    const meant = closest(kind, KINDS);
    problem(
      path,
      text,
      `${kind} is not a kind of name`,
      meant ? `did you mean ${meant}:${name}?` : `use one of ${KINDS.join(", ")}`,
    );
    return undefined;
  }
  const found = names.get(name, kind);
  if (found.length === 0) {
    const other = kind ? names.get(name) : [];
    if (other.length > 0) {
      problem(
        path,
        text,
        `is not a ${kind} of the plan`,
        `${name} is ${kindsText(other)}: ${kindsFix(other, name)}`,
      );
      return undefined;
    }
    const near = closest(name, names.all());
    problem(
      path,
      text,
      kind ? `is not a ${kind} of the plan` : "is not a name of the plan",
      near
        ? `did you mean ${kind ? `${kind}:` : ""}${near}?`
        : "use a segment, tenant, cluster, host, node, vm, device, router, range, pool or service name, internet or any",
    );
    return undefined;
  }
  if (found.length > 1) {
    problem(path, text, `names ${kindsText(found)}`, kindsFix(found, name));
    return undefined;
  }
  const c = found[0];
  if (routed && c.kind !== "any" && c.kind !== "internet" && !c.set.overlaps(zoned)) {
    problem(
      path,
      text,
      "holds no address in a zone a router routes: no router sees its traffic",
      `to make it a zone, give a router an address on it (routers[].addresses); zones are ${zoneNames.join(", ")}`,
    );
    return undefined;
  }
  return { name: text, ...c };
}

/** Resolves the policy of a built topology; `policy` is undefined for a site without one. */
export function buildPolicy(
  plan: Plan,
  t: Omit<Topology, "manualSteps">,
): { policy?: Policy; problems: Problem[] } {
  const spec = plan.policy;
  const problems: Problem[] = [];
  const problem = (path: string, input: string, message: string, fix?: string) =>
    problems.push(fix === undefined ? { path, input, message } : { path, input, message, fix });
  if (spec.rules.length === 0 && spec.zones.length === 0 && spec.default === "allow")
    return { problems };

  const scope = policyScope(plan, t);
  const { site, zones } = scope;
  const routerDevices = t.devices.filter(isRouter);
  const zoneNames = scope.zoneNames;
  spec.zones.forEach((z, i) => {
    const path = `policy.zones[${i}].zone`;
    if (spec.zones.findIndex((x) => x.zone === z.zone) !== i) {
      const first = spec.zones.findIndex((x) => x.zone === z.zone);
      problem(
        path,
        z.zone,
        `duplicates policy.zones[${first}]: a zone has one default`,
        `remove policy.zones[${i}], or merge its default and log into policy.zones[${first}]`,
      );
    } else if (!zoneNames.includes(z.zone)) {
      const near = closest(z.zone, zoneNames);
      const segment = t.segments.some((s) => s.name === z.zone);
      problem(
        path,
        z.zone,
        segment
          ? "is a segment no router holds an address on: no router sees its traffic"
          : "is not a zone",
        segment
          ? `to make it a zone, give a router an address on it (routers[].addresses); zones are ${zoneNames.join(", ")}`
          : near
            ? `did you mean ${near}?`
            : `zones are ${zoneNames.join(", ")}`,
      );
    }
  });

  const resolve = (text: string, path: string) => resolveName(scope, text, path, problem);

  const zoneProblems = problems.length;
  const rules: PolicyRule[] = [];
  let resolvedAll = true;
  spec.rules.forEach((r, i) => {
    const path = `policy.rules[${i}]`;
    const first = spec.rules.findIndex((x) => x.name === r.name);
    if (first !== i)
      problem(
        `${path}.name`,
        r.name,
        `duplicates policy.rules[${first}].name`,
        `give each rule a name of its own: rename ${path}.name (the inventory, the rendered rules and the probes show rules by name)`,
      );
    const from = r.from.map((x, j) =>
      resolve(x, `${path}.from${r.from.length > 1 ? `[${j}]` : ""}`),
    );
    const to = r.to.map((x, j) => resolve(x, `${path}.to${r.to.length > 1 ? `[${j}]` : ""}`));
    let ok = from.every(Boolean) && to.every(Boolean);
    if (r.ports.length > 0 && r.protocol !== "tcp" && r.protocol !== "udp") {
      problem(
        `${path}.ports`,
        r.ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(", "),
        `ports need protocol tcp or udp, not ${r.protocol}`,
        "set protocol: tcp or udp, or remove ports",
      );
      ok = false;
    }
    if (!ok) {
      resolvedAll = false;
      return;
    }
    const src = (from as PolicyTarget[]).reduce((a, x) => a.union(x.set), AddressSet.EMPTY);
    const dst = (to as PolicyTarget[]).reduce((a, x) => a.union(x.set), AddressSet.EMPTY);
    const families = FAMILIES.filter((f) => src.families.includes(f) && dst.families.includes(f));
    if (families.length === 0) {
      problem(
        path,
        r.name,
        `has no address family in common: from holds ${famText(src)}, to holds ${famText(dst)}`,
        "name a source and a destination that share IPv4 or IPv6, or remove the rule",
      );
      resolvedAll = false;
      return;
    }
    // Each family on its own: an IPv4-only source never matches IPv6 packets.
    const keep = (s: AddressSet) => families.reduce((a, f) => a.union(s.only(f)), AddressSet.EMPTY);
    rules.push({
      name: r.name,
      path,
      index: rules.length,
      from: from as PolicyTarget[],
      to: to as PolicyTarget[],
      src: keep(src),
      dst: keep(dst),
      routerDst: keep(
        (to as PolicyTarget[])
          .filter((x) => x.kind === "router")
          .reduce((a, x) => a.union(x.set), AddressSet.EMPTY),
      ),
      protocol: r.protocol,
      ports: r.ports,
      action: r.action,
      log: r.log,
      families,
      ...(r.why ? { why: r.why } : {}),
    });
  });

  const ruleProblems = problems.length;
  const points = policyPoints(plan, t, zones, problem);
  const routers = AddressSet.of(routerDevices.flatMap((d) => heldBy(d, true)));
  const known = knownAddresses(plan, t);
  const policy: Policy = { zones, rules, points, site, routers, known };
  // Shadowing among the rules that resolved, also when others did not (msgs M4: an icmp rule with
  // ports hid a rule inside one zone): a rule left out only removes an earlier cover, so a rule
  // found shadowed without it is shadowed with it. Not on wrong zones or filtering points.
  if (zoneProblems === 0 && problems.length === ruleProblems)
    problems.push(...shadowProblems(policy));
  // A missing rule would make these verdicts wrong: a dropped allow is not a drop.
  if (resolvedAll && problems.length === 0) problems.push(...sessionProblems(policy, t.sessions));
  if (resolvedAll && problems.length === 0) problems.push(...managementProblems(plan, policy));
  return { policy, problems };
}

const KINDS: readonly string[] = NAME_KINDS;

/**
 * Addresses of named things (hosts, nodes, VMs, devices) with their holder, sorted by family and
 * value: the endpoints probes prefer.
 */
export function knownAddresses(plan: Plan, t: Omit<Topology, "manualSteps">): Policy["known"] {
  return [
    ...t.devices
      .filter((d) => d.kind === "host" || d.kind === "node" || d.kind === "vm")
      .flatMap((d) => heldBy(d, true).map((address) => ({ address, device: d.name }))),
    ...plan.devices.flatMap((d) =>
      FAMILIES.flatMap((f) => d.address[key(f)] ?? []).map((address) => ({
        address,
        device: d.name,
      })),
    ),
  ].sort(
    (a, b) =>
      a.address.family - b.address.family ||
      (a.address.value < b.address.value ? -1 : a.address.value > b.address.value ? 1 : 0),
  );
}

const famText = (s: AddressSet) =>
  s.families.length === 0 ? "no address" : s.families.map((f) => `IPv${f}`).join(" and ") + " only";

/**
 * A rule is shadowed when an earlier rule matches every packet it matches (the message names
 * both), or when no packet reaches it at all: earlier rules together decide all its traffic, or
 * it only matches traffic inside one zone, which no router sees. Each rule is compared only with
 * the earlier rules that overlap it (overlappingEarlier: buckets by zone pair), since a rule that
 * covers another overlaps it; test/topology/policy-shadow.test.ts checks the result against the
 * plain comparison with every earlier rule.
 */
export function shadowProblems(p: Policy): Problem[] {
  const overlapping = overlappingEarlier(p);
  return p.rules.flatMap((r): Problem[] => {
    const before = overlapping[r.index];
    const by = before.find(
      (e) => e.src.covers(r.src) && e.dst.covers(r.dst) && serviceCovers(e, r),
    );
    if (by) {
      return [
        {
          path: r.path,
          input: r.name,
          message: `is never reached: ${by.path} (${by.name}) comes first and matches all its traffic`,
          fix: `move it above ${by.path}, or remove it`,
        },
      ];
    }
    if (witness(p, { rule: r.index })) return [];
    const earlier = before.map((e) => `${e.path} (${e.name})`);
    return [
      {
        path: r.path,
        input: r.name,
        message:
          earlier.length > 0
            ? `is never reached: ${earlier.join(", ")} decide all its traffic between zones`
            : "is never reached: its source and destination lie in one zone, which no router filters",
        fix: "remove it, or narrow the rules before it",
      },
    ];
  });
}

/** BGP's port (RFC 4271, section 8.2.1: TCP port 179). */
const BGP_PORT = 179;
/** BFD control packets: UDP 3784 single hop (RFC 5881), 4784 multihop (RFC 5883). */
const BFD_PORT = { singleHop: 3784, multihop: 4784 } as const;

/** A flow a BGP session needs from the peer to the router: what, protocol, port. */
interface SessionFlow {
  readonly what: "BGP" | "BFD";
  readonly protocol: "tcp" | "udp";
  readonly port: number;
}

/** What a session needs from the peer to `mine`, the router's end: BGP, and BFD where it runs. */
function sessionNeeds(mine: SessionEnd): SessionFlow[] {
  const needs: SessionFlow[] = [{ what: "BGP", protocol: "tcp", port: BGP_PORT }];
  if (sessionBfd(mine))
    needs.push({
      what: "BFD",
      protocol: "udp",
      port: mine.multihop ? BFD_PORT.multihop : BFD_PORT.singleHop,
    });
  return needs;
}

/**
 * A rule that drops what a BGP session the topology has needs: on a router that enforces the
 * policy, the first input line matching TCP 179 (BGP), or UDP 3784/4784 (BFD, where the router's
 * end runs it), from a peer's session address to the router's own session address denies it. Both
 * ends open BGP connections, so such a session may still come up from the router's side, but the
 * peer's connections are refused; BFD packets dropped keep the session down.
 */
function sessionProblems(p: Policy, sessions: readonly BgpSession[]): Problem[] {
  const out: Problem[] = [];
  for (const point of p.points) {
    if (point.kind !== "router") continue;
    const lines = filterLines(p, point).filter((l) => l.chain === "input");
    // Per denying line's rule and flow: the peers whose packets it drops, in session order.
    const dropped = new Map<
      string,
      { path: string; flow: SessionFlow; peers: string[]; flows: string[] }
    >();
    for (const s of sessions) {
      for (const [mine, peer] of [s.ends, [s.ends[1], s.ends[0]] as const]) {
        if (mine.device !== point.device) continue;
        for (const flow of sessionNeeds(mine)) {
          const first = lines.find(
            (l) =>
              l.family === peer.address.family &&
              l.src.has(peer.address) &&
              l.dst.has(mine.address) &&
              (l.protocol === "any" ||
                (l.protocol === flow.protocol &&
                  (l.ports.length === 0 ||
                    l.ports.some((r) => r.from <= flow.port && flow.port <= r.to)))),
          );
          if (first?.action !== "deny") continue;
          const key = `${first.path} ${flow.what}`;
          const d = dropped.get(key) ?? { path: first.path, flow, peers: [], flows: [] };
          if (!d.peers.includes(peer.device)) d.peers.push(peer.device);
          d.flows.push(`${peer.address} -> ${mine.address}`);
          dropped.set(key, d);
        }
      }
    }
    // IPv6 neighbor discovery (RFC 4861: ICMPv6 133-137) to the router's own addresses is not
    // connection-tracked: a deny that matches it leaves the router unresolvable, BGP and all.
    const icmp6 = (l: FilterLine) =>
      l.family === 6 && (l.protocol === "any" || l.protocol === "icmp");
    for (const [i, l] of lines.entries()) {
      if (l.action !== "deny" || !icmp6(l)) continue;
      // Not when earlier lines already accept ICMPv6 for all of it.
      const before = lines.slice(0, i).filter((e) => e.action === "allow" && icmp6(e));
      if (before.some((e) => e.src.covers(l.src) && e.dst.covers(l.dst))) continue;
      const rule = p.rules.find((r) => r.path === l.path);
      out.push({
        path: l.path,
        input: rule?.name ?? l.path,
        message: `drops IPv6 neighbor discovery (ICMPv6, RFC 4861) to ${point.device}'s own addresses, so neighbors cannot resolve it`,
        fix: `give the rule protocol tcp or udp, or allow protocol icmp to ${point.device} above it`,
      });
      break;
    }
    for (const d of dropped.values()) {
      const rule = p.rules.find((r) => r.path === d.path);
      const n = d.flows.length;
      const { what, protocol, port } = d.flow;
      out.push({
        path: d.path,
        input: rule?.name ?? d.path,
        message: `drops ${what} of ${n} BGP session${n === 1 ? "" : "s"} of ${point.device} (${protocol.toUpperCase()} ${port}: ${d.flows.join(", ")})`,
        fix: `allow it first: a rule from ${d.peers.length === 1 ? d.peers[0] : `[${d.peers.join(", ")}]`} to ${point.device} with protocol ${protocol} and ports [${port}], above this one`,
      });
    }
  }
  return out;
}

/**
 * The policy's model of factory router `plan.routers[i]` (routers[].defconf): whether the internet
 * enters by it (it has an uplink, or it is the plan's only router and none has one), and the
 * input accepts the script renders for its BGP sessions above the factory drops, one per session
 * end on it (render/routeros/state.ts sessionFilters: TCP 179 and its BFD's UDP port from the
 * peer's address).
 */
function defconfPoint(plan: Plan, t: Omit<Topology, "manualSteps">, i: number): DefconfPoint {
  const router = plan.routers[i];
  const anyUplink = plan.routers.some((r) => r.uplink !== undefined);
  const wan = router.uplink !== undefined || (!anyUplink && plan.routers.length === 1);
  const sessions = routerOsConnections(t.sessions, router.name).flatMap(({ end, other }) =>
    sessionNeeds(end).map((n) => ({ src: other.address, protocol: n.protocol, port: n.port })),
  );
  return { path: `routers[${i}].defconf`, wan, sessions };
}

/**
 * Who enforces the policy: every RouterOS or Linux router that holds an address in a zone; a
 * router this stack does not configure gets the rules as Manual steps, and then each Proxmox host
 * filters its own addresses with its firewall. An FRR-only router cannot carry a firewall.
 */
function policyPoints(
  plan: Plan,
  t: Omit<Topology, "manualSteps">,
  zones: readonly Zone[],
  problem: (path: string, input: string, message: string, fix?: string) => void,
): PolicyPoint[] {
  const inZone = (d: Device) => heldBy(d, true).some((a) => zones.some((z) => z.set.has(a)));
  const points: PolicyPoint[] = [];
  const manual: Device[] = [];
  for (const d of t.devices.filter(isRouter)) {
    if (!inZone(d)) continue;
    const own = AddressSet.of(heldBy(d, true));
    const i = plan.routers.findIndex((r) => r.name === d.name);
    const os = plan.routers[i]?.os ?? "external";
    if (os === "routeros" || os === "linux") {
      const defconf = plan.routers[i]?.defconf ? { defconf: defconfPoint(plan, t, i) } : {};
      points.push({ kind: "router", device: d.name, domain: AddressSet.ALL, own, ...defconf });
    } else if (os === "frr") {
      problem(
        `routers[${i}].os`,
        os,
        "delivers only frr.conf, so it cannot carry the policy's firewall rules",
        "use os: linux (FRR and an nftables ruleset)",
      );
    } else manual.push(d);
  }
  if (manual.length === 0) return points;
  const hosts = t.devices.filter((d) => d.kind === "host");
  const protectedSet = AddressSet.of(hosts.flatMap((d) => heldBy(d, true)));
  for (const h of hosts) {
    const own = AddressSet.of(heldBy(h, true));
    if (!own.isEmpty()) points.push({ kind: "proxmox", device: h.name, domain: own, own });
  }
  for (const d of manual) {
    points.push({
      kind: "manual",
      device: d.name,
      domain: AddressSet.ALL.minus(protectedSet),
      own: AddressSet.of(heldBy(d, true)),
    });
  }
  return points;
}
