// Proxmox hosts in the twin, from resources.json: bridges, bonds (one link each), VLANs (a bridge
// per VLAN, as Proxmox's non-VLAN-aware mode builds `vmbr0v<vid>`: this kernel has no VLAN
// filtering and no `vlan` links), the SDN fabric's loopbacks on an empty bridge standing in for
// `dummy_<fabric>` (no `dummy` links either), and EVPN VNets as bridges holding the anycast
// gateways with a real `vxlan` device per VNet; default routes via the gateways the bridges and
// VLANs set. Manual steps the inventory lists for a host's NIC MTU are applied, and said so.
import { Address, Prefix } from "../../addressing/ip";
import { ProxmoxHostNet, ProxmoxSite, DEFAULT_MTU } from "./resources";
import { SiteBuilder } from "./builder";
import { ManualMtu } from "./manual";

const VXLAN_PORT = 4789;

/** The MAC of a VNet's anycast gateway: one MAC on every host, as Proxmox's EVPN zone uses. */
export function anycastMac(vni: number): string {
  const b = [(vni >> 16) & 0xff, (vni >> 8) & 0xff, vni & 0xff];
  return ["02", "a0", "00", ...b.map((x) => x.toString(16).padStart(2, "0"))].join(":");
}

/** Where a host's NIC or bond leaves the host: its name and the MTU it runs at. */
function uplinkMtu(host: ProxmoxHostNet, port: string, manual: ManualMtu, b: SiteBuilder): number {
  const bond = host.bonds.find((x) => x.name === port);
  if (bond) return bond.mtu;
  const set = manual.get(`${host.name}/${port}`);
  if (set !== undefined) {
    b.note(`manual step applied: MTU ${set} on ${host.name} ${port} (inventory.md, Manual steps)`);
    return set;
  }
  return DEFAULT_MTU;
}

/** Host-side names: the per-VLAN bridge Proxmox's traditional mode would create. */
export const vlanBridge = (bridge: string, vid: number) => `${bridge}v${vid}`;

/**
 * Builds every host of the site. Returns a function that plugs a VM NIC into the right host
 * bridge (creating a per-VLAN bridge and its uplink on demand).
 */
export function buildHosts(
  px: ProxmoxSite,
  manual: ManualMtu,
  b: SiteBuilder,
): (host: string, bridge: string, vlan: number | undefined) => string {
  const byName = new Map(px.hosts.map((h) => [h.name, h]));
  const vlanOn = (host: ProxmoxHostNet, bridge: string, vid: number): string => {
    const name = vlanBridge(bridge, vid);
    if (b.hasBridge(host.name, name)) return name;
    const br = host.bridges.find((x) => x.name === bridge);
    if (!br) throw new Error(`resources.json: ${host.name} has no bridge ${bridge}`);
    if (!br.vlanAware) {
      throw new Error(
        `resources.json: ${host.name} ${bridge} carries VLAN ${vid} but is not VLAN-aware`,
      );
    }
    b.bridge(host.name, { name, mtu: br.mtu, addresses: [] });
    const port = br.ports[0];
    if (port !== undefined) {
      const mtu = uplinkMtu(host, port, manual, b);
      b.toSwitch(
        { node: host.name, name: `${port}.${vid}`, mtu, addresses: [], master: name },
        `vlan${vid}`,
      );
    }
    return name;
  };
  for (const host of px.hosts) {
    b.device({
      name: host.name,
      kind: "host",
      modelledBy: "Proxmox host: resources.json (bridges, bonds, VLANs, SDN) on iproute2",
      sysctls: [],
    });
    for (const br of host.bridges) {
      b.bridge(host.name, { name: br.name, mtu: br.mtu, addresses: br.addresses });
      const port = br.ports[0];
      if (port === undefined) continue;
      const mtu = uplinkMtu(host, port, manual, b);
      b.toSwitch({ node: host.name, name: port, mtu, addresses: [], master: br.name }, br.name);
      b.onSegment(br.addresses, br.name);
      if (br.ports.length > 1)
        b.note(
          `${host.name} ${br.name}: only its first port ${port} is wired (more would loop the switch)`,
        );
    }
    for (const bond of host.bonds) {
      b.note(
        `${host.name} ${bond.name} (${bond.slaves.join(" + ")}): a bond is one link in the twin`,
      );
    }
    for (const v of host.vlans) {
      const parentBridge = host.bridges.find((x) => x.name === v.parent);
      const parentMtu = parentBridge?.mtu ?? uplinkMtu(host, v.parent, manual, b);
      // Linux refuses a VLAN MTU above its lower device's: the VLAN runs at the smaller one.
      const mtu = Math.min(v.mtu, parentMtu);
      if (parentBridge) {
        const master = vlanOn(host, v.parent, v.vid);
        b.veth(
          { node: host.name, name: v.name, mtu, addresses: v.addresses },
          { node: host.name, name: b.port(host.name), mtu, master, addresses: [] },
        );
        b.onSegment(v.addresses, `vlan${v.vid}`);
      } else {
        b.toSwitch({ node: host.name, name: v.name, mtu, addresses: v.addresses }, `vlan${v.vid}`);
      }
    }
  }
  for (const host of px.hosts) defaultRoutes(host, b);
  jumboPaths(px, b);
  buildSdn(px, manual, b);
  return (host, bridge, vlan) => {
    const h = byName.get(host);
    if (!h) throw new Error(`resources.json: a VM runs on ${host}, which has no network resources`);
    if (px.sdn.vnets.some((v) => v.id === bridge)) {
      if (!b.hasBridge(host, bridge))
        throw new Error(`VNet ${bridge} is not on host ${host} (EVPN zone nodes)`);
      return bridge;
    }
    if (vlan !== undefined) return vlanOn(h, bridge, vlan);
    if (!h.bridges.some((x) => x.name === bridge))
      throw new Error(`resources.json: ${host} has no bridge ${bridge}`);
    return bridge;
  };
}

