// EVPN to the edge (docs/evpn-edge.md): the exit node keys reach the Proxmox SDN resources, and the
// router that is the hosts' gateway gets its way back to every VNet subnet via the exit nodes.
import { join } from "path";
import { previewConfig } from "../../preview/offline";
import { fileRaw, ROOT } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const fixture = (p: string) => fileRaw(join(ROOT, "test/fixtures", p));

test("primaryExitNode, exitNodesLocalRouting and tenants[].snat are the zone's and the subnet's inputs", async () => {
  const result = await previewConfig(
    "exits",
    stackConfigOf(fixture("valid/evpn-exit-snat.yaml")),
    "homelab",
  );
  expect([result.ok, result.problems]).toEqual([true, []]);
  const inputs = (n: string) => result.resources.find((r) => r.name === n)?.inputs;
  expect(inputs("evpn-zone")).toMatchObject({
    exitNodes: ["pve01", "pve02"],
    primaryExitNode: "pve01",
    exitNodesLocalRouting: true,
  });
  expect(inputs("tenant-101-subnet-v4")).toEqual({
    vnet: "vnet101",
    cidr: "10.101.0.0/24",
    gateway: "10.101.0.254",
    snat: true,
  });
});
