// frr.conf for the edge of seed 001: Kubernetes nodes (IS-IS on the mesh for loopbacks, eBGP
// from the loopback to the router) and the edge router that peers with every node loopback.
// Pure: typed input in, integrated frr.conf text out (FRR 8.4 syntax, checked by FRR's own
// parsers in the tests). Addresses are only printed here, never built.
import { Address, Family, Prefix } from "../../addressing/ip";
import {
  BfdProfile,
  EdgeTimers,
  NodeFrrInput,
  PrefixRule,
  RouterFrrInput,
  RouterPeerGroup,
} from "./types";

export * from "./types";

type Lines = readonly string[];

const AFI: Record<Family, string> = { 4: "ipv4", 6: "ipv6" };
const SUFFIX: Record<Family, string> = { 4: "v4", 6: "v6" };
const IP: Record<Family, string> = { 4: "ip", 6: "ipv6" };
const BITS: Record<Family, number> = { 4: 32, 6: 128 };
const DENY_ALL = "deny-all";

/**
 * IS-IS NET `<area>.<system ID>.00`. The system ID is the node ID written as 12 decimal digits
 * (ID 11 -> 0000.0000.0011), seed 001's encoding: readable in `show isis neighbor`, and unique
 * because node IDs are unique within a cluster, which is the IS-IS domain.
 */
export function isisNet(area: string, nodeId: number): string {
  if (!/^[0-9a-f]{2}(\.[0-9a-f]{4}){0,6}$/.test(area)) {
    throw new Error(`IS-IS area "${area}" is not an area address such as 49.0001`);
  }
  if (!Number.isInteger(nodeId) || nodeId < 0 || nodeId > 999_999_999_999) {
    throw new Error(`node ID ${nodeId} does not fit a 12-digit IS-IS system ID`);
  }
  const digits = String(nodeId).padStart(12, "0");
  return `${area}.${digits.slice(0, 4)}.${digits.slice(4, 8)}.${digits.slice(8)}.00`;
}

/**
 * The integrated config, stanzas separated by `!`. Prefix-lists and route-maps precede the
 * `router bgp` that uses them for the reader's sake; FRR itself accepts forward references.
 */
function document(hostname: string, stanzas: readonly Lines[]): string {
  const head = [`! ${hostname}: rendered by homelab-netcode from the address plan; do not edit`];
  const body = stanzas.filter((s) => s.length > 0).flatMap((s) => [...s, "!"]);
  return [...head, `hostname ${hostname}`, "!", ...body].join("\n") + "\n";
}

const byFamily = <T extends { family: Family }>(items: readonly T[], f: Family): T[] =>
  items.filter((i) => i.family === f);

function requireFamily(what: string, value: Address, family: Family): void {
  if (value.family !== family) throw new Error(`${what} ${value} is not an IPv${family} address`);
}

/**
 * Route-map processing is otherwise deferred by `bgp route-map delay-timer` (5 s), and bgpd
 * holds every peer until that timer fires when vtysh loads the config: measured 5.2 s instead of
 * 2.2 s from bgpd start to routes at the router.
 */
const BGP_GLOBALS: Lines = ["bgp route-map delay-timer 0"];

/**
 * Update-group coalescing delays the first UPDATE after a session comes up (default 1000 ms, for
 * hundreds of peers); with a handful of peers 100 ms cut bgpd restart -> routes from 2.3 s to 1.3 s.
 */
const COALESCE_MS = 100;

function bfdStanza(profile: BfdProfile | undefined): Lines {
  if (!profile) return [];
  return [
    "bfd",
    ` profile ${profile.name}`,
    `  detect-multiplier ${profile.multiplier}`,
    `  receive-interval ${profile.intervalMs}`,
    `  transmit-interval ${profile.intervalMs}`,
    " exit",
    "exit",
  ];
}

/**
 * IPv4 routes ride the IPv6 session (RFC 8950 extended next hop: the egress VLAN has no IPv4).
 * FRR 8.4's bgpd then turns on router advertisements toward the peer, with a router lifetime and
 * the interface prefix, which would make every node a default router and an SLAAC source on the
 * egress VLAN: keep the RAs (they do no harm) but advertise neither.
 */
