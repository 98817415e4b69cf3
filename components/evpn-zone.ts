// The site's EVPN: the OpenFabric underlay that gives each host its loopback, the EVPN controller
// peering between those loopbacks, and the EVPN zone the tenants' VNets live in.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { HostPlan, SdnPlan } from "../addressing/plan-types";

export interface EvpnZoneArgs {
  /** Zone, controller and fabric identifiers, VRF VNI, MTU, peers and exit nodes. */
  readonly sdn: SdnPlan;
  /** The hosts, for the fabric nodes (loopbacks and underlay interfaces). */
  readonly hosts: readonly HostPlan[];
  /** Protect the zone and controller from deletion. */
  readonly protect: boolean;
  /**
   * Whether the controller and zone exist in Proxmox already (homelab:existing): each is then
   * registered with Pulumi's `import` option under its SDN ID, the provider's import ID.
   */
  readonly existing: { readonly controller: boolean; readonly zone: boolean };
}

export class EvpnZone extends pulumi.ComponentResource {
  /** The zone ID VNets attach to. */
  public readonly zoneId: pulumi.Output<string>;
  /** Every SDN object of this component, for the stack's single applier. */
  public readonly sdnObjects: pulumi.CustomResource[];

  constructor(name: string, args: EvpnZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:proxmox:EvpnZone", name, {}, opts);
    const { sdn } = args;
    if (sdn.peers.length === 0)
      throw new Error(`EvpnZone ${name}: the EVPN controller needs at least one peer`);
    const fixed = { parent: this, deleteBeforeReplace: true };
    const objects: pulumi.CustomResource[] = [];

    if (sdn.fabric) {
      const fabric = new proxmoxve.sdn.fabric.Openfabric(
        `${name}-fabric`,
        {
          resourceId: sdn.fabric.id,
          ipPrefix: sdn.fabric.ipv4?.toString(),
          ip6Prefix: sdn.fabric.ipv6?.toString(),
        },
        fixed,
      );
      objects.push(fabric);
      args.hosts
        .filter((h) => h.network.underlay.length > 0)
        .forEach((h) => {
          objects.push(
            // Keyed by node name, Proxmox's own key for a fabric node.
            new proxmoxve.sdn.fabric.node.Openfabric(
              `${name}-fabric-${h.name}`,
              {
                fabricId: fabric.resourceId,
                nodeId: h.name,
                ip: h.loopback.ipv4?.toString(),
                ip6: h.loopback.ipv6?.toString(),
                interfaceNames: [...h.network.underlay],
              },
              fixed,
            ),
          );
        });
    }

    const controller = new proxmoxve.sdn.controller.Evpn(
      `${name}-controller`,
      {
        sdnControllerEvpnId: sdn.controller,
        asn: sdn.asn,
        peers: sdn.peers.map((p) => p.toString()),
      },
      {
        ...fixed,
        protect: args.protect,
        dependsOn: [...objects],
        ...(args.existing.controller ? { import: sdn.controller } : {}),
      },
    );
    const zone = new proxmoxve.sdn.zone.Evpn(
      `${name}-zone`,
      {
        resourceId: sdn.zone,
        controller: controller.sdnControllerEvpnId,
        vrfVxlan: sdn.vrfVni,
        mtu: sdn.mtu,
        nodes: [...sdn.nodes],
        exitNodes: sdn.exitNodes.length > 0 ? [...sdn.exitNodes] : undefined,
        ...(sdn.primaryExitNode ? { primaryExitNode: sdn.primaryExitNode } : {}),
        ...(sdn.exitNodesLocalRouting ? { exitNodesLocalRouting: true } : {}),
        advertiseSubnets: sdn.advertiseSubnets,
        // Off for floating IPs (addressing/plan.ts floatingIps); the provider's default is on.
        ...(sdn.arpNdSuppression ? {} : { disableArpNdSuppression: true }),
      },
      { ...fixed, protect: args.protect, ...(args.existing.zone ? { import: sdn.zone } : {}) },
    );
    objects.push(controller, zone);

    this.zoneId = zone.resourceId;
    this.sdnObjects = objects;
    this.registerOutputs({ zoneId: this.zoneId, sdnObjects: this.sdnObjects.length });
  }
}
