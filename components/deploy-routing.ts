// Edge routing: each managed router's reconcile script (RouterOS) or frr.conf (Linux), and
// frr.conf for the nodes of clusters on plain Linux: projections of the topology. Everything is
// rendered first, in renderRouting(), so that a rendering error stops the program before the
// first resource is registered. External routers get nothing: their part is a manual step.
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../addressing/plan-types";
import { renderFrr } from "../render/frr/config";
import { frrDevices, frrInput } from "../render/frr/inputs";
import { nftTableName, renderNftables } from "../render/nftables/ruleset";
import { renderRouterOsDestroyScript, renderRouterOsScript } from "../render/routeros";
import { routerOsDesiredState } from "../render/routeros/state";
import { Topology } from "../topology/types";
import { FrrConfig } from "./frr-config";
import { NftablesRuleset } from "./nftables-ruleset";
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
  /** The policy's nftables ruleset per `os: linux` router that enforces it. */
  readonly nftables: readonly { name: string; ssh: Ssh; ruleset: string; table: string }[];
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(what);
  return value;
}

export function renderRouting(plan: Plan, topology: Topology, stack: string): RenderedRouting {
  const routerOs = plan.routers.flatMap((r) => {
    if (r.os !== "routeros") return [];
    const state = routerOsDesiredState(topology, r, stack);
    return [
      {
        name: r.name,
        ssh: need(r.ssh, `router ${r.name}: no ssh`),
        script: renderRouterOsScript(state),
        destroy: renderRouterOsDestroyScript(state),
        scriptName: `homelab-${stack}`,
      },
    ];
  });
  const frr = frrDevices(topology).map((d) => {
    const config = renderFrr(frrInput(topology, d.name));
    if (d.node) {
      const t = plan.tenants.find((x) => x.id === d.node?.tenant);
      const k = need(t?.kubernetes, `${d.name}: no cluster`);
      const n = need(
        k.nodes.find((x) => x.name === d.name),
        `${d.name}: not a node of ${k.name}`,
      );
      const address = need(n.address.ipv6 ?? n.address.ipv4, `${d.name}: no address for SSH`);
      return {
        key: `node-${d.node.tenant}-${d.node.id}`,
        ssh: { host: address.toString(), user: k.frr.user, port: 22 },
        config,
      };
    }
    const r = need(
      plan.routers.find((x) => x.name === d.name),
      `${d.name}: not a router`,
    );
    return { key: `router-${r.name}`, ssh: need(r.ssh, `router ${r.name}: no ssh`), config };
  });
  const policy = topology.policy;
  const nftables = plan.routers.flatMap((r) => {
    const point = policy?.points.find((x) => x.kind === "router" && x.device === r.name);
    const nat = topology.egress?.find((e) => e.router === r.name)?.nat ?? [];
    if (r.os !== "linux" || ((!policy || !point) && nat.length === 0)) return [];
    const ruleset = renderNftables(policy, point, { router: r.name, stack }, nat);
    const ssh = need(r.ssh, `router ${r.name}: no ssh`);
    return [{ name: r.name, ssh, ruleset, table: nftTableName(stack) }];
  });
  return { routerOs, frr, nftables };
}

/**
 * Routers and FRR machines; without a key the SSH agent of the machine running Pulumi is used.
 * `machines` are the cloud-init VMs by key: a node's FRR config waits for its VM.
 */
export function deployRouting(
  rendered: RenderedRouting,
  sshKey: pulumi.Output<string> | undefined,
  machines: Readonly<Record<string, pulumi.Resource>> = {},
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
      (f) =>
        new FrrConfig(
          `frr-${f.key}`,
          { ...f.ssh, privateKey: sshKey, config: f.config },
          // A node's VM (same key) must exist before its FRR config can be delivered.
          machines[f.key] ? { dependsOn: [machines[f.key]] } : undefined,
        ),
    ),
    ...rendered.nftables.map(
      (n) =>
        new NftablesRuleset(`nftables-${n.name}`, {
          ...n.ssh,
          privateKey: sshKey,
          ruleset: n.ruleset,
          table: n.table,
        }),
    ),
  ];
}
