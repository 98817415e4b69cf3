// Plain VMs (homelab:vms) and the routes configured for cloud-init machines. A VM sits on named
// networks (segments, global networks, tenant VM subnets and meshes): it gets an address in each
// family a network has (network + the VM's ID, or the override), recorded like any owned address,
// so the validator checks it lies inside its network and belongs to nobody else. Each network must
// exist on the VM's host (a VNet, a VLAN on its VLAN-aware bridge, or a bridge that carries it),
// and each configured route's gateway must lie on one of the VM's networks: that NIC carries it.
import { unreachableResolvers } from "./resolvers";
import { checkSetName } from "./nic-names";
import { nameFix } from "../site/schema";
import { Builder, FAMILIES, GROUPS, key, Ref } from "./builder";
import { Address, Family, Prefix } from "./ip";
import {
  CloudVmPlan,
  ConfiguredRoute,
  HostPlan,
  NicAttachment,
  SegmentPlan,
  TenantPlan,
  VmNetworkPlan,
  VmNetworkRef,
} from "./plan-types";
import { DualAddress, DualPrefix, RouteSpec, VmSpec } from "./site";

const GLOBALS = ["management", "cephPublic", "cephCluster"] as const;

/** A resolved network: its prefixes as refs (for the validator), gateway, MTU and topology ref. */
interface Network {
  readonly ref: VmNetworkRef;
  readonly refs: Partial<Record<Family, Ref>>;
  readonly gateway: DualAddress;
  readonly mtu?: number;
  /** Where it is on a host, or why it is not there. */
  readonly attach: (h: HostPlan) => NicAttachment | Unattached;
}

const prefixRefs = (path: string, p: DualPrefix): Partial<Record<Family, Ref>> => {
  const out: Partial<Record<Family, Ref>> = {};
  for (const f of FAMILIES) {
    const prefix = p[key(f)];
    if (prefix) out[f] = { path: `${path}.${key(f)}`, prefix, name: `${path}.${key(f)}` };
  }
  return out;
};

/** Why a network cannot reach a VM's host, and what to set so that it does. */
interface Unattached {
  readonly why: string;
  readonly fix: string;
}

/** A VLAN on the host's VM bridge, or why the host cannot carry it. */
function onVmBridge(h: HostPlan, vlan: number): NicAttachment | Unattached {
  const bridge = h.network.vmBridge;
  return bridge
    ? { bridge, vlan }
    : {
        why: `host ${h.name} has no VLAN-aware bridge to carry VLAN ${vlan}`,
        fix: `set vlanAware: true on a bridge of host ${h.name}`,
      };
}

