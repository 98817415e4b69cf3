// Proxmox hosts as devices: NICs, bonds, bridges and VLAN interfaces with the addresses of the
// networks they carry, the SDN fabric's loopback, and a VNet bridge per tenant VNet holding the
// anycast gateways. MTUs say what sets them: Proxmox for bonds, bridges, VLANs and VNets (a bond
// passes its MTU to its members), nobody for a bare NIC, which no provider resource configures.
import { FAMILIES, familyKey as key } from "../addressing/ip";
import { DEFAULT_MTU } from "../addressing/link-mtu";
import { DevicePlan, HostPlan, Plan } from "../addressing/plan-types";
import { defaultRoute } from "./routes";
import { meshSegmentId, networkSegmentId, tenantSegmentId, vnetSegmentId } from "./segments";
import { Carrier, Device, HeldAddress, Interface, Route } from "./types";

// Linux's default MTU, which a NIC keeps when nothing sets another: the addressing module's one.
export { DEFAULT_MTU };

/** Proxmox names the SDN fabric's loopback interface `dummy_<fabric id>`. */
export const fabricLoopback = (fabric: string): string => `dummy_${fabric}`;

function deviceAddresses(d: DevicePlan): HeldAddress[] {
  return FAMILIES.flatMap((f) => {
    const a = d[key(f)];
    return a
      ? [
          {
            address: a.address,
            length: a.length,
            role: "interface" as const,
            carrier: "proxmox" as const,
            path: `${d.path}.carries`,
          },
        ]
      : [];
  });
}

/** The MTU a NIC must have for what sits on it, and whether anything sets it. */
function nicMtu(plan: Plan, h: HostPlan, nic: string): { mtu: number; mtuCarrier: Carrier } {
  const devices = h.network.devices;
  const bond = devices.find((d) => d.kind === "bond" && d.members?.includes(nic));
  // The bonding driver sets its members to the bond's MTU.
  if (bond) return { mtu: bond.mtu, mtuCarrier: "proxmox" };
  const sdn = plan.tenants.some((t) => t.vnet);
  const needs = Math.max(
    DEFAULT_MTU,
    ...(sdn && h.network.underlay.includes(nic) ? [plan.fabric.mtu.physical] : []),
    ...devices.filter((d) => d.kind === "bridge" && d.ports?.includes(nic)).map((d) => d.mtu),
    ...devices.filter((d) => d.kind === "vlan" && d.parent === nic).map((d) => d.mtu),
  );
  return { mtu: needs, mtuCarrier: needs > DEFAULT_MTU ? "manual" : "default" };
}

function hostInterfaces(plan: Plan, h: HostPlan, path: string): Interface[] {
  const net = h.network;
  const nics: Interface[] = net.interfaces.map((name) => ({
    name,
    kind: "nic",
    ...nicMtu(plan, h, name),
    addresses: [],
  }));
  const tagged = plan.tenants.flatMap((t) =>
    t.vlan !== undefined ? [{ segment: tenantSegmentId(t), vlan: t.vlan }] : [],
  );
  const devices: Interface[] = net.devices.map((d) => ({
    name: d.name,
    kind: d.kind,
    mtu: d.mtu,
    mtuCarrier: "proxmox",
    ...(d.carries ? { segment: networkSegmentId(d.carries) } : {}),
    ...(d.name === net.vmBridge && tagged.length > 0 ? { tagged } : {}),
    lower: d.parent ? [d.parent] : [...(d.members ?? []), ...(d.ports ?? [])],
    addresses: deviceAddresses(d),
  }));
  const fabric = plan.sdn.fabric;
  const loopback: Interface[] =
    fabric && plan.tenants.some((t) => t.vnet)
      ? [
          {
            name: fabricLoopback(fabric.id),
            kind: "loopback",
            mtu: 65536,
            mtuCarrier: "proxmox",
            addresses: FAMILIES.flatMap((f) => {
              const a = h.loopback[key(f)];
              return a
                ? [
                    {
                      address: a,
                      length: f === 4 ? 32 : 128,
                      role: "loopback" as const,
                      carrier: "proxmox" as const,
                      path: `${path}.loopback.${key(f)}`,
                    },
                  ]
                : [];
            }),
          },
        ]
      : [];
  const vnets: Interface[] = plan.tenants.flatMap((t, i) => {
    if (!t.vnet) return [];
    const segment = t.vnet.carries === "vms" ? tenantSegmentId(t) : meshSegmentId(t);
    return [
      {
        name: t.vnet.id,
        kind: "vnet" as const,
        mtu: plan.fabric.mtu.vnet,
        mtuCarrier: "proxmox" as const,
        segment: segment ?? vnetSegmentId(t.vnet.id),
        addresses: t.vnet.subnets.flatMap((s) =>
          s.gateway
            ? [
                {
                  address: s.gateway,
                  length: s.prefix.length,
                  role: "anycast-gateway" as const,
                  carrier: "proxmox" as const,
                  path: `tenants[${i}].gateway`,
                },
              ]
            : [],
        ),
      },
    ];
  });
  return [...nics, ...devices, ...loopback, ...vnets];
}

function hostRoutes(h: HostPlan): Route[] {
  const management = h.network.devices.find((d) => d.carries === "management");
  if (!management?.gateway) return [];
  return FAMILIES.flatMap((f) => {
    const via = management.gateway?.[key(f)];
    return via && management[key(f)]
      ? [
          {
            dst: defaultRoute(f),
            via,
            dev: management.name,
            kind: "static" as const,
            carrier: "proxmox" as const,
          },
        ]
      : [];
  });
}

/** One device per Proxmox host, in plan order (the config's, on a valid plan). */
export function hostDevices(plan: Plan): Device[] {
  return plan.hosts.map((h, i) => {
    const path = `hosts[${i}]`;
    return {
      name: h.name,
      kind: "host",
      software: ["proxmox"],
      path,
      interfaces: hostInterfaces(plan, h, path),
      routes: hostRoutes(h),
    };
  });
}
