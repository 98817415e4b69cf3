// A RouterOS reconcile script read back: run on an empty router of the script's version through
// the RouterOS menu model (twin/routeros/model.ts, which refuses anything outside the grammar and
// menus it models), then the resulting menus read as addresses, routes, BGP connections with their
// timers, and the BFD configuration entry each connection with use-bfd=yes runs under.
import { Address, Family, Prefix } from "../../addressing/ip";
import { BFD_MINOR, RouterModel, parseRouterOsTime } from "../routeros/model";
import { ObservedAddress, ObservedBfd, ObservedDevice, ObservedNeighbor } from "./types";

const HEADER = /^# RouterOS ([0-9.]+) reconcile script for router ([A-Za-z0-9-]+),/;

/**
 * A routing-filter chain as a function: RouterOS runs a chain's rules in order; this reads the two
 * rule forms the renderer writes (`if (dst in <prefix>) { accept|reject }`, `reject`). Throws on
 * any other rule text, so a renderer change cannot pass unread.
 */
export function filterChain(rules: readonly string[]): (p: Prefix) => boolean {
  const parsed = rules.map((text) => {
    if (text === "reject") return { prefix: undefined, accept: false };
    const m = /^if \(dst in ([0-9a-f.:/]+)\) \{ (accept|reject) \}$/.exec(text);
    if (!m) throw new Error(`readback: unknown routing filter rule ${JSON.stringify(text)}`);
    return { prefix: Prefix.from(m[1]), accept: m[2] === "accept" };
  });
  return (p) => {
    for (const r of parsed) {
      if (r.prefix === undefined) return r.accept;
      // `dst in X` matches X and every prefix inside it, of X's family only.
      if (r.prefix.family === p.family && r.prefix.contains(p)) return r.accept;
    }
    // A chain that ends without a verdict passes the route on; ours always end in reject.
    return true;
  };
}

const afi = (text: string): Family[] =>
  text
    .split(";")
    .filter((x) => x !== "")
    .map((x) => {
      if (x === "ip") return 4;
      if (x === "ipv6") return 6;
      throw new Error(`readback: unknown BGP address family ${x}`);
    });

/** The router's own addresses after a script ran, with their interfaces. */
export function routerOsAddresses(r: RouterModel): ObservedAddress[] {
  return [...r.rows("/ip/address"), ...r.rows("/ipv6/address")].map((row) => {
    const [address, length] = row.address.split("/");
    return { address: Address.from(address), length: Number(length), iface: row.interface };
  });
}

/** RouterOS's BGP timers when a connection does not set them: hold 3m, keepalive 1m. */
const DEFAULT_HOLD_S = 180;
const DEFAULT_KEEPALIVE_S = 60;

/** A time property in whole seconds (the model prints `hh:mm:ss[.fff]`). */
function seconds(text: string): number {
  const ms = parseRouterOsTime(text);
  if (ms === undefined) throw new Error(`readback: ${text} is not a RouterOS time`);
  return ms / 1000;
}

/** The keepalive and hold a connection states, the other one at RouterOS's default. */
export function connectionTimers(c: Record<string, string>): ObservedNeighbor["timers"] {
  if (c["hold-time"] === undefined && c["keepalive-time"] === undefined) return undefined;
  return {
    keepalive: c["keepalive-time"] ? seconds(c["keepalive-time"]) : DEFAULT_KEEPALIVE_S,
    hold: c["hold-time"] ? seconds(c["hold-time"]) : DEFAULT_HOLD_S,
  };
}

/**
 * The BFD a connection runs: none without use-bfd=yes; else the first configuration entry that
 * applies to the peer, as this reader assumes RouterOS picks it: every criterion the entry sets
 * matches (`addresses` holds the peer, `interfaces` the interface facing an on-link peer; a
 * multihop session has no such interface), in the main VRF. An entry with `forbid-bfd=yes`, or
 * none at all, leaves the connection asking for BFD it cannot run.
 */
