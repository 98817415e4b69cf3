// The one loader: raw `homelab:*` stack config in, a checked and defaulted `Site` out, or every
// problem found. No value is trusted because of its TypeScript type.
import { Problem } from "../addressing/problems";
import { ROUTEROS_DEFAULT_VERSION } from "../addressing/routeros-versions";
import {
  DEFAULT_EXISTING,
  DEFAULT_FABRIC,
  DEFAULT_LAYOUT,
  DEFAULT_PROXMOX,
  DEFAULT_SDN,
  DEFAULT_SIZES,
  DEFAULT_TALOS,
  EMPTY_HOST_NETWORK,
  EMPTY_POLICY,
  HostNetworkSpec,
  HostSpec,
  Layout,
  PURPOSES,
  Site,
  TenantSpec,
} from "../addressing/site";
import { closest, NOT_SHOWN } from "./schema";
import { configKeys } from "./spec";

export type LoadResult = { ok: true; site: Site } | { ok: false; problems: Problem[] };

type Raw = Record<string, unknown>;

/** `raw` maps keys of the `homelab` namespace (without the `homelab:` prefix) to parsed values. */
export function loadSite(raw: Raw): LoadResult {
  const problems: Problem[] = [];
  const known = Object.keys(configKeys);
  for (const key of Object.keys(raw)) {
    // Only a near-miss namespace keeps its prefix here (site/pulumi-config.ts).
    if (key.includes(":")) {
      const rest = key.slice(key.indexOf(":") + 1);
      const near = known.includes(rest) ? rest : closest(rest, known);
      problems.push({
        path: key,
        input: NOT_SHOWN,
        message: `is not read: the project's keys start with "homelab:"`,
        fix: near ? `did you mean homelab:${near}?` : `write it as homelab:${rest}`,
      });
      continue;
    }
    if (!known.includes(key)) {
      const near = closest(key, known);
      problems.push({
        path: `homelab:${key}`,
        input: NOT_SHOWN,
        message: "is not a known config key",
        fix: near
          ? `did you mean homelab:${near}?`
          : `known keys: ${known.map((k) => `homelab:${k}`).join(", ")}`,
      });
    }
  }
  const checked: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(configKeys)) {
    const value = raw[key];
    if (value === undefined || value === null) {
      if ("required" in spec && spec.required) {
        problems.push({
          path: `homelab:${key}`,
          input: "",
          message: `is required (${spec.doc})`,
          fix: `add homelab:${key} under config: in the stack file (${spec.schema.typeName})`,
        });
      }
      continue;
    }
    const result = (spec.schema as { check(v: unknown, p: string, out: Problem[]): unknown }).check(
      value,
      key,
      problems,
    );
    if (result !== undefined) checked[key] = result;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, site: withDefaults(checked) };
}

