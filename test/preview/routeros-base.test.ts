// `npm run plan -- --routeros-base ROUTER=FILE`: the router's reconcile script dry-run on its
// `/export` (fixtures in test/fixtures/routeros/), in-process against a scratch project holding
// the adopt-site stack: the changes file line for line, a conflict refusing the plan with the
// script's message, and the files it refuses to read.
import { shownPath } from "../../preview/folder";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { planCli } from "../../preview/cli";
import { previewFiles, previewStack, PREVIEW_MANIFEST, ROOT } from "../../preview/offline";
import { baseChanges, MAX_BASE_BYTES } from "../../preview/routeros-base";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const fixture = (name: string) => join(DIR, name);
const shown = shownPath;

let root: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plan-base-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  copyFileSync(fixture("adopt-site.yaml"), join(root, "Pulumi.adopt.yaml"));
  out = [];
  err = [];
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const K = "key fw-filter";
const DEFCONF_CHANGES = [
  // The factory firewall's `in-interface-list=!LAN` drops: the interfaces of the site join LAN.
  "add /interface/list/member list=LAN interface=vlan20 (key lan-member:vlan20)",
  "add /interface/list/member list=LAN interface=vlan30 (key lan-member:vlan30)",
  "add /ip/address address=10.20.0.254/24 interface=vlan20 (key ip-address:10.20.0.254)",
  "add /ip/address address=192.168.30.1/24 interface=vlan30 (key ip-address:192.168.30.1)",
  'add /routing/filter/rule chain=k8s-in rule="if (dst in 10.20.27.0/24) { accept }" (key filter-rule:k8s-in:1)',
  "add /routing/filter/rule chain=k8s-in rule=reject (key filter-rule:k8s-in:2)",
  "add /routing/bgp/connection name=lab-cp1 as=65000 remote.address=10.20.0.11 remote.as=65020 local.role=ebgp local.address=10.20.0.254 multihop=no input.filter=k8s-in afi=ip use-bfd=no router-id=192.168.88.254 (key bgp-connection:lab-cp1)",
  "add /ip/dns/static name=nas.home.arpa type=A address=192.168.30.10 (key dns:nas.home.arpa/192.168.30.10)",
  ...["10.20.0.0/24", "10.20.27.0/24", "10.20.244.0/22", "10.20.254.0/24"].map(
    (a) =>
      `add /ip/firewall/address-list list=adopt-z-lab address=${a} (key fw-list:adopt-z-lab:${a})`,
  ),
  ...["10.20.0.254/32", "192.168.30.1/32"].map(
    (a) =>
      `add /ip/firewall/address-list list=adopt-t-edge address=${a} (key fw-list:adopt-t-edge:${a})`,
  ),
  `add /ip/firewall/filter chain=input action=accept connection-state=established,related log=no (${K}:004:stateful:1bf3f4ee)`,
  `add /ip/firewall/filter chain=input action=drop connection-state=invalid log=no (${K}:005:invalid:fbbd607d)`,
  `add /ip/firewall/filter chain=input action=accept src-address-list=adopt-z-lab dst-address-list=adopt-t-edge protocol=udp dst-port=53 log=no (${K}:006:rule.lab-dns:a37a1314)`,
  `add /ip/firewall/filter chain=input action=drop src-address-list=adopt-z-lab dst-address-list=adopt-t-edge protocol=tcp dst-port=22,8291 log=no (${K}:007:rule.lab-no-admin:0ef412a1)`,
  `add /ip/firewall/filter chain=input action=accept src-address=10.20.0.11 in-interface=vlan20 protocol=tcp dst-port=179 log=no (${K}:008:bgp.lab-cp1:f12dc32f) before "defconf: drop invalid"`,
  `add /ip/firewall/filter chain=forward action=accept connection-state=established,related log=no (${K}:001:stateful:8b5f5072)`,
  `add /ip/firewall/filter chain=forward action=drop connection-state=invalid log=no (${K}:002:invalid:e311f2ca)`,
  `add /ip/firewall/filter chain=forward action=accept src-address-list=adopt-z-lab dst-address-list=adopt-z-lab log=no (${K}:003:intra.lab:8b8d81cc) before "defconf: drop invalid"`,
  "add /ip/firewall/nat chain=srcnat action=masquerade out-interface=ether1 src-address=10.20.0.0/24 (key nat:ether1:10.20.0.0/24:masquerade)",
  "add /ip/firewall/nat chain=srcnat action=masquerade out-interface=ether1 src-address=192.168.30.0/24 (key nat:ether1:192.168.30.0/24:masquerade)",
];

