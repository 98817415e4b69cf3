// What a lab node's FRR says, reduced to comparable values: installed routes with their FIB next
// hops, established sessions, the best path's peer, and whether a TCP port answers.
import { Family, Prefix } from "../../addressing/ip";
import { Topology } from "../../topology/types";
import { NetnsLab } from "./netns";

/** An installed route: who put it there and the next hops the kernel forwards to, sorted. */
export interface FibRoute {
  readonly protocol: string;
  readonly via: readonly string[];
}

interface ZebraRoute {
  protocol: string;
  selected?: boolean;
  installed?: boolean;
  nexthops: { ip?: string; fib?: boolean }[];
}

const SHOW: Record<Family, string> = { 4: "show ip route", 6: "show ipv6 route" };

function reduce(entries: ZebraRoute[] | undefined): FibRoute | undefined {
  const r = entries?.find((e) => e.selected && e.installed);
  if (!r) return undefined;
  const via = r.nexthops.filter((n) => n.fib && n.ip).map((n) => n.ip as string);
  return { protocol: r.protocol, via: via.sort() };
}

/** Installed routes of the given protocols, by prefix (FRR's text), sorted by prefix. */
export function fib(
  lab: NetnsLab,
  node: string,
  family: Family,
  protocols: readonly string[] = ["bgp", "static"],
): Record<string, FibRoute> {
  const table = lab.vtyshJson<Record<string, ZebraRoute[]>>(node, SHOW[family]);
  const out: [string, FibRoute][] = [];
  for (const [prefix, entries] of Object.entries(table)) {
    const r = reduce(entries);
    if (r && protocols.includes(r.protocol)) out.push([prefix, r]);
  }
  return Object.fromEntries(out.sort(([a], [b]) => a.localeCompare(b)));
}

/** One installed route, or undefined. */
export function route(lab: NetnsLab, node: string, prefix: string): FibRoute | undefined {
  const family: Family = prefix.includes(":") ? 6 : 4;
  const table = lab.vtyshJson<Record<string, ZebraRoute[]>>(node, `${SHOW[family]} ${prefix}`);
  return reduce(table[prefix]);
}

interface Summary {
  ipv4Unicast?: { peers: Record<string, { state: string }> };
  ipv6Unicast?: { peers: Record<string, { state: string }> };
}

/** Established peers per address family, sorted. */
export function established(lab: NetnsLab, node: string): { ipv4: string[]; ipv6: string[] } {
  const s = lab.vtyshJson<Summary>(node, "show bgp summary");
  const up = (af: Summary["ipv4Unicast"]) =>
    Object.entries(af?.peers ?? {})
      .filter(([, p]) => p.state === "Established")
      .map(([peer]) => peer)
      .sort();
  return { ipv4: up(s.ipv4Unicast), ipv6: up(s.ipv6Unicast) };
}

/** Peers whose BFD session is up, sorted. */
export function bfdPeersUp(lab: NetnsLab, node: string): string[] {
  const peers = lab.vtyshJson<{ peer: string; status: string }[]>(node, "show bfd peers");
  return peers
    .filter((p) => p.status === "up")
    .map((p) => p.peer)
    .sort();
}

interface BgpPrefix {
  paths?: { bestpath?: { overall?: boolean }; peer?: { peerId?: string } }[];
}

/** The peer whose path BGP selected as best for `prefix` (IPv6 unicast). */
export function bestPeer(lab: NetnsLab, node: string, prefix: string): string | undefined {
  const p = lab.vtyshJson<BgpPrefix>(node, `show bgp ipv6 unicast ${prefix}`);
  return p.paths?.find((x) => x.bestpath?.overall)?.peer?.peerId;
}

/** Whether a TCP handshake to [address]:port from inside the node completes within 2 s. */
export function tcpAnswers(lab: NetnsLab, node: string, address: string, port: number): boolean {
  try {
    lab.exec(node, "timeout", ["2", "bash", "-c", `exec 3<>/dev/tcp/${address}/${port}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The routes a router must hold once everything converged, from the topology: its static routes,
 * and what the other end of each of its sessions announces, via that end's address as the router
 * reaches it (the static route's gateway for a loopback peer).
 */
export function expectedRouterFib(
  t: Topology,
  router: string,
): Record<Family, Record<string, FibRoute>> {
  const out: Record<Family, Map<string, FibRoute>> = { 4: new Map(), 6: new Map() };
  const add = (prefix: Prefix, protocol: string, via: string) => {
    const have = out[prefix.family].get(prefix.toString());
    const vias = [...new Set([...(have?.via ?? []), via])].sort();
    out[prefix.family].set(prefix.toString(), { protocol, via: vias });
  };
  const device = t.devices.find((d) => d.name === router);
  for (const r of device?.routes ?? []) if (r.via) add(r.dst, "static", r.via.toString());
  for (const s of t.sessions) {
    const i = s.ends.findIndex((e) => e.device === router);
    if (i < 0) continue;
    const end = s.ends[i];
    const other = s.ends[1 - i];
    const via = end.reach === "connected" ? other.address : end.reach.via;
    for (const a of other.announces) if (via) add(a.prefix, "bgp", via.toString());
  }
  const sorted = (m: Map<string, FibRoute>) =>
    Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
  return { 4: sorted(out[4]), 6: sorted(out[6]) };
}
