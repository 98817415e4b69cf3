// The site as devices, interfaces, addresses, routes and BGP sessions: one vendor-independent
// model (Batfish's habit, NetBox's Device -> Interface -> IP address) built once from the validated
// plan. Every renderer is a projection of it, so two configs that describe one thing (the two ends
// of a session, an announced prefix and the interface that holds it) come from one object.
// Pure data: no Pulumi, no I/O.
import { Address, Family, Prefix } from "../addressing/ip";
import type { RouterEgress } from "./egress";
import type { Expectation } from "./expect";
import { Policy } from "./policy-types";

/**
 * What puts a value on a device: the rendered config of a target, or nobody ("manual": listed in
 * the inventory under "Manual steps", never shown as applied; "default": the OS default, e.g. a
 * NIC left at MTU 1500). "cloud-init" is the network config v2 a Linux VM boots with.
 */
export type Carrier =
  "proxmox" | "talos" | "cilium" | "frr" | "routeros" | "cloud-init" | "manual" | "default";

/** Software that realises a device or a part of it. */
export type Software = "proxmox" | "talos" | "cilium" | "frr" | "linux" | "routeros" | "external";

/** An address an interface holds. */
export interface HeldAddress {
  readonly address: Address;
  /** Length of the subnet the address sits in on this interface (/32, /128 on a loopback). */
  readonly length: number;
  readonly role: "interface" | "gateway" | "anycast-gateway" | "loopback" | "vip";
  readonly carrier: Carrier;
  /** Config path of the value, for messages. */
  readonly path: string;
}

/** A network interface as the OS names it. */
export interface Interface {
  /** The name the OS really gives it (`ens18` on a Talos VM, `vmbr0.10` on a Proxmox host). */
  readonly name: string;
  readonly kind: "nic" | "bond" | "bridge" | "vlan" | "loopback" | "vnet";
  readonly mac?: string;
  /** Bytes. */
  readonly mtu: number;
  /** What sets the MTU ("default" when nothing does and `mtu` is the OS default 1500). */
  readonly mtuCarrier: Carrier;
  /** The L2 segment the interface is attached to (untagged), by segment ID. */
  readonly segment?: string;
  /** Segments a VLAN-aware bridge or a router trunk carries tagged: segment ID and VLAN ID. */
  readonly tagged?: readonly { readonly segment: string; readonly vlan: number }[];
  /** The device below this one: a VLAN's parent, a bond's or bridge's ports. */
  readonly lower?: readonly string[];
  readonly addresses: readonly HeldAddress[];
}

/** A route a device's config installs. */
export interface Route {
  /** `0.0.0.0/0` or `::/0` for a default route. */
  readonly dst: Prefix;
  readonly via?: Address;
  /** Outgoing interface; required for a blackhole's absence of one (`blackhole` kind). */
  readonly dev?: string;
  readonly kind: "static" | "blackhole";
  readonly carrier: Carrier;
  /** Route metric, where the config sets one (seed 001's Ceph routes: 100). */
  readonly metric?: number;
  /** The gateway is on-link on `dev` (iproute2 `onlink`). */
  readonly onLink?: boolean;
}

/** A BGP speaker on a device. */
export interface BgpSpeaker {
  readonly asn: number;
  readonly routerId?: Address;
  /** The BGP implementation: Cilium's BGP control plane is GoBGP. */
  readonly software: "cilium" | "frr" | "routeros" | "external";
  readonly carrier: Carrier;
}

export type DeviceKind = "host" | "node" | "vm" | "router" | "external";

export interface Device {
  /** Unique across the topology. */
  readonly name: string;
  readonly kind: DeviceKind;
  readonly software: readonly Software[];
  /** Config path of the device. */
  readonly path: string;
  readonly interfaces: readonly Interface[];
  readonly routes: readonly Route[];
  readonly speaker?: BgpSpeaker;
  /** A Kubernetes node: its cluster, tenant, role and the Proxmox host its VM runs on. */
  readonly node?: {
    readonly cluster: string;
    readonly tenant: number;
    readonly role: "controlplane" | "worker";
    readonly id: number;
    readonly host?: string;
  };
  /** A plain VM (homelab:vms): the Proxmox host it runs on and its VM ID. */
  readonly vm?: { readonly host: string; readonly vmId: number };
}

/** An L2 network: a VNet, a VLAN, a shared segment or a declared segment. */
export interface Segment {
  readonly id: string;
  readonly name: string;
  readonly kind: "vnet" | "vlan" | "segment" | "management";
  /** The VLAN ID it is carried on, where it is a VLAN. */
  readonly vlan?: number;
  /** Prefixes on-link on the segment. */
  readonly prefixes: readonly Prefix[];
  /** Bytes, where the plan sets it. */
  readonly mtu?: number;
  /** Config path that defines it. */
  readonly path: string;
}

/** One line of an import filter: `orLonger` also matches more-specifics (RouterOS `dst in`). */
export interface PrefixRule {
  readonly action: "permit" | "deny";
  readonly prefix: Prefix;
  readonly orLonger: boolean;
}

