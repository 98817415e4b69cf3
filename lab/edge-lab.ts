// Seed 001's edge as a lab: the router on each carried tenant's egress segment, every cluster
// node on that segment (eth1) and on the cluster's mesh segment (eth0), loopbacks and the VIP on
// `lo`, and FRR in each namespace running the configs rendered from the same plan.
import { Address, Prefix } from "../addressing/ip";
import { ClusterPlan, NodePlan, Plan, TenantPlan } from "../addressing/plan-types";
import { renderNodeFrr, renderRouterFrr } from "../render/frr/config";
import { EdgeTimers } from "../render/frr/types";
import { frrInputs, RouterSpec, SEED_INTERFACES } from "../render/frr/inputs";
import { FrrDaemon } from "./frr-check";
import { NetnsLab } from "./netns";

export interface LabNode {
  readonly plan: NodePlan;
  readonly cluster: ClusterPlan;
  readonly conf: string;
  /** The egress segment and the bridge port the node's egress link is plugged into. */
  readonly egressPort: { readonly segment: string; readonly port: string };
}

export interface EdgeLab {
  readonly lab: NetnsLab;
  /** Lab node name of the router (the spec's name). */
  readonly router: string;
  readonly routerConf: string;
  readonly nodes: readonly LabNode[];
  /** Starts FRR everywhere; resolves once every config is loaded. */
  start(): Promise<void>;
}

export const NODE_DAEMONS: readonly FrrDaemon[] = ["zebra", "staticd", "bfdd", "isisd", "bgpd"];
export const ROUTER_DAEMONS: readonly FrrDaemon[] = ["zebra", "staticd", "bfdd", "bgpd"];

const cidr = (a: Address, within: Prefix) => `${a}/${within.length}`;
const host = (a: Address) => `${a}/${a.family === 4 ? 32 : 128}`;

function tenantOf(plan: Plan, id: number): TenantPlan {
  const t = plan.tenants.find((x) => x.id === id);
  if (!t) throw new Error(`tenant ${id} is not in the plan`);
  return t;
}

function wireNode(
  lab: NetnsLab,
  plan: Plan,
  tenant: TenantPlan,
  node: Omit<LabNode, "egressPort">,
): LabNode {
  const { name } = node.plan;
  const { mesh, egress } = SEED_INTERFACES;
  const segment = `egress${tenant.id}`;
  lab.addNode(name);
  lab.connect(name, mesh, `mesh${tenant.id}`, plan.fabric.mtu.vnet);
  const port = lab.connect(name, egress, segment, plan.fabric.mtu.management);
  const meshSubnet = tenant.mesh?.subnet;
  for (const f of ["ipv4", "ipv6"] as const) {
    const m = node.plan.mesh[f];
    const ms = meshSubnet?.[f];
    if (m && ms) lab.addAddress(name, mesh, cidr(m, ms));
    const e = node.plan.address[f];
    const es = tenant.vms[f];
    if (e && es) lab.addAddress(name, egress, cidr(e, es));
    const lo = node.plan.loopback[f];
    if (lo) lab.addAddress(name, "lo", host(lo));
    // The VIP on lo is the health signal: BGP announces it only while it is in the RIB.
    const vip = node.cluster.vip[f];
    if (vip && node.plan.role === "controlplane") lab.addAddress(name, "lo", host(vip));
  }
  lab.writeFrrConfig(name, node.conf);
  return { ...node, egressPort: { segment, port } };
}

/** Builds the namespaces, links and addresses; FRR starts with `start()`. */
export function buildEdgeLab(plan: Plan, spec: RouterSpec, timers?: EdgeTimers): EdgeLab {
  const inputs = frrInputs(plan, spec, timers ? { timers } : {});
  const confs = new Map(inputs.nodes.map((n) => [n.hostname, renderNodeFrr(n)]));
  const routerConf = renderRouterFrr(inputs.router);
  const lab = NetnsLab.create();
  const nodes: LabNode[] = [];
  try {
    lab.addNode(spec.name);
    for (const vlan of spec.vlans) {
      const tenant = tenantOf(plan, vlan.tenant);
      lab.addSegment(`mesh${tenant.id}`);
      lab.addSegment(`egress${tenant.id}`);
      lab.connect(spec.name, vlan.interface, `egress${tenant.id}`, plan.fabric.mtu.management);
      for (const f of ["ipv4", "ipv6"] as const) {
        const gw = tenant.gateway[f];
        const subnet = tenant.vms[f];
        if (gw && subnet) lab.addAddress(spec.name, vlan.interface, cidr(gw, subnet));
      }
      const cluster = tenant.kubernetes;
      for (const n of cluster?.nodes ?? []) {
        const node = { plan: n, cluster: cluster as ClusterPlan, conf: confs.get(n.name) ?? "" };
        nodes.push(wireNode(lab, plan, tenant, node));
      }
    }
    lab.writeFrrConfig(spec.name, routerConf);
  } catch (e) {
    lab.destroy();
    throw e;
  }
  return {
    lab,
    router: spec.name,
    routerConf,
    nodes,
    start: async () => {
      await Promise.all([
        lab.startFrr(spec.name, ROUTER_DAEMONS),
        ...nodes.map((n) => lab.startFrr(n.plan.name, NODE_DAEMONS)),
      ]);
    },
  };
}
