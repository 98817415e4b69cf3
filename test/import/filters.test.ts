// RouterOS filter rules into homelab:policy (issue 17): test/fixtures/import/routers/filters.rsc's
// forward rules between its three VLANs become policy rules, every other rule is reported with
// file, line and reason (read = expressed + reported), the imported stack plans clean, and for a
// set of probe packets the imported policy decides as the router's own rules do.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ipaddr from "ipaddr.js";
import { parse } from "yaml";
import { Address } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import { importCli } from "../../import/cli";
import { couldOverlap, importFilters, policyRule } from "../../import/filters";
import { Report } from "../../import/report";
import { resolveSite } from "../../site";
import { decide } from "../../topology/policy-eval";
import { Flow } from "../../topology/policy-types";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { parseExport } from "../../twin/routeros/export";
import { RouterModel } from "../../twin/routeros/model";

const FIX = "test/fixtures/import/routers/filters.rsc";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-filters-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, "Pulumi.home.yaml");
const lines: string[] = [];
const err: string[] = [];
const code = importCli(
  [
    "--site",
    "home",
    "--proxmox",
    "pve2=test/fixtures/import/pve2/interfaces",
    "--routeros",
    `home=${FIX}`,
    "--out",
    out,
  ],
  { out: (l) => lines.push(l), err: (l) => err.push(l) },
);
const config = () =>
  Object.fromEntries(
    Object.entries(
      (parse(fs.readFileSync(out, "utf8")) as { config: Record<string, unknown> }).config,
    ).map(([k, v]) => [k.replace(/^homelab:/, ""), v]),
  );

test("forward accept/drop rules between the VLANs become policy rules; counts add up", () => {
  expect(err).toEqual([]);
  expect(code).toBe(0);
  expect(lines[1]).toBe(`${FIX}: 19 read, 11 expressed, 8 reported`);
  expect(config().policy).toEqual({
    rules: [
      {
        name: "home-15",
        from: "iot",
        to: "lan",
        protocol: "tcp",
        ports: [1883, 8883],
        action: "allow",
        why: `iot to lan mqtt (${FIX}:15)`,
      },
      { name: "home-16", from: "iot", to: "lan", action: "deny", why: `imported from ${FIX}:16` },
      {
        name: "home-17",
        from: "lan",
        to: "iot",
        protocol: "icmp",
        action: "allow",
        why: `imported from ${FIX}:17`,
      },
      {
        name: "home-18",
        from: "guest",
        to: "lan",
        action: "deny",
        log: true,
        why: `imported from ${FIX}:18`,
      },
      {
        name: "home-20",
        from: "guest",
        to: "iot",
        protocol: "udp",
        ports: ["5000-5010"],
        action: "deny",
        why: `imported from ${FIX}:20`,
      },
    ],
  });
});

