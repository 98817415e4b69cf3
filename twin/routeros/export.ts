// A RouterOS 7 `/export` (or `/export terse`) read into the RouterOS menu model, as the router
// holds it before the reconcile script runs. What an export prints, and therefore what is read:
// - a header comment `# <date> <time> by RouterOS 7.<minor>[.<patch>]`, other `#` comments;
// - `/menu words` lines (`/ip firewall filter`) followed by bare `add` / `set` lines, or the
//   menu and the command on one line (terse);
// - long lines continued with a trailing `\` and an indented next line;
// - `add k=v ...` (`place-before=<n>` places it before the n-th entry), `set k=v ...` (a
//   settings menu such as `/ip dns`), `set [ find k=v ... ] k=v ...` (a built-in entry such as
//   `[ find default-name=ether1 ]`) and `set <name> k=v` (the entry of that name);
// - values bare (`in-interface-list=!LAN`) or quoted with RouterOS escapes, `disabled=yes`;
// - BGP's shorthand `remote.address=192.0.2.1 .as=64496` (`.as` continues `remote.`).
// Anything else (a RouterOS 6 export, a command that is not add/set, a file cut short) is refused
// with the line and the reason: a guess here would make the dry run show changes it cannot make.
import { quote } from "../../addressing/quote";
import { tokenize, Tok } from "./parse";
import { RouterModel } from "./model";

/** One `add` or `set` of an export, with the line it starts on (1-based). */
export interface ExportCommand {
  readonly line: number;
  readonly text: string;
  readonly menu: string;
  readonly verb: "add" | "set";
  readonly args: readonly (readonly [string, string])[];
  readonly find?: readonly (readonly [string, string])[];
  readonly placeBefore?: number;
}

export interface RouterOsExport {
  /** The version in the header, e.g. "7.19.4". */
  readonly version: string;
  readonly commands: readonly ExportCommand[];
}

/** A file that is not a RouterOS 7 export this reader understands; the message names the line. */
export class ExportError extends Error {}

const HEADER_RE = /^# .*\bby RouterOS ([0-9]+)\.([0-9]+)(?:\.([0-9]+))?\S*/;
/** ` ip firewall filter` and what follows the path: an add or set, or nothing. */
const MENU_LINE_RE = /^ ([a-z0-9][a-z0-9-]*(?: [a-z0-9][a-z0-9-]*)*?)(?: +((?:add|set)(?: .*)?))?$/;

interface Line {
  readonly no: number;
  readonly text: string;
}

/** Physical lines joined where a line ends in `\`; throws when the file is cut short. */
function logicalLines(file: string, text: string): Line[] {
  const raw = text.split("\n");
  const out: Line[] = [];
  const lastNo = text.endsWith("\n") ? raw.length - 1 : raw.length;
  if (!text.endsWith("\n") && text !== "")
    throw new ExportError(
      `${file}: line ${lastNo}: the last line has no line end, so the file looks cut short; save the whole output of /export again`,
    );
  for (let i = 0; i < lastNo; i++) {
    const start = i + 1;
    let joined = raw[i].replace(/\r$/, "");
    while (joined.endsWith("\\") && !joined.startsWith("#")) {
      if (i + 1 >= lastNo)
        throw new ExportError(
          `${file}: line ${start}: continues with "\\" past the end of the file, so the file looks cut short; save the whole output of /export again`,
        );
      i++;
      joined = joined.slice(0, -1) + raw[i].replace(/\r$/, "").replace(/^ +/, "");
    }
    out.push({ no: start, text: joined });
  }
  return out;
}

/** Adjacent tokens after `=` form one value: `!LAN`, `syn,!ack`, a quoted string. */
function readValue(toks: readonly Tok[], at: number): { value: string; next: number } {
  let value = "";
  let i = at;
  do {
    value += toks[i].v;
    i++;
  } while (i < toks.length && !toks[i].spaced);
  return { value, next: i };
}

/** `k=v` pairs from `toks[at]` to the end; `.x` keys continue the previous dotted key's prefix. */
function readPairs(toks: readonly Tok[], at: number): [string, string][] {
  const out: [string, string][] = [];
  let prefix = "";
  let i = at;
  while (i < toks.length) {
    const key = toks[i];
    const eq = toks[i + 1];
    if (key.t !== "word" || eq?.t !== "punct" || eq.v !== "=" || eq.spaced)
      throw new Error(`expected property=value, got ${JSON.stringify(key.v)}`);
    const name = key.v.startsWith(".") && prefix !== "" ? `${prefix}${key.v.slice(1)}` : key.v;
    if (name.includes(".")) prefix = name.slice(0, name.lastIndexOf(".") + 1);
    if (i + 2 >= toks.length || toks[i + 2].spaced) {
      out.push([name, ""]);
      i += 2;
      continue;
    }
    const { value, next } = readValue(toks, i + 2);
    out.push([name, value]);
    i = next;
  }
  return out;
}

