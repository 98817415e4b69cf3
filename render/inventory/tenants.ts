// Inventory sections of tenants: a summary of all of them, then per tenant its prefixes, host
// identities, Kubernetes prefixes, nodes, and the VMs the nodes run in with their NICs.
import { ClusterPlan, Plan, TenantPlan } from "../../addressing/plan-types";
import { Topology } from "../../topology/types";
import { attachment, nicAddress, tenantNics } from "./nics";
import { heldVip } from "./routing";
import { both, cell, dualRow, onLink, section, table, text } from "./table";

const OS = { talos: "Talos", linux: "Linux (FRR)" } as const;

export function tenantsSummary(plan: Plan): string | undefined {
  const rows = plan.tenants.map((t) => [
    String(t.id),
    t.name,
    t.vnet ? String(t.vni) : "-",
    String(t.asn),
    t.vnet ? `${t.vnet.id} (${t.vnet.carries === "mesh" ? "mesh" : "VM subnet"})` : "-",
    t.vlan !== undefined ? String(t.vlan) : "-",
    t.kubernetes
      ? `${t.kubernetes.name} (${t.kubernetes.nodes.length} nodes, ${OS[t.kubernetes.nodeOs]})`
      : "-",
  ]);
  return section("## Tenants", [
    rows.length > 0
      ? table(["Tenant", "Name", "VNI", "ASN", "VNet", "VLAN", "Cluster"], rows)
      : undefined,
  ]);
}

/**
 * What holds a tenant's VM-subnet gateway: a router that lists the tenant, else the hosts of its
 * VNet (an EVPN anycast gateway), else something outside this program (seed 002's UDM).
 */
function gatewayLabel(plan: Plan, t: TenantPlan): string {
  const router = plan.routers.find((r) => r.vlans.some((v) => v.tenant === t.id));
  if (router) return `Gateway (router ${router.name})`;
  return t.vnet?.carries === "vms" ? "Anycast gateway" : "Gateway";
}

export function tenantSection(plan: Plan, topology: Topology, t: TenantPlan): string {
  const rows = [
    dualRow("Tenant block", t.blocks.tenant),
    dualRow("VM subnet", t.vms),
    dualRow(gatewayLabel(plan, t), t.gateway),
    dualRow("Host identities", t.hostIdentities),
    dualRow("VM loopbacks", t.vmLoopbacks),
  ];
  if (t.mesh)
    rows.push(
      dualRow("Mesh subnet", t.mesh.subnet),
      dualRow("Mesh anycast gateway", t.mesh.gateway),
    );
  const parts = [
    `## Tenant ${t.id} (${t.name})`,
    "",
    t.vnet ? `VXLAN VNI ${t.vni}, ASN ${t.asn}.` : `ASN ${t.asn}; no VNet.`,
    "",
    table(["Purpose", "IPv4", "IPv6"], rows),
    "",
    `### Host identities in tenant ${t.id}`,
    "",
    table(
      ["Host", "IPv4", "IPv6"],
      t.hostAddresses.map((h) => dualRow(h.host, h.address)),
    ),
  ];
  if (t.kubernetes)
    parts.push("", clusterSection(topology, t, t.kubernetes), "", vmSection(plan, t, t.kubernetes));
  return parts.join("\n");
}

function clusterSection(topology: Topology, t: TenantPlan, k: ClusterPlan): string {
  const rows = [
    dualRow("Pods", k.pods),
    dualRow("Services", k.services),
    dualRow("LoadBalancers", k.loadBalancers),
    ["Control-plane VIP", ...heldVip(topology, k)],
  ];
  for (const r of k.lbRanges) {
    rows.push(
      r.family === 4
        ? ["LoadBalancer range", r.toString(), "-"]
        : ["LoadBalancer range", "-", r.toString()],
    );
  }
  // Loopbacks exist where FRR holds them (plain Linux nodes); Talos configures none.
  const loopbacks = k.nodeOs === "linux";
  const nodes = k.nodes.map((n) => [
    n.name,
    n.role,
    String(n.id),
    cell(n.address.ipv4),
    cell(n.address.ipv6),
    cell(n.mesh.ipv6 ?? n.mesh.ipv4),
    ...(loopbacks ? [cell(n.loopback.ipv4), cell(n.loopback.ipv6)] : []),
    cell(n.pods.ipv4),
    cell(n.pods.ipv6),
  ]);
  return [
    `### Kubernetes cluster ${k.name} (tenant ${t.id}, ASN ${k.asn})`,
    "",
    table(["Purpose", "IPv4", "IPv6"], rows),
    "",
    `### Nodes of ${k.name}`,
    "",
    table(
      [
        "Node",
        "Role",
        "ID",
        "IPv4",
        "IPv6",
        "Mesh",
        ...(loopbacks ? ["Loopback IPv4", "Loopback IPv6"] : []),
        "Pods IPv4",
        "Pods IPv6",
      ],
      nodes,
    ),
  ].join("\n");
}

/** Where each node runs (host, VM ID, size) and its address on every NIC, as the guest sees it. */
function vmSection(plan: Plan, t: TenantPlan, k: ClusterPlan): string {
  const nics = tenantNics(t);
  const legend = nics.map(
    (nic) =>
      `- \`${nic.name}\`: ${nic.role} ${both(nic.subnet)} on ${attachment(plan, t, nic)}, ` +
      `gateway ${both(nic.gateway)}`,
  );
  const who =
    k.nodeOs === "talos"
      ? "Talos VMs created by this program."
      : "Linux VMs created by this program from a cloud image (cloud-init: addresses, routes, loopbacks); FRR is configured over SSH. Interfaces and routes: see Virtual machines.";
  const rows = k.nodes.map((n, i) => {
    const vm = k.vms[i];
    return [
      n.name,
      text(vm?.host),
      text(vm?.vmId),
      text(vm?.cores),
      text(vm?.memory),
      text(vm?.disk),
      ...nics.map((nic) => onLink(nicAddress(n, nic), nic.subnet)),
    ];
  });
  return [
    `### VMs and interfaces of ${k.name}`,
    "",
    who,
    "",
    ...legend,
    "",
    table(
      [
        "Node",
        "Host",
        "VM ID",
        "Cores",
        "Memory (MiB)",
        "Disk (GiB)",
        ...nics.map((nic) => `${nic.name} (${nic.role})`),
      ],
      rows,
    ),
  ].join("\n");
}
