// plan(site): derive every value of a site by offset and index from its parents, apply the
// overrides given in config, and record the facts the validator checks. Pure: no I/O, no Pulumi.
import { siteResolverProblems } from "./resolvers";
import { nameFix, near } from "../site/schema";
import { Builder, FAMILIES, GROUPS, key, Ref } from "./builder";
import { planExisting } from "./existing";
import { gatewayAgreement } from "./gateway-agreement";
import { checkNetwork, planNetwork } from "./host-network";
import { checkVnetMtu } from "./link-mtu";
import { checkSetName } from "./nic-names";
import { planRouters } from "./routers";
import { planSegments } from "./segments";
import { checkCiliumVersion, checkTalosVersions } from "./talos-versions";
import { checkRegistryMirrors } from "./talos-mirrors";
import { notOnSubnets, parseNameservers, planCloudVms, planRoutes } from "./vms";
import { purposePrefix, tenantBlock } from "./tenant-blocks";
import { warnings } from "./warnings";
import { Address, AddressRange, Family, Prefix } from "./ip";
import {
  ClusterPlan,
  HostPlan,
  NodePlan,
  Plan,
  SdnPlan,
  ServiceIpPlan,
  TenantPlan,
  VmPlan,
  VnetPlan,
} from "./plan-types";
import { Problem } from "./problems";
import {
  DualAddress,
  DualPrefix,
  KubernetesSpec,
  Purpose,
  Site,
  Space,
  tenantBlockLength,
  TenantSpec,
  VXLAN_OVERHEAD,
  ciliumAnswersNdp,
} from "./site";

function carriedLengths(g: Site["global"]) {
  const lengths = (p: DualPrefix | undefined) => ({ 4: p?.ipv4?.length, 6: p?.ipv6?.length });
  return {
    management: lengths(g.management),
    cephPublic: lengths(g.cephPublic),
    cephCluster: lengths(g.cephCluster),
  };
}

function defaultEndpoint(hosts: readonly HostPlan[]): string | undefined {
  const first = hosts[0]?.management;
  if (first?.ipv4) return `https://${first.ipv4}:8006/`;
  if (first?.ipv6) return `https://[${first.ipv6}]:8006/`;
  return undefined;
}

/**
 * The addresses that move between VMs' MACs on the tenants' VNets: a Talos VIP in the VM subnet
 * (moved by gratuitous ARP) and an L2-announced LoadBalancer pool (Cilium answers for each address
 * from its lease holder), as `<what> on <vnet>`.
 */
function floatingIps(tenants: readonly TenantPlan[]): string[] {
  return tenants.flatMap((t) => {
    const k = t.kubernetes;
    if (!k || t.vnet?.carries !== "vms") return [];
    const vips = FAMILIES.map((f) => k.vip[key(f)])
      .filter((a): a is Address => !!a && !!t.vms[key(a.family)]?.contains(a))
      .map((a) => `the Talos VIP ${a} of ${k.name} on ${t.vnet?.id}`);
    const l2 =
      k.announcement === "l2"
        ? [`the L2-announced LoadBalancer addresses of ${k.name} on ${t.vnet.id}`]
        : [];
    return [...vips, ...l2];
  });
}

function planSdn(
  b: Builder,
  hosts: readonly HostPlan[],
  mtu: number,
  tenants: readonly TenantPlan[],
): SdnPlan {
  const site = b.site;
  // Proxmox SDN docs (pvesdn.adoc, EVPN zone): "Disable Arp-Nd Suppression: ... This is required
  // if you use floating IPs in your guest VMs".
  const floating = floatingIps(tenants);
  if (site.sdn.arpNdSuppression === true && floating.length > 0) {
    b.problem(
      "sdn.arpNdSuppression",
      "true",
      `keeps ARP/ND suppression on in zone ${site.sdn.zone}, whose VNets carry floating IPs (${floating.join("; ")}): the hosts would keep answering with the MAC an address has left`,
      "drop the key (it defaults to false here) or set it to false",
    );
  }
  const names = hosts.map((h) => h.name);
  site.sdn.exitNodes.forEach((n, i) => {
    if (!names.includes(n) && !b.isRefusedHost(n, hosts)) {
      b.problem(`sdn.exitNodes[${i}]`, n, "is not a host of the site", nameFix(n, names, "hosts"));
    }
  });
  exitNodeProblems(b, names);
  const withFabric = hosts.some((h) => h.network.underlay.length > 0);
  const vnets = site.tenants.filter((t) => t.vlan === undefined || t.mesh).length;
  if (vnets > 0 && !site.global.hostLoopbacks) {
    b.problem(
      "global.hostLoopbacks",
      "",
      "is needed: tenants have VNets, and the EVPN zone peers over the hosts' loopbacks",
    );
  }
  const loopbacks = site.global.hostLoopbacks;
  return {
    zone: site.sdn.zone,
    controller: site.sdn.controller,
    vrfVni: site.fabric.vxlan.vrfVni,
    mtu,
    asn: site.fabric.asn.hosts,
    peers: hosts.map((h) => h.loopback.ipv4 ?? h.loopback.ipv6).filter((a): a is Address => !!a),
    exitNodes: site.sdn.exitNodes,
    ...(site.sdn.primaryExitNode ? { primaryExitNode: site.sdn.primaryExitNode } : {}),
    exitNodesLocalRouting: site.sdn.exitNodesLocalRouting,
    advertiseSubnets: site.sdn.advertiseSubnets,
    arpNdSuppression: site.sdn.arpNdSuppression ?? floating.length === 0,
    nodes: names,
    fabric: withFabric
      ? { id: site.sdn.fabric, ipv4: loopbacks?.ipv4, ipv6: loopbacks?.ipv6 }
      : undefined,
  };
}

