// npm run import of router exports with VLANs, routes and BGP (test/fixtures/import/routers):
// the exact routers and segments written, the exact report lines of what no key holds, and the
// duplicate VLAN name across two routers made two segments with a line saying so.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { formatProblem } from "../../addressing/problems";
import { importCli } from "../../import/cli";
import { planCli } from "../../preview/cli";
import { ROOT } from "../../preview/offline";
import { Report } from "../../import/report";
import { importRouter } from "../../import/routeros";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { resolveSite } from "../../site";
import { dryRun } from "../../twin/routeros/dryrun";
import { parseExport } from "../../twin/routeros/export";

const FIX = "test/fixtures/import/routers";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-routers-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("routes, BGP peers, VLAN interfaces and DNS of two routers; the rest reported by line", () => {
  const out = path.join(dir, "Pulumi.home.yaml");
  const lines: string[] = [];
  const err: string[] = [];
  const code = importCli(
    [
      "--site",
      "home",
      "--routeros",
      `home=${FIX}/home.rsc`,
      "--routeros",
      `core=${FIX}/core.rsc`,
      "--out",
      out,
    ],
    { out: (l) => lines.push(l), err: (l) => err.push(l) },
  );
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(lines.slice(0, 2)).toEqual([
    `${FIX}/home.rsc: 22 read, 15 expressed, 7 reported`,
    `${FIX}/core.rsc: 3 read, 3 expressed, 0 reported`,
  ]);
  const config = (parse(fs.readFileSync(out, "utf8")) as { config: Record<string, unknown> })
    .config;
  expect(config["homelab:routers"]).toEqual([
    {
      name: "home",
      version: "7.24",
      asn: 65000,
      routerId: "192.168.88.1",
      ssh: { host: "192.168.88.1" },
      trunk: "bridge",
      addresses: [
        { interface: "bridge", address: "192.168.88.1/24" },
        { interface: "vlan30", address: "192.168.30.1/24" },
        { interface: "IoT_40", address: "192.168.40.1/24" },
        { interface: "ether1", address: "192.168.99.2/30" },
        { interface: "vlan30", address: "fd00:30::1/64" },
      ],
      vlans: [],
      routes: [
        { to: "0.0.0.0/0", via: "192.168.99.1" },
        { to: "10.99.0.0/16", via: "192.168.99.1" },
        { to: "::/0", via: "fd00:30::fffe" },
      ],
      bgpPeers: [
        { name: "upstream", address: "192.168.99.1", asn: 64999 },
        { name: "lab", address: "10.20.0.11", asn: 65020, multihop: true, bfd: true },
      ],
      dnsRecords: [{ name: "nas.home.arpa", address: "192.168.30.10" }],
    },
    {
      name: "core",
      version: "7.24",
      asn: 65001,
      routerId: "10.30.0.1",
      ssh: { host: "10.30.0.1" },
      trunk: "ether2",
      addresses: [{ interface: "vlan30", address: "10.30.0.1/24" }],
      vlans: [],
    },
  ]);
  expect(config["homelab:segments"]).toEqual([
    {
      name: "home-vlan30",
      vlan: 30,
      ipv4: "192.168.30.0/24",
      ipv6: "fd00:30::/64",
      gateway: { ipv4: "192.168.30.1", ipv6: "fd00:30::1", owner: "home" },
    },
    {
      name: "iot-40",
      vlan: 40,
      ipv4: "192.168.40.0/24",
      gateway: { ipv4: "192.168.40.1", owner: "home" },
    },
    {
      name: "core-vlan30",
      vlan: 30,
      ipv4: "10.30.0.0/24",
      gateway: { ipv4: "10.30.0.1", owner: "core" },
    },
  ]);
  const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
  const listed = report.split("\n").filter((l) => l.startsWith(`- ${FIX}/`));
  expect(listed).toEqual([
    `- ${FIX}/home.rsc:6: \`add name=bridge vlan-filtering=yes\`: the stack has no key for interface bridge; the router keeps it`,
    `- ${FIX}/home.rsc:10: \`add arp=proxy-arp interface=bridge name=vlan50 vlan-id=50\`: a VLAN interface becomes a homelab:segments entry when it has a name, vlan-id and interface only`,
    `- ${FIX}/home.rsc:21: \`add dst-address=10.98.0.0/16 gateway=ether1\`: routers[].routes hold a destination through a gateway address in the main table only; the router keeps this route (the script does not remove it)`,
    `- ${FIX}/home.rsc:22: \`add dst-address=10.97.0.0/16 gateway=192.168.99.1 routing-table=vpn\`: routers[].routes hold a destination through a gateway address in the main table only; the router keeps this route (the script does not remove it)`,
    `- ${FIX}/home.rsc:28: \`hold-time=30s\`: connection upstream: the stack leaves hold-time to the router; the script does not change it`,
    `- ${FIX}/home.rsc:29: \`add instance=main local.role=ibgp name=core remote.address=192.168.88.2 .as=65000\`: routers[].bgpPeers hold an eBGP connection by name, remote.address, remote.as, local.address, multihop and use-bfd; the router keeps this one as it is`,
    `- ${FIX}/home.rsc:37: \`add interfaces=ether1 min-rx=200ms\`: a BFD entry that is not for one bgpPeers entry with bfd (addresses=<its peer> alone); the router keeps it as it is`,
    `- ${FIX}/home.rsc:1: \`router home\`: ssh.host is 192.168.88.1 (its BGP router ID); set the address Pulumi reaches the router at`,
    `- ${FIX}/core.rsc:1: \`router core\`: ssh.host is 10.30.0.1 (its BGP router ID); set the address Pulumi reaches the router at`,
    `- ${FIX}/home.rsc:8: \`add interface=bridge name=vlan30 vlan-id=30\`: vlan30 is a VLAN interface of core (${FIX}/core.rsc:3) too: the segment is named home-vlan30; if they are one network, keep one segment and set its gateway's owner`,
    `- ${FIX}/home.rsc:9: \`add interface=bridge name=IoT_40 vlan-id=40\`: the segment of IoT_40 is named iot-40 (a segment name is a lowercase DNS label)`,
    `- ${FIX}/core.rsc:3: \`add interface=ether2 name=vlan30 vlan-id=30\`: vlan30 is a VLAN interface of home (${FIX}/home.rsc:8) too: the segment is named core-vlan30; if they are one network, keep one segment and set its gateway's owner`,
    `- ${FIX}/home.rsc:34: \`add action=accept chain=forward dst-address=192.168.30.10 dst-port=443 protocol=tcp src-address=192.168.40.0/24\`: dst-address=192.168.30.10 is not the prefix of a segment read; the policy names segments, devices and named ranges (add one for it and write the rule by name)`,
  ]);
});

