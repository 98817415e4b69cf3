// Adopting a running router (issue 17), proven on the RouterOS menu model loaded with `/export`
// fixtures (test/fixtures/routeros/): MikroTik's factory configuration of a home router, and an
// owner's router with VLANs, addresses, routes and BGP. The script of the adopt-site fixture runs
// twice: nothing is added twice, nothing of the router's own is removed or moved, our filter
// rules sit before the factory drops, the second run changes nothing, and destroy removes
// exactly the entries we added and releases the ones we adopted (their owner's comment back), so
// the router is as its export had it. A clashing entry, or an equal one whose properties differ
// from the stack's, stops the script in its check pass, before any change.
import { readFileSync } from "fs";
import { join } from "path";
import { Address, Prefix } from "../../addressing/ip";
import { renderRouterOsDestroyScript, renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState, sessionFilters } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { DryRunError, dryRun } from "../../twin/routeros/dryrun";
import { parseExport, routerFromExport } from "../../twin/routeros/export";
import { RouterModel, RouterOsScriptError } from "../../twin/routeros/model";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const state = (() => {
  const { plan, topology } = requireSite(fileRaw(join(DIR, "adopt-site.yaml")));
  return routerOsDesiredState(topology, plan.routers[0], "adopt");
})();
const script = renderRouterOsScript(state);
const destroy = renderRouterOsDestroyScript(state);

function load(name: string): RouterModel {
  const text = readFileSync(join(DIR, name), "utf8");
  return routerFromExport(name, parseExport(name, text), "7.19");
}

/** Every entry of every menu, as `/export` prints it. */
function everything(r: RouterModel): Record<string, Record<string, string>[]> {
  return Object.fromEntries(
    r
      .menuPaths()
      .map((m): [string, Record<string, string>[]] => [m, r.entriesOf(m).map((e) => e.props)])
      .filter(([, rows]) => rows.length > 0),
  );
}

const ours = (c: string | undefined) => c?.startsWith("managed-by=adopt;key=") ?? false;

/** The router's own entries: everything without our comment. */
function theirs(all: Record<string, Record<string, string>[]>) {
  return Object.fromEntries(
    Object.entries(all)
      .map(([m, rows]): [string, Record<string, string>[]] => [
        m,
        rows.filter((e) => !ours(e.comment)),
      ])
      .filter(([, rows]) => rows.length > 0),
  );
}

const comments = (r: RouterModel, menu: string, chain: string) =>
  r
    .entriesOf(menu)
    .filter((e) => e.props.chain === chain)
    .map((e) =>
      e.props.comment.replace(/^managed-by=adopt;key=fw-filter:(\d+):([^:]+):.*$/, "ours $1 $2"),
    );

