// An integrated frr.conf read back: interface addresses (zebra), static and blackhole routes
// (staticd), and BGP with its neighbors, peer-groups, address families, network statements,
// route-map/prefix-list policies evaluated as FRR evaluates them, BGP timers and BFD (a neighbor's
// `bfd` / `bfd profile` with the profile's timers from the `bfd` block). It reads the statements this
// project renders and throws on a BGP, interface or route line it does not know, so a renderer
// change cannot pass unread; FRR's own parsers check the syntax elsewhere (twin/netns/frr-check.ts).
import { Address, Family, Prefix } from "../../addressing/ip";
import {
  ObservedAddress,
  ObservedBfd,
  ObservedDevice,
  ObservedNeighbor,
  ObservedRoute,
} from "./types";

interface PrefixListRule {
  readonly action: "permit" | "deny";
  readonly prefix: Prefix;
  readonly le?: number;
}

interface RouteMapEntry {
  readonly action: "permit" | "deny";
  readonly seq: number;
  readonly matchList?: string;
}

interface NeighborConf {
  asn?: number;
  description?: string;
  multihop?: number;
  source?: Address;
  group?: string;
  isGroup?: boolean;
  families: Set<Family>;
  in: Partial<Record<Family, string>>;
  out: Partial<Record<Family, string>>;
  bfd?: boolean;
  bfdProfile?: string;
  timers?: { keepalive: number; hold: number };
}

/** A bfdd profile's timers, milliseconds. */
interface BfdTimers {
  detectMultiplier: number;
  receiveInterval: number;
  transmitInterval: number;
}

/** bfdd's defaults for a session or profile that sets no timers (FRR bfd.rst). */
const BFD_DEFAULTS: BfdTimers = {
  detectMultiplier: 3,
  receiveInterval: 300,
  transmitInterval: 300,
};

/** A neighbor's BFD as bfdd runs it: its profile's timers, FRR's defaults for what is not set. */
function bfdOf(
  n: NeighborConf,
  profiles: ReadonlyMap<string, Partial<BfdTimers>>,
): ObservedBfd | undefined {
  if (!n.bfd && n.bfdProfile === undefined) return undefined;
  const p = n.bfdProfile === undefined ? {} : profiles.get(n.bfdProfile);
  const t = { ...BFD_DEFAULTS, ...(p ?? {}) };
  return {
    txMs: t.transmitInterval,
    rxMs: t.receiveInterval,
    multiplier: t.detectMultiplier,
    from:
      n.bfdProfile === undefined
        ? "bfdd's defaults"
        : p
          ? `profile ${n.bfdProfile}`
          : `profile ${n.bfdProfile} (not defined: bfdd's defaults)`,
  };
}

const blank = (): NeighborConf => ({ families: new Set(), in: {}, out: {} });

/** FRR's prefix-list match: the prefix inside the rule's, and its length within [len, le]. */
function listMatch(r: PrefixListRule, p: Prefix): boolean {
  if (r.prefix.family !== p.family || !r.prefix.contains(p)) return false;
  return r.le === undefined ? p.length === r.prefix.length : p.length <= r.le;
}

/** A route-map as FRR runs it: entries by sequence; an entry without a match matches all. */
function routeMap(
  name: string,
  maps: ReadonlyMap<string, RouteMapEntry[]>,
  lists: ReadonlyMap<string, PrefixListRule[]>,
): (p: Prefix) => boolean {
  const entries = [...(maps.get(name) ?? [])].sort((a, b) => a.seq - b.seq);
  if (!maps.has(name)) throw new Error(`readback: route-map ${name} is used but not defined`);
  return (p) => {
    for (const e of entries) {
      if (e.matchList !== undefined) {
        const rule = (lists.get(e.matchList) ?? []).find((r) => listMatch(r, p));
        if (rule?.action !== "permit") continue;
      }
      return e.action === "permit";
    }
    return false;
  };
}

