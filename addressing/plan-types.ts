// The derived plan: every address, prefix, ID, ASN and MTU of a site, plus the facts the
// validator checks (who owns what, what must sit inside what, what must not overlap).
import type { ExpectSpec } from "../site/spec-expect";
import { Address, AddressRange, Prefix } from "./ip";
import { Problem } from "./problems";
import {
  CloudImage,
  DataDisk,
  DualAddress,
  DualPrefix,
  PolicySpec,
  SharedSegmentSpec,
  Site,
  OutboundSpec,
  TalosSettings,
} from "./site";

/** An address on an interface, with the length of the subnet it sits in (10.10.0.1/24). */
export interface InterfaceAddress {
  readonly address: Address;
  readonly length: number;
}

export interface DevicePlan {
  readonly kind: "bridge" | "bond" | "vlan";
  readonly name: string;
  readonly mtu: number;
  /** Config path of the device, for messages and resource naming. */
  readonly path: string;
  readonly ports?: readonly string[];
  readonly vlanAware?: boolean;
  readonly members?: readonly string[];
  readonly mode?: string;
  readonly hashPolicy?: string;
  readonly parent?: string;
  readonly vlanId?: number;
  readonly carries?: "management" | "cephPublic" | "cephCluster";
  /** A declared segment a bridge carries untagged for VMs (no host address). */
  readonly segment?: string;
  readonly ipv4?: InterfaceAddress;
  readonly ipv6?: InterfaceAddress;
  readonly gateway?: DualAddress;
}

export interface HostNetworkPlan {
  /** The host's physical NICs, as the host names them. */
  readonly interfaces: readonly string[];
  readonly devices: readonly DevicePlan[];
  /** Interfaces of the OpenFabric underlay. */
  readonly underlay: readonly string[];
  readonly vmBridge?: string;
}

export interface HostPlan {
  readonly name: string;
  readonly id: number;
  readonly network: HostNetworkPlan;
  readonly management: DualAddress;
  readonly loopback: DualAddress;
  readonly cephPublic: DualAddress;
  readonly cephCluster: DualAddress;
}

export interface NodePlan {
  readonly name: string;
  readonly id: number;
  readonly role: "controlplane" | "worker";
  readonly address: DualAddress;
  readonly mesh: DualAddress;
  readonly loopback: DualAddress;
  readonly pods: DualPrefix;
}

export interface ClusterPlan {
  readonly name: string;
  readonly asn: number;
  readonly pods: DualPrefix;
  readonly services: DualPrefix;
  readonly loadBalancers: DualPrefix;
  /**
   * Gateway of a LoadBalancer prefix carried on-link beside the node subnet (L2 announcement of a
   * pool outside the node subnet): the segment's gateway device holds it, the pool excludes it.
   */
  readonly lbGateway: DualAddress;
  readonly lbRanges: readonly AddressRange[];
  readonly vip: DualAddress;
  readonly nodes: readonly NodePlan[];
  /** Name of the shared segment the IPv4 pool lives in, if any (seed 004). */
  readonly lbSegment?: string;
  readonly announcement: "bgp" | "l2";
  /** One VM per node, in node order. */
  readonly vms: readonly VmPlan[];
  readonly serviceIps: readonly ServiceIpPlan[];
  /** Explicit BGP peers; absent means the tenant gateway at the router's ASN. */
  readonly bgpPeers?: readonly {
    readonly name: string;
    readonly address: Address;
    readonly asn: number;
  }[];
  readonly nodeOs: "talos" | "linux";
  readonly frr: { readonly user: string; readonly mesh: string; readonly egress: string };
  /** The nodes' VMs when they run plain Linux: cloud image, extra packages, configured routes. */
  readonly linux: {
    readonly image: CloudImage;
    readonly packages: readonly string[];
    readonly routes: readonly ConfiguredRoute[];
  };
  /** Pods share the node subnet (seed 002). */
  readonly routablePods: boolean;
}

