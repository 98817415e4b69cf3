// RouterOS desired state as a projection of the topology: seed 001's edge toward FRR nodes on
// plain Linux (the `sol` stack: loopback sessions, static routes, the seed's k8s-in chain), the
// same edge toward Talos nodes (Cilium speaks from the node address, on-link), dual stack, DNS.
// Then the whole 7.19 script of the `sol` stack, pinned line for line.
import { Address, Prefix } from "../../addressing/ip";
import { RouterOsDesiredState, renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";

const A = Address.from;
const P = Prefix.from;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function stateOf(raw: Record<string, any>, edit: (c: any) => void = () => undefined) {
  const copy = JSON.parse(JSON.stringify(raw));
  edit(copy);
  const { plan, topology } = requireSite(copy);
  return routerOsDesiredState(topology, plan.routers[0], "sol");
}

const nodes = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"];
const id = (node: string): string => node.slice(-2);
const gateway = {
  interface: "vlan101",
  address: A("fd00:101::fffe"),
  network: P("fd00:101::/64"),
  advertise: false,
};

test("seed 001's edge toward FRR nodes: gateway on VLAN 101, loopback routes, eBGP multihop, k8s-in", () => {
  const expected: RouterOsDesiredState = {
    router: "edge",
    stack: "sol",
    version: "7.19",
    // The interface of the router's site address joins LAN; the uplink, ether1, does not.
    lanMembers: ["vlan101"],
    addresses: [gateway],
    // "add dst-address=fd00:255:101::11/128 gateway=fd00:101::11" ... per node.
    routes: nodes.map((n) => ({
      dst: P(`fd00:255:101::${id(n)}/128`),
      gateway: A(`fd00:101::${id(n)}`),
    })),
    bgp: {
      asn: 65000,
      instance: "sol",
      routerId: A("10.255.0.254"),
      // "add name=solcp011 remote.address=fd00:255:101::11 remote.as=65101 local.role=ebgp
      // multihop=yes", then "input.filter=k8s-in"; the session is sourced from the gateway the
      // nodes peer with, and carries IPv6 only (the egress VLAN has no IPv4).
      connections: nodes.map((n) => ({
        name: n,
        remoteAddress: A(`fd00:255:101::${id(n)}`),
        remoteAs: 65101,
        localRole: "ebgp" as const,
        multihop: true,
        localAddress: A("fd00:101::fffe"),
        inputFilter: "k8s-in",
        addressFamilies: ["ipv6" as const],
        // The session's timers, the same object as the node's `timers 3 9` and `bfd profile edge`.
        holdTime: 9,
        keepaliveTime: 3,
        bfd: { minTxMs: 300, minRxMs: 300, multiplier: 3 },
      })),
    },
    filterRules: [
      { chain: "k8s-in", rule: "if (dst in fc00::/8) { reject }" },
      { chain: "k8s-in", rule: "if (dst in fd00:101:cafe::/112) { accept }" },
      { chain: "k8s-in", rule: "if (dst in fd00:255:101::ac/128) { accept }" },
      { chain: "k8s-in", rule: "reject" },
    ],
    dns: [],
    // The router accepts each multihop session (TCP 179) and its BFD (UDP 4784) from the node's
    // loopback, on no particular interface, so that a factory firewall does not drop them.
    firewall: {
      addressLists: [],
      filters: nodes.flatMap((n) =>
        (
          [
            ["tcp", "179", "bgp"],
            ["udp", "4784", "bfd"],
          ] as const
        ).map(([protocol, dstPort, kind]) => ({
          family: 6 as const,
          chain: "input" as const,
          action: "accept" as const,
          srcAddress: A(`fd00:255:101::${id(n)}`),
          protocol,
          dstPort,
          log: false,
          tag: `${kind}=${n}`,
        })),
      ),
    },
    nat: [
      { family: 6, action: "masquerade", outInterface: "ether1", srcAddress: P("fd00:101::/64") },
    ],
  };
  expect(stateOf(stackRaw("sol"))).toEqual(expected);
});

test("a RouterOS router before 7.15 runs no BFD, and its FRR nodes run none toward it", () => {
  const raw = (version: string) => {
    const copy = JSON.parse(JSON.stringify(stackRaw("sol")));
    copy.routers[0].version = version;
    return copy;
  };
  const { topology } = requireSite(raw("7.14"));
  const session = topology.sessions.find((s) => s.id === "edge~solcp011~v6");
  expect(session?.ends.map((e) => e.timers)).toEqual([
    { keepalive: 3, hold: 9 },
    { keepalive: 3, hold: 9, connectRetry: 5 },
  ]);
  const connection = (v: string) =>
    stateOf(raw(v)).bgp?.connections.find((c) => c.name === "solcp011");
  expect(connection("7.14")).toEqual({
    name: "solcp011",
    remoteAddress: A("fd00:255:101::11"),
    remoteAs: 65101,
    localRole: "ebgp",
    multihop: true,
    localAddress: A("fd00:101::fffe"),
    inputFilter: "k8s-in",
    addressFamilies: ["ipv6"],
    holdTime: 9,
    keepaliveTime: 3,
  });
  expect(connection("7.15")?.bfd).toEqual({ minTxMs: 300, minRxMs: 300, multiplier: 3 });
  expect(
    requireSite(raw("7.15")).topology.sessions.find((s) => s.id === "edge~solcp011~v6")?.ends[1]
      .timers,
  ).toEqual({
    keepalive: 3,
    hold: 9,
    connectRetry: 5,
    bfd: { profile: "edge", intervalMs: 300, multiplier: 3 },
  });
});

test("toward Talos nodes the edge peers each node's egress address on-link, no static routes", () => {
  const s = stateOf(seed001Talos);
  expect(s.routes).toEqual([]);
  expect(s.bgp?.connections).toEqual(
    nodes.map((n) => ({
      name: n,
      remoteAddress: A(`fd00:101::${id(n)}`),
      remoteAs: 65101,
      localRole: "ebgp",
      multihop: false,
      localAddress: A("fd00:101::fffe"),
      inputFilter: "k8s-in",
      addressFamilies: ["ipv6"],
    })),
  );
  // Cilium announces LoadBalancer addresses only; the Talos VIP is no BGP route.
  expect(s.filterRules.map((r) => r.rule)).toEqual([
    "if (dst in fc00::/8) { reject }",
    "if (dst in fd00:101:cafe::/112) { accept }",
    "reject",
  ]);
});

test("rejects, the router's AS and router ID, and the filter chain per VLAN come from config", () => {
  const s = stateOf(stackRaw("sol"), (c) => {
    c.routers[0].rejects = ["fc00:100::/24"];
    c.routers[0].asn = 64999;
    c.routers[0].routerId = "10.10.0.254";
    c.routers[0].vlans[0].filterChain = "sol-k8s-in";
  });
  expect({ ...s.bgp, connections: s.bgp?.connections.length }).toEqual({
    asn: 64999,
    instance: "sol",
    routerId: A("10.10.0.254"),
    connections: 6,
  });
  expect(new Set(s.bgp?.connections.map((c) => c.inputFilter))).toEqual(new Set(["sol-k8s-in"]));
  expect(s.filterRules.map((r) => `${r.chain}: ${r.rule}`)).toEqual([
    "sol-k8s-in: if (dst in fc00:100::/24) { reject }",
    "sol-k8s-in: if (dst in fd00:101:cafe::/112) { accept }",
    "sol-k8s-in: if (dst in fd00:255:101::ac/128) { accept }",
    "sol-k8s-in: reject",
  ]);
});

test("a DNS domain names each node's egress address and the VIP where a node holds it", () => {
  const s = stateOf(stackRaw("sol"), (c) => {
    c.routers[0].dnsDomain = "sol.lab";
    c.routers[0].dnsRecords = [{ name: "traefik.lab.local", address: "10.8.31.10" }];
  });
  // The plan also derives an IPv4 VIP (10.255.101.250), but no session carries IPv4: no node
  // holds it, so no A record names it.
  expect(s.dns).toEqual([
    ...nodes.map((n) => ({ name: `${n}.sol.lab`, address: A(`fd00:101::${id(n)}`) })),
    { name: "sol-k8s.sol.lab", address: A("fd00:255:101::ac") },
    { name: "traefik.lab.local", address: A("10.8.31.10") },
  ]);
});

test("a tenant without a cluster gets its gateway and nothing else", () => {
  // The owner's expectations name the cluster and its nodes: they go with it.
  const s = stateOf(stackRaw("sol"), (c) => {
    delete c.tenants[0].kubernetes;
    delete c.expect;
  });
  expect(s).toEqual({
    router: "edge",
    stack: "sol",
    version: "7.19",
    lanMembers: ["vlan101"],
    addresses: [gateway],
    routes: [],
    filterRules: [],
    dns: [],
    nat: [
      { family: 6, action: "masquerade", outInterface: "ether1", srcAddress: P("fd00:101::/64") },
    ],
  });
});

test("a dual-stack Talos cluster peers once per family, each connection named for its family", () => {
  const s = stateOf(seed001Talos, (c) => {
    c.tenants[0].vms = { ipv4: "192.168.101.0/24" };
    const k = c.tenants[0].kubernetes;
    k.loadBalancers.ipv4 = "192.168.27.0/24";
    k.nodes = k.nodes.slice(0, 1);
    k.pods.ipv4 = "10.244.0.0/16";
    k.services.ipv4 = "10.96.0.0/12";
  });
  expect(s.addresses).toEqual([
    { interface: "vlan101", address: A("192.168.101.254"), network: P("192.168.101.0/24") },
    gateway,
  ]);
  expect(
    s.bgp?.connections.map((c) => [
      c.name,
      `${c.remoteAddress}`,
      `${c.localAddress}`,
      c.multihop,
      c.addressFamilies,
    ]),
  ).toEqual([
    ["solcp011-v4", "192.168.101.11", "192.168.101.254", false, ["ip"]],
    ["solcp011-v6", "fd00:101::11", "fd00:101::fffe", false, ["ipv6"]],
  ]);
  expect(s.filterRules.map((r) => r.rule)).toEqual([
    "if (dst in fc00::/8) { reject }",
    "if (dst in 192.168.27.0/24) { accept }",
    "if (dst in fd00:101:cafe::/112) { accept }",
    "reject",
  ]);
});

test("the sol stack's RouterOS 7.19 reconcile script, line for line", () => {
  expect(renderRouterOsScript(stateOf(stackRaw("sol"))))
    .toBe(`# RouterOS 7.19 reconcile script for router edge, stack sol. Generated; do not edit.
# Owns exactly the entries whose comment starts with "managed-by=sol;key=". Pass 1 only checks: an entry
# of the router that clashes with a wanted one stops the script before any change. Pass 2
# removes the entries it added that are no longer desired and releases the adopted ones (the
# owner's comment goes back, the entry stays); pass 3 adopts the router's own entry equal to a
# wanted one on every property we manage (marks it \`;adopted\`, the owner's comment kept after
# \`;was=\`), adds the missing ones (filter rules before the chain's first factory defconf
# drop) and sets properties that differ on the entries it added. Nothing else is removed,
# moved or changed. A second run only finds and compares.
# check: stop before the first change if the router holds an entry that clashes
{
  :local problems ""
  {
    :local present false
    :foreach i in=[/interface/list/find where name="LAN"] do={ :set present true }
    :if ($present) do={
      :foreach i in=[/interface/list/member/find where !(comment~"^managed-by=sol;key=")] do={
        :local why ""
        :if ((([:tostr [/interface/list/member/get $i list]] = "LAN") and ([:tostr [/interface/list/member/get $i interface]] = "vlan101"))) do={ :set why "" }
        :if (((([:tostr [/interface/list/member/get $i list]] = "LAN") and ([:tostr [/interface/list/member/get $i interface]] = "vlan101"))) and ([:tostr [/interface/list/member/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
        :if ($why != "") do={
          :if ($problems != "") do={ :set problems ($problems . "\\n") }
          :set problems ($problems . "conflict /interface/list/member: the router has list=" . [:tostr [/interface/list/member/get $i list]] . " interface=" . [:tostr [/interface/list/member/get $i interface]] . ", the stack wants list=LAN interface=vlan101 (key lan-member:vlan101): " . $why)
        }
      }
    }
  }
  :foreach i in=[/ipv6/address/find where address~"^fd00:101::fffe/" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/address/get $i address]] = "fd00:101::fffe/64") and ([:tostr [/ipv6/address/get $i interface]] = "vlan101"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/address/get $i address]] = "fd00:101::fffe/64") and ([:tostr [/ipv6/address/get $i interface]] = "vlan101"))) and ([:tostr [/ipv6/address/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/address: the router has address=" . [:tostr [/ipv6/address/get $i address]] . " interface=" . [:tostr [/ipv6/address/get $i interface]] . ", the stack wants address=fd00:101::fffe/64 interface=vlan101 (key ipv6-address:fd00:101::fffe): " . $why)
    }
  }
  :foreach i in=[/ipv6/address/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/ipv6/address/get $i address]] = "fd00:101::fffe/64") and ([:tostr [/ipv6/address/get $i interface]] = "vlan101"))) and ([:tostr [/ipv6/address/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/address/get $i advertise]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "advertise=\\"" . [:tostr [/ipv6/address/get $i advertise]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/address: the router has address=" . [:tostr [/ipv6/address/get $i address]] . " interface=" . [:tostr [/ipv6/address/get $i interface]] . ", the stack wants address=fd00:101::fffe/64 interface=vlan101 (key ipv6-address:fd00:101::fffe): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/address/find where comment~"^managed-by=sol;key=ipv6-address:fd00:101::fffe;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/address/get $i advertise]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "advertise=\\"" . [:tostr [/ipv6/address/get $i advertise]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/address: the router has address=" . [:tostr [/ipv6/address/get $i address]] . " interface=" . [:tostr [/ipv6/address/get $i interface]] . ", the stack wants address=fd00:101::fffe/64 interface=vlan101 (key ipv6-address:fd00:101::fffe): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::11/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::11/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::11") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::11/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::11") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::11/128 gateway=fd00:101::11 routing-table=main (key ipv6-route:fd00:255:101::11/128): " . $why)
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::12/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::12/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::12") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::12/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::12") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::12/128 gateway=fd00:101::12 routing-table=main (key ipv6-route:fd00:255:101::12/128): " . $why)
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::13/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::13/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::13") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::13/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::13") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::13/128 gateway=fd00:101::13 routing-table=main (key ipv6-route:fd00:255:101::13/128): " . $why)
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::21/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::21/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::21") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::21/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::21") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::21/128 gateway=fd00:101::21 routing-table=main (key ipv6-route:fd00:255:101::21/128): " . $why)
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::22/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::22/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::22") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::22/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::22") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::22/128 gateway=fd00:101::22 routing-table=main (key ipv6-route:fd00:255:101::22/128): " . $why)
    }
  }
  :foreach i in=[/ipv6/route/find where dst-address="fd00:255:101::23/128" and routing-table="main" and !(comment~"^managed-by=sol;key=")] do={
    :local why "the same destination in the main table through another gateway; remove or change the router's entry, or change the stack"
    :if ((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::23/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::23") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) do={ :set why "" }
    :if (((([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::23/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::23") and ([:tostr [/ipv6/route/get $i routing-table]] = "main"))) and ([:tostr [/ipv6/route/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/route: the router has dst-address=" . [:tostr [/ipv6/route/get $i dst-address]] . " gateway=" . [:tostr [/ipv6/route/get $i gateway]] . " routing-table=" . [:tostr [/ipv6/route/get $i routing-table]] . ", the stack wants dst-address=fd00:255:101::23/128 gateway=fd00:101::23 routing-table=main (key ipv6-route:fd00:255:101::23/128): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fc00::/8) { reject }"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fc00::/8) { reject }"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=k8s-in rule=if (dst in fc00::/8) { reject } (key filter-rule:k8s-in:1): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:101:cafe::/112) { accept }"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:101:cafe::/112) { accept }"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=k8s-in rule=if (dst in fd00:101:cafe::/112) { accept } (key filter-rule:k8s-in:2): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:255:101::ac/128) { accept }"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:255:101::ac/128) { accept }"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=k8s-in rule=if (dst in fd00:255:101::ac/128) { accept } (key filter-rule:k8s-in:3): " . $why)
    }
  }
  :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject"))) do={ :set why "" }
    :if (((([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject"))) and ([:tostr [/routing/filter/rule/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/filter/rule: the router has chain=" . [:tostr [/routing/filter/rule/get $i chain]] . " rule=" . [:tostr [/routing/filter/rule/get $i rule]] . ", the stack wants chain=k8s-in rule=reject (key filter-rule:k8s-in:4): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::11"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::11"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::11 (key bfd-config:fd00:255:101::11): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::11"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::11 (key bfd-config:fd00:255:101::11): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::11;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::11 (key bfd-config:fd00:255:101::11): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::12"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::12"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::12 (key bfd-config:fd00:255:101::12): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::12"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::12 (key bfd-config:fd00:255:101::12): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::12;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::12 (key bfd-config:fd00:255:101::12): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::13"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::13"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::13 (key bfd-config:fd00:255:101::13): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::13"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::13 (key bfd-config:fd00:255:101::13): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::13;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::13 (key bfd-config:fd00:255:101::13): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::21"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::21"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::21 (key bfd-config:fd00:255:101::21): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::21"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::21 (key bfd-config:fd00:255:101::21): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::21;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::21 (key bfd-config:fd00:255:101::21): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::22"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::22"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::22 (key bfd-config:fd00:255:101::22): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::22"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::22 (key bfd-config:fd00:255:101::22): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::22;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::22 (key bfd-config:fd00:255:101::22): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::23"))) do={ :set why "" }
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::23"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::23 (key bfd-config:fd00:255:101::23): " . $why)
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
    :if (((([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::23"))) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::23 (key bfd-config:fd00:255:101::23): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=bfd-config:fd00:255:101::23;adopted"] do={
    :if (true) do={
      :local diff ""
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-rx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-rx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "min-tx=\\"" . [:tostr [/routing/bfd/configuration/get $i min-tx]] . "\\" (the stack wants \\"00:00:00.300\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "multiplier=\\"" . [:tostr [/routing/bfd/configuration/get $i multiplier]] . "\\" (the stack wants \\"3\\")") }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "forbid-bfd=\\"" . [:tostr [/routing/bfd/configuration/get $i forbid-bfd]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bfd/configuration: the router has addresses=" . [:tostr [/routing/bfd/configuration/get $i addresses]] . ", the stack wants addresses=fd00:255:101::23 (key bfd-config:fd00:255:101::23): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp011")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::11")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp011")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::11")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp011 remote.address=fd00:255:101::11 (key bgp-connection:solcp011): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp011")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::11")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::11") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::11\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp011 remote.address=fd00:255:101::11 (key bgp-connection:solcp011): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solcp011;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::11") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::11\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp011 remote.address=fd00:255:101::11 (key bgp-connection:solcp011): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp012")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::12")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp012")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::12")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp012 remote.address=fd00:255:101::12 (key bgp-connection:solcp012): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp012")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::12")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::12") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::12\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp012 remote.address=fd00:255:101::12 (key bgp-connection:solcp012): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solcp012;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::12") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::12\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp012 remote.address=fd00:255:101::12 (key bgp-connection:solcp012): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp013")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::13")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp013")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::13")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp013 remote.address=fd00:255:101::13 (key bgp-connection:solcp013): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp013")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::13")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::13") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::13\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp013 remote.address=fd00:255:101::13 (key bgp-connection:solcp013): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solcp013;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::13") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::13\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solcp013 remote.address=fd00:255:101::13 (key bgp-connection:solcp013): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk021")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::21")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk021")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::21")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk021 remote.address=fd00:255:101::21 (key bgp-connection:solwk021): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk021")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::21")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::21") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::21\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk021 remote.address=fd00:255:101::21 (key bgp-connection:solwk021): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solwk021;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::21") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::21\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk021 remote.address=fd00:255:101::21 (key bgp-connection:solwk021): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk022")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::22")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk022")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::22")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk022 remote.address=fd00:255:101::22 (key bgp-connection:solwk022): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk022")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::22")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::22") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::22\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk022 remote.address=fd00:255:101::22 (key bgp-connection:solwk022): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solwk022;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::22") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::22\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk022 remote.address=fd00:255:101::22 (key bgp-connection:solwk022): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if (!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk023")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::23")))) do={ :set why "" }
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk023")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::23")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk023 remote.address=fd00:255:101::23 (key bgp-connection:solwk023): " . $why)
    }
  }
  :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
    :if ((!(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk023")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::23")))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::23") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::23\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk023 remote.address=fd00:255:101::23 (key bgp-connection:solwk023): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=bgp-connection:solwk023;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "as=\\"" . [:tostr [/routing/bgp/connection/get $i as]] . "\\" (the stack wants \\"65000\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::23") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.address=\\"" . [:tostr [/routing/bgp/connection/get $i remote.address]] . "\\" (the stack wants \\"fd00:255:101::23\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "remote.as=\\"" . [:tostr [/routing/bgp/connection/get $i remote.as]] . "\\" (the stack wants \\"65101\\")") }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "local.role=\\"" . [:tostr [/routing/bgp/connection/get $i local.role]] . "\\" (the stack wants \\"ebgp\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /routing/bgp/connection: the router has name=" . [:tostr [/routing/bgp/connection/get $i name]] . " remote.address=" . [:tostr [/routing/bgp/connection/get $i remote.address]] . ", the stack wants name=solwk023 remote.address=fd00:255:101::23 (key bgp-connection:solwk023): the same entry with other properties: " . $diff . "; the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router's session to another peer or AS; correct them on the router's entry, or rename or remove it")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=tcp dst-port=179 (key fw-filter:001:bgp.solcp011:a9a34ee0): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=tcp dst-port=179 (key fw-filter:001:bgp.solcp011:a9a34ee0): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:001:bgp\\\\.solcp011:a9a34ee0;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=tcp dst-port=179 (key fw-filter:001:bgp.solcp011:a9a34ee0): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=udp dst-port=4784 (key fw-filter:002:bfd.solcp011:c6a22cc0): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=udp dst-port=4784 (key fw-filter:002:bfd.solcp011:c6a22cc0): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:002:bfd\\\\.solcp011:c6a22cc0;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::11 protocol=udp dst-port=4784 (key fw-filter:002:bfd.solcp011:c6a22cc0): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=tcp dst-port=179 (key fw-filter:003:bgp.solcp012:3ff4fe0b): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=tcp dst-port=179 (key fw-filter:003:bgp.solcp012:3ff4fe0b): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:003:bgp\\\\.solcp012:3ff4fe0b;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=tcp dst-port=179 (key fw-filter:003:bgp.solcp012:3ff4fe0b): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=udp dst-port=4784 (key fw-filter:004:bfd.solcp012:798362f5): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=udp dst-port=4784 (key fw-filter:004:bfd.solcp012:798362f5): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:004:bfd\\\\.solcp012:798362f5;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::12 protocol=udp dst-port=4784 (key fw-filter:004:bfd.solcp012:798362f5): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=tcp dst-port=179 (key fw-filter:005:bgp.solcp013:910fb646): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=tcp dst-port=179 (key fw-filter:005:bgp.solcp013:910fb646): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:005:bgp\\\\.solcp013:910fb646;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=tcp dst-port=179 (key fw-filter:005:bgp.solcp013:910fb646): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=udp dst-port=4784 (key fw-filter:006:bfd.solcp013:7b51a01a): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=udp dst-port=4784 (key fw-filter:006:bfd.solcp013:7b51a01a): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:006:bfd\\\\.solcp013:7b51a01a;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::13 protocol=udp dst-port=4784 (key fw-filter:006:bfd.solcp013:7b51a01a): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=tcp dst-port=179 (key fw-filter:007:bgp.solwk021:88a5a61a): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=tcp dst-port=179 (key fw-filter:007:bgp.solwk021:88a5a61a): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:007:bgp\\\\.solwk021:88a5a61a;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=tcp dst-port=179 (key fw-filter:007:bgp.solwk021:88a5a61a): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=udp dst-port=4784 (key fw-filter:008:bfd.solwk021:05f3ee53): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=udp dst-port=4784 (key fw-filter:008:bfd.solwk021:05f3ee53): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:008:bfd\\\\.solwk021:05f3ee53;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::21 protocol=udp dst-port=4784 (key fw-filter:008:bfd.solwk021:05f3ee53): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=tcp dst-port=179 (key fw-filter:009:bgp.solwk022:9945aefe): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=tcp dst-port=179 (key fw-filter:009:bgp.solwk022:9945aefe): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:009:bgp\\\\.solwk022:9945aefe;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=tcp dst-port=179 (key fw-filter:009:bgp.solwk022:9945aefe): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=udp dst-port=4784 (key fw-filter:010:bfd.solwk022:3b006c86): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=udp dst-port=4784 (key fw-filter:010:bfd.solwk022:3b006c86): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:010:bfd\\\\.solwk022:3b006c86;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::22 protocol=udp dst-port=4784 (key fw-filter:010:bfd.solwk022:3b006c86): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=tcp dst-port=179 (key fw-filter:011:bgp.solwk023:a37a613b): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=tcp dst-port=179 (key fw-filter:011:bgp.solwk023:a37a613b): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:011:bgp\\\\.solwk023:a37a613b;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=tcp dst-port=179 (key fw-filter:011:bgp.solwk023:a37a613b): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=udp dst-port=4784 (key fw-filter:012:bfd.solwk023:2f9940ec): " . $why)
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
    :if (((([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = ""))) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=udp dst-port=4784 (key fw-filter:012:bfd.solwk023:2f9940ec): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=fw-filter:012:bfd\\\\.solwk023:2f9940ec;adopted"] do={
    :if (true) do={
      :local diff ""
      :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . "log=\\"" . [:tostr [/ipv6/firewall/filter/get $i log]] . "\\" (the stack wants \\"false\\")") }
      :if ($diff != "") do={
        :if ($problems != "") do={ :set problems ($problems . "\\n") }
        :set problems ($problems . "conflict /ipv6/firewall/filter: the router has chain=" . [:tostr [/ipv6/firewall/filter/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/filter/get $i action]] . " src-address=" . [:tostr [/ipv6/firewall/filter/get $i src-address]] . " protocol=" . [:tostr [/ipv6/firewall/filter/get $i protocol]] . " dst-port=" . [:tostr [/ipv6/firewall/filter/get $i dst-port]] . ", the stack wants chain=input action=accept src-address=fd00:255:101::23 protocol=udp dst-port=4784 (key fw-filter:012:bfd.solwk023:2f9940ec): the same entry with other properties: " . $diff . "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged")
      }
    }
  }
  :foreach i in=[/ipv6/firewall/nat/find where !(comment~"^managed-by=sol;key=")] do={
    :local why ""
    :if ((([:tostr [/ipv6/firewall/nat/get $i chain]] = "srcnat") and ([:tostr [/ipv6/firewall/nat/get $i action]] = "masquerade") and ([:tostr [/ipv6/firewall/nat/get $i out-interface]] = "ether1") and ([:tostr [/ipv6/firewall/nat/get $i src-address]] = "fd00:101::/64") and ([:tostr [/ipv6/firewall/nat/get $i to-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i protocol]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/nat/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i to-ports]] = ""))) do={ :set why "" }
    :if (((([:tostr [/ipv6/firewall/nat/get $i chain]] = "srcnat") and ([:tostr [/ipv6/firewall/nat/get $i action]] = "masquerade") and ([:tostr [/ipv6/firewall/nat/get $i out-interface]] = "ether1") and ([:tostr [/ipv6/firewall/nat/get $i src-address]] = "fd00:101::/64") and ([:tostr [/ipv6/firewall/nat/get $i to-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i protocol]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/nat/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i to-ports]] = ""))) and ([:tostr [/ipv6/firewall/nat/get $i disabled]] = "true")) do={ :set why "the same entry, disabled; enable or remove the router's entry" }
    :if ($why != "") do={
      :if ($problems != "") do={ :set problems ($problems . "\\n") }
      :set problems ($problems . "conflict /ipv6/firewall/nat: the router has chain=" . [:tostr [/ipv6/firewall/nat/get $i chain]] . " action=" . [:tostr [/ipv6/firewall/nat/get $i action]] . " out-interface=" . [:tostr [/ipv6/firewall/nat/get $i out-interface]] . " src-address=" . [:tostr [/ipv6/firewall/nat/get $i src-address]] . ", the stack wants chain=srcnat action=masquerade out-interface=ether1 src-address=fd00:101::/64 (key nat:ether1:fd00:101::/64:masquerade): " . $why)
    }
  }
  :if ($problems != "") do={ :error $problems }
}
# prune /ipv6/firewall/nat
{
  :local keep {"managed-by=sol;key=nat:ether1:fd00:101::/64:masquerade"}
  :foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/ipv6/firewall/nat/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/firewall/nat/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ipv6/firewall/nat/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ipv6/firewall/nat/get $i comment] 0 [:find [/ipv6/firewall/nat/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ipv6/firewall/nat/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ipv6/firewall/nat/set $i comment="" } else={ /ipv6/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ip/firewall/nat
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/nat/get $i comment]); /ip/firewall/nat/remove $i }
:foreach i in=[/ip/firewall/nat/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/nat/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/nat/set $i comment="" } else={ /ip/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ipv6/firewall/filter
{
  :local keep {"managed-by=sol;key=fw-filter:001:bgp.solcp011:a9a34ee0";"managed-by=sol;key=fw-filter:002:bfd.solcp011:c6a22cc0";"managed-by=sol;key=fw-filter:003:bgp.solcp012:3ff4fe0b";"managed-by=sol;key=fw-filter:004:bfd.solcp012:798362f5";"managed-by=sol;key=fw-filter:005:bgp.solcp013:910fb646";"managed-by=sol;key=fw-filter:006:bfd.solcp013:7b51a01a";"managed-by=sol;key=fw-filter:007:bgp.solwk021:88a5a61a";"managed-by=sol;key=fw-filter:008:bfd.solwk021:05f3ee53";"managed-by=sol;key=fw-filter:009:bgp.solwk022:9945aefe";"managed-by=sol;key=fw-filter:010:bfd.solwk022:3b006c86";"managed-by=sol;key=fw-filter:011:bgp.solwk023:a37a613b";"managed-by=sol;key=fw-filter:012:bfd.solwk023:2f9940ec"}
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/ipv6/firewall/filter/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/firewall/filter/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ipv6/firewall/filter/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ipv6/firewall/filter/get $i comment] 0 [:find [/ipv6/firewall/filter/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ipv6/firewall/filter/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ip/firewall/filter
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/filter/get $i comment]); /ip/firewall/filter/remove $i }
:foreach i in=[/ip/firewall/filter/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/filter/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/filter/set $i comment="" } else={ /ip/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ipv6/firewall/address-list
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ipv6/firewall/address-list/get $i comment]); /ipv6/firewall/address-list/remove $i }
:foreach i in=[/ipv6/firewall/address-list/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ipv6/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ipv6/firewall/address-list/set $i comment="" } else={ /ipv6/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/firewall/address-list
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/firewall/address-list/get $i comment]); /ip/firewall/address-list/remove $i }
:foreach i in=[/ip/firewall/address-list/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/firewall/address-list/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/firewall/address-list/set $i comment="" } else={ /ip/firewall/address-list/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ip/dns/static
:foreach i in=[/ip/dns/static/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/dns/static/get $i comment]); /ip/dns/static/remove $i }
:foreach i in=[/ip/dns/static/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/dns/static/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/dns/static/set $i comment="" } else={ /ip/dns/static/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /routing/bgp/connection
{
  :local keep {"managed-by=sol;key=bgp-connection:solcp011";"managed-by=sol;key=bgp-connection:solcp012";"managed-by=sol;key=bgp-connection:solcp013";"managed-by=sol;key=bgp-connection:solwk021";"managed-by=sol;key=bgp-connection:solwk022";"managed-by=sol;key=bgp-connection:solwk023"}
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/bgp/connection/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/bgp/connection/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/bgp/connection/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/bgp/connection/get $i comment] 0 [:find [/routing/bgp/connection/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/bgp/connection/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /routing/bfd/configuration
{
  :local keep {"managed-by=sol;key=bfd-config:fd00:255:101::11";"managed-by=sol;key=bfd-config:fd00:255:101::12";"managed-by=sol;key=bfd-config:fd00:255:101::13";"managed-by=sol;key=bfd-config:fd00:255:101::21";"managed-by=sol;key=bfd-config:fd00:255:101::22";"managed-by=sol;key=bfd-config:fd00:255:101::23"}
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/bfd/configuration/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/bfd/configuration/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/bfd/configuration/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/bfd/configuration/get $i comment] 0 [:find [/routing/bfd/configuration/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/bfd/configuration/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /routing/filter/rule
{
  :local keep {"managed-by=sol;key=filter-rule:k8s-in:1";"managed-by=sol;key=filter-rule:k8s-in:2";"managed-by=sol;key=filter-rule:k8s-in:3";"managed-by=sol;key=filter-rule:k8s-in:4"}
  :foreach i in=[/routing/filter/rule/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/routing/filter/rule/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /routing/filter/rule/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/routing/filter/rule/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/routing/filter/rule/get $i comment] 0 [:find [/routing/filter/rule/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/routing/filter/rule/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ipv6/route
{
  :local keep {"managed-by=sol;key=ipv6-route:fd00:255:101::11/128";"managed-by=sol;key=ipv6-route:fd00:255:101::12/128";"managed-by=sol;key=ipv6-route:fd00:255:101::13/128";"managed-by=sol;key=ipv6-route:fd00:255:101::21/128";"managed-by=sol;key=ipv6-route:fd00:255:101::22/128";"managed-by=sol;key=ipv6-route:fd00:255:101::23/128"}
  :foreach i in=[/ipv6/route/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/ipv6/route/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/route/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ipv6/route/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ipv6/route/get $i comment] 0 [:find [/ipv6/route/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ipv6/route/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ip/route
:foreach i in=[/ip/route/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/route/get $i comment]); /ip/route/remove $i }
:foreach i in=[/ip/route/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/route/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/route/set $i comment="" } else={ /ip/route/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /ipv6/address
{
  :local keep {"managed-by=sol;key=ipv6-address:fd00:101::fffe"}
  :foreach i in=[/ipv6/address/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/ipv6/address/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /ipv6/address/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/ipv6/address/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/ipv6/address/get $i comment] 0 [:find [/ipv6/address/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/ipv6/address/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /ipv6/address/set $i comment="" } else={ /ipv6/address/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# prune /ip/address
:foreach i in=[/ip/address/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :put ("removed " . [/ip/address/get $i comment]); /ip/address/remove $i }
:foreach i in=[/ip/address/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
  :local own [/ip/address/get $i comment]
  :local was [:pick $own [:find $own ";adopted"] [:len $own]]
  :if ($was = ";adopted") do={ /ip/address/set $i comment="" } else={ /ip/address/set $i comment=[:pick $was 13 [:len $was]] }
  :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
}
# prune /interface/list/member
{
  :local keep {"managed-by=sol;key=lan-member:vlan101"}
  :foreach i in=[/interface/list/member/find where comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={
    :local c [/interface/list/member/get $i comment]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={ /interface/list/member/remove $i; :put ("removed " . $c) }
  }
  :foreach i in=[/interface/list/member/find where comment~"^managed-by=sol;key=\\5B^;\\5D*;adopted"] do={
    :local c [:pick [/interface/list/member/get $i comment] 0 [:find [/interface/list/member/get $i comment] ";adopted"]]
    :local wanted false
    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }
    :if (!$wanted) do={
      :local own [/interface/list/member/get $i comment]
      :local was [:pick $own [:find $own ";adopted"] [:len $own]]
      :if ($was = ";adopted") do={ /interface/list/member/set $i comment="" } else={ /interface/list/member/set $i comment=[:pick $was 13 [:len $was]] }
      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])
    }
  }
}
# reconcile /interface/list/member
{
  :local present false
  :foreach i in=[/interface/list/find where name="LAN"] do={ :set present true }
  :if ($present) do={
    {
      :local c "managed-by=sol;key=lan-member:vlan101"
      :local r "^managed-by=sol;key=lan-member:vlan101(\\$|;adopted)"
      :local found false
      :foreach i in=[/interface/list/member/find where comment~$r] do={ :set found true }
      :if (!$found) do={
        :foreach i in=[/interface/list/member/find where !(comment~"^managed-by=")] do={
          :if ((!$found) and (([:tostr [/interface/list/member/get $i list]] = "LAN") and ([:tostr [/interface/list/member/get $i interface]] = "vlan101")) and ([:tostr [/interface/list/member/get $i disabled]] != "true")) do={
            :local own [:tostr [/interface/list/member/get $i comment]]
            :if ($own = "") do={ /interface/list/member/set $i comment=($c . ";adopted") } else={ /interface/list/member/set $i comment=($c . ";adopted;was=" . $own) }
            :put ("adopted " . $c)
            :set found true
          }
        }
      }
      :set found false
      :foreach i in=[/interface/list/member/find where comment~$r] do={
        :if ($found) do={
          :if ([/interface/list/member/get $i comment] = $c) do={ /interface/list/member/remove $i; :put ("removed duplicate " . $c) } else={
            :local own [/interface/list/member/get $i comment]
            :local was [:pick $own [:find $own ";adopted"] [:len $own]]
            :if ($was = ";adopted") do={ /interface/list/member/set $i comment="" } else={ /interface/list/member/set $i comment=[:pick $was 13 [:len $was]] }
            :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
          }
        } else={
          :set found true
          :if ([:tostr [/interface/list/member/get $i list]] != "LAN") do={ /interface/list/member/set $i list=LAN; :put ("set list " . $c) }
          :if ([:tostr [/interface/list/member/get $i interface]] != "vlan101") do={ /interface/list/member/set $i interface=vlan101; :put ("set interface " . $c) }
        }
      }
      :if (!$found) do={ /interface/list/member/add list=LAN interface=vlan101 comment=$c; :put ("added " . $c) }
    }
  }
}
# reconcile /ipv6/address
{
  :local c "managed-by=sol;key=ipv6-address:fd00:101::fffe"
  :local r "^managed-by=sol;key=ipv6-address:fd00:101::fffe(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/address/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/address/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/address/get $i address]] = "fd00:101::fffe/64") and ([:tostr [/ipv6/address/get $i interface]] = "vlan101")) and ([:tostr [/ipv6/address/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/address/get $i comment]]
        :if ($own = "") do={ /ipv6/address/set $i comment=($c . ";adopted") } else={ /ipv6/address/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/address/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/address/get $i comment] = $c) do={ /ipv6/address/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/address/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/address/set $i comment="" } else={ /ipv6/address/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/address/get $i address]] != "fd00:101::fffe/64") do={ /ipv6/address/set $i address=fd00:101::fffe/64; :put ("set address " . $c) }
      :if ([:tostr [/ipv6/address/get $i interface]] != "vlan101") do={ /ipv6/address/set $i interface=vlan101; :put ("set interface " . $c) }
      :if ([:tostr [/ipv6/address/get $i advertise]] != "false") do={ /ipv6/address/set $i advertise=no; :put ("set advertise " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/address/add address=fd00:101::fffe/64 interface=vlan101 advertise=no comment=$c; :put ("added " . $c) }
}
# reconcile /ipv6/route
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::11/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::11/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::11/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::11") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::11/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::11/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::11") do={ /ipv6/route/set $i gateway=fd00:101::11; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::11/128 gateway=fd00:101::11 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::12/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::12/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::12/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::12") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::12/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::12/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::12") do={ /ipv6/route/set $i gateway=fd00:101::12; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::12/128 gateway=fd00:101::12 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::13/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::13/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::13/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::13") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::13/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::13/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::13") do={ /ipv6/route/set $i gateway=fd00:101::13; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::13/128 gateway=fd00:101::13 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::21/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::21/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::21/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::21") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::21/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::21/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::21") do={ /ipv6/route/set $i gateway=fd00:101::21; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::21/128 gateway=fd00:101::21 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::22/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::22/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::22/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::22") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::22/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::22/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::22") do={ /ipv6/route/set $i gateway=fd00:101::22; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::22/128 gateway=fd00:101::22 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=ipv6-route:fd00:255:101::23/128"
  :local r "^managed-by=sol;key=ipv6-route:fd00:255:101::23/128(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/route/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/route/get $i dst-address]] = "fd00:255:101::23/128") and ([:tostr [/ipv6/route/get $i gateway]] = "fd00:101::23") and ([:tostr [/ipv6/route/get $i routing-table]] = "main")) and ([:tostr [/ipv6/route/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/route/get $i comment]]
        :if ($own = "") do={ /ipv6/route/set $i comment=($c . ";adopted") } else={ /ipv6/route/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/route/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/route/get $i comment] = $c) do={ /ipv6/route/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/route/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/route/set $i comment="" } else={ /ipv6/route/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/route/get $i dst-address]] != "fd00:255:101::23/128") do={ /ipv6/route/set $i dst-address=fd00:255:101::23/128; :put ("set dst-address " . $c) }
      :if ([:tostr [/ipv6/route/get $i gateway]] != "fd00:101::23") do={ /ipv6/route/set $i gateway=fd00:101::23; :put ("set gateway " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/route/add dst-address=fd00:255:101::23/128 gateway=fd00:101::23 comment=$c; :put ("added " . $c) }
}
# reconcile /routing/filter/rule
{
  :local nextid ""
  :local hasnext false
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:4"
    :local r "^managed-by=sol;key=filter-rule:k8s-in:4(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "reject")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "reject") do={ /routing/filter/rule/set $i rule="reject"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="reject" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="reject" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:3"
    :local r "^managed-by=sol;key=filter-rule:k8s-in:3(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:255:101::ac/128) { accept }")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fd00:255:101::ac/128) { accept }") do={ /routing/filter/rule/set $i rule="if (dst in fd00:255:101::ac/128) { accept }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:255:101::ac/128) { accept }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:255:101::ac/128) { accept }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:2"
    :local r "^managed-by=sol;key=filter-rule:k8s-in:2(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fd00:101:cafe::/112) { accept }")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fd00:101:cafe::/112) { accept }") do={ /routing/filter/rule/set $i rule="if (dst in fd00:101:cafe::/112) { accept }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:101:cafe::/112) { accept }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fd00:101:cafe::/112) { accept }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=filter-rule:k8s-in:1"
    :local r "^managed-by=sol;key=filter-rule:k8s-in:1(\\$|;adopted)"
    :local found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/routing/filter/rule/find where !(comment~"^managed-by=")] do={
        :if ((!$found) and (([:tostr [/routing/filter/rule/get $i chain]] = "k8s-in") and ([:tostr [/routing/filter/rule/get $i rule]] = "if (dst in fc00::/8) { reject }")) and ([:tostr [/routing/filter/rule/get $i disabled]] != "true")) do={
          :local own [:tostr [/routing/filter/rule/get $i comment]]
          :if ($own = "") do={ /routing/filter/rule/set $i comment=($c . ";adopted") } else={ /routing/filter/rule/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/routing/filter/rule/find where comment~$r] do={
      :if ($found) do={
        :if ([/routing/filter/rule/get $i comment] = $c) do={ /routing/filter/rule/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/routing/filter/rule/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /routing/filter/rule/set $i comment="" } else={ /routing/filter/rule/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/routing/filter/rule/get $i chain]] != "k8s-in") do={ /routing/filter/rule/set $i chain=k8s-in; :put ("set chain " . $c) }
        :if ([:tostr [/routing/filter/rule/get $i rule]] != "if (dst in fc00::/8) { reject }") do={ /routing/filter/rule/set $i rule="if (dst in fc00::/8) { reject }"; :put ("set rule " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fc00::/8) { reject }" comment=$c place-before=$nextid] } else={ :set nextid [/routing/filter/rule/add chain=k8s-in rule="if (dst in fc00::/8) { reject }" comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
}
# reconcile /routing/bfd/configuration
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::11"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::11(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::11")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::11 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::12"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::12(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::12")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::12 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::13"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::13(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::13")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::13 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::21"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::21(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::21")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::21 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::22"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::22(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::22")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::22 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bfd-config:fd00:255:101::23"
  :local r "^managed-by=sol;key=bfd-config:fd00:255:101::23(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bfd/configuration/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/routing/bfd/configuration/get $i addresses]] = "fd00:255:101::23")) and ([:tostr [/routing/bfd/configuration/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bfd/configuration/get $i comment]]
        :if ($own = "") do={ /routing/bfd/configuration/set $i comment=($c . ";adopted") } else={ /routing/bfd/configuration/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bfd/configuration/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bfd/configuration/get $i comment] = $c) do={ /routing/bfd/configuration/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bfd/configuration/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bfd/configuration/set $i comment="" } else={ /routing/bfd/configuration/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if (([:tostr [/routing/bfd/configuration/get $i min-rx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-rx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-rx=300ms; :put ("set min-rx " . $c) }
      :if (([:tostr [/routing/bfd/configuration/get $i min-tx]] != "00:00:00.300") and ([:tostr [/routing/bfd/configuration/get $i min-tx]] != "300ms")) do={ /routing/bfd/configuration/set $i min-tx=300ms; :put ("set min-tx " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i multiplier]] != "3") do={ /routing/bfd/configuration/set $i multiplier=3; :put ("set multiplier " . $c) }
      :if ([:tostr [/routing/bfd/configuration/get $i forbid-bfd]] != "false") do={ /routing/bfd/configuration/set $i forbid-bfd=no; :put ("set forbid-bfd " . $c) }
    }
  }
  :if (!$found) do={ /routing/bfd/configuration/add addresses=fd00:255:101::23 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }
}
# reconcile /routing/bgp/connection
{
  :local c "managed-by=sol;key=bgp-connection:solcp011"
  :local r "^managed-by=sol;key=bgp-connection:solcp011(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp011")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::11"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp011") do={ /routing/bgp/connection/set $i name=solcp011; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::11") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::11; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp011 as=65000 remote.address=fd00:255:101::11 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solcp012"
  :local r "^managed-by=sol;key=bgp-connection:solcp012(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp012")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::12"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp012") do={ /routing/bgp/connection/set $i name=solcp012; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::12") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::12; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp012 as=65000 remote.address=fd00:255:101::12 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solcp013"
  :local r "^managed-by=sol;key=bgp-connection:solcp013(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solcp013")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::13"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solcp013") do={ /routing/bgp/connection/set $i name=solcp013; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::13") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::13; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solcp013 as=65000 remote.address=fd00:255:101::13 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk021"
  :local r "^managed-by=sol;key=bgp-connection:solwk021(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk021")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::21"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk021") do={ /routing/bgp/connection/set $i name=solwk021; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::21") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::21; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk021 as=65000 remote.address=fd00:255:101::21 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk022"
  :local r "^managed-by=sol;key=bgp-connection:solwk022(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk022")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::22"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk022") do={ /routing/bgp/connection/set $i name=solwk022; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::22") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::22; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk022 as=65000 remote.address=fd00:255:101::22 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
{
  :local c "managed-by=sol;key=bgp-connection:solwk023"
  :local r "^managed-by=sol;key=bgp-connection:solwk023(\\$|;adopted)"
  :local found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/routing/bgp/connection/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and !(!(([:tostr [/routing/bgp/connection/get $i name]] = "solwk023")) and !(([:tostr [/routing/bgp/connection/get $i remote.address]] = "fd00:255:101::23"))) and ([:tostr [/routing/bgp/connection/get $i disabled]] != "true")) do={
        :local own [:tostr [/routing/bgp/connection/get $i comment]]
        :if ($own = "") do={ /routing/bgp/connection/set $i comment=($c . ";adopted") } else={ /routing/bgp/connection/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/routing/bgp/connection/find where comment~$r] do={
    :if ($found) do={
      :if ([/routing/bgp/connection/get $i comment] = $c) do={ /routing/bgp/connection/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/routing/bgp/connection/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /routing/bgp/connection/set $i comment="" } else={ /routing/bgp/connection/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/routing/bgp/connection/get $i name]] != "solwk023") do={ /routing/bgp/connection/set $i name=solwk023; :put ("set name " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i as]] != "65000") do={ /routing/bgp/connection/set $i as=65000; :put ("set as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.address]] != "fd00:255:101::23") do={ /routing/bgp/connection/set $i remote.address=fd00:255:101::23; :put ("set remote.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i remote.as]] != "65101") do={ /routing/bgp/connection/set $i remote.as=65101; :put ("set remote.as " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.role]] != "ebgp") do={ /routing/bgp/connection/set $i local.role=ebgp; :put ("set local.role " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i local.address]] != "fd00:101::fffe") do={ /routing/bgp/connection/set $i local.address=fd00:101::fffe; :put ("set local.address " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i multihop]] != "true") do={ /routing/bgp/connection/set $i multihop=yes; :put ("set multihop " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i input.filter]] != "k8s-in") do={ /routing/bgp/connection/set $i input.filter=k8s-in; :put ("set input.filter " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i afi]] != "ipv6") do={ /routing/bgp/connection/set $i afi=ipv6; :put ("set afi " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i use-bfd]] != "true") do={ /routing/bgp/connection/set $i use-bfd=yes; :put ("set use-bfd " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i hold-time]] != "00:00:09") and ([:tostr [/routing/bgp/connection/get $i hold-time]] != "9s")) do={ /routing/bgp/connection/set $i hold-time=9s; :put ("set hold-time " . $c) }
      :if (([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "00:00:03") and ([:tostr [/routing/bgp/connection/get $i keepalive-time]] != "3s")) do={ /routing/bgp/connection/set $i keepalive-time=3s; :put ("set keepalive-time " . $c) }
      :if ([:tostr [/routing/bgp/connection/get $i router-id]] != "10.255.0.254") do={ /routing/bgp/connection/set $i router-id=10.255.0.254; :put ("set router-id " . $c) }
    }
  }
  :if (!$found) do={ /routing/bgp/connection/add name=solwk023 as=65000 remote.address=fd00:255:101::23 remote.as=65101 local.role=ebgp local.address=fd00:101::fffe multihop=yes input.filter=k8s-in afi=ipv6 use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.255.0.254 comment=$c; :put ("added " . $c) }
}
# reconcile /ipv6/firewall/filter
{
  :local nextid ""
  :local hasnext false
  :foreach i in=[/ipv6/firewall/filter/find where chain="input" and action="drop" and comment~"^defconf"] do={
    :if (!$hasnext) do={ :set nextid $i; :set hasnext true }
  }
  :if ($hasnext) do={
    :local below false
    :foreach i in=[/ipv6/firewall/filter/find where chain="input"] do={
      :if ($i = $nextid) do={ :set below true }
      :if ($below) do={ :foreach j in=[/ipv6/firewall/filter/find where chain="input" and comment~"^managed-by=sol;key=\\5B^;\\5D*\\$"] do={ :if ($j = $i) do={ :put ("removed below the defconf drop " . [/ipv6/firewall/filter/get $i comment]); /ipv6/firewall/filter/remove $i } } }
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:012:bfd.solwk023:2f9940ec"
    :local r "^managed-by=sol;key=fw-filter:012:bfd\\\\.solwk023:2f9940ec(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::23") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::23; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::23 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::23 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:011:bgp.solwk023:a37a613b"
    :local r "^managed-by=sol;key=fw-filter:011:bgp\\\\.solwk023:a37a613b(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::23") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::23") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::23; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::23 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::23 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:010:bfd.solwk022:3b006c86"
    :local r "^managed-by=sol;key=fw-filter:010:bfd\\\\.solwk022:3b006c86(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::22") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::22; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::22 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::22 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:009:bgp.solwk022:9945aefe"
    :local r "^managed-by=sol;key=fw-filter:009:bgp\\\\.solwk022:9945aefe(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::22") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::22") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::22; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::22 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::22 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:008:bfd.solwk021:05f3ee53"
    :local r "^managed-by=sol;key=fw-filter:008:bfd\\\\.solwk021:05f3ee53(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::21") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::21; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::21 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::21 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:007:bgp.solwk021:88a5a61a"
    :local r "^managed-by=sol;key=fw-filter:007:bgp\\\\.solwk021:88a5a61a(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::21") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::21") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::21; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::21 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::21 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:006:bfd.solcp013:7b51a01a"
    :local r "^managed-by=sol;key=fw-filter:006:bfd\\\\.solcp013:7b51a01a(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::13") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::13; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::13 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::13 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:005:bgp.solcp013:910fb646"
    :local r "^managed-by=sol;key=fw-filter:005:bgp\\\\.solcp013:910fb646(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::13") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::13") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::13; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::13 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::13 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:004:bfd.solcp012:798362f5"
    :local r "^managed-by=sol;key=fw-filter:004:bfd\\\\.solcp012:798362f5(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::12") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::12; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::12 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::12 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:003:bgp.solcp012:3ff4fe0b"
    :local r "^managed-by=sol;key=fw-filter:003:bgp\\\\.solcp012:3ff4fe0b(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::12") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::12") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::12; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::12 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::12 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:002:bfd.solcp011:c6a22cc0"
    :local r "^managed-by=sol;key=fw-filter:002:bfd\\\\.solcp011:c6a22cc0(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "udp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "4784") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::11") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::11; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "udp") do={ /ipv6/firewall/filter/set $i protocol=udp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "4784") do={ /ipv6/firewall/filter/set $i dst-port="4784"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::11 protocol=udp dst-port="4784" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::11 protocol=udp dst-port="4784" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
  {
    :local c "managed-by=sol;key=fw-filter:001:bgp.solcp011:a9a34ee0"
    :local r "^managed-by=sol;key=fw-filter:001:bgp\\\\.solcp011:a9a34ee0(\\$|;adopted)"
    :local found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={ :set found true }
    :if (!$found) do={
      :foreach i in=[/ipv6/firewall/filter/find where !(comment~"^(managed-by=|defconf)")] do={
        :if ((!$found) and (([:tostr [/ipv6/firewall/filter/get $i chain]] = "input") and ([:tostr [/ipv6/firewall/filter/get $i action]] = "accept") and ([:tostr [/ipv6/firewall/filter/get $i src-address]] = "fd00:255:101::11") and ([:tostr [/ipv6/firewall/filter/get $i protocol]] = "tcp") and ([:tostr [/ipv6/firewall/filter/get $i dst-port]] = "179") and ([:tostr [/ipv6/firewall/filter/get $i connection-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface]] = "") and ([:tostr [/ipv6/firewall/filter/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/filter/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/filter/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i port]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-nat-state]] = "") and ([:tostr [/ipv6/firewall/filter/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/filter/get $i hop-limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i icmp-options]] = "") and ([:tostr [/ipv6/firewall/filter/get $i tcp-flags]] = "") and ([:tostr [/ipv6/firewall/filter/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/filter/get $i limit]] = "") and ([:tostr [/ipv6/firewall/filter/get $i jump-target]] = "")) and ([:tostr [/ipv6/firewall/filter/get $i disabled]] != "true")) do={
          :local own [:tostr [/ipv6/firewall/filter/get $i comment]]
          :if ($own = "") do={ /ipv6/firewall/filter/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/filter/set $i comment=($c . ";adopted;was=" . $own) }
          :put ("adopted " . $c)
          :set found true
        }
      }
    }
    :set found false
    :foreach i in=[/ipv6/firewall/filter/find where comment~$r] do={
      :if ($found) do={
        :if ([/ipv6/firewall/filter/get $i comment] = $c) do={ /ipv6/firewall/filter/remove $i; :put ("removed duplicate " . $c) } else={
          :local own [/ipv6/firewall/filter/get $i comment]
          :local was [:pick $own [:find $own ";adopted"] [:len $own]]
          :if ($was = ";adopted") do={ /ipv6/firewall/filter/set $i comment="" } else={ /ipv6/firewall/filter/set $i comment=[:pick $was 13 [:len $was]] }
          :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
        }
      } else={
        :set found true
        :if ([:tostr [/ipv6/firewall/filter/get $i chain]] != "input") do={ /ipv6/firewall/filter/set $i chain=input; :put ("set chain " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i action]] != "accept") do={ /ipv6/firewall/filter/set $i action=accept; :put ("set action " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i src-address]] != "fd00:255:101::11") do={ /ipv6/firewall/filter/set $i src-address=fd00:255:101::11; :put ("set src-address " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i protocol]] != "tcp") do={ /ipv6/firewall/filter/set $i protocol=tcp; :put ("set protocol " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i dst-port]] != "179") do={ /ipv6/firewall/filter/set $i dst-port="179"; :put ("set dst-port " . $c) }
        :if ([:tostr [/ipv6/firewall/filter/get $i log]] != "false") do={ /ipv6/firewall/filter/set $i log=no; :put ("set log " . $c) }
        :set nextid $i
        :set hasnext true
      }
    }
    :if (!$found) do={
      :if ($hasnext) do={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::11 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ipv6/firewall/filter/add chain=input action=accept src-address=fd00:255:101::11 protocol=tcp dst-port="179" log=no comment=$c] }
      :set hasnext true
      :put ("added " . $c)
    }
  }
}
# reconcile /ipv6/firewall/nat
{
  :local c "managed-by=sol;key=nat:ether1:fd00:101::/64:masquerade"
  :local r "^managed-by=sol;key=nat:ether1:fd00:101::/64:masquerade(\\$|;adopted)"
  :local found false
  :foreach i in=[/ipv6/firewall/nat/find where comment~$r] do={ :set found true }
  :if (!$found) do={
    :foreach i in=[/ipv6/firewall/nat/find where !(comment~"^managed-by=")] do={
      :if ((!$found) and (([:tostr [/ipv6/firewall/nat/get $i chain]] = "srcnat") and ([:tostr [/ipv6/firewall/nat/get $i action]] = "masquerade") and ([:tostr [/ipv6/firewall/nat/get $i out-interface]] = "ether1") and ([:tostr [/ipv6/firewall/nat/get $i src-address]] = "fd00:101::/64") and ([:tostr [/ipv6/firewall/nat/get $i to-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface]] = "") and ([:tostr [/ipv6/firewall/nat/get $i in-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i out-interface-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-address-list]] = "") and ([:tostr [/ipv6/firewall/nat/get $i protocol]] = "") and ([:tostr [/ipv6/firewall/nat/get $i src-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i dst-port]] = "") and ([:tostr [/ipv6/firewall/nat/get $i ipsec-policy]] = "") and ([:tostr [/ipv6/firewall/nat/get $i connection-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i packet-mark]] = "") and ([:tostr [/ipv6/firewall/nat/get $i to-ports]] = "")) and ([:tostr [/ipv6/firewall/nat/get $i disabled]] != "true")) do={
        :local own [:tostr [/ipv6/firewall/nat/get $i comment]]
        :if ($own = "") do={ /ipv6/firewall/nat/set $i comment=($c . ";adopted") } else={ /ipv6/firewall/nat/set $i comment=($c . ";adopted;was=" . $own) }
        :put ("adopted " . $c)
        :set found true
      }
    }
  }
  :set found false
  :foreach i in=[/ipv6/firewall/nat/find where comment~$r] do={
    :if ($found) do={
      :if ([/ipv6/firewall/nat/get $i comment] = $c) do={ /ipv6/firewall/nat/remove $i; :put ("removed duplicate " . $c) } else={
        :local own [/ipv6/firewall/nat/get $i comment]
        :local was [:pick $own [:find $own ";adopted"] [:len $own]]
        :if ($was = ";adopted") do={ /ipv6/firewall/nat/set $i comment="" } else={ /ipv6/firewall/nat/set $i comment=[:pick $was 13 [:len $was]] }
        :put ("released duplicate " . [:pick $own 0 [:find $own ";adopted"]])
      }
    } else={
      :set found true
      :if ([:tostr [/ipv6/firewall/nat/get $i chain]] != "srcnat") do={ /ipv6/firewall/nat/set $i chain=srcnat; :put ("set chain " . $c) }
      :if ([:tostr [/ipv6/firewall/nat/get $i action]] != "masquerade") do={ /ipv6/firewall/nat/set $i action=masquerade; :put ("set action " . $c) }
      :if ([:tostr [/ipv6/firewall/nat/get $i out-interface]] != "ether1") do={ /ipv6/firewall/nat/set $i out-interface=ether1; :put ("set out-interface " . $c) }
      :if ([:tostr [/ipv6/firewall/nat/get $i src-address]] != "fd00:101::/64") do={ /ipv6/firewall/nat/set $i src-address=fd00:101::/64; :put ("set src-address " . $c) }
    }
  }
  :if (!$found) do={ /ipv6/firewall/nat/add chain=srcnat action=masquerade out-interface=ether1 src-address=fd00:101::/64 comment=$c; :put ("added " . $c) }
}
`);
});

test("an address on the uplink interface does not make it a member of LAN", () => {
  const s = stateOf(stackRaw("sol"), (c) => {
    c.routers[0].addresses = [{ interface: "ether1", address: "192.168.1.2/24" }];
  });
  expect(s.addresses.map((a) => a.interface)).toEqual(["vlan101", "ether1"]);
  expect(s.lanMembers).toEqual(["vlan101"]);
});
