// Cloud-init VMs under mocks: the sol stack's six node VMs (pinned image per host, two snippets,
// the VmLegacy wiring), FRR delivered only after the node's VM exists, SSH keys kept secret, and
// the preview's cloud-init/ files extracted from the recorded inputs, equal to the renderer's.
import { join } from "path";
import { extractArtifacts } from "../../preview/artifacts";
import { PreviewResult, previewConfig } from "../../preview/offline";
import { RecordedResource } from "../../preview/run";
import { readStackFile } from "../../preview/stack-file";
import { requireSite } from "../../site";
import { cloudInitMachines } from "../../render/cloud-init/inputs";
import { IMAGES } from "../../render/cloud-init/images";
import { renderNetworkConfig } from "../../render/cloud-init/network-config";
import { renderUserData } from "../../render/cloud-init/user-data";
import { plannedUploads } from "../../render/proxmox/uploads";
import { ROOT, stackRaw } from "../fixtures/base";
import { ED25519, ED25519_FP } from "../fixtures/secrets/keys";

const KEY = ED25519;

async function preview(stack: string, keys: boolean): Promise<PreviewResult> {
  const file = readStackFile(join(ROOT, `Pulumi.${stack}.yaml`), "homelab");
  const config = keys ? { ...file.config, "homelab:vmSshKeys": KEY } : file.config;
  const secretKeys = keys ? [...file.secretKeys, "homelab:vmSshKeys"] : file.secretKeys;
  const result = await previewConfig(stack, { config, secretKeys }, "homelab");
  if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  return result;
}

let sol: PreviewResult;
let arc: PreviewResult;
beforeAll(async () => {
  sol = await preview("sol", true);
  arc = await preview("arc-hybrid", false);
});

const ofType = (r: PreviewResult, type: string): RecordedResource[] =>
  r.resources.filter((x) => x.type === type);

test("one pinned Debian 12 image per host, with its checksum", () => {
  expect(
    ofType(sol, "proxmoxve:download/file:File").map((r) => [
      r.name,
      r.inputs.nodeName,
      r.inputs.url,
      r.inputs.checksum,
      r.inputs.checksumAlgorithm,
      r.inputs.contentType,
      r.inputs.fileName,
    ]),
  ).toEqual(
    ["pve01", "pve02", "pve03"].map((h) => [
      `image-debian-12-${h}`,
      h,
      IMAGES["debian-12"].url,
      IMAGES["debian-12"].checksum,
      "sha512",
      "iso",
      "debian-12-genericcloud-amd64-20250210-2019.img",
    ]),
  );
});

test("solcp011's VM: the image as its disk, mesh NIC on the VNet, egress on VLAN 101, both snippets", () => {
  const vm = ofType(sol, "proxmoxve:index/vmLegacy:VmLegacy").find(
    (r) => r.name === "node-101-11-vm",
  );
  expect(vm?.inputs).toMatchObject({
    nodeName: "pve01",
    vmId: 10111,
    name: "solcp011",
    tags: ["linux", "sol-k8s", "controlplane"],
    cpu: { cores: 4, type: "host" },
    memory: { dedicated: 8192 },
    agent: { enabled: true },
    bootOrders: ["scsi0"],
    serialDevices: [{ device: "socket" }],
    disks: [
      {
        interface: "scsi0",
        datastoreId: "local-lvm",
        fileId: "image-debian-12-pve01-id",
        size: 40,
      },
    ],
    networkDevices: [
      { bridge: "vnet101", macAddress: "02:00:65:00:0b:00", mtu: 8930, model: "virtio" },
      { bridge: "vmbr0", vlanId: 101, macAddress: "02:00:65:00:0b:01", model: "virtio" },
    ],
    initialization: {
      interface: "ide2",
      datastoreId: "local-lvm",
      userDataFileId: "node-101-11-user-data-id",
      networkDataFileId: "node-101-11-network-config-id",
    },
  });
  expect(vm?.options.deleteBeforeReplace).toBe(true);
});

