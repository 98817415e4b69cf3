// The policy's probes as twin checks: one per rule and per zone default (policy.json), each a TCP
// connect, UDP echo or ping from its source namespace to its destination through the loaded
// rulesets, passing when it gets a reply exactly where the policy allows one and no reply where
// the policy denies. A refused TCP connect is a reply (the packet got through); a TCP port a
// daemon of the destination holds (bgpd on 179) answers the connect itself. A UDP port a daemon
// holds (bfdd) echoes nothing: that probe fails as undecidable. All probes run once, in
// parallel, after the converging checks; each check reads its own result.
import { LiveTwin } from "../realise";
import { AgentResult } from "../policy/probe-agent";
import { heldKey, sendProbes, startProbeServers } from "../policy/probe-run";
import { TwinProbe } from "../site/types";
import { BuiltTwin } from "../site/build";
import { Check } from "./types";

/** How long a probe waits for an answer before it counts as no reply, in ms. */
export const PROBE_TIMEOUT_MS = 1500;

/** `policy rule=x 10.0.0.1 -> 10.0.1.1 tcp 443 (a -> b)`: a probe's check name. */
export function probeName(x: TwinProbe): string {
  const port = x.port !== undefined ? ` ${x.port}` : "";
  return `policy ${x.tag}: ${x.src} -> ${x.dst} ${x.protocol}${port} (${x.from} -> ${x.to})`;
}

const runs = new WeakMap<LiveTwin, Promise<AgentResult[]>>();

/**
 * The owner's reach/deny expectations whose addresses the twin holds, as probes (sent with the
 * policy's, after them: result index = site.probes.length + index here).
 */
export function expectationProbes(site: LiveTwin["site"]): TwinProbe[] {
  return site.expectations.flatMap((e) =>
    (e.kind === "reach" || e.kind === "deny") && e.from && e.to
      ? [
          {
            tag: `expect=${e.name}`,
            src: e.src,
            dst: e.dst,
            protocol: e.protocol,
            ...(e.port !== undefined ? { port: e.port } : {}),
            expect: e.kind === "reach" ? ("allow" as const) : ("deny" as const),
            from: e.from,
            to: e.to,
            ...(e.alsoAt ? { alsoAt: e.alsoAt } : {}),
          },
        ]
      : [],
  );
}

/**
 * The site's own flows as probes (sent after the expectations': result index =
 * site.probes.length + expectationProbes(site).length + index here).
 */
export function flowProbes(site: LiveTwin["site"]): TwinProbe[] {
  return site.flows.map((f) => ({
    tag: `flow=${f.name}`,
    src: f.src,
    dst: f.dst,
    protocol: f.protocol,
    port: f.port,
    expect: "allow" as const,
    from: f.from,
    to: f.to,
  }));
}

/**
 * Every probe of the live twin (the policy's, the expectations', then the flows'), sent once
 * (servers started, probes sent, servers stopped).
 */
export function results(live: LiveTwin): Promise<AgentResult[]> {
  const known = runs.get(live);
  if (known) return known;
  const run = (async () => {
    const held = new Set<string>();
    const probes = [...live.site.probes, ...expectationProbes(live.site), ...flowProbes(live.site)];
    const servers = await startProbeServers(live.lab, probes, held);
    try {
      const sent = await sendAndRetry(live, probes);
      // A UDP port a daemon holds (bfdd) answers no echo: such a probe can show neither a reply
      // nor its absence, and fails saying so rather than passing either way.
      return sent.map((r, i): AgentResult => {
        const x = probes[i];
        if (x.protocol !== "udp" || x.port === undefined) return r;
        if (!held.has(heldKey(x.to, "udp", x.port, x.dst))) return r;
        return {
          id: r.id,
          outcome: "error",
          detail: `UDP ${x.port} at ${x.dst} is held by a daemon of ${x.to}, which echoes nothing, so the probe cannot tell`,
        };
      });
    } finally {
      for (const s of servers) if (s.exitCode === null) s.kill();
    }
  })();
  runs.set(live, run);
  return run;
}

/**
 * Sends the probes, then once more, with twice the timeout, those that expected a reply and got
 * none in time (an error such as ENETUNREACH is the kernel's answer, not a lost one): a machine loaded by other work (CI runs two test workers on two cores) can miss one
 * answer in 1.5 s, as a real client would retransmit. A path the rulesets block stays blocked
 * on the second try; a reply where the policy denies one is never tried again.
 */
async function sendAndRetry(live: LiveTwin, probes: readonly TwinProbe[]): Promise<AgentResult[]> {
  const first = await sendProbes(live.lab, probes, PROBE_TIMEOUT_MS);
  const again = probes
    .map((x, i) => ({ x, i }))
    .filter(({ x, i }) => x.expect === "allow" && first[i].outcome === "blocked");
  if (again.length === 0) return first;
  const second = await sendProbes(
    live.lab,
    again.map(({ x }) => x),
    2 * PROBE_TIMEOUT_MS,
  );
  const out = [...first];
  again.forEach(({ i }, k) => (out[i] = { ...second[k], id: first[i].id }));
  return out;
}

/** One check per policy probe of the twin (none without policy.json). */
export function policyChecks(twin: BuiltTwin): Check[] {
  return twin.site.probes.map((x, i) => ({
    name: probeName(x),
    run: async (live: LiveTwin) => {
      const r = (await results(live))[i];
      const want = x.expect === "allow" ? "reached" : "blocked";
      return {
        ok: r.outcome === want,
        expected:
          x.expect === "allow"
            ? "a reply (the policy allows it)"
            : "no reply (the policy denies it)",
        seen: r.outcome === "blocked" ? `no reply (${r.detail})` : `${r.outcome}: ${r.detail}`,
      };
    },
  }));
}
