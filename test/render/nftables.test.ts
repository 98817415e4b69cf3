// The nftables renderer: seed 003's router server line for line, and nftables' own parser
// (`nft -c -f`) accepting every ruleset the stacks render (the router's, the UniFi stand-in's, the
// Proxmox model's) and a dual-stack one with ICMP and rules about the router itself; shown to
// reject a broken one. Needs nftables (`.ci/install-nftables.sh`).
import fc from "fast-check";
import { removeTable } from "../../components/nftables-ruleset";
import { nftProblems, NFT_MISSING, requireNft } from "../../lab/nft-check";
import { externalFirewallToNft } from "../../twin/policy/external-firewall";
import { pveFirewallToNft } from "../../twin/policy/pve-firewall";
import { ExternalConfig, externalConfigs, externalYaml } from "../../render/external";
import { clusterFwText, hostFwText, proxmoxFirewall } from "../../render/proxmox/firewall";
import { nftTableName, renderNftables } from "../../render/nftables/ruleset";
import { requireSite } from "../../site";
import { Policy } from "../../topology/policy-types";
import { stackRaw } from "../fixtures/base";

const policyOf = (raw: Record<string, unknown>): Policy => {
  const p = requireSite(raw).topology.policy;
  if (!p) throw new Error("no policy");
  return p;
};
const arc = policyOf(stackRaw("arc-hybrid"));
const ms01 = policyOf(stackRaw("ms01"));
const ARC = renderNftables(arc, arc.points[0], { router: "router-server", stack: "arc-hybrid" });

/** The example stack's router as a Linux router, dual-stack, with rules about the router. */
function dualStack(): Policy {
  const raw = JSON.parse(JSON.stringify(stackRaw("example")));
  raw.routers[0].os = "linux";
  raw.routers[0].addresses = [{ interface: "ether1", address: "192.168.88.254/24" }];
  // ether1 holds the management network here, so the way out is another interface.
  raw.routers[0].uplink = { ...raw.routers[0].uplink, interfaces: ["ether2"] };
  raw.policy = {
    default: "deny",
    log: true,
    rules: [
      { name: "ping-edge", from: "segment:lab", to: "edge", protocol: "icmp", action: "allow" },
      {
        name: "no-ssh-edge",
        from: "internet",
        to: "edge",
        protocol: "tcp",
        ports: [22],
        action: "deny",
      },
      {
        name: "lab-out",
        from: "segment:lab",
        to: "internet",
        protocol: "udp",
        ports: ["5404-5412", 123],
        action: "allow",
      },
      { name: "mgmt-to-lab", from: "management", to: "lab-cp1", action: "allow" },
      // The cluster's own flows (topology/flows.ts): its resolvers, the factory and registries.
      {
        name: "lab-own-flows",
        from: "segment:lab",
        to: "internet",
        protocol: "tcp",
        ports: [53, 443],
        action: "allow",
      },
      {
        name: "lab-dns",
        from: "segment:lab",
        to: "internet",
        protocol: "udp",
        ports: [53],
        action: "allow",
      },
      // The hosts' own flow: the Talos ISO from the image factory, through this router.
      {
        name: "hosts-images",
        from: "management",
        to: "internet",
        protocol: "tcp",
        ports: [443],
        action: "allow",
      },
      // ... and their clock: chrony's Debian pool (topology/flows.ts).
      {
        name: "hosts-ntp",
        from: "management",
        to: "internet",
        protocol: "udp",
        ports: [123],
        action: "allow",
      },
    ],
  };
  return policyOf(raw);
}

