// Turns a validated plan into the stack's resources. Called once from index.ts.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { Plan } from "../addressing/plan-types";
import { cloudInitMachines } from "../render/cloud-init/inputs";
import { proxmoxFirewall } from "../render/proxmox/firewall";
import { Topology } from "../topology/types";
import { CloudInitVm } from "./cloud-init-vm";
import { ClusterDeployment, deployCluster, talosIsos } from "./deploy-kubernetes";
import { cloudImages, deployVms } from "./deploy-vms";
import { deployRouting, renderRouting } from "./deploy-routing";
import { EvpnZone } from "./evpn-zone";
import { ProxmoxFirewall } from "./proxmox-firewall";
import { ProxmoxHost } from "./proxmox-host";
import { SdnApply } from "./sdn-apply";
import { TenantVnet } from "./tenant-vnet";

export interface Deployment {
  readonly hosts: ProxmoxHost[];
  readonly zone?: EvpnZone;
  readonly vnets: TenantVnet[];
  readonly apply?: SdnApply;
  readonly clusters: ClusterDeployment[];
  /** Cloud-init VMs (Linux nodes and plain VMs) by key: `node-<tenant>-<id>`, `vm-<vmId>`. */
  readonly vms: Record<string, CloudInitVm>;
  readonly routers: pulumi.ComponentResource[];
  /** The hosts' own firewall, where the policy's router is not configured by this stack. */
  readonly firewall?: ProxmoxFirewall;
}

/** A stable digest of the plan's SDN slice, in a canonical JSON form. */
export function sdnDigest(plan: Plan): string {
  const slice = {
    sdn: plan.sdn,
    fabricNodes: plan.hosts.map((h) => [h.name, h.loopback, h.network.underlay]),
    vnets: plan.tenants.map((t) => t.vnet),
  };
  // Address and Prefix serialise to their canonical text, so equal plans give equal digests.
  return createHash("sha256").update(JSON.stringify(slice)).digest("hex");
}

export interface DeploySecrets {
  readonly proxmoxApiToken?: pulumi.Output<string>;
  readonly routerSshKey?: pulumi.Output<string>;
  /** SSH public keys for the cloud-init VMs, one per line. */
  readonly vmSshKeys?: pulumi.Output<string>;
}

/** Hosts built between two pauses (see deploySite); a site of fewer is built in one go. */
const HOSTS_AT_ONCE = 50;

/** Lets the SDK register what was built so far before more is built (see deploySite). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds the site's resources. Hosts 50 at a time and clusters one at a time, with a pause between
 * two groups: the SDK holds a resource's promise chains until the engine has registered it, so a
 * site built in one go holds them all at once (README "Benchmark", Scale). A site of one cluster
 * and at most 50 hosts is built in one go, as before.
 */
export async function deploySite(
  plan: Plan,
  topology: Topology,
  secrets: DeploySecrets,
  stack: string,
): Promise<Deployment> {
  // Rendering can still refuse a plan (a router that cannot be configured); do it before the
  // first resource exists.
  const routing = renderRouting(plan, topology, stack);
  const machines = cloudInitMachines(plan, topology);
  const pveFirewall = topology.policy ? proxmoxFirewall(topology.policy) : undefined;
  const apiToken = secrets.proxmoxApiToken;
  const provider = new proxmoxve.Provider("proxmox", {
    endpoint: plan.proxmox.endpoint,
    apiToken,
    insecure: plan.proxmox.insecure,
  });
  const providers = { providers: [provider] };
  const managedBy = `managed-by homelab/${plan.site}`;
  const hosts: ProxmoxHost[] = [];
  for (const h of plan.hosts) {
    if (hosts.length > 0 && hosts.length % HOSTS_AT_ONCE === 0) await settle();
    hosts.push(
      new ProxmoxHost(
        `host-${h.name}`,
        {
          host: h,
          protectManagement: plan.proxmox.protectManagement,
          managedBy,
          existing: plan.existing.interfaces.find((e) => e.node === h.name)?.names ?? [],
        },
        providers,
      ),
    );
  }
  // An EVPN zone, its VNets and the SDN apply exist only when some tenant has a VNet: a site of
  // plain VLANs (seed 002) has no SDN to apply.
  const sdnNeeded = plan.tenants.some((t) => t.vnet);
  const zone = sdnNeeded
    ? new EvpnZone(
        "evpn",
        {
          sdn: plan.sdn,
          hosts: plan.hosts,
          protect: plan.proxmox.protectZone,
          existing: {
            controller: plan.existing.controllers.includes(plan.sdn.controller),
            zone: plan.existing.zones.includes(plan.sdn.zone),
          },
        },
        { ...providers, dependsOn: hosts },
      )
    : undefined;
  const vnetByTenant = new Map<number, TenantVnet>();
  for (const t of plan.tenants) {
    if (!t.vnet || !zone) continue;
    const vnetId = t.vnet.id;
    const existing = {
      vnet: plan.existing.vnets.includes(vnetId),
      zone: plan.sdn.zone,
      subnets: plan.existing.subnets.filter((s) => s.vnet === vnetId).map((s) => s.prefix),
    };
    const args = { vnet: t.vnet, zone: zone.zoneId, alias: t.name, existing };
    vnetByTenant.set(t.id, new TenantVnet(`tenant-${t.id}`, args, providers));
  }
  const vnets = [...vnetByTenant.values()];
  const apply = zone
    ? new SdnApply(
        "sdn",
        {
          objects: [...zone.sdnObjects, ...vnets.flatMap((v) => v.sdnObjects)],
          digest: sdnDigest(plan),
        },
        providers,
      )
    : undefined;
  const isoFiles = talosIsos(plan, { provider });
  // VMs start after the SDN is applied: their NICs attach to the VNets it brings up.
  const clusters: ClusterDeployment[] = [];
  for (const t of plan.tenants) {
    if (t.kubernetes?.nodeOs !== "talos") continue;
    if (clusters.length > 0) await settle();
    clusters.push(
      deployCluster(plan, topology, t, vnetByTenant.get(t.id)?.vnetId, isoFiles, {
        ...providers,
        // Only the hosts its VMs run on: a cluster waits for their bridges, not the site's.
        dependsOn: [
          ...(apply ? [apply] : []),
          ...hosts.filter((h) => t.kubernetes?.vms.some((v) => v.host === h.nodeName)),
        ],
      }),
    );
  }
  const vnetIds = new Map(
    plan.tenants.flatMap((t) => {
      const v = vnetByTenant.get(t.id);
      return t.vnet && v ? [[t.vnet.id, v.vnetId] as const] : [];
    }),
  );
  const images = cloudImages(plan, machines, { provider });
  const vms = deployVms(plan, machines, vnetIds, images, secrets.vmSshKeys, (m) => ({
    ...providers,
    // Like a cluster: after the SDN apply and its own host's bridges.
    dependsOn: [...(apply ? [apply] : []), ...hosts.filter((h) => h.nodeName === m.host)],
  }));
  // FRR is delivered over SSH to a node's VM once it exists.
  const routers = deployRouting(routing, secrets.routerSshKey, vms);
  const firewall = pveFirewall
    ? new ProxmoxFirewall("firewall", { firewall: pveFirewall }, { ...providers, dependsOn: hosts })
    : undefined;
  return { hosts, zone, vnets, apply, clusters, vms, routers, ...(firewall ? { firewall } : {}) };
}
