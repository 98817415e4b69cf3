// The inventory of a site with a segment run by another router (seed 002's VLAN 1 behind a
// UDM-Pro), static devices and site notes, on top of seed 000; and free text that would break a
// table or a list item.
import { renderInventory } from "../../render/inventory";
import { requireSite } from "../../site";
import { homelabWith } from "../fixtures/base";

/** The section under `heading` up to the next heading of the same or a higher level. */
function sectionOf(doc: string, heading: string): string | undefined {
  const all = doc.split("\n");
  const start = all.indexOf(heading);
  if (start < 0) return undefined;
  const level = heading.indexOf(" ");
  const end = all.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(" ") <= level);
  return all
    .slice(start, end < 0 ? undefined : end)
    .join("\n")
    .trimEnd();
}

const lines = (...ls: string[]): string => ls.join("\n");

const site = requireSite(
  homelabWith((c) => {
    c.segments = [
      {
        name: "default",
        vlan: 1,
        ipv4: "10.0.1.0/24",
        mtu: 1500,
        purpose: "Network infrastructure | switches",
        managedBy: "UniFi UDM-Pro",
        gateway: { ipv4: "10.0.1.1", owner: "UDM-Pro" },
        ranges: [
          { range: "10.0.1.2-10.0.1.50", kind: "static", purpose: "network infrastructure" },
          { range: "10.0.1.101-10.0.1.200", kind: "dhcp", purpose: "clients" },
        ],
      },
    ];
    c.devices = [
      {
        name: "usw-flex",
        network: "default",
        ipv4: "10.0.1.10",
        purpose: "USW-Flex-2.5G switch",
        inRange: "network infrastructure",
      },
      { name: "jetkvm", network: "management", ipv4: "10.10.0.92", purpose: "JetKVM" },
    ];
    c.notes = ["Manual: the UDM-Pro, its VLANs and DHCP.", "Two lines:\nthe second one"];
  }),
);
const doc = renderInventory(site.plan, site.topology);

test("the segment is a VLAN with its gateway, owner, MTU, purpose and manager", () => {
  expect(sectionOf(doc, "## VLANs")).toBe(
    lines(
      "## VLANs",
      "",
      "| VLAN | Name    | IPv4        | IPv6 | Gateway  | Gateway owner | MTU  | Purpose                            | Managed by    |",
      "| ---- | ------- | ----------- | ---- | -------- | ------------- | ---- | ---------------------------------- | ------------- |",
      // The `|` of the purpose is escaped, so the row keeps its nine cells.
      "| 1    | default | 10.0.1.0/24 | -    | 10.0.1.1 | UDM-Pro       | 1500 | Network infrastructure \\| switches | UniFi UDM-Pro |",
    ),
  );
});

test("ranges by address with the gateway among them; devices with the range they sit in", () => {
  expect(sectionOf(doc, "## Segment ranges and static devices")).toBe(
    lines(
      "## Segment ranges and static devices",
      "",
      "### Segment default (VLAN 1, 10.0.1.0/24)",
      "",
      "| Addresses             | Kind    | Count | Purpose                |",
      "| --------------------- | ------- | ----- | ---------------------- |",
      "| 10.0.1.1              | gateway | 1     | UDM-Pro                |",
      "| 10.0.1.2-10.0.1.50    | static  | 49    | network infrastructure |",
      "| 10.0.1.101-10.0.1.200 | dhcp    | 100   | clients                |",
      "",
      "### Static devices",
      "",
      "| Device   | Network    | IPv4       | IPv6 | Purpose              | Range                  |",
      "| -------- | ---------- | ---------- | ---- | -------------------- | ---------------------- |",
      "| usw-flex | default    | 10.0.1.10  | -    | USW-Flex-2.5G switch | network infrastructure |",
      "| jetkvm   | management | 10.10.0.92 | -    | JetKVM               | -                      |",
    ),
  );
});

test("site notes as a list, a multi-line note kept in its item, then who runs the segment", () => {
  expect(sectionOf(doc, "## Site notes")).toBe(
    lines(
      "## Site notes",
      "",
      "- Manual: the UDM-Pro, its VLANs and DHCP.",
      "- Two lines:",
      "  the second one",
      "- Provisioned by UniFi UDM-Pro, not by this program: segment default (VLAN 1).",
    ),
  );
  expect(doc.endsWith("segment default (VLAN 1).\n")).toBe(true);
});

test("the segment is in the utilization and the topology, with its gateway owner", () => {
  expect(doc.split("\n")).toContain(
    "| 10.0.1.0/24     | segment default            | 2        | 149         | 2     | 256    | 58.59%    |",
  );
  expect(doc.split("\n")).toContain(
    "| 10.10.0.0/24    | management                 | 0        | 0           | 5     | 256    | 1.95%     |",
  );
  expect(doc.split("\n")).toEqual(
    expect.arrayContaining([
      '  seg_default(["VLAN 1 default<br/>10.0.1.0/24"])',
      '  gw_UDM_Pro{{"UDM-Pro"}}',
      '  gw_UDM_Pro ---|"gateway 10.0.1.1"| seg_default',
    ]),
  );
});
