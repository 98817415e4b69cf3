// How decimal IDs written in the seeds become IPv6 groups and interface IDs.
import { Encoding } from "./site";

/**
 * Reads the decimal digits of `n` as hexadecimal digits: 101 -> 0x101, 244 -> 0x244. This is how
 * seed 000 writes tenant 101 as `fd00:101::` and how seed 001 writes node 11 as `::11`. Computed
 * digit by digit, never by building a string.
 */
export function decimalAsHex(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${n} is not a non-negative integer`);
  let result = 0;
  let scale = 1;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10)) {
    result += (rest % 10) * scale;
    scale *= 16;
  }
  return result;
}

/** The IPv6 group or interface ID for `n` under `encoding`. */
export function encodeId(n: number, encoding: Encoding): number {
  return encoding === "hex" ? n : decimalAsHex(n);
}
