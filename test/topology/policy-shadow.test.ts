// The shadow check's shortcut (rules bucketed by zone pair, each compared only with the earlier
// rules that overlap it; witness() deciding a rule's candidate flows against those alone) against
// the plain definition: every earlier rule, and witness flows that go through decide(). Random
// small policies over the real zones, routers and devices of two seed stacks.
import fc from "fast-check";
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { Problem } from "../../addressing/problems";
import { requireSite } from "../../site";
import { AddressSet } from "../../topology/address-set";
import { shadowProblems } from "../../topology/policy";
import { plainWitness, serviceCovers, witness } from "../../topology/policy-eval";
import { Policy, PolicyRule, PortRange } from "../../topology/policy-types";
import { stackRaw } from "../fixtures/base";

/** The shadow check as first written: every earlier rule, plain witnesses. */
function referenceShadow(p: Policy): Problem[] {
  return p.rules.flatMap((r): Problem[] => {
    const by = p.rules
      .slice(0, r.index)
      .find(
        (e) => r.src.minus(e.src).isEmpty() && r.dst.minus(e.dst).isEmpty() && serviceCovers(e, r),
      );
    if (by) {
      return [
        {
          path: r.path,
          input: r.name,
          message: `is never reached: ${by.path} (${by.name}) comes first and matches all its traffic`,
          fix: `move it above ${by.path}, or remove it`,
        },
      ];
    }
    if (plainWitness(p, { rule: r.index })) return [];
    const earlier = p.rules
      .slice(0, r.index)
      .filter((e) => !e.src.intersect(r.src).isEmpty() && !e.dst.intersect(r.dst).isEmpty())
      .map((e) => `${e.path} (${e.name})`);
    return [
      {
        path: r.path,
        input: r.name,
        message:
          earlier.length > 0
            ? `is never reached: ${earlier.join(", ")} decide all its traffic between zones`
            : "is never reached: its source and destination lie in one zone, which no router filters",
        fix: "remove it, or narrow the rules before it",
      },
    ];
  });
}

const policyOf = (stack: string): Policy => {
  const p = requireSite(stackRaw(stack)).topology.policy;
  if (!p) throw new Error(`${stack} has no policy`);
  return p;
};

/** Sets a rule end may name: zones, routers, devices, pieces of zones, the internet, anything. */
function pool(p: Policy): fc.Arbitrary<AddressSet> {
  const named = [
    ...p.zones.map((z) => z.set),
    ...p.known.map((k) => AddressSet.of([k.address])),
    p.routers,
    AddressSet.ALL,
  ];
  const v4 = p.zones.flatMap((z) => z.set.prefixes(4)).filter((q) => q.length >= 16);
  const piece = fc.tuple(fc.constantFrom(...v4), fc.nat(255), fc.nat(40)).map(([q, at, len]) => {
    const lo = q.network + (BigInt(at) % q.size);
    const hi = lo + BigInt(len) > q.last.value ? q.last.value : lo + BigInt(len);
    return AddressSet.of([AddressRange.of(Address.of(4, lo), Address.of(4, hi))]);
  });
  // The routers alone often: a rule about a router's own addresses is decided apart.
  const one = fc.oneof(fc.constantFrom(...named), piece, fc.constant(p.routers));
  return fc
    .array(one, { minLength: 1, maxLength: 2 })
    .map((xs) => xs.reduce((a, x) => a.union(x), AddressSet.EMPTY));
}

const ports: fc.Arbitrary<PortRange[]> = fc.array(
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.nat(10))
    .map(([from, len]) => ({ from, to: from + len })),
  { maxLength: 2 },
);

/** `p` with random rules: protocols, ports, actions and router destinations drawn too. */
function withRules(p: Policy): fc.Arbitrary<Policy> {
  const rule = fc.record({
    src: pool(p),
    dst: pool(p),
    protocol: fc.constantFrom("any", "tcp", "udp", "icmp"),
    ports,
    action: fc.constantFrom("allow", "deny"),
    router: fc.boolean(),
    // Some rules repeat an earlier rule's ends, so that one may cover the other.
    like: fc.option(fc.nat(7), { freq: 3 }),
  });
  return fc.array(rule, { minLength: 1, maxLength: 8 }).map((drawn) => {
    const rules: PolicyRule[] = [];
    for (const drawnRule of drawn) {
      const earlier =
        drawnRule.like === null ? undefined : rules[drawnRule.like % (rules.length || 1)];
      const r = earlier ? { ...drawnRule, src: earlier.src, dst: earlier.dst } : drawnRule;
      const families = r.src.families.filter((f) => r.dst.families.includes(f));
      if (families.length === 0) continue;
      const keep = (s: AddressSet) =>
        families.reduce((a, f) => a.union(s.only(f)), AddressSet.EMPTY);
      const i = rules.length;
      rules.push({
        name: `r${i}`,
        path: `policy.rules[${i}]`,
        index: i,
        from: [],
        to: [],
        src: keep(r.src),
        dst: keep(r.dst),
        routerDst: r.router ? keep(r.dst).intersect(p.routers) : AddressSet.EMPTY,
        protocol: r.protocol,
        ports: r.protocol === "tcp" || r.protocol === "udp" ? r.ports : [],
        action: r.action,
        log: false,
        families,
      });
    }
    return { ...p, rules };
  });
}

const KINDS = [
  "is never reached: R comes first and matches all its traffic",
  "is never reached: R decide all its traffic between zones",
  "is never reached: R, R decide all its traffic between zones",
  "is never reached: its source and destination lie in one zone, which no router filters",
];

describe.each(["arc-hybrid", "ms01"])("shadow check on %s's zones", (stack) => {
  const base = policyOf(stack);

  test("the same findings and messages as the plain check, and the same witnesses", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(withRules(base), (p) => {
        // Separate copies: each caches what it derives.
        const found = shadowProblems({ ...p });
        expect(found).toEqual(referenceShadow({ ...p }));
        for (const x of found) seen.add(x.message.replace(/policy\.rules\[\d+\] \(r\d+\)/g, "R"));
        const fast = { ...p };
        const plain = { ...p };
        for (const r of p.rules) {
          expect(witness(fast, { rule: r.index })).toEqual(plainWitness(plain, { rule: r.index }));
        }
      }),
      { numRuns: 100, seed: 21 },
    );
    // The random policies reach every kind of finding, so the comparison is not an empty one.
    expect(KINDS.filter((k) => !seen.has(k))).toEqual([]);
  });

  test("the stack's own policy: no finding, the same witnesses", () => {
    expect(shadowProblems({ ...base })).toEqual([]);
    for (const r of base.rules) {
      expect(witness({ ...base }, { rule: r.index })).toEqual(
        plainWitness({ ...base }, { rule: r.index }),
      );
    }
  });
});

test("covers and overlaps agree with minus and intersect", () => {
  const interval = fc
    .tuple(fc.nat(60), fc.nat(6))
    .map(([lo, len]) =>
      AddressRange.of(Address.of(4, BigInt(lo)), Address.of(4, BigInt(lo + len))),
    );
  const v6 = fc.nat(3).map((n) => Prefix.from(`fd00:${n + 1}::/127`));
  const set = fc.array(fc.oneof(interval, v6), { maxLength: 4 }).map((xs) => AddressSet.of(xs));
  fc.assert(
    fc.property(set, set, (a, b) => {
      expect(a.covers(b)).toBe(b.minus(a).isEmpty());
      expect(a.overlaps(b)).toBe(!a.intersect(b).isEmpty());
    }),
    { numRuns: 500, seed: 21 },
  );
});