describe("the factory configuration of a home router", () => {
  test("is read whole: 67 entries in 20 menus", () => {
    const r = load("defconf-home.rsc");
    const all = everything(r);
    expect(Object.values(all).flat()).toHaveLength(67);
    expect(Object.keys(all)).toHaveLength(20);
    expect(all["/ip/firewall/filter"][4]).toEqual({
      action: "drop",
      chain: "input",
      comment: "defconf: drop all not coming from LAN",
      "in-interface-list": "!LAN",
    });
    expect(all["/interface/wifi"][0]).toEqual({
      "default-name": "wifi1",
      "configuration.mode": "ap",
      "configuration.ssid": "MikroTik-AA0001",
      disabled: "no",
      "security.authentication-types": "wpa2-psk,wpa3-psk",
    });
  });

  test("adopts nothing, keeps every factory entry in place, puts our rules above the drops", () => {
    const r = load("defconf-home.rsc");
    const before = everything(r);
    const first = r.run(script);
    expect(first.output.filter((l) => !l.startsWith("added "))).toEqual([]);
    expect(first.mutations.every((m) => m.op === "add")).toBe(true);
    // 18 and the masquerade of the two private subnets out of ether1 (the factory's own
    // `out-interface-list=WAN` masquerade is another rule: kept, not adopted), and vlan20 and
    // vlan30 in the factory's interface list LAN, whose members its drops spare.
    expect(first.mutations).toHaveLength(24);
    expect(r.entriesOf("/interface/list/member").map((e) => e.props)).toEqual([
      { comment: "defconf", interface: "bridge", list: "LAN" },
      { comment: "defconf", interface: "ether1", list: "WAN" },
      { list: "LAN", interface: "vlan20", comment: "managed-by=adopt;key=lan-member:vlan20" },
      { list: "LAN", interface: "vlan30", comment: "managed-by=adopt;key=lan-member:vlan30" },
    ]);
    // Nothing of the router's own changed, went or moved.
    expect(theirs(everything(r))).toEqual(before);
    expect(comments(r, "/ip/firewall/filter", "input")).toEqual([
      "defconf: accept established,related,untracked",
      "ours 004 stateful",
      "ours 005 invalid",
      "ours 006 rule.lab-dns",
      "ours 007 rule.lab-no-admin",
      "ours 008 bgp.lab-cp1",
      "defconf: drop invalid",
      "defconf: accept ICMP",
      "defconf: accept to local loopback (for CAPsMAN)",
      "defconf: drop all not coming from LAN",
    ]);
    expect(comments(r, "/ip/firewall/filter", "forward")).toEqual([
      "defconf: accept in ipsec policy",
      "defconf: accept out ipsec policy",
      "defconf: fasttrack",
      "defconf: accept established,related, untracked",
      "ours 001 stateful",
      "ours 002 invalid",
      "ours 003 intra.lab",
      "defconf: drop invalid",
      "defconf: drop all from WAN not DSTNATed",
    ]);
    const settled = everything(r);
    expect(r.run(script)).toEqual({ mutations: [], output: [] });
    expect(everything(r)).toEqual(settled);
    // Destroy removes exactly our 24 entries: the router is as it came from the factory.
    const gone = r.run(destroy);
    expect(gone.mutations).toHaveLength(24);
    expect(everything(r)).toEqual(before);
  });
});

