// A Linux VM booted from a cloud image with cloud-init: the image is imported as its disk, the
// rendered user data and network config are uploaded as snippets and handed to the VM's
// cloud-init drive (Proxmox `cicustom`). Everything the VM holds comes from the topology through
// render/cloud-init; only the resources live here.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import type { DataDisk } from "../addressing/site";
import { snippetFileName } from "../render/proxmox/uploads";
import { type VmNic, proxmoxNetworkDevices } from "./vm-nic";

export type { VmNic } from "./vm-nic";

export interface CloudInitVmArgs {
  /** Hostname and Proxmox VM name. */
  readonly hostname: string;
  /** Proxmox host the VM runs on. */
  readonly host: string;
  readonly vmId: number;
  readonly cores: number;
  /** MiB. */
  readonly memory: number;
  /** GiB: the image is grown to this size. */
  readonly disk: number;
  /** Data disks beside the boot disk: GiB, storage (default the boot disk's), vzdump backup. */
  readonly disks?: readonly DataDisk[];
  readonly tags: readonly string[];
  /** Written into the VM's description. */
  readonly managedBy: string;
  /** The cloud image on the host (a download.File's ID). */
  readonly image: pulumi.Input<string>;
  /** NICs in order: net0, net1, ... */
  readonly nics: readonly VmNic[];
  /** #cloud-config text; a secret when it holds SSH keys. */
  readonly userData: pulumi.Input<string>;
  /** Network config v2 text. */
  readonly networkConfig: string;
  /** Storage of the disk and cloud-init drive, and of the snippets. */
  readonly datastores: { readonly disk: string; readonly snippets: string };
  /** QEMU guest agent (the user data installs it). */
  readonly guestAgent: boolean;
}

/** One cloud-init VM: its user data and network config snippets and the VmLegacy booting them. */
export class CloudInitVm extends pulumi.ComponentResource {
  /** The Proxmox VM. */
  public readonly vm: proxmoxve.VmLegacy;

  constructor(name: string, args: CloudInitVmArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:vm:CloudInitVm", name, {}, opts);
    if (args.nics.length === 0) throw new Error(`CloudInitVm ${name}: a VM needs a NIC`);
    if (!args.networkConfig.startsWith("version: 2\n")) {
      throw new Error(`CloudInitVm ${name}: the network config is not version 2`);
    }
    const snippet = (what: "user-data" | "network-config", data: pulumi.Input<string>) =>
      new proxmoxve.FileLegacy(
        `${name}-${what}`,
        {
          nodeName: args.host,
          datastoreId: args.datastores.snippets,
          contentType: "snippets",
          sourceRaw: { data, fileName: snippetFileName(args.vmId, what) },
        },
        // One name per VM ID (render/proxmox/uploads.ts), fixed on the datastore: replace by
        // deleting first.
        { parent: this, deleteBeforeReplace: true },
      );
    const userData = snippet("user-data", args.userData);
    const networkData = snippet("network-config", args.networkConfig);
    this.vm = new proxmoxve.VmLegacy(
      `${name}-vm`,
      {
        nodeName: args.host,
        vmId: args.vmId,
        name: args.hostname,
        description: args.managedBy,
        tags: [...args.tags],
        machine: "q35",
        bios: "seabios",
        scsiHardware: "virtio-scsi-single",
        operatingSystem: { type: "l26" },
        cpu: { cores: args.cores, type: "host" },
        memory: { dedicated: args.memory },
        agent: { enabled: args.guestAgent },
        // Cloud images log to the serial console and expect one.
        serialDevices: [{ device: "socket" }],
        vga: { type: "serial0" },
        disks: [
          {
            interface: "scsi0",
            datastoreId: args.datastores.disk,
            fileId: args.image,
            size: args.disk,
            iothread: true,
            discard: "on",
            ssd: true,
          },
          // Empty raw disks (no fileId): Proxmox allocates them on the storage.
          ...(args.disks ?? []).map((d, i) => ({
            interface: `scsi${i + 1}`,
            datastoreId: d.datastore ?? args.datastores.disk,
            size: d.size,
            fileFormat: "raw",
            iothread: true,
            discard: "on",
            ssd: true,
            backup: d.backup ?? true,
          })),
        ],
        bootOrders: ["scsi0"],
        networkDevices: proxmoxNetworkDevices(args.nics),
        initialization: {
          interface: "ide2",
          datastoreId: args.datastores.disk,
          userDataFileId: userData.id,
          networkDataFileId: networkData.id,
        },
        onBoot: true,
        started: true,
        stopOnDestroy: true,
      },
      // A VM ID exists once per site: replace by deleting first.
      { parent: this, deleteBeforeReplace: true },
    );
    this.registerOutputs({ vm: this.vm });
  }
}