export function connectionBfd(
  c: Record<string, string>,
  entries: readonly Record<string, string>[],
  addresses: readonly ObservedAddress[],
): ObservedBfd | undefined {
  if (c["use-bfd"] !== "true") return undefined;
  const peer = Address.from(c["remote.address"]);
  const multihop = c.multihop === "true";
  const facing = multihop
    ? undefined
    : addresses.find(
        (a) =>
          a.address.family === peer.family &&
          Prefix.containing(a.address.family, a.address.value, a.length).contains(peer),
      )?.iface;
  const list = (text: string | undefined) => (text ? text.split(";") : []);
  const entry = entries.find((e) => {
    const held = list(e.addresses);
    const ifaces = list(e.interfaces);
    const byAddress =
      held.length === 0 ||
      held.some((x) => (x.includes("/") ? Prefix.from(x).contains(peer) : x === String(peer)));
    const byIface = ifaces.length === 0 || (facing !== undefined && ifaces.includes(facing));
    return byAddress && byIface && (e.vrf ?? "main") === "main";
  });
  // RouterOS keeps a use-bfd=yes session down while its BFD session is not up (MikroTik docs).
  const down = "no BFD session, so RouterOS keeps BGP down";
  if (!entry) {
    return { unusable: `use-bfd=yes, no /routing/bfd/configuration entry applies: ${down}` };
  }
  const list2 = (x: string | undefined) => x?.split(";").join(",");
  const from = `BFD entry ${list2(entry.addresses) || list2(entry.interfaces) || "for all"}`;
  if (entry["forbid-bfd"] === "true") {
    return { unusable: `use-bfd=yes, ${from} has forbid-bfd=yes: ${down}` };
  }
  // An entry without timers runs RouterOS's defaults, 200 ms x 5 (mikrotikdocs.fyi, "BFD").
  const ms = (prop: string, fallback: number) =>
    entry[prop] ? (parseRouterOsTime(entry[prop]) as number) : fallback;
  return {
    txMs: ms("min-tx", 200),
    rxMs: ms("min-rx", 200),
    multiplier: entry.multiplier ? Number(entry.multiplier) : 5,
    from,
  };
}

/** The router the script configures. Throws on a script the model refuses. */
export function readRouterOs(path: string, script: string): ObservedDevice {
  const head = HEADER.exec(script);
  if (!head) throw new Error(`${path}: not a reconcile script (no header line)`);
  const [, version, name] = head;
  const r = new RouterModel(version);
  r.run(script);
  const minor = Number(version.split(".")[1]);
  const addresses = routerOsAddresses(r);
  const routes = [...r.rows("/ip/route"), ...r.rows("/ipv6/route")].map((row) => ({
    dst: Prefix.from(row["dst-address"]),
    ...(row.gateway ? { via: Address.from(row.gateway) } : {}),
  }));
  const chains = new Map<string, string[]>();
  for (const row of r.rows("/routing/filter/rule")) {
    chains.set(row.chain, [...(chains.get(row.chain) ?? []), row.rule]);
  }
  const instances = minor >= 20 ? r.rows("/routing/bgp/instance") : [];
  const connections = r.rows("/routing/bgp/connection");
  const asns = new Set(
    connections.map((c) =>
      Number(minor >= 20 ? instances.find((i) => i.name === c.instance)?.as : c.as),
    ),
  );
  if (asns.size > 1) throw new Error(`${path}: connections in ${asns.size} different ASes`);
  const bfdEntries = minor >= BFD_MINOR ? r.rows("/routing/bfd/configuration") : [];
  const neighbors: ObservedNeighbor[] = connections.map((c) => {
    const chain = c["input.filter"];
    const bfd = connectionBfd(c, bfdEntries, addresses);
    const timers = connectionTimers(c);
    // Without an input filter RouterOS accepts everything the peer sends.
    const accepts = chain ? filterChain(chains.get(chain) ?? []) : () => true;
    return {
      name: c.name,
      address: Address.from(c["remote.address"]),
      asn: Number(c["remote.as"]),
      ...(c["local.address"] ? { source: Address.from(c["local.address"]) } : {}),
      // RouterOS's multihop=yes leaves the TTL at 255.
      ...(c.multihop === "true" ? { multihop: 255 } : {}),
      families: afi(c[minor >= 19 ? "afi" : "address-families"] ?? "ip"),
      accepts,
      announces: [],
      ...(bfd ? { bfd } : {}),
      ...(timers ? { timers } : {}),
    };
  });
  return {
    name,
    sources: [path],
    kind: "routeros",
    addresses,
    routes,
    ...(connections.length > 0
      ? { bgp: { asn: [...asns][0], speaker: "routeros" as const, neighbors } }
      : {}),
  };
}
