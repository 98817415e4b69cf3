// The way out (issue 18 section 3): per managed edge router with an uplink, the source NAT that
// lets the site's private and unique local addresses reach the internet, and the check that every
// machine which needs the internet (packages, images, a resolver outside the site) has such a path
// through its default gateway (past an EVPN anycast gateway: the zone's exit nodes, then the
// hosts' gateway of the family). Pure: Plan + Topology in, NAT entries, problems and warnings out;
// the RouterOS and nftables renderers project the entries, and the Talos and cloud-init renderers
// take the resolvers that have a way out (reachableResolvers).
import { Address, Family, familyKey, Prefix } from "../addressing/ip";
import { Plan, RouterPlan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { isDefault } from "./routes";
import { Device, Topology } from "./types";

/** Private IPv4 space: RFC 1918 section 3 and the shared address space of RFC 6598. */
export const PRIVATE_V4: readonly Prefix[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
].map((p) => Prefix.from(p));

/** Unique local IPv6 unicast (RFC 4193 section 3.1): never routed on the internet. */
export const UNIQUE_LOCAL = Prefix.from("fc00::/7");

/** Whether an address or prefix lies in private IPv4 space or unique local IPv6 space. */
export function isPrivate(a: Address | Prefix): boolean {
  return a.family === 4 ? PRIVATE_V4.some((p) => p.contains(a)) : UNIQUE_LOCAL.contains(a);
}

/**
 * Why the internet does not route to a private or unique local address, for messages: the kind
 * of address and its RFC (RFC 1918 section 3, RFC 6598 section 7, RFC 4193 section 3.1); undefined
 * for any other address.
 */
export function unroutedKind(a: Address): string | undefined {
  if (!isPrivate(a)) return undefined;
  if (a.family === 6) return "a unique local address (RFC 4193)";
  return PRIVATE_V4[3].contains(a)
    ? "a shared (carrier-grade NAT) address (RFC 6598)"
    : "a private address (RFC 1918)";
}

/**
 * One source NAT entry of a router, in the postrouting (`srcnat`) chain: packets leaving through
 * `outInterface` from `src` get the uplink's address (`masquerade`) or the same host bits in `to`
 * (`netmap`, RouterOS's name; nftables `snat ip6 prefix to`; a stateful RFC 6296 translation).
 */
export interface EgressNat {
  readonly family: Family;
  readonly outInterface: string;
  readonly src: Prefix;
  readonly action: "masquerade" | "netmap";
  /** The prefix `src` maps onto, of the same length (`netmap` only). */
  readonly to?: Prefix;
}

/** A router's way out: its uplink interfaces and its source NAT, in render order. */
export interface RouterEgress {
  readonly router: string;
  readonly interfaces: readonly string[];
  /** IPv4 entries first, then IPv6; per family by interface, then source. */
  readonly nat: readonly EgressNat[];
}

/** The managed routers that render their own NAT: RouterOS, and Linux routers (nftables). */
const rendersNat = (r: RouterPlan): boolean => r.os === "routeros" || r.os === "linux";

/** Subnets connected to the router's non-uplink interfaces, of one family, deduplicated. */
function connected(d: Device, uplinks: readonly string[], f: Family): Prefix[] {
  const seen = new Map<string, Prefix>();
  for (const i of d.interfaces) {
    if (uplinks.includes(i.name)) continue;
    for (const h of i.addresses) {
      // A host route (a loopback) is no subnet behind the router.
      if (h.address.family !== f || h.length === h.address.toPrefix().length) continue;
      const p = Prefix.containing(f, h.address.value, h.length);
      seen.set(p.toString(), p);
    }
  }
  return [...seen.values()];
}

/**
 * Prefixes of one family the router routes to through its own static routes via a next hop on
 * one of its non-uplink subnets (the return routes into an EVPN zone toward its exit nodes,
 * topology/evpn-edge.ts; routers[].routes to a network behind another router), not inside a
 * subnet it is connected to, not a host route and not the default route, deduplicated. Their
 * machines leave through the uplink like the connected ones, so their private sources are
 * masqueraded too: without it a tenant behind the exit nodes sent 10.60.0.11 untranslated to the
 * internet, which has no way back (field case 34, twin probe). `near` is `connected(d, uplinks, f)`,
 * which the caller has computed already.
 */
function routedBehind(
  d: Device,
  uplinks: readonly string[],
  f: Family,
  near: readonly Prefix[],
): Prefix[] {
  const seen = new Map<string, Prefix>();
  for (const r of d.routes) {
    if (r.kind !== "static" || !r.via || r.dst.family !== f || isDefault(r.dst)) continue;
    // A host route (a node's loopback) is no subnet behind the router, as in `connected`.
    if (r.dst.length === (f === 4 ? 32 : 128)) continue;
    if (r.dev !== undefined && uplinks.includes(r.dev)) continue;
    const via = r.via;
    if (!near.some((p) => p.contains(via)) || near.some((p) => p.contains(r.dst))) continue;
    seen.set(r.dst.toString(), r.dst);
  }
  return [...seen.values()];
}

/** The private sources of one family the router translates: connected, then routed behind it. */
function privateSources(d: Device, uplinks: readonly string[], f: Family): Prefix[] {
  const near = connected(d, uplinks, f);
  return [...near, ...routedBehind(d, uplinks, f, near)].filter(isPrivate);
}

/**
 * The netmap of a unique local /64 of tenant `tenant`: the /64 the tenant ID numbers inside the
 * configured global prefix (routers[].uplink.ipv6.prefix), or undefined when it does not fit.
 */
export function netmapTarget(global: Prefix, tenant: number): Prefix | undefined {
  if (global.length > 64 || BigInt(tenant) >= 2n ** BigInt(64 - global.length)) return undefined;
  return global.subnet(64, tenant);
}

/** The way out of each RouterOS or Linux router with an uplink, in plan order. */
export function routerEgress(plan: Plan, t: Pick<Topology, "devices">): RouterEgress[] {
  return plan.routers.flatMap((r) => {
    const u = r.uplink;
    const d = t.devices.find((x) => x.name === r.name);
    if (!u || !d || !rendersNat(r)) return [];
    const [v4, v6] = ([4, 6] as const).map((f) => privateSources(d, u.interfaces, f));
    const nat: EgressNat[] = u.interfaces.flatMap((outInterface) =>
      v4.map((src) => ({ family: 4 as const, outInterface, src, action: "masquerade" as const })),
    );
    const mode = u.ipv6?.mode;
    for (const outInterface of u.interfaces) {
      if (mode === "masquerade") {
        for (const src of v6) nat.push({ family: 6, outInterface, src, action: "masquerade" });
      }
      const global = u.ipv6?.prefix;
      if (mode === "netmap" && global) {
        for (const v of r.vlans) {
          const src = plan.tenants.find((x) => x.id === v.tenant)?.vms.ipv6;
          const to = netmapTarget(global, v.tenant);
          if (src && to && src.length === 64 && isPrivate(src)) {
            nat.push({ family: 6, outInterface, src, action: "netmap", to });
          }
        }
      }
    }
    return [{ router: r.name, interfaces: u.interfaces, nat }];
  });
}

/** Where a machine's default route of one family goes on past an EVPN anycast gateway. */
export interface PastAnycast {
  readonly family: Family;
  /** The VNet's anycast gateway the machine's default route points at. */
  readonly anycast: Address;
  /** The zone's exit nodes: sdn.primaryExitNode alone, else sdn.exitNodes. */
  readonly exits: readonly string[];
  /** Their default gateway of the family (hostNetwork.gateway); absent: the zone has no way out. */
  readonly gateway?: Address;
  /** Their management address of the family: the source on from there when they SNAT the subnet. */
  readonly exitAddress?: Address;
}

/**
 * Where `d`'s default route of family `f` goes on when it points at an EVPN anycast gateway: the
 * zone leaves at its exit nodes by the hosts' own default route (Proxmox pvesdn.adoc, EVPN exit
 * nodes; topology/evpn-edge.ts), so without a hosts' gateway of that family nothing the machine
 * sends in it leaves the site. Undefined when the route leads elsewhere, or the zone has no exit
 * nodes (evpn-edge's manual step asks for them).
 */
export function pastAnycast(
  plan: Plan,
  t: Pick<Topology, "devices">,
  d: Device,
  f: Family,
): PastAnycast | undefined {
  const via = d.routes.find((x) => x.dst.family === f && isDefault(x.dst) && x.via)?.via;
  if (!via) return undefined;
  const anycast = t.devices.some((x) =>
    x.interfaces.some((i) =>
      i.addresses.some((h) => h.role === "anycast-gateway" && h.address.equals(via)),
    ),
  );
  const { exitNodes, primaryExitNode } = plan.sdn;
  const exits = primaryExitNode ? [primaryExitNode] : exitNodes;
  if (!anycast || exits.length === 0) return undefined;
  const mgmt = exits
    .flatMap((n) => plan.hosts.filter((h) => h.name === n))
    .map((h) => h.network.devices.find((x) => x.carries === "management"));
  const gateway = mgmt.map((m) => m?.gateway?.[familyKey(f)]).find((g) => g);
  const exitAddress = mgmt.map((m) => m?.[familyKey(f)]?.address).find((a) => a);
  return {
    family: f,
    anycast: via,
    exits,
    ...(gateway ? { gateway } : {}),
    ...(exitAddress ? { exitAddress } : {}),
  };
}

/** Whether `d`'s default route of family `f` ends at exit nodes with no way out of that family. */
const cutAtExits = (plan: Plan, t: Pick<Topology, "devices">, d: Device, f: Family): boolean => {
  const p = pastAnycast(plan, t, d, f);
  return p !== undefined && p.gateway === undefined;
};

/**
 * The resolvers of `list` that `d` is given: a resolver outside the site of a family whose way
 * out ends at the EVPN zone's exit nodes (pastAnycast without a gateway) is left out, since every
 * lookup would wait on it first (egressWarnings says so); all of `list` when that would leave
 * none, so that the need stays and egressProblems refuses it. Used by the Talos and cloud-init
 * renderers and by the site's flows alike.
 */
export function reachableResolvers(
  plan: Plan,
  t: Pick<Topology, "devices">,
  d: Device,
  list: readonly Address[],
): readonly Address[] {
  const kept = list.filter((a) => isPrivate(a) || !cutAtExits(plan, t, d, a.family));
  return kept.length > 0 ? kept : list;
}

/**
 * The resolvers a machine is configured with, before reachableResolvers: a cluster node's are
 * talos.nameservers in the families of its NICs (not its loopbacks; render/talos/inputs.ts), a
 * VM's its own or inherited `nameservers`. `path` is the key they come from.
 */
export function configuredResolvers(
  plan: Plan,
  d: Device,
): { readonly path: string; readonly list: readonly Address[] } {
  if (d.node) {
    const fams = new Set(
      d.interfaces
        .filter((i) => i.kind !== "loopback")
        .flatMap((i) => i.addresses.map((h) => h.address.family)),
    );
    return {
      path: "talos.nameservers",
      list: plan.nameservers.filter((a) => fams.has(a.family)),
    };
  }
  const i = d.vm ? plan.vms.findIndex((x) => x.name === d.name) : -1;
  return i < 0
    ? { path: "", list: [] }
    : { path: `vms[${i}].nameservers`, list: plan.vms[i].nameservers };
}

/** What a machine needs from the internet over one family: a resolver, packages or images. */
interface Need {
  readonly device: Device;
  readonly family: Family;
  readonly kind: "resolver" | "packages" | "images";
  readonly items: readonly string[];
}

/** Resolvers outside the site: any address not private, unique local or loopback. */
function resolverNeeds(d: Device, resolvers: readonly Address[], fams: Family[]): Need[] {
  return resolvers
    .filter((a) => !isPrivate(a) && a.toString() !== "::1" && fams.includes(a.family))
    .map((a) => ({ device: d, family: a.family, kind: "resolver", items: [a.toString()] }));
}

/** Families the machine has a default route in, IPv4 first. */
function routedFamilies(d: Device): Family[] {
  return ([4, 6] as const).filter((f) =>
    d.routes.some((r) => r.dst.family === f && isDefault(r.dst) && r.via),
  );
}

/**
 * Every machine's needs (issue 18 section 1): Talos nodes pull their installer and images from
 * the image factory and public registries; Linux nodes install FRR (and the guest agent, and
 * their packages) at first boot, as cloud-init VMs install theirs; each resolves through the
 * resolvers it is given (reachableResolvers). Packages and images come over whichever family the
 * machine has, IPv4 first, skipping one whose way out ends at the EVPN zone's exit nodes.
 */
function needs(plan: Plan, t: Topology): Need[] {
  const agent = plan.talos.guestAgent ? ["qemu-guest-agent"] : [];
  return t.devices.flatMap((d): Need[] => {
    const fams = routedFamilies(d);
    if (fams.length === 0) return [];
    const open = fams.filter((f) => !cutAtExits(plan, t, d, f));
    const family = open[0] ?? fams[0];
    const resolvers = reachableResolvers(plan, t, d, configuredResolvers(plan, d).list);
    if (d.node) {
      const k = plan.tenants.find((x) => x.id === d.node?.tenant)?.kubernetes;
      if (!k) return [];
      const fetch: Need =
        k.nodeOs === "talos"
          ? { device: d, family, kind: "images", items: [plan.talos.factory] }
          : {
              device: d,
              family,
              kind: "packages",
              items: ["frr", "frr-pythontools", ...agent, ...k.linux.packages],
            };
      return [...resolverNeeds(d, resolvers, fams), fetch];
    }
    const vm = d.vm ? plan.vms.find((x) => x.name === d.name) : undefined;
    if (!vm) return [];
    const pkgs = [...agent, ...vm.packages];
    return [
      ...resolverNeeds(d, resolvers, fams),
      ...(pkgs.length > 0 ? [{ device: d, family, kind: "packages" as const, items: pkgs }] : []),
    ];
  });
}

/** The needs of a group of machines in words: resolvers, then packages, then images. */
function needText(ns: readonly Need[]): string {
  const of = (kind: Need["kind"]) => [
    ...new Set(ns.filter((n) => n.kind === kind).flatMap((n) => n.items)),
  ];
  const parts = [
    ...(of("resolver").length > 0 ? [`resolver ${of("resolver").join(", ")}`] : []),
    ...(of("packages").length > 0 ? [`packages ${of("packages").join(", ")} at first boot`] : []),
    ...(of("images").length > 0
      ? [`images from ${of("images").join(", ")} and public registries`]
      : []),
  ];
  return parts.join("; ");
}

/** The address of `d` in family `f` on the interface its default route leaves by. */
function sourceOf(d: Device, f: Family): { address: Address; gateway: Address } | undefined {
  const r = d.routes.find((x) => x.dst.family === f && isDefault(x.dst) && x.via);
  if (!r?.via) return undefined;
  const iface = d.interfaces.find((i) => i.name === r.dev) ?? d.interfaces[0];
  const held = iface?.addresses.find((h) => h.address.family === f && h.role === "interface");
  return held ? { address: held.address, gateway: r.via } : undefined;
}

const listed = (names: readonly string[]) =>
  names.length <= 3
    ? names.join(", ")
    : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;

/**
 * Machines that need the internet and have no way out through their default gateway, when that
 * gateway is a router this stack configures: one problem per router and family, naming the
 * machines, what they need, and the key to set. Past an EVPN anycast gateway the way goes on at
 * the zone's exit nodes and the hosts' gateway of the family (pastAnycast): none is one problem
 * per anycast gateway (field case 34's tenant IPv6). A gateway this stack does not configure (an
 * external router, one no device holds) is not judged here.
 */
export function egressProblems(plan: Plan, t: Topology): Problem[] {
  const egress = t.egress ?? [];
  const holder = new Map<string, Device>();
  for (const d of t.devices)
    for (const i of d.interfaces) for (const h of i.addresses) holder.set(h.address.toString(), d);
  const blocked = new Map<string, { r: RouterPlan; i: number; f: Family; needs: Need[] }>();
  const cut = new Map<string, { p: PastAnycast; needs: Need[] }>();
  for (const n of needs(plan, t)) {
    const src = sourceOf(n.device, n.family);
    if (!src) continue;
    let { address, gateway } = src;
    // Past an EVPN anycast gateway the zone goes on at its exit nodes, by the hosts' gateway.
    const past = pastAnycast(plan, t, n.device, n.family);
    if (past && !past.gateway) {
      const entry = cut.get(`${past.anycast}`) ?? { p: past, needs: [] };
      entry.needs.push(n);
      cut.set(`${past.anycast}`, entry);
      continue;
    }
    if (past?.gateway) {
      gateway = past.gateway;
      // A subnet the exit nodes SNAT (tenants[].snat) leaves with their address.
      if (snatted(plan, address) && past.exitAddress) address = past.exitAddress;
    }
    const gw = holder.get(gateway.toString());
    const i = plan.routers.findIndex((x) => x.name === gw?.name);
    const r = plan.routers[i];
    // An external router's way out is its own; an os: frr router renders only frr.conf, so an
    // uplink declared on it is taken as the operator's NAT (docs/way-out.md).
    if (!r || r.os === "external" || (r.os === "frr" && r.uplink)) continue;
    const e = egress.find((x) => x.router === r.name);
    const ok =
      e !== undefined &&
      (!isPrivate(address)
        ? n.family === 4 || r.uplink?.ipv6 !== undefined
        : e.nat.some((x) => x.family === n.family && x.src.contains(address)));
    if (ok) continue;
    const key = `${r.name}/${n.family}`;
    const entry = blocked.get(key) ?? { r, i, f: n.family, needs: [] };
    entry.needs.push(n);
    blocked.set(key, entry);
  }
  return [
    ...[...cut.values()].map(({ p, needs: ns }) => cutProblem(plan, t, p, ns)),
    ...[...blocked.values()].map(({ r, i, f, needs: ns }) => routerProblem(r, i, f, ns)),
  ];
}

/** Whether `a` is in a VNet subnet the exit nodes SNAT (Proxmox subnet `snat`). */
const snatted = (plan: Plan, a: Address): boolean =>
  plan.tenants.some((x) => x.vnet?.subnets.some((s) => s.snat && s.prefix.contains(a)));

/** The hosts' gateways as hostNetwork.gateway writes them: `ipv4: 192.168.50.1`. */
function hostGateways(plan: Plan): string {
  const g = plan.hosts[0]?.network.devices.find((x) => x.carries === "management")?.gateway;
  return ([4, 6] as const)
    .flatMap((f) => (g?.[familyKey(f)] ? [`${familyKey(f)}: ${g[familyKey(f)]}`] : []))
    .join(", ");
}

const and = (xs: readonly string[]) =>
  xs.length > 1 ? `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}` : (xs[0] ?? "");

/**
 * Machines behind an EVPN anycast gateway whose needs of one family end at the zone's exit
 * nodes, which have no default gateway of that family: the key is hostNetwork.gateway; a
 * resolver need alone may also be met by a resolver of the other family, where that one has a
 * way out.
 */
function cutProblem(plan: Plan, t: Topology, p: PastAnycast, ns: readonly Need[]): Problem {
  const f = p.family;
  const o: Family = f === 4 ? 6 : 4;
  const machines = [...new Set(ns.map((n) => n.device.name))];
  const other =
    ns.every((n) => n.kind === "resolver") &&
    ns.every((n) => routedFamilies(n.device).includes(o) && !cutAtExits(plan, t, n.device, o));
  const path = configuredResolvers(plan, ns[0].device).path;
  return {
    path: "hostNetwork.gateway",
    input: hostGateways(plan),
    message: `${listed(machines)} ${machines.length === 1 ? "needs" : "need"} the internet over IPv${f} (${needText(ns)}) through the EVPN anycast gateway ${p.anycast}, and the zone's exit node${p.exits.length > 1 ? "s" : ""} ${and(p.exits)} ${p.exits.length > 1 ? "have" : "has"} no IPv${f} way out: the hosts have no IPv${f} default gateway`,
    fix: `set hostNetwork.gateway.${familyKey(f)} to the management network's IPv${f} router (the exit nodes route the zone out by it)${other ? `, or add an IPv${o} resolver to ${path} (e.g. ${o === 4 ? "1.1.1.1" : "2606:4700:4700::1111"})` : ""}`,
  };
}

/** Machines whose needs of family `f` the router they leave by cannot carry out. */
function routerProblem(r: RouterPlan, i: number, f: Family, ns: readonly Need[]): Problem {
  const machines = [...new Set(ns.map((n) => n.device.name))];
  const what = needText(ns);
  const path = `routers[${i}].uplink`;
  const has = r.uplink;
  // The uplink already translates this family (IPv4 is always masqueraded; IPv6 by masquerade
  // or netmap), yet not their network: it sits on the uplink interface itself, or is routed
  // behind the router. Asking for the translation again would loop (new-user trial M3).
  const translates =
    has !== undefined &&
    (f === 4 || has.ipv6?.mode === "masquerade" || has.ipv6?.mode === "netmap");
  // A netmap maps the /64 of each tenant on the router's vlans[] and nothing else (new-user
  // trial 3, finding 8: a management network's IPv6 was told to move the uplink).
  const netmap = f === 6 && has?.ipv6?.mode === "netmap";
  const why = !has
    ? "which has no uplink"
    : netmap && r.os !== "frr"
      ? `whose uplink's netmap (${path}.ipv6) maps only the IPv6 /64 of each tenant on its vlans[] onto ${has.ipv6?.prefix ?? "its prefix"}, and their network is no such tenant's`
      : r.os === "frr"
        ? "an os: frr router, which renders no NAT"
        : translates
          ? `whose uplink (${has.interfaces.join(", ")}) translates only the networks on the router's other interfaces, and theirs is not one`
          : f === 6 && !has.ipv6
            ? "whose uplink has no IPv6 way out"
            : "whose uplink translates none of their unique local addresses";
  const fix =
    r.os === "frr"
      ? `set routers[${i}].os: linux (FRR and an nftables ruleset with the NAT) and ${path}`
      : netmap
        ? `set ${path}.ipv6: { mode: masquerade } (NAT66 translates every private IPv6 network of the router), or put their network on a tenant VLAN of router ${r.name}`
        : !has
          ? f === 4
            ? `set ${path}: { interfaces: [<WAN interface>] } (private IPv4 is then masqueraded)`
            : `set ${path}: { interfaces: [<WAN interface>], ipv6: { mode: masquerade } } (NAT66), or mode: netmap with a global prefix`
          : translates
            ? `set ${path}.interfaces to the interface towards the internet (your ISP's box or modem), not one holding their network, and give their network an address of router ${r.name} on another interface`
            : `set ${path}.ipv6: { mode: masquerade } (NAT66), or { mode: netmap, prefix: <your global /48> }`;
  const atInterfaces = translates && !netmap;
  return {
    path: atInterfaces ? `${path}.interfaces` : f === 6 && has ? `${path}.ipv6` : path,
    input: atInterfaces ? has.interfaces.join(", ") : has?.ipv6 ? `mode: ${has.ipv6.mode}` : "",
    message: `${listed(machines)} ${machines.length === 1 ? "needs" : "need"} the internet over IPv${f} (${what}) through router ${r.name}, ${why}`,
    fix,
  };
}

/**
 * The resolvers left out of a machine's configuration by reachableResolvers, one warning per
 * key, family and anycast gateway: the machines keep a resolver of the other family, so the
 * site is accepted, but nothing they send in this family leaves the site (field case 34: a
 * dual-stack EVPN tenant, IPv4-only hosts' gateway and router).
 */
export function egressWarnings(plan: Plan, t: Pick<Topology, "devices">): Problem[] {
  const groups = new Map<
    string,
    { path: string; p: PastAnycast; left: Address[]; who: string[] }
  >();
  for (const d of t.devices) {
    const { path, list } = configuredResolvers(plan, d);
    const given = reachableResolvers(plan, t, d, list);
    for (const a of list.filter((x) => !given.includes(x))) {
      const p = pastAnycast(plan, t, d, a.family);
      if (!p) continue;
      const k = `${path}|${p.anycast}`;
      const g = groups.get(k) ?? { path, p, left: [], who: [] };
      if (!g.left.some((x) => x.equals(a))) g.left.push(a);
      if (!g.who.includes(d.name)) g.who.push(d.name);
      groups.set(k, g);
    }
  }
  return [...groups.values()].map(({ path, p, left, who }) => {
    const f = familyKey(p.family);
    const tenant = plan.tenants.find((x) => x.vms[f]?.contains(p.anycast));
    const of = tenant ? `tenant ${tenant.id} (${tenant.name})` : "their network";
    return {
      path,
      input: left.map(String).join(", "),
      message: `${left.length > 1 ? "are" : "is"} not given to ${listed(who)}: their IPv${p.family} leaves by the EVPN anycast gateway ${p.anycast}, and the zone's exit node${p.exits.length > 1 ? "s" : ""} ${and(p.exits)} ${p.exits.length > 1 ? "have" : "has"} no IPv${p.family} way out (the hosts have no IPv${p.family} default gateway), so ${of} reaches no IPv${p.family} address outside the site`,
      fix: `set hostNetwork.gateway.${f} to the management network's IPv${p.family} router (with a way out of that family, e.g. routers[].uplink${p.family === 6 ? ".ipv6" : ""}), or drop global.tenantSpace.${f} if ${of} needs no IPv${p.family}`,
    };
  });
}
