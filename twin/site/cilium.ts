// Cilium's BGP control plane and L2 announcements, translated from a cluster's rendered objects.
// Cilium runs GoBGP inside the agent; the twin runs Debian's gobgpd per node with what Cilium
// would program into it (cilium/pkg/bgpv1 behaviour as documented for v2 resources):
// - one BGP instance per CiliumBGPClusterConfig instance: local ASN, router ID = the node's IPv4
//   address, no listening socket (Cilium only connects out);
// - a neighbor per peer: peer address and ASN, eBGP multihop TTL from the peer config (1 if
//   unset), the families the peer config lists, Cilium's default timers (connect retry 120 s,
//   hold 90 s, keepalive 30 s);
// - per family, the service addresses of the LoadBalancer Services its advertisements select,
//   each as a /32 or /128 (Cilium announces service addresses, never the pool's block).
// The twin's Services: the explicit service IPs the preview carries (outputs.json serviceIps) in
// the cluster's enabled pools, plus the first and last address of every enabled block; they carry
// no labels, so a selector matches them as it would match an unlabelled Service.
import { parse } from "yaml";
import { Address, AddressRange, Family, Prefix } from "../../addressing/ip";

interface K8sObject {
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly labels?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}

interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: string[] }[];
}

/** A label selector applied to an object with no labels (Kubernetes' semantics). */
export function selectsUnlabelled(s: Selector | undefined): boolean {
  if (!s) return true;
  if (Object.keys(s.matchLabels ?? {}).length > 0) return false;
  return (s.matchExpressions ?? []).every((e) => {
    if (e.operator === "NotIn" || e.operator === "DoesNotExist") return true;
    if (e.operator === "In" || e.operator === "Exists") return false;
    throw new Error(`unknown label selector operator ${e.operator}`);
  });
}

/** Whether `labels` satisfy `s` (matchLabels only; what peer configs use to pick adverts). */
function selects(s: Selector | undefined, labels: Record<string, string>): boolean {
  if (!s) return false;
  const ok = Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  if ((s.matchExpressions ?? []).length > 0) {
    throw new Error("advertisement selectors with matchExpressions are not modelled");
  }
  return ok;
}

/** A cluster's Cilium objects (k8s/<dir>/Cilium*.yaml). */
export function ciliumObjects(files: ReadonlyMap<string, string>): K8sObject[] {
  return [...files]
    .filter(([name]) => name.startsWith("Cilium"))
    .map(([, text]) => parse(text) as K8sObject);
}

/** The enabled pools' blocks as address ranges. */
export function enabledBlocks(objs: readonly K8sObject[]): AddressRange[] {
  return objs
    .filter((o) => o.kind === "CiliumLoadBalancerIPPool" && o.spec?.disabled !== true)
    .flatMap((o) =>
      ((o.spec?.blocks ?? []) as { start?: string; stop?: string; cidr?: string }[]).map((b) => {
        if (b.cidr) {
          const p = Prefix.from(b.cidr);
          return AddressRange.of(p.first, p.last);
        }
        return AddressRange.of(Address.from(String(b.start)), Address.from(String(b.stop)));
      }),
    );
}

/** The twin's LoadBalancer service addresses: explicit ones in the pools, then block ends. */
export function serviceAddresses(
  objs: readonly K8sObject[],
  explicit: readonly string[],
): Address[] {
  const blocks = enabledBlocks(objs);
  const out: Address[] = [];
  const add = (a: Address) => {
    if (!out.some((x) => x.equals(a))) out.push(a);
  };
  for (const e of explicit) {
    const a = Address.from(e);
    if (blocks.some((b) => b.contains(a))) add(a);
  }
  for (const b of blocks) {
    add(b.start);
    add(b.stop);
  }
  return out;
}

/** One node's gobgpd: its TOML config, the prefixes it announces, its peers with their families. */
export interface CiliumBgpNode {
  readonly config: string;
  readonly announce: { prefix: string; family: Family }[];
  readonly peers: readonly { address: string; asn: number; families: Family[]; multihop: number }[];
}

const AFI: Record<string, Family> = { ipv4: 4, ipv6: 6 };

/**
 * The router ID Cilium gives `node`: the one its CiliumBGPNodeConfigOverride sets, else the node's
 * IPv4 address (`ipv4`, which Cilium derives it from), else none (no session comes up).
 */
export function ciliumRouterId(
  objs: readonly K8sObject[],
  node: string,
  ipv4: string | undefined,
): string {
  const override = objs.find(
    (o) => o.kind === "CiliumBGPNodeConfigOverride" && o.metadata?.name === node,
  );
  const instances = (override?.spec?.bgpInstances ?? []) as { routerID?: string }[];
  return instances[0]?.routerID ?? ipv4 ?? "0.0.0.0";
}

/**
 * The source addresses `node`'s CiliumBGPNodeConfigOverride pins, by peer name
 * (`spec.bgpInstances[].peers[].localAddress`); empty without one.
 */
