// Edge routers in the plan: the tenants whose gateway each router holds, its BGP identity, the
// prefixes it never accepts from clusters, and its static DNS names, all checked.
import { Builder } from "./builder";
import { Address, Prefix } from "./ip";
import { RouterPlan, TenantPlan } from "./plan-types";

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
  return site.routers.map((r, i) => {
    const path = `routers[${i}]`;
    b.id(`${path}.name`, "router name", r.name);
    const asn = r.asn ?? site.fabric.asn.router;
    r.vlans.forEach((v, j) => {
      const tenant = tenants.find((t) => t.id === v.tenant);
      const where = `${path}.vlans[${j}].tenant`;
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
    if (r.routerId === undefined) {
      b.problem(`${path}.routerId`, "", "is required (BGP needs an IPv4 router ID)");
    }
    const rejects = r.rejects.flatMap((text, j) => {
      const parsed = Prefix.parse(text);
      if (parsed.ok) return [parsed.value];
      b.problem(`${path}.rejects[${j}]`, text, parsed.error, parsed.fix);
      return [];
    });
    const dnsRecords = r.dnsRecords.flatMap((d, j) => {
      const parsed = Address.parse(d.address);
      if (parsed.ok) return [{ name: d.name, address: parsed.value }];
      b.problem(`${path}.dnsRecords[${j}].address`, d.address, parsed.error, parsed.fix);
      return [];
    });
    return {
      name: r.name,
      os: r.os,
      version: r.version,
      asn,
      routerId: r.routerId,
      ssh: {
        host: r.ssh.host,
        user: r.ssh.user ?? (r.os === "routeros" ? "admin" : "root"),
        port: r.ssh.port,
      },
      vlans: r.vlans,
      rejects,
      dnsDomain: r.dnsDomain,
      dnsRecords,
    };
  });
}
