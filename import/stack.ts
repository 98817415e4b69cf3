// The saved files of a running site, read, into one stack's config (the homelab:* keys) and the
// report of what they hold that the stack cannot. Pure: the readers (ifquery, the RouterOS export
// parser, the section-config reader) run before, the loader checks the result after.
import * as ipaddr from "ipaddr.js";
import { Address, Prefix } from "../addressing/ip";
import { RouterOsExport } from "../twin/routeros/export";
import { importFilters, ImportedSegment } from "./filters";
import { hostWiring, IfaceObj, Locator } from "./interfaces";
import { importFirewall, importSdn } from "./pve";
import { Report } from "./report";
import { importRouter, RouterVlan } from "./routeros";

export interface ImportInput {
  readonly site: string;
  readonly hosts: readonly {
    name: string;
    file: string;
    ifaces: IfaceObj[];
    where: Locator;
    /** ifupdown2's warnings, `<file>: line<n>: <message>`. */
    warnings?: readonly string[];
  }[];
  /** SDN files by base name, and the directory they came from (for the report). */
  readonly sdn?: { dir: string; files: ReadonlyMap<string, string> };
  readonly firewall?: readonly { file: string; text: string }[];
  readonly routers: readonly { name: string; file: string; exported: RouterOsExport }[];
}

const CARRIES = ["management", "cephPublic", "cephCluster"] as const;
type Carries = (typeof CARRIES)[number];

/** `10.0.0.5/24` -> its network `10.0.0.0/24` and the offset 5 of the address in it. */
function split(cidr: string): { net: string; offset: bigint; family: "ipv4" | "ipv6" } {
  const [addr, len] = ipaddr.parseCIDR(cidr);
  const bytes = addr.toByteArray();
  const bits = bytes.length * 8;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - len)) - 1n);
  const netN = n & mask;
  const out: number[] = [];
  for (let i = bytes.length - 1, v = netN; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  const net = ipaddr.fromByteArray(out).toString();
  return {
    net: `${net}/${len}`,
    offset: n - netN,
    family: addr.kind() === "ipv4" ? "ipv4" : "ipv6",
  };
}

/**
 * The stack config (keys without the `homelab:` prefix) and the report. Each host's management
 * device is the one holding its default gateway (else its first address); further addressed
 * devices are taken as Ceph public, then Ceph cluster, and the report says so.
 */
