import fc from "fast-check";
import { Address, AddressRange, plainIpv4, Prefix } from "../../addressing/ip";

describe("Address.parse", () => {
  test.each([
    ["10.101.0.254", 4, 174391550n],
    ["0.0.0.0", 4, 0n],
    ["255.255.255.255", 4, 4294967295n],
    ["fd00:101::fffe", 6, 0xfd00010100000000000000000000fffen],
    ["::", 6, 0n],
    ["fd00:0:0:ffff::1", 6, 0xfd0000000000ffff0000000000000001n],
  ])("%s is IPv%i %s", (text, family, value) => {
    const parsed = Address.parse(text);
    expect(parsed).toEqual({ ok: true, value: Address.of(family as 4 | 6, value) });
    if (parsed.ok) expect(parsed.value.toString()).toBe(text);
  });

  test.each([
    [
      "10.010.0.1",
      "is not a valid IPv4 address (four decimal octets, no leading zeros)",
      "did you mean 10.10.0.1?",
    ],
    [
      "10.0.0.256",
      "is not a valid IPv4 address (four decimal octets, no leading zeros)",
      "write four decimal numbers from 0 to 255 separated by dots, like 10.10.0.1",
    ],
    [
      "10.0.1",
      "is not a valid IPv4 address (four decimal octets, no leading zeros)",
      "write four decimal numbers from 0 to 255 separated by dots, like 10.10.0.1",
    ],
    ["FD00::1", "is not in canonical form (RFC 5952)", "did you mean fd00::1?"],
    ["fd00:0101::1", "is not in canonical form (RFC 5952)", "did you mean fd00:101::1?"],
    ["fd00:0:0:0:0:0:0:1", "is not in canonical form (RFC 5952)", "did you mean fd00::1?"],
    // A dotted tail is the two low groups (RFC 4291 2.2), not always IPv4-mapped.
    ["::10.0.0.1", "is not in canonical form (RFC 5952)", "did you mean ::a00:1?"],
    ["::ffff:10.0.0.1", "is not in canonical form (RFC 5952)", "did you mean ::ffff:a00:1?"],
    ["fd00::10.0.0.256", "is not a valid IPv6 address", undefined],
    ["fd00::1%eth0", "zone IDs are not allowed", undefined],
    ["fd00:::1", "is not a valid IPv6 address", undefined],
    ["pve01", "is not an IP address", undefined],
  ])("%s is refused: %s", (text, error, fix) => {
    expect(Address.parse(text)).toEqual(fix ? { ok: false, error, fix } : { ok: false, error });
  });
});

describe("Prefix.parse", () => {
  test.each([
    ["10.100.0.0/14", "10.100.0.0", 14],
    ["fd00:101:244::/60", "fd00:101:244::", 60],
    ["fd00:101:96::/108", "fd00:101:96::", 108],
    ["0.0.0.0/0", "0.0.0.0", 0],
    ["fd00:255:101::ac/128", "fd00:255:101::ac", 128],
  ])("%s", (text, network, length) => {
    const p = Prefix.from(text);
    expect([p.first.toString(), p.length, p.toString()]).toEqual([network, length, text]);
  });

  test.each([
    ["fd00:0:0:ffff::/56", "has host bits set", "did you mean fd00:0:0:ff00::/56?"],
    ["10.8.28.1/22", "has host bits set", "did you mean 10.8.28.0/22?"],
    ["10.101.245.0/22", "has host bits set", "did you mean 10.101.244.0/22?"],
    ["FD00:10::/64", "is not in canonical form (RFC 5952)", "did you mean fd00:10::/64?"],
    ["10.0.0.0/33", "has a prefix length longer than 32 bits", undefined],
    ["10.0.0.0/024", 'has an invalid prefix length "/024"', undefined],
    ["10.0.0.0", "is not a prefix (expected address/length)", undefined],
  ])("%s is refused: %s", (text, error, fix) => {
    expect(Prefix.parse(text)).toEqual(fix ? { ok: false, error, fix } : { ok: false, error });
  });
});

