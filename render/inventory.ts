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

function interfacesSection(plan: Plan): string {
  const rows = plan.hosts.flatMap((h) =>
    h.network.devices.map((d) => [
      h.name,
      d.name,
      d.kind === "bond" ? `bond ${d.mode}` : d.kind,
      d.kind === "bond"
        ? (d.members ?? []).join(", ")
        : d.kind === "bridge"
          ? (d.ports ?? []).join(", ") || "-"
          : `${d.parent} tag ${d.vlanId}`,
      String(d.mtu),
      d.ipv4 ? `${d.ipv4.address}/${d.ipv4.length}` : "-",
      d.ipv6 ? `${d.ipv6.address}/${d.ipv6.length}` : "-",
      d.carries ?? "-",
    ]),
  );
  const underlay = plan.hosts
    .filter((h) => h.network.underlay.length > 0)
    .map((h) => [
      h.name,
      h.network.underlay.join(", "),
      cell(h.loopback.ipv4),
      cell(h.loopback.ipv6),
    ]);
  const parts = ["## Proxmox host interfaces", ""];
  parts.push(
    rows.length > 0
      ? table(
          ["Host", "Device", "Kind", "Members / ports / parent", "MTU", "IPv4", "IPv6", "Carries"],
          rows,
        )
      : "No host network devices are managed.",
  );
  if (underlay.length > 0) {
    parts.push(
      "",
      `### Underlay fabric ${plan.sdn.fabric?.id ?? ""} (loopback interface dummy_${plan.sdn.fabric?.id ?? ""})`,
      "",
      table(["Host", "Fabric interfaces", "Loopback IPv4", "Loopback IPv6"], underlay),
    );
  }
  return parts.join("\n");
}

function sdnSection(plan: Plan): string {
  const z = plan.sdn;
  const zone = table(
    ["Zone", "Controller", "ASN", "EVPN peers", "VRF VNI", "MTU", "Nodes", "Exit nodes"],
    [
      [
        z.zone,
        z.controller,
        String(z.asn),
        z.peers.map(String).join(", "),
        String(z.vrfVni),
        String(z.mtu),
        z.nodes.join(", "),
        z.exitNodes.join(", ") || "-",
      ],
    ],
  );
  const vnets = plan.tenants.flatMap((t) =>
    (t.vnet?.subnets ?? []).map((s) => [
      t.vnet?.id ?? "-",
      `${t.id} (${t.name})`,
      String(t.vnet?.vni),
      t.vnet?.carries === "mesh" ? "mesh" : "VM subnet",
      s.prefix.toString(),
      cell(s.gateway),
    ]),
  );
  const vlans = plan.tenants
    .filter((t) => t.vlan !== undefined)
    .map((t) => [
      String(t.vlan),
      `${t.id} (${t.name})`,
      cell(t.vms.ipv4),
      cell(t.vms.ipv6),
      cell(t.gateway.ipv4),
      cell(t.gateway.ipv6),
    ]);
  const parts = ["## Proxmox SDN", "", zone, "", "### VNets and subnets", ""];
  parts.push(
    vnets.length > 0
      ? table(["VNet", "Tenant", "VNI", "Carries", "Subnet", "Gateway"], vnets)
      : "No VNets.",
  );
  if (vlans.length > 0) {
    parts.push(
      "",
      "### Tenant egress VLANs",
      "",
      table(["VLAN", "Tenant", "IPv4", "IPv6", "Gateway IPv4", "Gateway IPv6"], vlans),
    );
  }
  return parts.join("\n");
}

export function renderInventory(plan: Plan): string {
  const title = `# Address plan: ${plan.site}`;
  const intro = plan.description ? `\n${plan.description}\n` : "";
  const sections = [
    globalSection(plan),
    hostsSection(plan),
    ...plan.tenants.map(tenantSection),
    fabricSection(plan),
    interfacesSection(plan),
    sdnSection(plan),
  ];
  return `${title}\n${intro}\n_Generated from the stack config by the offline preview; do not edit._\n\n${sections.join("\n\n")}\n`;
}
