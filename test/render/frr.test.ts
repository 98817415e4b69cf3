// The FRR renderer on seed 001 (the `sol` stack): exact text for solcp011 and the edge, projected
// from the topology's sessions, and every rendered frr.conf accepted by FRR 8.4 itself (vtysh -C
// plus each daemon's dry run). Without FRR the FRR checks fail with the install hint.
import {
  DAEMONS,
  FRR_MISSING,
  frrConfigProblems,
  requireFrr,
  splitByDaemon,
} from "../../twin/netns/frr-check";
import { isisNet, renderFrr } from "../../render/frr/config";
import { frrDevices, frrInput } from "../../render/frr/inputs";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";
import { EDGE, SOLCP011 } from "./frr-expected";

const raw = stackRaw("sol");
const { topology } = requireSite(raw);
const withFrrEdge = (() => {
  const copy = JSON.parse(JSON.stringify(raw));
  copy.routers[0].os = "frr";
  return requireSite(copy).topology;
})();
const withRouterOs714 = (() => {
  const copy = JSON.parse(JSON.stringify(raw));
  copy.routers[0].version = "7.14";
  return requireSite(copy).topology;
})();
const nodeConf = (name: string) => renderFrr(frrInput(topology, name));

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
  test("FRR runs on the six nodes, and on the edge only when it is os: frr", () => {
    const nodes = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"];
    expect(frrDevices(topology).map((d) => d.name)).toEqual(nodes);
    expect(frrDevices(withFrrEdge).map((d) => d.name)).toEqual([...nodes, "edge"]);
  });

  test("solcp011 toward the RouterOS 7.19 edge: loopbacks and VIP on lo, IPv6 only, BFD on BGP", () => {
    expect(nodeConf("solcp011")).toBe(SOLCP011);
  });

  test("solcp011 toward an FRR edge: the same text", () => {
    expect(renderFrr(frrInput(withFrrEdge, "solcp011"))).toBe(SOLCP011);
  });

  test("solcp011 toward a RouterOS 7.14 edge (no BFD sourced): the same text without BGP BFD", () => {
    const bfd = " neighbor fd00:101::fffe bfd\n neighbor fd00:101::fffe bfd profile edge\n";
    expect(SOLCP011).toContain(bfd);
    expect(renderFrr(frrInput(withRouterOs714, "solcp011"))).toBe(SOLCP011.replace(bfd, ""));
  });

  test("the FRR edge: gateway on vlan101, static routes to the loopbacks, seed 001's filter", () => {
    expect(renderFrr(frrInput(withFrrEdge, "edge"))).toBe(EDGE);
  });

  test("a worker announces the pool, never the VIP, and holds no VIP on lo", () => {
    const conf = nodeConf("solwk021");
    expect(conf.split("\n").filter((l) => l.startsWith("  network "))).toEqual([
      "  network fd00:101:cafe::/112",
    ]);
    expect(conf).not.toContain("fd00:255:101::ac");
  });

  test("the integrated config splits into the per-daemon files of the dry runs", () => {
    const parts = splitByDaemon(nodeConf("solcp011"));
    expect(Object.keys(parts)).toEqual([...DAEMONS]);
    expect(parts.zebra).toBe(
      [
        "hostname solcp011",
        "interface lo",
        " ip address 10.255.101.11/32",
        " ipv6 address fd00:255:101::11/128",
        " ipv6 address fd00:255:101::ac/128",
        "exit",
        "",
      ].join("\n"),
    );
    expect(parts.staticd).toBe("hostname solcp011\nipv6 route fd00:101:cafe::/112 blackhole\n");
    const heads = (t: string) => t.split("\n").filter((l) => /^\S/.test(l) && l !== "exit");
    expect(heads(parts.isisd)).toEqual([
      "hostname solcp011",
      "interface mesh0",
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
    ...frrDevices(topology).map((d) => [d.name, renderFrr(frrInput(topology, d.name))]),
    ["edge (os: frr)", EDGE],
    [
      "edge (standing in for RouterOS)",
      renderFrr(frrInput(topology, "edge", { carriers: ["routeros"] })),
    ],
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
    const bad = EDGE.replace(" neighbor sol-k8s timers 3 9", " neighbor sol-k8s timers 3 99999");
    const problems = frrConfigProblems(bad);
    expect(problems[0]).toMatch(/^vtysh -C exited 2: line \d+: % Unknown command.*timers 3 99999/);
    expect(problems.filter((p) => p.startsWith("bgpd:")).length).toBe(1);
  });
});

describe("missing FRR", () => {
  test("fails with the install hint, never skips", () => {
    expect(() => requireFrr("/nonexistent/frr", "/nonexistent/vtysh")).toThrow(FRR_MISSING);
  });
});

describe("frrInput", () => {
  test("a device that runs no FRR speaker is refused", () => {
    expect(() => frrInput(topology, "pve01")).toThrow(
      "pve01: no FRR speaker with an IPv4 router ID",
    );
  });

  test("a router's rejects decide the first lines of its import filter", () => {
    const copy = JSON.parse(JSON.stringify(raw));
    copy.routers[0].os = "frr";
    copy.routers[0].rejects = ["fc00:100::/24"];
    const t = requireSite(copy).topology;
    expect(renderFrr(frrInput(t, "edge"))).toContain(
      "ipv6 prefix-list sol-k8s-in-v6 seq 5 deny fc00:100::/24 le 128\n",
    );
  });
});
