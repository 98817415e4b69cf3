// A Proxmox host's network devices (bridges, bonds, VLAN interfaces) with the addresses the plan
// gives them, and the rules a host's wiring must satisfy: every member exists, no NIC is used twice,
// VLAN IDs are unique per parent, a VLAN fits its parent's MTU and a bridge its bond ports', each network is carried once.
import { nameFix, near } from "../site/schema";
import { Builder, FAMILIES, key } from "./builder";
import { checkHostLinkMtus, DEFAULT_MTU, deviceMtu } from "./link-mtu";
import { Address, Family } from "./ip";
import { DevicePlan, HostNetworkPlan, InterfaceAddress } from "./plan-types";
import { Carries, DualAddress, HostNetworkSpec, Site } from "./site";

/** Addresses of one host in the global networks a device can carry. */
export type HostAddresses = Record<Carries, DualAddress>;

/**
 * A bridge with no ports reaches nothing off the host: one that carries a global network (itself
 * or by a VLAN on it) would cut the host off it (`management`: the host's only way in; new-user
 * trial brk24, where `plan` wrote vmbr0 with "ports": [] for both hosts and only the twin noticed).
 * The VM bridge with no ports cuts the tenants' VLANs off their router; a segment's bridge cuts its
 * VMs off the segment. A portless bridge that carries none of these stays valid: VMs on it talk
 * among themselves on the host.
 */
function portlessCarrier(
  b: Builder,
  spec: HostNetworkSpec,
  i: number,
  path: string,
  site: Site,
): void {
  const br = spec.bridges[i];
  if (br.ports.length > 0) return;
  // The tenants' VLANs ride the VM bridge to their gateway, a router off the host.
  const vmBridge = spec.vmBridge ?? spec.bridges.find((x) => x.vlanAware)?.name;
  const tenantVlans = site.tenants.flatMap((t) => (t.vlan === undefined ? [] : [t.vlan]));
  const carried = [
    ...(br.carries ? [br.carries] : []),
    ...(br.segment ? [`segment ${br.segment}`] : []),
    ...(br.name === vmBridge && tenantVlans.length > 0
      ? [`the tenants' VLANs (${tenantVlans.join(", ")})`]
      : []),
    ...spec.vlans
      .filter((v) => v.on === br.name && v.carries)
      .map((v) => `${v.carries} (VLAN ${v.id})`),
  ];
  if (carried.length === 0) return;
  const ported = new Set([
    ...spec.bridges.flatMap((x) => x.ports),
    ...spec.bonds.flatMap((x) => x.members),
    ...spec.underlay,
  ]);
  const free = [...spec.interfaces, ...spec.bonds.map((x) => x.name)].find((n) => !ported.has(n));
  const spare = ["eno1", "eno2", "enp2s0", "enp3s0"].find((n) => !spec.interfaces.includes(n));
  b.problem(
    `${path}.bridges[${i}].ports`,
    "[]",
    `bridge ${br.name} has no ports, yet carries ${carried.slice(0, -1).join(", ")}${carried.length > 1 ? " and " : ""}${carried[carried.length - 1]}: with no NIC it reaches nothing off the host, so the host and its VMs would be cut off from the rest of that network`,
    free
      ? `name the NIC it rides on, e.g. ports: [${free}] (a physical interface of the host, ${path}.interfaces)`
      : `name the host's physical NIC it rides on, e.g. ports: [${spare}], and list it in ${path}.interfaces (a NIC is in one bridge or bond only)`,
  );
}

/**
 * Checks a network description once (the site template, or a host's own) and records its
 * problems under `path`. Host-independent, so a template mistake is reported once, not per host.
 */