test("a peer's BFD entry with other timers or properties is reported with what the script does", () => {
  const text = [
    "# 2026-12-01 10:00:00 by RouterOS 7.19.4",
    "/routing bfd configuration",
    "add addresses=192.168.99.1 interfaces=ether1",
    "add addresses=10.20.0.11 min-rx=300ms min-tx=300ms multiplier=3 vrf=lab",
    "/routing bgp connection",
    "add as=65000 local.role=ebgp name=upstream remote.address=192.168.99.1 .as=64999 use-bfd=yes",
    "add as=65000 local.role=ebgp name=lab remote.address=10.20.0.11 .as=65020 multihop=yes use-bfd=yes",
    "",
  ].join("\n");
  const report = new Report();
  const { entry } = importRouter("edge", "edge.rsc", parseExport("edge.rsc", text), report);
  expect(entry.bgpPeers).toEqual([
    { name: "upstream", address: "192.168.99.1", asn: 64999, bfd: true },
    { name: "lab", address: "10.20.0.11", asn: 65020, multihop: true, bfd: true },
  ]);
  expect(report.counts).toEqual([{ file: "edge.rsc", read: 4, expressed: 2, reported: 2 }]);
  expect(report.findings.map((f) => `${f.line}: ${f.why}`)).toEqual([
    "3: the BFD entry of upstream runs min-rx 200 ms, min-tx 200 ms, multiplier 5; the stack writes 300 ms x 3 for bgpPeers[].bfd, so the script sets these timers (the dry run lists the set)",
    "4: the BFD entry of lab has vrf, which the stack does not write; the router keeps the entry, and the script adopts it for lab and sets its timers",
    "1: no router ID or IPv4 address in the export: routerId and ssh are left out; add them (the plan names them)",
  ]);
});

