// Seed 001's edge with real FRR 8.4 in network namespaces: the router (FRR standing in for
// RouterOS) and all six nodes run the configs rendered from the plan. Needs root and FRR
// (`.ci/install-frr.sh`); without FRR every test fails with the install hint.
import { buildEdgeLab, EdgeLab, LabNode } from "../../lab/edge-lab";
import { requireFrr } from "../../lab/frr-check";
import { alive, listNamespaces, waitFor } from "../../lab/netns";
import {
  bestPeer,
  bfdPeersUp,
  established,
  fib,
  FibRoute,
  route,
  tcpAnswers,
} from "../../lab/routes";
import { RouterSpec } from "../../render/frr/inputs";
import { requirePlan } from "../../site";
import { seed001, seed001Edge } from "../fixtures/seed001";

const plan = requirePlan(seed001);
const SPEC: RouterSpec = seed001Edge(plan);

const LOOPBACKS = ["11", "12", "13", "21", "22", "23"];
const CP = ["fd00:101::11", "fd00:101::12", "fd00:101::13"];
const ALL = LOOPBACKS.map((id) => `fd00:101::${id}`);
const VIP6 = "fd00:255:101::ac/128";
const VIP4 = "10.255.101.250/32";

const bgp = (via: string[]): FibRoute => ({ protocol: "bgp", via });
const EXPECTED_V6: Record<string, FibRoute> = {
  "fd00:101:cafe::/112": bgp(ALL),
  ...Object.fromEntries(
    LOOPBACKS.map((id) => [
      `fd00:255:101::${id}/128`,
      { protocol: "static", via: [`fd00:101::${id}`] },
    ]),
  ),
  [VIP6]: bgp(CP),
};
const EXPECTED_V4: Record<string, FibRoute> = {
  ...Object.fromEntries(LOOPBACKS.map((id) => [`10.255.101.${id}/32`, bgp([`fd00:101::${id}`])])),
  [VIP4]: bgp(CP),
};
const PEERS = LOOPBACKS.map((id) => `fd00:255:101::${id}`);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Converged: all sessions up in both families and exactly the expected routes installed. */
function converged(edge: EdgeLab): true | undefined {
  const up = established(edge.lab, edge.router);
  if (up.ipv4.length !== PEERS.length || up.ipv6.length !== PEERS.length) return undefined;
  if (!same(fib(edge.lab, edge.router, 6), EXPECTED_V6)) return undefined;
  return same(fib(edge.lab, edge.router, 4), EXPECTED_V4) || undefined;
}

const vipVia = (edge: EdgeLab) => ({
  v6: route(edge.lab, edge.router, VIP6)?.via,
  v4: route(edge.lab, edge.router, VIP4)?.via,
});

