// Routers as devices: each holds its tenants' gateways on VLAN interfaces (and the gateway of an
// on-link LoadBalancer prefix there), plus the addresses it is declared with. A managed router's
// config carries all of it (RouterOS script, frr.conf); an `external` one carries nothing, so what
// it must hold is a manual step. A VLAN tenant no router holds still has a gateway: some device
// the stack does not describe holds it (seed 002's UniFi gateway), modelled as an external device
// that speaks no BGP.
import { Address, FAMILIES, familyKey as key } from "../addressing/ip";
import { Plan, RouterPlan, TenantPlan } from "../addressing/plan-types";
import { DEFAULT_MTU } from "./hosts";
import { tenantSegmentId } from "./segments";
import { Problem } from "../addressing/problems";
import { Carrier, Device, HeldAddress, Interface, Segment, Topology } from "./types";

/** What configures a router of this OS: a Linux router's addresses and BGP are FRR's. */
export const routerCarrier = (os: RouterPlan["os"]): Carrier =>
  os === "routeros" ? "routeros" : os === "frr" || os === "linux" ? "frr" : "manual";

/**
 * The first RouterOS v7 minor release given BFD here: `/routing/bfd/configuration` and a BGP
 * connection's `use-bfd` are documented for v7 (help.mikrotik.com, "routing bfd") and verified on
 * 7.15.3 (mikrotikdocs.fyi, "BGP BFD and Graceful Restart"); no earlier release is sourced.
 */
export const ROUTEROS_BFD_MINOR = 15;

/** Whether a RouterOS router of `version` ("7.19", "7.15.3") runs BFD toward its FRR peers. */
export function routerOsHasBfd(version: string): boolean {
  const m = /^7\.(\d+)/.exec(version);
  return m !== null && Number(m[1]) >= ROUTEROS_BFD_MINOR;
}

/** The BGP implementation of a router of this OS. */
const speakerSoftware = (os: RouterPlan["os"]) =>
  os === "routeros" ? "routeros" : os === "external" ? "external" : "frr";

/** Gateways a router holds for a tenant: the VM subnet's, and an on-link LB prefix's. */
function tenantGateways(t: TenantPlan, tPath: string, carrier: Carrier): HeldAddress[] {
  const lb = t.kubernetes;
  return [
    ...FAMILIES.flatMap((f) => {
      const address = t.gateway[key(f)];
      const subnet = t.vms[key(f)];
      return address && subnet
        ? [
            {
              address,
              length: subnet.length,
              role: "gateway" as const,
              carrier,
              path: `${tPath}.gateway.${key(f)}`,
            },
          ]
        : [];
    }),
    ...FAMILIES.flatMap((f) => {
      const address = lb?.lbGateway[key(f)];
      const prefix = lb?.loadBalancers[key(f)];
      return address && prefix
        ? [
            {
              address,
              length: prefix.length,
              role: "gateway" as const,
              carrier,
              path: `${tPath}.kubernetes.loadBalancers.${key(f)}`,
            },
          ]
        : [];
    }),
  ];
}

function segmentOf(segments: readonly Segment[], a: Address): string | undefined {
  return segments.find((s) => s.prefixes.some((p) => p.contains(a)))?.id;
}

