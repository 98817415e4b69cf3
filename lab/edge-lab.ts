// An edge as a lab, built from the topology: one namespace per segment the router's interfaces
// are on and per Linux node with a session to the router, veth links named as the topology names
// the interfaces, and FRR in each namespace running the rendered configs: the nodes' frr.conf as
// deployed, and the router's config rendered from the very same session objects as FRR (standing
// in for RouterOS: addresses, static routes, sessions and filters of the RouterOS script). The lab
// adds by hand only what the nodes' own OS would configure (their NIC addresses).
import { renderFrr } from "../render/frr/config";
import { frrInput } from "../render/frr/inputs";
import { Device, Topology } from "../topology/types";
import { FrrDaemon } from "./frr-check";
import { NetnsLab } from "./netns";

export interface LabNode {
  readonly device: Device;
  readonly conf: string;
  /** The egress segment and the bridge port the node's egress link is plugged into. */
  readonly egressPort: { readonly segment: string; readonly port: string };
}

export interface EdgeLab {
  readonly lab: NetnsLab;
  /** Lab node name of the router (its topology name). */
  readonly router: string;
  readonly routerConf: string;
  readonly nodes: readonly LabNode[];
  /** Starts FRR everywhere; resolves once every config is loaded. */
  start(): Promise<void>;
}

export const NODE_DAEMONS: readonly FrrDaemon[] = ["zebra", "staticd", "bfdd", "isisd", "bgpd"];
export const ROUTER_DAEMONS: readonly FrrDaemon[] = ["zebra", "staticd", "bfdd", "bgpd"];

/** A namespace name for a segment ID (`tenant:101` -> `tenant-101`). */
export const segmentNs = (id: string): string => id.replace(/[^A-Za-z0-9-]/g, "-");

/** Builds the namespaces, links and addresses; FRR starts with `start()`. */
export function buildEdgeLab(t: Topology, routerName: string): EdgeLab {
  const router = t.devices.find((d) => d.name === routerName);
  if (!router) throw new Error(`router ${routerName} is not in the topology`);
  const peers = new Set(
    t.sessions.flatMap((s) =>
      s.ends.some((e) => e.device === routerName) ? s.ends.map((e) => e.device) : [],
    ),
  );
  const nodeDevices = t.devices.filter(
    (d) => d.node && peers.has(d.name) && d.software.includes("frr"),
  );
  const routerConf = renderFrr(
    frrInput(t, routerName, { carriers: ["frr", "routeros", "manual"] }),
  );
  const mtu = (segment: string | undefined, fallback: number) =>
    t.segments.find((s) => s.id === segment)?.mtu ?? fallback;
  const lab = NetnsLab.create();
  const nodes: LabNode[] = [];
  const segments = new Set<string>();
  const segment = (id: string) => {
    const ns = segmentNs(id);
    if (!segments.has(ns)) lab.addSegment(ns);
    segments.add(ns);
    return ns;
  };
  try {
    lab.addNode(routerName);
    for (const i of router.interfaces) {
      if (i.segment) lab.connect(routerName, i.name, segment(i.segment), mtu(i.segment, i.mtu));
    }
    for (const d of nodeDevices) {
      lab.addNode(d.name);
      const conf = renderFrr(frrInput(t, d.name));
      let egressPort: LabNode["egressPort"] | undefined;
      for (const i of d.interfaces) {
        if (i.kind !== "nic" || !i.segment) continue;
        const ns = segment(i.segment);
        const port = lab.connect(d.name, i.name, ns, i.mtu);
        // What the node's OS would configure (issue: Linux nodes are not provisioned here).
        for (const h of i.addresses.filter((x) => x.carrier !== "frr")) {
          lab.addAddress(d.name, i.name, `${h.address}/${h.length}`);
        }
        if (router.interfaces.some((r) => r.segment === i.segment)) {
          egressPort = { segment: ns, port };
        }
      }
      if (!egressPort) throw new Error(`${d.name} shares no segment with ${routerName}`);
      lab.writeFrrConfig(d.name, conf);
      nodes.push({ device: d, conf, egressPort });
    }
    lab.writeFrrConfig(routerName, routerConf);
  } catch (e) {
    lab.destroy();
    throw e;
  }
  return {
    lab,
    router: routerName,
    routerConf,
    nodes,
    start: async () => {
      await Promise.all([
        lab.startFrr(routerName, ROUTER_DAEMONS),
        ...nodes.map((n) => lab.startFrr(n.device.name, NODE_DAEMONS)),
      ]);
    },
  };
}
