// The Pulumi program: load and validate the site, check peer stacks' pools, then provision it.
// Kept thin on purpose: every address comes from addressing/, every resource from components/.
import * as pulumi from "@pulumi/pulumi";
import { formatProblem } from "./addressing/problems";
import { deploySite } from "./components/deploy";
import { externalConfigs } from "./render/external";
import { renderInventory } from "./render/inventory";
import { exportedPools, peerProblemsMessage } from "./site/peer-pools";
import { readPeerProblems } from "./site/peer-references";
import { hideInProblem } from "./site/secret-paths";
import {
  hideInOutputs,
  keepSecretsInInputs,
  proxmoxApiToken,
  requireStackSite,
  routerSshKey,
  vmSshKeys,
} from "./site/pulumi-config";

/**
 * Runs `build` with V8's stack traces off. The Pulumi SDK formats a stack trace (`new Error().stack`,
 * up to 10 frames, about 1 KB) onto each of the four promises it makes per output property of every
 * resource, and keeps them as long as the resource: on a site of 1000 nodes that is most of the
 * program's memory (README "Benchmark", Scale). The SDK's own source positions of resources do not
 * depend on the limit (it lifts it while it reads them).
 */
async function withoutPromiseTraces<T>(build: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await build();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export = async () => {
  const { plan, topology, secret } = requireStackSite();
  // Values set with --secret (also with --path, inside a key) stay secret in every input and output.
  keepSecretsInInputs(secret);
  const peerProblems = await readPeerProblems(plan);
  if (peerProblems.length > 0) {
    throw new pulumi.RunError(
      peerProblemsMessage(peerProblems.map((p) => formatProblem(hideInProblem(p, secret)))),
    );
  }
  const deployment = await withoutPromiseTraces(() =>
    deploySite(
      plan,
      topology,
      { proxmoxApiToken: proxmoxApiToken(), routerSshKey: routerSshKey(), vmSshKeys: vmSshKeys() },
      pulumi.getStack(),
    ),
  );
  return hideInOutputs(
    {
      /** The address plan as Markdown, the text the offline preview writes to inventory.md. */
      inventory: renderInventory(plan, topology),
      /** What each external device (declared, not configured here) must hold and say. */
      external: externalConfigs(topology),
      site: plan.site,
      ...(deployment.zone ? { zone: deployment.zone.zoneId } : {}),
      vnets: deployment.vnets.map((v) => v.vnetId),
      ...(deployment.apply ? { sdnDigest: deployment.apply.digest } : {}),
      /** Read by peer stacks that share a LoadBalancer segment with this one. */
      lbPools: exportedPools(plan),
      /** Explicit LoadBalancer addresses (`lbipam.cilium.io/ips`) for the clusters' Services. */
      serviceIps: plan.tenants.flatMap((t) =>
        (t.kubernetes?.serviceIps ?? []).map((s) => ({
          cluster: t.kubernetes?.name,
          service: s.service,
          address: s.address.toString(),
        })),
      ),
      kubeconfigs: Object.fromEntries(deployment.clusters.map((c) => [c.name, c.talos.kubeconfig])),
    },
    secret,
  );
};
