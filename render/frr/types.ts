// Inputs of the FRR renderers: plain values, no Plan. `frr-plan.ts` derives them from the plan.
import { Address, Prefix } from "../../addressing/ip";

/** BGP timers, in seconds; both ends of a session should agree. */
export interface BgpTimers {
  readonly keepalive: number;
  readonly hold: number;
  /** Seconds between connection attempts while a session is down (FRR default 120). */
  readonly connectRetry: number;
}

/** A bfdd profile; detection time is intervalMs * multiplier. */
export interface BfdProfile {
  readonly name: string;
  /** Desired transmit and required receive interval, in milliseconds. */
  readonly intervalMs: number;
  readonly multiplier: number;
}

/** IS-IS timers, in seconds; adjacency hold time is helloInterval * helloMultiplier. */
export interface IsisTimers {
  readonly helloInterval: number;
  readonly helloMultiplier: number;
  /** Minimum time between two generations of the node's LSP (FRR default 30). */
  readonly lspGenInterval: number;
}

/** Failure detection shared by the router and the nodes. */
export interface EdgeTimers {
  readonly bgp: BgpTimers;
  /** BFD on every edge session and mesh adjacency; absent for none. */
  readonly bfd?: BfdProfile;
  readonly isis: IsisTimers;
}

/** A Kubernetes node running FRR: IS-IS on the mesh, eBGP from its loopback to the router. */
export interface NodeFrrInput {
  readonly hostname: string;
  readonly asn: number;
  /** IPv4 BGP router ID. */
  readonly routerId: Address;
  /** The IPv6 loopback on `lo`: BGP update-source, carried by IS-IS. */
  readonly loopback: Address;
  readonly mesh: {
    readonly interface: string;
    /** Whether the mesh has IPv4 addresses, without which IS-IS cannot route IPv4. */
    readonly ipv4: boolean;
  };
  /** The interface toward the router and its subnet. */
  readonly egress: { readonly interface: string; readonly prefix: Prefix };
  readonly isis: { readonly tag: string; readonly net: string };
  /** The edge router: its address on the egress subnet and its AS. */
  readonly peer: { readonly name: string; readonly address: Address; readonly asn: number };
  /** Prefixes announced to the router, either family; each must be in the RIB (e.g. on `lo`). */
  readonly announce: readonly Prefix[];
  /** Blackhole anchors: aggregates this node announces but does not route itself. */
  readonly discard: readonly Prefix[];
  readonly timers: EdgeTimers;
}

/** One line of an inbound filter; `orLonger` also matches more-specifics (RouterOS `dst in`). */
export interface PrefixRule {
  readonly action: "permit" | "deny";
  readonly prefix: Prefix;
  readonly orLonger: boolean;
}

/** A node as the router sees it: a session to its loopback, reached via its egress address. */
export interface RouterPeer {
  readonly name: string;
  readonly loopback: Address;
  readonly via: Address;
}

/** The peers of one cluster on one router interface, with the cluster's inbound filter. */
export interface RouterPeerGroup {
  /** Peer-group name, also the stem of its filter names. */
  readonly name: string;
  readonly asn: number;
  readonly interface: string;
  /** The router's own address on the segment (the tenant gateway): the session source. */
  readonly source: Address;
  readonly prefix: Prefix;
  readonly peers: readonly RouterPeer[];
  /** Ordered inbound rules, either family; anything unmatched is rejected. */
  readonly accept: readonly PrefixRule[];
}

/** The edge router rendered as FRR (in the lab it stands in for RouterOS). */
export interface RouterFrrInput {
  readonly hostname: string;
  readonly asn: number;
  readonly routerId: Address;
  readonly groups: readonly RouterPeerGroup[];
  readonly timers: EdgeTimers;
}