export function ciliumLocalAddresses(
  objs: readonly K8sObject[],
  node: string,
): Map<string, string> {
  const override = objs.find(
    (o) => o.kind === "CiliumBGPNodeConfigOverride" && o.metadata?.name === node,
  );
  const instances = (override?.spec?.bgpInstances ?? []) as {
    peers?: { name: string; localAddress?: string }[];
  }[];
  return new Map(
    (instances[0]?.peers ?? []).flatMap((p) =>
      p.localAddress ? [[p.name, p.localAddress] as [string, string]] : [],
    ),
  );
}

/** gobgpd's config and announcements for one node; undefined when the cluster runs no BGP. */
export function ciliumBgp(
  objs: readonly K8sObject[],
  routerId: string,
  services: readonly Address[],
  localAddresses: ReadonlyMap<string, string> = new Map(),
): CiliumBgpNode | undefined {
  const cc = objs.find((o) => o.kind === "CiliumBGPClusterConfig");
  if (!cc) return undefined;
  const instances = (cc.spec?.bgpInstances ?? []) as {
    localASN: number;
    peers: {
      name: string;
      peerASN: number;
      peerAddress: string;
      peerConfigRef?: { name: string };
    }[];
  }[];
  if (instances.length !== 1)
    throw new Error(`CiliumBGPClusterConfig: ${instances.length} instances`);
  const adverts = objs.filter((o) => o.kind === "CiliumBGPAdvertisement");
  const lines = [
    "[global.config]",
    `  as = ${instances[0].localASN}`,
    `  router-id = "${routerId}"`,
    "  port = -1",
  ];
  const announce = new Map<string, { prefix: string; family: Family }>();
  const peers: CiliumBgpNode["peers"][number][] = [];
  for (const p of instances[0].peers) {
    const pc = objs.find(
      (o) => o.kind === "CiliumBGPPeerConfig" && o.metadata?.name === p.peerConfigRef?.name,
    );
    if (!pc) throw new Error(`peer ${p.name}: peer config ${p.peerConfigRef?.name} is missing`);
    const families = (pc.spec?.families ?? []) as {
      afi: string;
      safi: string;
      advertisements?: Selector;
    }[];
    const multihop = Number(pc.spec?.ebgpMultihop ?? 1);
    const fams: Family[] = [];
    lines.push("[[neighbors]]", "  [neighbors.config]");
    lines.push(`    neighbor-address = "${p.peerAddress}"`, `    peer-as = ${p.peerASN}`);
    const local = localAddresses.get(p.name);
    if (local) lines.push("  [neighbors.transport.config]", `    local-address = "${local}"`);
    lines.push("  [neighbors.timers.config]");
    lines.push("    connect-retry = 120", "    hold-time = 90", "    keepalive-interval = 30");
    if (multihop > 1) {
      lines.push(
        "  [neighbors.ebgp-multihop.config]",
        "    enabled = true",
        `    multihop-ttl = ${multihop}`,
      );
    }
    for (const f of families) {
      const family = AFI[f.afi];
      if (family === undefined || f.safi !== "unicast") {
        throw new Error(
          `peer config ${pc.metadata?.name}: family ${f.afi}/${f.safi} is not modelled`,
        );
      }
      fams.push(family);
      lines.push("  [[neighbors.afi-safis]]", "    [neighbors.afi-safis.config]");
      lines.push(`      afi-safi-name = "${f.afi}-unicast"`);
      for (const a of adverts.filter((x) => selects(f.advertisements, x.metadata?.labels ?? {}))) {
        for (const item of (a.spec?.advertisements ?? []) as {
          advertisementType: string;
          selector?: Selector;
          service?: { addresses?: string[] };
        }[]) {
          if (item.advertisementType !== "Service") {
            throw new Error(
              `advertisement ${a.metadata?.name}: type ${item.advertisementType} is not modelled`,
            );
          }
          if (!(item.service?.addresses ?? []).includes("LoadBalancerIP")) continue;
          if (!selectsUnlabelled(item.selector)) continue;
          for (const s of services.filter((x) => x.family === family)) {
            const prefix = `${s}/${family === 4 ? 32 : 128}`;
            announce.set(prefix, { prefix, family });
          }
        }
      }
    }
    peers.push({ address: p.peerAddress, asn: p.peerASN, families: fams, multihop });
  }
  return { config: `${lines.join("\n")}\n`, announce: [...announce.values()], peers };
}

/** The L2 announcement policy's interface regexes, or undefined without one. */
export function l2Interfaces(objs: readonly K8sObject[]): RegExp[] | undefined {
  const p = objs.find((o) => o.kind === "CiliumL2AnnouncementPolicy");
  if (!p) return undefined;
  if (p.spec?.loadBalancerIPs !== true) return [];
  if (p.spec?.nodeSelector || p.spec?.serviceSelector) {
    throw new Error("L2 announcement policy selectors are not modelled");
  }
  return ((p.spec?.interfaces ?? []) as string[]).map((r) => new RegExp(r));
}
