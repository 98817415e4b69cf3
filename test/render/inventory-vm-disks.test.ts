// The inventory's VM table shows each plain VM's data disks after its boot disk (trial: a VM's
// data disk size was nowhere in the inventory): scsi slot, GiB, a datastore it names, no backup.
import { renderInventory } from "../../render/inventory/index";
import { requireSite } from "../../site";
import { fileRaw } from "../fixtures/base";

type VmsRaw = { vms: Record<string, unknown>[] };

const vmRows = (raw: Record<string, unknown>): string[] => {
  const { plan, topology } = requireSite(raw);
  return renderInventory(plan, topology)
    .split("\n")
    .filter((l) => /^\| (nas|pihole) +\| VM /.test(l))
    .map((l) => l.split("|")[6].trim());
};

test("without data disks: cores / MiB / boot GiB only", () => {
  expect(vmRows(fileRaw("examples/vms-management.yaml"))).toEqual([
    "2 / 4096 / 32",
    "2 / 2048 / 16",
  ]);
});

test("nas with two data disks, the second on tank without backup: both shown with their GiB", () => {
  const raw = fileRaw("examples/vms-management.yaml") as VmsRaw;
  raw.vms[0].disks = [{ size: 500 }, { size: 2000, datastore: "tank", backup: false }];
  expect(vmRows(raw)).toEqual([
    "2 / 4096 / 32 + scsi1 500, scsi2 2000 on tank (no backup)",
    "2 / 2048 / 16",
  ]);
});
