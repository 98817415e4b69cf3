// A router's static DNS record (routers[].dnsRecords) that points into the site's own space at an
// address nothing in the plan holds: a warning, since a record may point outside the site (a
// public service, a neighbour's LAN) and the stack may not declare every device (new-user trial M2).
import { Address, familyKey, Prefix } from "./ip";
import { Plan } from "./plan-types";
import { Problem } from "./problems";
import { poolRanges } from "./validate";

/** The global networks a device may name as its `network` (site/spec-segments.ts, devicesSchema). */
const DEVICE_GLOBALS = ["management", "cephPublic", "cephCluster", "underlay"] as const;

/** A prefix of the site an address may sit in: what messages call it, and where a device goes. */
interface SitePrefix {
  readonly prefix: Prefix;
  readonly label: string;
  /** The `network` a device in this prefix names (a segment or global network); absent: none. */
  readonly network?: string;
}

/**
 * The warnings for routers[].dnsRecords whose address is inside a prefix of the site (a prefix
 * the plan records, or the subnet of a router address) yet held by nothing the plan knows: no
 * host, VM, node, VIP, gateway, router address or device owns it, it is no explicit service IP,
 * and no LoadBalancer pool hands it out. The record still goes to the router. The innermost
 * prefix names where it sits; the fix names `homelab:devices` with the network to give, or the
 * handed-out segment range the address is in (a lease moves, and devices may not sit there).
 */
export function dnsRecordWarnings(
  plan: Pick<Plan, "tenants" | "facts" | "routers" | "segments">,
): Problem[] {
  const held = new Set([
    ...plan.facts.addresses.map((a) => a.address.toString()),
    ...plan.routers.flatMap((r) => r.addresses.map((a) => a.address.toString())),
    ...plan.tenants.flatMap((t) => t.kubernetes?.serviceIps.map((s) => s.address.toString()) ?? []),
  ]);
  const pools = poolRanges(plan).map((p) => p.range);
  const prefixes = sitePrefixes(plan);
  return plan.routers.flatMap((r, i) =>
    r.dnsRecords.flatMap((d, j): Problem[] => {
      const a = d.address;
      if (held.has(a.toString()) || pools.some((p) => p.contains(a))) return [];
      const inner = prefixes
        .filter((p) => p.prefix.contains(a))
        .sort((x, y) => y.prefix.length - x.prefix.length)[0];
      if (!inner) return [];
      const path = `routers[${i}].dnsRecords[${j}].address`;
      const input = a.toString();
      const handedOut = handedOutRange(plan, a);
      if (handedOut)
        return [
          {
            path,
            input,
            message: `is inside segment ${handedOut.segment}'s ${handedOut.kind} range ${handedOut.range} (${handedOut.path}), which nothing in the plan holds: a lease may move, and ${d.name} with it`,
            fix: `give what holds it a static address outside ${handedOut.range}, declare it under homelab:devices (network: ${handedOut.segment}) and point ${d.name} at that address`,
          },
        ];
      const declare = inner.network
        ? `declare what holds it under homelab:devices: { name: <its name>, network: ${inner.network}, ${familyKey(a.family)}: ${input} }`
        : "declare what holds it (homelab:devices for a device on a segment, homelab:vms for a VM)";
      return [
        {
          path,
          input,
          message: `is inside ${inner.label} (${inner.prefix}) but nothing in the plan holds it, so ${d.name} would point at an address the stack does not know`,
          fix: `${declare}, or point ${d.name} at the address that holds it`,
        },
      ];
    }),
  );
}

/** Every prefix of the plan, and the subnet of every router address. */
function sitePrefixes(plan: Pick<Plan, "facts" | "routers" | "segments">): SitePrefix[] {
  const network = (path: string): string | undefined => {
    const seg = /^segments\[(\d+)\]\.ipv[46]$/.exec(path);
    if (seg) return plan.segments[Number(seg[1])]?.name;
    const global = /^global\.([A-Za-z]+)\.ipv[46]$/.exec(path);
    return DEVICE_GLOBALS.find((g) => g === global?.[1]);
  };
  return [
    ...plan.facts.prefixes.map((f) => ({
      prefix: f.prefix,
      label: f.label,
      network: network(f.path),
    })),
    ...plan.routers.flatMap((r) =>
      r.addresses.map((x) => ({
        prefix: Prefix.containing(x.address.family, x.address.value, x.length),
        label: `router ${r.name}'s ${x.interface} subnet`,
      })),
    ),
  ];
}

/** The DHCP or pool range of a segment that holds `a`, with its config path; undefined if none. */
function handedOutRange(
  plan: Pick<Plan, "segments">,
  a: Address,
): { segment: string; kind: string; range: string; path: string } | undefined {
  for (const [i, s] of plan.segments.entries()) {
    for (const [j, r] of s.ranges.entries()) {
      if ((r.kind === "dhcp" || r.kind === "pool") && r.range.contains(a))
        return {
          segment: s.name,
          kind: r.kind,
          range: r.range.toString(),
          path: `segments[${i}].ranges[${j}]`,
        };
    }
  }
  return undefined;
}
