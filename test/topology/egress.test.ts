// The way out (topology/egress.ts, issue 18 section 3): the source NAT each router with an uplink
// gets, its RouterOS and nftables projections (checked by `nft -c -f` and the RouterOS model),
// and the refusal of a site whose machines need the internet and have no path to it.
import { Prefix } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import { nftProblems, requireNft } from "../../lab/nft-check";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { natRules, renderNftables } from "../../render/nftables/ruleset";
import { requireSite, resolveSite } from "../../site";
import { egressProblems, netmapTarget, routerEgress } from "../../topology/egress";
import { RouterModel } from "../../twin/routeros/model";
import { talosNodeInputs } from "../../render/talos/inputs";
import { flowText, siteFlows } from "../../topology/flows";
import { join } from "path";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sol = (edit: (r: any) => void = () => undefined) => {
  const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
  edit(raw.routers[0]);
  return raw;
};
const problems = (raw: Record<string, unknown>): string[] => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("sol: NAT66 masquerade of VLAN 101's unique local /64 out of ether1", () => {
  const { topology } = requireSite(sol());
  expect(
    topology.egress?.map((e) => ({ ...e, nat: e.nat.map((n) => ({ ...n, src: `${n.src}` })) })),
  ).toEqual([
    {
      router: "edge",
      interfaces: ["ether1"],
      nat: [{ family: 6, outInterface: "ether1", src: "fd00:101::/64", action: "masquerade" }],
    },
  ]);
});

test("netmap puts tenant 101 on the /64 its ID numbers in the global prefix (101 = 0x65)", () => {
  expect(`${netmapTarget(Prefix.from("3ffe:100::/48"), 101)}`).toBe("3ffe:100:0:65::/64");
  expect(netmapTarget(Prefix.from("3ffe:100::/56"), 256)).toBeUndefined();
  const { plan, topology } = requireSite(
    sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "3ffe:100::/48" })),
  );
  const state = routerOsDesiredState(topology, plan.routers[0], "sol");
  expect(
    state.nat?.map((n) => [
      n.family,
      n.action,
      n.outInterface,
      `${n.srcAddress}`,
      `${n.toAddress}`,
    ]),
  ).toEqual([[6, "netmap", "ether1", "fd00:101::/64", "3ffe:100:0:65::/64"]]);
});

test("arc-hybrid: one nftables masquerade over the four WANs and the seven private VLANs", () => {
  const { topology } = requireSite(stackRaw("arc-hybrid"));
  const nat = topology.egress?.[0].nat ?? [];
  expect(nat).toHaveLength(28);
  expect(natRules(nat)).toEqual([
    'oifname { "wan1", "wan2", "wan3", "wan4" } ip saddr { 10.10.10.0/24, 10.10.20.0/24, 10.10.30.0/24, 10.10.40.0/24, 10.10.50.0/24, 10.10.60.0/24, 10.10.99.0/24 } masquerade comment "homelab:egress"',
  ]);
});

