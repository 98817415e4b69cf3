// Kubernetes nodes as devices. The tenant decides the NICs: without a mesh (seed 000) one NIC on
// the tenant's VM network with the default routes; with a mesh (seed 001) NIC 0 on the mesh VNet
// with routes to the internal networks, NIC 1 on the egress network with the management route
// and the default routes. Talos nodes name their NICs as Talos does on Proxmox; nodes on plain
// Linux are cloud-init VMs whose network config names the NICs (set-name), sets their addresses,
// MTU and routes (with the cluster's configured routes applied), and run FRR, which holds their
// loopbacks (and a control plane's VIP) on `lo`.
import { Address, FAMILIES, Family, familyKey as key, Prefix } from "../addressing/ip";
import { ClusterPlan, NodePlan, Plan, TenantPlan } from "../addressing/plan-types";
import { DualAddress, DualPrefix } from "../addressing/site";
import { DEFAULT_MTU } from "./hosts";
import { defaultRoute, withConfigured } from "./routes";
import { meshSegmentId, prefixesOf, tenantSegmentId } from "./segments";
import { Carrier, Device, HeldAddress, Interface, Route } from "./types";

/**
 * The name Talos gives the VM's virtio NIC `net<i>` on Proxmox: Talos (since v1.5) uses
 * predictable interface names, and Proxmox's qemu-server puts `net0`..`net5` on PCI bus 0 in
 * slots 18..23 (0x12 + i), so `net<i>` is `ens<18 + i>` (pve qemu-server PCI.pm; Talos
 * "predictable interface names"). Nothing in the rendered config renames them.
 */
export function talosNicName(nic: number): string {
  if (!Number.isInteger(nic) || nic < 0 || nic > 5) {
    throw new RangeError(`NIC ${nic}: Proxmox places only net0-net5 on PCI bus 0 (slots 18-23)`);
  }
  return `ens${18 + nic}`;
}

/**
 * A deterministic MAC for NIC `nic` of node `nodeId` in cluster `clusterKey`, as
 * `02:KK:KK:NN:NN:II`: first octet 0x02 (locally administered bit set, multicast bit clear), then
 * the cluster key and node ID as 16-bit big-endian numbers, then the NIC index as one byte. The
 * fields do not overlap, so distinct IDs never share a MAC, and a VM rebuilt from the same IDs
 * comes back with the same MAC (the same DHCP lease, the same Talos device selector).
 * Throws RangeError when a field does not fit.
 */
export function macFor(clusterKey: number, nodeId: number, nic: number): string {
  const field = (name: string, value: number, bits: number): number => {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
      throw new RangeError(`${name} ${value} does not fit ${bits} bits (0-${2 ** bits - 1})`);
    }
    return value;
  };
  const k = field("clusterKey", clusterKey, 16);
  const n = field("nodeId", nodeId, 16);
  const i = field("nic", nic, 8);
  return [0x02, k >> 8, k & 0xff, n >> 8, n & 0xff, i]
    .map((o) => o.toString(16).padStart(2, "0"))
    .join(":");
}

/**
 * The OS names of a cluster's node NICs, in VM order: Talos's predictable names on Proxmox, or
 * the names FRR is configured with on plain Linux (`kubernetes.frr.mesh` / `.egress`).
 */
export function nicNames(k: ClusterPlan, nics: readonly Pick<NicPlan, "carries">[]): string[] {
  return k.nodeOs === "talos"
    ? nics.map((_, i) => talosNicName(i))
    : nics.map((n) => (n.carries === "mesh" ? k.frr.mesh : k.frr.egress));
}

/** One NIC of a node before naming: the network it is on and what it routes. */
export interface NicPlan {
  readonly carries: "vms" | "mesh";
  readonly subnet: DualPrefix;
  readonly address: DualAddress;
  readonly gateway: DualAddress;
  /** Networks routed through the gateway besides the connected subnet. */
  readonly routes: readonly Prefix[];
  readonly defaultRoute: boolean;
  readonly segment: string;
  /** Set when the NIC is on a VNet: the VNet MTU. */
  readonly mtu?: number;
}