export interface RouterPlan {
  readonly name: string;
  /** `external`: declared, not configured by this stack (its part is listed as manual steps). */
  /** `linux`: FRR plus an nftables ruleset (the policy), both delivered over SSH. */
  readonly os: "routeros" | "frr" | "linux" | "external";
  readonly version: string;
  readonly asn: number;
  readonly routerId?: Address;
  /** Absent only for an external router. */
  readonly ssh?: { readonly host: string; readonly user: string; readonly port: number };
  /** Addresses the router holds besides the tenant gateways, on the named interfaces. */
  readonly addresses: readonly RouterAddress[];
  readonly vlans: readonly {
    readonly interface: string;
    readonly tenant: number;
    readonly filterChain: string;
  }[];
  readonly rejects: readonly Prefix[];
  /** The interface the router's VLAN interfaces ride on (routers[].trunk); absent: none made. */
  readonly trunk?: string;
  /**
   * The router runs MikroTik's factory firewall (routers[].defconf): the policy's model of it
   * (topology/policy-eval.ts decide) takes the `defconf` drops into account. Absent: false.
   */
  readonly defconf?: true;
  /** Configured static routes (main table), destination and gateway in one family. */
  readonly routes: readonly RouterRoute[];
  /** BGP peers outside the stack (routers[].bgpPeers), parsed. */
  readonly bgpPeers: readonly RouterBgpPeer[];
  /** The router's way to the internet (routers[].uplink); absent: none. */
  readonly uplink?: UplinkPlan;
  readonly dnsDomain?: string;
  readonly dnsRecords: readonly { readonly name: string; readonly address: Address }[];
}

/** A BGP peer of a router outside the stack (homelab:routers[].bgpPeers). */
export interface RouterBgpPeer {
  readonly name: string;
  readonly address: Address;
  readonly asn: number;
  readonly localAddress?: Address;
  readonly multihop?: boolean;
  /** BFD on the connection (`use-bfd=yes`), from RouterOS 7.15 on. */
  readonly bfd?: boolean;
  /** Config path of the peer, for messages. */
  readonly path: string;
}

/** A configured static route of a router (homelab:routers[].routes). */
export interface RouterRoute {
  readonly dst: Prefix;
  readonly via: Address;
  /** Config path of the route, for messages. */
  readonly path: string;
}

/**
 * A router's uplink: the interfaces toward the internet (IPv4 leaving them from private subnets is
 * masqueraded) and how IPv6 leaves (absent: it does not).
 */
export interface UplinkPlan {
  /** Config path, for messages (`routers[0].uplink`). */
  readonly path: string;
  readonly interfaces: readonly string[];
  readonly ipv6?: {
    readonly mode: "netmap" | "masquerade" | "routed";
    /** The global prefix unique local /64s map into (`netmap` only). */
    readonly prefix?: Prefix;
  };
}

/** An address a router holds on one of its interfaces, besides the tenant gateways. */
export interface RouterAddress extends InterfaceAddress {
  readonly interface: string;
  /** Config path of the address, for messages. */
  readonly path: string;
}

export interface SegmentPlan {
  readonly name: string;
  readonly vlan?: number;
  readonly prefixes: DualPrefix;
  readonly gateway: DualAddress;
  readonly gatewayOwner?: string;
  readonly mtu?: number;
  readonly purpose?: string;
  /** What provisions the segment when this program does not. */
  readonly managedBy?: string;
  readonly ranges: readonly {
    readonly range: AddressRange;
    readonly kind: "reserved" | "dhcp" | "pool" | "static";
    readonly purpose: string;
    /** How policy rules name the range. */
    readonly name?: string;
  }[];
}

export interface DeviceEntry {
  readonly name: string;
  /** Segment name or global network name. */
  readonly network: string;
  readonly address: DualAddress;
  readonly purpose?: string;
  readonly inRange?: string;
}

export interface VmPlan {
  readonly node: string;
  readonly host: string;
  readonly vmId: number;
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
}

/** A route given in config, checked: destination, gateway in the same family, options. */
export interface ConfiguredRoute {
  readonly dst: Prefix;
  readonly via: Address;
  readonly metric?: number;
  readonly onLink?: boolean;
  /** Config path of the route, for messages. */
  readonly path: string;
}

/** Where a VM's network is, as the topology names it. */
export type VmNetworkRef =
  | { readonly kind: "tenant" | "mesh"; readonly tenant: number }
  | { readonly kind: "segment" | "global"; readonly name: string };

/** Where a VM's NIC attaches on its host: a VNet, or a bridge (tagged with a VLAN or not). */
export type NicAttachment =
  { readonly vnet: string } | { readonly bridge: string; readonly vlan?: number };

