// fast-check properties over random valid sites: whatever the IDs, the derived plan keeps every
// child inside its parent, disjoint siblings disjoint and every address with one owner. These are
// checked here directly on the plan's facts, not through the validator they would otherwise trust.
import fc from "fast-check";
import { Prefix } from "../../addressing/ip";
import { resolveSite } from "../../site";

const uniqueIds = (min: number, max: number, minLength: number, maxLength: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { minLength, maxLength });

const siteArb = fc
  .record({
    hostIds: uniqueIds(1, 200, 1, 8),
    tenantIds: uniqueIds(100, 103, 1, 4),
    nodeIds: uniqueIds(1, 240, 1, 8),
    withCluster: fc.boolean(),
    hexHosts: fc.boolean(),
  })
  .map(({ hostIds, tenantIds, nodeIds, withCluster, hexHosts }) => ({
    site: { name: "random" },
    encoding: { hostId: hexHosts ? "hex" : "decimal-as-hex" },
    global: {
      management: { ipv4: "10.10.0.0/24", ipv6: "fd00:10::/64" },
      underlay: { ipv4: "10.99.0.0/16", ipv6: "fc00:99::/48" },
      hostLoopbacks: { ipv4: "10.255.0.0/16", ipv6: "fd00:255::/64" },
      tenantSpace: { ipv4: "10.100.0.0/14", ipv6: "fd00:100::/30" },
    },
    layout: { nodePods: { ipv4: 25 } },
    // Every host on the OpenFabric underlay, which the tenants' EVPN VNets need.
    hostNetwork: {
      interfaces: ["eno1", "eno2"],
      bridges: [{ name: "vmbr0", ports: ["eno1"], vlanAware: true, carries: "management" }],
      underlay: ["eno2"],
      gateway: { ipv4: "10.10.0.254" },
    },
    hosts: hostIds.map((id) => ({ name: `pve${id}`, id })),
    tenants: tenantIds.map((id, i) => ({
      id,
      name: `t${id}`,
      ...(withCluster && i === 0
        ? {
            kubernetes: {
              name: `k${id}`,
              // The first node is a control plane: Talos bootstraps on one.
              nodes: nodeIds.map((n, j) => ({
                name: `k${id}n${n}`,
                id: n,
                role: j === 0 || n % 2 ? "controlplane" : "worker",
              })),
            },
          }
        : {}),
    })),
  }));

test("random valid sites resolve, and their facts hold", () => {
  fc.assert(
    fc.property(siteArb, (raw) => {
      const r = resolveSite(raw);
      if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
      const { prefixes, addresses } = r.plan.facts;
      for (const f of prefixes) {
        if (f.parent && !f.parent.prefix.contains(f.prefix))
          throw new Error(`${f.path} ${f.prefix} outside ${f.parent.prefix}`);
      }
      const groups = new Map<string, Prefix[]>();
      for (const f of prefixes)
        for (const g of f.groups) groups.set(g, [...(groups.get(g) ?? []), f.prefix]);
      for (const [g, list] of groups) {
        list.forEach((a, i) =>
          list.slice(i + 1).forEach((b) => {
            if (a.overlaps(b)) throw new Error(`${g}: ${a} overlaps ${b}`);
          }),
        );
      }
      const owners = new Set<string>();
      for (const a of addresses) {
        const k = a.address.toString();
        if (owners.has(k)) throw new Error(`${k} owned twice`);
        owners.add(k);
        if (a.within && !a.within.prefix.contains(a.address))
          throw new Error(`${a.path} ${k} outside ${a.within.prefix}`);
      }
      return true;
    }),
    { numRuns: 200 },
  );
});

test("an override is validated exactly like a derived value", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 255 }), (octet) => {
      const raw = {
        site: { name: "o" },
        global: {
          management: { ipv4: "10.10.0.0/24" },
          hostLoopbacks: { ipv4: "10.255.0.0/16" },
          tenantSpace: { ipv4: "10.100.0.0/14" },
        },
        hosts: [{ name: "pve1", id: 1 }],
        tenants: [{ id: 101, name: "a", vms: { ipv4: `10.${octet}.0.0/24` } }],
      };
      const r = resolveSite(raw);
      const expected =
        octet === 101
          ? []
          : [`tenants[0].vms.ipv4: is not inside tenant 101's IPv4 block 10.101.0.0/16`];
      const got = r.ok
        ? []
        : r.problems
            .filter((p) => p.path === "tenants[0].vms.ipv4")
            .map((p) => `${p.path}: ${p.message}`);
      return JSON.stringify(got) === JSON.stringify(expected);
    }),
  );
});
