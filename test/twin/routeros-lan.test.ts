// Issue 17 sections 3 and 5 on a factory router: `npm run twin -- --stack example --routeros-base
// edge=test/fixtures/routeros/defconf-home.rsc`. The factory firewall drops what does not come in
// on a member of the interface list LAN (IPv4 input `defconf: drop all not coming from LAN`, IPv6
// forward `defconf: drop everything else not coming from LAN`); the script makes the stack's
// vlan20 a member, so every check passes. Without the script's membership block the two IPv6
// resolver flows fail. Needs root, FRR, gobgpd and nftables.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { previewStack, writePreview } from "../../preview/offline";
import { twinCli } from "../../twin/cli";

const BASE = join(__dirname, "..", "fixtures", "routeros", "defconf-home.rsc");
const HEAD = "# reconcile /interface/list/member";

/** The twin of the example stack's preview after `edit`, its edge started from the factory export. */
async function twin(edit: (dir: string) => void) {
  const base = mkdtempSync(join(tmpdir(), "twin-lan-"));
  try {
    writePreview(await previewStack("example"), join(base, "clean"));
    cpSync(join(base, "clean"), join(base, "edited"), { recursive: true });
    edit(join(base, "edited"));
    const lines: string[] = [];
    const argv = ["--from", join(base, "edited"), "--routeros-base", `edge=${BASE}`];
    const code = await twinCli(argv, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, lines, summary: lines[lines.length - 1] };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** Removes the script's block from the line `head` to its closing, unindented `}`. */
function removeBlock(file: string, head: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const at = lines.indexOf(head);
  const end = lines.indexOf("}", at);
  if (at < 0 || lines[at + 1] !== "{" || end < 0) throw new Error(`${file} has no block ${head}`);
  writeFileSync(file, [...lines.slice(0, at), ...lines.slice(end + 1)].join("\n"));
}

const fails = (lines: string[]) => lines.filter((l) => l.startsWith("FAIL "));

test("example on a factory edge: vlan20 joins LAN and every check passes; without that block the IPv6 resolver flows fail", async () => {
  const clean = await twin(() => undefined);
  expect(clean.lines.filter((l) => l.includes("edge: started from"))).toEqual([
    `  modelled: edge: started from ${BASE} (67 entries): the script added 22 and adopted 0, removed nothing of the router's own; its second run changed nothing`,
  ]);
  expect(fails(clean.lines)).toEqual([]);
  expect(clean.summary).toBe(
    "twin example: 44 passed, 0 failed; flows: 14 probed (0 failed), 2 skipped",
  );
  expect(clean.code).toBe(0);

  const stripped = await twin((d) => removeBlock(join(d, "routeros/edge.rsc"), HEAD));
  expect(fails(stripped.lines)).toEqual([
    "FAIL flow lab -> internet (2606:4700:4700::1111) udp/53: expected a reply to fd8a:3c5e:1b20:1400::11 -> 2606:4700:4700::1111 udp 53 (lab-cp1 -> internet; lab-cp1 for 3 machines); seen no reply (no echo in 3000 ms)",
    "FAIL flow lab -> internet (2606:4700:4700::1111) tcp/53: expected a reply to fd8a:3c5e:1b20:1400::11 -> 2606:4700:4700::1111 tcp 53 (lab-cp1 -> internet; lab-cp1 for 3 machines); seen no reply (no answer in 3000 ms)",
  ]);
  expect(stripped.summary).toBe(
    "twin example: 42 passed, 2 failed; flows: 14 probed (2 failed), 2 skipped",
  );
  expect(stripped.code).toBe(1);
}, 300_000);
