// Fault bench of the site twin (not a test): for a stack whose router learns an anycast VIP over
// BGP (sol), each run boots a fresh twin from the preview's artifacts and measures, from the fault:
//   - bgpd killed (SIGKILL) on the VIP's best path: VIP answering again from the router; then bgpd
//     restarted: all sessions and routes back;
//   - the holder's egress link cut (its tap on the host): VIP answering again; link restored: all
//     routes back;
//   - the router restarted (every FRR daemon stopped, then started): VIP answering, routes back.
// Prints min / median / max in ms.
//   sudo node scripts/run.js twin-bench [--stack sol] [--runs 5]
import { join } from "path";
import { parseArgs } from "util";
import { previewStack, ROOT, writePreview } from "../preview/offline";
import { bgpChecks } from "../twin/checks/bgp";
import { pings } from "../twin/checks/paths";
import { runChecks } from "../twin/cli";
import { waitFor } from "../twin/netns/host";
import { readPreviewFolder } from "../twin/readback/folder";
import { LiveTwin, realise } from "../twin/realise";
import { buildTwin, BuiltTwin } from "../twin/site/build";

const POLL_MS = 20;

/** The router's best path for a prefix: the peer it came from. */
function bestPeer(live: LiveTwin, router: string, prefix: string): string | undefined {
  const afi = prefix.includes(":") ? "ipv6" : "ipv4";
  const p = JSON.parse(live.lab.vtysh(router, `show bgp ${afi} unicast ${prefix} json`)) as {
    paths?: { bestpath?: { overall?: boolean }; peer?: { peerId?: string } }[];
  };
  return p.paths?.find((x) => x.bestpath?.overall)?.peer?.peerId;
}

/** The anycast VIP: a host route the router learns from more than one neighbor's intent. */
function vipOf(twin: BuiltTwin): { router: string; vip: string } {
  for (const f of twin.site.frr) {
    const counts = new Map<string, number>();
    for (const [, v] of twin.nodes.linux) {
      for (const n of v.frr?.bgp?.neighbors ?? []) {
        for (const a of n.announces) {
          if (a.length === a.bits) counts.set(String(a), (counts.get(String(a)) ?? 0) + 1);
        }
      }
    }
    const vip = [...counts].find(([, c]) => c > 1)?.[0];
    if (vip && twin.site.devices.find((d) => d.name === f.node)?.kind === "router") {
      return { router: f.node, vip };
    }
  }
  throw new Error("no router learns an anycast VIP over BGP in this stack");
}

async function since(t0: number, what: string, probe: () => boolean): Promise<number> {
  await waitFor(what, 60_000, () => (probe() ? true : undefined), POLL_MS);
  return performance.now() - t0;
}

async function oneRun(twin: BuiltTwin): Promise<Record<string, number>> {
  const { router, vip } = vipOf(twin);
  const address = vip.split("/")[0];
  const live = await realise(twin.site);
  const checks = bgpChecks(twin);
  const allBack = async (t0: number) => {
    const out = await runChecks(live, checks, 60_000);
    if (out.some((o) => !o.ok)) throw new Error("routes did not come back within 60 s");
    return performance.now() - t0;
  };
  const s: Record<string, number> = {};
  try {
    await allBack(performance.now());
    const holder = () => {
      const peer = bestPeer(live, router, vip);
      const node = twin.site.loopbacks.find((l) => l.address.split("/")[0] === peer)?.node;
      if (!node) throw new Error(`VIP best path from ${peer}, not a node loopback`);
      return node;
    };
    const answers = () => pings(live, router, address, ["-c", "1", "-W", "0.2"]);
    let h = holder();
    let t = performance.now();
    await live.lab.stopDaemon(h, "bgpd", "SIGKILL");
    s["bgpd killed on the VIP holder -> VIP answers"] = await since(
      t,
      "VIP",
      () => holder() !== h && answers(),
    );
    t = performance.now();
    await live.lab.restartDaemon(h, "bgpd");
    s["bgpd restarted -> all routes back"] = await allBack(t);
    h = holder();
    const egress = twin.site.veths.find(
      (v) =>
        v.a.node === h &&
        v.a.addresses.some((a) => a.split("/")[0] === peerSource(live, router, h)),
    );
    if (!egress) throw new Error(`no egress link found for ${h}`);
    t = performance.now();
    live.lab.setLink(egress.b.node, egress.b.name, false);
    s["holder's egress link cut -> VIP answers"] = await since(
      t,
      "VIP",
      () => holder() !== h && answers(),
    );
    t = performance.now();
    live.lab.setLink(egress.b.node, egress.b.name, true);
    s["egress link restored -> all routes back"] = await allBack(t);
    const daemons = twin.site.frr.find((f) => f.node === router)?.daemons ?? [];
    t = performance.now();
    for (const d of [...daemons].reverse()) await live.lab.stopDaemon(router, d, "SIGTERM");
    await live.lab.startFrr(router, daemons);
    s["router restarted -> VIP answers"] = await since(t, "VIP", answers);
    s["router restarted -> all routes back"] = await allBack(t);
  } finally {
    live.lab.destroy();
  }
  return s;
}

/** The node's address the router reaches its loopback through (the static route's gateway). */
function peerSource(live: LiveTwin, router: string, node: string): string | undefined {
  for (const l of live.site.loopbacks.filter((x) => x.node === node)) {
    const address = l.address.split("/")[0];
    const fam = address.includes(":") ? "-6" : "-4";
    const out = live.lab.exec(router, "ip", [fam, "route", "show", address]);
    const via = /via (\S+)/.exec(out)?.[1];
    if (via) return via;
  }
  return undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stack: { type: "string" }, runs: { type: "string" } },
    strict: true,
  });
  const stack = values.stack ?? "sol";
  const runs = Number(values.runs ?? 5);
  const dir = join(ROOT, "out", stack);
  writePreview(await previewStack(stack), dir);
  const twin = buildTwin(stack, readPreviewFolder(dir));
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) samples.push(await oneRun(twin));
  console.log(`twin bench ${stack}: ${runs} runs, poll ${POLL_MS} ms; ms min / median / max`);
  for (const key of Object.keys(samples[0])) {
    const v = samples.map((x) => x[key]).sort((a, b) => a - b);
    const f = (x: number) => String(Math.round(x)).padStart(6);
    console.log(
      `  ${key.padEnd(48)}${f(v[0])}${f(v[Math.floor(v.length / 2)])}${f(v[v.length - 1])}`,
    );
  }
}

main().catch((e) => {
  console.error(`twin-bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
