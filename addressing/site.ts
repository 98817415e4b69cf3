// The checked, defaulted description of a site: what the loader hands to `plan()`.
import type { ExpectSpec } from "../site/spec-expect";
import { Address, AddressRange, Prefix } from "./ip";

export type Encoding = "decimal-as-hex" | "hex";
export type Space = "tenant" | "internal" | "loopback";

export interface DualPrefix {
  readonly ipv4?: Prefix;
  readonly ipv6?: Prefix;
}

export interface DualAddress {
  readonly ipv4?: Address;
  readonly ipv6?: Address;
}

export interface PurposeLayout {
  readonly index: number;
  readonly encoding: Encoding;
  /** Prefix length, 0 for "this purpose has no IPv4". */
  readonly ipv4: number;
  /** Prefix length, 0 for "this purpose has no IPv6". */
  readonly ipv6: number;
  readonly space: Space;
  /**
   * The IPv6 position below the tenant block as a plain number, instead of `index` read through
   * `encoding`. Unset: the encoded index in a block of /48 or wider, COMPACT_IPV6_INDEX in a
   * longer (compact) block while `index` and `encoding` are the defaults.
   */
  readonly ipv6Index?: number;
}

export const PURPOSES = [
  "vms",
  "hostIdentities",
  "vmLoopbacks",
  "mesh",
  "pods",
  "services",
  "loadBalancers",
] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Layout extends Record<Purpose, PurposeLayout> {
  /** Block lengths; an unset IPv6 length follows the space (see tenantBlockLength). */
  readonly tenantBlock: {
    readonly ipv4: number;
    readonly ipv6?: number;
    readonly loopbackIpv6?: number;
  };
  readonly gateway: { readonly ipv4: number; readonly ipv6: bigint };
  readonly vip: { readonly in: "vms" | "vmLoopbacks"; readonly id: number };
  readonly nodePods: { readonly ipv4: number; readonly ipv6: number };
}

export type Carries = "management" | "cephPublic" | "cephCluster";

export interface BridgeSpec {
  readonly name: string;
  readonly ports: readonly string[];
  readonly vlanAware: boolean;
  readonly mtu?: number;
  readonly carries?: Carries;
  /** A homelab:segments entry the bridge carries untagged, for VMs (no host address). */
  readonly segment?: string;
}

export interface BondSpec {
  readonly name: string;
  readonly members: readonly string[];
  readonly mode: string;
  readonly hashPolicy: string;
  readonly mtu?: number;
  readonly carries?: Carries;
}

export interface VlanSpec {
  readonly on: string;
  readonly id: number;
  readonly mtu?: number;
  readonly carries?: Carries;
}

export interface HostNetworkSpec {
  readonly interfaces: readonly string[];
  readonly bridges: readonly BridgeSpec[];
  readonly bonds: readonly BondSpec[];
  readonly vlans: readonly VlanSpec[];
  readonly underlay: readonly string[];
  readonly vmBridge?: string;
  readonly gateway?: DualAddress;
}

export interface HostSpec {
  readonly name: string;
  readonly id: number;
  readonly management?: DualAddress;
  readonly loopback?: DualAddress;
  readonly cephPublic?: DualAddress;
  readonly cephCluster?: DualAddress;
  readonly network?: HostNetworkSpec;
}

export interface NodeSpec {
  readonly name: string;
  readonly id: number;
  readonly role: "controlplane" | "worker";
  readonly podIndex?: number;
  readonly address?: DualAddress;
  readonly mesh?: DualAddress;
  readonly loopback?: DualAddress;
  readonly pods?: DualPrefix;
  readonly host?: string;
}

export interface VmSize {
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
}

export interface KubernetesSpec {
  readonly name: string;
  readonly pods?: DualPrefix;
  readonly services?: DualPrefix;
  readonly loadBalancers?: DualPrefix;
  readonly lbRanges?: readonly AddressRange[];
  readonly vip?: DualAddress;
  readonly nodes: readonly NodeSpec[];
  readonly announcement: "bgp" | "l2";
  readonly vmIdBase?: number;
  readonly controlPlane: VmSize;
  readonly worker: VmSize;
  readonly lbSegment?: string;
  readonly serviceIps: readonly { readonly service: string; readonly address: string }[];
  readonly bgpPeers?: readonly {
    readonly name: string;
    readonly address: string;
    readonly asn: number;
  }[];
  readonly nodeOs: "talos" | "linux";
  readonly routablePods?: boolean;
  readonly frr: { readonly user: string; readonly mesh: string; readonly egress: string };
  /** Cloud image of the nodes' VMs (nodeOs: linux). */
  readonly image: CloudImage;
  /** Debian packages the nodes install besides FRR (nodeOs: linux). */
  readonly packages: readonly string[];
  /** Routes every node adds, or derived routes they replace (same destination). */
  readonly routes: readonly RouteSpec[];
}

