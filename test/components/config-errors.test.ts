// Issue 20, friction 3: a config error is the validator's, never a component's. `mesh: true` on a
// site without an internal space used to reach TenantVnet and fail there ("TenantVnet tenant-20:
// vnet20 has no subnet"); the refusals are in test/fixtures/invalid/tenant-mesh-no-subnet.yaml and
// cluster-no-controlplane.yaml. These are the sites the validator accepts.
import { readFileSync } from "fs";
import { join } from "path";
import { previewConfig } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { ROOT } from "../fixtures/base";

const fixture = (name: string) =>
  parseStackFile(readFileSync(join(ROOT, "test", "fixtures", name), "utf8"), "homelab");

test("a tenant mesh with global.internalSpace gets its VNet vnet20 with the subnet fc00:20::/64", async () => {
  const result = await previewConfig("mesh", fixture("frictions/tenant-mesh.yaml"), "homelab");
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  const sdn = result.resources
    .filter((r) => r.type.startsWith("proxmoxve:sdn/") && r.name.startsWith("tenant-20-"))
    .map((r) => [r.name, r.inputs.resourceId ?? r.inputs.cidr, r.inputs.gateway ?? r.inputs.tag]);
  expect(sdn).toEqual([
    ["tenant-20-vnet", "vnet20", 100020],
    ["tenant-20-subnet-v6", "fc00:20::/64", "fc00:20::fffe"],
  ]);
});
