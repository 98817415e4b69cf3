// Topology -> the desired state of one RouterOS router: the addresses the topology says it holds,
// the static routes its sessions need, one BGP connection per session end on the router (named
// for the peer, with the family in the name when the peer has sessions in both), one input
// filter chain per tenant with exactly what that tenant's nodes announce, and static DNS names.
import { Address, FAMILIES, Prefix } from "../../addressing/ip";
import { RouterPlan } from "../../addressing/plan-types";
import { Device, PrefixRule, sessionBfd as bfdOf, Topology } from "../../topology/types";
import { keptOutOfLan, zoneOf } from "../../topology/policy-eval";
import { routerVlanInterfaces } from "../../topology/routers";
import { routerOsConnections } from "../../topology/routeros-names";
import { routerOsFirewall } from "./firewall";
import {
  BgpConnection,
  DnsRecord,
  FilterRule,
  FirewallFilter,
  InterfaceAddress,
  NatRule,
  RouterOsFirewall,
  RouterOsDesiredState,
  StaticRoute,
} from "./types";

export const DEFAULT_FILTER_CHAIN = "k8s-in";

/** RouterOS routing-filter text of one rule (`dst in` also matches more-specifics). */
export function filterRuleText(r: PrefixRule): string {
  if (!r.orLonger && r.prefix.length !== r.prefix.bits) {
    throw new Error(`exact match of ${r.prefix}: only host prefixes are matched exactly here`);
  }
  return `if (dst in ${r.prefix}) { ${r.action === "permit" ? "accept" : "reject"} }`;
}

function addresses(device: Device): InterfaceAddress[] {
  return device.interfaces.flatMap((i) =>
    i.addresses
      .filter((h) => h.carrier === "routeros")
      .map((h) => {
        const network = Prefix.containing(h.address.family, h.address.value, h.length);
        return h.address.family === 6
          ? { interface: i.name, address: h.address, network, advertise: false }
          : { interface: i.name, address: h.address, network };
      }),
  );
}

/** An interface the router holds a site address on that stays out of the interface list `LAN`. */
export interface LanKeptOut {
  readonly interface: string;
  /** The zone whose default denies, holding an address of the interface. */
  readonly zone: string;
  /** Config path of that default (`policy.zones[0]`, or `policy.default`). */
  readonly path: string;
}

/** Which of a router's interfaces join the factory interface list `LAN`, and which stay out. */
export interface LanMembership {
  /** Members, in the order the interfaces come. */
  readonly members: readonly string[];
  readonly keptOut: readonly LanKeptOut[];
}

/**
 * The interfaces the router holds a site address on, in the order they come, except the uplink's
 * (routers[].uplink.interfaces, which a factory router has in `WAN`), split in two:
 * - members of `LAN`: a factory (`defconf`) firewall trusts them for the router itself (IPv4
 *   input `defconf: drop all not coming from LAN`, IPv6 input `defconf: drop everything else not
 *   coming from LAN`) and lets IPv6 through it (forward `defconf: drop everything else not coming
 *   from LAN`), as MikroTik's VLAN examples do for a new VLAN interface;
 * - kept out: an interface holding an address of a zone whose default is deny (policy.zones[],
 *   policy.default), when this router enforces the policy. In `LAN` such a zone would reach the
 *   router's SSH, Winbox, WebFig and DNS, which the zone's default is meant to close (new-user
 *   trial of issue 17). Out of it, the router still takes from the zone what the stack renders
 *   above the defconf drops: the policy's rules that name the router, the BGP sessions' accepts,
 *   and forwarded traffic the policy allows (its forward chain decides every flow of a denying
 *   zone: its rules, then the zone's drop); the factory rules keep ICMP/ICMPv6.
 */
export function lanMembership(t: Topology, router: RouterPlan): LanMembership {
  const device = t.devices.find((d) => d.name === router.name);
  if (!device) throw new Error(`router ${router.name} is not in the topology`);
  const uplink = new Set(router.uplink?.interfaces ?? []);
  const p = t.policy;
  const members: string[] = [];
  const keptOut: LanKeptOut[] = [];
  for (const a of addresses(device)) {
    const i = a.interface;
    if (uplink.has(i) || members.includes(i) || keptOut.some((k) => k.interface === i)) continue;
    const held = addresses(device).filter((x) => x.interface === i);
    const deny = p
      ? held.map((x) => zoneOf(p, x.address)).find((z) => keptOutOfLan(p, router.name, z))
      : undefined;
    if (deny) keptOut.push({ interface: i, zone: deny.name, path: deny.path });
    else members.push(i);
  }
  return { members, keptOut };
}

