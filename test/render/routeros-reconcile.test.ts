// Idempotence, prune and destroy, proven by running seed 001's scripts against the router model
// on a router that already holds unmanaged entries, another stack's entries, look-alikes, and
// this stack's stale, drifted and duplicated entries.
import {
  RouterOsDesiredState,
  renderRouterOsDestroyScript,
  renderRouterOsScript,
} from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { Mutation, RouterModel } from "../../twin/routeros/model";
import { stackRaw } from "../fixtures/base";

/** The sol stack's edge at a RouterOS version, naming nodes under sol.lab, without a router ID. */
function spec(version: string, extra: { bgpInstance?: string } = {}) {
  const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
  raw.routers[0].version = version;
  raw.routers[0].dnsDomain = "sol.lab";
  const { plan, topology } = requireSite(raw);
  const s = routerOsDesiredState(topology, plan.routers[0], "sol");
  // The router ID is left unmanaged here: these tests are about entries, not the ID.
  const bgp = s.bgp && {
    asn: s.bgp.asn,
    instance: extra.bgpInstance ?? s.bgp.instance,
    connections: s.bgp.connections,
  };
  return { plan, state: { ...s, router: "rb5009", ...(bgp ? { bgp } : {}) } };
}
const plan = spec("7.19").plan;

const sol = (key: string): string => `managed-by=sol;key=${key}`;
const added = (menu: string, key: string): Mutation => ({ op: "add", menu, comment: sol(key) });
const removed = (menu: string, key: string): Mutation => ({
  op: "remove",
  menu,
  comment: sol(key),
});
const set = (menu: string, key: string, prop: string): Mutation => ({
  op: "set",
  menu,
  comment: sol(key),
  prop,
});

const R6 = "/ipv6/route";
const BGP = "/routing/bgp/connection";
const RULE = "/routing/filter/rule";
const BFD = "/routing/bfd/configuration";
const DNS = "/ip/dns/static";

const route = (dst: string, gateway: string, comment?: string): Record<string, string> =>
  comment === undefined
    ? { "dst-address": dst, gateway }
    : { "dst-address": dst, gateway, comment };

// What must survive every run, in router order.
const foreignRoutes = [
  route("::/0", "fd00:10::1"),
  route("fd00:255:101::96/128", "fd00:101::96", "owner route: lab test box"),
  route(
    "fd00:255:101::12/128",
    "fd00:101::12",
    "managed-by=lab;key=ipv6-route:fd00:255:101::12/128",
  ),
  route(
    "fd00:255:201::1/128",
    "fd00:101::99",
    "managed-by=sol2;key=ipv6-route:fd00:255:201::1/128",
  ),
  route("fd00:255:101::97/128", "fd00:101::97", "note: managed-by=sol;key=ipv6-route:x"),
];
const isp = {
  name: "isp",
  as: "65000",
  "remote.address": "2001:db8::1",
  "remote.as": "64496",
  "local.role": "ebgp",
};
const foreignRules: Record<string, string>[] = [
  { chain: "isp-in", rule: "accept" },
  { chain: "lab-in", rule: "reject", comment: "managed-by=lab;key=filter-rule:lab-in:1" },
];
const pve01 = { name: "pve01.lab.local", type: "A", address: "10.10.0.1" };

function router(version = "7.19"): RouterModel {
  return new RouterModel(version, {
    [R6]: [
      ...foreignRoutes,
      route("fd00:255:101::98/128", "fd00:101::98", sol("ipv6-route:fd00:255:101::98/128")),
      route("fd00:255:101::13/128", "fd00:101::99", sol("ipv6-route:fd00:255:101::13/128")),
      route("fd00:255:101::21/128", "fd00:101::21", sol("ipv6-route:fd00:255:101::21/128")),
      route("fd00:255:101::21/128", "fd00:101::21", sol("ipv6-route:fd00:255:101::21/128")),
    ],
    [BGP]: [
      isp,
      {
        name: "solcp012",
        as: "65000",
        "remote.address": "fd00:255:101::12",
        "remote.as": "65999",
        "local.role": "ebgp",
        "local.address": "fd00:101::fffe",
        multihop: "no",
        "input.filter": "k8s-in",
        afi: "ipv6",
        comment: sol("bgp-connection:solcp012"),
      },
    ],
    [RULE]: [
      foreignRules[0],
      {
        chain: "k8s-in",
        rule: "if (dst in fd00:101:cafe::/112) { accept }",
        comment: sol("filter-rule:k8s-in:2"),
      },
      foreignRules[1],
    ],
    [DNS]: [pve01],
  });
}

