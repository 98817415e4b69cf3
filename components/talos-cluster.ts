// A Talos Kubernetes cluster on Proxmox VMs. Everything that depends on the plan (VM layout, MACs,
// the network patch) is rendered before it gets here; only what talosctl alone can do (secrets,
// machine configs, bootstrap, kubeconfig, upgrades) runs through `@pulumi/command`.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { TalosSettings } from "../addressing/site";
import { talosConfigFileName } from "../render/proxmox/uploads";
import * as scripts from "./talos-scripts";
import { type VmNic, proxmoxNetworkDevices } from "./vm-nic";

/** A Talos node's NIC: the tenant's VNet, or the VM bridge for an egress VLAN. */
export type TalosNic = VmNic;

export interface TalosNode {
  readonly name: string;
  readonly id: number;
  readonly role: "controlplane" | "worker";
  /** Proxmox host and VM ID. */
  readonly host: string;
  readonly vmId: number;
  readonly cores: number;
  readonly memory: number;
  readonly disk: number;
  readonly nics: readonly TalosNic[];
  /** The plan-derived machine-config patch (network, VIP, cluster subnets, CNI none). */
  readonly patch: string;
  /** Address talosctl reaches the node at. */
  readonly address: string;
}

export interface TalosClusterArgs {
  /** Cluster name (also the Talos cluster name). */
  readonly cluster: string;
  /** https://<host>:6443 the cluster's API is reached at. */
  readonly endpoint: string;
  readonly nodes: readonly TalosNode[];
  /** Versions, schematic, datastores, talosctl. */
  readonly settings: TalosSettings;
  /** The Talos nocloud ISO on each Proxmox host. */
  readonly isoFiles: Readonly<Record<string, pulumi.Input<string>>>;
  /** Written into each VM's description. */
  readonly managedBy: string;
}

export class TalosCluster extends pulumi.ComponentResource {
  /** Admin kubeconfig, a secret. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** Kubernetes provider for what runs in the cluster. */
  public readonly provider: k8s.Provider;
  /** The VMs by node name. */
  public readonly vms: Record<string, proxmoxve.VmLegacy>;

