// The inventory shows only what the site builds (issue 20, friction 7): no ASN or prefix filter on
// a router that speaks no BGP or gets no config of ours, no physical MTU or OpenFabric underlay
// without the EVPN zone whose VXLAN underlay they describe.
import { renderInventory } from "../../render/inventory";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inventory = (stack: string, edit: (raw: any) => void = () => {}): string => {
  const raw = JSON.parse(JSON.stringify(stackRaw(stack)));
  edit(raw);
  const { plan, topology } = requireSite(raw);
  return renderInventory(plan, topology);
};
const lines = (text: string, re: RegExp) => text.split("\n").filter((l) => re.test(l));
const FABRIC = /^## Fabric|Router ASN|Physical MTU|VNet MTU|### Underlay fabric/;

describe("the inventory shows only what is built", () => {
  test("an external router gets no prefix filter of ours; its ASN stays where nodes peer with it", () => {
    const ext = inventory("sol", (r) => (r.routers[0].os = "external"));
    expect(lines(ext, /^\| edge +\| external/)).toEqual([
      "| edge   | external (not configured here) | -       | 65000 | 10.255.0.254 | root@\\[fd00:10::fffe\\]:22 | -              |",
    ]);
  });

  test("a Linux router without BGP sessions shows no ASN and no filter (seed 003)", () => {
    expect(lines(inventory("arc-hybrid"), /^\| router-server +\| Linux/)).toEqual([
      "| router-server | Linux (FRR, nftables) | -       | -   | 10.10.60.1 | root@10.10.60.1:22 | -              |",
    ]);
  });

  test("sites without an EVPN zone or a router's BGP have no Fabric section, no physical MTU", () => {
    expect(lines(inventory("arc-hybrid"), FABRIC)).toEqual([]);
    expect(lines(inventory("ms01"), FABRIC)).toEqual([]);
  });

  test("an EVPN site keeps its fabric: the physical and VNet MTU, the OpenFabric underlay", () => {
    expect(lines(inventory("homelab"), FABRIC).map((l) => l.replace(/ +\|/g, " |"))).toEqual([
      "## Fabric",
      "| Physical MTU | 9000 |",
      "| VNet MTU | 8950 (VXLAN over ipv4) |",
      "### Underlay fabric (OpenFabric `underlay`, loopback interface dummy_underlay)",
    ]);
  });
});
