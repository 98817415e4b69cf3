// `npm run plan -- --routeros-base ROUTER=FILE`: what the stack's reconcile script would do to a
// router whose `/export` is FILE, from a dry run on the RouterOS menu model
// (twin/routeros/dryrun.ts), written beside the script as routeros/ROUTER.changes.txt.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
} from "fs";
import { pseudoFilesystem } from "./folder";
import { ExportError, parseExport } from "../twin/routeros/export";
import { dhcpPoolWarnings, PlannedAddress } from "./dhcp-pools";
import { dryRun, DryRunCounts, DryRunError } from "../twin/routeros/dryrun";

/** The largest export read (4 MiB): a home router's export is tens of KiB. */
export const MAX_BASE_BYTES = 4 * 1024 * 1024;

export interface RouterBase {
  readonly router: string;
  readonly file: string;
}

/** `ROUTER=FILE` values; a message for the first malformed one. */
export function parseBases(values: readonly string[]): RouterBase[] | string {
  const out: RouterBase[] = [];
  for (const v of values) {
    const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(v);
    if (!m)
      return `--routeros-base ${JSON.stringify(v)}: expected ROUTER=FILE, e.g. edge=edge.rsc (the router's name in the stack, then the file /export wrote)`;
    if (out.some((b) => b.router === m[1]))
      return `--routeros-base ${m[1]}: given twice; give one export per router`;
    out.push({ router: m[1], file: m[2] });
  }
  return out;
}

/**
 * The text of `file`: only a regular file (never through a symbolic link, a folder or a device),
 * at most MAX_BASE_BYTES. Returns a message instead when it cannot be read so.
 */
export function readBase(file: string): { text: string } | { problem: string } {
  // /proc, /sys, /dev hold no export, and a file there (an environment) must never be read.
  let pseudo: string | undefined;
  try {
    pseudo = pseudoFilesystem(realpathSync(file));
  } catch {
    pseudo = pseudoFilesystem(file);
  }
  if (pseudo !== undefined)
    return { problem: `is on ${pseudo}, not a saved file; give the file /export wrote` };
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return { problem: "does not exist" };
  }
  if (!stat.isFile())
    return {
      problem: `is ${stat.isSymbolicLink() ? "a symbolic link" : stat.isDirectory() ? "a folder" : "not a regular file"}; give the export file itself`,
    };
  if (stat.size > MAX_BASE_BYTES)
    return {
      problem: `is ${stat.size} bytes, more than the ${MAX_BASE_BYTES} an /export of a router can be; is it the right file?`,
    };
  // Opened without following a link and checked again on the open file: a file swapped for a
  // link or a device after the lstat above is refused, not read.
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return { problem: "cannot be opened as a regular file; give the export file itself" };
  }
  try {
    const open = fstatSync(fd);
    if (!open.isFile() || open.size > MAX_BASE_BYTES)
      return { problem: "changed while it was read; give the export file itself" };
    return { text: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}

export interface BaseChanges {
  readonly router: string;
  /** Path of the changes file in the preview folder. */
  readonly path: string;
  readonly text: string;
  readonly counts: DryRunCounts;
  /** What the router's own rules will still do to the stack's traffic, one line each. */
  readonly warnings: readonly string[];
}

/**
 * The dry run of each base (`text`: the export read by `readBase`) against the preview's
 * `routeros/<router>.rsc` in `files`, with warnings for the router's DHCP pools and static leases
 * that hold `planned` addresses (dhcp-pools.ts). Returns the changes files; or the problems and the exit
 * status: 2 for a router the stack has no script for, 1 for an export that cannot be read, a
 * script the router would refuse, or a conflict (the plan is refused with the script's message).
 */
export function baseChanges(
  bases: readonly (RouterBase & { readonly text: string })[],
  files: ReadonlyMap<string, string>,
  shown: (file: string) => string,
  planned: readonly PlannedAddress[] = [],
): { ok: true; changes: BaseChanges[] } | { ok: false; status: 1 | 2; problems: string[] } {
  const routers = [...files.keys()].flatMap((p) => /^routeros\/(.+)\.rsc$/.exec(p)?.[1] ?? []);
  const missing = bases.filter((b) => !files.has(`routeros/${b.router}.rsc`));
  if (missing.length > 0)
    return {
      ok: false,
      status: 2,
      problems: missing.map(
        (b) =>
          `--routeros-base ${b.router}=${shown(b.file)}: the stack has no RouterOS router ${b.router}; its RouterOS routers: ${routers.join(", ") || "none"}`,
      ),
    };
  const changes: BaseChanges[] = [];
  const problems: string[] = [];
  for (const b of bases) {
    const script = files.get(`routeros/${b.router}.rsc`) as string;
    try {
      const r = dryRun(script, shown(b.file), b.text);
      if (!r.ok) {
        problems.push(
          ...r.conflicts.map((c) => `routeros/${b.router}.rsc on ${shown(b.file)}: ${c}`),
        );
        continue;
      }
      const text = r.lines.length > 0 ? `${r.lines.join("\n")}\n` : "";
      const path = `routeros/${b.router}.changes.txt`;
      const dhcp = dhcpPoolWarnings(shown(b.file), parseExport(shown(b.file), b.text), planned);
      const warnings = [...r.warnings, ...dhcp];
      changes.push({ router: b.router, path, text, counts: r.counts, warnings });
    } catch (e) {
      if (!(e instanceof ExportError) && !(e instanceof DryRunError)) throw e;
      problems.push(...(e instanceof DryRunError ? e.problems : [e.message]));
    }
  }
  return problems.length > 0 ? { ok: false, status: 1, problems } : { ok: true, changes };
}

/** The summary line of one changes file, then its warnings (`  ! <router>: ...`). */
export function changesLines(c: BaseChanges): string[] {
  const n = c.counts;
  return [
    `  ${c.path}: ${n.add} add, ${n.adopt} adopt, ${n.set} set, ${n.remove} remove, ${n.release} release (${n.read} entries read from the export)`,
    ...c.warnings.map((w) => `  ! ${c.router}: ${w}`),
  ];
}
