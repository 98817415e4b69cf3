// What the policy does to a packet (first matching rule, else the source zone's default; traffic
// inside a zone is not routed; a router's own addresses get only the rules that name them; a
// factory RouterOS router's `defconf` accepts and drops after the rules, routers[].defconf), and
// the search for a packet that a given rule or zone default decides: the witness each packet probe
// sends, and the proof that a rule is reached at all.
import { Address, Family } from "../addressing/ip";
import { AddressSet } from "./address-set";
import {
  Decision,
  Flow,
  Policy,
  PolicyAction,
  PolicyPoint,
  PolicyRule,
  PortRange,
  Probe,
  Zone,
} from "./policy-types";

/** The zone an address is in; undefined for a site address no router routes (a host loopback). */
export function zoneOf(p: Pick<Policy, "zones">, a: Address): Zone | undefined {
  return p.zones.find((z) => z.set.has(a));
}

/** Whether a rule's protocol and ports match the flow's. */
export function serviceMatches(r: Pick<PolicyRule, "protocol" | "ports">, f: Flow): boolean {
  if (r.protocol === "any") return true;
  if (r.protocol !== f.protocol) return false;
  if (r.ports.length === 0 || f.port === undefined) return r.ports.length === 0;
  const port = f.port;
  return r.ports.some((p) => p.from <= port && port <= p.to);
}

/** Whether a rule matches a flow: source, destination, protocol and port. */
export function ruleMatches(r: PolicyRule, f: Flow): boolean {
  return r.src.has(f.src) && r.dst.has(f.dst) && serviceMatches(r, f);
}

/** Whether every packet `b` matches on protocol and port, `a` matches too. */
export function serviceCovers(
  a: Pick<PolicyRule, "protocol" | "ports">,
  b: Pick<PolicyRule, "protocol" | "ports">,
): boolean {
  if (a.protocol === "any") return true;
  if (a.protocol !== b.protocol) return false;
  if (a.ports.length === 0) return true;
  if (b.ports.length === 0) return false;
  return b.ports.every((q) => {
    // A range of b is covered when the union of a's ranges holds each of its ports.
    let at = q.from;
    const sorted = [...a.ports].sort((x, y) => x.from - y.from);
    for (const p of sorted) if (p.from <= at && p.to >= at) at = p.to + 1;
    return at > q.to;
  });
}

/**
 * Whether `router` (a RouterOS router) keeps its interfaces that hold an address of `zone` out of
 * the factory interface list `LAN`: `zone` denies by default and the router enforces the policy.
 * In `LAN`, the factory firewall's input drops (`defconf: drop all not coming from LAN`) would
 * spare the zone, which would then reach the router's SSH, Winbox, WebFig and DNS that its
 * default is meant to close (new-user trial of issue 17). The one rule for both the script
 * (render/routeros/state.ts lanMembership) and the policy's model of a factory router (decide).
 */
export function keptOutOfLan(
  p: Pick<Policy, "points">,
  router: string,
  zone: Zone | undefined,
): zone is Zone {
  return (
    zone?.default === "deny" && p.points.some((x) => x.kind === "router" && x.device === router)
  );
}

/**
 * Whether traffic from `zone` reaches the factory router `point` on an interface outside `LAN`:
 * the internet (it comes in on the uplink, which a factory router has in `WAN`), or a zone the
 * router holds an address of and keeps out of `LAN` (keptOutOfLan).
 */
function notFromLan(p: Policy, point: PolicyPoint, zone: Zone): boolean {
  if (zone.name === "internet") return true;
  return keptOutOfLan(p, point.device, zone) && point.own.overlaps(zone.set);
}

type DefconfChain = {
  /** The factory accepts a new connection meets before the drop, by comment. */
  readonly accepts: readonly (Pick<PolicyRule, "protocol" | "ports"> & { readonly rule: string })[];
  /** The factory drop for what comes from outside `LAN` (input) or from `WAN` (forward). */
  readonly drop: string;
};

const IKE = {
  protocol: "udp",
  ports: [
    { from: 500, to: 500 },
    { from: 4500, to: 4500 },
  ],
} as const;

/**
 * MikroTik's factory firewall (RouterOS v7 `defconf`, test/fixtures/routeros/defconf-home.rsc) for
 * a new connection none of the stack's rules decides (the script places them above the factory's
 * first drop): per chain and family, the accepts it meets in order, then the drop. IPsec (AH, ESP,
 * `ipsec-policy`), HIP and DHCPv6 from link-local sources are left out: no flow of the plan is
 * one.
 */
