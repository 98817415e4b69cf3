import { sdnDigest } from "../../components/deploy";
import { Plan } from "../../addressing/plan-types";
import { resolveSite } from "../../site";
import { homelabWith, stackRaw } from "../fixtures/base";

function planOf(raw: Record<string, unknown>): Plan {
  const r = resolveSite(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

test("the SDN digest is stable, and changes with any SDN object", () => {
  const base = sdnDigest(planOf(stackRaw()));
  expect(sdnDigest(planOf(stackRaw()))).toBe(base);
  const changes = [
    homelabWith((c) => (c.tenants[0].vni = 200101)),
    homelabWith((c) => (c.sdn.exitNodes = ["pve03"])),
    homelabWith((c) => (c.fabric = { mtu: { vnet: 8900 } })),
    homelabWith((c) => (c.hostNetwork.underlay = ["eno2"])),
    homelabWith((c) => c.tenants.push({ id: 102, name: "dev" })),
  ];
  const digests = changes.map((raw) => sdnDigest(planOf(raw)));
  expect(new Set([base, ...digests]).size).toBe(changes.length + 1);
});

test("a change outside SDN (a node's role) leaves the digest alone", () => {
  const raw = homelabWith((c) => (c.tenants[0].kubernetes.nodes[4].role = "controlplane"));
  expect(sdnDigest(planOf(raw))).toBe(sdnDigest(planOf(stackRaw())));
});
