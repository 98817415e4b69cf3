// The site's own flows in the twin (flows.json): one probe per distinct flow into an internet
// namespace that has no route back into the site, so a flow from a private address passes only
// through the router's source NAT, and only where the policy allows it. Each edit of an artifact
// makes exactly the flows that depend on it fail. Needs root, FRR, gobgpd and nftables.
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { previewConfig, previewStack, ROOT } from "../../preview/offline";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";
import { replaceIn, twinOfEdited } from "./edited-twin";

/** The twin of `stack`'s preview after `edit`: its output lines and exit status. */
const twin = (stack: string, edit: (dir: string) => void) =>
  twinOfEdited(`flows-${stack}`, previewStack(stack), edit);

/** Removes the exact line `line` from `file` (throws when it is not there). */
function removeLine(file: string, line: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`${file} has no line ${line}`);
  writeFileSync(file, [...lines.slice(0, at), ...lines.slice(at + 1)].join("\n"));
}

/** Removes a RouterOS script's block from the line `head` to its closing `}`. */
function removeBlock(file: string, head: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.indexOf(head);
  const end = lines.indexOf("}", at);
  if (at < 0 || lines[at + 1] !== "{" || end < 0) throw new Error(`${file} has no block ${head}`);
  writeFileSync(file, [...lines.slice(0, at), ...lines.slice(end + 1)].join("\n"));
}

const fails = (lines: string[]) => lines.filter((l) => l.startsWith("FAIL "));

test("example: every distinct flow passes; without the RouterOS IPv4 masquerade its IPv4 internet flows fail, IPv6 ones (NAT66) pass", async () => {
  const clean = await twin("example", () => undefined);
  expect(fails(clean.lines)).toEqual([]);
  expect(clean.lines.filter((l) => l.startsWith("skip flow "))).toEqual([
    "skip flow management -> internet (2.debian.pool.ntp.org) udp/123: the plan's check leaves it unverified (pve1's gateway 192.168.88.254 is held by no device of the plan), and the twin models no more of its path than the plan",
    "skip flow management -> internet (factory.talos.dev) tcp/443: the plan's check leaves it unverified (pve1's gateway 192.168.88.254 is held by no device of the plan), and the twin models no more of its path than the plan",
  ]);
  expect(clean.summary).toBe(
    "twin example: 44 passed, 0 failed; flows: 14 probed (0 failed), 2 skipped",
  );
  const edited = await twin("example", (d) =>
    removeBlock(join(d, "routeros/edge.rsc"), "# reconcile /ip/firewall/nat"),
  );
  expect(fails(edited.lines)).toEqual([
    "FAIL flow lab -> internet (1.1.1.1) udp/53: expected a reply to 10.20.0.11 -> 1.1.1.1 udp 53 (lab-cp1 -> internet; lab-cp1 for 3 machines); seen no reply (no echo in 3000 ms)",
    "FAIL flow lab -> internet (1.1.1.1) tcp/53: expected a reply to 10.20.0.11 -> 1.1.1.1 tcp 53 (lab-cp1 -> internet; lab-cp1 for 3 machines); seen no reply (no answer in 3000 ms)",
    "FAIL flow lab -> internet (time.cloudflare.com) udp/123: expected a reply to 10.20.0.11 -> 198.51.100.13 udp 123 (lab-cp1 -> internet; lab-cp1 for 3 machines, time.cloudflare.com as 198.51.100.13); seen no reply (no echo in 3000 ms)",
    "FAIL flow lab -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443: expected a reply to 10.20.0.11 -> 198.51.100.7 tcp 443 (lab-cp1 -> internet; lab-cp1 for 3 machines, factory.talos.dev as 198.51.100.7); seen no reply (no answer in 3000 ms)",
  ]);
  expect(edited.summary).toBe(
    "twin example: 40 passed, 4 failed; flows: 14 probed (4 failed), 2 skipped",
  );
  expect(edited.code).toBe(1);
}, 300_000);