describe("nftables ruleset", () => {
  test("the table is the stack's: homelab_<stack>", () => {
    expect(nftTableName("arc-hybrid")).toBe("homelab_arc_hybrid");
    expect(() => nftTableName("a;b")).toThrow('stack name "a;b" cannot name an nftables table');
    expect(() => nftTableName("x".repeat(101))).toThrow("cannot name an nftables table");
  });

  test.each([
    ["x-y", "homelab_x_y"],
    ["x_y", "homelab__x_uy"],
    ["x.y", "homelab__x_py"],
    ["x_dy", "homelab__x_udy"],
    ["-x", "homelab___dx"],
    ["arc-hybrid", "homelab_arc_hybrid"],
    ["example", "homelab_example"],
    ["homelab", "homelab_homelab"],
    ["infra-apps", "homelab_infra_apps"],
    ["ms01", "homelab_ms01"],
    ["sol", "homelab_sol"],
  ])("stack %s owns table %s", (stack, table) => {
    expect(nftTableName(stack)).toBe(table);
    expect(removeTable(table)).toBe(
      `nft delete table inet ${table} 2>/dev/null || true\nrm -f /etc/nftables.d/${table}.nft\n`,
    );
  });

  test("no two stack names share a table", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
    fc.assert(
      fc.property(name, name, (a, b) => a === b || nftTableName(a) !== nftTableName(b)),
      { numRuns: 5000 },
    );
    const tricky = [
      "x-y",
      "x_y",
      "x__y",
      "x-_y",
      "x_-y",
      "x--y",
      "x_uy",
      "x-uy",
      "x.y",
      "_x",
      "-x",
    ];
    expect(new Set(tricky.map(nftTableName)).size).toBe(tricky.length);
  });

  test("seed 003's forward chain, line for line", () => {
    const chain = ARC.slice(ARC.indexOf("\tchain forward {"))
      .split("\n")
      .map((l) => l.trim());
    expect(chain).toEqual([
      "chain forward {",
      "type filter hook forward priority filter; policy accept;",
      'ct state established,related accept comment "homelab:stateful"',
      'ct state invalid drop comment "homelab:invalid"',
      // The internet zone denies: port forwards pass before it (issue 20, friction 4).
      'ct status dnat accept comment "homelab:dstnat"',
      ...["management", "storage", "app", "observability", "devtest", "mgmt", "dmz"].map(
        (z) => `ip saddr @z_${z}_v4 ip daddr @z_${z}_v4 accept comment "homelab:intra=${z}"`,
      ),
      'ip saddr @z_mgmt_v4 ip daddr @r_mgmt_to_all_dst_v4 accept comment "homelab:rule=mgmt-to-all"',
      'ip saddr @z_management_v4 ip daddr @z_storage_v4 accept comment "homelab:rule=compute-to-storage"',
      'ip saddr @z_app_v4 ip daddr @z_storage_v4 accept comment "homelab:rule=app-to-storage"',
      'ip saddr @z_observability_v4 ip daddr @r_observability_to_all_dst_v4 accept comment "homelab:rule=observability-to-all"',
      'ip saddr @z_dmz_v4 ip daddr @r_dmz_to_app_mgmt_dst_v4 accept comment "homelab:rule=dmz-to-app-mgmt"',
      'ip saddr @z_mgmt_v4 ip daddr != @site_v4 tcp dport 443 accept comment "homelab:rule=arc-outbound"',
      'ip saddr @t_cloudflare_tunnel_v4 ip daddr != @site_v4 tcp dport { 443, 7844 } accept comment "homelab:rule=tunnel-outbound"',
      'ip saddr @t_cloudflare_tunnel_v4 ip daddr != @site_v4 udp dport 7844 accept comment "homelab:rule=tunnel-quic"',
      'ip saddr @r_log_shipping_src_v4 ip daddr @t_loki_v4 tcp dport 3100 accept comment "homelab:rule=log-shipping"',
      'ip saddr @z_devtest_v4 ip daddr != @site_v4 tcp dport { 22, 443 } accept comment "homelab:rule=git-outbound"',
      'ip saddr @r_vms_dns_udp_src_v4 ip daddr != @site_v4 udp dport 53 accept comment "homelab:rule=vms-dns-udp"',
      'ip saddr @r_vms_dns_udp_src_v4 ip daddr != @site_v4 tcp dport 53 accept comment "homelab:rule=vms-dns-tcp"',
      'ip saddr @r_vms_dns_udp_src_v4 ip daddr != @site_v4 udp dport 123 accept comment "homelab:rule=vms-ntp"',
      'ip saddr @r_package_mirrors_src_v4 ip daddr != @site_v4 tcp dport { 80, 443 } accept comment "homelab:rule=package-mirrors"',
      'ip saddr @z_management_v4 ip daddr != @site_v4 tcp dport 443 accept comment "homelab:rule=host-images"',
      'ip saddr @z_management_v4 ip daddr != @site_v4 udp dport 123 accept comment "homelab:rule=host-ntp"',
      ...["management", "storage", "app", "observability", "devtest", "mgmt", "dmz"].map(
        (z) => `ip saddr @z_${z}_v4 log prefix "default=${z} " drop comment "homelab:default=${z}"`,
      ),
      'ip saddr != @site_v4 log prefix "default=internet " drop comment "homelab:default=internet"',
      "}",
      "}",
      "",
    ]);
    expect(ARC).toContain(
      "\tset site_v4 {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/24, 10.10.10.0/24, 10.10.20.0/24, 10.10.30.0/24, 10.10.40.0/24, 10.10.50.0/24, 10.10.60.0/24, 10.10.99.0/24, 10.244.0.0/15, 192.168.1.0/24 }\n\t}",
    );
    expect(ARC.split("\n").slice(5, 8)).toEqual([
      "table inet homelab_arc_hybrid",
      "delete table inet homelab_arc_hybrid",
      "table inet homelab_arc_hybrid {",
    ]);
  });

  test("both families, ICMP and the router's own input chain", () => {
    const p = dualStack();
    const text = renderNftables(p, p.points[0], { router: "edge", stack: "example" });
    const chain = (name: string) => {
      const from = text.indexOf(`\tchain ${name} {`);
      return text
        .slice(from, text.indexOf("\t}", from))
        .split("\n")
        .map((l) => l.trim());
    };
    const rules = (name: string) => chain(name).filter((l) => l.includes("homelab:rule="));
    expect(rules("forward")).toEqual([
      'ip saddr @z_lab_v4 ip daddr != @site_v4 udp dport { 5404-5412, 123 } accept comment "homelab:rule=lab-out"',
      'ip6 saddr @z_lab_v6 ip6 daddr != @site_v6 udp dport { 5404-5412, 123 } accept comment "homelab:rule=lab-out"',
      'ip saddr @z_management_v4 ip daddr @t_lab_cp1_v4 accept comment "homelab:rule=mgmt-to-lab"',
      'ip saddr @z_lab_v4 ip daddr != @site_v4 tcp dport { 53, 443 } accept comment "homelab:rule=lab-own-flows"',
      'ip6 saddr @z_lab_v6 ip6 daddr != @site_v6 tcp dport { 53, 443 } accept comment "homelab:rule=lab-own-flows"',
      'ip saddr @z_lab_v4 ip daddr != @site_v4 udp dport 53 accept comment "homelab:rule=lab-dns"',
      'ip6 saddr @z_lab_v6 ip6 daddr != @site_v6 udp dport 53 accept comment "homelab:rule=lab-dns"',
      'ip saddr @z_management_v4 ip daddr != @site_v4 tcp dport 443 accept comment "homelab:rule=hosts-images"',
      'ip saddr @z_management_v4 ip daddr != @site_v4 udp dport 123 accept comment "homelab:rule=hosts-ntp"',
    ]);
    expect(chain("input")).toEqual([
      "chain input {",
      "type filter hook input priority filter; policy accept;",
      'ct state established,related accept comment "homelab:stateful"',
      'ct state invalid drop comment "homelab:invalid"',
      'ip saddr @z_lab_v4 ip daddr @t_edge_v4 meta l4proto icmp accept comment "homelab:rule=ping-edge"',
      'ip6 saddr @z_lab_v6 ip6 daddr @t_edge_v6 meta l4proto ipv6-icmp accept comment "homelab:rule=ping-edge"',
      'ip saddr != @site_v4 ip daddr @t_edge_v4 tcp dport 22 drop comment "homelab:rule=no-ssh-edge"',
      'ip6 saddr != @site_v6 ip6 daddr @t_edge_v6 tcp dport 22 drop comment "homelab:rule=no-ssh-edge"',
      "",
    ]);
  });
});

