// The owner's expectations (expectations.json) as twin checks, one per expectation, named
// `expect <name>`:
// - reach/deny: a real packet (TCP connect, UDP echo or ping) between the namespaces holding its
//   addresses, sent with the policy's probes (checks/policy.ts); a reply where `reach`, none where
//   `deny`. An address no namespace holds fails the check, saying so.
// - session: the BGP session Established at an end that runs FRR (vtysh) or GoBGP (its API).
// - failover: the VIP answers from a prober; its holder stops (a Talos node's NIC goes down, or
//   an FRR node's bgpd stops); the VIP answers again from another holder within 15 s. For a
//   Talos VIP, each node named to hold it must carry it in its rendered machine config (v1.12+
//   `Layer2VIPConfig`, or `.machine.network.interfaces[].vip`), and the next one takes it on the
//   link its own config names. Talos's takeover (adding the VIP and announcing it by gratuitous
//   ARP/unsolicited NA) is modelled by iproute2 and flushing the other namespaces' neighbour entry
//   for the VIP, since the twin runs no Talos; the output says so. The holder is then restored
//   (link up, its routes put back, the VIP back on it and announced) before any later check.
import { Address, Prefix } from "../../addressing/ip";
import { LiveTwin } from "../realise";
import { BuiltTwin } from "../site/build";
import { TwinExpectation, TwinSite } from "../site/types";
import { frrState, gobgpState } from "./bgp";
import { bestPeer } from "./frr-nodes";
import { pings } from "./paths";
import { expectationProbes, results } from "./policy";
import { Check, Outcome } from "./types";

/** How long a failover may take until the VIP answers again, in ms. */
export const FAILOVER_MS = 15_000;

type Flow = Extract<TwinExpectation, { kind: "reach" | "deny" }>;
type Session = Extract<TwinExpectation, { kind: "session" }>;
type Failover = Extract<TwinExpectation, { kind: "failover" }>;

function flowCheck(site: TwinSite, e: Flow): Check["run"] {
  return async (live) => {
    const expected = e.kind === "reach" ? "a reply" : "no reply";
    if (!e.from || !e.to) {
      const missing = [!e.from ? e.src : undefined, !e.to ? e.dst : undefined].filter(Boolean);
      return { ok: false, expected, seen: `no namespace of the twin holds ${missing.join(", ")}` };
    }
    const i =
      site.probes.length + expectationProbes(site).findIndex((x) => x.tag === `expect=${e.name}`);
    const r = (await results(live))[i];
    const want = e.kind === "reach" ? "reached" : "blocked";
    const port = e.port !== undefined ? ` ${e.port}` : "";
    return {
      ok: r.outcome === want,
      expected: `${expected} to ${e.src} -> ${e.dst} ${e.protocol}${port} (${e.from} -> ${e.to})`,
      seen: r.outcome === "blocked" ? `no reply (${r.detail})` : `${r.outcome}: ${r.detail}`,
    };
  };
}

/** Whether FRR has the session Established in either address family. */
export const sessionUp = (st: Record<"4" | "6", string>): boolean =>
  st["4"] === "Established" || st["6"] === "Established";

/**
 * What FRR shows of its session with `peer`, by the address families it carries it in (an IPv4
 * neighbour that carries no IPv6 routes has no IPv6 state, which is not shown): `r1 (FRR) ->
 * 10.0.0.2: IPv4 Established`, or that its summary has no such neighbour.
 */
export function frrSeen(device: string, peer: string, st: Record<"4" | "6", string>): string {
  const families = (["4", "6"] as const).filter((f) => st[f] !== "-");
  if (families.length === 0) return `${device} (FRR) has no neighbour ${peer} in show bgp summary`;
  return `${device} (FRR) -> ${peer}: ${families.map((f) => `IPv${f} ${st[f]}`).join(", ")}`;
}

function sessionCheck(site: TwinSite, e: Session): Check["run"] {
  return (live): Outcome => {
    const expected = `${e.ends[0].device} ~ ${e.ends[1].device} Established`;
    for (const [mine, peer] of [e.ends, [e.ends[1], e.ends[0]]]) {
      if (site.frr.some((f) => f.node === mine.device)) {
        const st = frrState(live, mine.device, peer.address);
        return { ok: sessionUp(st), expected, seen: frrSeen(mine.device, peer.address, st) };
      }
      if (site.gobgp.some((g) => g.node === mine.device)) {
        const st = gobgpState(live, mine.device, peer.address);
        return {
          ok: st === "established",
          expected,
          seen: `${mine.device} (GoBGP) -> ${peer.address}: ${st}`,
        };
      }
    }
    return { ok: false, expected, seen: "neither end runs a BGP speaker in the twin" };
  };
}

/** The NIC (veth end) of `node` holding `vip`, and its length. */
function nicOf(site: TwinSite, node: string, vip: string) {
  for (const v of site.veths)
    for (const end of [v.a, v.b]) {
      if (end.node !== node) continue;
      const c = end.addresses.find((x) => x.split("/")[0] === vip);
      if (c) return { iface: end.name, cidr: c };
    }
  return undefined;
}