describe("arc-hybrid (a Linux router with a policy)", () => {
  test("without the masquerade every internet flow fails (cloudflared's declared 7844 too); the policy's own internet probes (no NAT on their link) still pass", async () => {
    const r = await twin("arc-hybrid", (d) =>
      removeLine(
        join(d, "nftables/router-server.nft"),
        '\t\toifname { "wan1", "wan2", "wan3", "wan4" } ip saddr { 10.10.10.0/24, 10.10.20.0/24, 10.10.30.0/24, 10.10.40.0/24, 10.10.50.0/24, 10.10.60.0/24, 10.10.99.0/24 } masquerade comment "homelab:egress"',
      ),
    );
    expect(fails(r.lines)).toEqual([
      "FAIL flow app -> internet (1.1.1.1) udp/53: expected a reply to 10.10.30.10 -> 1.1.1.1 udp 53 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow app -> internet (1.1.1.1) tcp/53: expected a reply to 10.10.30.10 -> 1.1.1.1 tcp 53 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine); seen no reply (no answer in 3000 ms)",
      "FAIL flow app -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: expected a reply to 10.10.30.10 -> 198.51.100.14 udp 123 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine, 0.debian.pool.ntp.org as 198.51.100.14); seen no reply (no echo in 3000 ms)",
      "FAIL flow app -> internet (deb.debian.org, security.debian.org) tcp/80: expected a reply to 10.10.30.10 -> 198.51.100.1 tcp 80 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine, deb.debian.org as 198.51.100.1); seen no reply (no answer in 3000 ms)",
      "FAIL flow app -> internet (deb.debian.org, security.debian.org) tcp/443: expected a reply to 10.10.30.10 -> 198.51.100.1 tcp 443 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine, deb.debian.org as 198.51.100.1); seen no reply (no answer in 3000 ms)",
      "FAIL flow observability -> internet (1.1.1.1) udp/53: expected a reply to 10.10.40.10 -> 1.1.1.1 udp 53 (prometheus -> internet; prometheus for 3 machines); seen no reply (no echo in 3000 ms)",
      "FAIL flow observability -> internet (1.1.1.1) tcp/53: expected a reply to 10.10.40.10 -> 1.1.1.1 tcp 53 (prometheus -> internet; prometheus for 3 machines); seen no reply (no answer in 3000 ms)",
      "FAIL flow observability -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: expected a reply to 10.10.40.10 -> 198.51.100.14 udp 123 (prometheus -> internet; prometheus for 3 machines, 0.debian.pool.ntp.org as 198.51.100.14); seen no reply (no echo in 3000 ms)",
      "FAIL flow observability -> internet (deb.debian.org, security.debian.org) tcp/80: expected a reply to 10.10.40.10 -> 198.51.100.1 tcp 80 (prometheus -> internet; prometheus for 1 machine, deb.debian.org as 198.51.100.1); seen no reply (no answer in 3000 ms)",
      "FAIL flow observability -> internet (deb.debian.org, security.debian.org) tcp/443: expected a reply to 10.10.40.10 -> 198.51.100.1 tcp 443 (prometheus -> internet; prometheus for 1 machine, deb.debian.org as 198.51.100.1); seen no reply (no answer in 3000 ms)",
      "FAIL flow devtest -> internet (1.1.1.1) udp/53: expected a reply to 10.10.50.70 -> 1.1.1.1 udp 53 (cicd -> internet; cicd for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow devtest -> internet (1.1.1.1) tcp/53: expected a reply to 10.10.50.70 -> 1.1.1.1 tcp 53 (cicd -> internet; cicd for 1 machine); seen no reply (no answer in 3000 ms)",
      "FAIL flow devtest -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: expected a reply to 10.10.50.70 -> 198.51.100.14 udp 123 (cicd -> internet; cicd for 1 machine, 0.debian.pool.ntp.org as 198.51.100.14); seen no reply (no echo in 3000 ms)",
      "FAIL flow mgmt -> internet (1.1.1.1) udp/53: expected a reply to 10.10.60.10 -> 1.1.1.1 udp 53 (jump-host -> internet; jump-host for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow mgmt -> internet (1.1.1.1) tcp/53: expected a reply to 10.10.60.10 -> 1.1.1.1 tcp 53 (jump-host -> internet; jump-host for 1 machine); seen no reply (no answer in 3000 ms)",
      "FAIL flow mgmt -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: expected a reply to 10.10.60.10 -> 198.51.100.14 udp 123 (jump-host -> internet; jump-host for 1 machine, 0.debian.pool.ntp.org as 198.51.100.14); seen no reply (no echo in 3000 ms)",
      "FAIL flow dmz -> internet tcp/7844: expected a reply to 10.10.99.10 -> 198.51.100.12 tcp 7844 (cloudflare-tunnel -> internet; cloudflare-tunnel for 1 machine, (any internet address) as 198.51.100.12); seen no reply (no answer in 3000 ms)",
      "FAIL flow dmz -> internet udp/7844: expected a reply to 10.10.99.10 -> 198.51.100.12 udp 7844 (cloudflare-tunnel -> internet; cloudflare-tunnel for 1 machine, (any internet address) as 198.51.100.12); seen no reply (no echo in 3000 ms)",
      "FAIL flow dmz -> internet (1.1.1.1) udp/53: expected a reply to 10.10.99.10 -> 1.1.1.1 udp 53 (cloudflare-tunnel -> internet; cloudflare-tunnel for 3 machines); seen no reply (no echo in 3000 ms)",
      "FAIL flow dmz -> internet (1.1.1.1) tcp/53: expected a reply to 10.10.99.10 -> 1.1.1.1 tcp 53 (cloudflare-tunnel -> internet; cloudflare-tunnel for 3 machines); seen no reply (no answer in 3000 ms)",
      "FAIL flow dmz -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: expected a reply to 10.10.99.10 -> 198.51.100.14 udp 123 (cloudflare-tunnel -> internet; cloudflare-tunnel for 3 machines, 0.debian.pool.ntp.org as 198.51.100.14); seen no reply (no echo in 3000 ms)",
      "FAIL flow management -> internet (2.debian.pool.ntp.org) udp/123: expected a reply to 10.10.20.10 -> 198.51.100.16 udp 123 (pve-ml110 -> internet; pve-ml110 for 2 machines, 2.debian.pool.ntp.org as 198.51.100.16); seen no reply (no echo in 3000 ms)",
      "FAIL flow management -> internet (cloud.debian.org) tcp/443: expected a reply to 10.10.20.10 -> 198.51.100.5 tcp 443 (pve-ml110 -> internet; pve-ml110 for 2 machines, cloud.debian.org as 198.51.100.5); seen no reply (no answer in 3000 ms)",
    ]);
    // The flows of git and k3s leave through a LAN gateway no device of the plan holds.
    expect(r.lines.filter((l) => l.startsWith("skip flow "))).toEqual([
      "skip flow lan -> lan (192.168.1.1) udp/53: no namespace of the twin holds 192.168.1.1",
      "skip flow lan -> lan (192.168.1.1) tcp/53: no namespace of the twin holds 192.168.1.1",
      "skip flow lan -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: the plan's check leaves it unverified (k3s's gateway 192.168.1.1 is held by no device of the plan), and the twin models no more of its path than the plan",
      "skip flow lan -> internet (deb.debian.org, security.debian.org) tcp/80: the plan's check leaves it unverified (git's gateway 192.168.1.1 is held by no device of the plan), and the twin models no more of its path than the plan",
      "skip flow lan -> internet (deb.debian.org, security.debian.org) tcp/443: the plan's check leaves it unverified (git's gateway 192.168.1.1 is held by no device of the plan), and the twin models no more of its path than the plan",
    ]);
    expect(r.summary).toBe(
      "twin arc-hybrid: 46 passed, 23 failed; flows: 27 probed (23 failed), 5 skipped",
    );
  }, 300_000);

  test("without the DNS allow rule the zones' resolver flows over UDP fail, with the rule's own probe", async () => {
    const r = await twin("arc-hybrid", (d) =>
      removeLine(
        join(d, "nftables/router-server.nft"),
        '\t\tip saddr @r_vms_dns_udp_src_v4 ip daddr != @site_v4 udp dport 53 accept comment "homelab:rule=vms-dns-udp"',
      ),
    );
    expect(fails(r.lines)).toEqual([
      "FAIL policy rule=vms-dns-udp: 10.10.30.10 -> 203.0.113.10 udp 53 (reverse-proxy-app -> internet): expected a reply (the policy allows it); seen no reply (no echo in 3000 ms)",
      "FAIL flow app -> internet (1.1.1.1) udp/53: expected a reply to 10.10.30.10 -> 1.1.1.1 udp 53 (reverse-proxy-app -> internet; reverse-proxy-app for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow observability -> internet (1.1.1.1) udp/53: expected a reply to 10.10.40.10 -> 1.1.1.1 udp 53 (prometheus -> internet; prometheus for 3 machines); seen no reply (no echo in 3000 ms)",
      "FAIL flow devtest -> internet (1.1.1.1) udp/53: expected a reply to 10.10.50.70 -> 1.1.1.1 udp 53 (cicd -> internet; cicd for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow mgmt -> internet (1.1.1.1) udp/53: expected a reply to 10.10.60.10 -> 1.1.1.1 udp 53 (jump-host -> internet; jump-host for 1 machine); seen no reply (no echo in 3000 ms)",
      "FAIL flow dmz -> internet (1.1.1.1) udp/53: expected a reply to 10.10.99.10 -> 1.1.1.1 udp 53 (cloudflare-tunnel -> internet; cloudflare-tunnel for 3 machines); seen no reply (no echo in 3000 ms)",
    ]);
    expect(r.summary).toBe(
      "twin arc-hybrid: 63 passed, 6 failed; flows: 27 probed (5 failed), 5 skipped",
    );
  }, 300_000);
});

