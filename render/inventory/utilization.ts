// How much of each prefix the plan hands out, so a reader sees a block filling up (or a /16 kept
// for three /24s) before it bites. Pure, and exact: counts are bigints, so a /32 of IPv6 is
// counted as exactly as a /24 of IPv4, and the percentage is rounded from integers.
import { FAMILIES, familyKey as key } from "../../addressing/ip";
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { Plan, PrefixFact } from "../../addressing/plan-types";
import { ownerCell, table } from "./table";

export interface Utilization {
  readonly prefix: Prefix;
  /** What the prefix is, as the plan's facts call it. */
  readonly label: string;
  /** Child prefixes (facts whose parent this is) and ranges (pools, segment ranges) inside it. */
  readonly children: number;
  /** Addresses in the union of the children (siblings never count twice). */
  readonly covered: bigint;
  /** Distinct addresses owned directly in the prefix: gateways, hosts, nodes, VIPs, devices. */
  readonly owned: number;
  /** Addresses in the union of children and owned addresses. */
  readonly allocated: bigint;
  readonly size: bigint;
  /** allocated / size, see `percent`. */
  readonly percent: string;
}

type Span = { first: bigint; last: bigint };

interface Entry {
  prefix: Prefix;
  label: string;
  children: Span[];
  owned: Set<bigint>;
}

const spanOf = (x: Prefix | AddressRange | Address): Span =>
  x instanceof Prefix
    ? { first: x.network, last: x.last.value }
    : x instanceof AddressRange
      ? { first: x.start.value, last: x.stop.value }
      : { first: x.value, last: x.value };

/** Addresses in the union of `spans`, each clipped to `within` so a stray child cannot pass 100%. */
export function unionSize(spans: readonly Span[], within: Span): bigint {
  const clipped = spans
    .map((s) => ({
      first: s.first > within.first ? s.first : within.first,
      last: s.last < within.last ? s.last : within.last,
    }))
    .filter((s) => s.first <= s.last)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let total = 0n;
  let end = within.first - 1n;
  for (const s of clipped) {
    const from = s.first > end ? s.first : end + 1n;
    if (s.last >= from) total += s.last - from + 1n;
    if (s.last > end) end = s.last;
  }
  return total;
}

/**
 * `part` of `whole` with two decimals, rounded half up from integers. A share that is not zero
 * but rounds to 0.00% (three /64s in a /32) shows as "<0.01%", one short of full as ">99.99%", so
 * the rounding never claims a prefix is empty or full when it is not.
 */
