// Manual steps: planned values no rendered config carries, with who must set what, where. They are
// derived from the topology's carriers ("manual"), so that nothing the inventory shows as applied
// is left to chance: an NIC MTU no provider resource sets, a VLAN interface a router script only
// adds addresses to, everything an external device must do for its sessions, software this stack
// does not install (Kubernetes on Linux nodes, K3s).
import { FAMILIES, familyKey as key } from "../addressing/ip";
import { Plan, RouterAddress, RouterPlan } from "../addressing/plan-types";
import { routeOf } from "./sessions";
import { ManualStep, Topology } from "./types";

/** "MTU 9000 on eno2 and eno3", grouped by MTU. */
function mtuList(nics: readonly { name: string; mtu: number }[]): string {
  const by = new Map<number, string[]>();
  for (const n of nics) by.set(n.mtu, [...(by.get(n.mtu) ?? []), n.name]);
  const and = (xs: string[]) =>
    xs.length > 1 ? `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}` : xs[0];
  return [...by].map(([mtu, names]) => `MTU ${mtu} on ${and(names)}`).join(", ");
}

function nicMtuSteps(plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  return t.devices.flatMap((d) => {
    const nics = d.interfaces.filter((i) => i.kind === "nic" && i.mtuCarrier === "manual");
    if (nics.length === 0 || d.kind !== "host") return [];
    const host = plan.hosts.find((h) => h.name === d.name);
    const underlay = nics.filter((n) => host?.network.underlay.includes(n.name));
    const why =
      underlay.length > 0
        ? `the EVPN underlay carries VNet frames of ${plan.fabric.mtu.vnet} bytes plus VXLAN overhead (fabric.mtu.physical ${plan.fabric.mtu.physical}); no Proxmox resource sets a NIC's MTU, and the NIC stays at 1500 otherwise`
        : "a bridge or VLAN on the NIC has this MTU; no Proxmox resource sets a NIC's MTU";
    return [
      {
        device: d.name,
        what: `set ${mtuList(nics)} (System > Network, or \`mtu\` in /etc/network/interfaces)`,
        why,
      },
    ];
  });
}

function routerVlanSteps(plan: Plan): ManualStep[] {
  return plan.routers.flatMap((r) =>
    r.os === "external" || r.trunk !== undefined
      ? []
      : r.vlans.flatMap((v) => {
          const t = plan.tenants.find((x) => x.id === v.tenant);
          if (!t || t.vlan === undefined) return [];
          return [
            {
              device: r.name,
              what: `interface ${v.interface} carries VLAN ${t.vlan} (tenant ${t.name}) to the Proxmox hosts' VM bridge`,
              why: `the ${r.os === "routeros" ? "RouterOS script" : "frr.conf"} puts the tenant's gateway on ${v.interface} but does not create the VLAN interface`,
            },
          ];
        }),
  );
}

/** FRR puts addresses on interfaces but creates none: a Linux router's VLAN interfaces. */
function linuxRouterSteps(plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  return plan.routers.flatMap((r) => {
    if (r.os !== "linux" && r.os !== "frr") return [];
    const d = t.devices.find((x) => x.name === r.name);
    const vlans = (d?.interfaces ?? []).filter((i) => i.kind === "vlan" && i.segment);
    if (vlans.length === 0) return [];
    return [
      {
        device: r.name,
        what: `create the interfaces ${vlans.map((i) => `${i.name} (${segmentName(t, i.segment ?? "")})`).join(", ")}`,
        why: "frr.conf puts the router's addresses on them but does not create interfaces",
      },
    ];
  });
}

