// The Proxmox side of a preview, read from resources.json alone: each host's bridges, bonds and
// VLAN interfaces, the SDN fabric, EVPN zone, VNets and subnets, and every VM with its NICs in
// order. Only the inputs `pulumi up` would send are read; a field the twin needs and the resource
// lacks is an error naming the resource.
import { ArtifactMap } from "../readback/folder";

interface Recorded {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** A Linux bridge of a host (`network.linux.Bridge`). */
export interface HostBridge {
  readonly name: string;
  readonly ports: readonly string[];
  readonly vlanAware: boolean;
  /** Bytes. */
  readonly mtu: number;
  /** `address/length`, both families. */
  readonly addresses: readonly string[];
  /** Default gateways set on the bridge (`gateway`, `gateway6`). */
  readonly gateways: readonly string[];
}

/** A bond of a host (`network.linux.Bond`): the twin makes it one link. */
export interface HostBond {
  readonly name: string;
  readonly slaves: readonly string[];
  readonly mtu: number;
}

/** A VLAN interface of a host (`network.linux.Vlan`), named `<parent>.<vid>`. */
export interface HostVlan {
  readonly name: string;
  readonly parent: string;
  readonly vid: number;
  readonly mtu: number;
  readonly addresses: readonly string[];
  /** Default gateways set on the VLAN interface (`gateway`, `gateway6`). */
  readonly gateways: readonly string[];
}

/** A host's network as its Proxmox resources configure it. */
export interface ProxmoxHostNet {
  readonly name: string;
  readonly bridges: readonly HostBridge[];
  readonly bonds: readonly HostBond[];
  readonly vlans: readonly HostVlan[];
}

/** A VM NIC in VM order (net0, net1, ...): where it is plugged and its MAC. */
export interface VmNic {
  readonly bridge: string;
  readonly vlan?: number;
  readonly mac: string;
  /** Bytes; undefined when the resource leaves it to the default (1500). */
  readonly mtu?: number;
}

/** A VM (`VmLegacy`): its name, host, VM ID and NICs in order. */
export interface ProxmoxVm {
  readonly name: string;
  readonly host: string;
  readonly vmId: number;
  readonly nics: readonly VmNic[];
}

/** Proxmox SDN: the OpenFabric underlay, the EVPN zone with its VNets and their subnets. */
export interface ProxmoxSdn {
  /** Per host: the loopback addresses and the fabric's NICs. */
  readonly fabric: readonly { host: string; ip?: string; ip6?: string; nics: readonly string[] }[];
  readonly zone?: {
    readonly id: string;
    readonly mtu: number;
    readonly nodes: readonly string[];
    /** The zone's exit nodes (`exitNodes`): where its VRF leaks into the hosts' main table. */
    readonly exitNodes: readonly string[];
    /** The primary exit node (`primaryExitNode`): the only way out when set (Proxmox SDN docs). */
    readonly primaryExitNode?: string;
    /** The zone's VRF VNI (`vrfVxlan`): the twin's routing table number for the VRF. */
    readonly vrfVni?: number;
  };
  readonly controllerPeers: readonly string[];
  readonly vnets: readonly {
    readonly id: string;
    readonly vni: number;
    readonly subnets: readonly { cidr: string; gateway?: string }[];
  }[];
}

/** Everything resources.json says of the Proxmox side. */
export interface ProxmoxSite {
  readonly hosts: readonly ProxmoxHostNet[];
  readonly vms: readonly ProxmoxVm[];
  readonly sdn: ProxmoxSdn;
}

const str = (r: Recorded, key: string): string => {
  const v = r.inputs[key];
  if (typeof v !== "string" || v === "") throw new Error(`resources.json: ${r.name} has no ${key}`);
  return v;
};

const num = (r: Recorded, key: string, fallback?: number): number => {
  const v = r.inputs[key];
  if (typeof v === "number") return v;
  if (fallback !== undefined) return fallback;
  throw new Error(`resources.json: ${r.name} has no ${key}`);
};

const addrs = (r: Recorded): string[] =>
  ["address", "address6"].map((k) => r.inputs[k]).filter((v): v is string => typeof v === "string");

const gateways = (r: Recorded): string[] =>
  ["gateway", "gateway6"]
    .map((k) => r.inputs[k])
    .filter((v): v is string => typeof v === "string" && v !== "");

/** Linux's default MTU, which a bridge or NIC keeps when no resource sets one. */
export const DEFAULT_MTU = 1500;

/** Reads the Proxmox resources of a preview. Throws on a resource missing a field it needs. */
export function readProxmox(files: ArtifactMap): ProxmoxSite {
  const all = JSON.parse(files.get("resources.json") ?? "[]") as Recorded[];
  const of = (suffix: string) =>
    all.filter((r) => r.type.startsWith("proxmoxve:") && r.type.endsWith(suffix));
  const hosts = new Map<string, { bridges: HostBridge[]; bonds: HostBond[]; vlans: HostVlan[] }>();
  const host = (r: Recorded) => {
    const name = str(r, "nodeName");
    const h = hosts.get(name) ?? { bridges: [], bonds: [], vlans: [] };
    hosts.set(name, h);
    return h;
  };
  for (const r of of("/bridge:Bridge")) {
    host(r).bridges.push({
      name: str(r, "name"),
      ports: ((r.inputs.ports ?? []) as string[]).map(String),
      vlanAware: r.inputs.vlanAware === true,
      mtu: num(r, "mtu", DEFAULT_MTU),
      addresses: addrs(r),
      gateways: gateways(r),
    });
  }
  for (const r of of("/bond:Bond")) {
    host(r).bonds.push({
      name: str(r, "name"),
      slaves: ((r.inputs.slaves ?? []) as string[]).map(String),
      mtu: num(r, "mtu", DEFAULT_MTU),
    });
  }
  for (const r of of("/vlan:Vlan")) {
    const name = str(r, "name");
    const m = /^(.+)\.(\d+)$/.exec(name);
    if (!m) throw new Error(`resources.json: VLAN ${name} is not named <parent>.<vid>`);
    host(r).vlans.push({
      name,
      parent: m[1],
      vid: Number(m[2]),
      mtu: num(r, "mtu", DEFAULT_MTU),
      addresses: addrs(r),
      gateways: gateways(r),
    });
  }
  const vms = of(":VmLegacy").map((r) => ({
    name: str(r, "name"),
    host: str(r, "nodeName"),
    vmId: num(r, "vmId"),
    nics: ((r.inputs.networkDevices ?? []) as Record<string, unknown>[]).map((d) => ({
      bridge: String(d.bridge),
      ...(typeof d.vlanId === "number" ? { vlan: d.vlanId } : {}),
      mac: String(d.macAddress).toLowerCase(),
      ...(typeof d.mtu === "number" ? { mtu: d.mtu } : {}),
    })),
  }));
  const zone = of("sdn/zone/evpn:Evpn")[0];
  const sdn: ProxmoxSdn = {
    fabric: of("fabric/node/openfabric:Openfabric").map((r) => ({
      host: str(r, "nodeId"),
      ...(typeof r.inputs.ip === "string" ? { ip: r.inputs.ip } : {}),
      ...(typeof r.inputs.ip6 === "string" ? { ip6: r.inputs.ip6 } : {}),
      nics: ((r.inputs.interfaceNames ?? []) as string[]).map(String),
    })),
    ...(zone
      ? {
          zone: {
            id: str(zone, "resourceId"),
            mtu: num(zone, "mtu", DEFAULT_MTU),
            nodes: ((zone.inputs.nodes ?? []) as string[]).map(String),
            exitNodes: ((zone.inputs.exitNodes ?? []) as string[]).map(String),
            ...(typeof zone.inputs.primaryExitNode === "string"
              ? { primaryExitNode: zone.inputs.primaryExitNode }
              : {}),
            ...(zone.inputs.vrfVxlan !== undefined ? { vrfVni: Number(zone.inputs.vrfVxlan) } : {}),
          },
        }
      : {}),
    controllerPeers: of("controller/evpn:Evpn").flatMap((r) =>
      ((r.inputs.peers ?? []) as string[]).map(String),
    ),
    vnets: of("sdn/vnet:Vnet").map((v) => {
      const id = str(v, "resourceId");
      return {
        id,
        vni: num(v, "tag"),
        subnets: of("sdn/subnet:Subnet")
          .filter((s) => s.inputs.vnet === id)
          .map((s) => ({
            cidr: str(s, "cidr"),
            ...(typeof s.inputs.gateway === "string" ? { gateway: s.inputs.gateway } : {}),
          })),
      };
    }),
  };
  return {
    hosts: [...hosts].map(([name, h]) => ({ name, ...h })),
    vms,
    sdn,
  };
}
