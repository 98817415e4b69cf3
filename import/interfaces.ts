// A Proxmox host's /etc/network/interfaces, as ifupdown2 reads it (`ifquery -o json`), into the
// stack's host wiring (homelab:hostNetwork), its management address and its gateway. The file's
// grammar is ifupdown2's: this module only maps the interfaces ifquery returns, and finds the
// line each option came from for the report. Proxmox's own defaults (bridge-stp off, bridge-fd 0,
// bridge-vids 2-4094 on a VLAN-aware bridge, bond-miimon 100) are what the project writes too.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ipaddr from "ipaddr.js";
import { clean } from "../addressing/quote";
import { isInside, readRegularFile, RefusedFile } from "../preview/files";
import { pseudoFilesystem, shownPath } from "../preview/folder";
import { Report } from "./report";

/** One interface as `ifquery -o json` prints it; a repeated option arrives as a list. */
export interface IfaceObj {
  readonly name: string;
  readonly addr_method?: string;
  readonly addr_family?: string | string[];
  readonly auto?: boolean;
  readonly config: Readonly<Record<string, string | string[]>>;
}

/** A line of an interfaces file: its file, its number (1-based), its text as ifupdown2 read it. */
export interface Located {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** One option line: the value ifupdown2 gives for it (`$IFACE` replaced) and where it is. */
export interface OptionLine {
  readonly value: string;
  readonly at: Located;
}

/**
 * Where each stanza and each option line is. `stanzas`: the first `iface` line of each interface;
 * `options`: by `name\0key` (the key as ifupdown2 names it, `_` read as `-`), every line in file
 * order, so a repeated key (three `post-up` lines) keeps three lines.
 */
export interface Locator {
  readonly stanzas: ReadonlyMap<string, Located>;
  readonly options: ReadonlyMap<string, readonly OptionLine[]>;
}

/** An interfaces file ifupdown2 refuses, or a tool that is missing; the message names the line. */
export class ImportError extends Error {}

/**
 * A file's lines as ifupdown2 reads them (networkinterfaces.py, process_interfaces): every `\`
 * joins the text around it, each side trimmed, with one space, so a line ending in `\` goes on
 * to the next. Each line keeps the number of the physical line it starts on.
 */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let line = 1;
  let cur: { line: number; text: string } | undefined;
  text.split("\\").forEach((piece, k) => {
    const lead = /^\s*/.exec(piece)?.[0] ?? "";
    const body = piece.trim();
    line += lead.split("\n").length - 1;
    if (k > 0) {
      cur ??= { line, text: "" };
      cur.text += " ";
    }
    for (const ch of body) {
      if (ch === "\n") {
        if (cur) out.push(cur);
        cur = undefined;
        line++;
        continue;
      }
      cur ??= { line, text: "" };
      cur.text += ch;
    }
    line += piece.slice(lead.length + body.length).split("\n").length - 1;
  });
  if (cur) out.push(cur);
  return out;
}

/** ifupdown2's keywords: a line starting with one ends the stanza before it. */
const KEYWORD = /^(source|source-directory|auto|iface|vlan|allow-.*)$/;

/**
 * The stanza and option lines of the files ifupdown2 read, mirroring its grammar
 * (networkinterfaces.py, parse_iface): a stanza runs to the next keyword line, past blank and
 * comment lines; an option line is `key value`, indented or not.
 */
export function locate(files: readonly { file: string; text: string }[]): Locator {
  const stanzas = new Map<string, Located>();
  const options = new Map<string, OptionLine[]>();
  for (const { file, text } of files) {
    let cur: { name: string; full: string } | undefined;
    for (const l of logicalLines(text)) {
      const t = l.text.replace(/^[\n\t\r ]+|[\n\t\r ]+$/g, "");
      if (t === "" || t.startsWith("#")) continue;
      const [word, rest] = [/^\S+/.exec(t)?.[0] ?? "", t.replace(/^\S+\s*/, "")];
      if (KEYWORD.test(word)) {
        cur = undefined;
        const full = word === "iface" ? /^\S+/.exec(rest)?.[0] : undefined;
        if (full === undefined) continue;
        // `iface vmbr0:1` is vmbr0 to ifupdown2 (an alias stanza of the same interface).
        cur = { name: full.split(":")[0], full };
        if (!stanzas.has(cur.name)) stanzas.set(cur.name, { file, line: l.line, text: t });
        continue;
      }
      if (!cur || rest === "") continue;
      const key = `${cur.name}\0${word.replace(/_/g, "-")}`;
      const value = rest.split("$IFACE").join(cur.full);
      options.set(key, [
        ...(options.get(key) ?? []),
        { value, at: { file, line: l.line, text: t } },
      ]);
    }
  }
  return { stanzas, options };
}