/**
 * The exit node keys against each other (Proxmox pvesdn.adoc, EVPN zone: "Primary Exit Node ...
 * This is required if you want to use SNAT or if your upstream router doesn't support ECMP";
 * SNAT and local routing happen on the exit nodes).
 */
function exitNodeProblems(b: Builder, hosts: readonly string[]): void {
  const { sdn, tenants } = b.site;
  const exits = sdn.exitNodes;
  if (sdn.primaryExitNode !== undefined && !exits.includes(sdn.primaryExitNode)) {
    b.problem(
      "sdn.primaryExitNode",
      sdn.primaryExitNode,
      exits.length > 0
        ? `is not one of sdn.exitNodes (${exits.join(", ")})`
        : "names a primary exit node, but sdn.exitNodes is empty",
      exits.length > 0
        ? (near(sdn.primaryExitNode, exits) ?? `use one of ${exits.join(", ")}`)
        : `add it to sdn.exitNodes (hosts are ${hosts.join(", ")})`,
    );
  }
  if (sdn.exitNodesLocalRouting && exits.length === 0) {
    b.problem(
      "sdn.exitNodesLocalRouting",
      "true",
      "applies to exit nodes, but sdn.exitNodes is empty",
      `set sdn.exitNodes (hosts are ${hosts.join(", ")}) or drop the key`,
    );
  }
  tenants.forEach((t, i) => {
    if (!t.snat || t.vlan !== undefined) return;
    if (exits.length === 0) {
      b.problem(
        `tenants[${i}].snat`,
        "true",
        `SNATs tenant ${t.name} on the EVPN exit nodes, but sdn.exitNodes is empty`,
        `set sdn.exitNodes (hosts are ${hosts.join(", ")})`,
      );
    } else if (exits.length > 1 && sdn.primaryExitNode === undefined) {
      b.problem(
        `tenants[${i}].snat`,
        "true",
        `SNATs tenant ${t.name} on ${exits.length} exit nodes (${exits.join(", ")}); Proxmox needs a primary exit node for SNAT, or replies come back to a node that holds no NAT state`,
        `set sdn.primaryExitNode to one of ${exits.join(", ")}`,
      );
    }
  });
}

/**
 * The tenant's VNet. Without an egress VLAN it carries the VM subnet with its anycast gateways
 * (seed 000); with one, the VM subnet lives on the VLAN behind the router and the VNet carries the
 * internal mesh (seed 001's vnet101 = fc00:101::/64).
 */
function planVnet(
  b: Builder,
  t: TenantSpec,
  path: string,
  vni: number,
  vms: { subnet: DualPrefix; gateway: DualAddress },
  mesh: { subnet: DualPrefix; gateway: DualAddress } | undefined,
  onLink: readonly { prefix: Prefix; gateway?: Address }[],
): VnetPlan | undefined {
  const id = `vnet${t.id}`;
  if (id.length > 8) {
    b.problem(
      `${path}.id`,
      String(t.id),
      `gives the VNet ID ${id}, longer than the 8 characters Proxmox allows (pve-network VnetPlugin.pm, pve-sdn-vnet-id)`,
      `use a tenant ID from 1 to 9999 (vnet9999 is 8 characters), or put the tenant on a VLAN behind a router (${path}.vlan), which needs no VNet`,
    );
    return undefined;
  }
  if (mesh && t.vlan === undefined) {
    b.problem(
      `${path}.mesh`,
      "true",
      "a tenant with a mesh reaches the outside through an egress VLAN",
      `set ${path}.vlan`,
    );
    return undefined;
  }
  if (t.snat && t.vlan !== undefined) {
    b.problem(
      `${path}.snat`,
      "true",
      `is Proxmox SNAT of a VNet's VM subnet on the exit nodes, but tenant ${t.name}'s VM subnet lives on VLAN ${t.vlan} behind the router`,
      `drop ${path}.snat (NAT the VLAN on the router instead)`,
    );
  }
  const carried = t.vlan !== undefined ? mesh : vms;
  if (!carried) return undefined;
  const snat = t.snat && t.vlan === undefined ? { snat: true } : {};
  const subnets = FAMILIES.flatMap((f) => {
    const prefix = carried.subnet[key(f)];
    return prefix ? [{ prefix, gateway: carried.gateway[key(f)], ...snat }] : [];
  });
  // A VNet without a subnet cannot be created (Proxmox SDN); a mesh takes its /64 from the
  // internal space, which a site without one must give (or name the mesh subnet itself).
  const failed = ["id", "meshSubnet.ipv4", "meshSubnet.ipv6"].some((k) =>
    b.hasProblemAt(`${path}.${k}`),
  );
  if (subnets.length === 0 && t.vlan !== undefined && !failed) {
    b.problem(
      `${path}.mesh`,
      "true",
      "the mesh has no subnet: it is derived from global.internalSpace, which the site does not set",
      `set global.internalSpace.ipv6 (e.g. fc00::/8), or give ${path}.meshSubnet.ipv6`,
    );
    return undefined;
  }
  // An L2-announced pool beside the VM subnet rides the same VNet (seed 000 with announcement l2).
  const extra = t.vlan === undefined ? onLink : [];
  return {
    id,
    vni,
    carries: t.vlan !== undefined ? "mesh" : "vms",
    subnets: [...subnets, ...extra],
  };
}

