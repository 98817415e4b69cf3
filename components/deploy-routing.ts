// Edge routing: each router's reconcile script (RouterOS) or frr.conf (Linux), and frr.conf for the
// nodes of clusters on plain Linux. Everything is rendered first, in renderRouting(), so that a
// rendering error stops the program before the first resource is registered.
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../addressing/plan-types";
import { renderNodeFrr, renderRouterFrr } from "../render/frr/config";
import { frrInputs } from "../render/frr/inputs";
import { renderRouterOsDestroyScript, renderRouterOsScript } from "../render/routeros";
import { routerOsDesiredState } from "../render/routeros/state";
import { FrrConfig } from "./frr-config";
import { RouterOsRouter } from "./routeros-router";

interface Ssh {
  readonly host: string;
  readonly user: string;
  readonly port: number;
}

export interface RenderedRouting {
  readonly routerOs: readonly {
    name: string;
    ssh: Ssh;
    script: string;
    destroy: string;
    scriptName: string;
  }[];
  /** frr.conf per Linux machine: FRR edge routers and the nodes of Linux clusters. */
  readonly frr: readonly { key: string; ssh: Ssh; config: string }[];
}

export function renderRouting(plan: Plan, stack: string): RenderedRouting {
  const routerOs: RenderedRouting["routerOs"][number][] = [];
  const frr: RenderedRouting["frr"][number][] = [];
  for (const r of plan.routers) {
    if (!r.routerId) throw new Error(`router ${r.name}: routerId is required`);
    const { vlans } = r;
    if (r.os === "routeros") {
      const state = routerOsDesiredState(plan, {
        name: r.name,
        stack,
        version: r.version,
        asn: r.asn,
        routerId: r.routerId,
        vlans,
        clusterRejects: r.rejects,
        dnsDomain: r.dnsDomain,
        dnsRecords: r.dnsRecords,
      });
      routerOs.push({
        name: r.name,
        ssh: r.ssh,
        script: renderRouterOsScript(state),
        destroy: renderRouterOsDestroyScript(state),
        scriptName: `homelab-${stack}`,
      });
    } else {
      // Only an FRR router needs the router side of the FRR inputs.
      const edge = frrInputs(
        plan,
        { name: r.name, asn: r.asn, routerId: r.routerId, vlans },
        { rejects: r.rejects },
      );
      frr.push({ key: `router-${r.name}`, ssh: r.ssh, config: renderRouterFrr(edge.router) });
    }
    // Nodes of Linux clusters behind this router run FRR toward it.
    for (const t of plan.tenants) {
      const k = t.kubernetes;
      if (!k || k.nodeOs !== "linux" || !r.vlans.some((v) => v.tenant === t.id)) continue;
      const nodes = frrInputs(
        plan,
        {
          name: r.name,
          asn: r.asn,
          routerId: r.routerId,
          vlans: vlans.filter((v) => v.tenant === t.id),
        },
        { rejects: r.rejects, interfaces: { mesh: k.frr.mesh, egress: k.frr.egress } },
      ).nodes;
      nodes.forEach((input, i) => {
        const node = k.nodes[i];
        const address = node.address.ipv6 ?? node.address.ipv4;
        if (!address) throw new Error(`${node.name}: no address to reach it over SSH`);
        frr.push({
          key: `node-${t.id}-${node.id}`,
          ssh: { host: address.toString(), user: k.frr.user, port: 22 },
          config: renderNodeFrr(input),
        });
      });
    }
  }
  return { routerOs, frr };
}

/** Routers and FRR machines; without a key the SSH agent of the machine running Pulumi is used. */
export function deployRouting(
  rendered: RenderedRouting,
  sshKey: pulumi.Output<string> | undefined,
): pulumi.ComponentResource[] {
  return [
    ...rendered.routerOs.map(
      (r) =>
        new RouterOsRouter(`router-${r.name}`, {
          ...r.ssh,
          privateKey: sshKey,
          script: r.script,
          destroyScript: r.destroy,
          scriptName: r.scriptName,
        }),
    ),
    ...rendered.frr.map(
      (f) => new FrrConfig(`frr-${f.key}`, { ...f.ssh, privateKey: sshKey, config: f.config }),
    ),
  ];
}