describe("an owner's router with VLANs, addresses, routes and BGP", () => {
  test("its equal entries are adopted, not added again; nothing of its own goes", () => {
    const r = load("user-vlans.rsc");
    const before = everything(r);
    const { output } = r.run(script);
    expect(output.filter((l) => !l.startsWith("added "))).toEqual([
      // The owner's own `add interface=vlan30 list=LAN`: adopted, not added a second time.
      "adopted managed-by=adopt;key=lan-member:vlan30",
      "adopted managed-by=adopt;key=ip-address:10.20.0.254",
      "adopted managed-by=adopt;key=ip-address:192.168.30.1",
      "adopted managed-by=adopt;key=bgp-connection:lab-cp1",
      "adopted managed-by=adopt;key=dns:nas.home.arpa/192.168.30.10",
    ]);
    // Adopting writes the comment only: `;adopted`, and the owner's comment after `;was=`.
    expect(r.changes().filter((c) => c.op !== "add")).toEqual([
      {
        op: "set",
        menu: "/interface/list/member",
        id: "*D",
        prop: "comment",
        old: "",
        new: "managed-by=adopt;key=lan-member:vlan30;adopted",
      },
      {
        op: "set",
        menu: "/ip/address",
        id: "*10",
        prop: "comment",
        old: "",
        new: "managed-by=adopt;key=ip-address:10.20.0.254;adopted",
      },
      {
        op: "set",
        menu: "/ip/address",
        id: "*F",
        prop: "comment",
        old: "home VLAN gateway",
        new: "managed-by=adopt;key=ip-address:192.168.30.1;adopted;was=home VLAN gateway",
      },
      {
        op: "set",
        menu: "/routing/bgp/connection",
        id: "*21",
        prop: "comment",
        old: "lab node",
        new: "managed-by=adopt;key=bgp-connection:lab-cp1;adopted;was=lab node",
      },
      {
        op: "set",
        menu: "/ip/dns/static",
        id: "*14",
        prop: "comment",
        old: "",
        new: "managed-by=adopt;key=dns:nas.home.arpa/192.168.30.10;adopted",
      },
    ]);
    const after = everything(r);
    // One 192.168.30.1 on vlan30, now adopted; the owner's other addresses as they were.
    expect(after["/ip/address"]).toEqual([
      before["/ip/address"][0],
      {
        ...before["/ip/address"][1],
        comment: "managed-by=adopt;key=ip-address:192.168.30.1;adopted;was=home VLAN gateway",
      },
      {
        ...before["/ip/address"][2],
        comment: "managed-by=adopt;key=ip-address:10.20.0.254;adopted",
      },
      before["/ip/address"][3],
    ]);
    expect(after["/routing/bgp/connection"].map((c) => [c.name, c.comment ?? ""])).toEqual([
      ["isp", ""],
      ["lab-cp1", "managed-by=adopt;key=bgp-connection:lab-cp1;adopted;was=lab node"],
    ]);
    for (const menu of ["/ip/route", "/interface/vlan", "/interface/bridge/vlan", "/ip/dns"])
      expect(after[menu]).toEqual(before[menu]);
    // The owner's wireguard rule stays where it was, above the factory drop.
    expect(comments(r, "/ip/firewall/filter", "input").slice(1)).toEqual([
      "ours 004 stateful",
      "ours 005 invalid",
      "ours 006 rule.lab-dns",
      "ours 007 rule.lab-no-admin",
      "ours 008 bgp.lab-cp1",
      "defconf: drop invalid",
      "defconf: accept ICMP",
      "wireguard",
      "defconf: drop all not coming from LAN",
    ]);
    expect(r.run(script)).toEqual({ mutations: [], output: [] });
  });

  test("prune releases an adopted entry no longer wanted: the owner's comment back, kept", () => {
    const r = load("user-vlans.rsc");
    const before = everything(r);
    r.run(script);
    const without = renderRouterOsScript({
      ...state,
      addresses: state.addresses.filter((a) => a.interface !== "vlan30"),
    });
    expect(without).toContain(
      [
        '  :foreach i in=[/ip/address/find where comment~"^managed-by=adopt;key=\\5B^;\\5D*;adopted"] do={',
        '    :local c [:pick [/ip/address/get $i comment] 0 [:find [/ip/address/get $i comment] ";adopted"]]',
        "    :local wanted false",
        "    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }",
        "    :if (!$wanted) do={",
        "      :local own [/ip/address/get $i comment]",
        '      :local was [:pick $own [:find $own ";adopted"] [:len $own]]',
        '      :if ($was = ";adopted") do={ /ip/address/set $i comment="" } else={ /ip/address/set $i comment=[:pick $was 13 [:len $was]] }',
        '      :put ("released " . [:pick $own 0 [:find $own ";adopted"]])',
        "    }",
        "  }",
      ].join("\n"),
    );
    const { output } = r.run(without);
    expect(output).toEqual(["released managed-by=adopt;key=ip-address:192.168.30.1"]);
    expect(r.changes()).toEqual([
      {
        op: "set",
        menu: "/ip/address",
        id: "*F",
        prop: "comment",
        old: "managed-by=adopt;key=ip-address:192.168.30.1;adopted;was=home VLAN gateway",
        new: "home VLAN gateway",
      },
    ]);
    expect(everything(r)["/ip/address"][1]).toEqual(before["/ip/address"][1]);
  });

  test("destroy after adopting leaves the router exactly as its export had it", () => {
    const r = load("user-vlans.rsc");
    const before = everything(r);
    r.run(script);
    const { output, mutations } = r.run(destroy);
    expect(output.filter((l) => l.startsWith("released "))).toEqual([
      "released managed-by=adopt;key=dns:nas.home.arpa/192.168.30.10",
      "released managed-by=adopt;key=bgp-connection:lab-cp1",
      "released managed-by=adopt;key=ip-address:192.168.30.1",
      "released managed-by=adopt;key=ip-address:10.20.0.254",
      "released managed-by=adopt;key=lan-member:vlan30",
    ]);
    // Only the 19 entries the script added go; the 5 adopted ones stay, their comments restored.
    expect(mutations.filter((m) => m.op === "remove")).toHaveLength(19);
    expect(mutations.filter((m) => m.op === "set").map((m) => [m.menu, m.comment])).toEqual([
      ["/ip/dns/static", ""],
      ["/routing/bgp/connection", "lab node"],
      ["/ip/address", "home VLAN gateway"],
      ["/ip/address", ""],
      ["/interface/list/member", ""],
    ]);
    expect(everything(r)).toEqual(before);
  });

  test("a BGP connection equal on its peer with another name and input filter is adopted, both set", () => {
    // The owner's connection to the node as it was before they named it as the stack does.
    const text = readFileSync(join(DIR, "user-vlans.rsc"), "utf8")
      .replace("name=lab-cp1", "name=cp1")
      .replace("input.filter=k8s-in ", "");
    const run = dryRun(script, "cp1.rsc", text);
    if (!run.ok) throw new Error(run.conflicts.join("\n"));
    expect(run.lines.filter((l) => l.includes(" /routing/bgp/connection "))).toEqual([
      'adopt /routing/bgp/connection afi=ip as=65000 local.address=10.20.0.254 local.role=ebgp multihop=no name=cp1 remote.address=10.20.0.11 remote.as=65020 router-id=192.168.88.254 use-bfd=no (key bgp-connection:lab-cp1): name cp1 -> lab-cp1, input.filter "" -> k8s-in',
    ]);
    const r = routerFromExport("cp1.rsc", parseExport("cp1.rsc", text), "7.19");
    r.run(script);
    expect(r.run(script)).toEqual({ mutations: [], output: [] });
    // Destroy releases it: the owner's comment comes back, the values the script set stay.
    r.run(destroy);
    const after = everything(r)["/routing/bgp/connection"].find((c) => c.name === "lab-cp1");
    expect([after?.comment, after?.["input.filter"]]).toEqual(["lab node", "k8s-in"]);
  });

  test("a BGP connection equal on its name with another peer AS is a conflict, never changed", () => {
    const text = readFileSync(join(DIR, "user-vlans.rsc"), "utf8").replace(
      ".as=65020",
      ".as=65021",
    );
    const r = routerFromExport("as.rsc", parseExport("as.rsc", text), "7.19");
    const before = everything(r);
    expect(() => r.run(script)).toThrow(
      'conflict /routing/bgp/connection: the router has name=lab-cp1 remote.address=10.20.0.11, the stack wants name=lab-cp1 remote.address=10.20.0.11 (key bgp-connection:lab-cp1): the same entry with other properties: remote.as="65021" (the stack wants "65020"); the stack adopts a connection and sets its other properties, but never the peering itself (as, remote.address, remote.as, local.role): setting them would move the router\'s session to another peer or AS; correct them on the router\'s entry, or rename or remove it',
    );
    expect(r.changes()).toEqual([]);
    expect(everything(r)).toEqual(before);
  });

  test("a copy of an adopted entry is removed if we added it, the adopted one stays", () => {
    const r = load("user-vlans.rsc");
    r.run(script);
    r.load("/ip/address", "add", [
      ["address", "192.168.30.1/24"],
      ["interface", "vlan30"],
      ["comment", "managed-by=adopt;key=ip-address:192.168.30.1"],
    ]);
    expect(r.run(script).output).toEqual([
      "removed duplicate managed-by=adopt;key=ip-address:192.168.30.1",
    ]);
    expect(r.entriesOf("/ip/address").map((e) => e.props.comment ?? "")).toEqual([
      "defconf",
      "managed-by=adopt;key=ip-address:192.168.30.1;adopted;was=home VLAN gateway",
      "managed-by=adopt;key=ip-address:10.20.0.254;adopted",
      "",
    ]);
  });

  test("an address on another interface or length stops the check pass, naming both entries", () => {
    const r = load("user-conflict.rsc");
    const before = everything(r);
    expect(() => r.run(script)).toThrow(RouterOsScriptError);
    expect(() => r.run(script)).toThrow(
      [
        "conflict /ip/address: the router has address=10.20.0.254/16 interface=vlan20, the stack wants address=10.20.0.254/24 interface=vlan20 (key ip-address:10.20.0.254): the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack",
        "conflict /ip/address: the router has address=192.168.30.1/24 interface=vlan40, the stack wants address=192.168.30.1/24 interface=vlan30 (key ip-address:192.168.30.1): the same address on another interface or with another prefix length; remove or change the router's entry, or change the stack",
      ].join("\n"),
    );
    expect(r.changes()).toEqual([]);
    expect(everything(r)).toEqual(before);
  });

  test("an equal entry the owner disabled is a conflict, not adopted and not added twice", () => {
    const r = new RouterModel("7.19");
    r.load("/ip/address", "add", [
      ["address", "192.168.30.1/24"],
      ["interface", "vlan30"],
      ["disabled", "yes"],
    ]);
    expect(() => r.run(script)).toThrow(
      "conflict /ip/address: the router has address=192.168.30.1/24 interface=vlan30, the stack wants address=192.168.30.1/24 interface=vlan30 (key ip-address:192.168.30.1): the same entry, disabled; enable or remove the router's entry",
    );
  });

  test.each([
    ["192.168.30.3", "adopted managed-by=adopt;key=ip-route:10.99.0.0/16"],
    [
      "192.168.30.2",
      "conflict /ip/route: the router has dst-address=10.99.0.0/16 gateway=192.168.30.2 routing-table=main, the stack wants dst-address=10.99.0.0/16 gateway=192.168.30.3 routing-table=main (key ip-route:10.99.0.0/16): the same destination in the main table through another gateway; remove or change the router's entry, or change the stack",
    ],
  ])("the router's route via %s: %s", (gateway, outcome) => {
    const withRoute = renderRouterOsScript({
      ...state,
      routes: [{ dst: Prefix.from("10.99.0.0/16"), gateway: Address.from("192.168.30.3") }],
    });
    const r = new RouterModel("7.19");
    r.load("/ip/route", "add", [
      ["dst-address", "10.99.0.0/16"],
      ["gateway", gateway],
    ]);
    // Another table's route to the same destination is no clash.
    r.load("/ip/route", "add", [
      ["dst-address", "10.99.0.0/16"],
      ["gateway", "192.168.30.9"],
      ["routing-table", "vpn"],
    ]);
    if (outcome.startsWith("conflict")) {
      expect(() => r.run(withRoute)).toThrow(outcome);
      expect(r.changes()).toEqual([]);
    } else {
      expect(r.run(withRoute).output).toContain(outcome);
      expect(r.entriesOf("/ip/route")).toHaveLength(2);
    }
  });
});