/** LoadBalancer prefixes carried on-link beside the node subnet, with their gateways. */
export function onLinkLb(k: ClusterPlan | undefined): { prefix: Prefix; gateway?: Address }[] {
  if (!k) return [];
  return FAMILIES.flatMap((f) => {
    const gateway = k.lbGateway[key(f)];
    const prefix = k.loadBalancers[key(f)];
    return gateway && prefix ? [{ prefix, gateway }] : [];
  });
}

export interface PlanResult {
  readonly plan: Plan;
  /** Problems found while deriving (values that cannot be computed); the validator adds the rest. */
  readonly problems: readonly Problem[];
}

export function plan(site: Site): PlanResult {
  const b = new Builder(site);
  const g = site.global;

  // Global allocation: the spaces hold tenant blocks; everything else is a site allocation.
  const spaces: Record<Space, Partial<Record<Family, Ref>>> = {
    tenant: {},
    internal: {},
    loopback: {},
  };
  const spaceKeys: [Space, keyof Site["global"]][] = [
    ["tenant", "tenantSpace"],
    ["internal", "internalSpace"],
    ["loopback", "loopbackSpace"],
  ];
  for (const [space, name] of spaceKeys) {
    for (const f of FAMILIES) {
      const p = g[name]?.[key(f)];
      if (p)
        spaces[space][f] = b.prefix(`global.${name}.${key(f)}`, p, `${name}`, undefined, [
          GROUPS.spaces,
        ]);
    }
  }
  const globalRef = (name: keyof Site["global"], f: Family): Ref | undefined => {
    const p = g[name]?.[key(f)];
    if (!p) return undefined;
    // Only among allocations: a purpose lies inside its tenant block, which is an allocation.
    return b.prefix(`global.${name}.${key(f)}`, p, name, undefined, [GROUPS.allocations]);
  };
  const allocations = [
    "management",
    "underlay",
    "hostLoopbacks",
    "cephPublic",
    "cephCluster",
  ] as const;
  const globals: Record<(typeof allocations)[number], Partial<Record<Family, Ref>>> = {
    management: {},
    underlay: {},
    hostLoopbacks: {},
    cephPublic: {},
    cephCluster: {},
  };
  for (const name of allocations) for (const f of FAMILIES) globals[name][f] = globalRef(name, f);

  // An entity whose ID repeats an earlier one is reported once (as a duplicate ID) and not derived,
  // so one slip does not cascade into a page of collisions.
  const seenIds = new Set<number>();
  const seenNames = new Set<string>();
  const firstHosts = site.hosts.flatMap((h, i) => {
    b.id(`hosts[${i}].name`, "host name", h.name);
    b.id(`hosts[${i}].id`, "host id", h.id);
    const first = !seenIds.has(h.id) && !seenNames.has(h.name);
    seenIds.add(h.id);
    seenNames.add(h.name);
    return first ? [{ h, path: `hosts[${i}]` }] : [];
  });
  b.id("fabric.asn.router", "asn", site.fabric.asn.router);
  b.id("fabric.asn.hosts", "asn", site.fabric.asn.hosts);
  // Config path of each planned host, by name: host identities per tenant refer back to it.
  const hostPaths = new Map(firstHosts.map(({ h, path }) => [h.name, path]));
  const hosts: HostPlan[] = firstHosts.map(({ h, path }) => {
    const dual = (what: "management" | "loopback" | "cephPublic" | "cephCluster"): DualAddress => {
      const source = what === "loopback" ? "hostLoopbacks" : what;
      const out: { ipv4?: Address; ipv6?: Address } = {};
      for (const f of FAMILIES) {
        out[key(f)] = b.member(
          `${path}.${what}.${key(f)}`,
          `${h.name} ${what}`,
          f,
          globals[source][f],
          h.id,
          h[what]?.[key(f)],
          String(h.id),
        );
      }
      return out;
    };
    const addresses = {
      management: dual("management"),
      cephPublic: dual("cephPublic"),
      cephCluster: dual("cephCluster"),
    };
    const own = h.network !== undefined;
    const spec = h.network ?? site.hostNetwork;
    if (own) checkNetwork(b, spec, `${path}.network`, site);
    return {
      name: h.name,
      id: h.id,
      ...addresses,
      loopback: dual("loopback"),
      network: planNetwork(
        spec,
        own ? `${path}.network` : "hostNetwork",
        addresses,
        carriedLengths(g),
      ),
    };
  });
  if (site.hosts.some((h) => h.network === undefined))
    checkNetwork(b, site.hostNetwork, "hostNetwork", site);
  const gateways = [
    ...(site.hosts.some((h) => h.network === undefined)
      ? [["hostNetwork", site.hostNetwork] as const]
      : []),
    ...site.hosts.flatMap((h, i) =>
      h.network ? [[`hosts[${i}].network`, h.network] as const] : [],
    ),
  ];
  // Hosts wired differently still share the one management gateway: record each address once.
  const seenGateways = new Set<string>();
  for (const [path, spec] of gateways) {
    for (const f of FAMILIES) {
      const gw = spec.gateway?.[key(f)];
      if (!gw || seenGateways.has(gw.toString())) continue;
      seenGateways.add(gw.toString());
      b.address(`${path}.gateway.${key(f)}`, gw, "management gateway", globals.management[f]);
    }
  }

  site.sharedSegments.forEach((g, i) => {
    b.id(`sharedSegments[${i}].name`, "segment name", g.name);
    const ref = {
      path: `sharedSegments[${i}].prefix`,
      prefix: g.prefix,
      name: `shared segment ${g.name}`,
    };
    g.reserved.forEach((r, j) =>
      b.address(`sharedSegments[${i}].reserved[${j}].address`, r.address, r.label, ref),
    );
  });
  site.tenants.forEach((t, i) => b.id(`tenants[${i}].id`, "tenant id", t.id));
  const tenants = site.tenants
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => site.tenants.findIndex((o) => o.id === t.id) === i)
    .map(({ t, i }) => planTenant(b, t, `tenants[${i}]`, spaces, hosts, hostPaths));
  site.tenants.forEach((t, i) => {
    if (t.vlan !== undefined) b.id(`tenants[${i}].vlan`, "tenant VLAN", t.vlan);
  });

  const fabric = site.fabric;
  b.id("fabric.vxlan.vrfVni", "vni", fabric.vxlan.vrfVni);
  const overhead = VXLAN_OVERHEAD[fabric.mtu.underlayFamily];
  const vnet = fabric.mtu.vnet ?? fabric.mtu.physical - overhead;
  checkVnetMtu(b, tenants, vnet, overhead);

  checkTalosVersions(b, site.talos);
  checkCiliumVersion(b, site.talos.ciliumVersion);
  checkRegistryMirrors(b, site.talos.registryMirrors);
  const nameservers = parseNameservers(b, site.talos.nameservers, "talos.nameservers");
  const routers = planRouters(b, tenants);
  gatewayAgreement(b);
  const segmentPlans = planSegments(b);
  const vms = planCloudVms(b, tenants, segmentPlans.segments, hosts, vnet, nameservers);
  siteResolverProblems(b, site.talos.nameservers, nameservers, tenants);

  const sdn = planSdn(b, hosts, vnet, tenants);
  const derived: Omit<Plan, "warnings"> = {
    site: site.name,
    description: site.description,
    global: g,
    fabric: {
      asn: fabric.asn,
      vrfVni: fabric.vxlan.vrfVni,
      mtu: { ...fabric.mtu, vnet },
    },
    hosts,
    tenants,
    sdn,
    existing: planExisting(b, hosts, tenants, sdn),
    talos: site.talos,
    routers,
    ...segmentPlans,
    vms,
    vmSshKeys: site.vmSshKeys,
    notes: site.notes,
    policy: site.policy,
    expect: site.expect,
    dns: site.dns.flatMap((d, i) => {
      const parsed = Address.parse(d.address);
      if (parsed.ok) return [{ name: d.name, address: parsed.value }];
      b.problem(`dns[${i}].address`, d.address, parsed.error, parsed.fix);
      return [];
    }),
    nameservers,
    sharedSegments: site.sharedSegments,
    proxmox: { ...site.proxmox, endpoint: site.proxmox.endpoint ?? defaultEndpoint(hosts) },
    facts: { prefixes: b.prefixes, addresses: b.addresses, ranges: b.ranges, ids: b.ids },
  };
  return { plan: { ...derived, warnings: warnings(derived) }, problems: b.problems };
}

