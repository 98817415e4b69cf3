// The NICs of a tenant's node VMs as the program wires them, for the inventory and the topology
// diagram. NIC order and attachment follow components/deploy-kubernetes.ts (NIC i sits on
// nicSubnets(tenant)[i]: on the tenant's VNet when the VNet carries that subnet, else on the
// host's VM bridge, tagged with the tenant's egress VLAN if it has one).
import { HostPlan, NodePlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { DualAddress, DualPrefix } from "../../addressing/site";
import { nicSubnets } from "../cilium/inputs";

export interface NodeNic {
  /** Talos: the VM's `net<i>` (Talos finds it by MAC); Linux: the interface name FRR uses. */
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
  return nicSubnets(t).map((subnet, i) => {
    const carries = subnet === t.vms ? "vms" : "mesh";
    const onVnet = t.vnet?.carries === carries;
    const linuxName = carries === "mesh" ? k?.frr.mesh : k?.frr.egress;
    return {
      name: k?.nodeOs === "linux" && linuxName ? linuxName : `net${i}`,
      carries,
      // "egress" is seed 001's name for the VM subnet beside a mesh; alone it is the VM subnet.
      role: carries === "mesh" ? "mesh" : t.mesh ? "egress" : "VM subnet",
      subnet,
      gateway: carries === "mesh" ? (t.mesh?.gateway ?? {}) : t.gateway,
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
