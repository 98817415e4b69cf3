// Topology -> the FRR input of one machine: what FRR holds on its interfaces, its static and
// blackhole routes, IS-IS on the mesh, and one neighbor per session end on the machine. Pure; the
// only decisions made here are the documented IS-IS defaults.
import { FAMILIES } from "../../addressing/ip";
import { Device, Topology } from "../../topology/types";
import { isisNet } from "./config";
import { BfdProfile, FrrInput, FrrNeighbor, IsisTimers } from "./types";

/** IS-IS timers on the mesh: hello every second, LSPs regenerated within a second. */
export const ISIS_TIMERS: IsisTimers = { helloInterval: 1, helloMultiplier: 3, lspGenInterval: 1 };

/** BFD on the mesh adjacencies: FRR on both sides, so always on (docs/routing.md). */
export const ISIS_BFD: BfdProfile = { name: "edge", intervalMs: 300, multiplier: 3 };

/** Level-2-only IS-IS ignores the area for routing; seed 001's value. */
export const ISIS_AREA = "49.0001";

function bfdOf(t: { bfd?: { profile: string; intervalMs: number; multiplier: number } }) {
  return t.bfd
    ? { name: t.bfd.profile, intervalMs: t.bfd.intervalMs, multiplier: t.bfd.multiplier }
    : undefined;
}

/** The neighbors of a device: one per session end on it that FRR configures. */
function neighbors(t: Topology, device: Device, carriers: ReadonlySet<string>): FrrNeighbor[] {
  const byName = new Map(t.devices.map((d) => [d.name, d]));
  return t.sessions.flatMap((s) =>
    s.ends.flatMap((end, i) => {
      if (end.device !== device.name || !carriers.has(end.carrier)) return [];
      const other = s.ends[1 - i];
      const cluster = byName.get(other.device)?.node?.cluster;
      const bfd = end.timers ? bfdOf(end.timers) : undefined;
      const sameCluster = t.sessions.filter(
        (x) =>
          x.ends.some((e) => e.device === device.name) &&
          x.ends.some((e) => byName.get(e.device)?.node?.cluster === cluster),
      );
      const dual = new Set(sameCluster.map((x) => x.transport)).size > 1;
      return [
        {
          name: end.peerName,
          address: other.address,
          asn: other.asn,
          source: end.address,
          ...(end.multihop !== undefined ? { multihop: end.multihop } : {}),
          families: s.families,
          announce: end.announces.map((a) => a.prefix),
          accept: end.accepts,
          // A router groups the nodes of one cluster (per family: one source per family).
          ...(device.node === undefined && cluster
            ? { group: dual ? `${cluster}-v${s.transport}` : cluster }
            : {}),
          ...(end.timers
            ? {
                timers: {
                  keepalive: end.timers.keepalive,
                  hold: end.timers.hold,
                  ...(end.timers.connectRetry !== undefined
                    ? { connectRetry: end.timers.connectRetry }
                    : {}),
                },
              }
            : {}),
          ...(bfd ? { bfd } : {}),
        },
      ];
    }),
  );
}

export interface FrrInputOptions {
  /** Default ISIS_AREA. */
  readonly isisArea?: string;
  /**
   * Render what another config carries on this device too (the lab's FRR standing in for a
   * RouterOS router): the carriers whose addresses, routes and session ends are included.
   */
  readonly carriers?: readonly string[];
}

/**
 * The FRR input of a device that runs FRR (a Linux node or an FRR router). Throws when the device
 * has no IPv4 router ID (a topology check reports that first).
 */
export function frrInput(t: Topology, name: string, options: FrrInputOptions = {}): FrrInput {
  const isisArea = options.isisArea ?? ISIS_AREA;
  const carriers = new Set(options.carriers ?? ["frr"]);
  const device = t.devices.find((d) => d.name === name);
  if (!device?.speaker?.routerId) throw new Error(`${name}: no FRR speaker with an IPv4 router ID`);
  const mesh = device.node
    ? device.interfaces.find(
        (i) => i.kind === "nic" && t.segments.find((s) => s.id === i.segment)?.kind === "vnet",
      )
    : undefined;
  const peers = neighbors(t, device, carriers);
  const meshFamilies = FAMILIES.filter((f) => mesh?.addresses.some((h) => h.address.family === f));
  return {
    hostname: device.name,
    asn: device.speaker.asn,
    routerId: device.speaker.routerId,
    interfaces: device.interfaces.flatMap((i) => {
      const addresses = i.addresses
        .filter((h) => carriers.has(h.carrier))
        .map((h) => ({ address: h.address, length: h.length }));
      const isis =
        mesh && i === mesh ? "active" : mesh && i.kind === "loopback" ? "passive" : undefined;
      return addresses.length > 0 || isis
        ? [{ name: i.name, addresses, ...(isis ? { isis } : {}) }]
        : [];
    }),
    ...(mesh && device.node
      ? {
          isis: {
            tag: device.node.cluster,
            net: isisNet(isisArea, device.node.id),
            families: meshFamilies,
            timers: ISIS_TIMERS,
            bfd: ISIS_BFD,
          },
        }
      : {}),
    routes: device.routes
      .filter((r) => carriers.has(r.carrier))
      .map((r) => ({ dst: r.dst, ...(r.kind === "static" && r.via ? { via: r.via } : {}) })),
    neighbors: peers,
  };
}

/** Every device FRR configures: Linux nodes and FRR routers, in topology order. */
export function frrDevices(t: Topology): Device[] {
  return t.devices.filter((d) => d.speaker?.software === "frr" && d.speaker.carrier === "frr");
}
