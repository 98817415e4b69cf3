// The program's side of peer stacks (site/peer-pools.ts): their `lbPools` outputs read through
// StackReferences. Apart from the pure checks so that `npm run check` never loads the Pulumi SDK.
import * as pulumi from "@pulumi/pulumi";
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { peerStackProblems, readPeers } from "./peer-pools";

/**
 * Reads every peer stack's `lbPools` and returns the problems: malformed outputs first, then
 * collisions with ours. Registers only StackReferences.
 */
export async function readPeerProblems(plan: Plan): Promise<Problem[]> {
  const outputs = new Map<string, unknown>();
  await Promise.all(
    plan.sharedSegments.flatMap((g) =>
      g.peerStacks.map(async (stack, j) => {
        const ref = new pulumi.StackReference(`peer-${g.name}-${j}`, { name: stack });
        const details = await ref.getOutputDetails("lbPools");
        outputs.set(stack, details.value ?? details.secretValue);
      }),
    ),
  );
  return peerStackProblems(
    plan,
    readPeers(plan, (stack) => outputs.get(stack)),
  );
}
