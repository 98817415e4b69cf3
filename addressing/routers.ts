// Edge routers in the plan: the tenants whose gateway each router holds, its BGP identity, the
// prefixes it never accepts from clusters, and its static DNS names, all checked.
import { Builder } from "./builder";
import { Address, Parsed, Prefix } from "./ip";
import { RouterAddress, RouterBgpPeer, RouterPlan, TenantPlan, UplinkPlan } from "./plan-types";
import { RouterSpecConfig } from "./site";
import { notPublicProblem } from "./special-purpose";
import { planRoutes } from "./vms";

export function planRouters(b: Builder, tenants: readonly TenantPlan[]): RouterPlan[] {
  const site = b.site;
  // FRR on Linux nodes peers with the router that holds the tenant's VLAN; there must be one.
  site.tenants.forEach((t, i) => {
    if (t.kubernetes?.nodeOs !== "linux") return;
    if (!site.routers.some((r) => r.vlans.some((v) => v.tenant === t.id))) {
      b.problem(
        `tenants[${i}].kubernetes.nodeOs`,
        "linux",
        "its nodes run FRR toward an edge router, but no router holds this tenant",
        "add the tenant to a router's vlans",
      );
    }
  });
  const declaredGateways = new Set(
    [
      ...site.segments.map((s) => s.gateway),
      site.hostNetwork.gateway,
      ...site.hosts.map((h) => h.network?.gateway),
    ].flatMap((g) => [g?.ipv4, g?.ipv6].flatMap((a) => (a ? [a.toString()] : []))),
  );
  const plans = site.routers.map((r, i) => {
    const path = `routers[${i}]`;
    b.id(`${path}.name`, "router name", r.name);
    const asn = r.asn ?? site.fabric.asn.router;
    const tenantsSeen = new Map<number, number>();
    const chainsSeen = new Map<string, number>();
    r.vlans.forEach((v, j) => {
      const tenant = tenants.find((t) => t.id === v.tenant);
      const where = `${path}.vlans[${j}].tenant`;
      const earlier = tenantsSeen.get(v.tenant);
      if (earlier !== undefined) {
        b.problem(
          where,
          String(v.tenant),
          `duplicates ${path}.vlans[${earlier}].tenant`,
          `a router has one VLAN interface per tenant: remove ${path}.vlans[${j}]`,
        );
        return;
      }
      tenantsSeen.set(v.tenant, j);
      // Each cluster's peers get their own input filter, or one would accept the other's prefixes.
      if (tenant?.kubernetes && r.os !== "external") {
        const owner = chainsSeen.get(v.filterChain);
        if (owner !== undefined) {
          b.problem(
            `${path}.vlans[${j}].filterChain`,
            v.filterChain,
            `is already the chain of ${path}.vlans[${owner}] (tenant ${r.vlans[owner].tenant})`,
            "give each cluster its own filterChain, or it would accept the other's prefixes",
          );
        }
        chainsSeen.set(v.filterChain, j);
      }
      if (!tenant) {
        b.problem(
          where,
          String(v.tenant),
          "is not a tenant of the site",
          `tenants are ${tenants.map((t) => t.id).join(", ")}`,
        );
        return;
      }
      if (tenant.kubernetes && tenant.kubernetes.asn === asn) {
        b.problem(
          where,
          String(v.tenant),
          `cluster ${tenant.kubernetes.name} has the router's own ASN ${asn}; eBGP needs two`,
        );
      }
      b.id(`${path}.vlans[${j}].interface`, `interface on router ${r.name}`, v.interface);
    });
    if (r.routerId === undefined && r.os !== "external") {
      b.problem(
        `${path}.routerId`,
        "",
        "is required (BGP needs an IPv4 router ID)",
        "set it to an IPv4 address of the router, such as its loopback or LAN address",
      );
    }
    if (r.ssh === undefined && r.os !== "external") {
      b.problem(
        `${path}.ssh`,
        "",
        `is required for os: ${r.os} (Pulumi delivers the config over SSH)`,
        "give ssh.host, or set os: external for a router this stack does not configure",
      );
    }
    const addresses = r.addresses.flatMap((a, j) => {
      const where = `${path}.addresses[${j}].address`;
      const parsed = parseInterfaceAddress(a.address);
      if (!parsed.ok) {
        b.problem(where, a.address, parsed.error, parsed.fix);
        return [];
      }
      // A segment's or the management network's declared gateway is not a second owner: the
      // router is what holds it (the seeds' router server, a UniFi gateway).
      if (!declaredGateways.has(parsed.value.address.toString())) {
        b.address(where, parsed.value.address, `router ${r.name} ${a.interface}`);
      }
      return [{ interface: a.interface, path: where, j, ...parsed.value }];
    });
    interfaceFamilyProblems(b, addresses, r.name, path);
    sharedSubnetProblems(b, addresses, path);
    const rejects = r.rejects.flatMap((text, j) => {
      const parsed = Prefix.parse(text);
      if (parsed.ok) return [parsed.value];
      b.problem(`${path}.rejects[${j}]`, text, parsed.error, parsed.fix);
      return [];
    });
    // The gateway is not checked against the router's subnets: RouterOS and zebra resolve it
    // through any route (an upstream reached over DHCP holds no address the stack knows).
    const routes = planRoutes(b, r.routes, `${path}.routes`, () => ({}));
    routes.forEach((x, j) => {
      const first = routes.findIndex((y) => y.dst.equals(x.dst));
      if (first !== j)
        b.problem(
          `${x.path}.to`,
          x.dst.toString(),
          `duplicates ${routes[first].path}.to: one destination has one gateway in the main table`,
          "keep one of the two routes",
        );
    });
    const bgpPeers = planBgpPeers(b, r, path, asn, addresses);
    if (r.trunk !== undefined && r.os !== "routeros")
      b.problem(
        `${path}.trunk`,
        r.trunk,
        `is rendered for RouterOS routers only; router ${r.name} is os: ${r.os}`,
        "create the VLAN interfaces on the router itself, or leave trunk out",
      );
    if (r.defconf === true && r.os !== "routeros")
      b.problem(
        `${path}.defconf`,
        "true",
        `names MikroTik's factory firewall, which only a RouterOS router has; router ${r.name} is os: ${r.os}`,
        "leave defconf out (a Linux router's firewall is the stack's nftables ruleset), or set os: routeros if the router is a MikroTik one",
      );
    // One static entry per name and address: RouterOS keeps a second one as a twin, and the
    // reconcile script refuses it (trial brk25: plan refused it at the renderer's `dns[8]`).
    const records = new Map<string, number>();
    const dnsRecords = r.dnsRecords.flatMap((d, j) => {
      const parsed = Address.parse(d.address);
      if (!parsed.ok) {
        b.problem(`${path}.dnsRecords[${j}].address`, d.address, parsed.error, parsed.fix);
        return [];
      }
      const k = `${d.name} ${parsed.value}`;
      const first = records.get(k);
      if (first !== undefined) {
        b.problem(
          `${path}.dnsRecords[${j}]`,
          `${d.name} ${parsed.value}`,
          `duplicates ${path}.dnsRecords[${first}]: one static DNS entry per name and address`,
          `remove ${path}.dnsRecords[${j}]`,
        );
        return [];
      }
      records.set(k, j);
      return [{ name: d.name, address: parsed.value }];
    });
    const uplink = planUplink(b, r, path, addresses, tenants);
    return {
      name: r.name,
      os: r.os,
      version: r.version,
      asn,
      routerId: r.routerId,
      ...(r.ssh
        ? {
            ssh: {
              host: r.ssh.host,
              user: r.ssh.user ?? (r.os === "routeros" ? "admin" : "root"),
              port: r.ssh.port,
            },
          }
        : {}),
      addresses,
      vlans: r.vlans,
      rejects,
      ...(r.trunk !== undefined ? { trunk: r.trunk } : {}),
      ...(r.defconf === true && r.os === "routeros" ? { defconf: true as const } : {}),
      routes: routes.map((x) => ({ dst: x.dst, via: x.via, path: x.path })),
      bgpPeers,
      ...(uplink ? { uplink } : {}),
      dnsDomain: r.dnsDomain,
      dnsRecords,
    };
  });
  sharedAddressProblems(b, tenants, declaredGateways);
  return plans;
}

