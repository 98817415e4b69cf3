// The twin of a site as namespaces, links and daemons: what twin/realise.ts creates, built from
// a preview's artifacts by twin/site/build.ts. Every value here comes from an artifact or from a
// rule of the device the twin models (named in `modelledBy` and in the notes), never from the plan.
import { Family } from "../../addressing/ip";

/** A bridge inside a namespace (a Proxmox bridge, a VNet, a switch segment, a dummy stand-in). */
export interface TwinBridge {
  readonly name: string;
  /** Bytes. */
  readonly mtu: number;
  readonly mac?: string;
  /** `address/length`. */
  readonly addresses: readonly string[];
}

/** A veth pair; `a` is the end that belongs to the device that declares it. */
export interface TwinVeth {
  readonly a: TwinVethEnd;
  readonly b: TwinVethEnd;
}

/** One end of a veth: its namespace, name, MTU, MAC, bridge and addresses. */
export interface TwinVethEnd {
  /** Namespace (twin node name). */
  readonly node: string;
  readonly name: string;
  readonly mtu: number;
  readonly mac?: string;
  readonly master?: string;
  readonly addresses: readonly string[];
}

/** A VXLAN device with static head-end replication toward `remotes`. */
export interface TwinVxlan {
  readonly node: string;
  readonly name: string;
  readonly vni: number;
  readonly local: string;
  readonly mtu: number;
  readonly master: string;
  readonly remotes: readonly string[];
}

/** A kernel route (`ip route add`), as an artifact states it. */
export interface TwinRoute {
  readonly node: string;
  readonly dst: string;
  readonly via?: string;
  readonly dev?: string;
  readonly src?: string;
  readonly metric?: number;
  readonly onLink?: boolean;
  /**
   * ECMP: the next hops of one multipath route (`nexthop via A nexthop via B`), instead of `via`;
   * `dev` and `onLink` then apply to each next hop.
   */
  readonly nexthops?: readonly string[];
  /** The routing table (`table N`); the main table when absent. */
  readonly table?: number;
  /**
   * Source-specific: only packets from this `address/length` use the route (`ip rule from` it to
   * a table of its own, the route in that table); the main table does not hold it. Not with `table`.
   */
  readonly from?: string;
}

/** A policy routing rule (`ip [-6] rule add iif <iif> lookup <table>`): a VRF standing in. */
export interface TwinRule {
  readonly node: string;
  readonly family: Family;
  /** The interface whose packets look up `table` first (then the main table, as unmatched). */
  readonly iif: string;
  readonly table: number;
}

/** GoBGP standing in for Cilium's BGP control plane on one node. */
export interface TwinGobgp {
  readonly node: string;
  /** gobgpd's TOML configuration. */
  readonly config: string;
  /** Prefixes added to the global RIB after start, as Cilium adds its service addresses. */
  readonly announce: readonly { readonly prefix: string; readonly family: Family }[];
  /** The peers Cilium's objects give the node: address, ASN and the families it activates. */
  readonly peers: readonly { readonly address: string; readonly families: readonly Family[] }[];
}

/** FRR in one namespace: the integrated frr.conf and the daemons it needs. */
export interface TwinFrr {
  readonly node: string;
  readonly conf: string;
  readonly daemons: readonly ("zebra" | "staticd" | "bfdd" | "isisd" | "bgpd")[];
}

/** A ruleset loaded with `nft -f` in a device's namespace: the policy as that device enforces it. */
export interface TwinFirewall {
  /** Namespace (twin node name). */
  readonly node: string;
  /** The artifacts it comes from, e.g. `nftables/router-server.nft`. */
  readonly sources: readonly string[];
  /** How the artifacts become nftables, one phrase: "as it is", "through the Proxmox model". */
  readonly how: string;
  /** The nftables text loaded. */
  readonly ruleset: string;
}

/** A policy probe (policy.json's one per rule and zone default) between two namespaces. */
export interface TwinProbe {
  /** `rule=<name>` or `default=<zone>`. */
  readonly tag: string;
  readonly src: string;
  readonly dst: string;
  readonly protocol: "tcp" | "udp" | "icmp";
  /** TCP/UDP destination port. */
  readonly port?: number;
  /** What the policy says: the probe gets a reply (`allow`) or none (`deny`). */
  readonly expect: "allow" | "deny";
  /** The namespaces that hold `src` and `dst`. */
  readonly from: string;
  readonly to: string;
  /**
   * Other namespaces holding `dst` too (a LoadBalancer address on every node that announces it,
   * reached by ECMP): their probe servers run as well, so whichever gets the probe answers it.
   */
  readonly alsoAt?: readonly string[];
}

/**
 * An owner's expectation (expectations.json) as the twin probes it: a flow between the
 * namespaces that hold its addresses (`from`/`to` absent when no namespace holds one), a BGP
 * session's two ends, or a VIP and the devices that may hold it.
 */
