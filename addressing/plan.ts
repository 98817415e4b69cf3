// plan(site): derive every value of a site by offset and index from its parents, apply the
// overrides given in config, and record the facts the validator checks. Pure: no I/O, no Pulumi.
import { encodeId } from "./encoding";
import { Address, AddressRange, Family, Prefix } from "./ip";
import {
  AddressFact,
  ClusterPlan,
  HostPlan,
  IdFact,
  NodePlan,
  Plan,
  PrefixFact,
  RangeFact,
  TenantPlan,
} from "./plan-types";
import { Problem } from "./problems";
import {
  DualAddress,
  DualPrefix,
  KubernetesSpec,
  Purpose,
  PurposeLayout,
  Site,
  Space,
  TenantSpec,
  VXLAN_OVERHEAD,
} from "./site";

const FAMILIES: readonly Family[] = [4, 6];
const key = (f: Family): "ipv4" | "ipv6" => (f === 4 ? "ipv4" : "ipv6");

type Ref = { path: string; prefix: Prefix; name: string };

/** Groups of prefixes that must be pairwise disjoint. */
export const GROUPS = {
  spaces: "global spaces",
  allocations: "site allocations",
  purposes: "tenant purposes",
  lb: "LoadBalancer ranges",
} as const;

class Builder {
  readonly prefixes: PrefixFact[] = [];
  readonly addresses: AddressFact[] = [];
  readonly ranges: RangeFact[] = [];
  readonly ids: IdFact[] = [];
  readonly problems: Problem[] = [];

  constructor(readonly site: Site) {}

  prefix(
    path: string,
    prefix: Prefix,
    label: string,
    parent?: Ref,
    groups: string[] = [],
    extra: { derivedFrom?: string; fix?: string; name?: string } = {},
  ): Ref {
    const name = extra.name ?? path;
    this.prefixes.push({
      path,
      prefix,
      label,
      parent,
      groups,
      name,
      derivedFrom: extra.derivedFrom,
      fix: extra.fix,
    });
    return { path, prefix, name };
  }

  address(
    path: string,
    address: Address,
    label: string,
    within?: Ref,
    derivedFrom?: string,
  ): Address {
    this.addresses.push({ path, address, label, within, derivedFrom });
    return address;
  }

  id(
    path: string,
    kind: string,
    value: number | string,
    derived?: { input: string; derivation: string },
  ): void {
    this.ids.push({ path, kind, value, ...derived });
  }

  problem(path: string, input: string, message: string, fix?: string): undefined {
    this.problems.push({ path, input, message, fix });
    return undefined;
  }

  /** Offset of host/node `id` inside a subnet of `family`. */
  hostOffset(family: Family, id: number): bigint {
    return BigInt(family === 4 ? id : encodeId(id, this.site.encoding.hostId));
  }

  /** The address `id` in `subnet`, or the override; recorded as owned by `path`. */
  member(
    path: string,
    label: string,
    family: Family,
    subnet: Ref | undefined,
    id: number,
    given?: Address,
    derivedFrom?: string,
  ): Address | undefined {
    if (given) return this.address(path, given, label, subnet);
    if (!subnet) return undefined;
    const offset = this.hostOffset(family, id);
    if (offset >= subnet.prefix.size) {
      return this.problem(
        path,
        String(id),
        `ID ${id} is outside ${subnet.path} ${subnet.prefix}`,
        "choose a smaller ID",
      );
    }
    return this.address(path, subnet.prefix.host(offset), label, subnet, derivedFrom);
  }
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
  const firstHost = (h: { id: number; name: string }, i: number) =>
    site.hosts.findIndex((o) => o.id === h.id || o.name === h.name) === i;
  site.hosts.forEach((h, i) => {
    b.id(`hosts[${i}].name`, "host name", h.name);
    b.id(`hosts[${i}].id`, "host id", h.id);
  });
  b.id("fabric.asn.router", "asn", site.fabric.asn.router);
  b.id("fabric.asn.hosts", "asn", site.fabric.asn.hosts);
  const hosts: HostPlan[] = site.hosts.filter(firstHost).map((h) => {
    const path = `hosts[${site.hosts.indexOf(h)}]`;
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
        );
      }
      return out;
    };
    return {
      name: h.name,
      id: h.id,
      management: dual("management"),
      loopback: dual("loopback"),
      cephPublic: dual("cephPublic"),
      cephCluster: dual("cephCluster"),
    };
  });

  site.tenants.forEach((t, i) => b.id(`tenants[${i}].id`, "tenant id", t.id));
  const tenants = site.tenants
    .map((t, i) => ({ t, i }))
    .filter(({ t, i }) => site.tenants.findIndex((o) => o.id === t.id) === i)
    .map(({ t, i }) => planTenant(b, t, `tenants[${i}]`, spaces, hosts));

  const fabric = site.fabric;
  b.id("fabric.vxlan.vrfVni", "vni", fabric.vxlan.vrfVni);
  const overhead = VXLAN_OVERHEAD[fabric.mtu.underlayFamily];
  const vnet = fabric.mtu.vnet ?? fabric.mtu.physical - overhead;

  return {
    plan: {
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
      facts: { prefixes: b.prefixes, addresses: b.addresses, ranges: b.ranges, ids: b.ids },
    },
    problems: b.problems,
  };
}

