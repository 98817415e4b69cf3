// EVPN to the edge: the way back into the zone. Tenant traffic leaves the Proxmox EVPN zone at its
// exit nodes (sdn.exitNodes) and goes on by the hosts' default route; the replies come back only
// if the hosts' gateway routes every VNet subnet to the exit nodes. Proxmox pvesdn.adoc (EVPN
// setup example): "You need to add reverse routes for the '10.0.1.0/24' and '10.0.2.0/24'
// networks to node1 and node2 on your external gateway, so that the public network can reply
// back." A gateway this stack configures (RouterOS, FRR on a Linux router) gets those routes,
// ECMP across the exit nodes (or via the primary exit node alone); any other gateway gets a manual
// step naming them. Several exit nodes also need loose reverse-path filtering on each ("Multiple
// EVPN Exit Nodes ... packets can arrive at one node but go out from another node").
import { Address, Family, FAMILIES, familyKey as key, Prefix } from "../addressing/ip";
import { HostPlan, Plan } from "../addressing/plan-types";
import { poolPrefixes } from "./pools";
import { connectedInterface } from "./sessions";
import { Device, ManualStep, Route } from "./types";

/** The hosts' way out in one family: the gateway the exit nodes use and their next-hop addresses. */
export interface ExitPath {
  readonly family: Family;
  /** The hosts' default gateway on management (hostNetwork.gateway); absent when unset. */
  readonly gateway?: Address;
  /** The device that holds the gateway, when the stack describes it. */
  readonly holder?: Device;
  /** The exit nodes the way back goes to, with their management addresses (the next hops). */
  readonly vias: readonly { readonly host: string; readonly address: Address }[];
  /** The VNet subnets that need the way back: not SNATed on the exit nodes. */
  readonly prefixes: readonly Prefix[];
}

/** What the edge adds to the topology: return routes per device, and the manual steps. */
export interface EvpnEdge {
  readonly paths: readonly ExitPath[];
  /** Return routes, by the name of the router that carries them. */
  readonly routes: ReadonlyMap<string, readonly Route[]>;
  readonly manualSteps: readonly ManualStep[];
}

const management = (h: HostPlan) => h.network.devices.find((d) => d.carries === "management");

/** The VNet subnets of family `f` that leave the zone unNATed, in tenant order. */
function returnPrefixes(plan: Plan, f: Family): Prefix[] {
  return plan.tenants.flatMap((t) =>
    t.vnet?.carries === "vms"
      ? t.vnet.subnets.filter((s) => s.prefix.family === f && !s.snat).map((s) => s.prefix)
      : [],
  );
}

/** The exit paths of the site, one per family that the exit nodes have a gateway in. */
export function exitPaths(plan: Plan, devices: readonly Device[]): ExitPath[] {
  const { exitNodes, primaryExitNode } = plan.sdn;
  if (exitNodes.length === 0) return [];
  const used = primaryExitNode ? [primaryExitNode] : exitNodes;
  const hosts = used.flatMap((n) => plan.hosts.filter((h) => h.name === n));
  return FAMILIES.flatMap((f): ExitPath[] => {
    const gateway = hosts.map((h) => management(h)?.gateway?.[key(f)]).find((g) => g);
    const prefixes = returnPrefixes(plan, f);
    if (prefixes.length === 0) return [];
    const vias = hosts.flatMap((h) => {
      const a = management(h)?.[key(f)]?.address;
      return a ? [{ host: h.name, address: a }] : [];
    });
    if (vias.length === 0) return [];
    if (!gateway) return [{ family: f, vias, prefixes }];
    const holder = devices.find((d) =>
      d.interfaces.some((i) => i.addresses.some((h) => h.address.equals(gateway))),
    );
    return [{ family: f, gateway, ...(holder ? { holder } : {}), vias, prefixes }];
  });
}

const and = (xs: readonly string[]) =>
  xs.length > 1 ? `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}` : (xs[0] ?? "");

/** What configures `d`'s static routes: a RouterOS script or frr.conf; nothing on others. */
const routeCarrier = (d: Device | undefined): "routeros" | "frr" | undefined =>
  d?.kind !== "router" ? undefined : d.software.includes("routeros") ? "routeros" : "frr";

