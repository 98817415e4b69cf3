// Plan + RouterSpec -> inputs of the FRR renderers, for one edge router and every Kubernetes node
// behind it (seed 001's pattern). Pure; the only decisions made here are the documented defaults.
import { Address, Prefix } from "../../addressing/ip";
import { ClusterPlan, NodePlan, Plan } from "../../addressing/plan-types";
import { isisNet } from "./config";
import { EdgeTimers, NodeFrrInput, PrefixRule, RouterFrrInput, RouterPeerGroup } from "./types";

/** What the plan does not say about an edge router (routers are not in the site config yet). */
export interface RouterSpec {
  readonly name: string;
  readonly asn: number;
  /** IPv4 BGP router ID: the plan gives the router no IPv4 address of its own. */
  readonly routerId: Address;
  /** Tenants whose gateway address the router owns, and the interface it holds it on. */
  readonly vlans: readonly { readonly tenant: number; readonly interface: string }[];
}

export interface FrrPlanOptions {
  /** Node interface names; default SEED_INTERFACES. */
  readonly interfaces?: { readonly mesh: string; readonly egress: string };
  /** Default EDGE_TIMERS. */
  readonly timers?: EdgeTimers;
  /** Default ISIS_AREA. */
  readonly isisArea?: string;
  /** Prefixes never accepted from nodes, more-specifics included; default [INTERNAL_CLASS]. */
  readonly rejects?: readonly Prefix[];
}

/** Both ends of every session use these; docs/routing.md explains the numbers. */
export const EDGE_TIMERS: EdgeTimers = {
  bgp: { keepalive: 3, hold: 9, connectRetry: 5 },
  bfd: { name: "edge", intervalMs: 300, multiplier: 3 },
  isis: { helloInterval: 1, helloMultiplier: 3, lspGenInterval: 1 },
};

/** Seed 001: eth0 is the mesh (fast ring), eth1 the egress VLAN toward the router. */
export const SEED_INTERFACES = { mesh: "eth0", egress: "eth1" } as const;

/** Level-2-only IS-IS ignores the area for routing; seed 001's value. */
export const ISIS_AREA = "49.0001";

/** Seed 001's internal fast-ring class, which must never be routed out. */
export const INTERNAL_CLASS = Prefix.from("fc00::/8");

export interface EdgeFrrInputs {
  readonly router: RouterFrrInput;
  readonly nodes: readonly NodeFrrInput[];
}

interface Segment {
  /** Index of the tenant in the plan (and the stack config), for messages. */
  readonly index: number;
  readonly cluster: ClusterPlan;
  readonly interface: string;
  readonly gateway: Address;
  readonly egress: Prefix;
}

const present = <T>(v: T | undefined): v is T => v !== undefined;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(what);
  return value;
}

function segments(plan: Plan, spec: RouterSpec): Segment[] {
  return spec.vlans.flatMap((vlan, i) => {
    const where = `router "${spec.name}" vlans[${i}]`;
    const tenant = plan.tenants.find((t) => t.id === vlan.tenant);
    if (!tenant) {
      const ids = plan.tenants.map((t) => t.id).join(", ");
      throw new Error(`${where}: tenant ${vlan.tenant} is not in the plan (tenants: ${ids})`);
    }
    const cluster = tenant.kubernetes;
    if (!cluster) return [];
    if (cluster.asn === spec.asn) {
      throw new Error(`${where}: cluster ${cluster.name} has the router's own ASN ${spec.asn}`);
    }
    const gateway = need(
      tenant.gateway.ipv6,
      `${where}: tenant ${tenant.name} has no IPv6 gateway`,
    );
    const egress = need(tenant.vms.ipv6, `${where}: tenant ${tenant.name} has no IPv6 VM subnet`);
    return [
      { index: plan.tenants.indexOf(tenant), cluster, interface: vlan.interface, gateway, egress },
    ];
  });
}

const nodeWhere = (s: Segment, n: NodePlan) => `${s.cluster.name} node ${n.name}`;