export interface HostWiring {
  /** homelab:hostNetwork as this host has it (without gateway). */
  readonly network: {
    interfaces: string[];
    bridges: Record<string, unknown>[];
    bonds: Record<string, unknown>[];
    vlans: Record<string, unknown>[];
  };
  /** Addresses by device (CIDR), in file order. */
  readonly addresses: { device: string; address: string; path: string }[];
  readonly gateway: { ipv4?: string; ipv6?: string; device?: string };
  /** Bridges, bonds and VLAN interfaces (for homelab:existing). */
  readonly names: string[];
}

const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** Options each kind maps, with the values that are Proxmox's defaults (expressed as nothing). */
const DEFAULTS: Record<string, string> = {
  "bridge-stp": "off",
  "bridge-fd": "0",
  "bond-miimon": "100",
};

/**
 * The wiring of one host from ifquery's interfaces. `file` names the main file for stanzas the
 * locator does not know. Every stanza and option is counted: expressed, or reported with its line.
 */
export function hostWiring(
  file: string,
  ifaces: readonly IfaceObj[],
  where: Locator,
  report: Report,
): HostWiring {
  const at = (name: string): Located =>
    where.stanzas.get(name) ?? { file, line: 0, text: `iface ${name}` };
  // ifquery lists a repeated key's values, not their lines: each value is given the first line of
  // that key holding it not yet counted, so three `post-up` lines are three entries, never one.
  const counted = new Set<OptionLine>();
  const option = (name: string, key: string, value: string): Located => {
    const lines = where.options.get(`${name}\0${key}`) ?? [];
    const hit =
      lines.find((o) => !counted.has(o) && o.value === value) ?? lines.find((o) => !counted.has(o));
    if (hit === undefined) return at(name);
    counted.add(hit);
    return hit.at;
  };
  const expressed = (name: string, implied = false) => report.expressed(at(name).file, implied);
  const wiring: HostWiring = {
    network: { interfaces: [], bridges: [], bonds: [], vlans: [] },
    addresses: [],
    gateway: {},
    names: [],
  };
  // inet and inet6 stanzas of one interface arrive as two objects: one device, merged options.
  type Merged = { name: string; method: string[]; config: Map<string, string[]> };
  const merged = new Map<string, Merged>();
  for (const o of ifaces) {
    const m: Merged = merged.get(o.name) ?? { name: o.name, method: [], config: new Map() };
    if (o.addr_method) m.method.push(o.addr_method);
    for (const [k, v] of Object.entries(o.config))
      m.config.set(k, [...(m.config.get(k) ?? []), ...list(v)]);
    merged.set(o.name, m);
  }
  const ports = new Set<string>();
  for (const m of merged.values()) {
    for (const k of ["bridge-ports", "bond-slaves", "bond-members"])
      for (const v of m.config.get(k) ?? [])
        for (const p of v.split(/\s+/)) if (p && p !== "none") ports.add(p);
  }
  const devices = new Set(
    [...merged.values()]
      .filter(
        (m) =>
          m.config.has("bridge-ports") ||
          m.config.has("bond-slaves") ||
          m.config.has("bond-members") ||
          m.name.includes(".") ||
          m.config.has("vlan-raw-device"),
      )
      .map((m) => m.name),
  );
  for (const m of merged.values()) {
    const taken = new Set<string>();
    const take = (k: string) => {
      taken.add(k);
      return m.config.get(k)?.[0];
    };
    if (m.method.includes("loopback")) {
      // Every host has lo; the stack implies it, so it alone imports nothing.
      expressed(m.name, true);
      continue;
    }
    const entry: Record<string, unknown> = {};
    let kind: "bridges" | "bonds" | "vlans" | "nic";
    if (m.config.has("bridge-ports")) {
      kind = "bridges";
      entry.name = m.name;
      const p = (take("bridge-ports") ?? "").split(/\s+/).filter((x) => x && x !== "none");
      if (p.length > 0) entry.ports = p;
      if (["yes", "on", "1"].includes(m.config.get("bridge-vlan-aware")?.[0] ?? "")) {
        take("bridge-vlan-aware");
        entry.vlanAware = true;
        if (m.config.get("bridge-vids")?.[0] === "2-4094") take("bridge-vids");
      }
    } else if (m.config.has("bond-slaves") || m.config.has("bond-members")) {
      kind = "bonds";
      entry.name = m.name;
      entry.members = (take("bond-slaves") ?? take("bond-members") ?? "")
        .split(/\s+/)
        .filter(Boolean);
      const mode = m.config.get("bond-mode")?.[0];
      const modes = [
        "802.3ad",
        "active-backup",
        "balance-rr",
        "balance-xor",
        "broadcast",
        "balance-tlb",
        "balance-alb",
      ];
      if (mode !== undefined && modes.includes(mode)) {
        take("bond-mode");
        if (mode !== "802.3ad") entry.mode = mode;
      }
      const hash = m.config.get("bond-xmit-hash-policy")?.[0];
      if (hash !== undefined && ["layer2", "layer2+3", "layer3+4"].includes(hash)) {
        take("bond-xmit-hash-policy");
        if (hash !== "layer3+4") entry.hashPolicy = hash;
      }
    } else if (m.name.includes(".") || m.config.has("vlan-raw-device")) {
      kind = "vlans";
      const dot = /^(.+)\.([0-9]+)$/.exec(m.name);
      const on = take("vlan-raw-device") ?? dot?.[1];
      const id = Number(take("vlan-id") ?? dot?.[2]);
      entry.on = on;
      entry.id = id;
      if (!dot || dot[1] !== on || Number(dot[2]) !== id)
        report.assumed({
          ...at(m.name),
          why: `the stack names a VLAN interface <on>.<id>: ${m.name} becomes ${on}.${id}`,
        });
    } else {
      kind = "nic";
    }
    const mtu = m.config.get("mtu")?.[0];
    if (
      kind !== "nic" &&
      mtu !== undefined &&
      /^[0-9]+$/.test(mtu) &&
      Number(mtu) >= 576 &&
      Number(mtu) <= 9216
    ) {
      take("mtu");
      if (Number(mtu) !== 1500) entry.mtu = Number(mtu);
    }
    if (kind !== "nic") {
      for (const a of [...(m.config.get("address") ?? [])]) {
        if (/^[0-9a-fA-F.:]+\/[0-9]{1,3}$/.test(a) && ipaddr.isValidCIDR(a)) {
          wiring.addresses.push({ device: m.name, address: a, path: kind });
        }
      }
      if ((m.config.get("address") ?? []).every((a) => ipaddr.isValidCIDR(a))) taken.add("address");
      for (const g of m.config.get("gateway") ?? []) {
        if (!ipaddr.isValid(g)) continue;
        const fam = ipaddr.parse(g).kind() === "ipv4" ? "ipv4" : "ipv6";
        wiring.gateway[fam] = g;
        wiring.gateway.device = m.name;
      }
      if ((m.config.get("gateway") ?? []).every((g) => ipaddr.isValid(g))) taken.add("gateway");
      if (kind === "bridges" && !entry.vlanAware && !(m.config.get("address") ?? []).length)
        report.assumed({
          ...at(m.name),
          why: `${m.name} has no address and is not VLAN-aware: if the VMs on it are a homelab:segments entry, set the bridge's segment to it`,
        });
      wiring.network[kind].push(entry);
      wiring.names.push(kind === "vlans" ? `${String(entry.on)}.${String(entry.id)}` : m.name);
      expressed(m.name);
    } else if (
      ports.has(m.name) ||
      (m.method.every((x) => x === "manual") && !devices.has(m.name))
    ) {
      wiring.network.interfaces.push(m.name);
      expressed(m.name);
    } else {
      report.reported({
        kind: "Host interfaces",
        ...at(m.name),
        why: "neither a bridge, a bond, a VLAN interface nor a NIC the stack can hold",
      });
    }
    for (const [k, vs] of m.config) {
      const kept =
        taken.has(k) || (DEFAULTS[k] !== undefined && vs.every((v) => v === DEFAULTS[k]));
      // ifupdown2 pads netmask, scope, broadcast and preferred-lifetime with "" for each address
      // without one: a value no line holds.
      for (const v of vs.filter((x) => x !== "")) {
        const l = option(m.name, k, v);
        if (kept) report.expressed(l.file);
        else
          report.reported({
            kind: "Host interface options",
            file: l.file,
            line: l.line,
            text: l.text,
            why: `${m.name}: the stack's host wiring has no \`${k}\` (or not this value); Proxmox keeps it until the interface is rewritten, so add it by hand after the first \`pulumi up\` if it must stay`,
          });
      }
    }
  }
  // NICs only named as ports (no stanza of their own) are NICs of the host too.
  for (const p of ports) if (!merged.has(p) && !devices.has(p)) wiring.network.interfaces.push(p);
  return wiring;
}