  constructor(name: string, args: TalosClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:talos:TalosCluster", name, {}, opts);
    const first = args.nodes.find((n) => n.role === "controlplane");
    if (!first) throw new Error(`TalosCluster ${name}: a cluster needs a control-plane node`);
    for (const n of args.nodes) {
      if (args.isoFiles[n.host] === undefined) {
        throw new Error(`TalosCluster ${name}: no Talos image on host ${n.host} for ${n.name}`);
      }
    }
    const s = args.settings;
    const installImage = `${s.factory.replace(/^https:\/\//, "")}/installer/${s.schematic}:${s.version}`;
    const env = {
      TALOSCTL: s.talosctl,
      CLUSTER: args.cluster,
      ENDPOINT: args.endpoint,
      TALOS_VERSION: s.version,
      KUBERNETES_VERSION: s.kubernetesVersion,
      INSTALL_IMAGE: installImage,
      INSTALL_DISK: s.installDisk,
    };
    const secretOut = { parent: this, additionalSecretOutputs: ["stdout"] };

    // Generated once: no triggers, so later updates never regenerate the cluster's identity.
    const secrets = new command.local.Command(
      `${name}-secrets`,
      { create: scripts.GEN_SECRETS, environment: { TALOSCTL: s.talosctl } },
      secretOut,
    );
    const clusterSecrets = pulumi.secret(secrets.stdout);

    this.vms = {};
    const configs: Record<string, command.local.Command> = {};
    for (const n of args.nodes) {
      const key = `${name}-${n.id}`;
      const config = new command.local.Command(
        `${key}-config`,
        {
          create: scripts.GEN_CONFIG,
          stdin: n.patch,
          environment: { ...env, ROLE: n.role, TALOS_SECRETS: clusterSecrets },
          triggers: [n.patch, s.version, s.kubernetesVersion, installImage],
        },
        secretOut,
      );
      configs[n.name] = config;
      // A machine config holds the cluster's keys: secret wherever it flows, whatever the engine.
      const machineConfig = pulumi.secret(config.stdout);
      const userData = new proxmoxve.FileLegacy(
        `${key}-userdata`,
        {
          nodeName: n.host,
          datastoreId: s.snippetDatastore,
          contentType: "snippets",
          sourceRaw: { data: machineConfig, fileName: talosConfigFileName(n.vmId) },
        },
        // One name per VM ID (render/proxmox/uploads.ts), fixed on the datastore: replace by
        // deleting first.
        { parent: this, deleteBeforeReplace: true },
      );
      this.vms[n.name] = new proxmoxve.VmLegacy(
        `${key}-vm`,
        {
          nodeName: n.host,
          vmId: n.vmId,
          name: n.name,
          description: `${args.managedBy} ${args.cluster}`,
          tags: ["talos", args.cluster, n.role],
          machine: "q35",
          bios: "seabios",
          scsiHardware: "virtio-scsi-single",
          operatingSystem: { type: "l26" },
          cpu: { cores: n.cores, type: "host" },
          memory: { dedicated: n.memory },
          agent: { enabled: s.guestAgent },
          cdrom: { fileId: args.isoFiles[n.host], interface: "ide2" },
          disks: [
            {
              interface: "scsi0",
              datastoreId: s.diskDatastore,
              size: n.disk,
              fileFormat: "raw",
              iothread: true,
              discard: "on",
              ssd: true,
            },
          ],
          bootOrders: ["scsi0", "ide2"],
          networkDevices: proxmoxNetworkDevices(n.nics),
          initialization: {
            interface: "ide0",
            datastoreId: s.diskDatastore,
            userDataFileId: userData.id,
          },
          onBoot: true,
          started: true,
          stopOnDestroy: true,
        },
        {
          parent: this,
          // A VM ID exists once per cluster: replace by deleting first.
          deleteBeforeReplace: true,
          // The ISO and first-boot config only matter at creation; later changes go through
          // talosctl (apply-config, upgrade), so a new Talos version never rebuilds a VM.
          ignoreChanges: ["cdrom", "initialization"],
        },
      );
    }

    const talosEnv = (node: TalosNode) => ({
      ...env,
      NODE: node.address,
      TALOS_SECRETS: clusterSecrets,
    });
    const vms = Object.values(this.vms);
    // Exactly once: no triggers, so it never runs again after the first successful apply.
    const bootstrap = new command.local.Command(
      `${name}-bootstrap`,
      { create: scripts.BOOTSTRAP, environment: talosEnv(first) },
      { parent: this, dependsOn: vms },
    );
    // A version change upgrades one node at a time (never every control plane at once), and a
    // node's new machine config is applied only after its upgrade: a config generated for Talos
    // v1.12+ carries network documents (HostnameConfig, LinkConfig, ...) that v1.11 does not
    // know, while the upgraded node still reads its old `.machine.network` config until
    // apply-config replaces the whole config. Kubernetes moves after every node has.
    let previous: command.local.Command | undefined;
    const steps: command.local.Command[] = [];
    for (const n of args.nodes) {
      const key = `${name}-${n.id}`;
      const upgrade = new command.local.Command(
        `${key}-upgrade`,
        {
          create: scripts.NOTHING,
          update: scripts.UPGRADE_TALOS,
          environment: talosEnv(n),
          triggers: [s.version, s.schematic],
        },
        { parent: this, dependsOn: [bootstrap, ...(previous ? [previous] : [])] },
      );
      // Later machine-config changes reach running nodes by apply-config, not by a new VM.
      const apply = new command.local.Command(
        `${key}-apply`,
        {
          create: scripts.NOTHING,
          update: scripts.APPLY_CONFIG,
          environment: { ...talosEnv(n), MACHINE_CONFIG: pulumi.secret(configs[n.name].stdout) },
        },
        { parent: this, dependsOn: [bootstrap, upgrade] },
      );
      previous = apply;
      steps.push(upgrade, apply);
    }
    new command.local.Command(
      `${name}-upgrade-k8s`,
      {
        create: scripts.NOTHING,
        update: scripts.UPGRADE_KUBERNETES,
        environment: talosEnv(first),
        triggers: [s.kubernetesVersion],
      },
      { parent: this, dependsOn: [bootstrap, ...steps] },
    );
    const kubeconfig = new command.local.Command(
      `${name}-kubeconfig`,
      { create: scripts.KUBECONFIG, environment: talosEnv(first) },
      { ...secretOut, dependsOn: [bootstrap] },
    );
    this.kubeconfig = pulumi.secret(kubeconfig.stdout);
    this.provider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig: this.kubeconfig },
      { parent: this },
    );
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }
}
