// Link MTUs against what rides on the link: a link that carries IPv6 has an MTU of 1280 or more,
// and a segment's MTU fits the host bridge that carries it (VM NICs take the segment's MTU).
import { Builder } from "./builder";
import { TenantPlan } from "./plan-types";
import { HostNetworkSpec, Site } from "./site";

/**
 * The least link MTU IPv6 allows: "IPv6 requires that every link in the Internet have an MTU of
 * 1280 octets or greater" (RFC 8200 section 5). Linux turns IPv6 off on a device whose MTU drops
 * below it (net/ipv6/addrconf.c, `IPV6_MIN_MTU`), so the addresses the plan gives there never work.
 */
export const IPV6_MIN_MTU = 1280;

/**
 * The MTU of a Linux bond, bridge or VLAN no `mtu` key sets (Ethernet's 1500 octets, which
 * ifupdown2 and the kernel give a new device). The one value the addressing and topology modules
 * use for it.
 */
export const DEFAULT_MTU = 1500;

/**
 * The MTU of a bond or bridge of a host network description (its `mtu`, else DEFAULT_MTU), the
 * parent a VLAN without `mtu` inherits; undefined for a NIC (the config does not know it).
 */
export function deviceMtu(spec: HostNetworkSpec, device: string): number | undefined {
  const owner = [...spec.bonds, ...spec.bridges].find((x) => x.name === device);
  return owner ? (owner.mtu ?? DEFAULT_MTU) : undefined;
}

function belowIpv6(b: Builder, path: string, mtu: number, carries: string, fix: string): void {
  b.problem(
    path,
    String(mtu),
    `is below ${IPV6_MIN_MTU}, the least link MTU IPv6 allows (RFC 8200 section 5), and ${carries}: Linux turns IPv6 off on such a link`,
    fix,
  );
}

/** segments[N].mtu under 1280 on a segment with an IPv6 prefix (new-user trial, finding 1). */
export function checkSegmentMtus(b: Builder): void {
  b.site.segments.forEach((g, i) => {
    if (g.mtu === undefined || g.ipv6 === undefined || g.mtu >= IPV6_MIN_MTU) return;
    belowIpv6(
      b,
      `segments[${i}].mtu`,
      g.mtu,
      `segment ${g.name} carries IPv6 ${g.ipv6}`,
      `raise segments[${i}].mtu to ${IPV6_MIN_MTU} or more, or drop segments[${i}].ipv6`,
    );
  });
}

/**
 * The links of one host network description (`path`: hostNetwork or hosts[N].network): every
 * bond, bridge and VLAN that carries IPv6 (a global network with an IPv6 prefix, a segment or a
 * tenant VLAN with one) has an MTU of 1280 or more, reported at the key that sets it (a VLAN
 * without mtu inherits its parent's); and every segment's MTU fits the bridge that carries it
 * (its `segment:` bridge, or the VM bridge for a segment with a VLAN), as a VLAN fits its parent:
 * Proxmox refuses a VM NIC MTU above its bridge's.
 */
