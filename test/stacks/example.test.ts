// Pulumi.example.yaml, the README's quick start: two hosts, one VLAN, a ULA /48, a three-node Talos
// cluster and a RouterOS edge router. It previews clean, and its inventory shows no EVPN rows.
import { previewStack, summarize, warningLines } from "../../preview/offline";
import { renderInventory } from "../../render/inventory";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const { plan, topology } = requireSite(stackRaw("example"));

test("the tenant's IPv6 is a /56 of the ULA /48, held on VLAN 20 by the edge router", () => {
  const t = plan.tenants[0];
  expect([
    String(t.blocks.tenant.ipv6),
    String(t.vms.ipv4),
    String(t.vms.ipv6),
    String(t.gateway.ipv6),
    t.vlan,
    plan.routers.map((r) => [r.name, r.os, r.vlans.map((v) => v.interface)]),
  ]).toEqual([
    "fd8a:3c5e:1b20:1400::/56",
    "10.20.0.0/24",
    "fd8a:3c5e:1b20:1400::/64",
    "fd8a:3c5e:1b20:1400::fffe",
    20,
    [["edge", "routeros", ["vlan20"]]],
  ]);
  expect(
    t.kubernetes?.nodes.map((n) => [n.name, String(n.address.ipv4), String(n.address.ipv6)]),
  ).toEqual([
    ["lab-cp1", "10.20.0.11", "fd8a:3c5e:1b20:1400::11"],
    ["lab-cp2", "10.20.0.12", "fd8a:3c5e:1b20:1400::12"],
    ["lab-cp3", "10.20.0.13", "fd8a:3c5e:1b20:1400::13"],
  ]);
});

test("a site without EVPN shows no VRF VNI, hosts' ASN or VNet MTU", () => {
  const doc = renderInventory(plan, topology);
  const fabric = doc.slice(doc.indexOf("## Fabric"), doc.indexOf("## Proxmox host interfaces"));
  expect(fabric).toBe(
    [
      "## Fabric",
      "",
      "| Setting        | Value |",
      "| -------------- | ----- |",
      "| Router ASN     | 65000 |",
      "| Management MTU | 1500  |",
      "",
      "",
    ].join("\n"),
  );
  expect(doc).toContain("ASN 65020; no VNet.\n");
});

test("it previews clean with no warning", async () => {
  const result = await previewStack("example");
  expect(result.problems).toEqual([]);
  expect(summarize("example", result, "out/example")).toBe(
    "example: 39 resources (31 custom, 8 components), 2 to import, 29 to create, 2 manual steps (inventory.md), written to out/example",
  );
  expect(warningLines(result)).toEqual([]);
});
