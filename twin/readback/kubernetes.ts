// Talos nodes read back from their machine-config patches (either network form: `.machine.network`
// before Talos v1.12, the multi-document network config from v1.12), the VM definitions in
// resources.json (NIC order and MACs) and their cluster's Cilium objects: NIC addresses, routes
// and VIP, the Kubernetes node CIDR flags, and the BGP speaker Cilium's control plane (GoBGP) runs
// on each node with the peers, families, TTL and announced pool of its cluster's objects. A node
// belongs to the cluster whose Cilium values route its pod subnets natively.
import { parse, parseAllDocuments } from "yaml";
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
  apiVersion?: string;
  kind?: string;
  machine?: { network?: { hostname?: string; interfaces?: TalosIface[] } };
  cluster?: {
    network?: { podSubnets?: string[] };
    controllerManager?: { extraArgs?: Record<string, string> };
  };
  // Talos v1.12+ network documents.
  name?: string;
  hostname?: string;
  selector?: { match?: string };
  addresses?: { address: string }[];
  routes?: { destination?: string; gateway: string }[];
  link?: string;
}

/** A NIC as a patch configures it, in either form: matched by MAC. */
interface PatchNic {
  readonly mac: string | undefined;
  readonly addresses: readonly string[];
  /** `dst` undefined: the default route of the gateway's family. */
  readonly routes: readonly { readonly dst?: string; readonly gateway: string }[];
  readonly vips: readonly string[];
}

const MAC_MATCH = /^mac\(link\.permanent_addr\) == "([0-9a-f:]+)"$/;

/**
 * The hostname and NICs of a patch: `.machine.network` (Talos before v1.12), or the network
 * documents (v1.12+), where a `LinkAliasConfig` names the link with a MAC and `LinkConfig` and
 * `Layer2VIPConfig` refer to that name. Throws on a document this reader cannot place.
 */
function patchNetwork(path: string, docs: readonly TalosDoc[]): { name: string; nics: PatchNic[] } {
  const legacy = docs.find((d) => d.kind === undefined)?.machine?.network;
  const hostnameDoc = docs.find((d) => d.kind === "HostnameConfig");
  const name = hostnameDoc?.hostname ?? legacy?.hostname;
  if (!name) throw new Error(`${path}: no HostnameConfig hostname or machine.network.hostname`);
  const fromLegacy: PatchNic[] = (legacy?.interfaces ?? []).map((i) => ({
    mac: i.deviceSelector?.hardwareAddr,
    addresses: i.addresses ?? [],
    routes: (i.routes ?? []).map((r) => ({
      ...(Prefix.from(r.network).length > 0 ? { dst: r.network } : {}),
      gateway: r.gateway,
    })),
    vips: i.vip ? [i.vip.ip] : [],
  }));
  const macOf = new Map<string, string>();
  for (const d of docs.filter((x) => x.kind === "LinkAliasConfig")) {
    const mac = MAC_MATCH.exec(d.selector?.match ?? "")?.[1];
    if (!d.name || !mac) {
      throw new Error(
        `${path}: LinkAliasConfig ${d.name}: selector "${d.selector?.match}" names no MAC`,
      );
    }
    macOf.set(d.name, mac);
  }
  const link = (n: string | undefined, kind: string) => {
    const mac = n === undefined ? undefined : macOf.get(n);
    if (!mac) throw new Error(`${path}: ${kind} ${n}: no LinkAliasConfig gives link ${n} a MAC`);
    return mac;
  };
  const vipDocs = docs.filter((d) => d.kind === "Layer2VIPConfig");
  const fromDocs: PatchNic[] = docs
    .filter((d) => d.kind === "LinkConfig")
    .map((d) => ({
      mac: link(d.name, "LinkConfig"),
      addresses: (d.addresses ?? []).map((a) => a.address),
      routes: (d.routes ?? []).map((r) => ({
        ...(r.destination !== undefined ? { dst: r.destination } : {}),
        gateway: r.gateway,
      })),
      vips: vipDocs.filter((v) => v.link === d.name).map((v) => String(v.name)),
    }));
  for (const v of vipDocs) {
    if (!fromDocs.some((n) => n.vips.includes(String(v.name)))) {
      throw new Error(`${path}: Layer2VIPConfig ${v.name}: no LinkConfig for link ${v.link}`);
    }
  }
  return { name, nics: [...fromLegacy, ...fromDocs] };
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
    const docs = parseAllDocuments(text).map((d) => (d.toJS() ?? {}) as TalosDoc);
    const doc = docs.find((d) => d.kind === undefined) ?? {};
    const { name, nics } = patchNetwork(path, docs);
    const macs = vms.get(name) ?? [];
    const nicName = (mac: string | undefined) => {
      const i = macs.indexOf(String(mac).toLowerCase());
      if (i < 0) throw new Error(`${path}: NIC ${mac} is not a NIC of VM ${name}`);
      return talosNicName(i);
    };
    const addresses: ObservedAddress[] = nics.flatMap((i) => {
      const n = nicName(i.mac);
      return [
        ...i.addresses.map((a) => ({ ...cidr(a), iface: n })),
        ...i.vips.map((ip) => ({
          address: Address.from(ip),
          length: ip.includes(":") ? 128 : 32,
          iface: n,
          vip: true,
        })),
      ];
    });
    const routes: ObservedRoute[] = nics.flatMap((i) =>
      i.routes.map((r) => {
        const via = Address.from(r.gateway);
        return {
          dst: Prefix.from(r.dst ?? (via.family === 4 ? "0.0.0.0/0" : "::/0")),
          via,
          iface: nicName(i.mac),
        };
      }),
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
