// Adopting a running site: what homelab:existing lists (and each host's management bridge) is
// registered with Pulumi's `import` option under the provider's import ID, recorded in
// resources.json and counted in the summary line; everything else is created.
import { join } from "path";
import { subnetImportId } from "../../components/tenant-vnet";
import { PreviewResult, previewConfig, previewStack, summarize } from "../../preview/offline";
import { resolveSite } from "../../site";
import { fileRaw, homelabWith, ROOT, stackRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

/** `name import-id` of every resource registered with the `import` option, in order. */
const imported = (result: PreviewResult): string[] =>
  result.resources.filter((r) => r.options.import).map((r) => `${r.name} ${r.options.import}`);

describe("the homelab stack", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewStack("homelab");
  });

  test("adopts vmbr0 of each host (node:iface), and nothing else", () => {
    expect(imported(result)).toEqual([
      "host-pve01-vmbr0 pve01:vmbr0",
      "host-pve02-vmbr0 pve02:vmbr0",
      "host-pve03-vmbr0 pve03:vmbr0",
    ]);
    const vmbr0 = JSON.parse(JSON.stringify(result.resources)).find(
      (r: { name: string }) => r.name === "host-pve01-vmbr0",
    );
    // As resources.json holds it.
    expect(vmbr0.options).toEqual({
      protect: true,
      deleteBeforeReplace: true,
      import: "pve01:vmbr0",
    });
  });

  test("the summary line counts what is imported and what is created", () => {
    expect(summarize("homelab", result, "out/homelab")).toBe(
      "homelab: 62 resources (51 custom, 11 components), 3 to import, 48 to create, 1 warning, 8 manual steps (inventory.md), written to out/homelab",
    );
  });
});

test("existing-sdn fixture: the listed controller, zone, VNet, subnet and bridge are imported", async () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/existing-sdn.yaml"));
  const result = await previewConfig("adopt", stackConfigOf(raw), "homelab");
  expect([result.ok, result.problems]).toEqual([true, []]);
  // In registration order: the SDK registers vmbr1 (no port below it) before vmbr0.
  expect(imported(result)).toEqual([
    "host-pve01-vmbr1 pve01:vmbr1",
    "host-pve01-vmbr0 pve01:vmbr0",
    "host-pve02-vmbr0 pve02:vmbr0",
    "host-pve03-vmbr0 pve03:vmbr0",
    "evpn-controller evpnctl",
    "evpn-zone vxevpn01",
    "tenant-101-vnet vnet101",
    "tenant-101-subnet-v4 vnet101/vxevpn01-10.101.0.0-24",
  ]);
  const byName = (n: string) => result.resources.find((r) => r.name === n);
  expect(byName("evpn-zone")?.options).toEqual({
    protect: true,
    deleteBeforeReplace: true,
    import: "vxevpn01",
  });
  // Not listed: created, as on a fresh site.
  expect(byName("tenant-101-subnet-v6")?.options).toEqual({ deleteBeforeReplace: true });
  expect(byName("host-pve02-vmbr1")?.options).toEqual({ deleteBeforeReplace: true });
  expect(summarize("adopt", result, "out/adopt")).toBe(
    "adopt: 65 resources (54 custom, 11 components), 8 to import, 46 to create, 1 warning, 8 manual steps (inventory.md), written to out/adopt",
  );
});

test("managementBridge: false (a host without vmbr0 yet) imports nothing", async () => {
  const raw = homelabWith((c) => {
    c.existing = { managementBridge: false };
  });
  const result = await previewConfig("fresh", stackConfigOf(raw), "homelab");
  expect(imported(result)).toEqual([]);
  expect(summarize("fresh", result, "out/fresh")).toBe(
    "fresh: 62 resources (51 custom, 11 components), 0 to import, 51 to create, 1 warning, 8 manual steps (inventory.md), written to out/fresh",
  );
});

test.each([
  ["homelab", "vmbr0"],
  // Management on a VLAN of the bridge: the bridge under it is the installer's.
  ["sol", "vmbr0"],
  ["ms01", "vmbr0"],
])("%s: the management bridge adopted on every host is %s", (stack, bridge) => {
  const site = resolveSite(stackRaw(stack));
  if (!site.ok) throw new Error(JSON.stringify(site.problems));
  expect(site.plan.existing.interfaces.map((e) => e.names)).toEqual(
    site.plan.hosts.map(() => [bridge]),
  );
});

test("a site without VNets has no SDN object to adopt, and says so", () => {
  const site = resolveSite(
    homelabWith((c) => {
      c.tenants = [];
      c.existing = { sdn: { zones: ["zone1"] } };
    }),
  );
  expect(site.ok ? [] : site.problems).toEqual([
    {
      path: "existing.sdn.zones[0]",
      input: "zone1",
      message: "is not the EVPN zone of the plan",
      fix: "zones are none (no tenant has a VNet, so the plan has no SDN objects); remove it",
    },
  ]);
});

test.each([
  ["vnet101", "vxevpn01", "10.101.0.0/24", "vnet101/vxevpn01-10.101.0.0-24"],
  ["vnet101", "vxevpn01", "fd00:101::/64", "vnet101/vxevpn01-fd00:101::-64"],
])("subnet %s %s %s has the import ID %s", (vnet, zone, prefix, id) => {
  expect(subnetImportId(vnet, zone, prefix)).toBe(id);
});
