// The site's own flows in the twin (flows.json): an `internet` namespace standing for the outside,
// attached to every uplink interface flows.json names (routers[].uplink.interfaces), and one probe
// per distinct flow from a representative machine's namespace.
// - Each uplink interface is a veth from the router to the internet namespace on a transfer /30
//   and /64 of the documentation ranges (192.0.2.0/24, RFC 5737; 2001:db8:fffe::/48, RFC 3849);
//   the router's default route (where its artifacts give none) leaves by its first uplink.
// - The internet namespace's main table holds only those links: no route back into the site's
//   private ranges, so a packet from a private address gets its answer only through the router's
//   source NAT (masquerade, NAT66 or netmap, as the router's artifact renders it).
// - It holds the internet addresses the flows name (1.1.1.1, 2606:4700:4700::1111) and, for a host
//   name (a mirror, a registry), a fixed stand-in address per name: STAND_INS below, from
//   198.51.100.0/24 (RFC 5737) and 2001:db8:5a::/64 (RFC 3849); a name not listed gets
//   .100 onward in sorted order. A flow to several names probes the first.
// - A distinct flow is probed from a machine whose flow the plan's check passes, or leaves
//   unverified only at an EVPN anycast gateway (flows.json `anycastGateway`) of a zone whose way on
//   the twin models: a VNet bridge holding that gateway whose packets look up the zone's VRF table,
//   which leads to the exit nodes (twin/site/hosts.ts). It is skipped (and says why) when the
//   plan's check passes none of its flows (blocked, or unverified elsewhere: the path leaves what
//   the plan and so the twin model, e.g. a gateway no device holds, or an EVPN zone without exit
//   nodes), when no namespace of the twin is its machine or holds its destination, when it leads
//   to the internet and no router has an uplink, or when it is BFD to a namespace where bfdd holds
//   the port (bfdd answers no probe; the BGP checks show the session).
import { Address, Family, Prefix } from "../../addressing/ip";
import { FlowEntry, flowGroups } from "../../topology/flow-report";
import { readFlows } from "../../render/flows/document";
import { ArtifactMap } from "../readback/folder";
import { SiteBuilder } from "./builder";
import { INTERNET, placed } from "./policy";

/** The name a flow to `internet` with neither an address nor a host name is probed as. */
export const ANY_INTERNET_HOST = "(any internet address)";

/** The stand-in address index of each internet host name the flows name (see the header). */
export const STAND_INS: Readonly<Record<string, number>> = {
  "deb.debian.org": 1,
  "security.debian.org": 2,
  "archive.ubuntu.com": 3,
  "security.ubuntu.com": 4,
  "cloud.debian.org": 5,
  "cloud-images.ubuntu.com": 6,
  "factory.talos.dev": 7,
  "gcr.io": 8,
  "ghcr.io": 9,
  "quay.io": 10,
  "registry.k8s.io": 11,
  // A declared connection to the internet that names no host (vms[].outbound: cloudflared's 7844).
  [ANY_INTERNET_HOST]: 12,
  // Time servers (topology/flows.ts: Talos, the cloud images, the Proxmox hosts).
  "time.cloudflare.com": 13,
  "0.debian.pool.ntp.org": 14,
  "1.debian.pool.ntp.org": 15,
  "2.debian.pool.ntp.org": 16,
  "3.debian.pool.ntp.org": 17,
  "ntp.ubuntu.com": 18,
};

/** The stand-in address of the `index`th name in `family`. */
export function standIn(index: number, family: Family): string {
  return family === 4 ? `198.51.100.${index}` : `2001:db8:5a::${index.toString(16)}`;
}

/** The transfer link of the `k`th uplink interface: the router's and the internet's ends. */
export function uplinkLink(k: number, f: Family): { router: string; internet: string } {
  return f === 4
    ? { router: `192.0.2.${4 * k + 1}/30`, internet: `192.0.2.${4 * k + 2}/30` }
    : {
        router: `2001:db8:fffe${k === 0 ? "" : `:${k.toString(16)}`}::1/64`,
        internet: `2001:db8:fffe${k === 0 ? "" : `:${k.toString(16)}`}::2/64`,
      };
}

