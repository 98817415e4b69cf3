// Link MTUs (addressing/link-mtu.ts). The refusals are test/fixtures/invalid/
// segment-mtu-below-ipv6-minimum.yaml, host-bridge-mtu-below-ipv6-minimum.yaml,
// vnet-mtu-below-ipv6-minimum.yaml and segment-mtu-above-bridge.yaml; these are their accepted
// counterparts, each the fix the refusal names.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixture = (name: string): any => fileRaw(join(ROOT, "test/fixtures/invalid", `${name}.yaml`));

function accepted(raw: Record<string, unknown>) {
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  if (!result.ok) throw new Error("refused");
  return result.plan;
}

test("a segment with an IPv6 prefix and mtu 1280 is accepted, and keeps 1280", () => {
  const raw = fixture("segment-mtu-below-ipv6-minimum");
  raw.segments[0].mtu = 1280;
  expect(accepted(raw).segments.map((g) => [g.name, g.mtu])).toEqual([["servers", 1280]]);
});

test("a segment with mtu 576 and no IPv6 prefix is accepted: the 1280 floor is IPv6's", () => {
  const raw = fixture("segment-mtu-below-ipv6-minimum");
  delete raw.segments[0].ipv6;
  expect(accepted(raw).segments.map((g) => [g.name, g.mtu])).toEqual([["servers", 576]]);
});

test("a host bridge carrying IPv6 management at mtu 1280 is accepted", () => {
  const raw = fixture("host-bridge-mtu-below-ipv6-minimum");
  raw.hostNetwork.bridges[0].mtu = 1280;
  const plan = accepted(raw);
  expect(plan.hosts.map((h) => h.network.devices.find((d) => d.name === "vmbr0")?.mtu)).toEqual([
    1280, 1280, 1280,
  ]);
});

test("a VLAN inheriting a 1200 bridge MTU while carrying IPv6 is refused at the bridge's key", () => {
  const raw = fixture("host-bridge-mtu-below-ipv6-minimum");
  delete raw.hostNetwork.bridges[0].carries;
  raw.hostNetwork.vlans = [{ on: "vmbr0", id: 10, carries: "management" }];
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'hostNetwork.bridges[0].mtu: "1200": is below 1280, the least link MTU IPv6 allows (RFC 8200 section 5), and vmbr0.10 carries IPv6 for management (global.management.ipv6 fd00:10::/64): Linux turns IPv6 off on such a link; raise hostNetwork.bridges[0].mtu to 1280 or more',
  ]);
});

test("fabric.mtu.physical 1330 leaves the tenant VNets 1280, and is accepted", () => {
  const raw = fixture("vnet-mtu-below-ipv6-minimum");
  raw.fabric.mtu.physical = 1330;
  expect(accepted(raw).fabric.mtu).toEqual({
    physical: 1330,
    management: 1500,
    underlayFamily: "ipv4",
    vnet: 1280,
  });
});

test("a segment at mtu 9000 on a VLAN of a vmbr0 at mtu 9000 is accepted", () => {
  const raw = fixture("segment-mtu-above-bridge");
  raw.segments[0].mtu = 9000;
  raw.hostNetwork.bridges[0].mtu = 9000;
  expect(accepted(raw).segments.map((g) => [g.name, g.vlan, g.mtu])).toEqual([
    ["servers", 40, 9000],
  ]);
});

test("an untagged segment above its segment bridge's MTU is refused, naming both keys", () => {
  const raw = fixture("segment-mtu-above-bridge");
  delete raw.segments[0].vlan;
  raw.hostNetwork.interfaces.push("eno4");
  raw.hostNetwork.bridges.push({ name: "vmbr1", ports: ["eno4"], segment: "servers", mtu: 9000 });
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'segments[0].mtu: "9216": is larger than the MTU 9000 of bridge vmbr1 (hostNetwork.bridges[1].mtu) that carries segment servers: Proxmox refuses a VM NIC MTU above its bridge\'s; lower segments[0].mtu to at most 9000, or set hostNetwork.bridges[1].mtu to at least 9216',
  ]);
});
