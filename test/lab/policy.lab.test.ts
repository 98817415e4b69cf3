// Proof by packets for seeds 002 (ms01) and 003 (arc-hybrid): the offline preview's rendered
// rulesets loaded in network namespaces (the router's nftables file; for ms01, whose UDM-Pro is
// not configured here, each Proxmox host's firewall files through the Proxmox model, and a
// stand-in that runs the firewall rules of external/udm-pro.yaml, the ones listed for the UDM
// under Manual steps), then one probe per rule and
// per zone default, each reaching its destination or not exactly as the policy says. And the
// matrix is not vacuous: removing any one deny line from a rendered ruleset lets its probe through.
// Needs root, FRR (the netns lab) and nftables (`.ci/install-frr.sh`, `.ci/install-nftables.sh`).
import { PolicyLab, ProbeOutcome } from "../../lab/policy-lab";
import { Artifact, extractArtifacts } from "../../preview/artifacts";
import { previewStack } from "../../preview/offline";
import { externalFirewallToNft } from "../../twin/policy/external-firewall";
import { requireSite } from "../../site";
import {
  decide,
  probes as policyProbes,
  ProbeTarget,
  witness,
  zoneOf,
} from "../../topology/policy-eval";
import { Policy, PolicyPoint, Probe } from "../../topology/policy-types";
import { stackRaw } from "../fixtures/base";

/** A rendered ruleset and the deny lines in it, each with the policy target its comment names. */
interface Ruleset {
  readonly point: PolicyPoint;
  readonly text: string;
  readonly denies: readonly { readonly line: string; readonly tag: string }[];
}

const DENY_NFT = /\bdrop comment "homelab:((?:rule|default)=[^"]+)"$/;
const DENY_FW = /^IN DROP .* # homelab:((?:rule|default)=\S+)$/;

function rulesetOf(point: PolicyPoint, text: string, re: RegExp): Ruleset {
  const denies = text.split("\n").flatMap((line) => {
    const m = re.exec(line.trim());
    return m ? [{ line, tag: m[1] }] : [];
  });
  return { point, text, denies };
}

function targetOf(p: Policy, tag: string): ProbeTarget {
  const [kind, name] = tag.split("=");
  return kind === "rule" ? { rule: p.rules.findIndex((r) => r.name === name) } : { zone: name };
}

const show = (o: ProbeOutcome) =>
  `${o.probe.tag} ${o.probe.flow.src} -> ${o.probe.flow.dst} ${o.probe.flow.protocol}` +
  `${o.probe.flow.port ? ` ${o.probe.flow.port}` : ""}: ${o.outcome}`;
const expected = (x: Probe) =>
  `${x.tag} ${x.flow.src} -> ${x.flow.dst} ${x.flow.protocol}` +
  `${x.flow.port ? ` ${x.flow.port}` : ""}: ${x.expect === "allow" ? "reached" : "blocked"}`;

