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
import { resolveSite } from "../../site";
import { decide } from "../../topology/policy-eval";
import { Flow } from "../../topology/policy-types";
import { parseExport } from "../../twin/routeros/export";

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
 * What the router's forward chain does to a new connection (RFC-free, RouterOS's first match):
 * accept/drop rules matched on addresses, protocol and port; a rule that cannot match a new,
 * unmarked connection (connection-state, connection-mark), a log rule (it passes on) and a jump
 * to a chain the export leaves empty decide nothing; no rule: accept (no forward drop is left).
 */
function routerDecides(f: Flow): "allow" | "deny" {
  const exported = parseExport(FIX, fs.readFileSync(FIX, "utf8"));
  for (const c of exported.commands) {
    if (c.menu !== "/ip/firewall/filter") continue;
    const a = Object.fromEntries(c.args);
    if (a.chain !== "forward" || a.disabled === "yes") continue;
    if (a.action !== "accept" && a.action !== "drop") continue;
    if (a["connection-state"] !== undefined || a["connection-mark"] !== undefined) continue;
    const inside = (addr: Address, p: string | undefined) =>
      p === undefined ||
      ipaddr
        .parse(addr.toString())
        .match(ipaddr.parseCIDR(p.includes("/") ? p : `${p}/32`) as [ipaddr.IPv4, number]);
    if (!inside(f.src, a["src-address"]) || !inside(f.dst, a["dst-address"])) continue;
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

test("the imported stack plans clean, and its policy decides every probe as the router does", () => {
  const r = resolveSite(config());
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const policy = r.topology.policy;
  if (!policy) throw new Error("no policy");
  const hosts = ["192.168.10.5", "192.168.10.20", "192.168.40.7", "192.168.50.9"];
  const services: Pick<Flow, "protocol" | "port">[] = [
    { protocol: "tcp", port: 443 },
    { protocol: "tcp", port: 1883 },
    { protocol: "tcp", port: 8883 },
    { protocol: "tcp", port: 22 },
    { protocol: "udp", port: 5005 },
    { protocol: "udp", port: 53 },
    { protocol: "icmp" },
  ];
  const verdicts: string[] = [];
  let differ = 0;
  for (const s of hosts)
    for (const d of hosts) {
      if (s.split(".")[2] === d.split(".")[2]) continue;
      for (const svc of services) {
        const flow: Flow = { src: Address.from(s), dst: Address.from(d), ...svc };
        const want = routerDecides(flow);
        const got = decide(policy, flow).action;
        if (want !== got) differ++;
        verdicts.push(`${s}>${d} ${svc.protocol}/${svc.port ?? "-"} ${got}`);
      }
    }
  expect(differ).toBe(0);
  // 10 pairs x 7 services; the router denies iot->lan but MQTT, guest->lan and guest->iot UDP 5000-5010.
  expect(verdicts.length).toBe(70);
  expect(verdicts.filter((v) => v.endsWith(" deny")).length).toBe(5 * 2 + 7 * 2 + 1);
});