describe("nft -c -f accepts every rendered ruleset", () => {
  beforeAll(() => requireNft());
  const udm = externalConfigs(requireSite(stackRaw("ms01")).topology).find(
    (c) => c.device === "udm-pro",
  ) as ExternalConfig;
  const pve = proxmoxFirewall(ms01);
  const dual = dualStack();
  const cases: [string, string][] = [
    ["arc-hybrid router-server", ARC],
    ["ms01 stand-in from external/udm-pro.yaml", externalFirewallToNft(externalYaml(udm))],
    [
      "example edge, dual-stack",
      renderNftables(dual, dual.points[0], { router: "edge", stack: "example" }),
    ],
    ...(pve?.hosts ?? []).map((h): [string, string] => [
      `ms01 ${h.node} through the Proxmox model`,
      pveFirewallToNft(
        clusterFwText({ enable: "1", policy_in: "ACCEPT" }, pve?.ipsets ?? []),
        hostFwText(h.node, h.rules),
      ),
    ]),
  ];
  test.each(cases)("%s", (_name, text) => {
    expect(text).not.toBe("");
    expect(nftProblems(text)).toEqual([]);
  });

  test("the check is not vacuous: a misspelt verdict is rejected, with its line", () => {
    const bad = ARC.replace(
      'accept comment "homelab:rule=app-to-storage"',
      'acept comment "homelab:rule=app-to-storage"',
    );
    expect(nftProblems(bad)).toEqual(["line 103:51-57: Error: syntax error, unexpected comment"]);
  });

  test("the longest table name (a 100-character stack of '_') loads; one past nft's limit does not", () => {
    const longest = "_".repeat(100);
    expect(nftTableName(longest)).toHaveLength(209);
    const text = renderNftables(dual, dual.points[0], { router: "edge", stack: longest });
    expect(text).toContain(`table inet ${nftTableName(longest)} {`);
    expect(nftProblems(text)).toEqual([]);
    expect(nftProblems(`table inet homelab_${"a".repeat(248)} {\n}\n`)).toEqual([
      "line 1:12-267: Error: Could not process rule: Numerical result out of range",
    ]);
  });

  test("missing nftables fails with the install hint, never skips", () => {
    expect(() => requireNft("/nonexistent/nft")).toThrow(NFT_MISSING);
  });
});