/**
 * The way back into the EVPN zone: return routes on the hosts' gateway when the stack configures
 * it (one route per exit node and prefix: ECMP), else a manual step that names each route; and
 * loose reverse-path filtering on each exit node when several share the traffic.
 */
export function evpnEdge(plan: Plan, devices: readonly Device[]): EvpnEdge {
  const paths = exitPaths(plan, devices);
  const routes = new Map<string, Route[]>();
  const steps: ManualStep[] = [];
  const zone = `EVPN zone ${plan.sdn.zone}`;
  for (const p of paths) {
    const exits = and(p.vias.map((v) => `${v.host} (${v.address})`));
    const carrier = routeCarrier(p.holder);
    const holder = p.holder;
    if (carrier && holder && p.vias.every((v) => connectedInterface(holder, v.address))) {
      const list = routes.get(holder.name) ?? [];
      for (const dst of p.prefixes)
        for (const v of p.vias) list.push({ dst, via: v.address, kind: "static", carrier });
      routes.set(holder.name, list);
      continue;
    }
    const back = `routes ${and(p.prefixes.map(String))} via ${and(p.vias.map((v) => v.address.toString()))}${p.vias.length > 1 ? " (ECMP)" : ""}`;
    if (!p.gateway) {
      steps.push({
        device: `${zone} exit nodes`,
        what: `give the hosts an IPv${p.family} default gateway (hostNetwork.gateway.${key(p.family)}), and on it ${back}`,
        why: `the VNet subnets leave ${zone} at ${exits} by the hosts' default route, and the hosts have none in IPv${p.family}`,
      });
      continue;
    }
    steps.push({
      device: p.holder ? p.holder.name : `gateway ${p.gateway}`,
      what: back,
      why: `the VNet subnets leave ${zone} at its exit node${p.vias.length > 1 ? "s" : ""} ${exits} toward the hosts' gateway ${p.gateway}, which this stack does not configure; without these routes the replies never come back`,
    });
  }
  const { exitNodes } = plan.sdn;
  if (exitNodes.length > 1 && paths.some((p) => p.family === 4)) {
    for (const n of exitNodes) {
      steps.push({
        device: n,
        what: "sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2 (loose; in /etc/sysctl.d/)",
        why: `${zone} has ${exitNodes.length} exit nodes (${exitNodes.join(", ")}): a tenant's packets can arrive at one and leave by another, which strict reverse-path filtering drops (Proxmox pvesdn.adoc, Multiple EVPN Exit Nodes)`,
      });
    }
  }
  return {
    paths,
    routes,
    manualSteps: [...steps, ...poolExitSteps(plan), ...zoneExitSteps(plan, devices)],
  };
}

/**
 * Routes of nodes and VMs that leave an EVPN zone through a VNet's anycast gateway toward a
 * prefix outside every VNet (seed 001: Ceph fc00:20::/64 and fc00:21::/64 via fc00:101::fffe).
 * The zone routes them out only at exit nodes, and only to where the hosts route: without exit
 * nodes, or with no host holding an address there, a person must act; the step says what.
 */
