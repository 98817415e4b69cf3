// Talos nodes read back from their machine-config patches, the VM definitions in resources.json
// (NIC order and MACs) and their cluster's Cilium objects: NIC addresses, routes and VIP, the
// Kubernetes node CIDR flags, and the BGP speaker Cilium's control plane (GoBGP) runs on each node
// with the peers, families, TTL and announced pool of its cluster's objects. A node belongs to the
// cluster whose Cilium values route its pod subnets natively.
import { parse } from "yaml";
import { Address, AddressRange, Family, Prefix } from "../../addressing/ip";
import { talosNicName } from "../../topology/nodes";
import { ObservedAddress, ObservedDevice, ObservedNeighbor, ObservedRoute } from "./types";

interface TalosIface {
  deviceSelector?: { hardwareAddr?: string };
  addresses?: string[];
  routes?: { network: string; gateway: string }[];
  vip?: { ip: string };
}

interface TalosDoc {
  machine?: { network?: { hostname?: string; interfaces?: TalosIface[] } };
  cluster?: {
    network?: { podSubnets?: string[] };
    controllerManager?: { extraArgs?: Record<string, string> };
  };
}

interface K8sObject {
  kind?: string;
  metadata?: { name?: string };
  spec?: Record<string, unknown>;
}

/** The VMs of resources.json by name: MACs of their NICs in order (net0, net1, ...). */
export function vmNics(resources: readonly { type: string; inputs: Record<string, unknown> }[]) {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    if (!r.type.endsWith(":VmLegacy")) continue;
    const devices = (r.inputs.networkDevices ?? []) as { macAddress?: string }[];
    out.set(
      String(r.inputs.name),
      devices.map((d) => String(d.macAddress).toLowerCase()),
    );
  }
  return out;
}

const cidr = (text: string) => {
  const [a, l] = text.split("/");
  return { address: Address.from(a), length: Number(l) };
};

const familyOf = (afi: string): Family => {
  if (afi === "ipv4") return 4;
  if (afi === "ipv6") return 6;
  throw new Error(`readback: unknown Cilium afi ${afi}`);
};

/** A cluster folder's objects, keyed by kind. */
function objects(files: ReadonlyMap<string, string>): K8sObject[] {
  return [...files.entries()]
    .filter(([name]) => name.startsWith("Cilium"))
    .map(([, text]) => parse(text) as K8sObject);
}

