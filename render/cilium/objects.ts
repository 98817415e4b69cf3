// Cilium: Helm values, LoadBalancer IP pools and LB announcement objects, from typed inputs. Pure:
// plain objects out (tests check them against the CRD schemas of @kubernetes-models/cilium).
// API versions are those of Cilium 1.18 to 1.20: cilium.io/v2 for pools and BGP; the L2 policy
// only exists as v2alpha1.
import { portableYaml } from "../yaml";
import { Address, Family } from "../../addressing/ip";
import { DualPrefix } from "../../addressing/site";

export const CILIUM_V2 = "cilium.io/v2";
export const CILIUM_V2ALPHA1 = "cilium.io/v2alpha1";

export type Announcement = "bgp" | "l2";

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    readonly values?: readonly string[];
  }[];
}

export interface CiliumValuesInput {
  /** The cluster's pod prefixes: Cilium routes them natively and enables their families. */
  readonly pods: DualPrefix;
  /** Where the agents reach the API server without kube-proxy. */
  readonly apiServer: { readonly host: Address; readonly port: number };
  /** All nodes on one L2 segment, so each can reach every other node's pods directly. */
  readonly sharedL2: boolean;
  readonly announcement: Announcement;
  /** Pod MTU; absent lets Cilium detect it from the node's devices. */
  readonly mtu?: number;
  /** The Helm chart version (`1.20.0`): its agent capability list is rendered. */
  readonly version: string;
}

/** The subset of the chart's values this project sets. */
export interface CiliumValues {
  readonly ipam: { readonly mode: "kubernetes" };
  readonly routingMode: "native";
  readonly ipv4: { readonly enabled: boolean };
  readonly ipv6: { readonly enabled: boolean };
  readonly ipv4NativeRoutingCIDR?: string;
  readonly ipv6NativeRoutingCIDR?: string;
  readonly autoDirectNodeRoutes: boolean;
  readonly kubeProxyReplacement: true;
  readonly k8sServiceHost: string;
  readonly k8sServicePort: number;
  readonly bgpControlPlane: { readonly enabled: boolean };
  readonly l2announcements: { readonly enabled: boolean };
  readonly MTU?: number;
  readonly cgroup: { readonly autoMount: { readonly enabled: false }; readonly hostRoot: string };
  readonly securityContext: {
    readonly capabilities: {
      readonly ciliumAgent: readonly string[];
      readonly cleanCiliumState: readonly string[];
    };
  };
}

/** A cluster-scoped custom resource as sent to the API server. */
export interface CiliumObject<Spec = unknown> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: Spec;
}