/** One network (NIC) of a plain VM. */
export interface VmNetworkPlan {
  /** The network as configured (`lan`, `sol`, `sol.mesh`, `management`). */
  readonly network: string;
  readonly ref: VmNetworkRef;
  readonly path: string;
  readonly subnet: DualPrefix;
  readonly address: DualAddress;
  readonly gateway: DualAddress;
  readonly attach: NicAttachment;
  /** Bytes, where the network has an MTU (a VNet, a segment that sets one). */
  readonly mtu?: number;
  /** Purpose of the segment's static range the address is meant to sit in. */
  readonly inRange?: string;
  /** The NIC's name in the VM (netplan set-name). */
  readonly name: string;
}

/** A plain VM booted from a cloud image with cloud-init (homelab:vms). */
export interface CloudVmPlan {
  readonly name: string;
  readonly id: number;
  readonly vmId: number;
  readonly host: string;
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
  /** Data disks beside the boot disk, in order (scsi1, scsi2, ...). */
  readonly disks: readonly DataDisk[];
  readonly image: CloudImage;
  readonly path: string;
  readonly networks: readonly VmNetworkPlan[];
  /** Configured routes, each with the index of the network whose NIC it uses. */
  readonly routes: readonly (ConfiguredRoute & { readonly nic: number })[];
  readonly packages: readonly string[];
  /** Connections the VM's service opens (vms[].outbound), as configured. */
  readonly outbound: readonly OutboundSpec[];
  readonly nameservers: readonly Address[];
  readonly k3s?: {
    readonly pods: DualPrefix;
    readonly services: DualPrefix;
    readonly clusterDns: Address;
  };
}

export interface ServiceIpPlan {
  readonly path: string;
  readonly service: string;
  readonly address: Address;
}

export interface TenantPlan {
  readonly id: number;
  readonly name: string;
  readonly vni: number;
  readonly asn: number;
  /** The tenant's block in each space it uses. */
  readonly blocks: {
    readonly tenant: DualPrefix;
    readonly internal: DualPrefix;
    readonly loopback: DualPrefix;
  };
  readonly vms: DualPrefix;
  readonly gateway: DualAddress;
  readonly hostIdentities: DualPrefix;
  readonly hostAddresses: readonly { readonly host: string; readonly address: DualAddress }[];
  readonly vmLoopbacks: DualPrefix;
  readonly mesh?: { readonly subnet: DualPrefix; readonly gateway: DualAddress };
  /** Egress VLAN on the VM bridge (seed 001), when the VM subnet lives behind the router. */
  readonly vlan?: number;
  /** The tenant's SDN VNet: the VM subnet (seed 000) or, with an egress VLAN, the mesh (seed 001). */
  readonly vnet?: VnetPlan;
  readonly kubernetes?: ClusterPlan;
}

export interface VnetPlan {
  readonly id: string;
  readonly vni: number;
  readonly carries: "vms" | "mesh";
  readonly subnets: readonly {
    readonly prefix: Prefix;
    readonly gateway?: Address;
    /** Proxmox subnet `snat` (tenants[].snat): SNAT on the exit nodes. */
    readonly snat?: boolean;
  }[];
}

export interface SdnPlan {
  readonly zone: string;
  readonly controller: string;
  readonly vrfVni: number;
  readonly mtu: number;
  readonly asn: number;
  /** EVPN peers: the hosts' loopbacks. */
  readonly peers: readonly Address[];
  readonly exitNodes: readonly string[];
  /** Proxmox `exitnodes-primary`: the exit node all outgoing traffic leaves by. */
  readonly primaryExitNode?: string;
  /** Proxmox `exitnodes-local-routing`. */
  readonly exitNodesLocalRouting: boolean;
  readonly advertiseSubnets: boolean;
  /** ARP/ND suppression; false writes disable-arp-nd-suppression on the zone. */
  readonly arpNdSuppression: boolean;
  readonly nodes: readonly string[];
  /** The OpenFabric underlay, when any host has underlay interfaces. */
  readonly fabric?: { readonly id: string; readonly ipv4?: Prefix; readonly ipv6?: Prefix };
}

/**
 * What exists on the running site and is adopted (Pulumi's `import` option) rather than created,
 * from homelab:existing checked against the plan. IDs are Proxmox's.
 */