/** Every network a VM can name, by name. */
function networks(
  b: Builder,
  tenants: readonly TenantPlan[],
  segments: readonly SegmentPlan[],
  vnetMtu: number,
): Map<string, Network> {
  const out = new Map<string, Network>();
  const site = b.site;
  for (const name of GLOBALS) {
    const prefixes = site.global[name];
    if (!prefixes) continue;
    out.set(name, {
      ref: { kind: "global", name },
      refs: prefixRefs(`global.${name}`, prefixes),
      gateway: name === "management" ? (site.hostNetwork.gateway ?? {}) : {},
      attach: (h) => {
        const d = h.network.devices.find((x) => x.carries === name);
        if (d?.kind === "bridge") return { bridge: d.name };
        const parent = h.network.devices.find((x) => x.name === d?.parent);
        if (d?.kind === "vlan" && d.vlanId !== undefined && parent?.kind === "bridge") {
          return parent.vlanAware
            ? { bridge: parent.name, vlan: d.vlanId }
            : {
                why: `host ${h.name} carries ${name} on ${d.name}, and ${parent.name} is not VLAN-aware`,
                fix: `set vlanAware: true on ${parent.name}`,
              };
        }
        return d
          ? {
              why: `host ${h.name} carries ${name} on ${d.name}, which is on no bridge`,
              fix: `set carries: ${name} on a bridge of host ${h.name}, or put ${d.name} on a VLAN-aware bridge`,
            }
          : {
              why: `host ${h.name} carries no ${name} network`,
              fix: `set carries: ${name} on a bridge or VLAN of host ${h.name}`,
            };
      },
    });
  }
  segments.forEach((g, i) => {
    out.set(g.name, {
      ref: { kind: "segment", name: g.name },
      refs: prefixRefs(`segments[${i}]`, g.prefixes),
      gateway: g.gateway,
      ...(g.mtu !== undefined ? { mtu: g.mtu } : {}),
      attach: (h) => {
        if (g.vlan !== undefined) return onVmBridge(h, g.vlan);
        const d = h.network.devices.find((x) => x.segment === g.name);
        return d
          ? { bridge: d.name }
          : {
              why: `segment ${g.name} has no VLAN, and no bridge of host ${h.name} carries it`,
              fix: `set segment: ${g.name} on a bridge of host ${h.name}, or give the segment a vlan`,
            };
      },
    });
  });
  const tenantIndex = new Map(site.tenants.map((t, i) => [t.id, i]));
  for (const t of tenants) {
    const i = tenantIndex.get(t.id) ?? 0;
    const vnet = t.vnet;
    out.set(t.name, {
      ref: { kind: "tenant", tenant: t.id },
      refs: prefixRefs(`tenants[${i}].vms`, t.vms),
      gateway: t.gateway,
      ...(vnet?.carries === "vms" ? { mtu: vnetMtu } : {}),
      attach: (h) =>
        vnet?.carries === "vms"
          ? { vnet: vnet.id }
          : t.vlan !== undefined
            ? onVmBridge(h, t.vlan)
            : {
                why: `tenant ${t.name} has neither a VNet nor a VLAN`,
                fix: `give tenant ${t.name} a vlan`,
              },
    });
    if (t.mesh && vnet?.carries === "mesh") {
      out.set(`${t.name}.mesh`, {
        ref: { kind: "mesh", tenant: t.id },
        refs: prefixRefs(`tenants[${i}].meshSubnet`, t.mesh.subnet),
        gateway: t.mesh.gateway,
        mtu: vnetMtu,
        attach: () => ({ vnet: vnet.id }),
      });
    }
  }
  return out;
}

/**
 * Configured routes, parsed: the destination and gateway in one family. `nicOf` finds the NIC
 * whose subnet holds the gateway (its index), or returns a message saying where none does.
 */
export function planRoutes<T extends object>(
  b: Builder,
  routes: readonly RouteSpec[],
  path: string,
  nicOf: (via: Address) => T | string,
): (ConfiguredRoute & T)[] {
  return routes.flatMap((r, i) => {
    const p = `${path}[${i}]`;
    const to = Prefix.parse(r.to);
    const via = Address.parse(r.via);
    if (!to.ok) b.problem(`${p}.to`, r.to, to.error, to.fix);
    if (!via.ok) b.problem(`${p}.via`, r.via, via.error, via.fix);
    if (!to.ok || !via.ok) return [];
    if (to.value.family !== via.value.family) {
      b.problem(
        `${p}.via`,
        r.via,
        `is an IPv${via.value.family} gateway for the IPv${to.value.family} destination ${to.value}`,
        `give an IPv${to.value.family} gateway for ${to.value}`,
      );
      return [];
    }
    const nic = nicOf(via.value);
    if (typeof nic === "string") {
      b.problem(
        `${p}.via`,
        r.via,
        nic,
        "a route's gateway must be reachable on the NIC the route uses",
      );
      return [];
    }
    return [
      {
        dst: to.value,
        via: via.value,
        ...(r.metric !== undefined ? { metric: r.metric } : {}),
        ...(r.onLink !== undefined ? { onLink: r.onLink } : {}),
        path: p,
        ...nic,
      },
    ];
  });
}

