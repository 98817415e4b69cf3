// Cilium, installed by Helm (chart v4) into a Talos cluster, with values derived from the plan.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CiliumValues } from "../render/cilium/objects";

export interface CiliumArgs {
  /** Chart values rendered from the plan (native routing CIDRs, API server, BGP or L2, MTU). */
  readonly values: CiliumValues;
  /** Helm chart version. */
  readonly version: string;
}

export class Cilium extends pulumi.ComponentResource {
  /** The installed chart, for what must wait for the CRDs. */
  public readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: CiliumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:kubernetes:Cilium", name, {}, opts);
    if (!/^[0-9]+\.[0-9]+\.[0-9]+$/.test(args.version)) {
      throw new Error(`Cilium ${name}: chart version "${args.version}" is not like 1.20.0`);
    }
    this.chart = new k8s.helm.v4.Chart(
      `${name}-chart`,
      {
        chart: "cilium",
        version: args.version,
        namespace: "kube-system",
        repositoryOpts: { repo: "https://helm.cilium.io" },
        values: args.values as unknown as Record<string, pulumi.Input<unknown>>,
      },
      { parent: this },
    );
    this.registerOutputs({ chart: this.chart });
  }
}
