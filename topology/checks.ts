// Cross-layer rules, checked on the topology before any resource registers. Each problem names the
// config path, quotes the input, says what is wrong and, where it can, how to fix it; a session
// problem names both ends ("router edge peers 10.20.254.11 from 10.20.0.254; node k20cp1 speaks
// from 10.20.0.11"), as Batfish does.
import { AddressRange, FAMILIES, Family, familyKey as key, Prefix } from "../addressing/ip";
import { ClusterPlan, Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { ciliumAnswersNdp } from "../addressing/site";
import { ROUTEROS_NAME_MAX, routerOsConnections } from "./routeros-names";
import { connectedInterface, holdersByAddress } from "./sessions";
import {
  Announcement,
  BgpSession,
  Device,
  PrefixRule,
  Segment,
  SessionEnd,
  Topology,
} from "./types";

/** Kubernetes caps a service CIDR at 2^20 addresses (kube-apiserver, --service-cluster-ip-range). */
export const MAX_SERVICE_BITS = 20;
/** kube-controller-manager: node CIDR mask minus cluster CIDR mask at most 16 (nodeipam cidrset). */
export const MAX_NODE_CIDR_DIFF = 16;

type Partial = Omit<Topology, "manualSteps">;

/** First match of an ordered filter (`orLonger`: the prefix or any inside it), else reject. */
export function filterAccepts(rules: readonly PrefixRule[], prefix: Prefix): boolean {
  const rule = rules.find((r) =>
    r.orLonger ? r.prefix.contains(prefix) : r.prefix.equals(prefix),
  );
  return rule?.action === "permit";
}

const describe = (e: SessionEnd, d: Device | undefined): string =>
  `${d?.kind === "node" ? "node" : d?.kind === "external" ? "external" : "router"} ${e.device}`;

function sessionProblems(t: Partial): Problem[] {
  const devices = new Map(t.devices.map((d) => [d.name, d]));
  return t.sessions.flatMap((s: BgpSession) => {
    const out: Problem[] = [];
    const [a, b] = s.ends;
    const both = `${describe(a, devices.get(a.device))} peers ${b.address} from ${a.address}; ${describe(b, devices.get(b.device))} speaks from ${b.address} and peers ${a.address}`;
    for (const [end, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const d = devices.get(end.device);
      const holds = d?.interfaces
        .find((i) => i.name === end.interface)
        ?.addresses.some((h) => h.address.equals(end.address));
      if (!holds) {
        out.push({
          path: s.path,
          input: end.address.toString(),
          message: `${both}: ${end.device} does not hold ${end.address} on ${end.interface}`,
        });
      }
      if (d?.speaker && d.speaker.asn !== end.asn) {
        out.push({
          path: s.path,
          input: String(end.asn),
          message: `${both}: ${end.device} speaks AS ${d.speaker.asn}, not ${end.asn}`,
        });
      }
      const connected = d ? connectedInterface(d, other.address) : undefined;
      if (!connected && end.multihop === undefined) {
        out.push({
          path: s.path,
          input: other.address.toString(),
          message: `${both}: ${other.address} is on no subnet of ${end.device}, and the session is not multihop (TTL 1)`,
          fix: "set eBGP multihop on this end",
        });
      }
      if (end.reach !== "connected" && !end.reach.via && end.reach.carrier !== "manual") {
        out.push({
          path: s.path,
          input: other.address.toString(),
          message: `${both}: ${end.device} has no route to ${other.address}`,
          fix: `give ${end.device} a route to ${other.address}`,
        });
      }
      for (const ann of end.announces) {
        if (!s.families.includes(ann.prefix.family)) {
          out.push({
            path: s.path,
            input: ann.prefix.toString(),
            message: `${both}: ${end.device} announces ${ann.prefix}, but the session negotiates only ${s.families.map((f) => `IPv${f}`).join(", ")}`,
          });
        } else if (!filterAccepts(other.accepts, ann.prefix)) {
          out.push({
            path: s.path,
            input: ann.prefix.toString(),
            message: `${both}: ${end.device} announces ${ann.prefix}, which ${other.device}'s import filter rejects`,
          });
        }
        const missing = announcementSource(d, ann);
        if (missing) out.push({ path: s.path, input: ann.prefix.toString(), message: missing });
      }
    }
    if (a.asn === b.asn) {
      out.push({
        path: s.path,
        input: String(a.asn),
        message: `${both}: both ends are AS ${a.asn}; these sessions are eBGP`,
        fix: "give the cluster and the router different ASNs",
      });
    }
    return out;
  });
}

/** Why an announced prefix does not exist at its announcer, or undefined when it does. */
function announcementSource(d: Device | undefined, ann: Announcement): string | undefined {
  if (!d) return undefined;
  if (ann.source === "connected") {
    const held = d.interfaces.some((i) =>
      i.addresses.some((h) => h.address.equals(ann.prefix.first) && h.length >= ann.prefix.length),
    );
    return held
      ? undefined
      : `${d.name} announces ${ann.prefix}, which no interface of ${d.name} holds`;
  }
  if (ann.source === "blackhole") {
    const route = d.routes.some((r) => r.kind === "blackhole" && r.dst.equals(ann.prefix));
    return route ? undefined : `${d.name} announces ${ann.prefix} without a route that anchors it`;
  }
  return undefined;
}

function clusterProblems(plan: Plan): Problem[] {
  return plan.tenants.flatMap((t, i) => {
    const k = t.kubernetes;
    if (!k) return [];
    const path = `tenants[${i}].kubernetes`;
    return [
      ...serviceLimits(k, path),
      ...nodeCidrLimits(k, path),
      ...familyRules(k, path),
      ...podOwners(plan, k, path),
      ...l2Families(plan, k, path),
      ...l2OnSegment(t.vms, k, path),
      ...(k.nodeOs === "linux" ? linuxRules(k, path, `tenants[${i}]`) : []),
    ];
  });
}

function serviceLimits(k: ClusterPlan, path: string): Problem[] {
  return FAMILIES.flatMap((f) => {
    const p = k.services[key(f)];
    if (!p || p.bits - p.length <= MAX_SERVICE_BITS) return [];
    const longest = p.bits - MAX_SERVICE_BITS;
    return [
      {
        path: `${path}.services.${key(f)}`,
        input: p.toString(),
        message: `is larger than Kubernetes allows for a service CIDR: at most 2^${MAX_SERVICE_BITS} addresses, so /${longest} or longer`,
        fix: `did you mean ${Prefix.containing(f, p.network, longest)}?`,
      },
    ];
  });
}

function nodeCidrLimits(k: ClusterPlan, path: string): Problem[] {
  return FAMILIES.flatMap((f) => {
    const cluster = k.pods[key(f)];
    const node = k.nodes.find((n) => n.pods[key(f)])?.pods[key(f)];
    if (!cluster || !node || node.length - cluster.length <= MAX_NODE_CIDR_DIFF) return [];
    return [
      {
        path: `${path}.pods.${key(f)}`,
        input: cluster.toString(),
        message: `gives /${node.length} node CIDRs, ${node.length - cluster.length} bits below the cluster CIDR; kube-controller-manager allows at most ${MAX_NODE_CIDR_DIFF}`,
        fix: `use a pod prefix of /${node.length - MAX_NODE_CIDR_DIFF} or longer, or longer node CIDRs`,
      },
    ];
  });
}

function familyRules(k: ClusterPlan, path: string): Problem[] {
  const has = (p: { ipv4?: unknown; ipv6?: unknown }) => FAMILIES.filter((f) => p[key(f)]);
  const pods = has(k.pods);
  const services = has(k.services);
  const out: Problem[] = [];
  if (pods.join() !== services.join()) {
    const show = (fs: Family[]) => fs.map((f) => `IPv${f}`).join(" + ") || "none";
    out.push({
      path: `${path}.services`,
      input: show(services),
      message: `the pods are ${show(pods)}; Kubernetes needs pods and services in the same families`,
      fix: `give the services ${show(pods)}`,
    });
  }
  if (k.nodeOs === "talos") {
    for (const f of pods) {
      if (k.nodes.every((n) => n.address[key(f)] || n.mesh[key(f)])) continue;
      out.push({
        path: `${path}.pods.${key(f)}`,
        input: String(k.pods[key(f)]),
        message: `the nodes have no IPv${f} address: Cilium routes IPv${f} pods natively between node addresses of that family`,
        fix: `give the tenant an IPv${f} VM subnet, or drop the IPv${f} pod prefix`,
      });
    }
  }
  return out;
}

/**
 * The controller-manager may hand out any part of the cluster's pod prefix, so it must hold no
 * address anything else owns (seed 002's routable pods: 10.8.28.0/22 holds the gateway and nodes).
 */
function podOwners(plan: Plan, k: ClusterPlan, path: string): Problem[] {
  return FAMILIES.flatMap((f) => {
    const pods = k.pods[key(f)];
    if (!pods) return [];
    const owned = plan.facts.addresses.filter((a) => pods.contains(a.address));
    if (owned.length === 0) return [];
    const first = owned[0];
    const nodeCidrs = k.nodes.flatMap((n) => n.pods[key(f)] ?? []);
    const tight = nodeCidrs.length > 0 ? covering(nodeCidrs) : undefined;
    const clear = tight && !owned.some((a) => tight.contains(a.address)) ? tight : undefined;
    return [
      {
        path: `${path}.pods.${key(f)}`,
        input: pods.toString(),
        message: `holds ${first.address} (${first.label}, ${first.path})${owned.length > 1 ? ` and ${owned.length - 1} more owned address${owned.length > 2 ? "es" : ""}` : ""}; kube-controller-manager may hand out any part of the pod prefix`,
        fix: clear
          ? `did you mean ${clear}? It holds every node's pod CIDR and no owned address`
          : "choose a pod prefix that holds the nodes' pod CIDRs and no owned address",
      },
    ];
  });
}

/** The smallest prefix that holds every given prefix (all of one family). */
function covering(ps: readonly Prefix[]): Prefix {
  let p = ps[0];
  while (!ps.every((q) => p.contains(q))) p = Prefix.containing(p.family, p.network, p.length - 1);
  return p;
}

/**
 * L2 announcements answer ARP; NDP only from Cilium 1.19 (cilium/cilium#39648), and only with IPv6
 * enabled in Cilium, which the values do for a cluster with IPv6 pods.
 */
function l2Families(plan: Plan, k: ClusterPlan, path: string): Problem[] {
  if (k.announcement !== "l2") return [];
  const ndp = ciliumAnswersNdp(plan.talos.ciliumVersion);
  if (ndp && k.pods.ipv6) return [];
  const ranges = k.lbRanges
    .map((r, j) => ({ r, p: `${path}.lbRanges[${j}]`, input: r.toString() }))
    .filter((x) => x.r.family === 6);
  const prefix = k.loadBalancers.ipv6;
  const hits =
    ranges.length > 0
      ? ranges
      : prefix
        ? [{ p: `${path}.loadBalancers.ipv6`, input: prefix.toString() }]
        : [];
  return hits.map((h) => ({
    path: h.p,
    input: h.input,
    message: ndp
      ? `an IPv6 LoadBalancer range with announcement l2: Cilium ${plan.talos.ciliumVersion} answers NDP only with IPv6 enabled, which it is for a cluster with IPv6 pods only`
      : `an IPv6 LoadBalancer range with announcement l2: Cilium ${plan.talos.ciliumVersion} answers ARP only (IPv6/NDP arrives in 1.19), so nothing would answer for these addresses`,
    fix: ndp
      ? "give the cluster an IPv6 pod prefix, drop the IPv6 LoadBalancer prefix and ranges, or announce by BGP"
      : "set talos.ciliumVersion to 1.19.0 or later, drop the IPv6 LoadBalancer prefix and ranges from the cluster, or announce by BGP",
  }));
}

/** ARP and NDP answers reach only the node's own segment: an L2 pool lies on-link there. */
function l2OnSegment(
  vms: { ipv4?: Prefix; ipv6?: Prefix },
  k: ClusterPlan,
  path: string,
): Problem[] {
  if (k.announcement !== "l2") return [];
  const onLink = FAMILIES.flatMap((f) => [
    ...(vms[key(f)] ? [vms[key(f)] as Prefix] : []),
    ...(k.lbGateway[key(f)] && k.loadBalancers[key(f)] ? [k.loadBalancers[key(f)] as Prefix] : []),
  ]);
  return k.lbRanges.flatMap((r: AddressRange, j) =>
    onLink.some((p) => r.within(p))
      ? []
      : [
          {
            path: `${path}.lbRanges[${j}]`,
            input: r.toString(),
            message: `lies on no prefix of the nodes' segment (${onLink.join(", ")}); L2 announcements answer ARP and NDP only there`,
            fix: "move the range into the node subnet or the LoadBalancer prefix, or announce by BGP",
          },
        ],
  );
}

function linuxRules(k: ClusterPlan, path: string, tenantPath: string): Problem[] {
  return k.nodes.flatMap((n, j) =>
    n.loopback.ipv4
      ? []
      : [
          {
            path: `${path}.nodes[${j}].loopback.ipv4`,
            input: "",
            message: `node ${n.name} runs FRR, which needs an IPv4 BGP router ID: the node has no IPv4 loopback`,
            fix: `give ${tenantPath}.vmLoopbacks an IPv4 prefix`,
          },
        ],
  );
}

/**
 * A RouterOS router names each BGP connection after its peer (`-v4`/`-v6` added when both
 * families peer with one device), and RouterOS takes names of at most 63 characters: a peer name
 * that would give a longer one is refused at the name (trial M6'), once, with how long it may be.
 */
function connectionNameProblems(t: Partial): Problem[] {
  const devices = new Map(t.devices.map((d) => [d.name, d]));
  const routers = [
    ...new Set(
      t.sessions.flatMap((s) =>
        s.ends.filter((e) => e.carrier === "routeros").map((e) => e.device),
      ),
    ),
  ];
  const out = new Map<string, Problem>();
  for (const router of routers) {
    for (const c of routerOsConnections(t.sessions, router)) {
      if (c.name.length <= ROUTEROS_NAME_MAX) continue;
      const peer = devices.get(c.other.device);
      const path = peer && peer.name === c.end.peerName ? `${peer.path}.name` : `${c.s.path}.name`;
      if (out.has(path)) continue;
      const suffix = c.name.length - c.end.peerName.length;
      const why = suffix > 0 ? ` (${c.name.slice(-suffix)} added, as both families peer)` : "";
      out.set(path, {
        path,
        input: c.end.peerName,
        message: `gives router ${router} the BGP connection name ${c.name}${why}, ${c.name.length} characters: RouterOS takes names of at most ${ROUTEROS_NAME_MAX}`,
        fix: `use a name of at most ${ROUTEROS_NAME_MAX - suffix} characters`,
      });
    }
  }
  return [...out.values()];
}

/**
 * Where a segment's name is written: a declared or shared segment's `name`, a VLAN tenant's
 * `name`, or (for a VNet, named `vnet<T>`) the tenant ID it is derived from.
 */
function segmentNamePath(
  plan: Plan,
  s: Segment,
): { path: string; input: string; derived: boolean } {
  const m = /^tenants\[(\d+)\]/.exec(s.path);
  if (!m) return { path: `${s.path}.name`, input: s.name, derived: false };
  return s.kind === "vnet"
    ? { path: `${m[0]}.id`, input: String(plan.tenants[Number(m[1])].id), derived: true }
    : { path: `${m[0]}.name`, input: s.name, derived: false };
}

/**
 * One name names one segment: the policy's zones, its `policy.zones[].zone` overrides, the flows
 * and the firewall sets know a segment by its name, so a declared segment named like a tenant (or
 * like a VNet, `vnet<T>`) would have the two mixed up (new-user trial M8'). Reported at the later
 * one, naming the first.
 */
function segmentNameProblems(plan: Plan, t: Partial, earlier: readonly Problem[]): Problem[] {
  const out: Problem[] = [];
  const byName = new Map<string, Segment>();
  for (const s of t.segments) {
    const first = byName.get(s.name);
    if (!first) {
      byName.set(s.name, s);
      continue;
    }
    // One network written twice (the same prefixes) under one name is not two segments.
    if (first.id === s.id || sameNetwork(t, first.id, s.id)) continue;
    const at = segmentNamePath(plan, s);
    const was = segmentNamePath(plan, first);
    // Two declared or shared segments of one name are refused as a duplicate segment name.
    if (earlier.some((p) => p.path === at.path || p.path === was.path)) continue;
    const m = /^tenants\[(\d+)\]/.exec(first.path);
    const tenant = m ? plan.tenants[Number(m[1])] : undefined;
    const what = !tenant
      ? "a segment"
      : first.kind === "vnet"
        ? `tenant ${tenant.id}'s VNet`
        : `tenant ${tenant.id}'s VLAN segment`;
    const from = was.derived ? `derived from ${was.path}` : was.path;
    const rename = at.derived ? was.path : at.path;
    out.push({
      path: at.path,
      input: at.input,
      message: `is also the name of ${what} (${from}): the policy, the flows and the firewall know a segment by its name, and would mix the two up`,
      fix: `rename ${rename}`,
    });
  }
  return out;
}

/** One VLAN ID names one L2 network across the site, and one network rides one VLAN ID. */
function vlanProblems(plan: Plan, t: Partial): Problem[] {
  const out: Problem[] = [];
  const byVlan = new Map<number, { id: string; name: string; path: string }>();
  for (const s of t.segments) {
    if (s.vlan === undefined) continue;
    const first = byVlan.get(s.vlan);
    if (first && first.id !== s.id && !sameNetwork(t, first.id, s.id)) {
      out.push({
        path: `${s.path}.vlan`,
        input: String(s.vlan),
        message: `VLAN ${s.vlan} already carries ${first.name} (${first.path}); one VLAN ID names one network across the site`,
        fix: "give one of them another VLAN ID",
      });
    } else if (!first) byVlan.set(s.vlan, { id: s.id, name: s.name, path: s.path });
  }
  for (const carries of ["management", "cephPublic", "cephCluster"] as const) {
    const ids = new Map<number, string>();
    plan.hosts.forEach((h, i) =>
      h.network.devices.forEach((d) => {
        if (d.carries === carries && d.vlanId !== undefined && !ids.has(d.vlanId))
          ids.set(d.vlanId, `${h.name} (hosts[${i}])`);
      }),
    );
    if (ids.size > 1) {
      const [[v1, h1], [v2, h2]] = [...ids];
      out.push({
        path: `global.${carries}`,
        input: `VLAN ${v1}, VLAN ${v2}`,
        message: `${carries} rides VLAN ${v1} on ${h1} and VLAN ${v2} on ${h2}; one network is carried on one VLAN ID on every host`,
        fix: `use VLAN ${v1} on every host`,
      });
    }
  }
  return out;
}

/** IPv6 link-local (RFC 4291 section 2.5.6): on every interface, in no segment's prefix. */
const LINK_LOCAL = Prefix.from("fe80::/10");

/**
 * An address on a router's interface of a segment lies in that segment's prefix of its family
 * (new-user trial, brk16). The interface's segment is the one its other address lies in; an
 * address of a family the segment has no prefix of is refused too: the policy knows a zone by its
 * prefixes, so the router would route that family on the segment's VLAN with no filter (an IPv6
 * address on a default-deny IPv4 zone gave IoT unfiltered IPv6 and an IPv6 masquerade). Its
 * prefix length is the segment's too: `192.168.30.1/25` on a /24 segment gives the router a
 * connected route to half the segment, and a later check blamed the uplink instead (msgs M5).
 */
function routerSegmentAddresses(t: Partial): Problem[] {
  const segments = new Map(t.segments.map((s) => [s.id, s]));
  return t.devices
    .filter((d) => d.path.startsWith("routers["))
    .flatMap((d) =>
      d.interfaces.flatMap((iface) => {
        const seg = iface.segment === undefined ? undefined : segments.get(iface.segment);
        if (!seg || iface.kind === "loopback") return [];
        const on = `${iface.name}, the router's interface on segment ${seg.name}${seg.vlan === undefined ? "" : ` (VLAN ${seg.vlan})`}`;
        return iface.addresses.flatMap((a): Problem[] => {
          if (a.role !== "interface" || LINK_LOCAL.contains(a.address)) return [];
          const f = a.address.family;
          const mine = seg.prefixes.filter((p) => p.family === f);
          const subnet = Prefix.containing(f, a.address.value, a.length);
          const input = `${a.address}/${a.length}`;
          const holding = mine.find((p) => p.contains(a.address));
          if (holding && holding.length === a.length) return [];
          if (holding)
            return [
              {
                path: a.path,
                input,
                message: `is on ${on}, but its prefix length /${a.length} is not the segment's /${holding.length} (${holding}): the router's connected route would be ${subnet}, ${a.length > holding.length ? `so it would not reach the rest of ${holding} on ${iface.name}` : `so it would take addresses outside ${holding} for on-link ones`}`,
                fix: `use ${a.address}/${holding.length}`,
              },
            ];
          if (mine.length === 0)
            return [
              {
                path: a.path,
                input,
                message: `is on ${on}, which has no IPv${f} prefix: the policy's zone ${seg.name} would not hold it, and its IPv${f} would pass unfiltered`,
                fix: `add ${seg.path}.${key(f)}: ${subnet}, or remove the address`,
              },
            ];
          return [
            {
              path: a.path,
              input,
              message: `is on ${on}, but not inside its IPv${f} prefix ${mine.join(", ")}: a router's address on a segment lies in the segment's prefix`,
              fix: `use an address in ${mine[0]} (e.g. ${mine[0].host(1)}/${mine[0].length}), or put it on another interface`,
            },
          ];
        });
      }),
    );
}

/**
 * A router's static DNS record that is one the router writes itself: `<node>.<dnsDomain>` at the
 * node's address on a segment the router holds, or `<cluster>.<dnsDomain>` at a VIP of the
 * cluster (render/routeros/state.ts, dnsRecords). RouterOS would hold the entry twice; the
 * renderer refused it at its own `dns[N]` (new-user trial, brk25).
 */
function generatedDnsDuplicates(plan: Plan, t: Partial): Problem[] {
  return plan.routers.flatMap((r, i) => {
    const domain = r.dnsDomain;
    const router = t.devices.find((d) => d.path === `routers[${i}]`);
    if (domain === undefined || r.os !== "routeros" || !router) return [];
    const segments = new Set(router.interfaces.map((x) => x.segment));
    const tenants = new Set(r.vlans.map((v) => v.tenant));
    const written = new Map<string, string>();
    for (const d of t.devices) {
      if (!d.node || !tenants.has(d.node.tenant)) continue;
      for (const x of d.interfaces)
        for (const h of x.addresses) {
          if (h.role === "interface" && segments.has(x.segment))
            written.set(`${d.name}.${domain} ${h.address}`, `node ${d.name}`);
          if (h.role === "vip")
            written.set(`${d.node.cluster}.${domain} ${h.address}`, `cluster ${d.node.cluster}`);
        }
    }
    return r.dnsRecords.flatMap((rec, j): Problem[] => {
      const what = written.get(`${rec.name} ${rec.address}`);
      return what === undefined
        ? []
        : [
            {
              path: `routers[${i}].dnsRecords[${j}]`,
              input: `${rec.name} ${rec.address}`,
              message: `is the record router ${r.name} writes itself for ${what} (dnsDomain ${domain}): RouterOS would hold it twice`,
              fix: `remove routers[${i}].dnsRecords[${j}]`,
            },
          ];
    });
  });
}

/** Two segments describe one network when their prefixes are the same (a segment and a tenant). */
function sameNetwork(t: Partial, a: string, b: string): boolean {
  const seg = (id: string) =>
    t.segments
      .find((s) => s.id === id)
      ?.prefixes.map(String)
      .sort();
  return seg(a)?.join() === seg(b)?.join();
}

/** A router holds a tenant's gateway on a VLAN; a VNet tenant's gateway is Proxmox's. */
function routerTenants(plan: Plan): Problem[] {
  return plan.routers.flatMap((r, i) =>
    r.vlans.flatMap((v, j) => {
      const t = plan.tenants.find((x) => x.id === v.tenant);
      if (!t || t.vlan !== undefined) return [];
      return [
        {
          path: `routers[${i}].vlans[${j}].tenant`,
          input: String(v.tenant),
          message: `tenant ${t.id} has no VLAN: its VM subnet is the VNet ${t.vnet?.id ?? "-"}, whose anycast gateway the Proxmox hosts hold`,
          fix: `give tenants[${plan.tenants.indexOf(t)}] a vlan, or remove it from the router`,
        },
      ];
    }),
  );
}

/** A published name points at an address some device really holds (or a declared one). */
function publishedProblems(plan: Plan, t: Partial): Problem[] {
  const held = holdersByAddress(t.devices);
  const vips = new Map(
    plan.tenants.flatMap((x) =>
      FAMILIES.flatMap((f) => {
        const v = x.kubernetes?.vip[key(f)];
        return v ? [[v.toString(), x.kubernetes?.name ?? ""] as const] : [];
      }),
    ),
  );
  return plan.dns.flatMap((d, i) => {
    const a = d.address.toString();
    if (held.has(a) || !vips.has(a)) return [];
    return [
      {
        path: `dns[${i}].address`,
        input: a,
        message: `${d.name} points at ${a}, the planned VIP of ${vips.get(a)}, which no device holds`,
        fix: "point it at an address a device holds (see the inventory's manual steps)",
      },
    ];
  });
}

/**
 * A BGP-announced pool needs a session that carries its family, or it is never announced. A
 * cluster with a problem already (a peer that speaks no BGP, a node without a router ID) is
 * skipped: its missing sessions follow from that root cause.
 */
function unannouncedPools(plan: Plan, t: Partial, earlier: readonly Problem[]): Problem[] {
  return plan.tenants.flatMap((tenant, i) => {
    const k = tenant.kubernetes;
    if (!k || k.announcement !== "bgp") return [];
    if (earlier.some((p) => p.path.startsWith(`tenants[${i}].kubernetes`))) return [];
    const nodes = new Set(k.nodes.map((n) => n.name));
    const carried = new Set(
      t.sessions.filter((s) => s.ends.some((e) => nodes.has(e.device))).flatMap((s) => s.families),
    );
    return FAMILIES.flatMap((f) => {
      const lb = k.loadBalancers[key(f)];
      if (!lb || carried.has(f) || k.lbSegment !== undefined) return [];
      return [
        {
          path: `tenants[${i}].kubernetes.loadBalancers.${key(f)}`,
          input: lb.toString(),
          message: `no BGP session of ${k.name} carries IPv${f}, so the pool would never be announced`,
          fix: `peer in IPv${f} (a gateway and node addresses of that family), or drop the IPv${f} pool`,
        },
      ];
    });
  });
}

/**
 * Every cross-layer problem of a topology, in a stable order. `earlier` are the problems found
 * while building it (consequences of those are not reported again).
 */
export function checkTopology(plan: Plan, t: Partial, earlier: readonly Problem[] = []): Problem[] {
  const first = [
    ...routerTenants(plan),
    ...clusterProblems(plan),
    ...vlanProblems(plan, t),
    ...routerSegmentAddresses(t),
    ...generatedDnsDuplicates(plan, t),
    ...segmentNameProblems(plan, t, earlier),
    ...sessionProblems(t),
    ...connectionNameProblems(t),
  ];
  return [
    ...first,
    ...unannouncedPools(plan, t, [...earlier, ...first]),
    ...publishedProblems(plan, t),
  ];
}
