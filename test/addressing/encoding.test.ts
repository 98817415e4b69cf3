import { decimalAsHex, encodeId } from "../../addressing/encoding";

test.each([
  [0, 0x0],
  [1, 0x1],
  [11, 0x11],
  [101, 0x101],
  [244, 0x244],
  [9999, 0x9999],
])("decimal-as-hex %i -> 0x%s", (n, hex) => {
  expect(decimalAsHex(n)).toBe(hex);
});

test("hex keeps the number", () => {
  expect([encodeId(27, "hex"), encodeId(255, "hex"), encodeId(27, "decimal-as-hex")]).toEqual([
    0x1b, 0xff, 0x27,
  ]);
});

test("refuses negative and fractional IDs", () => {
  expect(() => decimalAsHex(-1)).toThrow("-1 is not a non-negative integer");
  expect(() => decimalAsHex(1.5)).toThrow("1.5 is not a non-negative integer");
});
