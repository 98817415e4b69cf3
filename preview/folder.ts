// The folder a preview is written to (`--out`): which folders may take one, and writing a preview
// there so that nothing the preview did not write itself is ever removed or written over. The
// preview lists what it wrote in `.preview-files.json` with the SHA-256 of each file's content;
// only listed files still as the preview wrote them are ever removed, one by one, never a folder
// as a whole (only one left empty by such a removal), never through a symbolic link.
import { createHash } from "crypto";
import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  Stats,
  statfsSync,
  unlinkSync,
  writeSync,
} from "fs";
import { dirname, isAbsolute, join, parse, relative, resolve, sep } from "path";
import { isInside, kindOf, readRegularFile, RefusedFile } from "./files";
import { ROOT } from "./root";

/**
 * The list of files a preview wrote into its folder: `{"stack": name, "files": [{"path": relative
 * path, "sha256": hex digest of the content written}]}` (an older preview wrote a JSON array of
 * paths, read as files of unknown content). Only the files it names whose content is still the
 * one written are ever removed, so `--out` pointed at a folder of one's own, or a forged list,
 * cannot lose anything that the preview did not write.
 */
export const PREVIEW_MANIFEST = ".preview-files.json";

/** One file of a preview's list; `sha256` undefined for a list in the older format. */
export interface ManifestEntry {
  readonly path: string;
  readonly sha256?: string;
}

/** A preview's list: the stack it previewed (undefined in the older format) and its files. */
export interface Manifest {
  readonly stack?: string;
  readonly files: readonly ManifestEntry[];
}

/** The SHA-256 of `data` (UTF-8 for a string), as 64 lowercase hex digits. */
function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Whether `name` is a path a preview can write: relative, of segments that are neither empty, "."
 * nor "..", with no backslash or NUL, and not the list itself.
 */
export function isPreviewPath(name: string): boolean {
  if (name === PREVIEW_MANIFEST || isAbsolute(name) || /[\\\0]/.test(name)) return false;
  return name.split("/").every((seg) => seg !== "" && seg !== "." && seg !== "..");
}

/**
 * The paths and hashes of a preview's list given as `text` (either format), or undefined when it
 * is not one. Entries that are not paths a preview writes (isPreviewPath) are dropped, so a
 * hand-edited list cannot reach outside the folder.
 */
export function parseManifest(text: string): Manifest | undefined {
  let listed: unknown;
  try {
    listed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (Array.isArray(listed)) {
    if (!listed.every((n) => typeof n === "string")) return undefined;
    return { files: listed.filter(isPreviewPath).map((path) => ({ path })) };
  }
  if (typeof listed !== "object" || listed === null) return undefined;
  const { stack, files } = listed as { stack?: unknown; files?: unknown };
  if (typeof stack !== "string" || !Array.isArray(files)) return undefined;
  const entries: ManifestEntry[] = [];
  for (const f of files as unknown[]) {
    const e = f as { path?: unknown; sha256?: unknown } | null;
    if (typeof e !== "object" || e === null) return undefined;
    if (typeof e.path !== "string" || typeof e.sha256 !== "string") return undefined;
    if (isPreviewPath(e.path)) entries.push({ path: e.path, sha256: e.sha256 });
  }
  return { stack, files: entries };
}

/** Largest `.preview-files.json` read: 1 MiB, some 20,000 paths (a preview writes a few hundred). */
const MANIFEST_MAX = 1024 * 1024;

/**
 * The kernel's pseudo-filesystems, by path and by statfs(2) type (linux/magic.h): a folder there
 * is no folder on disk (writes fail or change the kernel's state, and Node's recursive mkdir spins
 * forever on /proc/self/x).
 */
const PSEUDO_ROOTS = ["/proc", "/sys", "/dev"];
/** Folders under a pseudo root that are ordinary memory filesystems (tmpfs): POSIX shared memory. */
const TMPFS_UNDER_ROOTS = ["/dev/shm"];
const PSEUDO_TYPES = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x63677270, "cgroup2"],
  [0x27e0eb, "cgroup"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0x1cd1, "devpts"],
  [0xcafe4a11, "bpf"],
]);