function routes(device: Device): StaticRoute[] {
  return device.routes.flatMap((r) =>
    r.carrier === "routeros" && r.kind === "static" && r.via
      ? [{ dst: r.dst, gateway: r.via }]
      : [],
  );
}

/** The chain of the tenant whose VLAN the peer sits on, by the router's vlans[]. */
function chainOf(router: RouterPlan, peer: Device | undefined): string {
  const tenant = peer?.node?.tenant;
  return router.vlans.find((v) => v.tenant === tenant)?.filterChain ?? DEFAULT_FILTER_CHAIN;
}

/** Denies first, then the permits in session order, per family, then reject the rest. */
function chainRules(chain: string, rules: readonly PrefixRule[]): FilterRule[] {
  const unique = (xs: PrefixRule[]) => [
    ...new Map(xs.map((r) => [`${r.action} ${r.prefix} ${r.orLonger}`, r])).values(),
  ];
  const ordered = [
    ...unique(rules.filter((r) => r.action === "deny")),
    ...FAMILIES.flatMap((f) =>
      unique(rules.filter((r) => r.action === "permit" && r.prefix.family === f)),
    ),
  ];
  return [...ordered.map((r) => ({ chain, rule: filterRuleText(r) })), { chain, rule: "reject" }];
}

/** DNS: each node of the router's tenants by its addresses there, each held VIP by the cluster. */
function dnsRecords(t: Topology, router: RouterPlan, device: Device): DnsRecord[] {
  if (router.dnsDomain === undefined) return [];
  const domain = router.dnsDomain;
  const segments = new Set(device.interfaces.map((i) => i.segment));
  const out: DnsRecord[] = [];
  const vips = new Map<string, Map<string, Address>>();
  for (const v of router.vlans) {
    for (const d of t.devices) {
      if (d.node?.tenant !== v.tenant) continue;
      for (const i of d.interfaces) {
        for (const h of i.addresses) {
          if (h.role === "interface" && segments.has(i.segment)) {
            out.push({ name: `${d.name}.${domain}`, address: h.address });
          }
          if (h.role === "vip") {
            const held = vips.get(d.node.cluster) ?? new Map<string, Address>();
            held.set(h.address.toString(), h.address);
            vips.set(d.node.cluster, held);
          }
        }
      }
    }
  }
  for (const [cluster, held] of vips) {
    const sorted = [...held.values()].sort((a, b) => a.family - b.family);
    for (const a of sorted) out.push({ name: `${cluster}.${domain}`, address: a });
  }
  return out;
}

/** BGP's TCP port (RFC 4271); BFD's control ports, single-hop (RFC 5881) and multihop (RFC 5883). */
const BGP_PORT = "179";
const BFD_PORT = "3784";
const BFD_MULTIHOP_PORT = "4784";

/**
 * One input accept per session of the router, and one more for its BFD: TCP 179 (and UDP 3784,
 * 4784 multihop) from the peer's address, on the interface toward an on-link peer. A factory
 * (`defconf`) router drops what comes to it from outside its LAN interface list, the nodes' BGP
 * included; these rules sit before that drop (the script places filter rules there), and are
 * harmless on a router without one. They follow the policy's input rules, so a policy that denies
 * the peer still decides; they match on `src-address`/`in-interface`, which no policy rule
 * writes, so no rule is the same as a policy rule. Rendered always: the script does not know
 * whether the router it runs on has a factory firewall, and a router reset to defconf later
 * must not lose its sessions.
 */
