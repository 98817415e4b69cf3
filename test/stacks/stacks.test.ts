// Every seed site as a stack: the key addresses of each document, as the document gives them
// (facts copied here; nothing reads the seeds at test time), where the document is right.
import { Plan } from "../../addressing/plan-types";
import { requirePlan } from "../../site";
import { stackRaw } from "../fixtures/base";

const s = (v: { toString(): string } | undefined): string => (v ? v.toString() : "-");
const planOf = (stack: string): Plan => requirePlan(stackRaw(stack));

describe("sol (seed 001)", () => {
  const plan = planOf("sol");
  const t = plan.tenants[0];
  test("hosts: management, BGP loopback, Ceph public and cluster", () => {
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
  test("mesh VNet vnet101 with VXLAN 100101 and the anycast gateway, egress VLAN 101 behind RouterOS", () => {
    expect([
      t.vnet?.id,
      t.vnet?.vni,
      t.vnet?.carries,
      s(t.mesh?.gateway.ipv6),
      t.vlan,
      s(t.gateway.ipv6),
    ]).toEqual(["vnet101", 100101, "mesh", "fc00:101::fffe", 101, "fd00:101::fffe"]);
  });
  test("nodes: mesh, egress, loopback; VIP and LoadBalancer pool", () => {
    const k = t.kubernetes;
    expect(
      k?.nodes.map((n) => [n.name, s(n.mesh.ipv6), s(n.address.ipv6), s(n.loopback.ipv6)]),
    ).toEqual([
      ["solcp011", "fc00:101::11", "fd00:101::11", "fd00:255:101::11"],
      ["solcp012", "fc00:101::12", "fd00:101::12", "fd00:255:101::12"],
      ["solcp013", "fc00:101::13", "fd00:101::13", "fd00:255:101::13"],
      ["solwk021", "fc00:101::21", "fd00:101::21", "fd00:255:101::21"],
      ["solwk022", "fc00:101::22", "fd00:101::22", "fd00:255:101::22"],
      ["solwk023", "fc00:101::23", "fd00:101::23", "fd00:255:101::23"],
    ]);
    expect([s(k?.vip.ipv6), s(k?.loadBalancers.ipv6), k?.asn, plan.routers[0].asn]).toEqual([
      "fd00:255:101::ac",
      "fd00:101:cafe::/112",
      65101,
      65000,
    ]);
  });
});

describe("ms01 (seed 002)", () => {
  const plan = planOf("ms01");
  test("hosts on VLAN 16 and the storage bonds on VLAN 48", () => {
    expect(plan.hosts.map((h) => [h.name, s(h.management.ipv4), s(h.cephPublic.ipv4)])).toEqual([
      ["pve-ms01-01", "10.8.16.10", "10.8.48.10"],
      ["pve-ms01-02", "10.8.16.11", "10.8.48.11"],
      ["pve-aimax-01", "10.8.16.12", "10.8.48.12"],
    ]);
    const aimax = plan.hosts[2].network.devices.find((d) => d.name === "bond0");
    expect([aimax?.members, aimax?.mode, aimax?.mtu]).toEqual([
      ["enp1s0f0", "enp1s0f1"],
      "802.3ad",
      9000,
    ]);
  });
  test("workload VLAN 28: gateway, LoadBalancer pool and planned service IPs", () => {
    const t = plan.tenants[0];
    const k = t.kubernetes;
    expect([
      t.vlan,
      s(t.vms.ipv4),
      s(t.gateway.ipv4),
      k?.lbRanges.map(String),
      k?.serviceIps.map((x) => s(x.address)),
    ]).toEqual([
      28,
      "10.8.28.0/22",
      "10.8.28.1",
      ["10.8.31.10-10.8.31.200"],
      ["10.8.31.10", "10.8.31.11", "10.8.31.12", "10.8.31.13"],
    ]);
  });
  test("VLAN 1 and its devices", () => {
    const g = plan.segments[0];
    expect([g.vlan, s(g.prefixes.ipv4), s(g.gateway.ipv4), g.gatewayOwner]).toEqual([
      1,
      "10.0.1.0/24",
      "10.0.1.1",
      "UDM-Pro",
    ]);
    expect(plan.devices.map((d) => [d.name, s(d.address.ipv4)])).toEqual([
      ["usw-flex-k8s-main", "10.0.1.80"],
      ["crs309-k8s-storage", "10.0.1.82"],
      ["usw-enterprise-8-poe", "10.0.1.238"],
      ["enterprise-24-poe", "10.0.1.239"],
      ["talos-k8s-01-mgmt", "10.8.16.20"],
      ["talos-k8s-02-mgmt", "10.8.16.21"],
      ["talos-k8s-03-mgmt", "10.8.16.22"],
      ["pve-aimax-01-kvm", "10.8.16.92"],
      ["pve-ms01-01-vpro", "10.8.16.190"],
      ["pve-ms01-02-vpro", "10.8.16.191"],
    ]);
  });
});

describe("ms01 DNS names (seed 002)", () => {
  test("every lab.local name points at an address of the plan", () => {
    const plan = planOf("ms01");
    expect(plan.dns.map((d) => `${d.name} ${d.address}`)).toEqual([
      "pve-ms01-01.lab.local 10.8.16.10",
      "pve-ms01-02.lab.local 10.8.16.11",
      "pve-aimax-01.lab.local 10.8.16.12",
      "talos-k8s-01.lab.local 10.8.16.20",
      "talos-k8s-02.lab.local 10.8.16.21",
      "talos-k8s-03.lab.local 10.8.16.22",
      "k8s-api.lab.local 10.8.16.20",
      "traefik.lab.local 10.8.31.10",
    ]);
  });
});

describe("arc-hybrid (seed 003)", () => {
  const plan = planOf("arc-hybrid");
  test("ML110 and R630 on the compute VLAN", () => {
    expect(plan.hosts.map((h) => [h.name, s(h.management.ipv4)])).toEqual([
      ["pve-ml110", "10.10.20.10"],
      ["pve-r630", "10.10.20.20"],
    ]);
  });
  test("the seven VLANs of the router server and its gateways", () => {
    expect(
      plan.segments
        .filter((g) => g.vlan !== undefined)
        .map((g) => [g.vlan, s(g.prefixes.ipv4), s(g.gateway.ipv4)]),
    ).toEqual([
      [10, "10.10.10.0/24", "10.10.10.1"],
      [30, "10.10.30.0/24", "10.10.30.1"],
      [40, "10.10.40.0/24", "10.10.40.1"],
      [50, "10.10.50.0/24", "10.10.50.1"],
      [60, "10.10.60.0/24", "10.10.60.1"],
      [99, "10.10.99.0/24", "10.10.99.1"],
    ]);
  });
  test("the flat LAN, NFS and K3s addresses", () => {
    const by = new Map(plan.devices.map((d) => [d.name, s(d.address.ipv4)]));
    const vm = new Map(plan.vms.map((v) => [v.name, v]));
    expect([
      s(vm.get("k3s")?.networks[0].address.ipv4),
      s(vm.get("git")?.networks[0].address.ipv4),
      by.get("nfs-server"),
      s(vm.get("k3s")?.k3s?.clusterDns),
      s(vm.get("prometheus")?.networks[0].address.ipv4),
    ]).toEqual(["192.168.1.188", "192.168.1.60", "10.0.0.100", "10.245.0.10", "10.10.40.10"]);
  });
  test("the K3s VM's custom CIDRs and the Git VM on the LAN, on the hosts' vmbr1", () => {
    const vm = new Map(plan.vms.map((v) => [v.name, v]));
    const k3s = vm.get("k3s");
    expect([s(k3s?.k3s?.pods.ipv4), s(k3s?.k3s?.services.ipv4), k3s?.vmId, k3s?.host]).toEqual([
      "10.244.0.0/16",
      "10.245.0.0/16",
      1188,
      "pve-ml110",
    ]);
    expect(vm.get("git")?.networks[0].attach).toEqual({ bridge: "vmbr1" });
    expect(vm.get("prometheus")?.networks[0].attach).toEqual({ bridge: "vmbr0", vlan: 40 });
  });
});
