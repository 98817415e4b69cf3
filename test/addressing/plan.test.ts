// Table tests: the plan reproduces the seeds' own tables, value for value.
import { TenantPlan } from "../../addressing/plan-types";
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { requirePlan, resolveSite } from "../../site";
import { fileRaw, homelabWith, ROOT, stackRaw } from "../fixtures/base";
import { seed001 } from "../fixtures/seed001";

const s = (v: { toString(): string } | undefined): string => (v ? v.toString() : "-");

function tenantTable(t: TenantPlan): string[][] {
  const k = t.kubernetes;
  return [
    ["VM subnet", s(t.vms.ipv4), s(t.vms.ipv6)],
    ["Anycast gateway", s(t.gateway.ipv4), s(t.gateway.ipv6)],
    ["Host identities", s(t.hostIdentities.ipv4), s(t.hostIdentities.ipv6)],
    ["VM loopbacks", s(t.vmLoopbacks.ipv4), s(t.vmLoopbacks.ipv6)],
    ["Pods", s(k?.pods.ipv4), s(k?.pods.ipv6)],
    ["Services", s(k?.services.ipv4), s(k?.services.ipv6)],
    ["LoadBalancers", s(k?.loadBalancers.ipv4), s(k?.loadBalancers.ipv6)],
  ];
}

describe("seed 000 (homelab stack)", () => {
  const plan = requirePlan(stackRaw());

  test("section 2: PVE host management and loopbacks", () => {
    expect(
      plan.hosts.map((h) => [
        h.name,
        s(h.management.ipv4),
        s(h.management.ipv6),
        s(h.loopback.ipv4),
        s(h.loopback.ipv6),
      ]),
    ).toEqual([
      ["pve01", "10.10.0.1", "fd00:10::1", "10.255.0.1", "fd00:255::1"],
      ["pve02", "10.10.0.2", "fd00:10::2", "10.255.0.2", "fd00:255::2"],
      ["pve03", "10.10.0.3", "fd00:10::3", "10.255.0.3", "fd00:255::3"],
    ]);
  });

  test("sections 4 and 5: tenant 101 and its Kubernetes prefixes", () => {
    expect(tenantTable(plan.tenants[0])).toEqual([
      ["VM subnet", "10.101.0.0/24", "fd00:101::/64"],
      ["Anycast gateway", "10.101.0.254", "fd00:101::fffe"],
      ["Host identities", "10.101.255.0/24", "fd00:101:ff::/64"],
      ["VM loopbacks", "10.101.254.0/24", "fd00:101:fe::/64"],
      ["Pods", "10.101.244.0/22", "fd00:101:244::/60"],
      ["Services", "10.101.96.0/24", "fd00:101:96::/108"],
      // Announced by L2 (no BGP speaker at seed 000's anycast gateway): Cilium 1.20 answers NDP
      // too, so seed 000's fd00:101:1b::/112 is derived.
      ["LoadBalancers", "10.101.27.0/24", "fd00:101:1b::/112"],
    ]);
  });

  test.each([
    ["1.18.4", "-"],
    ["1.19.0", "fd00:101:1b::/112"],
    ["1.20.0", "fd00:101:1b::/112"],
  ])("an L2 cluster on Cilium %s: IPv6 LoadBalancers %s (NDP answers from 1.19)", (v, lb6) => {
    const pinned = requirePlan(
      homelabWith((c) => {
        c.talos = { ...c.talos, ciliumVersion: v };
      }),
    );
    expect(s(pinned.tenants[0].kubernetes?.loadBalancers.ipv6)).toBe(lb6);
  });

  test("an L2 cluster without IPv6 pods derives no IPv6 LoadBalancers on any Cilium", () => {
    const v4pods = requirePlan(
      homelabWith((c) => {
        c.layout = { ...c.layout, pods: { ipv6: 0 }, services: { ipv6: 0 } };
      }),
    );
    const k = v4pods.tenants[0].kubernetes;
    expect([s(k?.pods.ipv6), s(k?.loadBalancers.ipv4), s(k?.loadBalancers.ipv6)]).toEqual([
      "-",
      "10.101.27.0/24",
      "-",
    ]);
  });

  test("host identities inside tenant 101 (the 'host ff' of section 6)", () => {
    expect(
      plan.tenants[0].hostAddresses.map((h) => [h.host, s(h.address.ipv4), s(h.address.ipv6)]),
    ).toEqual([
      ["pve01", "10.101.255.1", "fd00:101:ff::1"],
      ["pve02", "10.101.255.2", "fd00:101:ff::2"],
      ["pve03", "10.101.255.3", "fd00:101:ff::3"],
    ]);
  });

  test("per-node addresses and pod CIDRs", () => {
    const k = plan.tenants[0].kubernetes;
    expect(
      k?.nodes.map((n) => [
        n.name,
        s(n.address.ipv4),
        s(n.address.ipv6),
        s(n.loopback.ipv4),
        s(n.loopback.ipv6),
        s(n.pods.ipv4),
        s(n.pods.ipv6),
      ]),
    ).toEqual([
      [
        "k101cp11",
        "10.101.0.11",
        "fd00:101::11",
        "10.101.254.11",
        "fd00:101:fe::11",
        "10.101.244.0/25",
        "fd00:101:244::/64",
      ],
      [
        "k101cp12",
        "10.101.0.12",
        "fd00:101::12",
        "10.101.254.12",
        "fd00:101:fe::12",
        "10.101.244.128/25",
        "fd00:101:244:1::/64",
      ],
      [
        "k101cp13",
        "10.101.0.13",
        "fd00:101::13",
        "10.101.254.13",
        "fd00:101:fe::13",
        "10.101.245.0/25",
        "fd00:101:244:2::/64",
      ],
      [
        "k101wk21",
        "10.101.0.21",
        "fd00:101::21",
        "10.101.254.21",
        "fd00:101:fe::21",
        "10.101.245.128/25",
        "fd00:101:244:3::/64",
      ],
      [
        "k101wk22",
        "10.101.0.22",
        "fd00:101::22",
        "10.101.254.22",
        "fd00:101:fe::22",
        "10.101.246.0/25",
        "fd00:101:244:4::/64",
      ],
    ]);
    expect([s(k?.vip.ipv4), s(k?.vip.ipv6), k?.asn]).toEqual([
      "10.101.0.250",
      "fd00:101::250",
      65101,
    ]);
  });

  test("VNI, ASN, MTU", () => {
    expect([plan.tenants[0].vni, plan.tenants[0].asn, plan.fabric.vrfVni, plan.fabric.mtu]).toEqual(
      [
        100101,
        65101,
        10000,
        { physical: 9000, management: 1500, vnet: 8950, underlayFamily: "ipv4" },
      ],
    );
  });
});

