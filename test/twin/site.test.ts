// The twin as built from a preview's artifacts, before anything runs (no root needed): what each
// artifact becomes in the twin.
import { previewFiles, previewStack } from "../../preview/offline";
import { buildTwin, BuiltTwin } from "../../twin/site/build";

const built = new Map<string, BuiltTwin>();
async function twinOf(stack: string): Promise<BuiltTwin> {
  const cached = built.get(stack);
  if (cached) return cached;
  const result = await previewStack(stack);
  const twin = buildTwin(stack, new Map(previewFiles(result)));
  built.set(stack, twin);
  return twin;
}

test("hosts get the default route their bridge or VLAN sets (ms01: vmbr0.16's gateway)", async () => {
  const { site } = await twinOf("ms01");
  const hosts = site.devices.filter((d) => d.kind === "host").map((d) => d.name);
  expect(site.routes.filter((r) => hosts.includes(r.node))).toEqual([
    { node: "pve-ms01-01", dst: "default", via: "10.8.16.1" },
    { node: "pve-ms01-02", dst: "default", via: "10.8.16.1" },
    { node: "pve-aimax-01", dst: "default", via: "10.8.16.1" },
  ]);
});

test("a host of the EVPN zone that is no fabric node stops the build naming the key to set", async () => {
  const result = await previewStack("homelab");
  const files = new Map(previewFiles(result));
  const all = JSON.parse(files.get("resources.json") ?? "[]") as { type: string }[];
  const fabricNode = (r: { type: string }) => r.type.endsWith("fabric/node/openfabric:Openfabric");
  // The unedited preview builds: each host is a fabric node.
  expect(all.filter(fabricNode).length).toBeGreaterThan(0);
  expect(() => buildTwin("homelab", files)).not.toThrow();
  files.set("resources.json", JSON.stringify(all.filter((r) => !fabricNode(r))));
  const zone = (
    all.find((r) => r.type.endsWith("sdn/zone/evpn:Evpn")) as unknown as {
      inputs: { resourceId: string; nodes: string[] };
    }
  ).inputs;
  expect(() => buildTwin("homelab", files)).toThrow(
    `EVPN zone ${zone.resourceId}: host ${zone.nodes[0]} has no fabric loopback for its VTEP (it is no OpenFabric node); set hostNetwork.underlay, or hosts[].network.underlay for a host with its own network, to the NICs that link the hosts to each other`,
  );
});
