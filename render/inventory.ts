// The address plan as Markdown tables, in the spirit of the seeds' own tables. Pure: Plan in,
// text out; the program exports it as a stack output and the offline preview writes it to disk.
import markdownTable from "markdown-table";
import { Address, AddressRange, Prefix } from "../addressing/ip";
import { ClusterPlan, Plan, TenantPlan } from "../addressing/plan-types";
import { DualAddress, DualPrefix } from "../addressing/site";

type Value = Address | Prefix | AddressRange | undefined;

const cell = (v: Value): string => (v ? v.toString() : "-");

function table(header: string[], rows: string[][]): string {
  return markdownTable([header, ...rows]);
}

function dualRow(label: string, v: DualPrefix | DualAddress | undefined, note = ""): string[] {
  return note ? [label, cell(v?.ipv4), cell(v?.ipv6), note] : [label, cell(v?.ipv4), cell(v?.ipv6)];
}

const hasAny = (v: DualPrefix | DualAddress | undefined): boolean => Boolean(v?.ipv4 || v?.ipv6);

function globalSection(plan: Plan): string {
  const g = plan.global;
  const rows: [string, DualPrefix | undefined, string][] = [
    ["Management", g.management, "PVE UI, SSH, API"],
    ["Underlay fabric", g.underlay, "Routed point-to-point"],
    ["Host loopbacks", g.hostLoopbacks, "Stable host identity"],
    ["Tenant space", g.tenantSpace, "Tenants / clusters"],
    ["Internal space", g.internalSpace, "Internal fast ring (not routed out)"],
    ["Loopback space", g.loopbackSpace, "Per-tenant loopbacks and VIPs"],
    ["Ceph public", g.cephPublic, "Ceph MON/MGR/OSD client traffic"],
    ["Ceph cluster", g.cephCluster, "OSD replication"],
  ];
  return [
    "## Global address space allocation",
    "",
    table(
      ["Scope", "IPv4", "IPv6", "Purpose"],
      rows.filter(([, v]) => hasAny(v)).map(([label, v, note]) => dualRow(label, v, note)),
    ),
  ].join("\n");
}

function hostsSection(plan: Plan): string {
  const withCeph = plan.hosts.some((h) => hasAny(h.cephPublic) || hasAny(h.cephCluster));
  const header = [
    "Host",
    "ID",
    "Mgmt IPv4",
    "Mgmt IPv6",
    "Loopback IPv4 (/32)",
    "Loopback IPv6 (/128)",
  ];
  if (withCeph) header.push("Ceph public", "Ceph cluster");
  const rows = plan.hosts.map((h) => {
    const row = [
      h.name,
      String(h.id),
      cell(h.management.ipv4),
      cell(h.management.ipv6),
      cell(h.loopback.ipv4),
      cell(h.loopback.ipv6),
    ];
    if (withCeph) {
      row.push(
        [h.cephPublic.ipv4, h.cephPublic.ipv6].filter(Boolean).join(", ") || "-",
        [h.cephCluster.ipv4, h.cephCluster.ipv6].filter(Boolean).join(", ") || "-",
      );
    }
    return row;
  });
  return ["## Proxmox VE hosts", "", table(header, rows)].join("\n");
}

function tenantSection(t: TenantPlan): string {
  const rows = [
    dualRow("Tenant block", t.blocks.tenant),
    dualRow("VM subnet", t.vms),
    dualRow("Anycast gateway", t.gateway),
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
    `VXLAN VNI ${t.vni}, ASN ${t.asn}.`,
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
  if (t.kubernetes) parts.push("", clusterSection(t, t.kubernetes));
  return parts.join("\n");
}

function clusterSection(t: TenantPlan, k: ClusterPlan): string {
  const rows = [
    dualRow("Pods", k.pods),
    dualRow("Services", k.services),
    dualRow("LoadBalancers", k.loadBalancers),
    dualRow("Control-plane VIP", k.vip),
  ];
  for (const r of k.lbRanges) {
    rows.push(
      r.family === 4
        ? ["LoadBalancer range", r.toString(), "-"]
        : ["LoadBalancer range", "-", r.toString()],
    );
  }
  const nodes = k.nodes.map((n) => [
    n.name,
    n.role,
    String(n.id),
    cell(n.address.ipv4),
    cell(n.address.ipv6),
    cell(n.mesh.ipv6 ?? n.mesh.ipv4),
    cell(n.loopback.ipv4),
    cell(n.loopback.ipv6),
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
        "Loopback IPv4",
        "Loopback IPv6",
        "Pods IPv4",
        "Pods IPv6",
      ],
      nodes,
    ),
  ].join("\n");
}

function fabricSection(plan: Plan): string {
  const f = plan.fabric;
  return [
    "## Fabric",
    "",
    table(
      ["Setting", "Value"],
      [
        ["Router ASN", String(f.asn.router)],
        ["Proxmox hosts ASN", String(f.asn.hosts)],
        ["EVPN zone VRF VNI", String(f.vrfVni)],
        ["Physical MTU", String(f.mtu.physical)],
        ["VNet MTU", `${f.mtu.vnet} (VXLAN over ${f.mtu.underlayFamily})`],
        ["Management MTU", String(f.mtu.management)],
      ],
    ),
  ].join("\n");
}

export function renderInventory(plan: Plan): string {
  const title = `# Address plan: ${plan.site}`;
  const intro = plan.description ? `\n${plan.description}\n` : "";
  const sections = [
    globalSection(plan),
    hostsSection(plan),
    ...plan.tenants.map(tenantSection),
    fabricSection(plan),
  ];
  return `${title}\n${intro}\n_Generated from the stack config by the offline preview; do not edit._\n\n${sections.join("\n\n")}\n`;
}
