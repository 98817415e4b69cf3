// The RouterOS firewall translation the twin loads in a RouterOS router's namespace: filter rules
// in list order per chain, address lists as interval sets (a referenced list without entries as
// an empty set), RouterOS's defaults (accept, reject with network unreachable / no route), nft's
// own parser accepting the result, and anything the translation does not model failing with the
// rule named. The packets themselves: test/twin/twin.test.ts (arc-hybrid on RouterOS).
import { nftProblems, requireNft } from "../../lab/nft-check";
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
  [{ chain: "forward", "in-interface": "ether1" }, "in-interface=ether1"],
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
