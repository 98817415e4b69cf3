// The Proxmox layer of the homelab stack under mocks: exact resource types, names and inputs.
import { PreviewResult, previewStack } from "../../preview/offline";
import { RecordedResource } from "../../preview/run";

let result: PreviewResult;
const byName = (name: string): RecordedResource => {
  const r = result.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name}`);
  return r;
};

beforeAll(async () => {
  result = await previewStack("homelab");
});

test("registers exactly these Proxmox-layer resources", () => {
  const proxmoxLayer = result.resources.filter(
    (r) =>
      /^(pulumi:|proxmoxve:(network|sdn)\/|homelab:proxmox:)/.test(r.type) &&
      r.type !== "pulumi:providers:kubernetes",
  );
  expect(proxmoxLayer.map((r) => `${r.type} ${r.name}`)).toEqual([
    "pulumi:pulumi:Stack homelab-homelab",
    "pulumi:providers:proxmoxve proxmox",
    "homelab:proxmox:ProxmoxHost host-pve01",
    "homelab:proxmox:ProxmoxHost host-pve02",
    "homelab:proxmox:ProxmoxHost host-pve03",
    "homelab:proxmox:TenantVnet tenant-101",
    "homelab:proxmox:SdnApply sdn",
    "proxmoxve:network/linux/bridge:Bridge host-pve01-vmbr0",
    "proxmoxve:network/linux/bridge:Bridge host-pve02-vmbr0",
    "proxmoxve:network/linux/bridge:Bridge host-pve03-vmbr0",
    "homelab:proxmox:EvpnZone evpn",
    "proxmoxve:sdn/fabric/openfabric:Openfabric evpn-fabric",
    "proxmoxve:sdn/fabric/node/openfabric:Openfabric evpn-fabric-pve01",
    "proxmoxve:sdn/fabric/node/openfabric:Openfabric evpn-fabric-pve02",
    "proxmoxve:sdn/fabric/node/openfabric:Openfabric evpn-fabric-pve03",
    "proxmoxve:sdn/controller/evpn:Evpn evpn-controller",
    "proxmoxve:sdn/zone/evpn:Evpn evpn-zone",
    "proxmoxve:sdn/vnet:Vnet tenant-101-vnet",
    "proxmoxve:sdn/subnet:Subnet tenant-101-subnet-v4",
    "proxmoxve:sdn/subnet:Subnet tenant-101-subnet-v6",
    // The L2-announced pools' prefixes with their gateways, beside the VM subnet (the IPv6 one
    // since Cilium 1.19 answers NDP).
    "proxmoxve:sdn/subnet:Subnet tenant-101-subnet-v4-2",
    "proxmoxve:sdn/subnet:Subnet tenant-101-subnet-v6-2",
    "proxmoxve:sdn/applier:Applier sdn-applier",
  ]);
});

test("provider: endpoint derived from pve01, no token in config, TLS verified", () => {
  expect(byName("proxmox").inputs).toEqual({
    endpoint: "https://10.10.0.1:8006/",
    insecure: "false",
  });
});

test("host bridge carries management with seed 000's addresses", () => {
  const r = byName("host-pve02-vmbr0");
  expect(r.inputs).toEqual({
    address: "10.10.0.2/24",
    address6: "fd00:10::2/64",
    comment: "managed-by homelab/homelab hostNetwork.bridges[0]",
    gateway: "10.10.0.254",
    gateway6: "fd00:10::fffe",
    mtu: 1500,
    name: "vmbr0",
    nodeName: "pve02",
    ports: ["eno1"],
    vlanAware: true,
  });
  // Every Proxmox VE install has vmbr0: the first pulumi up adopts it (test/components/existing).
  expect(r.options).toEqual({ protect: true, deleteBeforeReplace: true, import: "pve02:vmbr0" });
  expect(r.parent).toBe(byName("host-pve02").urn);
});

test("fabric, controller and zone", () => {
  expect(byName("evpn-fabric").inputs).toEqual({
    ip6Prefix: "fd00:255::/64",
    ipPrefix: "10.255.0.0/16",
    resourceId: "underlay",
  });
  expect(byName("evpn-fabric-pve03").inputs).toEqual({
    fabricId: "underlay",
    interfaceNames: ["eno2", "eno3"],
    ip: "10.255.0.3",
    ip6: "fd00:255::3",
    nodeId: "pve03",
  });
  expect(byName("evpn-controller").inputs).toEqual({
    asn: 65001,
    peers: ["10.255.0.1", "10.255.0.2", "10.255.0.3"],
    sdnControllerEvpnId: "evpnctl",
  });
  expect(byName("evpn-zone").inputs).toEqual({
    advertiseSubnets: true,
    controller: "evpnctl",
    // k101's Talos VIP 10.101.0.250 moves between the control planes on vnet101.
    disableArpNdSuppression: true,
    exitNodes: ["pve01", "pve02"],
    mtu: 8950,
    nodes: ["pve01", "pve02", "pve03"],
    resourceId: "vxevpn01",
    vrfVxlan: 10000,
  });
  expect([byName("evpn-zone").options, byName("evpn-controller").options]).toEqual([
    { protect: true, deleteBeforeReplace: true },
    { protect: true, deleteBeforeReplace: true },
  ]);
});

test("tenant VNet and dual-stack subnets with the anycast gateways", () => {
  expect(byName("tenant-101-vnet").inputs).toEqual({
    alias: "prod",
    resourceId: "vnet101",
    tag: 100101,
    zone: "vxevpn01",
  });
  expect(byName("tenant-101-subnet-v4").inputs).toEqual({
    cidr: "10.101.0.0/24",
    gateway: "10.101.0.254",
    vnet: "vnet101",
  });
  expect(byName("tenant-101-subnet-v6").inputs).toEqual({
    cidr: "fd00:101::/64",
    gateway: "fd00:101::fffe",
    vnet: "vnet101",
  });
  // Seed 000's IPv6 LoadBalancer prefix, on-link for the L2 (NDP) announcements.
  expect(byName("tenant-101-subnet-v6-2").inputs).toEqual({
    cidr: "fd00:101:1b::/112",
    gateway: "fd00:101:1b::fffe",
    vnet: "vnet101",
  });
});

test("objects with fixed Proxmox IDs are replaced delete-before-create, so no ID exists twice", () => {
  const fixed = result.resources.filter(
    (r) => r.custom && r.type.startsWith("proxmoxve:") && !r.type.endsWith(":Applier"),
  );
  // 14 SDN and interface objects, 5 VMs, 5 machine-config snippets, 3 ISOs (one per host).
  expect(fixed.length).toBe(27);
  expect(fixed.filter((r) => r.options.deleteBeforeReplace !== true).map((r) => r.name)).toEqual(
    [],
  );
});

test("exactly one SDN applier, depending on every SDN object, re-run by the plan digest", () => {
  const appliers = result.resources.filter((r) => r.type === "proxmoxve:sdn/applier:Applier");
  expect(appliers.length).toBe(1);
  const sdnObjects = result.resources
    .filter((r) => r.custom && r.type.startsWith("proxmoxve:sdn/") && !r.type.endsWith(":Applier"))
    .map((r) => r.urn)
    .sort();
  expect(sdnObjects.length).toBe(11);
  expect(appliers[0].dependencies).toEqual(sdnObjects);
  expect(appliers[0].inputs).toEqual({ onCreate: true, onDestroy: true });
  expect(appliers[0].options.replacementTrigger).toBe(result.outputs.sdnDigest);
  expect(String(result.outputs.sdnDigest)).toMatch(/^[0-9a-f]{64}$/);
});

test("the VNets depend on the zone through its ID", () => {
  const vnet = byName("tenant-101-vnet");
  expect(vnet.propertyDependencies.zone).toEqual([byName("evpn-zone").urn]);
  expect(byName("tenant-101-subnet-v4").propertyDependencies.vnet).toEqual([vnet.urn]);
});