/**
 * The factory export with the two VLAN interfaces the adopt-site stack names (it sets no trunk,
 * so the owner makes them), written to the scratch project.
 */
function factoryWithVlans(): string {
  const path = join(root, "factory-vlans.rsc");
  const vlans = [
    "/interface vlan",
    "add interface=bridge name=vlan20 vlan-id=20",
    "add interface=bridge name=vlan30 vlan-id=30",
    "",
  ].join("\n");
  writeFileSync(path, readFileSync(fixture("defconf-home.rsc"), "utf8") + vlans);
  return path;
}

// The dry run's warning for a VLAN interface the router had outside LAN that the script adds to
// it (new-user trial 2 of issue 17, H7: the owner may have kept it off the router on purpose).
const BOTH_DROPS =
  '"defconf: drop all not coming from LAN" (/ip/firewall/filter) and "defconf: drop everything else not coming from LAN" (/ipv6/firewall/filter) keep';
const joinWarning = (file: string, vlan: string, subnet: string, drops = BOTH_DROPS) =>
  `${vlan} is on ${file} outside the interface list LAN, so ${drops} it off the router itself; the script adds it to LAN for the stack's ${subnet}, which opens the router's SSH, Winbox, WebFig and DNS to it: if it was kept out on purpose, give the segment of ${subnet} a zone that denies by default (policy.zones[]: { zone: <that segment>, default: deny }), and the script keeps it out of LAN; otherwise nothing to do`;
const joinWarnings = (file: string) => [
  `  ! edge: ${joinWarning(file, "vlan20", "10.20.0.0/24")}`,
  `  ! edge: ${joinWarning(file, "vlan30", "192.168.30.0/24")}`,
];

// The stack's own warning (addressing/dns-record-warnings.ts): its nas.home.arpa record points
// into vlan30's subnet at an address nothing in the plan holds. Listed after the dry run's.
const NAS_WARNING =
  '  ! routers[0].dnsRecords[0].address: "192.168.30.10": is inside router edge\'s vlan30 subnet (192.168.30.0/24) but nothing in the plan holds it, so nas.home.arpa would point at an address the stack does not know; declare what holds it (homelab:devices for a device on a segment, homelab:vms for a VM), or point nas.home.arpa at the address that holds it';

test("a factory router without the VLAN interfaces the stack names: the plan is refused with the fix", async () => {
  // RouterOS refuses an address or a list member on an interface it does not have; the stack
  // sets no trunk, so its script creates no /interface/vlan.
  const argv = ["--stack", "adopt", "--routeros-base", `edge=${fixture("defconf-home.rsc")}`];
  expect(await planCli(argv, io, root)).toBe(1);
  // Both VLAN interfaces the stack names, each with its fix, in one run.
  expect(err.length).toBe(3);
  expect(err[0]).toBe("adopt: 2 problems; the plan is refused, nothing was registered");
  expect(err.slice(1)).toEqual(
    ["vlan20", "vlan30"].map(
      (v) =>
        `  - the script fails on the router of ${shown(fixture("defconf-home.rsc"))}: /interface/list/member: input does not match any value of interface: ${v}; ${shown(fixture("defconf-home.rsc"))} has no interface ${v}: create it on the router (for a VLAN, /interface/vlan/add name=${v} interface=bridge vlan-id=<id>; ${shown(fixture("defconf-home.rsc"))} has the bridge bridge), or set the router's trunk in the stack (trunk: bridge) so that the script creates its VLAN interfaces`,
    ),
  );
});