/** `source` paths of a saved file: /etc/network/... and relative paths resolve beside the file. */
function resolveSource(file: string, p: string): string {
  const dir = path.dirname(file);
  if (p.startsWith("/etc/network/")) return path.join(dir, p.slice("/etc/network/".length));
  return path.isAbsolute(p) ? p : path.join(dir, p);
}

/** Largest interfaces file (and each sourced file) read: 1 MiB; a host's is a few KiB. */
export const INTERFACES_MAX = 1024 * 1024;

/** Reads a saved file whose real path lies in `within`; ImportError for anything else. */
function readSaved(file: string, within: string): string {
  const pseudo = pseudoFilesystem(within);
  if (pseudo !== undefined)
    throw new ImportError(
      `${shownPath(file)} is on ${pseudo}, not a saved file; an interfaces file is a file copied from the host`,
    );
  try {
    return readRegularFile(file, {
      within,
      withinText: `the folder of the saved interfaces file (${shownPath(within)})`,
      maxBytes: INTERFACES_MAX,
      what: "an interfaces file",
      shown: shownPath(file),
    });
  } catch (e) {
    if (e instanceof RefusedFile) throw new ImportError(e.message);
    throw e;
  }
}

/**
 * Files a `source` pattern (a `*` or `?` in the last part) or a `source-directory` names, sorted
 * as glob sorts them; only names inside `within` (a link or `..` leading out is refused).
 */
