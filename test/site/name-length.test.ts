// A DNS-label name (hosts, nodes, VMs, tenants, clusters) is at most 63 characters (RFC 1035
// section 2.3.4). 64 is refused with its length and that limit
// (test/fixtures/invalid/name-dns-label-too-long.yaml), not as "not a DNS label"; 63 is accepted.
import { join } from "path";
import { formatProblem, Problem } from "../../addressing/problems";
import { dnsLabel } from "../../site/schema";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "name-dns-label-too-long.yaml");

test("a 63-character host name: accepted, the host named so", () => {
  const raw = fileRaw(FIXTURE) as { hosts: { name: string }[] };
  const name = raw.hosts[0].name.slice(0, 63);
  raw.hosts[0].name = name;
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (result.ok) expect(result.plan.hosts.map((h) => h.name)).toEqual([name, "pve2"]);
});

test.each([
  [
    "a".repeat(64),
    "is 64 characters, more than the 63 a DNS label may have (RFC 1035 section 2.3.4)",
  ],
  [
    "A".repeat(64),
    "must be a DNS label: lowercase letters, digits and '-', starting with a letter",
  ],
  ["-a", "must be a DNS label: lowercase letters, digits and '-', starting with a letter"],
])("dnsLabel refuses %s: %s", (value, message) => {
  const problems: Problem[] = [];
  expect(dnsLabel().check(value, "x", problems)).toBeUndefined();
  expect(problems.map((p) => p.message)).toEqual([message]);
});
