// The site's own flows: what the machines of a plan need to reach for the plan itself to work
// (their resolvers, package and image egress, BGP and BFD, the Kubernetes API), derived from the
// plan and its topology. Each flow is checked against routing and policy in flow-check.ts.
import { closest } from "fastest-levenshtein";
import { Address } from "../addressing/ip";
import { redactOwnerText } from "../addressing/quote";
import { Plan, TenantPlan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { CloudImage } from "../addressing/site";
import { apiServerAddress, clusterOf } from "./kube-api";
import { Device, sessionBfd, Topology } from "./types";
import { configuredResolvers, reachableResolvers } from "./egress";

/** IP protocol of a flow (its destination port is TCP or UDP). */
export type FlowProtocol = "tcp" | "udp";

/**
 * One flow the site needs: from a machine (a device name the policy knows), to a device name,
 * a segment name or `internet`, on one protocol and port. `dst` is the destination address when
 * the plan knows it (a resolver, a peer, a VIP); a flow to a host name of the internet
 * (`deb.debian.org`) has none and names the host in `hosts`.
 */
export interface SiteFlow {
  /** The machine that opens the connection (host, node, VM or router name). */
  readonly from: string;
  /** A device name, or `internet`. */
  readonly to: string;
  /** The destination address, where the plan gives one. */
  readonly dst?: Address;
  /** Internet host names the flow stands for (mirrors, registries), sorted. */
  readonly hosts: readonly string[];
  readonly protocol: FlowProtocol;
  readonly port: number;
  /**
   * The last port of a range starting at `port` (Ceph OSDs: 6800-7300), absent for one port.
   * The check decides on `port`, the first of the range (the policy's rules name ports as lists).
   */
  readonly portEnd?: number;
  /** The config facts that require it, each `<config path>: <what>`. */
  readonly why: readonly string[];
}

/** DNS: UDP and TCP 53 (RFC 1035 section 4.2, RFC 7766 makes TCP mandatory). */
const DNS_PORT = 53;
/** NTP: UDP 123 (RFC 5905 section 7.2). */
const NTP_PORT = 123;
/** BGP: TCP 179 (RFC 4271 section 8.2.1). */
const BGP_PORT = 179;
/** BFD control: UDP 3784 single hop (RFC 5881), 4784 multihop (RFC 5883). */
const BFD_PORT = { singleHop: 3784, multihop: 4784 } as const;
/**
 * Ceph's ports on the public network (Ceph docs, "Network Configuration Reference"): the monitors
 * listen on 3300 (msgr2) and 6789 (msgr1), OSDs bind within 6800-7300.
 */
export const CEPH_PORTS = { mon: [3300, 6789], osd: { first: 6800, last: 7300 } } as const;
/**
 * The Kubernetes API a cluster's workers open: the address `apiServerAddress` gives the Talos
 * cluster endpoint and Cilium's `k8sServiceHost`, so the flow is to where the configs point,
 * with the config fact that puts it there. `i` is the tenant's index in the plan.
 */
function kubeApiFlow(
  t: Pick<Topology, "devices">,
  tenant: TenantPlan,
  i: number,
): { readonly to: string; readonly dst: Address; readonly why: string } {
  const k = clusterOf(tenant);
  const dst = apiServerAddress(t, tenant);
  const vips = [k.vip.ipv4, k.vip.ipv6].filter((v): v is Address => v !== undefined);
  if (vips.some((v) => v.equals(dst)))
    return {
      to: k.name,
      dst,
      why: `tenants[${i}].kubernetes.vip: the Kubernetes API of ${k.name}`,
    };
  const first = k.nodes.find((x) => x.role === "controlplane")?.name;
  return {
    to: k.name,
    dst,
    why: `tenants[${i}].kubernetes.nodes: the Kubernetes API of ${k.name} at its first control-plane node ${first} (no node holds the VIP ${vips.join(" or ")})`,
  };
}

/** kube-apiserver's secure port (Kubernetes default `--secure-port=6443`). */
const KUBE_API_PORT = 6443;

/**
 * The package mirrors a cloud image's apt sources name (Debian 12 and 13 cloud images:
 * deb.debian.org and security.debian.org; Ubuntu 24.04 and 26.04 cloudimg: archive.ubuntu.com
 * and security.ubuntu.com),
 * over HTTP (apt's default) and HTTPS.
 */
export const IMAGE_MIRRORS: Readonly<Record<CloudImage, readonly string[]>> = {
  "debian-12": ["deb.debian.org", "security.debian.org"],
  "debian-13": ["deb.debian.org", "security.debian.org"],
  "ubuntu-24.04": ["archive.ubuntu.com", "security.ubuntu.com"],
  "ubuntu-26.04": ["archive.ubuntu.com", "security.ubuntu.com"],
};

/** Debian's NTP pool, as systemd-timesyncd is built on Debian (see IMAGE_TIME_SERVERS). */
const DEBIAN_POOL = [0, 1, 2, 3].map((k) => `${k}.debian.pool.ntp.org`);

/** Where a cloud image is downloaded from by the Proxmox host (render/cloud-init/images.ts). */
export const IMAGE_HOSTS: Readonly<Record<CloudImage, string>> = {
  "debian-12": "cloud.debian.org",
  "debian-13": "cloud.debian.org",
  "ubuntu-24.04": "cloud-images.ubuntu.com",
  "ubuntu-26.04": "cloud-images.ubuntu.com",
};

/**
 * The registries a Talos node pulls its bootstrap images from with no mirror configured: the
 * installer from the image factory, kubelet and the Talos images from ghcr.io, etcd from gcr.io,
 * the control plane and CoreDNS from registry.k8s.io, Cilium from quay.io (Talos docs,
 * "Air-gapped environments": the image list of `talosctl image default`).
 */
export const TALOS_REGISTRIES = ["gcr.io", "ghcr.io", "quay.io", "registry.k8s.io"] as const;

/**
 * The time servers a Talos node uses when its machine config sets none: the stack renders no
 * `machine.time.servers` and no `TimeSyncConfig` (render/talos/*), so Talos keeps its default
 * (Talos docs, "Time Servers" and "Time Synchronization": time.cloudflare.com). Over plain NTP
 * (udp/123) only: the Time Servers pages of v1.12 to v1.14 name no NTS, and v1.15's is the first to
 * say "NTS is used by default with the default time server (time.cloudflare.com)" (docs.siderolabs.com
 * /talos/v1.15/networking/configuration/time), which would add its TLS key exchange on tcp/4460
 * (RFC 8915 section 4). The stack renders v1.11 to v1.13 (addressing/talos-versions.ts).
 */
export const TALOS_TIME_SERVERS = ["time.cloudflare.com"] as const;

/**
 * The time servers of a cloud image's own NTP client, which the stack's cloud-init leaves as the
 * image ships it (render/cloud-init/* writes no `ntp:` module config): Debian's
 * systemd-timesyncd is built with the Debian pool (`0.debian.pool.ntp.org` to `3.`, debian/rules
 * of the systemd package), Ubuntu's with `ntp.ubuntu.com` (its timesyncd.conf `NTP=` default).
 */
export const IMAGE_TIME_SERVERS: Readonly<Record<CloudImage, readonly string[]>> = {
  "debian-12": DEBIAN_POOL,
  "debian-13": DEBIAN_POOL,
  "ubuntu-24.04": ["ntp.ubuntu.com"],
  "ubuntu-26.04": ["ntp.ubuntu.com"],
};

/**
 * The time servers of a Proxmox VE host: chrony, the default NTP daemon since Proxmox VE 7
 * (Proxmox VE admin guide, "Time Synchronization"), with Debian's /etc/chrony/chrony.conf
 * (`pool 2.debian.pool.ntp.org iburst`), which the stack does not change.
 */
export const PROXMOX_TIME_SERVERS = ["2.debian.pool.ntp.org"] as const;

const hostOf = (url: string): string => url.replace(/^[a-z]+:\/\//, "").replace(/[/:].*$/, "");

/** One mirror endpoint the Talos nodes pull from, with the registries it stands in for. */
export interface MirrorEndpoint {
  /** Index of the talos.registryMirrors entry. */
  readonly index: number;
  readonly url: string;
  /** The URL's host: a name, or an address (IPv6 without its brackets). */
  readonly host: string;
  /** The host as an address, when the URL gives one. */
  readonly address?: Address;
  /** The URL's port, else 443 for https and 80 for http. */
  readonly port: number;
  /** The registries the node would otherwise pull from, sorted. */
  readonly registries: readonly string[];
}

/** `https://[fd00::5]:5000/v2` -> host `fd00::5`, port 5000; the scheme's port when none. */
export function mirrorEndpoint(url: string): { host: string; port: number } {
  const m = /^(https?):\/\/(?:\[([^\]]+)\]|([^:/]+))(?::([0-9]+))?/.exec(url);
  if (!m)
    throw new Error(`mirror endpoint ${url} is no http(s) URL (site/spec-talos.ts checks it)`);
  return { host: m[2] ?? m[3], port: m[4] ? Number(m[4]) : m[1] === "https" ? 443 : 80 };
}

/**
 * Where a Talos node pulls its images from: the registries no talos.registryMirrors entry names
 * (the image factory's host and TALOS_REGISTRIES; an entry for the registry itself wins over `*`,
 * as in Talos), and each endpoint of the entries that apply, once per distinct URL.
 */
export function talosPulls(plan: Pick<Plan, "talos">): {
  direct: string[];
  mirrors: MirrorEndpoint[];
} {
  const all = [hostOf(plan.talos.factory), ...TALOS_REGISTRIES];
  const mirrors = plan.talos.registryMirrors;
  const entryOf = (r: string) => {
    const own = mirrors.findIndex((m) => m.registry === r);
    return own >= 0 ? own : mirrors.findIndex((m) => m.registry === "*");
  };
  const byUrl = new Map<string, MirrorEndpoint>();
  for (const r of all) {
    const index = entryOf(r);
    if (index < 0) continue;
    for (const url of mirrors[index].endpoints) {
      const had = byUrl.get(url);
      const { host, port } = mirrorEndpoint(url);
      const parsed = Address.parse(host);
      byUrl.set(url, {
        index: had?.index ?? index,
        url,
        host,
        ...(parsed.ok ? { address: parsed.value } : {}),
        port,
        registries: [...(had?.registries ?? []), r].sort(),
      });
    }
  }
  return { direct: all.filter((r) => entryOf(r) < 0), mirrors: [...byUrl.values()] };
}

class Collector {
  private readonly byKey = new Map<string, SiteFlow>();

  add(f: Omit<SiteFlow, "hosts" | "why"> & { hosts?: readonly string[]; why: string }): void {
    const k = `${f.from}|${f.to}|${f.dst?.toString() ?? ""}|${f.protocol}|${f.port}|${f.portEnd ?? ""}`;
    const had = this.byKey.get(k);
    const hosts = [...new Set([...(had?.hosts ?? []), ...(f.hosts ?? [])])].sort();
    const why = had ? (had.why.includes(f.why) ? had.why : [...had.why, f.why]) : [f.why];
    this.byKey.set(k, { ...f, hosts, why });
  }

  all(): SiteFlow[] {
    return [...this.byKey.values()];
  }
}

/** The device holding `a` as its own address (not an anycast gateway), or undefined. */
function holderName(devices: readonly Device[], a: Address): string | undefined {
  return devices.find((d) =>
    d.interfaces.some((i) =>
      i.addresses.some((h) => h.role !== "anycast-gateway" && h.address.equals(a)),
    ),
  )?.name;
}

/**
 * Every flow the site's own machines need, deduplicated (one per source machine, destination,
 * protocol and port; the config facts that need it are merged in `why`), in derivation order:
 * resolvers, time servers, egress, the Kubernetes API, Ceph, the hosts' time servers and
 * downloads, BGP/BFD.
 */
export function siteFlows(
  plan: Plan,
  t: Pick<Topology, "devices" | "sessions" | "segments">,
): SiteFlow[] {
  const out = new Collector();
  // A device of the plan, else the segment the address sits in (a gateway the plan does not
  // configure), else the internet.
  const dest = (a: Address) =>
    holderName(t.devices, a) ??
    t.segments.find((s) => s.prefixes.some((p) => p.contains(a)))?.name ??
    "internet";
  const resolver = (from: string, a: Address, why: string) => {
    for (const protocol of ["udp", "tcp"] as const)
      out.add({ from, to: dest(a), dst: a, protocol, port: DNS_PORT, why });
  };
  const egress = (from: string, hosts: readonly string[], ports: number[], why: string) => {
    for (const port of ports) out.add({ from, to: "internet", hosts, protocol: "tcp", port, why });
  };
  const factory = hostOf(plan.talos.factory);
  // A mirror named by a homelab:dns entry, or by a static record a router of the stack serves
  // (routers[].dnsRecords and the names under its dnsDomain), is that address of the site.
  const dnsAddress = (host: string) =>
    [...plan.dns, ...plan.routers.flatMap((r) => r.dnsRecords)].find(
      (d) => d.name.toLowerCase() === host.toLowerCase(),
    )?.address;
  const ntp = (from: string, hosts: readonly string[], why: string) =>
    out.add({ from, to: "internet", hosts, protocol: "udp", port: NTP_PORT, why });
  // Resolvers, package mirrors and the declared outbound connections of the cloud-init VMs.
  plan.vms.forEach((vm, i) => {
    vm.outbound.forEach((o, j) => {
      for (const port of o.ports)
        out.add({
          from: vm.name,
          to: o.to,
          protocol: o.protocol,
          port,
          why: `vms[${i}].outbound[${j}]: ${redactOwnerText(o.why)}`,
        });
    });
    const d = t.devices.find((x) => x.name === vm.name);
    const given = d ? reachableResolvers(plan, t, d, vm.nameservers) : vm.nameservers;
    for (const a of given) resolver(vm.name, a, `vms[${i}].nameservers: ${a}`);
    ntp(
      vm.name,
      IMAGE_TIME_SERVERS[vm.image],
      `vms[${i}].image: ${vm.image} sets its clock by NTP from its distribution's servers`,
    );
    if (vm.packages.length > 0)
      egress(
        vm.name,
        IMAGE_MIRRORS[vm.image],
        [80, 443],
        `vms[${i}].packages: ${vm.image} installs ${vm.packages.join(", ")} from its mirrors`,
      );
  });
  // Resolvers, the image factory and the registries of the cluster nodes.
  plan.tenants.forEach((tn, i) => {
    const k = tn.kubernetes;
    if (!k) return;
    const api = kubeApiFlow(t, tn, i);
    for (const n of k.nodes) {
      // The resolvers the renderers give the node (render/talos/inputs.ts,
      // render/cloud-init/inputs.ts): of the families of its NICs, with a way out.
      const d = t.devices.find((x) => x.name === n.name);
      const given = d ? reachableResolvers(plan, t, d, configuredResolvers(plan, d).list) : [];
      for (const a of given) resolver(n.name, a, `talos.nameservers: ${a}`);
      if (k.nodeOs === "talos") {
        ntp(
          n.name,
          TALOS_TIME_SERVERS,
          `tenants[${i}].kubernetes: Talos sets its clock by NTP from its default time server (no machine.time.servers)`,
        );
        const pulls = talosPulls(plan);
        const direct = (hosts: readonly string[], why: string) => {
          if (hosts.length > 0) egress(n.name, hosts, [443], why);
        };
        direct(
          pulls.direct.filter((h) => h === factory),
          `talos.factory: ${plan.talos.factory}`,
        );
        direct(
          pulls.direct.filter((h) => h !== factory),
          `tenants[${i}].kubernetes: Talos pulls etcd, Kubernetes and Cilium images`,
        );
        for (const m of pulls.mirrors) {
          const a = m.address ?? dnsAddress(m.host);
          const why = `talos.registryMirrors[${m.index}]: ${m.registries.join(", ")} from ${m.url}`;
          if (a) out.add({ from: n.name, to: dest(a), dst: a, protocol: "tcp", port: m.port, why });
          else egress(n.name, [m.host], [m.port], why);
        }
      } else {
        ntp(
          n.name,
          IMAGE_TIME_SERVERS[k.linux.image],
          `tenants[${i}].kubernetes.linux: ${k.linux.image} sets its clock by NTP from its distribution's servers`,
        );
        egress(
          n.name,
          IMAGE_MIRRORS[k.linux.image],
          [80, 443],
          `tenants[${i}].kubernetes.linux: ${k.linux.image} installs ${["frr", ...k.linux.packages].join(", ")}`,
        );
      }
      // Every worker opens the API at the one address its Talos config and Cilium's values name
      // (kube-api.ts apiServerAddress): a VIP Talos holds, else the first control-plane node.
      if (n.role === "worker")
        out.add({ from: n.name, ...api, protocol: "tcp", port: KUBE_API_PORT });
    }
  });
  // Ceph: a node or VM with its own route into the Ceph public network (a default route is not
  // one: seed 001's nodes route fc00:20::/64 on purpose) is a client of the Proxmox hosts'
  // monitors and OSDs there (clients use the public network only, never the cluster one).
  for (const d of t.devices) {
    if (d.kind !== "node" && d.kind !== "vm") continue;
    for (const r of d.routes) {
      const pub = [plan.global.cephPublic?.ipv4, plan.global.cephPublic?.ipv6].find(
        (p) =>
          p && r.kind === "static" && r.dst.length > 0 && (r.dst.contains(p) || p.contains(r.dst)),
      );
      if (!pub) continue;
      for (const h of plan.hosts) {
        const a = h.cephPublic[pub.family === 4 ? "ipv4" : "ipv6"];
        if (!a) continue;
        const why = `global.cephPublic: ${pub}, which ${d.name} routes to (${r.dst} via ${r.via ?? r.dev})`;
        for (const port of CEPH_PORTS.mon)
          out.add({ from: d.name, to: dest(a), dst: a, protocol: "tcp", port, why });
        out.add({
          from: d.name,
          to: dest(a),
          dst: a,
          protocol: "tcp",
          port: CEPH_PORTS.osd.first,
          portEnd: CEPH_PORTS.osd.last,
          why,
        });
      }
    }
  }
  // The images each Proxmox host downloads: the cloud images of its VMs, the Talos ISO.
  for (const h of plan.hosts) {
    // Where the stack gives the hosts a way out (hostNetwork.gateway: their default route);
    // without one, what the hosts set their clocks from is not the plan's to say.
    const routes = t.devices.find((d) => d.name === h.name)?.routes ?? [];
    if (routes.some((r) => r.dst.length === 0))
      ntp(
        h.name,
        PROXMOX_TIME_SERVERS,
        "hosts: Proxmox VE sets its clock by chrony from the Debian pool",
      );
    const images = new Set<CloudImage>();
    plan.vms.filter((v) => v.host === h.name).forEach((v) => images.add(v.image));
    for (const tn of plan.tenants)
      if (tn.kubernetes?.nodeOs === "linux") images.add(tn.kubernetes.linux.image);
    for (const img of [...images].sort())
      egress(h.name, [IMAGE_HOSTS[img]], [443], `vms: the ${img} cloud image`);
    if (plan.tenants.some((tn) => tn.kubernetes?.nodeOs === "talos"))
      egress(
        h.name,
        [hostOf(plan.talos.factory)],
        [443],
        `talos.factory: the Talos ISO ${plan.talos.version}`,
      );
  }
  // BGP from both ends (either may open the connection), BFD where an end runs it.
  for (const s of t.sessions) {
    for (const [a, b] of [s.ends, [s.ends[1], s.ends[0]] as const]) {
      const why = `${s.path}: BGP session ${s.id}`;
      out.add({
        from: a.device,
        to: b.device,
        dst: b.address,
        protocol: "tcp",
        port: BGP_PORT,
        why,
      });
      if (sessionBfd(a) && sessionBfd(b)) {
        const port = a.multihop ? BFD_PORT.multihop : BFD_PORT.singleHop;
        out.add({ from: a.device, to: b.device, dst: b.address, protocol: "udp", port, why });
      }
    }
  }
  return out.all();
}

/**
 * The `vms[].outbound` entries whose `to` is neither `internet` nor a machine of the topology,
 * each naming the closest machine name (Levenshtein distance) as the fix.
 */
export function outboundProblems(plan: Plan, devices: readonly Device[]): Problem[] {
  const names = devices.map((d) => d.name);
  return plan.vms.flatMap((vm, i) =>
    vm.outbound.flatMap((o, j): Problem[] => {
      if (o.to === "internet" || names.includes(o.to)) return [];
      const near = names.length > 0 ? closest(o.to, names) : undefined;
      return [
        {
          path: `vms[${i}].outbound[${j}].to`,
          input: o.to,
          message: "is no machine of the plan",
          fix: `use internet or a VM, node, host or router name${near ? ` (did you mean ${near}?)` : ""}`,
        },
      ];
    }),
  );
}

/** `from -> to protocol/port` (`dst` and the hosts in brackets where known). */
export function flowText(f: SiteFlow): string {
  const where = f.dst ? ` (${f.dst})` : f.hosts.length > 0 ? ` (${f.hosts.join(", ")})` : "";
  return `${f.from} -> ${f.to}${where} ${f.protocol}/${f.port}${f.portEnd ? `-${f.portEnd}` : ""}`;
}