test("a factory rule equal to one of ours is never adopted: it stays the factory's", () => {
  const r = new RouterModel("7.19");
  r.load("/ip/firewall/filter", "add", [
    ["action", "drop"],
    ["chain", "forward"],
    ["comment", "defconf: drop invalid"],
    ["connection-state", "invalid"],
  ]);
  // An owner's rule that also matches an interface list is a different rule.
  r.load("/ip/firewall/filter", "add", [
    ["action", "drop"],
    ["chain", "forward"],
    ["connection-state", "invalid"],
    ["in-interface-list", "WAN"],
  ]);
  const { output } = r.run(script);
  expect(output.filter((l) => l.startsWith("adopted "))).toEqual([]);
  expect(r.entriesOf("/ip/firewall/filter").filter((e) => !ours(e.props.comment))).toHaveLength(2);
});

test("our rules an earlier script appended below the factory drop move above it; the owner's stay", () => {
  const r = load("defconf-home.rsc");
  const fresh = load("defconf-home.rsc");
  fresh.run(script);
  // The router as the script before this fix left it: our input rules after every factory rule.
  for (const e of fresh.entriesOf("/ip/firewall/filter").filter((x) => ours(x.props.comment)))
    if (e.props.chain === "input") r.load("/ip/firewall/filter", "add", Object.entries(e.props));
  r.load("/ip/firewall/filter", "add", [
    ["chain", "input"],
    ["action", "accept"],
    ["protocol", "udp"],
    ["dst-port", "51820"],
    ["comment", "wireguard, below the drop by the owner's choice"],
  ]);
  const { output } = r.run(script);
  expect(output.filter((l) => l.startsWith("removed below"))).toHaveLength(5);
  expect(comments(r, "/ip/firewall/filter", "input")).toEqual([
    "defconf: accept established,related,untracked",
    "ours 004 stateful",
    "ours 005 invalid",
    "ours 006 rule.lab-dns",
    "ours 007 rule.lab-no-admin",
    "ours 008 bgp.lab-cp1",
    "defconf: drop invalid",
    "defconf: accept ICMP",
    "defconf: accept to local loopback (for CAPsMAN)",
    "defconf: drop all not coming from LAN",
    "wireguard, below the drop by the owner's choice",
  ]);
  expect(r.run(script)).toEqual({ mutations: [], output: [] });
});

