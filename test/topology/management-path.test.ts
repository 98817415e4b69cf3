// The management path (topology/management-path.ts): a policy that drops Pulumi's SSH to a router
// it configures is refused, by the rule or the factory drop that denies it, for every address
// class of the management network; the accepted counterpart passes.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

const VALID = join(ROOT, "test/fixtures/flows/policy-management-ssh.yaml");
const ALLOW = "edge-ssh-from-management";
const ALLOW_22 =
  "{ name: edge-ssh-from-management, from: management, to: edge, protocol: tcp, ports: [22], action: allow }";
const LOCKOUT =
  "drops SSH (TCP 22) from the management network to routers[0].ssh.host, where Pulumi runs edge's reconcile script: every pulumi up after the one that applies it would fail";

function problems(edit: (c: Raw) => void): string[] {
  const raw = fileRaw(VALID) as Raw;
  edit(raw);
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
}

const without = (c: Raw, name: string) => {
  c.policy.rules = c.policy.rules.filter((r: Raw) => r.name !== name);
};

test("the accepted counterpart: SSH from management is allowed above r5", () => {
  expect(problems(() => undefined)).toEqual([]);
});

test("r5 without the allow rule is refused, naming r5 and the allow rule to add", () => {
  expect(problems((c) => without(c, ALLOW))).toEqual([
    `policy.rules[4]: "r5": ${LOCKOUT}; add above it: ${ALLOW_22}`,
  ]);
});

test("the check reads routers[].ssh.port: an allow for 22 leaves SSH on 2222 dropped", () => {
  expect(problems((c) => (c.routers[0].ssh.port = 2222))).toEqual([
    `policy.rules[5]: "r5": ${LOCKOUT.replace("TCP 22", "TCP 2222")}; add above it: ${ALLOW_22.replace("[22]", "[2222]")}`,
  ]);
});

test("a deny of one host of the management network is refused too (every address class)", () => {
  expect(
    problems((c) =>
      c.policy.rules.unshift({
        name: "no-pve1",
        from: "pve1",
        to: "edge",
        protocol: "tcp",
        ports: [22],
        action: "deny",
      }),
    ),
  ).toEqual([`policy.rules[0]: "no-pve1": ${LOCKOUT}; add above it: ${ALLOW_22}`]);
});

test("a factory router whose management zone denies by default drops SSH at defconf", () => {
  // Only the management zone denies by default; its hosts' own flows to the internet allowed.
  const defconf = (c: Raw) => {
    c.routers[0].defconf = true;
    c.policy.zones = [{ zone: "management", default: "deny" }];
    without(c, "r5");
    c.policy.rules.push({
      name: "hosts-out",
      from: ["pve1", "pve2"],
      to: "internet",
      action: "allow",
    });
  };
  expect(problems((c) => (defconf(c), without(c, ALLOW)))).toEqual([
    `routers[0].defconf: "defconf: drop all not coming from LAN": edge's factory firewall (defconf: drop all not coming from LAN; the management network is kept out of LAN, as its zone's default is deny) ${LOCKOUT}; add under policy.rules: ${ALLOW_22} (the script places the policy's rules above the factory drops)`,
  ]);
  expect(problems(defconf)).toEqual([]);
});

test("an ssh.host that is a DNS name is not the policy's to decide", () => {
  expect(
    problems((c) => {
      without(c, ALLOW);
      c.routers[0].ssh.host = "edge.lan";
    }),
  ).toEqual([]);
});
