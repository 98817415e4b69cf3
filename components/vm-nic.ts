// A VM's network device as both kinds of VM (Talos nodes, cloud-init VMs) hand it to Proxmox.
import * as pulumi from "@pulumi/pulumi";

/** One virtio NIC of a Proxmox VM, in the order the guest sees them (net0, net1, ...). */
export interface VmNic {
  /** Bridge the NIC attaches to: a VNet, or a host bridge (tagged with `vlanId` if set). */
  readonly bridge: pulumi.Input<string>;
  /** 802.1Q VLAN ID (1-4094) Proxmox tags the NIC's frames with on a host bridge. */
  readonly vlanId?: number;
  /** The MAC the guest's network config matches the NIC by (`bc:24:11:..`). */
  readonly mac: string;
  /** Bytes; absent leaves Proxmox's default (the bridge's MTU). */
  readonly mtu?: number;
}

/**
 * The provider's `networkDevices` for a VM's NICs: virtio, the plan's MAC and MTU, and the
 * Proxmox firewall off on the NIC (the policy is enforced by the routers; README "Network
 * policy").
 */
export function proxmoxNetworkDevices(nics: readonly VmNic[]): {
  bridge: pulumi.Input<string>;
  vlanId?: number;
  macAddress: string;
  model: string;
  mtu?: number;
  firewall: boolean;
}[] {
  return nics.map((nic) => ({
    bridge: nic.bridge,
    vlanId: nic.vlanId,
    macAddress: nic.mac,
    model: "virtio",
    mtu: nic.mtu,
    firewall: false,
  }));
}