const DEFCONF: Record<"input" | "forward", Record<Family, DefconfChain>> = {
  input: {
    4: {
      accepts: [{ rule: "defconf: accept ICMP", protocol: "icmp", ports: [] }],
      drop: "defconf: drop all not coming from LAN",
    },
    6: {
      accepts: [
        { rule: "defconf: accept ICMPv6", protocol: "icmp", ports: [] },
        {
          rule: "defconf: accept UDP traceroute",
          protocol: "udp",
          ports: [{ from: 33434, to: 33534 }],
        },
        { rule: "defconf: accept IKE", ...IKE },
      ],
      drop: "defconf: drop everything else not coming from LAN",
    },
  },
  forward: {
    4: { accepts: [], drop: "defconf: drop all from WAN not DSTNATed" },
    6: {
      accepts: [
        { rule: "defconf: accept ICMPv6", protocol: "icmp", ports: [] },
        { rule: "defconf: accept IKE", ...IKE },
      ],
      drop: "defconf: drop everything else not coming from LAN",
    },
  },
};

/**
 * The factory drops the policy's model of a `defconf` router relies on, per family and chain, by
 * comment: what `npm run import` looks for in a router's export to set routers[].defconf.
 */
export const DEFCONF_DROPS: readonly {
  readonly family: Family;
  readonly chain: "input" | "forward";
  readonly rule: string;
}[] = (["input", "forward"] as const).flatMap((chain) =>
  ([4, 6] as const).map((family) => ({ family, chain, rule: DEFCONF[chain][family].drop })),
);

/** The factory firewall's verdict on `f` in `chain` of `point`: its first accept, else its drop. */
function defconfDecides(point: PolicyPoint, chain: "input" | "forward", f: Flow): Decision {
  const c = DEFCONF[chain][f.src.family];
  const a = c.accepts.find((x) => serviceMatches(x, f));
  const by = { kind: "defconf", device: point.device, path: point.defconf?.path ?? "" } as const;
  return a
    ? { action: "allow", by: { ...by, rule: a.rule } }
    : { action: "deny", by: { ...by, rule: c.drop } };
}

/**
 * What the policy does to a flow, and what decides it: to a router's own address, the first rule
 * naming it, else the router's input; between zones, the first rule that matches, else the
 * source zone's default. On a factory router (routers[].defconf), after its rules: to the router
 * itself, its BGP sessions' accepts, then for what comes from the internet or from a zone kept
 * out of `LAN`, the factory input chain (ICMP passes, the rest is dropped); forwarded from the
 * internet where the internet's default allows (the stack renders no accept for an allowing
 * default), the factory forward chain of the router the internet enters by (IPv4: `drop all from
 * WAN not DSTNATed`; IPv6: ICMPv6 and IKE pass, the rest is dropped). One the internet's deny
 * decides stays its default's: that drop comes first. Throws for a flow outside every zone.
 */
export function decide(p: Policy, f: Flow): Decision {
  if (p.routers.has(f.dst)) {
    const r = p.rules.find((x) => x.routerDst.has(f.dst) && ruleMatches(x, f));
    if (r) return { action: r.action, by: { kind: "rule", index: r.index } };
    const point = p.points.find((x) => x.kind === "router" && x.defconf && x.own.has(f.dst));
    const zone = zoneOf(p, f.src);
    const session = point?.defconf?.sessions.some(
      (s) => s.src.equals(f.src) && s.protocol === f.protocol && s.port === f.port,
    );
    if (point && zone && !session && notFromLan(p, point, zone))
      return defconfDecides(point, "input", f);
    return inputDefault;
  }
  const from = zoneOf(p, f.src);
  const to = zoneOf(p, f.dst);
  if (!from || !to) throw new Error(`flow ${f.src} -> ${f.dst} leaves the policy's zones`);
  if (from === to) return { action: "allow", by: { kind: "intra", zone: from.name } };
  const r = p.rules.find((x) => ruleMatches(x, f));
  if (r) return { action: r.action, by: { kind: "rule", index: r.index } };
  const gate = p.points.find((x) => x.kind === "router" && x.defconf?.wan);
  if (gate && from.name === "internet" && from.default === "allow")
    return defconfDecides(gate, "forward", f);
  return { action: from.default, by: { kind: "default", zone: from.name } };
}

const inputDefault: Decision = { action: "allow", by: { kind: "input" } };

// Ports a probe prefers, so that a probe reads like the traffic the rule is about.
const NICE_PORTS = [443, 80, 22, 53, 123, 8080, 8443, 3000, 9090];
// Internet addresses a probe prefers: the documentation ranges (RFC 5737, RFC 3849).
const INTERNET = ["203.0.113.10", "198.51.100.10", "192.0.2.10", "2001:db8::10"].map(Address.from);

