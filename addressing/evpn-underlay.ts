// Every host of the EVPN zone on the OpenFabric underlay: the check that a plan with EVPN VNets
// gives each host the loopback its VXLAN tunnels and BGP sessions run from.
import { Plan } from "./plan-types";
import { Problem } from "./problems";
import { Site } from "./site";

/**
 * Every host of the EVPN zone on the OpenFabric underlay (new-user trial 3, casa: an EVPN tenant
 * with global.hostLoopbacks but no hostNetwork.underlay planned cleanly, and the twin stopped
 * with "host pve1 has no fabric loopback for its VTEP"). The zone exists when a tenant has a VNet
 * (components/deploy.ts), spans every host, and its controller peers with each host's loopback
 * (addressing/plan.ts planSdn); but only a host with underlay interfaces is a fabric node
 * (components/evpn-zone.ts), and the fabric node is what puts the loopback on the host (Proxmox
 * pvesdn.adoc, OpenFabric: the fabric's IP prefix gives each node its loopback on dummy_<fabric>).
 * A host without one holds no VTEP address: its VXLAN and BGP sessions have nothing to run from;
 * the twin's condition (twin/site/hosts.ts, a zone node with no fabric node) is this one.
 * Reported once at homelab:hostNetwork.underlay (every host that sets no `network` shares it) and
 * once per host whose own `network` has no underlay. A cross-layer rule: it runs on a plan the
 * address rules accept (site/index.ts), whose hosts and loopbacks are whole.
 */
export function evpnUnderlayProblems(site: Site, plan: Plan): Problem[] {
  if (!plan.tenants.some((t) => t.vnet)) return [];
  const bare = site.hosts.flatMap((h, i) => {
    const host = plan.hosts.find((x) => x.name === h.name);
    return host && host.network.underlay.length === 0
      ? [{ i, own: h.network !== undefined, host }]
      : [];
  });
  const problem = (path: string, xs: typeof bare): Problem => ({
    path,
    input: "[]",
    message: `is empty, but tenants have EVPN VNets: the zone's controller peers with the hosts' loopbacks (${xs.map((x) => `${x.host.name} ${x.host.loopback.ipv4 ?? x.host.loopback.ipv6}`).join(", ")}), and only a host on the OpenFabric underlay gets its loopback (and so a VXLAN tunnel endpoint)`,
    fix: `set ${path} to the NICs (or bonds) that link the hosts to each other, e.g. [eno2], each listed in ${path.replace(/underlay$/, "interfaces")} and a port of no bridge`,
  });
  const shared = bare.filter((x) => !x.own);
  return [
    ...(shared.length > 0 ? [problem("hostNetwork.underlay", shared)] : []),
    ...bare.filter((x) => x.own).map((x) => problem(`hosts[${x.i}].network.underlay`, [x])),
  ];
}
