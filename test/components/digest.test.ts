import { sdnDigest } from "../../components/deploy";
import { requirePlan } from "../../site";
import { homelabWith, stackRaw } from "../fixtures/base";

test("the SDN digest is stable, and changes with any SDN object", () => {
  const base = sdnDigest(requirePlan(stackRaw()));
  expect(sdnDigest(requirePlan(stackRaw()))).toBe(base);
  const changes = [
    homelabWith((c) => (c.tenants[0].vni = 200101)),
    homelabWith((c) => (c.sdn.exitNodes = ["pve03"])),
    homelabWith((c) => (c.fabric = { mtu: { vnet: 8900 } })),
    homelabWith((c) => (c.hostNetwork.underlay = ["eno2"])),
    homelabWith((c) => c.tenants.push({ id: 102, name: "dev" })),
  ];
  const digests = changes.map((raw) => sdnDigest(requirePlan(raw)));
  expect(new Set([base, ...digests]).size).toBe(changes.length + 1);
});

test("a change outside SDN (a node's role) leaves the digest alone", () => {
  const raw = homelabWith((c) => (c.tenants[0].kubernetes.nodes[4].role = "controlplane"));
  expect(sdnDigest(requirePlan(raw))).toBe(sdnDigest(requirePlan(stackRaw())));
});
