// The site's own flows (flows.json) as twin checks, one per distinct flow the twin probes, named
// `flow <name>`: a TCP connect or UDP echo from the representative machine's namespace to the
// destination (the internet namespace behind the routers' uplinks, or the device holding it),
// sent with the policy's probes (checks/policy.ts). The flows the twin skips are listed apart
// (twin/cli.ts prints `skip flow <name>: <why>`) and never counted as passed.
import { BuiltTwin } from "../site/build";
import { expectationProbes, results } from "./policy";
import { Check } from "./types";

/** One check per probed flow of the twin (none without flows.json). */
export function flowChecks(twin: BuiltTwin): Check[] {
  const { site } = twin;
  return site.flows.map((f, i) => ({
    name: `flow ${f.name}`,
    run: async (live) => {
      const r = (await results(live))[site.probes.length + expectationProbes(site).length + i];
      return {
        ok: r.outcome === "reached",
        expected: `a reply to ${f.src} -> ${f.dst} ${f.protocol} ${f.port} (${f.from} -> ${f.to}; ${f.about})`,
        seen: r.outcome === "blocked" ? `no reply (${r.detail})` : `${r.outcome}: ${r.detail}`,
      };
    },
  }));
}
