// AddressSet: exact set algebra on intervals of both families, checked against hand-computed
// values and, as properties, against membership of random addresses.
import fc from "fast-check";
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { AddressSet } from "../../topology/address-set";

const p = Prefix.from;
const a = Address.from;

describe("AddressSet", () => {
  test("two /25s make up their /24, and a /24 covers each of them", () => {
    const halves = AddressSet.of([p("10.0.0.0/25"), p("10.0.0.128/25")]);
    expect(halves.equals(AddressSet.of([p("10.0.0.0/24")]))).toBe(true);
    expect(halves.prefixes(4).map(String)).toEqual(["10.0.0.0/24"]);
    expect(AddressSet.of([p("10.0.0.0/24")]).covers(AddressSet.of([p("10.0.0.128/25")]))).toBe(
      true,
    );
  });

  test("a range becomes its fewest prefixes; blocks keep it one range", () => {
    const r = AddressSet.of([range()]);
    expect(r.prefixes(4).map(String)).toEqual(["10.8.16.20/31", "10.8.16.22/32"]);
    expect(r.blocks(4).map(String)).toEqual(["10.8.16.20-10.8.16.22"]);
  });

  test("the complement of the site is the internet, in both families", () => {
    const site = AddressSet.of([p("10.0.0.0/8"), p("fd00::/8")]);
    const internet = site.complement();
    expect(internet.blocks(4).map(String)).toEqual([
      "0.0.0.0-9.255.255.255",
      "11.0.0.0-255.255.255.255",
    ]);
    expect(internet.blocks(6).map(String)).toEqual([
      "::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "fe00::/7",
    ]);
    expect(internet.has(a("8.8.8.8"))).toBe(true);
    expect(internet.has(a("10.1.2.3"))).toBe(false);
  });

  test("minus, intersect and families", () => {
    const s = AddressSet.of([p("10.8.16.0/24"), a("fd00::1")]);
    const hosts = AddressSet.of([a("10.8.16.10"), a("10.8.16.11")]);
    expect(s.minus(hosts).blocks(4).map(String)).toEqual([
      "10.8.16.0-10.8.16.9",
      "10.8.16.12-10.8.16.255",
    ]);
    expect(s.intersect(hosts).toString()).toBe("10.8.16.10/31");
    expect(s.families).toEqual([4, 6]);
    expect(s.only(6).toString()).toBe("fd00::1/128");
    expect(AddressSet.EMPTY.toString()).toBe("(none)");
  });

  const v4 = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((n) => Address.of(4, BigInt(n)));
  const prefix4 = fc
    .tuple(v4, fc.integer({ min: 0, max: 32 }))
    .map(([x, len]) => Prefix.containing(4, x.value, len));

  test("property: membership follows union, intersection and complement", () => {
    fc.assert(
      fc.property(
        fc.array(prefix4, { maxLength: 5 }),
        fc.array(prefix4, { maxLength: 5 }),
        v4,
        (xs, ys, x) => {
          const s = AddressSet.of(xs);
          const t = AddressSet.of(ys);
          const inS = xs.some((q) => q.contains(x));
          const inT = ys.some((q) => q.contains(x));
          expect(s.has(x)).toBe(inS);
          expect(s.union(t).has(x)).toBe(inS || inT);
          expect(s.intersect(t).has(x)).toBe(inS && inT);
          expect(s.complement().has(x)).toBe(!inS);
          expect(s.minus(t).has(x)).toBe(inS && !inT);
          expect(s.complement().complement().equals(s)).toBe(true);
          expect(s.union(t).covers(s)).toBe(true);
          expect(AddressSet.of(s.prefixes(4)).equals(s)).toBe(true);
        },
      ),
    );
  });
});

function range(): AddressRange {
  const r = AddressRange.parse("10.8.16.20-10.8.16.22");
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
