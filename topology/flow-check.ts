// checkFlow(topology, flow): whether a flow the site needs can pass, both ways: routing (each
// device on the way has a route towards the destination, and the way back has one towards the
// source) and the policy (topology/policy-eval.ts decides the first packet; the rendered rules
// accept established and related traffic, so the replies follow). Generic: any {from, to,
// protocol, port} whose `from` is a device of the topology.
import { RULE_NAME } from "../site/spec-policy";
import { Address, Family, Prefix } from "../addressing/ip";
import { Problem } from "../addressing/problems";
import { FlowProtocol, flowText, SiteFlow } from "./flows";
import { decide } from "./policy-eval";
import { Device, Topology } from "./types";

/** A flow to check: `from` a device name; `to` a device name or `internet`. */
export interface FlowQuery {
  readonly from: string;
  readonly to: string;
  /** The destination address; absent for a device (its first address) or the internet. */
  readonly dst?: Address;
  readonly protocol: FlowProtocol;
  readonly port: number;
}

/**
 * The verdict on a flow: `pass` (a route each way and the policy allows it), `blocked` (with the
 * reason and the fix), or `unverified` (the path leaves what the plan models: an EVPN zone's
 * anycast gateway, a gateway no device of the plan holds; `reason` says where).
 */
export interface FlowResult {
  readonly verdict: "pass" | "blocked" | "unverified";
  readonly reason: string;
  /**
   * For `blocked`: what to change (an allow rule as YAML, or a route). For `unverified`, where
   * the plan can learn the way on: the device to declare.
   */
  readonly fix?: string;
  /** For a missing route: the device on the way that has none. */
  readonly hop?: string;
  /** The addresses checked: source and destination. */
  readonly src?: Address;
  readonly dst?: Address;
  /**
   * For `unverified`: the EVPN anycast gateway where the path leaves what the plan models, when
   * that is the only place it does (each way). The zone's way on (its exit nodes) is what the
   * twin models (twin/site/hosts.ts), so the twin probes such a flow (twin/site/flows.ts).
   */
  readonly anycastGateway?: Address;
}

/** Addresses that stand for the internet: documentation ranges (RFC 5737, RFC 3849). */
const INTERNET: Record<Family, Address> = {
  4: Address.from("203.0.113.10"),
  6: Address.from("2001:db8::10"),
};

const MAX_HOPS = 8;

type Hop =
  | { kind: "here"; device: Device; src?: Address }
  | { kind: "next"; device: Device; src?: Address }
  | {
      kind: "edge";
      src?: Address;
      why: string;
      /**
       * The way on is not in the plan (the flow is unverified), how to put it there, and the EVPN
       * anycast gateway it leaves by where that is the reason.
       */
      unmodelled?: { fix?: string; anycast?: Address };
    }
  | { kind: "none"; why: string };

/** An address of `d` in `family` on the subnet holding `peer` (connected, or the route's via). */
function ownOn(d: Device, peer: Address): Address | undefined {
  for (const i of d.interfaces)
    for (const h of i.addresses) {
      if (h.address.family !== peer.family || h.role === "vip") continue;
      if (Prefix.containing(h.address.family, h.address.value, h.length).contains(peer))
        return h.address;
    }
  return undefined;
}

function holders(t: Pick<Topology, "devices">, a: Address): { device: Device; anycast: boolean }[] {
  return t.devices.flatMap((device) =>
    device.interfaces.flatMap((i) =>
      i.addresses
        .filter((h) => h.address.equals(a))
        .map((h) => ({ device, anycast: h.role === "anycast-gateway" })),
    ),
  );
}

/**
 * What checkFlow reads of a topology: sessions (routes learned over BGP) and segments (the key a
 * missing route's fix names) are optional.
 */
export type FlowTopology = Pick<Topology, "devices" | "policy"> &
  Partial<Pick<Topology, "sessions" | "segments">>;

/**
 * The BGP route `d` learns towards `dst`: a prefix the other end of one of its sessions
 * announces and `d`'s import filter accepts (the first matching rule permits it), longest first.
 */
