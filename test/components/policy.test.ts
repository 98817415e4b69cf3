// The policy's resources under mocks. arc-hybrid (seed 003): the router server gets its frr.conf
// and its nftables ruleset over SSH, each checked on the router before it goes live, the ruleset
// exactly the preview's nftables/ file. ms01 (seed 002): the UDM-Pro gets nothing; the datacenter
// firewall is enabled with an ACCEPT input policy, the policy's sets are cluster IP sets, and each
// host gets its rules in order; the preview's proxmox-firewall/ files come from those inputs.
import { checkRuleset, INSTALL_NFTABLES, removeTable } from "../../components/nftables-ruleset";
import { checkFirewall } from "../../components/proxmox-firewall";
import { extractArtifacts } from "../../preview/artifacts";
import { PreviewResult, previewStack } from "../../preview/offline";
import { RecordedResource } from "../../preview/run";
import { renderNftables } from "../../render/nftables/ruleset";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const byType = (r: PreviewResult, type: string): RecordedResource[] =>
  r.resources.filter((x) => x.type === type);

describe("arc-hybrid: the router server over SSH", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewStack("arc-hybrid");
    if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  });

  test("one command for frr.conf and one for the ruleset, under their components", () => {
    expect(
      result.resources
        .filter((r) => /^(homelab:(frr|linux):|command:remote:)/.test(r.type))
        .map((r) => `${r.type} ${r.name}`)
        .sort(),
    ).toEqual([
      "command:remote:Command frr-router-router-server-frr",
      "command:remote:Command nftables-router-server-nftables",
      "homelab:frr:FrrConfig frr-router-router-server",
      "homelab:linux:NftablesRuleset nftables-router-server",
    ]);
  });

  test("the ruleset arrives on stdin, is checked by nft -c before it loads, and destroy drops the table", () => {
    const cmd = byType(result, "command:remote:Command").find((r) => r.name.endsWith("-nftables"));
    const { topology } = requireSite(stackRaw("arc-hybrid"));
    const p = topology.policy;
    // With the router's way out (issue 18): the masquerade of its VLANs out of wan1-wan4.
    const nat = topology.egress?.find((e) => e.router === "router-server")?.nat ?? [];
    expect(nat.length).toBeGreaterThan(0);
    const rendered =
      p && renderNftables(p, p.points[0], { router: "router-server", stack: "arc-hybrid" }, nat);
    expect([cmd?.inputs.create, cmd?.inputs.update, cmd?.inputs.delete]).toEqual([
      INSTALL_NFTABLES,
      INSTALL_NFTABLES,
      "nft delete table inet homelab_arc_hybrid 2>/dev/null || true\nrm -f /etc/nftables.d/homelab_arc_hybrid.nft\n",
    ]);
    expect(cmd?.inputs.stdin).toBe(rendered);
    expect(cmd?.inputs.triggers).toEqual([rendered]);
    expect(INSTALL_NFTABLES.indexOf("nft -c -f")).toBeLessThan(
      INSTALL_NFTABLES.indexOf('nft -f "'),
    );
    const nft = extractArtifacts(result.resources).find(
      (a) => a.path === "nftables/router-server.nft",
    );
    expect(nft?.text).toBe(rendered);
  });

  test("only a homelab table can be removed, and the component refuses what is not a ruleset", () => {
    expect(() => removeTable("filter")).toThrow("not a stack table: filter");
    expect(() => checkRuleset("x", "flush ruleset\n", "homelab_x")).toThrow(
      "NftablesRuleset x: not a rendered nftables ruleset",
    );
    const other = "#!/usr/sbin/nft -f\ntable inet homelab_x\ntable inet filter {\n}\n";
    expect(() => checkRuleset("x", other, "homelab_x")).toThrow(
      "NftablesRuleset x: the ruleset must own table homelab_x only",
    );
  });
});