/** An address a router holds that no other owner records: a tenant gateway or a declared gateway. */
interface GatewayHold {
  readonly router: number;
  /** Config path of the entry that gives the router the address. */
  readonly path: string;
  /** The entry's value as written: the tenant ID, or the interface address. */
  readonly input: string;
  readonly address: Address;
  /** What the address is, in words: `tenant 30's gateway`, `a declared gateway`. */
  readonly what: string;
}

/**
 * One address on two routers, refused (new-user trial 3, b19: a second router with the same
 * `vlans: [{ tenant: 30 }]` made both scripts add 10.30.0.254/24 on vlan30 and the inventory name
 * two gateway owners). Two routers answering ARP/ND for one address split the segment's traffic
 * between them; the stack models no VRRP, so a gateway has one router. Covered here are the
 * addresses the plan's ownership check does not see as a router's: the tenant gateways a router
 * holds through routers[].vlans, and routers[].addresses entries that are a segment's, the
 * management network's or a host's declared gateway (not recorded as owned by the router, see
 * planRouters). Any other routers[].addresses entry is owned by its path, so the ownership check
 * refuses it already ("is already owned by"). Each later entry is reported once, against the first
 * router that holds one of its addresses; two entries of one router are other checks' business
 * (a tenant listed twice, one subnet on two interfaces).
 */
