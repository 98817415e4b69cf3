// Cell and table helpers shared by the inventory's sections. Pure: values in, Markdown text out.
import markdownTable from "markdown-table";
import { Address, AddressRange, FAMILIES, familyKey as key, Prefix } from "../../addressing/ip";
import { InterfaceAddress } from "../../addressing/plan-types";
import { redactOwnerText } from "../../addressing/quote";
import { DualAddress, DualPrefix } from "../../addressing/site";

type Value = Address | Prefix | AddressRange | undefined;

export const cell = (v: Value): string => (v ? v.toString() : "-");

/**
 * Every kind of line break: CommonMark's \n, \r and \r\n, and VT, FF, NEL, LS and PS, which other
 * renderers (and editors) break lines at.
 */
const BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const BREAKS = new RegExp(BREAK.source, "g");
/**
 * Other control characters (a tab is a space), and the Unicode bidirectional formatting
 * characters (ALM, LRM, RLM, the embeddings and overrides U+202A-U+202E and the isolates
 * U+2066-U+2069): nothing a reader can see, and the bidi ones reorder what a reader does see
 * (CVE-2021-42574, "Trojan Source"; Unicode UAX #9).
 */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/**
 * What opens Markdown (CommonMark and GitHub's) or HTML inside a line: escapes, code spans,
 * emphasis, links, images and link definitions (`[`, `]`; without them `(`, `)` and `!` are plain
 * text), HTML and autolinks (`<`; a `>` closes nothing without it), entities (`&`), headings
 * (`#`), table cells (`|`), strikethrough (`~`) and GitHub's math (`$`). Each gets a backslash,
 * which CommonMark allows before any punctuation.
 */
const INLINE = /[\\`*_[\]<&#|~$]/g;
/**
 * GitHub's bare-URL autolinks (`https://...`, `www.`): a backslash in `://` or after `www` keeps
 * them text. (Its e-mail autolinks ignore escapes; they link only what the text shows.)
 */
const AUTOLINK = /:\/\/|\b(www)\./gi;
/**
 * What makes a line a block when it starts with it: a quote (`>`), a list item (`-`, `+`, `1. `,
 * `1)`), a thematic break or setext underline (`-`, `=`); `#`, `*`, `_`, `` ` ``, `~`, `<` and `|`
 * are escaped wherever they are. An address like 10.0.0.1 starts no list: a marker needs a space.
 */
const MARKER_START = /^[-+=>]/;
const NUMBER_START = /^[0-9]{1,9}(?=[.)](\s|$))/;

/**
 * Text as Markdown that shows exactly that text on one line, wherever it is written: in a table
 * cell, a paragraph, a list item or a heading. Line breaks become spaces (a lone `\r` would end a
 * table row and start a heading), other control characters go, and every character that could
 * start Markdown or HTML is escaped. It only escapes: text the owner wrote goes through ownerText,
 * which redacts credentials first; what the program writes (a host name, `user@host:22`) is shown
 * as it is. The one escaping function of the inventory (markdown-table escapes nothing).
 */
export function markdownText(s: string): string {
  return s
    .replace(BREAKS, " ")
    .replace(/\t/g, " ")
    .replace(CONTROLS, "")
    .trim()
    .replace(INLINE, "\\$&")
    .replace(AUTOLINK, (_, www?: string) => (www ? `${www}\\.` : "\\://"))
    .replace(MARKER_START, "\\$&")
    .replace(NUMBER_START, "$&\\");
}

/**
 * The owner's free text (a description, a purpose, an owner or manager, a label, a rule's reason,
 * an expectation's name) as markdownText, with credentials (redactOwnerText: `password=`,
 * Proxmox tokens, URL userinfo, random tokens, AWS key IDs, 32+ hex digits, the value after `psk`,
 * `pw`, `key`) made "[redacted]" first: a credential pasted into a
 * note or a purpose never reaches the inventory or the stack outputs that carry it.
 */
export function ownerText(s: string): string {
  return markdownText(redactOwnerText(s));
}

/** ownerText of each line of `s`, for the owner's text that keeps its lines (a note). Blank lines go. */
export function ownerLines(s: string): string[] {
  return s
    .split(BREAK)
    .map(ownerText)
    .filter((l) => l !== "");
}

/** A value the program writes in a table cell (markdownText); `-` when there is none. */
export function text(v: string | number | undefined): string {
  if (v === undefined || v === "") return "-";
  return markdownText(String(v));
}

/** The owner's free text in a table cell (ownerText); `-` when there is none. */
export function ownerCell(v: string | number | undefined): string {
  if (v === undefined || v === "") return "-";
  return ownerText(String(v));
}

export function table(header: string[], rows: string[][]): string {
  return markdownTable([header, ...rows]);
}

export function dualRow(
  label: string,
  v: DualPrefix | DualAddress | undefined,
  note = "",
): string[] {
  return note ? [label, cell(v?.ipv4), cell(v?.ipv6), note] : [label, cell(v?.ipv4), cell(v?.ipv6)];
}

export const hasAny = (v: DualPrefix | DualAddress | undefined): boolean =>
  Boolean(v?.ipv4 || v?.ipv6);

/** Both families of a dual value in one cell: "10.101.0.254, fd00:101::fffe". */
export function both(v: DualPrefix | DualAddress | undefined): string {
  return FAMILIES.flatMap((f) => v?.[key(f)] ?? []).join(", ") || "-";
}

/** Addresses with the length of the subnet they sit in, as on an interface: "10.101.0.11/24". */
export function onLink(address: DualAddress, subnet: DualPrefix | undefined): string {
  const parts = FAMILIES.flatMap((f) => {
    const a = address[key(f)];
    if (!a) return [];
    return [`${a}/${subnet?.[key(f)]?.length ?? a.toPrefix().length}`];
  });
  return parts.join(", ") || "-";
}

export const ifaceAddress = (a: InterfaceAddress | undefined): string =>
  a ? `${a.address}/${a.length}` : "-";

/** A section: heading, blank line, body; undefined when there is nothing to say. */
export function section(
  heading: string,
  parts: readonly (string | undefined)[],
): string | undefined {
  const body = parts.filter((p): p is string => p !== undefined && p !== "");
  return body.length > 0 ? [heading, "", body.join("\n\n")].join("\n") : undefined;
}
