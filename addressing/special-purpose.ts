// Address blocks no site may allocate from or assign: the entries of IANA's IPv4 and IPv6
// Special-Purpose Address Registries (RFC 6890; iana-ipv4-special-registry and
// iana-ipv6-special-registry as of 2025), the multicast blocks (RFC 5771, RFC 4291) and, for IPv6,
// everything IANA's IPv6 Address Space registry keeps outside global unicast (2000::/3) and unique
// local (fc00::/7). Checked against the plan's own facts only (its spaces, subnets, pools and the
// addresses it assigns): external peers and examples may well sit in documentation ranges.
import { Address, AddressRange, Family, Prefix } from "./ip";
import { AddressFact, Facts, PrefixFact, RangeFact } from "./plan-types";
import { Problem } from "./problems";

/** One registry entry: its block, IANA's name for it and the RFC that defines it. */
export interface SpecialBlock {
  readonly prefix: Prefix;
  readonly name: string;
  readonly rfc: string;
  /** `refuse`: no site assigns from it. `warn`: usable inside a site, with a known clash. */
  readonly use: "refuse" | "warn";
}

const block = (text: string, name: string, rfc: string, use: "refuse" | "warn" = "refuse") => ({
  prefix: Prefix.from(text),
  name,
  rfc,
  use,
});

/**
 * The blocks, most specific first within each family. Usable and not listed: 10.0.0.0/8,
 * 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), fc00::/7 (RFC 4193) and global unicast.
 */
