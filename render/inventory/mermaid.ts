// The site's topology as a Mermaid flowchart: routers, Proxmox hosts, the networks they carry
// (global networks, underlay, VNets, VLANs, segments) with their prefixes, and each cluster with
// its nodes. Pure. Names come from the config, so none is written raw: IDs are reduced to
// Mermaid-safe characters (and made unique), labels are quoted with every special character
// written as a Mermaid entity code.
import { FAMILIES, familyKey as key } from "../../addressing/ip";
import { redactOwnerText } from "../../addressing/quote";
import { Plan, TenantPlan } from "../../addressing/plan-types";
import { DualAddress, DualPrefix } from "../../addressing/site";
import { tenantNics } from "./nics";

/**
 * Text made safe inside a quoted Mermaid label: `#` first, since every escape introduces one; `|`
 * too, which ends an edge label; every run of white space or line breaks (NEL too) as one space,
 * other control characters dropped.
 */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#34;")
    .replace(/&/g, "#38;")
    .replace(/</g, "#60;")
    .replace(/>/g, "#62;")
    .replace(/`/g, "#96;")
    .replace(/\|/g, "#124;")
    .replace(/[\s\u0085]+/g, " ")
    .replace(/\p{Cc}/gu, "");
}

/** A quoted label of escaped lines; `<br/>` is the only markup, and it is ours. */
export const mermaidLabel = (lines: readonly string[]): string =>
  `"${lines.map(mermaidText).join("<br/>")}"`;

/**
 * Node IDs: `<kind>_<name>` with every character outside [A-Za-z0-9] as `_`. The kind prefix keeps
 * an ID from being a keyword (`end`) or starting with the `o`/`x` of circle and cross edges; a
 * name that reduces to an ID already taken gets `_2`, `_3`, ... so two nodes never merge.
 */
export class MermaidIds {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  id(kind: string, name: string): string {
    const k = `${kind}\u0000${name}`;
    const found = this.byKey.get(k);
    if (found) return found;
    const base = `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
    let id = base;
    for (let i = 2; this.taken.has(id); i++) id = `${base}_${i}`;
    this.byKey.set(k, id);
    this.taken.add(id);
    return id;
  }
}

const prefixes = (p: DualPrefix | undefined): string[] =>
  FAMILIES.flatMap((f) => p?.[key(f)]?.toString() ?? []);
const addresses = (a: DualAddress | undefined): string =>
  FAMILIES.flatMap((f) => a?.[key(f)]?.toString() ?? []).join(", ");

const GLOBAL = { management: "management", cephPublic: "Ceph public", cephCluster: "Ceph cluster" };

/** Node and edge lines in the order they are added, so the output is stable for a given plan. */
class Diagram {
  readonly ids = new MermaidIds();
  readonly nodes: string[] = [];
  readonly clusters: string[] = [];
  readonly edges: string[] = [];

  /** Shapes: routers and gateway owners hexagons, hosts boxes, networks stadiums. */
  node(kind: string, name: string, lines: readonly string[]): string {
    const id = this.ids.id(kind, name);
    const label = mermaidLabel(lines);
    const shape =
      kind === "router" || kind === "gw"
        ? `{{${label}}}`
        : kind === "host"
          ? `[${label}]`
          : `([${label}])`;
    const line = `  ${id}${shape}`;
    if (!this.nodes.includes(line)) this.nodes.push(line);
    return id;
  }

  edge(a: string, b: string, label?: string): void {
    this.edges.push(label ? `  ${a} ---|${mermaidLabel([label])}| ${b}` : `  ${a} --- ${b}`);
  }

  text(): string {
    return ["flowchart LR", ...this.nodes, ...this.clusters, ...this.edges].join("\n");
  }
}