test("an older router runs the script with its own names: what it lacks fails the dry run with the version fix; a newer one is warned about", () => {
  // The factory export, the owner's VLAN interfaces added (the stack sets no trunk).
  const text = (version: string) =>
    readFileSync(join(DIR, "defconf-home.rsc"), "utf8")
      .replace("by RouterOS 7.19.4", `by RouterOS ${version}`)
      .concat("/interface vlan\nadd interface=bridge name=vlan20 vlan-id=20\n")
      .concat("add interface=bridge name=vlan30 vlan-id=30\n");
  // RouterOS 7.16 has no `afi` on a BGP connection (from 7.19; new-user trial 3, finding 6).
  expect(() => dryRun(script, "edge.rsc", text("7.16.2"))).toThrow(DryRunError);
  expect(() => dryRun(script, "edge.rsc", text("7.16.2"))).toThrow(
    'the script fails on the router of edge.rsc: /routing/bgp/connection: unknown parameter afi; edge.rsc is an export of RouterOS 7.16.2 and the script is for 7.19: set the router\'s version in the stack to "7.16", or upgrade the router',
  );
  const r = dryRun(script, "edge.rsc", text("7.20.1"));
  expect(r.ok && r.warnings[0]).toBe(
    "edge.rsc is an export of RouterOS 7.20.1, the script is for 7.19: set the router's version in the stack to 7.20",
  );
});