test("a static DNS entry the plan would refuse is reported with its line and reason, not written", () => {
  const file = `${FIX}/dns.rsc`;
  const report = new Report();
  const { entry } = importRouter(
    "dns",
    file,
    parseExport(file, fs.readFileSync(file, "utf8")),
    report,
  );
  expect(entry.dnsRecords).toEqual([{ name: "ok.lan", address: "192.168.88.8" }]);
  expect(report.counts).toEqual([{ file, read: 5, expressed: 1, reported: 4 }]);
  const refused = (why: string) =>
    `not written to routers[].dnsRecords, where the plan refuses it: ${why}; add it to the router's dnsRecords by hand once fixed`;
  const name =
    "the name must be a DNS name: lowercase labels of letters, digits and '-', separated by '.'";
  expect(report.findings.filter((f) => f.kind === "RouterOS ip dns static")).toEqual(
    [
      [
        4,
        'add address=192.168.88.5 name="bad name!"',
        refused(
          `${name} (write labels of 1 to 63 lowercase letters, digits or '-', not starting or ending with '-', joined by single dots (e.g. nas.home.arpa), at most 253 characters)`,
        ),
      ],
      [5, "add address=192.168.88.6 name=NAS.lan", refused(`${name} (did you mean nas.lan?)`)],
      [
        6,
        "add address=fd00:0::7 name=v6.lan type=AAAA",
        refused("the address is not in canonical form (RFC 5952) (did you mean fd00::7?)"),
      ],
      [
        8,
        "add address=192.168.88.8 name=ok.lan",
        "line 7 holds the same name and address and is written to routers[].dnsRecords; the plan refuses a second entry (one static DNS entry per name and address), so this one is not written",
      ],
    ].map(([line, text, why]) => ({ kind: "RouterOS ip dns static", file, line, text, why })),
  );
});

test("the imported router's VLAN interfaces are adopted by its script, none added twice", () => {
  const out = path.join(dir, "Pulumi.home.yaml");
  // The VLAN part of home.rsc: its bridge, VLAN interfaces and IPv4 addresses (lines 1-15).
  // Its BGP connections are adopted with what the stack sets on them: the next test, on bgp.rsc.
  const text =
    fs.readFileSync(`${FIX}/home.rsc`, "utf8").split("\n").slice(0, 15).join("\n") + "\n";
  fs.writeFileSync(path.join(dir, "home.rsc"), text);
  // pve2's saved file names 192.168.88.254 as its gateway, which the home router (192.168.88.1)
  // does not hold: the plan refuses that contradiction (addressing/gateway-agreement.ts), so this
  // host points at the router here, as it would on a site where home is the gateway.
  const pve2 = path.join(dir, "pve2-interfaces");
  fs.writeFileSync(
    pve2,
    fs
      .readFileSync("test/fixtures/import/pve2/interfaces", "utf8")
      .replace("gateway 192.168.88.254", "gateway 192.168.88.1"),
  );
  const code = importCli(
    [
      "--site",
      "home",
      "--proxmox",
      `pve2=${pve2}`,
      "--routeros",
      `home=${path.join(dir, "home.rsc")}`,
      "--out",
      out,
    ],
    {
      out: () => undefined,
      err: () => undefined,
    },
  );
  expect(code).toBe(0);
  const config = (parse(fs.readFileSync(out, "utf8")) as { config: Record<string, unknown> })
    .config;
  const resolved = resolveSite(
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^homelab:/, ""), v])),
  );
  if (!resolved.ok) throw new Error(resolved.problems.map(formatProblem).join("\n"));
  const script = renderRouterOsScript(
    routerOsDesiredState(resolved.topology, resolved.plan.routers[0], "home"),
  );
  const run = dryRun(script, "home.rsc", text);
  if (!run.ok) throw new Error(run.conflicts.join("\n"));
  expect(run.lines.filter((l) => l.includes(" /interface/vlan "))).toEqual([
    "adopt /interface/vlan interface=bridge name=vlan30 vlan-id=30 (key vlan:bridge:30)",
    "adopt /interface/vlan interface=bridge name=IoT_40 vlan-id=40 (key vlan:bridge:40)",
  ]);
});