export function checkHostLinkMtus(
  b: Builder,
  spec: HostNetworkSpec,
  path: string,
  site: Site,
): void {
  const vmBridge = spec.vmBridge ?? spec.bridges.find((x) => x.vlanAware)?.name;
  const tenantV6 = site.global.tenantSpace?.ipv6 !== undefined;
  const ipv6Of = (name: string, carries?: string, segment?: string): string[] => [
    ...(carries && site.global[carries as keyof Site["global"]]?.ipv6
      ? [
          `${carries} (global.${carries}.ipv6 ${site.global[carries as keyof Site["global"]]?.ipv6})`,
        ]
      : []),
    ...site.segments
      .filter((g) => g.ipv6 !== undefined && g.name === segment)
      .map((g) => `segment ${g.name} ${g.ipv6}`),
    ...(name === vmBridge
      ? [
          ...site.segments
            .filter((g) => g.ipv6 !== undefined && g.vlan !== undefined)
            .map((g) => `segment ${g.name} ${g.ipv6} (VLAN ${g.vlan})`),
          ...site.tenants
            .filter((t) => t.vlan !== undefined && (t.vms?.ipv6 ?? tenantV6))
            .map((t) => `tenant ${t.name} (VLAN ${t.vlan})`),
        ]
      : []),
  ];
  const owners = [
    ...spec.bonds.map((x, i) => ({ ...x, path: `${path}.bonds[${i}]`, segment: undefined })),
    ...spec.bridges.map((x, i) => ({ ...x, path: `${path}.bridges[${i}]` })),
  ];
  const links = [
    ...owners.map((x) => ({
      name: x.name,
      mtu: x.mtu,
      at: x.path,
      v6: ipv6Of(x.name, x.carries, x.segment),
    })),
    ...spec.vlans.map((v, i) => {
      const parent = owners.find((o) => o.name === v.on);
      return {
        name: `${v.on}.${v.id}`,
        mtu: v.mtu ?? deviceMtu(spec, v.on),
        at: v.mtu !== undefined ? `${path}.vlans[${i}]` : parent?.path,
        v6: ipv6Of(`${v.on}.${v.id}`, v.carries),
      };
    }),
  ];
  for (const l of links) {
    if (l.mtu === undefined || l.at === undefined || l.mtu >= IPV6_MIN_MTU || l.v6.length === 0)
      continue;
    belowIpv6(
      b,
      `${l.at}.mtu`,
      l.mtu,
      `${l.name} carries IPv6 for ${l.v6.join(", ")}`,
      `raise ${l.at}.mtu to ${IPV6_MIN_MTU} or more`,
    );
  }
  site.segments.forEach((g, k) => {
    if (g.mtu === undefined) return;
    const i = spec.bridges.findIndex((br) =>
      g.vlan !== undefined ? br.name === vmBridge : br.segment === g.name,
    );
    if (i < 0) return;
    const br = spec.bridges[i];
    const mtu = br.mtu ?? DEFAULT_MTU;
    if (g.mtu <= mtu) return;
    b.problem(
      `segments[${k}].mtu`,
      String(g.mtu),
      `is larger than the MTU ${mtu} of bridge ${br.name} (${path}.bridges[${i}].mtu${br.mtu === undefined ? ", unset: 1500" : ""}) that carries segment ${g.name}${g.vlan !== undefined ? ` on VLAN ${g.vlan}` : ""}: Proxmox refuses a VM NIC MTU above its bridge's`,
      `lower segments[${k}].mtu to at most ${mtu}, or set ${path}.bridges[${i}].mtu to at least ${g.mtu}`,
    );
  });
}

/**
 * The tenant VNets' MTU when derived (fabric.mtu.vnet unset: physical minus the VXLAN overhead):
 * fabric.mtu.physical 1280 leaves the VNets 1230 (IPv4 underlay) or 1210 (IPv6), below what the
 * tenants' IPv6 subnets need. An explicit fabric.mtu.vnet is held to 1280 by the schema.
 */
export function checkVnetMtu(
  b: Builder,
  tenants: readonly TenantPlan[],
  vnet: number,
  overhead: number,
): void {
  const v6 = tenants.filter((t) => t.vnet !== undefined && t.vms.ipv6 !== undefined);
  if (b.site.fabric.mtu.vnet !== undefined || vnet >= IPV6_MIN_MTU || v6.length === 0) return;
  const physical = b.site.fabric.mtu.physical;
  b.problem(
    "fabric.mtu.physical",
    String(physical),
    `leaves the tenant VNets ${physical} - ${overhead} bytes of VXLAN = ${vnet}, below ${IPV6_MIN_MTU}, the least link MTU IPv6 allows (RFC 8200 section 5), and they carry IPv6 (${v6.map((t) => `tenant ${t.name} ${t.vms.ipv6}`).join(", ")}): Linux turns IPv6 off on such a link`,
    `raise fabric.mtu.physical to ${IPV6_MIN_MTU + overhead} or more`,
  );
}