export function percent(part: bigint, whole: bigint): string {
  if (whole <= 0n) throw new RangeError(`cannot take a share of ${whole} addresses`);
  const hundredths = (part * 20000n + whole) / (2n * whole);
  if (hundredths === 0n && part > 0n) return "<0.01%";
  if (hundredths === 10000n && part < whole) return ">99.99%";
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, "0")}%`;
}

/**
 * An address count, exact: decimal up to 2^32, and above it `m × 2^k` when a small multiple of a
 * power of two (IPv6 sizes: 2^64, five /64s = 5 × 2^64), since 20-digit decimals read as noise.
 * Any other count is split at a multiple of 16 bits into such a head and the rest: nineteen /64s,
 * a /108 and a /112 are `19 × 2^64 + 1114112`.
 */
export function formatCount(n: bigint): string {
  const whole = powerForm(n);
  if (whole !== undefined) return whole;
  for (let at = 112n; at >= 32n; at -= 16n) {
    const head = (n >> at) << at;
    if (head === 0n) continue;
    const [a, b] = [powerForm(head), powerForm(n - head)];
    if (a !== undefined && b !== undefined) return `${a} + ${b}`;
  }
  return n.toString();
}

/** Decimal below 2^32, `m × 2^k` (m up to 0xffff) above, or undefined. */
function powerForm(n: bigint): string | undefined {
  if (n < 1n << 32n) return n.toString();
  let k = 0;
  while (((n >> BigInt(k)) & 1n) === 0n) k++;
  const m = n >> BigInt(k);
  if (m > 0xffffn) return undefined;
  return m === 1n ? `2^${k}` : `${m} × 2^${k}`;
}

/** A prefix fact's name when it was derived (tenant 101's IPv4 block), else its label. */
const labelOf = (p: PrefixFact): string => (p.name !== p.path ? p.name : p.label);

type Ref = { readonly path: string; readonly prefix: Prefix; readonly name: string };

/**
 * Every prefix that holds children or owned addresses, by family, network, then length. Prefixes
 * are told apart by config path as well, so routable pods (seed 002), which span the whole VM
 * subnet, are a row of their own (the pods and their per-node CIDRs) under the VM subnet's row.
 */
export function utilization(plan: Pick<Plan, "facts" | "segments">): Utilization[] {
  const entries = new Map<string, Entry>();
  const entry = (ref: Ref, label: string): Entry => {
    const id = `${ref.path} ${ref.prefix}`;
    const found = entries.get(id);
    if (found) return found;
    const made = { prefix: ref.prefix, label, children: [], owned: new Set<bigint>() };
    entries.set(id, made);
    return made;
  };
  // Labels from the prefixes' own facts first, so a parent is named as itself, not as a reference.
  for (const p of plan.facts.prefixes) entry(p, labelOf(p));
  for (const p of plan.facts.prefixes) {
    if (p.parent) entry(p.parent, p.parent.name).children.push(spanOf(p.prefix));
  }
  for (const r of plan.facts.ranges) {
    if (r.within) entry(r.within, r.within.name).children.push(spanOf(r.range));
  }
  // Segment ranges (DHCP scopes, reserved blocks) are allocations too, though not facts. Segments
  // are disjoint from every other allocation, so the first entry with the prefix is the segment's.
  for (const g of plan.segments) {
    for (const r of g.ranges) {
      const p = g.prefixes[key(r.range.family)];
      if (!p) continue;
      const own = [...entries.values()].find((e) => e.prefix.equals(p));
      const e =
        own ?? entry({ path: `segment ${g.name}`, prefix: p, name: "" }, `segment ${g.name}`);
      e.children.push(spanOf(r.range));
    }
  }
  for (const a of plan.facts.addresses) {
    if (a.within) entry(a.within, a.within.name).owned.add(a.address.value);
  }
  return [...entries.values()]
    .filter((e) => e.children.length > 0 || e.owned.size > 0)
    .sort(
      (a, b) =>
        a.prefix.family - b.prefix.family ||
        (a.prefix.network < b.prefix.network ? -1 : a.prefix.network > b.prefix.network ? 1 : 0) ||
        a.prefix.length - b.prefix.length,
    )
    .map((e) => {
      const whole = spanOf(e.prefix);
      const owned = [...e.owned].map((v) => ({ first: v, last: v }));
      const allocated = unionSize([...e.children, ...owned], whole);
      return {
        prefix: e.prefix,
        label: e.label,
        children: e.children.length,
        covered: unionSize(e.children, whole),
        owned: owned.length,
        allocated,
        size: e.prefix.size,
        percent: percent(allocated, e.prefix.size),
      };
    });
}

/** The utilization as an inventory section, IPv4 then IPv6; undefined when nothing is allocated. */
export function utilizationSection(plan: Pick<Plan, "facts" | "segments">): string | undefined {
  const rows = utilization(plan);
  if (rows.length === 0) return undefined;
  const header = ["Prefix", "What", "Children", "In children", "Owned", "Size", "Allocated"];
  const tables = FAMILIES.flatMap((f) => {
    const mine = rows.filter((r) => r.prefix.family === f);
    if (mine.length === 0) return [];
    const cells = mine.map((r) => [
      r.prefix.toString(),
      ownerCell(r.label),
      String(r.children),
      formatCount(r.covered),
      String(r.owned),
      formatCount(r.size),
      r.percent,
    ]);
    return [`### IPv${f}\n\n${table(header, cells)}`];
  });
  return [
    "## Address-space utilization",
    "",
    "Children are the prefixes and ranges allocated inside a prefix; owned addresses are the " +
      "addresses given out in it directly. Allocated counts their union.",
    "",
    tables.join("\n\n"),
  ].join("\n");
}
