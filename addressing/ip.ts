// Immutable IPv4/IPv6 address and prefix values. Parsing and formatting are delegated to
// `netmask` (IPv4) and `ipaddr.js` (IPv6, RFC 5952 output); arithmetic is plain bigint.
import * as ipaddr from "ipaddr.js";
import { Netmask, ip2long, long2ip } from "netmask";

export type Family = 4 | 6;

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/** Both families, IPv4 first: the order every table and config lists them in. */
export const FAMILIES: readonly Family[] = [4, 6];

/** The config and plan key of a family's member ({ ipv4, ipv6 }). */
export const familyKey = (f: Family): "ipv4" | "ipv6" => (f === 4 ? "ipv4" : "ipv6");

/** Result of strict parsing: either a value or the reason it was refused and a suggested fix. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; fix?: string };

/**
 * A text with spaces (or tabs, line ends) around a value that parses without them, refused with
 * the value itself as the fix (`"192.168.88.0/24 "` from a copied line, new-user trial); undefined
 * otherwise, so that the strict parse gives its own reason.
 */
function spaced<T>(text: string, parse: (t: string) => Parsed<T>): Parsed<T> | undefined {
  const trimmed = text.trim();
  if (trimmed === text || trimmed === "" || !parse(trimmed).ok) return undefined;
  return { ok: false, error: "has spaces around it", fix: `did you mean ${trimmed}?` };
}

// Dotted quad without leading zeros (netmask would read "010" as octal, an old CVE class).
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4_RE = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const LENGTH_RE = /^(?:0|[1-9][0-9]{0,2})$/;

function bitsOf(family: Family): number {
  return BITS[family];
}

function maxValue(family: Family): bigint {
  return (1n << BigInt(bitsOf(family))) - 1n;
}

function v6ToBigint(addr: ipaddr.IPv6): bigint {
  return addr.parts.reduce((acc, part) => (acc << 16n) | BigInt(part), 0n);
}

/**
 * An IPv6 text's value, or undefined when it is none. A dotted IPv4 tail (`::ffff:10.0.0.1`,
 * `::10.0.0.1`) is read as its two low groups (RFC 4291 2.2 form 3): ipaddr.js reads every
 * dotted tail as IPv4-mapped, so `::10.0.0.1` would come out as `::ffff:a00:1`.
 */
