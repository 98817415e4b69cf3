// New-user trial 3: the internet as a source. b47: a `reach` from internet to an address the
// internet does not route (RFC 1918, RFC 6598, RFC 4193) is refused (invalid fixture
// expect-reach-internet-private.yaml), a `deny` stays accepted, and an allow rule from internet
// to such addresses only is a warning. b9: a router with an uplink whose policy lets the internet
// in by default is a warning, unless it runs MikroTik's factory firewall (routers[].defconf).
import { join } from "path";
import { Address } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import { requireSite, resolveSite } from "../../site";
import { unroutedKind } from "../../topology/egress";
import { fileRaw, stackRaw } from "../fixtures/base";
import { portForwardSite } from "../fixtures/port-forward";

// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

const INVALID = join(__dirname, "..", "fixtures", "invalid", "expect-reach-internet-private.yaml");
const site = (edit: (c: Raw) => void): Raw => {
  const raw = fileRaw(INVALID) as Raw;
  edit(raw);
  return raw;
};
const warningsOf = (raw: Raw) => requireSite(raw).plan.warnings.map(formatProblem);

test.each([
  ["10.20.0.11", "a private address (RFC 1918)"],
  ["172.16.5.1", "a private address (RFC 1918)"],
  ["192.168.88.30", "a private address (RFC 1918)"],
  ["100.64.1.1", "a shared (carrier-grade NAT) address (RFC 6598)"],
  ["fd3c:9a1e:77b0:88::30", "a unique local address (RFC 4193)"],
  ["fc00:99::1", "a unique local address (RFC 4193)"],
  ["203.0.113.10", undefined],
  ["2001:db8::10", undefined],
  ["2a01:4f8::1", undefined],
])("unroutedKind(%s) = %s", (a, want) => {
  expect(unroutedKind(Address.from(a))).toBe(want);
});

test("deny internet -> lab-cp1 (private and unique local): accepted, the counterpart of expect-reach-internet-private.yaml", () => {
  const r = resolveSite(
    site((c) => {
      c.policy.rules = c.policy.rules.filter((x: Raw) => x.name !== "web-in");
      c.expect = [{ kind: "deny", from: "internet", to: "lab-cp1", protocol: "tcp", port: 443 }];
    }),
  );
  expect(
    r.ok ? r.topology.expectations?.map((e) => e.name) : r.problems.map(formatProblem),
  ).toEqual(["deny internet -> lab-cp1 tcp/443"]);
});

test("arc-hybrid's deny internet -> mgmt tcp/22 stays accepted", () => {
  const { topology } = requireSite(stackRaw("arc-hybrid"));
  expect(topology.expectations?.map((e) => e.name)).toContain("deny internet -> mgmt tcp/22");
});

test("an allow rule from internet to private addresses only: a warning naming the rule and the port forward", () => {
  expect(warningsOf(site((c) => (c.expect = [])))).toEqual([
    `policy.rules[1]: "web-in": allows the internet to lab-cp1, which holds only private and unique local addresses (10.20.0.11, 10.20.0.250, fd8a:3c5e:1b20:1400::11; RFC 1918, RFC 6598, RFC 4193) that the internet does not route to: the rule can only match after a port forward (dst-nat) the router has outside the stack; keep it if the router forwards a port to lab-cp1 outside the stack; otherwise remove it`,
  ]);
});

/** The fixture's edge as a Linux router (b9): uplink ether1, the policy's zones as given. */
const linuxEdge = (zones: Raw[]) =>
  site((c) => {
    c.expect = [];
    c.policy.rules = c.policy.rules.filter((x: Raw) => x.name !== "web-in");
    c.policy.zones = zones;
    c.routers[0].os = "linux";
    delete c.routers[0].defconf;
    c.routers[0].addresses = [{ interface: "lan", address: "192.168.88.254/24" }];
    c.routers[0].vlans = [{ interface: "lan.20", tenant: 20 }];
  });

test("a Linux router with an uplink while the internet's default allows: a warning naming the router, what is open and the fix", () => {
  expect(warningsOf(linuxEdge([{ zone: "lab", default: "deny" }]))).toEqual([
    `routers[0].uplink.interfaces: "ether1": lets the internet in by default: the internet zone's default allows (policy.default) and a Linux router has no firewall of its own, so edge forwards new connections from the internet to every site address no rule denies, and its own services (SSH, DNS) answer on ether1: the stack's nftables ruleset filters its input only where a rule names edge; deny the internet by default: policy.zones: [{ zone: internet, default: deny }] (replies and port forwards still pass), and have edge's own firewall drop new connections to it on ether1`,
  ]);
  const explicit = linuxEdge([
    { zone: "lab", default: "deny" },
    { zone: "internet", default: "allow" },
  ]);
  expect(warningsOf(explicit).map((w) => w.slice(0, 150))).toEqual([
    `routers[0].uplink.interfaces: "ether1": lets the internet in by default: the internet zone's default allows (policy.zones[1].default) and a Linux rout`,
  ]);
  // The fix the warning names silences it (the IPv6 warning of an internet deny is its own).
  const denied = linuxEdge([
    { zone: "lab", default: "deny" },
    { zone: "internet", default: "deny" },
  ]);
  expect(warningsOf(denied).filter((w) => w.includes("lets the internet in"))).toEqual([]);
});

test("RouterOS routers with an uplink: no uplink warning, with or without defconf (the factory firewall ships with them)", () => {
  const noPolicy = stackRaw("example") as Raw;
  expect(warningsOf(noPolicy).filter((w) => w.includes("lets the internet in"))).toEqual([]);
  expect(
    warningsOf(site((c) => (c.expect = []))).filter((w) => w.includes("lets the internet in")),
  ).toEqual([]);
});

test("a Linux router with an uplink and no homelab:policy: the warning says so", () => {
  const raw = linuxEdge([]);
  delete raw.policy;
  expect(warningsOf(raw).map((w) => w.slice(0, 125))).toEqual([
    `routers[0].uplink.interfaces: "ether1": lets the internet in by default: the site has no homelab:policy and a Linux router ha`,
  ]);
});

test("a Linux router whose internet zone denies (the port-forward site): no uplink warning", () => {
  expect(
    warningsOf(portForwardSite() as Raw).filter((w) => w.includes("lets the internet in")),
  ).toEqual([]);
});
