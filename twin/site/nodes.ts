// VMs in the twin: a namespace per VM whose OS an artifact configures. Talos nodes take their
// NIC names from the VM's NIC order (Talos names virtio `net<i>` `ens<18+i>` on Proxmox), their
// addresses, routes and shared VIP from talos/<node>.yaml, and Cilium from their cluster's
// objects. Linux VMs take NICs, addresses, MTUs and routes from cloud-init/<vm>/network-config
// (netplan v2: NICs matched by MAC, renamed by set-name) and run their frr/<vm>.conf as it is.
import { parse } from "yaml";
import { talosNicName } from "../../topology/nodes";
import { readFrr } from "../readback/frr";
import { ArtifactMap } from "../readback/folder";
import { readTalos, vmNics } from "../readback/kubernetes";
import { ObservedDevice } from "../readback/types";
import { SiteBuilder } from "./builder";
import {
  ciliumBgp,
  ciliumLocalAddresses,
  ciliumObjects,
  ciliumRouterId,
  l2Interfaces,
  serviceAddresses,
} from "./cilium";
import { DEFAULT_MTU, ProxmoxSite, ProxmoxVm } from "./resources";

type Plug = (host: string, bridge: string, vlan: number | undefined) => string;

interface NetplanEthernet {
  match?: { macaddress?: string; name?: string };
  "set-name"?: string;
  mtu?: number;
  addresses?: string[];
  routes?: { to: string; via: string; metric?: number; "on-link"?: boolean }[];
}

/** A Linux VM's NICs from its network config (netplan v2), in VM NIC order. */
export interface LinuxNic {
  readonly name: string;
  readonly mtu: number;
  readonly addresses: readonly string[];
  readonly routes: readonly { to: string; via: string; metric?: number; onLink?: boolean }[];
}

/** Reads a network config against the VM's MACs. Throws on a NIC no VM MAC matches. */
export function readNetworkConfig(
  path: string,
  text: string,
  macs: readonly string[],
): { nics: (LinuxNic | undefined)[]; loopback: string[] } {
  const doc = parse(text) as { version?: number; ethernets?: Record<string, NetplanEthernet> };
  if (doc.version !== 2) throw new Error(`${path}: not a network config version 2`);
  const nics: (LinuxNic | undefined)[] = macs.map(() => undefined);
  let loopback: string[] = [];
  for (const [key, e] of Object.entries(doc.ethernets ?? {})) {
    if (e.match?.name === "lo") {
      loopback = e.addresses ?? [];
      continue;
    }
    const i = macs.indexOf(String(e.match?.macaddress).toLowerCase());
    if (i < 0)
      throw new Error(`${path}: ${key} matches MAC ${e.match?.macaddress}, no NIC of the VM`);
    nics[i] = {
      name: e["set-name"] ?? key,
      mtu: e.mtu ?? DEFAULT_MTU,
      addresses: e.addresses ?? [],
      routes: (e.routes ?? []).map((r) => ({
        to: r.to,
        via: r.via,
        ...(r.metric !== undefined ? { metric: r.metric } : {}),
        ...(r["on-link"] ? { onLink: true } : {}),
      })),
    };
  }
  return { nics, loopback };
}

/** What the node builders leave for the checks: the devices read back, by VM name. */
export interface NodeFacts {
  readonly talos: readonly ObservedDevice[];
  readonly linux: ReadonlyMap<string, { nics: (LinuxNic | undefined)[]; frr?: ObservedDevice }>;
  /** Cluster folder (k8s/<dir>) -> its Talos node names. */
  readonly clusters: ReadonlyMap<string, readonly string[]>;
}

const lowerDefault = (to: string) => (to === "0.0.0.0/0" || to === "::/0" ? "default" : to);