/** Everything an external device must hold and say for its part of the topology. */
function externalSteps(t: Omit<Topology, "manualSteps">): ManualStep[] {
  return t.devices.flatMap((d) => {
    if (d.kind !== "external") return [];
    const addresses = d.interfaces.flatMap((i) =>
      i.addresses.map((h) => ({
        device: d.name,
        what: `hold ${h.address}/${h.length} on ${i.segment ? segmentName(t, i.segment) : i.name}`,
        why: `${h.role === "gateway" ? "gateway" : "address"} of the plan (${h.path})`,
      })),
    );
    const sessions = t.sessions.flatMap((s) =>
      s.ends
        .map((end, i) => ({ end, other: s.ends[1 - i] }))
        .filter(({ end }) => end.device === d.name)
        .map(({ end, other }) => ({
          device: d.name,
          what:
            `BGP: neighbor ${other.address} remote-as ${other.asn} (${other.device}) from ${end.address}` +
            `${end.multihop ? `, eBGP multihop TTL ${end.multihop}` : ""}` +
            `${end.reach !== "connected" ? `, route ${end.reach.dst} toward it` : ""}` +
            `, accept ${end.accepts
              .filter((r) => r.action === "permit")
              .map((r) => `${r.prefix}${r.orLonger ? " or longer" : ""}`)
              .join(", ")}`,
          why: `session ${s.id} (${s.path})`,
        })),
    );
    return [...addresses, ...sessions];
  });
}

function segmentName(t: Omit<Topology, "manualSteps">, id: string): string {
  const s = t.segments.find((x) => x.id === id);
  return s ? `${s.name}${s.vlan !== undefined ? ` (VLAN ${s.vlan})` : ""}` : id;
}

/** K3s is not installed here: cloud-init writes its server config, the install is by hand. */
function k3sSteps(plan: Plan): ManualStep[] {
  return plan.vms.flatMap((vm) =>
    vm.k3s
      ? [
          {
            device: vm.name,
            what: "install the K3s server (it reads /etc/rancher/k3s/config.yaml, which cloud-init writes with the planned cluster-cidr, service-cidr and cluster-dns)",
            why: "K3s is not a Debian package; this program does not run its installer",
          },
        ]
      : [],
  );
}

function clusterSteps(plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  return plan.tenants.flatMap((tenant) => {
    const k = tenant.kubernetes;
    if (!k) return [];
    const out: ManualStep[] = [];
    if (k.nodeOs === "linux") {
      const masks = FAMILIES.flatMap((f) => {
        const p = k.nodes[0]?.pods[key(f)];
        return p ? [`--node-cidr-mask-size-${key(f)}=${p.length}`] : [];
      });
      out.push({
        device: `${k.name} kube-controller-manager`,
        what: `${masks.join(" ")} with --cluster-cidr=${FAMILIES.flatMap((f) => k.pods[key(f)] ?? []).join(",")}`,
        why: "the per-node pod CIDRs the plan documents; Kubernetes on plain Linux nodes is not installed by this stack",
      });
    }
    if (k.nodeOs === "talos") {
      const held = new Set(
        t.devices.flatMap((d) =>
          d.node?.cluster === k.name
            ? d.interfaces.flatMap((i) => i.addresses.map((h) => h.address.toString()))
            : [],
        ),
      );
      for (const f of FAMILIES) {
        const vip = k.vip[key(f)];
        if (vip && !held.has(vip.toString())) {
          out.push({
            device: `${k.name} control planes`,
            what: `nothing holds the planned IPv${f} VIP ${vip}; reach the API at ${
              FAMILIES.map((g) => k.vip[key(g)]).find((a) => a && held.has(a.toString())) ??
              "a control-plane node"
            }, or hold ${vip} yourself (e.g. keepalived)`,
            why: "Talos holds one shared VIP per interface, and only inside a node subnet",
          });
        }
      }
    }
    if (k.routablePods) {
      const gateways = FAMILIES.flatMap((f) => tenant.gateway[key(f)] ?? []);
      const gateway = t.devices.find((d) =>
        d.interfaces.some((i) =>
          i.addresses.some((h) => gateways.some((g) => g.equals(h.address))),
        ),
      );
      const routes = k.nodes.flatMap((n) =>
        FAMILIES.flatMap((f) => {
          const p = n.pods[key(f)];
          const via = n.address[key(f)];
          return p && via ? [`${p} via ${via}`] : [];
        }),
      );
      out.push({
        device: gateway?.name ?? `${tenant.name} gateway`,
        what: `routes ${routes.join(", ")}`,
        why: `pods of ${k.name} are routed natively inside the node subnet; hosts outside the cluster reach them through the gateway`,
      });
    }
    return out;
  });
}

