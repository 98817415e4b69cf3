// Talos machine-config patches: the network part of one node's config, from typed inputs. Pure:
// no I/O, no Pulumi. Written against the v1alpha1 machine config of Talos v1.x (`machine.network`);
// v1.12 deprecates that section in favour of separate network documents but still reads it.
import { stringify } from "yaml";
import { Address, FAMILIES, Family, familyKey as key, Prefix } from "../../addressing/ip";
import { DualAddress, DualPrefix } from "../../addressing/site";

const DEFAULT_ROUTE: Record<Family, string> = { 4: "0.0.0.0/0", 6: "::/0" };
const MAC_RE = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** One NIC of a node, on one subnet. */
export interface TalosNic {
  /** Hardware address Talos finds the interface by: lowercase, colon-separated. */
  readonly mac: string;
  /** The subnet the NIC is on; its length becomes the length of the node's address. */
  readonly subnet: DualPrefix;
  /** The node's address on `subnet`, per family. */
  readonly address: DualAddress;
  /** The next hop on `subnet`, per family, for `routes` and the default route. */
  readonly gateway: DualAddress;
  /** Networks reached through `gateway`, besides the directly connected subnet. */
  readonly routes: readonly Prefix[];
  /** Whether the default routes leave through this NIC (at most one NIC per node). */
  readonly defaultRoute: boolean;
  /** Link MTU; absent keeps the driver default (1500 for virtio). */
  readonly mtu?: number;
}

/** Everything one node's patch is made of. */
export interface TalosNodeInput {
  readonly hostname: string;
  readonly role: "controlplane" | "worker";
  /** NICs in VM order: NIC i is the VM's `net<i>`, which is what gives it its MAC. */
  readonly nics: readonly TalosNic[];
  readonly nameservers: readonly Address[];
  /** The shared VIP Talos holds on NIC `nic` (control planes only), from the topology. */
  readonly vip?: { readonly nic: number; readonly address: Address };
  /** Subnets kubelet takes the node IPs from: the network pods are routed over. */
  readonly nodeIpSubnets: readonly Prefix[];
  readonly pods: DualPrefix;
  readonly services: DualPrefix;
  /**
   * Per-node pod CIDR length per family, passed to kube-controller-manager so that it hands out
   * the CIDRs the plan documents (otherwise /24 and /64).
   */
  readonly nodeCidrMaskSize: { readonly ipv4?: number; readonly ipv6?: number };
  /** Kubelet's pod limit, when the node's pod CIDR holds fewer addresses than its default. */
  readonly maxPods?: number;
}

export interface TalosRoute {
  readonly network: string;
  readonly gateway: string;
}

export interface TalosInterface {
  readonly deviceSelector: { readonly hardwareAddr: string };
  readonly addresses: readonly string[];
  readonly routes: readonly TalosRoute[];
  readonly mtu?: number;
  readonly vip?: { readonly ip: string };
}

/** The patch, shaped like the Talos machine config it merges into. */
export interface TalosPatch {
  readonly machine: {
    readonly network: {
      readonly hostname: string;
      readonly nameservers: readonly string[];
      readonly interfaces: readonly TalosInterface[];
    };
    readonly kubelet: {
      readonly nodeIP: { readonly validSubnets: readonly string[] };
      readonly extraConfig?: { readonly maxPods: number };
    };
  };
  readonly cluster: {
    readonly network: {
      readonly podSubnets: readonly string[];
      readonly serviceSubnets: readonly string[];
      readonly cni: { readonly name: "none" };
    };
    readonly proxy: { readonly disabled: true };
    readonly controllerManager?: { readonly extraArgs: Readonly<Record<string, string>> };
  };
}

function dualList(p: DualPrefix): string[] {
  return FAMILIES.flatMap((f) => p[key(f)]?.toString() ?? []);
}