test("each rule the policy cannot say is reported with its line and reason", () => {
  const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
  const section = report
    .split("## RouterOS firewall filter rules\n\n")[1]
    .split("\n\n")[0]
    .trimEnd();
  expect(section.split("\n").map((l) => l.replace(/^- [^:]*:([0-9]+): `[^`]*`: /, "$1: "))).toEqual(
    [
      "13: a factory defconf rule: the router keeps it, and the stack's own rules are placed before its drops (docs/adopting.md)",
      "14: a factory defconf rule: the router keeps it, and the stack's own rules are placed before its drops (docs/adopting.md)",
      "19: dst-address=192.168.10.5 is not the prefix of a segment read; the policy names segments, devices and named ranges (add one for it and write the rule by name)",
      "21: matches on connection-mark, which homelab:policy cannot say; the router keeps this rule",
      "22: action=jump: the policy allows or denies (accept or drop); the router keeps this rule",
      "23: action=log: the policy allows or denies (accept or drop); the router keeps this rule",
      "24: chain=input: only forward rules (between segments) are imported; the router keeps this rule",
    ],
  );
  expect(report).toContain(
    `- ${FIX}:25: \`add action=drop chain=forward comment="disabled for now" disabled=yes src-address=192.168.40.0/24\`: disabled on the router; the stack has no disabled entries`,
  );
});

/**
 * What a RouterOS forward chain (`rows`, in order, with its address lists) does to a new
 * connection (RouterOS's first match): accept/drop rules matched on addresses or address lists,
 * protocol and port; a rule that cannot match a new, unmarked connection (connection-state,
 * connection-mark), a log rule (it passes on) and a jump to a chain the export leaves empty
 * decide nothing; no rule: accept (no forward drop is left).
 */
function chainDecides(
  rows: readonly Record<string, string>[],
  lists: ReadonlyMap<string, readonly string[]>,
  f: Flow,
): "allow" | "deny" {
  const inPrefix = (addr: Address, p: string) =>
    ipaddr
      .parse(addr.toString())
      .match(ipaddr.parseCIDR(p.includes("/") ? p : `${p}/32`) as [ipaddr.IPv4, number]);
  const side = (addr: Address, a: string | undefined, list: string | undefined) =>
    (a === undefined || inPrefix(addr, a)) &&
    (list === undefined || (lists.get(list) ?? []).some((p) => inPrefix(addr, p)));
  for (const a of rows) {
    if (a.chain !== "forward" || a.disabled === "yes") continue;
    if (a.action !== "accept" && a.action !== "drop") continue;
    if (a["connection-state"] !== undefined || a["connection-mark"] !== undefined) continue;
    if (!side(f.src, a["src-address"], a["src-address-list"])) continue;
    if (!side(f.dst, a["dst-address"], a["dst-address-list"])) continue;
    if (a.protocol !== undefined && a.protocol !== f.protocol) continue;
    if (a["dst-port"] !== undefined) {
      const ok = a["dst-port"].split(",").some((p) => {
        const [lo, hi] = p.split("-").map(Number);
        return f.port !== undefined && f.port >= lo && f.port <= (hi ?? lo);
      });
      if (!ok) continue;
    }
    return a.action === "accept" ? "allow" : "deny";
  }
  return "allow";
}

/** The router's own filter rules, from the export. */
const sourceRows = parseExport(FIX, fs.readFileSync(FIX, "utf8"))
  .commands.filter((c) => c.menu === "/ip/firewall/filter")
  .map((c) => Object.fromEntries(c.args));
const routerDecides = (f: Flow) => chainDecides(sourceRows, new Map(), f);

const HOSTS = ["192.168.10.5", "192.168.10.20", "192.168.40.7", "192.168.50.9"];
const SERVICES: Pick<Flow, "protocol" | "port">[] = [
  { protocol: "tcp", port: 443 },
  { protocol: "tcp", port: 1883 },
  { protocol: "tcp", port: 8883 },
  { protocol: "tcp", port: 22 },
  { protocol: "udp", port: 5005 },
  { protocol: "udp", port: 53 },
  { protocol: "icmp" },
];
/** Probe packets between hosts of different VLANs: 10 pairs x 7 services. */
const PROBES: Flow[] = HOSTS.flatMap((s) =>
  HOSTS.filter((d) => s.split(".")[2] !== d.split(".")[2]).flatMap((d) =>
    SERVICES.map((svc) => ({ src: Address.from(s), dst: Address.from(d), ...svc })),
  ),
);

test("the probes: the router denies iot->lan but MQTT, guest->lan, guest->iot UDP 5000-5010", () => {
  expect(PROBES.length).toBe(70);
  expect(PROBES.filter((f) => routerDecides(f) === "deny").length).toBe(5 * 2 + 7 * 2 + 1);
});

test("the imported policy's rules, rendered for RouterOS again, decide every probe as the router's own", () => {
  const r = resolveSite(config());
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const model = new RouterModel("7.19");
  model.run(renderRouterOsScript(routerOsDesiredState(r.topology, r.plan.routers[0], "home")));
  const lists = new Map<string, string[]>();
  for (const e of model.entriesOf("/ip/firewall/address-list"))
    lists.set(e.props.list, [...(lists.get(e.props.list) ?? []), e.props.address]);
  const rendered = model.entriesOf("/ip/firewall/filter").map((e) => e.props);
  expect(rendered.filter((e) => e.chain === "forward").length).toBe(10);
  expect(PROBES.filter((f) => chainDecides(rendered, lists, f) !== routerDecides(f))).toEqual([]);
  // The same evaluator tells a wrong translation apart: the rules with allow and deny swapped.
  const swapped = rendered.map((e) =>
    e["dst-address-list"] === "home-z-lan" && e.action === "drop" ? { ...e, action: "accept" } : e,
  );
  expect(PROBES.filter((f) => chainDecides(swapped, lists, f) !== routerDecides(f)).length).toBe(
    10 + 14,
  );
});

test("the imported stack plans clean, and its policy decides every probe as the router does", () => {
  const r = resolveSite(config());
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const policy = r.topology.policy;
  if (!policy) throw new Error("no policy");
  expect(PROBES.filter((f) => decide(policy, f).action !== routerDecides(f))).toEqual([]);
});

describe("policyRule: one filter rule at a time", () => {
  const segments = [
    { name: "lan", ipv4: "192.168.10.0/24", ipv6: "fd00:10::/64" },
    { name: "cams", ipv6: "fd00:40::/64" },
    { name: "iot", ipv4: "192.168.40.0/24" },
  ];
  const rule = (menu: string, text: string) => {
    const c = parseExport("r.rsc", `# 2026-12-01 by RouterOS 7.19.4\n/${menu}\nadd ${text}\n`)
      .commands[0];
    return policyRule({ router: "r1", file: "r.rsc", command: c }, segments);
  };
  test.each([
    [
      "ipv6 firewall filter",
      "action=drop chain=forward src-address=fd00:40::/64 dst-address=fd00:10::/64 protocol=icmpv6",
      {
        why: "dst-address=fd00:10::/64 is segment lan, which has 192.168.10.0/24 too: a policy rule naming it covers both families, this rule one",
      },
    ],
    [
      "ipv6 firewall filter",
      "action=accept chain=forward src-address=fd00:40::/64 protocol=icmpv6 dst-address=fd00:40::/64",
      {
        rule: {
          name: "r1-3",
          from: "cams",
          to: "cams",
          protocol: "icmp",
          action: "allow",
          why: "imported from r.rsc:3",
        },
      },
    ],
    [
      "ip firewall filter",
      "action=accept chain=forward src-address=192.168.40.0/24",
      {
        why: "no dst-address: the policy's any covers IPv6 too (segment lan has fd00:10::/64), this rule IPv4 only",
      },
    ],
    [
      "ip firewall filter",
      "action=accept chain=forward src-address=192.168.40.0/24 dst-address=192.168.40.0/24 protocol=gre",
      { why: "protocol=gre: the policy says tcp, udp, icmp (ICMPv6 in an IPv6 rule) or any" },
    ],
    [
      "ip firewall filter",
      "action=reject chain=forward src-address=192.168.40.0/24",
      {
        why: "action=reject: the policy allows or denies (accept or drop); the router keeps this rule",
      },
    ],
    [
      "ip firewall filter",
      "action=drop chain=forward src-address=192.168.40.0/24 in-interface=ether1 src-address-list=x",
      {
        why: "matches on in-interface, src-address-list, which homelab:policy cannot say; the router keeps this rule",
      },
    ],
  ])("%s: %s", (menu, text, want) => {
    expect(rule(menu, text)).toEqual(want);
  });
});

// A rule the import leaves on the router keeps deciding (a new-user trial): order.rsc keeps the
// accept of iot to the NAS's SMB (a single host, line 14) above the drop of iot to lan (line 15).
// The script adds the stack's rules before the chain's first defconf drop (line 12), so above
// both: the drop is reported too, and the router after the first run decides as before.
describe("a rule that stays on the router keeps its place above the rules below it", () => {
  const ORDER = "test/fixtures/import/routers/order.rsc";
  const odir = fs.mkdtempSync(path.join(os.tmpdir(), "import-order-"));
  afterAll(() => fs.rmSync(odir, { recursive: true, force: true }));
  const oout = path.join(odir, "Pulumi.home.yaml");
  const olines: string[] = [];
  const oerr: string[] = [];
  const ocode = importCli(
    [
      "--site",
      "home",
      "--proxmox",
      "pve2=test/fixtures/import/pve2/interfaces",
      "--routeros",
      `home=${ORDER}`,
      "--out",
      oout,
    ],
    { out: (l) => olines.push(l), err: (l) => oerr.push(l) },
  );
  const oconfig = () =>
    Object.fromEntries(
      Object.entries(
        (parse(fs.readFileSync(oout, "utf8")) as { config: Record<string, unknown> }).config,
      ).map(([k, v]) => [k.replace(/^homelab:/, ""), v]),
    );
  const orows = parseExport(ORDER, fs.readFileSync(ORDER, "utf8"))
    .commands.filter((c) => c.menu === "/ip/firewall/filter")
    .map((c) => Object.fromEntries(c.args));
  const smb: Flow = {
    src: Address.from("192.168.20.7"),
    dst: Address.from("192.168.10.20"),
    protocol: "tcp",
    port: 445,
  };
  const OPROBES: Flow[] = [
    smb,
    { ...smb, port: 443 },
    { ...smb, dst: Address.from("192.168.10.5") },
    { ...smb, protocol: "udp", port: 445 },
    { src: smb.dst, dst: smb.src, protocol: "tcp", port: 445 },
    { src: smb.dst, dst: smb.src, protocol: "icmp" },
  ];
  /** The router after the first run: its own rules, the stack's rendered ones before line 12. */
  const afterFirstRun = (policyRules: readonly Record<string, unknown>[]) => {
    const r = resolveSite({ ...oconfig(), policy: { rules: policyRules } });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const model = new RouterModel("7.19", { "/ip/firewall/filter": orows });
    model.run(renderRouterOsScript(routerOsDesiredState(r.topology, r.plan.routers[0], "home")));
    const lists = new Map<string, string[]>();
    for (const e of model.entriesOf("/ip/firewall/address-list"))
      lists.set(e.props.list, [...(lists.get(e.props.list) ?? []), e.props.address]);
    const rows = model.entriesOf("/ip/firewall/filter").map((e) => e.props);
    return { rows, decides: (f: Flow) => chainDecides(rows, lists, f) };
  };

  test("line 15 is reported naming line 14; only line 13 becomes a policy rule", () => {
    expect(oerr).toEqual([]);
    expect(ocode).toBe(0);
    expect(olines[1]).toBe(`${ORDER}: 8 read, 5 expressed, 3 reported`);
    expect(oconfig().policy).toEqual({
      rules: [
        {
          name: "home-13",
          from: "lan",
          to: "iot",
          action: "allow",
          why: `lan to iot (${ORDER}:13)`,
        },
      ],
    });
    const report = fs.readFileSync(path.join(odir, "import-report.md"), "utf8");
    const section = report
      .split("## RouterOS firewall filter rules\n\n")[1]
      .split("\n\n")[0]
      .trimEnd();
    expect(
      section.split("\n").map((l) => l.replace(/^- [^:]*:([0-9]+): `[^`]*`: /, "line $1: ")),
    ).toEqual([
      "line 12: a factory defconf rule: the router keeps it, and the stack's own rules are placed before its drops (docs/adopting.md)",
      "line 14: dst-address=192.168.10.20/32 is not the prefix of a segment read; the policy names segments, devices and named ranges (add one for it and write the rule by name)",
      "line 15: not imported, because line 14 above it stays on the router and the stack's rules go before the router's own (expressing it would put its drop above line 14's accept)",
    ]);
  });

  test("after the first run the router decides every probe as before; iot to the NAS's SMB is accepted", () => {
    const before = (f: Flow) => chainDecides(orows, new Map(), f);
    expect(OPROBES.map(before)).toEqual(["allow", "deny", "deny", "deny", "allow", "allow"]);
    const policy = oconfig().policy as { rules: Record<string, unknown>[] };
    const after = afterFirstRun(policy.rules);
    // The stack's rules sit above the defconf drop, the router's own rules below it, unmoved.
    expect(after.rows.filter((e) => e.chain === "forward").map((e) => e.comment ?? "")).toEqual([
      "managed-by=home;key=fw-filter:001:stateful:8b5f5072",
      "managed-by=home;key=fw-filter:002:invalid:e311f2ca",
      "managed-by=home;key=fw-filter:003:intra.lan:a1e7f3ef",
      "managed-by=home;key=fw-filter:004:intra.iot:5200ccb3",
      "managed-by=home;key=fw-filter:005:rule.home-13:22c88b95",
      "defconf: drop invalid",
      "lan to iot",
      "iot to nas smb",
      "iot isolated",
    ]);
    expect(after.decides(smb)).toBe("allow");
    expect(OPROBES.filter((f) => after.decides(f) !== before(f))).toEqual([]);
    // Expressing line 15 as well (what the import did before) puts its drop above line 14.
    const wrong = afterFirstRun([
      ...policy.rules,
      { name: "home-15", from: "iot", to: "lan", action: "deny", why: "iot isolated" },
    ]);
    expect(OPROBES.filter((f) => wrong.decides(f) !== before(f))).toEqual([smb]);
  });
});

describe("couldOverlap: whether a packet could match a kept rule and a later one", () => {
  const args = (text: string) =>
    parseExport("r.rsc", `# 2026-12-01 by RouterOS 7.19.4\n/ip firewall filter\nadd ${text}\n`)
      .commands[0].args;
  test.each([
    ["dst-address=192.168.10.20/32 protocol=tcp", "dst-address=192.168.10.0/24", true],
    ["dst-address=192.168.10.5", "dst-address=192.168.40.0/24", false],
    ["protocol=tcp dst-port=443", "protocol=udp dst-port=5000-5010", false],
    ["protocol=tcp dst-port=440-445", "protocol=tcp dst-port=445,8080", true],
    ["protocol=tcp dst-port=443", "protocol=tcp dst-port=22", false],
    ["connection-mark=vpn", "src-address=192.168.20.0/24 dst-address=192.168.10.0/24", true],
    ["dst-address=!192.168.10.0/24", "dst-address=192.168.10.0/24", true],
    ["src-address=192.168.20.0/24", "src-address=192.168.30.0/24", false],
  ])("%s / %s: %s", (kept, later, want) => {
    expect(couldOverlap(args(`chain=forward ${kept}`), args(`chain=forward ${later}`))).toBe(want);
  });
});

describe("importFilters: a kept rule stands above the later rules of its chain and family", () => {
  const segments = [
    { name: "lan", ipv4: "192.168.10.0/24" },
    { name: "iot", ipv4: "192.168.20.0/24" },
  ];
  const run = (text: string) => {
    const report = new Report();
    const rules = importFilters(
      parseExport("r.rsc", `# 2026-12-01 by RouterOS 7.19.4\n${text}`).commands.map((command) => ({
        router: "r1",
        file: "r.rsc",
        command,
      })),
      segments,
      report,
    );
    return {
      names: rules.map((r) => r.name),
      why: report.findings.map((f) => `line ${f.line}: ${f.why}`),
      counts: report.counts,
    };
  };
  const DROP =
    "add action=drop chain=forward src-address=192.168.20.0/24 dst-address=192.168.10.0/24";
  test("a kept input rule, or an IPv6 one, does not hold back a forward IPv4 rule", () => {
    expect(
      run(
        `/ip firewall filter\nadd action=accept chain=input protocol=tcp dst-port=22\n/ipv6 firewall filter\nadd action=accept chain=forward connection-mark=x\n/ip firewall filter\n${DROP}\n`,
      ),
    ).toEqual({
      names: ["r1-7"],
      why: [
        "line 3: chain=input: only forward rules (between segments) are imported; the router keeps this rule",
        "line 5: matches on connection-mark, which homelab:policy cannot say; the router keeps this rule",
      ],
      counts: [{ file: "r.rsc", read: 3, expressed: 1, reported: 2 }],
    });
  });
  test("a set naming no chain holds back the later rules of every chain; the held-back rule holds back the next", () => {
    expect(
      run(
        `/ip firewall filter\nset [ find comment=x ] dst-port=22\n${DROP}\nadd action=accept chain=forward src-address=192.168.20.0/24 dst-address=192.168.20.0/24\nadd action=accept chain=forward src-address=192.168.10.0/24 dst-address=192.168.20.0/24\n`,
      ),
    ).toEqual({
      names: [],
      why: [
        "line 3: a `set` of a rule the export does not add",
        "line 4: not imported, because line 3 above it stays on the router and the stack's rules go before the router's own (expressing it would put its drop above line 3's rule)",
        "line 5: not imported, because line 3 above it stays on the router and the stack's rules go before the router's own (expressing it would put its accept above line 3's rule)",
        "line 6: not imported, because line 3 above it stays on the router and the stack's rules go before the router's own (expressing it would put its accept above line 3's rule)",
      ],
      counts: [{ file: "r.rsc", read: 4, expressed: 0, reported: 4 }],
    });
  });
  test("a rule reported for a kept one is kept in turn: line 5 is held back by line 4, not line 3", () => {
    expect(
      run(
        `/ip firewall filter\nadd action=accept chain=forward src-address=192.168.20.0/24 dst-address=192.168.10.20 protocol=tcp dst-port=445\n${DROP}\nadd action=accept chain=forward src-address=192.168.20.0/24 dst-address=192.168.10.0/24 protocol=udp\n`,
      ),
    ).toEqual({
      names: [],
      why: [
        "line 3: dst-address=192.168.10.20 is not the prefix of a segment read; the policy names segments, devices and named ranges (add one for it and write the rule by name)",
        "line 4: not imported, because line 3 above it stays on the router and the stack's rules go before the router's own (expressing it would put its drop above line 3's accept)",
        "line 5: not imported, because line 4 above it stays on the router and the stack's rules go before the router's own (expressing it would put its accept above line 4's drop)",
      ],
      counts: [{ file: "r.rsc", read: 3, expressed: 0, reported: 3 }],
    });
  });
});