function sharedAddressProblems(
  b: Builder,
  tenants: readonly TenantPlan[],
  declaredGateways: ReadonlySet<string>,
): void {
  const holds: GatewayHold[] = [];
  b.site.routers.forEach((r, i) => {
    const path = `routers[${i}]`;
    r.vlans.forEach((v, j) => {
      if (r.vlans.findIndex((o) => o.tenant === v.tenant) !== j) return;
      const t = tenants.find((x) => x.id === v.tenant);
      for (const a of [t?.gateway.ipv4, t?.gateway.ipv6]) {
        if (!a || !t) continue;
        const what = `tenant ${t.id}'s gateway`;
        holds.push({
          router: i,
          path: `${path}.vlans[${j}].tenant`,
          input: String(v.tenant),
          address: a,
          what,
        });
      }
    });
    r.addresses.forEach((a, j) => {
      const parsed = parseInterfaceAddress(a.address);
      if (!parsed.ok || !declaredGateways.has(parsed.value.address.toString())) return;
      holds.push({
        router: i,
        path: `${path}.addresses[${j}].address`,
        input: a.address,
        address: parsed.value.address,
        what: "a declared gateway",
      });
    });
  });
  const reported = new Set<string>();
  holds.forEach((h, n) => {
    if (reported.has(h.path)) return;
    const first = holds.slice(0, n).find((o) => o.router < h.router && o.address.equals(h.address));
    if (!first) return;
    reported.add(h.path);
    const mine = holds.filter((o) => o.path === h.path);
    const shared = mine.filter((o) =>
      holds.some((x) => x.router === first.router && x.address.equals(o.address)),
    );
    const r = b.site.routers[h.router];
    const other = b.site.routers[first.router];
    const entry = (x: GatewayHold): string => x.path.replace(/\.(tenant|address)$/, "");
    b.problem(
      h.path,
      h.input,
      `gives router ${r.name} ${shared.map((o) => o.address).join(" and ")} (${h.what}), which routers[${first.router}] (${other.name}) already holds at ${first.path}: two routers answering ARP/ND for one address split its traffic, and the stack models no VRRP`,
      h.path.includes(".vlans[")
        ? `give tenant ${h.input} one gateway router: remove ${entry(h)} or ${entry(first)}`
        : `keep the address on one router: remove ${entry(h)} or ${entry(first)}`,
    );
  });
}

/** IPv6 link-local (RFC 4291 section 2.5.6): every interface holds fe80::/64, each its own link. */
const LINK_LOCAL = Prefix.from("fe80::/10");

