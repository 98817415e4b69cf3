// The RouterOS firewall translation the twin loads in a RouterOS router's namespace: filter rules
// in list order per chain, address lists as interval sets (a referenced list without entries as
// an empty set), RouterOS's defaults (accept, reject with network unreachable / no route), nft's
// own parser accepting the result, and anything the translation does not model failing with the
// rule named. The packets themselves: test/twin/twin.test.ts (arc-hybrid on RouterOS).
import { readFileSync } from "fs";
import { join } from "path";
import { nftProblems, requireNft } from "../../lab/nft-check";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { parseExport, routerFromExport } from "../../twin/routeros/export";
import { fileRaw } from "../fixtures/base";
import { MenuRows, routerOsFirewallToNft } from "../../twin/policy/routeros";

const menus =
  (m: Record<string, Record<string, string>[]>): MenuRows =>
  (menu) =>
    m[menu] ?? [];

const SAMPLE = menus({
  "/ip/firewall/address-list": [
    { list: "s-z-app", address: "10.10.30.0/24" },
    { list: "s-site", address: "10.10.0.0/16" },
  ],
  "/ip/firewall/filter": [
    { chain: "forward", action: "accept", "connection-state": "established;related" },
    { chain: "forward", action: "drop", "connection-state": "invalid" },
    {
      chain: "forward",
      "src-address-list": "s-z-app",
      "dst-address-list": "s-z-empty",
      protocol: "tcp",
      "dst-port": "22,5404-5412",
      comment: "managed-by=s;key=fw-filter:001",
    },
    {
      chain: "forward",
      action: "drop",
      "src-address-list": "!s-site",
      log: "true",
      "log-prefix": "default=internet",
    },
    { chain: "input", action: "reject", protocol: "icmp" },
  ],
  "/ipv6/firewall/filter": [{ chain: "forward", action: "drop", protocol: "icmpv6" }],
});

test("filter rules in order, address lists as sets, RouterOS's defaults", () => {
  expect(routerOsFirewallToNft("edge", "routeros/edge.rsc", SAMPLE)?.split("\n")).toEqual([
    "# The firewall of RouterOS router edge (routeros/edge.rsc: /ip and /ipv6 firewall filter rules and",
    "# address lists, after the script ran on the menu model), translated to nftables by the twin.",
    "table ip routeros",
    "delete table ip routeros",
    "table ip routeros {",
    "\tset l_s_z_app {",
    "\t\ttype ipv4_addr",
    "\t\tflags interval",
    "\t\tauto-merge",
    "\t\telements = { 10.10.30.0/24 }",
    "\t}",
    "\tset l_s_z_empty {",
    "\t\ttype ipv4_addr",
    "\t\tflags interval",
    "\t\tauto-merge",
    "\t}",
    "\tset l_s_site {",
    "\t\ttype ipv4_addr",
    "\t\tflags interval",
    "\t\tauto-merge",
    "\t\telements = { 10.10.0.0/16 }",
    "\t}",
    "\tchain input {",
    "\t\ttype filter hook input priority filter; policy accept;",
    '\t\tmeta l4proto icmp reject with icmp type net-unreachable comment "/ip/firewall/filter 5"',
    "\t}",
    "\tchain forward {",
    "\t\ttype filter hook forward priority filter; policy accept;",
    '\t\tct state established,related accept comment "/ip/firewall/filter 1"',
    '\t\tct state invalid drop comment "/ip/firewall/filter 2"',
    '\t\tip saddr @l_s_z_app ip daddr @l_s_z_empty tcp dport { 22, 5404-5412 } accept comment "/ip/firewall/filter 3: managed-by=s;key=fw-filter:001"',
    '\t\tip saddr != @l_s_site log prefix "default=internet " drop comment "/ip/firewall/filter 4"',
    "\t}",
    "}",
    "table ip6 routeros",
    "delete table ip6 routeros",
    "table ip6 routeros {",
    "\tchain forward {",
    "\t\ttype filter hook forward priority filter; policy accept;",
    '\t\tmeta l4proto ipv6-icmp drop comment "/ipv6/firewall/filter 1"',
    "\t}",
    "}",
    "",
  ]);
});

test("nft -c -f accepts the translation", () => {
  requireNft();
  const text = routerOsFirewallToNft("edge", "routeros/edge.rsc", SAMPLE) as string;
  expect(nftProblems(text)).toEqual([]);
});

test("a router without filter rules has no ruleset (its address lists alone filter nothing)", () => {
  const rows = menus({ "/ip/firewall/address-list": [{ list: "x", address: "10.0.0.0/8" }] });
  expect(routerOsFirewallToNft("edge", "routeros/edge.rsc", rows)).toBeUndefined();
});

test.each([
  [{ chain: "k8s-in", action: "accept" }, "chain=k8s-in (a chain reached by jump)"],
  [{ chain: "forward", action: "jump" }, "action=jump"],
  [{ chain: "forward", "in-interface": "ether 1" }, "in-interface=ether 1"],
  [{ chain: "forward", "out-interface": "ether1" }, "out-interface=ether1"],
  [{ chain: "forward", "connection-nat-state": "srcnat" }, "connection-nat-state=srcnat"],
  [{ chain: "forward", "hop-limit": "greater-than:5" }, "hop-limit=greater-than:5"],
  [{ chain: "forward", protocol: "sctp" }, "protocol=sctp"],
  [{ chain: "forward", protocol: "icmp", "dst-port": "22" }, "dst-port with protocol=icmp"],
  [{ chain: "forward", "dst-port": "22" }, "dst-port without protocol"],
  [{ chain: "forward", "connection-state": "new;bogus" }, "connection-state=bogus"],
])("unknown syntax fails the twin, naming the rule: %j", (rule, what) => {
  const rows = menus({ "/ip/firewall/filter": [{ chain: "input" }, rule] });
  expect(() => routerOsFirewallToNft("edge", "routeros/edge.rsc", rows)).toThrow(
    `/ip/firewall/filter rule 2 of edge: ${what} is not modelled by the twin's RouterOS translation`,
  );
});