export function checkNetwork(b: Builder, spec: HostNetworkSpec, path: string, site: Site): void {
  const nics = new Set(spec.interfaces);
  const bonds = new Set(spec.bonds.map((x) => x.name));
  const bridges = new Set(spec.bridges.map((x) => x.name));
  const used = new Map<string, string>();
  const use = (name: string, where: string) => {
    const first = used.get(name);
    if (first)
      b.problem(where, name, `is already used by ${first}`, "a NIC can be in one place only");
    else used.set(name, where);
  };
  const names = new Map<string, string>();
  const declare = (name: string, where: string) => {
    const first = names.get(name);
    if (first)
      b.problem(
        where,
        name,
        `is already the name of ${first}`,
        "give each interface, bond, bridge and VLAN its own name",
      );
    else names.set(name, where);
  };
  spec.interfaces.forEach((n, i) => declare(n, `${path}.interfaces[${i}]`));
  spec.bonds.forEach((bond, i) => {
    declare(bond.name, `${path}.bonds[${i}].name`);
    bond.members.forEach((m, j) => {
      const where = `${path}.bonds[${i}].members[${j}]`;
      if (!nics.has(m)) {
        b.problem(
          where,
          m,
          `is not one of the host's interfaces (${path}.interfaces)`,
          near(m, [...nics]) ?? `add ${m} to ${path}.interfaces`,
        );
      }
      use(m, where);
    });
  });
  spec.bridges.forEach((br, i) => {
    declare(br.name, `${path}.bridges[${i}].name`);
    portlessCarrier(b, spec, i, path, site);
    br.ports.forEach((port, j) => {
      const where = `${path}.bridges[${i}].ports[${j}]`;
      if (!nics.has(port) && !bonds.has(port)) {
        b.problem(
          where,
          port,
          `is neither an interface nor a bond of the host`,
          near(port, [...nics, ...bonds]) ?? `add ${port} to ${path}.interfaces`,
        );
      }
      use(port, where);
      // A bridge carries no frame larger than its lowest port MTU (the kernel refuses a bridge
      // MTU above it: "RTNETLINK answers: Invalid argument"); a NIC's MTU is not in the config.
      const portMtu = bonds.has(port) ? deviceMtu(spec, port) : undefined;
      if (br.mtu !== undefined && portMtu !== undefined && br.mtu > portMtu) {
        b.problem(
          `${path}.bridges[${i}].mtu`,
          String(br.mtu),
          `is larger than the MTU ${portMtu} of its port ${port}`,
          `set ${port}'s mtu to at least ${br.mtu}`,
        );
      }
    });
  });
  spec.underlay.forEach((u, i) => {
    const where = `${path}.underlay[${i}]`;
    if (!nics.has(u) && !bonds.has(u))
      b.problem(
        where,
        u,
        `is neither an interface nor a bond of the host`,
        near(u, [...nics, ...bonds]) ?? `add ${u} to ${path}.interfaces`,
      );
    use(u, where);
  });
  const vlanIds = new Map<string, string>();
  spec.vlans.forEach((v, i) => {
    const where = `${path}.vlans[${i}]`;
    if (!nics.has(v.on) && !bonds.has(v.on) && !bridges.has(v.on)) {
      b.problem(
        `${where}.on`,
        v.on,
        `is not an interface, bond or bridge of the host`,
        nameFix(v.on, [...nics, ...bonds, ...bridges], "the host's interfaces, bonds and bridges"),
      );
    }
    const k = `${v.on}.${v.id}`;
    const first = vlanIds.get(k);
    if (first)
      b.problem(
        `${where}.id`,
        String(v.id),
        `VLAN ${v.id} is already defined on ${v.on} by ${first}`,
        `remove one of the two, or give ${where}.id another VLAN ID`,
      );
    else vlanIds.set(k, where);
    // A NIC's MTU is not in the config, so only bonds and bridges are checked.
    const parentMtu = deviceMtu(spec, v.on);
    if (v.mtu !== undefined && parentMtu !== undefined && v.mtu > parentMtu) {
      b.problem(
        `${where}.mtu`,
        String(v.mtu),
        `is larger than the MTU ${parentMtu} of its parent ${v.on}`,
        `set ${v.on}'s mtu to at least ${v.mtu}`,
      );
    }
  });
  const carried = new Map<string, string>();
  const carriers = [
    ...spec.bridges.map((x, i) => [x.carries, `${path}.bridges[${i}].carries`] as const),
    ...spec.bonds.map((x, i) => [x.carries, `${path}.bonds[${i}].carries`] as const),
    ...spec.vlans.map((x, i) => [x.carries, `${path}.vlans[${i}].carries`] as const),
  ];
  for (const [net, where] of carriers) {
    if (!net) continue;
    if (!site.global[net]) {
      b.problem(where, net, `has no global.${net} to take an address from`, `define global.${net}`);
    }
    const first = carried.get(net);
    if (first)
      b.problem(
        where,
        net,
        `is already carried by ${first}`,
        `one device carries ${net}: remove this carries`,
      );
    else carried.set(net, where);
  }
  // A bridge that carries a declared segment untagged has that one network on its ports.
  const segmentBridges = new Map<string, string>();
  spec.bridges.forEach((br, i) => {
    if (br.segment === undefined) return;
    const where = `${path}.bridges[${i}].segment`;
    const segment = site.segments.find((g) => g.name === br.segment);
    if (!segment) {
      const names = site.segments.map((g) => g.name);
      b.problem(
        where,
        br.segment,
        "is not a segment of homelab:segments",
        names.length > 0 ? nameFix(br.segment, names, "segments") : "define it in homelab:segments",
      );
    } else if (br.carries !== undefined) {
      b.problem(
        where,
        br.segment,
        `${br.name} already carries ${br.carries} untagged; a bridge carries one network untagged`,
        `put segment ${br.segment} on a bridge of its own, or carry ${br.carries} on a VLAN`,
      );
    }
    const first = segmentBridges.get(br.segment);
    if (first)
      b.problem(
        where,
        br.segment,
        `is already carried by ${first}`,
        `one bridge carries segment ${br.segment}: remove this segment`,
      );
    else segmentBridges.set(br.segment, where);
  });
  // Tenant VLANs ride on the VM bridge next to the host's own VLANs there: one ID, one use.
  const vmBridge = spec.vmBridge ?? spec.bridges.find((x) => x.vlanAware)?.name;
  if (vmBridge) {
    const kind = `VLAN on ${vmBridge} (${path})`;
    spec.vlans.forEach((v, i) => {
      // A VLAN defined twice on the bridge is reported above already.
      const first = spec.vlans.findIndex((o) => o.on === v.on && o.id === v.id) === i;
      if (v.on === vmBridge && first) b.id(`${path}.vlans[${i}].id`, kind, v.id);
    });
    site.tenants.forEach((t, i) => {
      if (t.vlan !== undefined) b.id(`tenants[${i}].vlan`, kind, t.vlan);
    });
  } else if (site.tenants.some((t) => t.vlan !== undefined)) {
    b.problem(
      `${path}.bridges`,
      "[]",
      "has no VLAN-aware bridge for the tenants' VLANs",
      "add a bridge with vlanAware: true",
    );
  }
  if (spec.vmBridge !== undefined) {
    const br = spec.bridges.find((x) => x.name === spec.vmBridge);
    if (!br)
      b.problem(
        `${path}.vmBridge`,
        spec.vmBridge,
        "is not a bridge of the host",
        nameFix(
          spec.vmBridge,
          spec.bridges.map((x) => x.name),
          "bridges",
        ),
      );
    else if (!br.vlanAware) {
      b.problem(
        `${path}.vmBridge`,
        spec.vmBridge,
        "is not VLAN-aware, so it cannot carry tenant VLANs",
        `set vlanAware: true on ${br.name}`,
      );
    }
  }
  checkHostLinkMtus(b, spec, path, site);
}