test("FRR goes to a node only after its VM exists", () => {
  const frr = sol.resources.find((r) => r.name === "frr-node-101-11");
  const vm = sol.resources.find((r) => r.name === "node-101-11-vm");
  expect(frr?.dependencies).toContain(vm?.urn);
});

test("SSH keys given as a secret: the user data names the key by its fingerprint, never the key", () => {
  const snippets = ofType(sol, "proxmoxve:index/fileLegacy:FileLegacy");
  const user = snippets.find((r) => r.name === "node-101-11-user-data");
  const data = (user?.inputs.sourceRaw as { data: string }).data.split("\n");
  expect(
    data.slice(data.indexOf("ssh_authorized_keys:"), data.indexOf("ssh_authorized_keys:") + 2),
  ).toEqual(["ssh_authorized_keys:", `  - "[secret homelab:vmSshKeys ${ED25519_FP}]"`]);
  expect(JSON.stringify(sol.resources)).not.toContain(ED25519.split(" ")[1]);
});

test("the preview's cloud-init files are the rendered ones, read from the recorded inputs", () => {
  const { plan, topology } = requireSite(stackRaw("sol"));
  const machines = cloudInitMachines(plan, topology);
  const files = extractArtifacts(sol.resources).filter((a) => a.path.startsWith("cloud-init/"));
  const byPath = (x: string[], y: string[]) => x[0].localeCompare(y[0]);
  expect(files.map((a) => [a.path, a.text]).sort(byPath)).toEqual(
    machines
      .flatMap((m) => [
        [
          `cloud-init/${m.name}/user-data`,
          renderUserData({
            ...m.userData,
            sshKeys: [`[secret homelab:vmSshKeys ${ED25519_FP}]`],
          }),
        ],
        [`cloud-init/${m.name}/network-config`, renderNetworkConfig(m.network)],
      ])
      .sort(byPath),
  );
});

test("without keys the user data is plain text, written as rendered (arc-hybrid's K3s VM)", () => {
  const { plan, topology } = requireSite(stackRaw("arc-hybrid"));
  const k3s = cloudInitMachines(plan, topology).find((m) => m.name === "k3s");
  const file = extractArtifacts(arc.resources).find((a) => a.path === "cloud-init/k3s/user-data");
  expect(file?.text).toBe(renderUserData({ ...k3s!.userData, sshKeys: [] }));
  const vm = ofType(arc, "proxmoxve:index/vmLegacy:VmLegacy").find((r) => r.name === "vm-1188-vm");
  expect(vm?.inputs.networkDevices).toEqual([
    {
      bridge: "vmbr1",
      firewall: false,
      macAddress: "06:00:00:04:a4:00",
      model: "virtio",
    },
  ]);
});

test.each(["sol", "arc-hybrid"])(
  "%s: every file the components upload is one the collision check planned, named by VM ID",
  (stack) => {
    const result = stack === "sol" ? sol : arc;
    const planned = plannedUploads(requireSite(stackRaw(stack)).plan).map((u) =>
      [u.host, u.datastore, u.contentType, u.fileName].join(" "),
    );
    const recorded = result.resources.flatMap((r) => {
      const i = r.inputs;
      if (r.type === "proxmoxve:download/file:File")
        return [[i.nodeName, i.datastoreId, i.contentType, i.fileName]];
      if (r.type !== "proxmoxve:index/fileLegacy:FileLegacy") return [];
      // User data holding a secret without a label is recorded whole as "[secret]": its name is the VM's.
      const raw = i.sourceRaw as { fileName?: string } | string;
      const vmId =
        /^vm-(\d+)-/.exec(r.name)?.[1] ?? /^node-(\d+)-(\d+)-/.exec(r.name)?.slice(1).join("");
      const fileName = typeof raw === "object" ? raw.fileName : `homelab-vm${vmId}-user-data.yaml`;
      return [[i.nodeName, i.datastoreId, i.contentType, fileName]];
    });
    expect(recorded.map((x) => x.join(" ")).sort()).toEqual([...planned].sort());
  },
);