describe("the router accepts its own BGP and BFD sessions before the factory drops", () => {
  test("one input accept per session, from the peer on its interface, after the policy's rules", () => {
    expect(state.firewall?.filters.at(-1)).toEqual({
      family: 4,
      chain: "input",
      action: "accept",
      srcAddress: Address.from("10.20.0.11"),
      inInterface: "vlan20",
      protocol: "tcp",
      dstPort: "179",
      log: false,
      tag: "bgp=lab-cp1",
    });
    expect(
      script
        .split("\n")
        .filter((l) => l.includes("/ip/firewall/filter/add") && l.includes("src-address="))[0]
        .trim(),
    ).toBe(
      ':if ($hasnext) do={ :set nextid [/ip/firewall/filter/add chain=input action=accept src-address=10.20.0.11 in-interface=vlan20 protocol=tcp dst-port="179" log=no comment=$c place-before=$nextid] } else={ :set nextid [/ip/firewall/filter/add chain=input action=accept src-address=10.20.0.11 in-interface=vlan20 protocol=tcp dst-port="179" log=no comment=$c] }',
    );
    // On the factory router it sits above "drop all not coming from LAN" (vlan20 is not in LAN).
    const r = load("defconf-home.rsc");
    r.run(script);
    const input = r.entriesOf("/ip/firewall/filter").filter((e) => e.props.chain === "input");
    const at = (c: string) => input.findIndex((e) => e.props.comment.startsWith(c));
    expect(input[at("managed-by=adopt;key=fw-filter:008:bgp.lab-cp1")].props).toEqual({
      chain: "input",
      action: "accept",
      "src-address": "10.20.0.11",
      "in-interface": "vlan20",
      protocol: "tcp",
      "dst-port": "179",
      log: "no",
      comment: "managed-by=adopt;key=fw-filter:008:bgp.lab-cp1:f12dc32f",
    });
    expect(at("managed-by=adopt;key=fw-filter:008")).toBeLessThan(
      at("defconf: drop all not coming from LAN"),
    );
  });

  test("BFD single-hop and multihop ports; a multihop peer has no interface; no rule twice", () => {
    const base = {
      remoteAs: 65020,
      localRole: "ebgp" as const,
      addressFamilies: ["ip" as const],
      bfd: { minTxMs: 300, minRxMs: 300, multiplier: 3 },
    };
    const filters = sessionFilters([
      {
        ...base,
        name: "cp1",
        remoteAddress: Address.from("10.20.0.11"),
        multihop: false,
        onLink: "vlan20",
      },
      { ...base, name: "lo1", remoteAddress: Address.from("fd00::1"), multihop: true },
      // A second connection to the same peer on the same interface adds no rule.
      {
        ...base,
        name: "cp1-again",
        remoteAddress: Address.from("10.20.0.11"),
        multihop: false,
        onLink: "vlan20",
      },
    ]);
    expect(
      filters.map(
        (f) =>
          `${f.family} ${f.srcAddress} ${f.inInterface ?? "-"} ${f.protocol} ${f.dstPort} ${f.tag}`,
      ),
    ).toEqual([
      "4 10.20.0.11 vlan20 tcp 179 bgp=cp1",
      "4 10.20.0.11 vlan20 udp 3784 bfd=cp1",
      "6 fd00::1 - tcp 179 bgp=lo1",
      "6 fd00::1 - udp 4784 bfd=lo1",
    ]);
  });
});