describe("a second tenant follows the same pattern (seed 000 section 3 with T = 102)", () => {
  const plan = requirePlan(
    homelabWith((c) => {
      c.tenants.push({
        id: 102,
        name: "dev",
        kubernetes: { name: "k102", nodes: [{ name: "k102cp11", id: 11, role: "controlplane" }] },
      });
    }),
  );
  const t = plan.tenants[1];

  test("tenant table", () => {
    expect(tenantTable(t)).toEqual([
      ["VM subnet", "10.102.0.0/24", "fd00:102::/64"],
      ["Anycast gateway", "10.102.0.254", "fd00:102::fffe"],
      ["Host identities", "10.102.255.0/24", "fd00:102:ff::/64"],
      ["VM loopbacks", "10.102.254.0/24", "fd00:102:fe::/64"],
      ["Pods", "10.102.244.0/22", "fd00:102:244::/60"],
      ["Services", "10.102.96.0/24", "fd00:102:96::/108"],
      ["LoadBalancers", "10.102.27.0/24", "fd00:102:1b::/112"],
    ]);
    expect([t.vni, t.asn, s(t.kubernetes?.nodes[0].address.ipv6)]).toEqual([
      100102,
      65102,
      "fd00:102::11",
    ]);
  });

  test("the hex encoding is a per-site setting", () => {
    const hex = requirePlan(
      homelabWith((c) => {
        c.encoding = { tenantId: "hex", hostId: "hex" };
        c.global.tenantSpace.ipv6 = "fd00::/25";
      }),
    );
    expect([
      s(hex.tenants[0].vms.ipv6),
      s(hex.tenants[0].gateway.ipv6),
      s(hex.tenants[0].kubernetes?.nodes[0].address.ipv6),
    ]).toEqual(["fd00:65::/64", "fd00:65::fffe", "fd00:65::b"]);
  });
});

