// The `npm run import` command line: reads the saved files of a running site and writes a stack
// file and import-report.md beside it. In a module of its own so that tests run it in-process.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { redactConfigLine } from "../addressing/quote";
import { readRegularFile, RefusedFile } from "../preview/files";
import { pseudoFilesystem, shownPath } from "../preview/folder";
import { MAX_BASE_BYTES } from "../preview/routeros-base";
import { portableYaml } from "../render/yaml";
import { resolveSite } from "../site";
import { ExportError, parseExport } from "../twin/routeros/export";
import { ImportError, readInterfaces } from "./interfaces";
import { reportMarkdown } from "./report";
import { ImportInput, importSite } from "./stack";

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = [
  "Usage: npm run import -- --site <name> [--proxmox <host>=<file>]... [--sdn <dir>]",
  "         [--firewall <dir>] [--routeros <router>=<file>]... [--out <file>] [--force]",
  "",
  "Reads the saved configuration of a running site and writes a stack file (Pulumi.<name>.yaml)",
  "and import-report.md beside it: every line or object read that the stack cannot express, with",
  "its file and line.",
  "",
  "Options:",
  "  --site <name>              the site (and stack) name",
  "  --proxmox <host>=<file>    a host's /etc/network/interfaces (its `source` files are looked",
  "                             for beside it: interfaces.d/); read with ifupdown2's ifquery",
  "  --sdn <dir>                a copy of the cluster's /etc/pve/sdn (*.cfg)",
  "  --firewall <dir>           a copy of the cluster's /etc/pve/firewall (*.fw)",
  "  --routeros <router>=<file> the router's /export or /export terse (RouterOS 7)",
  "  --out <file>               the stack file to write (default: Pulumi.<name>.yaml); an existing",
  "                             one (or import-report.md beside it) is refused without --force",
  "  --force                    replace an existing --out file and import-report.md (never",
  "                             through a symbolic link)",
  "  -h, --help                 show this text",
  "",
  "Exit status: 0 a stack file was written, 1 nothing could be imported (a file refused, or",
  "nothing read that the stack can hold), 2 a usage error.",
].join("\n");

const PAIR = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)=(.+)$/;