interface ClusterFiles {
  readonly dir: string;
  /** File name -> text, inside k8s/<dir>/. */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * The Talos nodes of a preview: `talos` maps file paths (talos/<node>.yaml) to text, `clusters`
 * holds each k8s/<dir> folder, `vms` the NIC MACs per VM name from resources.json.
 */
export function readTalos(
  talos: ReadonlyMap<string, string>,
  clusters: readonly ClusterFiles[],
  vms: ReadonlyMap<string, string[]>,
): ObservedDevice[] {
  const values = clusters.map((c) => {
    const text = c.files.get("cilium-values.yaml");
    const v = (text ? parse(text) : {}) as Record<string, unknown>;
    const routed = [v.ipv4NativeRoutingCIDR, v.ipv6NativeRoutingCIDR].filter(
      (x): x is string => typeof x === "string",
    );
    return { cluster: c, routed: routed.sort().join(",") };
  });
  return [...talos.entries()].map(([path, text]) => {
    const doc = parse(text) as TalosDoc;
    const name = doc.machine?.network?.hostname;
    if (!name) throw new Error(`${path}: no machine.network.hostname`);
    const macs = vms.get(name) ?? [];
    const ifaces = doc.machine?.network?.interfaces ?? [];
    const nicName = (mac: string | undefined) => {
      const i = macs.indexOf(String(mac).toLowerCase());
      if (i < 0) throw new Error(`${path}: NIC ${mac} is not a NIC of VM ${name}`);
      return talosNicName(i);
    };
    const addresses: ObservedAddress[] = ifaces.flatMap((i) => {
      const n = nicName(i.deviceSelector?.hardwareAddr);
      return [
        ...(i.addresses ?? []).map((a) => ({ ...cidr(a), iface: n })),
        ...(i.vip
          ? [
              {
                address: Address.from(i.vip.ip),
                length: i.vip.ip.includes(":") ? 128 : 32,
                iface: n,
                vip: true,
              },
            ]
          : []),
      ];
    });
    const routes: ObservedRoute[] = ifaces.flatMap((i) =>
      (i.routes ?? []).map((r) => ({
        dst: Prefix.from(r.network),
        via: Address.from(r.gateway),
        iface: nicName(i.deviceSelector?.hardwareAddr),
      })),
    );
    const pods = (doc.cluster?.network?.podSubnets ?? []).map((p) => Prefix.from(p));
    const args = doc.cluster?.controllerManager?.extraArgs ?? {};
    const masks: Partial<Record<Family, number>> = {};
    for (const f of [4, 6] as const) {
      const v = args[`node-cidr-mask-size-ipv${f}`];
      if (v !== undefined) masks[f] = Number(v);
    }
    const cluster = values.find((v) => v.routed === pods.map(String).sort().join(","))?.cluster;
    const node: ObservedDevice = {
      name,
      sources: [path, ...(cluster ? [`k8s/${cluster.dir}/`] : [])],
      kind: "talos",
      addresses,
      routes,
      nics: macs.map((_, i) => talosNicName(i)),
      kubernetes: { podSubnets: pods, nodeCidrMaskSize: masks },
    };
    return cluster ? withCilium(node, cluster) : node;
  });
}

/** The source address GoBGP takes toward `peer`: the connected NIC's, else the default route's. */
function sourceFor(node: ObservedDevice, peer: Address): Address | undefined {
  const own = node.addresses.filter((a) => a.address.family === peer.family && !a.vip);
  const connected = own.find((a) =>
    Prefix.containing(a.address.family, a.address.value, a.length).contains(peer),
  );
  if (connected) return connected.address;
  const route = node.routes.find((r) => r.dst.family === peer.family && r.dst.length === 0);
  return own.find((a) => a.iface === route?.iface)?.address;
}

function withCilium(node: ObservedDevice, cluster: ClusterFiles): ObservedDevice {
  const objs = objects(cluster.files);
  const pools = objs.filter(
    (o) => o.kind === "CiliumLoadBalancerIPPool" && o.spec?.disabled === false,
  );
  const blocks = pools.flatMap((p) =>
    ((p.spec?.blocks ?? []) as { start: string; stop: string }[]).flatMap((b) =>
      AddressRange.of(Address.from(b.start), Address.from(b.stop)).toPrefixes(),
    ),
  );
  const l2 = objs.find((o) => o.kind === "CiliumL2AnnouncementPolicy");
  const config = objs.find((o) => o.kind === "CiliumBGPClusterConfig");
  const peerConfigs = new Map(
    objs.filter((o) => o.kind === "CiliumBGPPeerConfig").map((o) => [o.metadata?.name, o.spec]),
  );
  const advertises = objs.some(
    (o) =>
      o.kind === "CiliumBGPAdvertisement" &&
      JSON.stringify(o.spec).includes('"advertisementType":"Service"') &&
      JSON.stringify(o.spec).includes("LoadBalancerIP"),
  );
  const instances = (config?.spec?.bgpInstances ?? []) as {
    localASN: number;
    peers: {
      name: string;
      peerASN: number;
      peerAddress: string;
      peerConfigRef?: { name: string };
    }[];
  }[];
  if (instances.length > 1) throw new Error(`k8s/${cluster.dir}: more than one BGP instance`);
  const neighbors: ObservedNeighbor[] = (instances[0]?.peers ?? []).map((p) => {
    const pc = peerConfigs.get(p.peerConfigRef?.name) as
      { families?: { afi: string }[]; ebgpMultihop?: number } | undefined;
    if (!pc) throw new Error(`k8s/${cluster.dir}: peer ${p.name} references a missing peer config`);
    const families = (pc.families ?? []).map((f) => familyOf(f.afi));
    const address = Address.from(p.peerAddress);
    const source = sourceFor(node, address);
    return {
      name: p.name,
      address,
      asn: p.peerASN,
      ...(source ? { source } : {}),
      ...(pc.ebgpMultihop !== undefined && pc.ebgpMultihop > 1
        ? { multihop: pc.ebgpMultihop }
        : {}),
      families,
      // Cilium's BGP control plane installs nothing it receives.
      accepts: () => true,
      announces: advertises ? blocks.filter((b) => families.includes(b.family)) : [],
    };
  });
  return {
    ...node,
    ...(instances[0]
      ? { bgp: { asn: instances[0].localASN, speaker: "cilium" as const, neighbors } }
      : {}),
    ...(l2
      ? { l2: { interfaces: ((l2.spec?.interfaces ?? []) as string[]).map(String), blocks } }
      : {}),
  };
}
