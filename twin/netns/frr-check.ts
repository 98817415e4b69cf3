// FRR's own checks of a rendered frr.conf: `vtysh -C` on the integrated file, and each daemon's
// dry run (`<daemon> -C`) on the part of the file that daemon owns. A daemon fed the whole
// integrated file reports every other daemon's lines as unknown, and an `exit` closing a block
// it skipped drops it out of config mode, so it would then reject even its own lines.
import { execFileSync, spawnSync } from "child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

export const FRR_DIR = "/usr/lib/frr";
export const DAEMONS = ["zebra", "staticd", "bfdd", "isisd", "bgpd"] as const;
export type FrrDaemon = (typeof DAEMONS)[number];

export const FRR_MISSING =
  "FRR is not installed (need vtysh and /usr/lib/frr/{zebra,staticd,bfdd,isisd,bgpd}). " +
  "Install it with `sudo .ci/install-frr.sh` (Debian/Ubuntu: apt-get install -y frr iproute2).";

/** Throws FRR_MISSING unless every tool the checks and the lab run is present. */
export function requireFrr(dir = FRR_DIR, vtysh = "vtysh"): void {
  const missing = [
    ...DAEMONS.map((d) => join(dir, d)).filter((p) => !existsSync(p)),
    ...(spawnSync(vtysh, ["--help"]).error ? [vtysh] : []),
  ];
  if (missing.length > 0) throw new Error(`${FRR_MISSING} Missing: ${missing.join(", ")}.`);
}

/** FRR 8.4 release string, e.g. "8.4.4". */
export function frrVersion(): string {
  const out = execFileSync(join(FRR_DIR, "bgpd"), ["--version"], { encoding: "utf8" });
  return /version (\S+)/.exec(out)?.[1] ?? out.split("\n")[0];
}

type Owner = FrrDaemon | "all";

/** Which daemon reads a top-level line of the integrated config. */
function ownerOf(line: string): Owner | "interface" {
  const rules: [RegExp, Owner | "interface"][] = [
    [/^hostname /, "all"],
    [/^(router bgp |bgp |ip prefix-list |ipv6 prefix-list |route-map )/, "bgpd"],
    [/^(ip|ipv6) route /, "staticd"],
    [/^bfd$/, "bfdd"],
    [/^router isis /, "isisd"],
    [/^interface /, "interface"],
  ];
  const hit = rules.find(([re]) => re.test(line));
  if (!hit) throw new Error(`frr-check: no daemon known for top-level line "${line}"`);
  return hit[1];
}

/** Which daemon reads a line inside an `interface` block. */
function interfaceOwner(line: string): FrrDaemon {
  if (/^ (ip |ipv6 )?(router isis |isis )/.test(line)) return "isisd";
  if (/^ ipv6 nd /.test(line) || /^ (ip|ipv6) address /.test(line)) return "zebra";
  throw new Error(`frr-check: no daemon known for interface line "${line}"`);
}

/** The integrated config cut into the per-daemon files FRR's non-integrated mode would use. */
export function splitByDaemon(conf: string): Record<FrrDaemon, string> {
  const out = Object.fromEntries(DAEMONS.map((d) => [d, [] as string[]])) as Record<
    FrrDaemon,
    string[]
  >;
  let owner: Owner | "interface" = "all";
  let head = "";
  const iface: Partial<Record<FrrDaemon, string[]>> = {};
  const emit = (o: Owner, line: string) =>
    (o === "all" ? DAEMONS : [o]).forEach((d) => out[d].push(line));
  const flushInterface = () => {
    for (const [d, lines] of Object.entries(iface) as [FrrDaemon, string[]][]) {
      out[d].push(head, ...lines, "exit");
      delete iface[d];
    }
  };
  for (const line of conf.split("\n")) {
    if (line === "" || line.startsWith("!")) continue;
    if (!line.startsWith(" ") && line !== "exit") {
      if (owner === "interface") flushInterface();
      owner = ownerOf(line);
      head = line;
      if (owner !== "interface") emit(owner, line);
    } else if (owner === "interface") {
      if (line !== "exit") (iface[interfaceOwner(line)] ??= []).push(line);
    } else {
      emit(owner, line);
    }
  }
  if (owner === "interface") flushInterface();
  return Object.fromEntries(DAEMONS.map((d) => [d, out[d].join("\n") + "\n"])) as Record<
    FrrDaemon,
    string
  >;
}

// Dry runs have no zebra to talk to and no kernel MPLS; these lines say so and nothing else.
const BENIGN = [/Disabling MPLS support/, /zclient_send_message\(\) failed/];

/** Lines of a dry run's output that report a configuration problem. */
export function dryRunErrors(output: string): string[] {
  return output
    .split("\n")
    .filter((l) => /\[EC \d+\]|^%|YANG/.test(l))
    .filter((l) => !BENIGN.some((re) => re.test(l)));
}

/**
 * Every problem FRR finds in an integrated frr.conf, prefixed by the checker; [] when clean.
 * The daemons' dry runs exit 0 even on errors, hence the output parsing.
 */
export function frrConfigProblems(conf: string): string[] {
  requireFrr();
  const dir = mkdtempSync(join(tmpdir(), "frr-check-"));
  // The daemons drop root for the frr user before they read their file, and bfdd binds its
  // control socket here rather than over a running bfdd's /var/run/frr/bfdd.sock.
  chmodSync(dir, 0o777);
  try {
    const problems: string[] = [];
    const file = join(dir, "frr.conf");
    writeFileSync(file, conf, { mode: 0o644 });
    const vtysh = spawnSync("vtysh", ["-C", "-f", file], { encoding: "utf8" });
    if (vtysh.status !== 0) {
      const text = `${vtysh.stdout}${vtysh.stderr}`.trim();
      problems.push(`vtysh -C exited ${vtysh.status}: ${text}`);
    }
    for (const [daemon, part] of Object.entries(splitByDaemon(conf))) {
      const slice = join(dir, `${daemon}.conf`);
      writeFileSync(slice, part, { mode: 0o644 });
      const args = [
        "-C",
        "-f",
        slice,
        ...(daemon === "bfdd" ? ["--bfdctl", join(dir, "bfdd.sock")] : []),
      ];
      const run = spawnSync(join(FRR_DIR, daemon), args, { encoding: "utf8" });
      if (run.error) throw run.error;
      for (const e of dryRunErrors(`${run.stdout}${run.stderr}`)) problems.push(`${daemon}: ${e}`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