export function importSite(input: ImportInput): {
  config: Record<string, unknown>;
  report: Report;
} {
  const report = new Report();
  const config: Record<string, unknown> = { site: { name: input.site } };
  const global: Record<string, Record<string, string>> = {};
  const hosts: Record<string, unknown>[] = [];
  const existingIfaces: { node: string; names: string[] }[] = [];
  let shared: string | undefined;
  const holders: HostFamilies[] = [];
  input.hosts.forEach((h, hi) => {
    for (const warning of h.warnings ?? []) {
      const m = /^(.*?): line([0-9]+): (.*)$/.exec(warning);
      report.reported({
        kind: "ifupdown2 warnings",
        file: m ? m[1] : h.file,
        line: m ? Number(m[2]) : 0,
        text: m ? m[3] : warning,
        why: "ifupdown2 read past this line; check what the line meant to bring in",
      });
    }
    const w = hostWiring(h.file, h.ifaces, h.where, report);
    const entry: Record<string, unknown> = { name: h.name };
    // Devices with addresses, in order, the gateway's first.
    const addressed = [...new Set(w.addresses.map((a) => a.device))].sort(
      (a, b) => Number(b === w.gateway.device) - Number(a === w.gateway.device),
    );
    const role = new Map<string, Carries>();
    addressed.forEach((d, i) => {
      const carries = CARRIES[i];
      const loc = h.where.stanzas.get(d) ?? { file: h.file, line: 0, text: `iface ${d}` };
      if (!carries) {
        report.reported({
          kind: "Host addresses",
          ...loc,
          why: "the stack gives a host addresses on management, Ceph public and Ceph cluster only; this device's address is left out",
        });
        return;
      }
      role.set(d, carries);
      if (carries !== "management" || d !== w.gateway.device)
        report.assumed({
          ...loc,
          why: `${d} carries ${carries} (${carries === "management" ? "the first device with an address: no default gateway" : "the next device with an address after management"}); change carries if it is another network`,
        });
    });
    let id = hi + 1;
    const overrides: Record<string, Record<string, string>> = {};
    for (const a of w.addresses) {
      const carries = role.get(a.device);
      if (!carries) continue;
      const s = split(a.address);
      const g = (global[carries] ??= {});
      if (carries === "management" && s.family === "ipv4" && s.offset >= 1n && s.offset <= 65535n)
        id = Number(s.offset);
      if (g[s.family] === undefined) g[s.family] = s.net;
    }
    entry.id = id;
    // Which families this host holds on each network, for addedFamilies below.
    const families = new Map<string, Set<string>>();
    for (const a of w.addresses) {
      const carries = role.get(a.device);
      if (!carries) continue;
      families.set(carries, (families.get(carries) ?? new Set()).add(split(a.address).family));
    }
    const mgmtDevice = [...role].find(([, c]) => c === "management")?.[0];
    const where = (mgmtDevice && h.where.stanzas.get(mgmtDevice)) || {
      file: h.file,
      line: 0,
      text: `host ${h.name}`,
    };
    holders.push({ name: h.name, id, families, where });
    // An address that is not prefix + ID is written as the host's override.
    for (const a of w.addresses) {
      const carries = role.get(a.device);
      if (!carries) continue;
      const s = split(a.address);
      if (global[carries][s.family] !== s.net || s.offset !== BigInt(id))
        (overrides[carries] ??= {})[s.family] = a.address.split("/")[0];
    }
    Object.assign(entry, overrides);
    for (const list of [w.network.bridges, w.network.bonds, w.network.vlans]) {
      for (const d of list) {
        const name = d.name ?? `${String(d.on)}.${String(d.id)}`;
        const dev =
          w.addresses.find(
            (a) =>
              a.device === name || (d.name === undefined && a.device.endsWith(`.${String(d.id)}`)),
          )?.device ?? String(name);
        const carries = role.get(dev);
        if (carries) d.carries = carries;
      }
    }
    const net: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(w.network)) if (v.length > 0) net[k] = v;
    const gw: Record<string, string> = {};
    if (w.gateway.ipv4) gw.ipv4 = w.gateway.ipv4;
    if (w.gateway.ipv6) gw.ipv6 = w.gateway.ipv6;
    if (Object.keys(gw).length > 0) net.gateway = gw;
    // The first host's wiring is homelab:hostNetwork; a host wired otherwise gets its own.
    const text = JSON.stringify(net);
    if (shared === undefined) {
      shared = text;
      config.hostNetwork = net;
    } else if (text !== shared) entry.network = net;
    hosts.push(entry);
    // homelab:existing adopts the management bridge (or the bridge its VLAN rides on) already.
    const mgmt = [...role].find(([, c]) => c === "management")?.[0] ?? "";
    const mgmtBridge = [mgmt, mgmt.replace(/\.[0-9]+$/, "")].find((n) =>
      w.network.bridges.some((b) => b.name === n),
    );
    const names = w.names.filter((n) => n !== mgmtBridge);
    if (names.length > 0) existingIfaces.push({ node: h.name, names });
  });
  addedFamilies(holders, global, report);
  if (Object.keys(global).length > 0) config.global = global;
  if (hosts.length > 0) config.hosts = hosts;
  const existing: Record<string, unknown> = {};
  if (existingIfaces.length > 0) existing.interfaces = existingIfaces;
  if (input.sdn) {
    const dir = input.sdn.dir;
    const s = importSdn(input.sdn.files, (n) => `${dir}/${n}`, report);
    if (Object.keys(s.sdn).length > 0) config.sdn = s.sdn;
    const e: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(s.existing)) if (v.length > 0) e[k] = v;
    if (Object.keys(e).length > 0) existing.sdn = e;
  }
  if (Object.keys(existing).length > 0) config.existing = existing;
  for (const f of input.firewall ?? []) importFirewall(f.file, f.text, report);
  const imported = input.routers.map((r) => importRouter(r.name, r.file, r.exported, report));
  const routers = imported.map((r) => r.entry);
  if (routers.length > 0) config.routers = routers;
  const segments = routerSegments(imported, report);
  if (segments.length > 0) config.segments = segments;
  const rules = importFilters(
    imported.flatMap((r) => r.filters),
    segments.map((s): ImportedSegment => ({
      name: String(s.name),
      ...(typeof s.ipv4 === "string" ? { ipv4: s.ipv4 } : {}),
      ...(typeof s.ipv6 === "string" ? { ipv6: s.ipv6 } : {}),
    })),
    report,
  );
  if (rules.length > 0) config.policy = { rules };
  return { config, report };
}

