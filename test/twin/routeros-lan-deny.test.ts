// A zone whose default denies, on a factory edge (render/routeros/state.ts lanMembership): the
// deny-zone-site stack (the example stack, its lab zone denying by default and allowed only to
// the internet) with its edge started from MikroTik's factory export. vlan20 stays out of the
// interface list LAN, so the factory's `defconf: drop all not coming from LAN` keeps the lab off
// the router's SSH and Winbox while the lab's allowed flows (its rule's accepts sit above the
// factory drops, IPv6 forward included) and its BGP sessions still pass. The same script with
// vlan20 put back in LAN lets the lab reach both ports. The internet's probes enter by the edge's
// uplink (ether1, in WAN): the factory forward drop takes one to lab-cp1, which the plan knows
// (routers[0].defconf); by a link of their own, it reaches lab-cp1. Needs root, FRR, gobgpd and
// nftables.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { previewConfig, writePreview } from "../../preview/offline";
import { requireSite } from "../../site";
import { twinCli } from "../../twin/cli";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const BASE = join(DIR, "defconf-home.rsc");
const STACK = join(DIR, "deny-zone-site.yaml");

/**
 * Probes the plan never writes (the policy leaves a router's own input to the router unless a rule
 * names it): lab-cp1 to the edge's lab gateway on SSH and Winbox, each expected to get no reply.
 */
const ADMIN = [22, 8291].map((port) => ({
  kind: "deny",
  name: `lab -> edge tcp/${port}`,
  path: "test",
  from: "lab-cp1",
  to: "edge",
  src: "10.20.0.11",
  dst: "10.20.0.254",
  protocol: "tcp",
  port,
}));

/**
 * A probe from the internet to lab-cp1's HTTPS, which no rule allows: the internet's default
 * allows it, the edge's factory forward drop (`defconf: drop all from WAN not DSTNATed`) drops it,
 * and the plan knows (routers[0].defconf; topology/policy-eval.ts decide).
 */
const INBOUND = {
  kind: "deny",
  name: "internet -> lab-cp1 tcp/443",
  path: "test",
  from: "internet",
  to: "lab-cp1",
  src: "203.0.113.10",
  dst: "10.20.0.11",
  protocol: "tcp",
  port: 443,
};

/**
 * The twin of the stack's preview; with `lanMembers`, its script renders those members instead;
 * with `noUplink`, flows.json lists no uplink, so the internet's probes come in by a link of their
 * own (`to-internet`) that is in no interface list of the edge, as every probe did before the
 * twin took the uplink for the internet (M6).
 */