/** The cloud images a VM can boot (render/cloud-init/images.ts pins each one's URL and checksum). */
export const CLOUD_IMAGES = ["debian-12", "debian-13", "ubuntu-24.04", "ubuntu-26.04"] as const;
export type CloudImage = (typeof CLOUD_IMAGES)[number];

/** A static route of a cloud-init VM, as configured. */
export interface RouteSpec {
  /** Destination; `0.0.0.0/0` or `::/0` for a default route. */
  readonly to: string;
  /** Gateway: must lie on a network of the VM, in the destination's family. */
  readonly via: string;
  readonly metric?: number;
  /** Treat the gateway as on-link even outside the NIC's subnet (iproute2 `onlink`). */
  readonly onLink?: boolean;
}

/** A network a plain VM sits on, by name, with optional address overrides. */
export interface VmNetworkSpec {
  /** A homelab:segments name, a global network (management, cephPublic, cephCluster), a tenant
   * name (its VM subnet), or `<tenant>.mesh` (its mesh). */
  readonly network: string;
  readonly ipv4?: Address;
  readonly ipv6?: Address;
  /** Purpose of the segment's static range the address is meant to sit in. */
  readonly inRange?: string;
  /** The NIC's name in the VM (netplan set-name); default `net<N>`, N the NIC's index. */
  readonly name?: string;
}

/** K3s server settings a VM's cloud-init writes to /etc/rancher/k3s/config.yaml. */
export interface K3sSpec {
  readonly pods: DualPrefix;
  readonly services: DualPrefix;
  /** An address, unchecked here. Default: the 10th address of the first service prefix (K3s's
   * own convention). */
  readonly clusterDns?: string;
}

/** A plain VM from a cloud image (homelab:vms). */
export interface VmSpec {
  readonly name: string;
  /** The VM's offset in each of its networks, like a node ID. */
  readonly id: number;
  /** Proxmox VM ID. */
  readonly vmId: number;
  readonly host: string;
  readonly cores: number;
  /** MiB. */
  readonly memory: number;
  /** GiB. */
  readonly disk: number;
  readonly image: CloudImage;
  /** Data disks beside the boot disk (scsi1, scsi2, ...). */
  readonly disks?: readonly DataDisk[];
  readonly networks: readonly VmNetworkSpec[];
  readonly routes: readonly RouteSpec[];
  readonly packages: readonly string[];
  /** Connections the VM's service opens (vms[].outbound): flows the site needs. */
  readonly outbound?: readonly OutboundSpec[];
  /**
   * DNS servers; default: the `nameservers` of the first segment of its networks that has some,
   * else talos.nameservers; either in the families the VM has addresses in.
   */
  readonly nameservers?: readonly string[];
  readonly k3s?: K3sSpec;
}

/**
 * A connection a VM's own service opens (`vms[].outbound`): to `internet` or a machine of the plan,
 * on a transport protocol and destination ports, with what needs it.
 */
export interface OutboundSpec {
  readonly to: string;
  readonly protocol: "tcp" | "udp";
  readonly ports: readonly number[];
  readonly why: string;
}

/** A router's uplink as configured: interfaces and the IPv6 egress. */
export interface UplinkSpec {
  readonly interfaces: readonly string[];
  readonly ipv6?: {
    readonly mode: "netmap" | "masquerade" | "routed";
    readonly prefix?: Prefix;
  };
}

export interface RouterSpecConfig {
  readonly name: string;
  readonly os: "routeros" | "frr" | "linux" | "external";
  readonly version: string;
  readonly asn?: number;
  readonly routerId?: Address;
  readonly ssh?: { readonly host: string; readonly user?: string; readonly port: number };
  /** Addresses besides the tenant gateways: `address` is `<address>/<length>`, unchecked here. */
  readonly addresses: readonly { readonly interface: string; readonly address: string }[];
  readonly vlans: readonly {
    readonly interface: string;
    readonly tenant: number;
    readonly filterChain: string;
  }[];
  readonly rejects: readonly string[];
  /** The interface the router's VLAN interfaces ride on (RouterOS `/interface/vlan interface=`). */
  readonly trunk?: string;
  /** The router runs the factory (`defconf`) firewall (routers[].defconf). */
  readonly defconf?: boolean;
  /** Static routes in the main table, as configured (unchecked here). */
  readonly routes: readonly { readonly to: string; readonly via: string }[];
  /** BGP peers outside the stack, as configured (addresses unchecked here). */
  readonly bgpPeers: readonly {
    readonly name: string;
    readonly address: string;
    readonly asn: number;
    readonly localAddress?: string;
    readonly multihop?: boolean;
    /** BFD on the connection (`use-bfd=yes`). */
    readonly bfd?: boolean;
  }[];
  /** The way to the internet (spec-routers.ts). */
  readonly uplink?: UplinkSpec;
  readonly dnsDomain?: string;
  readonly dnsRecords: readonly { readonly name: string; readonly address: string }[];
}