/** Runs the command; resolves to the exit status. */
export function importCli(argv: readonly string[], io: CliOutput): number {
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        site: { type: "string" },
        proxmox: { type: "string", multiple: true },
        sdn: { type: "string" },
        firewall: { type: "string" },
        routeros: { type: "string", multiple: true },
        out: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    io.err(`import: ${(e as Error).message.split("\n")[0]}`);
    io.err("run npm run import -- --help for the options");
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const usageError = (m: string) => {
    io.err(`import: ${m}`);
    io.err("run npm run import -- --help for the options");
    return 2;
  };
  const site = values.site as string | undefined;
  if (!site || !/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(site))
    return usageError(
      `--site ${JSON.stringify(site ?? "")}: give the site name, a DNS label such as homelab`,
    );
  const given = (opt: string) => (values[opt] as string[] | undefined) ?? [];
  const bad = [...given("proxmox"), ...given("routeros")].find((v) => !PAIR.test(v));
  if (bad !== undefined)
    return usageError(
      `${JSON.stringify(bad)}: write NAME=FILE, the name a DNS label (pve1=pve1/interfaces)`,
    );
  const pairs = (opt: string): { name: string; file: string }[] =>
    given(opt).map((v) => {
      const m = PAIR.exec(v) as RegExpExecArray;
      return { name: m[1], file: m[3] };
    });
  const proxmox = pairs("proxmox");
  const routeros = pairs("routeros");
  for (const [opt, list] of [
    ["proxmox", proxmox],
    ["routeros", routeros],
  ] as const) {
    const twice = list.find((p, i) => list.findIndex((q) => q.name === p.name) !== i);
    if (twice !== undefined)
      return usageError(
        `--${opt} ${twice.name}: given twice; give one file per ${opt === "proxmox" ? "host" : "router"}`,
      );
  }
  const sdnDir = values.sdn as string | undefined;
  const fwDir = values.firewall as string | undefined;
  if (proxmox.length + routeros.length === 0 && !sdnDir && !fwDir)
    return usageError("nothing to read: give --proxmox, --sdn, --firewall or --routeros");
  const out = (values.out as string | undefined) ?? `Pulumi.${site}.yaml`;
  const reportFile = path.join(path.dirname(out), "import-report.md");
  const outProblem = outputProblem(out, reportFile, values.force === true);
  if (outProblem !== undefined) return usageError(outProblem);
  const refused: string[] = [];
  const hosts: ImportInput["hosts"][number][] = [];
  const routers: ImportInput["routers"][number][] = [];
  const read = (file: string, maxBytes: number, what: string): string | undefined => {
    try {
      return readSaved(file, maxBytes, what);
    } catch (e) {
      if (!(e instanceof RefusedFile)) throw e;
      refused.push(e.message);
      return undefined;
    }
  };
  for (const p of proxmox) {
    try {
      hosts.push({ name: p.name, file: p.file, ...readInterfaces(p.file) });
    } catch (e) {
      if (e instanceof ImportError) refused.push(e.message);
      else if ((e as NodeJS.ErrnoException).code)
        refused.push(`${p.file}: ${(e as NodeJS.ErrnoException).code}: cannot read it`);
      else throw e;
    }
  }
  const dirFiles = (dir: string, ext: string) => {
    try {
      return fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .sort();
    } catch (e) {
      refused.push(
        `${dir}: ${(e as NodeJS.ErrnoException).code ?? "unreadable"}: cannot read the folder`,
      );
      return [];
    }
  };
  let sdn: ImportInput["sdn"];
  if (sdnDir) {
    const files = new Map<string, string>();
    for (const f of dirFiles(sdnDir, ".cfg")) {
      const t = read(path.join(sdnDir, f), SAVED_MAX, "an SDN file");
      if (t !== undefined) files.set(f, t);
    }
    sdn = { dir: sdnDir, files };
  }
  const firewall: { file: string; text: string }[] = [];
  if (fwDir)
    for (const f of dirFiles(fwDir, ".fw")) {
      const t = read(path.join(fwDir, f), SAVED_MAX, "a firewall file");
      if (t !== undefined) firewall.push({ file: path.join(fwDir, f), text: t });
    }
  for (const r of routeros) {
    const t = read(r.file, MAX_BASE_BYTES, "a RouterOS export");
    if (t === undefined) continue;
    try {
      routers.push({ name: r.name, file: r.file, exported: parseExport(r.file, t) });
    } catch (e) {
      if (e instanceof ExportError) refused.push(redactConfigLine(e.message));
      else throw e;
    }
  }
  for (const m of refused) io.err(`import: ${m}`);
  if (refused.length > 0) {
    io.err("import: nothing written: fix or leave out the refused files");
    return 1;
  }
  const { config, report } = importSite({ site, hosts, sdn, firewall, routers });
  if (report.imported === 0) {
    const read = report.counts.reduce((n, c) => n + c.read, 0);
    io.err(
      `import: nothing could be imported: the ${read} entr${read === 1 ? "y" : "ies"} read hold no bridge, bond, VLAN, address, SDN object or router entry the stack can hold (a loopback alone is in every host); nothing written`,
    );
    for (const f of report.findings)
      io.err(`import: ${f.file}${f.line > 0 ? `:${f.line}` : ""}: ${f.why}`);
    return 1;
  }
  const resolved = resolveSite(config);
  if (!resolved.ok)
    for (const p of resolved.problems)
      report.assumed(
        {
          file: out,
          line: 0,
          text: `${p.path}: ${p.input}`,
          why: p.fix !== undefined ? `${p.message}; ${p.fix}` : p.message,
        },
        "Plan problems (npm run plan lists them too)",
      );
  const namespaced: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) namespaced[`homelab:${k}`] = v;
  const yaml =
    "# yaml-language-server: $schema=./schema/stack.schema.json\n" +
    `# Written by npm run import; what it could not express is in import-report.md.\n` +
    portableYaml({ config: namespaced }, { lineWidth: 100 });
  writeNew(out, yaml, values.force === true);
  writeNew(reportFile, reportMarkdown(path.basename(out), report), values.force === true);
  for (const c of report.counts)
    io.out(`${c.file}: ${c.read} read, ${c.expressed} expressed, ${c.reported} reported`);
  io.out(
    `wrote ${out} and ${reportFile}${resolved.ok ? "" : ` (the plan has ${resolved.problems.length} problem${resolved.problems.length === 1 ? "" : "s"}, listed in the report)`}`,
  );
  return 0;
}

