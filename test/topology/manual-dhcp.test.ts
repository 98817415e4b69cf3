// A segment's dhcp range is handed out by a DHCP server this stack never configures: one manual
// step per segment with such ranges, on the router holding its gateway (RouterOS gets the
// commands), else on the gateway's owner or what manages it; a segment without one has no step.
import { requireSite } from "../../site";
import { fileRaw, stackRaw } from "../fixtures/base";

const dhcp = (raw: Record<string, unknown>) =>
  requireSite(raw).topology.manualSteps.filter((s) => s.what.includes("by DHCP"));

test("iot-default-deny: the RouterOS edge holding the segment's address serves it, with commands", () => {
  expect(dhcp(fileRaw("examples/iot-default-deny.yaml"))).toEqual([
    {
      device: "edge",
      what: "serve 192.168.70.100-192.168.70.199 by DHCP on vlan70, gateway 192.168.70.1 (/ip/pool/add name=iot-dhcp ranges=192.168.70.100-192.168.70.199; /ip/dhcp-server/add interface=vlan70 address-pool=iot-dhcp; /ip/dhcp-server/network/add address=192.168.70.0/24 gateway=192.168.70.1)",
      why: "segments[0].ranges[0] is a dhcp range of segment iot, and no config this stack renders runs a DHCP server: without one its devices get no address",
    },
  ]);
});

test("ms01 (seed 002): the external UDM-Pro holding the gateway serves the clients range", () => {
  expect(dhcp(stackRaw("ms01"))).toEqual([
    {
      device: "udm-pro",
      what: "serve 10.0.1.101-10.0.1.200 by DHCP on segment default (VLAN 1) on br0, gateway 10.0.1.1",
      why: "segments[0].ranges[2] is a dhcp range of segment default, and no config this stack renders runs a DHCP server: without one its devices get no address",
    },
  ]);
});

test("the range made static: no DHCP step", () => {
  const raw = fileRaw("examples/iot-default-deny.yaml") as {
    segments: { ranges: { kind: string }[] }[];
  };
  raw.segments[0].ranges[0].kind = "static";
  expect(dhcp(raw)).toEqual([]);
});
