// policy.json, the policy the twin checks the rulesets against: every set written as prefixes and
// read back into the same policy, so that the probes and the verdict on any flow are the same as
// the topology's; a malformed document is refused naming the field.
import fc from "fast-check";
import { Address } from "../../addressing/ip";
import { policyDocument, policyJson, readPolicyDocument } from "../../render/policy/document";
import { requireSite } from "../../site";
import { decide, probes } from "../../topology/policy-eval";
import { Flow, Policy } from "../../topology/policy-types";
import { join } from "path";
import { fileRaw, stackRaw } from "../fixtures/base";

const policyOf = (stack: string) => requireSite(stackRaw(stack)).topology.policy as Policy;
const show = (p: Policy) =>
  probes(p).map((x) => `${x.tag} ${x.flow.src} -> ${x.flow.dst} ${x.flow.protocol} ${x.expect}`);

test("ms01: zones, rules and points as prefix lists", () => {
  const doc = policyDocument(policyOf("ms01"));
  expect(doc.zones.slice(0, 2)).toEqual([
    {
      name: "management",
      segment: "net:management",
      addresses: ["10.8.16.0/24"],
      default: "allow",
      log: false,
      path: "policy.default",
    },
    {
      name: "cephPublic",
      segment: "net:cephPublic",
      addresses: ["10.8.48.0/24"],
      default: "deny",
      log: true,
      path: "policy.zones[0]",
    },
  ]);
  expect(doc.rules[0]).toEqual({
    name: "no-pve-ui",
    path: "policy.rules[0]",
    from: [{ name: "workload", kind: "segment", addresses: ["10.8.28.0/22"] }],
    to: [
      { name: "pve-ms01-01", kind: "host", addresses: ["10.8.16.10/32", "10.8.48.10/32"] },
      { name: "pve-ms01-02", kind: "host", addresses: ["10.8.16.11/32", "10.8.48.11/32"] },
      { name: "pve-aimax-01", kind: "host", addresses: ["10.8.16.12/32", "10.8.48.12/32"] },
    ],
    src: ["10.8.28.0/22"],
    dst: ["10.8.16.10/31", "10.8.16.12/32", "10.8.48.10/31", "10.8.48.12/32"],
    routerDst: [],
    protocol: "tcp",
    ports: [{ from: 8006, to: 8006 }],
    action: "deny",
    log: true,
    why: "VLAN 28 -> 16: block pod access to the Proxmox web UI",
  });
  expect(doc.points.map((x) => `${x.kind} ${x.device} ${x.own.join(",")}`)).toEqual([
    "proxmox pve-ms01-01 10.8.16.10/32,10.8.48.10/32",
    "proxmox pve-ms01-02 10.8.16.11/32,10.8.48.11/32",
    "proxmox pve-aimax-01 10.8.16.12/32,10.8.48.12/32",
    "manual udm-pro 10.0.1.1/32,10.8.16.1/32,10.8.28.1/32,10.8.48.1/32",
  ]);
});

describe.each(["ms01", "arc-hybrid"])("%s: read back", (stack) => {
  const p = policyOf(stack);
  const back = readPolicyDocument(policyJson(p));

  test("the same probes, one per rule and zone default", () => {
    expect(show(back)).toEqual(show(p));
    expect(back.rules.map((r) => [r.index, r.families])).toEqual(
      p.rules.map((r) => [r.index, r.families]),
    );
  });

  test("property: the same verdict on any flow", () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const address = fc.oneof(
      fc.tuple(fc.constantFrom(10), fc.constantFrom(0, 8, 10), octet, octet),
      fc.tuple(octet, octet, octet, octet),
    );
    fc.assert(
      fc.property(address, address, fc.constantFrom(22, 443, 8006, 50000), (s, d, port) => {
        const flow: Flow = {
          src: Address.from(s.join(".")),
          dst: Address.from(d.join(".")),
          protocol: "tcp",
          port,
        };
        const verdict = (x: Policy) => {
          try {
            return JSON.stringify(decide(x, flow));
          } catch (e) {
            return String(e);
          }
        };
        expect(verdict(back)).toBe(verdict(p));
      }),
      { numRuns: 300 },
    );
  });
});

test.each([
  ["not JSON", "{", "policy.json: not JSON ("],
  ["no rules", '{"zones": []}', "policy.json: no rules list"],
  [
    "a prefix with host bits",
    JSON.stringify({ ...policyDocument(policyOf("ms01")), site: ["10.8.16.1/24"] }),
    'policy.json: site: "10.8.16.1/24" has host bits set',
  ],
])("refuses a document that is not one: %s", (_, text, message) => {
  expect(() => readPolicyDocument(text)).toThrow(message);
});

// routers[].defconf travels in policy.json: the twin's probes (computed from the document) leave
// out what the factory firewall decides, as the plan's do; without it, the internet's default
// would be probed as allowed where the factory router drops it.
test("deny-zone-site (defconf): the factory router's model is read back, and the probes with it", () => {
  const p = requireSite(
    fileRaw(join(__dirname, "..", "fixtures", "routeros", "deny-zone-site.yaml")),
  ).topology.policy as Policy;
  const doc = policyDocument(p);
  expect(doc.points.map((x) => x.defconf)).toEqual([
    {
      path: "routers[0].defconf",
      wan: true,
      sessions: ["10.20.0.11", "10.20.0.12", "10.20.0.13"]
        .concat(["11", "12", "13"].map((h) => `fd8a:3c5e:1b20:1400::${h}`))
        .map((src) => ({ src, protocol: "tcp", port: 179 })),
    },
  ]);
  const back = readPolicyDocument(policyJson(p));
  expect(show(back)).toEqual(show(p));
  expect(show(back)).toEqual(["rule=lab-out 10.20.0.11 -> 203.0.113.10 tcp allow"]);
  const without = readPolicyDocument(
    JSON.stringify({ ...doc, points: doc.points.map(({ defconf: _, ...x }) => x) }),
  );
  expect(show(without)).toEqual([
    ...show(p),
    "default=internet 203.0.113.10 -> 10.20.0.11 tcp allow",
  ]);
});
