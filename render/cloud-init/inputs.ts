// Topology -> what each cloud-init VM boots with: the Linux nodes of clusters on plain Linux and
// the plain VMs. Addresses, NICs, MTUs and routes come from the topology's devices (network
// config); what only the VM itself needs (image, size, packages, K3s) from the plan.
import { FAMILIES, familyKey as key } from "../../addressing/ip";
import { CloudImage, DataDisk } from "../../addressing/site";
import { Plan } from "../../addressing/plan-types";
import { Device, Topology } from "../../topology/types";
import { frrInput } from "../frr/inputs";
import { NetworkConfigInput, networkConfigInput } from "./network-config";
import { renderK3sConfig, UserDataInput } from "./user-data";
import { vipHealth } from "./vip-health";
import { reachableResolvers } from "../../topology/egress";

/** A NIC of a cloud-init VM: its MAC, the topology segment it sits on, its MTU if set. */
export interface MachineNic {
  readonly name: string;
  readonly mac: string;
  readonly segment: string;
  readonly mtu?: number;
}

export interface CloudInitMachine {
  /** Hostname and VM name. */
  readonly name: string;
  /** Stable resource-name key: `node-<tenant>-<node id>` or `vm-<vmId>`. */
  readonly key: string;
  readonly host: string;
  readonly vmId: number;
  readonly cores: number;
  /** MiB. */
  readonly memory: number;
  /** GiB. */
  readonly disk: number;
  /** Data disks beside the boot disk (scsi1, scsi2, ...); none for cluster nodes. */
  readonly disks: readonly DataDisk[];
  readonly image: CloudImage;
  readonly tags: readonly string[];
  readonly nics: readonly MachineNic[];
  /** User data without the SSH keys, which the component adds as a secret. */
  readonly userData: Omit<UserDataInput, "sshKeys">;
  readonly network: NetworkConfigInput;
}

/** Where the K3s server config lives; K3s reads it at start. */
export const K3S_CONFIG = "/etc/rancher/k3s/config.yaml";

const GUEST_AGENT = "qemu-guest-agent";

function nicsOf(d: Device): MachineNic[] {
  return d.interfaces
    .filter((i) => i.kind === "nic")
    .map((i) => {
      if (!i.mac || !i.segment) throw new Error(`${d.name} ${i.name}: no MAC or segment`);
      return {
        name: i.name,
        mac: i.mac,
        segment: i.segment,
        ...(i.mtuCarrier === "cloud-init" ? { mtu: i.mtu } : {}),
      };
    });
}

/**
 * The FRR daemons a node's frr.conf needs, switched on in /etc/frr/daemons (Debian's package
 * starts zebra and staticd only): bgpd for sessions, isisd for the mesh, bfdd for BFD on either.
 */
export function frrDaemons(t: Topology, name: string): string[] {
  const input = frrInput(t, name);
  return [
    ...(input.neighbors.length > 0 ? ["bgpd"] : []),
    ...(input.isis ? ["isisd"] : []),
    ...(input.isis?.bfd || input.neighbors.some((n) => n.bfd) ? ["bfdd"] : []),
  ];
}

function device(t: Topology, name: string): Device {
  const d = t.devices.find((x) => x.name === name);
  if (!d) throw new Error(`${name} is not in the topology`);
  return d;
}

const agent = (plan: Plan): string[] => (plan.talos.guestAgent ? [GUEST_AGENT] : []);
const agentStart = (plan: Plan): string[][] =>
  plan.talos.guestAgent ? [["systemctl", "start", GUEST_AGENT]] : [];

/** The nodes of every cluster on plain Linux, in plan order. */
function linuxNodes(plan: Plan, t: Topology): CloudInitMachine[] {
  return plan.tenants.flatMap((tenant) => {
    const k = tenant.kubernetes;
    if (!k || k.nodeOs !== "linux") return [];
    return k.nodes.map((n, i) => {
      const d = device(t, n.name);
      const vm = k.vms[i];
      const daemons = frrDaemons(t, n.name);
      const families = FAMILIES.filter((f) => n.address[key(f)] || n.mesh[key(f)]);
      // The API VIP this node announces, held on lo only while its API server answers.
      const health = vipHealth(
        d.interfaces.flatMap((i) =>
          i.addresses.filter((h) => h.role === "vip").map((h) => `${h.address}/${h.length}`),
        ),
      );
      return {
        name: n.name,
        key: `node-${tenant.id}-${n.id}`,
        host: vm.host,
        vmId: vm.vmId,
        cores: vm.cores,
        memory: vm.memory,
        disk: vm.disk,
        disks: [],
        image: k.linux.image,
        tags: ["linux", k.name, n.role],
        nics: nicsOf(d),
        userData: {
          hostname: n.name,
          rootLogin: k.frr.user === "root",
          packages: [...agent(plan), "frr", "frr-pythontools", ...k.linux.packages],
          files: health.files,
          commands: [
            ...agentStart(plan),
            ...(daemons.length > 0
              ? [
                  ["sed", "-i", "-E", `s/^(${daemons.join("|")})=no$/\\1=yes/`, "/etc/frr/daemons"],
                  ["systemctl", "restart", "frr"],
                ]
              : []),
            ...health.commands,
          ],
        },
        network: networkConfigInput(
          d,
          reachableResolvers(
            plan,
            t,
            d,
            plan.nameservers.filter((a) => families.includes(a.family)),
          ).map(String),
        ),
      };
    });
  });
}

/** Every plain VM, in config order. */
function plainVms(plan: Plan, t: Topology): CloudInitMachine[] {
  return plan.vms.map((vm) => {
    const d = device(t, vm.name);
    const k3s = vm.k3s;
    return {
      name: vm.name,
      key: `vm-${vm.vmId}`,
      host: vm.host,
      vmId: vm.vmId,
      cores: vm.cores,
      memory: vm.memory,
      disk: vm.disk,
      disks: vm.disks,
      image: vm.image,
      tags: ["linux", ...(k3s ? ["k3s"] : [])],
      nics: nicsOf(d),
      userData: {
        hostname: vm.name,
        rootLogin: false,
        packages: [...agent(plan), ...vm.packages],
        files: k3s
          ? [
              {
                path: K3S_CONFIG,
                permissions: "0644",
                content: renderK3sConfig({
                  clusterCidr: FAMILIES.flatMap((f) => k3s.pods[key(f)] ?? []).map(String),
                  serviceCidr: FAMILIES.flatMap((f) => k3s.services[key(f)] ?? []).map(String),
                  clusterDns: k3s.clusterDns.toString(),
                }),
              },
            ]
          : [],
        commands: agentStart(plan),
      },
      network: networkConfigInput(d, reachableResolvers(plan, t, d, vm.nameservers).map(String)),
    };
  });
}

/** Every VM the site boots from a cloud image: Linux nodes first, then plain VMs. */
export function cloudInitMachines(plan: Plan, t: Topology): CloudInitMachine[] {
  return [...linuxNodes(plan, t), ...plainVms(plan, t)];
}