/** One `talos.registryMirrors` entry: a registry and the mirror endpoints Talos pulls it from. */
export interface RegistryMirror {
  /** The registry host as an image reference names it (`docker.io`, `ghcr.io`), or `*`. */
  readonly registry: string;
  /** Endpoint URLs (`https://mirror.lan:5000`), in the order Talos tries them. */
  readonly endpoints: readonly string[];
}

export interface TalosSettings {
  readonly version: string;
  readonly kubernetesVersion: string;
  readonly schematic: string;
  readonly factory: string;
  readonly nameservers: readonly string[];
  /**
   * Registry mirrors of every Talos node, in config order: the registry (`docker.io`, `ghcr.io`,
   * `*` for all) and its endpoint URLs (http or https, tried in order). Rendered as Talos's
   * `machine.registries.mirrors` (v1.11) or `RegistryMirrorConfig` documents (v1.12+); the
   * node's image flows go to the endpoints instead of the mirrored registries (topology/flows.ts).
   */
  readonly registryMirrors: readonly RegistryMirror[];
  readonly isoDatastore: string;
  readonly diskDatastore: string;
  readonly snippetDatastore: string;
  readonly installDisk: string;
  readonly ciliumVersion: string;
  readonly talosctl: string;
  readonly guestAgent: boolean;
}

/** First Cilium minor whose L2 announcements answer NDP (cilium/cilium#39648, v1.19). */
export const CILIUM_L2_NDP = { major: 1, minor: 19 } as const;

/**
 * Whether a Cilium chart version (`1.20.0`) answers NDP for L2-announced IPv6 addresses: from
 * 1.19 `l2announcements.enabled` with `ipv6.enabled` answers neighbor solicitations for them.
 */
export function ciliumAnswersNdp(version: string): boolean {
  const [major, minor] = version.split(".").map(Number);
  return (
    major > CILIUM_L2_NDP.major || (major === CILIUM_L2_NDP.major && minor >= CILIUM_L2_NDP.minor)
  );
}

export interface SharedSegmentSpec {
  readonly name: string;
  readonly prefix: Prefix;
  readonly reserved: readonly { readonly address: Address; readonly label: string }[];
  readonly peerStacks: readonly string[];
}

export interface TenantSpec {
  readonly id: number;
  readonly name: string;
  readonly mesh: boolean;
  readonly vni?: number;
  readonly asn?: number;
  readonly vms?: DualPrefix;
  readonly hostIdentities?: DualPrefix;
  readonly vmLoopbacks?: DualPrefix;
  readonly meshSubnet?: DualPrefix;
  readonly gateway?: DualAddress;
  /** Proxmox subnet `snat` on the tenant's VNet subnets. */
  readonly snat: boolean;
  readonly vlan?: number;
  readonly kubernetes?: KubernetesSpec;
}

/** A TCP/UDP destination port or an inclusive port range. */
export interface PortSpec {
  readonly from: number;
  readonly to: number;
}

/** One policy rule as configured: names of the plan, not addresses (topology/policy.ts). */
export interface PolicyRuleSpec {
  readonly name: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly protocol: "any" | "tcp" | "udp" | "icmp";
  /** Empty: every port. */
  readonly ports: readonly PortSpec[];
  readonly action: "allow" | "deny";
  readonly log: boolean;
  readonly why?: string;
}

/** The network policy as configured (`homelab:policy`), defaults applied. */
export interface PolicySpec {
  readonly default: "allow" | "deny";
  readonly log: boolean;
  readonly zones: readonly {
    readonly zone: string;
    readonly default: "allow" | "deny";
    readonly log: boolean;
  }[];
  readonly rules: readonly PolicyRuleSpec[];
}

/** No rules, every zone allows: what a site without `homelab:policy` gets. */
export const EMPTY_POLICY: PolicySpec = { default: "allow", log: false, zones: [], rules: [] };