/**
 * A namespace (not a holder) with an address of its own (held by no other device) on a subnet
 * holding the VIP, hosts and routers first; with that address.
 */
function proberOf(site: TwinSite, e: Failover): { node: string; address: string } | undefined {
  const vip = Address.from(e.vip);
  const order = ["host", "router", "stand-in", "vm", "node"];
  const ends = site.veths.flatMap((v) => [v.a, v.b]);
  const count = (a: string) =>
    ends.filter((x) => x.addresses.some((c) => c.split("/")[0] === a)).length;
  const found = ends.flatMap((x) =>
    e.holders.includes(x.node)
      ? []
      : x.addresses
          .filter((c) => {
            const [a, len] = c.split("/");
            const addr = Address.from(a);
            if (addr.family !== vip.family || addr.equals(vip) || count(a) !== 1) return false;
            return Prefix.containing(vip.family, addr.value, Number(len)).contains(vip);
          })
          .map((c) => ({ node: x.node, address: c.split("/")[0] })),
  );
  const kind = (n: string) => order.indexOf(site.devices.find((d) => d.name === n)?.kind ?? "");
  return found.sort((a, b) => kind(a.node) - kind(b.node))[0];
}

async function answersWithin(live: LiveTwin, from: string, vip: string, ms: number) {
  const start = performance.now();
  while (performance.now() - start < ms) {
    if (pings(live, from, vip, ["-c", "1", "-W", "0.5"]))
      return Math.round(performance.now() - start);
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/**
 * A failover's outcome: after `what` (the holder stopped), the VIP answered the prober `ms` later
 * (from `from` where that is known), or not within FAILOVER_MS (`ms` undefined).
 */
function failoverResult(
  expected: string,
  what: string,
  vip: string,
  prober: string,
  ms: number | undefined,
  from?: { readonly node: string; readonly how: string },
): Outcome {
  return {
    ok: ms !== undefined,
    expected,
    seen:
      ms === undefined
        ? `${what}; ${vip} does not answer ${prober}`
        : `${what}; ${vip} answers ${prober}${from ? ` from ${from.node}` : ""} after ${ms} ms${from ? ` (${from.how})` : ""}`,
  };
}

/**
 * A Talos shared VIP: every node named to hold it must have it in its rendered machine config;
 * the holder's NIC goes down and the next holder takes the VIP on the link its own config names.
 */
async function talosFailover(
  live: LiveTwin,
  site: TwinSite,
  e: Failover,
  talos: NonNullable<Failover["talos"]>,
  expected: string,
): Promise<Outcome> {
  const missing = talos.filter((t) => t.link === undefined).map((t) => t.node);
  if (missing.length > 0)
    return {
      ok: false,
      expected,
      seen: missing
        .map(
          (n) =>
            `talos/${n}.yaml holds no VIP ${e.vip} (Layer2VIPConfig, or machine.network.interfaces[].vip before Talos 1.12), so ${n} cannot take it over`,
        )
        .join("; "),
    };
  const holder = talos.find((t) => nicOf(site, t.node, e.vip));
  if (!holder) return { ok: false, expected, seen: `no node holds ${e.vip} in the twin` };
  const nic = nicOf(site, holder.node, e.vip) as { iface: string; cidr: string };
  const probe = proberOf(site, e);
  if (!probe)
    return { ok: false, expected, seen: "no namespace on the VIP's subnet to probe from" };
  const prober = probe.node;
  if (!pings(live, prober, e.vip))
    return {
      ok: false,
      expected,
      seen: `${e.vip} does not answer ${prober} before ${holder.node} stops`,
    };
  const next = talos.find(
    (t) => t !== holder && site.veths.some((v) => [v.a, v.b].some((x) => x.node === t.node)),
  );
  if (!next?.link)
    return { ok: false, expected, seen: `no other holder of ${e.vip} is in the twin` };
  const link = next.link;
  const cidr = `${e.vip}/${e.vip.includes(":") ? 128 : 32}`;
  // A link going down takes its routes with it (and its IPv6 addresses unless kept): the holder's
  // routes are saved here and put back with the link, so later checks see the node as it was.
  const saved = routesOf(live, holder.node);
  live.lab.exec(holder.node, "sysctl", [
    "-q",
    "-w",
    `net.ipv6.conf.${nic.iface}.keep_addr_on_down=1`,
  ]);
  live.lab.exec(holder.node, "ip", ["link", "set", nic.iface, "down"]);
  try {
    live.lab.exec(next.node, "ip", ["addr", "add", cidr, "dev", link]);
    // Talos announces a VIP it takes over by gratuitous ARP (unsolicited NA for IPv6), which
    // replaces the neighbours' cached entry; modelled by flushing it from every other namespace.
    announce(live, site, e.vip, next.node);
    const ms = await answersWithin(live, prober, e.vip, FAILOVER_MS);
    return failoverResult(expected, `${holder.node}'s ${nic.iface} down`, e.vip, prober, ms, {
      node: next.node,
      how: `on ${link} as talos/${next.node}.yaml puts it; Talos's takeover and gratuitous ARP modelled`,
    });
  } finally {
    try {
      live.lab.exec(next.node, "ip", ["addr", "del", cidr, "dev", link]);
    } catch {
      // already gone
    }
    live.lab.exec(holder.node, "ip", ["link", "set", nic.iface, "up"]);
    restoreRoutes(live, holder.node, saved);
    // The VIP is back on its first holder, which announces it again.
    announce(live, site, e.vip, holder.node);
  }
}

/** A node's IPv4 and IPv6 routes (`ip -o route show`, one line each, main table). */
function routesOf(live: LiveTwin, node: string): string[] {
  return (["-4", "-6"] as const).flatMap((f) =>
    live.lab
      .exec(node, "ip", ["-o", f, "route", "show"])
      .split("\n")
      .map((l) => l.replace(/\\\t/g, " ").replace(/\s+/g, " ").trim())
      .filter((l) => l !== "")
      .map((l) => `${f} ${l}`),
  );
}

/**
 * Puts back the routes of `saved` the node lost (a link down drops the routes through it);
 * a route that cannot be put back throws, naming it, so the check fails rather than leaving the
 * node broken silently for later checks.
 */
function restoreRoutes(live: LiveTwin, node: string, saved: readonly string[]) {
  const now = new Set(routesOf(live, node));
  for (const r of saved) {
    if (now.has(r)) continue;
    const [family, ...rest] = r.split(" ");
    const words = rest.filter((w) => w !== "linkdown");
    try {
      live.lab.exec(node, "ip", [family, "route", "replace", ...words]);
    } catch (err) {
      throw new Error(
        `${node}'s route ${rest.join(" ")} could not be restored after the failover: ${err instanceof Error ? err.message.split("\n").slice(-1)[0] : String(err)}`,
      );
    }
  }
}

/**
 * The effect of a gratuitous ARP / unsolicited NA for `vip` from `holder`: every other namespace
 * of the twin forgets its cached neighbour entry for the VIP and resolves it afresh.
 */
function announce(live: LiveTwin, site: TwinSite, vip: string, holder: string) {
  const nodes = new Set(site.veths.flatMap((v) => [v.a.node, v.b.node]));
  for (const n of nodes) if (n !== holder) live.lab.exec(n, "ip", ["neigh", "flush", "to", vip]);
}

function failoverCheck(site: TwinSite, e: Failover): Check["run"] {
  return async (live): Promise<Outcome> => {
    const expected = `${e.vip} answering from another holder within ${FAILOVER_MS / 1000} s after its holder stops`;
    if (e.talos) return talosFailover(live, site, e, e.talos, expected);
    // An anycast VIP on lo, announced over BGP: stop one holder's bgpd, another must answer.
    const lo = e.holders.filter((h) =>
      site.loopbacks.some((l) => l.node === h && l.address.split("/")[0] === e.vip),
    );
    const prober = site.frr.find(
      (f) =>
        !e.holders.includes(f.node) &&
        site.devices.find((d) => d.name === f.node)?.kind === "router",
    )?.node;
    if (lo.length < 2 || !prober)
      return {
        ok: false,
        expected,
        seen: `${lo.length} holder(s) of ${e.vip} in the twin${prober ? "" : ", no router to probe from"}`,
      };
    if (!pings(live, prober, e.vip))
      return { ok: false, expected, seen: `${e.vip} does not answer ${prober}` };
    // The holder the prober's best path leads to: the one whose stop must move the VIP.
    const prefix = `${e.vip}/${e.vip.includes(":") ? 128 : 32}`;
    const peer = bestPeer(live, prober, prefix);
    const stopped = lo.find((h) =>
      site.loopbacks.some((l) => l.node === h && l.address.split("/")[0] === peer),
    );
    if (!stopped)
      return {
        ok: false,
        expected,
        seen: `${prober}'s best path to ${e.vip} is from ${peer ?? "nobody"}, no holder`,
      };
    await live.lab.stopDaemon(stopped, "bgpd", "SIGTERM");
    try {
      const ms = await answersWithin(live, prober, e.vip, FAILOVER_MS);
      return failoverResult(expected, `${stopped}'s bgpd stopped`, e.vip, prober, ms);
    } finally {
      await live.lab.restartDaemon(stopped, "bgpd");
    }
  };
}

/** One check per expectation of the twin, named `expect <name>` (none without expectations.json). */
export function expectChecks(twin: BuiltTwin): Check[] {
  const { site } = twin;
  return site.expectations.map((e) => ({
    name: `expect ${e.name}`,
    ...(e.kind === "session" ? { converges: true } : {}),
    run:
      e.kind === "session"
        ? sessionCheck(site, e)
        : e.kind === "failover"
          ? failoverCheck(site, e)
          : flowCheck(site, e),
  }));
}
