// The network policy in the twin: each ruleset of the preview loaded in the namespace of the device
// that enforces it, and the policy's probes (one per rule and per zone default) as flows between
// the namespaces that hold their addresses. What must happen to each probe comes from policy.json
// (the intent), never from the rulesets, so an edited ruleset fails its probe.
// - `router` points: `nftables/<router>.nft` as it is (a Linux router), or a RouterOS router's
//   filter rules and address lists translated by twin/policy/routeros.ts (added by buildRouterOs);
// - `proxmox` points: the host's `proxmox-firewall/<host>.fw` with `cluster.fw` through the model of
//   pve-firewall's host input chain (twin/policy/pve-firewall.ts);
// - `manual` points (a gateway this stack does not configure): the `firewall:` rules of
//   `external/<device>.yaml` run by its stand-in (twin/policy/external-firewall.ts).
// A probe address no device holds is held by an endpoint namespace on its zone's segment (routed
// through the zone's gateway); internet addresses by one `internet` namespace behind the router
// that enforces the policy, on a transfer link outside the site.
import { Address, Family, Prefix } from "../../addressing/ip";
import { readPolicyDocument } from "../../render/policy/document";
import { probes as policyProbes, zoneOf } from "../../topology/policy-eval";
import { PolicyPoint, Zone } from "../../topology/policy-types";
import { ArtifactMap } from "../readback/folder";
import { externalFirewallToNft } from "../policy/external-firewall";
import { pveFirewallToNft } from "../policy/pve-firewall";
import { SiteBuilder } from "./builder";
import type { UplinkLink } from "./flows";

/** The transfer link to the internet namespace: outside every site the seeds describe. */
export const WAN: Record<Family, { router: string; internet: string; length: number }> = {
  4: { router: "100.64.255.1", internet: "100.64.255.2", length: 30 },
  6: { router: "2001:db8:ffff::1", internet: "2001:db8:ffff::2", length: 64 },
};
/** The namespace that holds internet probe addresses, and the router's end of its link. */
export const INTERNET = "internet";
/**
 * The router's end of the policy's own link to the internet, used only for a router without an
 * uplink the twin attached (no routers[].uplink, or no flows.json): on it, rules on the router's
 * uplink (a factory router's `WAN` list) do not apply to the internet's probes.
 */
export const WAN_PORT = "to-internet";

const cidrAddress = (cidr: string) => Address.from(cidr.split("/")[0]);

/** The enforcing device's ruleset for one point, or a throw naming the missing artifact. */
function loadPoint(files: ArtifactMap, x: PolicyPoint, b: SiteBuilder): void {
  const file = (path: string): string => {
    const text = files.get(path);
    if (text === undefined)
      throw new Error(`policy.json names ${x.device} (${x.kind}), but there is no ${path}`);
    return text;
  };
  if (!b.has(x.device))
    throw new Error(
      `policy.json: ${x.device} enforces the policy, but no artifact makes it a device`,
    );
  if (x.kind === "router") {
    if (b.firewalls.some((f) => f.node === x.device)) return; // RouterOS, from its script
    const path = `nftables/${x.device}.nft`;
    b.firewalls.push({ node: x.device, sources: [path], how: "as it is", ruleset: file(path) });
  } else if (x.kind === "proxmox") {
    const sources = ["proxmox-firewall/cluster.fw", `proxmox-firewall/${x.device}.fw`];
    b.firewalls.push({
      node: x.device,
      sources,
      how: "through the model of pve-firewall's host input chain, as nftables",
      ruleset: pveFirewallToNft(file(sources[0]), file(sources[1])),
    });
  } else {
    const path = `external/${x.device}.yaml`;
    b.firewalls.push({
      node: x.device,
      sources: [`${path} firewall`],
      how: "the rules the operator types in, as the stand-in's nftables forward chain",
      ruleset: externalFirewallToNft(file(path)),
    });
  }
}

