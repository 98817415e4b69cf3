// The router's own DHCP server against the plan's static addresses (`npm run plan --
// --routeros-base`): an address the stack gives a machine that also lies in a pool a DHCP server
// of the router hands out, or that a static lease gives another MAC, is an address two devices
// may hold. A factory home router hands out 192.168.88.10-192.168.88.254 on `bridge`
// (MikroTik's default configuration), so a site planned on 192.168.88.0/24 meets it at once.
import { Address, AddressRange, Prefix } from "../addressing/ip";
import { Plan } from "../addressing/plan-types";
import { poolRanges } from "../addressing/validate";
import { Topology } from "../topology/types";
import { RouterOsExport } from "../twin/routeros/export";

/** An address (or a range: a LoadBalancer pool) the plan gives out, and to whom. */
export interface PlannedAddress {
  readonly range: AddressRange;
  /** Who holds it, with the config path: `pve1, hosts[0]`. */
  readonly owner: string;
  /** The MAC of the interface that holds it, where the plan sets one (VM NICs). */
  readonly mac?: string;
}

/**
 * Every IPv4 address the plan gives a device interface (management, VM and node addresses,
 * router addresses, gateways and VIPs), each declared device (homelab:devices), each static or
 * reserved segment range and each LoadBalancer pool range: what a DHCP server of
 * the router must not hand out. IPv6 is left out: RouterOS hands out IPv6 prefixes by DHCPv6-PD
 * and SLAAC, not addresses from an `/ip/pool`.
 */
export function plannedAddresses(plan: Plan, t: Pick<Topology, "devices">): PlannedAddress[] {
  const out: PlannedAddress[] = [];
  for (const d of t.devices)
    for (const i of d.interfaces)
      for (const h of i.addresses)
        if (h.address.family === 4)
          out.push({
            range: AddressRange.of(h.address, h.address),
            owner: `${d.name}, ${d.path}`,
            ...(i.mac !== undefined ? { mac: i.mac } : {}),
          });
  // Declared devices (homelab:devices: an MQTT broker, a printer) own their addresses too, and
  // a segment's static and reserved ranges are the plan's, not a DHCP server's to hand out.
  plan.devices.forEach((d, i) => {
    if (d.address.ipv4)
      out.push({
        range: AddressRange.of(d.address.ipv4, d.address.ipv4),
        owner: `${d.name}, devices[${i}]`,
      });
  });
  plan.segments.forEach((g, i) =>
    g.ranges.forEach((r, j) => {
      if ((r.kind === "static" || r.kind === "reserved") && r.range.family === 4)
        out.push({
          range: r.range,
          owner: `${r.kind} range of ${g.name}, segments[${i}].ranges[${j}]`,
        });
    }),
  );
  for (const p of poolRanges(plan))
    if (p.range.family === 4)
      out.push({ range: p.range, owner: `the LoadBalancer pool of ${p.cluster}, ${p.path}` });
  return out;
}

/** An `/ip/pool` `ranges=` value (`a-b`, `a` or `a/len`, comma-separated); undefined if unread. */
function poolRangesOf(text: string): AddressRange[] | undefined {
  const out: AddressRange[] = [];
  for (const part of text.split(",")) {
    const range = AddressRange.parse(part);
    if (range.ok) {
      out.push(range.value);
      continue;
    }
    const one = Address.parse(part);
    if (one.ok) {
      out.push(AddressRange.of(one.value, one.value));
      continue;
    }
    const prefix = Prefix.parse(part);
    if (!prefix.ok) return undefined;
    out.push(AddressRange.of(prefix.value.first, prefix.value.last));
  }
  return out;
}

/** A range as RouterOS writes it: one address alone, else `start-stop`. */
const rangeText = (r: AddressRange): string => (r.size === 1n ? r.start.toString() : r.toString());

/** The properties of an export's `add` lines of one menu, enabled ones only. */
function added(exported: RouterOsExport, menu: string): Record<string, string>[] {
  return exported.commands
    .filter((c) => c.menu === menu && c.verb === "add")
    .map((c) => Object.fromEntries(c.args))
    .filter((p) => p.disabled !== "yes");
}

/** At most five owners, then how many more. */
function listed(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(", ");
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

/**
 * One warning per pool an enabled `/ip/dhcp-server` hands out that holds planned addresses
 * (naming them, and the pool without them as the `ranges=` to set), and
 * one per enabled static `/ip/dhcp-server/lease` that gives a planned address to a MAC other than
 * the one the plan gives it. `file` names the export in the messages.
 */
export function dhcpPoolWarnings(
  file: string,
  exported: RouterOsExport,
  planned: readonly PlannedAddress[],
): string[] {
  const pools = new Map(added(exported, "/ip/pool").map((p) => [p.name, p.ranges ?? ""]));
  const out: string[] = [];
  for (const server of added(exported, "/ip/dhcp-server")) {
    const name = server["address-pool"];
    const text = name === undefined ? undefined : pools.get(name);
    const ranges = text === undefined ? undefined : poolRangesOf(text);
    if (ranges === undefined) continue;
    const inside = planned.filter((p) => ranges.some((r) => r.overlaps(p.range)));
    if (inside.length === 0) continue;
    const free = ranges
      .flatMap((r) => inside.reduce((left, p) => left.flatMap((x) => x.minus(p.range)), [r]))
      .sort((a, b) => (a.start.value < b.start.value ? -1 : 1));
    const shrink =
      free.length > 0
        ? `shrink the pool (/ip/pool/set [find name="${name}"] ranges=${free.map(rangeText).join(",")}) or give those machines addresses outside it`
        : `give those machines addresses outside it, or disable the DHCP server ${server.name}`;
    const what = [...new Set(inside.map((p) => `${rangeText(p.range)} (${p.owner})`))];
    out.push(
      `the DHCP server ${server.name ?? "(unnamed)"} on ${server.interface ?? "?"} hands out pool ${name} (${text}) in ${file}, which holds addresses the stack gives out: ${listed(what)}; the router may lease one to another device while its machine is off: ${shrink}`,
    );
  }
  for (const lease of added(exported, "/ip/dhcp-server/lease")) {
    const a = lease.address === undefined ? undefined : Address.parse(lease.address);
    if (!a?.ok) continue;
    const mac = (lease["mac-address"] ?? "").toLowerCase();
    const clash = planned.filter(
      (p) => p.range.contains(a.value) && (p.mac === undefined || p.mac.toLowerCase() !== mac),
    );
    if (clash.length === 0) continue;
    out.push(
      `a static lease in ${file} gives ${a.value} to ${lease["mac-address"] ?? "a client"}, an address the stack gives ${listed([...new Set(clash.map((p) => p.owner))])}: remove the lease (/ip/dhcp-server/lease/remove [find address=${a.value}]) or give the machine another address`,
    );
  }
  return out;
}