export const SPECIAL_BLOCKS: readonly SpecialBlock[] = [
  block("0.0.0.0/32", "This host on this network", "RFC 1122"),
  block("255.255.255.255/32", "Limited Broadcast", "RFC 919"),
  block("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890"),
  block("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737"),
  block("192.31.196.0/24", "AS112-v4", "RFC 7535"),
  block("192.52.193.0/24", "AMT", "RFC 7450"),
  block("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
  block("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534"),
  block("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737"),
  block("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737"),
  block("198.18.0.0/15", "Benchmarking", "RFC 2544", "warn"),
  block("169.254.0.0/16", "Link Local", "RFC 3927"),
  block("0.0.0.0/8", '"This network"', "RFC 791"),
  block("127.0.0.0/8", "Loopback", "RFC 1122"),
  block("100.64.0.0/10", "Shared Address Space", "RFC 6598", "warn"),
  block("224.0.0.0/4", "Multicast", "RFC 5771"),
  block("240.0.0.0/4", "Reserved", "RFC 1112"),
  block("::/128", "Unspecified Address", "RFC 4291"),
  block("::1/128", "Loopback Address", "RFC 4291"),
  block("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052"),
  block("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291"),
  block("100::/64", "Discard-Only Address Block", "RFC 6666"),
  block("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780"),
  block("2001:db8::/32", "Documentation", "RFC 3849"),
  block("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534"),
  block("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215"),
  block("2001::/23", "IETF Protocol Assignments", "RFC 2928"),
  block("2002::/16", "6to4", "RFC 3056"),
  block("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602"),
  block("3fff::/20", "Documentation", "RFC 9637"),
  block("fe80::/10", "Link-Local Unicast", "RFC 4291"),
  block("ff00::/8", "Multicast", "RFC 4291"),
  // IANA IPv6 Address Space: outside 2000::/3 and fc00::/7, every block is reserved or special.
  ...["::/3", "4000::/2", "8000::/2", "c000::/3"].map((p) =>
    block(p, "Reserved by IETF", "RFC 4291"),
  ),
  ...["e000::/4", "f000::/5", "f800::/6", "fe00::/9", "fec0::/10"].map((p) =>
    block(p, "Reserved by IETF", "RFC 4291"),
  ),
];

const sorted = (f: Family) =>
  SPECIAL_BLOCKS.filter((b) => b.prefix.family === f).sort(
    (a, b) => b.prefix.length - a.prefix.length,
  );
const BY_FAMILY: Record<Family, readonly SpecialBlock[]> = { 4: sorted(4), 6: sorted(6) };

type Span = Prefix | AddressRange | Address;

const hits = (s: Span, p: Prefix): boolean =>
  s instanceof Address ? p.contains(s) : s instanceof Prefix ? p.overlaps(s) : s.overlaps(p);

/**
 * The block a prefix, range or address falls into: the most specific block that holds it whole,
 * else the first block it overlaps (a 192.0.0.0/16 overlaps 192.0.0.0/24).
 */
export function specialBlock(s: Span): SpecialBlock | undefined {
  const blocks = BY_FAMILY[s instanceof AddressRange ? s.family : s.family];
  const holds = blocks.find((b) =>
    s instanceof Address
      ? b.prefix.contains(s)
      : s instanceof Prefix
        ? b.prefix.contains(s)
        : s.within(b.prefix),
  );
  return holds ?? blocks.find((b) => hits(s, b.prefix));
}

const PRIVATE: Record<Family, string> = {
  4: "use private space (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or global unicast you hold",
  6: "use a unique local prefix (fd00::/8 with a random global ID) or global unicast you hold",
};

const describe = (b: SpecialBlock) => `${b.prefix}, IANA "${b.name}" (${b.rfc})`;

function problem(path: string, s: Span, b: SpecialBlock): Problem {
  const inside =
    s instanceof Address ? true : s instanceof Prefix ? b.prefix.contains(s) : s.within(b.prefix);
  const family = s instanceof AddressRange ? s.family : s.family;
  if (b.use === "warn") {
    return {
      path,
      input: s.toString(),
      message: `${inside ? "lies in" : "overlaps"} ${describe(b)}: ${
        b.name === "Benchmarking"
          ? "it is meant for benchmark test networks, and some proxies (fake-IP DNS) use it"
          : "ISPs' carrier-grade NAT and overlay VPNs (Tailscale) use it too"
      }`,
      fix: `fine if nothing on the path uses it; otherwise ${PRIVATE[family]}`,
    };
  }
  return {
    path,
    input: s.toString(),
    message: `${inside ? "lies in" : "overlaps"} ${describe(b)}, which no site assigns addresses from`,
    fix: PRIVATE[family],
  };
}

/**
 * The problem of a prefix or address at `path` that must be public (routed on the internet: a
 * router's global netmap prefix) but lies in a special-purpose block, or undefined. Documentation
 * blocks (RFC 3849 `2001:db8::/32`, RFC 9637 `3fff::/20`, RFC 5737 `192.0.2.0/24`,
 * `198.51.100.0/24`, `203.0.113.0/24`) are named as such, since they come from copied examples;
 * `fix` says where the real value comes from.
 */
export function notPublicProblem(
  path: string,
  s: Prefix | Address,
  fix: string,
): Problem | undefined {
  const b = specialBlock(s);
  if (!b) return undefined;
  const inside = s instanceof Address ? true : b.prefix.contains(s);
  const why = b.name.startsWith("Documentation")
    ? "a block for documentation and examples, which the internet does not route"
    : "not public address space";
  return {
    path,
    input: s.toString(),
    message: `${inside ? "lies in" : "overlaps"} ${describe(b)}: ${why}`,
    fix,
  };
}

type Fact = PrefixFact | AddressFact | RangeFact;

const spanOf = (f: Fact): Span => ("prefix" in f ? f.prefix : "address" in f ? f.address : f.range);

const enclosing = (f: Fact): Prefix | undefined => ("prefix" in f ? f.parent : f.within)?.prefix;

/**
 * The plan's own prefixes, ranges and addresses that lie in or overlap a special-purpose block,
 * of the given kind. A fact whose enclosing prefix meets the same block is left to that prefix,
 * so one bad space gives one problem, not one per subnet derived from it.
 */
export function specialPurposeProblems(facts: Facts, use: "refuse" | "warn"): Problem[] {
  const all: Fact[] = [...facts.prefixes, ...facts.ranges, ...facts.addresses];
  return all.flatMap((f) => {
    const s = spanOf(f);
    const b = specialBlock(s);
    if (!b || b.use !== use) return [];
    const outer = enclosing(f);
    if (outer && outer.family === b.prefix.family && outer.overlaps(b.prefix)) return [];
    return [problem(f.path, s, b)];
  });
}