/** A router address as planned: the entry's `.address` key, its interface, address and length. */
type HeldAddress = RouterAddress & { readonly path: string };

/** The subnet an interface address sits in (`192.168.1.100/24` is in 192.168.1.0/24). */
const subnetOf = (a: HeldAddress): Prefix =>
  Prefix.containing(a.address.family, a.address.value, a.length);

/**
 * One subnet on two interfaces of one router, refused: the router would hold two connected routes
 * to the same addresses and answer ARP/ND for them on both links (RouterOS `/ip/address` and Linux
 * `ip address` accept it, then one of the two links loses its traffic). Overlapping prefixes of
 * either family count; link-local IPv6 (fe80::/10) is per link and does not. Each later entry is
 * reported once, against the first earlier entry it overlaps.
 */
/**
 * One address per family on a router interface (new-user trial of issue 17, M9): a dual-stack
 * gateway holds its IPv4 and its IPv6 address on one VLAN interface, so an interface may appear in
 * two routers[].addresses entries of different families. A second address of one family there is
 * refused: the topology takes an interface's segment, and a segment's gateway, from one address
 * per family. The first entry of each interface is also an `interface on router` ID, so an
 * interface that is both a routers[].vlans interface and an address's is still refused once.
 */
function interfaceFamilyProblems(
  b: Builder,
  addresses: readonly (HeldAddress & { readonly j: number })[],
  router: string,
  path: string,
): void {
  addresses.forEach((a, n) => {
    const where = `${path}.addresses[${a.j}].interface`;
    const earlier = addresses.slice(0, n).filter((o) => o.interface === a.interface);
    if (earlier.length === 0) {
      b.id(where, `interface on router ${router}`, a.interface);
      return;
    }
    const same = earlier.find((o) => o.address.family === a.address.family);
    if (!same) return;
    b.problem(
      where,
      a.interface,
      `holds a second IPv${a.address.family} address of router ${router} (${a.address}/${a.length}; ${path}.addresses[${same.j}] holds ${same.address}/${same.length} there): an interface holds one address per family here`,
      `keep one of the two, or put the other on an interface of its own (a VLAN interface per subnet); an IPv4 and an IPv6 address may share ${a.interface}`,
    );
  });
}

function sharedSubnetProblems(b: Builder, addresses: readonly HeldAddress[], path: string): void {
  addresses.forEach((a, j) => {
    if (LINK_LOCAL.contains(a.address)) return;
    const mine = subnetOf(a);
    const k = addresses.findIndex(
      (o, i) =>
        i < j &&
        o.interface !== a.interface &&
        o.address.family === a.address.family &&
        !LINK_LOCAL.contains(o.address) &&
        subnetOf(o).overlaps(mine),
    );
    if (k < 0) return;
    const o = addresses[k];
    b.problem(
      a.path,
      `${a.address}/${a.length}`,
      `is on ${a.interface}, but its subnet ${mine} ${subnetOf(o).equals(mine) ? "is also that" : `overlaps ${subnetOf(o)}`} of ${path}.addresses[${k}] (${o.address}/${o.length} on ${o.interface}): a router holds one subnet on one interface, or it routes that subnet out of both`,
      "keep each subnet on one interface; an address towards your ISP's box or modem goes in that box's subnet (e.g. 192.168.178.2/24), not in a network of the site",
    );
  });
}

/** A network of the plan an address sits in, in words, or undefined when it is in none. */
function networkHolding(
  site: Builder["site"],
  tenants: readonly TenantPlan[],
  address: Address,
): string | undefined {
  const f = address.family === 4 ? "ipv4" : "ipv6";
  const segment = site.segments.find((s) => s[f]?.contains(address));
  if (segment) return `segment ${segment.name}`;
  if (site.global.management[f]?.contains(address)) return "the management network";
  const tenant = tenants.find((t) => t.vms[f]?.contains(address));
  if (tenant) return `tenant ${tenant.name}`;
  return undefined;
}

