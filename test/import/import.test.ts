// npm run import: the saved files under test/fixtures/import/ (two Proxmox hosts, one with a bond,
// a VLAN-aware bridge, a VLAN interface and an interfaces.d source; the cluster's SDN and firewall
// files; a RouterOS 7 export) into a stack file and its report, with exact values and counts.
// The interfaces files go through Debian's ifupdown2 (`bash .ci/install-ifupdown2.sh`).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { importCli } from "../../import/cli";
import { hostWiring, readInterfaces } from "../../import/interfaces";
import { importSdn } from "../../import/pve";
import { Report } from "../../import/report";
import { importRouter } from "../../import/routeros";
import { loadSite } from "../../site/load";
import { parseExport } from "../../twin/routeros/export";

const FIX = "test/fixtures/import";
const read = (f: string) => fs.readFileSync(path.join(FIX, f), "utf8");

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = importCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("host wiring from /etc/network/interfaces (ifupdown2's ifquery)", () => {
  test("bond, VLAN-aware bridge, VLAN interface and a sourced interfaces.d file", () => {
    const report = new Report();
    const { ifaces, where } = readInterfaces(`${FIX}/pve1/interfaces`);
    const w = hostWiring(`${FIX}/pve1/interfaces`, ifaces, where, report);
    expect(w.network).toEqual({
      interfaces: ["eno1", "enp2s0f0", "enp2s0f1"],
      bridges: [
        { name: "vmbr0", ports: ["eno1"], vlanAware: true },
        { name: "vmbr1", ports: ["bond0"] },
      ],
      bonds: [{ name: "bond0", members: ["enp2s0f0", "enp2s0f1"], mtu: 9000 }],
      vlans: [{ on: "bond0", id: 30, mtu: 9000 }],
    });
    expect(w.addresses).toEqual([
      { device: "vmbr0", address: "192.168.88.1/24", path: "bridges" },
      { device: "bond0.30", address: "10.30.0.1/24", path: "vlans" },
    ]);
    expect(w.gateway).toEqual({ ipv4: "192.168.88.254", device: "vmbr0" });
    expect(w.names).toEqual(["bond0", "vmbr0", "bond0.30", "vmbr1"]);
    expect(report.findings).toEqual([
      {
        kind: "Assumptions made",
        file: `${FIX}/pve1/interfaces.d/storage`,
        line: 2,
        text: "iface vmbr1 inet manual",
        why: "vmbr1 has no address and is not VLAN-aware: if the VMs on it are a homelab:segments entry, set the bridge's segment to it",
      },
      {
        kind: "Host interface options",
        file: `${FIX}/pve1/interfaces.d/storage`,
        line: 6,
        text: "post-up /usr/local/bin/tune-bridge vmbr1",
        why: "vmbr1: the stack's host wiring has no `post-up` (or not this value); Proxmox keeps it until the interface is rewritten, so add it by hand after the first `pulumi up` if it must stay",
      },
    ]);
  });

  test("each line of a repeated option key is reported with its own number and text", () => {
    const report = new Report();
    const file = `${FIX}/repeated/interfaces`;
    const hooks = `${FIX}/repeated/interfaces.d/hooks`;
    const { ifaces, where } = readInterfaces(file);
    hostWiring(file, ifaces, where, report);
    const why = (name: string, key: string) =>
      `${name}: the stack's host wiring has no \`${key}\` (or not this value); Proxmox keeps it until the interface is rewritten, so add it by hand after the first \`pulumi up\` if it must stay`;
    const option = (f: string, line: number, text: string, name: string, key: string) => ({
      kind: "Host interface options",
      file: f,
      line,
      text,
      why: why(name, key),
    });
    expect(report.findings).toEqual([
      option(file, 18, "post-up echo first", "vmbr0", "post-up"),
      option(file, 19, "post-up   echo  second", "vmbr0", "post-up"),
      option(file, 20, "post-up echo third", "vmbr0", "post-up"),
      option(file, 22, "post-up echo after a blank line", "vmbr0", "post-up"),
      option(file, 23, "post-up echo unindented", "vmbr0", "post-up"),
      option(file, 30, "post-up echo six", "vmbr0", "post-up"),
      option(file, 24, "post_down echo underscore", "vmbr0", "post-down"),
      option(file, 25, "up ip route add 10.9.0.0/16 via 192.168.88.2", "vmbr0", "up"),
      {
        kind: "Assumptions made",
        file: hooks,
        line: 2,
        text: "iface vmbr1 inet manual",
        why: "vmbr1 has no address and is not VLAN-aware: if the VMs on it are a homelab:segments entry, set the bridge's segment to it",
      },
      option(hooks, 6, "pre-up ip link set $IFACE promisc on", "vmbr1", "pre-up"),
      option(hooks, 7, "pre-up echo $IFACE ready", "vmbr1", "pre-up"),
      option(hooks, 8, "post-down echo same", "vmbr1", "post-down"),
      option(hooks, 9, "post-down echo same", "vmbr1", "post-down"),
    ]);
    expect(report.counts).toEqual([
      { file, read: 17, expressed: 9, reported: 8 },
      { file: hooks, read: 8, expressed: 4, reported: 4 },
    ]);
  });

  test("a line ifupdown2 refuses is refused with its file, line and reason", () => {
    expect(() => readInterfaces(`${FIX}/bad/interfaces`)).toThrow(
      `${FIX}/bad/interfaces: line1: error processing line; ifupdown2 refuses the file, so Proxmox would not bring it up either: fix the line`,
    );
  });
});