describe("ms01: the Proxmox hosts' firewall, the UDM-Pro untouched", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewStack("ms01");
    if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  });

  test("no command reaches the UDM-Pro; the firewall's resources under one component", () => {
    expect(byType(result, "command:remote:Command")).toEqual([]);
    const fw = result.resources.filter((r) => r.parent?.endsWith("::firewall"));
    expect(fw.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
      [
        "proxmoxve:cluster/firewallLegacy:FirewallLegacy firewall-cluster",
        "proxmoxve:firewall/ipsetLegacy:IpsetLegacy firewall-ipset-hl-z-management",
        "proxmoxve:firewall/ipsetLegacy:IpsetLegacy firewall-ipset-hl-z-cephPublic",
        "proxmoxve:firewall/ipsetLegacy:IpsetLegacy firewall-ipset-hl-z-workload",
        "proxmoxve:firewall/ipsetLegacy:IpsetLegacy firewall-ipset-hl-z-internet",
        ...["pve-ms01-01", "pve-ms01-02", "pve-aimax-01"].flatMap((h) => [
          `proxmoxve:node/firewall:Firewall firewall-node-${h}`,
          `proxmoxve:firewall/rulesLegacy:RulesLegacy firewall-rules-${h}`,
        ]),
      ].sort(),
    );
  });

  test("exact inputs: datacenter options, an IP set with nomatch entries, a host's rules", () => {
    const one = (type: string, name: string) =>
      result.resources.find((r) => r.type === type && r.name === name)?.inputs;
    expect(one("proxmoxve:cluster/firewallLegacy:FirewallLegacy", "firewall-cluster")).toEqual({
      enabled: true,
      inputPolicy: "ACCEPT",
      outputPolicy: "ACCEPT",
    });
    expect(
      one("proxmoxve:firewall/ipsetLegacy:IpsetLegacy", "firewall-ipset-hl-z-internet"),
    ).toEqual({
      name: "hl-z-internet",
      comment: "homelab-netcode policy",
      cidrs: [
        { name: "0.0.0.0/1", nomatch: false },
        { name: "128.0.0.0/1", nomatch: false },
        ...["10.0.1.0/24", "10.8.16.0/24", "10.8.28.0/22", "10.8.48.0/24", "10.96.0.0/12"].map(
          (name) => ({ name, nomatch: true }),
        ),
      ],
    });
    const rules = one("proxmoxve:firewall/rulesLegacy:RulesLegacy", "firewall-rules-pve-aimax-01");
    expect(rules?.nodeName).toBe("pve-aimax-01");
    expect(rules?.rules).toEqual([
      {
        type: "in",
        action: "ACCEPT",
        source: "+hl-z-management",
        dest: "10.8.16.12",
        log: "nolog",
        comment: "homelab:intra=management",
      },
      {
        type: "in",
        action: "ACCEPT",
        source: "+hl-z-cephPublic",
        dest: "10.8.48.12",
        log: "nolog",
        comment: "homelab:intra=cephPublic",
      },
      {
        type: "in",
        action: "DROP",
        source: "+hl-z-workload",
        dest: "10.8.16.12,10.8.48.12",
        proto: "tcp",
        dport: "8006",
        log: "warning",
        comment: "homelab:rule=no-pve-ui",
      },
      {
        type: "in",
        action: "DROP",
        source: "+hl-z-workload",
        dest: "10.8.16.12,10.8.48.12",
        proto: "tcp",
        dport: "22",
        log: "warning",
        comment: "homelab:rule=no-pve-ssh",
      },
      {
        type: "in",
        action: "ACCEPT",
        source: "+hl-z-management",
        dest: "10.8.48.12",
        log: "nolog",
        comment: "homelab:rule=mgmt-to-storage",
      },
      {
        type: "in",
        action: "DROP",
        dest: "10.8.48.12",
        log: "warning",
        comment: "homelab:rule=storage-isolated",
      },
      {
        type: "in",
        action: "DROP",
        source: "+hl-z-cephPublic",
        dest: "10.8.16.12",
        log: "warning",
        comment: "homelab:default=cephPublic",
      },
      {
        type: "in",
        action: "DROP",
        source: "+hl-z-internet",
        dest: "10.8.16.12,10.8.48.12",
        log: "nolog",
        comment: "homelab:default=internet",
      },
    ]);
  });

  test("the component refuses an IP set defined twice or a rule naming an unknown one", () => {
    const set = { name: "hl-a", comment: "", cidrs: [] };
    const rule = {
      type: "in" as const,
      action: "DROP" as const,
      dest: "10.0.0.1",
      log: "nolog" as const,
      comment: "",
    };
    expect(() => checkFirewall("fw", { ipsets: [set, set], hosts: [] })).toThrow(
      "ProxmoxFirewall fw: IP set hl-a twice",
    );
    expect(() =>
      checkFirewall("fw", {
        ipsets: [set],
        hosts: [{ node: "pve1", rules: [{ ...rule, source: "+hl-b" }] }],
      }),
    ).toThrow("ProxmoxFirewall fw: pve1 uses unknown IP set +hl-b");
  });

  test("the preview writes the cluster's and each host's .fw file from those inputs", () => {
    const files = extractArtifacts(result.resources).filter((a) =>
      a.path.startsWith("proxmox-firewall/"),
    );
    expect(files.map((a) => a.path)).toEqual([
      "proxmox-firewall/cluster.fw",
      "proxmox-firewall/pve-ms01-01.fw",
      "proxmox-firewall/pve-ms01-02.fw",
      "proxmox-firewall/pve-aimax-01.fw",
    ]);
    const host = files[3].text.split("\n");
    expect(host.slice(host.indexOf("[RULES]"))).toEqual([
      "[RULES]",
      "IN ACCEPT -source +hl-z-management -dest 10.8.16.12 -log nolog # homelab:intra=management",
      "IN ACCEPT -source +hl-z-cephPublic -dest 10.8.48.12 -log nolog # homelab:intra=cephPublic",
      "IN DROP -source +hl-z-workload -dest 10.8.16.12,10.8.48.12 -p tcp -dport 8006 -log warning # homelab:rule=no-pve-ui",
      "IN DROP -source +hl-z-workload -dest 10.8.16.12,10.8.48.12 -p tcp -dport 22 -log warning # homelab:rule=no-pve-ssh",
      "IN ACCEPT -source +hl-z-management -dest 10.8.48.12 -log nolog # homelab:rule=mgmt-to-storage",
      "IN DROP -dest 10.8.48.12 -log warning # homelab:rule=storage-isolated",
      "IN DROP -source +hl-z-cephPublic -dest 10.8.16.12 -log warning # homelab:default=cephPublic",
      "IN DROP -source +hl-z-internet -dest 10.8.16.12,10.8.48.12 -log nolog # homelab:default=internet",
      "",
    ]);
  });
});