/** A prefix a BGP speaker announces, and how it exists in the announcer's routing table. */
export interface Announcement {
  readonly prefix: Prefix;
  readonly what: "loadbalancer" | "vip" | "loopback";
  /**
   * `connected`: an address on an interface of the announcer (a loopback or VIP on `lo`);
   * `blackhole`: a blackhole route anchors an aggregate the announcer does not route itself;
   * `cni`: Cilium's LB IPAM hands the addresses to Services and its BGP control plane announces
   * them without a kernel route.
   */
  readonly source: "connected" | "blackhole" | "cni";
}

/**
 * BFD on a BGP session (RFC 5880; single hop RFC 5881, multihop RFC 5883 when the session is
 * eBGP multihop): both directions at `intervalMs`, the peer declared down after `multiplier`
 * missed packets (detection time intervalMs x multiplier).
 */
export interface SessionBfd {
  /** Name of the FRR bfdd profile that carries the timers (RouterOS has no profiles). */
  readonly profile: string;
  /** Desired minimum transmit and required minimum receive interval, milliseconds. */
  readonly intervalMs: number;
  /** Detect multiplier. */
  readonly multiplier: number;
}

/** BGP timers in seconds and BFD in milliseconds, as one end configures them. */
export interface SessionTimers {
  /** Seconds between KEEPALIVE messages (RFC 4271 section 4.4). */
  readonly keepalive: number;
  /** Hold time offered in OPEN, seconds; the session uses the lower of both ends' (RFC 4271). */
  readonly hold: number;
  /**
   * Seconds between attempts to open the TCP connection; absent where the end's config has no
   * such setting (a RouterOS connection), which then keeps its implementation's behaviour.
   */
  readonly connectRetry?: number;
  /** BFD on the session, or absent for none. */
  readonly bfd?: SessionBfd;
}

/** One end of a BGP session. */
export interface SessionEnd {
  readonly device: string;
  readonly asn: number;
  /** The address this end speaks from (its TCP source). */
  readonly address: Address;
  /** The interface that holds `address`. */
  readonly interface: string;
  /**
   * TTL of the session's packets when the peer is not on a subnet this end is connected to
   * (eBGP multihop), or absent for an on-link session (TTL 1).
   */
  readonly multihop?: number;
  /** How this end reaches the other end's address: connected, or this route. */
  readonly reach: "connected" | Route;
  /** What this end announces over the session. */
  readonly announces: readonly Announcement[];
  /** This end's import filter, in order; anything unmatched is rejected. */
  readonly accepts: readonly PrefixRule[];
  /**
   * `unmanaged`: the stack writes no import filter at this end and `accepts` is empty: the
   * router keeps its own (a routers[].bgpPeers session with a peer outside the stack).
   */
  readonly importFilter?: "unmanaged";
  /** What configures this end. */
  readonly carrier: Carrier;
  /** How this end names the other end (connection name, neighbor description). */
  readonly peerName: string;
  readonly timers?: SessionTimers;
  /**
   * BFD at an end whose BGP timers the stack leaves to the router (a routers[].bgpPeers entry
   * with `bfd: true`, and its external peer's end); an end with `timers` has it in `timers.bfd`.
   * Read both through `sessionBfd`.
   */
  readonly bfd?: SessionBfd;
}

/** The BFD an end runs: its timers' BFD, else its own `bfd` (routers[].bgpPeers), else none. */
export function sessionBfd(end: SessionEnd): SessionBfd | undefined {
  return end.timers?.bfd ?? end.bfd;
}

/** A BGP session: one object, two ends. */
export interface BgpSession {
  /** `<device a>~<device b>~v<transport family>`. */
  readonly id: string;
  /** Family of the two addresses. */
  readonly transport: Family;
  /** Address families (AFI) both ends negotiate. */
  readonly families: readonly Family[];
  readonly ends: readonly [SessionEnd, SessionEnd];
  /** Config path that makes the session exist, for messages. */
  readonly path: string;
}

/** A planned value no rendered config carries: who must set what, where. */
export interface ManualStep {
  /** The device or system the step is done on. */
  readonly device: string;
  /** What to set, with the exact value. */
  readonly what: string;
  /** Why the plan needs it. */
  readonly why: string;
}

export interface Topology {
  readonly site: string;
  readonly devices: readonly Device[];
  readonly segments: readonly Segment[];
  readonly sessions: readonly BgpSession[];
  readonly manualSteps: readonly ManualStep[];
  /** The network policy with its names resolved (topology/policy.ts); absent without one. */
  readonly policy?: Policy;
  /** Each RouterOS or Linux router's way out (topology/egress.ts); absent: none has an uplink. */
  readonly egress?: readonly RouterEgress[];
  /** The owner's expectations, resolved and checked against the policy (topology/expect.ts). */
  readonly expectations?: readonly Expectation[];
}
