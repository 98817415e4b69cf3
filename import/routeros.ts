// A RouterOS 7 export (read by twin/routeros/export.ts) into a homelab:routers entry: name,
// version, ASN, router ID, addresses and static DNS records. The rest of what a router holds
// (VLAN interfaces, static routes, BGP connections, filter rules, any other menu) has no key of
// its own in the stack (the stack derives them from tenants and the policy), so it is reported.
import { ExportCommand, RouterOsExport } from "../twin/routeros/export";
import { Report } from "./report";

const IFACE = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;

function arg(c: ExportCommand, key: string): string | undefined {
  return c.args.find(([k]) => k === key)?.[1];
}

/** Why an entry of a menu is not in the stack, by menu; the fallback names the menu. */
const WHY: Record<string, string> = {
  "/interface/vlan":
    "a router VLAN is the stack's when a tenant owns it: add the tenant (homelab:tenants) and a routers[].vlans entry with its interface",
  "/ip/route":
    "the stack has no key for a static route; the router keeps it (the script does not remove it)",
  "/ipv6/route":
    "the stack has no key for a static route; the router keeps it (the script does not remove it)",
  "/routing/bgp/connection":
    "BGP sessions are derived from the tenants' clusters; a session to another peer stays as it is",
  "/ip/firewall/filter":
    "filter rules are rendered from homelab:policy; write the rule as a policy rule if it must stay",
  "/ipv6/firewall/filter":
    "filter rules are rendered from homelab:policy; write the rule as a policy rule if it must stay",
};

/**
 * The homelab:routers entry for one export. `file` names the export in the report. Counts each
 * add/set command once: expressed when its values are in the entry, else reported.
 */
export function importRouter(
  name: string,
  file: string,
  exported: RouterOsExport,
  report: Report,
): Record<string, unknown> {
  const addresses: { interface: string; address: string }[] = [];
  const dnsRecords: { name: string; address: string }[] = [];
  let routerId: string | undefined;
  let asn: number | undefined;
  let bgpAsn: number | undefined;
  let bgpId: string | undefined;
  const rep = (
    c: ExportCommand,
    why: string,
    kind = `RouterOS ${c.menu.split("/").join(" ").trim()}`,
  ) => report.reported({ kind, file, line: c.line, text: c.text, why });
  for (const c of exported.commands) {
    const disabled = arg(c, "disabled") === "yes";
    if (disabled) {
      rep(
        c,
        "disabled on the router; the stack has no disabled entries",
        "RouterOS disabled entries",
      );
      continue;
    }
    if ((c.menu === "/ip/address" || c.menu === "/ipv6/address") && c.verb === "add") {
      const address = arg(c, "address");
      const iface = arg(c, "interface");
      const rest = c.args.filter(
        ([k]) => !["address", "interface", "network", "comment", "advertise"].includes(k),
      );
      if (address && iface && IFACE.test(iface) && address.includes("/") && rest.length === 0) {
        addresses.push({ interface: iface, address });
        report.expressed(file);
      } else
        rep(
          c,
          "an address the stack cannot hold: it needs address=<a>/<len> interface=<name> and nothing else",
        );
    } else if (c.menu === "/ip/dns/static" && c.verb === "add") {
      const n = arg(c, "name");
      const a = arg(c, "address");
      const type = arg(c, "type") ?? "A";
      const rest = c.args.filter(
        ([k]) => !["name", "address", "type", "comment", "ttl"].includes(k),
      );
      if (n && a && (type === "A" || type === "AAAA") && rest.length === 0) {
        dnsRecords.push({ name: n, address: a });
        report.expressed(file);
      } else rep(c, "the stack's dnsRecords hold A and AAAA records by name only");
    } else if (
      (c.menu === "/routing/bgp/template" || c.menu === "/routing/bgp/instance") &&
      (arg(c, "as") !== undefined || arg(c, "router-id") !== undefined) &&
      c.args.every(([k]) => ["as", "router-id", "name", "comment"].includes(k))
    ) {
      const as = arg(c, "as");
      if (as !== undefined && /^[0-9]+$/.test(as)) asn ??= Number(as);
      routerId ??= arg(c, "router-id");
      report.expressed(file);
    } else if (c.menu === "/routing/id" && arg(c, "id") !== undefined) {
      routerId ??= arg(c, "id");
      report.expressed(file);
    } else {
      // A session holds the router's own AS and router ID (RouterOS 7.19 has no BGP instance).
      if (c.menu === "/routing/bgp/connection") {
        const as = arg(c, "as");
        if (as !== undefined && /^[0-9]+$/.test(as)) bgpAsn ??= Number(as);
        bgpId ??= arg(c, "router-id");
      }
      rep(
        c,
        WHY[c.menu] ??
          `the stack has no key for ${c.menu.split("/").join(" ").trim()}; the router keeps it`,
      );
    }
  }
  asn ??= bgpAsn;
  routerId ??= bgpId;
  const entry: Record<string, unknown> = { name, version: exported.version };
  if (asn !== undefined) entry.asn = asn;
  const firstV4 = addresses.find((a) => !a.address.includes(":"))?.address.split("/")[0];
  const id = routerId ?? firstV4;
  if (id) {
    entry.routerId = id;
    entry.ssh = { host: id };
    report.assumed({
      file,
      line: 1,
      text: `router ${name}`,
      why: `ssh.host is ${id} (${routerId ? "its BGP router ID" : "its first IPv4 address"}); set the address Pulumi reaches the router at`,
    });
  } else {
    report.assumed({
      file,
      line: 1,
      text: `router ${name}`,
      why: "no router ID or IPv4 address in the export: routerId and ssh are left out; add them (the plan names them)",
    });
  }
  if (addresses.length > 0) entry.addresses = addresses;
  entry.vlans = [];
  if (dnsRecords.length > 0) entry.dnsRecords = dnsRecords;
  return entry;
}