/**
 * A node that reaches an off-subnet BGP peer through its VNet's anycast gateway leaves the EVPN
 * zone at the exit nodes: their routing (not configured here) must carry it to the peer.
 */
function sdnExitSteps(plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  const anycast = new Set(
    t.devices.flatMap((d) =>
      d.interfaces.flatMap((i) =>
        i.addresses.filter((h) => h.role === "anycast-gateway").map((h) => h.address.toString()),
      ),
    ),
  );
  const peers = new Map<string, { via: string; nodes: string[] }>();
  for (const s of t.sessions) {
    for (const [i, end] of s.ends.entries()) {
      if (end.reach === "connected" || !end.reach.via) continue;
      const via = end.reach.via.toString();
      if (!anycast.has(via)) continue;
      const peer = s.ends[1 - i].address.toString();
      const entry = peers.get(peer) ?? { via, nodes: [] };
      entry.nodes.push(end.device);
      peers.set(peer, entry);
    }
  }
  // A peer whose router routes every node back via the exit nodes (topology/evpn-edge.ts) needs
  // nothing more: the exit nodes carry the way out by the hosts' default route.
  const routedBack = (peer: string, nodes: readonly string[]) => {
    const holder = t.devices.find((d) =>
      d.interfaces.some((i) => i.addresses.some((h) => h.address.toString() === peer)),
    );
    const addresses = t.sessions.flatMap((s) =>
      s.ends.filter((e) => nodes.includes(e.device)).map((e) => e.address),
    );
    return (
      plan.sdn.exitNodes.length > 0 &&
      holder !== undefined &&
      addresses.every((a) => routeOf(holder, a) !== undefined)
    );
  };
  const exits = plan.sdn.exitNodes.length > 0 ? plan.sdn.exitNodes.join(", ") : "none declared";
  return [...peers]
    .filter(([peer, { nodes }]) => !routedBack(peer, nodes))
    .map(([peer, { via, nodes }]) => ({
      device: `EVPN zone ${plan.sdn.zone} (exit nodes: ${exits})`,
      what: `route ${peer} out of the zone, and ${nodes.join(", ")} back in`,
      why: `the nodes reach their BGP peer ${peer} through the anycast gateway ${via}; this stack configures no route beyond it`,
    }));
}

/**
 * A LoadBalancer pool inside a shared segment (`lbSegment`) that the cluster announces by BGP:
 * the segment's devices look its addresses up with ARP, as they lie in their own subnet, and the
 * router that holds an address on the segment has BGP routes to them but answers ARP for them
 * only with proxy ARP, which no script here sets (it changes the owner's interface for every
 * address it routes). (A pool announced by L2 lies on the nodes' own segment: Cilium answers.)
 */
function lbProxyArpSteps(plan: Plan): ManualStep[] {
  // One step per router interface, naming every pool it must answer for.
  const by = new Map<
    string,
    { r: RouterPlan; a: RouterAddress; segment: string; pools: string[] }
  >();
  for (const t of plan.tenants) {
    const k = t.kubernetes;
    if (!k || k.lbSegment === undefined || k.announcement !== "bgp") continue;
    const segment = plan.sharedSegments.find((s) => s.name === k.lbSegment);
    if (!segment) continue;
    const pool = k.lbRanges.filter((x) => segment.prefix.contains(x.start)).map(String);
    if (pool.length === 0) continue;
    for (const r of plan.routers) {
      for (const a of r.addresses.filter((x) => segment.prefix.contains(x.address))) {
        const id = `${r.name} ${a.interface}`;
        const entry = by.get(id) ?? {
          r,
          a,
          segment: `${segment.name} (${segment.prefix})`,
          pools: [],
        };
        entry.pools.push(`cluster ${k.name}'s ${pool.join(", ")}`);
        by.set(id, entry);
      }
    }
  }
  return [...by.values()].map(({ r, a, segment, pools }) => ({
    device: r.name,
    what:
      r.os === "routeros"
        ? `turn on proxy ARP on ${a.interface} (arp=proxy-arp on the interface, e.g. /interface/vlan/set ${a.interface} arp=proxy-arp)`
        : r.os === "external"
          ? `turn on proxy ARP on ${a.interface}, the interface holding ${a.address}/${a.length}`
          : `turn on proxy ARP on ${a.interface} (sysctl -w net.ipv4.conf.${a.interface}.proxy_arp=1, and a file in /etc/sysctl.d/ to keep it)`,
    why: `the devices on shared segment ${segment} look up the LoadBalancer addresses (${pools.join("; ")}) with ARP, as they lie in their own subnet; ${r.name} routes them to the nodes by BGP but answers ARP for them only with proxy ARP, which ${r.os === "external" ? "this stack does not configure" : "the rendered config does not set"}`,
  }));
}