test("round trip: a router's own BGP connections, imported, are adopted by the plan on the same export, each property set listed", async () => {
  // bgp.rsc: two eBGP connections on the instance `main`, without local.address or afi. The
  // stack writes its own instance (named after the stack), each connection's source address and
  // its families: the plan on the same export adopts both and sets those three properties.
  const bgp = `${FIX}/bgp.rsc`;
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const pve2 = path.join(dir, "pve2-interfaces");
  fs.writeFileSync(
    pve2,
    fs
      .readFileSync("test/fixtures/import/pve2/interfaces", "utf8")
      .replace("gateway 192.168.88.254", "gateway 192.168.88.1"),
  );
  const imported: string[] = [];
  const argv = ["--site", "home", "--proxmox", `pve2=${pve2}`, "--routeros", `home=${bgp}`];
  const io = { out: (l: string) => imported.push(l), err: (l: string) => imported.push(l) };
  expect(importCli([...argv, "--out", path.join(dir, "Pulumi.home.yaml")], io)).toBe(0);
  expect(imported[1]).toBe(`${bgp}: 10 read, 9 expressed, 1 reported`);
  const out: string[] = [];
  const err: string[] = [];
  const plan = ["--stack", "home", "--routeros-base", `home=${path.resolve(bgp)}`];
  const code = await planCli(plan, { out: (l) => out.push(l), err: (l) => err.push(l) }, dir);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(out[1]).toBe(
    "  routeros/home.changes.txt: 4 add, 8 adopt, 0 set, 0 remove, 0 release (10 entries read from the export)",
  );
  const changes = fs.readFileSync(
    path.join(dir, "out", "home", "routeros", "home.changes.txt"),
    "utf8",
  );
  expect(changes.split("\n")).toEqual([
    "adopt /interface/vlan interface=bridge name=vlan30 vlan-id=30 (key vlan:bridge:30)",
    "adopt /ip/address address=192.168.88.1/24 interface=bridge network=192.168.88.0 (key ip-address:192.168.88.1)",
    "adopt /ip/address address=192.168.30.1/24 interface=vlan30 network=192.168.30.0 (key ip-address:192.168.30.1)",
    "adopt /ip/address address=192.168.99.2/30 interface=ether1 network=192.168.99.0 (key ip-address:192.168.99.2)",
    "adopt /ip/route dst-address=0.0.0.0/0 gateway=192.168.99.1 (key ip-route:0.0.0.0/0)",
    "add /routing/bgp/instance name=home as=65000 router-id=192.168.88.1 (key bgp-instance)",
    "adopt /routing/bfd/configuration addresses=10.20.0.11 min-rx=00:00:00.300 min-tx=00:00:00.300 multiplier=3 (key bfd-config:10.20.0.11)",
    'adopt /routing/bgp/connection instance=main local.role=ebgp name=upstream remote.address=192.168.99.1 remote.as=64999 hold-time=00:00:30 (key bgp-connection:upstream): instance main -> home, local.address "" -> 192.168.99.2, afi "" -> ip',
    'adopt /routing/bgp/connection instance=main local.role=ebgp name=lab remote.address=10.20.0.11 remote.as=65020 multihop=yes use-bfd=yes (key bgp-connection:lab): instance main -> home, local.address "" -> 192.168.88.1, afi "" -> ip',
    "add /ip/firewall/filter chain=input action=accept src-address=192.168.99.1 in-interface=ether1 protocol=tcp dst-port=179 log=no (key fw-filter:001:bgp.upstream:e7b44405)",
    "add /ip/firewall/filter chain=input action=accept src-address=10.20.0.11 protocol=tcp dst-port=179 log=no (key fw-filter:002:bgp.lab:14459749)",
    "add /ip/firewall/filter chain=input action=accept src-address=10.20.0.11 protocol=udp dst-port=4784 log=no (key fw-filter:003:bfd.lab:b7878d24)",
    "",
  ]);
}, 120_000);