function routerDevice(plan: Plan, r: RouterPlan, i: number, segments: readonly Segment[]): Device {
  const path = `routers[${i}]`;
  const carrier = routerCarrier(r.os);
  const byName = new Map<string, Interface>();
  const add = (iface: Interface) => {
    const prev = byName.get(iface.name);
    byName.set(
      iface.name,
      prev
        ? {
            ...prev,
            // The interface's segment is the one any of its addresses lies in, in either order.
            ...((prev.segment ?? iface.segment) ? { segment: prev.segment ?? iface.segment } : {}),
            addresses: [...prev.addresses, ...iface.addresses],
          }
        : iface,
    );
  };
  r.vlans.forEach((v) => {
    const ti = plan.tenants.findIndex((t) => t.id === v.tenant);
    const t = plan.tenants[ti];
    if (!t) return;
    add({
      name: v.interface,
      kind: "vlan",
      mtu: DEFAULT_MTU,
      mtuCarrier: "default",
      segment: tenantSegmentId(t),
      addresses: tenantGateways(t, `tenants[${ti}]`, carrier),
    });
  });
  for (const a of r.addresses) {
    const segment = segmentOf(segments, a.address);
    add({
      name: a.interface,
      kind: a.length === (a.address.family === 4 ? 32 : 128) ? "loopback" : "vlan",
      mtu: DEFAULT_MTU,
      mtuCarrier: "default",
      ...(segment ? { segment } : {}),
      addresses: [
        { address: a.address, length: a.length, role: "interface", carrier, path: a.path },
      ],
    });
  }
  return {
    name: r.name,
    kind: r.os === "external" ? "external" : "router",
    software: r.os === "linux" ? ["linux", "frr"] : [r.os === "external" ? "external" : r.os],
    path,
    interfaces: [...byName.values()],
    // Configured routes; build.ts adds the sessions' own (a configured one to the same
    // destination replaces the derived one).
    routes: r.routes.map((x) => ({ dst: x.dst, via: x.via, kind: "static" as const, carrier })),
    speaker: {
      asn: r.asn,
      ...(r.routerId ? { routerId: r.routerId } : {}),
      software: speakerSoftware(r.os),
      carrier,
    },
  };
}

/**
 * Routers of the plan, then one external gateway device per VLAN tenant whose gateway no router
 * holds (named `<tenant>-gateway`), so that every gateway address has a holder.
 */
export function routerDevices(plan: Plan, segments: readonly Segment[]): Device[] {
  const routers = plan.routers.map((r, i) => routerDevice(plan, r, i, segments));
  const held = new Set(plan.routers.flatMap((r) => r.vlans.map((v) => v.tenant)));
  const gateways = plan.tenants.flatMap((t, i): Device[] => {
    if (t.vlan === undefined || held.has(t.id)) return [];
    const addresses = tenantGateways(t, `tenants[${i}]`, "manual");
    if (addresses.length === 0) return [];
    return [
      {
        name: `${t.name}-gateway`,
        kind: "external",
        software: ["external"],
        path: `tenants[${i}].gateway`,
        interfaces: [
          {
            name: `vlan${t.vlan}`,
            kind: "vlan",
            mtu: DEFAULT_MTU,
            mtuCarrier: "default",
            segment: tenantSegmentId(t),
            addresses,
          },
        ],
        routes: [],
      },
    ];
  });
  return [...routers, ...gateways];
}

/** The routers that hold a tenant's gateway, in config order. */
export function routersOf(plan: Plan, tenant: number): RouterPlan[] {
  return plan.routers.filter((r) => r.vlans.some((v) => v.tenant === tenant));
}

/** A VLAN interface a RouterOS router's script creates on its trunk (routers[].trunk). */
export interface RouterVlanInterface {
  /** Interface name on the router (`name=`), as routers[].vlans or routers[].addresses write it. */
  readonly name: string;
  /** VLAN ID (`vlan-id=`): the tenant's or the segment's. */
  readonly vlan: number;
  /** The interface it rides on (`interface=`): routers[].trunk. */
  readonly trunk: string;
  /** Bytes (`mtu=`), where the segment sets one. */
  readonly mtu?: number;
}

/**
 * The VLAN interfaces of router `r` (a device of `t`) that its script creates on routers[].trunk:
 * each interface of the router, other than the trunk itself (untagged there), attached to a
 * tenant's VLAN segment or a homelab:segments entry with a VLAN ID. None without a trunk.
 */
