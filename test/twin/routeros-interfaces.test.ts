// The dry run's RouterOS model refuses an `interface` the router does not have, as RouterOS does
// ("input does not match any value of interface"): the router's interfaces are the names of its
// /interface entries in the export (a bridge, a VLAN, a renamed port) and its ports' factory
// names, which an export leaves out while they are unchanged (help.mikrotik.com "Ethernet").
import { parseExport, routerFromExport } from "../../twin/routeros/export";

const EXPORT = [
  "# 2026-12-01 10:00:00 by RouterOS 7.24",
  "/interface bridge",
  "add name=bridge",
  "/interface ethernet",
  "set [ find default-name=ether5 ] name=uplink-isp",
  "/interface vlan",
  "add interface=bridge name=vlan30 vlan-id=30",
  "/interface list",
  "add name=LAN",
  "",
].join("\n");

function router() {
  const r = routerFromExport("edge.rsc", parseExport("edge.rsc", EXPORT), "7.24");
  r.requireInterfaces();
  return r;
}

test("the names it holds: the export's bridge, VLAN and renamed port", () => {
  expect([...router().interfaceNames()].sort()).toEqual([
    "bridge",
    "ether5",
    "uplink-isp",
    "vlan30",
  ]);
});

test.each([
  ["bridge", "/ip/address/add address=192.168.88.1/24 interface=bridge"],
  ["a VLAN of the export", "/ip/address/add address=192.168.30.1/24 interface=vlan30"],
  ["a renamed port", "/ip/address/add address=203.0.113.2/30 interface=uplink-isp"],
  ["a port by its factory name", "/ip/address/add address=10.9.0.1/24 interface=ether2"],
  ["an SFP+ port", "/ipv6/address/add address=fd00:9::1/64 interface=sfp-sfpplus1"],
  [
    "a VLAN the script creates first",
    "/interface/vlan/add name=vlan20 interface=bridge vlan-id=20\n/ip/address/add address=10.20.0.1/24 interface=vlan20",
  ],
  ["a list member", "/interface/list/member/add list=LAN interface=vlan30"],
])("accepted: %s", (_, script) => {
  expect(() => router().run(script)).not.toThrow();
});

test.each([
  [
    "/ip/address/add address=10.20.0.1/24 interface=vlan20",
    "/ip/address: input does not match any value of interface: vlan20",
  ],
  [
    "/interface/list/member/add list=LAN interface=vlan40",
    "/interface/list/member: input does not match any value of interface: vlan40",
  ],
  [
    "/interface/vlan/add name=vlan20 interface=bridge2 vlan-id=20",
    "/interface/vlan: input does not match any value of interface: bridge2",
  ],
  [
    "/ip/address/add address=10.9.0.1/24 interface=ether",
    "/ip/address: input does not match any value of interface: ether",
  ],
])("refused: %s", (script, message) => {
  expect(() => router().run(script)).toThrow(message);
});

test("without requireInterfaces (the twin's own factory model) no interface is checked", () => {
  const r = routerFromExport("edge.rsc", parseExport("edge.rsc", EXPORT), "7.24");
  expect(() => r.run("/ip/address/add address=10.20.0.1/24 interface=vlan20")).not.toThrow();
});
