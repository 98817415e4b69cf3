// Where a tenant's block sits in a space, and where each purpose sits in the block. Two shapes:
// seed 000's wide layout (IPv6 /32 per tenant with the encoded ID as a whole 16-bit group, purposes
// as the next 16-bit group) and the compact layout of a space longer than /32, such as an RFC 4193
// /48 (one /56 per tenant with an 8-bit ID, purposes in the 8 bits above their /64s).
import { Builder, GROUPS, key, Ref } from "./builder";
import { encodeId } from "./encoding";
import { Family, Prefix } from "./ip";
import {
  COMPACT_IPV6_INDEX,
  DEFAULT_LAYOUT,
  Encoding,
  Purpose,
  PurposeLayout,
  TenantSpec,
} from "./site";

/** Bits of the tenant ID field just above a block of `length`: 8 (IPv4, compact) or 16. */
export function idBits(f: Family, length: number): number {
  return f === 4 || length > 48 ? 8 : 16;
}

/** Bits of the purpose field below a tenant block: 8 (IPv4), 16 (wide), down to the /64s. */
export function purposeBits(f: Family, blockLength: number): number {
  if (f === 4) return 8;
  return blockLength > 48 ? 64 - blockLength : 16;
}

/** The tenant ID encoding of an IPv6 ID field: the site's, else what fits the field. */
export function tenantIdEncoding(set: Encoding | undefined, bits: number): Encoding {
  return set ?? (bits === 8 ? "hex" : "decimal-as-hex");
}

/** The block of the tenant whose encoded ID is `encoded`, at the ID field above `length`. */
function blockAt(space: Prefix, length: number, encoded: number): Prefix {
  const f = space.family;
  const base = Prefix.containing(f, space.network, length - idBits(f, length));
  return Prefix.of(f, base.network + (BigInt(encoded) << BigInt(space.bits - length)), length);
}

/** `values` (sorted) as ranges: "100 to 103", "1 to 9, 16". */
function ranges(values: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    out.push(j === i ? String(values[i]) : `${values[i]} to ${values[j]}`);
    i = j + 1;
  }
  return out.length > 3 ? `${out.slice(0, 3).join(", ")}, ...` : out.join(", ");
}

/** "use tenant ID 1" or "use a tenant ID from 1 to 15, 32": the IDs that fit, as a fix. */
function useIds(ids: readonly number[]): string {
  return ids.length === 1 ? `use tenant ID ${ids[0]}` : `use a tenant ID from ${ranges(ids)}`;
}

/** Tenant IDs (1..65535) whose block of `length` lies inside `space`. */
function fittingIds(space: Prefix, length: number, encoding: Encoding): number[] {
  const f = space.family;
  const bits = idBits(f, length);
  const out: number[] = [];
  for (let id = 1; id <= 65535; id++) {
    const encoded = f === 4 ? id : encodeId(id, encoding);
    if (encoded >= 2 ** bits) continue;
    if (space.contains(blockAt(space, length, encoded))) out.push(id);
  }
  return out;
}

/**
 * A tenant's block in `space`: the encoded tenant ID is the field just above the block. A block
 * outside its space is recorded all the same (the validator reports it) with a fix that keeps the
 * user's space: the tenant IDs that fit, or a block length that fits.
 */
export function tenantBlock(
  b: Builder,
  t: TenantSpec,
  path: string,
  space: Ref,
  length: number,
  lengthSet: boolean,
): Ref | undefined {
  const f = space.prefix.family;
  const bits = idBits(f, length);
  const encoding = tenantIdEncoding(b.site.encoding.tenantId, bits);
  const encoded = f === 4 ? t.id : encodeId(t.id, encoding);
  const lengthKey = f === 4 ? "ipv4" : space.path.includes("loopback") ? "loopbackIpv6" : "ipv6";
  if (length - bits < 0)
    return b.problem(
      `layout.tenantBlock.${lengthKey}`,
      String(length),
      `is shorter than the ${bits} bits the tenant ID needs`,
      `use at least /${bits}`,
    );
  if (encoded >= 2 ** bits) {
    const ids = fittingIds(space.prefix, length, encoding);
    const shown = f === 4 ? "" : ` 0x${encoded.toString(16)} in ${encoding},`;
    return b.problem(
      `${path}.id`,
      String(t.id),
      `is${shown} more than the ${bits}-bit tenant ID field above a /${length} block holds`,
      ids.length > 0 ? useIds(ids) : "choose a smaller tenant ID",
    );
  }
  const block = blockAt(space.prefix, length, encoded);
  let fix: string | undefined;
  if (!space.prefix.contains(block)) {
    const ids = fittingIds(space.prefix, length, encoding);
    const widerSet = lengthSet && length <= space.prefix.length;
    fix = widerSet
      ? `set layout.tenantBlock.${lengthKey} longer than the space's /${space.prefix.length}, or leave it unset for one /56 per tenant`
      : ids.length > 0
        ? `${useIds(ids)}${ids.length === 1 && f === 6 && length > 48 ? ` (a /${space.prefix.length} holds one /${length} tenant block; an RFC 4193 /48 holds ${2 ** (length - 48)})` : ""}, or a ${space.path} that contains ${block}`
        : `choose a ${space.path} that contains ${block}`;
  }
  return b.prefix(`${path}.id`, block, `the IPv${f} tenant block`, space, [GROUPS.allocations], {
    derivedFrom: String(t.id),
    name: `tenant ${t.id}'s IPv${f} block`,
    fix,
  });
}

