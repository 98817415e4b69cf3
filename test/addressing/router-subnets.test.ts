// One subnet on one interface of a router, and an uplink that faces the internet (new-user trial
// H2, M3, L2): the refused plans are in test/fixtures/invalid/ (router-subnet-two-interfaces,
// uplink-inside-interface, uplink-duplicate-interface); here are their accepted counterparts and
// the overlap cases a fixture does not show (overlapping lengths, IPv6, link-local).
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const INVALID = join(__dirname, "..", "fixtures", "invalid");

/** A fixture's raw config with its first router's addresses and uplink replaced. */
function withRouter(
  file: string,
  addresses: { interface: string; address: string }[],
  uplink: string[],
): Record<string, unknown> {
  const raw = fileRaw(join(INVALID, file));
  const routers = raw.routers as Record<string, unknown>[];
  routers[0] = { ...routers[0], addresses, uplink: { interfaces: uplink } };
  return raw;
}

const problems = (raw: Record<string, unknown>): string[] => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("H2 fixed: the address towards the ISP box in its own subnet, vlan20 in iot's subnet", () => {
  const raw = withRouter(
    "router-subnet-two-interfaces.yaml",
    [
      { interface: "bridge", address: "192.168.1.1/24" },
      { interface: "vlan10", address: "192.168.10.1/24" },
      { interface: "vlan20", address: "192.168.20.1/24" },
      { interface: "ether1", address: "192.168.178.2/24" },
    ],
    ["ether1"],
  );
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(
    r.ok && r.plan.routers[0].addresses.map((a) => `${a.interface} ${a.address}/${a.length}`),
  ).toEqual([
    "bridge 192.168.1.1/24",
    "vlan10 192.168.10.1/24",
    "vlan20 192.168.20.1/24",
    "ether1 192.168.178.2/24",
  ]);
  expect(r.ok && r.plan.routers[0].uplink?.interfaces).toEqual(["ether1"]);
});

test("overlapping prefixes of different lengths, and IPv6, on two interfaces are refused", () => {
  const raw = withRouter(
    "router-subnet-two-interfaces.yaml",
    [
      { interface: "bridge", address: "192.168.1.1/24" },
      { interface: "vlan10", address: "192.168.10.1/24" },
      { interface: "vlan20", address: "192.168.10.129/25" },
      { interface: "vlan30", address: "fd00:10::1/64" },
      { interface: "vlan40", address: "fd00:10::2/48" },
    ],
    ["ether1"],
  );
  expect(problems(raw)).toEqual([
    "routers[0].addresses[2].address: \"192.168.10.129/25\": is on vlan20, but its subnet 192.168.10.128/25 overlaps 192.168.10.0/24 of routers[0].addresses[1] (192.168.10.1/24 on vlan10): a router holds one subnet on one interface, or it routes that subnet out of both; keep each subnet on one interface; an address towards your ISP's box or modem goes in that box's subnet (e.g. 192.168.178.2/24), not in a network of the site",
    "routers[0].addresses[4].address: \"fd00:10::2/48\": is on vlan40, but its subnet fd00:10::/48 overlaps fd00:10::/64 of routers[0].addresses[3] (fd00:10::1/64 on vlan30): a router holds one subnet on one interface, or it routes that subnet out of both; keep each subnet on one interface; an address towards your ISP's box or modem goes in that box's subnet (e.g. 192.168.178.2/24), not in a network of the site",
  ]);
});

// Two halves of a /24 that no segment declares: inside a segment each address takes the
// segment's length (test/fixtures/invalid/router-address-prefix-length.yaml).
test("adjacent subnets on two interfaces (two halves of a /24) are accepted", () => {
  const raw = withRouter(
    "router-subnet-two-interfaces.yaml",
    [
      { interface: "bridge", address: "192.168.1.1/24" },
      { interface: "vlan30", address: "192.168.30.1/25" },
      { interface: "vlan31", address: "192.168.30.129/25" },
    ],
    ["ether1"],
  );
  expect(problems(raw)).toEqual([]);
});

test("M3 fixed: the uplink on the interface towards the ISP box, holding no network of the site", () => {
  const raw = withRouter(
    "uplink-inside-interface.yaml",
    [
      { interface: "bridge", address: "192.168.1.1/24" },
      { interface: "mgmt", address: "192.168.88.1/24" },
      { interface: "ether1", address: "192.168.178.2/24" },
    ],
    ["ether1"],
  );
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(r.ok && r.plan.routers[0].uplink?.interfaces).toEqual(["ether1"]);
});

test("L2 fixed: two distinct uplink interfaces are accepted", () => {
  const raw = withRouter(
    "uplink-duplicate-interface.yaml",
    [{ interface: "bridge", address: "192.168.88.1/24" }],
    ["ether1", "ether2"],
  );
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(r.ok && r.plan.routers[0].uplink?.interfaces).toEqual(["ether1", "ether2"]);
});
