// The lexical rules every value obeys before it reaches a RouterOS script: identifiers are
// refused unless they match a strict pattern (so they can be written bare), free text is written
// as one double-quoted string literal with RouterOS escaping, and the version decides which
// property names exist.
import { afiName, hasName } from "./versions";

/** Names written bare: interfaces, BGP connections and instances, filter chains, the router. */
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
export const NAME_RULE =
  "use 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit";

// The stack name ends up inside the `comment~"^managed-by=<stack>;key="` regex: '.' would be a
// regex metacharacter there, so it is refused rather than escaped twice (string, then regex).
export const STACK_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
export const STACK_RULE = "use 1-63 letters, digits, '_' or '-', starting with a letter or digit";

// Lowercase only: RouterOS stores the name as written, and the reconcile compares it as text.
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DNS_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
export const DNS_RULE = "use lowercase labels of letters, digits and '-', separated by '.'";

export function isDnsName(name: string): boolean {
  return name.length <= 253 && DNS_RE.test(name);
}

export const MAX_ASN = 4294967295;

export function isAsn(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_ASN;
}

/** A parsed RouterOS v7 version; only the minor release changes what the renderer writes. */
export interface RouterOsVersion {
  readonly text: string;
  readonly minor: number;
  readonly patch?: number;
}

const VERSION_RE = /^7\.(0|[1-9][0-9]{0,2})(?:\.(0|[1-9][0-9]{0,2}))?$/;
export const VERSION_RULE = 'expected 7.<minor> or 7.<minor>.<patch>, e.g. "7.19"';

export function parseVersion(text: string): RouterOsVersion | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  return m[2] === undefined
    ? { text, minor: Number(m[1]) }
    : { text, minor: Number(m[1]), patch: Number(m[2]) };
}

/** RouterOS 7.19 renamed the BGP connection's `address-families` to `afi` (versions.ts). */
export function afiProperty(v: RouterOsVersion): "afi" | "address-families" {
  return afiName(v.minor);
}

/**
 * RouterOS 7.20 made BGP instances explicit: a connection names its `instance`, which carries the
 * local AS and router ID; before 7.20 the connection itself carries `as` (and `router-id`).
 */
export function hasBgpInstances(v: RouterOsVersion): boolean {
  return hasName(v.minor, "/routing/bgp/instance");
}

/**
 * BFD for BGP (`/routing/bfd/configuration`, a connection's `use-bfd`) is written for RouterOS
 * 7.15 and later only, the earliest release this project can source it for (topology/routers.ts).
 */
export function hasBfd(v: RouterOsVersion): boolean {
  return hasName(v.minor, "/routing/bfd/configuration");
}

/**
 * A duration as a RouterOS time value is written: whole seconds as `9s`, anything else in
 * milliseconds (`300ms`). Throws on a negative or fractional number of milliseconds.
 */
export function timeText(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`internal: ${ms} ms is not a duration`);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * A duration as RouterOS's `:tostr` prints a time value: `hh:mm:ss`, with `.fff` when it has
 * milliseconds (the MikroTik RouterOS v2.9 reference manual, scripting: `:put 0.1day1.2s` prints
 * `02:24:01.200`).
 */
export function timeString(ms: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const s = Math.floor(ms / 1000);
  const base = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  return ms % 1000 === 0 ? base : `${base}.${String(ms % 1000).padStart(3, "0")}`;
}

// Characters with a meaning inside a RouterOS double-quoted string: `$` starts a variable or
// `$[...]` substitution, `?` asks the console for help, `\` starts an escape. Brackets are not
// special inside a string, but are written as hex escapes anyway so that no '[' ']' pair from
// user text ever appears in the script, whatever a future parser does with it.
const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  $: "\\$",
  "?": "\\?",
  "[": "\\5B",
  "]": "\\5D",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** The first character `quote` cannot write, as "U+XXXX", or undefined if there is none. */
export function unquotable(text: string): string | undefined {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ESCAPES[ch] !== undefined) continue;
    if (code < 0x20 || code > 0x7e) {
      return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    }
  }
  return undefined;
}

/**
 * `text` as one RouterOS string literal. Printable ASCII plus newline, CR and tab only: RouterOS
 * strings are bytes, and the reconcile compares what it reads back with this literal, so
 * characters whose round trip cannot be checked here are refused instead of guessed.
 */
export function quote(text: string): string {
  const bad = unquotable(text);
  if (bad) throw new Error(`${JSON.stringify(text)} cannot be a RouterOS string: contains ${bad}`);
  let out = '"';
  for (const ch of text) out += ESCAPES[ch] ?? ch;
  return `${out}"`;
}
