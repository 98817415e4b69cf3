// Inventory sections of the site's layer 2: every VLAN (segments, host VLAN interfaces, tenant
// egress VLANs), the ranges and static devices of the segments, and the site notes.
import { FAMILIES, familyKey as key } from "../../addressing/ip";
import { Address, Family, Prefix } from "../../addressing/ip";
import { DevicePlan, Plan, SegmentPlan } from "../../addressing/plan-types";
import { DualPrefix } from "../../addressing/site";
import { both, cell, ownerCell, ownerLines, ownerText, section, table, text } from "./table";

type VlanRow = { vlan?: number; cells: string[] };

function segmentRows(plan: Plan): VlanRow[] {
  return plan.segments.map((g) => ({
    vlan: g.vlan,
    cells: [
      g.name,
      cell(g.prefixes.ipv4),
      cell(g.prefixes.ipv6),
      both(g.gateway),
      ownerCell(g.gatewayOwner),
      text(g.mtu),
      ownerCell(g.purpose),
      ownerCell(g.managedBy),
    ],
  }));
}

/** The subnet an interface address sits in: "10.10.0.1/24" -> 10.10.0.0/24. */
function subnetOf(d: DevicePlan): DualPrefix {
  const p = (f: Family) => {
    const a = d[key(f)];
    return a ? Prefix.containing(f, a.address.value, a.length) : undefined;
  };
  return { ipv4: p(4), ipv6: p(6) };
}

/** One row per VLAN ID and network of the hosts' VLAN interfaces, listing the hosts that have it. */
function hostVlanRows(plan: Plan): VlanRow[] {
  const groups = new Map<string, { d: DevicePlan; hosts: string[]; mtus: Set<number> }>();
  for (const h of plan.hosts) {
    for (const d of h.network.devices) {
      if (d.kind !== "vlan" || d.vlanId === undefined) continue;
      const id = `${d.vlanId} ${d.carries ?? d.name}`;
      const g = groups.get(id) ?? { d, hosts: [], mtus: new Set<number>() };
      g.hosts.push(`${d.name} on ${h.name}`);
      g.mtus.add(d.mtu);
      groups.set(id, g);
    }
  }
  return [...groups.values()].map(({ d, hosts, mtus }) => {
    const subnet = subnetOf(d);
    return {
      vlan: d.vlanId,
      cells: [
        d.carries ?? d.name,
        cell(subnet.ipv4),
        cell(subnet.ipv6),
        both(d.gateway),
        "-",
        [...mtus].join(", "),
        `Host interface ${hosts.join(", ")}`,
        "this program",
      ],
    };
  });
}

function tenantVlanRows(plan: Plan): VlanRow[] {
  return plan.tenants.flatMap((t) => {
    if (t.vlan === undefined) return [];
    const holders = plan.routers.flatMap((r) =>
      r.vlans.filter((v) => v.tenant === t.id).map((v) => `${r.name} (${v.interface})`),
    );
    return [
      {
        vlan: t.vlan,
        cells: [
          `tenant ${t.id} (${t.name})`,
          cell(t.vms.ipv4),
          cell(t.vms.ipv6),
          both(t.gateway),
          holders.join(", ") || "-",
          "-",
          `VM subnet of tenant ${t.id}${t.mesh ? " (egress beside the mesh)" : ""}`,
          // The hosts only pass the tag; the gateway is this program's only on a router it manages.
          holders.length > 0 ? "this program" : "-",
        ],
      },
    ];
  });
}

export function vlansSection(plan: Plan): string | undefined {
  const rows = [...segmentRows(plan), ...hostVlanRows(plan), ...tenantVlanRows(plan)];
  // By VLAN ID, untagged segments last; the sort is stable, so equal IDs keep the order above.
  const sorted = [...rows].sort((a, b) => (a.vlan ?? 4095) - (b.vlan ?? 4095));
  const header = [
    "VLAN",
    "Name",
    "IPv4",
    "IPv6",
    "Gateway",
    "Gateway owner",
    "MTU",
    "Purpose",
    "Managed by",
  ];
  return section("## VLANs", [
    rows.length > 0
      ? table(
          header,
          sorted.map((r) => [r.vlan !== undefined ? String(r.vlan) : "untagged", ...r.cells]),
        )
      : undefined,
  ]);
}

type Span = { start: Address; cells: string[] };

const byStart = (a: Span, b: Span): number =>
  a.start.family - b.start.family || (a.start.value < b.start.value ? -1 : 1);

function rangesTable(g: SegmentPlan): string | undefined {
  const gateways: Span[] = FAMILIES.flatMap((f) => {
    const a = g.gateway[key(f)];
    return a
      ? [{ start: a, cells: [a.toString(), "gateway", "1", ownerCell(g.gatewayOwner)] }]
      : [];
  });
  const ranges: Span[] = g.ranges.map((r) => ({
    start: r.range.start,
    cells: [r.range.toString(), r.kind, r.range.size.toString(), ownerCell(r.purpose)],
  }));
  const rows = [...gateways, ...ranges].sort(byStart);
  if (rows.length === 0) return undefined;
  const where = [g.vlan !== undefined ? `VLAN ${g.vlan}` : "untagged", both(g.prefixes)];
  return [
    `### Segment ${g.name} (${where.join(", ")})`,
    "",
    table(
      ["Addresses", "Kind", "Count", "Purpose"],
      rows.map((r) => r.cells),
    ),
  ].join("\n");
}

/** The purpose of the segment range an address falls in (the device's `inRange` is the fallback). */
function rangeOf(plan: Plan, network: string, a: Address | undefined): string | undefined {
  const g = plan.segments.find((s) => s.name === network);
  return a ? g?.ranges.find((x) => x.range.contains(a))?.purpose : undefined;
}

export function segmentsSection(plan: Plan): string | undefined {
  const devices = plan.devices.map((d) => [
    d.name,
    d.network,
    cell(d.address.ipv4),
    cell(d.address.ipv6),
    ownerCell(d.purpose),
    ownerCell(
      rangeOf(plan, d.network, d.address.ipv4) ??
        rangeOf(plan, d.network, d.address.ipv6) ??
        d.inRange,
    ),
  ]);
  return section("## Segment ranges and static devices", [
    ...plan.segments.map(rangesTable),
    devices.length > 0
      ? [
          "### Static devices",
          "",
          table(["Device", "Network", "IPv4", "IPv6", "Purpose", "Range"], devices),
        ].join("\n")
      : undefined,
  ]);
}

/** Lines of Markdown as a list item: continuation lines indented so they stay in the item. */
const item = (lines: readonly string[]): string => `- ${lines.join("\n  ")}`;

export function notesSection(plan: Plan): string | undefined {
  // One line per outside manager (seed 003 has six segments behind one router server).
  const byManager = new Map<string, string[]>();
  for (const g of plan.segments) {
    const who = g.managedBy?.trim();
    if (!who) continue;
    const list = byManager.get(who) ?? [];
    list.push(g.vlan !== undefined ? `${g.name} (VLAN ${g.vlan})` : g.name);
    byManager.set(who, list);
  }
  const managed = [...byManager].map(
    ([who, names]) =>
      `Provisioned by ${ownerText(who)}, not by this program: segment${names.length > 1 ? "s" : ""} ${names.join(", ")}.`,
  );
  // The config's notes keep their lines, each escaped; the manager lines are ours, names escaped.
  const notes = [...plan.notes.map(ownerLines), ...managed.map((m) => [m])].filter(
    (n) => n.length > 0,
  );
  return section("## Site notes", [notes.length > 0 ? notes.map(item).join("\n") : undefined]);
}