describe("a factory (defconf) router after the adopt stack's script", () => {
  const DIR = join(__dirname, "..", "fixtures", "routeros");
  const router = () => {
    const r = routerFromExport(
      "defconf-home.rsc",
      parseExport("defconf-home.rsc", readFileSync(join(DIR, "defconf-home.rsc"), "utf8")),
      "7.19",
    );
    const { plan, topology } = requireSite(fileRaw(join(DIR, "adopt-site.yaml")));
    r.run(renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "adopt")));
    const held = new Set(r.menuPaths());
    return (menu: string) => (held.has(menu) ? r.rows(menu) : []);
  };

  test("its input chain: the stack's rules, then the factory's, interface lists as names", () => {
    const text = routerOsFirewallToNft("edge", "edge.rsc", router()) as string;
    const lines = text.split("\n");
    const chain = (table: string, name: string) => {
      const from = lines.indexOf(`\tchain ${name} {`, lines.indexOf(`table ${table} routeros {`));
      return lines.slice(from + 2, lines.indexOf("\t}", from)).map((l) => l.trim());
    };
    const K = "managed-by=adopt;key=fw-filter";
    expect(chain("ip", "input")).toEqual([
      'ct state established,related,untracked accept comment "/ip/firewall/filter 1: defconf: accept established,related,untracked"',
      `ct state established,related accept comment "/ip/firewall/filter 2: ${K}:004:stateful:1bf3f4ee"`,
      `ct state invalid drop comment "/ip/firewall/filter 3: ${K}:005:invalid:fbbd607d"`,
      `ip saddr @l_adopt_z_lab ip daddr @l_adopt_t_edge udp dport 53 accept comment "/ip/firewall/filter 4: ${K}:006:rule.lab-dns:a37a1314"`,
      `ip saddr @l_adopt_z_lab ip daddr @l_adopt_t_edge tcp dport { 22, 8291 } drop comment "/ip/firewall/filter 5: ${K}:007:rule.lab-no-admin:0ef412a1"`,
      `ip saddr 10.20.0.11 iifname "vlan20" tcp dport 179 accept comment "/ip/firewall/filter 6: ${K}:008:bgp.lab-cp1:f12dc32f"`,
      'ct state invalid drop comment "/ip/firewall/filter 7: defconf: drop invalid"',
      'meta l4proto icmp accept comment "/ip/firewall/filter 8: defconf: accept ICMP"',
      'ip daddr 127.0.0.1 accept comment "/ip/firewall/filter 9: defconf: accept to local loopback (for CAPsMAN)"',
      // vlan20 and vlan30 are in LAN: the script made them members.
      'iifname != { "bridge", "vlan20", "vlan30" } drop comment "/ip/firewall/filter 10: defconf: drop all not coming from LAN"',
    ]);
    // The ipsec-policy rules (11, 12) never match in the twin; fasttrack accepts.
    expect(chain("ip", "forward").slice(0, 1)).toEqual([
      'ct state established,related accept comment "/ip/firewall/filter 13: defconf: fasttrack"',
    ]);
    expect(chain("ip", "forward").at(-1)).toBe(
      'iifname { "ether1" } ct status & dnat == 0 ct state new drop comment "/ip/firewall/filter 19: defconf: drop all from WAN not DSTNATed"',
    );
    expect(chain("ip6", "forward")[4]).toBe(
      'ip6 hoplimit 1 meta l4proto ipv6-icmp drop comment "/ipv6/firewall/filter 15: defconf: rfc4890 drop hop-limit=1"',
    );
  });

  test("nft -c -f accepts it", () => {
    requireNft();
    const text = routerOsFirewallToNft("edge", "edge.rsc", router()) as string;
    expect(nftProblems(text)).toEqual([]);
    // And refuses it broken: a set the rules name, gone.
    expect(
      nftProblems(text.replace("set l_adopt_z_lab {", "set l_other {")).length,
    ).toBeGreaterThan(0);
  });

  test("a list without members: `list` matches nothing (rule left out), `!list` everything", () => {
    const rows = menus({
      "/interface/list/member": [{ list: "LAN", interface: "bridge", disabled: "true" }],
      "/ip/firewall/filter": [
        { chain: "input", action: "drop", "in-interface-list": "LAN" },
        { chain: "input", action: "drop", "in-interface-list": "!LAN", protocol: "udp" },
      ],
    });
    expect(routerOsFirewallToNft("edge", "edge.rsc", rows)?.split("\n").slice(5, 9)).toEqual([
      "\tchain input {",
      "\t\ttype filter hook input priority filter; policy accept;",
      '\t\tmeta l4proto udp drop comment "/ip/firewall/filter 2"',
      "\t}",
    ]);
  });
});