/** BFD control ports (RFC 5881, RFC 5883). */
const BFD_PORTS = [3784, 4784];

const bare = (cidr: string) => Address.from(cidr.split("/")[0]).toString();

/** Whether `node` has a default route of family `f` in its main table already. */
function hasDefault(b: SiteBuilder, node: string, f: Family): boolean {
  const any = f === 4 ? "0.0.0.0/0" : "::/0";
  return b.routes.some((r) => {
    if (r.node !== node || r.from || (r.dst !== "default" && r.dst !== any)) return false;
    const gw = r.via ?? r.nexthops?.[0];
    return r.dst === any || (gw !== undefined && Address.from(gw).family === f);
  });
}

/**
 * The ISP box's stand-in address on a subnet the router holds on its uplink (`192.168.178.2/24`
 * gives `192.168.178.1/24`): the first address of the subnet no end of the twin holds, skipping
 * the network address (and, in IPv4, the broadcast address); undefined for a host route or a
 * full subnet.
 */
export function ispAddress(cidr: string, held: ReadonlySet<string>): string | undefined {
  const [text, len] = cidr.split("/");
  const a = Address.from(text);
  const length = Number(len);
  if (length >= (a.family === 4 ? 31 : 127)) return undefined;
  const p = Prefix.containing(a.family, a.value, length);
  const last = p.size - (a.family === 4 ? 2n : 1n);
  for (let o = 1n; o <= last && o < 65536n; o++) {
    const x = p.host(o);
    if (!x.equals(a) && !held.has(x.toString())) return `${x}/${length}`;
  }
  return undefined;
}

/**
 * Where the internet enters a router in the twin: its first uplink interface attached
 * (routers[].uplink.interfaces[0], the one its default route leaves by), with the router's and the
 * internet's address on that link per family (bare addresses; a family the link has no address
 * of is absent).
 */
export interface UplinkLink {
  readonly iface: string;
  readonly router: Partial<Record<Family, string>>;
  readonly internet: Partial<Record<Family, string>>;
}

/** The uplinks the twin attached (attachUplinks), for the policy's and the flows' probes. */
export interface AttachedUplinks {
  /** How many uplink interfaces were attached. */
  readonly attached: number;
  /** `<router> <interface>` of uplinks an artifact had already plugged (not attached). */
  readonly plugged: readonly string[];
  /** The families the internet is reachable in through an attached uplink. */
  readonly families: ReadonlySet<Family>;
  /** Uplinks where the internet joins the router's own subnet (standing for the ISP's box). */
  readonly onSubnet: readonly string[];
  /** Per router, the link its internet traffic enters and leaves by. */
  readonly links: ReadonlyMap<string, UplinkLink>;
}

const NO_UPLINKS: AttachedUplinks = {
  attached: 0,
  plugged: [],
  families: new Set(),
  onSubnet: [],
  links: new Map(),
};

/**
 * The routers' uplinks of flows.json (routers[].uplink.interfaces): veths to the internet
 * namespace under the uplink's own name, so that the router's rules on that interface (a factory
 * router's `WAN` list, whose `defconf` drops take what comes in from the internet; the
 * masquerade out of it) apply to everything the internet sends or receives, the policy's probes
 * included; and the routers' default routes. Nothing without flows.json. Runs before the policy
 * (twin/site/policy.ts), which routes its internet addresses over these links.
 */