function planTenant(
  b: Builder,
  t: TenantSpec,
  path: string,
  spaces: Record<Space, Partial<Record<Family, Ref>>>,
  hosts: readonly HostPlan[],
  hostPaths: ReadonlyMap<string, string>,
): TenantPlan {
  const site = b.site;
  const layout = site.layout;
  b.id(`${path}.name`, "tenant name", t.name);

  const blocks: Record<Space, Partial<Record<Family, Ref>>> = {
    tenant: {},
    internal: {},
    loopback: {},
  };
  const tried = new Set<string>();
  const blockOf = (space: Space, f: Family): Ref | undefined => {
    // Tried once per space and family: a block that failed is one problem, not one per purpose.
    if (tried.has(`${space}${f}`)) return blocks[space][f];
    tried.add(`${space}${f}`);
    const s = spaces[space][f];
    if (!s) return undefined;
    const set =
      f === 4
        ? layout.tenantBlock.ipv4
        : space === "loopback"
          ? layout.tenantBlock.loopbackIpv6
          : layout.tenantBlock.ipv6;
    const length =
      f === 4
        ? layout.tenantBlock.ipv4
        : tenantBlockLength(set, s.prefix.length, space === "loopback");
    const ref = tenantBlock(b, t, path, s, length, set !== undefined);
    if (ref) blocks[space][f] = ref;
    return ref;
  };

  // A purpose: the override if given, else derived from the layout; recorded with its parent.
  const purpose = (
    name: Purpose,
    configPath: string,
    label: string,
    given: DualPrefix | undefined,
    skip: readonly Family[] = [],
  ): Partial<Record<Family, Ref>> => {
    const l = layout[name];
    const out: Partial<Record<Family, Ref>> = {};
    for (const f of FAMILIES) {
      if (skip.includes(f)) continue;
      const p = `${configPath}.${key(f)}`;
      const space: Space = f === 4 ? "tenant" : l.space;
      const parent = blockOf(space, f);
      const override = given?.[key(f)];
      const wanted = f === 4 ? l.ipv4 : l.ipv6;
      if (override) {
        out[f] = b.prefix(p, override, label, parent, [GROUPS.purposes]);
        continue;
      }
      if (wanted === 0 || !parent) continue;
      const derived = purposePrefix(b, name, l, f, parent);
      if (derived) out[f] = b.prefix(p, derived, label, parent, [GROUPS.purposes]);
    }
    return out;
  };
  const prefixes = (refs: Partial<Record<Family, Ref>>): DualPrefix => ({
    ipv4: refs[4]?.prefix,
    ipv6: refs[6]?.prefix,
  });

  const vms = purpose("vms", `${path}.vms`, `tenant ${t.id} VMs`, t.vms);
  // Nothing derived and nothing given would silently drop the tenant's network.
  // ...unless the tenant's block already failed (its ID): that is the one problem to fix.
  if (!vms[4] && !vms[6] && !b.hasProblemAt(`${path}.id`)) {
    b.problem(
      `${path}.vms`,
      "",
      "the tenant has no VM subnet",
      "set global.tenantSpace to derive one, or give tenants[].vms",
    );
  }
  const gateway: DualAddress = {
    ipv4: gatewayIn(b, `${path}.gateway.ipv4`, t, 4, vms[4], t.gateway?.ipv4),
    ipv6: gatewayIn(b, `${path}.gateway.ipv6`, t, 6, vms[6], t.gateway?.ipv6),
  };
  const hostIdentities = purpose(
    "hostIdentities",
    `${path}.hostIdentities`,
    `tenant ${t.id} host identities`,
    t.hostIdentities,
  );
  const hostAddresses = hosts.map((h) => {
    const hp = `${hostPaths.get(h.name)}.id`;
    const label = `${h.name}'s identity in tenant ${t.id}`;
    return {
      host: h.name,
      address: {
        ipv4: b.member(hp, label, 4, hostIdentities[4], h.id, undefined, String(h.id)),
        ipv6: b.member(hp, label, 6, hostIdentities[6], h.id, undefined, String(h.id)),
      },
    };
  });
  const vmLoopbacks = purpose(
    "vmLoopbacks",
    `${path}.vmLoopbacks`,
    `tenant ${t.id} VM loopbacks`,
    t.vmLoopbacks,
  );

  let mesh: TenantPlan["mesh"];
  let meshRefs: Partial<Record<Family, Ref>> = {};
  if (t.mesh || t.meshSubnet) {
    meshRefs = purpose("mesh", `${path}.meshSubnet`, `tenant ${t.id} mesh`, t.meshSubnet);
    mesh = {
      subnet: prefixes(meshRefs),
      gateway: {
        ipv4: gatewayIn(b, `${path}.meshSubnet.ipv4`, t, 4, meshRefs[4], undefined),
        ipv6: gatewayIn(b, `${path}.meshSubnet.ipv6`, t, 6, meshRefs[6], undefined),
      },
    };
  }

  const vni = t.vni ?? site.fabric.vxlan.vniBase + t.id;
  if (t.vni !== undefined) b.id(`${path}.vni`, "vni", vni);
  else
    b.id(`${path}.id`, "vni", vni, {
      input: String(t.id),
      derivation: `fabric.vxlan.vniBase ${site.fabric.vxlan.vniBase} + ${t.id}`,
    });
  const asn = t.asn ?? site.fabric.asn.tenantBase + t.id;
  if (t.asn !== undefined) b.id(`${path}.asn`, "asn", asn);
  else
    b.id(`${path}.id`, "asn", asn, {
      input: String(t.id),
      derivation: `fabric.asn.tenantBase ${site.fabric.asn.tenantBase} + ${t.id}`,
    });

  const kubernetes = t.kubernetes
    ? planCluster(b, t.kubernetes, `${path}.kubernetes`, t, asn, purpose, {
        vms,
        vmLoopbacks,
        mesh: meshRefs,
      })
    : undefined;

  return {
    id: t.id,
    name: t.name,
    vni,
    asn,
    blocks: {
      tenant: prefixes(blocks.tenant),
      internal: prefixes(blocks.internal),
      loopback: prefixes(blocks.loopback),
    },
    vms: prefixes(vms),
    gateway,
    hostIdentities: prefixes(hostIdentities),
    hostAddresses,
    vmLoopbacks: prefixes(vmLoopbacks),
    mesh,
    vlan: t.vlan,
    vnet: planVnet(b, t, path, vni, { subnet: prefixes(vms), gateway }, mesh, onLinkLb(kubernetes)),
    kubernetes,
  };
}