const nodes = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"];
const SESSION_RULES = [
  "001:bgp.solcp011:a9a34ee0",
  "002:bfd.solcp011:c6a22cc0",
  "003:bgp.solcp012:3ff4fe0b",
  "004:bfd.solcp012:798362f5",
  "005:bgp.solcp013:910fb646",
  "006:bfd.solcp013:7b51a01a",
  "007:bgp.solwk021:88a5a61a",
  "008:bfd.solwk021:05f3ee53",
  "009:bgp.solwk022:9945aefe",
  "010:bfd.solwk022:3b006c86",
  "011:bgp.solwk023:a37a613b",
  "012:bfd.solwk023:2f9940ec",
];
const nodeIp = (n: string, prefix: string) => `${prefix}${n.slice(-2)}`;

test("the first run removes stale entries, corrects drift, drops copies and adds the rest", () => {
  const r = router();
  const { mutations, output } = r.run(renderRouterOsScript(spec("7.19").state));
  expect(mutations).toEqual([
    removed(R6, "ipv6-route:fd00:255:101::98/128"),
    added("/ipv6/address", "ipv6-address:fd00:101::fffe"),
    added(R6, "ipv6-route:fd00:255:101::11/128"),
    added(R6, "ipv6-route:fd00:255:101::12/128"),
    set(R6, "ipv6-route:fd00:255:101::13/128", "gateway"),
    removed(R6, "ipv6-route:fd00:255:101::21/128"),
    added(R6, "ipv6-route:fd00:255:101::22/128"),
    added(R6, "ipv6-route:fd00:255:101::23/128"),
    added(RULE, "filter-rule:k8s-in:4"),
    added(RULE, "filter-rule:k8s-in:3"),
    added(RULE, "filter-rule:k8s-in:1"),
    ...nodes.map((n) => added(BFD, `bfd-config:${nodeIp(n, "fd00:255:101::")}`)),
    added(BGP, "bgp-connection:solcp011"),
    set(BGP, "bgp-connection:solcp012", "remote.as"),
    set(BGP, "bgp-connection:solcp012", "multihop"),
    set(BGP, "bgp-connection:solcp012", "use-bfd"),
    set(BGP, "bgp-connection:solcp012", "hold-time"),
    set(BGP, "bgp-connection:solcp012", "keepalive-time"),
    ...nodes.slice(2).map((n) => added(BGP, `bgp-connection:${n}`)),
    ...nodes.map((n) => added(DNS, `dns:${n}.sol.lab/${nodeIp(n, "fd00:101::")}`)),
    added(DNS, "dns:sol-k8s.sol.lab/fd00:255:101::ac"),
    // The router's input accepts of the sessions (TCP 179) and their BFD (UDP 4784), last first.
    ...SESSION_RULES.map((k) => added("/ipv6/firewall/filter", `fw-filter:${k}`)).reverse(),
    added("/ipv6/firewall/nat", "nat:ether1:fd00:101::/64:masquerade"),
  ]);
  expect(output.slice(0, 6)).toEqual([
    `removed ${sol("ipv6-route:fd00:255:101::98/128")}`,
    `added ${sol("ipv6-address:fd00:101::fffe")}`,
    `added ${sol("ipv6-route:fd00:255:101::11/128")}`,
    `added ${sol("ipv6-route:fd00:255:101::12/128")}`,
    `set gateway ${sol("ipv6-route:fd00:255:101::13/128")}`,
    `removed duplicate ${sol("ipv6-route:fd00:255:101::21/128")}`,
  ]);

  expect(r.rows(R6)).toEqual([
    ...foreignRoutes,
    route("fd00:255:101::13/128", "fd00:101::13", sol("ipv6-route:fd00:255:101::13/128")),
    route("fd00:255:101::21/128", "fd00:101::21", sol("ipv6-route:fd00:255:101::21/128")),
    ...["11", "12", "22", "23"].map((x) =>
      route(`fd00:255:101::${x}/128`, `fd00:101::${x}`, sol(`ipv6-route:fd00:255:101::${x}/128`)),
    ),
  ]);
  // Rules missing around the surviving rule 2 are placed around it, so the chain reads 1-4.
  expect(r.rows(RULE)).toEqual([
    foreignRules[0],
    {
      chain: "k8s-in",
      rule: "if (dst in fc00::/8) { reject }",
      comment: sol("filter-rule:k8s-in:1"),
    },
    {
      chain: "k8s-in",
      rule: "if (dst in fd00:101:cafe::/112) { accept }",
      comment: sol("filter-rule:k8s-in:2"),
    },
    foreignRules[1],
    {
      chain: "k8s-in",
      rule: "if (dst in fd00:255:101::ac/128) { accept }",
      comment: sol("filter-rule:k8s-in:3"),
    },
    { chain: "k8s-in", rule: "reject", comment: sol("filter-rule:k8s-in:4") },
  ]);
  expect(r.rows(BGP)[0]).toEqual(isp);
  expect(r.rows(BGP)[1]).toEqual({
    name: "solcp012",
    as: "65000",
    "remote.address": "fd00:255:101::12",
    "remote.as": "65101",
    "local.role": "ebgp",
    "local.address": "fd00:101::fffe",
    multihop: "true",
    "input.filter": "k8s-in",
    afi: "ipv6",
    comment: sol("bgp-connection:solcp012"),
    "use-bfd": "true",
    "hold-time": "00:00:09",
    "keepalive-time": "00:00:03",
  });
  expect(r.rows(BFD)[0]).toEqual({
    addresses: "fd00:255:101::11",
    "min-rx": "00:00:00.300",
    "min-tx": "00:00:00.300",
    multiplier: "3",
    "forbid-bfd": "false",
    comment: sol("bfd-config:fd00:255:101::11"),
  });
  expect(r.rows(DNS)[0]).toEqual(pve01);
});

