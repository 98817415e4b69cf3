// The Kubernetes part of a deployment: Talos ISOs on the hosts that run VMs, one TalosCluster,
// Cilium and CiliumLbPool per tenant cluster. Glue only: every value comes from the plan through
// the pure renderers.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { Address } from "../addressing/ip";
import { Plan, TenantPlan } from "../addressing/plan-types";
import { announcementObjects, ciliumValues, lbPoolObjects } from "../render/cilium/objects";
import { announcementInput, ciliumValuesInput, lbPoolInputs } from "../render/cilium/inputs";
import { talosIsoFileName } from "../render/proxmox/uploads";
import { renderTalosPatchYaml } from "../render/talos/patch";
import { talosNodeInputs } from "../render/talos/inputs";
import { apiServerAddress, clusterNodes } from "../topology/kube-api";
import { Topology } from "../topology/types";
import { Cilium } from "./cilium";
import { CiliumLbPool } from "./cilium-lb-pool";
import { TalosCluster, TalosNic } from "./talos-cluster";

export interface ClusterDeployment {
  readonly name: string;
  readonly talos: TalosCluster;
  readonly cilium: Cilium;
  readonly pools: CiliumLbPool;
}

const hostPart = (a: Address): string => (a.family === 6 ? `[${a}]` : a.toString());

/** The Talos nocloud ISO of the site's version and schematic, once per host that runs a VM. */
export function talosIsos(
  plan: Plan,
  opts: pulumi.ResourceOptions,
): Record<string, pulumi.Output<string>> {
  const s = plan.talos;
  const hosts = new Set(
    plan.tenants.flatMap((t) =>
      t.kubernetes?.nodeOs === "talos" ? t.kubernetes.vms.map((v) => v.host) : [],
    ),
  );
  const files: Record<string, pulumi.Output<string>> = {};
  for (const host of [...hosts].sort()) {
    const iso = new proxmoxve.download.File(
      `talos-iso-${host}`,
      {
        nodeName: host,
        datastoreId: s.isoDatastore,
        contentType: "iso",
        url: `${s.factory}/image/${s.schematic}/${s.version}/nocloud-amd64.iso`,
        fileName: talosIsoFileName(s),
        overwrite: false,
      },
      // The file name is fixed on the datastore: replace by deleting first.
      { ...opts, deleteBeforeReplace: true },
    );
    files[host] = iso.id;
  }
  return files;
}

export function deployCluster(
  plan: Plan,
  topology: Topology,
  tenant: TenantPlan,
  vnetId: pulumi.Input<string> | undefined,
  isoFiles: Record<string, pulumi.Output<string>>,
  opts: pulumi.ComponentResourceOptions,
): ClusterDeployment {
  const k = tenant.kubernetes;
  if (!k) throw new Error(`tenant ${tenant.id} has no cluster`);
  const inputs = talosNodeInputs(topology, plan, tenant);
  const devices = clusterNodes(topology, tenant);
  const hostsByName = new Map(plan.hosts.map((h) => [h.name, h]));
  const nodes = k.nodes.map((n, i) => {
    const vm = k.vms[i];
    const input = inputs[i];
    // NIC j sits on its topology segment: the tenant's VNet, or its VLAN on the host's VM bridge.
    const segments = devices[i].interfaces.filter((x) => x.kind === "nic").map((x) => x.segment);
    const nics: TalosNic[] = input.nics.map((nic, j) => {
      const onVnet = tenant.vnet !== undefined && segments[j] === `vnet:${tenant.vnet.id}`;
      const bridge = onVnet ? vnetId : hostsByName.get(vm.host)?.network.vmBridge;
      if (bridge === undefined) {
        throw new Error(`${n.name}: NIC ${j} has neither a VNet nor a VM bridge on ${vm.host}`);
      }
      return { bridge, vlanId: onVnet ? undefined : tenant.vlan, mac: nic.mac, mtu: nic.mtu };
    });
    const address = n.address.ipv4 ?? n.address.ipv6;
    if (!address) throw new Error(`${n.name} has no address talosctl can reach`);
    return {
      name: n.name,
      id: n.id,
      role: n.role,
      host: vm.host,
      vmId: vm.vmId,
      cores: vm.cores,
      memory: vm.memory,
      disk: vm.disk,
      nics,
      patch: renderTalosPatchYaml(input),
      address: address.toString(),
    };
  });
  const name = `cluster-${tenant.id}`;
  const talos = new TalosCluster(
    name,
    {
      cluster: k.name,
      endpoint: `https://${hostPart(apiServerAddress(topology, tenant))}:6443`,
      nodes,
      settings: plan.talos,
      isoFiles,
      managedBy: `managed-by homelab/${plan.site}`,
    },
    opts,
  );
  const inCluster = { providers: [talos.provider], dependsOn: [talos] };
  const cilium = new Cilium(
    `${name}-cilium`,
    {
      values: ciliumValues(ciliumValuesInput(topology, tenant, plan.talos.ciliumVersion)),
      version: plan.talos.ciliumVersion,
    },
    inCluster,
  );
  const pools = new CiliumLbPool(
    `${name}-lb`,
    {
      pools: lbPoolObjects(lbPoolInputs(plan), k.name),
      announcement: announcementObjects(announcementInput(topology, tenant)),
    },
    { providers: [talos.provider], dependsOn: [cilium] },
  );
  return { name: k.name, talos, cilium, pools };
}
