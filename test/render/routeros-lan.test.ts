// Which interfaces of a RouterOS router join the factory interface list LAN (render/routeros/
// state.ts lanMembership): on a defconf router that list decides who reaches the router itself
// (IPv4 input `defconf: drop all not coming from LAN`, IPv6 input `defconf: drop everything else
// not coming from LAN`). An interface on a zone whose default denies stays out of it; the packets:
// test/twin/routeros-lan-deny.test.ts.
import { readFileSync } from "fs";
import { join } from "path";
import { renderRouterOsScript } from "../../render/routeros";
import { dryRun } from "../../twin/routeros/dryrun";
import { renderInventory } from "../../render/inventory";
import { lanMembership, routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const LAB_OUT = { name: "lab-out", from: "segment:lab", to: "internet", action: "allow" };
// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const site = (file: string, edit: (c: Record<string, any>) => void = () => undefined) => {
  const raw = JSON.parse(JSON.stringify(fileRaw(join(DIR, file))));
  edit(raw);
  return requireSite(raw);
};

test("a zone that allows by default: every interface holding a site address joins LAN", () => {
  const { plan, topology } = site("adopt-site.yaml");
  expect(lanMembership(topology, plan.routers[0])).toEqual({
    members: ["vlan20", "vlan30"],
    keptOut: [],
  });
  expect(routerOsDesiredState(topology, plan.routers[0], "adopt").lanMembers).toEqual([
    "vlan20",
    "vlan30",
  ]);
});

test("the lab zone denies by default: vlan20 stays out of LAN, vlan30 (no zone of the policy) joins", () => {
  const { plan, topology } = site("adopt-site.yaml", (c) => {
    c.policy.zones = [{ zone: "lab", default: "deny" }];
    c.policy.rules.push(LAB_OUT);
  });
  expect(lanMembership(topology, plan.routers[0])).toEqual({
    members: ["vlan30"],
    keptOut: [{ interface: "vlan20", zone: "lab", path: "policy.zones[0]" }],
  });
  expect(routerOsDesiredState(topology, plan.routers[0], "adopt").lanMembers).toEqual(["vlan30"]);
});

test("policy.default deny: vlan20 stays out; vlan30's home VLAN is no zone of the policy, it joins", () => {
  const { plan, topology } = site("adopt-site.yaml", (c) => {
    c.policy.default = "deny";
    c.policy.rules.push(LAB_OUT);
  });
  expect(lanMembership(topology, plan.routers[0])).toEqual({
    members: ["vlan30"],
    keptOut: [{ interface: "vlan20", zone: "lab", path: "policy.default" }],
  });
});

test("the deny-zone-site stack: the lab's rule accepts its forwarded traffic above the factory drops, both families", () => {
  const { plan, topology } = site("deny-zone-site.yaml");
  const s = routerOsDesiredState(topology, plan.routers[0], "example-deny");
  expect(s.lanMembers).toEqual([]);
  expect(s.firewall?.filters.map((f) => `${f.family} ${f.chain} ${f.action} ${f.tag}`)).toEqual([
    "4 forward accept stateful",
    "4 forward drop invalid",
    "4 forward accept intra=lab",
    "4 forward accept rule=lab-out",
    "4 forward drop default=lab",
    "4 input accept bgp=lab-cp1-v4",
    "4 input accept bgp=lab-cp2-v4",
    "4 input accept bgp=lab-cp3-v4",
    "6 forward accept stateful",
    "6 forward drop invalid",
    "6 forward accept intra=lab",
    "6 forward accept rule=lab-out",
    "6 forward drop default=lab",
    "6 input accept bgp=lab-cp1-v6",
    "6 input accept bgp=lab-cp2-v6",
    "6 input accept bgp=lab-cp3-v6",
  ]);
});

test("the inventory says which interfaces join LAN and which stay out, and why", () => {
  const { plan, topology } = site("adopt-site.yaml", (c) => {
    c.policy.zones = [{ zone: "lab", default: "deny" }];
    c.policy.rules.push(LAB_OUT);
  });
  const text = renderInventory(plan, topology);
  expect(text.split("\n").filter((l) => l.startsWith("Interface list `LAN`"))).toEqual([
    "Interface list `LAN` (when the router has it, as a factory configuration does): `vlan30` joins it: the factory firewall lets `LAN` reach the router itself and forwards its IPv6; `vlan20` stays out: zone lab denies by default (policy.zones[0]), so the factory `defconf` drops keep it off the router itself (SSH, Winbox, WebFig, DNS); what the policy allows from it, its rules naming edge and its BGP sessions are accepted above those drops.",
  ]);
});

test("the --routeros-base dry run says vlan20 is kept out of LAN, and does not advise adding it; without the script's header line it would", () => {
  const { plan, topology } = site("adopt-site.yaml", (c) => {
    c.policy.zones = [{ zone: "lab", default: "deny" }];
    c.policy.rules.push(LAB_OUT);
  });
  const script = renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "adopt"));
  expect(script.split("\n").filter((l) => l.startsWith("# kept out of LAN"))).toEqual([
    "# kept out of LAN: vlan20 (zone lab denies by default, policy.zones[0])",
  ]);
  const text = readFileSync(join(DIR, "user-vlans.rsc"), "utf8");
  const r = dryRun(script, "user-vlans.rsc", text);
  if (!r.ok) throw new Error(r.conflicts.join("\n"));
  expect(r.lines.filter((l) => l.includes("/interface/list/member"))).toEqual([
    "adopt /interface/list/member interface=vlan30 list=LAN (key lan-member:vlan30)",
    "keep out /interface/list/member list=LAN interface=vlan20 (zone lab denies by default, policy.zones[0]: the factory drops keep it off the router itself)",
  ]);
  expect(r.warnings).toEqual([]);
  const broken = dryRun(script.replace(/^# kept out of LAN: .*\n/m, ""), "user-vlans.rsc", text);
  if (!broken.ok) throw new Error(broken.conflicts.join("\n"));
  expect(broken.warnings).toEqual([
    'vlan20 is not in the interface list LAN, so "defconf: drop all not coming from LAN" (/ip/firewall/filter) drops what it sends to the router that no rule above it accepts (the stack\'s rules placed above accept only its BGP and BFD sessions and what its policy allows); add it with /interface/list/member/add interface=vlan20 list=LAN',
  ]);
});