function gatewayIn(
  b: Builder,
  path: string,
  t: TenantSpec,
  f: Family,
  subnet: Ref | undefined,
  given?: Address,
  what?: string,
): Address | undefined {
  // With an egress VLAN the VM subnet's gateway is the router's, not the EVPN anycast gateway.
  const label = what ?? `tenant ${t.id} ${t.vlan !== undefined ? "gateway" : "anycast gateway"}`;
  if (given) return b.address(path, given, label, subnet);
  if (!subnet) return undefined;
  const offset = f === 4 ? BigInt(b.site.layout.gateway.ipv4) : b.site.layout.gateway.ipv6;
  if (offset >= subnet.prefix.size) {
    return b.problem(
      `layout.gateway.${key(f)}`,
      String(offset),
      `is outside ${subnet.path} ${subnet.prefix}`,
    );
  }
  return b.address(path, subnet.prefix.host(offset), label, subnet);
}

type PurposeFn = (
  name: Purpose,
  configPath: string,
  label: string,
  given: DualPrefix | undefined,
  skip?: readonly Family[],
) => Partial<Record<Family, Ref>>;

function planCluster(
  b: Builder,
  k: KubernetesSpec,
  path: string,
  t: TenantSpec,
  asn: number,
  purpose: PurposeFn,
  nets: {
    vms: Partial<Record<Family, Ref>>;
    vmLoopbacks: Partial<Record<Family, Ref>>;
    mesh: Partial<Record<Family, Ref>>;
  },
): ClusterPlan {
  const layout = b.site.layout;
  b.id(`${path}.name`, "cluster name", k.name);
  // Linux nodes name their NICs by role (topology/nodes.ts): one name for two roles would drop one.
  if (k.nodeOs === "linux" && t.mesh && k.frr.mesh === k.frr.egress) {
    b.problem(
      `${path}.frr.egress`,
      k.frr.egress,
      `is also the mesh interface (${path}.frr.mesh): one NIC cannot carry both the mesh and the egress`,
      "name two NICs (default mesh mesh0, egress egress0)",
    );
  }
  // Talos bootstraps etcd on a control-plane node and talosctl reaches the API through one.
  if (k.nodeOs === "talos" && !k.nodes.some((n) => n.role === "controlplane")) {
    b.problem(
      `${path}.nodes`,
      k.nodes.map((n) => `${n.name}: ${n.role}`).join(", "),
      "has no control-plane node: Talos bootstraps the cluster on one",
      `give at least one node of ${path}.nodes role: controlplane`,
    );
  }
  if (k.nodeOs === "linux") {
    checkSetName(b, `${path}.frr.mesh`, k.frr.mesh, "mesh0");
    checkSetName(b, `${path}.frr.egress`, k.frr.egress, "egress0");
  }
  // Routable pods (seed 002) share the node subnet: they lie inside it instead of beside it, and
  // the pool rule keeps owned addresses out of them.
  const pods =
    k.routablePods === true
      ? routablePods(b, k, `${path}.pods`, nets.vms)
      : purpose("pods", `${path}.pods`, `${k.name} pods`, k.pods);
  const tenantIdPath = `${path.slice(0, -".kubernetes".length)}.id`;
  if (!pods[4] && !pods[6] && k.routablePods !== true && !b.hasProblemAt(tenantIdPath)) {
    b.problem(
      `${path}.pods`,
      "",
      "the cluster has no pod prefix",
      "set global.tenantSpace to derive one, or give it",
    );
  }
  const services = purpose("services", `${path}.services`, `${k.name} services`, k.services);
  // A cluster announcing on a shared segment (seed 004) takes its IPv4 pool from that segment,
  // which it shares with other clusters: the segment is not the cluster's own prefix.
  const segment =
    k.lbSegment !== undefined ? sharedSegment(b, k.lbSegment, `${path}.lbSegment`) : undefined;
  // L2 announcements answer ARP/ND on the node segment: a given L2 pool inside the node subnet
  // (seed 002's MetalLB range in the workload VLAN) is recorded within it, and the pool rule keeps
  // owned addresses out of it. An L2 prefix beside the node subnet (seed 000's 10.101.27.0/24 with
  // `announcement: l2`) is carried on-link on the same segment, with a gateway of its own.
  const insideVms = FAMILIES.filter((f) => {
    const given = k.loadBalancers?.[key(f)];
    return k.announcement === "l2" && given !== undefined && !!nets.vms[f]?.prefix.contains(given);
  });
  // An L2 pool is derived only in the families Cilium answers for: no IPv6 before 1.19 (NDP),
  // nor without IPv6 pods (Cilium's IPv6, and with it its NDP answers, is enabled with them).
  const noNdp =
    k.announcement === "l2" &&
    !k.loadBalancers?.ipv6 &&
    (!ciliumAnswersNdp(b.site.talos.ciliumVersion) || !pods[6])
      ? [6 as const]
      : [];
  const loadBalancers = {
    ...purpose(
      "loadBalancers",
      `${path}.loadBalancers`,
      `${k.name} LoadBalancers`,
      k.loadBalancers,
      [...(segment ? [4 as const] : []), ...insideVms, ...noNdp],
    ),
    ...inNodeSubnet(
      b,
      k.loadBalancers ?? {},
      insideVms,
      `${path}.loadBalancers`,
      `${k.name} LoadBalancers`,
      nets.vms,
    ),
  };
  const lbGateway: { ipv4?: Address; ipv6?: Address } = {};
  if (k.announcement === "l2") {
    for (const f of FAMILIES) {
      const ref = loadBalancers[f];
      // A shared LoadBalancer segment (seed 004) belongs to another router: no gateway here.
      if (!ref || insideVms.includes(f) || (segment && f === 4)) continue;
      lbGateway[key(f)] = gatewayIn(
        b,
        `${path}.loadBalancers.${key(f)}`,
        t,
        f,
        ref,
        undefined,
        `${k.name} LoadBalancer gateway`,
      );
    }
  }
  if (segment) loadBalancers[4] = segment;

  const lbRanges: AddressRange[] = [];
  (k.lbRanges ?? []).forEach((r, i) => {
    const p = `${path}.lbRanges[${i}]`;
    // An lbSegment that names no shared segment is the problem; its ranges' IPv4 parent is unknown.
    const unknownSegment = k.lbSegment !== undefined && !segment && r.family === 4;
    if (!unknownSegment) b.ranges.push({ path: p, range: r, within: loadBalancers[r.family] });
    lbRanges.push(r);
  });

  const vipNet = layout.vip.in === "vms" ? nets.vms : nets.vmLoopbacks;
  const vip: DualAddress = {
    ipv4: b.member(
      `${path}.vip.ipv4`,
      `${k.name} control-plane VIP`,
      4,
      vipNet[4],
      layout.vip.id,
      k.vip?.ipv4,
    ),
    ipv6: b.member(
      `${path}.vip.ipv6`,
      `${k.name} control-plane VIP`,
      6,
      vipNet[6],
      layout.vip.id,
      k.vip?.ipv6,
    ),
  };

  // Pod CIDR index: explicit podIndex, else rank by node ID (stable under reordering of the list).
  const rank = [...k.nodes].sort((x, y) => x.id - y.id).map((n) => n.id);
  const nodes: NodePlan[] = k.nodes.map((n, j) => {
    const np = `${path}.nodes[${j}]`;
    b.id(`${np}.name`, "hostname", n.name);
    b.id(`${np}.id`, `node id in ${k.name}`, n.id);
    const label = (what: string) => `${n.name} ${what}`;
    const dual = (
      what: "address" | "mesh" | "loopback",
      refs: Partial<Record<Family, Ref>>,
    ): DualAddress => ({
      ipv4: b.member(`${np}.${what}.ipv4`, label(what), 4, refs[4], n.id, n[what]?.ipv4),
      ipv6: b.member(`${np}.${what}.ipv6`, label(what), 6, refs[6], n.id, n[what]?.ipv6),
    });
    const podIndex = n.podIndex ?? rank.indexOf(n.id);
    const nodePods: { ipv4?: Prefix; ipv6?: Prefix } = {};
    for (const f of FAMILIES) {
      const p = `${np}.pods.${key(f)}`;
      const parent = pods[f];
      const given = n.pods?.[key(f)];
      const length = given?.length ?? (f === 4 ? layout.nodePods.ipv4 : layout.nodePods.ipv6);
      const count =
        parent && length >= parent.prefix.length ? 1n << BigInt(length - parent.prefix.length) : 0n;
      if (given) {
        const fix =
          BigInt(podIndex) < count
            ? `did you mean ${parent?.prefix.subnet(length, podIndex)}?`
            : undefined;
        nodePods[key(f)] = b.prefix(p, given, label("pods"), parent, [`${k.name} node pods`], {
          fix,
        }).prefix;
        continue;
      }
      if (!parent) continue;
      if (BigInt(podIndex) >= count) {
        b.problem(
          n.podIndex !== undefined ? `${np}.podIndex` : `${np}.id`,
          String(n.podIndex ?? n.id),
          `needs pod subnet #${podIndex}, but ${parent.path} ${parent.prefix} has only ${count} /${length} subnets`,
          podsFix(parent.path, parent.prefix.length, length, podIndex, key(f), f === 4 ? 32 : 128),
        );
        continue;
      }
      nodePods[key(f)] = b.prefix(
        p,
        parent.prefix.subnet(length, podIndex),
        label("pods"),
        parent,
        [`${k.name} node pods`],
      ).prefix;
    }
    return {
      name: n.name,
      id: n.id,
      role: n.role,
      address: dual("address", nets.vms),
      mesh: dual("mesh", nets.mesh),
      loopback: dual("loopback", nets.vmLoopbacks),
      pods: nodePods,
    };
  });

  const dp = (refs: Partial<Record<Family, Ref>>): DualPrefix => ({
    ipv4: refs[4]?.prefix,
    ipv6: refs[6]?.prefix,
  });
  return {
    name: k.name,
    asn,
    pods: dp(pods),
    services: dp(services),
    loadBalancers: dp(loadBalancers),
    lbGateway,
    lbRanges,
    lbSegment: segment ? k.lbSegment : undefined,
    vip,
    nodes,
    announcement: k.announcement,
    nodeOs: k.nodeOs,
    routablePods: k.routablePods === true,
    frr: k.frr,
    linux: {
      image: k.image,
      packages: k.packages,
      routes: nodeRoutes(b, k, path, nets),
    },
    vms: planVms(b, k, path, t),
    serviceIps: planServiceIps(b, k, path),
    bgpPeers: k.bgpPeers?.flatMap((peer, i) => {
      const parsed = Address.parse(peer.address);
      if (parsed.ok) return [{ name: peer.name, address: parsed.value, asn: peer.asn }];
      b.problem(`${path}.bgpPeers[${i}].address`, peer.address, parsed.error, parsed.fix);
      return [];
    }),
  };
}