describe.each(["arc-hybrid", "ms01"])("%s: the policy in packets", (stack) => {
  const { topology } = requireSite(stackRaw(stack));
  const policy = topology.policy as Policy;
  const matrix = policyProbes(policy);
  // The same endpoints over ICMP and UDP, with the policy's verdict for those flows.
  const other: Probe[] = matrix.slice(0, 6).flatMap((x) =>
    (["icmp", "udp"] as const).map((protocol) => {
      const flow = {
        ...x.flow,
        protocol,
        ...(protocol === "udp" ? { port: 123 } : { port: undefined }),
      };
      return { ...x, tag: `${x.tag} as ${protocol}`, flow, expect: decide(policy, flow).action };
    }),
  );
  let lab: PolicyLab | undefined;
  let rulesets: Ruleset[] = [];
  /** For each deny line of each ruleset: the probe that must get through once it is removed. */
  let removal: { ruleset: Ruleset; line: string; probe: Probe }[] = [];

  beforeAll(async () => {
    const preview = await previewStack(stack);
    if (!preview.ok) throw new Error(`preview of ${stack} failed: ${String(preview.error)}`);
    const artifacts = extractArtifacts(preview.resources, preview.outputs);
    const file = (path: string): string => {
      const a = artifacts.find((x: Artifact) => x.path === path);
      if (!a) throw new Error(`the preview wrote no ${path}`);
      return a.text;
    };
    const routerPoint = policy.points.find((x) => x.kind !== "proxmox") as PolicyPoint;
    // A router this stack does not configure is played from its document's firewall rules.
    const routerNft =
      routerPoint.kind === "router"
        ? file(`nftables/${routerPoint.device}.nft`)
        : externalFirewallToNft(file(`external/${routerPoint.device}.yaml`));
    const hosts = policy.points
      .filter((x) => x.kind === "proxmox")
      .map((x) => ({ point: x, fw: file(`proxmox-firewall/${x.device}.fw`) }));
    rulesets = [
      rulesetOf(routerPoint, routerNft, DENY_NFT),
      ...hosts.map((h) => rulesetOf(h.point, h.fw, DENY_FW)),
    ];
    removal = rulesets.flatMap((r) =>
      r.denies.map(({ line, tag }) => {
        const flow = witness(policy, targetOf(policy, tag), r.point.domain);
        if (!flow) throw new Error(`${r.point.device}: no probe for ${tag} in its domain`);
        const zone = (a: typeof flow.src) => zoneOf(policy, a)?.name ?? "router";
        const probe: Probe = {
          tag,
          flow,
          srcZone: zone(flow.src),
          dstZone: zone(flow.dst),
          expect: "deny",
        };
        return { ruleset: r, line, probe };
      }),
    );
    lab = await PolicyLab.create(
      {
        topology,
        router: { name: routerPoint.device, nft: routerNft },
        hosts: hosts.map((h) => ({ name: h.point.device, fw: h.fw })),
        ...(hosts.length > 0 ? { clusterFw: file("proxmox-firewall/cluster.fw") } : {}),
      },
      [...matrix, ...other, ...removal.map((x) => x.probe)],
    );
  }, 120_000);

  afterAll(() => lab?.destroy());

  const theLab = (): PolicyLab => {
    if (!lab) throw new Error("the lab did not start (see beforeAll)");
    return lab;
  };

  test("a probe for every rule and every zone default, with allows and denies among them", () => {
    const tags = matrix.map((x) => x.tag);
    expect(tags).toEqual([
      ...policy.rules.map((r) => `rule=${r.name}`),
      ...policy.zones.map((z) => `default=${z.name}`),
    ]);
    expect(new Set(matrix.map((x) => x.expect))).toEqual(new Set(["allow", "deny"]));
    expect(new Set(matrix.map((x) => x.srcZone)).size).toBeGreaterThan(2);
  });

  test("every probe is let through or refused exactly as the policy says", async () => {
    const got = await theLab().probe(matrix);
    expect(got.map(show)).toEqual(matrix.map(expected));
  });

  test("ICMP and UDP between the same endpoints follow the policy too", async () => {
    const got = await theLab().probe(other);
    expect(got.map(show)).toEqual(other.map(expected));
    expect(new Set(other.map((x) => x.expect)).size).toBe(2);
  });

  test("removing any one deny line from a rendered ruleset lets its probe through", async () => {
    const l = theLab();
    const before = await l.probe(removal.map((x) => x.probe));
    expect(before.map(show)).toEqual(removal.map((x) => expected(x.probe)));
    const after: string[] = [];
    for (const r of removal) {
      const without = r.ruleset.text
        .split("\n")
        .filter((line) => line !== r.line)
        .join("\n");
      const load = (text: string) =>
        r.ruleset.point.kind === "proxmox"
          ? l.loadHostFirewall(r.ruleset.point.device, text)
          : l.loadRouter(text);
      load(without);
      try {
        const [o] = await l.probe([r.probe]);
        after.push(`${r.ruleset.point.device} without ${r.probe.tag}: ${o.outcome}`);
      } finally {
        load(r.ruleset.text);
      }
    }
    expect(after).toEqual(
      removal.map((r) => `${r.ruleset.point.device} without ${r.probe.tag}: reached`),
    );
    expect(removal.length).toBeGreaterThanOrEqual(stack === "ms01" ? 20 : 8);
  }, 120_000);

  test("the lab's namespaces are gone after destroy", () => {
    const l = theLab();
    expect(l.namespaces().length).toBeGreaterThan(0);
    l.destroy();
    expect(l.namespaces()).toEqual([]);
    lab = undefined;
  });
});
