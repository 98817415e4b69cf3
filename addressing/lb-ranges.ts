// A LoadBalancer pool on a VLAN other machines use (a home VLAN: issue 20, new-user trial) hands
// out addresses there, so it must miss what the VLAN already hands out or cannot use: the
// segment's DHCP ranges (`segments[].ranges` with kind dhcp: the stack renders no DHCP server, so
// what the site declares there is what its DHCP server leases), and, for an explicit range, the network and broadcast
// address of the subnet it lies on (RFC 919/922: no host holds them) or, in IPv6, the
// subnet-router anycast address (RFC 4291 section 2.6.1). Owned addresses in a pool (a gateway,
// a router's address) are the pool rule of addressing/validate.ts.
import { Address, AddressRange, Family, Prefix } from "./ip";
import { Plan } from "./plan-types";
import { Problem } from "./problems";
import { poolRanges } from "./validate";

/** The addresses two ranges share, as one range (they overlap). */
function common(a: AddressRange, b: AddressRange): AddressRange {
  const start = a.start.value > b.start.value ? a.start : b.start;
  const stop = a.stop.value < b.stop.value ? a.stop : b.stop;
  return AddressRange.of(start, stop);
}

const shown = (r: AddressRange) => (r.start.equals(r.stop) ? r.start.toString() : r.toString());

/** Subnets machines sit on, by name: declared segments, shared segments, tenants' VM subnets. */
function onLinkSubnets(plan: Plan): { name: string; prefix: Prefix }[] {
  return [
    ...plan.segments.flatMap((g) =>
      [g.prefixes.ipv4, g.prefixes.ipv6].flatMap((p) =>
        p ? [{ name: `segment ${g.name}`, prefix: p }] : [],
      ),
    ),
    ...plan.sharedSegments.map((s) => ({ name: `shared segment ${s.name}`, prefix: s.prefix })),
    ...plan.tenants.flatMap((t) =>
      [t.vms.ipv4, t.vms.ipv6].flatMap((p) =>
        p ? [{ name: `tenant ${t.name}'s VM subnet`, prefix: p }] : [],
      ),
    ),
  ];
}

/** The addresses of `prefix` no pool may hand out, with what each is. */
function unusable(prefix: Prefix): { address: Address; what: string; fix: string }[] {
  const f: Family = prefix.family;
  if (f === 6)
    return [
      {
        address: prefix.first,
        what: "subnet-router anycast address (RFC 4291)",
        fix: `start the range at ${Address.of(6, prefix.first.value + 1n)} or later`,
      },
    ];
  if (prefix.length > 30) return [];
  return [
    {
      address: prefix.first,
      what: "network address",
      fix: `start the range at ${Address.of(4, prefix.first.value + 1n)} or later`,
    },
    {
      address: prefix.last,
      what: "broadcast address",
      fix: `end the range at ${Address.of(4, prefix.last.value - 1n)} or earlier`,
    },
  ];
}

/**
 * LoadBalancer pools against the VLANs they lie on: overlap with a segment's DHCP range
 * (the exact shared addresses), and explicit `lbRanges` that cover a subnet's network or
 * broadcast address (IPv6: subnet-router anycast). Cilium excludes the first and last address
 * of a CIDR block by default, not of a start-stop range (`allowFirstLastIPs`), so derived
 * whole-prefix pools are not judged on that.
 */
export function lbRangeProblems(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const leased = plan.segments.flatMap((g, i) =>
    g.ranges.flatMap((r, j) =>
      r.kind === "dhcp" ? [{ segment: g.name, path: `segments[${i}].ranges[${j}]`, r }] : [],
    ),
  );
  const subnets = onLinkSubnets(plan);
  for (const pool of poolRanges(plan)) {
    for (const l of leased) {
      if (l.r.range.family !== pool.range.family || !l.r.range.overlaps(pool.range)) continue;
      const both = common(l.r.range, pool.range);
      out.push({
        path: pool.path,
        input: pool.range.toString(),
        message: `overlaps segment ${l.segment}'s ${l.r.kind} range for ${l.r.purpose} ${l.r.range} (${l.path}) at ${shown(both)}: the DHCP server and Cilium would both hand out ${shown(both)}`,
        fix: `move ${pool.cluster}'s range off ${shown(both)}, or shrink the DHCP server's pool and ${l.path} with it`,
      });
    }
    if (!/\.lbRanges\[\d+\]$/.test(pool.path)) continue;
    // A VLAN declared both as a segment and as a shared segment is one subnet: one problem.
    const seen = new Set<string>();
    for (const s of subnets) {
      if (s.prefix.family !== pool.range.family || !pool.range.overlaps(s.prefix)) continue;
      for (const u of unusable(s.prefix)) {
        if (!pool.range.contains(u.address) || seen.has(u.address.toString())) continue;
        seen.add(u.address.toString());
        out.push({
          path: pool.path,
          input: pool.range.toString(),
          message: `covers ${u.address}, the ${u.what} of ${s.name} ${s.prefix}: no machine there can reach a Service Cilium gives it`,
          fix: u.fix,
        });
      }
    }
  }
  return out;
}