test("the second run only finds and compares", () => {
  const r = router();
  const script = renderRouterOsScript(spec("7.19").state);
  r.run(script);
  const before = [R6, BGP, BFD, RULE, DNS, "/ipv6/address"].map((m) => r.rows(m));
  expect(r.run(script)).toEqual({ mutations: [], output: [] });
  expect([R6, BGP, BFD, RULE, DNS, "/ipv6/address"].map((m) => r.rows(m))).toEqual(before);
});

function withoutNode(s: RouterOsDesiredState, node: string): RouterOsDesiredState {
  const loopback = plan.tenants[0].kubernetes!.nodes.find((n) => n.name === node)!.loopback.ipv6!;
  return {
    ...s,
    routes: s.routes.filter((r) => !r.dst.equals(loopback.toPrefix())),
    bgp: { ...s.bgp!, connections: s.bgp!.connections.filter((c) => c.name !== node) },
    dns: s.dns.filter((d) => !d.name.startsWith(`${node}.`)),
  };
}

test("a node that leaves the desired state is pruned, and nothing else changes", () => {
  const r = router();
  const desired = spec("7.19").state;
  r.run(renderRouterOsScript(desired));
  expect(r.run(renderRouterOsScript(withoutNode(desired, "solwk023")))).toEqual({
    mutations: [
      removed(DNS, "dns:solwk023.sol.lab/fd00:101::23"),
      removed(BGP, "bgp-connection:solwk023"),
      removed(BFD, "bfd-config:fd00:255:101::23"),
      removed(R6, "ipv6-route:fd00:255:101::23/128"),
    ],
    output: [
      `removed ${sol("dns:solwk023.sol.lab/fd00:101::23")}`,
      `removed ${sol("bgp-connection:solwk023")}`,
      `removed ${sol("bfd-config:fd00:255:101::23")}`,
      `removed ${sol("ipv6-route:fd00:255:101::23/128")}`,
    ],
  });
  expect(r.rows(BGP).map((c) => c.name)).toEqual([
    "isp",
    "solcp012",
    "solcp011",
    "solcp013",
    "solwk021",
    "solwk022",
  ]);
});

test("a connection that loses BFD is set to use-bfd=no and its entry pruned; drifted timers are set back", () => {
  const r = router();
  const desired = spec("7.19").state;
  r.run(renderRouterOsScript(desired));
  r.run(
    `:foreach i in=[${BFD}/find where comment="${sol("bfd-config:fd00:255:101::12")}"] do={ ${BFD}/set $i min-rx=1s multiplier=5 }`,
  );
  expect(r.run(renderRouterOsScript(desired)).mutations).toEqual([
    set(BFD, "bfd-config:fd00:255:101::12", "min-rx"),
    set(BFD, "bfd-config:fd00:255:101::12", "multiplier"),
  ]);
  const withoutBfd: RouterOsDesiredState = {
    ...desired,
    bgp: {
      ...desired.bgp!,
      connections: desired.bgp!.connections.map((c) =>
        c.name === "solcp013" ? { ...c, bfd: undefined } : c,
      ),
    },
  };
  expect(r.run(renderRouterOsScript(withoutBfd)).mutations).toEqual([
    removed(BFD, "bfd-config:fd00:255:101::13"),
    set(BGP, "bgp-connection:solcp013", "use-bfd"),
  ]);
  expect(r.rows(BGP).find((c) => c.name === "solcp013")?.["use-bfd"]).toBe("false");
});

