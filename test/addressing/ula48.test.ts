// Any RFC 4193 /48 works with no IPv6 layout key: one /56 per tenant, purposes by position in the
// 8 bits above their /64s (test/fixtures/valid/ula48.yaml: tenants 20 and 101, each with a cluster).
import { readFileSync } from "fs";
import { join } from "path";
import { previewConfig } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { requirePlan } from "../../site";
import { fileRaw } from "../fixtures/base";

const FILE = join(__dirname, "..", "fixtures", "valid", "ula48.yaml");
const plan = requirePlan(fileRaw(FILE));

test.each([
  [20, "fd12:3456:789a:1400::/56", "fd12:3456:789a:1400::/64", "fd12:3456:789a:1400::fffe"],
  [101, "fd12:3456:789a:6500::/56", "fd12:3456:789a:6500::/64", "fd12:3456:789a:6500::fffe"],
])("tenant %d: block, VM subnet and gateway", (id, block, vms, gateway) => {
  const t = plan.tenants.find((x) => x.id === id);
  expect(String(t?.blocks.tenant.ipv6)).toBe(block);
  expect(String(t?.vms.ipv6)).toBe(vms);
  expect(String(t?.gateway.ipv6)).toBe(gateway);
});

test.each([
  [
    "k20",
    [
      "fd12:3456:789a:1440::/60",
      "fd12:3456:789a:1496::/108",
      "fd12:3456:789a:141b::/112",
      "fd12:3456:789a:1400::250",
    ],
  ],
  [
    "k101",
    [
      "fd12:3456:789a:6540::/60",
      "fd12:3456:789a:6596::/108",
      "fd12:3456:789a:651b::/112",
      "fd12:3456:789a:6500::250",
    ],
  ],
])("cluster %s: pods, services, LoadBalancers and VIP in its tenant's /56", (name, expected) => {
  const k = plan.tenants.find((t) => t.kubernetes?.name === name)?.kubernetes;
  expect([k?.pods.ipv6, k?.services.ipv6, k?.loadBalancers.ipv6, k?.vip.ipv6].map(String)).toEqual(
    expected,
  );
  const base = name === "k20" ? "fd12:3456:789a:144" : "fd12:3456:789a:654";
  const count = name === "k20" ? 3 : 4;
  expect(k?.nodes.map((n) => String(n.pods.ipv6))).toEqual(
    ["0", "1", "2", "3"].slice(0, count).map((i) => `${base}${i}::/64`),
  );
});

test("host identities and VM loopbacks take the last two /64s of each /56", () => {
  expect(
    plan.tenants.map((t) => [String(t.hostIdentities.ipv6), String(t.vmLoopbacks.ipv6)]),
  ).toEqual([
    ["fd12:3456:789a:14ff::/64", "fd12:3456:789a:14fe::/64"],
    ["fd12:3456:789a:65ff::/64", "fd12:3456:789a:65fe::/64"],
  ]);
});

test("the site previews clean", async () => {
  const config = parseStackFile(readFileSync(FILE, "utf8"), "homelab", "ula48.yaml");
  const result = await previewConfig("ula", config, "homelab");
  expect(result.problems).toEqual([]);
  expect(result.error).toBeUndefined();
  expect(result.ok).toBe(true);
  expect(result.warnings).toEqual([]);
  expect(
    result.resources.filter((r) => r.type === "proxmoxve:index/vmLegacy:VmLegacy"),
  ).toHaveLength(7);
});
