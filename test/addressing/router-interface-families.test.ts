// One address per family on a router interface (new-user trial of issue 17, M9): a dual-stack
// gateway holds its IPv4 and IPv6 address on one VLAN interface. The refused case, two IPv4
// addresses on one interface, is test/fixtures/invalid/router-interface-two-ipv4.yaml.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite, resolveSite } from "../../site";
import { routerVlanInterfaces } from "../../topology/routers";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "routeros", "dual-stack-vlan.yaml");

test("192.168.30.1/24 and fd00:30::1/64 on vlan30: accepted, one VLAN interface holding both", () => {
  const { plan, topology } = requireSite(fileRaw(FIXTURE));
  const edge = plan.routers[0];
  expect(routerVlanInterfaces(topology, edge)).toEqual([
    { name: "vlan20", vlan: 20, trunk: "bridge" },
    { name: "vlan30", vlan: 30, trunk: "bridge" },
    { name: "vlan50", vlan: 50, trunk: "bridge", mtu: 1500 },
  ]);
  const s = routerOsDesiredState(topology, edge, "adopt");
  expect(
    s.addresses
      .filter((a) => a.interface === "vlan30")
      .map((a) => `${a.address}/${a.network.length}`),
  ).toEqual(["192.168.30.1/24", "fd00:30::1/64"]);
  expect(s.lanMembers).toEqual(["vlan20", "vlan30", "vlan50"]);
  const script = renderRouterOsScript(s);
  expect(script).toContain("/ipv6/address/add address=fd00:30::1/64 interface=vlan30");
  expect(script).toContain("/ip/address/add address=192.168.30.1/24 interface=vlan30");
});

test("the same interface in routers[].vlans and routers[].addresses is still refused once", () => {
  const raw = JSON.parse(JSON.stringify(fileRaw(FIXTURE)));
  raw.routers[0].addresses[1].interface = "vlan20";
  const r = resolveSite(raw);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'routers[0].addresses[1].interface: "vlan20": is a duplicate interface on router edge: already used by routers[0].vlans[0].interface; give each its own interface on router edge: change routers[0].addresses[1].interface or routers[0].vlans[0].interface',
  ]);
});
