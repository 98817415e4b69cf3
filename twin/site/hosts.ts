// Proxmox hosts in the twin, from resources.json: bridges, bonds (one link each), VLANs (a bridge
// per VLAN, as Proxmox's non-VLAN-aware mode builds `vmbr0v<vid>`: this kernel has no VLAN
// filtering and no `vlan` links), the SDN fabric's loopbacks on an empty bridge standing in for
// `dummy_<fabric>` (no `dummy` links either), and EVPN VNets as bridges holding the anycast
// gateways with a real `vxlan` device per VNet; default routes via the gateways the bridges and
// VLANs set. Manual steps the inventory lists for a host's NIC MTU are applied, and said so.
import { Address, Prefix } from "../../addressing/ip";
import { ProxmoxHostNet, ProxmoxSite, DEFAULT_MTU } from "./resources";
import { SiteBuilder } from "./builder";
import { ManualMtu, ManualSteps } from "./manual";

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
  vrfRoutes: ManualSteps["vrfRoutes"] = new Map(),
  sysctls: ManualSteps["sysctls"] = new Map(),
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
      // The manual step's sysctls (the exit nodes' loose rp_filter) over the twin's defaults.
      sysctls: sysctls.get(host.name) ?? [],
    });
    const own = sysctls.get(host.name);
    if (own) b.note(`manual step applied: ${host.name}: sysctl ${own.join(" and ")}`);
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
  buildSdn(px, manual, b, vrfRoutes);
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
function buildSdn(
  px: ProxmoxSite,
  manual: ManualMtu,
  b: SiteBuilder,
  vrfRoutes: ManualSteps["vrfRoutes"],
): void {
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
  // VRF routes the twin cannot place (no zone with exit nodes on that host) are said so.
  for (const [host, routes] of vrfRoutes)
    if (!zone || zone.exitNodes.length === 0 || !zone.nodes.includes(host))
      b.note(
        `manual step not applied: ${host}: routes ${[...routes.keys()].join(", ")} in a VRF (no EVPN zone with exit nodes on ${host} in resources.json)`,
      );
  if (!zone) return;
  b.note(
    `EVPN zone ${zone.id}: VNets as bridges with the anycast gateways on every host, real vxlan devices with static head-end replication between the hosts' loopbacks (FRR's EVPN control plane is not run)${zone.exitNodes.length > 0 ? "" : "; the zone's VRF is the main table"}`,
  );
  const vtep = (host: string) => {
    const f = sdn.fabric.find((x) => x.host === host);
    const v4 = f?.ip && sdn.controllerPeers.includes(f.ip) ? f.ip : undefined;
    const a = v4 ?? f?.ip6 ?? f?.ip;
    if (!a)
      throw new Error(
        `EVPN zone ${zone.id}: host ${host} has no fabric loopback for its VTEP (it is no OpenFabric node); set hostNetwork.underlay, or hosts[].network.underlay for a host with its own network, to the NICs that link the hosts to each other`,
      );
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
  if (zone.exitNodes.length > 0) buildVrf(px, zone, b, vrfRoutes);
  void VXLAN_PORT;
}

type Zone = NonNullable<ProxmoxSite["sdn"]["zone"]>;

/**
 * A zone with exit nodes: every VM address on one of its VNets as a host route on the zone's
 * other hosts (in the VRF's table and the main table), via the VM's host's loopback over the
 * underlay. It stands for the EVPN type-2 routes (MAC+IP) FRR learns from the VMs' ARP and
 * NDP: without them a host would ARP for a VM behind another host through the VXLAN, and the
 * reply, sent to the anycast gateway's MAC that every host shares, would stay on the VM's host.
 * Call once the VMs are placed (their NICs are veths into the VNet bridges).
 */
export function evpnHostRoutes(px: ProxmoxSite, b: SiteBuilder): void {
  const zone = px.sdn.zone;
  if (!zone || zone.exitNodes.length === 0) return;
  const vnets = new Set(px.sdn.vnets.map((v) => v.id));
  const subnets = px.sdn.vnets.flatMap((v) => v.subnets.map((x) => Prefix.from(x.cidr)));
  let count = 0;
  for (const { a, b: tap } of b.veths) {
    if (!tap.master || !vnets.has(tap.master) || !zone.nodes.includes(tap.node)) continue;
    for (const cidr of a.addresses) {
      const addr = Address.from(cidr.split("/")[0]);
      if (!subnets.some((p) => p.contains(addr))) continue;
      if (hostRoutes(px, zone, b, tap.node, addr)) count++;
    }
  }
  if (count > 0)
    b.note(
      `EVPN zone ${zone.id}: the ${count} VM addresses on its VNets as host routes on the other hosts via their host's loopback (standing for EVPN type-2 routes; a host would otherwise ARP for them into the VXLAN and lose the reply to the shared anycast MAC)`,
    );
}

/**
 * `addr` (on a VNet of `zone` at `home`) as a host route on the zone's other hosts, in the VRF's
 * table and the main table, via `home`'s loopback of its family over the underlay; false (and no
 * route) when `home` has no loopback of that family.
 */
function hostRoutes(px: ProxmoxSite, zone: Zone, b: SiteBuilder, home: string, addr: Address) {
  const vtep = px.sdn.fabric.find((f) => f.host === home);
  const via = addr.family === 4 ? vtep?.ip : vtep?.ip6;
  if (via === undefined) return false;
  for (const host of zone.nodes.filter((h) => h !== home)) {
    const nic = px.sdn.fabric.find((f) => f.host === host)?.nics[0];
    if (nic === undefined) continue;
    const dst = `${addr}/${addr.family === 4 ? 32 : 128}`;
    for (const t of [vrfTable(zone), undefined]) {
      b.routes.push({
        node: host,
        dst,
        via,
        dev: nic,
        onLink: true,
        ...(t === undefined ? {} : { table: t }),
      });
    }
  }
  return true;
}

/**
 * Plugs a namespace into an EVPN VNet, as a VM on it would be: `name`'s NIC `eth<f>` holds
 * `addresses` (every one inside one subnet of a VNet with an anycast gateway) on the VNet's
 * bridge of the zone's first exit node, its default route via the anycast gateway, and the
 * addresses as host routes on the zone's other hosts (evpnHostRoutes). So the namespace reaches
 * the rest of the site through the VRF and the exit node's route leak, and is reached back
 * through the routes to the zone's subnets via the exit nodes (a router's return routes). Returns
 * the VNet and host it is on, or why it cannot be placed: no zone with exit nodes, no such subnet,
 * or an exit node without a loopback of the family for the other hosts' routes to it.
 */
export function evpnPlug(
  px: ProxmoxSite,
  b: SiteBuilder,
  name: string,
  addresses: readonly Address[],
): { vnet: string; host: string } | { why: string } {
  const zone = px.sdn.zone;
  const f = addresses[0].family;
  const vnet = px.sdn.vnets
    .flatMap((v) => v.subnets.map((s) => ({ vnet: v, s, p: Prefix.from(s.cidr) })))
    .find((x) => x.p.family === f && addresses.every((a) => x.p.contains(a)));
  if (!zone || !vnet) return { why: `no EVPN VNet subnet of the preview contains them` };
  if (!vnet.s.gateway)
    return { why: `their subnet ${vnet.s.cidr} on VNet ${vnet.vnet.id} has no anycast gateway` };
  const host = zone.exitNodes[0];
  if (host === undefined)
    return { why: `EVPN zone ${zone.id} has no exit node to reach the rest of the site through` };
  const fabric = px.sdn.fabric.find((x) => x.host === host);
  if ((f === 4 ? fabric?.ip : fabric?.ip6) === undefined)
    return {
      why: `the exit node ${host} has no IPv${f} underlay loopback for the zone's other hosts to route them to`,
    };
  const length = vnet.s.cidr.split("/")[1];
  b.veth(
    {
      node: name,
      name: `eth${f}`,
      mtu: zone.mtu,
      addresses: addresses.map((a) => `${a}/${length}`),
    },
    { node: host, name: b.port(host), mtu: zone.mtu, master: vnet.vnet.id, addresses: [] },
  );
  b.routes.push({ node: name, dst: "default", via: vnet.s.gateway });
  for (const a of addresses) hostRoutes(px, zone, b, host, a);
  return { vnet: vnet.vnet.id, host };
}

/** The routing table that stands for a zone's VRF: its VRF VNI, as Proxmox numbers the VRF. */
export const vrfTable = (zone: Zone): number => zone.vrfVni ?? 1000;

/**
 * A zone with exit nodes: its VRF as a routing table that packets from the zone's VNets look up
 * first (`ip rule iif <vnet>`; this kernel has no `vrf` links), holding the zone's subnets. On an
 * exit node the table ends there and the main table follows: the route leak between the VRF and
 * the host's own routing that Proxmox's exit nodes make. On every other node the table's default
 * route leads to the exit nodes (ECMP; to the primary exit node alone when one is set), over the
 * underlay to their loopbacks: it stands for the default route the exit nodes announce into the
 * zone (EVPN type-5 routes over the zone's VRF VXLAN), since FRR's EVPN control plane is not run.
 * A family the exit nodes have no loopback of gets an unreachable default there (no way out).
 */
function buildVrf(
  px: ProxmoxSite,
  zone: Zone,
  b: SiteBuilder,
  vrfRoutes: ManualSteps["vrfRoutes"],
): void {
  const { sdn } = px;
  const table = vrfTable(zone);
  const exits = zone.primaryExitNode ? [zone.primaryExitNode] : zone.exitNodes;
  const subnets = sdn.vnets.flatMap((v) => v.subnets.map((x) => ({ vnet: v.id, cidr: x.cidr })));
  const families = [...new Set(subnets.map((x) => (x.cidr.includes(":") ? 6 : 4) as 4 | 6))];
  for (const host of zone.nodes) {
    for (const v of sdn.vnets)
      for (const family of families) b.rules.push({ node: host, family, iif: v.id, table });
    for (const x of subnets) b.routes.push({ node: host, dst: x.cidr, dev: x.vnet, table });
    for (const [dst, hops] of vrfRoutes.get(host) ?? []) {
      // The step's routes in the VRF; an exit node leaks them into its main table as well.
      for (const t of zone.exitNodes.includes(host) ? [table, undefined] : [table]) {
        const where = t === undefined ? {} : { table: t };
        b.routes.push(
          hops.length === 1
            ? { node: host, dst, via: hops[0], ...where }
            : { node: host, dst, nexthops: hops, ...where },
        );
      }
      b.note(
        `manual step applied: ${host} routes ${dst} in its VRF via ${hops.join(", ")}${hops.length > 1 ? " (ECMP)" : ""} (inventory.md, Manual steps)`,
      );
    }
    if (zone.exitNodes.includes(host)) continue;
    const fabric = sdn.fabric.find((f) => f.host === host);
    for (const family of families) {
      const hops = exits
        .map((e) => sdn.fabric.find((f) => f.host === e))
        .map((f) => (family === 4 ? f?.ip : f?.ip6))
        .filter((a): a is string => a !== undefined);
      const nic = fabric?.nics[0];
      if (hops.length === 0 || nic === undefined) {
        b.routes.push({
          node: host,
          dst: `unreachable ${family === 4 ? "0.0.0.0/0" : "::/0"}`,
          table,
        });
        continue;
      }
      b.routes.push(
        hops.length === 1
          ? { node: host, dst: "default", via: hops[0], dev: nic, onLink: true, table }
          : { node: host, dst: "default", nexthops: hops, dev: nic, onLink: true, table },
      );
    }
  }
  const ways = zone.primaryExitNode
    ? `the primary exit node ${zone.primaryExitNode}`
    : `the exit nodes ${zone.exitNodes.join(", ")}${zone.exitNodes.length > 1 ? " (ECMP)" : ""}`;
  b.note(
    `EVPN zone ${zone.id}: its VRF is routing table ${table}, looked up first by packets from its VNets (ip rule iif; this kernel has no vrf links); on ${zone.exitNodes.join(", ")} it falls through to the main table (the exit nodes' route leak), on the other hosts its default route leads to ${ways} over the underlay (standing for the default route the exit nodes announce into the zone)`,
  );
}

export { VXLAN_PORT };