/** The machine an frr.conf configures. Throws on a line this reader does not know. */
export function readFrr(path: string, text: string): ObservedDevice {
  const lines = text.split("\n");
  let hostname = "";
  let iface: string | undefined;
  let bgpAsn: number | undefined;
  let af: Family | undefined;
  let inBgp = false;
  let routeMapName: string | undefined;
  let inBfd = false;
  let bfdProfile: string | undefined;
  let bgpTimers: { keepalive: number; hold: number } | undefined;
  const profiles = new Map<string, Partial<BfdTimers>>();
  const addresses: ObservedAddress[] = [];
  const routes: ObservedRoute[] = [];
  const lists = new Map<string, PrefixListRule[]>();
  const maps = new Map<string, RouteMapEntry[]>();
  const neighbors = new Map<string, NeighborConf>();
  const networks = new Map<Family, Prefix[]>([
    [4, []],
    [6, []],
  ]);
  const nb = (who: string) => {
    const n = neighbors.get(who) ?? blank();
    neighbors.set(who, n);
    return n;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === "" || line.trimStart().startsWith("!")) continue;
    let m: RegExpExecArray | null;
    if ((m = /^hostname (\S+)$/.exec(line))) {
      hostname = m[1];
    } else if ((m = /^interface (\S+)$/.exec(line))) {
      iface = m[1];
    } else if (line === "exit") {
      if (af === undefined) {
        iface = undefined;
        inBgp = false;
        routeMapName = undefined;
        inBfd = false;
      }
    } else if (line === "bfd") {
      inBfd = true;
    } else if (inBfd && (m = /^ profile (\S+)$/.exec(line))) {
      bfdProfile = m[1];
      profiles.set(bfdProfile, {});
    } else if (inBfd && bfdProfile && line === " exit") {
      bfdProfile = undefined;
    } else if (
      inBfd &&
      bfdProfile &&
      (m = /^ {2}(detect-multiplier|receive-interval|transmit-interval) (\d+)$/.exec(line))
    ) {
      const key = {
        "detect-multiplier": "detectMultiplier",
        "receive-interval": "receiveInterval",
        "transmit-interval": "transmitInterval",
      }[m[1]] as keyof BfdTimers;
      (profiles.get(bfdProfile) as Partial<BfdTimers>)[key] = Number(m[2]);
    } else if (line === " exit-address-family") {
      af = undefined;
    } else if (iface && (m = /^ (ip|ipv6) address (\S+)\/(\d+)$/.exec(line))) {
      addresses.push({ address: Address.from(m[2]), length: Number(m[3]), iface });
    } else if (iface && /^ (ipv6 router isis|ip router isis|isis) /.test(line)) {
      continue;
    } else if (iface && /^ ipv6 nd (ra-lifetime \d+|prefix \S+ no-autoconfig)$/.test(line)) {
      continue;
    } else if ((m = /^(ip|ipv6) route (\S+) (\S+)$/.exec(line))) {
      const dst = Prefix.from(m[2]);
      routes.push(
        m[3] === "blackhole" ? { dst, blackhole: true } : { dst, via: Address.from(m[3]) },
      );
    } else if (
      (m = /^(ip|ipv6) prefix-list (\S+) seq \d+ (permit|deny) (\S+)(?: le (\d+))?$/.exec(line))
    ) {
      const rules = lists.get(m[2]) ?? [];
      rules.push({
        action: m[3] as "permit" | "deny",
        prefix: Prefix.from(m[4]),
        ...(m[5] ? { le: Number(m[5]) } : {}),
      });
      lists.set(m[2], rules);
    } else if ((m = /^route-map (\S+) (permit|deny) (\d+)$/.exec(line))) {
      routeMapName = m[1];
      const list = maps.get(m[1]) ?? [];
      list.push({ action: m[2] as "permit" | "deny", seq: Number(m[3]) });
      maps.set(m[1], list);
    } else if (routeMapName && (m = /^ match (ip|ipv6) address prefix-list (\S+)$/.exec(line))) {
      const list = maps.get(routeMapName) as RouteMapEntry[];
      list[list.length - 1] = { ...list[list.length - 1], matchList: m[2] };
    } else if ((m = /^router bgp (\d+)$/.exec(line))) {
      bgpAsn = Number(m[1]);
      inBgp = true;
    } else if (inBgp && /^ bgp router-id \S+$/.test(line)) {
      continue;
    } else if (inBgp && (m = /^ address-family (ipv4|ipv6) unicast$/.exec(line))) {
      af = m[1] === "ipv4" ? 4 : 6;
    } else if (inBgp && af && (m = /^ {2}network (\S+)$/.exec(line))) {
      networks.get(af)?.push(Prefix.from(m[1]));
    } else if (inBgp && af && (m = /^ {2}neighbor (\S+) activate$/.exec(line))) {
      nb(m[1]).families.add(af);
    } else if (inBgp && af && (m = /^ {2}neighbor (\S+) route-map (\S+) (in|out)$/.exec(line))) {
      nb(m[1])[m[3] as "in" | "out"][af] = m[2];
    } else if (inBgp && af && /^ {2}maximum-paths \d+$/.test(line)) {
      continue;
    } else if (inBgp && (m = /^ neighbor (\S+) (.+)$/.exec(line))) {
      const n = nb(m[1]);
      const rest = m[2];
      let r: RegExpExecArray | null;
      if (rest === "peer-group") n.isGroup = true;
      else if ((r = /^peer-group (\S+)$/.exec(rest))) n.group = r[1];
      else if ((r = /^remote-as (\d+)$/.exec(rest))) n.asn = Number(r[1]);
      else if ((r = /^description (.+)$/.exec(rest))) n.description = r[1];
      else if ((r = /^ebgp-multihop (\d+)$/.exec(rest))) n.multihop = Number(r[1]);
      else if ((r = /^update-source (\S+)$/.exec(rest))) n.source = Address.from(r[1]);
      else if (rest === "bfd") n.bfd = true;
      else if ((r = /^bfd profile (\S+)$/.exec(rest))) n.bfdProfile = r[1];
      else if ((r = /^timers (\d+) (\d+)$/.exec(rest)))
        n.timers = { keepalive: Number(r[1]), hold: Number(r[2]) };
      else if (
        !/^(advertisement-interval \d+|timers connect \d+|capability extended-nexthop)$/.test(rest)
      ) {
        throw new Error(`${path}: unknown neighbor statement "${line.trim()}"`);
      }
    } else if (inBgp && (m = /^ timers bgp (\d+) (\d+)$/.exec(line))) {
      bgpTimers = { keepalive: Number(m[1]), hold: Number(m[2]) };
    } else if (inBgp && /^ (no bgp default ipv4-unicast|coalesce-time \d+)$/.test(line)) {
      continue;
    } else if (
      /^(bgp route-map delay-timer \d+|router isis \S+| (is-type|net|metric-style|lsp-gen-interval) \S+| log-adjacency-changes)$/.test(
        line,
      )
    ) {
      continue;
    } else {
      throw new Error(`${path}: unknown line "${line}"`);
    }
  }
  if (!hostname) throw new Error(`${path}: no hostname`);
  const effective = (who: string): NeighborConf => {
    const n = neighbors.get(who) as NeighborConf;
    const g = n.group ? neighbors.get(n.group) : undefined;
    return g
      ? {
          ...g,
          ...Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)),
          families: g.families,
          in: g.in,
          out: g.out,
        }
      : n;
  };
  const peers: ObservedNeighbor[] = [...neighbors.keys()]
    .filter((who) => !neighbors.get(who)?.isGroup)
    .map((who) => {
      const n = effective(who);
      if (n.asn === undefined) throw new Error(`${path}: neighbor ${who} has no remote-as`);
      const bfd = bfdOf(n, profiles);
      const timers = n.timers ?? bgpTimers;
      const families = [...n.families].sort();
      // FRR 8 sends and accepts nothing on an eBGP session without a route-map in that direction.
      const inMaps = families.map((f) => [f, n.in[f]] as const);
      const accepts = (p: Prefix) => {
        const name = inMaps.find(([f]) => f === p.family)?.[1];
        return name ? routeMap(name, maps, lists)(p) : false;
      };
      const announces = families.flatMap((f) => {
        const name = n.out[f];
        if (!name) return [];
        const out = routeMap(name, maps, lists);
        return (networks.get(f) ?? []).filter(out);
      });
      return {
        name: n.description ?? who,
        address: Address.from(who),
        asn: n.asn,
        ...(n.source ? { source: n.source } : {}),
        ...(n.multihop !== undefined ? { multihop: n.multihop } : {}),
        families,
        accepts,
        announces,
        ...(bfd ? { bfd } : {}),
        ...(timers ? { timers } : {}),
      };
    });
  return {
    name: hostname,
    sources: [path],
    kind: "frr",
    addresses,
    routes,
    ...(bgpAsn !== undefined
      ? { bgp: { asn: bgpAsn, speaker: "frr" as const, neighbors: peers } }
      : {}),
  };
}