export function zoneExitSteps(plan: Plan, devices: readonly Device[]): ManualStep[] {
  const anycast = new Set(
    devices.flatMap((d) =>
      d.kind !== "host"
        ? []
        : d.interfaces.flatMap((i) =>
            i.addresses
              .filter((h) => h.role === "anycast-gateway")
              .map((h) => h.address.toString()),
          ),
    ),
  );
  const inZone = (p: Prefix) =>
    plan.tenants.some((t) => t.vnet?.subnets.some((s) => s.prefix.contains(p)));
  const byVia = new Map<string, { dsts: Prefix[]; devices: string[] }>();
  for (const d of devices) {
    if (d.kind !== "node" && d.kind !== "vm") continue;
    for (const r of d.routes) {
      if (!r.via || r.dst.length === 0 || !anycast.has(r.via.toString()) || inZone(r.dst)) continue;
      const e = byVia.get(r.via.toString()) ?? { dsts: [], devices: [] };
      if (!e.dsts.some((x) => x.equals(r.dst))) e.dsts.push(r.dst);
      if (!e.devices.includes(d.name)) e.devices.push(d.name);
      byVia.set(r.via.toString(), e);
    }
  }
  const hosts = devices.filter((d) => d.kind === "host");
  const exits = plan.sdn.exitNodes;
  return [...byVia].flatMap(([via, { dsts, devices: from }]) => {
    const unheld = dsts.filter(
      (p) =>
        !hosts.some((h) =>
          h.interfaces.some((i) => i.addresses.some((a) => p.contains(a.address))),
        ),
    );
    const todo = [
      ...(exits.length === 0
        ? [
            `set sdn.exitNodes (e.g. [${hosts
              .slice(0, 2)
              .map((h) => h.name)
              .join(", ")}]) so that zone ${plan.sdn.zone} routes ${and(dsts.map(String))} out`,
          ]
        : []),
      ...(unheld.length > 0
        ? [
            `give the hosts addresses in ${and(unheld.map(String))} (hostNetwork bridges[].carries: cephPublic / cephCluster, or a VLAN that carries them)`,
          ]
        : []),
    ];
    if (todo.length === 0) return [];
    return [
      {
        device: `EVPN zone ${plan.sdn.zone} (exit nodes: ${exits.length > 0 ? exits.join(", ") : "none"})`,
        what: `${todo.join("; and ")}; or route ${and(dsts.map(String))} on ${and(from)} another way than ${via}`,
        why: `${and(from)} route ${and(dsts.map(String))} via ${via}, a VNet's anycast gateway: the zone reaches those prefixes only through its exit nodes and the hosts' own routes`,
      },
    ];
  });
}

/**
 * LoadBalancer addresses a Cilium cluster on an EVPN tenant announces by BGP outside its VNet
 * subnets (a pool on a home VLAN, case 34): the router learns them with a node as next hop and
 * sends them to an exit node, but the zone's VRF (Proxmox names it vrf_<zone>) knows only the VNet
 * subnets, so the exit node would send them back to its default route. Until the zone learns them,
 * each exit node needs static routes in the VRF toward the nodes (frr.conf.local, which Proxmox
 * keeps across SDN applies).
 */
/** The longest prefix that contains every one of `ps` (non-empty, one family). */
function covering(ps: readonly Prefix[]): Prefix {
  const first = ps[0];
  for (let len = first.length; len >= 0; len--) {
    const p = Prefix.containing(first.family, first.network, len);
    if (ps.every((x) => p.contains(x))) return p;
  }
  return first;
}

export function poolExitSteps(plan: Plan): ManualStep[] {
  const exits = plan.sdn.primaryExitNode ? [plan.sdn.primaryExitNode] : plan.sdn.exitNodes;
  if (exits.length === 0) return [];
  return plan.tenants.flatMap((t) => {
    const k = t.kubernetes;
    if (!k || k.announcement !== "bgp" || t.vnet?.carries !== "vms") return [];
    const vnet = t.vnet;
    return FAMILIES.flatMap((f) => {
      const outside = poolPrefixes(k, f).filter(
        (p) => !vnet.subnets.some((s) => s.prefix.contains(p)),
      );
      const pools = outside.length > 0 ? [covering(outside)] : [];
      const nodes = k.nodes.flatMap((n) => n.address[key(f)] ?? []);
      if (pools.length === 0 || nodes.length === 0) return [];
      const ip = f === 4 ? "ip" : "ipv6";
      return exits.map((n) => ({
        device: n,
        what: `in /etc/frr/frr.conf.local: vrf vrf_${plan.sdn.zone}, ${pools.map((p) => nodes.map((a) => `${ip} route ${p} ${a}`).join(", ")).join(", ")}, exit-vrf; then systemctl reload frr`,
        why: `cluster ${k.name} announces ${and(pools.map(String))} by BGP with its nodes as next hops; traffic to them enters EVPN zone ${plan.sdn.zone} at its exit nodes, whose VRF knows only the VNet subnets`,
      }));
    });
  });
}