/** Every `address/length` the twin places (NICs, bridges, FRR interfaces) with its node. */
export function placed(b: SiteBuilder): { node: string; cidr: string }[] {
  const frr = b.frr.flatMap((f) =>
    [...f.conf.matchAll(/^ (?:ip|ipv6) address (\S+)$/gm)].map((m) => ({
      node: f.node,
      cidr: m[1],
    })),
  );
  return [
    ...b.veths
      .flatMap((v) => [v.a, v.b])
      .flatMap((e) => e.addresses.map((cidr) => ({ node: e.node, cidr }))),
    ...b.bridges.flatMap((x) => x.addresses.map((cidr) => ({ node: x.node, cidr }))),
    ...b.loopbacks.map((l) => ({ node: l.node, cidr: l.address })),
    ...frr,
  ];
}

/**
 * Plugs an endpoint namespace holding `addresses` into a network the policy's gateway does not
 * hold an address on (an EVPN VNet behind the exit nodes, twin/site/hosts.ts evpnPlug); says
 * where, or why it cannot.
 */
export type EndpointPlug = (
  name: string,
  addresses: readonly Address[],
) => { vnet: string; host: string } | { why: string };

/**
 * An endpoint namespace for the zone: on a segment where the gateway holds an address whose
 * prefix contains the endpoint's addresses, its default route via that address (a next hop must
 * be on the endpoint's own link). The gateway's addresses inside the zone come first; a pool on a
 * shared segment (a Cilium LB range on a home VLAN, docs/loadbalancers.md) lies outside its
 * tenant's prefix, so its endpoint sits on the shared segment behind the gateway's address there.
 * Where the gateway holds no such address (an EVPN tenant, whose anycast gateway the Proxmox
 * hosts hold), `plug` places it (on the tenant's VNet, reaching the gateway through the exit
 * nodes); where neither can, the namespace is not made and the reason is returned.
 */
