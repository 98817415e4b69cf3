// A cluster's LoadBalancer IP pools and their announcement. Every cluster of the site gets every
// pool, disabled except its own, so one set of manifests shared by several clusters never lets a
// cluster allocate from another's pool (seed 004).
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CiliumObject } from "../render/cilium/objects";

export interface CiliumLbPoolArgs {
  /** CiliumLoadBalancerIPPool objects (blocks, serviceSelector, disabled per cluster). */
  readonly pools: readonly CiliumObject[];
  /** BGP control-plane objects or the L2 announcement policy. */
  readonly announcement: readonly CiliumObject[];
}

export class CiliumLbPool extends pulumi.ComponentResource {
  /** Names of the pools this cluster may allocate from. */
  public readonly enabledPools: string[];

  constructor(name: string, args: CiliumLbPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:kubernetes:CiliumLbPool", name, {}, opts);
    const enabled = args.pools.filter((p) => !(p.spec as { disabled?: boolean }).disabled);
    if (enabled.length !== 1) {
      throw new Error(
        `CiliumLbPool ${name}: exactly one pool must be enabled, not ${enabled.length}`,
      );
    }
    for (const o of [...args.pools, ...args.announcement]) {
      new k8s.apiextensions.CustomResource(
        `${name}-${o.kind}-${o.metadata.name}`,
        { apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata, spec: o.spec },
        { parent: this },
      );
    }
    this.enabledPools = enabled.map((p) => p.metadata.name);
    this.registerOutputs({ enabledPools: this.enabledPools });
  }
}