function learned(
  t: FlowTopology,
  d: Device,
  dst: Address,
): { prefix: Prefix; device: string } | undefined {
  let best: { prefix: Prefix; device: string } | undefined;
  for (const s of t.sessions ?? [])
    for (const [me, peer] of [s.ends, [s.ends[1], s.ends[0]] as const]) {
      if (me.device !== d.name) continue;
      for (const a of peer.announces) {
        if (!a.prefix.contains(dst)) continue;
        const rule = me.accepts.find(
          (r) =>
            r.prefix.contains(a.prefix) &&
            (r.orLonger ? a.prefix.length >= r.prefix.length : a.prefix.length === r.prefix.length),
        );
        const taken = me.importFilter === "unmanaged" || rule?.action === "permit";
        if (taken && (!best || a.prefix.length > best.prefix.length))
          best = { prefix: a.prefix, device: peer.device };
      }
    }
  return best;
}

/** One forwarding step at `d` towards `dst`. */
function step(t: FlowTopology, d: Device, dst: Address, internet: boolean): Hop {
  if (d.interfaces.some((i) => i.addresses.some((h) => h.address.equals(dst))))
    return { kind: "here", device: d };
  const near = ownOn(d, dst);
  if (near) {
    const h = holders(t, dst).find((x) => x.device !== d);
    return h
      ? { kind: "here", device: h.device, src: near }
      : { kind: "edge", src: near, why: `${dst} is on-link at ${d.name}` };
  }
  const routes = d.routes
    .filter((r) => r.kind === "static" && r.dst.contains(dst))
    .sort((a, b) => b.dst.length - a.dst.length);
  const r = routes[0];
  const bgp = learned(t, d, dst);
  if (bgp && (!r || bgp.prefix.length > r.dst.length)) {
    const next = t.devices.find((x) => x.name === bgp.device);
    if (next) return { kind: "next", device: next };
  }
  if (!r) {
    if (internet && (d.kind === "router" || d.kind === "external"))
      return { kind: "edge", why: `${d.name} is the way out` };
    // A router the stack does not configure: its routes are a manual step (topology/manual.ts).
    if (d.kind === "external")
      return {
        kind: "edge",
        why: `${d.name}'s routes are not modelled (os: external)`,
        unmodelled: {},
      };
    return { kind: "none", why: `${d.name} has no route to ${dst}` };
  }
  if (!r.via) return { kind: "edge", why: `${d.name} sends ${r.dst} out of ${r.dev ?? "a link"}` };
  const src = ownOn(d, r.via);
  const next = holders(t, r.via).filter((x) => x.device !== d);
  if (next.length === 0)
    return {
      kind: "edge",
      src,
      why: `${d.name}'s gateway ${r.via} is held by no device of the plan`,
      unmodelled: {
        fix: `declare the router that holds ${r.via} under homelab:routers (os: external when this stack does not configure it), so that the flows through it are checked`,
      },
    };
  if (next.some((x) => x.anycast))
    return {
      kind: "edge",
      src,
      why: `${d.name}'s gateway ${r.via} is an EVPN anycast gateway; the zone's way on is not modelled`,
      unmodelled: { anycast: r.via },
    };
  return { kind: "next", device: next[0].device, src };
}

/** A walk from `d` to `dst`: where it ends and the source address of its first hop. */
function walk(
  t: FlowTopology,
  from: Device,
  dst: Address,
  internet: boolean,
):
  | {
      ok: true;
      modelled: boolean;
      why: string;
      src?: Address;
      last: Device;
      /** Where the way on is not modelled: the device to declare. */
      fix?: string;
      /** Where the way on is not modelled because it leaves by an EVPN anycast gateway: that gateway. */
      anycast?: Address;
    }
  | { ok: false; why: string; at: Device } {
  let d = from;
  let src: Address | undefined;
  for (let n = 0; n < MAX_HOPS; n++) {
    const h = step(t, d, dst, internet);
    if (n === 0 && h.kind !== "none") src = h.src;
    if (h.kind === "none") return { ok: false, why: h.why, at: d };
    if (h.kind === "here") return { ok: true, modelled: true, why: "", src, last: h.device };
    if (h.kind === "edge")
      return {
        ok: true,
        modelled: h.unmodelled === undefined,
        why: h.why,
        src,
        last: d,
        ...(h.unmodelled?.fix ? { fix: h.unmodelled.fix } : {}),
        ...(h.unmodelled?.anycast ? { anycast: h.unmodelled.anycast } : {}),
      };
    d = h.device;
  }
  return {
    ok: false,
    why: `no way from ${from.name} to ${dst} within ${MAX_HOPS} hops`,
    at: from,
  };
}

