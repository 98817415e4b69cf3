// LoadBalancer ranges on a home VLAN against what the VLAN hands out or cannot use (issue 20,
// new-user trial): the refusals are test/fixtures/invalid/pool-in-dhcp-range.yaml,
// pool-covers-network-gateway.yaml and pool-covers-broadcast.yaml; the same site with the range
// beside the DHCP range is accepted.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "frictions", "pool-beside-dhcp.yaml");
const problems = (raw: Record<string, unknown>) => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("a range beside the DHCP range, clear of network, broadcast and gateway, is accepted", () => {
  expect(problems(fileRaw(FIXTURE))).toEqual([]);
});

test("one address of overlap is named as one address", () => {
  const raw = fileRaw(FIXTURE) as { tenants: { kubernetes: { lbRanges: string[] } }[] };
  raw.tenants[0].kubernetes.lbRanges = ["192.168.60.210-192.168.60.254"];
  expect(problems(raw)).toEqual([
    `tenants[0].kubernetes.lbRanges[0]: "192.168.60.210-192.168.60.254": overlaps segment home-lan's dhcp range for home clients 192.168.60.100-192.168.60.210 (segments[0].ranges[0]) at 192.168.60.210: the DHCP server and Cilium would both hand out 192.168.60.210; move lab's range off 192.168.60.210, or shrink the DHCP server's pool and segments[0].ranges[0] with it`,
  ]);
});