test("the WAN interface list's member becomes the uplink; a VLAN interface named with a space is reported with the rename", () => {
  const text = [
    "# 2026-12-01 10:00:00 by RouterOS 7.19.4",
    "/interface vlan",
    'add interface=bridge name="IoT VLAN" vlan-id=40',
    "/interface list member",
    "add comment=defconf interface=bridge list=LAN",
    "add comment=defconf interface=ether1 list=WAN",
    "/ip address",
    'add address=192.168.40.1/24 interface="IoT VLAN" network=192.168.40.0',
    "add address=192.168.88.1/24 interface=bridge network=192.168.88.0",
    "",
  ].join("\n");
  const report = new Report();
  const { entry } = importRouter("edge", "edge.rsc", parseExport("edge.rsc", text), report);
  expect(entry.uplink).toEqual({ interfaces: ["ether1"] });
  expect(entry.addresses).toEqual([{ interface: "bridge", address: "192.168.88.1/24" }]);
  expect(report.counts).toEqual([{ file: "edge.rsc", read: 5, expressed: 2, reported: 3 }]);
  const rename = (menu: string) =>
    `the interface name "IoT VLAN" is not one the stack holds (a letter, then letters, digits, '_', '.' or '-', at most 32 characters): rename it on the router (${menu}/set [find name="IoT VLAN"] name=IoT-VLAN, for every interface named so) and export again; the router keeps it as it is`;
  expect(report.findings.map((f) => `${f.line}: ${f.why}`)).toEqual([
    `3: ${rename("/interface/vlan")}`,
    "5: the stack has no key for interface list member; the router keeps it",
    `8: ${rename("/interface")}`,
    "1: ssh.host is 192.168.88.1 (its first IPv4 address); set the address Pulumi reaches the router at",
    "1: uplink.interfaces is ether1, the router's WAN interface list; the stack masquerades the site's private IPv4 out of it (uplink.ipv6 sets the IPv6 egress)",
  ]);
});

// routers[].defconf: set from the factory firewall's drops (topology/policy-eval.ts DEFCONF_DROPS),
// so that the plan's model of the router drops what the router drops; with one drop missing, left
// out and said so.
test("a factory export's defconf drops set defconf: true; with one missing, it is left out and the missing one named", () => {
  const file = "test/fixtures/routeros/defconf-home.rsc";
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const read = (t: string) => {
    const report = new Report();
    const { entry } = importRouter("edge", file, parseExport(file, t), report);
    return {
      defconf: entry.defconf,
      lines: report.findings
        .filter((f) => f.why.includes("defconf is"))
        .map((f) => `${f.line}: ${f.text}: ${f.why}`),
    };
  };
  expect(read(text)).toEqual({
    defconf: true,
    lines: [
      '53: router edge: defconf is true: the export has MikroTik\'s factory firewall drops (IPv4 input "defconf: drop all not coming from LAN", IPv6 input "defconf: drop everything else not coming from LAN", IPv4 forward "defconf: drop all from WAN not DSTNATed", IPv6 forward "defconf: drop everything else not coming from LAN"); the plan\'s checks and the twin\'s probes take them into account (the internet reaches nothing inside unless a rule allows it)',
    ],
  });
  const forward = [
    "add action=drop chain=forward comment=\\",
    '    "defconf: drop all from WAN not DSTNATed" connection-nat-state=!dstnat \\',
    "    connection-state=new in-interface-list=WAN",
    "",
  ].join("\n");
  expect(text.includes(forward)).toBe(true);
  expect(read(text.replace(forward, ""))).toEqual({
    defconf: undefined,
    lines: [
      "53: router edge: defconf is left out: the export has some of MikroTik's factory firewall drops but not IPv4 forward \"defconf: drop all from WAN not DSTNATed\"; the plan's checks take none of them into account (set defconf: true if the router drops as a factory router does)",
    ],
  });
});

