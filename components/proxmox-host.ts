// One Proxmox VE node's network devices, from the plan: bonds, bridges and VLAN interfaces with
// the addresses of the networks they carry.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { DevicePlan, HostPlan, InterfaceAddress } from "../addressing/plan-types";

export interface ProxmoxHostArgs {
  /** The host's slice of the plan: its name and network devices with their addresses. */
  readonly host: HostPlan;
  /** Protect the devices that carry management from deletion. */
  readonly protectManagement: boolean;
  /** Written into every device's comment, so a human on the node sees who manages it. */
  readonly managedBy: string;
  /**
   * Devices that exist on the node already (homelab:existing; the management bridge by default):
   * registered with Pulumi's `import` option under the provider's ID `node:iface`, so the first
   * `pulumi up` adopts them and updates what differs from the plan instead of creating them.
   */
  readonly existing: readonly string[];
}

const cidr = (a: InterfaceAddress | undefined): string | undefined =>
  a ? `${a.address}/${a.length}` : undefined;

/** A Proxmox VE host's network: bonds, then bridges and VLANs on top of them. */
export class ProxmoxHost extends pulumi.ComponentResource {
  /** The node name in Proxmox. */
  public readonly nodeName: string;
  /** Every device resource, by interface name. */
  public readonly devices: Record<string, pulumi.CustomResource>;

  constructor(name: string, args: ProxmoxHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:proxmox:ProxmoxHost", name, {}, opts);
    const { host } = args;
    const names = host.network.devices.map((d) => d.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`ProxmoxHost ${name}: device ${duplicate} is defined twice`);
    const unknown = args.existing.find((n) => !names.includes(n));
    if (unknown) throw new Error(`ProxmoxHost ${name}: existing device ${unknown} is not planned`);

    this.nodeName = host.name;
    this.devices = {};
    // Children are keyed by the Proxmox interface name, which is the device's identity on the
    // node anyway: renaming it in config is a replacement whatever the resource name.
    const order: DevicePlan["kind"][] = ["bond", "bridge", "vlan"];
    for (const kind of order) {
      for (const d of host.network.devices.filter((x) => x.kind === kind)) {
        this.devices[d.name] = this.device(name, d, args);
      }
    }
    this.registerOutputs({ nodeName: this.nodeName, devices: Object.keys(this.devices) });
  }

  private device(name: string, d: DevicePlan, args: ProxmoxHostArgs): pulumi.CustomResource {
    const common = {
      nodeName: args.host.name,
      name: d.name,
      mtu: d.mtu,
      address: cidr(d.ipv4),
      address6: cidr(d.ipv6),
      gateway: d.gateway?.ipv4?.toString(),
      gateway6: d.gateway?.ipv6?.toString(),
      comment: `${args.managedBy} ${d.path}`,
    };
    // Lower devices first: a bridge port or VLAN parent must exist before it is used.
    const below = [...(d.ports ?? []), ...(d.parent ? [d.parent] : [])]
      .map((n) => this.devices[n])
      .filter((r): r is pulumi.CustomResource => r !== undefined);
    const options: pulumi.CustomResourceOptions = {
      parent: this,
      dependsOn: below,
      // The interface name is fixed on the node: a replacement must remove the old one first.
      deleteBeforeReplace: true,
      protect: d.carries === "management" && args.protectManagement,
      // The provider's import ID for every Linux network device (bridge, bond, VLAN).
      ...(args.existing.includes(d.name) ? { import: `${args.host.name}:${d.name}` } : {}),
    };
    const child = `${name}-${d.name}`;
    switch (d.kind) {
      case "bond":
        return new proxmoxve.network.linux.Bond(
          child,
          {
            ...common,
            slaves: [...(d.members ?? [])],
            bondMode: d.mode,
            bondXmitHashPolicy:
              d.mode === "802.3ad" || d.mode === "balance-xor" ? d.hashPolicy : undefined,
          },
          options,
        );
      case "bridge":
        return new proxmoxve.network.linux.Bridge(
          child,
          { ...common, ports: [...(d.ports ?? [])], vlanAware: d.vlanAware },
          options,
        );
      case "vlan":
        return new proxmoxve.network.linux.Vlan(child, common, options);
    }
  }
}
