// The owner's expectations in the twin: expectations.json read back, each flow's addresses held
// by the namespaces that hold them in the site (or, inside a policy zone, by the policy's probe
// endpoints and its internet namespace), sessions and VIPs as the preview wrote them. An address
// still unheld (a stack without homelab:policy, or one outside every zone) is held the way the
// policy holds its probes' (holdExpectationEnds): a LoadBalancer address by the nodes announcing
// it, `internet` by the internet namespace behind a router's uplink, a site address by an
// endpoint behind a router's address on its segment or on its EVPN VNet; where none can, the
// expectation is skipped with the reason. The checks are twin/checks/expect.ts.
import { Address, Family, Prefix } from "../../addressing/ip";
import { ExpectationDocument, readExpectations } from "../../render/expect/document";
import { ArtifactMap } from "../readback/folder";
import { ObservedDevice } from "../readback/types";
import { SiteBuilder } from "./builder";
import type { UplinkLink } from "./flows";
import { announcers, EndpointPlug, internet, placed } from "./policy";

/** expectations.json's entries; none without the file (a stack without homelab:expect). */
export function readExpectationsFile(files: ArtifactMap): ExpectationDocument[] {
  const text = files.get("expectations.json");
  return text === undefined ? [] : readExpectations(text);
}

/** The addresses the expectations' flows send from and to. */
export function flowAddresses(list: readonly ExpectationDocument[]): Address[] {
  return list.flatMap((e) =>
    e.kind === "reach" || e.kind === "deny" ? [Address.from(e.src), Address.from(e.dst)] : [],
  );
}

/**
 * Where a Talos node's rendered machine config puts `vip`: the node and the link (the twin's NIC
 * name) of its VIP entry, or no link when its config holds no VIP at that address.
 */
function talosVip(t: ObservedDevice, vip: string): { node: string; link?: string } {
  const a = t.addresses.find((x) => x.vip && x.address.equals(Address.from(vip)));
  return a ? { node: t.name, link: a.iface } : { node: t.name };
}

/** The first namespace holding each placed address (`placed`), by address. */
function holders(b: SiteBuilder): Map<string, string> {
  const holder = new Map<string, string>();
  for (const x of placed(b)) {
    const a = Address.from(x.cidr.split("/")[0]).toString();
    if (!holder.has(a)) holder.set(a, x.node);
  }
  return holder;
}

/**
 * Holds the reach/deny expectations' addresses that no namespace holds yet, as the policy holds
 * its probes' (twin/site/policy.ts), once the policy's endpoints are placed:
 * - a LoadBalancer address Cilium announces by BGP: on `lo` of every announcing node;
 * - an `internet` end: the internet namespace behind the first router (by name) whose uplink
 *   the twin attached with that family, through that uplink; with a way back into the site only
 *   where an expectation comes from the internet, so one to it is answered through the router's
 *   source NAT, as the site's own flows are;
 * - any other end: an endpoint namespace `ep-<end>` on the segment where a router or stand-in
 *   holds an address whose prefix contains it, its default route via that address; failing
 *   that, on the EVPN VNet whose subnet contains it (`plug`).
 * Returns, per address none of these can hold, why (the expectation is then skipped).
 */
export function holdExpectationEnds(
  list: readonly ExpectationDocument[],
  b: SiteBuilder,
  uplinks: ReadonlyMap<string, UplinkLink>,
  plug?: EndpointPlug,
): Map<string, string> {
  const holder = holders(b);
  const groups = new Map<string, { end: string; f: Family; addresses: Address[] }>();
  for (const e of list) {
    if (e.kind !== "reach" && e.kind !== "deny") continue;
    for (const [address, end] of [
      [e.src, e.from],
      [e.dst, e.to],
    ]) {
      const a = Address.from(address);
      if (holder.has(a.toString())) continue;
      const key = `${end}/${a.family}`;
      const g = groups.get(key) ?? { end, f: a.family, addresses: [] };
      if (!g.addresses.some((x) => x.equals(a))) g.addresses.push(a);
      groups.set(key, g);
    }
  }
  const why = new Map<string, string>();
  for (const { end, f, addresses } of groups.values()) {
    const rest = addresses.filter((a) => {
      const nodes = announcers(b, a);
      if (nodes.length === 0) return true;
      for (const node of nodes)
        b.loopbacks.push({ node, address: `${a}/${a.family === 4 ? 32 : 128}` });
      b.note(
        `expectations to ${a}: a LoadBalancer address Cilium announces by BGP from ${nodes.join(", ")}; each of them holds it on lo (Cilium's datapath answers it on every node the router may choose)`,
      );
      return false;
    });
    if (rest.length === 0) continue;
    const inbound = list.some((e) => (e.kind === "reach" || e.kind === "deny") && e.from === end);
    const placedAt =
      end === "internet"
        ? toInternet(b, uplinks, f, rest, inbound)
        : toSegment(b, end, f, rest, plug);
    if (placedAt !== undefined)
      for (const a of rest)
        why.set(a.toString(), `no namespace of the twin can hold ${a}: ${placedAt}`);
  }
  return why;
}

