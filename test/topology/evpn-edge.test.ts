// EVPN to the edge (docs/evpn-edge.md): the exit node keys reach the Proxmox SDN resources, and the
// router that is the hosts' gateway gets its way back to every VNet subnet via the exit nodes.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { previewConfig, previewFiles } from "../../preview/offline";
import { resolveSite } from "../../site";
import { exitPaths } from "../../topology/evpn-edge";
import { checkAgreement } from "../../twin/readback/agree";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const fixture = (p: string) => fileRaw(join(ROOT, "test/fixtures", p));

test("primaryExitNode, exitNodesLocalRouting and tenants[].snat are the zone's and the subnet's inputs", async () => {
  const result = await previewConfig(
    "exits",
    stackConfigOf(fixture("valid/evpn-exit-snat.yaml")),
    "homelab",
  );
  expect([result.ok, result.problems]).toEqual([true, []]);
  const inputs = (n: string) => result.resources.find((r) => r.name === n)?.inputs;
  expect(inputs("evpn-zone")).toMatchObject({
    exitNodes: ["pve01", "pve02"],
    primaryExitNode: "pve01",
    exitNodesLocalRouting: true,
  });
  expect(inputs("tenant-101-subnet-v4")).toEqual({
    vnet: "vnet101",
    cidr: "10.101.0.0/24",
    gateway: "10.101.0.254",
    snat: true,
  });
});