const firstAddress = (d: Device, f: Family): Address | undefined =>
  d.interfaces
    .flatMap((i) => i.addresses)
    .find((h) => h.address.family === f && h.role !== "anycast-gateway" && h.role !== "vip")
    ?.address;

/**
 * Whether `q` passes, in the first family that does (an address destination: its own family;
 * a device or the internet: IPv4, then IPv6). Throws for a `from` that is no device.
 */
export function checkFlow(t: FlowTopology, q: FlowQuery): FlowResult {
  const from = t.devices.find((d) => d.name === q.from);
  if (!from) throw new Error(`checkFlow: ${q.from} is not a device of the topology`);
  const to = t.devices.find((d) => d.name === q.to);
  const families: Family[] = q.dst ? [q.dst.family] : [4, 6];
  let first: FlowResult | undefined;
  for (const f of families) {
    if (!firstAddress(from, f)) continue;
    const dst = q.dst ?? (to ? firstAddress(to, f) : q.to === "internet" ? INTERNET[f] : undefined);
    if (!dst) continue;
    const r = checkOne(t, from, dst, q);
    if (r.verdict !== "blocked") return r;
    first ??= r;
  }
  return (
    first ?? {
      verdict: "blocked",
      reason: `${q.from} holds no address in a family ${q.to} has`,
      fix: `give ${q.from} an address in the family of ${q.to}`,
    }
  );
}

function checkOne(t: FlowTopology, from: Device, dst: Address, q: FlowQuery): FlowResult {
  const internet = q.to === "internet";
  const there = walk(t, from, dst, internet);
  if (!there.ok)
    return {
      verdict: "blocked",
      reason: there.why,
      fix: routeFix(t, there.at, dst),
      hop: there.at.name,
      dst,
    };
  const src = there.src ?? firstAddress(from, dst.family);
  if (!src)
    return { verdict: "blocked", reason: `${from.name} has no IPv${dst.family} address`, dst };
  const back = walk(t, there.last, src, false);
  if (!back.ok)
    return {
      verdict: "blocked",
      reason: `no way back: ${back.why}`,
      fix: routeFix(t, back.at, src),
      hop: back.at.name,
      src,
      dst,
    };
  const policy = t.policy;
  if (policy) {
    let decision;
    try {
      decision = decide(policy, { src, dst, protocol: q.protocol, port: q.port });
    } catch {
      decision = undefined; // outside every zone: no router the policy configures filters it
    }
    if (decision?.action === "deny") {
      const by =
        decision.by.kind === "rule"
          ? `${policy.rules[decision.by.index].path} (${policy.rules[decision.by.index].name})`
          : decision.by.kind === "default"
            ? `the default of zone ${decision.by.zone} (${zonePath(policy, decision.by.zone)}: deny)`
            : decision.by.kind === "defconf"
              ? `the factory rule "${decision.by.rule}" of ${decision.by.device} (${decision.by.path}: no rule of the policy allows it first)`
              : "the policy";
      return { verdict: "blocked", reason: `denied by ${by}`, fix: "allow", src, dst };
    }
  }
  const legs = [there, back].filter((w) => w.ok && !w.modelled);
  const unmodelled = legs[0];
  if (unmodelled && unmodelled.ok) {
    const anycast = legs.every((w) => w.ok && w.anycast) ? unmodelled.anycast : undefined;
    return {
      verdict: "unverified",
      reason: unmodelled.why,
      ...(unmodelled.fix ? { fix: unmodelled.fix } : {}),
      src,
      dst,
      ...(anycast ? { anycastGateway: anycast } : {}),
    };
  }
  return { verdict: "pass", reason: there.why || "routed and allowed", src, dst };
}

