// Files the stack writes onto Proxmox datastores: named by VM ID, so no two writers meet, and a
// plan where two would meet is refused before anything registers.
import { formatProblem } from "../../addressing/problems";
import { requirePlan } from "../../site";
import { plannedUploads, Upload, uploadCollisions } from "../../render/proxmox/uploads";
import { homelabWith } from "../fixtures/base";

/** Cluster `a` with node `b-c` and cluster `a-b` with node `c`: both were `talos-a-b-c.yaml`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const collidingNames = homelabWith((c: Record<string, any>) => {
  const k = c.tenants[0].kubernetes;
  delete c.expect; // homelab's failover expectation names the cluster k101
  k.name = "a";
  k.nodes = [{ name: "b-c", id: 11, role: "controlplane" }];
  c.tenants.push({
    id: 102,
    name: "dev",
    kubernetes: { name: "a-b", nodes: [{ name: "c", id: 11, role: "controlplane" }] },
  });
});

test("cluster a/node b-c and cluster a-b/node c get distinct machine-config files", () => {
  const uploads = plannedUploads(requirePlan(collidingNames)).filter(
    (u) => u.contentType === "snippets",
  );
  expect(uploads.map((u) => [u.writer, u.host, u.datastore, u.fileName])).toEqual([
    ["tenants[0].kubernetes.nodes[0]", "pve01", "local", "homelab-vm10111-talos.yaml"],
    ["tenants[1].kubernetes.nodes[0]", "pve01", "local", "homelab-vm10211-talos.yaml"],
  ]);
  expect(uploadCollisions(plannedUploads(requirePlan(collidingNames)))).toEqual([]);
});

test("two writers of one file on one host's datastore are refused, naming both", () => {
  const upload = (writer: string, host: string): Upload => ({
    writer,
    host,
    datastore: "local",
    contentType: "snippets",
    fileName: "homelab-vm3010-user-data.yaml",
  });
  const problems = uploadCollisions([
    upload("vms[0]", "pve1"),
    upload("vms[1]", "pve2"),
    upload("tenants[0].kubernetes.nodes[2]", "pve1"),
  ]);
  expect(problems.map(formatProblem)).toEqual([
    'tenants[0].kubernetes.nodes[2]: "homelab-vm3010-user-data.yaml": is also written by vms[0] to snippets of datastore local on host pve1; one writer would overwrite the other\'s file; give each writer its own VM ID',
  ]);
});

test("one file name in the iso folder and in the snippets folder is no collision", () => {
  const u: Upload = {
    writer: "vms[0]",
    host: "pve1",
    datastore: "local",
    contentType: "iso",
    fileName: "x.img",
  };
  expect(uploadCollisions([u, { ...u, writer: "vms[1]", contentType: "snippets" }])).toEqual([]);
});