/** Where a router's real global IPv6 prefix is read, for a placeholder or documentation prefix. */
const ISP_PREFIX_FIX =
  "give the global prefix your ISP delegates (RouterOS: /ipv6/dhcp-client print; Linux: the prefix delegated to the WAN), or use mode: masquerade";

/** Global unicast (RFC 4291 section 2.4, IANA's IPv6 address space: 2000::/3). */
const GLOBAL_UNICAST = Prefix.from("2000::/3");

/**
 * A router's uplink, checked: `netmap` needs a global prefix of length 64 or less that numbers
 * every tenant the router holds (the tenant ID is the /64's index inside it); a prefix is only
 * read by `netmap`; an uplink interface is not one of the router's tenant VLAN interfaces.
 */
function planUplink(
  b: Builder,
  r: RouterSpecConfig,
  path: string,
  addresses: readonly HeldAddress[],
  tenants: readonly TenantPlan[],
): UplinkPlan | undefined {
  const u = r.uplink;
  if (!u) return undefined;
  const where = `${path}.uplink`;
  u.interfaces.forEach((name, j) => {
    const first = u.interfaces.indexOf(name);
    if (first !== j) {
      b.problem(
        `${where}.interfaces[${j}]`,
        name,
        `duplicates ${where}.interfaces[${first}]`,
        "list each interface once",
      );
      return;
    }
    // The uplink masquerades what the router's other interfaces hold; an inside network on it
    // would be sent out untranslated (and its machines never reach the internet).
    for (const a of addresses.filter((x) => x.interface === name)) {
      const network = networkHolding(b.site, tenants, a.address);
      if (network === undefined) continue;
      b.problem(
        `${where}.interfaces[${j}]`,
        name,
        `holds ${a.address}/${a.length} of ${network}, a network of the site`,
        `the uplink is the interface towards the internet (your ISP's box or modem), e.g. ${r.os === "routeros" ? "ether1" : "eth0"}`,
      );
      break;
    }
    const vlan = r.vlans.findIndex((v) => v.interface === name);
    if (vlan >= 0) {
      b.problem(
        `${where}.interfaces[${j}]`,
        name,
        `is ${path}.vlans[${vlan}].interface, a tenant VLAN; the uplink is the interface toward the internet`,
        "name the WAN interface (RouterOS: ether1 on a factory configuration)",
      );
    }
  });
  const v6 = u.ipv6;
  if (v6?.mode === "netmap") {
    const p = v6.prefix;
    const special = p && notPublicProblem(`${where}.ipv6.prefix`, p, ISP_PREFIX_FIX);
    if (p === undefined) {
      b.problem(
        `${where}.ipv6.prefix`,
        "",
        "is required for mode: netmap (the global prefix the unique local /64s map into)",
        "give the global prefix your ISP delegates (a /48 or /56), or use mode: masquerade",
      );
    } else if (!GLOBAL_UNICAST.contains(p)) {
      b.problem(
        `${where}.ipv6.prefix`,
        p.toString(),
        "is not global unicast (2000::/3): the internet does not route it",
        "give the global prefix your ISP delegates",
      );
    } else if (special !== undefined) {
      b.problem(special.path, special.input, special.message, special.fix);
    } else if (p.length > 64) {
      b.problem(
        `${where}.ipv6.prefix`,
        p.toString(),
        "is longer than /64: it holds no /64 to map onto",
      );
    } else {
      const room = 2n ** BigInt(64 - p.length);
      r.vlans.forEach((v, j) => {
        if (BigInt(v.tenant) >= room) {
          b.problem(
            `${where}.ipv6.prefix`,
            p.toString(),
            `has ${room} /64s, too few for tenant ${v.tenant} (${path}.vlans[${j}]): netmap puts a tenant on the /64 its ID numbers`,
            `give a /${64 - Math.ceil(Math.log2(v.tenant + 1))} or shorter`,
          );
        }
      });
    }
  } else if (v6?.prefix !== undefined) {
    b.problem(
      `${where}.ipv6.prefix`,
      v6.prefix.toString(),
      `is only used by mode: netmap, not mode: ${v6.mode}`,
      "remove it, or set mode: netmap",
    );
  }
  return {
    path: where,
    interfaces: u.interfaces,
    ...(v6 ? { ipv6: { mode: v6.mode, ...(v6.prefix ? { prefix: v6.prefix } : {}) } } : {}),
  };
}

