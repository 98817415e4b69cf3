// Every file the stack writes onto a Proxmox datastore (Talos machine configs and cloud-init
// snippets, the Talos ISO and the cloud images), with the names the components give them. A
// datastore keeps one file per name and content type, and the provider overwrites by default, so
// two writers of one name would boot a VM from another VM's config. Names are keyed by stable IDs
// (the VM ID, unique in a Proxmox cluster), never by names, so `a` + `b-c` and `a-b` + `c` stay
// apart; `uploadCollisions` refuses any plan where two writers would still meet.
import { Plan } from "../../addressing/plan-types";
import { Problem } from "../../addressing/problems";
import { TalosSettings } from "../../addressing/site";
import { IMAGES } from "../cloud-init/images";

/** One file on one host's datastore and the config path of what writes it. */
export interface Upload {
  /** Config path of the writer, for messages (`tenants[0].kubernetes.nodes[1]`). */
  readonly writer: string;
  /** Proxmox node the file is written on. */
  readonly host: string;
  readonly datastore: string;
  /** Proxmox content type: its own folder on the datastore (`snippets/`, `template/iso/`). */
  readonly contentType: "snippets" | "iso";
  readonly fileName: string;
}

/** A Talos node's machine config (the VM's NoCloud user data): `homelab-vm<vmId>-talos.yaml`. */
export const talosConfigFileName = (vmId: number): string => `homelab-vm${vmId}-talos.yaml`;

/** A cloud-init snippet of a VM: `homelab-vm<vmId>-user-data.yaml`, `...-network-config.yaml`. */
export const snippetFileName = (vmId: number, what: "user-data" | "network-config"): string =>
  `homelab-vm${vmId}-${what}.yaml`;

/** The Talos nocloud ISO: its name says its version and schematic, so equal names hold equal bytes. */
export const talosIsoFileName = (s: TalosSettings): string =>
  `talos-${s.version}-${s.schematic.slice(0, 12)}-nocloud-amd64.iso`;

/** Every upload of the plan, in the order the components register them. */
export function plannedUploads(plan: Plan): Upload[] {
  const s = plan.talos;
  const snippets = (writer: string, host: string, fileName: string): Upload => ({
    writer,
    host,
    datastore: s.snippetDatastore,
    contentType: "snippets",
    fileName,
  });
  const out: Upload[] = [];
  const images = new Map<string, Upload>();
  const image = (writer: string, host: string, fileName: string) => {
    const key = `${fileName}@${host}`;
    if (!images.has(key)) {
      images.set(key, { writer, host, datastore: s.isoDatastore, contentType: "iso", fileName });
    }
  };
  plan.tenants.forEach((t, ti) => {
    const k = t.kubernetes;
    if (!k) return;
    k.vms.forEach((vm, i) => {
      const writer = `tenants[${ti}].kubernetes.nodes[${i}]`;
      if (k.nodeOs === "talos") {
        image(`tenants[${ti}].kubernetes`, vm.host, talosIsoFileName(s));
        out.push(snippets(writer, vm.host, talosConfigFileName(vm.vmId)));
      } else {
        image(`${writer}`, vm.host, IMAGES[k.linux.image].fileName);
        out.push(snippets(writer, vm.host, snippetFileName(vm.vmId, "user-data")));
        out.push(snippets(writer, vm.host, snippetFileName(vm.vmId, "network-config")));
      }
    });
  });
  for (const vm of plan.vms) {
    image(vm.path, vm.host, IMAGES[vm.image].fileName);
    out.push(snippets(vm.path, vm.host, snippetFileName(vm.vmId, "user-data")));
    out.push(snippets(vm.path, vm.host, snippetFileName(vm.vmId, "network-config")));
  }
  return [...out, ...images.values()];
}

/**
 * Two writers of one file name in one content folder of one host's datastore: the later writer
 * is reported, naming the earlier. (A shared datastore is not told apart from a local one here;
 * names keyed by VM ID keep writers apart on shared storage too.)
 */
export function uploadCollisions(uploads: readonly Upload[]): Problem[] {
  const seen = new Map<string, Upload>();
  const problems: Problem[] = [];
  for (const u of uploads) {
    const key = JSON.stringify([u.host, u.datastore, u.contentType, u.fileName]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, u);
      continue;
    }
    problems.push({
      path: u.writer,
      input: u.fileName,
      message: `is also written by ${first.writer} to ${u.contentType} of datastore ${u.datastore} on host ${u.host}; one writer would overwrite the other's file`,
      fix: "give each writer its own VM ID",
    });
  }
  return problems;
}