/**
 * The routes configured for every node of a Linux cluster: each gateway must lie in the mesh or
 * the VM subnet, the networks of the nodes' two NICs. Talos nodes take theirs from the plan only.
 */
function nodeRoutes(
  b: Builder,
  k: KubernetesSpec,
  path: string,
  nets: { vms: Partial<Record<Family, Ref>>; mesh: Partial<Record<Family, Ref>> },
) {
  if (k.routes.length === 0) return [];
  if (k.nodeOs !== "linux") {
    b.problem(
      `${path}.routes`,
      `${k.routes.length} route${k.routes.length === 1 ? "" : "s"}`,
      "apply to nodes on plain Linux only (nodeOs: linux); Talos nodes route as the plan derives",
    );
    return [];
  }
  return planRoutes(b, k.routes, `${path}.routes`, (via) => {
    const subnets = [
      { name: `mesh (${k.frr.mesh})`, prefix: nets.mesh[via.family]?.prefix },
      { name: `VM subnet (${k.frr.egress})`, prefix: nets.vms[via.family]?.prefix },
    ];
    return subnets.some((s) => s.prefix?.contains(via))
      ? {}
      : notOnSubnets(`the nodes of ${k.name}`, via, subnets);
  });
}

function inNodeSubnet(
  b: Builder,
  given: DualPrefix,
  families: readonly Family[],
  path: string,
  label: string,
  vms: Partial<Record<Family, Ref>>,
): Partial<Record<Family, Ref>> {
  const out: Partial<Record<Family, Ref>> = {};
  for (const f of families) {
    const p = given[key(f)];
    if (p) out[f] = b.prefix(`${path}.${key(f)}`, p, label, vms[f], []);
  }
  return out;
}