/** Builds every VM an artifact configures; notes the others. */
export function buildNodes(
  files: ArtifactMap,
  px: ProxmoxSite,
  plug: Plug,
  b: SiteBuilder,
): NodeFacts {
  const under = (dir: string) => new Map([...files].filter(([p]) => p.startsWith(dir)));
  const resources = JSON.parse(files.get("resources.json") ?? "[]");
  const clusterFiles = new Map<string, Map<string, string>>();
  for (const [p, text] of under("k8s/")) {
    const [, dir, file] = p.split("/");
    clusterFiles.set(dir, (clusterFiles.get(dir) ?? new Map()).set(file, text));
  }
  const talos = readTalos(
    new Map([...under("talos/")].filter(([p]) => p.endsWith(".yaml"))),
    [...clusterFiles].map(([dir, m]) => ({ dir, files: m })),
    vmNics(resources),
  );
  const linux = new Map<string, { nics: (LinuxNic | undefined)[]; frr?: ObservedDevice }>();
  const clusters = new Map<string, string[]>();
  const vipHolders = new Set<string>();
  for (const vm of px.vms) {
    const t = talos.find((d) => d.name === vm.name);
    const netcfg = files.get(`cloud-init/${vm.name}/network-config`);
    if (t) {
      buildTalos(vm, t, plug, b, vipHolders);
      const dir = t.sources.find((s) => s.startsWith("k8s/"))?.split("/")[1];
      if (dir) clusters.set(dir, [...(clusters.get(dir) ?? []), vm.name]);
    } else if (netcfg !== undefined) {
      linux.set(vm.name, buildLinux(vm, netcfg, files.get(`frr/${vm.name}.conf`), plug, b));
    } else {
      b.note(
        `VM ${vm.name}: no artifact configures its OS (no talos/ or cloud-init/ file); not in the twin`,
      );
    }
  }
  const explicit = JSON.parse(files.get("outputs.json") ?? "{}").serviceIps as
    { address: string }[] | undefined;
  for (const [dir, names] of clusters) {
    buildCilium(
      dir,
      clusterFiles.get(dir) ?? new Map(),
      names.sort(),
      talos,
      (explicit ?? []).map((e) => e.address),
      b,
    );
  }
  return { talos, linux, clusters };
}

function buildTalos(
  vm: ProxmoxVm,
  t: ObservedDevice,
  plug: Plug,
  b: SiteBuilder,
  vips: Set<string>,
): void {
  b.device({
    name: vm.name,
    kind: "node",
    modelledBy: `Talos node: talos/${vm.name}.yaml (NICs ens18+N in VM order) on iproute2`,
    sysctls: [],
  });
  vm.nics.forEach((nic, i) => {
    const name = talosNicName(i);
    const addresses = t.addresses
      .filter((a) => a.iface === name && (!a.vip || !vips.has(String(a.address))))
      .map((a) => `${a.address}/${a.length}`);
    // Talos elects one holder of a shared VIP; the twin gives it to the first node that has it.
    for (const a of t.addresses.filter((x) => x.iface === name && x.vip))
      vips.add(String(a.address));
    veth(vm, i, name, nic.mtu ?? DEFAULT_MTU, addresses, plug, b);
  });
  for (const r of t.routes) {
    b.routes.push({
      node: vm.name,
      dst: lowerDefault(String(r.dst)),
      via: String(r.via),
      dev: r.iface,
    });
  }
}

function veth(
  vm: ProxmoxVm,
  i: number,
  name: string,
  mtu: number,
  addresses: readonly string[],
  plug: Plug,
  b: SiteBuilder,
): void {
  const nic = vm.nics[i];
  const master = plug(vm.host, nic.bridge, nic.vlan);
  b.veth(
    { node: vm.name, name, mtu, mac: nic.mac, addresses },
    { node: vm.host, name: `tap${vm.vmId}i${i}`, mtu, master, addresses: [] },
  );
  const seg = nic.vlan !== undefined ? `vlan${nic.vlan}` : nic.bridge;
  b.onSegment(addresses, seg);
}

