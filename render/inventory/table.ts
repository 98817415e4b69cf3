// Cell and table helpers shared by the inventory's sections. Pure: values in, Markdown text out.
import markdownTable from "markdown-table";
import { Address, AddressRange, FAMILIES, familyKey as key, Prefix } from "../../addressing/ip";
import { InterfaceAddress } from "../../addressing/plan-types";
import { DualAddress, DualPrefix } from "../../addressing/site";

type Value = Address | Prefix | AddressRange | undefined;

export const cell = (v: Value): string => (v ? v.toString() : "-");

/**
 * Free text from the config (purposes, owners, notes) in a table cell: markdown-table does not
 * escape, so a `|` would split the cell and a newline would end the row.
 */
export function text(v: string | number | undefined): string {
  if (v === undefined || v === "") return "-";
  return String(v).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
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
