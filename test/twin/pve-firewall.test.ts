// The Proxmox firewall model the packet probes use: a host's .fw file becomes the nftables input
// chain pve-firewall would build (loopback, invalid, replies, the rules in order, the policy), IP
// set `nomatch` entries become exclusions, and anything the model does not know fails it.
import { pveFirewallToNft } from "../../twin/policy/pve-firewall";

const CLUSTER = [
  "[OPTIONS]",
  "enable: 1",
  "policy_in: ACCEPT",
  "",
  "[IPSET hl-z-internet] # homelab-netcode policy",
  "0.0.0.0/1",
  "128.0.0.0/1",
  "!10.0.0.0/8",
  "",
  "[IPSET hl-z-workload] # homelab-netcode policy",
  "10.8.28.0/22",
  "",
].join("\n");

const host = (rules: string[]) =>
  ["[OPTIONS]", "enable: 1", "", "[RULES]", ...rules, ""].join("\n");

test("rules in order after pve-firewall's own, nomatch entries excluded", () => {
  const nft = pveFirewallToNft(
    CLUSTER,
    host([
      "IN DROP -source +hl-z-workload -dest 10.8.16.10,10.8.48.10 -p tcp -dport 8006,5404:5412 -log warning # homelab:rule=no-pve-ui",
      "IN DROP -source +hl-z-internet -dest 10.8.16.10 -log nolog # homelab:default=internet",
    ]),
  );
  expect(nft.split("\n")).toEqual([
    "table inet pve_model",
    "delete table inet pve_model",
    "table inet pve_model {",
    "\tset hl_z_internet_v4 { type ipv4_addr; flags interval; elements = { 0.0.0.0/1, 128.0.0.0/1 }; }",
    "\tset hl_z_internet_nomatch_v4 { type ipv4_addr; flags interval; elements = { 10.0.0.0/8 }; }",
    "\tset hl_z_workload_v4 { type ipv4_addr; flags interval; elements = { 10.8.28.0/22 }; }",
    "\tchain input {",
    "\t\ttype filter hook input priority filter; policy accept;",
    '\t\tiifname "lo" accept',
    "\t\tct state invalid drop",
    "\t\tct state established,related accept",
    '\t\tmeta nfproto ipv4 ip saddr @hl_z_workload_v4 ip daddr { 10.8.16.10, 10.8.48.10 } meta l4proto tcp th dport { 8006, 5404-5412 } log prefix "pve homelab:rule=no-pve-ui " drop comment "homelab:rule=no-pve-ui"',
    '\t\tmeta nfproto ipv4 ip saddr @hl_z_internet_v4 ip saddr != @hl_z_internet_nomatch_v4 ip daddr { 10.8.16.10 } drop comment "homelab:default=internet"',
    "\t}",
    "}",
    "",
  ]);
});

test("a disabled firewall filters nothing", () => {
  const nft = pveFirewallToNft(
    CLUSTER.replace("enable: 1", "enable: 0"),
    host(["IN DROP -dest 10.0.0.1"]),
  );
  expect(nft).toContain("policy accept;\n\t}");
  expect(nft).not.toContain("drop");
});

test.each([
  ["OUT ACCEPT -dest 10.0.0.1", "pve-firewall model: only IN rules: OUT ACCEPT -dest 10.0.0.1"],
  ["IN ACCEPT -i net0", "pve-firewall model: unknown option -i in IN ACCEPT -i net0"],
  ["IN ACCEPT -source +nope", "pve-firewall model: unknown IP set +nope"],
  ["IN GROUP x", "pve-firewall model: unknown action in IN GROUP x"],
])("refuses what it does not model: %s", (rule, message) => {
  expect(() => pveFirewallToNft(CLUSTER, host([rule]))).toThrow(message);
});

test("refuses a zero prefix in an IP set, as pve-firewall does", () => {
  expect(() =>
    pveFirewallToNft(CLUSTER.replace("0.0.0.0/1", "0.0.0.0/0"), host(["IN DROP -dest 10.0.0.1"])),
  ).toThrow(
    "pve-firewall model: 0.0.0.0/0 in IP set hl-z-internet: a zero prefix is not allowed in ipset entries",
  );
});