function parseV6(text: string): bigint | undefined {
  const colon = text.lastIndexOf(":");
  const tail = text.slice(colon + 1);
  let hex = text;
  if (tail.includes(".")) {
    if (!IPV4_RE.test(tail)) return undefined;
    const v4 = ip2long(tail) >>> 0;
    hex = `${text.slice(0, colon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  return ipaddr.IPv6.isValid(hex) ? v6ToBigint(ipaddr.IPv6.parse(hex)) : undefined;
}

function bigintToV6(value: bigint): ipaddr.IPv6 {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts);
}

function formatValue(family: Family, value: bigint): string {
  return family === 4 ? long2ip(Number(value)) : bigintToV6(value).toRFC5952String();
}

/** An IPv4 or IPv6 address. */
export class Address {
  private constructor(
    readonly family: Family,
    readonly value: bigint,
  ) {}

  static of(family: Family, value: bigint): Address {
    if (value < 0n || value > maxValue(family)) {
      throw new RangeError(`value ${value} does not fit an IPv${family} address`);
    }
    return new Address(family, value);
  }

  /** Strict parse: dotted quad without leading zeros, or IPv6 in RFC 5952 form. */
  static parse(text: string): Parsed<Address> {
    const around = spaced(text, Address.parse);
    if (around) return around;
    if (IPV4_RE.test(text)) return { ok: true, value: new Address(4, BigInt(ip2long(text) >>> 0)) };
    if (text.includes(":")) {
      if (text.includes("%")) return { ok: false, error: "zone IDs are not allowed" };
      const value = parseV6(text);
      if (value === undefined) return { ok: false, error: "is not a valid IPv6 address" };
      const canonical = formatValue(6, value);
      if (canonical !== text) {
        return {
          ok: false,
          error: "is not in canonical form (RFC 5952)",
          fix: `did you mean ${canonical}?`,
        };
      }
      return { ok: true, value: new Address(6, value) };
    }
    if (/^[0-9.]+$/.test(text)) {
      // Leading zeros read as octal in some tools (inet_aton): name the decimal reading.
      const octets = text.split(".");
      const decimal = octets.map((o) => String(Number(o))).join(".");
      const fix =
        octets.length === 4 && IPV4_RE.test(decimal)
          ? `did you mean ${decimal}?`
          : "write four decimal numbers from 0 to 255 separated by dots, like 10.10.0.1";
      return {
        ok: false,
        error: "is not a valid IPv4 address (four decimal octets, no leading zeros)",
        fix,
      };
    }
    return { ok: false, error: "is not an IP address" };
  }

  /** Parse that throws; for constants in code and tests, never for user input. */
  static from(text: string): Address {
    const parsed = Address.parse(text);
    if (!parsed.ok) throw new Error(`"${text}" ${parsed.error}`);
    return parsed.value;
  }

  add(offset: bigint): Address {
    return Address.of(this.family, this.value + offset);
  }

  equals(other: Address): boolean {
    return this.family === other.family && this.value === other.value;
  }

  toString(): string {
    return formatValue(this.family, this.value);
  }

  toJSON(): string {
    return this.toString();
  }

  /** The address as a single-host prefix (/32 or /128). */
  toPrefix(): Prefix {
    return Prefix.of(this.family, this.value, bitsOf(this.family));
  }
}

/**
 * The plain IPv4 form of an IPv4-mapped IPv6 address or prefix (RFC 4291 2.5.5.2, `::ffff:0:0/96`)
 * in any IPv6 notation: `::ffff:10.0.0.1` and `::ffff:a00:1` give `10.0.0.1`, `::ffff:10.0.0.0/104`
 * gives `10.0.0.0/8` (the IPv4 network the prefix covers: length - 96). Undefined for anything
 * else, a mapped prefix shorter than /96 included. For the fix when one is written in an IPv4 key.
 */
export function plainIpv4(text: string): string | undefined {
  const slash = text.indexOf("/");
  const addrText = slash < 0 ? text : text.slice(0, slash);
  // A zone ID has its own refusal (Address.parse).
  if (!addrText.includes(":") || addrText.includes("%")) return undefined;
  const value = parseV6(addrText);
  if (value === undefined || value >> 32n !== 0xffffn) return undefined;
  const v4 = Address.of(4, value & 0xffffffffn);
  if (slash < 0) return v4.toString();
  const lenText = text.slice(slash + 1);
  if (!LENGTH_RE.test(lenText) || Number(lenText) < 96 || Number(lenText) > 128) return undefined;
  return Prefix.containing(4, v4.value, Number(lenText) - 96).toString();
}

/**
 * The addresses of `p` a host may take, as `first-last`: an IPv4 prefix up to /30 without its
 * network and broadcast addresses, an IPv6 prefix up to /126 without its subnet-router anycast
 * address (RFC 4291 2.6.1), else every address. For fixes that name where a value may go.
 */
export function hostSpan(p: Prefix): string {
  const low = (p.family === 4 && p.length <= 30) || (p.family === 6 && p.length <= 126) ? 1n : 0n;
  const high = p.family === 4 && p.length <= 30 ? 1n : 0n;
  return `${Address.of(p.family, p.network + low)}-${Address.of(p.family, p.last.value - high)}`;
}

/** An IPv4 or IPv6 network: the network address (no host bits) and a prefix length. */
export class Prefix {
  private constructor(
    readonly family: Family,
    readonly network: bigint,
    readonly length: number,
  ) {}

  static of(family: Family, network: bigint, length: number): Prefix {
    const bits = bitsOf(family);
    if (!Number.isInteger(length) || length < 0 || length > bits) {
      throw new RangeError(`/${length} is not a valid IPv${family} prefix length`);
    }
    if (network < 0n || network > maxValue(family)) {
      throw new RangeError(`network ${network} does not fit IPv${family}`);
    }
    if ((network & hostMask(family, length)) !== 0n) {
      throw new RangeError(`${formatValue(family, network)}/${length} has host bits set`);
    }
    return new Prefix(family, network, length);
  }

  /** The prefix of the given length that contains `value` (host bits cleared). */
  static containing(family: Family, value: bigint, length: number): Prefix {
    return Prefix.of(family, value & ~hostMask(family, length) & maxValue(family), length);
  }

  /** Strict parse of `address/length`: canonical address and no host bits set. */
  static parse(text: string): Parsed<Prefix> {
    const around = spaced(text, Prefix.parse);
    if (around) return around;
    const slash = text.indexOf("/");
    if (slash < 0) return { ok: false, error: "is not a prefix (expected address/length)" };
    const addrText = text.slice(0, slash);
    const lenText = text.slice(slash + 1);
    if (!LENGTH_RE.test(lenText))
      return { ok: false, error: `has an invalid prefix length "/${lenText}"` };
    const length = Number(lenText);
    const addr = Address.parse(addrText);
    if (!addr.ok) {
      if (addr.fix) {
        const again = Address.parse(addr.fix.replace(/^did you mean |\?$/g, ""));
        if (again.ok)
          return { ok: false, error: addr.error, fix: `did you mean ${again.value}/${lenText}?` };
      }
      return addr;
    }
    const { family, value } = addr.value;
    if (length > bitsOf(family)) {
      return { ok: false, error: `has a prefix length longer than ${bitsOf(family)} bits` };
    }
    if (family === 4) {
      // netmask computes the base; it agrees with the bigint arithmetic below by construction.
      const block = new Netmask(`${addrText}/${length}`);
      if (BigInt(ip2long(block.base) >>> 0) !== value) {
        return {
          ok: false,
          error: "has host bits set",
          fix: `did you mean ${block.base}/${length}?`,
        };
      }
    }
    const containing = Prefix.containing(family, value, length);
    if (containing.network !== value) {
      return { ok: false, error: "has host bits set", fix: `did you mean ${containing}?` };
    }
    return { ok: true, value: containing };
  }

  static from(text: string): Prefix {
    const parsed = Prefix.parse(text);
    if (!parsed.ok) throw new Error(`"${text}" ${parsed.error}`);
    return parsed.value;
  }

  get bits(): number {
    return bitsOf(this.family);
  }

  /** Number of addresses in the prefix. */
  get size(): bigint {
    return 1n << BigInt(this.bits - this.length);
  }

  get first(): Address {
    return Address.of(this.family, this.network);
  }

  get last(): Address {
    return Address.of(this.family, this.network + this.size - 1n);
  }

  contains(other: Address | Prefix): boolean {
    if (other.family !== this.family) return false;
    if (other instanceof Address)
      return other.value >= this.network && other.value <= this.last.value;
    return (
      other.length >= this.length &&
      other.network >= this.network &&
      other.last.value <= this.last.value
    );
  }

  overlaps(other: Prefix): boolean {
    return (
      other.family === this.family &&
      other.network <= this.last.value &&
      this.network <= other.last.value
    );
  }

  /** The `index`-th subnet of length `length` inside this prefix. */
  subnet(length: number, index: bigint | number): Prefix {
    const i = BigInt(index);
    if (length < this.length || length > this.bits) {
      throw new RangeError(`/${length} subnets do not fit in ${this.toString()}`);
    }
    const count = 1n << BigInt(length - this.length);
    if (i < 0n || i >= count) {
      throw new RangeError(
        `${this.toString()} has ${count} /${length} subnets; index ${i} is out of range`,
      );
    }
    return Prefix.of(this.family, this.network + i * (1n << BigInt(this.bits - length)), length);
  }

  /** The address at `offset` from the network address; throws if it falls outside. */
  host(offset: bigint | number): Address {
    const o = BigInt(offset);
    if (o < 0n || o >= this.size) {
      throw new RangeError(`offset ${o} is outside ${this.toString()}`);
    }
    return Address.of(this.family, this.network + o);
  }

  equals(other: Prefix): boolean {
    return (
      this.family === other.family && this.network === other.network && this.length === other.length
    );
  }

  toString(): string {
    return `${formatValue(this.family, this.network)}/${this.length}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function hostMask(family: Family, length: number): bigint {
  return (1n << BigInt(bitsOf(family) - length)) - 1n;
}

/** An inclusive range of addresses of one family (a pool such as 10.8.31.10-10.8.31.200). */
export class AddressRange {
  private constructor(
    readonly start: Address,
    readonly stop: Address,
  ) {}

  static of(start: Address, stop: Address): AddressRange {
    if (start.family !== stop.family) throw new RangeError("range ends differ in family");
    if (stop.value < start.value) throw new RangeError(`${stop} is before ${start}`);
    return new AddressRange(start, stop);
  }

  /** Strict parse of `start-stop`, both full addresses of one family, start <= stop. */
  static parse(text: string): Parsed<AddressRange> {
    const around = spaced(text, AddressRange.parse);
    if (around) return around;
    const parts = text.split("-");
    if (parts.length !== 2) return { ok: false, error: "is not a range (expected start-stop)" };
    const start = Address.parse(parts[0]);
    const stop = Address.parse(parts[1]);
    if (!start.ok || !stop.ok) {
      // An end's fix names an address; the range's fix names the whole range.
      const meant = (r: Parsed<Address>) =>
        r.ok ? r.value.toString() : /^did you mean (.+)\?$/.exec(r.fix ?? "")?.[1];
      const [a, b] = [meant(start), meant(stop)];
      const bad = !start.ok ? start : (stop as { ok: false; error: string; fix?: string });
      return {
        ok: false,
        error: bad.error,
        fix: a !== undefined && b !== undefined ? `did you mean ${a}-${b}?` : bad.fix,
      };
    }
    if (start.value.family !== stop.value.family) {
      return { ok: false, error: "mixes IPv4 and IPv6" };
    }
    if (stop.value.value < start.value.value) {
      return {
        ok: false,
        error: "ends before it starts",
        fix: `did you mean ${parts[1]}-${parts[0]}?`,
      };
    }
    return { ok: true, value: new AddressRange(start.value, stop.value) };
  }

  get family(): Family {
    return this.start.family;
  }

  get size(): bigint {
    return this.stop.value - this.start.value + 1n;
  }

  contains(addr: Address): boolean {
    return (
      addr.family === this.family && addr.value >= this.start.value && addr.value <= this.stop.value
    );
  }

  overlaps(other: AddressRange | Prefix): boolean {
    const [s, e] =
      other instanceof Prefix
        ? [other.network, other.last.value]
        : [other.start.value, other.stop.value];
    return other.family === this.family && s <= this.stop.value && this.start.value <= e;
  }

  within(prefix: Prefix): boolean {
    return prefix.contains(this.start) && prefix.contains(this.stop);
  }

  /**
   * This range without the addresses of `cut` (same family, else this range unchanged): itself
   * when they do not meet, nothing when `cut` covers it, else one shorter range or the two around
   * `cut`, in address order.
   */
  minus(cut: AddressRange): AddressRange[] {
    if (!this.overlaps(cut)) return [this];
    const out: AddressRange[] = [];
    if (cut.start.value > this.start.value)
      out.push(AddressRange.of(this.start, cut.start.add(-1n)));
    if (cut.stop.value < this.stop.value) out.push(AddressRange.of(cut.stop.add(1n), this.stop));
    return out;
  }

  /** This range without one address: itself, one shorter range, or the two around it. */
  without(a: Address): AddressRange[] {
    return this.minus(AddressRange.of(a, a));
  }

  /**
   * The fewest prefixes that cover exactly this range, in address order
   * (10.25.11.100-10.25.11.119 -> 10.25.11.100/30, 10.25.11.104/29, 10.25.11.112/29).
   */
  toPrefixes(): Prefix[] {
    const bits = bitsOf(this.family);
    const out: Prefix[] = [];
    let at = this.start.value;
    while (at <= this.stop.value) {
      let length = bits;
      // Grow while the block stays aligned at `at` and inside the range.
      while (length > 0) {
        const size = 1n << BigInt(bits - length + 1);
        if (at % size !== 0n || at + size - 1n > this.stop.value) break;
        length--;
      }
      out.push(Prefix.of(this.family, at, length));
      at += 1n << BigInt(bits - length);
    }
    return out;
  }

  toString(): string {
    return `${this.start}-${this.stop}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