export interface Site {
  readonly name: string;
  readonly description?: string;
  /** `tenantId` unset: decimal-as-hex in a 16-bit ID field, hex in an 8-bit one (compact). */
  readonly encoding: { readonly tenantId?: Encoding; readonly hostId: Encoding };
  readonly global: {
    readonly management: DualPrefix;
    readonly underlay?: DualPrefix;
    readonly hostLoopbacks?: DualPrefix;
    readonly tenantSpace?: DualPrefix;
    readonly internalSpace?: DualPrefix;
    readonly loopbackSpace?: DualPrefix;
    readonly cephPublic?: DualPrefix;
    readonly cephCluster?: DualPrefix;
  };
  readonly layout: Layout;
  readonly fabric: {
    readonly asn: { readonly router: number; readonly hosts: number; readonly tenantBase: number };
    readonly vxlan: { readonly vniBase: number; readonly vrfVni: number };
    readonly mtu: {
      readonly physical: number;
      readonly management: number;
      readonly vnet?: number;
      readonly underlayFamily: "ipv4" | "ipv6";
    };
  };
  readonly proxmox: {
    readonly endpoint?: string;
    readonly insecure: boolean;
    readonly protectZone: boolean;
    readonly protectManagement: boolean;
  };
  readonly sdn: {
    readonly zone: string;
    readonly controller: string;
    readonly fabric: string;
    readonly exitNodes: readonly string[];
    /** Proxmox `exitnodes-primary`: one of exitNodes. */
    readonly primaryExitNode?: string;
    /** Proxmox `exitnodes-local-routing`. */
    readonly exitNodesLocalRouting: boolean;
    readonly advertiseSubnets: boolean;
    /**
     * ARP/ND suppression in the EVPN zone; undefined: off when a VNet of the zone carries a
     * floating IP (planFloatingIps), on otherwise.
     */
    readonly arpNdSuppression?: boolean;
  };
  /** What the running site has already (homelab:existing). */
  readonly existing: ExistingSpec;
  readonly hostNetwork: HostNetworkSpec;
  readonly hosts: readonly HostSpec[];
  readonly tenants: readonly TenantSpec[];
  readonly talos: TalosSettings;
  readonly sharedSegments: readonly SharedSegmentSpec[];
  readonly routers: readonly RouterSpecConfig[];
  readonly segments: readonly SegmentSpec[];
  readonly devices: readonly DeviceSpec[];
  readonly notes: readonly string[];
  readonly dns: readonly { readonly name: string; readonly address: string }[];
  readonly vms: readonly VmSpec[];
  /** Whether homelab:vmSshKeys is set (its value stays with Pulumi's secrets). */
  readonly vmSshKeys: boolean;
  readonly policy: PolicySpec;
  /** The owner's expectations as configured (`homelab:expect`); resolved in topology/expect.ts. */
  readonly expect: readonly ExpectSpec[];
}

export interface SegmentSpec {
  readonly name: string;
  readonly vlan?: number;
  readonly ipv4?: Prefix;
  readonly ipv6?: Prefix;
  readonly mtu?: number;
  readonly purpose?: string;
  readonly gateway?: { readonly ipv4?: Address; readonly ipv6?: Address; readonly owner?: string };
  /** DNS servers of the segment, as written; its plain VMs' default resolvers. */
  readonly nameservers?: readonly string[];
  readonly managedBy?: string;
  readonly ranges: readonly {
    readonly range: AddressRange;
    readonly kind: "reserved" | "dhcp" | "pool" | "static";
    readonly purpose: string;
    /** How policy rules name the range. */
    readonly name?: string;
  }[];
}

export interface DeviceSpec {
  readonly name: string;
  readonly network: string;
  readonly ipv4?: Address;
  readonly ipv6?: Address;
  readonly purpose?: string;
  readonly inRange?: string;
}

export const DEFAULT_TALOS: TalosSettings = {
  version: "v1.13.9",
  kubernetesVersion: "v1.36.3",
  schematic: "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515",
  factory: "https://factory.talos.dev",
  nameservers: ["1.1.1.1", "2606:4700:4700::1111"],
  registryMirrors: [],
  isoDatastore: "local",
  diskDatastore: "local-lvm",
  snippetDatastore: "local",
  installDisk: "/dev/sda",
  ciliumVersion: "1.20.0",
  talosctl: "talosctl",
  guestAgent: true,
};

export const DEFAULT_SIZES = {
  controlPlane: { cores: 4, memory: 8192, disk: 40 },
  worker: { cores: 8, memory: 16384, disk: 100 },
  vm: { cores: 2, memory: 2048, disk: 16 },
} as const;

