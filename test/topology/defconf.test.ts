// routers[].defconf: the policy's model of a factory RouterOS router (topology/policy-eval.ts
// decide) takes MikroTik's `defconf` accepts and drops into account after the policy's rules, on
// the deny-zone-site stack (its edge started from test/fixtures/routeros/defconf-home.rsc in the
// twin, test/twin/routeros-lan-deny.test.ts). Refusals: test/fixtures/invalid/
// router-defconf-linux.yaml and expect-reach-defconf.yaml; these are their accepted counterparts.
import { join } from "path";
import { Address } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import { policySection } from "../../render/inventory/policy";
import { requireSite, resolveSite } from "../../site";
import { decide } from "../../topology/policy-eval";
import { Flow, Policy } from "../../topology/policy-types";
import { fileRaw } from "../fixtures/base";

const STACK = join(__dirname, "..", "fixtures", "routeros", "deny-zone-site.yaml");

// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

function site(edit: (c: Raw) => void = () => undefined): Record<string, unknown> {
  const raw = fileRaw(STACK);
  edit(raw);
  return raw;
}
const withoutDefconf = (c: Raw) => delete c.routers[0].defconf;

const flow = (src: string, dst: string, protocol: Flow["protocol"], port?: number): Flow => ({
  src: Address.from(src),
  dst: Address.from(dst),
  protocol,
  ...(port !== undefined ? { port } : {}),
});

const said = (p: Policy, f: Flow) => {
  const d = decide(p, f);
  const by =
    d.by.kind === "defconf"
      ? `${d.by.device} "${d.by.rule}" (${d.by.path})`
      : d.by.kind === "rule"
        ? p.rules[d.by.index].name
        : d.by.kind === "input"
          ? "input"
          : `${d.by.kind} ${d.by.zone}`;
  return `${d.action} by ${by}`;
};

// lab-cp1 10.20.0.11 / fd8a:3c5e:1b20:1400::11, the edge's lab gateway 10.20.0.254 /
// fd8a:3c5e:1b20:1400::fffe (vlan20, kept out of LAN), the internet's documentation addresses.
const FLOWS: [string, Flow][] = [
  ["lab -> edge ssh", flow("10.20.0.11", "10.20.0.254", "tcp", 22)],
  ["lab -> edge ping", flow("10.20.0.11", "10.20.0.254", "icmp")],
  ["lab -> edge BGP (a session's accept)", flow("10.20.0.11", "10.20.0.254", "tcp", 179)],
  [
    "lab -> edge BGP, IPv6",
    flow("fd8a:3c5e:1b20:1400::11", "fd8a:3c5e:1b20:1400::fffe", "tcp", 179),
  ],
  [
    "lab -> edge traceroute, IPv6",
    flow("fd8a:3c5e:1b20:1400::11", "fd8a:3c5e:1b20:1400::fffe", "udp", 33434),
  ],
  [
    "lab -> edge DNS, IPv6",
    flow("fd8a:3c5e:1b20:1400::11", "fd8a:3c5e:1b20:1400::fffe", "udp", 53),
  ],
  ["internet -> edge ssh", flow("203.0.113.10", "10.20.0.254", "tcp", 22)],
  ["internet -> lab-cp1 https", flow("203.0.113.10", "10.20.0.11", "tcp", 443)],
  ["internet -> lab-cp1 ping", flow("203.0.113.10", "10.20.0.11", "icmp")],
  ["internet -> lab-cp1 ping, IPv6", flow("2001:db8::10", "fd8a:3c5e:1b20:1400::11", "icmp")],
  ["internet -> lab-cp1 https, IPv6", flow("2001:db8::10", "fd8a:3c5e:1b20:1400::11", "tcp", 443)],
  ["lab -> internet https", flow("10.20.0.11", "203.0.113.10", "tcp", 443)],
  ["lab -> lab-cp2 (inside the zone)", flow("10.20.0.11", "10.20.0.12", "tcp", 22)],
];