/** Where a gateway is not: the subnets it misses, for messages. */
export function notOnSubnets(
  who: string,
  via: Address,
  subnets: readonly { name: string; prefix?: Prefix }[],
): string {
  const same = subnets.filter((s) => s.prefix?.family === via.family);
  const list = same.map((s) => `${s.name} ${s.prefix}`).join(", ");
  return `is on no IPv${via.family} subnet of ${who}${list ? ` (${list})` : ""}`;
}

function planVm(
  b: Builder,
  v: VmSpec,
  path: string,
  known: Map<string, Network>,
  hosts: readonly HostPlan[],
  siteNameservers: readonly Address[],
): CloudVmPlan {
  b.id(`${path}.name`, "hostname", v.name);
  b.id(`${path}.vmId`, "VM ID", v.vmId);
  const host = hosts.find((h) => h.name === v.host);
  if (!host && !b.isRefusedHost(v.host, hosts)) {
    b.problem(
      `${path}.host`,
      v.host,
      "is not a host of the site",
      nameFix(
        v.host,
        hosts.map((h) => h.name),
        "hosts",
      ),
    );
  }
  const nicNames = new Map<string, string>();
  const nets: VmNetworkPlan[] = v.networks.flatMap((n, j) => {
    const np = `${path}.networks[${j}]`;
    const name = n.name ?? `net${j}`;
    if (n.name !== undefined) {
      checkSetName(b, `${np}.name`, n.name, `net${j}`);
      const first = nicNames.get(n.name);
      if (first)
        b.problem(
          `${np}.name`,
          n.name,
          `is already the name of ${first}`,
          "give each of the VM's networks its own name",
        );
    }
    nicNames.set(name, np);
    const net = known.get(n.network);
    if (!net) {
      b.problem(
        `${np}.network`,
        n.network,
        "is neither a segment, a global network, a tenant nor a tenant's mesh",
        nameFix(n.network, [...known.keys()], "networks"),
      );
      return [];
    }
    const attach = host ? net.attach(host) : undefined;
    if (attach && "why" in attach) {
      b.problem(`${np}.network`, n.network, `is not on the VM's host: ${attach.why}`, attach.fix);
      return [];
    }
    const address: { ipv4?: Address; ipv6?: Address } = {};
    for (const f of FAMILIES) {
      const given = n[key(f)];
      if (given && !net.refs[f]) {
        b.problem(
          `${np}.${key(f)}`,
          given.toString(),
          `network ${n.network} has no IPv${f} prefix`,
        );
        continue;
      }
      address[key(f)] = b.member(
        `${np}.${key(f)}`,
        `${v.name} on ${n.network}`,
        f,
        net.refs[f],
        v.id,
        given,
        // Not written: the address comes from the VM's ID, where a clash is reported and moved.
        given === undefined ? String(v.id) : undefined,
      );
    }
    return [
      {
        network: n.network,
        ref: net.ref,
        path: np,
        subnet: { ipv4: net.refs[4]?.prefix, ipv6: net.refs[6]?.prefix },
        address,
        gateway: net.gateway,
        attach: attach ?? { bridge: "" },
        ...(net.mtu !== undefined ? { mtu: net.mtu } : {}),
        ...(n.inRange !== undefined ? { inRange: n.inRange } : {}),
        name,
      },
    ];
  });
  const routes = planRoutes(b, v.routes, `${path}.routes`, (via) => {
    const nic = nets.findIndex((n) => n.subnet[key(via.family)]?.contains(via));
    return nic >= 0
      ? { nic }
      : notOnSubnets(
          `VM ${v.name}`,
          via,
          nets.map((n) => ({
            name: `${n.name} (${n.network})`,
            prefix: n.subnet[key(via.family)],
          })),
        );
  });
  const families = FAMILIES.filter((f) => nets.some((n) => n.address[key(f)]));
  const nameservers = parseNameservers(b, v.nameservers ?? [], `${path}.nameservers`);
  // A home VLAN's resolver (its router, a Pi-hole) before the site's: issue 20, friction 9.
  const segmentNameservers = nets
    .map((n) => {
      if (n.ref.kind !== "segment") return [];
      const name = n.ref.name;
      const i = b.site.segments.findIndex((s) => s.name === name);
      const texts = i >= 0 ? (b.site.segments[i].nameservers ?? []) : [];
      return parseNameservers(b, texts, `segments[${i}].nameservers`);
    })
    .find((a) => a.length > 0);
  // The inherited resolvers in the VM's families; none left would leave it without DNS.
  const inherited = segmentNameservers ?? siteNameservers;
  const reachable = inherited.filter((a) => families.includes(a.family));
  const from = segmentNameservers ? "its segment's nameservers" : "talos.nameservers";
  resolverProblems(b, v, path, families, nameservers, { list: inherited, from });
  dataDiskLimit(b, v, path);
  return {
    name: v.name,
    id: v.id,
    vmId: v.vmId,
    host: v.host,
    cores: v.cores,
    memory: v.memory,
    disk: v.disk,
    disks: v.disks ?? [],
    image: v.image,
    path,
    networks: nets,
    routes,
    packages: v.packages,
    outbound: v.outbound ?? [],
    nameservers: v.nameservers ? nameservers : reachable,
    ...(v.k3s ? { k3s: planK3s(b, v, `${path}.k3s`) } : {}),
  };
}

