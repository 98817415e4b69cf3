// The install and destroy scripts the router server runs over SSH, run here for real in a private
// mount and network namespace (a tmpfs over /etc, nftables loaded into an empty namespace): the
// rendered ruleset goes live and survives a reboot through /etc/nftables.conf; a second run
// changes nothing; another table on the router is never touched; a ruleset nft rejects is never
// installed; destroy removes exactly the stack's table. Needs root and nftables.
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { INSTALL_NFTABLES, removeTable } from "../../components/nftables-ruleset";
import { requireNft } from "../../lab/nft-check";
import { renderNftables } from "../../render/nftables/ruleset";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const policy = requireSite(stackRaw("arc-hybrid")).topology.policy;
const RULESET = policy
  ? renderNftables(policy, policy.points[0], { router: "router-server", stack: "arc-hybrid" })
  : "";

/** Runs `script` as root in fresh mount and network namespaces with an empty /etc. */
function onFreshRouter(
  script: string,
  files: Record<string, string>,
): { status: number; out: string; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "homelab-nft-install-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = spawnSync(
      "unshare",
      ["--mount", "--net", "sh", "-c", `mount -t tmpfs tmpfs /etc && cd ${dir} && ${script}`],
      { encoding: "utf8" },
    );
    return {
      status: r.status ?? -1,
      out: `${r.stdout}${r.stderr}`,
      stdout: r.stdout,
      stderr: r.stderr,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OTHER =
  "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority 0; policy accept;\n\t}\n}\n";

describe("the router server's nftables install script", () => {
  beforeAll(() => requireNft());

  test("installs, persists, changes nothing the second time, leaves other tables alone", () => {
    const r = onFreshRouter(
      [
        "nft -f other.nft",
        'sh -c "$(cat install.sh)" < ruleset.nft',
        'sh -c "$(cat install.sh)" < ruleset.nft',
        "nft list tables",
        "cat /etc/nftables.conf",
        "stat -c '%a %n' /etc/nftables.d/*",
        "nft list table inet homelab_arc_hybrid | grep -c 'homelab:'",
      ].join(" && "),
      { "install.sh": INSTALL_NFTABLES, "ruleset.nft": RULESET, "other.nft": OTHER },
    );
    expect(r.out.split("\n")).toEqual([
      "table inet filter",
      "table inet homelab_arc_hybrid",
      'include "/etc/nftables.d/*.nft"',
      "600 /etc/nftables.d/homelab_arc_hybrid.nft",
      // The policy's forward lines with the port-forward accept (issue 20, friction 4), the
      // flows' six allow rules (issue 18: DNS over UDP and TCP, NTP, mirrors, the hosts' images and
      // NTP), the tunnel's QUIC and the log shipping the VMs declare (vms[].outbound), and the
      // masquerade of the way out.
      "34",
      "",
    ]);
    expect(r.status).toBe(0);
  });

  test("a ruleset nft rejects is neither loaded nor installed", () => {
    const bad = RULESET.replace(
      'accept comment "homelab:rule=app-to-storage"',
      'acept comment "x"',
    );
    const r = onFreshRouter(
      [
        'sh -c "$(cat install.sh)" < ruleset.nft; echo "exit $?"',
        "nft list tables",
        "ls /etc",
      ].join("; "),
      { "install.sh": INSTALL_NFTABLES, "ruleset.nft": bad },
    );
    // The script stops at `nft -c` (exit 1): no table, nothing in /etc.
    expect(r.stdout).toBe("exit 1\n");
    expect(r.stderr).toMatch(/:103:51-57: Error: syntax error, unexpected comment\n/);
    expect(r.status).toBe(0);
  });

  test("destroy removes the stack's table and file, and nothing else", () => {
    const r = onFreshRouter(
      [
        "nft -f other.nft",
        'sh -c "$(cat install.sh)" < ruleset.nft',
        'sh -c "$(cat destroy.sh)"',
        "nft list tables",
        "ls /etc/nftables.d | wc -l",
      ].join(" && "),
      {
        "install.sh": INSTALL_NFTABLES,
        "destroy.sh": removeTable("homelab_arc_hybrid"),
        "ruleset.nft": RULESET,
        "other.nft": OTHER,
      },
    );
    expect(r.out.split("\n")).toEqual(["table inet filter", "0", ""]);
  });
});