export interface ExistingPlan {
  /** Per node, the interfaces (bridges, bonds, VLANs) that exist; management bridges included. */
  readonly interfaces: readonly { readonly node: string; readonly names: readonly string[] }[];
  readonly controllers: readonly string[];
  readonly zones: readonly string[];
  readonly vnets: readonly string[];
  /** Subnets that exist, with the VNet and zone their Proxmox ID is made of. */
  readonly subnets: readonly {
    readonly vnet: string;
    readonly zone: string;
    readonly prefix: string;
  }[];
}

export interface ProxmoxPlan {
  readonly endpoint?: string;
  readonly insecure: boolean;
  readonly protectZone: boolean;
  readonly protectManagement: boolean;
}

export interface PrefixFact {
  readonly path: string;
  readonly prefix: Prefix;
  /** What the prefix is, for messages and the inventory. */
  readonly label: string;
  /** What this prefix must lie inside; `name` is how messages refer to it. */
  readonly parent?: { readonly path: string; readonly prefix: Prefix; readonly name: string };
  /** How messages refer to this prefix: its config path, or a description for derived blocks. */
  readonly name: string;
  /** Set when the prefix is derived from another config value (e.g. a tenant ID): that value. */
  readonly derivedFrom?: string;
  /** Suggested fix if the prefix turns out not to be inside its parent. */
  readonly fix?: string;
  /** Prefixes sharing a group key must be pairwise disjoint. */
  readonly groups: readonly string[];
}

export interface AddressFact {
  readonly path: string;
  readonly address: Address;
  readonly label: string;
  readonly within?: { readonly path: string; readonly prefix: Prefix; readonly name: string };
  /** Set when the address is derived from another config value (e.g. a host ID): that value. */
  readonly derivedFrom?: string;
}

export interface RangeFact {
  readonly path: string;
  readonly range: AddressRange;
  readonly within?: { readonly path: string; readonly prefix: Prefix; readonly name: string };
}

export interface IdFact {
  readonly path: string;
  /** IDs of one kind must be unique (e.g. "vni", "tenant id", "hostname"). */
  readonly kind: string;
  readonly value: number | string;
  /** The config value at `path` when the ID is derived from it (e.g. tenant ID 101 for VNI 100101). */
  readonly input?: string;
  /** How a derived ID was computed, for messages. */
  readonly derivation?: string;
}

export interface Facts {
  readonly prefixes: readonly PrefixFact[];
  readonly addresses: readonly AddressFact[];
  readonly ranges: readonly RangeFact[];
  readonly ids: readonly IdFact[];
}

export interface Plan {
  readonly site: string;
  readonly description?: string;
  readonly global: Site["global"];
  readonly fabric: {
    readonly asn: Site["fabric"]["asn"];
    readonly vrfVni: number;
    readonly mtu: {
      readonly physical: number;
      readonly management: number;
      readonly vnet: number;
      readonly underlayFamily: "ipv4" | "ipv6";
    };
  };
  readonly hosts: readonly HostPlan[];
  readonly tenants: readonly TenantPlan[];
  readonly sdn: SdnPlan;
  /** What exists already and is adopted by the first `pulumi up`. */
  readonly existing: ExistingPlan;
  readonly talos: TalosSettings;
  readonly routers: readonly RouterPlan[];
  readonly segments: readonly SegmentPlan[];
  readonly devices: readonly DeviceEntry[];
  /** Plain VMs (homelab:vms). */
  readonly vms: readonly CloudVmPlan[];
  /** Whether homelab:vmSshKeys is set; the keys themselves stay Pulumi secrets. */
  readonly vmSshKeys: boolean;
  readonly notes: readonly string[];
  /** Static DNS names, each pointing at an address the plan owns or hands out. */
  readonly dns: readonly { readonly name: string; readonly address: Address }[];
  /** DNS servers of the cluster nodes, parsed from talos.nameservers. */
  readonly nameservers: readonly Address[];
  readonly sharedSegments: readonly SharedSegmentSpec[];
  /** The network policy as configured; its names resolve in the topology (topology/policy.ts). */
  readonly policy: PolicySpec;
  /** The owner's expectations as configured; their names resolve in the topology (topology/expect.ts). */
  readonly expect: readonly ExpectSpec[];
  readonly proxmox: ProxmoxPlan;
  readonly facts: Facts;
  /** Questionable but legal choices (addressing/warnings.ts): shown, never fatal. */
  readonly warnings: readonly Problem[];
}