/**
 * The kernel pseudo-filesystem `path` lies on ("/proc", "sysfs"...), or undefined: by its path
 * (as given: resolve links first where they may be followed), and by statfs(2) when it exists.
 */
export function pseudoFilesystem(path: string): string | undefined {
  const abs = resolve(path);
  const below = (p: string) => abs === p || abs.startsWith(p + sep);
  const under = PSEUDO_ROOTS.find(below);
  if (under !== undefined && !TMPFS_UNDER_ROOTS.some(below)) return under;
  if (lstatOrNone(abs) === undefined) return undefined;
  return PSEUDO_TYPES.get(Number(statfsSync(abs).type));
}

/** Thrown by `writePreviewFiles` for a folder or a path in it that it refuses. */
export class PreviewFolderError extends Error {}

/**
 * A path as messages show it: relative to the working directory when it lies below it, else
 * absolute (`/proc/self/x`, not `../../../proc/self/x`).
 */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel;
}

/** lstat, or undefined when nothing is there (or a level above is not a folder). */
function lstatOrNone(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw e;
  }
}

/**
 * Why `dir` cannot take a preview, or undefined when it can. Refused: a folder holding the
 * project; one under /proc, /sys or /dev or on another kernel pseudo-filesystem; a path through a
 * symbolic link or under something that is not a folder; a folder this user cannot write; a
 * non-empty folder no preview wrote (no `.preview-files.json`; its files are the user's, so
 * nothing is written there either); one whose `.preview-files.json` is not a preview's list; a
 * folder inside the project's `.git`; with `stack`, one holding another stack's preview.
 * A missing folder (made level by level on writing) or an empty one is fine.
 */
export function previewFolderProblem(dir: string, root = ROOT, stack?: string): string | undefined {
  const top = resolve(dir);
  if (isInside(resolve(root), top))
    return "holds the project itself; choose a new or empty folder, such as out/<stack> (the default)";
  if (isInside(top, join(resolve(root), ".git")))
    return "is inside the project's .git folder, which git alone writes; choose a folder such as out/<stack> (the default)";
  const onPseudo = (name: string) =>
    `is on ${name}, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)`;
  const under = pseudoFilesystem(top);
  if (under !== undefined) return onPseudo(under);
  // Each level as written, from the filesystem root: the deepest one that exists must be a folder
  // reached through no link; the rest is made level by level on writing (makeFolders).
  let existing = parse(top).root;
  const parts = top.slice(existing.length).split(sep).filter(Boolean);
  for (const [i, part] of parts.entries()) {
    const at = join(existing, part);
    let stat: Stats | undefined;
    try {
      stat = lstatOrNone(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EACCES") throw e;
      return `cannot be reached: ${shownPath(existing)} does not let this user in (permission denied)`;
    }
    if (stat === undefined) break;
    const last = i === parts.length - 1;
    if (stat.isSymbolicLink())
      return last
        ? "is a symbolic link; give the folder's own path, or a new folder"
        : `is under ${shownPath(at)}, a symbolic link; give a path without links`;
    if (!stat.isDirectory())
      return last
        ? `is ${kindOf(stat)}, not a folder; choose a new or empty folder`
        : `cannot be made: ${shownPath(at)} is ${kindOf(stat)}, not a folder; choose another folder`;
    existing = at;
  }
  const type = pseudoFilesystem(existing);
  if (type !== undefined) return onPseudo(type);
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return existing === top
      ? "cannot be written by this user; choose another folder"
      : `cannot be made: ${shownPath(existing)} cannot be written by this user; choose another folder`;
  }
  if (existing !== top) return undefined;
  const names = readdirSync(top);
  if (names.length === 0) return undefined;
  if (!names.includes(PREVIEW_MANIFEST))
    return `holds files no preview wrote (no ${PREVIEW_MANIFEST}); choose a new or empty folder, or remove them`;
  let manifest: Manifest;
  try {
    manifest = readManifest(top);
  } catch (e) {
    if (!(e instanceof RefusedFile)) throw e;
    return `cannot take a preview: ${e.message}`;
  }
  if (stack !== undefined && manifest.stack !== undefined && manifest.stack !== stack)
    return `holds the preview of stack ${manifest.stack}, not ${stack} (${PREVIEW_MANIFEST}); remove that folder yourself, or choose another folder such as out/${stack}`;
  return undefined;
}

