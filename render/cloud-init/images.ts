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
 * Debian 12 genericcloud 20250210-2019 (SHA512 from that build's SHA512SUMS) and Ubuntu 24.04
 * server cloudimg release-20250516 (SHA256 from that release's SHA256SUMS).
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
  "ubuntu-24.04": {
    url: "https://cloud-images.ubuntu.com/releases/noble/release-20250516/ubuntu-24.04-server-cloudimg-amd64.img",
    fileName: "ubuntu-24.04-server-cloudimg-amd64-20250516.img",
    checksum: "8d6161defd323d24d66f85dda40e64e2b9021aefa4ca879dcbc4ec775ad1bbc5",
    checksumAlgorithm: "sha256",
    defaultUser: "ubuntu",
  },
};