/** The families a host holds on each network it carries, and where its management stanza is. */
interface HostFamilies {
  readonly name: string;
  readonly id: number;
  readonly families: ReadonlyMap<string, ReadonlySet<string>>;
  readonly where: { file: string; line: number; text: string };
}

/**
 * A host that has no address of a family another host gave the network's global prefix
 * (global.management.ipv6 read from pve1) gets the stack's derived address of that family, which
 * the first `pulumi up` adds to it: one assumption line per host, family and network, with the
 * address (new-user trial 3, finding 16: the import said nothing of it).
 */
function addedFamilies(
  holders: readonly HostFamilies[],
  global: Record<string, Record<string, string>>,
  report: Report,
): void {
  for (const h of holders)
    for (const [carries, prefixes] of Object.entries(global)) {
      if (!h.families.has(carries)) continue;
      for (const [family, prefix] of Object.entries(prefixes)) {
        if (h.families.get(carries)?.has(family)) continue;
        const p = Prefix.parse(prefix);
        if (!p.ok) continue;
        const address = Address.of(p.value.family, p.value.network + BigInt(h.id));
        report.assumed({
          ...h.where,
          why: `${h.name} has no ${family === "ipv4" ? "IPv4" : "IPv6"} address on ${carries} here, yet global.${carries}.${family} is ${prefix} (from another host): the stack gives ${h.name} ${address} (that prefix and its ID ${h.id}), which the first pulumi up adds to the host; add it to the host now, or take global.${carries}.${family} out if no host should have it`,
        });
      }
    }
}

/** A label the stack takes as a segment name: lowercase, `-` for anything else, 63 at most. */
function segmentName(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return /^[a-z]/.test(n) ? n : `vlan-${n}`;
}

/**
 * The routers' VLAN interfaces as homelab:segments: the VLAN ID, the subnet of the router's
 * first address of each family on the interface and that address as the gateway, held by the
 * router (the address also stays in routers[].addresses, which a declared gateway is not a
 * second owner of). A name several routers use is made `<router>-<name>` for each, and the
 * report says so: two routers' vlan20 are two segments until the owner says they are one.
 */
function routerSegments(
  imported: readonly { entry: Record<string, unknown>; vlans: readonly RouterVlan[] }[],
  report: Report,
): Record<string, unknown>[] {
  const all = imported.flatMap((r) => r.vlans);
  const byName = new Map<string, RouterVlan[]>();
  for (const v of all)
    byName.set(segmentName(v.name), [...(byName.get(segmentName(v.name)) ?? []), v]);
  return imported.flatMap(({ entry, vlans }) =>
    vlans.map((v) => {
      const base = segmentName(v.name);
      const shared = byName.get(base) ?? [];
      const name = shared.length > 1 ? segmentName(`${v.router}-${base}`) : base;
      if (shared.length > 1) {
        const others = shared
          .filter((o) => o !== v)
          .map((o) => `${o.router} (${o.file}:${o.line})`)
          .join(", ");
        report.assumed({
          file: v.file,
          line: v.line,
          text: v.text,
          why: `${v.name} is a VLAN interface of ${others} too: the segment is named ${name}; if they are one network, keep one segment and set its gateway's owner`,
        });
      } else if (name !== v.name)
        report.assumed({
          file: v.file,
          line: v.line,
          text: v.text,
          why: `the segment of ${v.name} is named ${name} (a segment name is a lowercase DNS label)`,
        });
      if (v.outsideLan)
        report.assumed({
          file: v.file,
          line: v.line,
          text: v.text,
          why: `${v.name} is not in ${v.router}'s interface list LAN, so its factory input drop (in-interface-list=!LAN) keeps segment ${name} off the router itself; the stack's script adds a segment's interface to LAN unless its zone denies by default: to keep it out, add { zone: ${name}, default: deny } to homelab:policy zones (the router then also drops what ${name} forwards unless a rule allows it)`,
        });
      const seg: Record<string, unknown> = { name, vlan: v.vlan };
      const gateway: Record<string, string> = {};
      const held = ((entry.addresses ?? []) as { interface: string; address: string }[]).filter(
        (a) => a.interface === v.name,
      );
      for (const fam of ["ipv4", "ipv6"] as const) {
        const a = held.find((x) => (fam === "ipv4") === !x.address.includes(":"));
        if (!a) continue;
        seg[fam] = split(a.address).net;
        gateway[fam] = a.address.split("/")[0];
      }
      if (v.mtu !== undefined) seg.mtu = v.mtu;
      if (Object.keys(gateway).length > 0) seg.gateway = { ...gateway, owner: v.router };
      return seg;
    }),
  );
}