export const EMPTY_HOST_NETWORK: HostNetworkSpec = {
  interfaces: [],
  bridges: [],
  bonds: [],
  vlans: [],
  underlay: [],
};

export const DEFAULT_SDN: Site["sdn"] = {
  zone: "vxevpn01",
  controller: "evpnctl",
  fabric: "underlay",
  exitNodes: [],
  exitNodesLocalRouting: false,
  advertiseSubnets: true,
};

export interface ExistingSpec {
  /** Adopt each host's management bridge (vmbr0): every Proxmox VE install has one. */
  readonly managementBridge: boolean;
  readonly interfaces: readonly { readonly node: string; readonly names: readonly string[] }[];
  readonly sdn: {
    readonly controllers: readonly string[];
    readonly zones: readonly string[];
    readonly vnets: readonly string[];
    readonly subnets: readonly Prefix[];
  };
}

/** A fresh site but for the management bridge the installer made on each host. */
export const DEFAULT_EXISTING: ExistingSpec = {
  managementBridge: true,
  interfaces: [],
  sdn: { controllers: [], zones: [], vnets: [], subnets: [] },
};

export const DEFAULT_PROXMOX: Site["proxmox"] = {
  insecure: false,
  protectZone: true,
  protectManagement: true,
};

/** Seed 000's per-tenant pattern. */
export const DEFAULT_LAYOUT: Layout = {
  tenantBlock: { ipv4: 16 },
  vms: { index: 0, encoding: "hex", ipv4: 24, ipv6: 64, space: "tenant" },
  hostIdentities: { index: 255, encoding: "hex", ipv4: 24, ipv6: 64, space: "tenant" },
  vmLoopbacks: { index: 254, encoding: "hex", ipv4: 24, ipv6: 64, space: "tenant" },
  mesh: { index: 0, encoding: "hex", ipv4: 0, ipv6: 64, space: "internal" },
  pods: { index: 244, encoding: "decimal-as-hex", ipv4: 22, ipv6: 60, space: "tenant" },
  services: { index: 96, encoding: "decimal-as-hex", ipv4: 24, ipv6: 108, space: "tenant" },
  loadBalancers: { index: 27, encoding: "hex", ipv4: 24, ipv6: 112, space: "tenant" },
  gateway: { ipv4: 254, ipv6: 0xfffen },
  vip: { in: "vms", id: 250 },
  nodePods: { ipv4: 24, ipv6: 64 },
};

/**
 * An IPv6 space longer than this (a /48 ULA) is compact: one /56 per tenant, an 8-bit tenant ID
 * field and an 8-bit purpose field, instead of seed 000's /32 per tenant with 16-bit fields.
 */
export const WIDE_SPACE_MAX = 32;

/** The tenant block length in an IPv6 space: the layout's if set, else by the space's length. */
export function tenantBlockLength(
  set: number | undefined,
  space: number,
  loopback: boolean,
): number {
  if (set !== undefined) return set;
  if (space > WIDE_SPACE_MAX) return 56;
  return loopback ? 48 : 32;
}

/**
 * Where each purpose sits in a compact (/56) tenant block: the 8 bits above its /64s. The seed's
 * positions where they fit (vms 00, services 96, loadBalancers 1b, vmLoopbacks fe,
 * hostIdentities ff); pods need a /60 boundary and take 40-4f.
 */
export const COMPACT_IPV6_INDEX: Record<Purpose, number> = {
  vms: 0x00,
  hostIdentities: 0xff,
  vmLoopbacks: 0xfe,
  mesh: 0x00,
  pods: 0x40,
  services: 0x96,
  loadBalancers: 0x1b,
};

export const DEFAULT_FABRIC: Site["fabric"] = {
  asn: { router: 65000, hosts: 65001, tenantBase: 65000 },
  vxlan: { vniBase: 100000, vrfVni: 10000 },
  mtu: { physical: 9000, management: 1500, underlayFamily: "ipv4" },
};

/**
 * Bytes VXLAN adds to a VNet packet, by outer address family: the inner Ethernet header (14),
 * VXLAN (8), UDP (8) and the outer IP header (IPv4 20, IPv6 40).
 */
export const VXLAN_OVERHEAD = { ipv4: 50, ipv6: 70 } as const;

/** An empty data disk of a plain VM (vms[].disks[]): GiB, storage, whether vzdump backs it up. */
export interface DataDisk {
  readonly size: number;
  readonly datastore?: string;
  readonly backup?: boolean;
}