function raQuietStanza(ifname: string, prefix: Prefix): Lines {
  if (prefix.family !== 6) return [];
  return [
    `interface ${ifname}`,
    " ipv6 nd ra-lifetime 0",
    ` ipv6 nd prefix ${prefix} no-autoconfig`,
    "exit",
  ];
}

function prefixList(name: string, rules: readonly PrefixRule[], family: Family): Lines {
  return rules.map((r, i) => {
    const le = r.orLonger && r.prefix.length < BITS[family] ? ` le ${BITS[family]}` : "";
    return `${IP[family]} prefix-list ${name} seq ${(i + 1) * 5} ${r.action} ${r.prefix}${le}`;
  });
}

function matchRouteMap(name: string, family: Family): Lines {
  return [
    `route-map ${name} permit 10`,
    ` match ${IP[family]} address prefix-list ${name}`,
    "exit",
  ];
}

const denyAllRouteMap: Lines = [`route-map ${DENY_ALL} deny 10`, "exit"];

/** Session settings common to a node's neighbor and the router's peer-group. */
function sessionLines(
  who: string,
  source: Address,
  extendedNexthop: boolean,
  timers: EdgeTimers,
): Lines {
  const n = ` neighbor ${who}`;
  return [
    // Loopback to gateway: not a connected peer for FRR's check, one hop on the wire.
    `${n} ebgp-multihop 2`,
    // An address, not "lo": lo also holds the VIP, which must never become the session source.
    `${n} update-source ${source}`,
    ...(extendedNexthop ? [`${n} capability extended-nexthop`] : []),
    // eBGP's MRAI (30 s in FRR's traditional profile) would hold back what BFD finds in < 1 s.
    `${n} advertisement-interval 0`,
    `${n} timers connect ${timers.bgp.connectRetry}`,
    ...(timers.bfd ? [`${n} bfd`, `${n} bfd profile ${timers.bfd.name}`] : []),
  ];
}

function addressFamily(family: Family, lines: Lines): Lines {
  return [" !", ` address-family ${AFI[family]} unicast`, ...lines, " exit-address-family"];
}

/** frr.conf of a Kubernetes node. */
export function renderNodeFrr(input: NodeFrrInput): string {
  requireFamily(`${input.hostname}: router-id`, input.routerId, 4);
  requireFamily(`${input.hostname}: loopback`, input.loopback, 6);
  requireFamily(`${input.hostname}: peer`, input.peer.address, 6);
  const { tag } = input.isis;
  const peer = input.peer.address.toString();
  const families = ([4, 6] as const).filter((f) => byFamily(input.announce, f).length > 0);
  const enhe = families.includes(4);
  const isisFamilies: Family[] = input.mesh.ipv4 ? [4, 6] : [6];
  const isisOn = isisFamilies.map((f) => ` ${IP[f]} router isis ${tag}`);
  const outName = (f: Family) => `announce-${SUFFIX[f]}`;
  // FRR 8 sends nothing on an eBGP session without explicit policies: both directions get one.
  const afLines = (f: Family): Lines => [
    ...byFamily(input.announce, f).map((p) => `  network ${p}`),
    `  neighbor ${peer} activate`,
    `  neighbor ${peer} route-map ${DENY_ALL} in`,
    `  neighbor ${peer} route-map ${outName(f)} out`,
  ];
  const exact = (p: Prefix): PrefixRule => ({ action: "permit", prefix: p, orLonger: false });
  return document(input.hostname, [
    BGP_GLOBALS,
    input.discard.map((p) => `${IP[p.family]} route ${p} blackhole`),
    bfdStanza(input.timers.bfd),
    [
      `interface ${input.mesh.interface}`,
      ...isisOn,
      ` isis hello-interval ${input.timers.isis.helloInterval}`,
      ` isis hello-multiplier ${input.timers.isis.helloMultiplier}`,
      ...(input.timers.bfd ? [" isis bfd", ` isis bfd profile ${input.timers.bfd.name}`] : []),
      "exit",
    ],
    enhe ? raQuietStanza(input.egress.interface, input.egress.prefix) : [],
    ["interface lo", ...isisOn, " isis passive", "exit"],
    [
      `router isis ${tag}`,
      " is-type level-2-only",
      ` net ${input.isis.net}`,
      " metric-style wide",
      // A new adjacency regenerates the LSP; at the default 30 s the loopbacks wait that long.
      ` lsp-gen-interval ${input.timers.isis.lspGenInterval}`,
      " log-adjacency-changes",
      "exit",
    ],
    families.flatMap((f) => prefixList(outName(f), byFamily(input.announce, f).map(exact), f)),
    [...families.flatMap((f) => matchRouteMap(outName(f), f)), ...denyAllRouteMap],
    [
      `router bgp ${input.asn}`,
      ` bgp router-id ${input.routerId}`,
      " no bgp default ipv4-unicast",
      ` coalesce-time ${COALESCE_MS}`,
      ` timers bgp ${input.timers.bgp.keepalive} ${input.timers.bgp.hold}`,
      ` neighbor ${peer} remote-as ${input.peer.asn}`,
      ` neighbor ${peer} description ${input.peer.name}`,
      ...sessionLines(peer, input.loopback, enhe, input.timers),
      ...families.flatMap((f) => addressFamily(f, afLines(f))),
      "exit",
    ],
  ]);
}

