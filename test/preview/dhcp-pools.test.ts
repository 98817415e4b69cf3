// The router's DHCP pools and static leases against the plan's addresses (preview/dhcp-pools.ts),
// on small exports: each `ranges=` form RouterOS prints, a disabled server, a lease to the MAC the
// plan gives the machine.
import { Address, AddressRange } from "../../addressing/ip";
import { dhcpPoolWarnings, PlannedAddress } from "../../preview/dhcp-pools";
import { parseExport } from "../../twin/routeros/export";

const one = (a: string, owner: string, mac?: string): PlannedAddress => ({
  range: AddressRange.of(Address.from(a), Address.from(a)),
  owner,
  ...(mac ? { mac } : {}),
});

const exported = (lines: string[]) =>
  parseExport("edge.rsc", ["# 2026-12-07 04:00:00 by RouterOS 7.20.1", ...lines, ""].join("\n"));

test("ranges written as a list, one address and a prefix: the free part of the pool is the largest", () => {
  const e = exported([
    "/ip pool",
    "add name=p ranges=10.0.0.10-10.0.0.20,10.0.0.50,10.0.1.0/28",
    "/ip dhcp-server",
    "add address-pool=p interface=vlan10 name=d",
  ]);
  expect(
    dhcpPoolWarnings("edge.rsc", e, [one("10.0.0.50", "a, vms[0]"), one("10.0.1.3", "b, vms[1]")]),
  ).toEqual([
    'the DHCP server d on vlan10 hands out pool p (10.0.0.10-10.0.0.20,10.0.0.50,10.0.1.0/28) in edge.rsc, which holds addresses the stack gives out: 10.0.0.50 (a, vms[0]), 10.0.1.3 (b, vms[1]); the router may lease one to another device while its machine is off: shrink the pool (/ip/pool/set [find name="p"] ranges=10.0.0.10-10.0.0.20,10.0.1.0-10.0.1.2,10.0.1.4-10.0.1.15) or give those machines addresses outside it',
  ]);
});

test("a disabled server, a pool without server and a lease to the planned MAC: no warning", () => {
  const e = exported([
    "/ip pool",
    "add name=p ranges=10.0.0.10-10.0.0.20",
    "add name=q ranges=10.0.0.30-10.0.0.40",
    "/ip dhcp-server",
    "add address-pool=p disabled=yes interface=vlan10 name=d",
    "/ip dhcp-server lease",
    "add address=10.0.0.35 mac-address=BC:24:11:00:00:01 server=d",
  ]);
  const planned = [
    one("10.0.0.15", "a, vms[0]"),
    one("10.0.0.35", "b, vms[1]", "bc:24:11:00:00:01"),
  ];
  expect(dhcpPoolWarnings("edge.rsc", e, planned)).toEqual([]);
});

test("a pool the plan fills whole: the fix is to move the machines or disable the server", () => {
  const e = exported([
    "/ip pool",
    "add name=p ranges=10.0.0.10-10.0.0.11",
    "/ip dhcp-server",
    "add address-pool=p interface=vlan10 name=d",
  ]);
  const planned: PlannedAddress[] = [
    {
      range: AddressRange.of(Address.from("10.0.0.0"), Address.from("10.0.0.127")),
      owner: "the LoadBalancer pool of k, tenants[0].kubernetes.lbRanges[0]",
    },
  ];
  expect(dhcpPoolWarnings("edge.rsc", e, planned)).toEqual([
    "the DHCP server d on vlan10 hands out pool p (10.0.0.10-10.0.0.11) in edge.rsc, which holds addresses the stack gives out: 10.0.0.0-10.0.0.127 (the LoadBalancer pool of k, tenants[0].kubernetes.lbRanges[0]); the router may lease one to another device while its machine is off: give those machines addresses outside it, or disable the DHCP server d",
  ]);
});
