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
// A secret's name in the owner's text: `password`, `wifi psk`, `WPA2`, `WPA2-PSK`, `login`,
// `door code` (a code with a digit in it; `code review` stays, see looksSecret).
const SECRET_WORD =
  "(?:password|passwd|pwd|pw|pass|passphrase|psk|secret|pin|code|key|token|wpa[23]?|login|credentials?)";
const SECRET_NAME = new RegExp(`\\b${SECRET_WORD}(?:[-_]${SECRET_WORD})*\\b`, "gi");
// What may stand between a secret's name and its value: `is`, `:`, `=`, `/`, spaces.
const SECRET_SEPARATOR = /^(?:\s+is\b|\s*[:=/])*\s*/i;
// The value itself: a quoted string or a run of non-space characters.
const SECRET_VALUE = /^(?:"[^"]*"|'[^']*'|[^\s"',;]+)/;
// `login root / Hunter2`, `credentials: admin:hunter2`, `guest wifi: HomeGuest / letmein2024`:
// the user (or the network's name) stays, the password goes.
const LOGIN_PAIR =
  /\b(login|credentials?|creds|user(?:name)?|wifi|wi-fi|wlan|ssid)(\s*[:=]?\s*)([^\s/:"',;]+)(\s*[/:]\s*)(?!\[redacted\])([^\s"',;]+)/gi;
// Words that follow a secret's name in prose, not a secret: `the password is in the vault`.
const PROSE = new Set(
  (
    "in on at the a an not no is are was stored kept saved required optional set unset managed " +
    "rotated changed documented elsewhere unknown same different written listed given generated " +
    "random empty none blank default disabled enabled below above here there from by with for to " +
    "of and or via see only also still management protected encrypted"
  ).split(" "),
);

/**
 * Whether `value`, written after a secret's name (`psk`, `pw`, `key`), looks like the secret:
 * never a word of prose (PROSE); after `:`, `=`, `/` or `is` when it holds a digit or is 8+
 * characters; after a space when it holds a digit, or is 8+ characters and not one lowercase
 * word (`key management` is prose, `PSK Hunter-Horse` not).
 */
function looksSecret(value: string, separator: string): boolean {
  if (PROSE.has(value.toLowerCase().replace(/[.!?]+$/, ""))) return false;
  if (/\d/.test(value)) return true;
  if (value.length < 8) return false;
  return /[=:/]|\bis\b/i.test(separator) || !/^[a-z]+$/.test(value);
}

/** `text` with the value after each secret's name (SECRET_NAME) redacted when looksSecret. */
function redactNamedSecrets(text: string): string {
  let out = "";
  let at = 0;
  SECRET_NAME.lastIndex = 0;
  for (let m = SECRET_NAME.exec(text); m !== null; m = SECRET_NAME.exec(text)) {
    const end = m.index + m[0].length;
    const sep = SECRET_SEPARATOR.exec(text.slice(end))?.[0] ?? "";
    const rest = text.slice(end + sep.length);
    const value = SECRET_VALUE.exec(rest)?.[0];
    // A value that is itself a secret's name (`login password hunter2`) is looked at next.
    SECRET_NAME.lastIndex = end;
    if (
      value === undefined ||
      value.includes(REDACTED) ||
      new RegExp(`^${SECRET_WORD}\\b`, "i").test(value) ||
      !looksSecret(value, sep)
    )
      continue;
    out += `${text.slice(at, end)}${sep}${REDACTED}`;
    at = end + sep.length + value.length;
    SECRET_NAME.lastIndex = at;
  }
  return out + text.slice(at);
}

/**
 * The owner's free text (a note, a purpose, a description, an owner, a rule's why) with
 * credentials made "[redacted]": everything redactCredentials finds, a run of 32+ hex digits,
 * the password of `login root / hunter2` and `wifi: HomeGuest / letmein2024`, and the word after a secret's name (password, passwd,
 * pw, pass, psk, passphrase, secret, pin, code, key, token, wpa, wpa2, wpa3, login, credentials; also
 * joined, `WPA2-PSK`) and an optional `is`, `:`, `=` or `/`, when it looks like a secret
 * (looksSecret): `router password is Tr0ub4dor&3x`, `WPA2: Sup3rS3cretWifi`, `tuya local key
 * 6f3c...` lose their values; `the password is in the vault` stays. Only for text the owner
 * wrote: the program's own text is never passed here. Source: the new-user trial's notes.
 */
export function redactOwnerText(text: string): string {
  return redactNamedSecrets(
    redactCredentials(text).replace(HEX_RUN, REDACTED).replace(LOGIN_PAIR, `$1$2$3$4${REDACTED}`),
  );
}

// A RouterOS property (`name=value`, the name dotted as in `security.passphrase`) or an
// ifupdown option at the start of a line (`wpa-psk value`) whose name holds a secret.
const CONFIG_PAIR = /(^|[\s[])([A-Za-z][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"?|[^\s\]"]*)/g;
const CONFIG_OPTION = /^(\s*)([A-Za-z][A-Za-z0-9_.-]*)(\s+)(\S.*)$/;

/**
 * Whether a configuration property's name holds a secret: its last dotted part is password,
 * passwd, passphrase, secret, psk, key, or ends in `-password`, `-passphrase`, `-secret`, `-psk`,
 * `-key` (private-key, preshared-key, pre-shared-key, auth-key, wpa2-pre-shared-key,
 * tcp-md5-key), or is `static-key-N`; not public-key. Sources: RouterOS `/export show-sensitive`
 * (/interface wifi security.passphrase, /interface wireguard private-key and peers preshared-key,
 * /ppp secret password, /ip ipsec identity secret, /routing bgp connection tcp-md5-key) and
 * ifupdown's wpa-psk / wpa-passphrase (wpasupplicant's README.Debian).
 */
export function sensitiveName(name: string): boolean {
  const last = name.toLowerCase().split(".").pop() ?? "";
  if (last === "public-key") return false;
  return (
    /(?:^|[-_])(?:password|passwd|passphrase|secret|psk|key)$/.test(last) ||
    /^static-key-\d+$/.test(last)
  );
}

/**
 * Properties whose value is the owner's free text (RouterOS `comment=`, a Proxmox VM or zone's
 * `description=`/`notes=`): an owner writes `wg psk Bl4ckC0ffee` or `admin pw: Gr33nTea!` there,
 * so the value goes through redactOwnerText (new-user trial 3, finding 7); the stack's own marker
 * (`managed-by=<stack>;key=...`) is the program's text and stays.
 */
const OWNER_TEXT_NAMES = new Set(["comment", "description", "notes", "note"]);

/**
 * A line of a saved configuration (a RouterOS export line, an /etc/network/interfaces or Proxmox
 * file line) as the import echoes it: the value of every property whose name is sensitive
 * (sensitiveName) made "[redacted]", `name=value` anywhere on the line (quoted values with
 * escapes whole) and `option value` at its start; the owner's free text of a `comment=` (and
 * `description=`, `notes=`) through redactOwnerText; then everything redactCredentials finds. The
 * one function every echo of a configuration line goes through (import-report.md, the console).
 */
export function redactConfigLine(line: string): string {
  const pairs = line.replace(CONFIG_PAIR, (whole, before: string, name: string, value: string) =>
    sensitiveName(name)
      ? `${before}${name}=${REDACTED}`
      : OWNER_TEXT_NAMES.has(name.toLowerCase()) && !/^"?managed-by=/.test(value)
        ? `${before}${name}=${redactOwnerText(value)}`
        : whole,
  );
  const option = CONFIG_OPTION.exec(pairs);
  const shown =
    option && sensitiveName(option[2]) && !option[4].startsWith(REDACTED)
      ? `${option[1]}${option[2]}${option[3]}${REDACTED}`
      : pairs;
  return redactCredentials(shown);
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
