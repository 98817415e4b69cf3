// The Kubernetes API address of a cluster, one answer for every reader: the Talos cluster
// endpoint and Cilium's k8sServiceHost (render/), and the flow each other node opens to it
// (topology/flows.ts).
import { Address } from "../addressing/ip";
import { TenantPlan } from "../addressing/plan-types";
import { Device, Topology } from "./types";

/** The tenant's cluster; callers pass only tenants that have one. */
export function clusterOf(tenant: TenantPlan) {
  if (!tenant.kubernetes) throw new Error(`tenant ${tenant.id} has no Kubernetes cluster`);
  return tenant.kubernetes;
}

/** The node devices of a tenant's cluster, in plan order. */
export function clusterNodes(t: Pick<Topology, "devices">, tenant: TenantPlan): Device[] {
  const k = clusterOf(tenant);
  return k.nodes.map((n) => {
    const d = t.devices.find((x) => x.name === n.name && x.node?.cluster === k.name);
    if (!d) throw new Error(`node ${n.name} is not in the topology`);
    return d;
  });
}

/** The VIP a node device holds, by NIC index. */
export function vipOf(device: Device): { nic: number; address: Address } | undefined {
  const list = device.interfaces.filter((i) => i.kind === "nic");
  for (const [nic, i] of list.entries()) {
    const vip = i.addresses.find((h) => h.role === "vip");
    if (vip) return { nic, address: vip.address };
  }
  return undefined;
}

/**
 * The address clients reach the Kubernetes API at before any CNI runs, IPv4 first: a VIP a
 * control-plane node holds (Talos holds it on a NIC, inside the node subnet; FRR nodes hold it on
 * `lo` while kube-apiserver answers, render/cloud-init/vip-health.ts), else the first control-plane
 * node's address. A VIP no device holds (seed 001 on Talos, whose BGP would come from Cilium, and
 * Cilium needs the API server) cannot serve. The Talos cluster endpoint, Cilium's `k8sServiceHost`
 * and the workers' API flow (topology/flows.ts) all read this one answer.
 * @throws Error when the cluster has no control-plane node or that node no address (validation
 *   refuses both before).
 */
export function apiServerAddress(t: Pick<Topology, "devices">, tenant: TenantPlan): Address {
  const k = clusterOf(tenant);
  const nodes = clusterNodes(t, tenant).filter((_, j) => k.nodes[j].role === "controlplane");
  const first = nodes[0];
  if (!first) throw new Error(`cluster ${k.name} has no control-plane node`);
  const vip = nodes
    .flatMap((d) => d.interfaces.flatMap((i) => i.addresses))
    .filter((h) => h.role === "vip")
    .sort((a, b) => a.address.family - b.address.family)[0];
  if (vip) return vip.address;
  const own = first.interfaces
    .flatMap((i) => i.addresses)
    .filter((h) => h.role === "interface")
    .sort((a, b) => a.address.family - b.address.family);
  const n = k.nodes.find((x) => x.name === first.name);
  const address = n?.address.ipv4 ?? n?.address.ipv6 ?? own[0]?.address;
  if (!address) throw new Error(`control-plane node ${first.name} has no address`);
  return address;
}
