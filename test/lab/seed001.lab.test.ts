// Seed 001's edge (the `sol` stack) with real FRR 8.4 in network namespaces, built from the
// topology: every node runs the frr.conf it is deployed with, and the router runs FRR rendered
// from the same session objects as its RouterOS script. Needs root and FRR (`.ci/install-frr.sh`);
// without FRR every test fails with the install hint.
import { buildEdgeLab, EdgeLab, LabNode } from "../../lab/edge-lab";
import { requireFrr } from "../../lab/frr-check";
import { alive, listNamespaces, waitFor } from "../../lab/netns";
import {
  bestPeer,
  established,
  expectedRouterFib,
  fib,
  FibRoute,
  route,
  tcpAnswers,
} from "../../lab/routes";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const { topology } = requireSite(stackRaw("sol"));

const IDS = ["11", "12", "13", "21", "22", "23"];
const CP = ["fd00:101::11", "fd00:101::12", "fd00:101::13"];
const ALL = IDS.map((id) => `fd00:101::${id}`);
const VIP6 = "fd00:255:101::ac/128";
const PEERS = IDS.map((id) => `fd00:255:101::${id}`);

const bgp = (via: string[]): FibRoute => ({ protocol: "bgp", via });
// Written out from seed 001's tables: what the router must learn, and how it reaches it.
const EXPECTED_V6: Record<string, FibRoute> = {
  "fd00:101:cafe::/112": bgp(ALL),
  ...Object.fromEntries(
    IDS.map((id) => [`fd00:255:101::${id}/128`, { protocol: "static", via: [`fd00:101::${id}`] }]),
  ),
  [VIP6]: bgp(CP),
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Converged: all sessions up (IPv6, as the RouterOS script negotiates) and exactly the routes. */
function converged(edge: EdgeLab): true | undefined {
  const up = established(edge.lab, edge.router);
  if (!same(up, { ipv4: [], ipv6: PEERS })) return undefined;
  if (!same(fib(edge.lab, edge.router, 6), EXPECTED_V6)) return undefined;
  return same(fib(edge.lab, edge.router, 4), {}) || undefined;
}

describe("seed 001 edge in network namespaces", () => {
  let edge: EdgeLab | undefined;
  const lab = () => {
    if (!edge) throw new Error("the lab did not start (see beforeAll)");
    return edge;
  };
  const node = (egress: string): LabNode => {
    const n = lab().nodes.find((x) =>
      x.device.interfaces.some((i) => i.addresses.some((h) => String(h.address) === egress)),
    );
    if (!n) throw new Error(`no lab node with egress ${egress}`);
    return n;
  };

  beforeAll(async () => {
    requireFrr();
    edge = buildEdgeLab(topology, "edge");
    await edge.start();
  }, 60_000);

  afterAll(() => edge?.lab.destroy());

  test("the topology's own expectation is seed 001's table", () => {
    expect(expectedRouterFib(topology, "edge")).toEqual({ 4: {}, 6: EXPECTED_V6 });
  });

  test("the router holds every loopback route, the VIP and the pool within 15 s", async () => {
    await waitFor("router convergence", 15_000, () => converged(lab()));
    expect(fib(lab().lab, "edge", 6)).toEqual(EXPECTED_V6);
    expect(fib(lab().lab, "edge", 4)).toEqual({});
  }, 30_000);

  test("each node's loopback and a control plane's VIP are on lo from its frr.conf", () => {
    const { lab: l } = lab();
    const lo = l.exec("solcp011", "ip", [
      "-6",
      "-o",
      "addr",
      "show",
      "dev",
      "lo",
      "scope",
      "global",
    ]);
    expect(lo.match(/inet6 (\S+)/g)).toEqual([
      "inet6 fd00:255:101::ac/128",
      "inet6 fd00:255:101::11/128",
    ]);
  });

  test("IS-IS gives every node the other loopbacks, and workers the anycast VIP via all 3 control planes", async () => {
    for (const n of lab().nodes) {
      const own = n.device.interfaces
        .flatMap((i) => i.addresses)
        .find((h) => h.role === "loopback" && h.address.family === 6)?.address;
      const others = PEERS.filter((p) => p !== String(own)).map((p) => `${p}/128`);
      // The VIP sits on the control planes' lo, so IS-IS carries it to the workers as well.
      const want = n.device.node?.role === "worker" ? [...others, VIP6].sort() : others;
      const { value } = await waitFor(`IS-IS on ${n.device.name}`, 10_000, () => {
        const isis = fib(lab().lab, n.device.name, 6, ["isis"]);
        return Object.keys(isis).length === want.length ? isis : undefined;
      });
      expect(Object.keys(value)).toEqual(want);
      const paths = Object.fromEntries(Object.entries(value).map(([p, r]) => [p, r.via.length]));
      expect(paths).toEqual(Object.fromEntries(want.map((p) => [p, p === VIP6 ? 3 : 1])));
    }
  }, 30_000);

  test("the router's filter drops what seed 001's k8s-in rejects, even when a node sends it", async () => {
    const { lab: l } = lab();
    const cp = node(CP[0]).device.name;
    const leaks = ["fc00:101::/64", "fd00:101:44::/64"];
    // A Cilium-style /128 from the pool: `dst in` (le 128) must accept it.
    const canary = "fd00:101:cafe::1/128";
    const config = (lines: string[]) => l.vtysh(cp, ["configure terminal", ...lines].join("\n"));
    const nets = (ps: string[], no = "") => [
      "router bgp 65101",
      "address-family ipv6 unicast",
      ...ps.map((p) => `${no}network ${p}`),
      "exit-address-family",
      "exit",
    ];
    // The leaks get blackholes to be in the RIB; solcp011's own outbound policy is opened so that
    // only the router's filter stands in the way.
    const setup = [
      "ipv6 route fd00:101:44::/64 blackhole",
      `ipv6 route ${canary} blackhole`,
      "route-map announce-v6 permit 20",
      "exit",
    ];
    config([...setup, ...nets(leaks)]);
    try {
      const sent = () =>
        l.vtyshJson<{ advertisedRoutes?: Record<string, unknown> }>(
          cp,
          "show bgp ipv6 unicast neighbors fd00:101::fffe advertised-routes",
        ).advertisedRoutes ?? {};
      await waitFor(
        "the leaks to be sent",
        10_000,
        () => leaks.every((p) => p in sent()) || undefined,
      );
      // Sent after the leaks on the same session: once it is in, the leaks were judged.
      config(nets([canary]));
      await waitFor("the canary", 10_000, () => route(l, "edge", canary));
      expect(route(l, "edge", canary)).toEqual(bgp([CP[0]]));
      const installed = Object.keys(fib(l, "edge", 6));
      expect(installed.filter((p) => leaks.includes(p))).toEqual([]);
    } finally {
      config([
        ...nets([...leaks, canary], "no "),
        "no route-map announce-v6 permit 20",
        ...setup.filter((c) => c.includes(" route ")).map((c) => `no ${c}`),
      ]);
    }
    await waitFor("the leak to be withdrawn", 10_000, () => converged(lab()));
  }, 30_000);

  test("bgpd stopped on the VIP's best path: the VIP stays reachable via the other control planes", async () => {
    const { lab: l } = lab();
    const holderLoopback = bestPeer(l, "edge", VIP6);
    const holder = lab().nodes.find((n) =>
      n.device.interfaces.some((i) =>
        i.addresses.some((h) => String(h.address) === holderLoopback),
      ),
    );
    if (!holder) throw new Error(`best path for ${VIP6} is from ${holderLoopback}, not a node`);
    const egress = CP.find((a) => node(a) === holder);
    const rest = CP.filter((a) => a !== egress);
    await l.stopDaemon(holder.device.name, "bgpd", "SIGTERM");
    await waitFor(
      "the VIP to move",
      5_000,
      () => same(route(l, "edge", VIP6)?.via, rest) || undefined,
    );
    expect(route(l, "edge", VIP6)?.via).toEqual(rest);
    expect(tcpAnswers(l, "edge", "fd00:255:101::ac", 179)).toBe(true);

    await l.restartDaemon(holder.device.name, "bgpd");
    await waitFor("sessions and routes back", 15_000, () => converged(lab()));
    expect(established(l, "edge")).toEqual({ ipv4: [], ipv6: PEERS });
  }, 40_000);

  test("a control plane cut off the egress VLAN is withdrawn within the 9 s hold time (no BFD toward RouterOS)", async () => {
    const { lab: l } = lab();
    const victim = node(CP[1]);
    const rest = CP.filter((a) => a !== CP[1]);
    const { segment, port } = victim.egressPort;
    l.setLink(segment, port, false);
    try {
      const { ms } = await waitFor(
        "the hold timer to withdraw the cut node",
        12_000,
        () => same(route(l, "edge", VIP6)?.via, rest) || undefined,
      );
      expect(ms).toBeLessThan(12_000);
      expect(route(l, "edge", "fd00:101:cafe::/112")?.via).toEqual(ALL.filter((a) => a !== CP[1]));
    } finally {
      l.setLink(segment, port, true);
    }
    await waitFor("the cut node to come back", 20_000, () => converged(lab()));
  }, 40_000);

  test("cleanup removes every namespace and daemon of the lab", () => {
    const { lab: l } = lab();
    const names = ["edge", "tenant-101", "vnet-vnet101", ...lab().nodes.map((n) => n.device.name)];
    expect(l.existing().sort()).toEqual(names.map((n) => l.ns(n)).sort());
    const pids = l.pids();
    // zebra, staticd, bfdd and bgpd on the router; isisd too on each of the six nodes.
    expect(pids.length).toBe(4 + 6 * 5);
    l.destroy();
    expect(listNamespaces().filter((ns) => ns.startsWith(`${l.id}-`))).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
  });
});
