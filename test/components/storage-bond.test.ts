// Seed 002's wiring on one host: an LACP storage bond with jumbo frames and a storage VLAN on it,
// a VLAN-aware management bridge, protection switched off, and the API token as a secret.
import { previewConfig } from "../../preview/offline";
import { PreviewResult } from "../../preview/offline";
import { homelabWith } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

let result: PreviewResult;
const inputsOf = (name: string) => result.resources.find((r) => r.name === name);

beforeAll(async () => {
  const raw = homelabWith((c) => {
    c.global.cephPublic = { ipv4: "10.8.48.0/24" };
    c.proxmox = { protectManagement: false, protectZone: false, insecure: true };
    c.hosts[0].network = {
      interfaces: ["enp87s0", "enp2s0f0np0", "enp2s0f1np1", "enp88s0"],
      underlay: ["enp88s0"],
      bridges: [{ name: "vmbr0", ports: ["enp87s0"], vlanAware: true, carries: "management" }],
      bonds: [{ name: "bond0", members: ["enp2s0f0np0", "enp2s0f1np1"], mtu: 9000 }],
      vlans: [{ on: "bond0", id: 48, mtu: 9000, carries: "cephPublic" }],
      gateway: c.hostNetwork.gateway,
    };
  });
  result = await previewConfig(
    "storage",
    stackConfigOf(raw, { proxmoxApiToken: "root@pam!pulumi=00000000-1111" }),
    "homelab",
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
});

test("the bond: 802.3ad, layer3+4, both members, jumbo MTU", () => {
  expect(inputsOf("host-pve01-bond0")?.inputs).toEqual({
    bondMode: "802.3ad",
    bondXmitHashPolicy: "layer3+4",
    comment: "managed-by homelab/homelab hosts[0].network.bonds[0]",
    mtu: 9000,
    name: "bond0",
    nodeName: "pve01",
    slaves: ["enp2s0f0np0", "enp2s0f1np1"],
  });
});

test("the storage VLAN on the bond, after it, with the host's storage address", () => {
  const vlan = inputsOf("host-pve01-bond0.48");
  expect(vlan?.inputs).toEqual({
    address: "10.8.48.1/24",
    comment: "managed-by homelab/homelab hosts[0].network.vlans[0]",
    mtu: 9000,
    name: "bond0.48",
    nodeName: "pve01",
  });
  expect(vlan?.dependencies).toEqual([inputsOf("host-pve01-bond0")?.urn]);
});

test("protection follows config", () => {
  // Not protected, and still adopted: the installer made vmbr0 (homelab:existing).
  expect(inputsOf("host-pve01-vmbr0")?.options).toEqual({
    deleteBeforeReplace: true,
    import: "pve01:vmbr0",
  });
  expect(inputsOf("evpn-zone")?.options).toEqual({ deleteBeforeReplace: true });
});

test("the API token reaches the provider only as a secret, shown by its label", () => {
  // The preview runs the program with the token's label (preview/secret-values.ts):
  // printf %s 'root@pam!pulumi=00000000-1111' | sha256sum | cut -c1-8
  expect(inputsOf("proxmox")?.inputs).toEqual({
    apiToken: "[secret homelab:proxmoxApiToken sha256:0d703edb]",
    endpoint: "https://10.10.0.1:8006/",
    insecure: "true",
  });
  expect(JSON.stringify(result.resources)).not.toContain("00000000-1111");
});