// The schema guarantees shapes; this only fills in defaults.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function withDefaults(c: Record<string, any>): Site {
  const layoutIn = c.layout ?? {};
  const layout: Record<string, unknown> = {
    tenantBlock: { ...DEFAULT_LAYOUT.tenantBlock, ...layoutIn.tenantBlock },
    gateway: { ...DEFAULT_LAYOUT.gateway, ...layoutIn.gateway },
    vip: { ...DEFAULT_LAYOUT.vip, ...layoutIn.vip },
    nodePods: { ...DEFAULT_LAYOUT.nodePods, ...layoutIn.nodePods },
  };
  for (const p of PURPOSES) layout[p] = { ...DEFAULT_LAYOUT[p], ...layoutIn[p] };
  const fabricIn = c.fabric ?? {};
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const tenants: TenantSpec[] = (c.tenants ?? []).map((t: any) => ({
    ...t,
    mesh: t.mesh ?? false,
    snat: t.snat ?? false,
    kubernetes: t.kubernetes && {
      ...t.kubernetes,
      announcement: t.kubernetes.announcement ?? defaultAnnouncement(c, t),
      controlPlane: { ...DEFAULT_SIZES.controlPlane, ...t.kubernetes.controlPlane },
      worker: { ...DEFAULT_SIZES.worker, ...t.kubernetes.worker },
      serviceIps: t.kubernetes.serviceIps ?? [],
      nodeOs: t.kubernetes.nodeOs ?? "talos",
      frr: { user: "root", mesh: "mesh0", egress: "egress0", ...t.kubernetes.frr },
      image: t.kubernetes.image ?? "debian-12",
      packages: t.kubernetes.packages ?? [],
      routes: t.kubernetes.routes ?? [],
    },
  }));
  return {
    name: c.site.name,
    description: c.site.description,
    // tenantId stays unset unless given: its default depends on the block (tenant-blocks.ts).
    encoding: { hostId: "decimal-as-hex", ...c.encoding },
    global: c.global,
    layout: layout as unknown as Layout,
    fabric: {
      asn: { ...DEFAULT_FABRIC.asn, ...fabricIn.asn },
      vxlan: { ...DEFAULT_FABRIC.vxlan, ...fabricIn.vxlan },
      // VXLAN runs between the hosts' loopbacks: their family decides the outer header.
      mtu: {
        ...DEFAULT_FABRIC.mtu,
        underlayFamily: c.global.hostLoopbacks?.ipv4 || !c.global.hostLoopbacks ? "ipv4" : "ipv6",
        ...fabricIn.mtu,
      },
    },
    proxmox: { ...DEFAULT_PROXMOX, ...c.proxmox },
    sdn: { ...DEFAULT_SDN, ...c.sdn },
    existing: {
      ...DEFAULT_EXISTING,
      ...c.existing,
      sdn: { ...DEFAULT_EXISTING.sdn, ...c.existing?.sdn },
    },
    hostNetwork: networkDefaults(c.hostNetwork),
    hosts: c.hosts.map((h: HostSpec) =>
      h.network ? { ...h, network: networkDefaults(h.network) } : h,
    ),
    tenants,
    talos: { ...DEFAULT_TALOS, ...c.talos },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    segments: (c.segments ?? []).map((g: any) => ({
      ...g,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      ranges: (g.ranges ?? []).map((r: any) => ({ kind: "reserved", ...r })),
    })),
    devices: c.devices ?? [],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    vms: (c.vms ?? []).map((v: any) => ({
      ...DEFAULT_SIZES.vm,
      image: "debian-12",
      routes: [],
      packages: [],
      ...v,
    })),
    vmSshKeys: c.vmSshKeys !== undefined,
    notes: c.notes ?? [],
    dns: c.dns ?? [],
    policy: {
      ...EMPTY_POLICY,
      ...c.policy,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      zones: (c.policy?.zones ?? []).map((z: any) => ({ log: c.policy?.log ?? false, ...z })),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      rules: (c.policy?.rules ?? []).map((r: any) => ({
        protocol: "any",
        ports: [],
        log: false,
        ...r,
      })),
    },
    expect: c.expect ?? [],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    routers: (c.routers ?? []).map((r: any) => ({
      os: "routeros",
      version: ROUTEROS_DEFAULT_VERSION,
      rejects: ["fc00::/8"],
      dnsRecords: [],
      addresses: [],
      routes: [],
      bgpPeers: [],
      ...r,
      ...(r.ssh ? { ssh: { port: 22, ...r.ssh } } : {}),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      vlans: r.vlans.map((v: any) => ({ filterChain: "k8s-in", ...v })),
    })),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    sharedSegments: (c.sharedSegments ?? []).map((g: any) => ({
      reserved: [],
      peerStacks: [],
      ...g,
    })),
  };
}

/**
 * BGP where the cluster has someone to speak it with (a router holding its tenant, or listed
 * bgpPeers), else L2: a cluster whose only gateway is Proxmox's SDN has no BGP speaker to peer with.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function defaultAnnouncement(c: Record<string, any>, t: Record<string, any>): "bgp" | "l2" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const held = (c.routers ?? []).some((r: any) => r.vlans?.some((v: any) => v.tenant === t.id));
  return held || t.kubernetes.bgpPeers || t.kubernetes.nodeOs === "linux" ? "bgp" : "l2";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function networkDefaults(n: Record<string, any> | undefined): HostNetworkSpec {
  if (!n) return EMPTY_HOST_NETWORK;
  return {
    ...EMPTY_HOST_NETWORK,
    ...n,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    bridges: (n.bridges ?? []).map((b: any) => ({ ports: [], vlanAware: false, ...b })),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    bonds: (n.bonds ?? []).map((b: any) => ({ mode: "802.3ad", hashPolicy: "layer3+4", ...b })),
  };
}