const cases = (name: string) => fixture(`cases/${name}.yaml`);
const manual = (raw: ReturnType<typeof fixture>) => {
  const r = resolveSite(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.topology.manualSteps.map((m) => `${m.device}: ${m.what}`);
};

test("case 23: an undescribed gateway gets the return routes as a manual step, and both exit nodes loose rp_filter", () => {
  expect(manual(cases("23-evpn-exit-nodes-no-return-route")).slice(3)).toEqual([
    "gateway 10.10.0.254: routes 10.101.0.0/24 and 10.101.27.0/24 via 10.10.0.1 and 10.10.0.2 (ECMP)",
    "pve01: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2 (loose; in /etc/sysctl.d/)",
    "pve02: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2 (loose; in /etc/sysctl.d/)",
  ]);
});

test("a primary exit node: the way back goes via it alone, and SNATed subnets need none", () => {
  const raw = fixture("valid/evpn-exit-snat.yaml");
  const r = resolveSite(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  // Tenant 101's only subnet is SNATed to the primary exit node: nothing to route back, and
  // no reply arrives at the other exit node (no rp_filter step).
  expect(exitPaths(r.plan, r.topology.devices)).toEqual([]);
  expect(manual(raw).slice(3)).toEqual([]);
});

describe("case 34: a Talos cluster on its own EVPN tenant peers Cilium BGP with a MikroTik", () => {
  const raw = cases("34-newcomer-evpn-tenant-bgp-to-router");
  let files: Map<string, string>;
  beforeAll(async () => {
    const result = await previewConfig("case34", stackConfigOf(raw), "homelab");
    if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
    files = new Map(previewFiles(result));
  });

  test("is accepted: the router routes the tenant back via both exit nodes (ECMP), rendered; the VRF routes to the BGP pool are manual", () => {
    expect(manual(raw).slice(3)).toEqual([
      "apps control planes: nothing holds the planned IPv6 VIP fd4e:2a91:7c00:3c00::250; reach the API at 10.60.0.250, or hold fd4e:2a91:7c00:3c00::250 yourself (e.g. keepalived)",
      "pve-a: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2 (loose; in /etc/sysctl.d/)",
      "pve-b: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2 (loose; in /etc/sysctl.d/)",
      // The pool on the home VLAN is announced by BGP: the zone's VRF must route it to the nodes.
      "pve-a: in /etc/frr/frr.conf.local: vrf vrf_vxevpn01, ip route 192.168.60.0/27 10.60.0.11, ip route 192.168.60.0/27 10.60.0.12, ip route 192.168.60.0/27 10.60.0.13, ip route 192.168.60.0/27 10.60.0.21, ip route 192.168.60.0/27 10.60.0.22, exit-vrf; then systemctl reload frr",
      "pve-b: in /etc/frr/frr.conf.local: vrf vrf_vxevpn01, ip route 192.168.60.0/27 10.60.0.11, ip route 192.168.60.0/27 10.60.0.12, ip route 192.168.60.0/27 10.60.0.13, ip route 192.168.60.0/27 10.60.0.21, ip route 192.168.60.0/27 10.60.0.22, exit-vrf; then systemctl reload frr",
      "pve-a: in /etc/frr/frr.conf.local: vrf vrf_vxevpn01, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::11, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::12, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::13, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::21, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::22, exit-vrf; then systemctl reload frr",
      "pve-b: in /etc/frr/frr.conf.local: vrf vrf_vxevpn01, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::11, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::12, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::13, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::21, ipv6 route fd4e:2a91:7c00:3c1b::/112 fd4e:2a91:7c00:3c00::22, exit-vrf; then systemctl reload frr",
    ]);
    const script = files.get("routeros/mikrotik.rsc") as string;
    expect(script.split("\n").filter((l) => l.includes("/ip/route/add"))).toEqual([
      '  :if (!$found) do={ /ip/route/add dst-address=10.60.0.0/24 gateway=192.168.50.11 comment=$c; :put ("added " . $c) }',
      '  :if (!$found) do={ /ip/route/add dst-address=10.60.0.0/24 gateway=192.168.50.12 comment=$c; :put ("added " . $c) }',
    ]);
  });

  test("reads back coherent: every session's two ends agree", () => {
    const checks = checkAgreement(files);
    expect(checks.filter((c) => c.verdict !== "ok").map((c) => `${c.name}: ${c.detail}`)).toEqual(
      [],
    );
    expect(checks.length).toBeGreaterThan(0);
  });

  test("the policy names the Home Assistant service IP and the cluster's pool", () => {
    const r = resolveSite(raw);
    if (!r.ok) throw new Error("rejected");
    const to = r.topology.policy?.rules.find((x) => x.name === "iot-to-ha")?.to;
    expect(to?.map((x) => `${x.kind} ${x.name} ${x.set.toString()}`)).toEqual([
      "service home-assistant 192.168.60.10/32",
    ]);
  });
});

test("a broken router without the return route is refused with the session's two ends", () => {
  const raw = cases("34-newcomer-evpn-tenant-bgp-to-router");
  const r = resolveSite({ ...raw, sdn: { exitNodes: [] } });
  expect(r.ok ? [] : r.problems.map(formatProblem).slice(0, 1)).toEqual([
    'tenants[0].kubernetes.bgpPeers[0].address: "10.60.0.11": router mikrotik peers 10.60.0.11 from 192.168.50.1; node apps-cp1 speaks from 10.60.0.11 and peers 192.168.50.1: mikrotik has no route to 10.60.0.11; give mikrotik a route to 10.60.0.11',
  ]);
});

test("sol: nodes route Ceph to a zone without exit nodes: the manual step names what to do", () => {
  const steps = resolveSite(stackRaw("sol"));
  if (!steps.ok) throw new Error("rejected");
  const nodes = "solcp011, solcp012, solcp013, solwk021, solwk022 and solwk023";
  expect(steps.topology.manualSteps.filter((m) => m.device.startsWith("EVPN zone"))).toEqual([
    {
      device: "EVPN zone vxevpn01 (exit nodes: none)",
      what: `set sdn.exitNodes (e.g. [pve01, pve02]) so that zone vxevpn01 routes fc00:20::/64 and fc00:21::/64 out; and give the hosts addresses in fc00:20::/64 and fc00:21::/64 (hostNetwork bridges[].carries: cephPublic / cephCluster, or a VLAN that carries them); or route fc00:20::/64 and fc00:21::/64 on ${nodes} another way than fc00:101::fffe`,
      why: `${nodes} route fc00:20::/64 and fc00:21::/64 via fc00:101::fffe, a VNet's anycast gateway: the zone reaches those prefixes only through its exit nodes and the hosts' own routes`,
    },
  ]);
});