function nodeInput(
  s: Segment,
  node: NodePlan,
  spec: RouterSpec,
  options: Required<FrrPlanOptions>,
): NodeFrrInput {
  const { cluster } = s;
  const where = nodeWhere(s, node);
  const vip = node.role === "controlplane" ? [cluster.vip.ipv4, cluster.vip.ipv6] : [];
  const pools = [cluster.loadBalancers.ipv4, cluster.loadBalancers.ipv6].filter(present);
  return {
    hostname: node.name,
    asn: cluster.asn,
    routerId: need(
      node.loopback.ipv4,
      `${where}: no IPv4 loopback for the BGP router ID; ` +
        `give tenants[${s.index}].vmLoopbacks an IPv4 prefix`,
    ),
    loopback: need(node.loopback.ipv6, `${where}: no IPv6 loopback to peer from`),
    mesh: { interface: options.interfaces.mesh, ipv4: present(node.mesh.ipv4) },
    egress: { interface: options.interfaces.egress, prefix: s.egress },
    isis: { tag: cluster.name, net: isisNet(options.isisArea, node.id) },
    peer: { name: spec.name, address: s.gateway, asn: spec.asn },
    // The IPv4 loopback is announced because a static IPv4 route cannot point at the IPv6-only
    // egress address (FRR 8.4 staticd reads such a gateway as an interface name).
    announce: [
      node.loopback.ipv4?.toPrefix(),
      ...vip.map((a) => a?.toPrefix()),
      cluster.loadBalancers.ipv4,
      cluster.loadBalancers.ipv6,
    ].filter(present),
    discard: pools,
    timers: options.timers,
  };
}

function accept(s: Segment, rejects: readonly Prefix[]): PrefixRule[] {
  const { cluster } = s;
  const rule = (action: PrefixRule["action"], prefix: Prefix | undefined, orLonger: boolean) =>
    prefix ? [{ action, prefix, orLonger }] : [];
  // Seed 001's k8s-in chain, in its order, then the IPv4 equivalents.
  return [
    ...rejects.flatMap((p) => rule("deny", p, true)),
    ...rule("permit", cluster.loadBalancers.ipv6, true),
    ...rule("permit", cluster.vip.ipv6?.toPrefix(), false),
    ...rule("permit", cluster.loadBalancers.ipv4, true),
    ...rule("permit", cluster.vip.ipv4?.toPrefix(), false),
    ...cluster.nodes.flatMap((n) => rule("permit", n.loopback.ipv4?.toPrefix(), false)),
  ];
}

function peerGroup(s: Segment, rejects: readonly Prefix[]): RouterPeerGroup {
  return {
    name: s.cluster.name,
    asn: s.cluster.asn,
    interface: s.interface,
    source: s.gateway,
    prefix: s.egress,
    peers: s.cluster.nodes.map((n) => ({
      name: n.name,
      loopback: need(n.loopback.ipv6, `${nodeWhere(s, n)}: no IPv6 loopback to peer with`),
      via: need(n.address.ipv6, `${nodeWhere(s, n)}: no IPv6 egress address`),
    })),
    accept: accept(s, rejects),
  };
}

/** The router's input and every node's input behind it, in plan order. */
export function frrInputs(plan: Plan, spec: RouterSpec, opts: FrrPlanOptions = {}): EdgeFrrInputs {
  const options: Required<FrrPlanOptions> = {
    interfaces: opts.interfaces ?? SEED_INTERFACES,
    timers: opts.timers ?? EDGE_TIMERS,
    isisArea: opts.isisArea ?? ISIS_AREA,
    rejects: opts.rejects ?? [INTERNAL_CLASS],
  };
  const segs = segments(plan, spec);
  return {
    router: {
      hostname: spec.name,
      asn: spec.asn,
      routerId: spec.routerId,
      groups: segs.map((s) => peerGroup(s, options.rejects)),
      timers: options.timers,
    },
    nodes: segs.flatMap((s) => s.cluster.nodes.map((n) => nodeInput(s, n, spec, options))),
  };
}