describe("SDN section configs", () => {
  test("controller, EVPN zone, VNet and subnet are expressed; the rest is reported by line", () => {
    const report = new Report();
    const files = new Map(
      ["controllers.cfg", "subnets.cfg", "vnets.cfg", "zones.cfg"].map((f) => [
        f,
        read(`sdn/${f}`),
      ]),
    );
    const s = importSdn(files, (n) => `sdn/${n}`, report);
    expect(s).toEqual({
      sdn: { controller: "evpnctl", zone: "vxevpn01", exitNodes: ["pve1"], advertiseSubnets: true },
      existing: {
        controllers: ["evpnctl"],
        zones: ["vxevpn01"],
        vnets: ["vnet20"],
        subnets: ["10.20.0.0/24"],
      },
    });
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([
      "sdn/controllers.cfg:2 asn 65000",
      "sdn/controllers.cfg:3 peers 10.255.0.1,10.255.0.2",
      "sdn/subnets.cfg:3 gateway 10.20.0.1",
      "sdn/subnets.cfg:4 snat 1",
      "sdn/vnets.cfg:3 tag 20020",
      "sdn/zones.cfg:3 vrf-vxlan 10000",
      "sdn/zones.cfg:6 ipam pve",
      "sdn/zones.cfg:7 mtu 1450",
      "sdn/zones.cfg:9 vlan: lan",
      "sdn/zones.cfg:10 bridge vmbr0",
      "sdn/zones.cfg:11 ipam pve",
    ]);
  });
});

