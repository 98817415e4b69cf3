// A VM's data disk i goes on scsi<i+1> (components/cloud-init-vm.ts), and Proxmox's SCSI slots
// are scsi0-scsi30: 31 data disks are refused at the 31st
// (test/fixtures/invalid/vm-data-disks-too-many.yaml), 30 are accepted, the last on scsi30.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { MAX_DATA_DISKS } from "../../addressing/vms";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "vm-data-disks-too-many.yaml");

test("30 data disks: accepted, all 30 in the plan (scsi1 to scsi30)", () => {
  const raw = fileRaw(FIXTURE) as { vms: { disks: unknown[] }[] };
  raw.vms[0].disks.pop();
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(MAX_DATA_DISKS).toBe(30);
  expect(result.plan.vms[0].disks.map((d) => d.size)).toEqual(
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
});
