// Sets of addresses of both families as sorted, disjoint, inclusive intervals of integers: what a
// policy name holds ("the workload VLAN", "the internet") in a form that unions, intersections,
// complements and containment are exact on, whatever prefixes and ranges the names came from.
import { Address, AddressRange, Family, FAMILIES, Prefix } from "../addressing/ip";

/** An inclusive interval of address values of one family. */
export interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

const MAX: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** Sorted, merged (adjacent intervals joined) copy of `xs`. */
function normalise(xs: readonly Interval[]): Interval[] {
  const sorted = [...xs].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.lo <= last.hi + 1n) {
      if (x.hi > last.hi) out[out.length - 1] = { lo: last.lo, hi: x.hi };
    } else out.push(x);
  }
  return out;
}

function complement(xs: readonly Interval[], max: bigint): Interval[] {
  const out: Interval[] = [];
  let at = 0n;
  for (const x of xs) {
    if (x.lo > at) out.push({ lo: at, hi: x.lo - 1n });
    at = x.hi + 1n;
  }
  if (at <= max) out.push({ lo: at, hi: max });
  return out;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
    const hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
    if (lo <= hi) out.push({ lo, hi });
    if (a[i].hi < b[j].hi) i++;
    else j++;
  }
  return out;
}

/**
 * Whether every interval of `b` lies inside `a`. Both sorted and merged (no two intervals touch),
 * so an interval of `b` inside the union of `a` lies inside one interval of `a`.
 */
function coversAll(a: readonly Interval[], b: readonly Interval[]): boolean {
  let i = 0;
  for (const y of b) {
    while (i < a.length && a[i].hi < y.lo) i++;
    if (i === a.length || a[i].lo > y.lo || a[i].hi < y.hi) return false;
  }
  return true;
}

/** Whether two sorted interval lists share a value. */
function meets(a: readonly Interval[], b: readonly Interval[]): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].lo <= b[j].hi && b[j].lo <= a[i].hi) return true;
    if (a[i].hi < b[j].hi) i++;
    else j++;
  }
  return false;
}

/**
 * An immutable set of IPv4 and IPv6 addresses. Every operation returns a new set; `equals` and
 * `covers` are exact (a /24 is covered by the two /25s that make it up).
 */
export class AddressSet {
  private constructor(
    private readonly v4: readonly Interval[],
    private readonly v6: readonly Interval[],
  ) {}

  static readonly EMPTY = new AddressSet([], []);
  /** Every address of both families. */
  static readonly ALL = new AddressSet([{ lo: 0n, hi: MAX[4] }], [{ lo: 0n, hi: MAX[6] }]);

  private static make(f4: readonly Interval[], f6: readonly Interval[]): AddressSet {
    return new AddressSet(normalise(f4), normalise(f6));
  }

  /** The set holding exactly these prefixes, ranges and addresses. */
  static of(items: readonly (Prefix | AddressRange | Address)[]): AddressSet {
    const by: Record<Family, Interval[]> = { 4: [], 6: [] };
    for (const x of items) {
      if (x instanceof Prefix) by[x.family].push({ lo: x.network, hi: x.last.value });
      else if (x instanceof AddressRange) {
        by[x.family].push({ lo: x.start.value, hi: x.stop.value });
      } else by[x.family].push({ lo: x.value, hi: x.value });
    }
    return AddressSet.make(by[4], by[6]);
  }

  /** The intervals of one family, in address order. */
  intervals(f: Family): readonly Interval[] {
    return f === 4 ? this.v4 : this.v6;
  }

  /** The families the set holds an address of, IPv4 first. */
  get families(): Family[] {
    return FAMILIES.filter((f) => this.intervals(f).length > 0);
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** Only the addresses of family `f`. */
  only(f: Family): AddressSet {
    return f === 4 ? new AddressSet(this.v4, []) : new AddressSet([], this.v6);
  }

  union(o: AddressSet): AddressSet {
    return AddressSet.make([...this.v4, ...o.v4], [...this.v6, ...o.v6]);
  }

  intersect(o: AddressSet): AddressSet {
    return new AddressSet(intersect(this.v4, o.v4), intersect(this.v6, o.v6));
  }

  /** Every address of both families that is not in this set. */
  complement(): AddressSet {
    return new AddressSet(complement(this.v4, MAX[4]), complement(this.v6, MAX[6]));
  }

  minus(o: AddressSet): AddressSet {
    return this.intersect(o.complement());
  }

  /** Whether every address of `o` is in this set. Linear in the intervals, allocates nothing. */
  covers(o: AddressSet): boolean {
    return coversAll(this.v4, o.v4) && coversAll(this.v6, o.v6);
  }

  /** Whether the sets share an address. Linear in the intervals, allocates nothing. */
  overlaps(o: AddressSet): boolean {
    return meets(this.v4, o.v4) || meets(this.v6, o.v6);
  }

  has(a: Address): boolean {
    return this.intervals(a.family).some((x) => x.lo <= a.value && a.value <= x.hi);
  }

  equals(o: AddressSet): boolean {
    const same = (a: readonly Interval[], b: readonly Interval[]) =>
      a.length === b.length && a.every((x, i) => x.lo === b[i].lo && x.hi === b[i].hi);
    return same(this.v4, o.v4) && same(this.v6, o.v6);
  }

  /** The fewest prefixes of family `f` that make up exactly this set's addresses of that family. */
  prefixes(f: Family): Prefix[] {
    return this.intervals(f).flatMap((x) =>
      AddressRange.of(Address.of(f, x.lo), Address.of(f, x.hi)).toPrefixes(),
    );
  }

  /** Each interval of family `f` as a prefix when it is one, else as a range. */
  blocks(f: Family): (Prefix | AddressRange)[] {
    return this.intervals(f).map((x) => {
      const r = AddressRange.of(Address.of(f, x.lo), Address.of(f, x.hi));
      const p = r.toPrefixes();
      return p.length === 1 ? p[0] : r;
    });
  }

  /** Every address of the set, family by family, as text (prefixes and ranges). */
  toString(): string {
    const parts = FAMILIES.flatMap((f) => this.blocks(f).map(String));
    return parts.length > 0 ? parts.join(", ") : "(none)";
  }
}