function readCommand(menu: string, toks: readonly Tok[], line: Line): ExportCommand {
  const verb = toks[0].v;
  if (verb === "add") {
    const pairs = readPairs(toks, 1);
    const before = pairs.find(([k]) => k === "place-before");
    const args = pairs.filter(([k]) => k !== "place-before");
    if (before && !/^(0|[1-9][0-9]*)$/.test(before[1]))
      throw new Error(`place-before=${before[1]}: only an entry number is read here`);
    return {
      line: line.no,
      text: line.text,
      menu,
      verb,
      args,
      ...(before ? { placeBefore: Number(before[1]) } : {}),
    };
  }
  if (verb !== "set") throw new Error(`${verb}: only add and set are read from an export`);
  if (toks[1]?.t === "punct" && toks[1].v === "[") {
    const close = toks.findIndex((t) => t.t === "punct" && t.v === "]");
    if (toks[2]?.v !== "find" || close < 0) throw new Error("expected [ find property=value ]");
    const find = readPairs(toks.slice(0, close), 3);
    return { line: line.no, text: line.text, menu, verb, find, args: readPairs(toks, close + 1) };
  }
  if (toks[1]?.t === "word" && toks[2]?.v !== "=") {
    const find: [string, string][] = [["name", toks[1].v]];
    return { line: line.no, text: line.text, menu, verb, find, args: readPairs(toks, 2) };
  }
  return { line: line.no, text: line.text, menu, verb, args: readPairs(toks, 1) };
}

/**
 * Reads an export's text; `file` names it in messages. Throws ExportError naming the line and
 * the reason for a RouterOS 6 export, a missing header, a file cut short or a line it cannot read.
 */
export function parseExport(file: string, text: string): RouterOsExport {
  // The header first: a file that is not an export at all (an environment, a key file) is
  // refused as such before any other check could name one of its lines.
  if (!text.split("\n").some((l) => HEADER_RE.test(l.replace(/\r$/, ""))))
    throw new ExportError(
      `${file}: no "# ... by RouterOS 7.x" header line: not the output of /export; save what /export prints on the router, as it is`,
    );
  const lines = logicalLines(file, text);
  const header = lines.find((l) => HEADER_RE.test(l.text));
  const at = (l: Line, what: string) =>
    new ExportError(`${file}: line ${l.no}: ${quote(l.text)}: ${what}`);
  if (!header)
    throw new ExportError(
      `${file}: no "# ... by RouterOS 7.x" header line: not the output of /export; save what /export prints on the router, as it is`,
    );
  const m = HEADER_RE.exec(header.text) as RegExpExecArray;
  if (m[1] !== "7")
    throw at(
      header,
      `an export of RouterOS ${m[1]}.${m[2]}; the script is for RouterOS 7: upgrade the router, then export it again`,
    );
  const version = `${m[1]}.${m[2]}${m[3] !== undefined ? `.${m[3]}` : ""}`;
  const commands: ExportCommand[] = [];
  let menu: string | undefined;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    let toks: Tok[];
    try {
      toks = tokenize(trimmed);
    } catch (e) {
      throw at(line, `${(e as Error).message}; the file is not an /export as RouterOS prints it`);
    }
    if (trimmed.startsWith("/")) {
      // `/ip firewall filter` (what /export prints) or `/ip/firewall/filter`, maybe a command after.
      const hm = MENU_LINE_RE.exec(
        trimmed.replace(/^(\/[a-z0-9/-]+)/, (p) => p.replace(/\//g, " ")),
      );
      if (!hm) throw at(line, "not a menu path such as /ip firewall filter");
      menu = `/${hm[1].split(" ").join("/")}`;
      if (hm[2] === undefined) continue;
      toks = tokenize(hm[2]);
    }
    if (menu === undefined) throw at(line, "a command before the first /menu line");
    try {
      commands.push(readCommand(menu, toks, line));
    } catch (e) {
      throw at(line, (e as Error).message);
    }
  }
  return { version, commands };
}

/**
 * A RouterOS model of `version` (the script's) holding what the export holds. Throws ExportError
 * naming the line of an entry the model refuses (a value RouterOS would not accept).
 */
export function routerFromExport(
  file: string,
  exported: RouterOsExport,
  version: string,
): RouterModel {
  const r = new RouterModel(version);
  for (const c of exported.commands) {
    try {
      r.load(c.menu, c.verb, c.args, {
        ...(c.find ? { find: c.find } : {}),
        ...(c.placeBefore !== undefined ? { placeBefore: c.placeBefore } : {}),
      });
    } catch (e) {
      throw new ExportError(
        `${file}: line ${c.line}: ${JSON.stringify(c.text.slice(0, 60))}: ${(e as Error).message}`,
      );
    }
  }
  return r;
}