function endpoint(
  b: SiteBuilder,
  gateway: PolicyPoint,
  z: Zone,
  f: Family,
  addresses: readonly Address[],
  plug?: EndpointPlug,
): string | { why: string } {
  const contains = (cidr: string) => {
    const [a, len] = cidr.split("/");
    const p = Prefix.containing(f, Address.from(a).value, Number(len));
    return addresses.every((x) => p.contains(x));
  };
  const where = placed(b)
    .filter(
      (x) =>
        x.cidr.includes("/") &&
        gateway.own.has(cidrAddress(x.cidr)) &&
        cidrAddress(x.cidr).family === f &&
        contains(x.cidr),
    )
    .sort(
      (x, y) => Number(z.set.has(cidrAddress(y.cidr))) - Number(z.set.has(cidrAddress(x.cidr))),
    );
  const on = where.map((x) => ({ ...x, segment: b.segmentFor(x.cidr) })).find((x) => x.segment);
  const name = `ep-${z.name}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 15);
  const known = b.devices.find((d) => d.name === name);
  if (known && known.kind !== "endpoint")
    throw new Error(
      `policy probe endpoint ${name} (zone ${z.name}): a device of the site has that name`,
    );
  const device = (where: string) => {
    const modelledBy = `policy probe endpoint in zone ${z.name} (${where}): addresses the policy probes use that no device of the artifacts holds`;
    if (!known) b.device({ name, kind: "endpoint", modelledBy, sysctls: [] });
  };
  if (!on?.segment) {
    const gw = `${gateway.device} holds no IPv${f} address on a segment whose prefix contains them`;
    const at = plug?.(name, addresses) ?? { why: `${gw}, and no VNet of the site does` };
    if ("why" in at) return { why: `${gw}; ${at.why}` };
    device(`VNet ${at.vnet} on ${at.host}, behind its anycast gateway`);
    return name;
  }
  device(`segment ${on.segment}`);
  const length = on.cidr.split("/")[1];
  b.toSwitch(
    { node: name, name: `eth${f}`, mtu: 1500, addresses: addresses.map((a) => `${a}/${length}`) },
    on.segment,
  );
  b.routes.push({ node: name, dst: "default", via: on.cidr.split("/")[0] });
  return name;
}

/**
 * Adds the policy of a preview folder to the twin: the rulesets (`b.firewalls`), the probes
 * (`b.probes`), endpoint namespaces for probe addresses no device holds, and the internet
 * namespace. Does nothing without policy.json; throws when an enforcing device or its ruleset is
 * missing. A probe whose address the twin has no way to hold (no segment of the gateway and no
 * EVPN VNet, through `plug`, contains it) is skipped with the reason (`b.probeSkips`), never
 * sent. `extra`: addresses of the owner's expectations (twin/site/expect.ts) to hold the same way
 * where they lie in a zone; others are left unheld.
 */
export function buildPolicy(
  files: ArtifactMap,
  b: SiteBuilder,
  extra: readonly Address[] = [],
  uplinks: ReadonlyMap<string, UplinkLink> = new Map(),
  plug?: EndpointPlug,
): void {
  const text = files.get("policy.json");
  if (text === undefined) {
    const rulesets = [...files.keys()].filter(
      (x) => x.startsWith("nftables/") || x.startsWith("proxmox-firewall/"),
    );
    if (rulesets.length > 0)
      throw new Error(`${rulesets.join(", ")} without policy.json: preview again`);
    return;
  }
  const p = readPolicyDocument(text);
  for (const x of p.points) loadPoint(files, x, b);
  const gateway = p.points.find((x) => x.kind !== "proxmox");
  const matrix = policyProbes(p);
  const holder = new Map<string, string>();
  for (const x of placed(b)) holder.set(cidrAddress(x.cidr).toString(), x.node);
  const unheld = new Map<string, Address[]>();
  const probed = matrix.flatMap((x) => [x.flow.src, x.flow.dst]);
  for (const a of [...probed, ...extra]) {
    if (holder.has(a.toString())) continue;
    const z = zoneOf(p, a);
    if (!z && !probed.includes(a)) continue;
    if (!z) throw new Error(`policy probe address ${a} is in no zone of policy.json`);
    const key = `${z.name}/${a.family}`;
    if (!(unheld.get(key) ?? []).some((x) => x.equals(a)))
      unheld.set(key, [...(unheld.get(key) ?? []), a]);
  }
  const anycast = new Map<string, string[]>();
  const unplaced = new Map<string, string>();
  for (const [key, all] of unheld) {
    const addresses = all.filter((a) => {
      const nodes = announcers(b, a);
      if (nodes.length === 0) return true;
      for (const node of nodes)
        b.loopbacks.push({ node, address: `${a}/${a.family === 4 ? 32 : 128}` });
      holder.set(a.toString(), nodes[0]);
      anycast.set(a.toString(), nodes.slice(1));
      b.note(
        `policy probes to ${a}: a LoadBalancer address Cilium announces by BGP from ${nodes.join(", ")}; each of them holds it on lo (Cilium's datapath answers it on every node the router may choose)`,
      );
      return false;
    });
    if (addresses.length === 0) continue;
    const [zone, f] = key.split("/");
    const z = p.zones.find((x) => x.name === zone) as Zone;
    if (!gateway)
      throw new Error(
        `policy.json: no router or gateway enforces the policy, so ${addresses.join(", ")} cannot be reached`,
      );
    const family = Number(f) as Family;
    const node =
      zone === "internet"
        ? internet(
            b,
            (a) => p.site.has(a),
            gateway.device,
            family,
            addresses,
            uplinks.get(gateway.device),
          )
        : endpoint(b, gateway, z, family, addresses, plug);
    for (const a of addresses)
      if (typeof node === "string") holder.set(a.toString(), node);
      else unplaced.set(a.toString(), `no namespace of the twin can hold ${a}: ${node.why}`);
  }
  for (const x of matrix) {
    const why = unplaced.get(x.flow.src.toString()) ?? unplaced.get(x.flow.dst.toString());
    if (why !== undefined) {
      const port = x.flow.port !== undefined ? ` ${x.flow.port}` : "";
      const name = `policy ${x.tag}: ${x.flow.src} -> ${x.flow.dst} ${x.flow.protocol}${port}`;
      b.probeSkips.push({ name, why });
      continue;
    }
    b.probes.push({
      tag: x.tag,
      src: x.flow.src.toString(),
      dst: x.flow.dst.toString(),
      protocol: x.flow.protocol,
      ...(x.flow.port !== undefined ? { port: x.flow.port } : {}),
      expect: x.expect,
      from: holder.get(x.flow.src.toString()) as string,
      to: holder.get(x.flow.dst.toString()) as string,
      ...((anycast.get(x.flow.dst.toString()) ?? []).length > 0
        ? { alsoAt: anycast.get(x.flow.dst.toString()) }
        : {}),
    });
  }
}