/**
 * Largest SDN or firewall file read: 1 MiB, as a stack file. A cluster's sdn/*.cfg and
 * firewall/*.fw are a few KiB; every line of them becomes a line of the report.
 */
export const SAVED_MAX = 1024 * 1024;

/**
 * A saved file's text: a regular file (not on /proc, /sys, /dev, not a FIFO or device), read
 * without following a last link, at most `maxBytes`. Throws RefusedFile naming it, never its text.
 */
function readSaved(file: string, maxBytes: number, what: string): string {
  let real = path.resolve(file);
  try {
    real = fs.realpathSync(file);
  } catch {
    // readRegularFile names a missing file or a dangling link.
  }
  const pseudo = pseudoFilesystem(real);
  if (pseudo !== undefined)
    throw new RefusedFile(
      `${shownPath(file)} is on ${pseudo}, not a saved file; ${what} is a file copied from the host`,
    );
  return readRegularFile(file, {
    within: "/",
    withinText: "/",
    maxBytes,
    what,
    shown: shownPath(file),
  });
}

/**
 * Why the stack file `out` or its report cannot be written, or undefined: its folder is missing,
 * not a folder or on a pseudo-filesystem; either file is a symbolic link; either exists and
 * `force` is not given.
 */
function outputProblem(out: string, reportFile: string, force: boolean): string | undefined {
  const dir = path.dirname(out);
  const pseudo = pseudoFilesystem(path.resolve(dir));
  if (pseudo !== undefined)
    return `--out ${shownPath(out)}: ${shownPath(dir)} is on ${pseudo}; write the stack file into the project`;
  let d: fs.Stats;
  try {
    d = fs.statSync(dir);
  } catch {
    return `--out ${shownPath(out)}: the folder ${shownPath(dir)} does not exist; create it or give another --out`;
  }
  if (!d.isDirectory()) return `--out ${shownPath(out)}: ${shownPath(dir)} is not a folder`;
  for (const f of [out, reportFile]) {
    let s: fs.Stats | undefined;
    try {
      s = fs.lstatSync(f);
    } catch {
      s = undefined;
    }
    if (s === undefined) continue;
    if (s.isSymbolicLink())
      return `${shownPath(f)} is a symbolic link; nothing is written through a link: remove it or give another --out`;
    if (!s.isFile()) return `${shownPath(f)} exists and is not a regular file; give another --out`;
    if (!force) return `${shownPath(f)} exists; give --force to replace it, or another --out`;
  }
  return undefined;
}

/** Writes `text` to `file`: created with O_EXCL, or (with `force`) replaced, never through a link. */
function writeNew(file: string, text: string, force: boolean): void {
  const flags =
    fs.constants.O_WRONLY |
    fs.constants.O_CREAT |
    fs.constants.O_NOFOLLOW |
    (force ? fs.constants.O_TRUNC : fs.constants.O_EXCL);
  const fd = fs.openSync(file, flags, 0o644);
  try {
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}
