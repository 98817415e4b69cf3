// A RouterOS reconcile script read back: run on an empty router of the script's version through
// the RouterOS menu model (twin/routeros/model.ts, which refuses anything outside the grammar and
// menus it models), then the resulting menus read as addresses, routes and BGP connections.
import { Address, Family, Prefix } from "../../addressing/ip";
import { RouterModel } from "../routeros/model";
import { ObservedDevice, ObservedNeighbor } from "./types";

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

/** The router the script configures. Throws on a script the model refuses. */
export function readRouterOs(path: string, script: string): ObservedDevice {
  const head = HEADER.exec(script);
  if (!head) throw new Error(`${path}: not a reconcile script (no header line)`);
  const [, version, name] = head;
  const r = new RouterModel(version);
  r.run(script);
  const minor = Number(version.split(".")[1]);
  const addresses = [...r.rows("/ip/address"), ...r.rows("/ipv6/address")].map((row) => {
    const [address, length] = row.address.split("/");
    return { address: Address.from(address), length: Number(length), iface: row.interface };
  });
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
  const neighbors: ObservedNeighbor[] = connections.map((c) => {
    const chain = c["input.filter"];
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
