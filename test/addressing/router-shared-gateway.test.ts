// One address on one router (new-user trial 3, b19): the refused plan is
// test/fixtures/invalid/router-gateway-two-routers.yaml (two routers holding tenant 101's gateway
// through routers[].vlans); here are its accepted counterpart (the second router on another
// tenant) and the other ways two routers come to hold one address (routers[].addresses).
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const FIXTURE = join(__dirname, "..", "fixtures", "invalid", "router-gateway-two-routers.yaml");

type Raw = Record<string, unknown>;
type Router = Record<string, unknown>;

/** The fixture's raw config, edited. */
function fixture(edit: (raw: Raw, routers: Router[]) => void): Raw {
  const raw = fileRaw(FIXTURE);
  edit(raw, raw.routers as Router[]);
  return raw;
}

const problems = (raw: Raw): string[] => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("two routers on two tenants each hold their own tenant's gateway", () => {
  const raw = fixture((raw, routers) => {
    const tenants = raw.tenants as Record<string, unknown>[];
    tenants.push({ id: 102, name: "lab", vlan: 102 });
    routers[1].vlans = [{ interface: "vlan102", tenant: 102 }];
    // A site that passes whole: the hosts' default route through edge, edge's way out.
    (raw.hostNetwork as Record<string, unknown>).gateway = { ipv4: "10.10.0.254" };
    routers[0].addresses = [{ interface: "bridge", address: "10.10.0.254/24" }];
    routers[0].uplink = { interfaces: ["ether1"] };
  });
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(
    r.ok &&
      r.plan.routers.map(
        (x) =>
          `${x.name} ${x.vlans.map((v) => `${v.interface}:${r.plan.tenants.find((t) => t.id === v.tenant)?.gateway.ipv4}`).join(",")}`,
      ),
  ).toEqual(["edge vlan101:10.101.0.254", "edge2 vlan102:10.102.0.254"]);
});

test("a declared gateway in two routers' addresses is refused at the second", () => {
  const raw = fixture((raw, routers) => {
    (raw.hostNetwork as Record<string, unknown>).gateway = { ipv4: "10.10.0.250" };
    routers[1].vlans = [];
    for (const r of routers) r.addresses = [{ interface: "bridge", address: "10.10.0.250/24" }];
  });
  expect(problems(raw)).toEqual([
    'routers[1].addresses[0].address: "10.10.0.250/24": gives router edge2 10.10.0.250 (a declared gateway), which routers[0] (edge) already holds at routers[0].addresses[0].address: two routers answering ARP/ND for one address split its traffic, and the stack models no VRRP; keep the address on one router: remove routers[1].addresses[0] or routers[0].addresses[0]',
  ]);
});

test("another address in two routers' addresses is refused once, by the ownership check", () => {
  const raw = fixture((_raw, routers) => {
    routers[1].vlans = [];
    for (const r of routers) r.addresses = [{ interface: "bridge", address: "10.10.0.2/24" }];
  });
  expect(problems(raw)).toEqual([
    'routers[1].addresses[0].address: "10.10.0.2": is already owned by routers[0].addresses[0].address (router edge bridge); choose an address that nothing else owns',
  ]);
});

test("a router address on another router's tenant gateway is refused once, by the ownership check", () => {
  const raw = fixture((_raw, routers) => {
    routers[1].vlans = [];
    routers[1].addresses = [{ interface: "vlan101", address: "10.101.0.254/24" }];
  });
  expect(problems(raw)).toEqual([
    'routers[1].addresses[0].address: "10.101.0.254": is already owned by tenants[0].gateway.ipv4 (tenant 101 gateway); choose an address that nothing else owns',
  ]);
});