// New-user trial 2 of issue 17, H7: the owner kept an IoT VLAN off a factory router by leaving
// it out of LAN. The import says so with the zone that keeps it out; the plan without that zone
// adds it to LAN and the dry run warns; with the zone the script keeps it out and the warning goes.
test("a factory router's VLAN kept out of LAN: the import names the zone that keeps it out, the dry run warns without it", () => {
  const text = [
    fs.readFileSync("test/fixtures/routeros/defconf-home.rsc", "utf8").trimEnd(),
    "/interface vlan",
    "add interface=bridge name=vlan20 vlan-id=20",
    "add interface=bridge name=vlan30 vlan-id=30",
    "/interface list member",
    "add interface=vlan20 list=LAN",
    "/ip address",
    "add address=10.20.0.1/24 interface=vlan20 network=10.20.0.0",
    "add address=192.168.30.1/24 interface=vlan30 network=192.168.30.0",
    // A WireGuard interface outside LAN (new-user trial 3, finding 3): no segment is made of it.
    "add address=10.99.0.1/24 interface=wg0 network=10.99.0.0",
    "",
  ].join("\n");
  const rsc = path.join(dir, "edge.rsc");
  fs.writeFileSync(rsc, text);
  const out = path.join(dir, "Pulumi.home.yaml");
  const io = { out: () => undefined, err: () => undefined };
  // A host, for a plan that resolves: pve2's saved file, with the router as its gateway.
  const pve2 = path.join(dir, "pve2-interfaces");
  fs.writeFileSync(
    pve2,
    fs
      .readFileSync("test/fixtures/import/pve2/interfaces", "utf8")
      .replace("gateway 192.168.88.254", "gateway 192.168.88.1"),
  );
  const argv = ["--site", "home", "--proxmox", `pve2=${pve2}`, "--routeros", `edge=${rsc}`];
  expect(importCli([...argv, "--out", out], io)).toBe(0);
  const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
  const wgLine =
    text.split("\n").indexOf("add address=10.99.0.1/24 interface=wg0 network=10.99.0.0") + 1;
  expect(report.split("\n").filter((l) => l.includes("interface list LAN"))).toEqual([
    `- ${rsc}:${wgLine}: \`add address=10.99.0.1/24 interface=wg0 network=10.99.0.0\`: wg0 is outside the interface list LAN, so the factory input drop (in-interface-list=!LAN) keeps it off the router itself, and no segment is made of it; in routers[].addresses the stack's script would add wg0 to LAN, opening the router's SSH, Winbox, WebFig and DNS to it: the address is left out, and the router keeps it as it is`,
    `- ${rsc}:${text.split("\n").indexOf("add interface=bridge name=vlan30 vlan-id=30") + 1}: \`add interface=bridge name=vlan30 vlan-id=30\`: vlan30 is not in edge's interface list LAN, so its factory input drop (in-interface-list=!LAN) keeps segment vlan30 off the router itself; the stack's script adds a segment's interface to LAN unless its zone denies by default: to keep it out, add { zone: vlan30, default: deny } to homelab:policy zones (the router then also drops what vlan30 forwards unless a rule allows it)`,
  ]);
  const config = (parse(fs.readFileSync(out, "utf8")) as { config: Record<string, unknown> })
    .config;
  const routers = config["homelab:routers"] as { addresses: { interface: string }[] }[];
  expect(routers[0].addresses.map((a) => a.interface)).toEqual(["bridge", "vlan20", "vlan30"]);
  const site = Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k.replace(/^homelab:/, ""), v]),
  );
  const run = (s: Record<string, unknown>) => {
    const resolved = resolveSite(s);
    if (!resolved.ok) throw new Error(resolved.problems.map(formatProblem).join("\n"));
    const script = renderRouterOsScript(
      routerOsDesiredState(resolved.topology, resolved.plan.routers[0], "home"),
    );
    const r = dryRun(script, "edge.rsc", text);
    if (!r.ok) throw new Error(r.conflicts.join("\n"));
    return r;
  };
  const joins = run(site);
  const adopted = [
    "adopt /interface/list/member interface=bridge list=LAN (key lan-member:bridge)",
    "adopt /interface/list/member interface=vlan20 list=LAN (key lan-member:vlan20)",
  ];
  expect(joins.lines.filter((l) => l.includes("/interface/list/member"))).toEqual([
    ...adopted,
    "add /interface/list/member list=LAN interface=vlan30 (key lan-member:vlan30)",
  ]);
  expect(joins.warnings).toEqual([
    `vlan30 is on edge.rsc outside the interface list LAN, so "defconf: drop all not coming from LAN" (/ip/firewall/filter) and "defconf: drop everything else not coming from LAN" (/ipv6/firewall/filter) keep it off the router itself; the script adds it to LAN for the stack's 192.168.30.0/24, which opens the router's SSH, Winbox, WebFig and DNS to it: if it was kept out on purpose, give the segment of 192.168.30.0/24 a zone that denies by default (policy.zones[]: { zone: <that segment>, default: deny }), and the script keeps it out of LAN; otherwise nothing to do`,
  ]);
  const kept = run({
    ...site,
    policy: { default: "allow", zones: [{ zone: "vlan30", default: "deny" }], rules: [] },
  });
  expect(kept.lines.filter((l) => l.includes("/interface/list/member"))).toEqual([
    ...adopted,
    "keep out /interface/list/member list=LAN interface=vlan30 (zone vlan30 denies by default, policy.zones[0]: the factory drops keep it off the router itself)",
  ]);
  expect(kept.warnings).toEqual([]);
});

