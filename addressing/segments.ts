// VLAN segments, their ranges and the static devices on them. A segment is an allocation like
// the global networks: disjoint from them and from tenant blocks. Its ranges lie inside it and miss
// each other; a range that is handed out (DHCP, a pool) holds no owned address, and a range kept
// for one kind of device (static) holds only devices that say they belong there.
import { near } from "../site/schema";
import { Builder, FAMILIES, GROUPS, key, Ref } from "./builder";
import { Address, Family, hostSpan } from "./ip";
import { checkSegmentMtus } from "./link-mtu";
import { DeviceEntry, SegmentPlan } from "./plan-types";

const GLOBAL_NETWORKS = [
  "management",
  "cephPublic",
  "cephCluster",
  "underlay",
  "hostLoopbacks",
] as const;

export function planSegments(b: Builder): { segments: SegmentPlan[]; devices: DeviceEntry[] } {
  const site = b.site;
  const refs = new Map<string, Partial<Record<Family, Ref>>>();
  const segments = site.segments.map((g, i): SegmentPlan => {
    const path = `segments[${i}]`;
    b.id(`${path}.name`, "segment name", g.name);
    if (g.vlan !== undefined) b.id(`${path}.vlan`, "segment VLAN", g.vlan);
    const own: Partial<Record<Family, Ref>> = {};
    for (const f of FAMILIES) {
      const p = g[key(f)];
      if (p)
        own[f] = b.prefix(`${path}.${key(f)}`, p, `segment ${g.name}`, undefined, [
          GROUPS.allocations,
        ]);
    }
    if (!own[4] && !own[6]) b.problem(`${path}`, g.name, "has neither an IPv4 nor an IPv6 prefix");
    refs.set(g.name, own);
    for (const f of FAMILIES) {
      const gw = g.gateway?.[key(f)];
      if (gw)
        b.address(
          `${path}.gateway.${key(f)}`,
          gw,
          `${g.name} gateway${g.gateway?.owner ? ` (${g.gateway.owner})` : ""}`,
          own[f],
        );
    }
    g.ranges.forEach((r, j) => {
      const where = `${path}.ranges[${j}].range`;
      const parent = own[r.range.family];
      if (!parent) {
        b.problem(
          where,
          r.range.toString(),
          `has no IPv${r.range.family} prefix of segment ${g.name} to lie in`,
          `give segment ${g.name} an ipv${r.range.family} prefix that contains it, or remove the range`,
        );
      } else if (!r.range.within(parent.prefix)) {
        // A range written under the wrong segment: name the segment whose prefix holds it.
        const k = site.segments.findIndex((o) => {
          const q = o[key(r.range.family)];
          return o !== g && q !== undefined && r.range.within(q);
        });
        const other = k < 0 ? undefined : site.segments[k];
        b.problem(
          where,
          r.range.toString(),
          `is not inside segment ${g.name} ${parent.prefix}`,
          `${other ? `move it to segments[${k}].ranges (segment ${other.name} ${other[key(r.range.family)]} holds it), or ` : ""}keep both ends inside ${parent.prefix} (${hostSpan(parent.prefix)})`,
        );
      }
      g.ranges.slice(0, j).forEach((o, k) => {
        if (o.range.overlaps(r.range)) {
          b.problem(
            where,
            r.range.toString(),
            `overlaps ${path}.ranges[${k}] ${o.range} (${o.purpose})`,
            "shrink or move one of the two ranges so that they share no address",
          );
        }
      });
    });
    return {
      name: g.name,
      vlan: g.vlan,
      prefixes: { ipv4: g.ipv4, ipv6: g.ipv6 },
      gateway: { ipv4: g.gateway?.ipv4, ipv6: g.gateway?.ipv6 },
      gatewayOwner: g.gateway?.owner,
      mtu: g.mtu,
      purpose: g.purpose,
      managedBy: g.managedBy,
      ranges: g.ranges,
    };
  });

  checkSegmentMtus(b);
  const networkRef = (name: string, f: Family): Ref | undefined => {
    const seg = refs.get(name);
    if (seg) return seg[f];
    const global = (GLOBAL_NETWORKS as readonly string[]).includes(name)
      ? site.global[name as (typeof GLOBAL_NETWORKS)[number]]?.[key(f)]
      : undefined;
    return global
      ? { path: `global.${name}.${key(f)}`, prefix: global, name: `global.${name}.${key(f)}` }
      : undefined;
  };
  const devices = site.devices.flatMap((d, i): DeviceEntry[] => {
    const path = `devices[${i}]`;
    b.id(`${path}.name`, "device name", d.name);
    const known = refs.has(d.network) || (GLOBAL_NETWORKS as readonly string[]).includes(d.network);
    if (!known) {
      b.problem(
        `${path}.network`,
        d.network,
        "is neither a segment nor a global network",
        near(d.network, [...refs.keys(), ...GLOBAL_NETWORKS]) ??
          `segments are ${[...refs.keys()].join(", ") || "none"}`,
      );
      return [];
    }
    const address: { ipv4?: Address; ipv6?: Address } = {};
    for (const f of FAMILIES) {
      const a = d[key(f)];
      if (!a) continue;
      const within = networkRef(d.network, f);
      if (!within) {
        b.problem(`${path}.${key(f)}`, a.toString(), `network ${d.network} has no IPv${f} prefix`);
        continue;
      }
      address[key(f)] = b.address(
        `${path}.${key(f)}`,
        a,
        `${d.name}${d.purpose ? ` (${d.purpose})` : ""}`,
        within,
      );
    }
    return [{ name: d.name, network: d.network, address, purpose: d.purpose, inRange: d.inRange }];
  });
  return { segments, devices };
}
