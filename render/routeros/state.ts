// Plan + RouterSpec -> the desired state of one RouterOS router (seed 001's pattern): the router
// holds each carried tenant's gateway on a VLAN interface, reaches every cluster node's loopback
// by a static route via the node's egress address, peers eBGP multihop with each loopback from
// the gateway address, and accepts only the cluster's LoadBalancer prefix and VIP from it.
import { Address, FAMILIES, Family, Prefix } from "../../addressing/ip";
import { ClusterPlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { Problem } from "../../addressing/problems";
import { DualAddress } from "../../addressing/site";
import {
  BgpConnection,
  DnsRecord,
  FilterRule,
  InterfaceAddress,
  RouterOsDesiredState,
  RouterOsStateError,
  StaticRoute,
} from ".";

/** A VLAN interface of the router and the tenant whose gateway it holds. */
export interface RouterVlan {
  /** RouterOS interface name, e.g. "vlan101". */
  readonly interface: string;
  /** ID of the tenant whose gateway address (and cluster peers) sit on this VLAN. */
  readonly tenant: number;
  /** Input filter chain for the tenant's cluster peers; default DEFAULT_FILTER_CHAIN. */
  readonly filterChain?: string;
}

/** What the plan does not say about a router. */
export interface RouterSpec {
  /** Router name (script header). */
  readonly name: string;
  /** Stack that owns the router's managed entries. */
  readonly stack: string;
  /** RouterOS version running on the router, e.g. "7.19". */
  readonly version: string;
  /** The router's AS number; default the plan's `fabric.asn.router`. */
  readonly asn?: number;
  /** BGP instance name (RouterOS 7.20 and later); default the stack name. */
  readonly bgpInstance?: string;
  /** BGP router ID; unmanaged if absent. */
  readonly routerId?: Address;
  readonly vlans: readonly RouterVlan[];
  /** Prefixes never accepted from cluster peers; default the plan's internal space. */
  readonly clusterRejects?: readonly Prefix[];
  /** If set, `<node>.<domain>` names each node's egress address, `<cluster>.<domain>` its VIP. */
  readonly dnsDomain?: string;
  /** Further static DNS records, after the generated ones. */
  readonly dnsRecords?: readonly DnsRecord[];
}

export const DEFAULT_FILTER_CHAIN = "k8s-in";

/** The family's member of a DualAddress or DualPrefix. */
const of = <T>(
  v: { readonly ipv4?: T; readonly ipv6?: T } | undefined,
  f: Family,
): T | undefined => (f === 4 ? v?.ipv4 : v?.ipv6);

interface Peering {
  readonly routes: StaticRoute[];
  readonly connections: BgpConnection[];
  readonly families: Set<Family>;
}

/** One route and one connection per node loopback whose family also has an egress path. */
function peerings(tenant: TenantPlan, cluster: ClusterPlan, chain: string): Peering {
  const out: Peering = { routes: [], connections: [], families: new Set() };
  for (const node of cluster.nodes) {
    const paths = FAMILIES.flatMap((f) => {
      const loopback = of(node.loopback, f);
      const egress = of(node.address, f);
      const gateway = of(tenant.gateway, f);
      return loopback && egress && gateway ? [{ f, loopback, egress, gateway }] : [];
    });
    for (const { f, loopback, egress, gateway } of paths) {
      out.families.add(f);
      out.routes.push({ dst: loopback.toPrefix(), gateway: egress });
      out.connections.push({
        // Both families peer: one connection each, so the name says which.
        name: paths.length > 1 ? `${node.name}-v${f}` : node.name,
        remoteAddress: loopback,
        remoteAs: cluster.asn,
        localRole: "ebgp",
        multihop: true,
        localAddress: gateway,
        inputFilter: chain,
        addressFamilies: [f === 4 ? "ip" : "ipv6"],
      });
    }
  }
  return out;
}

/** Reject internal prefixes, accept the cluster's LoadBalancer prefix and VIP, reject the rest. */
function clusterFilter(
  chain: string,
  cluster: ClusterPlan,
  families: ReadonlySet<Family>,
  rejects: readonly Prefix[],
): FilterRule[] {
  if (families.size === 0) return [];
  const used = FAMILIES.filter((f) => families.has(f));
  const rule = (r: string): FilterRule => ({ chain, rule: r });
  return [
    ...rejects
      .filter((p) => families.has(p.family))
      .map((p) => rule(`if (dst in ${p}) { reject }`)),
    ...used.flatMap((f) => {
      const lb = of(cluster.loadBalancers, f);
      return lb ? [rule(`if (dst in ${lb}) { accept }`)] : [];
    }),
    ...used.flatMap((f) => {
      const vip = of(cluster.vip, f);
      return vip ? [rule(`if (dst in ${vip.toPrefix()}) { accept }`)] : [];
    }),
    rule("reject"),
  ];
}

/** Nodes by egress address; the VIP only in the families the router learns it over BGP. */
function clusterDns(
  cluster: ClusterPlan,
  families: ReadonlySet<Family>,
  domain: string,
): DnsRecord[] {
  const named = (name: string, v: DualAddress | undefined, only?: ReadonlySet<Family>) =>
    FAMILIES.filter((f) => !only || only.has(f)).flatMap((f) => {
      const a = of(v, f);
      return a ? [{ name: `${name}.${domain}`, address: a }] : [];
    });
  return [
    ...cluster.nodes.flatMap((n) => named(n.name, n.address)),
    ...named(cluster.name, cluster.vip, families),
  ];
}

/** The router's desired state; throws RouterOsStateError if the spec does not fit the plan. */
export function routerOsDesiredState(plan: Plan, spec: RouterSpec): RouterOsDesiredState {
  const problems: Problem[] = [];
  const addresses: InterfaceAddress[] = [];
  const routes: StaticRoute[] = [];
  const connections: BgpConnection[] = [];
  const filterRules: FilterRule[] = [];
  const dns: DnsRecord[] = [];
  const rejects =
    spec.clusterRejects ?? FAMILIES.flatMap((f) => of(plan.global.internalSpace, f) ?? []);
  const tenantsSeen = new Map<number, number>();
  const chainsSeen = new Map<string, number>();

  spec.vlans.forEach((vlan, i) => {
    const at = `vlans[${i}]`;
    const tenant = plan.tenants.find((t) => t.id === vlan.tenant);
    if (!tenant) {
      const known = plan.tenants.map((t) => t.id).join(", ");
      problems.push({
        path: `${at}.tenant`,
        input: String(vlan.tenant),
        message: "is not a tenant of the plan",
        fix: `use one of ${known}`,
      });
      return;
    }
    const earlier = tenantsSeen.get(tenant.id);
    if (earlier !== undefined) {
      problems.push({
        path: `${at}.tenant`,
        input: String(tenant.id),
        message: `duplicates vlans[${earlier}].tenant`,
      });
      return;
    }
    tenantsSeen.set(tenant.id, i);
    for (const f of FAMILIES) {
      const address = of(tenant.gateway, f);
      const network = of(tenant.vms, f);
      if (address && network) {
        addresses.push(
          f === 6
            ? { interface: vlan.interface, address, network, advertise: false }
            : { interface: vlan.interface, address, network },
        );
      }
    }
    const cluster = tenant.kubernetes;
    if (!cluster) return;
    const chain = vlan.filterChain ?? DEFAULT_FILTER_CHAIN;
    const peering = peerings(tenant, cluster, chain);
    if (peering.connections.length > 0) {
      const owner = chainsSeen.get(chain);
      if (owner !== undefined) {
        problems.push({
          path: `${at}.filterChain`,
          input: chain,
          message: `is already the chain of vlans[${owner}] (tenant ${spec.vlans[owner].tenant})`,
          fix: "give each cluster its own filterChain, or it would accept the other's prefixes",
        });
      }
      chainsSeen.set(chain, i);
    }
    routes.push(...peering.routes);
    connections.push(...peering.connections);
    filterRules.push(...clusterFilter(chain, cluster, peering.families, rejects));
    if (spec.dnsDomain !== undefined)
      dns.push(...clusterDns(cluster, peering.families, spec.dnsDomain));
  });
  if (problems.length > 0) throw new RouterOsStateError(problems, "RouterOS router spec");

  return {
    router: spec.name,
    stack: spec.stack,
    version: spec.version,
    addresses,
    routes,
    ...(connections.length > 0
      ? {
          bgp: {
            asn: spec.asn ?? plan.fabric.asn.router,
            instance: spec.bgpInstance ?? spec.stack,
            ...(spec.routerId ? { routerId: spec.routerId } : {}),
            connections,
          },
        }
      : {}),
    filterRules,
    dns: [...dns, ...(spec.dnsRecords ?? [])],
  };
}