/** Keep the networks the NIC can route: the family has a node address and a gateway there. */
function routable(nic: Pick<NicPlan, "address" | "gateway">, networks: Prefix[]): Prefix[] {
  return networks.filter((p) => nic.address[key(p.family)] && nic.gateway[key(p.family)]);
}

/**
 * The BGP router ID of a Cilium node without an IPv4 address: tenant ID and node ID (16 bits each)
 * as one 32-bit number, so unique across the site and never 0 (tenant IDs start at 1).
 */
export function ciliumRouterId(tenantId: number, nodeId: number): Address {
  return Address.of(4, (BigInt(tenantId) << 16n) | BigInt(nodeId));
}

/** The NICs of a node of `tenant`, in VM order (NIC i is the VM's `net<i>`). */
export function nicPlans(plan: Plan, tenant: TenantPlan, node: NodePlan): NicPlan[] {
  const mtuOn = (carries: "vms" | "mesh") =>
    tenant.vnet?.carries === carries ? { mtu: plan.fabric.mtu.vnet } : {};
  const vms = {
    carries: "vms" as const,
    subnet: tenant.vms,
    address: node.address,
    gateway: tenant.gateway,
    segment: tenantSegmentId(tenant),
  };
  if (!tenant.mesh) return [{ ...vms, routes: [], defaultRoute: true, ...mtuOn("vms") }];
  const g = plan.global;
  const mesh = {
    carries: "mesh" as const,
    subnet: tenant.mesh.subnet,
    address: node.mesh,
    gateway: tenant.mesh.gateway,
    segment: meshSegmentId(tenant) ?? tenantSegmentId(tenant),
  };
  const internal = [...prefixesOf(g.cephPublic), ...prefixesOf(g.cephCluster)];
  const egress = prefixesOf(g.management);
  return [
    { ...mesh, routes: routable(mesh, internal), defaultRoute: false, ...mtuOn("mesh") },
    { ...vms, routes: routable(vms, egress), defaultRoute: true, ...mtuOn("vms") },
  ];
}

/**
 * Where Talos holds the VIP: the first family (IPv4 before IPv6) whose VIP lies in a NIC's
 * subnet on which the node has an address of that family. Talos VIPs are one address per
 * interface and work by ARP/NDP, so a VIP outside every node subnet (seed 001 puts it on a
 * loopback prefix and announces it by BGP) is not Talos's to configure: the result is undefined.
 */
export function talosVip(
  nics: readonly Pick<NicPlan, "subnet" | "address">[],
  vip: DualAddress,
): { readonly nic: number; readonly address: Address } | undefined {
  for (const f of FAMILIES) {
    const ip = vip[key(f)];
    if (!ip) continue;
    const nic = nics.findIndex((n) => n.address[key(f)] && n.subnet[key(f)]?.contains(ip));
    if (nic >= 0) return { nic, address: ip };
  }
  return undefined;
}

function held(
  address: Address | undefined,
  length: number | undefined,
  role: HeldAddress["role"],
  carrier: Carrier,
  path: string,
): HeldAddress[] {
  return address && length !== undefined ? [{ address, length, role, carrier, path }] : [];
}

/** Families in which a Linux node has a BGP session to a router holding its tenant. */
export type SessionFamilies = (tenant: TenantPlan, node: NodePlan) => readonly Family[];

