// The network policy as the topology holds it: zones (the routed segments and the internet), rules
// whose names are resolved to address sets of both families, and the points that enforce them.
// Every renderer (nftables, RouterOS, the Proxmox firewall, the inventory) and the packet probes
// read these objects, so the rules a device gets and the rules the probes expect are one thing.
import { Address, Family } from "../addressing/ip";
import { AddressSet } from "./address-set";

/** What a rule or a zone default does with the traffic it decides. */
export type PolicyAction = "allow" | "deny";
/** IP protocol of a rule; `icmp` is ICMP in IPv4 and ICMPv6 in IPv6. */
export type PolicyProtocol = "any" | "tcp" | "udp" | "icmp";

/** An inclusive range of TCP/UDP ports. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** A zone: a segment some router holds an address on, or everything outside the site. */
export interface Zone {
  /** The segment's name, or `internet`. */
  readonly name: string;
  /** The topology segment ID; absent for the internet. */
  readonly segment?: string;
  /** Addresses in the zone: the segment's prefixes (and a tenant's pods, pools, loopbacks). */
  readonly set: AddressSet;
  /** What happens to traffic from this zone to another one that no rule decides. */
  readonly default: PolicyAction;
  readonly log: boolean;
  /** Config path the default comes from (`policy.zones[2]`, or `policy.default`). */
  readonly path: string;
}

/** A name of a rule, resolved. */
export interface PolicyTarget {
  /** As written in the config (`workload`, `host:pve1`, `internet`). */
  readonly name: string;
  readonly kind:
    | "segment"
    | "tenant"
    | "cluster"
    | "host"
    | "node"
    | "vm"
    | "device"
    | "router"
    | "range"
    | "pool"
    | "service"
    | "internet"
    | "any";
  readonly set: AddressSet;
}

/** One rule with its names resolved; `src` and `dst` are the unions of its targets. */
export interface PolicyRule {
  readonly name: string;
  /** `policy.rules[<index>]`. */
  readonly path: string;
  readonly index: number;
  readonly from: readonly PolicyTarget[];
  readonly to: readonly PolicyTarget[];
  readonly src: AddressSet;
  readonly dst: AddressSet;
  /**
   * The part of `dst` that names a router itself (`to: edge`): a router's own addresses are
   * filtered only by rules that name it, never by a zone or `any`.
   */
  readonly routerDst: AddressSet;
  readonly protocol: PolicyProtocol;
  /** Empty: every port (or no ports: icmp, any). */
  readonly ports: readonly PortRange[];
  readonly action: PolicyAction;
  readonly log: boolean;
  /** Families in which both the source and the destination hold addresses. */
  readonly families: readonly Family[];
  readonly why?: string;
}

/**
 * Where the policy is enforced:
 * - `router`: a router this stack configures (RouterOS filter rules, nftables on Linux): every
 *   rule, every destination;
 * - `proxmox`: a Proxmox host's own firewall, for its own addresses, where the router in front
 *   of it is not configured by this stack;
 * - `manual`: a router this stack does not configure (seed 002's UniFi gateway): the rules for
 *   every destination the hosts do not filter themselves, listed under Manual steps.
 */
export interface PolicyPoint {
  readonly kind: "router" | "proxmox" | "manual";
  /** The router's or the host's name. */
  readonly device: string;
  /** The destinations whose traffic this point decides; traffic to others passes it. */
  readonly domain: AddressSet;
  /** Addresses the device itself holds: traffic to them is the device's input. */
  readonly own: AddressSet;
  /**
   * A RouterOS router that runs MikroTik's factory firewall (routers[].defconf): its `defconf`
   * accepts and drops decide what no rule of the policy does (policy-eval.ts decide). Absent: the
   * router's own firewall is taken to drop nothing.
   */
  readonly defconf?: DefconfPoint;
}

/**
 * What the policy's model of a factory (`defconf`) RouterOS router needs beyond its rules: whether
 * the internet comes in by it, and the input accepts the script places above the factory drops
 * for its BGP sessions (render/routeros/state.ts sessionFilters).
 */
export interface DefconfPoint {
  /** Config path of the key (`routers[<i>].defconf`), for messages. */
  readonly path: string;
  /**
   * The internet enters the site by this router (it has routers[].uplink, or the plan has one
   * router and none has an uplink): its forward drop for `WAN` decides the internet's traffic.
   */
  readonly wan: boolean;
  /** Per BGP session end on the router: the peer's address, TCP 179 and its BFD's UDP port. */
  readonly sessions: readonly {
    readonly src: Address;
    readonly protocol: "tcp" | "udp";
    readonly port: number;
  }[];
}

/** The policy of a site: its zones, its rules in order, and where each is enforced. */
export interface Policy {
  /** Routed zones in segment order, then the internet. */
  readonly zones: readonly Zone[];
  readonly rules: readonly PolicyRule[];
  readonly points: readonly PolicyPoint[];
  /** Every address the site allocates; the internet is its complement. */
  readonly site: AddressSet;
  /** Addresses held by routers (their input, not forwarded traffic). */
  readonly routers: AddressSet;
  /**
   * Addresses of named things (hosts, nodes, devices) and who holds them: preferred as probe
   * endpoints, and never both ends of one probe (a device talking to itself is not routed).
   */
  readonly known: readonly { readonly address: Address; readonly device: string }[];
}

/** A packet as the policy sees it: TCP/UDP with a destination port, or ICMP. */
export interface Flow {
  readonly src: Address;
  readonly dst: Address;
  readonly protocol: "tcp" | "udp" | "icmp";
  /** TCP/UDP only. */
  readonly port?: number;
}

/** What decides a flow: a rule, a zone's default, the zone itself (not routed), router input. */
export type DecidedBy =
  | { readonly kind: "rule"; readonly index: number }
  | { readonly kind: "default"; readonly zone: string }
  | { readonly kind: "intra"; readonly zone: string }
  | { readonly kind: "input" }
  /** A factory (`defconf`) accept or drop of `device`, by its comment (`rule`); `path`: the key. */
  | {
      readonly kind: "defconf";
      readonly device: string;
      readonly rule: string;
      readonly path: string;
    };

/** The policy's verdict on a flow, and what gave it. */
export interface Decision {
  readonly action: PolicyAction;
  readonly by: DecidedBy;
}

/** One packet probe: a flow and what the policy says must happen to it. */
export interface Probe {
  /** `rule=<name>` or `default=<zone>`: the tag the rendered rules carry in their comments. */
  readonly tag: string;
  readonly flow: Flow;
  readonly srcZone: string;
  readonly dstZone: string;
  readonly expect: PolicyAction;
}