async function twin(lanMembers?: string[], noUplink = false) {
  const dir = mkdtempSync(join(tmpdir(), "twin-lan-deny-"));
  try {
    const raw = fileRaw(STACK);
    const preview = await previewConfig("example-deny", stackConfigOf(raw), "homelab");
    expect(preview.ok).toBe(true);
    writePreview(preview, dir);
    const file = join(dir, "routeros", "edge.rsc");
    const { plan, topology } = requireSite(raw);
    const state = routerOsDesiredState(topology, plan.routers[0], "example-deny");
    // The preview's script is the renderer's: the broken one differs in the members alone.
    expect(readFileSync(file, "utf8")).toBe(renderRouterOsScript(state));
    if (lanMembers) {
      const { lanKeptOut, ...rest } = state;
      expect(lanKeptOut).toEqual([
        { interface: "vlan20", why: "zone lab denies by default, policy.zones[0]" },
      ]);
      writeFileSync(file, renderRouterOsScript({ ...rest, lanMembers }));
    }
    // The stack has no homelab:expect: the probes are the whole file.
    expect(existsSync(join(dir, "expectations.json"))).toBe(false);
    writeFileSync(
      join(dir, "expectations.json"),
      JSON.stringify({ expectations: [...ADMIN, INBOUND] }),
    );
    if (noUplink) {
      const flows = JSON.parse(readFileSync(join(dir, "flows.json"), "utf8"));
      expect(flows.uplinks).toEqual([{ router: "edge", interfaces: ["ether1"] }]);
      writeFileSync(join(dir, "flows.json"), JSON.stringify({ ...flows, uplinks: [] }));
    }
    const lines: string[] = [];
    const argv = ["--from", dir, "--routeros-base", `edge=${BASE}`];
    const code = await twinCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, lines, summary: lines[lines.length - 1] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fails = (lines: string[]) => lines.filter((l) => l.startsWith("FAIL "));

const ADMIN_LINES = (seen: string) =>
  [22, 8291].map(
    (port) =>
      `expect lab -> edge tcp/${port}: expected no reply to 10.20.0.11 -> 10.20.0.254 tcp ${port} (lab-cp1 -> edge); seen ${seen}`,
  );

const INBOUND_LINE = (seen: string) =>
  `expect internet -> lab-cp1 tcp/443: expected no reply to 203.0.113.10 -> 10.20.0.11 tcp 443 (internet -> lab-cp1); seen ${seen}`;

test("a denying lab zone on a factory edge: vlan20 stays out of LAN, the lab's SSH and Winbox probes get no reply, its allowed flows pass; back in LAN, both ports answer", async () => {
  const clean = await twin();
  expect(clean.lines.filter((l) => l.includes("edge: started from"))).toEqual([
    `  modelled: edge: started from ${BASE} (67 entries): the script added 42 and adopted 0, removed nothing of the router's own; its second run changed nothing`,
  ]);
  expect(fails(clean.lines)).toEqual([]);
  expect(clean.lines.filter((l) => l.startsWith("pass expect "))).toEqual(
    [
      ...ADMIN_LINES("no reply (no answer in 1500 ms)"),
      INBOUND_LINE("no reply (no answer in 1500 ms)"),
    ].map((l) => `pass ${l}`),
  );
  // The IPv6 flows that need LAN membership on a default-allow zone (routeros-lan.test.ts) pass:
  // the lab's rule accepts them above `defconf: drop everything else not coming from LAN`.
  expect(
    clean.lines.filter((l) => l.startsWith("pass flow lab -> internet (2606:4700:4700::1111)")),
  ).toHaveLength(2);
  expect(clean.summary).toBe(
    "twin example-deny: 48 passed, 0 failed; flows: 14 probed (0 failed), 2 skipped",
  );
  expect(clean.code).toBe(0);

  const broken = await twin(["vlan20"]);
  expect(fails(broken.lines)).toEqual(ADMIN_LINES("reached: connected").map((l) => `FAIL ${l}`));
  expect(broken.summary).toBe(
    "twin example-deny: 46 passed, 2 failed; flows: 14 probed (0 failed), 2 skipped",
  );
  expect(broken.code).toBe(1);
}, 600_000);

// M6: the internet's probes enter by the edge's uplink ether1, in the factory list WAN, so the
// factory forward drop takes them as it takes the internet; by a link of their own (flows.json
// without uplinks, as every probe came in before), the same probe reaches lab-cp1.
test("the internet enters the factory edge by its uplink: its probe to lab-cp1 is dropped by `defconf: drop all from WAN not DSTNATed`; by a link of its own, it reaches lab-cp1", async () => {
  const clean = await twin();
  expect(clean.lines.filter((l) => l.includes("policy probe endpoint"))).toEqual([
    "  internet: the internet: behind edge (ether1) on 192.0.2.0/24 and 2001:db8:fffe::/48, no route back into the site; policy probe endpoint: internet addresses, behind edge (its uplink ether1)",
  ]);
  expect(clean.lines.filter((l) => l.includes("internet -> lab-cp1"))).toEqual([
    `pass ${INBOUND_LINE("no reply (no answer in 1500 ms)")}`,
  ]);
  expect(clean.code).toBe(0);

  const broken = await twin(undefined, true);
  expect(fails(broken.lines)).toEqual([`FAIL ${INBOUND_LINE("reached: connected")}`]);
  // Without uplinks, the site's own flows to the internet are skipped (six of them).
  expect(broken.summary).toBe(
    "twin example-deny: 41 passed, 1 failed; flows: 8 probed (0 failed), 8 skipped",
  );
  expect(broken.code).toBe(1);
}, 600_000);