/**
 * Proxmox's SCSI slots are scsi0 to scsi30 (qm(1) `--scsi[n]`, n from 0 to 30; MAX_SCSI_DISKS 31
 * in qemu-server); scsi0 is the boot disk and data disk i is scsi<i+1>, so a VM takes at most 30
 * data disks (trial M16). Refused at the first disk past them, once.
 */
export const MAX_DATA_DISKS = 30;

function dataDiskLimit(b: Builder, v: VmSpec, path: string): void {
  const disks = v.disks ?? [];
  if (disks.length <= MAX_DATA_DISKS) return;
  b.problem(
    `${path}.disks[${MAX_DATA_DISKS}]`,
    `${disks[MAX_DATA_DISKS].size} GiB`,
    `would be scsi${MAX_DATA_DISKS + 1}, data disk ${MAX_DATA_DISKS + 1} of ${disks.length} on ${v.name}: Proxmox has the SCSI slots scsi0 to scsi30 (qm --scsi[n]), and scsi0 is the boot disk`,
    `give ${v.name} at most ${MAX_DATA_DISKS} data disks (remove ${disks.length - MAX_DATA_DISKS}), or use fewer, larger ones`,
  );
}

/**
 * A VM left without a resolver is refused (it could not look up a name: its packages, its
 * updates): explicit nameservers all of a family it has no address in, an empty list, or,
 * unset, inherited ones all of another family (new-user trials M5, H4). One rule of families
 * with the cluster's talos.nameservers (addressing/resolvers.ts).
 */
function resolverProblems(
  b: Builder,
  v: VmSpec,
  path: string,
  families: readonly Family[],
  own: readonly Address[],
  inherited: { readonly list: readonly Address[]; readonly from: string },
): void {
  const at = `${path}.nameservers`;
  const ours = families.map((f) => `IPv${f}`).join(" and ");
  const suggest = (f: Family | undefined) =>
    f === 6
      ? 'an IPv6 resolver, e.g. ["2606:4700:4700::1111"]'
      : "an IPv4 resolver, e.g. [1.1.1.1]";
  if (v.nameservers === undefined) {
    if (!unreachableResolvers(inherited.list, families)) return;
    b.problem(
      at,
      "",
      `is not set, and the resolvers ${v.name} would take from ${inherited.from} (${inherited.list.map(String).join(", ")}) are all of a family it has no address in (it has ${ours} only): it would be given no resolver`,
      `set ${at} to ${suggest(families[0])}`,
    );
    return;
  }
  if (v.nameservers.length === 0) {
    const take = inherited.list.some((a) => families.includes(a.family))
      ? `, or remove it to take ${inherited.from} (${inherited.list
          .filter((a) => families.includes(a.family))
          .map(String)
          .join(", ")})`
      : "";
    b.problem(
      at,
      "[]",
      `is an empty list: ${v.name} would be given no resolver, and could look up no name (its packages, its updates)`,
      `set ${at} to ${suggest(families[0])}${take}`,
    );
    return;
  }
  // A resolver the parser refused has its own problem; judge the rest only when all parsed.
  if (own.length !== v.nameservers.length) return;
  const none = unreachableResolvers(own, families);
  if (!none) return;
  b.problem(
    at,
    own.map(String).join(", "),
    `has only ${none.theirs} resolvers, and ${v.name} has ${none.ours} addresses only: it would be given no resolver`,
    `add an ${none.ours} resolver to ${at} (e.g. ${none.example})`,
  );
}