// New-user trial 3, finding 16: a host with no IPv6 on management, beside one that has it, gets
// the stack's derived IPv6 address; the import says so at its management bridge.
test("a host without a family another host gave the global prefix: the address the stack adds is named", () => {
  const base = fs.readFileSync("test/fixtures/import/pve2/interfaces", "utf8");
  const a = path.join(dir, "pve-a");
  const b = path.join(dir, "pve-b");
  fs.writeFileSync(a, base + "\niface vmbr0 inet6 static\n\taddress fd3c:9a1e:77b0:88::2/64\n");
  fs.writeFileSync(b, base.replace("192.168.88.2/24", "192.168.88.3/24"));
  const out = path.join(dir, "Pulumi.home.yaml");
  const io = { out: () => undefined, err: () => undefined };
  const argv = ["--site", "home", "--proxmox", `pve-a=${a}`, "--proxmox", `pve-b=${b}`];
  expect(importCli([...argv, "--out", out], io)).toBe(0);
  const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
  expect(report.split("\n").filter((l) => l.includes("first pulumi up adds"))).toEqual([
    `- ${b}:7: \`iface vmbr0 inet static\`: pve-b has no IPv6 address on management here, yet global.management.ipv6 is fd3c:9a1e:77b0:88::/64 (from another host): the stack gives pve-b fd3c:9a1e:77b0:88::3 (that prefix and its ID 3), which the first pulumi up adds to the host; add it to the host now, or take global.management.ipv6 out if no host should have it`,
  ]);
});
