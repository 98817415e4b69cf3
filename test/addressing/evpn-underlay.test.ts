// Every host of the EVPN zone on the OpenFabric underlay (addressing/evpn-underlay.ts, new-user
// trial 3, casa): the refusal is test/fixtures/invalid/evpn-host-no-underlay.yaml; here is its
// accepted counterpart, the fix it names, and a site whose tenants have no VNet, which needs none.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (): any =>
  fileRaw(join(__dirname, "..", "fixtures", "invalid", "evpn-host-no-underlay.yaml"));

const problems = (raw: Record<string, unknown>): string[] => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("the fix: hostNetwork.underlay and pve03's own network.underlay set, every host a fabric node", () => {
  const raw = fixture();
  raw.hostNetwork.underlay = ["eno2"];
  raw.hosts[2].network.interfaces = ["eno1", "eno2"];
  raw.hosts[2].network.underlay = ["eno2"];
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(r.ok && r.plan.hosts.map((h) => `${h.name} ${h.network.underlay.join(",")}`)).toEqual([
    "pve01 eno2",
    "pve02 eno2",
    "pve03 eno2",
  ]);
  expect(r.ok && r.plan.sdn.peers.map(String)).toEqual(["10.255.0.1", "10.255.0.2", "10.255.0.3"]);
  expect(r.ok && r.plan.sdn.fabric?.ipv4?.toString()).toBe("10.255.0.0/16");
});

test("only the host whose own network lacks the underlay is refused once the shared one has it", () => {
  const raw = fixture();
  raw.hostNetwork.underlay = ["eno2"];
  expect(problems(raw)).toEqual([
    "hosts[2].network.underlay: \"[]\": is empty, but tenants have EVPN VNets: the zone's controller peers with the hosts' loopbacks (pve03 10.255.0.3), and only a host on the OpenFabric underlay gets its loopback (and so a VXLAN tunnel endpoint); set hosts[2].network.underlay to the NICs (or bonds) that link the hosts to each other, e.g. [eno2], each listed in hosts[2].network.interfaces and a port of no bridge",
  ]);
});

test("a site whose tenants have no VNet (no EVPN zone) needs no underlay", () => {
  const raw = fixture();
  raw.tenants = [];
  const r = resolveSite(raw);
  expect(problems(raw)).toEqual([]);
  expect(r.ok && r.plan.tenants.length).toBe(0);
});
