// Inputs of the FRR renderer: plain values, no Plan. `inputs.ts` projects them from the topology,
// one per machine that runs FRR (a Linux node, a Linux router).
import { Address, Family, Prefix } from "../../addressing/ip";
import { PrefixRule } from "../../topology/types";

export type { PrefixRule };

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

/** BGP timers of one neighbor, in seconds. */
export interface BgpTimers {
  readonly keepalive: number;
  readonly hold: number;
  /** Seconds between connection attempts while a session is down; absent: FRR's 120. */
  readonly connectRetry?: number;
}

/** One BGP neighbor: one end of a topology session, as FRR configures it. */
export interface FrrNeighbor {
  /** The other end's name (neighbor description). */
  readonly name: string;
  /** The other end's address. */
  readonly address: Address;
  readonly asn: number;
  /** The address this end speaks from (update-source). */
  readonly source: Address;
  /** eBGP multihop TTL; absent for an on-link peer. */
  readonly multihop?: number;
  /** Address families activated on the session. */
  readonly families: readonly Family[];
  /** Prefixes announced to the neighbor, either family; each must exist locally. */
  readonly announce: readonly Prefix[];
  /** Ordered import rules, either family; anything unmatched is rejected. */
  readonly accept: readonly PrefixRule[];
  /** Neighbors with the same group share one peer-group (a router's cluster peers). */
  readonly group?: string;
  readonly timers?: BgpTimers;
  readonly bfd?: BfdProfile;
}

/** An interface FRR configures: addresses held by zebra, IS-IS participation. */
export interface FrrInterface {
  readonly name: string;
  /** `<address>/<length>`, either family. */
  readonly addresses: readonly { readonly address: Address; readonly length: number }[];
  /** IS-IS on the interface: active (a mesh link) or passive (lo). */
  readonly isis?: "active" | "passive";
}

/** A machine's FRR: interfaces, IS-IS, static routes, BGP neighbors. */
export interface FrrInput {
  readonly hostname: string;
  readonly asn: number;
  /** IPv4 BGP router ID. */
  readonly routerId: Address;
  readonly interfaces: readonly FrrInterface[];
  /** IS-IS on the mesh (seed 001's loopback distribution), if the machine runs it. */
  readonly isis?: {
    readonly tag: string;
    readonly net: string;
    /** Families IS-IS routes: IPv6, and IPv4 only when the mesh has IPv4 addresses. */
    readonly families: readonly Family[];
    readonly timers: IsisTimers;
    readonly bfd?: BfdProfile;
  };
  /** Static routes; a route without `via` is a blackhole (anchors an aggregate announced). */
  readonly routes: readonly { readonly dst: Prefix; readonly via?: Address }[];
  readonly neighbors: readonly FrrNeighbor[];
}