// The twin's checks of issue 17 on the model (the twin itself starts RouterOS empty): the script
// runs twice on each export; nothing is added twice, nothing of the router's own goes, the second
// run changes nothing, and destroy removes exactly what the runs added and releases the adopted.
test.each([
  ["defconf-home.rsc", 67, 24, 0],
  ["user-vlans.rsc", 34, 19, 5],
])(
  "%s: %d entries read, %d added, %d adopted; twice, then destroy",
  (file, read, added, adopted) => {
    const r = load(file);
    const before = everything(r);
    expect(Object.values(before).flat()).toHaveLength(read);
    const first = r.run(script);
    expect(first.mutations.filter((m) => m.op === "add")).toHaveLength(added);
    expect(first.output.filter((l) => l.startsWith("adopted "))).toHaveLength(adopted);
    expect(first.mutations.filter((m) => m.op === "remove")).toEqual([]);
    // No key twice, in any menu.
    const keys = Object.values(everything(r))
      .flat()
      .flatMap((e) => (ours(e.comment) ? [e.comment.split(";adopted")[0]] : []));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(added + adopted);
    expect(r.run(script)).toEqual({ mutations: [], output: [] });
    const gone = r.run(destroy);
    expect(
      gone.mutations
        .filter((m) => m.op === "remove")
        .map((m) => m.comment)
        .sort(),
    ).toEqual(
      first.mutations
        .filter((m) => m.op === "add")
        .map((m) => m.comment)
        .sort(),
    );
    expect(gone.output.filter((l) => l.startsWith("released "))).toHaveLength(adopted);
    expect(everything(r)).toEqual(before);
  },
);

test("a factory address and DNS name equal to wanted ones are adopted, not added twice; destroy gives them back as defconf", () => {
  // A new user's site on a factory hAP: the stack names the router's own 192.168.88.1/24 on
  // bridge and its router.lan record, which the factory configuration holds with comment=defconf.
  const raw = fileRaw(join(DIR, "adopt-site.yaml")) as {
    hosts: { id: number }[];
    hostNetwork: { gateway: unknown };
    routers: { addresses: unknown[]; dnsRecords: unknown[] }[];
  };
  raw.hosts[0].id = 10; // the factory router holds .1
  raw.routers[0].addresses.push({ interface: "bridge", address: "192.168.88.1/24" });
  raw.hostNetwork.gateway = { ipv4: "192.168.88.1" }; // and is the hosts' way out
  raw.routers[0].dnsRecords.push({ name: "router.lan", address: "192.168.88.1" });
  const { plan, topology } = requireSite(raw);
  const factory = routerOsDesiredState(topology, plan.routers[0], "adopt");
  const r = load("defconf-home.rsc");
  const before = everything(r);
  const { output } = r.run(renderRouterOsScript(factory));
  const adopted = output.filter((l) => l.startsWith("adopted ")).sort();
  expect(adopted).toEqual([
    expect.stringMatching(/^adopted managed-by=adopt;key=dns:router\.lan\/192\.168\.88\.1$/),
    expect.stringMatching(/^adopted managed-by=adopt;key=ip-address:192\.168\.88\.1/),
    // bridge, where the address is, is the factory's member of LAN: adopted too.
    "adopted managed-by=adopt;key=lan-member:bridge",
  ]);
  // One entry each, now ours with the factory's comment kept for release.
  const address = r.entriesOf("/ip/address").filter((e) => e.props.address === "192.168.88.1/24");
  expect(address.map((e) => [e.props.interface, e.props.comment])).toEqual([
    [
      "bridge",
      expect.stringMatching(
        /^managed-by=adopt;key=ip-address:192\.168\.88\.1.*;adopted;was=defconf$/,
      ),
    ],
  ]);
  expect(r.entriesOf("/ip/dns/static").filter((e) => e.props.name === "router.lan")).toHaveLength(
    1,
  );
  // The factory filter rules are still the factory's: none adopted, our rules above the drops.
  expect(
    r.entriesOf("/ip/firewall/filter").filter((e) => e.props.comment.startsWith("defconf")),
  ).toHaveLength(before["/ip/firewall/filter"].length);
  // A second run changes nothing; destroy leaves the router as its export had it.
  expect(
    r
      .run(renderRouterOsScript(factory))
      .output.filter((l) => /^(added|adopted|set|removed)/.test(l)),
  ).toEqual([]);
  r.run(renderRouterOsDestroyScript(factory));
  expect(everything(r)).toEqual(before);
});

