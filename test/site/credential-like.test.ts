// credentialLike (site/schema.ts): which refused strings are not quoted because they look like
// `user:password`; addresses, prefixes and URLs are quoted (URLs redacted where they are shown).
import { credentialLike } from "../../site/schema";

test.each([
  ["admin:hunter2", true],
  ["admin:Lenz2027@192.168.1.1", true],
  ["root:x", true],
  ["fd00:10::1", false],
  ["fd00:10::/64", false],
  ["::1", false],
  ["https://pve.lan:8006/", false],
  ["https:\\\\me:pw@pve.lan", false],
  ["admin", false],
  ["admin: x", false],
  ["a b:c", false],
  ["admin:", false],
])("%s: %s", (value, expected) => {
  expect(credentialLike(value)).toBe(expected);
});

test("a 50 MB value is read without a regular expression over all of it", () => {
  expect(credentialLike("n".repeat(50 * 1024 * 1024))).toBe(false);
  expect(credentialLike(`user:${"p".repeat(50 * 1024 * 1024)}`)).toBe(true);
});