export function ciliumValues(input: CiliumValuesInput): CiliumValues {
  const { ipv4, ipv6 } = input.pods;
  return {
    ipam: { mode: "kubernetes" },
    routingMode: "native",
    ipv4: { enabled: ipv4 !== undefined },
    ipv6: { enabled: ipv6 !== undefined },
    ...(ipv4 ? { ipv4NativeRoutingCIDR: ipv4.toString() } : {}),
    ...(ipv6 ? { ipv6NativeRoutingCIDR: ipv6.toString() } : {}),
    autoDirectNodeRoutes: input.sharedL2,
    kubeProxyReplacement: true,
    k8sServiceHost: input.apiServer.host.toString(),
    k8sServicePort: input.apiServer.port,
    bgpControlPlane: { enabled: input.announcement === "bgp" },
    l2announcements: { enabled: input.announcement === "l2" },
    ...(input.mtu !== undefined ? { MTU: input.mtu } : {}),
    // Talos mounts cgroup v2 itself and refuses SYS_MODULE to every process, so the chart's
    // default (mount cgroups, ask for SYS_MODULE) would keep the agent from starting.
    cgroup: { autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" },
    securityContext: {
      capabilities: {
        ciliumAgent: ciliumAgentCapabilities(input.version),
        // The chart's default (1.18 to 1.20) less SYS_MODULE.
        cleanCiliumState: ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"],
      },
    },
  };
}

/**
 * The chart's default `securityContext.capabilities.ciliumAgent` of `version` without SYS_MODULE,
 * which Talos refuses to every process (Talos "Deploying Cilium" guide): the 1.18 chart's list, and
 * from 1.19 also SYSLOG after SETUID (cilium/cilium#43201, the agent reads the kernel log for
 * sysdumps), as the values.yaml of charts 1.18.4, 1.18.12, 1.19.6 and 1.20.0 have it. Naming the
 * list replaces the chart's whole default, so a capability the chart adds must be added here.
 */
export function ciliumAgentCapabilities(version: string): string[] {
  const [major, minor] = version.split(".").map(Number);
  const syslog = major > 1 || (major === 1 && minor >= 19);
  return [
    "CHOWN",
    "KILL",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "SYS_ADMIN",
    "SYS_RESOURCE",
    "DAC_OVERRIDE",
    "FOWNER",
    "SETGID",
    "SETUID",
    ...(syslog ? ["SYSLOG"] : []),
  ];
}

export type { LbBlock } from "../../topology/pools";
import { LbBlock } from "../../topology/pools";

/** One cluster's LoadBalancer pool. */
export interface LbPoolInput {
  readonly name: string;
  /** The cluster that allocates from the pool; every other cluster gets it disabled. */
  readonly cluster: string;
  /** Ranges of either family. */
  readonly blocks: readonly LbBlock[];
  readonly serviceSelector?: LabelSelector;
}

export interface LbPoolSpec {
  readonly blocks: readonly { readonly start: string; readonly stop: string }[];
  readonly disabled: boolean;
  readonly serviceSelector?: LabelSelector;
}

/**
 * Every pool of the site as `cluster` should hold it: its own enabled, all others disabled, so
 * one manifest set can be applied to every cluster without one allocating from another's range
 * (seed 004). Blocks are start/stop ranges: `cidr` blocks would hide the range ends, and the
 * v2alpha1 `cidrs` field is gone from v2.
 */
export function lbPoolObjects(
  pools: readonly LbPoolInput[],
  cluster: string,
): CiliumObject<LbPoolSpec>[] {
  return pools.map((p) => ({
    apiVersion: CILIUM_V2,
    kind: "CiliumLoadBalancerIPPool",
    metadata: { name: p.name },
    spec: {
      blocks: p.blocks.map(({ range }) => ({
        start: range.start.toString(),
        stop: range.stop.toString(),
      })),
      disabled: p.cluster !== cluster,
      ...(p.serviceSelector ? { serviceSelector: p.serviceSelector } : {}),
    },
  }));
}

/** What one node's CiliumBGPNodeConfigOverride sets. */
export interface NodeOverride {
  readonly node: string;
  readonly routerId?: Address;
  /** `peers[].localAddress`: by peer name (as in the CiliumBGPClusterConfig), the source address. */
  readonly localAddresses?: readonly { readonly peer: string; readonly address: Address }[];
}

/** A BGP peer of every node of the cluster: the other end of the nodes' sessions. */
export interface BgpPeerInput {
  readonly name: string;
  readonly address: Address;
  readonly asn: number;
  /** Address families negotiated with this peer. */
  readonly families: readonly Family[];
  /** TTL when the peer is not on a node subnet (eBGP multihop); absent for on-link. */
  readonly ebgpMultihop?: number;
}

export type AnnouncementInput =
  | {
      readonly mode: "bgp";
      readonly cluster: string;
      readonly localAsn: number;
      readonly peers: readonly BgpPeerInput[];
      /**
       * Per-node overrides (CiliumBGPNodeConfigOverride): the router ID of a node Cilium cannot
       * derive one for (no IPv4 address), and the address a node speaks from toward each peer
       * where it also holds the cluster's VIP in that family (the kernel would pick the VIP as
       * source, and the peer expects the node's own address).
       */
      readonly overrides?: readonly NodeOverride[];
      /** Which LoadBalancer services to announce; default all but those labelled opt-out. */
      readonly serviceSelector?: LabelSelector;
    }
  | {
      readonly mode: "l2";
      readonly cluster: string;
      /** Regexes of the node interfaces on the segment the LB addresses belong to. */
      readonly interfaces: readonly string[];
      readonly serviceSelector?: LabelSelector;
    };

/** Cilium announces no Service without a selector; this one matches all but an explicit opt-out. */
export const ANNOUNCE_ALL: LabelSelector = {
  matchExpressions: [{ key: "homelab/announce", operator: "NotIn", values: ["false"] }],
};

const ADVERTISE_LABEL = "homelab/bgp-advertisement";

/**
 * The cluster's CiliumBGPAdvertisement, by name and as the value of its `homelab/bgp-advertisement`
 * label the peer configs select it by: `<cluster>-lb`. A label value is at most 63 characters
 * (Kubernetes, "Labels and Selectors"), so the cluster name at most 60 (render/cilium/check.ts).
 */
export const advertisementName = (cluster: string): string => `${cluster}-lb`;

/** The objects that make the cluster's LB addresses reachable: BGP resources or an L2 policy. */
export function announcementObjects(input: AnnouncementInput): CiliumObject[] {
  const c = input.cluster;
  if (input.mode === "l2") {
    return [
      {
        apiVersion: CILIUM_V2ALPHA1,
        kind: "CiliumL2AnnouncementPolicy",
        metadata: { name: `${c}-l2` },
        spec: {
          interfaces: input.interfaces,
          loadBalancerIPs: true,
          externalIPs: false,
          ...(input.serviceSelector ? { serviceSelector: input.serviceSelector } : {}),
        },
      },
    ];
  }
  const advertisement = advertisementName(c);
  // One peer config per distinct session shape (families, TTL): each peer references its own.
  const shapes = new Map<string, { families: readonly Family[]; ebgpMultihop?: number }>();
  const shapeOf = (p: BgpPeerInput) =>
    `${p.families.map((f) => (f === 4 ? "ipv4" : "ipv6")).join("-")}${p.ebgpMultihop ? `-ttl${p.ebgpMultihop}` : ""}`;
  for (const p of input.peers)
    shapes.set(shapeOf(p), { families: p.families, ebgpMultihop: p.ebgpMultihop });
  const peerConfig = (shape: string) => (shapes.size > 1 ? `${c}-peer-${shape}` : `${c}-peer`);
  return [
    {
      apiVersion: CILIUM_V2,
      kind: "CiliumBGPClusterConfig",
      metadata: { name: c },
      spec: {
        bgpInstances: [
          {
            name: c,
            localASN: input.localAsn,
            peers: input.peers.map((p) => ({
              name: p.name,
              peerASN: p.asn,
              peerAddress: p.address.toString(),
              peerConfigRef: { name: peerConfig(shapeOf(p)) },
            })),
          },
        ],
      },
    },
    ...[...shapes].map(([shape, s]) => ({
      apiVersion: CILIUM_V2,
      kind: "CiliumBGPPeerConfig",
      metadata: { name: peerConfig(shape) },
      spec: {
        ...(s.ebgpMultihop !== undefined ? { ebgpMultihop: s.ebgpMultihop } : {}),
        families: s.families.map((f) => ({
          afi: f === 4 ? "ipv4" : "ipv6",
          safi: "unicast",
          advertisements: { matchLabels: { [ADVERTISE_LABEL]: advertisement } },
        })),
      },
    })),
    {
      apiVersion: CILIUM_V2,
      kind: "CiliumBGPAdvertisement",
      metadata: { name: advertisement, labels: { [ADVERTISE_LABEL]: advertisement } },
      spec: {
        advertisements: [
          {
            advertisementType: "Service",
            service: { addresses: ["LoadBalancerIP"] },
            selector: input.serviceSelector ?? ANNOUNCE_ALL,
          },
        ],
      },
    },
    // Named after the node it applies to, as Cilium matches it.
    ...(input.overrides ?? []).map((r) => ({
      apiVersion: CILIUM_V2,
      kind: "CiliumBGPNodeConfigOverride",
      metadata: { name: r.node },
      spec: {
        bgpInstances: [
          {
            name: c,
            ...(r.routerId ? { routerID: r.routerId.toString() } : {}),
            ...(r.localAddresses
              ? {
                  peers: r.localAddresses.map((l) => ({
                    name: l.peer,
                    localAddress: l.address.toString(),
                  })),
                }
              : {}),
          },
        ],
      },
    })),
  ];
}

/** Objects as one multi-document YAML manifest, quoted for kubectl's YAML 1.1 reader too. */
export function manifestYaml(objects: readonly CiliumObject[]): string {
  return objects.map((o) => portableYaml(o, { lineWidth: 0 })).join("---\n");
}