describe("prefix arithmetic", () => {
  const pods = Prefix.from("fd00:101:44::/60");
  test("nth subnet", () => {
    expect([0, 1, 5, 15].map((i) => pods.subnet(64, i).toString())).toEqual([
      "fd00:101:44::/64",
      "fd00:101:44:1::/64",
      "fd00:101:44:5::/64",
      "fd00:101:44:f::/64",
    ]);
    expect(() => pods.subnet(64, 16)).toThrow(
      "fd00:101:44::/60 has 16 /64 subnets; index 16 is out of range",
    );
    expect(Prefix.from("10.244.0.0/16").subnet(24, 5).toString()).toBe("10.244.5.0/24");
  });
  test("nth host", () => {
    expect(Prefix.from("10.101.0.0/24").host(254).toString()).toBe("10.101.0.254");
    expect(Prefix.from("fd00:101::/64").host(0xfffe).toString()).toBe("fd00:101::fffe");
    expect(() => Prefix.from("10.101.0.0/24").host(256)).toThrow(
      "offset 256 is outside 10.101.0.0/24",
    );
  });
  test("contains, overlaps, size, first, last", () => {
    const space = Prefix.from("fd00::/48");
    expect(space.contains(Prefix.from("fd00:101::/64"))).toBe(false);
    expect(Prefix.from("fd00:100::/30").contains(Prefix.from("fd00:101::/64"))).toBe(true);
    expect(Prefix.from("10.100.0.0/14").contains(Address.from("10.103.255.255"))).toBe(true);
    expect(Prefix.from("10.100.0.0/14").contains(Address.from("10.104.0.0"))).toBe(false);
    expect(Prefix.from("10.0.0.0/8").contains(Address.from("fd00::1"))).toBe(false);
    expect(Prefix.from("10.96.0.0/12").overlaps(Prefix.from("10.101.0.0/16"))).toBe(true);
    expect(Prefix.from("10.96.0.0/12").overlaps(Prefix.from("10.112.0.0/16"))).toBe(false);
    expect(Prefix.from("fd00:101:96::/108").size).toBe(1048576n);
    expect(Prefix.from("fd00:101:96::/108").last.toString()).toBe("fd00:101:96::f:ffff");
    expect(Prefix.from("10.96.0.0/12").last.toString()).toBe("10.111.255.255");
  });
});

describe("AddressRange", () => {
  test("parse and size", () => {
    const r = AddressRange.parse("10.8.31.10-10.8.31.200");
    expect(r.ok && [r.value.toString(), r.value.size]).toEqual(["10.8.31.10-10.8.31.200", 191n]);
  });
  test.each([
    [
      "10.25.11.139-10.25.11.120",
      "ends before it starts",
      "did you mean 10.25.11.120-10.25.11.139?",
    ],
    ["10.25.11.1-fd00::1", "mixes IPv4 and IPv6", undefined],
    ["10.25.11.1", "is not a range (expected start-stop)", undefined],
  ])("%s is refused", (text, error, fix) => {
    expect(AddressRange.parse(text)).toEqual(
      fix ? { ok: false, error, fix } : { ok: false, error },
    );
  });
  test("within and overlaps", () => {
    const infra = AddressRange.parse("10.25.11.100-10.25.11.119");
    const apps = AddressRange.parse("10.25.11.120-10.25.11.139");
    if (!infra.ok || !apps.ok) throw new Error("fixture");
    expect(infra.value.overlaps(apps.value)).toBe(false);
    expect(infra.value.within(Prefix.from("10.25.11.0/24"))).toBe(true);
    expect(infra.value.within(Prefix.from("10.25.12.0/24"))).toBe(false);
    expect(infra.value.contains(Address.from("10.25.11.120"))).toBe(false);
  });
  test.each([
    [
      "192.168.88.10-192.168.88.254",
      "192.168.88.11-192.168.88.12",
      ["192.168.88.10-192.168.88.10", "192.168.88.13-192.168.88.254"],
    ],
    [
      "192.168.88.10-192.168.88.254",
      "192.168.88.1-192.168.88.20",
      ["192.168.88.21-192.168.88.254"],
    ],
    [
      "192.168.88.10-192.168.88.254",
      "192.168.88.200-192.168.89.9",
      ["192.168.88.10-192.168.88.199"],
    ],
    ["192.168.88.10-192.168.88.254", "192.168.88.0-192.168.88.255", []],
    [
      "192.168.88.10-192.168.88.254",
      "192.168.87.0-192.168.87.255",
      ["192.168.88.10-192.168.88.254"],
    ],
    ["192.168.88.10-192.168.88.254", "fd00::a-fd00::fe", ["192.168.88.10-192.168.88.254"]],
  ])("%s minus %s", (range, cut, left) => {
    const [r, c] = [AddressRange.parse(range), AddressRange.parse(cut)];
    if (!r.ok || !c.ok) throw new Error("fixture");
    expect(r.value.minus(c.value).map(String)).toEqual(left);
  });
  test("without one address is minus that address alone", () => {
    const r = AddressRange.parse("10.0.0.1-10.0.0.3");
    if (!r.ok) throw new Error("fixture");
    expect(r.value.without(Address.from("10.0.0.2")).map(String)).toEqual([
      "10.0.0.1-10.0.0.1",
      "10.0.0.3-10.0.0.3",
    ]);
    expect(r.value.without(Address.from("10.0.0.1")).map(String)).toEqual(["10.0.0.2-10.0.0.3"]);
    expect(r.value.without(Address.from("10.0.0.9")).map(String)).toEqual(["10.0.0.1-10.0.0.3"]);
  });
});