describe("the LAN interface list (issue 17 sections 3 and 5)", () => {
  const members = (r: RouterModel) =>
    r
      .entriesOf("/interface/list/member")
      .map((e) => [e.props.list, e.props.interface, e.props.comment]);

  test("the exact lines that add a membership, only where the router has the list", () => {
    expect(script).toContain(
      [
        "# reconcile /interface/list/member",
        "{",
        "  :local present false",
        '  :foreach i in=[/interface/list/find where name="LAN"] do={ :set present true }',
        "  :if ($present) do={",
        "    {",
        '      :local c "managed-by=adopt;key=lan-member:vlan20"',
      ].join("\n"),
    );
    expect(script).toContain(
      '      :if (!$found) do={ /interface/list/member/add list=LAN interface=vlan20 comment=$c; :put ("added " . $c) }',
    );
  });

  test("a router without the list LAN: no membership, no list created, the rest reconciled", () => {
    // user-managed.rsc has no /interface/list: RouterOS would refuse a member of a missing list.
    const r = load("user-managed.rsc");
    const first = r.run(script);
    expect(first.mutations.filter((m) => m.menu.startsWith("/interface/list"))).toEqual([]);
    expect(r.entriesOf("/interface/list")).toEqual([]);
    expect(r.run(script)).toEqual({ mutations: [], output: [] });
    // Without the guard, the model refuses the add as RouterOS does.
    expect(() =>
      r.run(
        script.replace(
          /:foreach i in=\[\/interface\/list\/find where name="LAN"\] do=\{ :set present true \}/g,
          ":set present true",
        ),
      ),
    ).toThrow("/interface/list/member: input does not match any value of list: LAN");
  });

  test("a membership no longer wanted is removed; the owner's and the factory's stay", () => {
    const r = load("user-vlans.rsc");
    r.run(script);
    // The stack without vlan20's membership (say vlan20 moved to the uplink).
    const without = renderRouterOsScript({
      ...state,
      lanMembers: (state.lanMembers ?? []).filter((i) => i !== "vlan20"),
    });
    const { output } = r.run(without);
    expect(output).toEqual(["removed managed-by=adopt;key=lan-member:vlan20"]);
    expect(members(r)).toEqual([
      ["LAN", "bridge", "defconf"],
      ["WAN", "ether1", "defconf"],
      ["LAN", "vlan30", "managed-by=adopt;key=lan-member:vlan30;adopted"],
    ]);
    // None wanted: the adopted one is released to its owner, the router's own stay.
    r.run(renderRouterOsScript({ ...state, lanMembers: [] }));
    expect(members(r)).toEqual([
      ["LAN", "bridge", "defconf"],
      ["WAN", "ether1", "defconf"],
      ["LAN", "vlan30", undefined],
    ]);
  });
});