describe("seed 001 edge in network namespaces", () => {
  let edge: EdgeLab | undefined;
  const lab = () => {
    if (!edge) throw new Error("the lab did not start (see beforeAll)");
    return edge;
  };
  const node = (egress: string): LabNode => {
    const n = lab().nodes.find((x) => String(x.plan.address.ipv6) === egress);
    if (!n) throw new Error(`no lab node with egress ${egress}`);
    return n;
  };

  beforeAll(async () => {
    requireFrr();
    edge = buildEdgeLab(plan, SPEC);
    await edge.start();
  }, 60_000);

  afterAll(() => edge?.lab.destroy());

  test("the router holds every loopback, the VIP and the pool in both families within 15 s", async () => {
    await waitFor("router convergence", 15_000, () => converged(lab()));
    expect(fib(lab().lab, "edge", 6)).toEqual(EXPECTED_V6);
    expect(fib(lab().lab, "edge", 4)).toEqual(EXPECTED_V4);
  }, 30_000);

  test("IS-IS gives every node the other loopbacks, and workers the anycast VIP via all 3 control planes", async () => {
    for (const n of lab().nodes) {
      const others = PEERS.filter((p) => p !== String(n.plan.loopback.ipv6)).map((p) => `${p}/128`);
      // The VIP sits on the control planes' lo, so IS-IS carries it to the workers as well.
      const want = n.plan.role === "worker" ? [...others, VIP6].sort() : others;
      const { value } = await waitFor(`IS-IS on ${n.plan.name}`, 10_000, () => {
        const isis = fib(lab().lab, n.plan.name, 6, ["isis"]);
        return Object.keys(isis).length === want.length ? isis : undefined;
      });
      expect(Object.keys(value)).toEqual(want);
      const paths = Object.fromEntries(Object.entries(value).map(([p, r]) => [p, r.via.length]));
      expect(paths).toEqual(Object.fromEntries(want.map((p) => [p, p === VIP6 ? 3 : 1])));
    }
  }, 30_000);

  test("the router's filter drops what seed 001's k8s-in rejects, even when a node sends it", async () => {
    const { lab: l } = lab();
    const cp = node(CP[0]).plan.name;
    const leaks = { 6: ["fc00:101::/64", "fd00:101:44::/64"], 4: ["10.244.0.0/24"] };
    // A Cilium-style /128 from the pool: `dst in` (le 128) must accept it.
    const canary = "fd00:101:cafe::1/128";
    const config = (lines: string[]) => l.vtysh(cp, ["configure terminal", ...lines].join("\n"));
    const nets = (af: 4 | 6, ps: string[], no = "") => [
      "router bgp 65101",
      `address-family ipv${af} unicast`,
      ...ps.map((p) => `${no}network ${p}`),
      "exit-address-family",
      "exit",
    ];
    // The pod CIDRs get blackholes to be in the RIB; solcp011's own outbound policy is opened
    // so that only the router's filter stands in the way.
    const setup = [
      "ipv6 route fd00:101:44::/64 blackhole",
      "ip route 10.244.0.0/24 blackhole",
      `ipv6 route ${canary} blackhole`,
      "route-map announce-v6 permit 20",
      "exit",
      "route-map announce-v4 permit 20",
      "exit",
    ];
    config([...setup, ...nets(6, leaks[6]), ...nets(4, leaks[4])]);
    try {
      const sent = (af: 4 | 6) =>
        l.vtyshJson<{ advertisedRoutes?: Record<string, unknown> }>(
          cp,
          `show bgp ipv${af} unicast neighbors fd00:101::fffe advertised-routes`,
        ).advertisedRoutes ?? {};
      await waitFor(
        "the leaks to be sent",
        10_000,
        () => ([4, 6] as const).every((af) => leaks[af].every((p) => p in sent(af))) || undefined,
      );
      // Sent after the leaks on the same session: once it is in, the leaks were judged.
      config(nets(6, [canary]));
      await waitFor("the canary", 10_000, () => route(l, "edge", canary));
      expect(route(l, "edge", canary)).toEqual(bgp([CP[0]]));
      const installed = [...Object.keys(fib(l, "edge", 6)), ...Object.keys(fib(l, "edge", 4))];
      expect(installed.filter((p) => [...leaks[4], ...leaks[6]].includes(p))).toEqual([]);
    } finally {
      config([
        ...nets(6, [...leaks[6], canary], "no "),
        ...nets(4, leaks[4], "no "),
        "no route-map announce-v6 permit 20",
        "no route-map announce-v4 permit 20",
        ...setup.filter((c) => c.includes(" route ")).map((c) => `no ${c}`),
      ]);
    }
    await waitFor("the leak to be withdrawn", 10_000, () => converged(lab()));
  }, 30_000);

  test("bgpd stopped on the VIP's best path: the VIP stays reachable via the other control planes", async () => {
    const { lab: l } = lab();
    const holderLoopback = bestPeer(l, "edge", VIP6);
    const holder = lab().nodes.find((n) => String(n.plan.loopback.ipv6) === holderLoopback);
    if (!holder) throw new Error(`best path for ${VIP6} is from ${holderLoopback}, not a node`);
    const rest = CP.filter((a) => a !== String(holder.plan.address.ipv6));
    const stopped = performance.now();
    await l.stopDaemon(holder.plan.name, "bgpd", "SIGTERM");
    await waitFor("the VIP to move", 5_000, () => {
      const via = vipVia(lab());
      return same(via, { v6: rest, v4: rest }) || undefined;
    });
    const ms = performance.now() - stopped;
    console.log(`VIP failover after bgpd stop on ${holder.plan.name}: ${ms.toFixed(0)} ms`);
    expect(vipVia(lab())).toEqual({ v6: rest, v4: rest });
    expect(tcpAnswers(l, "edge", "fd00:255:101::ac", 179)).toBe(true);

    await l.restartDaemon(holder.plan.name, "bgpd");
    const back = await waitFor("sessions and routes back", 15_000, () => converged(lab()));
    console.log(`${holder.plan.name} back after bgpd restart: ${back.ms.toFixed(0)} ms`);
    expect(established(l, "edge")).toEqual({ ipv4: PEERS, ipv6: PEERS });
  }, 40_000);

  test("a control-plane node cut off the egress VLAN is withdrawn by BFD, before the 9 s hold timer", async () => {
    const { lab: l } = lab();
    const victim = node(CP[1]);
    const rest = CP.filter((a) => a !== CP[1]);
    const { segment, port } = victim.egressPort;
    // BFD comes up a second or two after BGP (slow 1 s transmit until Up); cut only once it is.
    await waitFor(
      "all BFD sessions up",
      10_000,
      () => same(bfdPeersUp(l, "edge"), PEERS) || undefined,
    );
    const cut = performance.now();
    l.setLink(segment, port, false);
    try {
      await waitFor("BFD to withdraw the cut node", 3_000, () => {
        const via = vipVia(lab());
        return same(via, { v6: rest, v4: rest }) || undefined;
      });
      const ms = performance.now() - cut;
      console.log(
        `VIP failover after cutting ${victim.plan.name}'s egress link: ${ms.toFixed(0)} ms`,
      );
      expect(route(l, "edge", "10.255.101.12/32")).toBeUndefined();
    } finally {
      l.setLink(segment, port, true);
    }
    await waitFor("the cut node to come back", 15_000, () => converged(lab()));
  }, 30_000);

  test("cleanup removes every namespace and daemon of the lab", () => {
    const { lab: l } = lab();
    const names = [
      "edge",
      "egress101",
      "mesh101",
      ...LOOPBACKS.map((id) => node(`fd00:101::${id}`).plan.name),
    ];
    expect(l.existing().sort()).toEqual(names.map((n) => l.ns(n)).sort());
    const pids = l.pids();
    // zebra, staticd, bfdd and bgpd on the router; isisd too on each of the six nodes.
    expect(pids.length).toBe(4 + 6 * 5);
    l.destroy();
    expect(listNamespaces().filter((ns) => ns.startsWith(`${l.id}-`))).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
  });
});
