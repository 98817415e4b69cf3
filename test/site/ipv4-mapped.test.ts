// An IPv4-mapped IPv6 value (::ffff:a.b.c.d) in an IPv4 key is refused with the plain IPv4 form as
// its fix (test/fixtures/invalid/syntax-ipv4-mapped.yaml); written as the fixes say, the site is
// accepted and plans those very values.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "syntax-ipv4-mapped.yaml");

test("the plain IPv4 forms the fixes name are accepted and planned", () => {
  const raw = fileRaw(FIXTURE) as {
    global: { management: { ipv4: string } };
    hostNetwork: { gateway: { ipv4: string } };
  };
  raw.global.management.ipv4 = "192.168.88.0/24";
  raw.hostNetwork.gateway.ipv4 = "192.168.88.254";
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) return;
  expect(String(result.plan.global.management.ipv4)).toBe("192.168.88.0/24");
  expect(String(result.plan.hosts[0].management.ipv4)).toBe("192.168.88.1");
});