/** A tenant's block in `space`: the encoded tenant ID is the octet/group just above the block. */
function tenantBlock(
  b: Builder,
  t: TenantSpec,
  path: string,
  space: Ref,
  length: number,
): Ref | undefined {
  const f = space.prefix.family;
  const idBits = f === 4 ? 8 : 16;
  const encoded = f === 4 ? t.id : encodeId(t.id, b.site.encoding.tenantId);
  if (encoded >= 2 ** idBits) {
    return b.problem(
      `${path}.id`,
      String(t.id),
      `does not fit the IPv${f} tenant block position (${idBits} bits)`,
      "choose a smaller tenant ID",
    );
  }
  if (length - idBits < 0)
    return b.problem(
      `layout.tenantBlock.${key(f)}`,
      String(length),
      `is shorter than the ${idBits} bits the tenant ID needs`,
    );
  const base = Prefix.containing(f, space.prefix.network, length - idBits);
  const block = Prefix.of(
    f,
    base.network + (BigInt(encoded) << BigInt(space.prefix.bits - length)),
    length,
  );
  return b.prefix(`${path}.id`, block, `the IPv${f} tenant block`, space, [GROUPS.allocations], {
    derivedFrom: String(t.id),
    name: `tenant ${t.id}'s IPv${f} block`,
  });
}

function purposePrefix(
  b: Builder,
  layoutPath: string,
  l: PurposeLayout,
  f: Family,
  block: Ref,
): Prefix | undefined {
  const length = f === 4 ? l.ipv4 : l.ipv6;
  const unit = block.prefix.length + (f === 4 ? 8 : 16);
  const index = f === 4 ? l.index : encodeId(l.index, l.encoding);
  if (length < block.prefix.length || unit > block.prefix.bits) {
    return b.problem(
      `${layoutPath}.${key(f)}`,
      String(length),
      `does not fit inside a /${block.prefix.length} tenant block`,
    );
  }
  const network = block.prefix.network + (BigInt(index) << BigInt(block.prefix.bits - unit));
  const p = Prefix.containing(f, network, length);
  if (p.network !== network) {
    const shown = Prefix.containing(f, network, Math.max(length, unit));
    return b.problem(
      `${layoutPath}.index`,
      String(l.index),
      `places a /${length} at ${shown.first}, which is not a /${length} boundary`,
    );
  }
  return p;
}

function planTenant(
  b: Builder,
  t: TenantSpec,
  path: string,
  spaces: Record<Space, Partial<Record<Family, Ref>>>,
  hosts: readonly HostPlan[],
): TenantPlan {
  const site = b.site;
  const layout = site.layout;
  b.id(`${path}.name`, "tenant name", t.name);

  const blocks: Record<Space, Partial<Record<Family, Ref>>> = {
    tenant: {},
    internal: {},
    loopback: {},
  };
  const blockOf = (space: Space, f: Family): Ref | undefined => {
    if (blocks[space][f]) return blocks[space][f];
    const s = spaces[space][f];
    if (!s) return undefined;
    const length =
      f === 4
        ? layout.tenantBlock.ipv4
        : space === "loopback"
          ? layout.tenantBlock.loopbackIpv6
          : layout.tenantBlock.ipv6;
    const ref = tenantBlock(b, t, path, s, length);
    if (ref) blocks[space][f] = ref;
    return ref;
  };

  // A purpose: the override if given, else derived from the layout; recorded with its parent.
  const purpose = (
    name: Purpose,
    configPath: string,
    label: string,
    given: DualPrefix | undefined,
  ): Partial<Record<Family, Ref>> => {
    const l = layout[name];
    const out: Partial<Record<Family, Ref>> = {};
    for (const f of FAMILIES) {
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
      const derived = purposePrefix(b, `layout.${name}`, l, f, parent);
      if (derived) out[f] = b.prefix(p, derived, label, parent, [GROUPS.purposes]);
    }
    return out;
  };
  const prefixes = (refs: Partial<Record<Family, Ref>>): DualPrefix => ({
    ipv4: refs[4]?.prefix,
    ipv6: refs[6]?.prefix,
  });

  const vms = purpose("vms", `${path}.vms`, `tenant ${t.id} VMs`, t.vms);
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
    const hp = `hosts[${site.hosts.findIndex((o) => o.name === h.name)}].id`;
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
): Address | undefined {
  const label = `tenant ${t.id} anycast gateway`;
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
  const pods = purpose("pods", `${path}.pods`, `${k.name} pods`, k.pods);
  const services = purpose("services", `${path}.services`, `${k.name} services`, k.services);
  const loadBalancers = purpose(
    "loadBalancers",
    `${path}.loadBalancers`,
    `${k.name} LoadBalancers`,
    k.loadBalancers,
  );

  const lbRanges: AddressRange[] = [];
  (k.lbRanges ?? []).forEach((r, i) => {
    const p = `${path}.lbRanges[${i}]`;
    b.ranges.push({ path: p, range: r, within: loadBalancers[r.family] });
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
          "widen the pods prefix or shorten layout.nodePods",
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
  void t;

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
    lbRanges,
    vip,
    nodes,
  };
}
