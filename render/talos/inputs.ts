// Topology -> Talos node inputs: each NIC of a Talos node device with its MAC, the subnet and
// address it holds, its gateway, routes and MTU, and the VIP where the topology puts it. The plan
// gives only what no other device needs: nameservers, pod and service subnets, node CIDR sizes.
import { Address, FAMILIES, familyKey as key, Prefix } from "../../addressing/ip";
import { Plan, TenantPlan } from "../../addressing/plan-types";
import { Device, Topology } from "../../topology/types";
import { clusterNodes, clusterOf, vipOf } from "../../topology/kube-api";
import { TalosNic, TalosNodeInput } from "./patch";
import { configuredResolvers, reachableResolvers } from "../../topology/egress";

/**
 * Interface kinds a Talos node device may have: its VM's NICs, and the loopback. VLANs and bonds
 * live on the Proxmox side (a VM NIC is tagged by its bridge), so the topology gives a Talos node
 * none; one here would be a topology bug, and silently dropping it would lose its addresses.
 */
const TALOS_KINDS = new Set(["nic", "loopback"]);

function nics(device: Device): TalosNic[] {
  const other = device.interfaces.filter((i) => !TALOS_KINDS.has(i.kind));
  if (other.length > 0) {
    const list = other.map((i) => `${i.name} (${i.kind})`).join(", ");
    throw new Error(`${device.name}: Talos node interfaces this renderer has no form for: ${list}`);
  }
  return device.interfaces
    .filter((i) => i.kind === "nic")
    .map((i) => {
      const own = i.addresses.filter((h) => h.role === "interface");
      const subnet: { ipv4?: Prefix; ipv6?: Prefix } = {};
      const address: { ipv4?: Address; ipv6?: Address } = {};
      for (const h of own) {
        subnet[key(h.address.family)] = Prefix.containing(
          h.address.family,
          h.address.value,
          h.length,
        );
        address[key(h.address.family)] = h.address;
      }
      const routes = device.routes.filter((r) => r.dev === i.name && r.kind === "static");
      const gateway: { ipv4?: Address; ipv6?: Address } = {};
      for (const r of routes) if (r.via) gateway[key(r.via.family)] = r.via;
      if (!i.mac) throw new Error(`${device.name} ${i.name}: a Talos NIC without a MAC`);
      return {
        mac: i.mac,
        subnet,
        address,
        gateway,
        routes: routes.filter((r) => r.dst.length > 0).map((r) => r.dst),
        defaultRoute: routes.some((r) => r.dst.length === 0),
        ...(i.mtuCarrier === "talos" ? { mtu: i.mtu } : {}),
      };
    });
}

/** Kubelet's default pod limit (KubeletConfiguration `maxPods`). */
export const KUBELET_MAX_PODS = 110;

/**
 * Pods a node pod CIDR can address: its size without the IPv4 network and broadcast addresses,
 * and without the two addresses Cilium takes on every node (its router and health endpoint).
 */
export function podCapacity(p: Prefix): bigint {
  return p.size - (p.family === 4 ? 2n : 0n) - 2n;
}

/** Kubelet's limit when a node's pod CIDR holds fewer pods than the default, else undefined. */
export function maxPodsFor(pods: { ipv4?: Prefix; ipv6?: Prefix }): number | undefined {
  const capacity = FAMILIES.flatMap((f) =>
    pods[key(f)] ? [podCapacity(pods[key(f)] as Prefix)] : [],
  );
  const least = capacity.reduce<bigint | undefined>(
    (m, c) => (m === undefined || c < m ? c : m),
    undefined,
  );
  return least !== undefined && least < BigInt(KUBELET_MAX_PODS) ? Number(least) : undefined;
}

/** One input per node of the tenant's cluster, in plan order. */
export function talosNodeInputs(t: Topology, plan: Plan, tenant: TenantPlan): TalosNodeInput[] {
  const k = clusterOf(tenant);
  // Pods are routed over the first NIC (the mesh when there is one): kubelet's node IPs are there.
  const podNic = tenant.mesh?.subnet ?? tenant.vms;
  const nodeIpSubnets = FAMILIES.flatMap((f) => podNic[key(f)] ?? []);
  return clusterNodes(t, tenant).map((d, j) => {
    const node = k.nodes[j];
    const vip = vipOf(d);
    // A nameserver of a family the node has no address in, or whose way out ends at the EVPN
    // zone's exit nodes, is unreachable: each lookup waits on it (topology/egress.ts).
    return {
      hostname: d.name,
      role: node.role,
      nics: nics(d),
      nameservers: reachableResolvers(plan, t, d, configuredResolvers(plan, d).list),
      ...(vip ? { vip } : {}),
      nodeIpSubnets,
      pods: k.pods,
      services: k.services,
      nodeCidrMaskSize: {
        ...(node.pods.ipv4 ? { ipv4: node.pods.ipv4.length } : {}),
        ...(node.pods.ipv6 ? { ipv6: node.pods.ipv6.length } : {}),
      },
      ...(maxPodsFor(node.pods) !== undefined ? { maxPods: maxPodsFor(node.pods) } : {}),
      talosVersion: plan.talos.version,
      registryMirrors: plan.talos.registryMirrors,
    };
  });
}