export function attachUplinks(files: ArtifactMap, b: SiteBuilder): AttachedUplinks {
  const text = files.get("flows.json");
  if (text === undefined) return NO_UPLINKS;
  const uplinks = readFlows(text).uplinks;
  let k = 0;
  const plugged: string[] = [];
  const families = new Set<Family>();
  const onSubnet: string[] = [];
  const links = new Map<string, UplinkLink>();
  const family = (cidr: string) => Address.from(cidr.split("/")[0]).family;
  const link = (router: string, iface: string, mine: string[], theirs: string[]) => {
    if (links.has(router)) return;
    const of = (cidrs: string[]) => {
      const out: Partial<Record<Family, string>> = {};
      for (const c of cidrs) out[family(c)] ??= bare(c);
      return out;
    };
    const v6 = (c: string) => !Prefix.from("fe80::/10").contains(Address.from(c.split("/")[0]));
    links.set(router, { iface, router: of(mine.filter(v6)), internet: of(theirs) });
  };
  for (const u of uplinks) {
    if (!b.has(u.router)) {
      b.note(`flows: flows.json names the uplink of ${u.router}, which no artifact makes a device`);
      continue;
    }
    u.interfaces.forEach((iface, i) => {
      const taken = b.veths.some((v) =>
        [v.a, v.b].some((e) => e.node === u.router && e.name === iface),
      );
      const plug = b.veths.find((v) =>
        [v.a, v.b].some((e) => e.node === u.router && e.name === iface),
      );
      if (plug) {
        // The router holds its own address towards the ISP's box on this interface: the
        // internet joins that link at a free address of the subnet, standing for the box.
        const mine = plug.a.node === u.router && plug.a.name === iface ? plug.a : plug.b;
        const other = mine === plug.a ? plug.b : plug.a;
        const held = new Set(placed(b).map((x) => bare(x.cidr)));
        const isp = mine.addresses.flatMap((c) => {
          const x = Address.from(c.split("/")[0]);
          if (x.family === 6 && Prefix.from("fe80::/10").contains(x)) return [];
          const found = ispAddress(c, held);
          return found ? [found] : [];
        });
        if (other.master !== undefined && isp.length > 0) {
          if (!b.has(INTERNET))
            b.device({ name: INTERNET, kind: "endpoint", modelledBy: "", sysctls: [] });
          b.veth(
            { node: INTERNET, name: `up${k}`, mtu: 1500, addresses: isp },
            {
              node: other.node,
              name: b.port(other.node),
              mtu: other.mtu,
              master: other.master,
              addresses: [],
            },
          );
          b.note(
            `flows: ${u.router} ${iface} holds ${mine.addresses.join(", ")}; the internet joins its link at ${isp.join(", ")}, standing for the ISP's box`,
          );
          for (const c of isp) families.add(Address.from(c.split("/")[0]).family);
          onSubnet.push(`${u.router} ${iface} (${mine.addresses.join(", ")})`);
          link(
            u.router,
            iface,
            mine.addresses.filter((c) => isp.some((x) => family(x) === family(c))),
            isp,
          );
          if (i === 0)
            for (const c of isp) {
              const f = Address.from(c.split("/")[0]).family;
              if (hasDefault(b, u.router, f))
                b.note(
                  `flows: ${u.router} has an IPv${f} default route of its own; its uplink ${iface} gets none`,
                );
              else b.routes.push({ node: u.router, dst: "default", via: bare(c) });
            }
          k++;
          return;
        }
      }
      if (taken) {
        b.note(
          `flows: ${u.router} ${iface} is already plugged by its artifact; not attached to the internet`,
        );
        plugged.push(`${u.router} ${iface}`);
        return;
      }
      families.add(4).add(6);
      const v4 = uplinkLink(k, 4);
      const v6 = uplinkLink(k, 6);
      if (!b.has(INTERNET))
        b.device({ name: INTERNET, kind: "endpoint", modelledBy: "", sysctls: [] });
      b.veth(
        { node: u.router, name: iface, mtu: 1500, addresses: [v4.router, v6.router] },
        { node: INTERNET, name: `up${k}`, mtu: 1500, addresses: [v4.internet, v6.internet] },
      );
      link(u.router, iface, [v4.router, v6.router], [v4.internet, v6.internet]);
      if (i === 0)
        for (const [f, via] of [
          [4, bare(v4.internet)],
          [6, bare(v6.internet)],
        ] as const) {
          const has = hasDefault(b, u.router, f);
          if (has)
            b.note(
              `flows: ${u.router} has an IPv${f} default route of its own; its uplink ${iface} gets none`,
            );
          else b.routes.push({ node: u.router, dst: "default", via });
        }
      k++;
    });
  }
  if (k > 0) {
    const i = b.devices.findIndex((d) => d.name === INTERNET);
    const policy = b.devices[i].modelledBy;
    b.devices[i] = {
      ...b.devices[i],
      modelledBy: `the internet: behind ${uplinks.map((u) => `${u.router} (${u.interfaces.join(", ")})`).join(", ")} on 192.0.2.0/24 and 2001:db8:fffe::/48, no route back into the site${policy ? `; ${policy}` : ""}`,
    };
  }
  return { attached: k, plugged, families, onSubnet, links };
}