/** The host's devices with the addresses of the networks they carry. */
export function planNetwork(
  spec: HostNetworkSpec,
  path: string,
  addresses: HostAddresses,
  lengths: Record<Carries, Partial<Record<Family, number>>>,
): HostNetworkPlan {
  const withAddresses = (carries: Carries | undefined) => {
    if (!carries) return {};
    const out: { ipv4?: InterfaceAddress; ipv6?: InterfaceAddress; gateway?: DualAddress } = {};
    for (const f of FAMILIES) {
      const a: Address | undefined = addresses[carries][key(f)];
      const length = lengths[carries][f];
      if (a && length !== undefined) out[key(f)] = { address: a, length };
    }
    if (carries === "management" && spec.gateway) out.gateway = spec.gateway;
    return out;
  };
  const devices: DevicePlan[] = [
    ...spec.bonds.map((x, i): DevicePlan => ({
      kind: "bond",
      name: x.name,
      path: `${path}.bonds[${i}]`,
      mtu: x.mtu ?? DEFAULT_MTU,
      members: x.members,
      mode: x.mode,
      hashPolicy: x.hashPolicy,
      carries: x.carries,
      ...withAddresses(x.carries),
    })),
    ...spec.bridges.map((x, i): DevicePlan => ({
      kind: "bridge",
      name: x.name,
      path: `${path}.bridges[${i}]`,
      mtu: x.mtu ?? DEFAULT_MTU,
      ports: x.ports,
      vlanAware: x.vlanAware,
      carries: x.carries,
      ...(x.segment !== undefined ? { segment: x.segment } : {}),
      ...withAddresses(x.carries),
    })),
    ...spec.vlans.map((x, i): DevicePlan => ({
      kind: "vlan",
      name: `${x.on}.${x.id}`,
      path: `${path}.vlans[${i}]`,
      mtu: x.mtu ?? deviceMtu(spec, x.on) ?? DEFAULT_MTU,
      parent: x.on,
      vlanId: x.id,
      carries: x.carries,
      ...withAddresses(x.carries),
    })),
  ];
  const vmBridge = spec.vmBridge ?? spec.bridges.find((x) => x.vlanAware)?.name;
  return { interfaces: spec.interfaces, devices, underlay: spec.underlay, vmBridge };
}