function renderNic(node: TalosNodeInput, nic: TalosNic, i: number, vip?: Address): TalosInterface {
  const where = `${node.hostname} NIC ${i}`;
  if (!MAC_RE.test(nic.mac)) {
    throw new Error(`${where}: "${nic.mac}" is not a lowercase, colon-separated MAC`);
  }
  const addresses = FAMILIES.flatMap((f) => {
    const address = nic.address[key(f)];
    if (!address) return [];
    const subnet = nic.subnet[key(f)];
    if (!subnet?.contains(address)) {
      throw new Error(`${where}: ${address} is not inside its subnet ${subnet ?? "(none)"}`);
    }
    return [`${address}/${subnet.length}`];
  });
  const via = (network: Prefix | Family): TalosRoute => {
    const f = typeof network === "number" ? network : network.family;
    const gateway = nic.gateway[key(f)];
    const shown = typeof network === "number" ? DEFAULT_ROUTE[f] : network.toString();
    if (!gateway || !nic.address[key(f)]) {
      throw new Error(`${where}: no IPv${f} address and gateway to route ${shown} through`);
    }
    return { network: shown, gateway: gateway.toString() };
  };
  const defaults = nic.defaultRoute
    ? FAMILIES.filter((f) => nic.address[key(f)] && nic.gateway[key(f)])
    : [];
  return {
    deviceSelector: { hardwareAddr: nic.mac },
    addresses,
    routes: [...nic.routes.map(via), ...defaults.map(via)],
    ...(nic.mtu !== undefined ? { mtu: nic.mtu } : {}),
    ...(vip ? { vip: { ip: vip.toString() } } : {}),
  };
}

/**
 * kube-controller-manager's node CIDR mask flags, one per family of the pod subnets: the
 * per-family flags are the only ones allowed in a dual-stack cluster, and a single-stack cluster
 * refuses the other family's flag (kube-controller-manager setNodeCIDRMaskSizes).
 */
export function nodeCidrArgs(node: TalosNodeInput): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const f of FAMILIES) {
    const size = node.nodeCidrMaskSize[key(f)];
    if (node.pods[key(f)] && size !== undefined)
      out[`node-cidr-mask-size-${key(f)}`] = String(size);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The node's patch as an object. Throws on inputs no valid plan produces (a bug upstream). */
export function renderTalosPatch(node: TalosNodeInput): TalosPatch {
  if (node.nics.filter((n) => n.defaultRoute).length > 1) {
    throw new Error(`${node.hostname}: more than one NIC carries the default route`);
  }
  // Workers never hold the VIP: Talos elects its holder among control-plane nodes through etcd.
  const vip = node.role === "controlplane" ? node.vip : undefined;
  const masks = nodeCidrArgs(node);
  return {
    machine: {
      network: {
        hostname: node.hostname,
        nameservers: node.nameservers.map(String),
        interfaces: node.nics.map((nic, i) =>
          renderNic(node, nic, i, vip?.nic === i ? vip.address : undefined),
        ),
      },
      kubelet: {
        nodeIP: { validSubnets: node.nodeIpSubnets.map(String) },
        ...(node.maxPods !== undefined ? { extraConfig: { maxPods: node.maxPods } } : {}),
      },
    },
    cluster: {
      network: {
        podSubnets: dualList(node.pods),
        serviceSubnets: dualList(node.services),
        cni: { name: "none" },
      },
      // Cilium replaces kube-proxy (kubeProxyReplacement in render/cilium/objects.ts).
      proxy: { disabled: true },
      ...(masks ? { controllerManager: { extraArgs: masks } } : {}),
    },
  };
}

/**
 * The patch as YAML for `talosctl --config-patch`. Every string is double-quoted: a YAML 1.1
 * reader takes an unquoted `02:00:65:00:0b:00` for a base-60 number.
 */
export function renderTalosPatchYaml(node: TalosNodeInput): string {
  return stringify(renderTalosPatch(node), {
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "PLAIN",
    lineWidth: 0,
  });
}