test("field case 31 with a registry mirror on pve1 (talos.registryMirrors): the nodes' image flow goes to pve1 tcp/5000 and passes; the router's rule moved to 5001, exactly it fails", async () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/talos-registry-mirror.yaml"));
  const preview = previewConfig("mirror", stackConfigOf(raw), "homelab");
  const MIRROR_FLOW =
    "flow lab -> pve1 (192.168.88.1) tcp/5000: expected a reply to 10.20.0.11 -> 192.168.88.1 tcp 5000 (lab-cp1 -> pve1; lab-cp1 for 1 machine)";
  const clean = await twinOfEdited("flows-mirror", preview);
  expect(fails(clean.lines)).toEqual([]);
  expect(clean.lines).toContain(`pass ${MIRROR_FLOW}; seen reached: connected`);
  // No flow of the cluster to tcp/443 of the internet: the mirror serves every registry.
  expect(
    clean.lines.filter((l) => l.startsWith("pass flow lab -> internet") && l.includes("tcp/443")),
  ).toEqual([]);
  expect(clean.summary).toBe(
    "twin field31: 24 passed, 0 failed; flows: 8 probed (0 failed), 0 skipped",
  );
  const edited = await twinOfEdited("flows-mirror", preview, (d) =>
    replaceIn(join(d, "routeros/edge.rsc"), 'dst-port="5000"', 'dst-port="5001"'),
  );
  // The rule's own policy probe and the flow, nothing else.
  expect(fails(edited.lines)).toEqual([
    "FAIL policy rule=lab-registry-mirror: 10.20.0.11 -> 192.168.88.1 tcp 5000 (lab-cp1 -> pve1): expected a reply (the policy allows it); seen no reply (no answer in 3000 ms)",
    `FAIL ${MIRROR_FLOW}; seen no reply (no answer in 3000 ms)`,
  ]);
  expect(edited.code).toBe(1);
}, 300_000);