describe("the subnets a router routes to behind its other interfaces are masqueraded too", () => {
  const case34 = () =>
    requireSite(
      fileRaw(join(ROOT, "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml")),
    );

  test("case 34: the EVPN tenant the router reaches via the exit nodes leaves translated", () => {
    const { topology } = case34();
    expect(
      topology.egress?.map((e) => ({ ...e, nat: e.nat.map((n) => ({ ...n, src: `${n.src}` })) })),
    ).toEqual([
      {
        router: "mikrotik",
        interfaces: ["ether1"],
        nat: ["192.168.50.0/24", "192.168.30.0/24", "192.168.40.0/24", "10.60.0.0/24"].map(
          (src) => ({ family: 4, outInterface: "ether1", src, action: "masquerade" }),
        ),
      },
    ]);
  });

  test("case 34 rendered: the RouterOS script adds the tenant's masquerade rule, once", () => {
    const { plan, topology } = case34();
    const state = routerOsDesiredState(topology, plan.routers[0], "case34");
    const r = new RouterModel("7.20");
    const script = renderRouterOsScript(state);
    r.run(script);
    expect(r.rows("/ip/firewall/nat").map((x) => [x["src-address"], x.comment])).toEqual(
      ["192.168.50.0/24", "192.168.30.0/24", "192.168.40.0/24", "10.60.0.0/24"].map((src) => [
        src,
        `managed-by=case34;key=nat:ether1:${src}:masquerade`,
      ]),
    );
    expect(r.rows("/ip/firewall/nat")[3]).toEqual({
      chain: "srcnat",
      action: "masquerade",
      "out-interface": "ether1",
      "src-address": "10.60.0.0/24",
      comment: "managed-by=case34;key=nat:ether1:10.60.0.0/24:masquerade",
    });
    expect(r.run(script).mutations).toEqual([]);
  });

  // arc-hybrid's Linux router with routes of its own: a private network behind a router on
  // vlan30 is masqueraded; a host route and a non-private prefix (198.18.0.0/15) are not.
  const arc = (routes: { to: string; via: string }[]) => {
    const raw = JSON.parse(JSON.stringify(stackRaw("arc-hybrid")));
    raw.routers[0].routes = routes;
    return requireSite(raw);
  };

  test("nftables (arc-hybrid): routers[].routes to a private network behind vlan30 joins the set", () => {
    const { plan, topology } = arc([
      { to: "172.20.0.0/16", via: "10.10.30.5" },
      { to: "10.77.0.9/32", via: "10.10.30.5" },
      { to: "198.18.0.0/15", via: "10.10.30.5" },
    ]);
    const nat = topology.egress?.[0].nat ?? [];
    expect(natRules(nat)).toEqual([
      'oifname { "wan1", "wan2", "wan3", "wan4" } ip saddr { 10.10.10.0/24, 10.10.20.0/24, 10.10.30.0/24, 10.10.40.0/24, 10.10.50.0/24, 10.10.60.0/24, 10.10.99.0/24, 172.20.0.0/16 } masquerade comment "homelab:egress"',
    ]);
    const text = renderNftables(
      undefined,
      undefined,
      { router: plan.routers[0].name, stack: "arc-hybrid" },
      nat,
    );
    requireNft();
    expect(nftProblems(text)).toEqual([]);
  });

  test("nothing joins without such a route: the same NAT as the bundled stack", () => {
    const { topology } = arc([]);
    expect(topology.egress?.[0].nat).toHaveLength(28);
  });
});

describe("nft -c -f", () => {
  beforeAll(() => requireNft());
  const { plan, topology } = requireSite(
    sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "3ffe:100::/48" })),
  );
  const nat = topology.egress?.[0].nat ?? [];
  const text = renderNftables(
    undefined,
    undefined,
    { router: plan.routers[0].name, stack: "sol" },
    nat,
  );

  test("accepts the netmap ruleset, NAT only", () => {
    expect(text.split("\n").filter((l) => l.includes("snat"))).toEqual([
      '\t\toifname "ether1" ip6 saddr fd00:101::/64 snat ip6 prefix to ip6 saddr map { fd00:101::/64 : 3ffe:100:0:65::/64 } comment "homelab:egress"',
    ]);
    expect(nftProblems(text)).toEqual([]);
  });

  test("is not vacuous: an IPv4 target for an IPv6 source is rejected", () => {
    const bad = text.replace("3ffe:100:0:65::/64", "10.0.0.0/24");
    expect(nftProblems(bad)).not.toEqual([]);
  });
});

describe("the RouterOS model runs the NAT entries of each release", () => {
  const { plan, topology } = requireSite(
    sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "3ffe:100::/48" })),
  );
  test.each(["7.18", "7.19", "7.20", "7.24"])(
    "%s: netmap added once, a second run changes nothing",
    (v) => {
      const state = { ...routerOsDesiredState(topology, plan.routers[0], "sol"), version: v };
      const r = new RouterModel(v);
      const script = renderRouterOsScript(state);
      r.run(script);
      expect(r.rows("/ipv6/firewall/nat")).toEqual([
        {
          chain: "srcnat",
          action: "netmap",
          "out-interface": "ether1",
          "src-address": "fd00:101::/64",
          "to-address": "3ffe:100:0:65::/64",
          comment: "managed-by=sol;key=nat:ether1:fd00:101::/64:netmap:3ffe:100:0:65::/64",
        },
      ]);
      expect(r.run(script).mutations).toEqual([]);
    },
  );

  test("the model refuses an action RouterOS does not have", () => {
    const r = new RouterModel("7.19");
    expect(() =>
      r.run(
        "/ipv6/firewall/nat/add chain=srcnat action=nptv6 out-interface=ether1 src-address=fd00::/64",
      ),
    ).toThrow('invalid value for action: "nptv6"');
  });
});

