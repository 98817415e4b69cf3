// Clusters of two stacks can announce LoadBalancer IPs on one segment (seed 004 split over two
// sites). Each stack exports its pools as `lbPools`; a stack that names a peer stack on a shared
// segment reads the peer's pools through a StackReference and refuses to deploy on any overlap,
// before registering anything but the (read-only) reference itself.
import { AddressRange, Parsed, Prefix } from "../addressing/ip";
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

/** A peer's pool whose blocks all parsed; what `peerProblems` checks against ours. */
export interface PeerPool {
  readonly name: string;
  readonly cluster: string;
  readonly segment?: string;
  readonly blocks: readonly AddressRange[];
}

/** A pool block: `start-stop`, or a prefix (strict: no host bits). */
function parseBlock(text: string): Parsed<AddressRange> {
  if (!text.includes("/")) return AddressRange.parse(text);
  const p = Prefix.parse(text);
  return p.ok ? { ok: true, value: AddressRange.of(p.value.first, p.value.last) } : p;
}

const kind = (v: unknown): string =>
  v === undefined
    ? "missing"
    : v === null
      ? "null"
      : Array.isArray(v)
        ? "a list"
        : typeof v === "object"
          ? "an object"
          : `a ${typeof v}`;

/**
 * A peer stack's `lbPools` output, checked: a list of { name, cluster, segment?, blocks } whose
 * blocks are ranges (`start-stop`, start not above stop) or prefixes. Every problem names the peer
 * at `path` (`sharedSegments[0].peerStacks[1]`), quotes its name and says which output is wrong.
 * An absent output is no pools (the peer has not run yet); a pool with any bad part is dropped.
 */
export function readPeerPools(
  path: string,
  stack: string,
  value: unknown,
): { pools: PeerPool[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (where: string, what: string, fix?: string) =>
    problems.push({
      path,
      input: stack,
      message: `its output ${where} ${what}`,
      ...(fix ? { fix } : {}),
    });
  if (value === undefined) return { pools: [], problems };
  if (!Array.isArray(value)) {
    bad("lbPools", `is ${kind(value)}; expected a list of pools`);
    return { pools: [], problems };
  }
  const pools = value.flatMap((pool: unknown, i): PeerPool[] => {
    const at = `lbPools[${i}]`;
    if (typeof pool !== "object" || pool === null || Array.isArray(pool)) {
      bad(at, `is ${kind(pool)}; expected a pool object`);
      return [];
    }
    const p = pool as Record<string, unknown>;
    const before = problems.length;
    for (const key of ["name", "cluster"]) {
      if (typeof p[key] !== "string") bad(`${at}.${key}`, `is ${kind(p[key])}; expected a string`);
    }
    if (p.segment !== undefined && typeof p.segment !== "string") {
      bad(`${at}.segment`, `is ${kind(p.segment)}; expected a string`);
    }
    if (!Array.isArray(p.blocks))
      bad(`${at}.blocks`, `is ${kind(p.blocks)}; expected a list of blocks`);
    const blocks = (Array.isArray(p.blocks) ? p.blocks : []).flatMap((b: unknown, j) => {
      if (typeof b !== "string") {
        bad(`${at}.blocks[${j}]`, `is ${kind(b)}; expected a range or prefix string`);
        return [];
      }
      const parsed = parseBlock(b);
      if (parsed.ok) return [parsed.value];
      bad(`${at}.blocks[${j}]`, `"${b}" ${parsed.error}`, parsed.fix);
      return [];
    });
    if (problems.length > before) return [];
    return [
      {
        name: p.name as string,
        cluster: p.cluster as string,
        ...(typeof p.segment === "string" ? { segment: p.segment } : {}),
        blocks,
      },
    ];
  });
  return { pools, problems };
}

/** Problems between this stack's pools and its peers' pools on each shared segment. */
export function peerProblems(
  plan: Plan,
  peers: readonly { stack: string; segment: number; pools: readonly PeerPool[] }[],
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
            blocks: pool.blocks.map((range, j) => ({
              range,
              path: `stack ${p.stack} lbPools.${pool.name}.blocks[${j}]`,
            })),
          })),
      );
    // Problems among our own pools are the validator's; here only those a peer takes part in.
    return checkSegmentPools({ path: `sharedSegments[${i}].prefix`, prefix: g.prefix }, [
      ...mine,
      ...theirs,
    ]).filter((p) => p.path.startsWith("stack ") || p.message.includes("(stack "));
  });
}

/** A peer stack's `lbPools` output, read, with the place the site names it. */
export interface ReadPeer {
  readonly stack: string;
  /** Index of the shared segment (sharedSegments[segment].peerStacks) that names it. */
  readonly segment: number;
  readonly pools: readonly PeerPool[];
  readonly problems: readonly Problem[];
}

/**
 * Each peer stack the plan's shared segments name, with `lbPools(stack)` (its `lbPools` output,
 * undefined when it has none) read by readPeerPools.
 */
export function readPeers(plan: Plan, lbPools: (stack: string) => unknown): ReadPeer[] {
  return plan.sharedSegments.flatMap((g, i) =>
    g.peerStacks.map((stack, j) => ({
      stack,
      segment: i,
      ...readPeerPools(`sharedSegments[${i}].peerStacks[${j}]`, stack, lbPools(stack)),
    })),
  );
}

/** Every peer problem: malformed outputs first, then collisions with ours. */
export function peerStackProblems(plan: Plan, peers: readonly ReadPeer[]): Problem[] {
  return [...peers.flatMap((p) => p.problems), ...peerProblems(plan, peers)];
}

/** The text of the error that stops the program on peer problems (lines already formatted). */
export function peerProblemsMessage(lines: readonly string[]): string {
  return `Peer stacks' LoadBalancer pools are malformed or collide with ours; nothing was provisioned:\n${lines
    .map((l) => `  - ${l}`)
    .join("\n")}`;
}