/**
 * `<address>/<length>` as an interface address (host bits allowed: it names the address and the
 * length of the subnet it sits in, as `ip address add` and RouterOS `/ip/address` write it).
 */
export function parseInterfaceAddress(
  text: string,
): Parsed<{ readonly address: Address; readonly length: number }> {
  const [addr, len, extra] = text.split("/");
  const parsed = Address.parse(addr);
  if (!parsed.ok) return parsed;
  const bits = parsed.value.family === 4 ? 32 : 128;
  if (extra !== undefined || len === undefined || !/^(0|[1-9][0-9]{0,2})$/.test(len)) {
    return {
      ok: false,
      error: "is not an address with a prefix length",
      fix: `write it like ${addr}/${bits === 32 ? 24 : 64}`,
    };
  }
  if (Number(len) > bits) return { ok: false, error: `has a length above ${bits}` };
  return { ok: true, value: { address: parsed.value, length: Number(len) } };
}

/**
 * A router's bgpPeers, parsed and checked: addresses, eBGP (another AS than the router's), one
 * name and one address per peer, a local address the router holds (routers[].addresses), and a
 * RouterOS router (the only renderer of these connections).
 */
function planBgpPeers(
  b: Builder,
  r: RouterSpecConfig,
  path: string,
  asn: number,
  addresses: readonly RouterAddress[],
): RouterBgpPeer[] {
  if (r.bgpPeers.length > 0 && r.os !== "routeros")
    b.problem(
      `${path}.bgpPeers`,
      r.bgpPeers.map((p) => p.name).join(", "),
      `is rendered for RouterOS routers only; router ${r.name} is os: ${r.os}`,
      "configure the session on the router itself, or leave bgpPeers out",
    );
  const out: RouterBgpPeer[] = [];
  r.bgpPeers.forEach((p, j) => {
    const at = `${path}.bgpPeers[${j}]`;
    const address = Address.parse(p.address);
    if (!address.ok) {
      b.problem(`${at}.address`, p.address, address.error, address.fix);
      return;
    }
    const twin = out.find((o) => o.name === p.name || o.address.equals(address.value));
    if (twin) {
      b.problem(
        twin.name === p.name ? `${at}.name` : `${at}.address`,
        twin.name === p.name ? p.name : p.address,
        `duplicates ${twin.path}: RouterOS matches a connection by its name or its remote address`,
        "keep one of the two peers",
      );
      return;
    }
    if (p.asn === asn)
      b.problem(
        `${at}.asn`,
        String(p.asn),
        `is router ${r.name}'s own AS: the stack's connections are eBGP (local.role=ebgp)`,
        "give the peer's own AS, or leave the iBGP session to the router",
      );
    let localAddress: Address | undefined;
    if (p.localAddress !== undefined) {
      const local = Address.parse(p.localAddress);
      if (!local.ok) b.problem(`${at}.localAddress`, p.localAddress, local.error, local.fix);
      else if (local.value.family !== address.value.family)
        b.problem(
          `${at}.localAddress`,
          p.localAddress,
          `is IPv${local.value.family}; the peer ${address.value} is IPv${address.value.family}`,
        );
      else if (!addresses.some((a) => a.address.equals(local.value)))
        b.problem(
          `${at}.localAddress`,
          p.localAddress,
          `is not an address of router ${r.name}`,
          "add it to the router's addresses, or leave localAddress out",
        );
      else localAddress = local.value;
    }
    out.push({
      name: p.name,
      address: address.value,
      asn: p.asn,
      ...(localAddress ? { localAddress } : {}),
      ...(p.multihop !== undefined ? { multihop: p.multihop } : {}),
      ...(p.bfd === true ? { bfd: true } : {}),
      path: at,
    });
  });
  return out;
}
