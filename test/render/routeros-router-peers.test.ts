// routers[].routes and routers[].bgpPeers: configured static routes and BGP peers outside the
// stack, rendered as managed /ip/route and /routing/bgp/connection entries; the script run on a
// router that has them already adopts them (identity keys), and the plan refuses what RouterOS
// could not take.
import { renderRouting } from "../../components/deploy-routing";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { RouterModel } from "../../twin/routeros/model";
import { stackRaw } from "../fixtures/base";

function withEdge(extra: Record<string, unknown>): Record<string, unknown> {
  const raw = JSON.parse(JSON.stringify(stackRaw("example")));
  raw.routers[0] = {
    ...raw.routers[0],
    addresses: [{ interface: "ether1", address: "192.168.99.2/30" }],
    ...extra,
  };
  return raw;
}

const GOOD = {
  routes: [
    { to: "0.0.0.0/0", via: "192.168.99.1" },
    { to: "10.99.0.0/16", via: "192.168.99.1" },
  ],
  bgpPeers: [{ name: "upstream", address: "192.168.99.1", asn: 64999 }],
};

function script(raw: Record<string, unknown>): { script: string; version: string } {
  const r = resolveSite(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const out = renderRouting(r.plan, r.topology, "example").routerOs[0];
  return { script: out.script, version: r.plan.routers[0].version };
}

test("routes and an outside peer become managed entries; an equal existing route is adopted", () => {
  const { script: s, version } = script(withEdge(GOOD));
  const m = new RouterModel(version);
  m.run("/ip/route/add dst-address=0.0.0.0/0 gateway=192.168.99.1");
  const run = m.run(s);
  const routes = m
    .entriesOf("/ip/route")
    .map((e) => `${e.props["dst-address"]} ${e.props.gateway} ${e.props.comment}`);
  expect(routes).toEqual([
    "0.0.0.0/0 192.168.99.1 managed-by=example;key=ip-route:0.0.0.0/0;adopted",
    "10.99.0.0/16 192.168.99.1 managed-by=example;key=ip-route:10.99.0.0/16",
  ]);
  const upstream = m.entriesOf("/routing/bgp/connection").find((e) => e.props.name === "upstream");
  expect(upstream?.props).toMatchObject({
    "remote.address": "192.168.99.1",
    "remote.as": "64999",
    "local.address": "192.168.99.2",
    multihop: "no",
    "local.role": "ebgp",
  });
  expect(upstream?.props["input.filter"]).toBeUndefined();
  // The session's input accept (TCP 179 from the peer on ether1) is there for a defconf router.
  expect(
    m
      .entriesOf("/ip/firewall/filter")
      .some(
        (e) =>
          e.props["src-address"] === "192.168.99.1" &&
          e.props["dst-port"] === "179" &&
          e.props["in-interface"] === "ether1",
      ),
  ).toBe(true);
  expect(run.output.filter((l) => l.startsWith("conflict"))).toEqual([]);
  // A second run changes nothing.
  expect(m.run(s).mutations).toEqual([]);
});

test("an outside peer with bfd: use-bfd=yes, its BFD entry at 300 ms x 3 and its UDP accept", () => {
  const { script: s, version } = script(
    withEdge({
      routes: [{ to: "198.51.100.0/24", via: "192.168.99.1" }],
      bgpPeers: [
        { name: "upstream", address: "192.168.99.1", asn: 64999, bfd: true },
        ...[
          { name: "far", address: "198.51.100.7", asn: 64998, bfd: true },
          { name: "plain", address: "198.51.100.8", asn: 64997 },
        ].map((p) => ({ ...p, multihop: true, localAddress: "192.168.99.2" })),
      ],
    }),
  );
  const m = new RouterModel(version);
  m.run(s);
  const conn = (n: string) =>
    m.entriesOf("/routing/bgp/connection").find((e) => e.props.name === n)?.props["use-bfd"];
  expect([conn("upstream"), conn("far"), conn("plain")]).toEqual(["yes", "yes", "no"]);
  expect(
    m
      .entriesOf("/routing/bfd/configuration")
      .map((e) =>
        ["addresses", "interfaces", "min-rx", "min-tx", "multiplier"]
          .map((k) => `${k}=${e.props[k]}`)
          .join(" "),
      ),
  ).toEqual([
    "addresses=192.168.99.1 interfaces=ether1 min-rx=00:00:00.300 min-tx=00:00:00.300 multiplier=3",
    "addresses=198.51.100.7 interfaces=undefined min-rx=00:00:00.300 min-tx=00:00:00.300 multiplier=3",
  ]);
  expect(
    m
      .entriesOf("/ip/firewall/filter")
      .filter((e) => e.props.protocol === "udp")
      .map((e) => `${e.props["src-address"]} ${e.props["in-interface"]} ${e.props["dst-port"]}`),
  ).toEqual(["192.168.99.1 ether1 3784", "198.51.100.7 undefined 4784"]);
  expect(m.run(s).mutations).toEqual([]);
});

test.each([
  [
    { version: "7.14", bgpPeers: [{ name: "up", address: "192.168.99.1", asn: 64999, bfd: true }] },
    'routers[0].bgpPeers[0].bfd: "true": router edge runs RouterOS 7.14; BFD is written for RouterOS 7.15 and later; upgrade the router and set its version, or leave bfd out of up',
  ],
  [
    { routes: [{ to: "10.99.0.1/16", via: "192.168.99.1" }] },
    'routers[0].routes[0].to: "10.99.0.1/16": has host bits set; did you mean 10.99.0.0/16?',
  ],
  [
    { routes: [{ to: "::/0", via: "192.168.99.1" }] },
    'routers[0].routes[0].via: "192.168.99.1": is an IPv4 gateway for the IPv6 destination ::/0; give an IPv6 gateway for ::/0',
  ],
  [
    {
      routes: [
        { to: "0.0.0.0/0", via: "192.168.99.1" },
        { to: "0.0.0.0/0", via: "192.168.99.2" },
      ],
    },
    'routers[0].routes[1].to: "0.0.0.0/0": duplicates routers[0].routes[0].to: one destination has one gateway in the main table; keep one of the two routes',
  ],
  [
    { bgpPeers: [{ name: "up", address: "192.168.99.1", asn: 65000 }] },
    "routers[0].bgpPeers[0].asn: \"65000\": is router edge's own AS: the stack's connections are eBGP (local.role=ebgp); give the peer's own AS, or leave the iBGP session to the router",
  ],
  [
    {
      bgpPeers: [
        { name: "up", address: "192.168.99.1", asn: 64999 },
        { name: "up", address: "198.51.100.1", asn: 64998 },
      ],
    },
    'routers[0].bgpPeers[1].name: "up": duplicates routers[0].bgpPeers[0]: RouterOS matches a connection by its name or its remote address; keep one of the two peers',
  ],
  [
    { bgpPeers: [{ name: "up", address: "192.168.99.1", asn: 64999, localAddress: "10.9.9.9" }] },
    'routers[0].bgpPeers[0].localAddress: "10.9.9.9": is not an address of router edge; add it to the router\'s addresses, or leave localAddress out',
  ],
  [
    { bgpPeers: [{ name: "up", address: "10.20.0.11", asn: 64999 }] },
    'routers[0].bgpPeers[0].address: "10.20.0.11": is lab-cp1 (ens18), a device of the site: its sessions come from the plan, not from bgpPeers; hold its tenant on the router (routers[].vlans), or list only peers outside the stack',
  ],
])("refused: %j", (extra, message) => {
  const r = resolveSite(withEdge(extra));
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.problems.map(formatProblem)).toContain(message);
});
