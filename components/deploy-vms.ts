// The cloud-init part of a deployment: each cloud image once per host that boots it, and one
// CloudInitVm per Linux node and plain VM, with its user data and network config rendered from
// the topology. Glue only: every value comes from render/cloud-init.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../addressing/plan-types";
import { CloudInitMachine } from "../render/cloud-init/inputs";
import { IMAGES } from "../render/cloud-init/images";
import { renderNetworkConfig } from "../render/cloud-init/network-config";
import { renderUserData, sshKeyLines } from "../render/cloud-init/user-data";
import { CloudInitVm, VmNic } from "./cloud-init-vm";

/** The pinned cloud images, one download per image and host that boots it, by `<image>@<host>`. */
export function cloudImages(
  plan: Plan,
  machines: readonly CloudInitMachine[],
  opts: pulumi.ResourceOptions,
): Record<string, pulumi.Output<string>> {
  const wanted = [...new Set(machines.map((m) => `${m.image}@${m.host}`))].sort();
  const files: Record<string, pulumi.Output<string>> = {};
  for (const k of wanted) {
    const [image, host] = k.split("@") as [keyof typeof IMAGES, string];
    const src = IMAGES[image];
    files[k] = new proxmoxve.download.File(
      `image-${image}-${host}`,
      {
        nodeName: host,
        datastoreId: plan.talos.isoDatastore,
        contentType: "iso",
        url: src.url,
        fileName: src.fileName,
        checksum: src.checksum,
        checksumAlgorithm: src.checksumAlgorithm,
        overwrite: false,
      },
      // The file name is fixed on the datastore: replace by deleting first.
      { ...opts, deleteBeforeReplace: true },
    ).id;
  }
  return files;
}

/**
 * Where each NIC attaches: a VNet's resource ID (by VNet name), else the host's bridge, tagged
 * with the network's VLAN. Plain VMs carry their attachment in the plan; a node NIC is on its
 * tenant's VNet or on the tenant's VLAN of the host's VM bridge.
 */
function attachments(
  plan: Plan,
  m: CloudInitMachine,
  vnets: ReadonlyMap<string, pulumi.Input<string>>,
): VmNic[] {
  const vm = plan.vms.find((v) => v.name === m.name);
  const host = plan.hosts.find((h) => h.name === m.host);
  return m.nics.map((nic, i) => {
    const base = { mac: nic.mac, ...(nic.mtu !== undefined ? { mtu: nic.mtu } : {}) };
    const vnetName = nic.segment.startsWith("vnet:") ? nic.segment.slice(5) : undefined;
    const attach = vm?.networks[i]?.attach;
    if (attach && !("vnet" in attach)) {
      return {
        ...base,
        bridge: attach.bridge,
        ...(attach.vlan !== undefined ? { vlanId: attach.vlan } : {}),
      };
    }
    const name = attach && "vnet" in attach ? attach.vnet : vnetName;
    if (name !== undefined) {
      const id = vnets.get(name);
      if (id === undefined) throw new Error(`${m.name}: VNet ${name} is not deployed`);
      return { ...base, bridge: id };
    }
    const tenant = plan.tenants.find((t) => `tenant:${t.id}` === nic.segment);
    const bridge = host?.network.vmBridge;
    if (!tenant || bridge === undefined) {
      throw new Error(`${m.name}: NIC ${nic.name} has neither a VNet nor a VM bridge on ${m.host}`);
    }
    return { ...base, bridge, ...(tenant.vlan !== undefined ? { vlanId: tenant.vlan } : {}) };
  });
}

/**
 * The user data with the SSH keys: a secret exactly when the keys are (a `secure:` value); keys
 * written in plain text are public keys and leave it readable.
 */
export function userDataOf(
  m: CloudInitMachine,
  sshKeys: pulumi.Output<string> | undefined,
): pulumi.Input<string> {
  if (!sshKeys) return renderUserData({ ...m.userData, sshKeys: [] });
  return sshKeys.apply((k) => renderUserData({ ...m.userData, sshKeys: sshKeyLines(k) }));
}

/** One CloudInitVm per machine, by machine key (`node-<tenant>-<id>`, `vm-<vmId>`). */
export function deployVms(
  plan: Plan,
  machines: readonly CloudInitMachine[],
  vnets: ReadonlyMap<string, pulumi.Input<string>>,
  images: Readonly<Record<string, pulumi.Output<string>>>,
  sshKeys: pulumi.Output<string> | undefined,
  opts: (m: CloudInitMachine) => pulumi.ComponentResourceOptions,
): Record<string, CloudInitVm> {
  const out: Record<string, CloudInitVm> = {};
  for (const m of machines) {
    const image = images[`${m.image}@${m.host}`];
    if (image === undefined) throw new Error(`${m.name}: no ${m.image} image on ${m.host}`);
    out[m.key] = new CloudInitVm(
      m.key,
      {
        hostname: m.name,
        host: m.host,
        vmId: m.vmId,
        cores: m.cores,
        memory: m.memory,
        disk: m.disk,
        disks: m.disks,
        tags: m.tags,
        managedBy: `managed-by homelab/${plan.site}`,
        image,
        nics: attachments(plan, m, vnets),
        userData: userDataOf(m, sshKeys),
        networkConfig: renderNetworkConfig(m.network),
        datastores: { disk: plan.talos.diskDatastore, snippets: plan.talos.snippetDatastore },
        guestAgent: plan.talos.guestAgent,
      },
      opts(m),
    );
  }
  return out;
}
