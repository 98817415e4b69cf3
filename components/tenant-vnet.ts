// A tenant's VNet in the EVPN zone with its dual-stack subnets and anycast gateways.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { VnetPlan } from "../addressing/plan-types";

export interface TenantVnetArgs {
  /** VNet ID, VNI and subnets with their gateways, from the plan. */
  readonly vnet: VnetPlan;
  /** The EVPN zone the VNet belongs to. */
  readonly zone: pulumi.Input<string>;
  /** Human-readable alias shown in the Proxmox UI. */
  readonly alias: string;
  /**
   * What exists in Proxmox already (homelab:existing): the VNet, and its subnets by prefix text.
   * Each is registered with Pulumi's `import` option under the provider's ID (`subnetImportId`).
   */
  readonly existing: {
    readonly vnet: boolean;
    /** The zone's ID, part of a subnet's ID in Proxmox. */
    readonly zone: string;
    readonly subnets: readonly string[];
  };
}

/**
 * The provider's import ID of an SDN subnet: `<vnet>/<subnet-id>`, where Proxmox's subnet ID is
 * `<zone>-<network>-<length>` (`vnet101/vxevpn01-10.101.0.0-24`; proxmoxve.sdn.Subnet docs).
 */
export function subnetImportId(vnet: string, zone: string, prefix: string): string {
  return `${vnet}/${zone}-${prefix.replace("/", "-")}`;
}

/** `-2`, `-3`... for the second and later subnets of one family, else nothing. */
function suffix(subnets: TenantVnetArgs["vnet"]["subnets"], i: number): string {
  const family = subnets[i].prefix.family;
  const nth = subnets.slice(0, i).filter((s) => s.prefix.family === family).length;
  return nth > 0 ? `-${nth + 1}` : "";
}

export class TenantVnet extends pulumi.ComponentResource {
  /** The VNet ID VMs attach to (e.g. vnet101). */
  public readonly vnetId: pulumi.Output<string>;
  /** Every SDN object of this component, for the stack's single applier. */
  public readonly sdnObjects: pulumi.CustomResource[];

  constructor(name: string, args: TenantVnetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:proxmox:TenantVnet", name, {}, opts);
    const { vnet } = args;
    if (vnet.subnets.length === 0) throw new Error(`TenantVnet ${name}: ${vnet.id} has no subnet`);
    // VNet and subnet IDs are fixed in Proxmox: replace by deleting first, never two at once.
    const fixed = { parent: this, deleteBeforeReplace: true };
    const adopt = (id: string | false) => (id ? { import: id } : {});
    const v = new proxmoxve.sdn.Vnet(
      `${name}-vnet`,
      { resourceId: vnet.id, zone: args.zone, tag: vnet.vni, alias: args.alias },
      { ...fixed, ...adopt(args.existing.vnet && vnet.id) },
    );
    // The first subnet of a family keeps the plain name; an on-link LoadBalancer prefix beside it
    // is `-v4-2`, so adding one never renames (and replaces) the VM subnet.
    const subnets = vnet.subnets.map(
      (s, i) =>
        new proxmoxve.sdn.Subnet(
          `${name}-subnet-v${s.prefix.family}${suffix(vnet.subnets, i)}`,
          {
            vnet: v.resourceId,
            cidr: s.prefix.toString(),
            gateway: s.gateway?.toString(),
            ...(s.snat ? { snat: true } : {}),
          },
          {
            ...fixed,
            ...adopt(
              args.existing.subnets.includes(s.prefix.toString()) &&
                subnetImportId(vnet.id, args.existing.zone, s.prefix.toString()),
            ),
          },
        ),
    );
    this.vnetId = v.resourceId;
    this.sdnObjects = [v, ...subnets];
    this.registerOutputs({ vnetId: this.vnetId, sdnObjects: this.sdnObjects.length });
  }
}
