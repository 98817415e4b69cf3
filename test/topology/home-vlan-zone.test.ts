// A home VLAN shared with a cluster's LoadBalancer pool (homelab:sharedSegments + lbSegment) stays
// a policy zone of its own, named as itself; the cluster keeps its pool's ranges, not the whole
// VLAN (issue 20, new-user trial: the VLAN used to merge into the cluster's zone, so no rule could
// name it). test/fixtures/frictions/home-vlan-zone.yaml.
import { join } from "path";
import { requireSite } from "../../site";
import { filterLines } from "../../topology/policy-lines";
import { lineText } from "../../topology/policy-text";
import { Policy } from "../../topology/policy-types";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "frictions", "home-vlan-zone.yaml");

function policy(): Policy {
  const p = requireSite(fileRaw(FIXTURE)).topology.policy;
  if (!p) throw new Error("no policy");
  return p;
}

test("the home VLAN is a zone of its own beside the cluster's, which keeps only its pool", () => {
  expect(policy().zones.map((z) => `${z.name}: ${z.set}`)).toEqual([
    "lab: 10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230",
    "home: 192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255",
    "internet: 0.0.0.0-9.255.255.255, 11.0.0.0-192.168.0.255, 192.168.2.0-192.168.59.255, 192.168.61.0-255.255.255.255, ::/0",
  ]);
});

test("the rules naming the VLAN, the cluster and its pool resolve to exactly those addresses", () => {
  expect(policy().rules.map((r) => `${r.name}: ${r.src} -> ${r.dst}`)).toEqual([
    "lab-out: 10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230 -> 0.0.0.0-9.255.255.255, 11.0.0.0-192.168.0.255, 192.168.2.0-192.168.59.255, 192.168.61.0-255.255.255.255",
    "home-to-pool: 192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255 -> 192.168.60.200-192.168.60.230",
    "lab-to-home: 10.20.0.11/32, 10.20.0.250/32, 10.20.244.0/22, 192.168.60.200-192.168.60.230 -> 192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255",
  ]);
});

test("the router's rendered rule lines", () => {
  const p = policy();
  expect(p.points.map((x) => [x.kind, x.device])).toEqual([["router", "edge"]]);
  const edge = p.points[0];
  expect(filterLines(p, edge).map((l) => `${l.tag}: ${lineText(p, l, edge.domain)}`)).toEqual([
    "intra=lab: allow IPv4 from zone lab (10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230) to 10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230, any protocol",
    "intra=home: allow IPv4 from zone home (192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255) to 192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255, any protocol",
    "rule=lab-out: allow IPv4 from segment:lab (10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230) to internet (internet), any protocol",
    "rule=home-to-pool: allow IPv4 from home (192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255) to lab-pool (192.168.60.200-192.168.60.230), tcp 443",
    "rule=lab-to-home: allow IPv4 from cluster:lab (10.20.0.11/32, 10.20.0.250/32, 10.20.244.0/22, 192.168.60.200-192.168.60.230) to home (192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255), tcp 8123",
    "default=lab: deny IPv4 from zone lab (10.20.0.0/24, 10.20.244.0/22, 10.20.254.0/24, 192.168.60.200-192.168.60.230) to anywhere else, any protocol",
    "default=home: deny IPv4 from zone home (192.168.60.0-192.168.60.199, 192.168.60.231-192.168.60.255) to anywhere else, any protocol",
    "default=internet: deny IPv4 from zone internet (internet) to anywhere else, any protocol",
  ]);
});