/** `addresses` on the internet namespace behind a router's uplink; why not, or undefined. */
function toInternet(
  b: SiteBuilder,
  uplinks: ReadonlyMap<string, UplinkLink>,
  f: Family,
  addresses: readonly Address[],
  inbound: boolean,
): string | undefined {
  const through = [...uplinks]
    .filter(([, l]) => l.internet[f] !== undefined && l.router[f] !== undefined)
    .sort(([x], [y]) => x.localeCompare(y))[0];
  if (!through)
    return `no router of the twin has an uplink with IPv${f} (routers[].uplink) to reach the internet through`;
  internet(b, () => false, through[0], f, addresses, through[1], inbound);
  return undefined;
}

/**
 * An endpoint namespace for the end `end` holding `addresses`: behind a router's (or stand-in's)
 * address on a segment whose prefix contains them, else on an EVPN VNet (`plug`); why not, or
 * undefined.
 */
function toSegment(
  b: SiteBuilder,
  end: string,
  f: Family,
  addresses: readonly Address[],
  plug?: EndpointPlug,
): string | undefined {
  const gateways = new Set(
    b.devices.filter((d) => d.kind === "router" || d.kind === "stand-in").map((d) => d.name),
  );
  const on = placed(b)
    .filter((x) => gateways.has(x.node) && x.cidr.includes("/"))
    .map((x) => ({ ...x, at: Address.from(x.cidr.split("/")[0]) }))
    .filter((x) => {
      if (x.at.family !== f) return false;
      const p = Prefix.containing(f, x.at.value, Number(x.cidr.split("/")[1]));
      return addresses.every((a) => p.contains(a));
    })
    .map((x) => ({ ...x, segment: b.segmentFor(x.cidr) }))
    .sort((x, y) => x.node.localeCompare(y.node))
    .find((x) => x.segment);
  const name = `ep-${end}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 15);
  const known = b.devices.find((d) => d.name === name);
  if (known && known.kind !== "endpoint")
    throw new Error(`expectation endpoint ${name} (${end}): a device of the site has that name`);
  const device = (where: string) => {
    const modelledBy = `expectation endpoint for ${end} (${where}): addresses the expectations use that no device of the artifacts holds`;
    if (!known) b.device({ name, kind: "endpoint", modelledBy, sysctls: [] });
  };
  if (on?.segment) {
    device(`segment ${on.segment}, behind ${on.node}`);
    const length = on.cidr.split("/")[1];
    b.toSwitch(
      {
        node: name,
        name: `eth${f}`,
        mtu: 1500,
        addresses: addresses.map((a) => `${a}/${length}`),
      },
      on.segment,
    );
    b.routes.push({ node: name, dst: "default", via: on.at.toString() });
    return undefined;
  }
  const none = `no router of the twin holds an IPv${f} address on a segment whose prefix contains it`;
  const at = plug?.(name, addresses) ?? { why: `${none}, and no VNet of the site does` };
  if ("why" in at) return `${none}; ${at.why}`;
  device(`VNet ${at.vnet} on ${at.host}, behind its anycast gateway`);
  return undefined;
}

/**
 * Adds the expectations to the twin once every namespace and probe endpoint is placed: a flow's
 * `from`/`to` are the namespaces holding its addresses (`alsoAt` the other nodes holding an
 * announced LoadBalancer address). One with an address in `unheld` (holdExpectationEnds), or
 * decided by a factory router's `defconf` rules when that router (by name) is not in `based` (the
 * routers started from their `/export`), is skipped with the reason (`b.probeSkips`); one whose
 * address no namespace holds otherwise fails its check saying so.
 */
export function buildExpectations(
  list: readonly ExpectationDocument[],
  b: SiteBuilder,
  talos: readonly ObservedDevice[] = [],
  unheld: ReadonlyMap<string, string> = new Map(),
  based: ReadonlySet<string> = new Set(),
): void {
  const holder = holders(b);
  const all = new Map<string, string[]>();
  for (const x of placed(b)) {
    const a = Address.from(x.cidr.split("/")[0]).toString();
    if (!(all.get(a) ?? []).includes(x.node)) all.set(a, [...(all.get(a) ?? []), x.node]);
  }
  for (const e of list) {
    if (e.kind === "session") {
      b.expectations.push({ kind: e.kind, name: e.name, ends: e.ends });
    } else if (e.kind === "failover") {
      const nodes = e.holders.flatMap((h) => talos.filter((t) => t.name === h));
      b.expectations.push({
        kind: e.kind,
        name: e.name,
        vip: e.vip,
        holders: e.holders,
        ...(nodes.length > 0 ? { talos: nodes.map((t) => talosVip(t, e.vip)) } : {}),
      });
    } else {
      const why =
        unheld.get(e.src) ??
        unheld.get(e.dst) ??
        (e.factory && !based.has(e.factory.device)
          ? `the plan leaves it to ${e.factory.device}'s factory firewall (${e.factory.path}), whose rules the twin has only from the router's own export: run the twin with --routeros-base ${e.factory.device}=<its /export>`
          : undefined);
      if (why !== undefined) {
        b.probeSkips.push({ name: `expect ${e.name}`, why });
        continue;
      }
      const from = holder.get(e.src);
      const to = holder.get(e.dst);
      const alsoAt = (all.get(e.dst) ?? []).filter((n) => n !== to);
      b.expectations.push({
        kind: e.kind,
        name: e.name,
        src: e.src,
        dst: e.dst,
        protocol: e.protocol,
        ...(e.port !== undefined ? { port: e.port } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(to && alsoAt.length > 0 && b.loopbacks.some((l) => l.address.split("/")[0] === e.dst)
          ? { alsoAt }
          : {}),
      });
    }
  }
}
