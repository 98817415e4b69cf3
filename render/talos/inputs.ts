// Plan -> Talos node inputs. The tenant decides the pattern:
// - no mesh (seed 000): one NIC on the tenant's VNet subnet, default routes via its anycast gateway;
// - a mesh (seed 001): NIC 0 on the mesh VNet (the fast ring) with routes to the internal networks
//   via the mesh gateway, NIC 1 on the egress subnet with the management route and the default
//   routes via the egress gateway. Pods are routed over the mesh, so kubelet's node IPs come from it.
import { Address, FAMILIES, familyKey as key, Prefix } from "../../addressing/ip";
import { ClusterPlan, NodePlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { DualPrefix } from "../../addressing/site";
import { macFor, TalosNic, TalosNodeInput, talosVip } from "./patch";

export interface TalosPlanOptions {
  /** DNS servers: the plan has none (seed 000's anycast gateway is not a resolver). */
  readonly nameservers: readonly Address[];
  /** Networks reached over the mesh; default the site's Ceph public and cluster networks. */
  readonly internalNetworks?: readonly Prefix[];
  /** Networks routed over egress besides the default routes; default the management network. */
  readonly egressNetworks?: readonly Prefix[];
  /** MAC of NIC `nic` of node `nodeId`; default `macFor(tenant ID, node ID, nic)`. */
  readonly mac?: (nodeId: number, nic: number) => string;
}

type Topology = Omit<TalosNic, "mac">;

const prefixes = (p: DualPrefix | undefined): Prefix[] =>
  FAMILIES.flatMap((f) => p?.[key(f)] ?? []);

/** The tenant's cluster; callers pass only tenants that have one. */
export function clusterOf(tenant: TenantPlan): ClusterPlan {
  if (!tenant.kubernetes) throw new Error(`tenant ${tenant.id} has no Kubernetes cluster`);
  return tenant.kubernetes;
}

/** Keep the networks the NIC can route: the family has a node address and a gateway there. */
function routable(
  nic: Pick<Topology, "address" | "gateway">,
  networks: readonly Prefix[],
): Prefix[] {
  return networks.filter((p) => nic.address[key(p.family)] && nic.gateway[key(p.family)]);
}

// A NIC on the tenant's VNet takes the VNet MTU (jumbo frames on the fast ring); one on the egress
// VLAN keeps the driver default, as seed 001's VLAN 101 runs at 1500.
function topology(
  plan: Plan,
  tenant: TenantPlan,
  node: NodePlan,
  options: Pick<TalosPlanOptions, "internalNetworks" | "egressNetworks">,
): Topology[] {
  const mtuOn = (carries: "vms" | "mesh") =>
    tenant.vnet?.carries === carries ? { mtu: plan.fabric.mtu.vnet } : {};
  const vms = { subnet: tenant.vms, address: node.address, gateway: tenant.gateway };
  if (!tenant.mesh) return [{ ...vms, routes: [], defaultRoute: true, ...mtuOn("vms") }];
  const g = plan.global;
  const mesh = { subnet: tenant.mesh.subnet, address: node.mesh, gateway: tenant.mesh.gateway };
  const internal = options.internalNetworks ?? [
    ...prefixes(g.cephPublic),
    ...prefixes(g.cephCluster),
  ];
  const egress = options.egressNetworks ?? prefixes(g.management);
  return [
    { ...mesh, routes: routable(mesh, internal), defaultRoute: false, ...mtuOn("mesh") },
    { ...vms, routes: routable(vms, egress), defaultRoute: true, ...mtuOn("vms") },
  ];
}

/** One input per node of the tenant's cluster, in plan order. */
export function talosNodeInputs(
  plan: Plan,
  tenant: TenantPlan,
  options: TalosPlanOptions,
): TalosNodeInput[] {
  const cluster = clusterOf(tenant);
  const mac = options.mac ?? ((nodeId: number, nic: number) => macFor(tenant.id, nodeId, nic));
  const nodeIpSubnets = prefixes(tenant.mesh?.subnet ?? tenant.vms);
  return cluster.nodes.map((node) => ({
    hostname: node.name,
    role: node.role,
    nics: topology(plan, tenant, node, options).map((t, i) => ({ mac: mac(node.id, i), ...t })),
    nameservers: options.nameservers,
    vip: cluster.vip,
    nodeIpSubnets,
    pods: cluster.pods,
    services: cluster.services,
  }));
}

/**
 * The address clients reach the Kubernetes API at before any CNI runs: the VIP when Talos holds
 * it, else the first control-plane node's address (IPv4 first). A VIP announced by BGP (seed
 * 001) cannot serve here: BGP comes from Cilium, and Cilium needs the API server to start.
 */
export function apiServerAddress(plan: Plan, tenant: TenantPlan): Address {
  const cluster = clusterOf(tenant);
  const first = cluster.nodes.find((n) => n.role === "controlplane");
  if (!first) throw new Error(`cluster ${cluster.name} has no control-plane node`);
  const held = talosVip(topology(plan, tenant, first, {}), cluster.vip);
  const address = held?.address ?? first.address.ipv4 ?? first.address.ipv6;
  if (!address) throw new Error(`control-plane node ${first.name} has no address`);
  return address;
}
