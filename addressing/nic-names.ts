// Names a VM's OS gives its NICs through netplan's `set-name` (cloud-init network config): never
// the kernel's own eth<N>. netplan writes set-name as a systemd .link file with Name=, and
// systemd-udevd refuses or races a rename into the kernel's namespace: "Please do not set 'ethX'
// in Name=. It is used by kernel." (systemd/systemd#16665; "Failed to rename network interface 4
// from 'eth2' to 'eth1': File exists", systemd/systemd#29957). Field report 32.
import { Builder } from "./builder";

/** The kernel's names for Ethernet devices it has not renamed. */
const KERNEL_NAME = /^eth\d+$/;

/**
 * Records a problem at `path` when `name`, a NIC name cloud-init's set-name gives, is a kernel
 * name (eth<N>); `instead` is the name to suggest.
 */
export function checkSetName(b: Builder, path: string, name: string, instead: string): void {
  if (!KERNEL_NAME.test(name)) return;
  b.problem(
    path,
    name,
    "is a kernel name (eth<N>): netplan renames the NIC to it by MAC (set-name), which systemd-udevd refuses or races with the kernel's own eth<N> (\"Please do not set 'ethX' in Name=\", systemd#16665)",
    `choose a name outside eth<N>, such as ${instead}`,
  );
}