/**
 * The list `.preview-files.json` in `dir` holds (parseManifest), or no files when there is none.
 * Throws `RefusedFile` for a list that is not a regular file inside `dir`, too large, or not a
 * preview's list in either format.
 */
export function readManifest(dir: string): Manifest {
  const path = join(dir, PREVIEW_MANIFEST);
  if (lstatOrNone(path) === undefined) return { files: [] };
  const text = readRegularFile(path, {
    within: dir,
    withinText: "the preview folder",
    maxBytes: MANIFEST_MAX,
    what: "a preview's file list",
    shown: PREVIEW_MANIFEST,
  });
  const manifest = parseManifest(text);
  if (manifest === undefined)
    throw new RefusedFile(
      `${PREVIEW_MANIFEST} is not a preview's file list (a JSON array of paths); remove the folder's files yourself, or choose another folder`,
    );
  return manifest;
}

/**
 * Why the preview cannot write `name` (content `text`) into the folder `top` whose previous
 * preview wrote `ours` (path to SHA-256, undefined in the older list): a symbolic link on the
 * way, something other than a folder where it needs one, something other than a file of `ours`
 * where the file goes, or a file of `ours` changed since (its content neither the one written nor
 * `text`). Undefined when it can.
 */
function targetProblem(
  top: string,
  name: string,
  text: string,
  ours: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const parts = relative(top, resolve(top, name)).split(sep);
  let at = top;
  for (const [i, part] of parts.entries()) {
    at = join(at, part);
    const stat = lstatOrNone(at);
    if (stat === undefined) return undefined;
    const rel = relative(top, at);
    if (stat.isSymbolicLink())
      return `has a symbolic link at ${rel}, where the preview writes ${name}; remove the link`;
    if (i < parts.length - 1) {
      if (!stat.isDirectory())
        return `has ${kindOf(stat)} at ${rel}, where the preview needs a folder for ${name}; move it away`;
    } else if (!stat.isFile()) {
      return `has ${kindOf(stat)} at ${name}, where the preview writes a file; move it away`;
    } else if (!ours.has(name)) {
      return `holds ${name}, which no preview wrote (${PREVIEW_MANIFEST} does not list it), where the preview writes it; move it away`;
    } else {
      const written = ours.get(name);
      const now = written === undefined ? undefined : sha256(readFileSync(at));
      if (now !== undefined && now !== written && now !== sha256(text))
        return `holds ${name}, changed since the preview wrote it, where the preview writes it again; move it away to keep the changes, or remove it`;
    }
  }
  return undefined;
}

/**
 * Makes the folder `dir` one level at a time (not Node's recursive mkdir, which spins forever on
 * some paths of /proc): each level must be a folder and not a link, or is made.
 */
function makeFolders(dir: string, outDir: string): void {
  let at = parse(dir).root;
  for (const part of dir.slice(at.length).split(sep).filter(Boolean)) {
    at = join(at, part);
    let stat = lstatOrNone(at);
    if (stat === undefined) {
      try {
        mkdirSync(at);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EACCES" || code === "EPERM" || code === "EROFS")
          throw new PreviewFolderError(
            `${outDir} cannot be made: ${shownPath(at)} cannot be created (${code === "EROFS" ? "read-only filesystem" : "permission denied"}); choose another folder`,
          );
        if (code !== "EEXIST") throw e;
      }
      stat = lstatSync(at);
    }
    if (stat.isSymbolicLink() || !stat.isDirectory())
      throw new PreviewFolderError(
        `${outDir} cannot be made: ${shownPath(at)} is ${kindOf(stat)}, not a folder; choose another folder`,
      );
  }
}

