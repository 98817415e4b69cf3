// Talos machine-config patches: the network part of one node's config, from typed inputs. Pure:
// no I/O, no Pulumi. The form follows `talos.version`: Talos v1.12 deprecates `.machine.network`
// (v1.13's schema drops it) for multi-document network config (HostnameConfig, ResolverConfig,
// LinkAliasConfig, LinkConfig, Layer2VIPConfig), so from v1.12 the patch is the v1alpha1 document
// without `.machine.network` plus those documents; before v1.12 it is the one v1alpha1 document.
import { stringify } from "yaml";
import { Address, FAMILIES, Family, familyKey as key, Prefix } from "../../addressing/ip";
import { DualAddress, DualPrefix, RegistryMirror } from "../../addressing/site";

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
  /** `talos.version`: picks the network form (see `talosNetworkForm`). */
  readonly talosVersion: string;
  /** `talos.registryMirrors`, in config order. */
  readonly registryMirrors: readonly RegistryMirror[];
}

/** A route of the v1alpha1 form: `network` is `0.0.0.0/0` or `::/0` for a default route. */
export interface TalosRoute {
  readonly network: string;
  readonly gateway: string;
}

/** One `machine.network.interfaces[]` entry (Talos v1.11 and earlier). */
export interface TalosInterface {
  readonly deviceSelector: { readonly hardwareAddr: string };
  readonly addresses: readonly string[];
  readonly routes: readonly TalosRoute[];
  readonly mtu?: number;
  readonly vip?: { readonly ip: string };
}