describe("properties", () => {
  const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((v) => Address.of(4, v));
  const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((v) => Address.of(6, v));
  const prefix = fc.oneof(
    fc.tuple(v4, fc.integer({ min: 0, max: 32 })).map(([a, l]) => Prefix.containing(4, a.value, l)),
    fc
      .tuple(v6, fc.integer({ min: 0, max: 128 }))
      .map(([a, l]) => Prefix.containing(6, a.value, l)),
  );

  test("format(parse(x)) == x for addresses and prefixes", () => {
    fc.assert(
      fc.property(fc.oneof(v4, v6), (a) => {
        const again = Address.parse(a.toString());
        return again.ok && again.value.equals(a) && again.value.toString() === a.toString();
      }),
    );
    fc.assert(
      fc.property(prefix, (p) => {
        const again = Prefix.parse(p.toString());
        return again.ok && again.value.equals(p);
      }),
    );
  });

  test("every nth subnet lies inside its parent and siblings are disjoint", () => {
    fc.assert(
      fc.property(
        prefix,
        fc.integer({ min: 0, max: 8 }),
        fc.bigInt({ min: 0n, max: 255n }),
        (p, extra, raw) => {
          const length = Math.min(p.bits, p.length + extra);
          const count = 1n << BigInt(length - p.length);
          const i = raw % count;
          const child = p.subnet(length, i);
          const sibling = p.subnet(length, (i + 1n) % count);
          return p.contains(child) && (count === 1n || !child.overlaps(sibling));
        },
      ),
    );
  });

  test("a prefix contains exactly the addresses from first to last", () => {
    fc.assert(
      fc.property(prefix, fc.oneof(v4, v6), (p, a) => {
        const inside = a.family === p.family && a.value >= p.first.value && a.value <= p.last.value;
        return p.contains(a) === inside && p.size === p.last.value - p.first.value + 1n;
      }),
    );
  });
});

test("a value with spaces around it is refused with the value itself as the fix", () => {
  expect(Prefix.parse("192.168.88.0/24 ")).toEqual({
    ok: false,
    error: "has spaces around it",
    fix: "did you mean 192.168.88.0/24?",
  });
  expect(Address.parse(" 192.168.88.1")).toEqual({
    ok: false,
    error: "has spaces around it",
    fix: "did you mean 192.168.88.1?",
  });
  expect(AddressRange.parse("10.0.0.10-10.0.0.20\t")).toEqual({
    ok: false,
    error: "has spaces around it",
    fix: "did you mean 10.0.0.10-10.0.0.20?",
  });
  // Spaces around a value that is wrong anyway: the strict parse's own reason.
  expect(Address.parse(" 192.168.88.256")).toEqual({ ok: false, error: "is not an IP address" });
});

describe("plainIpv4: the IPv4 form of an IPv4-mapped IPv6 value (RFC 4291 2.5.5.2)", () => {
  test.each([
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["::ffff:a00:1", "10.0.0.1"],
    ["0:0:0:0:0:ffff:10.0.0.1", "10.0.0.1"],
    ["::ffff:10.0.0.0/104", "10.0.0.0/8"],
    ["::ffff:192.168.88.0/120", "192.168.88.0/24"],
    ["::ffff:10.0.0.1/104", "10.0.0.0/8"],
    ["::ffff:0:0/96", "0.0.0.0/0"],
    ["::ffff:0:0/95", undefined],
    ["::ffff:10.0.0.1/129", undefined],
    ["::ffff:10.0.0.1%eth0", undefined],
    ["::10.0.0.1", undefined],
    ["fd00::1", undefined],
    ["10.0.0.1", undefined],
  ])("%s -> %s", (text, plain) => {
    expect(plainIpv4(text)).toBe(plain);
  });
});
