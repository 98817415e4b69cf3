// What a preview folder's artifacts say, read back into one vendor-independent shape: for each
// device an artifact configures, the addresses it holds, its routes, and its BGP speaker with the
// neighbors it configures. Built only from the rendered files (RouterOS scripts run through the
// RouterOS menu model, frr.conf parsed, Talos patches and Cilium objects read as YAML, VM NICs
// from resources.json), never from the plan or the topology, so that a renderer that drifts from
// the topology shows up as two configs that disagree.
import { Address, Family, Prefix } from "../../addressing/ip";

/** An address an artifact puts on an interface, with the length of its subnet. */
export interface ObservedAddress {
  readonly address: Address;
  readonly length: number;
  readonly iface: string;
  /** A shared VIP (Talos): held, but never a session's source or a subnet. */
  readonly vip?: boolean;
}

/** A route an artifact installs; no `via` and `blackhole` for a discard route. */
export interface ObservedRoute {
  readonly dst: Prefix;
  readonly via?: Address;
  readonly blackhole?: boolean;
  readonly iface?: string;
}

/**
 * BFD on a session as one end's config states it (RFC 5880): its desired minimum transmit and
 * required minimum receive intervals and detect multiplier, or why the end asks for BFD and
 * cannot run it (RouterOS: `use-bfd=yes` and no configuration entry matches the peer).
 */
export type ObservedBfd =
  | {
      readonly txMs: number;
      readonly rxMs: number;
      readonly multiplier: number;
      /** Where the timers come from, for messages (`profile edge`, `bfd-config fd00::11`). */
      readonly from: string;
    }
  | { readonly unusable: string };

/** A BGP neighbor as one end's config states it. */
export interface ObservedNeighbor {
  /** Name or description the config gives the neighbor. */
  readonly name: string;
  readonly address: Address;
  readonly asn: number;
  /** The address this end speaks from, where the config states it (update-source). */
  readonly source?: Address;
  /** eBGP multihop TTL, or undefined for an on-link (TTL 1) session. */
  readonly multihop?: number;
  /** Address families activated. */
  readonly families: readonly Family[];
  /** Whether this end's import policy accepts a prefix received from the neighbor. */
  readonly accepts: (p: Prefix) => boolean;
  /** What this end announces to the neighbor. */
  readonly announces: readonly Prefix[];
  /** BFD toward the neighbor; absent for none. */
  readonly bfd?: ObservedBfd;
  /** Keepalive and hold time in seconds where the config states them for this neighbor. */
  readonly timers?: { readonly keepalive: number; readonly hold: number };
}

/** One device as its artifacts configure it. */
export interface ObservedDevice {
  readonly name: string;
  /** The artifacts it was read from, relative to the preview folder. */
  readonly sources: readonly string[];
  /** What configures it: the kind of artifact. */
  readonly kind: "routeros" | "frr" | "talos" | "external" | "linux";
  readonly addresses: readonly ObservedAddress[];
  readonly routes: readonly ObservedRoute[];
  readonly bgp?: {
    readonly asn: number;
    /** Which software speaks: Cilium's BGP control plane (GoBGP), FRR, RouterOS. */
    readonly speaker: "cilium" | "frr" | "routeros" | "external";
    readonly neighbors: readonly ObservedNeighbor[];
  };
  /** NIC names in VM order, where the VM definition gives them (Talos on Proxmox). */
  readonly nics?: readonly string[];
  /** Interface regexes an L2 announcement policy binds on this node, and the pool ranges. */
  readonly l2?: { readonly interfaces: readonly string[]; readonly blocks: readonly Prefix[] };
  /** Kubernetes settings from a Talos patch: pod subnets and the node CIDR mask flags. */
  readonly kubernetes?: {
    readonly podSubnets: readonly Prefix[];
    readonly nodeCidrMaskSize: Readonly<Partial<Record<Family, number>>>;
  };
}