export function routerVlanInterfaces(
  t: Pick<Topology, "devices" | "segments">,
  r: RouterPlan,
): RouterVlanInterface[] {
  const trunk = r.trunk;
  if (trunk === undefined) return [];
  const device = t.devices.find((d) => d.name === r.name);
  return (device?.interfaces ?? []).flatMap((i) => {
    const s = t.segments.find((x) => x.id === i.segment);
    if (i.kind !== "vlan" || i.name === trunk || !s || s.vlan === undefined) return [];
    if (s.kind !== "vlan" && s.kind !== "segment") return [];
    return [{ name: i.name, vlan: s.vlan, trunk, ...(s.mtu !== undefined ? { mtu: s.mtu } : {}) }];
  });
}

/**
 * routers[].trunk problems:
 * - the trunk is an uplink interface (routers[].uplink.interfaces): the site's VLANs would be
 *   tagged towards the ISP's box, and the factory firewall drops what comes in there (`WAN`);
 * - the trunk is one of the router's own VLAN interfaces (a routers[].vlans interface, or a
 *   routers[].addresses interface on a segment with a VLAN ID): a VLAN interface rides on the
 *   trunk, and the script would leave it uncreated (new-user trial of issue 17);
 * - two VLAN interfaces of one router with one VLAN ID on the trunk (RouterOS keys a VLAN
 *   interface on its parent and VLAN ID: the second would be the first).
 */
export function trunkProblems(plan: Plan, t: Pick<Topology, "devices" | "segments">): Problem[] {
  return plan.routers.flatMap((r, i) => [
    ...trunkRoleProblems(t, r, i),
    ...routerVlanInterfaces(t, r).flatMap((v, j, vlans) => {
      const first = vlans.findIndex((w) => w.vlan === v.vlan);
      if (first === j) return [];
      return [
        {
          path: `routers[${i}].trunk`,
          input: r.trunk ?? "",
          message: `would carry VLAN ${v.vlan} twice: interfaces ${vlans[first].name} and ${v.name} of router ${r.name} both sit on a segment with VLAN ID ${v.vlan}`,
          fix: "put the two interfaces' addresses on one interface, or give one segment another VLAN ID",
        },
      ];
    }),
  ]);
}

/** The trunk named as an uplink interface, or as a VLAN interface of the router itself. */
function trunkRoleProblems(
  t: Pick<Topology, "devices" | "segments">,
  r: RouterPlan,
  i: number,
): Problem[] {
  const trunk = r.trunk;
  if (trunk === undefined) return [];
  const path = `routers[${i}].trunk`;
  const up = r.uplink?.interfaces.indexOf(trunk) ?? -1;
  if (up >= 0) {
    return [
      {
        path,
        input: trunk,
        message: `is the uplink interface of router ${r.name} (routers[${i}].uplink.interfaces[${up}]), its way to the internet: the site's VLANs do not ride on it`,
        fix: "set trunk to the interface the site's VLANs ride on towards the hosts (`bridge` on a factory home router); the uplink stays in uplink.interfaces",
      },
    ];
  }
  const iface = t.devices
    .find((d) => d.name === r.name)
    ?.interfaces.find((x) => x.name === trunk && x.kind === "vlan");
  // As routerVlanInterfaces: a tenant VLAN or a homelab:segments entry, with a VLAN ID.
  const segment = t.segments.find((s) => s.id === iface?.segment);
  const vlan = segment?.vlan;
  if (vlan === undefined || (segment?.kind !== "vlan" && segment?.kind !== "segment")) return [];
  const j = r.vlans.findIndex((v) => v.interface === trunk);
  const where =
    j >= 0
      ? `routers[${i}].vlans[${j}].interface`
      : `${(r.addresses.find((a) => a.interface === trunk)?.path ?? `routers[${i}]`).replace(/\.address$/, "")}.interface`;
  return [
    {
      path,
      input: trunk,
      message: `is a VLAN interface of router ${r.name} (${where}, VLAN ${vlan}): the script creates each VLAN interface on the trunk, so the trunk cannot be one of them`,
      fix: `set trunk to the interface ${trunk} rides on (\`bridge\` on a factory home router, where the site's VLANs ride on the bridge)`,
    },
  ];
}