test("decide on a factory edge: the defconf accepts and drops after the rules and the sessions' accepts; without defconf, the router's input and the internet's default", () => {
  const p = requireSite(site()).topology.policy as Policy;
  const before = requireSite(site(withoutDefconf)).topology.policy as Policy;
  const edge = (rule: string) => `edge "${rule}" (routers[0].defconf)`;
  expect(FLOWS.map(([name, f]) => `${name}: ${said(p, f)} | ${said(before, f)}`)).toEqual([
    `lab -> edge ssh: deny by ${edge("defconf: drop all not coming from LAN")} | allow by input`,
    `lab -> edge ping: allow by ${edge("defconf: accept ICMP")} | allow by input`,
    "lab -> edge BGP (a session's accept): allow by input | allow by input",
    "lab -> edge BGP, IPv6: allow by input | allow by input",
    `lab -> edge traceroute, IPv6: allow by ${edge("defconf: accept UDP traceroute")} | allow by input`,
    `lab -> edge DNS, IPv6: deny by ${edge("defconf: drop everything else not coming from LAN")} | allow by input`,
    `internet -> edge ssh: deny by ${edge("defconf: drop all not coming from LAN")} | allow by input`,
    `internet -> lab-cp1 https: deny by ${edge("defconf: drop all from WAN not DSTNATed")} | allow by default internet`,
    `internet -> lab-cp1 ping: deny by ${edge("defconf: drop all from WAN not DSTNATed")} | allow by default internet`,
    `internet -> lab-cp1 ping, IPv6: allow by ${edge("defconf: accept ICMPv6")} | allow by default internet`,
    `internet -> lab-cp1 https, IPv6: deny by ${edge("defconf: drop everything else not coming from LAN")} | allow by default internet`,
    "lab -> internet https: allow by lab-out | allow by lab-out",
    "lab -> lab-cp2 (inside the zone): allow by intra lab | allow by intra lab",
  ]);
});

test("an internet whose default denies keeps its own drop: it comes before the factory's", () => {
  const p = requireSite(site((c) => c.policy.zones.push({ zone: "internet", default: "deny" })))
    .topology.policy as Policy;
  expect(said(p, flow("203.0.113.10", "10.20.0.11", "tcp", 443))).toBe("deny by default internet");
});

const SSH = { kind: "deny", from: "segment:lab", to: "edge", protocol: "tcp", port: 22 };

test("expect deny lab -> edge tcp/22: accepted on a factory edge, refused without defconf (the router's input, which no rule names)", () => {
  const accepted = resolveSite(site((c) => (c.expect = [SSH])));
  expect(accepted.ok && accepted.topology.expectations?.map((e) => [e.name, e.kind])).toEqual([
    ["deny segment:lab -> edge tcp/22", "deny"],
  ]);
  const refused = resolveSite(
    site((c) => {
      withoutDefconf(c);
      c.expect = [SSH];
    }),
  );
  expect(refused.ok ? [] : refused.problems.map(formatProblem)).toEqual([
    "expect[0]: \"deny segment:lab -> edge tcp/22\": is allowed by the plan's own policy: it is the router's own input, which no rule names (10.20.0.11 -> 10.20.0.254 tcp 22); deny it: a rule from segment:lab to edge with protocol tcp, ports [22] and action deny; or, when edge runs MikroTik's factory firewall, say so with routers[0].defconf: true (its defconf input drops then count), or remove the expectation",
  ]);
});

test("expect reach segment:lab -> edge tcp/22: accepted with a rule allowing it above the factory drop (the counterpart of expect-reach-defconf.yaml)", () => {
  const r = resolveSite(
    site((c) => {
      c.policy.rules.push({
        name: "lab-ssh",
        from: "segment:lab",
        to: "edge",
        protocol: "tcp",
        ports: [22],
        action: "allow",
      });
      c.expect = [{ kind: "reach", from: "segment:lab", to: "edge", protocol: "tcp", port: 22 }];
    }),
  );
  expect(
    r.ok ? r.topology.expectations?.map((e) => e.name) : r.problems.map(formatProblem),
  ).toEqual(["reach segment:lab -> edge tcp/22"]);
});