test("RouterOS 7.14: no BFD menu and no use-bfd, which the model of 7.14 does not know", () => {
  const desired = spec("7.14").state;
  expect(desired.bgp!.connections[0].bfd).toBeUndefined();
  const script = renderRouterOsScript(desired);
  expect(script).not.toContain("bfd");
  const r = new RouterModel("7.14");
  r.run(script);
  expect(r.rows(BGP)[0]["hold-time"]).toBe("00:00:09");
  expect(() => r.run(`${BFD}/add addresses=fd00::1`)).toThrow(`bad command name: no menu ${BFD}`);
});

test("a rule deleted by hand comes back at its place in the chain", () => {
  const r = new RouterModel("7.19");
  const script = renderRouterOsScript(spec("7.19").state);
  r.run(script);
  r.run(
    `:foreach i in=[${RULE}/find where comment="${sol("filter-rule:k8s-in:2")}"] do={ ${RULE}/remove $i }`,
  );
  expect(r.run(script).mutations).toEqual([added(RULE, "filter-rule:k8s-in:2")]);
  expect(r.rows(RULE).map((x) => x.comment)).toEqual(
    [1, 2, 3, 4].map((n) => sol(`filter-rule:k8s-in:${n}`)),
  );
});

test("destroy removes exactly this stack's entries, and a second destroy finds nothing", () => {
  const r = router();
  const desired = spec("7.19").state;
  r.run(renderRouterOsScript(desired));
  const destroy = renderRouterOsDestroyScript(desired);
  const { mutations } = r.run(destroy);
  expect(
    mutations.every((m) => m.op === "remove" && m.comment.startsWith("managed-by=sol;key=")),
  ).toBe(true);
  // ... and the NAT66 entry of the uplink.
  expect(mutations).toHaveLength(7 + 6 + 6 + 4 + 6 + 1 + 12 + 1);
  expect(r.rows(R6)).toEqual(foreignRoutes);
  expect(r.rows(BGP)).toEqual([isp]);
  expect(r.rows(RULE)).toEqual(foreignRules);
  expect(r.rows(BFD)).toEqual([]);
  expect(r.rows(DNS)).toEqual([pve01]);
  expect(r.rows("/ipv6/address")).toEqual([]);
  expect(r.run(destroy)).toEqual({ mutations: [], output: [] });
});

describe("RouterOS 7.20: the stack's BGP instance", () => {
  test("a renamed instance is set in place, then its connections follow", () => {
    const r = new RouterModel("7.20");
    r.run(renderRouterOsScript(spec("7.20").state));
    expect(r.rows("/routing/bgp/instance")).toEqual([
      { name: "sol", as: "65000", comment: sol("bgp-instance") },
    ]);
    const renamed = renderRouterOsScript(spec("7.20", { bgpInstance: "sol-bgp" }).state);
    expect(r.run(renamed).mutations).toEqual([
      set("/routing/bgp/instance", "bgp-instance", "name"),
      ...nodes.map((n) => set(BGP, `bgp-connection:${n}`, "instance")),
    ]);
    expect(r.run(renamed)).toEqual({ mutations: [], output: [] });
  });

  test("dropping BGP removes the connections before the instance they use", () => {
    const r = new RouterModel("7.20");
    const desired = spec("7.20").state;
    r.run(renderRouterOsScript(desired));
    const withoutBgp: RouterOsDesiredState = { ...desired, bgp: undefined };
    expect(r.run(renderRouterOsScript({ ...withoutBgp, filterRules: [] })).mutations).toEqual([
      ...nodes.map((n) => removed(BGP, `bgp-connection:${n}`)),
      ...nodes.map((n) => removed(BFD, `bfd-config:${nodeIp(n, "fd00:255:101::")}`)),
      removed("/routing/bgp/instance", "bgp-instance"),
      ...[1, 2, 3, 4].map((n) => removed(RULE, `filter-rule:k8s-in:${n}`)),
    ]);
  });

  test("destroy succeeds although the instance is in use until its connections are gone", () => {
    const r = new RouterModel("7.20");
    const desired = spec("7.20").state;
    r.run(renderRouterOsScript(desired));
    r.run(renderRouterOsDestroyScript(desired));
    expect(["/routing/bgp/instance", BGP, BFD, RULE, R6, DNS].map((m) => r.rows(m))).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});