/**
 * The key to set so that `d` gets a route to `dst`: a VM's segment gateway (the default route
 * cloud-init writes comes from it), the hosts' management gateway, a cluster's or router's
 * routes; an external router is configured outside the stack (a manual step).
 */
function routeFix(t: FlowTopology, d: Device, dst: Address): string {
  const f = `ipv${dst.family}`;
  const to = dst.family === 4 ? "0.0.0.0/0" : "::/0";
  if (d.kind === "host")
    return `set hostNetwork.gateway.${f} to the management network's router, so that the hosts get a default route`;
  if (d.kind === "vm") {
    const seg = d.interfaces
      .map((i) => t.segments?.find((s) => s.id === i.segment))
      .find((s) => s !== undefined);
    return seg && seg.kind === "segment"
      ? `set ${seg.path}.gateway.${f} to the router's address on ${seg.name}, so that its VMs get a default route`
      : `add { to: ${to}, via: <router> } under ${d.path}.routes`;
  }
  if (d.kind === "node" && d.node) {
    const tenant = d.path.replace(/\.kubernetes\..*$/, "");
    return `add { to: ${dst.family === 4 ? `${dst}/32` : `${dst}/128`}, via: <router> } under ${tenant}.kubernetes.routes`;
  }
  if (d.kind === "router") {
    const hop = nextHopTowards(t, d, dst);
    return hop
      ? `add { to: ${hop.prefix}, via: ${hop.via} } under ${d.path}.routes (${hop.device} is attached to ${hop.segment})`
      : `add { to: <prefix of ${dst}>, via: <next hop> } under ${d.path}.routes`;
  }
  return `${d.name} is not configured by this stack: give it a route to ${dst}`;
}

/**
 * The route a router `d` lacks towards `dst`, where the plan knows it: the prefix of the segment
 * that holds `dst`, via the address of another device attached to that segment on a subnet `d`
 * is connected to (a second router on the management LAN; routers before other devices).
 * Undefined when no such device exists.
 */
function nextHopTowards(
  t: FlowTopology,
  d: Device,
  dst: Address,
): { prefix: Prefix; via: Address; device: string; segment: string } | undefined {
  for (const s of t.segments ?? []) {
    const prefix = s.prefixes.find((p) => p.contains(dst));
    if (!prefix) continue;
    // Routers first: a VM on both subnets is no next hop to route through.
    const candidates = [...t.devices].sort(
      (a, b) => Number(b.kind === "router") - Number(a.kind === "router"),
    );
    for (const x of candidates) {
      if (x === d) continue;
      const own = x.interfaces.flatMap((i) => i.addresses);
      if (!own.some((h) => prefix.contains(h.address))) continue;
      const via = own.find(
        (h) =>
          h.role !== "vip" &&
          h.role !== "anycast-gateway" &&
          h.address.family === dst.family &&
          ownOn(d, h.address) !== undefined,
      )?.address;
      if (via) return { prefix, via, device: x.name, segment: s.name };
    }
  }
  return undefined;
}

function zonePath(p: NonNullable<Topology["policy"]>, zone: string): string {
  return p.zones.find((z) => z.name === zone)?.path ?? "policy.default";
}

/** The allow rule that lets `flows` (one source zone, one destination, one protocol) pass. */
function allowRule(
  name: string,
  from: string[],
  to: string,
  protocol: string,
  ports: number[],
): string {
  return `{ name: ${name}, from: [${from.join(", ")}], to: ${to}, protocol: ${protocol}, ports: [${ports.join(", ")}], action: allow }`;
}

/**
 * The problems of the site's flows that do not pass: one per blocking reason, naming the flows,
 * the rule or missing route, and the fix (an allow rule to paste under policy.rules, or a route).
 * Flows the policy denies are grouped by (what denies, destination, protocol): one rule each.
 * Flows without a route are grouped by the hop that has none and the key that gives it one.
 * A flow that leaves what the plan models (`unverified`) is no problem: the plan cannot tell.
 */
