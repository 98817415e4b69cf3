// BGP checks of a running twin: every configured session Established (FRR and GoBGP), the BFD
// session up toward every neighbor an frr.conf runs BFD with, and every FRR speaker (router,
// stand-in, Linux node) holding exactly the prefixes each neighbor means to announce: the service
// addresses Cilium announces in the families the node's peer config lists for that session, or
// what an FRR node's frr.conf announces toward it. The expectation is the
// announcer's intent, so a filter, family or address that loses a route fails the check.
import { bfdPeersUp } from "../netns/routes";
import { gobgp, LiveTwin } from "../realise";
import { BuiltTwin } from "../site/build";
import { Check, held } from "./types";

interface Summary {
  ipv4Unicast?: { peers: Record<string, { state: string }> };
  ipv6Unicast?: { peers: Record<string, { state: string }> };
}

/** FRR's neighbor state per family, or "not configured". */
export function frrState(live: LiveTwin, node: string, peer: string): Record<"4" | "6", string> {
  const s = JSON.parse(live.lab.vtysh(node, "show bgp summary json")) as Summary;
  return {
    "4": s.ipv4Unicast?.peers?.[peer]?.state ?? "-",
    "6": s.ipv6Unicast?.peers?.[peer]?.state ?? "-",
  };
}

/** GoBGP's API session states (gobgp.proto PeerState.SessionState). */
const FSM: Record<number, string> = {
  1: "idle",
  2: "connect",
  3: "active",
  4: "opensent",
  5: "openconfirm",
  6: "established",
};

/** GoBGP's session state toward a peer. */
export function gobgpState(live: LiveTwin, node: string, peer: string): string {
  const list = JSON.parse(gobgp(live.lab, node, ["-j", "neighbor"])) as {
    conf?: { neighbor_address?: string };
    state?: { session_state?: string | number };
  }[];
  const n = list.find((x) => x.conf?.neighbor_address === peer);
  const s = n?.state?.session_state;
  if (s === undefined) return "not configured";
  return typeof s === "number" ? (FSM[s] ?? String(s)) : s.toLowerCase();
}

/** Prefixes an FRR speaker accepted from a neighbor, sorted. */
function learned(live: LiveTwin, node: string, peer: string, family: 4 | 6): string[] {
  const afi = family === 4 ? "ipv4" : "ipv6";
  try {
    const out = JSON.parse(
      live.lab.vtysh(node, `show bgp ${afi} unicast neighbors ${peer} routes json`),
    ) as { routes?: Record<string, unknown> };
    return Object.keys(out.routes ?? {}).sort();
  } catch {
    return [];
  }
}

/** Every session and learned-prefix check of the twin. */
export function bgpChecks(twin: BuiltTwin): Check[] {
  const { site } = twin;
  const out: Check[] = [];
  for (const f of site.frr) {
    const observed = speakerNeighbors(f.conf);
    for (const n of observed) {
      out.push({
        name: `bgp ${f.node} -> ${n.address}: session`,
        converges: true,
        run: (live) => {
          const st = frrState(live, f.node, n.address);
          const seen = n.families.map((x) => `IPv${x} ${st[x === 4 ? "4" : "6"]}`).join(", ");
          const ok = n.families.every((x) => st[x === 4 ? "4" : "6"] === "Established");
          return { ok, expected: n.families.map((x) => `IPv${x} Established`).join(", "), seen };
        },
      });
      const announcer = held(site, n.address);
      const g = site.gobgp.find((x) => x.node === announcer);
      const own = addressesOf(site, f.node);
      let intent: string[] = [];
      if (g) {
        // The node's peer on this session: the router's address in the session's family.
        const fam = n.address.includes(":") ? 6 : 4;
        const peer = g.peers.find(
          (p) => own.includes(p.address) && p.address.includes(":") === (fam === 6),
        );
        intent = g.announce.filter((a) => peer?.families.includes(a.family)).map((a) => a.prefix);
      } else {
        const frrNode = twin.nodes.linux.get(announcer ?? "")?.frr;
        const back = frrNode?.bgp?.neighbors.find((m) => own.includes(String(m.address)));
        intent = (back?.announces ?? []).map(String);
      }
      out.push({
        name: `bgp ${f.node} <- ${n.address}: learned`,
        converges: true,
        run: (live) => {
          const seen = [4, 6].flatMap((x) => learned(live, f.node, n.address, x as 4 | 6)).sort();
          const want = [...intent].sort();
          return {
            ok: seen.join(",") === want.join(","),
            expected: want.length > 0 ? want.join(" ") : "nothing",
            seen: seen.length > 0 ? seen.join(" ") : "nothing",
          };
        },
      });
    }
  }
  for (const f of site.frr) {
    for (const peer of bfdNeighbors(f.conf)) {
      out.push({
        name: `bfd ${f.node} -> ${peer}: Up`,
        converges: true,
        run: (live) => {
          const up = bfdPeersUp(live.lab, f.node).includes(peer);
          return { ok: up, expected: "BFD session up", seen: up ? "up" : "not up" };
        },
      });
    }
  }
  for (const g of site.gobgp) {
    for (const p of g.peers) {
      out.push({
        name: `bgp ${g.node} -> ${p.address}: session (GoBGP for Cilium)`,
        converges: true,
        run: (live) => {
          const seen = gobgpState(live, g.node, p.address);
          return { ok: seen === "established", expected: "established", seen };
        },
      });
    }
  }
  return out;
}

