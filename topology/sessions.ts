// BGP sessions, each one object with two ends. Two patterns, by what runs on the nodes:
// - FRR on plain Linux (seed 001): each node speaks from its loopback on `lo` to the gateway its
//   router holds on the egress network; the router reaches the loopback by a static route via the
//   node's egress address. Both ends are multihop (a loopback is never a connected peer).
// - Cilium on Talos: Cilium's BGP control plane (GoBGP) speaks from the node's address on the NIC
//   that reaches the peer: on-link (TTL 1) when the peer is on a node subnet, else through the
//   node's default route with eBGP multihop.
// A session exists per transport family and carries that family only: RouterOS is not assumed
// to carry IPv4 routes over an IPv6 session (RFC 8950), so no end is asked to.
import { Address, Family, familyKey as key, Prefix } from "../addressing/ip";
import { ClusterPlan, NodePlan, Plan, RouterPlan, TenantPlan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { poolPrefixes } from "./pools";
import { ROUTEROS_BFD_MINOR, routerCarrier, routerOsHasBfd, routersOf } from "./routers";
import {
  Announcement,
  BgpSession,
  Device,
  HeldAddress,
  Interface,
  PrefixRule,
  Route,
  SessionBfd,
  SessionEnd,
  SessionTimers,
  Topology,
} from "./types";

/** BFD on the edge sessions: 300 ms x 3, a silent peer is declared down within 0.9 s. */
export const EDGE_BFD: SessionBfd = { profile: "edge", intervalMs: 300, multiplier: 3 };

/**
 * Timers of an FRR end of an edge session (docs/routing.md explains the numbers): 3/9 s BGP
 * timers and BFD at 300 ms x 3, so a failed node is withdrawn in under a second.
 */
export const EDGE_TIMERS: SessionTimers = {
  keepalive: 3,
  hold: 9,
  connectRetry: 5,
  bfd: EDGE_BFD,
};

/**
 * The same session timers at a RouterOS end (`keepalive-time`, `hold-time`, `use-bfd` with a BFD
 * configuration entry): one object, so both ends state the same values. RouterOS has no
 * connect-retry setting here.
 */
export const ROUTEROS_EDGE_TIMERS: SessionTimers = { keepalive: 3, hold: 9, bfd: EDGE_BFD };

/** An FRR end's timers without BFD: toward a RouterOS router older than 7.15 (no BFD sourced). */
export const EDGE_TIMERS_NO_BFD: SessionTimers = {
  keepalive: 3,
  hold: 9,
  connectRetry: 5,
};

/** The RouterOS end of a session without BFD (a RouterOS router older than 7.15). */
export const ROUTEROS_EDGE_TIMERS_NO_BFD: SessionTimers = { keepalive: 3, hold: 9 };

/** TTL of an eBGP multihop session that crosses one router (node -> gateway -> peer). */
export const MULTIHOP_TTL = 2;

/**
 * TTL of a Cilium session from a node on an EVPN VNet to a peer outside the zone: the node's
 * host routes it (anycast gateway, the zone's VRF), then an exit node routes it out of the zone
 * (Proxmox pvesdn.adoc, EVPN exit nodes), so it crosses two routers when the node runs on a host
 * that is not an exit node (and VMs migrate between hosts). Found by the twin (field case 34):
 * with TTL 2 the session of a node on a non-exit host never comes up.
 */
export const EVPN_EXIT_MULTIHOP_TTL = 3;

const hostLength = (f: Family): number => (f === 4 ? 32 : 128);

/** Where an address is held: the device, the interface and the held address. */
export interface Holder {
  readonly device: Device;
  readonly iface: Interface;
  readonly held: HeldAddress;
}

/** Every holder of every address, by its text (anycast gateways have one holder per host). */
export function holdersByAddress(devices: readonly Device[]): Map<string, Holder[]> {
  const out = new Map<string, Holder[]>();
  for (const device of devices)
    for (const iface of device.interfaces)
      for (const held of iface.addresses) {
        const k = held.address.toString();
        out.set(k, [...(out.get(k) ?? []), { device, iface, held }]);
      }
  return out;
}

/** The interface of `device` whose subnet of `address`'s family contains it, if any. */
export function connectedInterface(device: Device, address: Address): Interface | undefined {
  return device.interfaces.find((i) =>
    i.addresses.some(
      (h) =>
        h.address.family === address.family &&
        h.role !== "vip" &&
        Prefix.containing(h.address.family, h.address.value, h.length).contains(address),
    ),
  );
}

/** The route `device` would use for `address`: its default route in that family, if any. */
function defaultRouteOf(device: Device, family: Family): Route | undefined {
  return device.routes.find((r) => r.dst.family === family && r.dst.length === 0);
}

/** A Linux node's session families: those with a loopback, an egress address and a gateway. */
export function frrFamilies(plan: Plan): (t: TenantPlan, n: NodePlan) => Family[] {
  return (t, n) =>
    routersOf(plan, t.id).length === 0
      ? []
      : ([4, 6] as const).filter(
          (f) => n.loopback[key(f)] && n.address[key(f)] && t.gateway[key(f)],
        );
}

/** The router's import filter toward a cluster: never `rejects`, accept what the nodes announce. */
function routerAccepts(
  rejects: readonly Prefix[],
  announced: readonly Announcement[],
  f: Family,
): PrefixRule[] {
  return [
    ...rejects
      .filter((p) => p.family === f)
      .map((prefix) => ({ action: "deny" as const, prefix, orLonger: true })),
    ...announced.map((a) => ({
      action: "permit" as const,
      prefix: a.prefix,
      orLonger: a.what === "loadbalancer",
    })),
  ];
}

/** What a node of `k` announces in family `f`: a control plane's VIP (FRR only), the pool. */
function nodeAnnouncements(
  k: ClusterPlan,
  node: NodePlan,
  f: Family,
  frr: boolean,
): Announcement[] {
  const vip = k.vip[key(f)];
  const lb = k.loadBalancers[key(f)];
  // The pool first, then the VIP: seed 001's k8s-in chain accepts them in that order.
  // FRR anchors the whole LoadBalancer prefix with a blackhole; Cilium announces the addresses
  // it hands out from the pool.
  return [
    ...(frr
      ? lb
        ? [{ prefix: lb, what: "loadbalancer" as const, source: "blackhole" as const }]
        : []
      : poolPrefixes(k, f).map((prefix) => ({
          prefix,
          what: "loadbalancer" as const,
          source: "cni" as const,
        }))),
    ...(frr && vip && node.role === "controlplane"
      ? [{ prefix: vip.toPrefix(), what: "vip" as const, source: "connected" as const }]
      : []),
  ];
}

export interface SessionResult {
  readonly sessions: BgpSession[];
  /** Static routes the sessions need, by device name. */
  readonly routes: Map<string, Route[]>;
  /** Devices that exist only as BGP peers a cluster lists (bgpPeers not held by a router). */
  readonly peers: Device[];
  readonly problems: Problem[];
}

class Sessions {
  readonly sessions: BgpSession[] = [];
  readonly routes = new Map<string, Route[]>();
  readonly peers: Device[] = [];
  readonly problems: Problem[] = [];
  private readonly holders: Map<string, Holder[]>;

  constructor(
    private readonly plan: Plan,
    private readonly devices: readonly Device[],
  ) {
    this.holders = holdersByAddress(devices);
  }

  device(name: string): Device | undefined {
    return this.devices.find((d) => d.name === name) ?? this.peers.find((d) => d.name === name);
  }

  holder(a: Address): Holder | undefined {
    const all = this.holders.get(a.toString()) ?? [];
    return all.find((h) => h.device.speaker) ?? all[0];
  }

  addRoute(device: string, route: Route): void {
    const have = this.routes.get(device) ?? [];
    const same = (r: Route) =>
      r.kind === route.kind && r.dst.equals(route.dst) && String(r.via) === String(route.via);
    if (!have.some(same)) this.routes.set(device, [...have, route]);
  }

  /** seed 001: FRR nodes peer from their loopbacks with each router holding their tenant. */
  frrCluster(t: TenantPlan, k: ClusterPlan, path: string): void {
    const families = frrFamilies(this.plan);
    for (const r of routersOf(this.plan, t.id)) {
      const router = this.device(r.name);
      const vlan = r.vlans.find((v) => v.tenant === t.id);
      if (!router || !vlan) continue;
      const carrier = routerCarrier(r.os);
      for (const node of k.nodes) {
        const nodeDevice = this.device(node.name);
        for (const f of families(t, node)) {
          const loopback = node.loopback[key(f)] as Address;
          const egress = node.address[key(f)] as Address;
          const gateway = t.gateway[key(f)] as Address;
          const announces = nodeAnnouncements(k, node, f, true);
          for (const a of announces.filter((x) => x.source === "blackhole")) {
            this.addRoute(node.name, { dst: a.prefix, kind: "blackhole", carrier: "frr" });
          }
          const toLoopback: Route = {
            dst: loopback.toPrefix(),
            via: egress,
            dev: vlan.interface,
            kind: "static",
            carrier,
          };
          this.addRoute(r.name, toLoopback);
          const egressNic = nodeDevice && connectedInterface(nodeDevice, gateway);
          // BFD wherever the router runs it: FRR always, RouterOS from 7.15 (both ends or none).
          const bfd = r.os !== "routeros" || routerOsHasBfd(r.version);
          const timers = bfd ? EDGE_TIMERS : EDGE_TIMERS_NO_BFD;
          const routerTimers =
            r.os !== "routeros" ? timers : bfd ? ROUTEROS_EDGE_TIMERS : ROUTEROS_EDGE_TIMERS_NO_BFD;
          this.push(path, f, [
            {
              device: r.name,
              asn: r.asn,
              address: gateway,
              interface: vlan.interface,
              multihop: MULTIHOP_TTL,
              reach: toLoopback,
              announces: [],
              accepts: routerAccepts(r.rejects, announces, f),
              carrier,
              peerName: node.name,
              timers: routerTimers,
            },
            {
              device: node.name,
              asn: k.asn,
              address: loopback,
              interface: "lo",
              multihop: MULTIHOP_TTL,
              reach: egressNic ? "connected" : missingRoute(gateway, "frr"),
              announces,
              accepts: [],
              carrier: "frr",
              peerName: r.name,
              timers,
            },
          ]);
        }
      }
    }
  }

  /**
   * A router's bgpPeers: one session each with an external speaker outside the stack, from
   * the address the router holds on the subnet with the peer (else its localAddress or router
   * ID, multihop, through its longest configured route to the peer). The router keeps its own
   * import filter; the peer's end is a manual step like any external speaker's.
   */
  routerPeers(r: RouterPlan): void {
    const router = this.device(r.name);
    if (!router || r.os === "external") return;
    const carrier = routerCarrier(r.os);
    r.bgpPeers.forEach((p) => {
      const held = this.holder(p.address);
      if (held) {
        this.problems.push({
          path: `${p.path}.address`,
          input: p.address.toString(),
          message: `is ${held.device.name} (${held.iface.name}), a device of the site: its sessions come from the plan, not from bgpPeers`,
          fix: "hold its tenant on the router (routers[].vlans), or list only peers outside the stack",
        });
        return;
      }
      const f = p.address.family;
      const onLink = p.multihop ? undefined : connectedInterface(router, p.address);
      const own = router.interfaces.flatMap((i) =>
        i.addresses
          .filter((h) => h.address.family === f && h.role !== "vip")
          .map((h) => ({ iface: i.name, address: h.address })),
      );
      const source =
        (p.localAddress && own.find((o) => o.address.equals(p.localAddress as Address))) ??
        (onLink && own.find((o) => onLink.addresses.some((h) => h.address.equals(o.address)))) ??
        // The router ID where an interface holds it (a home router's bridge address), else on lo.
        (r.routerId && f === 4
          ? (own.find((o) => o.address.equals(r.routerId as Address)) ?? {
              iface: "lo",
              address: r.routerId,
            })
          : undefined) ??
        own[0];
      if (!source) {
        this.problems.push({
          path: `${p.path}.address`,
          input: p.address.toString(),
          message: `router ${r.name} has no IPv${f} address to speak to the peer from`,
          fix: `give the router an IPv${f} address (routers[].addresses), or peer in its family`,
        });
        return;
      }
      const route = router.routes
        .filter((x) => x.dst.family === f && x.dst.contains(p.address))
        .sort((a, b) => b.dst.length - a.dst.length)[0];
      const subnet = onLink?.addresses.find((h) => h.address.equals(source.address))?.length;
      const peer = this.externalPeer(p, p.path, subnet);
      const multihop = p.multihop ?? !onLink;
      if (p.bfd && r.os === "routeros" && !routerOsHasBfd(r.version)) {
        this.problems.push({
          path: `${p.path}.bfd`,
          input: "true",
          message: `router ${r.name} runs RouterOS ${r.version}; BFD is written for RouterOS 7.${ROUTEROS_BFD_MINOR} and later`,
          fix: `upgrade the router and set its version, or leave bfd out of ${p.name}`,
        });
        return;
      }
      // Both ends run BFD or none: the peer's end is a manual step like its BGP.
      const bfd = p.bfd ? { bfd: EDGE_BFD } : {};
      this.push(p.path, f, [
        {
          device: r.name,
          asn: r.asn,
          address: source.address,
          interface: onLink && !multihop ? onLink.name : source.iface,
          ...(multihop ? { multihop: MULTIHOP_TTL } : {}),
          reach: onLink ? "connected" : (route ?? missingRoute(p.address, carrier)),
          announces: [],
          accepts: [],
          importFilter: "unmanaged",
          carrier,
          peerName: p.name,
          ...bfd,
        },
        {
          device: peer.device.name,
          asn: p.asn,
          address: p.address,
          interface: peer.iface,
          ...(multihop ? { multihop: MULTIHOP_TTL } : {}),
          reach: onLink ? "connected" : missingRoute(source.address, "manual"),
          announces: [],
          accepts: [],
          carrier: "manual",
          peerName: r.name,
          ...bfd,
        },
      ]);
    });
  }

  /** Cilium on Talos: every node peers with each peer from the address that reaches it. */
  ciliumCluster(t: TenantPlan, k: ClusterPlan, path: string, tenantPath: string): void {
    for (const peer of this.ciliumPeers(t, k, path, tenantPath)) {
      const f = peer.address.family;
      for (const node of k.nodes) {
        const nodeDevice = this.device(node.name);
        if (!nodeDevice) continue;
        const onLink = connectedInterface(nodeDevice, peer.address);
        const route = onLink ? undefined : defaultRouteOf(nodeDevice, f);
        const nic = onLink ?? nodeDevice.interfaces.find((i) => i.name === route?.dev);
        const source = nic?.addresses.find((h) => h.address.family === f && h.role === "interface");
        if (!nic || !source) {
          this.problems.push({
            path: peer.path,
            input: peer.address.toString(),
            message: `node ${node.name} has no IPv${f} address on a subnet with ${peer.address} and no IPv${f} default route, so it cannot reach the peer`,
            fix: `give the nodes IPv${f} addresses and a gateway, or peer in the nodes' family`,
          });
          continue;
        }
        const announces = nodeAnnouncements(k, node, f, false);
        const peerSide = connectedInterface(peer.device, source.address);
        const ttl =
          t.vnet?.carries === "vms" && this.plan.sdn.exitNodes.length > 0
            ? EVPN_EXIT_MULTIHOP_TTL
            : MULTIHOP_TTL;
        this.push(peer.path, f, [
          {
            device: peer.device.name,
            asn: peer.asn,
            address: peer.address,
            interface: peer.iface,
            ...(peerSide ? {} : { multihop: ttl }),
            reach: peerSide
              ? "connected"
              : (routeOf(peer.device, source.address) ??
                missingRoute(source.address, peer.device.speaker?.carrier ?? "manual")),
            announces: [],
            accepts: routerAccepts(peer.rejects, announces, f),
            carrier: peer.device.speaker?.carrier ?? "manual",
            peerName: node.name,
          },
          {
            device: node.name,
            asn: k.asn,
            address: source.address,
            interface: nic.name,
            ...(onLink ? {} : { multihop: ttl }),
            reach: onLink ? "connected" : (route as Route),
            announces,
            accepts: [],
            carrier: "cilium",
            peerName: peer.name,
          },
        ]);
      }
    }
  }

  /** The peers of a Cilium cluster: its bgpPeers, else the routers that hold its tenant. */
  private ciliumPeers(
    t: TenantPlan,
    k: ClusterPlan,
    path: string,
    tenantPath: string,
  ): CiliumPeer[] {
    if (k.bgpPeers) {
      return k.bgpPeers.flatMap((p, j) => {
        const at = `${path}.bgpPeers[${j}]`;
        const held = this.holder(p.address);
        if (!held) return [this.externalPeer(p, at)];
        const speaker = held.device.speaker;
        if (!speaker) {
          this.problems.push(notASpeaker(`${at}.address`, p.address, held, k));
          return [];
        }
        if (speaker.asn !== p.asn) {
          this.problems.push({
            path: `${at}.asn`,
            input: String(p.asn),
            message: `${p.address} is ${held.device.name}, whose AS is ${speaker.asn} (${held.device.path})`,
            fix: `use ${speaker.asn}, or change the router's asn`,
          });
          return [];
        }
        return [peerOf(held, p.name, p.asn, `${at}.address`, this.rejectsOf(held.device.name))];
      });
    }
    const routers = routersOf(this.plan, t.id);
    const out: CiliumPeer[] = [];
    for (const f of [4, 6] as const) {
      const gateway = t.gateway[key(f)];
      if (!gateway || !k.loadBalancers[key(f)]) continue;
      const held = this.holder(gateway);
      if (!held?.device.speaker || routers.length === 0) {
        if (held) this.problems.push(notASpeaker(`${path}.announcement`, gateway, held, k));
        continue;
      }
      out.push(
        peerOf(
          held,
          `${held.device.name}-${key(f)}`,
          held.device.speaker.asn,
          `${tenantPath}.gateway.${key(f)}`,
          this.rejectsOf(held.device.name),
        ),
      );
    }
    return out;
  }

  private rejectsOf(device: string): readonly Prefix[] {
    return this.plan.routers.find((r) => r.name === device)?.rejects ?? [];
  }

  /** A bgpPeers entry no device of the site holds: an external BGP speaker it declares. */
  private externalPeer(
    p: { readonly name: string; readonly address: Address; readonly asn: number },
    path: string,
    /** Length of the subnet the peer shares with its router (a routers[].bgpPeers entry). */
    onLinkLength?: number,
  ): CiliumPeer {
    const same = this.peers.find((d) =>
      d.interfaces.some((i) => i.addresses.some((h) => h.address.equals(p.address))),
    );
    if (same) {
      const held = {
        device: same,
        iface: same.interfaces[0],
        held: same.interfaces[0].addresses[0],
      };
      if (same.speaker?.asn !== p.asn) {
        this.problems.push({
          path: `${path}.asn`,
          input: String(p.asn),
          message: `another cluster declares ${p.address} (${same.name}) with AS ${same.speaker?.asn}`,
          fix: "one peer has one AS",
        });
      }
      return peerOf(held, p.name, p.asn, `${path}.address`, []);
    }
    const taken = new Set([...this.devices, ...this.peers].map((d) => d.name));
    let name = p.name;
    for (let n = 2; taken.has(name); n++) name = `${p.name}-${n}`;
    const segment = segmentHolding(this.plan, p.address);
    const iface: Interface = {
      name: "bgp",
      kind: "nic",
      mtu: 1500,
      mtuCarrier: "default",
      ...(segment ? { segment: segment.id } : {}),
      addresses: [
        {
          address: p.address,
          length: segment?.prefix.length ?? onLinkLength ?? hostLength(p.address.family),
          role: "interface",
          carrier: "manual",
          path: `${path}.address`,
        },
      ],
    };
    const device: Device = {
      name,
      kind: "external",
      software: ["external"],
      path,
      interfaces: [iface],
      routes: [],
      speaker: { asn: p.asn, software: "external", carrier: "manual" },
    };
    this.peers.push(device);
    return peerOf(
      { device, iface, held: iface.addresses[0] },
      p.name,
      p.asn,
      `${path}.address`,
      [],
    );
  }

  private push(path: string, f: Family, ends: [SessionEnd, SessionEnd]): void {
    this.sessions.push({
      id: `${ends[0].device}~${ends[1].device}~v${f}`,
      transport: f,
      families: [f],
      ends,
      path,
    });
  }
}

interface CiliumPeer {
  readonly device: Device;
  readonly iface: string;
  readonly name: string;
  readonly address: Address;
  readonly asn: number;
  readonly path: string;
  readonly rejects: readonly Prefix[];
}

function peerOf(
  h: Holder,
  name: string,
  asn: number,
  path: string,
  rejects: readonly Prefix[],
): CiliumPeer {
  return {
    device: h.device,
    iface: h.iface.name,
    name,
    address: h.held.address,
    asn,
    path,
    rejects,
  };
}

/** A route nobody configures: the end has no path to its peer (a check reports it). */
/** The most specific static route of `device` toward `to`, if it has one with a next hop. */
export function routeOf(device: Device, to: Address): Route | undefined {
  return device.routes
    .filter((r) => r.via && r.dst.family === to.family && r.dst.contains(to))
    .sort((a, b) => b.dst.length - a.dst.length)[0];
}

function missingRoute(to: Address, carrier: Route["carrier"]): Route {
  return { dst: to.toPrefix(), kind: "static", carrier: carrier === "manual" ? "manual" : carrier };
}

/** The shared or declared segment whose prefix holds `a`: its ID and that prefix. */
function segmentHolding(plan: Plan, a: Address): { id: string; prefix: Prefix } | undefined {
  const all = [
    ...plan.sharedSegments.map((s) => ({ id: `shared:${s.name}`, prefix: s.prefix })),
    ...plan.segments.flatMap((s) =>
      [s.prefixes.ipv4, s.prefixes.ipv6].flatMap((prefix) =>
        prefix ? [{ id: `segment:${s.name}`, prefix }] : [],
      ),
    ),
  ];
  return all.find((x) => x.prefix.contains(a));
}

function notASpeaker(path: string, address: Address, held: Holder, k: ClusterPlan): Problem {
  const what =
    held.held.role === "anycast-gateway"
      ? `the Proxmox SDN anycast gateway on ${held.iface.name}`
      : `${held.device.name} (${held.iface.name})`;
  return {
    path,
    input: path.endsWith(".announcement") ? k.announcement : address.toString(),
    message: `cluster ${k.name} would peer with ${address}, which ${what} holds: it runs no BGP speaker, so no session can come up`,
    fix: "hold the tenant on a router (routers[].vlans), list bgpPeers that speak BGP, or set announcement: l2",
  };
}

/**
 * Whether `router` (a router of the plan, by its name) is an end of one of the topology's BGP
 * sessions: with a tenant's cluster it holds (Cilium or FRR), or with a peer outside the stack
 * (routers[].bgpPeers). A router without one speaks no BGP, and the inventory shows neither its
 * ASN nor its never-accepted prefixes (issue 20, friction 7: only what the site builds).
 */
export function speaksBgp(
  topology: Pick<Topology, "sessions">,
  router: { readonly name: string },
): boolean {
  return topology.sessions.some((s) => s.ends.some((e) => e.device === router.name));
}

/** Every BGP session of the site, the static routes they need, and external peer devices. */
export function buildSessions(plan: Plan, devices: readonly Device[]): SessionResult {
  const s = new Sessions(plan, devices);
  plan.tenants.forEach((t, i) => {
    const k = t.kubernetes;
    if (!k) return;
    const path = `tenants[${i}].kubernetes`;
    if (k.nodeOs === "linux") s.frrCluster(t, k, path);
    else if (k.announcement === "bgp") s.ciliumCluster(t, k, path, `tenants[${i}]`);
  });
  for (const r of plan.routers) s.routerPeers(r);
  return { sessions: s.sessions, routes: s.routes, peers: s.peers, problems: s.problems };
}
