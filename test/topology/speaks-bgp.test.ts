// speaksBgp (topology/sessions.ts): whether a router is an end of a BGP session of the topology,
// the one answer the inventory's Routers table (ASN, never-accepted prefixes) and its Fabric
// section (Router ASN) both use.
import { join } from "path";
import { requireSite } from "../../site";
import { speaksBgp } from "../../topology";
import { BUNDLED_STACKS, fileRaw, ROOT, stackRaw } from "../fixtures/base";

const uplinkSite = () =>
  fileRaw(join(ROOT, "test", "fixtures", "routeros", "uplink-site.yaml")) as {
    routers: Record<string, unknown>[];
  };

/** `router: speaks` for every router of the site `raw`. */
function answers(raw: Record<string, unknown>): string[] {
  const { plan, topology } = requireSite(raw);
  return plan.routers.map((r) => `${r.name}: ${speaksBgp(topology, r)}`);
}

test.each([
  // Seed 003's router server holds no tenant VLAN of a cluster and has no bgpPeers.
  ["arc-hybrid", ["router-server: false"]],
  ["example", ["edge: true"]],
  ["homelab", []],
  ["infra-apps", ["bgp-router: true"]],
  // The UniFi gateway of seed 002 is external; the cluster announces by L2.
  ["ms01", ["udm-pro: false"]],
  ["sol", ["edge: true"]],
])("%s: %j", (stack, expected) => {
  expect(BUNDLED_STACKS).toContain(stack);
  expect(answers(stackRaw(stack))).toEqual(expected);
});

test("a router that holds no cluster and has no bgpPeers speaks no BGP", () => {
  expect(answers(uplinkSite())).toEqual(["edge: false"]);
});

test("a router whose only session is with a peer outside the stack (bgpPeers) speaks BGP", () => {
  const raw = uplinkSite();
  raw.routers[0].bgpPeers = [{ name: "isp", address: "192.168.30.2", asn: 64496 }];
  expect(answers(raw)).toEqual(["edge: true"]);
});