function routablePods(
  b: Builder,
  k: KubernetesSpec,
  path: string,
  vms: Partial<Record<Family, Ref>>,
): Partial<Record<Family, Ref>> {
  const out: Partial<Record<Family, Ref>> = {};
  for (const f of FAMILIES) {
    const given = k.pods?.[key(f)];
    if (!given) continue;
    out[f] = b.prefix(`${path}.${key(f)}`, given, `${k.name} pods`, vms[f], []);
  }
  if (!out[4] && !out[6]) {
    b.problem(path, "", "must be given when routablePods is true (pods share the node subnet)");
  }
  return out;
}

function sharedSegment(b: Builder, name: string, path: string): Ref | undefined {
  const i = b.site.sharedSegments.findIndex((g) => g.name === name);
  if (i < 0) {
    const known = b.site.sharedSegments.map((g) => g.name);
    const fix = known.length
      ? nameFix(name, known, "segments")
      : "define it in homelab:sharedSegments";
    return b.problem(path, name, "is not a segment of homelab:sharedSegments", fix);
  }
  const g = b.site.sharedSegments[i];
  return {
    path: `sharedSegments[${i}].prefix`,
    prefix: g.prefix,
    name: `shared segment ${g.name}`,
  };
}

/** One VM per node: its Proxmox host, VM ID and size. */
function planVms(b: Builder, k: KubernetesSpec, path: string, t: TenantSpec): VmPlan[] {
  const hosts = b.site.hosts.map((h) => h.name);
  const rank = [...k.nodes].sort((x, y) => x.id - y.id).map((n) => n.id);
  const base = k.vmIdBase ?? t.id * 100;
  const derivation = (id: number) =>
    k.vmIdBase !== undefined ? `${path}.vmIdBase ${base} + ${id}` : `tenant ${t.id} x 100 + ${id}`;
  return k.nodes.map((n, j) => {
    const np = `${path}.nodes[${j}]`;
    // Default placement spreads nodes over the hosts by rank of node ID.
    const host = n.host ?? hosts[rank.indexOf(n.id) % hosts.length];
    if (n.host !== undefined && !hosts.includes(n.host)) {
      b.problem(`${np}.host`, n.host, "is not a host of the site", nameFix(n.host, hosts, "hosts"));
    }
    const vmId = base + n.id;
    b.id(`${np}.id`, "VM ID", vmId, { input: String(n.id), derivation: derivation(n.id) });
    if (vmId > 999999999) {
      b.problem(
        `${np}.id`,
        String(n.id),
        `gives VM ID ${vmId}, above Proxmox's 999999999`,
        "choose a smaller node id",
      );
    }
    const size = n.role === "controlplane" ? k.controlPlane : k.worker;
    return { node: n.name, host, vmId, ...size };
  });
}

