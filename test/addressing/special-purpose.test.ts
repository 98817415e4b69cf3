// IANA's special-purpose blocks: which a site may not allocate from or assign, which only warn,
// and which (private, unique local, global unicast) are fine.
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import {
  notPublicProblem,
  specialBlock,
  specialPurposeProblems,
} from "../../addressing/special-purpose";
import { resolveSite } from "../../site";
import { homelabWith } from "../fixtures/base";

const span = (text: string) =>
  text.includes("-")
    ? AddressRange.of(Address.from(text.split("-")[0]), Address.from(text.split("-")[1]))
    : text.includes("/")
      ? Prefix.from(text)
      : Address.from(text);

test.each([
  ["0.0.0.0/8", "0.0.0.0/8", '"This network"', "refuse"],
  ["0.0.0.0", "0.0.0.0/32", "This host on this network", "refuse"],
  ["127.0.0.1", "127.0.0.0/8", "Loopback", "refuse"],
  ["169.254.10.0/24", "169.254.0.0/16", "Link Local", "refuse"],
  ["224.0.0.0/4", "224.0.0.0/4", "Multicast", "refuse"],
  ["239.1.1.1", "224.0.0.0/4", "Multicast", "refuse"],
  ["240.0.0.0/4", "240.0.0.0/4", "Reserved", "refuse"],
  ["255.255.255.255", "255.255.255.255/32", "Limited Broadcast", "refuse"],
  ["192.0.0.8", "192.0.0.0/24", "IETF Protocol Assignments", "refuse"],
  ["192.0.0.0/16", "192.0.0.0/24", "IETF Protocol Assignments", "refuse"],
  ["192.0.2.0/24", "192.0.2.0/24", "Documentation (TEST-NET-1)", "refuse"],
  ["198.51.100.7", "198.51.100.0/24", "Documentation (TEST-NET-2)", "refuse"],
  ["203.0.113.10-203.0.113.20", "203.0.113.0/24", "Documentation (TEST-NET-3)", "refuse"],
  ["100.64.0.0/10", "100.64.0.0/10", "Shared Address Space", "warn"],
  ["198.18.0.0/16", "198.18.0.0/15", "Benchmarking", "warn"],
  ["::1", "::1/128", "Loopback Address", "refuse"],
  ["::", "::/128", "Unspecified Address", "refuse"],
  ["ff02::1", "ff00::/8", "Multicast", "refuse"],
  ["fe80::/64", "fe80::/10", "Link-Local Unicast", "refuse"],
  ["2001:db8:10::/64", "2001:db8::/32", "Documentation", "refuse"],
  ["3fff:1::/48", "3fff::/20", "Documentation", "refuse"],
  ["64:ff9b::/96", "64:ff9b::/96", "IPv4-IPv6 Translat.", "refuse"],
  ["2002:c000:201::/48", "2002::/16", "6to4", "refuse"],
  ["fec0::/10", "fec0::/10", "Reserved by IETF", "refuse"],
  ["4000::/16", "4000::/2", "Reserved by IETF", "refuse"],
])("%s is in %s (%s): %s", (text, block, name, use) => {
  const b = specialBlock(span(text));
  expect([b?.prefix.toString(), b?.name, b?.use]).toEqual([block, name, use]);
});

test.each([
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.1.0/24",
  "192.0.3.0/24",
  "100.128.0.0/16",
  "8.8.8.8",
  "fc00::/7",
  "fd00:100::/24",
  "2a01:4f8::/32",
  "2606:4700:4700::1111",
])("%s is usable", (text) => {
  expect(specialBlock(span(text))).toBeUndefined();
});

test("a space that only overlaps a block is reported once, at the space, not at what lies inside", () => {
  const facts = {
    prefixes: [
      { path: "a", prefix: Prefix.from("192.0.0.0/16"), label: "x", name: "a", groups: [] },
      {
        path: "b",
        prefix: Prefix.from("192.0.0.0/25"),
        label: "x",
        name: "b",
        groups: [],
        parent: { path: "a", prefix: Prefix.from("192.0.0.0/16"), name: "a" },
      },
    ],
    addresses: [],
    ranges: [],
    ids: [],
  };
  expect(specialPurposeProblems(facts, "refuse").map(formatProblem)).toEqual([
    'a: "192.0.0.0/16": overlaps 192.0.0.0/24, IANA "IETF Protocol Assignments" (RFC 6890), which no site assigns addresses from; use private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or global unicast you hold',
  ]);
});

test("a tenant space in 100.64.0.0/10 (CGNAT) is accepted with a warning", () => {
  const r = resolveSite(
    homelabWith((c) => {
      c.global.tenantSpace.ipv4 = "100.64.0.0/10";
    }),
  );
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  expect(r.plan.warnings.map(formatProblem)).toContain(
    'global.tenantSpace.ipv4: "100.64.0.0/10": lies in 100.64.0.0/10, IANA "Shared Address Space" (RFC 6598): ISPs\' carrier-grade NAT and overlay VPNs (Tailscale) use it too; fine if nothing on the path uses it; otherwise use private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or global unicast you hold',
  );
});

test.each([
  [
    Prefix.from("203.0.113.0/24"),
    '"203.0.113.0/24": lies in 203.0.113.0/24, IANA "Documentation (TEST-NET-3)" (RFC 5737): a block for documentation and examples, which the internet does not route; use yours',
  ],
  [
    Address.from("198.51.100.7"),
    '"198.51.100.7": lies in 198.51.100.0/24, IANA "Documentation (TEST-NET-2)" (RFC 5737): a block for documentation and examples, which the internet does not route; use yours',
  ],
  [
    Prefix.from("2001:db8::/32"),
    '"2001:db8::/32": lies in 2001:db8::/32, IANA "Documentation" (RFC 3849): a block for documentation and examples, which the internet does not route; use yours',
  ],
  [
    Prefix.from("192.168.0.0/16"),
    undefined, // private space is not a special-purpose block here; a caller needing global checks that apart
  ],
  [Prefix.from("9.9.9.0/24"), undefined],
  [Prefix.from("2a0f::/32"), undefined],
])("a public prefix or address: %s", (s, expected) => {
  const p = notPublicProblem("x", s, "use yours");
  expect(p === undefined ? undefined : formatProblem(p).slice("x: ".length)).toBe(expected);
});
