// The owner's expectations (homelab:expect) resolved on the bundled stacks: exact flows, sessions
// and VIPs, the names derived for reports, and the refusals a fixture folder does not cover.
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { expectName } from "../../site/spec-expect";
import { Expectation } from "../../topology/expect";
import { stackRaw } from "../fixtures/base";

function resolved(stack: string, list?: unknown[]): { ok: Expectation[]; problems: string[] } {
  const raw = JSON.parse(JSON.stringify(stackRaw(stack)));
  if (list) raw.expect = list;
  const r = resolveSite(raw);
  return r.ok
    ? { ok: [...(r.topology.expectations ?? [])], problems: [] }
    : { ok: [], problems: r.problems.map(formatProblem) };
}

const text = (e: Expectation): string => {
  if (e.kind === "session")
    return `${e.name} | ${e.session} | ${e.ends.map((x) => `${x.device} ${x.address}`).join(" ~ ")}`;
  if (e.kind === "failover") return `${e.name} | ${e.vip} | ${e.holders.join(", ")}`;
  const f = e.probe;
  return `${e.name} | ${e.from.kind} -> ${e.to.kind} | ${f.src} -> ${f.dst} ${f.protocol} ${f.port ?? ""} | ${e.classes}`;
};

test("arc-hybrid's expectations: each checked on every address class, one flow probed", () => {
  expect(resolved("arc-hybrid").ok.map(text)).toEqual([
    "reach cloudflare-tunnel -> internet tcp/443 | vm -> internet | 10.10.99.10 -> 203.0.113.10 tcp 443 | 14",
    "deny reverse-proxy-dmz -> internet tcp/443 | vm -> internet | 10.10.99.20 -> 203.0.113.10 tcp 443 | 14",
    "deny devtest -> app tcp/443 | segment -> segment | 10.10.50.70 -> 10.10.30.10 tcp 443 | 24",
    "reach jump-host -> internet tcp/443 | vm -> internet | 10.10.60.10 -> 203.0.113.10 tcp 443 | 14",
    "deny internet -> mgmt tcp/22 | internet -> segment | 203.0.113.10 -> 10.10.60.10 tcp 22 | 70",
  ]);
});

test("sol's session and failover: the topology's session and the VIP's three holders", () => {
  expect(resolved("sol").ok.map(text)).toEqual([
    "session edge ~ solcp011 | edge~solcp011~v6 | edge fd00:101::fffe ~ solcp011 fd00:255:101::11",
    "failover sol-k8s | fd00:255:101::ac | solcp011, solcp012, solcp013",
  ]);
});

test("homelab's failover: the control-plane VIP and its three control planes", () => {
  expect(resolved("homelab").ok.map(text)).toEqual([
    "failover k101 | 10.101.0.250 | k101cp11, k101cp12, k101cp13",
  ]);
});

test.each([
  [
    { kind: "reach", from: "iot", to: "internet", protocol: "tcp", port: 443 },
    "reach iot -> internet tcp/443",
  ],
  [{ kind: "deny", from: "a", to: "b" }, "deny a -> b icmp"],
  [{ kind: "session", between: ["edge", "n1"] }, "session edge ~ n1"],
  [{ kind: "failover", vip: "k101" }, "failover k101"],
  [{ kind: "failover", vip: "k101", name: "api moves" }, "api moves"],
] as const)("expectName(%j) = %s", (e, name) => {
  expect(expectName(e)).toBe(name);
});

test("refusals: a deny without a policy, a VIP that is no cluster, a peer that is no speaker, a twice-used name", () => {
  expect(
    resolved("homelab", [
      { kind: "deny", from: "k101cp11", to: "pve01" },
      { kind: "failover", vip: "k10" },
      { kind: "session", between: ["prod", "k101cp11"] },
    ]).problems,
  ).toEqual([
    'expect[0]: "deny k101cp11 -> pve01 icmp": is allowed by the plan\'s own policy: the site has no homelab:policy, so nothing filters it (10.101.0.11 -> 10.10.0.1 icmp); a router must filter it: put k101cp11 and pve01 in zones a router holds an address on and deny it in homelab:policy, or remove the expectation',
    'expect[1].vip: "k10": is neither a cluster name nor an IP address; did you mean k101?',
    'expect[2].between[0]: "prod": is a tenant, not a BGP speaker; name a router, host, node or VM',
  ]);
  expect(
    resolved("homelab", [
      { kind: "failover", vip: "k101" },
      { kind: "failover", vip: "k101" },
      { kind: "reach", from: "pve01", to: "pve02", port: 22 },
      { kind: "session", between: ["pve01"] },
    ]).problems,
  ).toEqual([
    'expect[2].port: "22": needs protocol tcp or udp, not icmp; set protocol: tcp or udp, or remove port',
    'expect[3].between: "["pve01"]": must have at least 2 item(s); name both peers of the session, e.g. between: [edge, pve01]',
    // Not hidden behind the refused expectations (msgs M4).
    'expect[1]: "failover k101": is also the name of expect[0]; give one of them a name of its own',
  ]);
  expect(
    resolved("homelab", [
      { kind: "failover", vip: "k101" },
      { kind: "failover", vip: "k101" },
    ]).problems,
  ).toEqual([
    'expect[1]: "failover k101": is also the name of expect[0]; give one of them a name of its own',
  ]);
});