function buildLinux(
  vm: ProxmoxVm,
  text: string,
  frr: string | undefined,
  plug: Plug,
  b: SiteBuilder,
) {
  const cfg = readNetworkConfig(
    `cloud-init/${vm.name}/network-config`,
    text,
    vm.nics.map((n) => n.mac),
  );
  b.device({
    name: vm.name,
    kind: "vm",
    modelledBy: `Linux VM: cloud-init/${vm.name}/network-config on iproute2${frr ? `, frr/${vm.name}.conf on FRR` : ""}`,
    sysctls: [],
  });
  cfg.nics.forEach((n, i) => {
    if (!n) return b.note(`VM ${vm.name}: net${i} has no network config; left down`);
    veth(vm, i, n.name, n.mtu, n.addresses, plug, b);
    for (const r of n.routes) {
      b.routes.push({
        node: vm.name,
        dst: lowerDefault(r.to),
        via: r.via,
        dev: n.name,
        ...(r.metric !== undefined ? { metric: r.metric } : {}),
        ...(r.onLink ? { onLink: true } : {}),
      });
    }
  });
  for (const a of cfg.loopback) b.loopbacks.push({ node: vm.name, address: a });
  const observed = frr ? readFrr(`frr/${vm.name}.conf`, frr) : undefined;
  if (frr && observed) {
    const daemons = [
      "zebra",
      "staticd",
      "bfdd",
      "bgpd",
      ...(frr.includes("router isis") ? ["isisd" as const] : []),
    ] as const;
    b.frr.push({ node: vm.name, conf: frr, daemons: [...daemons] });
  }
  return { nics: cfg.nics, ...(observed ? { frr: observed } : {}) };
}

function buildCilium(
  dir: string,
  files: ReadonlyMap<string, string>,
  names: readonly string[],
  talos: readonly ObservedDevice[],
  explicit: readonly string[],
  b: SiteBuilder,
): void {
  const objs = ciliumObjects(files);
  const services = serviceAddresses(objs, explicit);
  const regexes = l2Interfaces(objs);
  for (const name of names) {
    const node = talos.find((d) => d.name === name) as ObservedDevice;
    const v4 = node.addresses.find((a) => a.address.family === 4 && !a.vip);
    const routerId = ciliumRouterId(objs, name, v4 ? String(v4.address) : undefined);
    const bgp = ciliumBgp(objs, routerId, services, ciliumLocalAddresses(objs, name));
    if (!bgp) continue;
    b.gobgp.push({ node: name, config: bgp.config, announce: bgp.announce, peers: bgp.peers });
    const dev = b.devices.find((d) => d.name === name);
    if (dev)
      Object.assign(dev, { modelledBy: `${dev.modelledBy}, GoBGP for Cilium's BGP (k8s/${dir}/)` });
  }
  if (regexes === undefined) return;
  b.note(
    `Cilium L2 announcements (k8s/${dir}/): the elected node takes each service address on the NIC the policy matches and answers ARP (arp_ignore=1) and NDP there only`,
  );
  const elected = names.find((n) =>
    (talos.find((d) => d.name === n)?.nics ?? []).some((nic) => regexes.some((r) => r.test(nic))),
  );
  const policy = regexes.map((r) => r.source).join(", ");
  if (!elected) {
    // Nothing answers; the checks still expect an answer for every service address.
    for (const s of services) b.l2.push({ node: "", iface: policy, address: String(s) });
    return;
  }
  const nics = talos.find((d) => d.name === elected)?.nics ?? [];
  const iface = nics.find((nic) => regexes.some((r) => r.test(nic))) as string;
  const dev = b.devices.find((d) => d.name === elected);
  if (dev) {
    Object.assign(dev, {
      sysctls: ["net.ipv4.conf.all.arp_ignore=1", "net.ipv4.conf.all.arp_announce=2"],
    });
  }
  for (const s of services) b.l2.push({ node: elected, iface, address: String(s) });
}