function expand(pattern: string, directory: boolean, within: string, where: string): string[] {
  const outside = (p: string) => {
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      // Missing: its folder's real path decides (a link to elsewhere holding no such file yet).
      try {
        real = path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        real = path.resolve(p);
      }
    }
    return !isInside(real, within);
  };
  const refuse = (p: string): never => {
    throw new ImportError(
      `${where}: ${shownPath(p)} is outside the folder of the saved interfaces file (${shownPath(within)}); a saved /etc/network/interfaces.d/x is read from interfaces.d/x beside it: copy the sourced files there`,
    );
  };
  const dir = directory ? pattern : path.dirname(pattern);
  const base = directory ? "*" : path.basename(pattern);
  if (!/[*?]/.test(base)) {
    if (outside(pattern)) refuse(pattern);
    return fs.existsSync(pattern) ? [pattern] : [];
  }
  const re = directory
    ? /^[a-zA-Z0-9_-]+$/
    : new RegExp(
        `^${base
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      );
  if (outside(dir)) refuse(dir);
  if (!fs.existsSync(dir)) return [];
  const found = fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith(".") && re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  for (const f of found) if (outside(f)) refuse(f);
  return found;
}

/** ifupdown2's message made safe to print: temporary paths named as the saved files, no line quoted. */
function ifupdownMessage(l: string, names: ReadonlyMap<string, string>): string {
  let m = l;
  for (const [tmp, file] of names) m = m.split(tmp).join(file);
  // ifupdown2 quotes the line it rejects ('...'): never printed, the file and line name it.
  return clean(m.replace(/ '.*'/, ""));
}

/**
 * Reads a saved interfaces file with ifupdown2's parser (`ifquery -o json -i FILE <names>`): its
 * `source` lines are resolved beside the file (a saved /etc/network/interfaces.d/* is looked for
 * in interfaces.d/ next to it). Throws ImportError naming the file and line ifupdown2 refuses.
 */
export function readInterfaces(file: string): {
  ifaces: IfaceObj[];
  where: Locator;
  warnings: string[];
} {
  let within: string;
  try {
    within = fs.realpathSync(path.dirname(file));
  } catch {
    within = path.resolve(path.dirname(file));
  }
  const text = readSaved(file, within);
  const files = [{ file, text }];
  // ifupdown2 reads only copies in a temporary folder: each `source` or `source-directory` line
  // is rewritten to a folder of copies of the files it names, read here from the saved folder.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-ifaces-"));
  const tmp = path.join(dir, "interfaces");
  const names = new Map<string, string>([[tmp, shownPath(file)]]);
  let copies = 0;
  const rewrite = (from: string, body: string, depth: number): string =>
    body
      .split("\n")
      .map((l, i) => {
        const m = /^(\s*)(source|source-directory)(\s+)(\S+)(.*)$/.exec(l);
        if (!m) return l;
        const where = `${shownPath(from)}: line ${i + 1}`;
        if (depth > 8) throw new ImportError(`${where}: sources nested more than 8 deep`);
        const into = path.join(dir, `s${++copies}`);
        fs.mkdirSync(into);
        const named = resolveSource(file, m[4]);
        const found = expand(named, m[2] === "source-directory", within, where);
        // Nothing there: ifupdown2 is given the saved path (inside the folder) to warn about.
        if (found.length === 0) return `${m[1]}source${m[3]}${named}${m[5]}`;
        for (const f of found) {
          const t = readSaved(f, within);
          files.push({ file: f, text: t });
          const copy = path.join(into, path.basename(f));
          names.set(copy, shownPath(f));
          fs.writeFileSync(copy, rewrite(f, t, depth + 1));
        }
        return `${m[1]}source${m[3]}${into}/*${m[5]}`;
      })
      .join("\n");
  try {
    const rewritten = rewrite(file, text, 0);
    const ifaceNames = [
      ...new Set(
        files.flatMap((f) => [...f.text.matchAll(/^\s*iface\s+([^\s:]+)/gm)].map((m) => m[1])),
      ),
    ];
    if (ifaceNames.length === 0)
      throw new ImportError(
        `${file}: no "iface" stanza: not an /etc/network/interfaces file; save it with cat /etc/network/interfaces`,
      );
    fs.writeFileSync(tmp, rewritten);
    const r = spawnSync("ifquery", ["-o", "json", "-i", tmp, ...ifaceNames], {
      encoding: "utf8",
    });
    if (r.error)
      throw new ImportError(
        `ifquery: ${r.error.message}: install Debian's ifupdown2 (bash .ci/install-ifupdown2.sh), whose parser reads the interfaces files`,
      );
    const errors = r.stderr
      .split("\n")
      .filter((l) => /^error: /.test(l))
      .map((l) => ifupdownMessage(l.replace(/^error: /, ""), names));
    if (errors.length > 0 || r.status !== 0)
      throw new ImportError(
        `${errors.length > 0 ? errors.join("; ") : `${file}: ifquery exited ${r.status}`}; ifupdown2 refuses the file, so Proxmox would not bring it up either: fix the line`,
      );
    // ifupdown2's warnings (a source file it cannot find, ...) go to the report, never lost.
    const warnings = r.stderr
      .split("\n")
      .filter((l) => /^warning: /.test(l))
      .map((l) => ifupdownMessage(l.replace(/^warning: /, ""), names));
    return { ifaces: JSON.parse(r.stdout) as IfaceObj[], where: locate(files), warnings };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
