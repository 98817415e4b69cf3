// nftables' own parser as a check: `nft -c -f` (check only, nothing is loaded) in a fresh, empty
// network namespace, so that checking never touches this machine's ruleset. Debian's `nftables`
// package (`.ci/install-nftables.sh`); without it every check fails with the install hint.
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

/** The error every nftables check fails with when `nft` is missing: never a skip. */
export const NFT_MISSING =
  "nftables is not installed: run `bash .ci/install-nftables.sh` as root (Debian's nftables package).";

/** Throws with the install hint when `nft` cannot run. */
export function requireNft(nft = "nft"): void {
  if (spawnSync(nft, ["--version"]).error) throw new Error(NFT_MISSING);
}

/** What `nft -c -f` says about a ruleset: empty when it accepts it, else its error lines. */
export function nftProblems(ruleset: string, nft = "nft"): string[] {
  requireNft(nft);
  const dir = mkdtempSync(join(tmpdir(), "homelab-nft-"));
  try {
    const file = join(dir, "ruleset.nft");
    writeFileSync(file, ruleset);
    const r = spawnSync("unshare", ["--net", nft, "-c", "-f", file], { encoding: "utf8" });
    if (r.error) throw r.error;
    if (r.status === 0) return [];
    return (r.stderr || r.stdout)
      .split("\n")
      .filter((l) => /Error:/.test(l))
      .map((l) => l.replace(`${file}:`, "line "));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