test("a factory router with the owner's VLANs: every entry added, none adopted, the filter rules above the defconf drops", async () => {
  const dir = join(root, "out", "adopt");
  const argv = ["--stack", "adopt", "--routeros-base", `edge=${factoryWithVlans()}`];
  expect(await planCli(argv, io, root)).toBe(0);
  expect(err).toEqual([]);
  // vlan20 and vlan30 join LAN: no warning that the factory drops take what they send, but one
  // each that the run opens the router to an interface the owner had outside LAN.
  expect(out.slice(1)).toEqual([
    "  routeros/edge.changes.txt: 24 add, 0 adopt, 0 set, 0 remove, 0 release (69 entries read from the export)",
    ...joinWarnings(shown(join(root, "factory-vlans.rsc"))),
    NAS_WARNING,
  ]);
  expect(readFileSync(join(dir, "routeros", "edge.changes.txt"), "utf8")).toBe(
    `${DEFCONF_CHANGES.join("\n")}\n`,
  );
  // A file of the preview: listed, so that the next preview replaces or removes it.
  const listed = JSON.parse(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8"));
  expect(listed.files.map((f: { path: string }) => f.path)).toContain("routeros/edge.changes.txt");
});

test("the dry run's warnings are counted in the summary line and listed under its changes file", async () => {
  const path = factoryWithVlans();
  writeFileSync(
    path,
    readFileSync(path, "utf8").replace("by RouterOS 7.19.4", "by RouterOS 7.20.1"),
  );
  expect(await planCli(["--stack", "adopt", "--routeros-base", `edge=${path}`], io, root)).toBe(0);
  expect(err).toEqual([]);
  expect(out[0]).toBe(
    `adopt: 25 resources (18 custom, 7 components), 1 to import, 17 to create, 4 warnings, 1 manual step (inventory.md), written to ${shown(join(root, "out", "adopt"))}`,
  );
  expect(out.slice(1)).toEqual([
    "  routeros/edge.changes.txt: 24 add, 0 adopt, 0 set, 0 remove, 0 release (69 entries read from the export)",
    `  ! edge: ${shown(path)} is an export of RouterOS 7.20.1, the script is for 7.19: set the router's version in the stack to 7.20`,
    ...joinWarnings(shown(path)),
    NAS_WARNING,
  ]);
});

test("a router that ran the stack with its uplink and route: the plan without them says remove", async () => {
  // uplink-site.yaml without routers[0].uplink and routes, on the export of its router after the
  // script of the stack with them ran (defconf-uplink-ran.rsc): the factory's `defconf:
  // masquerade` is not the stack's and is not listed.
  const stack = readFileSync(fixture("uplink-site.yaml"), "utf8")
    .replace("      uplink: { interfaces: [ether1] }\n", "")
    .replace("      routes: [{ to: 10.99.0.0/16, via: 192.168.30.5 }]\n", "");
  writeFileSync(join(root, "Pulumi.home.yaml"), stack);
  const argv = ["--stack", "home", "--routeros-base", `edge=${fixture("defconf-uplink-ran.rsc")}`];
  expect(await planCli(argv, io, root)).toBe(0);
  expect(err).toEqual([]);
  expect(out[1]).toBe(
    "  routeros/edge.changes.txt: 1 add, 0 adopt, 0 set, 2 remove, 0 release (72 entries read from the export)",
  );
  expect(readFileSync(join(root, "out", "home", "routeros", "edge.changes.txt"), "utf8")).toBe(
    [
      "remove /ip/firewall/nat action=masquerade chain=srcnat out-interface=ether1 src-address=192.168.30.0/24 (key nat:ether1:192.168.30.0/24:masquerade)",
      "remove /ip/route dst-address=10.99.0.0/16 gateway=192.168.30.5 (key ip-route:10.99.0.0/16)",
      // The export is of a script from before the stack managed LAN memberships.
      "add /interface/list/member list=LAN interface=vlan30 (key lan-member:vlan30)",
      "",
    ].join("\n"),
  );
});

test("a conflict refuses the plan with the script's message, naming both entries", async () => {
  const base = fixture("user-conflict.rsc");
  const argv = ["--stack", "adopt", "--routeros-base", `edge=${base}`];
  expect(await planCli(argv, io, root)).toBe(1);
  const at = `routeros/edge.rsc on ${shown(base)}`;
  expect(err).toEqual([
    "adopt: 2 problems; the plan is refused, nothing was registered",
    `  - ${at}: conflict /ip/address: the router has address=10.20.0.254/16 interface=vlan20, the stack wants address=10.20.0.254/24 interface=vlan20 (key ip-address:10.20.0.254): the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack`,
    `  - ${at}: conflict /ip/address: the router has address=192.168.30.1/24 interface=vlan40, the stack wants address=192.168.30.1/24 interface=vlan30 (key ip-address:192.168.30.1): the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack`,
  ]);
  expect(out).toEqual([]);
  expect(existsSync(join(root, "out", "adopt"))).toBe(false);
});

test("a router the stack does not have is a usage error, exit 2", async () => {
  const argv = ["--stack", "adopt", "--routeros-base", `core=${fixture("defconf-home.rsc")}`];
  expect(await planCli(argv, io, root)).toBe(2);
  expect(err).toEqual([
    `plan: --routeros-base core=${shown(fixture("defconf-home.rsc"))}: the stack has no RouterOS router core; its RouterOS routers: edge`,
  ]);
});

describe("files the option refuses before anything runs, exit 2", () => {
  test.each<[string, (dir: string) => string, string]>([
    [
      "no ROUTER=",
      () => "edge.rsc",
      'plan: --routeros-base "edge.rsc": expected ROUTER=FILE, e.g. edge=edge.rsc (the router\'s name in the stack, then the file /export wrote)',
    ],
    [
      "a missing file",
      (d) => `edge=${join(d, "nope.rsc")}`,
      "plan: --routeros-base edge=<dir>/nope.rsc: <dir>/nope.rsc does not exist",
    ],
    [
      "a symbolic link",
      (d) => {
        symlinkSync(fixture("defconf-home.rsc"), join(d, "link.rsc"));
        return `edge=${join(d, "link.rsc")}`;
      },
      "plan: --routeros-base edge=<dir>/link.rsc: <dir>/link.rsc is a symbolic link; give the export file itself",
    ],
    [
      "a folder",
      (d) => {
        mkdirSync(join(d, "exports"));
        return `edge=${join(d, "exports")}`;
      },
      "plan: --routeros-base edge=<dir>/exports: <dir>/exports is a folder; give the export file itself",
    ],
    [
      "a file over 4 MiB",
      (d) => {
        writeFileSync(join(d, "big.rsc"), "");
        truncateSync(join(d, "big.rsc"), MAX_BASE_BYTES + 1);
        return `edge=${join(d, "big.rsc")}`;
      },
      `plan: --routeros-base edge=<dir>/big.rsc: <dir>/big.rsc is 4194305 bytes, more than the 4194304 an /export of a router can be; is it the right file?`,
    ],
    [
      "the process environment (/proc), never read",
      () => "edge=/proc/self/environ",
      "plan: --routeros-base edge=/proc/self/environ: /proc/self/environ is on /proc, not a saved file; give the file /export wrote",
    ],
  ])("%s", async (_what, make, message) => {
    const value = make(root);
    expect(await planCli(["--stack", "adopt", "--routeros-base", value], io, root)).toBe(2);
    expect(err).toEqual([message.replace(/<dir>/g, shown(root))]);
    expect(out).toEqual([]);
  });
});

describe("the changes of an owner's router", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    const scratch = mkdtempSync(join(tmpdir(), "plan-base-"));
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(scratch, "Pulumi.yaml"));
    copyFileSync(fixture("adopt-site.yaml"), join(scratch, "Pulumi.adopt.yaml"));
    const result = await previewStack("adopt", scratch);
    rmSync(scratch, { recursive: true, force: true });
    files = new Map(previewFiles(result));
  });

  const changes = (name: string) => {
    const r = baseChanges(
      [{ router: "edge", file: name, text: readFileSync(fixture(name), "utf8") }],
      files,
      (f) => f,
    );
    if (!r.ok) throw new Error(r.problems.join("\n"));
    const c = r.changes[0];
    return { lines: c.text.split("\n").slice(0, -1), counts: c.counts, warnings: c.warnings };
  };

  test("with VLANs, addresses, routes and BGP: the equal entries are adopted", () => {
    const { lines, counts, warnings } = changes("user-vlans.rsc");
    expect(counts).toEqual({ read: 34, add: 19, adopt: 5, set: 0, remove: 0, release: 0 });
    // vlan30 is in LAN on this router (adopted); vlan20, where the node peers from, joins it,
    // which the owner is told (the router had it outside LAN).
    expect(warnings).toEqual([
      joinWarning(
        "user-vlans.rsc",
        "vlan20",
        "10.20.0.0/24",
        '"defconf: drop all not coming from LAN" (/ip/firewall/filter) keeps',
      ),
    ]);
    expect(lines.filter((l) => l.startsWith("add /interface/"))).toEqual([DEFCONF_CHANGES[0]]);
    expect(lines.filter((l) => !l.startsWith("add "))).toEqual([
      "adopt /interface/list/member interface=vlan30 list=LAN (key lan-member:vlan30)",
      "adopt /ip/address address=192.168.30.1/24 interface=vlan30 network=192.168.30.0 (key ip-address:192.168.30.1)",
      "adopt /ip/address address=10.20.0.254/24 interface=vlan20 network=10.20.0.0 (key ip-address:10.20.0.254)",
      "adopt /routing/bgp/connection afi=ip as=65000 input.filter=k8s-in local.address=10.20.0.254 local.role=ebgp multihop=no name=lab-cp1 remote.address=10.20.0.11 remote.as=65020 router-id=192.168.88.254 use-bfd=no (key bgp-connection:lab-cp1)",
      "adopt /ip/dns/static address=192.168.30.10 name=nas.home.arpa type=A (key dns:nas.home.arpa/192.168.30.10)",
    ]);
    expect(lines.filter((l) => l.includes(" before "))).toEqual([
      DEFCONF_CHANGES[18],
      DEFCONF_CHANGES[21],
    ]);
  });

  test("that ran the stack before: a managed entry no longer wanted goes, a changed one is set", () => {
    const { lines, counts } = changes("user-managed.rsc");
    expect(counts).toEqual({ read: 11, add: 16, adopt: 0, set: 1, remove: 1, release: 0 });
    expect(lines.slice(0, 2)).toEqual([
      "remove /ip/route dst-address=10.50.0.0/16 gateway=192.168.30.5 (key ip-route:10.50.0.0/16)",
      "set /routing/bgp/connection afi=ip as=65000 input.filter=k8s-in local.address=10.20.0.254 local.role=ebgp multihop=no name=lab-cp1 remote.address=10.20.0.11 remote.as=65010 router-id=192.168.88.254 use-bfd=no (key bgp-connection:lab-cp1): remote.as 65010 -> 65020",
    ]);
  });

  test("that adopted routes the stack no longer wants: they are released, not removed", () => {
    const { lines, counts } = changes("user-adopted.rsc");
    expect(counts).toEqual({ read: 12, add: 16, adopt: 0, set: 1, remove: 0, release: 2 });
    expect(lines.filter((l) => l.startsWith("release ") || l.startsWith("remove "))).toEqual([
      'release /ip/route dst-address=10.50.0.0/16 gateway=192.168.30.5 (key ip-route:10.50.0.0/16) comment="backup box"',
      "release /ip/route dst-address=10.60.0.0/16 gateway=192.168.30.6 (key ip-route:10.60.0.0/16)",
    ]);
  });

  test("a released entry's comment is the owner's text: what looks like a secret in it is redacted", () => {
    // The owner's comment comes back to the router, and into the changes file: shown as the
    // owner's text is everywhere else (new-user trial 3, finding 7).
    const text = readFileSync(fixture("user-adopted.rsc"), "utf8").replace(
      "was=backup box",
      "was=backup box pw: Sekr1tBox9",
    );
    const r = baseChanges([{ router: "edge", file: "user-adopted.rsc", text }], files, (f) => f);
    if (!r.ok) throw new Error(r.problems.join("\n"));
    expect(
      r.changes[0].text
        .split("\n")
        .filter((l) => l.startsWith("release "))
        .slice(0, 1),
    ).toEqual([
      'release /ip/route dst-address=10.50.0.0/16 gateway=192.168.30.5 (key ip-route:10.50.0.0/16) comment="backup box pw: [redacted]"',
    ]);
    expect(r.changes[0].text.includes("Sekr1tBox9")).toBe(false);
  });

  test("an adopted entry's secret property is redacted in the changes file (new-user trial 4: a BGP TCP-MD5 key in clear)", () => {
    const text = readFileSync(fixture("user-vlans.rsc"), "utf8").replace(
      ".as=65020 router-id=192.168.88.254 use-bfd=no",
      ".as=65020 router-id=192.168.88.254 tcp-md5-key=Md5BgpSecretValue use-bfd=no",
    );
    const r = baseChanges([{ router: "edge", file: "user-vlans.rsc", text }], files, (f) => f);
    if (!r.ok) throw new Error(r.problems.join("\n"));
    expect(r.changes[0].text.includes("Md5BgpSecretValue")).toBe(false);
    expect(
      r.changes[0].text.split("\n").filter((l) => l.includes("/routing/bgp/connection")),
    ).toEqual([
      "adopt /routing/bgp/connection afi=ip as=65000 input.filter=k8s-in local.address=10.20.0.254 local.role=ebgp multihop=no name=lab-cp1 remote.address=10.20.0.11 remote.as=65020 router-id=192.168.88.254 tcp-md5-key=[redacted] use-bfd=no (key bgp-connection:lab-cp1)",
    ]);
  });

  test("a RouterOS 6 export is refused, naming its header line", () => {
    const r = baseChanges(
      [{ router: "edge", file: "ros6.rsc", text: readFileSync(fixture("ros6.rsc"), "utf8") }],
      files,
      (f) => f,
    );
    expect(r).toEqual({
      ok: false,
      status: 1,
      problems: [
        'ros6.rsc: line 1: "# jan/02/2024 10:15:00 by RouterOS 6.49.10": an export of RouterOS 6.49; the script is for RouterOS 7: upgrade the router, then export it again',
      ],
    });
  });

  test("a file that is not an export is refused by its header, its last line not quoted", () => {
    const text = "# nothing\nAPI_TOKEN=supersecret-value-123";
    const r = baseChanges([{ router: "edge", file: "secret.rsc", text }], files, (f) => f);
    expect(r).toEqual({
      ok: false,
      status: 1,
      problems: [
        'secret.rsc: no "# ... by RouterOS 7.x" header line: not the output of /export; save what /export prints on the router, as it is',
      ],
    });
  });
});

