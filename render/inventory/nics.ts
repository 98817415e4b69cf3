// The NICs of a tenant's node VMs as the program wires them, for the inventory and the topology
// diagram: the topology's NIC plan and names (topology/nodes.ts). NIC i sits on the tenant's VNet
// when the VNet carries that subnet, else on the host's VM bridge, tagged with the tenant's egress
// VLAN if it has one.
import { HostPlan, NodePlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { DualAddress, DualPrefix } from "../../addressing/site";
import { nicNames } from "../../topology/nodes";

export interface NodeNic {
  /** The name the guest gives the NIC: Talos's predictable `ens18`..., or FRR's on Linux. */
  readonly name: string;
  readonly carries: "vms" | "mesh";
  /** How the seeds call the network: "VM subnet", or "mesh" and "egress" when there are two. */
  readonly role: "VM subnet" | "egress" | "mesh";
  readonly subnet: DualPrefix;
  readonly gateway: DualAddress;
  /** The tenant's VNet, when the NIC attaches to it. */
  readonly vnet?: string;
  /** The VLAN on the hosts' VM bridge, when the NIC attaches there tagged. */
  readonly vlan?: number;
}

export function tenantNics(t: TenantPlan): NodeNic[] {
  const k = t.kubernetes;
  const subnets = t.mesh ? [t.mesh.subnet, t.vms] : [t.vms];
  const carries = subnets.map((subnet): "vms" | "mesh" => (subnet === t.vms ? "vms" : "mesh"));
  const names = k
    ? nicNames(
        k,
        carries.map((c) => ({ carries: c })),
      )
    : [];
  return subnets.map((subnet, i) => {
    const onVnet = t.vnet?.carries === carries[i];
    return {
      name: names[i] ?? `net${i}`,
      carries: carries[i],
      // "egress" is seed 001's name for the VM subnet beside a mesh; alone it is the VM subnet.
      role: carries[i] === "mesh" ? "mesh" : t.mesh ? "egress" : "VM subnet",
      subnet,
      gateway: carries[i] === "mesh" ? (t.mesh?.gateway ?? {}) : t.gateway,
      vnet: onVnet ? t.vnet?.id : undefined,
      vlan: onVnet ? undefined : t.vlan,
    };
  });
}

/** The node's own addresses on a NIC. */
export const nicAddress = (n: NodePlan, nic: NodeNic): DualAddress =>
  nic.carries === "mesh" ? n.mesh : n.address;

/** VM bridges of the hosts that run the tenant's node VMs, in host order, without repeats. */
export function vmBridges(plan: Plan, t: TenantPlan): string[] {
  const used = new Set(t.kubernetes?.vms.map((v) => v.host) ?? []);
  const bridges = plan.hosts
    .filter((h: HostPlan) => used.has(h.name))
    .flatMap((h) => h.network.vmBridge ?? []);
  return [...new Set(bridges)];
}

/** Where a NIC attaches, in words: "VNet vnet101", "VLAN 101 on vmbr0", "vmbr0 (untagged)". */
export function attachment(plan: Plan, t: TenantPlan, nic: NodeNic): string {
  if (nic.vnet) return `VNet ${nic.vnet}`;
  const bridges = vmBridges(plan, t).join(", ") || "the VM bridge";
  return nic.vlan !== undefined ? `VLAN ${nic.vlan} on ${bridges}` : `${bridges} (untagged)`;
}