/**
 * A segment's `dhcp` range is handed out by a DHCP server this stack never configures: the RouterOS
 * script, frr.conf and the Proxmox resources set none (new-user trial). One step per segment with
 * such ranges, on the router that holds the segment's gateway (a RouterOS router gets the commands),
 * else on the gateway's owner or what manages the segment.
 */
function dhcpSteps(plan: Plan): ManualStep[] {
  return plan.segments.flatMap((s, i) => {
    const ranges = s.ranges.flatMap((r, j) => (r.kind === "dhcp" ? [{ ...r, j }] : []));
    if (ranges.length === 0) return [];
    const v4 = ranges.filter((r) => r.range.start.family === 4);
    const v6 = ranges.filter((r) => r.range.start.family === 6);
    const gateways = FAMILIES.flatMap((f) => s.gateway[key(f)] ?? []);
    // The router holding the gateway, else one holding an address in the segment (its gateway).
    const on = (hit: (a: RouterAddress) => boolean) =>
      plan.routers.flatMap((r) => r.addresses.filter(hit).map((a) => ({ r, a })))[0];
    const held =
      on((a) => gateways.some((g) => g.equals(a.address))) ??
      on((a) => FAMILIES.some((f) => s.prefixes[key(f)]?.contains(a.address)));
    const device =
      held?.r.name ?? s.gatewayOwner ?? s.managedBy ?? `the DHCP server of segment ${s.name}`;
    const at = held ? ` on ${held.a.interface}` : "";
    const gateway = s.gateway.ipv4 ?? (held?.a.address.family === 4 ? held.a.address : undefined);
    const gw = gateway ? `, gateway ${gateway}` : "";
    const what =
      held?.r.os === "routeros" && v6.length === 0
        ? `serve ${v4.map((r) => r.range).join(", ")} by DHCP${at}${gw} (/ip/pool/add name=${s.name}-dhcp ranges=${v4.map((r) => r.range).join(",")}; /ip/dhcp-server/add interface=${held.a.interface} address-pool=${s.name}-dhcp; /ip/dhcp-server/network/add address=${s.prefixes.ipv4}${gateway ? ` gateway=${gateway}` : ""})`
        : `serve ${[...v4, ...v6].map((r) => `${r.range}${r.range.start.family === 6 ? " (DHCPv6)" : ""}`).join(", ")} by DHCP on segment ${s.name}${s.vlan !== undefined ? ` (VLAN ${s.vlan})` : ""}${at}${gw}`;
    return [
      {
        device,
        what,
        why: `${ranges.map((r) => `segments[${i}].ranges[${r.j}]`).join(" and ")} ${ranges.length > 1 ? "are dhcp ranges" : "is a dhcp range"} of segment ${s.name}, and no config this stack renders runs a DHCP server: without one its devices get no address`,
      },
    ];
  });
}

/** Every manual step of the site, grouped by kind, in plan order. */
export function manualSteps(plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  return [
    ...nicMtuSteps(plan, t),
    ...routerVlanSteps(plan),
    ...linuxRouterSteps(plan, t),
    ...externalSteps(t),
    ...sdnExitSteps(plan, t),
    ...k3sSteps(plan),
    ...clusterSteps(plan, t),
    ...lbProxyArpSteps(plan),
    ...dhcpSteps(plan),
  ];
}