function nodeDevice(
  plan: Plan,
  tenant: TenantPlan,
  k: ClusterPlan,
  node: NodePlan,
  path: string,
  sessionFamilies: SessionFamilies,
): Device {
  const talos = k.nodeOs === "talos";
  const carrier: Carrier = talos ? "talos" : "cloud-init";
  const nics = nicPlans(plan, tenant, node);
  const vip = talos && node.role === "controlplane" ? talosVip(nics, k.vip) : undefined;
  const names = nicNames(k, nics);
  const interfaces: Interface[] = nics.map((n, i) => ({
    name: names[i],
    kind: "nic",
    // Talos selects its NICs by MAC, cloud-init matches them by MAC to rename them.
    mac: macFor(tenant.id, node.id, i),
    mtu: n.mtu ?? DEFAULT_MTU,
    mtuCarrier: n.mtu !== undefined ? carrier : "default",
    segment: n.segment,
    addresses: [
      ...FAMILIES.flatMap((f) =>
        held(
          n.address[key(f)],
          n.subnet[key(f)]?.length,
          "interface",
          carrier,
          `${path}.${n.carries === "mesh" ? "mesh" : "address"}.${key(f)}`,
        ),
      ),
      ...(vip?.nic === i
        ? held(
            vip.address,
            n.subnet[key(vip.address.family)]?.length,
            "vip",
            "talos",
            vipPath(path),
          )
        : []),
    ],
  }));
  if (!talos) {
    const families = sessionFamilies(tenant, node);
    interfaces.push({
      name: "lo",
      kind: "loopback",
      mtu: 65536,
      mtuCarrier: "default",
      addresses: [
        ...FAMILIES.flatMap((f) =>
          held(node.loopback[key(f)], f === 4 ? 32 : 128, "loopback", "frr", `${path}.loopback`),
        ),
        // A control plane holds the VIP on lo in the families it announces it in (anycast).
        ...(node.role === "controlplane"
          ? families.flatMap((f) =>
              held(k.vip[key(f)], f === 4 ? 32 : 128, "vip", "frr", vipPath(path)),
            )
          : []),
      ],
    });
  }
  const derived: Route[] = nics.flatMap((n, i) => {
    const via = (dst: Prefix): Route[] => {
      const gw = n.gateway[key(dst.family)];
      return gw && n.address[key(dst.family)]
        ? [{ dst, via: gw, dev: names[i], kind: "static", carrier }]
        : [];
    };
    return [
      ...n.routes.flatMap(via),
      ...(n.defaultRoute ? FAMILIES.flatMap((f) => via(defaultRoute(f))) : []),
    ];
  });
  // The plan checked that each configured gateway lies on the mesh or the VM subnet.
  const configured: Route[] = talos
    ? []
    : k.linux.routes.flatMap((r) => {
        const i = nics.findIndex((n) => n.subnet[key(r.via.family)]?.contains(r.via));
        return i < 0
          ? []
          : [
              {
                dst: r.dst,
                via: r.via,
                dev: names[i],
                kind: "static" as const,
                carrier,
                ...(r.metric !== undefined ? { metric: r.metric } : {}),
                ...(r.onLink !== undefined ? { onLink: r.onLink } : {}),
              },
            ];
      });
  const routes = withConfigured(derived, configured);
  const announcesByBgp = talos ? k.announcement === "bgp" : true;
  return {
    name: node.name,
    kind: "node",
    software: talos ? ["talos", "cilium"] : ["linux", "frr"],
    path,
    interfaces,
    routes,
    ...(announcesByBgp
      ? {
          speaker: talos
            ? {
                asn: k.asn,
                // Cilium takes a node's router ID from its IPv4 address (cilium/cilium#30333):
                // an IPv6-only node needs one set (render/cilium), else no session comes up.
                ...(node.address.ipv4 ? {} : { routerId: ciliumRouterId(tenant.id, node.id) }),
                software: "cilium" as const,
                carrier: "cilium" as const,
              }
            : {
                asn: k.asn,
                ...(node.loopback.ipv4 ? { routerId: node.loopback.ipv4 } : {}),
                software: "frr" as const,
                carrier: "frr" as const,
              },
        }
      : {}),
    node: {
      cluster: k.name,
      tenant: tenant.id,
      role: node.role,
      id: node.id,
      host: k.vms[k.nodes.indexOf(node)]?.host,
    },
  };
}

const vipPath = (nodePath: string): string => `${nodePath.replace(/\.nodes\[\d+\]$/, "")}.vip`;

/** One device per node of every cluster, in plan order. */
export function nodeDevices(plan: Plan, sessionFamilies: SessionFamilies): Device[] {
  return plan.tenants.flatMap((t, i) => {
    const k = t.kubernetes;
    if (!k) return [];
    return k.nodes.map((n, j) =>
      nodeDevice(plan, t, k, n, `tenants[${i}].kubernetes.nodes[${j}]`, sessionFamilies),
    );
  });
}