export function renderTopology(plan: Plan): string {
  const d = new Diagram();
  const host = (name: string) => d.ids.id("host", name);
  // Routers first, so that a segment whose gateway owner is a router links to that node.
  for (const r of plan.routers) {
    const os = r.os === "routeros" ? "RouterOS" : r.os === "linux" ? "Linux" : "FRR";
    const version = r.os === "routeros" ? ` ${r.version}` : "";
    d.node("router", r.name, [r.name, `${os}${version}, AS ${r.asn}`]);
  }
  for (const h of plan.hosts) d.node("host", h.name, [h.name, addresses(h.management)]);

  // Global networks, in the order of GLOBAL: a host carries one when a device of it says so (the
  // edge names the device), or when it only has an address there (seed 001's Ceph networks).
  for (const [carries, title] of Object.entries(GLOBAL) as [keyof typeof GLOBAL, string][]) {
    const carriers = plan.hosts.flatMap((h) => {
      const devices = h.network.devices.filter((x) => x.carries === carries).map((x) => x.name);
      const addressed = FAMILIES.some((f) => h[carries][key(f)] !== undefined);
      return devices.length > 0 || addressed ? [{ h, devices }] : [];
    });
    if (carriers.length === 0) continue;
    const id = d.node("net", carries, [title, ...prefixes(plan.global[carries])]);
    for (const { h, devices } of carriers)
      d.edge(host(h.name), id, devices.join(", ") || undefined);
  }
  const fabric = plan.hosts.filter((h) => h.network.underlay.length > 0);
  if (fabric.length > 0) {
    const title = `${plan.sdn.fabric?.id ?? "underlay"} (OpenFabric)`;
    const id = d.node("net", "underlay", [title, ...prefixes(plan.global.underlay)]);
    for (const h of fabric) d.edge(host(h.name), id, h.network.underlay.join(", "));
  }

  for (const t of plan.tenants) tenantNetworks(d, plan, t);
  for (const r of plan.routers) {
    for (const v of r.vlans) {
      const t = plan.tenants.find((x) => x.id === v.tenant);
      if (t?.vlan === undefined) continue;
      const label = `${v.interface}: ${addresses(t.gateway)}`;
      d.edge(d.ids.id("router", r.name), d.ids.id("vlan", String(t.vlan)), label);
    }
  }
  const routers = new Set(plan.routers.map((r) => r.name));
  for (const g of plan.segments) {
    const title = g.vlan !== undefined ? `VLAN ${g.vlan} ${g.name}` : g.name;
    const id = d.node("seg", g.name, [title, ...prefixes(g.prefixes)]);
    if (!g.gatewayOwner) continue;
    // The owner's free text: a credential pasted there reaches neither the label nor the ID.
    const who = redactOwnerText(g.gatewayOwner);
    const owner = routers.has(g.gatewayOwner)
      ? d.ids.id("router", g.gatewayOwner)
      : d.node("gw", who, [who]);
    const gw = addresses(g.gateway);
    d.edge(owner, id, gw ? `gateway ${gw}` : "gateway");
  }
  for (const g of plan.sharedSegments) {
    d.node("shared", g.name, [`${g.name} (shared)`, g.prefix.toString()]);
  }
  for (const t of plan.tenants) clusterGraph(d, t);
  return d.text();
}

/** A tenant's VNet (on every SDN host) and the VM network it has on the hosts' VM bridge. */
function tenantNetworks(d: Diagram, plan: Plan, t: TenantPlan): void {
  if (t.vnet) {
    const subnets = t.vnet.subnets.map((s) => s.prefix.toString());
    const id = d.node("vnet", t.vnet.id, [`${t.vnet.id}, VNI ${t.vnet.vni}`, ...subnets]);
    for (const h of plan.sdn.nodes) d.edge(d.ids.id("host", h), id);
  }
  if (t.vnet?.carries === "vms") return;
  const id =
    t.vlan !== undefined
      ? d.node("vlan", String(t.vlan), [
          `VLAN ${t.vlan}: tenant ${t.id} ${t.mesh ? "egress" : "VMs"}`,
          ...prefixes(t.vms),
        ])
      : d.node("tenant", String(t.id), [`tenant ${t.id} VMs`, ...prefixes(t.vms)]);
  for (const h of plan.hosts) {
    if (h.network.vmBridge) d.edge(d.ids.id("host", h.name), id, h.network.vmBridge);
  }
}

/** The cluster as a subgraph of its nodes (with host and VM ID), linked by NIC to its networks. */
function clusterGraph(d: Diagram, t: TenantPlan): void {
  const k = t.kubernetes;
  if (!k) return;
  const cid = d.ids.id("cluster", k.name);
  d.clusters.push(`  subgraph ${cid}[${mermaidLabel([`${k.name}: tenant ${t.id}, AS ${k.asn}`])}]`);
  k.nodes.forEach((n, i) => {
    const vm = k.vms[i];
    const where = vm ? [`${vm.host}, VM ${vm.vmId}`] : [];
    d.clusters.push(`    ${d.ids.id("node", n.name)}(${mermaidLabel([n.name, ...where])})`);
  });
  d.clusters.push("  end");
  for (const nic of tenantNics(t)) {
    const target = nic.vnet
      ? d.ids.id("vnet", nic.vnet)
      : nic.vlan !== undefined
        ? d.ids.id("vlan", String(nic.vlan))
        : d.ids.id("tenant", String(t.id));
    d.edge(cid, target, nic.name);
  }
  if (k.lbSegment !== undefined) d.edge(cid, d.ids.id("shared", k.lbSegment), "LoadBalancer pool");
}
