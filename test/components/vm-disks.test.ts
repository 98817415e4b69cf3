// Issue 20, friction 9: a plain VM gets data disks (vms[].disks) rendered into its Proxmox VM
// (VmLegacy disks scsi1, scsi2, ... beside the boot disk scsi0, with the provider's input
// names), and its resolvers come from its segment (segments[].nameservers) before the site's.
import { readFileSync } from "fs";
import { join } from "path";
import { previewConfig } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { formatProblem } from "../../addressing/problems";
import { requireSite, resolveSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

const FIXTURE = join(ROOT, "test", "fixtures", "frictions", "vm-nas.yaml");

/** The input names of the provider's VmLegacyDisk (its type declarations), in file order. */
function providerDiskInputs(): string[] {
  const dts = readFileSync(
    join(ROOT, "node_modules", "@muhlba91", "pulumi-proxmoxve", "types", "input.d.ts"),
    "utf8",
  );
  const start = dts.indexOf("export interface VmLegacyDisk {");
  const body = dts.slice(start, dts.indexOf("\n}", start));
  return [...body.matchAll(/^ {4}([A-Za-z]+)\??:/gm)].map((m) => m[1]);
}

test("the NAS's data disks are scsi1 and scsi2 of its VmLegacy, named as the provider names them", async () => {
  const result = await previewConfig(
    "nas",
    parseStackFile(readFileSync(FIXTURE, "utf8"), "homelab"),
    "homelab",
  );
  expect(result.ok).toBe(true);
  const vm = result.resources.find((r) => r.type === "proxmoxve:index/vmLegacy:VmLegacy");
  const disks = vm?.inputs.disks as Record<string, unknown>[];
  expect(disks).toEqual([
    {
      datastoreId: "local-lvm",
      discard: "on",
      fileId: "image-debian-12-pve1-id",
      interface: "scsi0",
      iothread: true,
      size: 16,
      ssd: true,
    },
    {
      backup: true,
      datastoreId: "tank",
      discard: "on",
      fileFormat: "raw",
      interface: "scsi1",
      iothread: true,
      size: 2048,
      ssd: true,
    },
    {
      backup: false,
      datastoreId: "local-lvm",
      discard: "on",
      fileFormat: "raw",
      interface: "scsi2",
      iothread: true,
      size: 100,
      ssd: true,
    },
  ]);
  const names = providerDiskInputs();
  expect(names).toContain("fileFormat");
  expect(disks.flatMap(Object.keys).filter((k) => !names.includes(k))).toEqual([]);
});

test("a VM on a segment with nameservers resolves through them, else through talos.nameservers", () => {
  const raw = fileRaw(FIXTURE);
  expect(requireSite(raw).plan.vms[0].nameservers.map(String)).toEqual(["192.168.30.1"]);
  const without = JSON.parse(JSON.stringify(raw));
  delete without.segments[0].nameservers;
  expect(requireSite(without).plan.vms[0].nameservers.map(String)).toEqual(["1.1.1.1"]);
  const own = JSON.parse(JSON.stringify(raw));
  own.vms[0].nameservers = ["192.168.30.53"];
  expect(requireSite(own).plan.vms[0].nameservers.map(String)).toEqual(["192.168.30.53"]);
});

test("a segment's nameserver is parsed strictly, like a VM's", () => {
  const raw = JSON.parse(JSON.stringify(fileRaw(FIXTURE)));
  raw.segments[0].nameservers = ["192.168.30.01"];
  const r = resolveSite(raw);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    `segments[0].nameservers[0]: "192.168.30.01": is not a valid IPv4 address (four decimal octets, no leading zeros); did you mean 192.168.30.1?`,
  ]);
});