describe("seed 001: fc00::/8 internal and fd00::/8 external", () => {
  const plan = requirePlan(seed001);
  const t = plan.tenants[0];
  const k = t.kubernetes;

  test("Proxmox hosts: management, loopback, Ceph public and cluster ('Complete IP Inventory')", () => {
    expect(
      plan.hosts.map((h) => [
        h.name,
        s(h.management.ipv6),
        s(h.loopback.ipv6),
        s(h.cephPublic.ipv6),
        s(h.cephCluster.ipv6),
      ]),
    ).toEqual([
      ["pve01", "fd00:10::1", "fd00:0:0:ffff::1", "fc00:20::1", "fc00:21::1"],
      ["pve02", "fd00:10::2", "fd00:0:0:ffff::2", "fc00:20::2", "fc00:21::2"],
      ["pve03", "fd00:10::3", "fd00:0:0:ffff::3", "fc00:20::3", "fc00:21::3"],
    ]);
  });

  test("mesh, egress, loopbacks and gateways", () => {
    expect([
      s(t.mesh?.subnet.ipv6),
      s(t.mesh?.gateway.ipv6),
      s(t.vms.ipv6),
      s(t.gateway.ipv6),
      s(t.vmLoopbacks.ipv6),
    ]).toEqual([
      "fc00:101::/64",
      "fc00:101::fffe",
      "fd00:101::/64",
      "fd00:101::fffe",
      "fd00:255:101::/64",
    ]);
    expect([t.vni, t.asn, plan.fabric.mtu]).toEqual([
      100101,
      65101,
      { physical: 9000, management: 1500, vnet: 8930, underlayFamily: "ipv6" },
    ]);
  });

  test("Kubernetes nodes ('Complete IP Inventory', pod CIDRs corrected)", () => {
    expect(
      k?.nodes.map((n) => [
        n.name,
        s(n.mesh.ipv6),
        s(n.address.ipv6),
        s(n.loopback.ipv6),
        s(n.loopback.ipv4),
        s(n.pods.ipv6),
        s(n.pods.ipv4),
      ]),
    ).toEqual([
      [
        "solcp011",
        "fc00:101::11",
        "fd00:101::11",
        "fd00:255:101::11",
        "10.255.101.11",
        "fd00:101:44::/64",
        "10.244.0.0/24",
      ],
      [
        "solcp012",
        "fc00:101::12",
        "fd00:101::12",
        "fd00:255:101::12",
        "10.255.101.12",
        "fd00:101:44:1::/64",
        "10.244.1.0/24",
      ],
      [
        "solcp013",
        "fc00:101::13",
        "fd00:101::13",
        "fd00:255:101::13",
        "10.255.101.13",
        "fd00:101:44:2::/64",
        "10.244.2.0/24",
      ],
      [
        "solwk021",
        "fc00:101::21",
        "fd00:101::21",
        "fd00:255:101::21",
        "10.255.101.21",
        "fd00:101:44:3::/64",
        "10.244.3.0/24",
      ],
      [
        "solwk022",
        "fc00:101::22",
        "fd00:101::22",
        "fd00:255:101::22",
        "10.255.101.22",
        "fd00:101:44:4::/64",
        "10.244.4.0/24",
      ],
      [
        "solwk023",
        "fc00:101::23",
        "fd00:101::23",
        "fd00:255:101::23",
        "10.255.101.23",
        "fd00:101:44:5::/64",
        "10.244.5.0/24",
      ],
    ]);
  });

  test("Kubernetes services ('Kubernetes Services' table)", () => {
    expect([
      s(k?.pods.ipv6),
      s(k?.pods.ipv4),
      s(k?.services.ipv6),
      s(k?.services.ipv4),
      s(k?.loadBalancers.ipv6),
      s(k?.vip.ipv6),
    ]).toEqual([
      "fd00:101:44::/60",
      "10.244.0.0/16",
      "fd00:101:96::/108",
      "10.96.0.0/12",
      "fd00:101:cafe::/112",
      "fd00:255:101::ac",
    ]);
  });
});

// The accepted counterpart of test/fixtures/invalid/talos-cilium-version-old.yaml: the same site
// on each Cilium minor the program renders for, and the versions around that range refused.
describe("talos.ciliumVersion", () => {
  const FIXTURE = join(ROOT, "test/fixtures/invalid/talos-cilium-version-old.yaml");
  const refused = (v: string) =>
    `talos.ciliumVersion: "${v}": is not a Cilium release this program renders for (1.18 to 1.20: its cilium.io/v2 BGP and LoadBalancer IP pool objects need 1.18 or later, and the agent capabilities are those of the 1.18 to 1.20 charts); use a 1.18.x to 1.20.x release, like 1.20.0`;
  test.each([
    ["1.14.0", [refused("1.14.0")]],
    ["1.17.9", [refused("1.17.9")]],
    ["1.18.0", []],
    ["1.18.4", []],
    ["1.19.6", []],
    ["1.20.0", []],
    ["1.21.0", [refused("1.21.0")]],
    ["9.99.0", [refused("9.99.0")]],
  ])("%s: %j", (v, expected) => {
    const raw = fileRaw(FIXTURE) as Record<string, Record<string, unknown>>;
    raw.talos = { ...raw.talos, ciliumVersion: v };
    const result = resolveSite(raw);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(expected);
  });
});
