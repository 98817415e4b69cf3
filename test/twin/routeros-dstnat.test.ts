// A port forward on a factory edge (new-user trial 3, finding 11): the deny-zone-site stack's edge
// started from MikroTik's factory export plus `/ip/firewall/nat chain=dstnat action=dst-nat
// in-interface-list=WAN dst-address-type=local protocol=tcp dst-port=443 to-addresses=10.20.0.11`.
// A probe from the internet to the edge's uplink address (192.0.2.1, the twin's uplink link) on
// 443 is translated to lab-cp1 and let through by `defconf: drop all from WAN not DSTNATed` (ct
// status dnat): lab-cp1's server answers. Without the rule the probe is the edge's own input and
// the factory's `drop all not coming from LAN` takes it: no reply. A probe straight to lab-cp1's
// 443 (which also starts lab-cp1's server there) is not to a local address: the rule leaves it
// and the factory forward drop takes it in both runs. (The twin names the forwarded probe's end by
// its address, the edge's; without lab-cp1's server on 443 it was "refused by the destination":
// lab-cp1's kernel answered, not the edge.) Needs root, FRR, gobgpd and nftables.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { previewConfig, writePreview } from "../../preview/offline";
import { twinCli } from "../../twin/cli";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const STACK = join(DIR, "deny-zone-site.yaml");
const FORWARD =
  "add action=dst-nat chain=dstnat dst-address-type=local dst-port=443 in-interface-list=WAN protocol=tcp to-addresses=10.20.0.11";

/** The internet to the edge's uplink address on the forwarded port, answered by lab-cp1. */
const PROBE = {
  kind: "reach",
  name: "internet -> edge:443 forwarded to lab-cp1",
  path: "test",
  from: "internet",
  to: "lab-cp1",
  src: "203.0.113.10",
  dst: "192.0.2.1",
  protocol: "tcp",
  port: 443,
};

/** The internet straight to lab-cp1's 443: dropped by the factory forward drop, rule or not. */
const DIRECT = { ...PROBE, kind: "deny", name: "internet -> lab-cp1 tcp/443", dst: "10.20.0.11" };

/** The twin of the stack's preview, its edge started from the factory export (`forward`: plus the port forward). */
async function twin(forward: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "twin-dstnat-"));
  try {
    const preview = await previewConfig("example-deny", stackConfigOf(fileRaw(STACK)), "homelab");
    expect(preview.ok).toBe(true);
    writePreview(preview, dir);
    writeFileSync(
      join(dir, "expectations.json"),
      JSON.stringify({ expectations: [PROBE, DIRECT] }),
    );
    const factory = readFileSync(join(DIR, "defconf-home.rsc"), "utf8");
    const base = join(dir, "edge-base.rsc");
    writeFileSync(base, forward ? `${factory}/ip firewall nat\n${FORWARD}\n` : factory);
    const lines: string[] = [];
    const argv = ["--from", dir, "--routeros-base", `edge=${base}`];
    const code = await twinCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, lines };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LINE = (seen: string) =>
  `expect internet -> edge:443 forwarded to lab-cp1: expected a reply to 203.0.113.10 -> 192.0.2.1 tcp 443 (internet -> edge); seen ${seen}`;

const DIRECT_LINE =
  "expect internet -> lab-cp1 tcp/443: expected no reply to 203.0.113.10 -> 10.20.0.11 tcp 443 (internet -> lab-cp1); seen no reply (no answer in 1500 ms)";

test("the internet reaches lab-cp1 through the edge's port forward; without the rule, no reply", async () => {
  const forwarded = await twin(true);
  expect(forwarded.lines.filter((l) => l.includes("forwarded to lab-cp1"))).toEqual([
    `pass ${LINE("reached: connected")}`,
  ]);
  expect(forwarded.lines).toContain(`pass ${DIRECT_LINE}`);
  expect(forwarded.lines.filter((l) => l.startsWith("FAIL "))).toEqual([]);
  expect(forwarded.code).toBe(0);

  const plain = await twin(false);
  expect(plain.lines.filter((l) => l.startsWith("FAIL "))).toEqual([
    `FAIL ${LINE("no reply (no answer in 3000 ms)")}`,
  ]);
  expect(plain.lines).toContain(`pass ${DIRECT_LINE}`);
  expect(plain.code).toBe(1);
}, 600_000);