/** Where a purpose's position comes from: the config key to name in a message, and its value. */
interface Position {
  readonly key: "index" | "ipv6Index";
  readonly input: number;
  readonly value: number;
  /** Position of config value `n` (the same encoding), for the nearest valid one. */
  readonly valueOf: (n: number) => number;
  readonly max: number;
}

function position(name: Purpose, l: PurposeLayout, f: Family, compact: boolean): Position {
  const encoded = (n: number) => (f === 4 ? n : encodeId(n, l.encoding));
  const raw = (n: number) => n;
  if (f === 6 && l.ipv6Index !== undefined)
    return { key: "ipv6Index", input: l.ipv6Index, value: l.ipv6Index, valueOf: raw, max: 65535 };
  const d = DEFAULT_LAYOUT[name];
  if (f === 6 && compact && l.index === d.index && l.encoding === d.encoding) {
    const v = COMPACT_IPV6_INDEX[name];
    return { key: "ipv6Index", input: v, value: v, valueOf: raw, max: 255 };
  }
  return { key: "index", input: l.index, value: encoded(l.index), valueOf: encoded, max: 255 };
}

/** The nearest config values to `pos.input` that give a position that fits and is aligned. */
function nearest(pos: Position, bits: number, align: number): string | undefined {
  const ok = (n: number) => {
    const v = pos.valueOf(n);
    return v < 2 ** bits && v % align === 0;
  };
  for (let d = 0; d <= pos.max; d++) {
    const found = [pos.input - d, pos.input + d].filter(
      (n, i) => n >= 0 && n <= pos.max && (i === 0 || d > 0) && ok(n),
    );
    if (found.length > 0) {
      const show = (n: number) =>
        pos.key === "ipv6Index" ? `${n} (0x${n.toString(16)})` : String(n);
      return `use ${pos.key} ${found.map(show).join(" or ")}`;
    }
  }
  return undefined;
}

/**
 * A purpose's prefix in its tenant block: the position (index, or ipv6Index) shifted to the purpose
 * field below the block. Reports a position that does not fit the field or puts the prefix off its
 * boundary, at the config key it came from, with the nearest position that works.
 */
export function purposePrefix(
  b: Builder,
  name: Purpose,
  l: PurposeLayout,
  f: Family,
  block: Ref,
): Prefix | undefined {
  const layoutPath = `layout.${name}`;
  const length = f === 4 ? l.ipv4 : l.ipv6;
  const bits = purposeBits(f, block.prefix.length);
  const unit = block.prefix.length + bits;
  if (bits <= 0 || length < block.prefix.length || unit > block.prefix.bits) {
    return b.problem(
      `${layoutPath}.${key(f)}`,
      String(length),
      `does not fit inside a /${block.prefix.length} tenant block`,
    );
  }
  const pos = position(name, l, f, block.prefix.length > 48);
  const align = length < unit ? 2 ** (unit - length) : 1;
  const fix = nearest(pos, bits, align);
  const at = `${layoutPath}.${pos.key}`;
  if (pos.value >= 2 ** bits) {
    const shown = f === 6 ? `0x${pos.value.toString(16)}` : String(pos.value);
    return b.problem(
      at,
      String(pos.input),
      `gives the position ${shown}, more than the ${bits} bits below a /${block.prefix.length} tenant block hold`,
      fix,
    );
  }
  const network = block.prefix.network + (BigInt(pos.value) << BigInt(block.prefix.bits - unit));
  const p = Prefix.containing(f, network, length);
  if (p.network !== network) {
    const shown = Prefix.containing(f, network, Math.max(length, unit));
    return b.problem(
      at,
      String(pos.input),
      `places a /${length} at ${shown.first}, which is not a /${length} boundary`,
      fix,
    );
  }
  return p;
}
