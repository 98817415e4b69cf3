// Checks of FRR nodes (seed 001): IS-IS adjacencies between the nodes that run IS-IS, and the
// anycast VIP: the router reaches it, and when the bgpd of the node holding the router's best
// path stops, the router moves to another node and the VIP answers again (the node's bgpd is
// started again afterwards). Expectations come from the frr.conf files: which nodes run IS-IS, and
// which host route more than one node announces to the router.
import { LiveTwin } from "../realise";
import { BuiltTwin } from "../site/build";
import { pings } from "./paths";
import { Check, Outcome } from "./types";

/** Adjacencies in state Up (FRR 8.4's `show isis neighbor` table). */
function isisUp(live: LiveTwin, node: string): number {
  const out = live.lab.vtysh(node, "show isis neighbor");
  return out.split("\n").filter((l) => /\sUp\s/.test(l)).length;
}

export function bestPeer(live: LiveTwin, router: string, prefix: string): string | undefined {
  const afi = prefix.includes(":") ? "ipv6" : "ipv4";
  const p = JSON.parse(live.lab.vtysh(router, `show bgp ${afi} unicast ${prefix} json`)) as {
    paths?: { bestpath?: { overall?: boolean }; peer?: { peerId?: string } }[];
  };
  return p.paths?.find((x) => x.bestpath?.overall)?.peer?.peerId;
}

/** IS-IS and VIP checks of the twin's FRR nodes. */
export function frrNodeChecks(twin: BuiltTwin): Check[] {
  const { site } = twin;
  const isis = site.frr.filter(
    (f) =>
      f.daemons.includes("isisd") && site.devices.find((d) => d.name === f.node)?.kind === "vm",
  );
  const out: Check[] = isis.map((f) => ({
    name: `isis ${f.node}: adjacencies`,
    converges: true,
    run: (live: LiveTwin): Outcome => {
      const seen = isisUp(live, f.node);
      return {
        ok: seen === isis.length - 1,
        expected: `${isis.length - 1} Up`,
        seen: `${seen} Up`,
      };
    },
  }));
  const counts = new Map<string, string[]>();
  for (const [name, v] of twin.nodes.linux) {
    for (const n of v.frr?.bgp?.neighbors ?? []) {
      for (const a of n.announces.filter((p) => p.length === p.bits)) {
        const router = site.frr.find((f) =>
          site.veths.some(
            (e) => e.a.node === f.node && e.a.addresses.some((x) => x.startsWith(`${n.address}/`)),
          ),
        )?.node;
        if (router) counts.set(`${router} ${a}`, [...(counts.get(`${router} ${a}`) ?? []), name]);
      }
    }
  }
  for (const [key, holders] of counts) {
    if (holders.length < 2) continue;
    const [router, vip] = key.split(" ");
    const address = vip.split("/")[0];
    out.push({
      name: `vip ${address}: answers from ${router}`,
      converges: true,
      run: (live) => {
        const ok = pings(live, router, address);
        return { ok, expected: "replies", seen: ok ? "replies" : "no reply" };
      },
    });
    out.push({
      name: `vip ${address}: moves when its holder's bgpd stops`,
      run: async (live) => {
        const peer = bestPeer(live, router, vip);
        const holder = site.loopbacks.find((l) => l.address.split("/")[0] === peer)?.node;
        if (!holder)
          return {
            ok: false,
            expected: "a node holding the best path",
            seen: `best path from ${peer ?? "nobody"}`,
          };
        await live.lab.stopDaemon(holder, "bgpd", "SIGTERM");
        try {
          const start = performance.now();
          let moved = "";
          while (performance.now() - start < 15_000) {
            const now = bestPeer(live, router, vip);
            if (now && now !== peer && pings(live, router, address, ["-c", "1", "-W", "0.5"])) {
              moved = `best path from ${now} after ${Math.round(performance.now() - start)} ms, VIP answers`;
              break;
            }
            await new Promise((r) => setTimeout(r, 50));
          }
          return {
            ok: moved !== "",
            expected: `best path off ${holder} (${peer}) and VIP answering within 15 s`,
            seen: moved || "still on the stopped node or not answering",
          };
        } finally {
          await live.lab.restartDaemon(holder, "bgpd");
        }
      },
    });
  }
  return out;
}
