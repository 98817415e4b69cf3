// Plain VMs (homelab:vms) as devices. Each network the VM sits on is one NIC, named `net0`, `net1`,
// ... in config order (or its `name`; never the kernel's eth<N>, addressing/nic-names.ts): the network config the VM boots with matches each NIC by its MAC and renames
// it (set-name), so these names are the ones the OS really uses. Routes: a default route per
// family via the first network with a gateway there (a tenant mesh never carries it: it is
// internal), the internal networks (Ceph) via a tenant mesh's gateway as on seed 001's nodes, then
// the configured routes, which replace a derived route to the same destination.
import { FAMILIES, familyKey as key, Family, Prefix } from "../addressing/ip";
import { CloudVmPlan, Plan, VmNetworkRef } from "../addressing/plan-types";
import { DEFAULT_MTU } from "./hosts";
import { defaultRoute, withConfigured } from "./routes";
import { meshSegmentId, networkSegmentId, prefixesOf, tenantSegmentId } from "./segments";
import { Device, HeldAddress, Interface, Route } from "./types";

/** Locally administered, unicast: 0x06 keeps plain VMs apart from node MACs (0x02). */
const VM_MAC_OCTET = 0x06;

/**
 * A deterministic MAC for NIC `nic` of the plain VM with Proxmox ID `vmId`, as
 * `06:VV:VV:VV:VV:II`: first octet 0x06 (locally administered bit set, multicast bit clear; node
 * MACs start with 0x02, so the two never meet), the VM ID as a 32-bit big-endian number, the NIC
 * index as one byte. VM IDs are unique across the site, so MACs are too, and a VM rebuilt with the
 * same ID comes back with the same MAC. Throws RangeError when a field does not fit.
 */
export function vmMac(vmId: number, nic: number): string {
  if (!Number.isInteger(vmId) || vmId < 0 || vmId >= 2 ** 32) {
    throw new RangeError(`vmId ${vmId} does not fit 32 bits`);
  }
  if (!Number.isInteger(nic) || nic < 0 || nic > 255) {
    throw new RangeError(`nic ${nic} does not fit 8 bits (0-255)`);
  }
  const id = [24, 16, 8, 0].map((shift) => Math.floor(vmId / 2 ** shift) % 256);
  return [VM_MAC_OCTET, ...id, nic].map((o) => o.toString(16).padStart(2, "0")).join(":");
}

/** The topology segment of a VM's network. */
export function vmSegmentId(plan: Plan, ref: VmNetworkRef): string {
  if (!("tenant" in ref)) {
    return ref.kind === "segment" ? `segment:${ref.name}` : networkSegmentId(ref.name);
  }
  const t = plan.tenants.find((x) => x.id === ref.tenant);
  if (!t) throw new Error(`tenant ${ref.tenant} is not in the plan`);
  return ref.kind === "mesh" ? (meshSegmentId(t) ?? tenantSegmentId(t)) : tenantSegmentId(t);
}

function vmRoutes(plan: Plan, vm: CloudVmPlan): Route[] {
  const g = plan.global;
  const internal = [...prefixesOf(g.cephPublic), ...prefixesOf(g.cephCluster)];
  const route = (dst: Prefix, nic: number): Route[] => {
    const n = vm.networks[nic];
    const via = n.gateway[key(dst.family)];
    return via && n.address[key(dst.family)]
      ? [{ dst, via, dev: n.name, kind: "static", carrier: "cloud-init" }]
      : [];
  };
  const defaults = FAMILIES.flatMap((f: Family) => {
    const nic = vm.networks.findIndex(
      (n) => n.ref.kind !== "mesh" && n.gateway[key(f)] && n.address[key(f)],
    );
    return nic >= 0 ? route(defaultRoute(f), nic) : [];
  });
  const mesh = vm.networks.flatMap((n, i) =>
    n.ref.kind === "mesh" ? internal.flatMap((dst) => route(dst, i)) : [],
  );
  const configured: Route[] = vm.routes.map((r) => ({
    dst: r.dst,
    via: r.via,
    dev: vm.networks[r.nic].name,
    kind: "static",
    carrier: "cloud-init",
    ...(r.metric !== undefined ? { metric: r.metric } : {}),
    ...(r.onLink !== undefined ? { onLink: r.onLink } : {}),
  }));
  return withConfigured([...mesh, ...defaults], configured);
}

function vmDevice(plan: Plan, vm: CloudVmPlan): Device {
  const interfaces: Interface[] = vm.networks.map((n, i) => ({
    name: n.name,
    kind: "nic",
    mac: vmMac(vm.vmId, i),
    mtu: n.mtu ?? DEFAULT_MTU,
    mtuCarrier: n.mtu !== undefined ? "cloud-init" : "default",
    segment: vmSegmentId(plan, n.ref),
    addresses: FAMILIES.flatMap((f): HeldAddress[] => {
      const address = n.address[key(f)];
      const subnet = n.subnet[key(f)];
      return address && subnet
        ? [
            {
              address,
              length: subnet.length,
              role: "interface",
              carrier: "cloud-init",
              path: `${n.path}.${key(f)}`,
            },
          ]
        : [];
    }),
  }));
  return {
    name: vm.name,
    kind: "vm",
    software: ["linux"],
    path: vm.path,
    interfaces,
    routes: vmRoutes(plan, vm),
    vm: { host: vm.host, vmId: vm.vmId },
  };
}

/** One device per plain VM, in config order. */
export function vmDevices(plan: Plan): Device[] {
  return plan.vms.map((vm) => vmDevice(plan, vm));
}