export function sessionFilters(
  connections: readonly (BgpConnection & { readonly onLink?: string })[],
): FirewallFilter[] {
  const seen = new Set<string>();
  return connections.flatMap((c) => {
    const family = c.remoteAddress.family;
    const base = {
      family,
      chain: "input" as const,
      action: "accept" as const,
      srcAddress: c.remoteAddress,
      ...(c.onLink !== undefined ? { inInterface: c.onLink } : {}),
      log: false,
    };
    const rules: FirewallFilter[] = [
      { ...base, protocol: "tcp", dstPort: BGP_PORT, tag: `bgp=${c.name}` },
      ...(c.bfd
        ? [
            {
              ...base,
              protocol: "udp" as const,
              dstPort: c.multihop ? BFD_MULTIHOP_PORT : BFD_PORT,
              tag: `bfd=${c.name}`,
            },
          ]
        : []),
    ];
    return rules.filter((r) => {
      const k = `${r.srcAddress} ${r.inInterface} ${r.protocol} ${r.dstPort}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  });
}

/** The policy's firewall (if any) with the session accepts after its input rules, per family. */
function withSessions(
  policy: RouterOsFirewall | undefined,
  sessions: readonly FirewallFilter[],
): RouterOsFirewall | undefined {
  if (sessions.length === 0) return policy;
  const filters = policy?.filters ?? [];
  return {
    addressLists: policy?.addressLists ?? [],
    filters: ([4, 6] as const).flatMap((f) => [
      ...filters.filter((r) => r.family === f),
      ...sessions.filter((r) => r.family === f),
    ]),
  };
}

/** The router's desired state, a projection of the topology's device `router.name`. */
export function routerOsDesiredState(
  t: Topology,
  router: RouterPlan,
  stack: string,
): RouterOsDesiredState {
  const device = t.devices.find((d) => d.name === router.name);
  if (!device) throw new Error(`router ${router.name} is not in the topology`);
  const byName = new Map(t.devices.map((d) => [d.name, d]));
  const ends = routerOsConnections(t.sessions, router.name);
  const chains = new Map<string, PrefixRule[]>();
  const onLink = new Map<BgpConnection, string>();
  const connections: BgpConnection[] = ends.map(({ s, end, other, name }) => {
    // A peer outside the stack (routers[].bgpPeers): the router keeps its own input filter.
    const chain =
      end.importFilter === "unmanaged" ? undefined : chainOf(router, byName.get(other.device));
    if (chain !== undefined) chains.set(chain, [...(chains.get(chain) ?? []), ...end.accepts]);
    const bfd = bfdOf(end);
    return {
      name,
      remoteAddress: other.address,
      remoteAs: other.asn,
      localRole: "ebgp",
      multihop: end.multihop !== undefined,
      localAddress: end.address,
      ...(chain !== undefined ? { inputFilter: chain } : {}),
      addressFamilies: s.families.map((f) => (f === 4 ? "ip" : "ipv6")),
      ...(end.timers ? { holdTime: end.timers.hold, keepaliveTime: end.timers.keepalive } : {}),
      ...(bfd
        ? {
            bfd: { minTxMs: bfd.intervalMs, minRxMs: bfd.intervalMs, multiplier: bfd.multiplier },
            ...(end.multihop === undefined ? { interface: end.interface } : {}),
          }
        : {}),
    };
  });
  ends.forEach(({ end }, i) => {
    if (end.multihop === undefined) onLink.set(connections[i], end.interface);
  });
  const point = t.policy?.points.find((x) => x.kind === "router" && x.device === router.name);
  const firewall = withSessions(
    t.policy && point ? routerOsFirewall(t.policy, point, stack) : undefined,
    sessionFilters(connections.map((c) => ({ ...c, onLink: onLink.get(c) }))),
  );
  const egress = t.egress?.find((e) => e.router === router.name);
  const lan = lanMembership(t, router);
  const nat: NatRule[] = (egress?.nat ?? []).map((e) => ({
    family: e.family,
    action: e.action,
    outInterface: e.outInterface,
    srcAddress: e.src,
    ...(e.to ? { toAddress: e.to } : {}),
  }));
  return {
    router: router.name,
    stack,
    version: router.version,
    ...(router.trunk !== undefined
      ? {
          vlans: routerVlanInterfaces(t, router).map((v) => ({
            name: v.name,
            vlanId: v.vlan,
            interface: v.trunk,
            ...(v.mtu !== undefined ? { mtu: v.mtu } : {}),
          })),
        }
      : {}),
    lanMembers: [...lan.members],
    ...(lan.keptOut.length > 0
      ? {
          lanKeptOut: lan.keptOut.map((k) => ({
            interface: k.interface,
            why: `zone ${k.zone} denies by default, ${k.path}`,
          })),
        }
      : {}),
    addresses: addresses(device),
    routes: routes(device),
    ...(connections.length > 0
      ? {
          bgp: {
            asn: router.asn,
            instance: stack,
            ...(router.routerId ? { routerId: router.routerId } : {}),
            connections,
          },
        }
      : {}),
    filterRules: [...chains].flatMap(([chain, rules]) => chainRules(chain, rules)),
    dns: [...dnsRecords(t, router, device), ...router.dnsRecords],
    ...(firewall ? { firewall } : {}),
    ...(egress ? { nat } : {}),
  };
}
