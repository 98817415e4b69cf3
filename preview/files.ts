// Reading a file the user names (a stack file, a preview folder's files, a peer stack's outputs)
// without following it anywhere: only a regular file whose real path lies inside a given folder,
// opened without blocking and without following a last link, no larger than a cap. A refused file
// is one line naming it and why, never quoting what it holds.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  Stats,
} from "fs";
import { relative, isAbsolute } from "path";

/**
 * Largest stack file read: 1 MiB. The bundled stacks are 1.5 to 11 KB and a site of a few hundred
 * hosts stays far below it, while the YAML parser's time and memory stay small (a stack file is
 * parsed whole, with its aliases expanded).
 */
export const STACK_FILE_MAX = 1024 * 1024;

/**
 * Largest file of a preview folder read back (and of a peer's outputs.json): 16 MiB. The largest
 * here is arc-hybrid's resources.json, 91 KB for 58 resources, so this allows some 10,000.
 */
export const PREVIEW_FILE_MAX = 16 * 1024 * 1024;

/** A file refused before or instead of reading it; `message` is one line, without its content. */
export class RefusedFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedFile";
  }
}

export interface ReadOptions {
  /** The folder the file's real path must lie in (the project, a preview folder). */
  readonly within: string;
  /** How `within` is named in messages: "the project", "the preview folder". */
  readonly withinText: string;
  /** Largest size in bytes. */
  readonly maxBytes: number;
  /** What the file is, for messages: "a stack file". */
  readonly what: string;
  /** The file as messages name it (default: the path as given). */
  readonly shown?: string;
}

/** A file's type as messages name it: "a file", "a directory", "a named pipe (FIFO)"... */
export function kindOf(s: Stats): string {
  if (s.isFile()) return "a file";
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isSocket()) return "a socket";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSymbolicLink()) return "a symbolic link";
  return "not a file";
}

/** `n` bytes as messages show a cap: "1 MiB", "16 MiB", or bytes. */
function sizeText(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/** Whether `path` is `dir` or inside it (both real paths). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * The text (UTF-8) of the regular file `path`, whose real path must lie inside `opts.within`.
 * Throws `RefusedFile` when it does not exist, is a link leading outside (or to nothing), is not
 * a regular file (a FIFO is opened with O_NONBLOCK, so it cannot hang the read), is larger than
 * `opts.maxBytes` (checked on the opened descriptor and again while reading, so a file that grows
 * or lies about its size is cut off), or cannot be read. Other errors are thrown as they are.
 */
export function readRegularFile(path: string, opts: ReadOptions): string {
  const shown = opts.shown ?? path;
  const refuse = (why: string): never => {
    throw new RefusedFile(`${shown} ${why}`);
  };
  const fsError = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") refuse("does not exist");
    if (code === "EACCES" || code === "EPERM")
      refuse("cannot be read: permission denied; let this user read it");
    if (code === "ELOOP") refuse("is a symbolic link; give the file itself");
    throw e;
  };
  let link: boolean;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch (e) {
    return fsError(e);
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    if (link && (e as NodeJS.ErrnoException).code === "ENOENT")
      refuse("is a symbolic link to nothing (its target does not exist); remove the link");
    return fsError(e);
  }
  if (!isInside(real, realpathSync(opts.within))) {
    refuse(
      link
        ? `is a symbolic link to a file outside ${opts.withinText}; copy the file into ${opts.withinText} instead of linking to it`
        : `is outside ${opts.withinText}`,
    );
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    // O_NOFOLLOW: the real path was resolved above; a link put there since is not followed.
    fd = openSync(
      real,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
    );
  } catch (e) {
    return fsError(e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      refuse(`is ${kindOf(stat)}, not a regular file; ${opts.what} must be a regular file`);
    const tooBig = (size: string) =>
      refuse(`is ${size}, more than the ${sizeText(opts.maxBytes)} ${opts.what} may have`);
    if (stat.size > opts.maxBytes) tooBig(`${stat.size} bytes`);
    // Read to the end, not to stat.size: a file that grows, or a /proc-like file that says 0,
    // is read as it is and cut off at the cap.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, opts.maxBytes + 1 - length));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > opts.maxBytes) tooBig(`over ${opts.maxBytes} bytes`);
    }
    return Buffer.concat(chunks, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