describe("a site that needs the internet and has no way out is refused", () => {
  test("sol without an uplink: the nodes, the resolver, FRR's packages and the key to set", () => {
    expect(problems(sol((r) => delete r.uplink))).toEqual([
      'routers[0].uplink: "": solcp011, solcp012, solcp013 and 3 more need the internet over IPv6 (resolver 2606:4700:4700::1111; packages frr, frr-pythontools, qemu-guest-agent at first boot) through router edge, which has no uplink; set routers[0].uplink: { interfaces: [<WAN interface>], ipv6: { mode: masquerade } } (NAT66), or mode: netmap with a global prefix',
    ]);
  });

  test("an uplink without IPv6 leaves the unique local nodes without a way out", () => {
    expect(problems(sol((r) => delete r.uplink.ipv6))).toEqual([
      'routers[0].uplink.ipv6: "": solcp011, solcp012, solcp013 and 3 more need the internet over IPv6 (resolver 2606:4700:4700::1111; packages frr, frr-pythontools, qemu-guest-agent at first boot) through router edge, whose uplink has no IPv6 way out; set routers[0].uplink.ipv6: { mode: masquerade } (NAT66), or { mode: netmap, prefix: <your global /48> }',
    ]);
  });

  test("mode: routed does not carry unique local sources", () => {
    expect(problems(sol((r) => (r.uplink.ipv6 = { mode: "routed" })))).toEqual([
      'routers[0].uplink.ipv6: "mode: routed": solcp011, solcp012, solcp013 and 3 more need the internet over IPv6 (resolver 2606:4700:4700::1111; packages frr, frr-pythontools, qemu-guest-agent at first boot) through router edge, whose uplink translates none of their unique local addresses; set routers[0].uplink.ipv6: { mode: masquerade } (NAT66), or { mode: netmap, prefix: <your global /48> }',
    ]);
  });

  test("netmap needs a global prefix that numbers the tenant", () => {
    expect(problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap" })))).toContain(
      'routers[0].uplink.ipv6.prefix: "": is required for mode: netmap (the global prefix the unique local /64s map into); give the global prefix your ISP delegates (a /48 or /56), or use mode: masquerade',
    );
    expect(
      problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "fd00:1::/48" }))),
    ).toContain(
      'routers[0].uplink.ipv6.prefix: "fd00:1::/48": is not global unicast (2000::/3): the internet does not route it; give the global prefix your ISP delegates',
    );
    expect(
      problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "3ffe:1:1:100::/58" }))),
    ).toContain(
      'routers[0].uplink.ipv6.prefix: "3ffe:1:1:100::/58": has 64 /64s, too few for tenant 101 (routers[0].vlans[0]): netmap puts a tenant on the /64 its ID numbers; give a /57 or shorter',
    );
  });

  test("a documentation prefix copied from an example is refused, naming its RFC", () => {
    const fix =
      "give the global prefix your ISP delegates (RouterOS: /ipv6/dhcp-client print; Linux: the prefix delegated to the WAN), or use mode: masquerade";
    expect(
      problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "2001:db8:100::/48" }))),
    ).toEqual([
      `routers[0].uplink.ipv6.prefix: "2001:db8:100::/48": lies in 2001:db8::/32, IANA "Documentation" (RFC 3849): a block for documentation and examples, which the internet does not route; ${fix}`,
    ]);
    expect(
      problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "3fff:100::/48" }))),
    ).toEqual([
      `routers[0].uplink.ipv6.prefix: "3fff:100::/48": lies in 3fff::/20, IANA "Documentation" (RFC 9637): a block for documentation and examples, which the internet does not route; ${fix}`,
    ]);
    expect(
      problems(sol((r) => (r.uplink.ipv6 = { mode: "netmap", prefix: "2002:100::/48" }))),
    ).toEqual([
      `routers[0].uplink.ipv6.prefix: "2002:100::/48": lies in 2002::/16, IANA "6to4" (RFC 3056): not public address space; ${fix}`,
    ]);
  });

  test("the uplink is not a tenant VLAN", () => {
    expect(problems(sol((r) => (r.uplink.interfaces = ["vlan101"])))).toContain(
      'routers[0].uplink.interfaces[0]: "vlan101": is routers[0].vlans[0].interface, a tenant VLAN; the uplink is the interface toward the internet; name the WAN interface (RouterOS: ether1 on a factory configuration)',
    );
  });
});