test("the router's DHCP pool and a static lease holding the plan's addresses: one warning each, with the range to set", async () => {
  // Hosts 11 and 12 and a declared device (.30) on the factory's 192.168.88.0/24, where its DHCP
  // server `defconf` hands out
  // 192.168.88.10-192.168.88.254 on bridge; the owner's static lease gives .12 to a laptop.
  const stack = join(root, "Pulumi.adopt.yaml");
  writeFileSync(
    stack,
    readFileSync(stack, "utf8").replace(
      "    - { name: pve1, id: 1 }\n",
      "    - { name: pve1, id: 11 }\n    - { name: pve2, id: 12 }\n  homelab:devices:\n    - { name: mqtt, network: management, ipv4: 192.168.88.30 }\n",
    ),
  );
  const path = factoryWithVlans();
  writeFileSync(
    path,
    `${readFileSync(path, "utf8")}/ip dhcp-server lease\nadd address=192.168.88.12 mac-address=AA:BB:CC:00:00:12 server=defconf\n`,
  );
  expect(await planCli(["--stack", "adopt", "--routeros-base", `edge=${path}`], io, root)).toBe(0);
  expect(err).toEqual([]);
  expect(out.slice(1)).toEqual([
    "  routeros/edge.changes.txt: 24 add, 0 adopt, 0 set, 0 remove, 0 release (70 entries read from the export)",
    ...joinWarnings(shown(path)),
    `  ! edge: the DHCP server defconf on bridge hands out pool default-dhcp (192.168.88.10-192.168.88.254) in ${shown(path)}, which holds addresses the stack gives out: 192.168.88.11 (pve1, hosts[0]), 192.168.88.12 (pve2, hosts[1]), 192.168.88.30 (mqtt, devices[0]); the router may lease one to another device while its machine is off: shrink the pool (/ip/pool/set [find name="default-dhcp"] ranges=192.168.88.10,192.168.88.13-192.168.88.29,192.168.88.31-192.168.88.254) or give those machines addresses outside it`,
    `  ! edge: a static lease in ${shown(path)} gives 192.168.88.12 to AA:BB:CC:00:00:12, an address the stack gives pve2, hosts[1]: remove the lease (/ip/dhcp-server/lease/remove [find address=192.168.88.12]) or give the machine another address`,
    NAS_WARNING,
  ]);
  expect(out[0]).toMatch(/, 5 warnings, /);
});