/** Writes `text` to `path`, never through a link at `path` and never waiting on a FIFO there. */
function writeNew(path: string, text: string, outDir: string): void {
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_WRONLY |
        constants.O_CREAT |
        constants.O_TRUNC |
        constants.O_NOFOLLOW |
        constants.O_NONBLOCK,
      0o666,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ELOOP") throw e;
    throw new PreviewFolderError(`${outDir} has a symbolic link at ${relative(outDir, path)}`);
  }
  try {
    const data = Buffer.from(text, "utf8");
    for (let done = 0; done < data.length;) done += writeSync(fd, data, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the listed files `entries` (relative to `top`) that are still as the preview wrote them,
 * then the folders that leaves empty; returns the paths kept because their content changed. Left
 * alone: a path with a symbolic link on it (the link is not the preview's, and what it leads to
 * is not either), anything but a regular file, a file of unknown content (the older list), and a
 * file whose content is not the one written (the user's edit). A folder goes only when removing
 * such a file left it empty.
 */
function removeListed(top: string, entries: readonly ManifestEntry[]): string[] {
  const folders = new Set<string>();
  const changed: string[] = [];
  for (const { path: name, sha256: written } of entries) {
    if (written === undefined || !isPreviewPath(name)) continue;
    const path = resolve(top, name);
    if (!path.startsWith(top + sep)) continue;
    let at = top;
    let linked = false;
    for (const part of relative(top, path).split(sep)) {
      at = join(at, part);
      if (lstatOrNone(at)?.isSymbolicLink()) linked = true;
    }
    if (linked || !lstatOrNone(path)?.isFile()) continue;
    if (sha256(readFileSync(path)) !== written) {
      changed.push(name);
      continue;
    }
    unlinkSync(path);
    for (let d = dirname(path); d.startsWith(top + sep); d = dirname(d)) folders.add(d);
  }
  // Deepest first, and only when empty: a file of the user's own keeps its folder.
  for (const d of [...folders].sort((a, b) => b.length - a.length)) {
    const stat = lstatOrNone(d);
    if (stat?.isDirectory() && readdirSync(d).length === 0) rmdirSync(d);
  }
  return changed;
}

/** What `writePreviewFiles` did: the paths written, and the previous files kept as changed. */
export interface PreviewWrite {
  readonly written: string[];
  /** Files of the previous preview no longer written, kept because their content changed. */
  readonly kept: string[];
}

/**
 * Writes `files` (path relative to the folder, text) of the preview of `stack` into `outDir` and
 * lists them with their SHA-256 in `.preview-files.json`. Everything is checked before the first
 * write (the folder with `previewFolderProblem`, each path with targetProblem) and refused with a
 * `PreviewFolderError`. The list is written first as the old list plus the new one, so that an
 * interrupted write still lists every file of ours; the previous preview's files that this one
 * does not write again are removed (removeListed) only after all are written, and then the list
 * is the new one.
 */
export function writePreviewFiles(
  files: readonly [string, string][],
  outDir: string,
  stack: string,
  root = ROOT,
): PreviewWrite {
  const problem = previewFolderProblem(outDir, root, stack);
  if (problem !== undefined) throw new PreviewFolderError(`${outDir} ${problem}`);
  const top = resolve(outDir);
  const previous = readManifest(top).files;
  const ours = new Map(previous.map((e) => [e.path, e.sha256]));
  for (const [name, text] of files) {
    const target = targetProblem(top, name, text, ours);
    if (target !== undefined) throw new PreviewFolderError(`${outDir} ${target}`);
  }
  const entries = files.map(([path, text]) => ({ path, sha256: sha256(text) }));
  const names = new Set(entries.map((e) => e.path));
  const manifest = (list: readonly ManifestEntry[]) =>
    writeNew(
      join(top, PREVIEW_MANIFEST),
      `${JSON.stringify({ stack, files: list }, null, 2)}\n`,
      outDir,
    );
  makeFolders(top, outDir);
  // Until all is written, a previous file of unknown content stays listed as such.
  const stale = previous.filter((e) => !names.has(e.path));
  manifest([...entries, ...stale.filter((e) => e.sha256 !== undefined)]);
  for (const [name, text] of files) {
    makeFolders(dirname(resolve(top, name)), outDir);
    writeNew(resolve(top, name), text, outDir);
  }
  const kept = removeListed(top, stale);
  manifest(entries);
  return { written: entries.map((e) => join(outDir, e.path)), kept };
}