describe("SDN exit node options (issue 18 §4)", () => {
  const exits = (zones?: string) => {
    const report = new Report();
    const files = new Map(
      ["controllers.cfg", "subnets.cfg", "zones.cfg"].map((f) => [f, read(`sdn-exits/${f}`)]),
    );
    if (zones !== undefined) files.set("zones.cfg", zones);
    return { s: importSdn(files, (n) => `sdn-exits/${n}`, report), report };
  };

  test("exitnodes-primary and exitnodes-local-routing become sdn.primaryExitNode and sdn.exitNodesLocalRouting; snat 1 names tenants[].snat", () => {
    const { s, report } = exits();
    expect(s.sdn).toEqual({
      controller: "ctl1",
      zone: "zone1",
      exitNodes: ["pve1", "pve2"],
      primaryExitNode: "pve1",
      exitNodesLocalRouting: true,
    });
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.text}: ${f.why}`)).toEqual([
      "sdn-exits/controllers.cfg:2 asn 65000: evpn ctl1: the stack derives or has no key for `asn`; set it after the first `pulumi up` if it must stay",
      "sdn-exits/subnets.cfg:3 snat 1: subnet 10.101.0.0/24 is SNATed on the exit nodes: set `snat: true` on the tenant whose VNet is vnet101 (tenants[].snat); the import writes no tenants",
    ]);
  });

  test("exitnodes-local-routing 0 is false; a value that is neither 1 nor 0 is reported", () => {
    const zone = (v: string) =>
      `evpn: zone1\n\tcontroller ctl1\n\texitnodes pve1\n\texitnodes-local-routing ${v}\n`;
    expect(exits(zone("0")).s.sdn.exitNodesLocalRouting).toBe(false);
    const bad = exits(zone("yes"));
    expect(bad.s.sdn.exitNodesLocalRouting).toBeUndefined();
    expect(bad.report.findings.map((f) => `${f.file}:${f.line} ${f.text}`)).toContain(
      "sdn-exits/zones.cfg:4 exitnodes-local-routing yes",
    );
  });
});

describe("RouterOS export", () => {
  test("addresses, routes, BGP peers, VLANs, A records, ASN and router ID are expressed; the rest is reported", () => {
    const report = new Report();
    const { entry, vlans, filters } = importRouter(
      "edge",
      "edge.rsc",
      parseExport("edge.rsc", read("edge.rsc")),
      report,
    );
    expect(entry).toEqual({
      name: "edge",
      version: "7.19.4",
      asn: 65000,
      routerId: "192.168.88.254",
      ssh: { host: "192.168.88.254" },
      trunk: "bridge",
      addresses: [
        { interface: "bridge", address: "192.168.88.254/24" },
        { interface: "vlan20", address: "10.20.0.1/24" },
      ],
      vlans: [],
      routes: [{ to: "0.0.0.0/0", via: "203.0.113.1" }],
      bgpPeers: [{ name: "lab", address: "10.20.0.11", asn: 65020 }],
      dnsRecords: [{ name: "pve1.lan", address: "192.168.88.1" }],
    });
    expect(vlans).toEqual([
      {
        router: "edge",
        file: "edge.rsc",
        line: 8,
        text: "add interface=bridge name=vlan20 vlan-id=20",
        name: "vlan20",
        vlan: 20,
        on: "bridge",
      },
    ]);
    // The filter rule (line 18) is counted by importFilters, once the segments are known.
    expect(filters.map((f) => f.command.line)).toEqual([18]);
    expect(report.counts).toEqual([{ file: "edge.rsc", read: 11, expressed: 7, reported: 4 }]);
    expect(report.findings.map((f) => `${f.line} ${f.kind}`)).toEqual([
      "6 RouterOS interface bridge",
      "10 RouterOS interface bridge port",
      "16 RouterOS ip dns static",
      "20 RouterOS disabled entries",
      "1 Assumptions made",
    ]);
  });
});

describe("npm run import", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-test-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("writes a stack file the loader accepts and the report, and prints the counts", () => {
    const out = path.join(dir, "Pulumi.demo.yaml");
    const r = run([
      "--site=demo",
      `--proxmox=pve1=${FIX}/pve1/interfaces`,
      `--proxmox=pve2=${FIX}/pve2/interfaces`,
      `--sdn=${FIX}/sdn`,
      `--firewall=${FIX}/firewall`,
      `--routeros=edge=${FIX}/edge.rsc`,
      `--out=${out}`,
    ]);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([
      `${FIX}/pve1/interfaces: 21 read, 21 expressed, 0 reported`,
      `${FIX}/pve1/interfaces.d/storage: 5 read, 4 expressed, 1 reported`,
      `${FIX}/pve2/interfaces: 10 read, 10 expressed, 0 reported`,
      `${FIX}/sdn/controllers.cfg: 3 read, 1 expressed, 2 reported`,
      `${FIX}/sdn/subnets.cfg: 4 read, 2 expressed, 2 reported`,
      `${FIX}/sdn/vnets.cfg: 3 read, 2 expressed, 1 reported`,
      `${FIX}/sdn/zones.cfg: 10 read, 4 expressed, 6 reported`,
      `${FIX}/firewall/cluster.fw: 8 read, 0 expressed, 8 reported`,
      `${FIX}/edge.rsc: 12 read, 7 expressed, 5 reported`,
      `wrote ${out} and ${dir}/import-report.md (the plan has 4 problems, listed in the report)`,
    ]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=./schema/stack.schema.json");
    const config = (parse(text) as { config: Record<string, unknown> }).config;
    const raw = Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k.replace(/^homelab:/, ""), v]),
    );
    expect(loadSite(raw).ok).toBe(true);
    expect(config["homelab:hosts"]).toEqual([
      { name: "pve1", id: 1 },
      {
        name: "pve2",
        id: 2,
        network: {
          interfaces: ["eno1"],
          bridges: [{ name: "vmbr0", ports: ["eno1"], vlanAware: true, carries: "management" }],
          gateway: { ipv4: "192.168.88.254" },
        },
      },
    ]);
    expect(config["homelab:global"]).toEqual({
      management: { ipv4: "192.168.88.0/24" },
      cephPublic: { ipv4: "10.30.0.0/24" },
    });
    expect(config["homelab:existing"]).toEqual({
      interfaces: [{ node: "pve1", names: ["bond0", "bond0.30", "vmbr1"] }],
      sdn: {
        controllers: ["evpnctl"],
        zones: ["vxevpn01"],
        vnets: ["vnet20"],
        subnets: ["10.20.0.0/24"],
      },
    });
    const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
    const keep = "the cluster keeps it as it is";
    expect(
      report
        .split("\n")
        .filter((l) => l.startsWith(`- ${FIX}/firewall/cluster.fw:`))
        .map((l) => l.slice(`- ${FIX}/firewall/cluster.fw:`.length)),
    ).toEqual([
      "1: `[OPTIONS]`: a [OPTIONS] section; its lines are listed below, each with its reason",
      `3: \`enable: 1\`: firewall option enable: the stack has no key for it; ${keep}`,
      `4: \`policy_in: DROP\`: policy_in: homelab:policy has defaults per zone for traffic between zones a router routes, not one for traffic into or out of the hosts; ${keep}`,
      "6: `[IPSET mgmt]`: a [IPSET mgmt] section; its lines are listed below, each with its reason",
      `8: \`192.168.88.0/24 # home LAN\`: IP set mgmt: homelab:policy names networks, hosts and ranges of the plan, not address sets; ${keep}`,
      "10: `[RULES]`: a [RULES] section; its lines are listed below, each with its reason",
      ...[
        "12: `IN ACCEPT -source +mgmt -p tcp -dport 8006 -log nolog # web UI`",
        "13: `IN SSH(ACCEPT) -source +mgmt -log nolog`",
      ].map(
        (l) =>
          `${l}: a rule into the hosts: homelab:policy holds rules between zones a router routes (traffic within one zone, such as a host's own network, is never filtered) and renders the hosts' firewall from them only where no router of the stack enforces them; if a router routes this traffic, write it as a policy rule by the plan's names; ${keep}`,
      ),
    ]);
    expect(report).toContain("## Plan problems (npm run plan lists them too)\n");
  });

  test("ifupdown2's warnings are reported with their line; the report renders as GitHub Markdown", () => {
    const out = path.join(dir, "Pulumi.w.yaml");
    const r = run(["--site", "w", "--proxmox", `pve1=${FIX}/warn/interfaces`, "--out", out]);
    expect(r.code).toBe(0);
    const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
    expect(report).toBe(
      [
        "# Import report",
        "",
        "What `npm run import` read and could not express in `Pulumi.w.yaml`, by kind, with the file and line. Nothing read is left out: each entry is either in the stack file or listed here.",
        "",
        "| File | Read | Expressed | Reported |",
        "| --- | --: | --: | --: |",
        `| ${FIX}/warn/interfaces | 5 | 4 | 1 |`,
        "",
        "## ifupdown2 warnings",
        "",
        `- ${FIX}/warn/interfaces:7: \`cannot find source file ${FIX}/warn/missing.conf\`: ifupdown2 read past this line; check what the line meant to bring in`,
        "",
      ].join("\n"),
    );
    // GitHub's parser (bash .ci/install-markdown.sh) reads the counts as a table.
    const html = execFileSync("cmark-gfm", ["-e", "table"], { input: report, encoding: "utf8" });
    expect(html).toContain(
      `<tr>\n<td>${FIX}/warn/interfaces</td>\n<td align="right">5</td>\n<td align="right">4</td>\n<td align="right">1</td>\n</tr>`,
    );
  });

  test.each([
    [
      "bad/ros6.rsc",
      'line 1: "# jan/02/2024 10:15:00 by RouterOS 6.49.10": an export of RouterOS 6.49; the script is for RouterOS 7: upgrade the router, then export it again',
    ],
    [
      "bad/truncated.rsc",
      'line 3: continues with "\\" past the end of the file, so the file looks cut short; save the whole output of /export again',
    ],
  ])("%s is refused naming the line, nothing is written, exit 1", (file, message) => {
    const out = path.join(dir, "Pulumi.demo.yaml");
    const r = run(["--site", "demo", "--routeros", `edge=${FIX}/${file}`, "--out", out]);
    expect(r.err).toEqual([
      `import: ${FIX}/${file}: ${message}`,
      "import: nothing written: fix or leave out the refused files",
    ]);
    expect(r.code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    [[], 'import: --site "": give the site name, a DNS label such as homelab'],
    [
      ["--site", "demo"],
      "import: nothing to read: give --proxmox, --sdn, --firewall or --routeros",
    ],
    [
      ["--site", "demo", "--proxmox", "pve1"],
      'import: "pve1": write NAME=FILE, the name a DNS label (pve1=pve1/interfaces)',
    ],
  ])("usage error %j: exit 2", (args, message) => {
    const r = run(args);
    expect(r.err).toEqual([message, "run npm run import -- --help for the options"]);
    expect(r.code).toBe(2);
  });
});