/** The nodes whose GoBGP (Cilium) announces `a` as a host route, sorted. */
export function announcers(b: SiteBuilder, a: Address): string[] {
  const host = `${a}/${a.family === 4 ? 32 : 128}`;
  return b.gobgp
    .filter((g) => g.announce.some((x) => x.prefix === host))
    .map((g) => g.node)
    .sort();
}

/**
 * The internet namespace behind `router` holding `addresses`, routed both ways. Through the
 * router's uplink (`uplink`, attached from flows.json) where it has an address of family `f`, so
 * that the internet's probes come in on the interface the router's own rules take for the
 * internet (a factory router's `WAN` list: `defconf: drop all from WAN not DSTNATed`, `drop all
 * not coming from LAN`) and the site's go out through its source NAT, as on the router; else over
 * a link of its own (`to-internet`, 100.64.255.0/30, 2001:db8:ffff::/64), which must lie outside
 * the site (`inSite`). `inbound` false: the addresses only answer the site, so the internet
 * namespace gets no way back to the site's own addresses and a reply needs the router's source
 * NAT, as the site's flows do (twin/site/flows.ts).
 */
export function internet(
  b: SiteBuilder,
  inSite: (a: Address) => boolean,
  router: string,
  f: Family,
  addresses: readonly Address[],
  uplink: UplinkLink | undefined,
  inbound = true,
): string {
  const w = WAN[f];
  const via = uplink?.internet[f];
  const back = uplink?.router[f];
  const through = uplink && via !== undefined && back !== undefined;
  if (!through && inSite(Address.from(w.router)))
    throw new Error(`the twin's internet link ${w.router}/${w.length} is inside the site`);
  const how = through
    ? `behind ${router} (its uplink ${uplink.iface})`
    : `behind ${router} (${WAN_PORT}, ${WAN[4].router}/${WAN[4].length}: ${uplink ? `its uplink ${uplink.iface} carries no IPv${f}` : "the twin attached no uplink of it"})`;
  const said = `policy probe endpoint: internet addresses, ${how}`;
  const i = b.devices.findIndex((d) => d.name === INTERNET);
  if (i < 0) b.device({ name: INTERNET, kind: "endpoint", modelledBy: said, sysctls: [] });
  else if (!b.devices[i].modelledBy.includes(said)) {
    const before = b.devices[i].modelledBy;
    b.devices[i] = { ...b.devices[i], modelledBy: before ? `${before}; ${said}` : said };
  }
  if (!through)
    b.veth(
      {
        node: router,
        name: `${WAN_PORT}${f === 4 ? "" : "6"}`,
        mtu: 1500,
        addresses: [`${w.router}/${w.length}`],
      },
      { node: INTERNET, name: `wan${f}`, mtu: 1500, addresses: [`${w.internet}/${w.length}`] },
    );
  // The way back from a probe address is source-specific: the internet namespace's main table
  // holds no route into the site, so the site's own flows (twin/site/flows.ts) get an answer
  // only through the router's source NAT on its uplink.
  for (const a of addresses) {
    const host = Prefix.containing(f, a.value, f === 4 ? 32 : 128).toString();
    b.loopbacks.push({ node: INTERNET, address: host });
    b.routes.push({ node: router, dst: host, via: through ? via : w.internet });
    if (inbound)
      b.routes.push({ node: INTERNET, dst: "default", via: through ? back : w.router, from: host });
  }
  return INTERNET;
}
