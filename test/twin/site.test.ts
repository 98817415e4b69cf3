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