export type TwinExpectation =
  | (Omit<TwinProbe, "tag" | "expect" | "from" | "to"> & {
      readonly kind: "reach" | "deny";
      readonly name: string;
      readonly from?: string;
      readonly to?: string;
    })
  | {
      readonly kind: "session";
      readonly name: string;
      readonly ends: readonly { readonly device: string; readonly address: string }[];
    }
  | {
      readonly kind: "failover";
      readonly name: string;
      readonly vip: string;
      readonly holders: readonly string[];
      /**
       * A Talos shared VIP: each holder that is a Talos node, with the link its rendered machine
       * config puts the VIP on (`Layer2VIPConfig` v1.12+, `machine.network.interfaces[].vip`
       * before), or none where its config holds no such VIP. Absent for a VIP no Talos node of
       * the twin is named to hold (an anycast VIP on FRR nodes).
       */
      readonly talos?: readonly { readonly node: string; readonly link?: string }[];
    };

/**
 * A distinct flow of the site (flows.json) as the twin probes it: one packet from a representative
 * machine's namespace to the namespace holding the destination (the internet namespace for the
 * outside, a stand-in address for a host name).
 */
export interface TwinFlow extends Omit<TwinProbe, "tag" | "expect"> {
  /** The distinct flow's name (flows.json `group`). */
  readonly name: string;
  /** What the packet stands for: the representative and the machines of the group, the host name. */
  readonly about: string;
}

/** A distinct flow the twin does not probe, and why (never counted as passed). */
export interface TwinFlowSkip {
  readonly name: string;
  readonly why: string;
}

/** A device of the site and what plays it in the twin. */
export interface TwinDevice {
  /** Namespace name (without the lab prefix): the device's own name. */
  readonly name: string;
  /** `endpoint`: a namespace holding policy probe addresses no device of the site holds. */
  readonly kind: "host" | "node" | "vm" | "router" | "stand-in" | "switch" | "endpoint";
  /** One line: what realises it, e.g. "Talos node: talos/lab-cp1.yaml on iproute2, GoBGP". */
  readonly modelledBy: string;
  /** Extra sysctls (`key=value`), e.g. arp_ignore for an L2-announcing NIC. */
  readonly sysctls: readonly string[];
}

/** A service address Cilium L2 announcements answer for on a node's matched NIC. */
export interface TwinL2Answer {
  /** The elected node; "" when the policy matches no NIC of any node (nothing answers). */
  readonly node: string;
  /** The NIC that answers, or the policy's regexes when none matched. */
  readonly iface: string;
  readonly address: string;
}

/** A jumbo-frame path the artifacts promise: a host interface's configured MTU and its peers. */
export interface TwinJumbo {
  readonly node: string;
  readonly iface: string;
  /** The MTU the artifact configures (bytes). */
  readonly mtu: number;
  /** Addresses of the other hosts on the same subnet. */
  readonly peers: readonly string[];
}

/** The whole twin: devices, links, addresses, routes and daemons, and the notes it prints. */
export interface TwinSite {
  readonly stack: string;
  readonly devices: readonly TwinDevice[];
  readonly bridges: readonly (TwinBridge & { readonly node: string })[];
  readonly veths: readonly TwinVeth[];
  readonly vxlans: readonly TwinVxlan[];
  /** Addresses on `lo` (loopbacks, VIPs). */
  readonly loopbacks: readonly { readonly node: string; readonly address: string }[];
  readonly routes: readonly TwinRoute[];
  /** Policy routing rules (VRFs as routing tables: this kernel has no `vrf` links). */
  readonly rules: readonly TwinRule[];
  readonly frr: readonly TwinFrr[];
  readonly gobgp: readonly TwinGobgp[];
  readonly l2: readonly TwinL2Answer[];
  readonly jumbo: readonly TwinJumbo[];
  /** The policy's rulesets, each loaded in the namespace of the device that enforces it. */
  readonly firewalls: readonly TwinFirewall[];
  /** The policy's probes, run once every ruleset is loaded. */
  readonly probes: readonly TwinProbe[];
  /** The owner's expectations (expectations.json), each checked and reported by name. */
  readonly expectations: readonly TwinExpectation[];
  /** The site's own flows (flows.json) the twin probes, one per distinct flow. */
  readonly flows: readonly TwinFlow[];
  /** The distinct flows it does not probe, with the reason. */
  readonly flowSkips: readonly TwinFlowSkip[];
  /**
   * The policy's probes and the owner's reach/deny expectations it does not send (an address no
   * namespace can hold), named as their check would be (a policy probe without its namespaces),
   * with the reason; never counted as passed.
   */
  readonly probeSkips: readonly TwinFlowSkip[];
  /** What the twin models instead of running, and manual steps it applied; one line each. */
  readonly notes: readonly string[];
}