/**
 * What the searches derive from a policy, once per policy object (a Policy is never changed after
 * it is built): the address classes, who holds each known address, the port cuts per protocol,
 * the addresses of each zone that cannot stand for an endpoint, and the rules each rule competes
 * with.
 */
interface Derived {
  readonly cuts: Map<Family, bigint[]>;
  holder?: Map<string, string>;
  readonly ports: Map<"tcp" | "udp", number[]>;
  readonly edges: Map<Zone, Set<bigint>>;
  overlapping?: readonly (readonly PolicyRule[])[];
}

const derived = new WeakMap<Policy, Derived>();

function derivedOf(p: Policy): Derived {
  let d = derived.get(p);
  if (!d) {
    d = { cuts: new Map(), ports: new Map(), edges: new Map() };
    derived.set(p, d);
  }
  return d;
}

/** Boundaries of every set the policy decides on, per family: each starts a class of addresses. */
function boundaries(p: Policy, f: Family): bigint[] {
  const d = derivedOf(p);
  let cuts = d.cuts.get(f);
  if (!cuts) {
    cuts = computeBoundaries(p, f);
    d.cuts.set(f, cuts);
  }
  return cuts;
}

/** Index of the first element of sorted `xs` greater than `x`. */
function above(xs: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Who holds each known address, by its text. */
function holders(p: Policy): Map<string, string> {
  const d = derivedOf(p);
  d.holder ??= new Map(p.known.map((k) => [k.address.toString(), k.device]));
  return d.holder;
}

/**
 * For each rule (by index), the earlier rules whose source and destination both overlap its own,
 * in order: the only rules that can match a packet it matches. Found through buckets of rules by
 * (source zone, destination zone) (a pseudo-zone for addresses outside every zone), so each rule
 * is compared only with the rules that share a zone pair with it: near-linear in rules times zones
 * when rules name devices or zones, quadratic only when every rule spans every zone.
 */
export function overlappingEarlier(p: Policy): readonly (readonly PolicyRule[])[] {
  const d = derivedOf(p);
  if (d.overlapping) return d.overlapping;
  const zoned = p.zones.reduce((a, z) => a.union(z.set), AddressSet.EMPTY);
  const outside = p.zones.length;
  const touched = (s: AddressSet): number[] => {
    const out: number[] = [];
    p.zones.forEach((z, i) => {
      if (z.set.overlaps(s)) out.push(i);
    });
    if (!zoned.covers(s)) out.push(outside);
    return out;
  };
  const width = p.zones.length + 1;
  const buckets = new Map<number, number[]>();
  d.overlapping = p.rules.map((r) => {
    const src = touched(r.src);
    const dst = touched(r.dst);
    const seen = new Set<number>();
    for (const a of src)
      for (const b of dst) for (const i of buckets.get(a * width + b) ?? []) seen.add(i);
    const earlier = [...seen]
      .sort((x, y) => x - y)
      .map((i) => p.rules[i])
      .filter((e) => e.src.overlaps(r.src) && e.dst.overlaps(r.dst));
    for (const a of src) {
      for (const b of dst) {
        const bucket = buckets.get(a * width + b) ?? [];
        bucket.push(r.index);
        buckets.set(a * width + b, bucket);
      }
    }
    return earlier;
  });
  return d.overlapping;
}

function computeBoundaries(p: Policy, f: Family): bigint[] {
  const sets: AddressSet[] = [
    ...p.rules.flatMap((r) => [r.src, r.dst]),
    ...p.zones.map((z) => z.set),
    p.routers,
    ...p.points.map((x) => x.domain),
  ];
  const out = new Set<bigint>();
  for (const s of sets) {
    for (const x of s.intervals(f)) {
      out.add(x.lo);
      out.add(x.hi + 1n);
    }
  }
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether an address can stand for an endpoint: not a zone prefix's network or broadcast. */
function usable(p: Policy, a: Address): boolean {
  if (a.family === 6) return a.value !== 0n;
  const z = zoneOf(p, a);
  if (!z) return true;
  const d = derivedOf(p);
  let edges = d.edges.get(z);
  if (!edges) {
    edges = new Set(
      z.set
        .prefixes(4)
        .filter((q) => q.length < 31)
        .flatMap((q) => [q.first.value, q.last.value]),
    );
    d.edges.set(z, edges);
  }
  return !edges.has(a.value);
}

/**
 * Candidate endpoint addresses of `set`, one or two per class of addresses the policy tells
 * apart: named things first (hosts, nodes, devices), then the internet's documentation addresses,
 * then the first usable address of each class. Router addresses only when `routers` is true.
 */
function candidates(p: Policy, set: AddressSet, routers: boolean): Address[] {
  const out: Address[] = [];
  const seen = new Set<string>();
  const add = (a: Address) => {
    if (!set.has(a) || seen.has(a.toString())) return;
    if (!routers && p.routers.has(a)) return;
    if (!usable(p, a)) return;
    seen.add(a.toString());
    out.push(a);
  };
  p.known.forEach((k) => add(k.address));
  INTERNET.forEach(add);
  for (const f of set.families) {
    const cuts = boundaries(p, f);
    for (const x of set.intervals(f)) {
      const starts = [x.lo];
      for (let i = above(cuts, x.lo); i < cuts.length && cuts[i] <= x.hi; i++) starts.push(cuts[i]);
      for (const lo of starts) {
        // The first usable address of the class, trying a few past network and gateway.
        for (let v = lo; v <= x.hi && v < lo + 4n; v++) {
          const a = Address.of(f, v);
          const before = out.length;
          add(a);
          if (out.length > before) break;
        }
      }
    }
  }
  return out;
}

/** Services to try for a rule of this protocol, in the preferred order. */
function services(p: Policy, protocol: PolicyRule["protocol"], ports: readonly PortRange[]) {
  const d = derivedOf(p);
  const portsOf = (proto: "tcp" | "udp"): number[] => {
    let sorted = d.ports.get(proto);
    if (!sorted) {
      const cuts = new Set<number>([1]);
      for (const r of p.rules) {
        if (r.protocol !== proto) continue;
        for (const q of r.ports) {
          cuts.add(q.from);
          if (q.to < 65535) cuts.add(q.to + 1);
        }
      }
      sorted = [...new Set([...NICE_PORTS, ...[...cuts].sort((a, b) => a - b)])];
      d.ports.set(proto, sorted);
    }
    const inRule = (n: number) => ports.length === 0 || ports.some((q) => q.from <= n && n <= q.to);
    return sorted.filter(inRule);
  };
  const tcp = portsOf("tcp").map((port) => ({ protocol: "tcp" as const, port }));
  const udp = portsOf("udp").map((port) => ({ protocol: "udp" as const, port }));
  const icmp = [{ protocol: "icmp" as const }];
  if (protocol === "tcp") return tcp;
  if (protocol === "udp") return udp;
  if (protocol === "icmp") return icmp;
  return [...tcp, ...udp, ...icmp];
}

/** A target of a probe: a rule by index, or the default of a zone. */
export type ProbeTarget = { readonly rule: number } | { readonly zone: string };

/**
 * A flow that `target` decides, with its destination in `domain` (default: anywhere); undefined
 * when there is none (an earlier rule decides all of the rule's traffic, or it stays in a zone).
 */
export function witness(p: Policy, target: ProbeTarget, domain = AddressSet.ALL): Flow | undefined {
  return search(p, target, domain, true);
}

/**
 * witness() without its shortcut for rules: every candidate flow goes through decide(), which
 * tries every rule in order. The reference the shortcut is tested against
 * (test/topology/policy-shadow.test.ts); the same flows, slower.
 */
export function plainWitness(
  p: Policy,
  target: ProbeTarget,
  domain = AddressSet.ALL,
): Flow | undefined {
  return search(p, target, domain, false);
}

function search(
  p: Policy,
  target: ProbeTarget,
  domain: AddressSet,
  shortcut: boolean,
): Flow | undefined {
  const rule = "rule" in target ? p.rules[target.rule] : undefined;
  const zone = "zone" in target ? p.zones.find((z) => z.name === target.zone) : undefined;
  if (!rule && !zone) throw new Error(`no such probe target ${JSON.stringify(target)}`);
  const src = rule ? rule.src : (zone as Zone).set;
  const dst = (rule ? rule.dst : (zone as Zone).set.complement()).intersect(domain);
  const wanted = (d: Decision) =>
    rule
      ? d.by.kind === "rule" && d.by.index === rule.index
      : d.by.kind === "default" && d.by.zone === zone?.name;
  const srcs = candidates(p, src, false).filter((a) => zoneOf(p, a));
  // Router addresses only when the rule names nothing else there (a rule about the router).
  const dstsPlain = candidates(p, dst, false).filter((a) => zoneOf(p, a));
  const dsts = dstsPlain.length > 0 ? dstsPlain : candidates(p, dst, true);
  const svc = services(p, rule?.protocol ?? "any", rule?.ports ?? []);
  const holder = holders(p);
  // For a rule, decide() in short: only the earlier rules that overlap it can come first.
  const rivals =
    rule && shortcut
      ? overlappingEarlier(p)[rule.index].filter(
          (e) => e.protocol === "any" || rule.protocol === "any" || e.protocol === rule.protocol,
        )
      : [];
  for (const s of srcs) {
    for (const d of dsts) {
      if (d.family !== s.family) continue;
      const [hs, hd] = [holder.get(s.toString()), holder.get(d.toString())];
      if (hs !== undefined && hs === hd) continue;
      if (rule && shortcut) {
        const f = decidedByRule(p, rule, rivals, s, d, svc);
        if (f) return f;
        continue;
      }
      for (const x of svc) {
        const f: Flow = { src: s, dst: d, ...x };
        try {
          if (wanted(decide(p, f))) return f;
        } catch {
          // a flow outside the zones: not a candidate
        }
      }
    }
  }
  return undefined;
}

/**
 * The first flow from `s` to `d` with a service of `svc` that `rule` decides: what
 * `decide(p, flow)` answers with the rule, given `rivals`, the earlier rules that overlap it.
 * decide() takes the first rule that matches, so the rule decides a flow it matches when no
 * earlier rule matches it; a rival is the only earlier rule that can (it holds `s` and `d`).
 */
function decidedByRule(
  p: Policy,
  rule: PolicyRule,
  rivals: readonly PolicyRule[],
  s: Address,
  d: Address,
  svc: readonly Omit<Flow, "src" | "dst">[],
): Flow | undefined {
  if (!rule.src.has(s) || !rule.dst.has(d)) return undefined;
  let before: PolicyRule[];
  if (p.routers.has(d)) {
    // To a router: only the rules that name it.
    if (!rule.routerDst.has(d)) return undefined;
    before = rivals.filter((e) => e.routerDst.has(d) && e.src.has(s) && e.dst.has(d));
  } else {
    const from = zoneOf(p, s);
    const to = zoneOf(p, d);
    // Outside the zones decide() throws; inside one zone nothing is routed.
    if (!from || !to || from === to) return undefined;
    before = rivals.filter((e) => e.src.has(s) && e.dst.has(d));
  }
  for (const x of svc) {
    const f: Flow = { src: s, dst: d, ...x };
    if (serviceMatches(rule, f) && !before.some((e) => serviceMatches(e, f))) return f;
  }
  return undefined;
}

function probeOf(p: Policy, tag: string, f: Flow, expect: PolicyAction): Probe {
  const zone = (a: Address) => zoneOf(p, a)?.name ?? "router";
  return { tag, flow: f, srcZone: zone(f.src), dstZone: zone(f.dst), expect };
}

/**
 * One probe per rule and one per zone default, each a flow that exactly that rule or default
 * decides, expecting its action. Throws if one has no witness (validation reports that first).
 */
export function probes(p: Policy, domain = AddressSet.ALL): Probe[] {
  const out: Probe[] = [];
  for (const r of p.rules) {
    const f = witness(p, { rule: r.index }, domain);
    if (f) out.push(probeOf(p, `rule=${r.name}`, f, r.action));
  }
  for (const z of p.zones) {
    const f = witness(p, { zone: z.name }, domain);
    if (f) out.push(probeOf(p, `default=${z.name}`, f, z.default));
  }
  return out;
}

/**
 * Flows from `src` to `dst` with one service, one per pair of address classes the policy tells
 * apart (candidates: named things first, then the internet's documentation addresses), in the
 * same family and never from a device to itself; at most `limit`. Router addresses are
 * destinations only where `dst` holds nothing else. What an owner's expectation (topology/expect.ts)
 * is checked on: every class of its traffic, and the first flow is the one the twin sends.
 */
export function flowsBetween(
  p: Policy,
  src: AddressSet,
  dst: AddressSet,
  service: Omit<Flow, "src" | "dst">,
  limit = 4096,
): Flow[] {
  const srcs = candidates(p, src, false);
  const plain = candidates(p, dst, false);
  const dsts = plain.length > 0 ? plain : candidates(p, dst, true);
  const holder = holders(p);
  const out: Flow[] = [];
  for (const s of srcs.length > 0 ? srcs : candidates(p, src, true)) {
    for (const d of dsts) {
      if (d.family !== s.family || s.equals(d)) continue;
      const [hs, hd] = [holder.get(s.toString()), holder.get(d.toString())];
      if (hs !== undefined && hs === hd) continue;
      out.push({ src: s, dst: d, ...service });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
