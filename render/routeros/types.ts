// The desired state of one RouterOS v7 router, as the renderer takes it: typed values only
// (addresses and prefixes are already-parsed values from addressing/ip.ts), one list per menu.
import { Address, Family, Prefix } from "../../addressing/ip";

export const BGP_LOCAL_ROLES = [
  "ebgp",
  "ebgp-customer",
  "ebgp-peer",
  "ebgp-provider",
  "ebgp-rs",
  "ebgp-rs-client",
  "ibgp",
  "ibgp-rr",
  "ibgp-rr-client",
] as const;
export type BgpLocalRole = (typeof BGP_LOCAL_ROLES)[number];

/** RouterOS names the IPv4 unicast family "ip". */
export const BGP_ADDRESS_FAMILIES = ["ip", "ipv6"] as const;
export type BgpAddressFamily = (typeof BGP_ADDRESS_FAMILIES)[number];

/** An address of the router itself (`/ip/address` or `/ipv6/address`, by family). */
export interface InterfaceAddress {
  /** Interface that holds the address, e.g. the VLAN interface "vlan101". */
  readonly interface: string;
  /** The router's address. */
  readonly address: Address;
  /** The subnet the address is on: only its length is written; the address must lie inside. */
  readonly network: Prefix;
  /** IPv6 only: advertise the prefix in router advertisements (default false). */
  readonly advertise?: boolean;
}

/**
 * A static route in the main table (`/ip/route` or `/ipv6/route`, by family). Several routes to
 * one destination through different gateways are ECMP (RouterOS v7: equal distance).
 */
export interface StaticRoute {
  readonly dst: Prefix;
  readonly gateway: Address;
}

/**
 * BFD timers of one peer (RFC 5880): a `/routing/bfd/configuration` entry. The session runs at
 * the slower of this end's `min-tx` and the peer's required receive interval, and the peer is
 * declared down after `multiplier` intervals without a packet.
 */
export interface BfdTimers {
  /** Desired minimum transmit interval, milliseconds (`min-tx`). */
  readonly minTxMs: number;
  /** Required minimum receive interval, milliseconds (`min-rx`). */
  readonly minRxMs: number;
  /** Detect multiplier (`multiplier`). */
  readonly multiplier: number;
}

/** A `/routing/bgp/connection`. */
export interface BgpConnection {
  /** Connection name; unique on the router. */
  readonly name: string;
  readonly remoteAddress: Address;
  readonly remoteAs: number;
  readonly localRole: BgpLocalRole;
  /** The peer is not on a connected subnet (e.g. it peers from a loopback). */
  readonly multihop: boolean;
  /** Update source: the router's address the session is sourced from; unmanaged if absent. */
  readonly localAddress?: Address;
  /** Routing filter chain applied to received routes; unmanaged if absent. */
  readonly inputFilter?: string;
  /** Families exchanged over the session (`afi` / `address-families`). */
  readonly addressFamilies: readonly BgpAddressFamily[];
  /** Hold time offered to the peer, seconds (`hold-time`); unmanaged if absent. */
  readonly holdTime?: number;
  /** Seconds between keepalives (`keepalive-time`); unmanaged if absent. */
  readonly keepaliveTime?: number;
  /**
   * BFD with the peer (RouterOS 7.15 and later): `use-bfd=yes` and a BFD configuration entry for
   * the remote address with these timers, multihop when `multihop` is. Absent: `use-bfd=no`.
   */
  readonly bfd?: BfdTimers;
  /** The router interface toward an on-link peer: its single-hop BFD entry names it. */
  readonly interface?: string;
}

export interface BgpSettings {
  /** The router's AS number. */
  readonly asn: number;
  /** Name of the `/routing/bgp/instance` this stack owns (RouterOS 7.20 and later only). */
  readonly instance: string;
  /** BGP router ID (an IPv4 address); unmanaged if absent. */
  readonly routerId?: Address;
  readonly connections: readonly BgpConnection[];
}

/** A `/routing/filter/rule`; rules of a chain are kept in the order they are listed. */
export interface FilterRule {
  readonly chain: string;
  /** Rule text in RouterOS filter syntax, e.g. `if (dst in fc00::/8) { reject }`. */
  readonly rule: string;
}

/** An `/interface/vlan` entry: a VLAN interface on the router's trunk (routers[].trunk). */
export interface VlanInterface {
  readonly name: string;
  /** VLAN ID, 1-4094. */
  readonly vlanId: number;
  /** The interface it rides on. */
  readonly interface: string;
  /** Bytes; absent: RouterOS's own (1500). */
  readonly mtu?: number;
}

/** An `/ip/dns/static` record: type A or AAAA follows the address family. */
export interface DnsRecord {
  readonly name: string;
  readonly address: Address;
}

