// The address plan as Markdown: the tables a reader of the seeds expects (global allocation,
// hosts, VLANs and segments, tenants and clusters, pools, routers, BGP sessions, SDN), how full
// each prefix is, a topology diagram and the site notes. Pure: Plan in, text out; the program
// exports it as a stack output and the offline preview writes it to disk.
import { Plan } from "../../addressing/plan-types";
import { formatProblem } from "../../addressing/problems";
import { speaksBgp } from "../../topology/sessions";
import { Topology } from "../../topology/types";
import { DualPrefix } from "../../addressing/site";
import { bgpSection, loadBalancerSection, routersSection } from "./routing";
import { notesSection, segmentsSection, vlansSection } from "./network";
import { expectSection } from "./expect";
import { flowsSection } from "./flows";
import { policySection } from "./policy";
import {
  cell,
  dualRow,
  hasAny,
  ifaceAddress,
  markdownText,
  ownerCell,
  ownerText,
  table,
  text,
} from "./table";
import { tenantsSummary, tenantSection } from "./tenants";
import { renderTopology } from "./mermaid";
import { utilizationSection } from "./utilization";
import { vmsSection } from "./vms";

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

function fabricSection(plan: Plan, topology: Topology): string | undefined {
  // Only what the site builds (issue 20, friction 7): the router ASN where a router speaks BGP,
  // the hosts' ASN, VRF VNI, physical and VNet MTU only with an EVPN zone (its VXLAN underlay);
  // a site of plain VLANs shows its links' MTU in the host interfaces table instead.
  const evpn = plan.tenants.some((t) => t.vnet);
  const routerBgp = plan.routers.some((r) => speaksBgp(topology, r));
  if (!evpn && !routerBgp) return undefined;
  const f = plan.fabric;
  const rows = [
    ...(routerBgp ? [["Router ASN", String(f.asn.router)]] : []),
    ...(evpn
      ? [
          ["Proxmox hosts ASN", String(f.asn.hosts)],
          ["EVPN zone VRF VNI", String(f.vrfVni)],
          ["Physical MTU", String(f.mtu.physical)],
          ["VNet MTU", `${f.mtu.vnet} (VXLAN over ${f.mtu.underlayFamily})`],
        ]
      : []),
    ["Management MTU", String(f.mtu.management)],
  ];
  return ["## Fabric", "", table(["Setting", "Value"], rows)].join("\n");
}

function interfacesSection(plan: Plan): string | undefined {
  // The OpenFabric underlay exists only with the EVPN zone that creates it (components/deploy.ts).
  const fabricBuilt = plan.sdn.fabric !== undefined && plan.tenants.some((t) => t.vnet);
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
      ifaceAddress(d.ipv4),
      ifaceAddress(d.ipv6),
      d.carries ?? "-",
    ]),
  );
  const underlay = plan.hosts
    .filter((h) => fabricBuilt && h.network.underlay.length > 0)
    .map((h) => [
      h.name,
      h.network.underlay.join(", "),
      cell(h.loopback.ipv4),
      cell(h.loopback.ipv6),
    ]);
  if (rows.length === 0 && underlay.length === 0) return undefined;
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
      `### Underlay fabric (OpenFabric \`${plan.sdn.fabric?.id ?? ""}\`, loopback interface dummy_${plan.sdn.fabric?.id ?? ""})`,
      "",
      table(["Host", "Fabric interfaces", "Loopback IPv4", "Loopback IPv6"], underlay),
    );
  }
  return parts.join("\n");
}

function sdnSection(plan: Plan): string | undefined {
  // Without a VNet there is no zone to create (components/deploy.ts): nothing to document.
  if (!plan.tenants.some((t) => t.vnet)) return undefined;
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

function topologySection(plan: Plan): string {
  return ["## Topology", "", "```mermaid", renderTopology(plan), "```"].join("\n");
}

function dnsSection(plan: Plan): string | undefined {
  if (plan.dns.length === 0) return undefined;
  const owner = new Map(plan.facts.addresses.map((a) => [a.address.toString(), a.label]));
  const rows = plan.dns.map((d) => [
    d.name,
    d.address.toString(),
    ownerCell(owner.get(d.address.toString()) ?? "service IP"),
  ]);
  return ["## Static DNS names", "", table(["Name", "Address", "Owner"], rows)].join("\n");
}

/** Planned values no rendered config carries: who sets what, where (topology/manual.ts). */
function manualSection(topology: Topology): string | undefined {
  if (topology.manualSteps.length === 0) return undefined;
  return [
    "## Manual steps",
    "",
    "Planned values that no rendered config carries. Until they are done, the site does not work as planned.",
    "",
    table(
      ["Where", "What", "Why"],
      topology.manualSteps.map((m) => [text(m.device), text(m.what), text(m.why)]),
    ),
  ].join("\n");
}

/** The plan's warnings (addressing/warnings.ts): legal, but worth a second look. */
function warningsSection(plan: Plan): string | undefined {
  if (plan.warnings.length === 0) return undefined;
  const lines = plan.warnings.map((w) => `- ${text(formatProblem(w))}`);
  return ["## Warnings", "", "Legal, but worth a second look:", "", ...lines].join("\n");
}

export function renderInventory(plan: Plan, topology: Topology): string {
  // The description is one paragraph of plain text: a `# heading`, raw HTML or a line break in it
  // stays text (markdownText), also in the pull-request comment that quotes the inventory.
  const title = `# Address plan: ${markdownText(plan.site)}`;
  const description = ownerText(plan.description ?? "");
  const intro = description ? `\n${description}\n` : "";
  const sections = [
    warningsSection(plan),
    globalSection(plan),
    hostsSection(plan),
    vlansSection(plan),
    segmentsSection(plan),
    tenantsSummary(plan),
    ...plan.tenants.map((t) => tenantSection(plan, topology, t)),
    vmsSection(plan, topology),
    loadBalancerSection(plan, topology),
    routersSection(plan, topology),
    bgpSection(topology),
    policySection(plan, topology),
    expectSection(topology),
    flowsSection(plan, topology),
    fabricSection(plan, topology),
    interfacesSection(plan),
    sdnSection(plan),
    utilizationSection(plan),
    topologySection(plan),
    dnsSection(plan),
    manualSection(topology),
    notesSection(plan),
  ].filter((s): s is string => s !== undefined);
  return `${title}\n${intro}\n_Generated from the stack config by the offline preview; do not edit._\n\n${sections.join("\n\n")}\n`;
}