/**
 * The EVPN anycast gateways of zones whose way on the twin builds (a VNet bridge holding the
 * gateway whose packets look up a VRF table first; twin/site/hosts.ts builds one only for a zone
 * with exit nodes), each with where it leads, or why the twin does not model it in that
 * gateway's family: a host whose VRF table holds the unreachable default hosts.ts puts where the
 * exit nodes have no underlay loopback of that family (real EVPN carries both families over one
 * underlay family's VTEPs; the twin routes the underlay natively). Keyed by the gateway address.
 */
function zonesWithWayOn(
  b: SiteBuilder,
): Map<string, { ok: true; via: string } | { ok: false; why: string }> {
  const out = new Map<string, { ok: true; via: string } | { ok: false; why: string }>();
  for (const br of b.bridges) {
    const rule = b.rules.find((r) => r.node === br.node && r.iif === br.name);
    if (!rule) continue;
    for (const c of br.addresses) {
      const a = bare(c);
      if (out.has(a)) continue;
      const f = Address.from(a).family;
      const none = `unreachable ${f === 4 ? "0.0.0.0/0" : "::/0"}`;
      const cut = [
        ...new Set(
          b.routes.filter((r) => r.table === rule.table && r.dst === none).map((r) => r.node),
        ),
      ];
      out.set(
        a,
        cut.length === 0
          ? { ok: true, via: `the zone's VRF (routing table ${rule.table}) to its exit nodes` }
          : {
              ok: false,
              why: `the twin routes the zone's VRF over the underlay natively and the exit nodes have no IPv${f} underlay loopback, so ${cut.join(", ")} ${cut.length === 1 ? "has" : "have"} no IPv${f} way to them in the twin (real EVPN carries IPv${f} over the VTEPs of the other family)`,
            },
      );
    }
  }
  return out;
}

/**
 * The distinct flows of flows.json as probes and skips, through the uplinks `attachUplinks`
 * attached. Does nothing without flows.json.
 */
