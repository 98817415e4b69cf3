// Clusters of two stacks can announce LoadBalancer IPs on one segment (seed 004 split over two
// sites). Each stack exports its pools as `lbPools`; a stack that names a peer stack on a shared
// segment reads the peer's pools through a StackReference and refuses to deploy on any overlap,
// before registering anything but the (read-only) reference itself.
import * as pulumi from "@pulumi/pulumi";
import { AddressRange } from "../addressing/ip";
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { LbPoolInput } from "../render/cilium/objects";
import { checkSegmentPools } from "../render/cilium/check";
import { lbPoolInputs } from "../render/cilium/inputs";

/** What a stack exports about its pools: enough for a peer to check against them. */
export interface ExportedPool {
  readonly name: string;
  readonly cluster: string;
  /** The shared segment's prefix, when the pool lives in one. */
  readonly segment?: string;
  readonly blocks: readonly string[];
}

export function exportedPools(plan: Plan): ExportedPool[] {
  const segmentOf = new Map(
    plan.tenants.flatMap((t) =>
      t.kubernetes ? [[t.kubernetes.name, t.kubernetes.lbSegment] as const] : [],
    ),
  );
  return lbPoolInputs(plan).map((p) => {
    const segment = plan.sharedSegments.find((g) => g.name === segmentOf.get(p.cluster));
    return {
      name: p.name,
      cluster: p.cluster,
      segment: segment?.prefix.toString(),
      blocks: p.blocks.map((b) => b.range.toString()),
    };
  });
}

/** Problems between this stack's pools and its peers' pools on each shared segment. */
export function peerProblems(
  plan: Plan,
  peers: readonly { stack: string; segment: number; pools: readonly ExportedPool[] }[],
): Problem[] {
  const ours = lbPoolInputs(plan);
  return plan.sharedSegments.flatMap((g, i) => {
    const mine = ours.filter((p) =>
      plan.tenants.some(
        (t) => t.kubernetes?.name === p.cluster && t.kubernetes.lbSegment === g.name,
      ),
    );
    const theirs: LbPoolInput[] = peers
      .filter((p) => p.segment === i)
      .flatMap((p) =>
        p.pools
          .filter((pool) => pool.segment === g.prefix.toString())
          .map((pool) => ({
            name: `${pool.name} (stack ${p.stack})`,
            cluster: pool.cluster,
            blocks: pool.blocks.flatMap((text, j) => {
              const r = AddressRange.parse(text);
              return r.ok
                ? [{ range: r.value, path: `stack ${p.stack} lbPools.${pool.name}.blocks[${j}]` }]
                : [];
            }),
          })),
      );
    // Problems among our own pools are the validator's; here only those a peer takes part in.
    return checkSegmentPools({ path: `sharedSegments[${i}].prefix`, prefix: g.prefix }, [
      ...mine,
      ...theirs,
    ]).filter((p) => p.path.startsWith("stack ") || p.message.includes("(stack "));
  });
}

/** Reads every peer stack's `lbPools` and returns the problems; registers only StackReferences. */
export async function readPeerProblems(plan: Plan): Promise<Problem[]> {
  const peers = await Promise.all(
    plan.sharedSegments.flatMap((g, i) =>
      g.peerStacks.map(async (stack, j) => {
        const ref = new pulumi.StackReference(`peer-${g.name}-${j}`, { name: stack });
        const details = await ref.getOutputDetails("lbPools");
        const pools = (details.value ?? details.secretValue ?? []) as ExportedPool[];
        return { stack, segment: i, pools };
      }),
    ),
  );
  return peerProblems(plan, peers);
}