/**
 * A host's default route per family, via the gateway its bridge or VLAN interface sets (what
 * ifupdown2 installs from `gateway`/`gateway6`); a gateway on none of the host's subnets is noted
 * and not installed, as is a second gateway of one family.
 */
function defaultRoutes(host: ProxmoxHostNet, b: SiteBuilder): void {
  const own = [...host.bridges, ...host.vlans];
  const subnets = own
    .flatMap((x) => x.addresses)
    .map((a) => {
      const [addr, len] = a.split("/");
      const x = Address.from(addr);
      return Prefix.containing(x.family, x.value, Number(len));
    });
  const done = new Set<number>();
  for (const x of own) {
    for (const gw of x.gateways) {
      const a = Address.from(gw);
      if (done.has(a.family)) {
        b.note(`${host.name} ${x.name}: a second IPv${a.family} gateway ${gw}; not installed`);
      } else if (!subnets.some((p) => p.contains(a))) {
        b.note(`${host.name} ${x.name}: gateway ${gw} is on none of its subnets; not installed`);
      } else {
        done.add(a.family);
        b.routes.push({ node: host.name, dst: "default", via: gw });
      }
    }
  }
}

/** Host VLAN interfaces configured above 1500 bytes, with the other hosts on their subnet. */
function jumboPaths(px: ProxmoxSite, b: SiteBuilder): void {
  const subnet = (a: string) => {
    const [addr, len] = a.split("/");
    const x = Address.from(addr);
    return Prefix.containing(x.family, x.value, Number(len)).toString();
  };
  for (const h of px.hosts) {
    for (const v of [...h.vlans, ...h.bridges].filter((x) => x.mtu > DEFAULT_MTU)) {
      const peers = px.hosts
        .filter((o) => o !== h)
        .flatMap((o) => [...o.vlans, ...o.bridges].flatMap((x) => x.addresses))
        .filter((a) => v.addresses.some((m) => subnet(m) === subnet(a)))
        .map((a) => a.split("/")[0]);
      if (peers.length > 0) b.jumbo.push({ node: h.name, iface: v.name, mtu: v.mtu, peers });
    }
  }
}

/** OpenFabric underlay and EVPN VNets. */
function buildSdn(px: ProxmoxSite, manual: ManualMtu, b: SiteBuilder): void {
  const { sdn } = px;
  if (sdn.fabric.length > 0) {
    b.note(
      "OpenFabric: the hosts' first fabric NIC on one switched segment with routes to each loopback (the cabling is not in the artifacts); fabricd is not run",
    );
  }
  for (const f of sdn.fabric) {
    const loop = [f.ip ? `${f.ip}/32` : undefined, f.ip6 ? `${f.ip6}/128` : undefined].filter(
      (x): x is string => x !== undefined,
    );
    b.bridge(f.host, { name: "dummy_underlay", mtu: DEFAULT_MTU, addresses: loop });
    const nic = f.nics[0];
    if (nic === undefined) continue;
    const h = px.hosts.find((x) => x.name === f.host);
    const mtu = h ? uplinkMtu(h, nic, manual, b) : DEFAULT_MTU;
    // Proxmox's fabric puts the loopback on each fabric NIC too (unnumbered links).
    b.toSwitch({ node: f.host, name: nic, mtu, addresses: loop }, "underlay");
    for (const other of sdn.fabric.filter((x) => x !== f)) {
      if (f.ip && other.ip)
        b.routes.push({ node: f.host, dst: `${other.ip}/32`, dev: nic, src: f.ip });
      if (f.ip6 && other.ip6) {
        b.routes.push({ node: f.host, dst: `${other.ip6}/128`, dev: nic, src: f.ip6 });
      }
    }
  }
  const zone = sdn.zone;
  if (!zone) return;
  b.note(
    `EVPN zone ${zone.id}: VNets as bridges with the anycast gateways on every host, real vxlan devices with static head-end replication between the hosts' loopbacks (FRR's EVPN control plane is not run); the zone's VRF is the main table`,
  );
  const vtep = (host: string) => {
    const f = sdn.fabric.find((x) => x.host === host);
    const v4 = f?.ip && sdn.controllerPeers.includes(f.ip) ? f.ip : undefined;
    const a = v4 ?? f?.ip6 ?? f?.ip;
    if (!a)
      throw new Error(`EVPN zone ${zone.id}: host ${host} has no fabric loopback for its VTEP`);
    return a;
  };
  for (const vnet of sdn.vnets) {
    for (const host of zone.nodes) {
      const addresses = vnet.subnets
        .filter((s) => s.gateway)
        .map((s) => `${s.gateway}/${s.cidr.split("/")[1]}`);
      b.bridge(host, { name: vnet.id, mtu: zone.mtu, mac: anycastMac(vnet.vni), addresses });
      b.vxlans.push({
        node: host,
        name: `vxlan_${vnet.id}`,
        vni: vnet.vni,
        local: vtep(host),
        mtu: zone.mtu,
        master: vnet.id,
        remotes: zone.nodes.filter((h) => h !== host).map(vtep),
      });
    }
  }
  void VXLAN_PORT;
}

export { VXLAN_PORT };