/** The K3s server's prefixes (allocations of the site, like any other) and its cluster DNS. */
function planK3s(b: Builder, v: VmSpec, path: string): NonNullable<CloudVmPlan["k3s"]> {
  const k = v.k3s as NonNullable<VmSpec["k3s"]>;
  const record = (what: "pods" | "services", label: string) => {
    const out: Partial<Record<Family, Ref>> = {};
    for (const f of FAMILIES) {
      const p = k[what][key(f)];
      if (p)
        out[f] = b.prefix(`${path}.${what}.${key(f)}`, p, label, undefined, [GROUPS.allocations]);
    }
    return out;
  };
  const pods = record("pods", `${v.name} K3s pods`);
  const services = record("services", `${v.name} K3s services`);
  const first = services[4] ?? services[6];
  let clusterDns: Address | undefined;
  if (k.clusterDns !== undefined) {
    const parsed = Address.parse(k.clusterDns);
    if (parsed.ok) {
      clusterDns = b.address(
        `${path}.clusterDns`,
        parsed.value,
        `${v.name} K3s cluster DNS`,
        services[parsed.value.family],
      );
      if (!services[parsed.value.family]) {
        b.problem(
          `${path}.clusterDns`,
          k.clusterDns,
          `has no IPv${parsed.value.family} service CIDR to lie in`,
        );
      }
    } else b.problem(`${path}.clusterDns`, k.clusterDns, parsed.error, parsed.fix);
  } else if (first) {
    clusterDns = b.address(
      `${path}.services.${key(first.prefix.family)}`,
      first.prefix.host(10),
      `${v.name} K3s cluster DNS`,
      first,
    );
  }
  if (!first) b.problem(`${path}.services`, "", "needs an IPv4 or IPv6 prefix");
  return {
    pods: { ipv4: pods[4]?.prefix, ipv6: pods[6]?.prefix },
    services: { ipv4: services[4]?.prefix, ipv6: services[6]?.prefix },
    clusterDns: clusterDns ?? Address.from("0.0.0.0"),
  };
}

/** Every plain VM of the site, in config order. */
export function planCloudVms(
  b: Builder,
  tenants: readonly TenantPlan[],
  segments: readonly SegmentPlan[],
  hosts: readonly HostPlan[],
  vnetMtu: number,
  nameservers: readonly Address[],
): CloudVmPlan[] {
  const known = networks(b, tenants, segments, vnetMtu);
  return b.site.vms.map((v, i) => planVm(b, v, `vms[${i}]`, known, hosts, nameservers));
}

/**
 * DNS servers, parsed; a server listed twice is refused: resolv.conf takes three (glibc MAXNS), so
 * a repeat silently costs a real server its place, and is most often a typo for another address.
 */
export function parseNameservers(b: Builder, texts: readonly string[], path: string): Address[] {
  const seen = new Map<string, number>();
  return texts.flatMap((text, j) => {
    const parsed = Address.parse(text);
    if (!parsed.ok) {
      b.problem(`${path}[${j}]`, text, parsed.error, parsed.fix);
      return [];
    }
    const first = seen.get(parsed.value.toString());
    if (first !== undefined) {
      b.problem(`${path}[${j}]`, text, `duplicates ${path}[${first}]`, "list each DNS server once");
      return [];
    }
    seen.set(parsed.value.toString(), j);
    return [parsed.value];
  });
}
