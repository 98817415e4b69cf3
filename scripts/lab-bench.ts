// Convergence and failover of seed 001's edge, measured in the netns lab with real FRR:
//   npx ts-node --transpile-only scripts/lab-bench.ts [--runs 3]
// Needs root and FRR (.ci/install-frr.sh). Each run builds a fresh lab, for the shipped timers
// (BFD) and for the same timers without BFD, and prints min / median / max per measurement.
import { Family } from "../addressing/ip";
import { buildEdgeLab, EdgeLab, LabNode } from "../lab/edge-lab";
import { frrVersion } from "../lab/frr-check";
import { waitFor } from "../lab/netns";
import { bestPeer, bfdPeersUp, established, expectedRouterFib, fib, route } from "../lab/routes";
import { requireSite } from "../site";
import { stackRaw } from "../test/fixtures/base";
import { EDGE_TIMERS } from "../topology/sessions";
import { SessionTimers, Topology } from "../topology/types";

const POLL_MS = 10;
const { topology: shipped } = requireSite(stackRaw("sol"));
const expected = expectedRouterFib(shipped, "edge");
const VIPS = ["fd00:255:101::ac/128"];

/** The stack's topology with every session end on these timers (a what-if, not what ships). */
function withTimers(t: Topology, timers: SessionTimers | undefined): Topology {
  return {
    ...t,
    sessions: t.sessions.map((s) => ({
      ...s,
      ends: s.ends.map((e) => ({ ...e, timers })) as unknown as typeof s.ends,
    })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** All sessions up in both families and exactly the expected routes at the router. */
function routesAtRouter(edge: EdgeLab): boolean {
  const up = established(edge.lab, edge.router);
  const n = edge.nodes.length;
  if (up.ipv6.length !== n) return false;
  return ([4, 6] as Family[]).every((f) => same(fib(edge.lab, edge.router, f), expected[f]));
}

const bfdUp = (edge: EdgeLab) => bfdPeersUp(edge.lab, edge.router).length === edge.nodes.length;

/** Every node has the other loopbacks over IS-IS, and workers also the VIP. */
function isisEverywhere(edge: EdgeLab): boolean {
  const n = edge.nodes.length;
  return edge.nodes.every((x) => {
    const want = n - 1 + (x.device.node?.role === "worker" ? 1 : 0);
    return Object.keys(fib(edge.lab, x.device.name, 6, ["isis"])).length === want;
  });
}

type Sample = Record<string, number>;

/** Polls the probes until all hold; when each first held, in ms since `since`. */
async function milestones(since: number, probes: Record<string, () => boolean>): Promise<Sample> {
  const out: Sample = {};
  const names = Object.keys(probes);
  await waitFor(
    names.join(", "),
    60_000,
    () => {
      for (const k of names) if (!(k in out) && probes[k]()) out[k] = performance.now() - since;
      return Object.keys(out).length === names.length || undefined;
    },
    POLL_MS,
  );
  return Object.fromEntries(names.map((k) => [k, out[k]]));
}

/** Time from `since` until neither VIP route forwards to `gone` and both still have a path. */
async function vipMovedFrom(edge: EdgeLab, gone: LabNode, since: number): Promise<number> {
  const egress = String(
    gone.device.interfaces.find((i) => i.segment === "tenant:101")?.addresses[0]?.address,
  );
  const moved = () =>
    VIPS.map((p) => route(edge.lab, edge.router, p)).every(
      (r) => r !== undefined && r.via.length > 0 && !r.via.includes(egress),
    );
  return (await milestones(since, { moved })).moved;
}

async function oneRun(timers: SessionTimers | undefined): Promise<Sample> {
  const edge = buildEdgeLab(timers ? withTimers(shipped, timers) : shipped, "edge");
  const bfd = timers?.bfd !== undefined;
  const withBfd = (name: string) => (bfd ? { [name]: () => bfdUp(edge) } : {});
  const back = async (what: string, since: number) => {
    const m = await milestones(since, {
      routes: () => routesAtRouter(edge),
      ...withBfd("bfd"),
    });
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [`${what} -> ${k} back`, v]));
  };
  let s: Sample = {};
  try {
    const t0 = performance.now();
    await edge.start();
    s = await milestones(t0, {
      "daemon start -> all routes at router": () => routesAtRouter(edge),
      ...withBfd("daemon start -> all BFD sessions up"),
      "daemon start -> IS-IS loopbacks everywhere": () => isisEverywhere(edge),
    });
    const holderOf = () => {
      const peer = bestPeer(edge.lab, edge.router, VIPS[0]);
      const n = edge.nodes.find((x) =>
        x.device.interfaces.some((i) => i.addresses.some((h) => String(h.address) === peer)),
      );
      if (!n) throw new Error(`VIP best path from ${peer}, not a lab node`);
      return n;
    };
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const holder = holderOf();
      const t = performance.now();
      await edge.lab.stopDaemon(holder.device.name, "bgpd", signal);
      s[`bgpd ${signal} -> VIP moved`] = await vipMovedFrom(edge, holder, t);
      const r = performance.now();
      await edge.lab.restartDaemon(holder.device.name, "bgpd");
      s = { ...s, ...(await back(`bgpd restart after ${signal}`, r)) };
    }
    const victim = holderOf();
    const { segment, port } = victim.egressPort;
    const cut = performance.now();
    edge.lab.setLink(segment, port, false);
    s["egress link cut -> VIP moved"] = await vipMovedFrom(edge, victim, cut);
    const r = performance.now();
    edge.lab.setLink(segment, port, true);
    s = { ...s, ...(await back("egress link restored", r)) };
  } finally {
    edge.lab.destroy();
  }
  return s;
}

function stats(values: number[]): string {
  const v = [...values].sort((a, b) => a - b);
  const f = (x: number) => `${Math.round(x)}`.padStart(6);
  return `${f(v[0])} ${f(v[Math.floor(v.length / 2)])} ${f(v[v.length - 1])}`;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf("--runs");
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const variants: [string, SessionTimers | undefined][] = [
    ["as shipped (RouterOS edge): BGP 3/9 s from the nodes, no BFD", undefined],
    ["what if the edge ran BFD: BGP 3/9 s, BFD 300 ms x 3", EDGE_TIMERS],
  ];
  const nodes = shipped.devices.filter((d) => d.node).length;
  console.log(`FRR ${frrVersion()}, ${nodes} nodes + router (sol stack)`);
  console.log(`${runs} runs per variant; poll interval ${POLL_MS} ms; times in ms\n`);
  for (const [label, timers] of variants) {
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) samples.push(await oneRun(timers));
    console.log(`${label}\n${"".padEnd(48)}    min median    max`);
    for (const key of Object.keys(samples[0])) {
      console.log(`  ${key.padEnd(48)}${stats(samples.map((x) => x[key]))}`);
    }
    console.log("");
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