test("expect internet -> lab-cp1 tcp/443 on a factory edge: deny accepted (the factory drop decides it); reach, with a rule allowing it, refused: the internet does not route to lab-cp1's private addresses (expect-reach-internet-private.yaml)", () => {
  const deny = resolveSite(
    site((c) => {
      c.expect = [{ kind: "deny", from: "internet", to: "lab-cp1", protocol: "tcp", port: 443 }];
    }),
  );
  expect(
    deny.ok ? deny.topology.expectations?.map((e) => e.name) : deny.problems.map(formatProblem),
  ).toEqual(["deny internet -> lab-cp1 tcp/443"]);
  const r = resolveSite(
    site((c) => {
      c.policy.rules.push({
        name: "web-in",
        from: "internet",
        to: "lab-cp1",
        protocol: "tcp",
        ports: [443],
        action: "allow",
      });
      c.expect = [{ kind: "reach", from: "internet", to: "lab-cp1", protocol: "tcp", port: 443 }];
    }),
  );
  expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message.slice(0, 30)}`)).toEqual([
    "expect[0].to: holds 10.20.0.11 and 10.20.0.2",
  ]);
});

test("the inventory's policy section says what the factory firewall decides after the rules", () => {
  const { plan, topology } = requireSite(site());
  const lines = (policySection(plan, topology) ?? "").split("\n");
  expect(lines.slice(-1)).toEqual([
    "edge runs the factory firewall (routers[0].defconf): after the rules and its BGP sessions' accepts, the router itself takes from the internet and zone lab (kept out of `LAN`) only what the factory rules accept (ICMP; on IPv6 also UDP traceroute and IKE), and drops the rest (`defconf: drop all not coming from LAN`, IPv6 `defconf: drop everything else not coming from LAN`). New connections from the internet that no rule allows and the internet's default would let through are dropped too (IPv4 `defconf: drop all from WAN not DSTNATed`; IPv6 `defconf: drop everything else not coming from LAN`, after its ICMPv6 and IKE accepts).",
  ]);
  const without = requireSite(site(withoutDefconf));
  expect(
    (policySection(without.plan, without.topology) ?? "")
      .split("\n")
      .filter((l) => l.includes("factory firewall")),
  ).toEqual([]);
});

test("the site's own flows on a factory edge: the lab's DNS to the edge is refused naming the factory drop and the rule that allows it; with that rule, accepted", () => {
  const dns = (c: Raw) => (c.talos = { ...(c.talos ?? {}), nameservers: ["10.20.0.254"] });
  const refused = resolveSite(site(dns));
  const fix = (p: string) =>
    `add under policy.rules (the script places the policy's rules above the factory drops): { name: allow-edge-${p}-53, from: [lab-cp1, lab-cp2, lab-cp3], to: edge, protocol: ${p}, ports: [53], action: allow }`;
  expect(refused.ok ? [] : refused.problems.map(formatProblem)).toEqual(
    ["udp", "tcp"].map(
      (p) =>
        `policy.rules: "lab-cp1, lab-cp2, lab-cp3 -> edge ${p}/53": the factory rule "defconf: drop all not coming from LAN" of edge (routers[0].defconf: no rule of the policy allows it first) drops 3 flows the site needs (talos.nameservers: 10.20.0.254); ${fix(p)}`,
    ),
  );
  const accepted = resolveSite(
    site((c) => {
      dns(c);
      c.policy.rules.push({
        name: "lab-dns",
        from: "segment:lab",
        to: "edge",
        protocol: "udp",
        ports: [53],
        action: "allow",
      });
      c.policy.rules.push({
        name: "lab-dns-tcp",
        from: "segment:lab",
        to: "edge",
        protocol: "tcp",
        ports: [53],
        action: "allow",
      });
    }),
  );
  expect(accepted.ok ? "ok" : accepted.problems.map(formatProblem)).toBe("ok");
  // Without defconf, the router's input passes: nothing to refuse.
  const before = resolveSite(
    site((c) => {
      withoutDefconf(c);
      dns(c);
    }),
  );
  expect(before.ok ? "ok" : before.problems.map(formatProblem)).toBe("ok");
});
