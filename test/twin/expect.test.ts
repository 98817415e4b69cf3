// The owner's expectations in the twin: a stack whose expectation cannot hold fails the twin, by
// the expectation's name, while the one that holds passes. Needs root, FRR, gobgpd and nftables.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  PreviewResult,
  previewConfig,
  projectName,
  ROOT,
  writePreview,
} from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { twinCli } from "../../twin/cli";
import { replaceIn, twinOfEdited } from "./edited-twin";

test("an expectation the twin cannot meet fails it by name; the one that holds passes", async () => {
  const text = readFileSync(join(ROOT, "test/fixtures/expect/unreachable.yaml"), "utf8");
  const result = await previewConfig("expect-unreachable", parseStackFile(text, projectName()));
  expect(result.problems).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), "twin-expect-"));
  try {
    writePreview(result, join(dir, "p"));
    const lines: string[] = [];
    const code = await twinCli(["--from", join(dir, "p")], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.includes(" expect "))).toEqual([
      "pass expect reach cloudflare-tunnel -> internet tcp/443: expected a reply to 10.10.99.10 -> 203.0.113.10 tcp 443 (cloudflare-tunnel -> internet); seen reached: connected",
      expect.stringMatching(
        /^FAIL expect git reaches GitHub: expected a reply to 192\.168\.1\.60 -> 203\.0\.113\.10 tcp 443 \(git -> internet\); seen /,
      ),
    ]);
    expect(code).toBe(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

test("a pool on a shared home VLAN: its probe endpoint sits on that VLAN, behind the router's address there", async () => {
  // Before: `twin pool-on-home: Command failed: ip -n ...-ep-lab -4 route add default via
  // 10.20.0.254` (the tenant's gateway, not on the endpoint's link) and no pass/FAIL line.
  const text = readFileSync(join(ROOT, "test/fixtures/expect/pool-on-home.yaml"), "utf8");
  const result = await previewConfig("pool-on-home", parseStackFile(text, projectName()));
  expect(result.problems).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), "twin-expect-"));
  try {
    writePreview(result, join(dir, "p"));
    const lines: string[] = [];
    const code = await twinCli(["--from", join(dir, "p")], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.includes(" expect "))).toEqual([
      "pass expect reach home -> lab-pool tcp/443: expected a reply to 192.168.60.2 -> 192.168.60.201 tcp 443 (ep-home -> ep-lab); seen reached: connected",
    ]);
    expect(lines[lines.length - 1]).toBe(
      "twin pool-on-home: 19 passed, 0 failed; flows: 6 probed (0 failed), 2 skipped",
    );
    expect(code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);

describe("a stack without homelab:policy: the expectations' internet end behind the router's uplink", () => {
  // Before: `FAIL expect reach segment:lab -> internet tcp/443: expected a reply; seen no
  // namespace of the twin holds 203.0.113.10` (only a policy placed internet probe addresses).
  const EXPECT = [
    "  homelab:expect:",
    "    - { kind: reach, from: segment:lab, to: internet, protocol: tcp, port: 443 }",
    "    - { kind: reach, from: lab-cp2, to: internet, protocol: udp, port: 53 }",
    "",
  ].join("\n");
  let preview: Promise<PreviewResult> | undefined;
  const example = () => {
    const text = readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8");
    if (text.includes("homelab:policy") || text.includes("homelab:expect"))
      throw new Error("Pulumi.example.yaml has a policy or expectations now: pick another stack");
    preview ??= previewConfig("example-expect", parseStackFile(text + EXPECT, projectName()));
    return preview;
  };

  test("each is probed from the namespace holding its source to the internet namespace, and passes", async () => {
    expect((await example()).problems).toEqual([]);
    const r = await twinOfEdited("example-expect", example());
    expect(r.lines.filter((l) => l.includes(" expect "))).toEqual([
      "pass expect reach segment:lab -> internet tcp/443: expected a reply to 10.20.0.11 -> 203.0.113.10 tcp 443 (lab-cp1 -> internet); seen reached: connected",
      "pass expect reach lab-cp2 -> internet udp/53: expected a reply to 10.20.0.12 -> 203.0.113.10 udp 53 (lab-cp2 -> internet); seen reached: echoed",
    ]);
    expect(r.lines).toContain(
      "  internet: the internet: behind edge (ether1) on 192.0.2.0/24 and 2001:db8:fffe::/48, no route back into the site; policy probe endpoint: internet addresses, behind edge (its uplink ether1)",
    );
    expect(r.summary).toBe(
      "twin example: 46 passed, 0 failed; flows: 14 probed (0 failed), 2 skipped",
    );
    expect(r.code).toBe(0);
  }, 300_000);

  test("the router's masquerade of the VLAN removed: the expectations fail with the IPv4 flows out", async () => {
    const r = await twinOfEdited("example-expect", example(), (d) =>
      replaceIn(
        join(d, "routeros/edge.rsc"),
        "/ip/firewall/nat/add chain=srcnat action=masquerade out-interface=ether1 src-address=10.20.0.0/24 comment=$c;",
        "",
      ),
    );
    // The internet answers the site only through the router's source NAT, as for its own flows.
    expect(r.failed).toEqual([
      "expect reach segment:lab -> internet tcp/443",
      "expect reach lab-cp2 -> internet udp/53",
      "flow lab -> internet (1.1.1.1) udp/53",
      "flow lab -> internet (1.1.1.1) tcp/53",
      "flow lab -> internet (time.cloudflare.com) udp/123",
      "flow lab -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443",
    ]);
    expect(r.code).toBe(1);
  }, 300_000);
});