export function buildFlows(files: ArtifactMap, b: SiteBuilder, attached: AttachedUplinks): void {
  const text = files.get("flows.json");
  if (text === undefined) return;
  const doc = readFlows(text);
  const { attached: uplinks, plugged, families, onSubnet } = attached;
  const holder = new Map<string, string>();
  for (const x of placed(b)) if (!holder.has(bare(x.cidr))) holder.set(bare(x.cidr), x.node);
  const bfdd = new Set(b.frr.filter((f) => f.daemons.includes("bfdd")).map((f) => f.node));
  const others = [...new Set(doc.flows.flatMap((f) => f.hosts))]
    .filter((h) => !(h in STAND_INS))
    .sort();
  const indexOf = (host: string) => STAND_INS[host] ?? 100 + others.indexOf(host);
  const held = new Set<string>();
  const zoneWayOn = zonesWithWayOn(b);
  for (const g of flowGroups(doc.flows)) {
    const skip = (why: string) => b.flowSkips.push({ name: g.name, why });
    const passed = g.entries.filter((e) => e.verdict === "pass");
    const way = (e: FlowEntry) => zoneWayOn.get(e.anycastGateway ?? "");
    const beyond = g.entries.filter((e) => e.verdict === "unverified" && way(e)?.ok === true);
    // The plan's own passes first: a flow it leaves unverified stands in only where none passes.
    const live = passed.length > 0 ? passed : beyond;
    if (live.length === 0) {
      const u = g.entries.find((e) => e.verdict === "unverified");
      const w = u && way(u);
      skip(
        !u
          ? `the plan's check finds it blocked (${g.entries[0].reason})`
          : w && !w.ok
            ? `the plan's check leaves it unverified (${u.reason}), and ${w.why}`
            : `the plan's check leaves it unverified (${u.reason}), and the twin models no more of its path than the plan`,
      );
      continue;
    }
    const e0 = live[0];
    if (e0.to === "internet" && uplinks === 0) {
      skip(
        plugged.length > 0
          ? `the twin attached no uplink to the internet (${plugged.join(", ")} already plugged by its artifact), so it has no way out to probe`
          : "no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
      );
      continue;
    }
    const rep = live.find(
      (e): e is FlowEntry & { src: string } => e.src !== undefined && holder.get(e.src) === e.from,
    );
    if (!rep) {
      const modelled = live.filter((e) => b.has(e.from)).map((e) => e.from);
      skip(
        modelled.length === 0
          ? `the twin does not model ${[...new Set(live.map((e) => e.from))].join(", ")}`
          : `no namespace of the twin holds ${live.map((e) => `${e.from}'s ${e.src ?? "source address"}`).join(", ")}`,
      );
      continue;
    }
    const family = Address.from(rep.src).family;
    if (rep.to === "internet" && !families.has(family)) {
      skip(
        `the twin's internet joins ${onSubnet.join(", ")} in the router's own subnet, which has no IPv${family} address, so the twin has no IPv${family} way out to probe`,
      );
      continue;
    }
    const host =
      rep.dst !== undefined
        ? undefined
        : (rep.hosts[0] ?? (rep.to === "internet" ? ANY_INTERNET_HOST : undefined));
    const dst = rep.dst ?? (host ? standIn(indexOf(host), family) : undefined);
    if (!dst) {
      skip("flows.json gives it no destination address or host name");
      continue;
    }
    let to: string | undefined;
    if (rep.to === "internet") {
      to = INTERNET;
      if (holder.get(dst) !== INTERNET && !held.has(dst)) {
        if (holder.has(dst)) {
          skip(`${dst} is an address of ${holder.get(dst)} in the twin, not of the internet`);
          continue;
        }
        held.add(dst);
        b.loopbacks.push({ node: INTERNET, address: `${dst}/${family === 4 ? 32 : 128}` });
      }
    } else to = holder.get(dst);
    if (!to) {
      skip(`no namespace of the twin holds ${dst}`);
      continue;
    }
    if (rep.protocol === "udp" && BFD_PORTS.includes(rep.port) && bfdd.has(to)) {
      skip(
        `UDP ${rep.port} at ${dst} is held by bfdd of ${to}, which answers no probe; the BGP checks show the session`,
      );
      continue;
    }
    const machines = [...new Set(g.entries.map((e) => e.from))];
    const gw = rep.verdict === "unverified" ? rep.anycastGateway : undefined;
    const on = gw ? zoneWayOn.get(gw) : undefined;
    b.flows.push({
      name: g.name,
      src: rep.src,
      dst,
      protocol: rep.protocol,
      port: rep.port,
      from: rep.from,
      to,
      about: `${rep.from} for ${machines.length} machine${machines.length === 1 ? "" : "s"}${host ? `, ${host} as ${dst}` : ""}${gw && on?.ok ? `; unverified by the plan at the EVPN anycast gateway ${gw}, on through ${on.via} in the twin` : ""}`,
    });
  }
}
