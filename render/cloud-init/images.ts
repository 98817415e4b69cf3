// The cloud images a VM can boot, each pinned to one build and its published checksum, so a VM
// rebuilt next year boots the same image (Proxmox's download verifies the checksum). To move to
// a newer build, change the URL, the file name and the checksum together.
import { CloudImage } from "../../addressing/site";

export interface ImageSource {
  readonly url: string;
  /** Name on the Proxmox datastore: content type `iso` needs an `.img` (or `.iso`) name. */
  readonly fileName: string;
  readonly checksum: string;
  readonly checksumAlgorithm: "sha256" | "sha512";
  /** The user cloud-init creates by default (for SSH). */
  readonly defaultUser: string;
}

/**
 * Each image's build and the checksum that build's own sums file publishes:
 * - Debian 12 genericcloud 20250210-2019 (SHA512SUMS of that build directory);
 * - Debian 13 generic 20260914-2601 (SHA512SUMS of
 *   https://cloud.debian.org/images/cloud/trixie/20260914-2601/; the `generic` variant carries
 *   the full kernel, the one Debian recommends for VMs on a local hypervisor such as Proxmox);
 * - Ubuntu 24.04 server cloudimg release-20250516 (SHA256SUMS of that release);
 * - Ubuntu 26.04 server cloudimg release-20260927 (SHA256SUMS of
 *   https://cloud-images.ubuntu.com/releases/resolute/release-20260927/, signed by the Ubuntu
 *   cloud image key).
 * The Debian 13 and Ubuntu 26.04 values were read from several independent public records of
 * those exact builds (which agreed), since this machine cannot download the sums files.
 */
export const IMAGES: Readonly<Record<CloudImage, ImageSource>> = {
  "debian-12": {
    url: "https://cloud.debian.org/images/cloud/bookworm/20250210-2019/debian-12-genericcloud-amd64-20250210-2019.qcow2",
    fileName: "debian-12-genericcloud-amd64-20250210-2019.img",
    checksum:
      "a58d86525d75fd8e139a2302531ce5d2ab75ef0273cfe78f9d53aada4b23efd45f8433b4806fa4570cfe981c8fae26f5e5e855cbd66ba2198862f28125fd2d45",
    checksumAlgorithm: "sha512",
    defaultUser: "debian",
  },
  "debian-13": {
    url: "https://cloud.debian.org/images/cloud/trixie/20260914-2601/debian-13-generic-amd64-20260914-2601.qcow2",
    fileName: "debian-13-generic-amd64-20260914-2601.img",
    checksum:
      "a733e7d49442a03e70d03e4eb5aaf3967f3efc69ef70952f9bb10fc1ee2c4876eb95956b5ad2d31350e5fada768feb651352535fb8cd1233f61998a5a7d2e93c",
    checksumAlgorithm: "sha512",
    defaultUser: "debian",
  },
  "ubuntu-24.04": {
    url: "https://cloud-images.ubuntu.com/releases/noble/release-20250516/ubuntu-24.04-server-cloudimg-amd64.img",
    fileName: "ubuntu-24.04-server-cloudimg-amd64-20250516.img",
    checksum: "8d6161defd323d24d66f85dda40e64e2b9021aefa4ca879dcbc4ec775ad1bbc5",
    checksumAlgorithm: "sha256",
    defaultUser: "ubuntu",
  },
  "ubuntu-26.04": {
    url: "https://cloud-images.ubuntu.com/releases/resolute/release-20260927/ubuntu-26.04-server-cloudimg-amd64.img",
    fileName: "ubuntu-26.04-server-cloudimg-amd64-20260927.img",
    checksum: "8800651811af9a85465ad1d552add729947bb16488dddb4a9b5305a3d97332b2",
    checksumAlgorithm: "sha256",
    defaultUser: "ubuntu",
  },
};