function planServiceIps(b: Builder, k: KubernetesSpec, path: string): ServiceIpPlan[] {
  return k.serviceIps.flatMap((s, i) => {
    const p = `${path}.serviceIps[${i}].address`;
    const parsed = Address.parse(s.address);
    if (!parsed.ok) {
      b.problem(p, s.address, parsed.error, parsed.fix);
      return [];
    }
    // Not an address fact: the pool rules check it (own pool, unique among service IPs), and an
    // owned address inside any pool is reported from the owner's side.
    return [{ path: p, service: s.service, address: parsed.value }];
  });
}

/**
 * The fix for a pods prefix with too few per-node subnets: the longer per-node prefix length
 * that gives node `podIndex` a subnet, and the shorter pods prefix that would, e.g.
 * `set layout.nodePods.ipv4: 25 (8 /25 subnets) or widen ...pods.ipv4 to a /21 (8 /24 subnets)`.
 */
function podsFix(
  podsPath: string,
  podsLength: number,
  nodeLength: number,
  podIndex: number,
  family: "ipv4" | "ipv6",
  bits: number,
): string {
  const need = Math.ceil(Math.log2(podIndex + 1));
  const longer = Math.max(podsLength + need, nodeLength);
  const wider = nodeLength - need;
  const options = [];
  if (longer <= bits)
    options.push(
      `set layout.nodePods.${family}: ${longer} (${1n << BigInt(longer - podsLength)} /${longer} subnets)`,
    );
  if (wider >= 0)
    options.push(
      `widen ${podsPath} to a /${wider} (${1n << BigInt(nodeLength - wider)} /${nodeLength} subnets)`,
    );
  return options.join(" or ");
}