/** Every address the twin puts on a device. */
export function addressesOf(site: BuiltTwin["site"], node: string): string[] {
  return [
    ...site.veths
      .flatMap((v) => [v.a, v.b])
      .filter((e) => e.node === node)
      .flatMap((e) => e.addresses),
    ...site.bridges.filter((b) => b.node === node).flatMap((b) => b.addresses),
    ...site.loopbacks.filter((l) => l.node === node).map((l) => l.address),
  ].map((a) => a.split("/")[0]);
}

/** The neighbors an frr.conf configures and the families it activates for each. */
export function speakerNeighbors(conf: string): { address: string; families: (4 | 6)[] }[] {
  const out = new Map<string, Set<4 | 6>>();
  const groups = new Map<string, string>();
  let af: 4 | 6 | undefined;
  for (const line of conf.split("\n")) {
    let m = /^ neighbor (\S+) remote-as /.exec(line);
    if (m && /^[0-9a-f.:]+$/.test(m[1])) out.set(m[1], out.get(m[1]) ?? new Set());
    m = /^ neighbor (\S+) peer-group (\S+)$/.exec(line);
    if (m) {
      groups.set(m[1], m[2]);
      out.set(m[1], out.get(m[1]) ?? new Set());
    }
    m = /^ address-family (ipv4|ipv6) unicast$/.exec(line);
    if (m) af = m[1] === "ipv4" ? 4 : 6;
    if (line === " exit-address-family") af = undefined;
    m = /^ {2}neighbor (\S+) activate$/.exec(line);
    if (m && af) {
      for (const [addr, fams] of out) if (addr === m[1] || groups.get(addr) === m[1]) fams.add(af);
    }
  }
  return [...out].map(([address, f]) => ({ address, families: [...f].sort() }));
}

/**
 * The neighbors an frr.conf runs BFD with: `neighbor <address> bfd` (with or without a profile),
 * or the same on the peer-group an address belongs to; a shut-down neighbor runs none.
 */
export function bfdNeighbors(conf: string): string[] {
  const groups = new Map<string, string>();
  const bfd = new Set<string>();
  const down = new Set<string>();
  const addresses: string[] = [];
  for (const line of conf.split("\n")) {
    let m = /^ neighbor (\S+) remote-as /.exec(line);
    if (m && /^[0-9a-f.:]+$/.test(m[1])) addresses.push(m[1]);
    m = /^ neighbor (\S+) peer-group (\S+)$/.exec(line);
    if (m) {
      groups.set(m[1], m[2]);
      addresses.push(m[1]);
    }
    m = /^ neighbor (\S+) bfd(?: profile \S+)?$/.exec(line);
    if (m) bfd.add(m[1]);
    m = /^ neighbor (\S+) shutdown$/.exec(line);
    if (m) down.add(m[1]);
  }
  return [...new Set(addresses)].filter(
    (a) => !down.has(a) && (bfd.has(a) || bfd.has(groups.get(a) ?? "")),
  );
}