export function flowProblems(t: FlowTopology, flows: readonly SiteFlow[]): Problem[] {
  const out: Problem[] = [];
  const unrouted = new Map<
    string,
    { hops: string[]; fix?: string; to: string[]; flows: string[]; why: string[] }
  >();
  const denied = new Map<
    string,
    {
      reason: string;
      to: string;
      protocol: string;
      from: string[];
      ports: number[];
      flows: string[];
      why: string[];
    }
  >();
  for (const f of flows) {
    const r = checkFlow(t, f);
    if (r.verdict !== "blocked") continue;
    if (r.fix === "allow") {
      const to = f.to === "internet" ? "internet" : f.to;
      const k = `${r.reason}|${to}|${f.protocol}`;
      const g = denied.get(k) ?? {
        reason: r.reason,
        to,
        protocol: f.protocol,
        from: [],
        ports: [],
        flows: [],
        why: [],
      };
      if (!g.from.includes(f.from)) g.from.push(f.from);
      if (!g.ports.includes(f.port)) g.ports.push(f.port);
      g.flows.push(flowText(f));
      for (const w of f.why) if (!g.why.includes(w)) g.why.push(w);
      denied.set(k, g);
    } else if (r.hop) {
      // One problem per fix: the hops without a route, and where the flows go.
      const hop = r.hop;
      const k = r.fix ?? hop;
      const g = unrouted.get(k) ?? { hops: [], fix: r.fix, to: [], flows: [], why: [] };
      if (!g.hops.includes(hop)) g.hops.push(hop);
      const there = f.dst ? f.dst.toString() : f.to === "internet" ? "the internet" : f.to;
      // A hop on the way back lacks the route to the source, not to the destination.
      const to =
        r.reason.startsWith("no way back") && r.src
          ? `${r.src} (the way back to ${f.from})`
          : there;
      if (!g.to.includes(to)) g.to.push(to);
      g.flows.push(flowText(f));
      for (const w of f.why) if (!g.why.includes(w)) g.why.push(w);
      unrouted.set(k, g);
    }
  }
  for (const g of unrouted.values())
    out.push({
      path:
        g.fix?.match(/^(?:set|add .*? under) ([A-Za-z]+(?:\[\d+\])?(?:\.[A-Za-z0-9]+)*)/)?.[1] ??
        "routes",
      input: g.hops.join(", "),
      message: `${g.hops.length === 1 ? "has" : "have"} no route to ${g.to.join(" or ")}, which ${g.flows.length === 1 ? "a flow the site needs takes" : `${g.flows.length} flows the site needs take`}: ${g.flows.join("; ")} (${g.why.join("; ")})`,
      ...(g.fix ? { fix: g.fix } : {}),
    });
  // Each suggested rule gets a name no rule of the policy and no other suggestion has, so that
  // pasting every fix at once is a valid policy (new-user trial M8): the short name, else the
  // sources' names before it, else a number after it.
  const taken = new Set((t.policy?.rules ?? []).map((r) => r.name));
  const unique = (short: string, from: readonly string[]) => {
    const candidates = [short, `allow-${from.join("-")}-${short.slice("allow-".length)}`];
    let name = candidates.find((c) => !taken.has(c) && RULE_NAME.test(c));
    for (let i = 2; name === undefined; i++)
      if (!taken.has(`${short}-${i}`)) name = `${short}-${i}`;
    taken.add(name);
    return name;
  };
  for (const g of denied.values()) {
    const ports = [...g.ports].sort((a, b) => a - b);
    const name = unique(`allow-${g.to}-${g.protocol}-${ports.join("-")}`, g.from);
    out.push({
      path: "policy.rules",
      input: `${g.from.join(", ")} -> ${g.to} ${g.protocol}/${ports.join(",")}`,
      message: `${g.reason.replace(/^denied by /, "")} drops ${g.flows.length} flow${g.flows.length === 1 ? "" : "s"} the site needs (${g.why.join("; ")})`,
      fix: `add under policy.rules${g.reason.startsWith("denied by the factory rule") ? " (the script places the policy's rules above the factory drops)" : ", above the rules that deny it"}: ${allowRule(name, g.from, g.to, g.protocol, ports)}`,
    });
  }
  return out;
}
