// The FRR renderers on seed 001: exact text for solcp011 and the edge router, and every rendered
// frr.conf accepted by FRR 8.4 itself (vtysh -C plus each daemon's dry run). Without FRR the
// FRR checks fail with the install hint.
import { Prefix } from "../../addressing/ip";
import {
  DAEMONS,
  FRR_MISSING,
  frrConfigProblems,
  requireFrr,
  splitByDaemon,
} from "../../lab/frr-check";
import { EdgeTimers, isisNet, renderNodeFrr, renderRouterFrr } from "../../render/frr/config";
import { EDGE_TIMERS, frrInputs, RouterSpec } from "../../render/frr/inputs";
import { requirePlan } from "../../site";
import { seed001, seed001Edge } from "../fixtures/seed001";
import { SOLCP011, EDGE } from "./frr-expected";

const plan = requirePlan(seed001);
const SPEC: RouterSpec = seed001Edge(plan);
const inputs = frrInputs(plan, SPEC);
const nodeConf = (name: string) => {
  const n = inputs.nodes.find((x) => x.hostname === name);
  if (!n) throw new Error(`no node ${name}`);
  return renderNodeFrr(n);
};

describe("isisNet", () => {
  test.each([
    ["49.0001", 11, "49.0001.0000.0000.0011.00"],
    ["49.0001", 23, "49.0001.0000.0000.0023.00"],
    ["49.0101", 65535, "49.0101.0000.0006.5535.00"],
    ["49", 1, "49.0000.0000.0001.00"],
  ])("area %s, node %d -> %s", (area, id, net) => {
    expect(isisNet(area, id)).toBe(net);
  });

  test.each([
    ["49.1", 1, 'IS-IS area "49.1" is not an area address such as 49.0001'],
    ["49.0001", 1.5, "node ID 1.5 does not fit a 12-digit IS-IS system ID"],
    ["49.0001", 1e12, "node ID 1000000000000 does not fit a 12-digit IS-IS system ID"],
  ])("area %s, node %d is refused", (area, id, message) => {
    expect(() => isisNet(area, id)).toThrow(message);
  });
});

describe("seed 001 frr.conf text", () => {
  test("solcp011 (control plane): IS-IS on eth0, eBGP from lo, VIP and pool in both families", () => {
    expect(nodeConf("solcp011")).toBe(SOLCP011);
  });

  test("the edge router: static routes to the loopbacks, peer-group, seed 001's filter", () => {
    expect(renderRouterFrr(inputs.router)).toBe(EDGE);
  });

  test("a worker announces its loopback and the pool, never the VIP", () => {
    const networks = nodeConf("solwk021")
      .split("\n")
      .filter((l) => l.startsWith("  network "));
    expect(networks).toEqual(["  network 10.255.101.21/32", "  network fd00:101:cafe::/112"]);
  });

  test("without BFD no bfd stanza or bfd neighbor line is rendered", () => {
    const noBfd: EdgeTimers = { bgp: EDGE_TIMERS.bgp, isis: EDGE_TIMERS.isis };
    const bare = frrInputs(plan, SPEC, { timers: noBfd });
    const texts = [renderRouterFrr(bare.router), ...bare.nodes.map(renderNodeFrr)];
    expect(texts.filter((t) => /bfd/.test(t))).toEqual([]);
  });

  test("the integrated config splits into the per-daemon files of the dry runs", () => {
    const parts = splitByDaemon(nodeConf("solcp011"));
    expect(Object.keys(parts)).toEqual([...DAEMONS]);
    expect(parts.zebra).toBe(
      [
        "hostname solcp011",
        "interface eth1",
        " ipv6 nd ra-lifetime 0",
        " ipv6 nd prefix fd00:101::/64 no-autoconfig",
        "exit",
        "",
      ].join("\n"),
    );
    expect(parts.staticd).toBe("hostname solcp011\nipv6 route fd00:101:cafe::/112 blackhole\n");
    const heads = (t: string) => t.split("\n").filter((l) => /^\S/.test(l) && l !== "exit");
    expect(heads(parts.isisd)).toEqual([
      "hostname solcp011",
      "interface eth0",
      "interface lo",
      "router isis sol-k8s",
    ]);
    expect(
      heads(parts.bgpd).filter((l) => !/^(ip |ipv6 )?(prefix-list|route-map) /.test(l)),
    ).toEqual(["hostname solcp011", "bgp route-map delay-timer 0", "router bgp 65101"]);
  });
});

describe("FRR 8.4 accepts every rendered frr.conf", () => {
  beforeAll(() => requireFrr());

  const all = [
    ["edge", renderRouterFrr(inputs.router)],
    ...inputs.nodes.map((n) => [n.hostname, renderNodeFrr(n)]),
  ];
  test.each(all)("%s: vtysh -C and the daemons' dry runs report nothing", (_name, conf) => {
    expect(frrConfigProblems(conf)).toEqual([]);
  });

  test("the check is not vacuous: a bad NET passes vtysh -C but isisd's dry run rejects it", () => {
    const bad = nodeConf("solcp011").replace(" net 49.0001.0000.0000.0011.00", " net 49.0001.0011");
    const problems = frrConfigProblems(bad);
    expect(problems.filter((p) => p.startsWith("vtysh"))).toEqual([]);
    expect(problems.some((p) => p.startsWith("isisd: % Failed to edit configuration."))).toBe(true);
  });

  test("the check is not vacuous: an unknown command fails vtysh -C and bgpd's dry run", () => {
    const bad = EDGE.replace(" timers bgp 3 9", " timers bgp 3 99999");
    const problems = frrConfigProblems(bad);
    expect(problems[0]).toMatch(
      /^vtysh -C exited 2: line \d+: % Unknown command.*timers bgp 3 99999/,
    );
    expect(problems.filter((p) => p.startsWith("bgpd:")).length).toBe(1);
  });
});

describe("missing FRR", () => {
  test("fails with the install hint, never skips", () => {
    expect(() => requireFrr("/nonexistent/frr", "/nonexistent/vtysh")).toThrow(FRR_MISSING);
  });
});

describe("frrInputs errors", () => {
  test("a tenant the plan does not have", () => {
    const spec = { ...SPEC, vlans: [{ tenant: 999, interface: "vlan999" }] };
    expect(() => frrInputs(plan, spec)).toThrow(
      'router "edge" vlans[0]: tenant 999 is not in the plan (tenants: 101)',
    );
  });

  test("a cluster in the router's own AS", () => {
    expect(() => frrInputs(plan, { ...SPEC, asn: 65101 })).toThrow(
      'router "edge" vlans[0]: cluster sol-k8s has the router\'s own ASN 65101',
    );
  });

  test("a node without an IPv4 loopback has no BGP router ID", () => {
    const raw = JSON.parse(JSON.stringify(seed001));
    delete raw.tenants[0].vmLoopbacks;
    expect(() => frrInputs(requirePlan(raw), SPEC)).toThrow(
      "sol-k8s node solcp011: no IPv4 loopback for the BGP router ID; " +
        "give tenants[0].vmLoopbacks an IPv4 prefix",
    );
  });

  test("a rejects override replaces fc00::/8", () => {
    const custom = frrInputs(plan, SPEC, { rejects: [Prefix.from("fc00:100::/24")] });
    expect(renderRouterFrr(custom.router)).toContain(
      "ipv6 prefix-list sol-k8s-in-v6 seq 5 deny fc00:100::/24 le 128\n",
    );
  });
});
