// The router's way back into an EVPN zone with exit nodes, as twin checks: the targets of the
// `evpn <router> -> <address>` pings (twin/checks/paths.ts), and the ones the twin cannot model,
// skipped with the reason (twin/site/build.ts).
import { Address, Prefix } from "../../addressing/ip";
import { TwinSite } from "./types";

/**
 * The way back into an EVPN zone with exit nodes: from each router, a ping to every VM address
 * inside a prefix it routes via other devices (the return routes topology/evpn-edge.ts renders,
 * ECMP across the exit nodes). The echo goes via an exit node into the zone's VRF and to the VM's
 * host; the reply leaves the zone at an exit node (through the underlay from any other host).
 * A VM whose host's VRF table holds the unreachable default of the address's family (hosts.ts
 * puts it where the exit nodes have no underlay loopback of that family: the twin routes the
 * underlay natively, real EVPN carries both families over one underlay's VTEPs) has no way back
 * in the twin: its target comes with `why`, and is skipped (build.ts), not sent.
 */
export function exitReturnTargets(
  site: Pick<TwinSite, "devices" | "veths" | "rules" | "routes">,
): { name: string; router: string; address: string; why?: string }[] {
  const kind = (n: string) => site.devices.find((d) => d.name === n)?.kind;
  const tableOf = new Map(site.rules.map((r) => [`${r.node}/${r.iif}`, r.table]));
  const vms = site.veths
    .filter((v) => v.b.master && tableOf.has(`${v.b.node}/${v.b.master}`))
    .flatMap((v) =>
      v.a.addresses
        .filter((c) => !/\/(32|128)$/.test(c))
        .map((c) => ({
          vm: v.a.node,
          host: v.b.node,
          table: tableOf.get(`${v.b.node}/${v.b.master}`),
          address: c.split("/")[0],
        })),
    );
  return site.routes
    .filter((r) => kind(r.node) === "router" && r.dst !== "default" && !r.table)
    .flatMap((r) => {
      const dst = Prefix.from(r.dst);
      const vias = r.nexthops ?? (r.via ? [r.via] : []);
      return vms
        .filter((x) => dst.contains(Address.from(x.address)))
        .map((x) => {
          const f = Address.from(x.address).family;
          const none = `unreachable ${f === 4 ? "0.0.0.0/0" : "::/0"}`;
          const cut = site.routes.some(
            (q) => q.node === x.host && q.table === x.table && q.dst === none,
          );
          return {
            name: `evpn ${r.node} -> ${x.address} (${x.vm} on ${x.host}): ping via ${vias.join(", ")}`,
            router: r.node,
            address: x.address,
            ...(cut
              ? {
                  why: `the twin routes the zone's VRF over the underlay natively and the exit nodes have no IPv${f} underlay loopback, so ${x.host} has no IPv${f} way back to them in the twin (real EVPN carries IPv${f} over the VTEPs of the other family)`,
                }
              : {}),
          };
        });
    });
}
