// The one place a message quotes what a user wrote. Every value shown on the console passes
// through `quote` (the problem's input) or `clean` (its path, message and fix, which may embed
// names and values): credentials are replaced by "[redacted]" whatever key they sit under,
// control characters are escaped so that no input can move the cursor, erase a line or reorder
// text, and a long value is cut. Pure text functions: CI logs keep what they are given.

/** Characters of a value shown before it is cut; the full length is given after it. */
export const QUOTE_LIMIT = 80;
/** Characters of a message's path, text or fix shown before it is cut. */
export const TEXT_LIMIT = 2000;
/** Only this much of a value is looked at; nothing past QUOTE_LIMIT is shown anyway. */
const SCAN_LIMIT = 4096;

export const REDACTED = "[redacted]";

// A URL's scheme, also written with backslashes (`https:\\host`, which some parsers accept).
const URL = /([A-Za-z][A-Za-z0-9+.-]*:(?:\/\/|\\\\))([^\s"'<>]*)/g;
// Proxmox API token: user@realm!tokenid=secret (pveum's form; the secret is a UUID or any text).
const PVE_TOKEN = /[^\s"'@!=/\\:]+@[^\s"'@!=/\\]+![^\s"'=/\\]+=[^\s"',;/\\]+/g;
// PEM and OpenSSH private key blocks, also cut short (no END line).
const PEM =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
// `password=...`, `token: ...`: the name stays, the value goes.
const ASSIGNED =
  /\b((?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?(?:key|token)|private[_-]?key|client[_-]?secret)\s*[=:]\s*)(?!\[redacted\])("[^"]*"|'[^']*'|[^\s"',;&]+)/gi;
// `user:password@host` without a scheme.
const BARE_USERINFO = /(^|[\s"'(])[^\s"'/\\@:()]+:[^\s"'/\\@]+@/g;
// An AWS access key ID (AWS IAM docs, "Understanding unique ID prefixes": AKIA, 16 more).
const AWS_KEY_ID = /\bAKIA[0-9A-Z]{16}\b/g;
// A long run of token characters (base64, hex, JWT parts).
const TOKEN_RUN = /[A-Za-z0-9+/_=.-]{32,}/g;

/** Shannon entropy of `s` in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * Whether a run of 32+ token characters looks random: high entropy, and mixing at least three
 * of upper case, lower case, digits and symbols (hex digests mix two and stay; they are not
 * credentials). Dotted names (DNS, versions), file paths and words joined by separators
 * (`NODE_OPTIONS=--max-old-space-size=1024`: each part all letters of one case, or all digits, or
 * a word with one digit like `ipv4` in `net.ipv4.conf.default.rp_filter=2`)
 * are words, not tokens.
 */
function looksRandom(run: string): boolean {
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(run) || run.includes("..")) return false;
  const parts = run.split(/[-_=./+]+/).filter((p) => p !== "");
  if (parts.every((p) => /^(?:[A-Z]+|[a-z]+|[A-Z][a-z]+|[0-9]+|[a-z]{2,}[0-9])$/.test(p)))
    return false;
  if (run.includes("/") && /[.-]/.test(run)) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[+/_=-]/].filter((r) => r.test(run)).length;
  return classes >= 3 && entropy(run) >= 4;
}

/** A URL without userinfo, query or fragment values. */
function redactUrl(scheme: string, rest: string): string {
  const slash = scheme.endsWith("\\\\") ? /^[^/\\?#]*/ : /^[^/?#]*/;
  const authority = slash.exec(rest)?.[0] ?? "";
  const at = authority.lastIndexOf("@");
  const tail = rest
    .slice(authority.length)
    .replace(/([?&;][^=&#;]*=)[^&#;]*/g, `$1${REDACTED}`)
    .replace(/\?(?![^#]*=)[^#]+/, `?${REDACTED}`)
    .replace(/#.+$/, `#${REDACTED}`);
  return `${scheme}${at >= 0 ? `${REDACTED}${authority.slice(at)}` : authority}${tail}`;
}

/**
 * `text` with every credential-looking part replaced by "[redacted]": a URL's userinfo, query
 * values and fragment (also with backslashes for slashes), `user:password@`, a Proxmox API token
 * `user@realm!tokenid=secret`, a PEM or OpenSSH private key block, the value of `password=`,
 * `token:` and the like, an AWS access key ID (`AKIA...`), and a long high-entropy token.
 */
export function redactCredentials(text: string): string {
  return text
    .replace(PEM, REDACTED)
    .replace(URL, (_m, scheme: string, rest: string) => redactUrl(scheme, rest))
    .replace(PVE_TOKEN, REDACTED)
    .replace(ASSIGNED, `$1${REDACTED}`)
    .replace(BARE_USERINFO, `$1${REDACTED}@`)
    .replace(AWS_KEY_ID, REDACTED)
    .replace(TOKEN_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}

// A run of 32+ hex digits standing alone (a device key, an API token, a digest): in the owner's
// text only, since the program's own messages name digests (a Talos schematic ID) on purpose.
const HEX_RUN = /(?<![0-9A-Za-z])[0-9A-Fa-f]{32,}(?![0-9A-Za-z])/g;
// A word after `psk`, `pw`, `pass`, `passphrase`, `key` (`local key X`), then `:`, `=` or a space.
const NAMED_SECRET =
  /\b(psk|pw|pwd|pass|passwd|passphrase|key)(\s*[=:]\s*|\s+)(?!\[redacted\])([^\s"',;]+)/gi;

/**
 * Whether `value`, written after a secret's name (`psk`, `pw`, `key`), looks like the secret:
 * after `:` or `=` when it holds a digit or is 8+ characters; after a space when it holds a digit,
 * or is 8+ characters and not one lowercase word (`key management` is prose, `PSK Hunter-Horse` not).
 */
function looksSecret(value: string, separator: string): boolean {
  if (/\d/.test(value)) return true;
  if (value.length < 8) return false;
  return /[=:]/.test(separator) || !/^[a-z]+$/.test(value);
}

/**
 * The owner's free text (a note, a purpose, a description, an owner) with credentials made
 * "[redacted]": everything redactCredentials finds, and also a run of 32+ hex digits, and the
 * word after `psk`, `pw`, `pass`, `passphrase` or `key` when it looks like a secret (looksSecret):
 * `tuya local key 6f3c...` and `PSK Hunter2-Correct-Horse-Battery` lose their values. Only for
 * text the owner wrote: the program's own text is never passed here.
 */
export function redactOwnerText(text: string): string {
  return redactCredentials(text)
    .replace(HEX_RUN, REDACTED)
    .replace(NAMED_SECRET, (whole, name: string, sep: string, value: string) =>
      looksSecret(value, sep) ? `${name}${sep}${REDACTED}` : whole,
    );
}

/** The escape for one character: the usual short forms, else \xNN or \uNNNN. */
function escapeChar(c: string): string {
  const short: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  if (short[c]) return short[c];
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

// C0 controls, DEL, C1 controls, the bidi embeddings/overrides and isolates, and the line and
// paragraph separators (a terminal or log viewer may break the line there).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** `text` with every control character written as an escape (`\x1b[2K`, `\r`, `\u202e`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** `text` made safe to print: credentials redacted, controls escaped, cut at `limit` characters. */
function safe(text: string, limit: number): { shown: string; cut: boolean } {
  const scanned = redactCredentials(text.slice(0, SCAN_LIMIT));
  const escaped = escapeControls(scanned);
  if (escaped.length <= limit && text.length <= SCAN_LIMIT) return { shown: escaped, cut: false };
  return { shown: escaped.slice(0, limit), cut: true };
}

/**
 * A value as messages quote it: `"text"`, or `"first 80 characters…" (N characters)` for a
 * longer one; credentials redacted and control characters escaped (see the file's header).
 */
export function quote(value: string): string {
  const { shown, cut } = safe(value, QUOTE_LIMIT);
  return cut ? `"${shown}…" (${value.length} characters)` : `"${shown}"`;
}

/** A message's path, text or fix made safe to print as `quote` does, cut at TEXT_LIMIT. */
export function clean(text: string): string {
  const { shown, cut } = safe(text, TEXT_LIMIT);
  return cut ? `${shown}… (${text.length} characters)` : shown;
}

/**
 * A line (or lines) for the console as the command prints it: every control character escaped
 * except the line breaks between lines. The last guard of a command's output, for text that did
 * not come through `quote` or `clean` (a command-line argument echoed in an error).
 */
export function printable(text: string): string {
  return text.split("\n").map(escapeControls).join("\n");
}