const ruleFamily = (r: PrefixRule): Family => r.prefix.family;

function groupFamilies(g: RouterPeerGroup): Family[] {
  return ([4, 6] as const).filter((f) =>
    g.accept.some((r) => ruleFamily(r) === f && r.action === "permit"),
  );
}

const inName = (g: RouterPeerGroup, f: Family) => `${g.name}-in-${SUFFIX[f]}`;

function groupBgpLines(g: RouterPeerGroup, timers: EdgeTimers): Lines {
  const enhe = groupFamilies(g).includes(4);
  return [
    ` neighbor ${g.name} peer-group`,
    ` neighbor ${g.name} remote-as ${g.asn}`,
    ...sessionLines(g.name, g.source, enhe, timers),
    ...g.peers.flatMap((p) => [
      ` neighbor ${p.loopback} peer-group ${g.name}`,
      ` neighbor ${p.loopback} description ${p.name}`,
    ]),
  ];
}

function groupAfLines(g: RouterPeerGroup, f: Family): Lines {
  if (!groupFamilies(g).includes(f)) return [];
  return [
    `  neighbor ${g.name} activate`,
    `  neighbor ${g.name} route-map ${inName(g, f)} in`,
    `  neighbor ${g.name} route-map ${DENY_ALL} out`,
  ];
}

/** frr.conf of the edge router. */
export function renderRouterFrr(input: RouterFrrInput): string {
  requireFamily(`${input.hostname}: router-id`, input.routerId, 4);
  for (const g of input.groups) {
    requireFamily(`${input.hostname}: ${g.name} source`, g.source, 6);
    for (const p of g.peers) {
      requireFamily(`${input.hostname}: ${p.name} loopback`, p.loopback, 6);
      requireFamily(`${input.hostname}: ${p.name} via`, p.via, 6);
    }
  }
  const groups = input.groups;
  const af = (f: Family): Lines => {
    const lines = groups.flatMap((g) => groupAfLines(g, f));
    // Anycast: every control-plane node announces the VIP; keep all of them in the FIB.
    return lines.length > 0 ? addressFamily(f, ["  maximum-paths 16", ...lines]) : [];
  };
  return document(input.hostname, [
    BGP_GLOBALS,
    groups.flatMap((g) => g.peers.map((p) => `${IP[6]} route ${p.loopback.toPrefix()} ${p.via}`)),
    bfdStanza(input.timers.bfd),
    ...groups.map((g) =>
      groupFamilies(g).includes(4) ? raQuietStanza(g.interface, g.prefix) : [],
    ),
    groups.flatMap((g) =>
      groupFamilies(g).flatMap((f) =>
        prefixList(
          inName(g, f),
          g.accept.filter((r) => ruleFamily(r) === f),
          f,
        ),
      ),
    ),
    [
      ...groups.flatMap((g) => groupFamilies(g).flatMap((f) => matchRouteMap(inName(g, f), f))),
      ...denyAllRouteMap,
    ],
    [
      `router bgp ${input.asn}`,
      ` bgp router-id ${input.routerId}`,
      " no bgp default ipv4-unicast",
      ` coalesce-time ${COALESCE_MS}`,
      ` timers bgp ${input.timers.bgp.keepalive} ${input.timers.bgp.hold}`,
      ...groups.flatMap((g) => groupBgpLines(g, input.timers)),
      ...af(4),
      ...af(6),
      "exit",
    ],
  ]);
}