test("an uplink on the interface holding the nodes' network gets a fix that does not loop (M3)", () => {
  const { plan, topology } = requireSite(sol());
  const r = plan.routers[0];
  const held = r.vlans[0].interface;
  expect(held).toBe("vlan101");
  const inside = {
    ...plan,
    routers: [
      { ...r, uplink: { ...r.uplink!, interfaces: ["vlan101"] } },
      ...plan.routers.slice(1),
    ],
  };
  const egress = routerEgress(inside, topology);
  expect(egressProblems(inside, { ...topology, egress }).map(formatProblem)).toEqual([
    "routers[0].uplink.interfaces: \"vlan101\": solcp011, solcp012, solcp013 and 3 more need the internet over IPv6 (resolver 2606:4700:4700::1111; packages frr, frr-pythontools, qemu-guest-agent at first boot) through router edge, whose uplink (vlan101) translates only the networks on the router's other interfaces, and theirs is not one; set routers[0].uplink.interfaces to the interface towards the internet (your ISP's box or modem), not one holding their network, and give their network an address of router edge on another interface",
  ]);
});

describe("past an EVPN anycast gateway the way out goes on at the exit nodes (case 34's tenant IPv6)", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const case34 = (edit: (raw: any) => void = () => undefined) => {
    const raw = JSON.parse(
      JSON.stringify(
        fileRaw(join(ROOT, "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml")),
      ),
    );
    edit(raw);
    return raw;
  };
  const node = (raw: Record<string, unknown>) => {
    const { plan, topology } = requireSite(raw);
    const tenant = plan.tenants.find((t) => t.id === 60);
    if (!tenant) throw new Error("case 34 has tenant 60");
    return talosNodeInputs(topology, plan, tenant)[0];
  };
  const resolverFlows = (raw: Record<string, unknown>) => {
    const { plan, topology } = requireSite(raw);
    return siteFlows(plan, topology)
      .filter((f) => f.from === "apps-cp1" && f.port === 53)
      .map(flowText);
  };
  // An IPv6 hosts' gateway on the router, which then needs an IPv6 way out of its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const v6Gateway = (raw: any) => {
    raw.global.management.ipv6 = "fd4e:2a91:7d50::/64";
    raw.hostNetwork.gateway.ipv6 = "fd4e:2a91:7d50::1";
    raw.routers[0].addresses.push({
      interface: "bridge",
      address: "fd4e:2a91:7d50::1/64",
    });
  };

  test("accepted with a warning naming the tenant, the family and the fix; the IPv6 resolver is not handed out", () => {
    const raw = case34();
    expect(problems(raw)).toEqual([]);
    expect(
      requireSite(raw)
        .plan.warnings.map(formatProblem)
        .filter((w) => w.startsWith("talos.")),
    ).toEqual([
      "talos.nameservers: \"2606:4700:4700::1111\": is not given to apps-cp1, apps-cp2, apps-cp3 and 2 more: their IPv6 leaves by the EVPN anycast gateway fd4e:2a91:7c00:3c00::fffe, and the zone's exit nodes pve-a and pve-b have no IPv6 way out (the hosts have no IPv6 default gateway), so tenant 60 (apps) reaches no IPv6 address outside the site; set hostNetwork.gateway.ipv6 to the management network's IPv6 router (with a way out of that family, e.g. routers[].uplink.ipv6), or drop global.tenantSpace.ipv6 if tenant 60 (apps) needs no IPv6",
    ]);
    expect(node(raw).nameservers.map(String)).toEqual(["1.1.1.1"]);
    expect(resolverFlows(raw)).toEqual([
      "apps-cp1 -> internet (1.1.1.1) udp/53",
      "apps-cp1 -> internet (1.1.1.1) tcp/53",
    ]);
  });

  test("IPv6 resolvers alone: refused, naming the machines, the anycast gateway, the exit nodes and the fix", () => {
    const raw = case34((r) => {
      r.talos = { nameservers: ["2606:4700:4700::1111"] };
      for (const vm of r.vms) vm.nameservers = ["1.1.1.1"];
    });
    expect(problems(raw)).toEqual([
      "hostNetwork.gateway: \"ipv4: 192.168.50.1\": apps-cp1, apps-cp2, apps-cp3 and 2 more need the internet over IPv6 (resolver 2606:4700:4700::1111) through the EVPN anycast gateway fd4e:2a91:7c00:3c00::fffe, and the zone's exit nodes pve-a and pve-b have no IPv6 way out: the hosts have no IPv6 default gateway; set hostNetwork.gateway.ipv6 to the management network's IPv6 router (the exit nodes route the zone out by it), or add an IPv4 resolver to talos.nameservers (e.g. 1.1.1.1)",
    ]);
  });

  test("an IPv6 hosts' gateway on a router whose uplink has no IPv6 way out: refused at the router", () => {
    expect(problems(case34(v6Gateway))).toEqual([
      'routers[0].uplink.ipv6: "": apps-cp1, apps-cp2, apps-cp3 and 4 more need the internet over IPv6 (resolver 2606:4700:4700::1111) through router mikrotik, whose uplink has no IPv6 way out; set routers[0].uplink.ipv6: { mode: masquerade } (NAT66), or { mode: netmap, prefix: <your global /48> }',
    ]);
  });

  test("and with NAT66 on that uplink: accepted, the tenant's /64 masqueraded, the IPv6 resolver handed out", () => {
    const raw = case34((r) => {
      v6Gateway(r);
      r.routers[0].uplink.ipv6 = { mode: "masquerade" };
    });
    expect(problems(raw)).toEqual([]);
    const { plan, topology } = requireSite(raw);
    expect(plan.warnings.map(formatProblem).filter((w) => w.startsWith("talos."))).toEqual([]);
    expect(topology.egress?.[0].nat.filter((n) => n.family === 6).map((n) => `${n.src}`)).toEqual([
      "fd4e:2a91:7d50::/64",
      "fd4e:2a91:7c00:3c00::/64",
    ]);
    expect(node(raw).nameservers.map(String)).toEqual(["1.1.1.1", "2606:4700:4700::1111"]);
    expect(resolverFlows(raw)).toEqual([
      "apps-cp1 -> internet (1.1.1.1) udp/53",
      "apps-cp1 -> internet (1.1.1.1) tcp/53",
      "apps-cp1 -> internet (2606:4700:4700::1111) udp/53",
      "apps-cp1 -> internet (2606:4700:4700::1111) tcp/53",
    ]);
  });
});

// New-user trial 3, finding 8: a netmap maps each tenant's /64 on the router's vlans[] only; the
// management network's IPv6 is no tenant's, and the message said to move the uplink instead.
test("a netmap uplink and a machine outside every tenant: refused naming the netmap; with NAT66, accepted", () => {
  const file = join(ROOT, "test", "fixtures", "invalid", "egress-netmap-not-tenant.yaml");
  const raw = fileRaw(file);
  expect(problems(raw)).toEqual([
    "routers[0].uplink.ipv6: \"mode: netmap\": nas needs the internet over IPv6 (resolver 2606:4700:4700::1111) through router edge, whose uplink's netmap (routers[0].uplink.ipv6) maps only the IPv6 /64 of each tenant on its vlans[] onto 2a01:4f8:1200::/48, and their network is no such tenant's; set routers[0].uplink.ipv6: { mode: masquerade } (NAT66 translates every private IPv6 network of the router), or put their network on a tenant VLAN of router edge",
  ]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const nat66 = JSON.parse(JSON.stringify(raw)) as any;
  nat66.routers[0].uplink.ipv6 = { mode: "masquerade" };
  expect(problems(nat66)).toEqual([]);
});
