// Address-space utilization: exact counts (bigint) and percentages for seed 000's plan, segment
// ranges, overlapping children, and the number formats.
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { Facts, Plan } from "../../addressing/plan-types";
import { formatCount, percent, Utilization, utilization } from "../../render/inventory/utilization";
import { requirePlan } from "../../site";
import { homelabWith, stackRaw } from "../fixtures/base";

type Row = [string, string, number, bigint, number, bigint, string];
const row = (u: Utilization): Row => [
  u.prefix.toString(),
  u.label,
  u.children,
  u.covered,
  u.owned,
  u.size,
  u.percent,
];

test("seed 000: 10.101.0.0/16 holds three /24s, the /22 of pods and two more /24s: 2304 of 65536", () => {
  const rows = utilization(requirePlan(stackRaw("homelab"))).map(row);
  expect(rows.filter((r) => !r[0].includes(":"))).toEqual([
    ["10.10.0.0/24", "management", 0, 0n, 4, 256n, "1.56%"],
    ["10.100.0.0/14", "tenantSpace", 1, 65536n, 0, 262144n, "25.00%"],
    ["10.101.0.0/16", "tenant 101's IPv4 block", 6, 2304n, 0, 65536n, "3.52%"],
    // Gateway .254, VIP .250 and five nodes.
    ["10.101.0.0/24", "tenant 101 VMs", 0, 0n, 7, 256n, "2.73%"],
    // The L2 pool's prefix on vnet101: its gateway .254 is owned.
    ["10.101.27.0/24", "k101 LoadBalancers", 0, 0n, 1, 256n, "0.39%"],
    // Five /25s of node pods.
    ["10.101.244.0/22", "k101 pods", 5, 640n, 0, 1024n, "62.50%"],
    ["10.101.254.0/24", "tenant 101 VM loopbacks", 0, 0n, 5, 256n, "1.95%"],
    ["10.101.255.0/24", "tenant 101 host identities", 0, 0n, 3, 256n, "1.17%"],
    ["10.255.0.0/16", "hostLoopbacks", 0, 0n, 3, 65536n, "<0.01%"],
  ]);
  const v6 = new Map(rows.filter((r) => r[0].includes(":")).map((r) => [r[0], r]));
  // Three /64s, a /60, a /108 and the /112 of LoadBalancers (L2 answers NDP from Cilium 1.19).
  const block = 3n * 2n ** 64n + 2n ** 68n + 2n ** 20n + 2n ** 16n;
  expect(v6.get("fd00:101::/32")).toEqual([
    "fd00:101::/32",
    "tenant 101's IPv6 block",
    6,
    block,
    0,
    2n ** 96n,
    "<0.01%",
  ]);
  expect(v6.get("fd00:100::/30")?.slice(2)).toEqual([1, 2n ** 96n, 0, 2n ** 98n, "25.00%"]);
  expect(v6.get("fd00:101:244::/60")?.slice(2)).toEqual([
    5,
    5n * 2n ** 64n,
    0,
    2n ** 68n,
    "31.25%",
  ]);
});

test("segment ranges count as children; owned addresses inside them are not counted twice", () => {
  const plan = requirePlan(
    homelabWith((c) => {
      c.segments = [
        {
          name: "default",
          vlan: 1,
          ipv4: "10.0.1.0/24",
          gateway: { ipv4: "10.0.1.1", owner: "UDM-Pro" },
          ranges: [
            { range: "10.0.1.2-10.0.1.50", kind: "static", purpose: "network infrastructure" },
            { range: "10.0.1.101-10.0.1.200", kind: "dhcp", purpose: "clients" },
          ],
        },
      ];
      c.devices = [
        {
          name: "switch",
          network: "default",
          ipv4: "10.0.1.10",
          inRange: "network infrastructure",
        },
        { name: "bmc", network: "default", ipv4: "10.0.1.60" },
      ];
    }),
  );
  const segment = utilization(plan).find((u) => u.label === "segment default");
  // 49 + 100 in ranges, plus the gateway .1 and the BMC .60; the switch sits in a range.
  expect(segment && row(segment)).toEqual([
    "10.0.1.0/24",
    "segment default",
    2,
    149n,
    3,
    256n,
    "58.98%",
  ]);
  expect(segment?.allocated).toBe(151n);
});

test("overlapping children and a range past the parent's end are counted once, inside the parent", () => {
  const p = Prefix.from;
  const parent = { path: "p", prefix: p("10.0.0.0/24"), name: "p" };
  const prefix = (path: string, text: string, withParent: boolean) => ({
    path,
    prefix: p(text),
    label: path,
    name: path,
    groups: [],
    parent: withParent ? parent : undefined,
  });
  const a = (text: string) => ({
    path: text,
    address: Address.from(text),
    label: text,
    within: parent,
  });
  const range = AddressRange.parse("10.0.0.120-10.0.1.5");
  if (!range.ok) throw new Error(range.error);
  const facts: Facts = {
    prefixes: [
      prefix("p", "10.0.0.0/24", false),
      prefix("c1", "10.0.0.0/25", true),
      prefix("c2", "10.0.0.64/26", true),
    ],
    ranges: [{ path: "r", range: range.value, within: parent }],
    addresses: [a("10.0.0.5"), a("10.0.0.200"), a("10.0.0.200")],
    ids: [],
  };
  const plan: Pick<Plan, "facts" | "segments"> = { facts, segments: [] };
  // /25 (128) and the range up to .255 (.128-.255, 128 more) cover the whole /24; .200 repeats.
  expect(utilization(plan).map(row)).toEqual([["10.0.0.0/24", "p", 3, 256n, 2, 256n, "100.00%"]]);
});

test.each([
  [0n, 256n, "0.00%"],
  [1n, 65536n, "<0.01%"],
  [1n, 20000n, "0.01%"],
  [1n, 200n, "0.50%"],
  [1n, 3n, "33.33%"],
  [2n, 3n, "66.67%"],
  [1n, 8n, "12.50%"],
  [2304n, 65536n, "3.52%"],
  [255n, 256n, "99.61%"],
  [65535n, 65536n, ">99.99%"],
  [256n, 256n, "100.00%"],
])("percent(%s, %s) is %s", (part, whole, expected) => {
  expect(percent(part, whole)).toBe(expected);
});

test("percent of nothing is refused", () => {
  expect(() => percent(0n, 0n)).toThrow("cannot take a share of 0 addresses");
});

test.each([
  [0n, "0"],
  [4294967295n, "4294967295"],
  [2n ** 32n, "2^32"],
  [2n ** 64n, "2^64"],
  [5n * 2n ** 64n, "5 × 2^64"],
  [3n * 2n ** 65n, "3 × 2^65"],
  [2n ** 64n + 1n, "2^64 + 1"],
  [3n * 2n ** 64n + 2n ** 68n + 2n ** 20n + 2n ** 16n, "19 × 2^64 + 1114112"],
  [2n ** 128n - 1n, "340282366920938463463374607431768211455"],
])("formatCount(%s) is %s", (n, expected) => {
  expect(formatCount(n)).toBe(expected);
});