/** The v1alpha1 document of the patch, shaped like the Talos machine config it merges into. */
export interface TalosV1Alpha1Patch {
  readonly machine: {
    /** Only for Talos before v1.12; later versions get the network documents instead. */
    readonly network?: {
      readonly hostname: string;
      readonly nameservers: readonly string[];
      readonly interfaces: readonly TalosInterface[];
    };
    readonly kubelet: {
      readonly nodeIP: { readonly validSubnets: readonly string[] };
      readonly extraConfig?: { readonly maxPods: number };
    };
    /** Only for Talos before v1.12 (Talos reference, `RegistriesConfig.mirrors`). */
    readonly registries?: {
      readonly mirrors: Readonly<Record<string, { readonly endpoints: readonly string[] }>>;
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

/** An address or a route of a multi-document link (`LinkConfig`, Talos v1.12+). */
export interface TalosLinkAddress {
  readonly address: string;
}
/** A route of a `LinkConfig`: no `destination` is the default route of the gateway's family. */
export interface TalosLinkRoute {
  readonly destination?: string;
  readonly gateway: string;
}

interface Doc<K extends string> {
  readonly apiVersion: "v1alpha1";
  readonly kind: K;
}
export interface HostnameConfig extends Doc<"HostnameConfig"> {
  /** `off`: `talosctl gen config` writes `auto: stable`, which a static hostname conflicts with. */
  readonly auto: "off";
  readonly hostname: string;
}
export interface ResolverConfig extends Doc<"ResolverConfig"> {
  readonly nameservers: readonly { readonly address: string }[];
}
export interface LinkAliasConfig extends Doc<"LinkAliasConfig"> {
  readonly name: string;
  /** A CEL expression on the link: `mac(link.permanent_addr) == "02:..."`. */
  readonly selector: { readonly match: string };
}
export interface LinkConfig extends Doc<"LinkConfig"> {
  /** The link's name or alias. */
  readonly name: string;
  readonly mtu?: number;
  readonly addresses: readonly TalosLinkAddress[];
  readonly routes: readonly TalosLinkRoute[];
}
export interface Layer2VIPConfig extends Doc<"Layer2VIPConfig"> {
  /** The VIP address. */
  readonly name: string;
  /** The link (name or alias) that holds it. */
  readonly link: string;
}

/** The network documents of Talos v1.12+ (`.machine.network` is deprecated there, gone in 1.13). */
export type TalosNetworkDocument =
  HostnameConfig | ResolverConfig | LinkAliasConfig | LinkConfig | Layer2VIPConfig;

/**
 * A registry mirror as a Talos v1.12+ document (Talos reference, "RegistryMirrorConfig": `name`
 * is the registry or `*`, `endpoints[].url` the mirrors in the order they are tried).
 */
export interface RegistryMirrorConfig extends Doc<"RegistryMirrorConfig"> {
  readonly name: string;
  readonly endpoints: readonly { readonly url: string }[];
}

/** Every document of a patch after the v1alpha1 one. */
export type TalosDocument = TalosNetworkDocument | RegistryMirrorConfig;

/**
 * A node's patch: the v1alpha1 document, then (Talos v1.12+) one network document each and one
 * RegistryMirrorConfig per registry mirror, as one
 * YAML stream for `talosctl gen config --config-patch`.
 */
export interface TalosPatch {
  readonly config: TalosV1Alpha1Patch;
  readonly documents: readonly TalosDocument[];
}

/** Where a Talos version reads the node's network settings from. */
export type TalosNetworkForm = "machine.network" | "documents";

/** The first Talos release that reads the multi-document network config. */
export const MULTIDOC_NETWORK_SINCE = "v1.12";

/** Major and minor of a Talos version `vX.Y.Z`. Throws on any other text (site/ checks it). */
export function talosMinor(version: string): { readonly major: number; readonly minor: number } {
  const m = /^v([0-9]+)\.([0-9]+)\.[0-9]+$/.exec(version);
  if (!m) throw new Error(`Talos version "${version}" is not like v1.13.9`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/**
 * The network form `version` reads: the multi-document config from v1.12 (which deprecates
 * `.machine.network`; v1.13's schema no longer has it), `.machine.network` before.
 */
export function talosNetworkForm(version: string): TalosNetworkForm {
  const v = talosMinor(version);
  return v.major > 1 || (v.major === 1 && v.minor >= 12) ? "documents" : "machine.network";
}

/** The alias the documents give NIC `i`: the VM's `net<i>` (kernel names such as ens18 stay). */
export function talosLinkAlias(i: number): string {
  return `net${i}`;
}

function dualList(p: DualPrefix): string[] {
  return FAMILIES.flatMap((f) => p[key(f)]?.toString() ?? []);
}

/** A NIC's addresses and routes, checked, before they take either form. */
interface NicFacts {
  readonly mac: string;
  /** `address/length` per family. */
  readonly addresses: readonly string[];
  readonly routes: readonly { readonly network: Prefix | Family; readonly gateway: Address }[];
  readonly mtu?: number;
}

function nicFacts(node: TalosNodeInput, nic: TalosNic, i: number): NicFacts {
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
  const via = (network: Prefix | Family) => {
    const f = typeof network === "number" ? network : network.family;
    const gateway = nic.gateway[key(f)];
    const shown = typeof network === "number" ? DEFAULT_ROUTE[f] : network.toString();
    if (!gateway || !nic.address[key(f)]) {
      throw new Error(`${where}: no IPv${f} address and gateway to route ${shown} through`);
    }
    return { network, gateway };
  };
  const defaults = nic.defaultRoute
    ? FAMILIES.filter((f) => nic.address[key(f)] && nic.gateway[key(f)])
    : [];
  return {
    mac: nic.mac,
    addresses,
    routes: [...nic.routes.map(via), ...defaults.map(via)],
    ...(nic.mtu !== undefined ? { mtu: nic.mtu } : {}),
  };
}

/** A NIC as a `machine.network.interfaces[]` entry, matched by its MAC (Talos before v1.12). */
function legacyInterface(nic: NicFacts, vip?: Address): TalosInterface {
  return {
    deviceSelector: { hardwareAddr: nic.mac },
    addresses: nic.addresses,
    routes: nic.routes.map((r) => ({
      network: typeof r.network === "number" ? DEFAULT_ROUTE[r.network] : r.network.toString(),
      gateway: r.gateway.toString(),
    })),
    ...(nic.mtu !== undefined ? { mtu: nic.mtu } : {}),
    ...(vip ? { vip: { ip: vip.toString() } } : {}),
  };
}

/**
 * A NIC as Talos v1.12+ documents: a `LinkAliasConfig` naming the link with this MAC `net<i>`
 * (the kernel keeps its name, ens18...), and the `LinkConfig` of that alias. A default route has
 * no destination: Talos refuses an unspecified one (`0.0.0.0/0`) and takes the family from the
 * gateway (LinkConfig reference, CommonLinkConfig.Validate).
 */
function linkDocuments(nic: NicFacts, i: number): [LinkAliasConfig, LinkConfig] {
  const name = talosLinkAlias(i);
  return [
    {
      apiVersion: "v1alpha1",
      kind: "LinkAliasConfig",
      name,
      selector: { match: `mac(link.permanent_addr) == "${nic.mac}"` },
    },
    {
      apiVersion: "v1alpha1",
      kind: "LinkConfig",
      name,
      ...(nic.mtu !== undefined ? { mtu: nic.mtu } : {}),
      addresses: nic.addresses.map((address) => ({ address })),
      routes: nic.routes.map((r) =>
        typeof r.network === "number"
          ? { gateway: r.gateway.toString() }
          : { destination: r.network.toString(), gateway: r.gateway.toString() },
      ),
    },
  ];
}

/** Hostname, resolvers, links and the VIP as Talos v1.12+ network documents. */
function networkDocuments(
  node: TalosNodeInput,
  nics: readonly NicFacts[],
  vip: TalosNodeInput["vip"],
): TalosNetworkDocument[] {
  return [
    { apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: node.hostname },
    // No document without nameservers: Talos keeps its defaults, as an empty list did before.
    ...(node.nameservers.length > 0
      ? [
          {
            apiVersion: "v1alpha1",
            kind: "ResolverConfig",
            nameservers: node.nameservers.map((a) => ({ address: a.toString() })),
          } as const,
        ]
      : []),
    ...nics.flatMap((nic, i) => linkDocuments(nic, i)),
    ...(vip
      ? [
          {
            apiVersion: "v1alpha1",
            kind: "Layer2VIPConfig",
            name: vip.address.toString(),
            link: talosLinkAlias(vip.nic),
          } as const,
        ]
      : []),
  ];
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

/**
 * The node's patch as objects, in the network form of `node.talosVersion`. Throws on inputs no
 * valid plan produces (a bug upstream).
 */
export function renderTalosPatch(node: TalosNodeInput): TalosPatch {
  if (node.nics.filter((n) => n.defaultRoute).length > 1) {
    throw new Error(`${node.hostname}: more than one NIC carries the default route`);
  }
  // Workers never hold the VIP: Talos elects its holder among control-plane nodes through etcd.
  const vip = node.role === "controlplane" ? node.vip : undefined;
  const masks = nodeCidrArgs(node);
  const nics = node.nics.map((nic, i) => nicFacts(node, nic, i));
  const legacy = talosNetworkForm(node.talosVersion) === "machine.network";
  const config: TalosV1Alpha1Patch = {
    machine: {
      ...(legacy
        ? {
            network: {
              hostname: node.hostname,
              nameservers: node.nameservers.map(String),
              interfaces: nics.map((nic, i) =>
                legacyInterface(nic, vip?.nic === i ? vip.address : undefined),
              ),
            },
          }
        : {}),
      kubelet: {
        nodeIP: { validSubnets: node.nodeIpSubnets.map(String) },
        ...(node.maxPods !== undefined ? { extraConfig: { maxPods: node.maxPods } } : {}),
      },
      ...(legacy && node.registryMirrors.length > 0
        ? {
            registries: {
              mirrors: Object.fromEntries(
                node.registryMirrors.map((m) => [m.registry, { endpoints: [...m.endpoints] }]),
              ),
            },
          }
        : {}),
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
  const mirrors = node.registryMirrors.map((m): RegistryMirrorConfig => ({
    apiVersion: "v1alpha1",
    kind: "RegistryMirrorConfig",
    name: m.registry,
    endpoints: m.endpoints.map((url) => ({ url })),
  }));
  return { config, documents: legacy ? [] : [...networkDocuments(node, nics, vip), ...mirrors] };
}

const YAML_OPTIONS = {
  defaultStringType: "QUOTE_DOUBLE",
  defaultKeyType: "PLAIN",
  lineWidth: 0,
} as const;

/**
 * The patch as YAML for `talosctl --config-patch`: the v1alpha1 document, then each network
 * document after a `---`. Every string is double-quoted: a YAML 1.1 reader takes an unquoted
 * `02:00:65:00:0b:00` for a base-60 number.
 */
export function renderTalosPatchYaml(node: TalosNodeInput): string {
  const patch = renderTalosPatch(node);
  return [patch.config, ...patch.documents].map((d) => stringify(d, YAML_OPTIONS)).join("---\n");
}
