// The owner's expectations in the twin: a stack whose expectation cannot hold fails the twin, by
// the expectation's name, while the one that holds passes. Needs root, FRR, gobgpd and nftables.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { previewConfig, projectName, ROOT, writePreview } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { twinCli } from "../../twin/cli";

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