/** An address list entry (`/ip/firewall/address-list` or `/ipv6/...`, by the prefix's family). */
export interface AddressListEntry {
  readonly list: string;
  readonly address: Prefix;
}

/** One side of a filter rule: an address list, or everything outside it (`!list`). */
export interface ListMatch {
  readonly list: string;
  readonly negate: boolean;
}

/** A `/ip/firewall/filter` or `/ipv6/firewall/filter` rule; rules keep their order. */
export interface FirewallFilter {
  readonly family: Family;
  readonly chain: "forward" | "input";
  readonly action: "accept" | "drop";
  readonly src?: ListMatch;
  readonly dst?: ListMatch;
  /** One source address (`src-address`): a BGP or BFD peer's session rule only. */
  readonly srcAddress?: Address;
  /** The interface the packet comes in on (`in-interface`): a session rule of an on-link peer. */
  readonly inInterface?: string;
  readonly protocol?: "tcp" | "udp" | "icmp" | "icmpv6";
  /** `22,443` or `5404-5412`, TCP/UDP only. */
  readonly dstPort?: string;
  readonly connectionState?: readonly ("established" | "related" | "invalid")[];
  /** `dstnat`: connections a dst-nat rule rewrote (port forwards), conntrack's dnat status. */
  readonly connectionNatState?: "dstnat";
  readonly log: boolean;
  /**
   * What the rule is for (`rule=<name>`, `bgp=<connection>`, `bfd=<connection>`): part of its
   * key, and its log prefix.
   */
  readonly tag: string;
}

/** The policy on a RouterOS router: address lists and filter rules of both families. */
export interface RouterOsFirewall {
  readonly addressLists: readonly AddressListEntry[];
  readonly filters: readonly FirewallFilter[];
}

/**
 * A source NAT rule (`/ip/firewall/nat` or `/ipv6/firewall/nat` by family, `chain=srcnat`): the
 * way out of the site's private or unique local sources through an uplink (topology/egress.ts).
 * RouterOS v7 has IPv6 NAT with the same actions (help.mikrotik.com, "NAT", IPv6 section).
 */
export interface NatRule {
  readonly family: Family;
  /** `masquerade`: to the out-interface's address; `netmap`: the same host bits in `toAddress`. */
  readonly action: "masquerade" | "netmap";
  readonly outInterface: string;
  readonly srcAddress: Prefix;
  /** `netmap` only: the prefix `srcAddress` maps onto, of the same length. */
  readonly toAddress?: Prefix;
}

export interface RouterOsDesiredState {
  /** Router name, for the script header only. */
  readonly router: string;
  /** Stack that owns the entries: the `managed-by=` part of every managed comment. */
  readonly stack: string;
  /** Target RouterOS version, e.g. "7.19": decides property names that changed within v7. */
  readonly version: string;
  /**
   * VLAN interfaces the script creates (or adopts) on the trunk: present (possibly empty) for a
   * router with routers[].trunk, whose stale managed ones are then pruned; absent: the script
   * leaves /interface/vlan alone.
   */
  readonly vlans?: readonly VlanInterface[];
  /**
   * Interfaces the script makes members of the interface list `LAN` (`/interface/list/member`),
   * when the router has that list (a factory `defconf` configuration has it, and its firewall's
   * `in-interface-list=!LAN` drops decide on everything else): every interface the router holds
   * a site address on, never an uplink interface (those belong in `WAN`), nor one on a zone whose
   * default denies (state.ts lanMembership: `LAN` would open the router to it). MikroTik's VLAN
   * examples on a defconf router add each new VLAN interface to `LAN` the same way. Present
   * (possibly empty): stale managed memberships are pruned; absent: the script leaves
   * /interface/list/member alone.
   */
  readonly lanMembers?: readonly string[];
  /**
   * Interfaces held with a site address that stay out of `LAN`, each with why (a zone whose
   * default denies): stated in the script's header, so that the `--routeros-base` dry run says
   * so instead of advising to add them.
   */
  readonly lanKeptOut?: readonly { readonly interface: string; readonly why: string }[];
  readonly addresses: readonly InterfaceAddress[];
  readonly routes: readonly StaticRoute[];
  /** Absent: the stack manages no BGP instance or connection (existing managed ones are pruned). */
  readonly bgp?: BgpSettings;
  readonly filterRules: readonly FilterRule[];
  readonly dns: readonly DnsRecord[];
  /** The policy's firewall; absent or empty: the stack owns no firewall entry (stale ones go). */
  readonly firewall?: RouterOsFirewall;
  /**
   * Source NAT toward the uplink (none without an uplink). The NAT menus are pruned either way:
   * a managed entry no longer listed here (an uplink removed or changed) is removed.
   */
  readonly nat?: readonly NatRule[];
}
