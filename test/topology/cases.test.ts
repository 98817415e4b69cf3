// The field cases (test/fixtures/cases/, copied from reports of real faults; each file's header
// names its source and the right behaviour): every one is either rejected with the exact message
// naming its config path, or previewed with artifacts that avoid the reported fault, read back
// from the files the preview writes.
import { readFileSync } from "fs";
import { join } from "path";
import { parse, parseAllDocuments } from "yaml";
import { formatProblem } from "../../addressing/problems";
import { previewConfig, previewFiles, projectName } from "../../preview/offline";
import { resolveSite } from "../../site";
import { checkAgreement } from "../../twin/readback/agree";
import { parseExport, routerFromExport } from "../../twin/routeros/export";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const CASES = join(__dirname, "..", "fixtures", "cases");
const raw = (name: string) => fileRaw(join(CASES, `${name}.yaml`));

let n = 0;
async function preview(name: string): Promise<Map<string, string>> {
  const result = await previewConfig(`case-${++n}`, stackConfigOf(raw(name)), projectName());
  if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
  return new Map(previewFiles(result));
}

const problems = (name: string): string[] => {
  const r = resolveSite(raw(name));
  return r.ok ? [] : r.problems.map(formatProblem);
};

const manual = (name: string) => {
  const r = resolveSite(raw(name));
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r.topology.manualSteps.map((m) => `${m.device}: ${m.what}`);
};

/** The artifacts agree, read back; nothing is left undecided. */
function agrees(files: Map<string, string>): void {
  const checks = checkAgreement(files);
  expect(checks.filter((c) => c.verdict !== "ok").map((c) => `${c.name}: ${c.detail}`)).toEqual([]);
}

test("02: a 9000-byte underlay no resource sets is a manual step for every host, never silent", async () => {
  expect(manual("02-evpn-underlay-nic-mtu").slice(0, 2)).toEqual([
    "pve01: set MTU 9000 on eno2 and eno3 (System > Network, or `mtu` in /etc/network/interfaces)",
    "pve02: set MTU 9000 on eno2 and eno3 (System > Network, or `mtu` in /etc/network/interfaces)",
  ]);
  const files = await preview("02-evpn-underlay-nic-mtu");
  expect(files.get("inventory.md")).toContain(
    "| pve01 | set MTU 9000 on eno2 and eno3 (System > Network, or \\`mtu\\` in /etc/network/interfaces) |",
  );
});

test("06: a BGP peer off every node subnet gets eBGP multihop, and what its router must do", async () => {
  const files = await preview("06-bgp-peer-not-connected");
  expect(
    parse(files.get("k8s/cluster-102/CiliumBGPPeerConfig-infra-peer.yaml") as string).spec,
  ).toEqual({
    ebgpMultihop: 2,
    families: [
      {
        afi: "ipv4",
        safi: "unicast",
        advertisements: { matchLabels: { "homelab/bgp-advertisement": "infra-lb" } },
      },
    ],
  });
  expect(parse(files.get("external/router.yaml") as string)).toEqual({
    device: "router",
    interfaces: [{ name: "bgp", segment: "shared:lb", addresses: ["10.25.11.1/24"] }],
    routes: ["10.102.0.11/32", "10.102.0.21/32"],
    bgp: {
      asn: 64501,
      neighbors: ["infra-cp11", "infra-wk21"].map((name, i) => ({
        name,
        address: `10.102.0.${[11, 21][i]}`,
        asn: 65102,
        source: "10.25.11.1",
        multihop: 2,
        families: ["ipv4"],
        accept: ["10.25.11.100/30", "10.25.11.104/29", "10.25.11.112/29"],
      })),
    },
  });
  expect(manual("06-bgp-peer-not-connected").at(-1)).toBe(
    "EVPN zone vxevpn01 (exit nodes: none declared): route 10.25.11.1 out of the zone, and infra-cp11, infra-wk21 back in",
  );
  agrees(files);
});

test("07: the L2 policy binds the NIC Talos names on Proxmox (ens18), not eth0", async () => {
  const files = await preview("07-l2-interface-name");
  expect(
    parse(files.get("k8s/cluster-28/CiliumL2AnnouncementPolicy-k28-l2.yaml") as string).spec,
  ).toEqual({
    interfaces: ["^ens18$"],
    loadBalancerIPs: true,
    externalIPs: false,
  });
  agrees(files);
});

test("08: an IPv6 range announced by L2 on Cilium 1.18 is rejected", () => {
  expect(problems("08-l2-ipv6-pool")).toEqual([
    'tenants[0].kubernetes.lbRanges[1]: "fd00:101::1:10-fd00:101::1:20": an IPv6 LoadBalancer range with announcement l2: Cilium 1.18.4 answers ARP only (IPv6/NDP arrives in 1.19), so nothing would answer for these addresses; set talos.ciliumVersion to 1.19.0 or later, drop the IPv6 LoadBalancer prefix and ranges from the cluster, or announce by BGP',
  ]);
});

test("08 on the default Cilium 1.20.0: the IPv6 range is pooled and announced over L2 (NDP)", async () => {
  expect(problems("08-l2-ipv6-pool-ndp")).toEqual([]);
  const files = await preview("08-l2-ipv6-pool-ndp");
  expect(
    parse(files.get("k8s/cluster-101/CiliumLoadBalancerIPPool-k101-pool.yaml") as string).spec,
  ).toEqual({
    blocks: [
      { start: "10.101.0.200", stop: "10.101.0.220" },
      { start: "fd00:101::1:10", stop: "fd00:101::1:20" },
    ],
    disabled: false,
  });
  expect(
    parse(files.get("k8s/cluster-101/CiliumL2AnnouncementPolicy-k101-l2.yaml") as string).spec,
  ).toEqual({ interfaces: ["^ens18$"], loadBalancerIPs: true, externalIPs: false });
  const values = parse(files.get("k8s/cluster-101/cilium-values.yaml") as string);
  expect([
    values.ipv6,
    values.l2announcements,
    values.securityContext.capabilities.ciliumAgent.at(-1),
  ]).toEqual([{ enabled: true }, { enabled: true }, "SYSLOG"]);
  agrees(files);
});

test("10: an IPv6 service CIDR above 2^20 addresses is rejected, with the /108 to use", () => {
  expect(problems("10-service-cidr-ipv6-too-large")).toEqual([
    'tenants[0].kubernetes.services.ipv6: "fd00:101:96::/64": is larger than Kubernetes allows for a service CIDR: at most 2^20 addresses, so /108 or longer; did you mean fd00:101:96::/108?',
  ]);
});

test("12: the planned /25 per node reaches kube-controller-manager; the fifth node has its CIDR", async () => {
  const files = await preview("12-node-cidr-mask");
  for (const node of ["k101cp11", "k101cp12", "k101cp13", "k101wk21", "k101wk22"]) {
    // The v1alpha1 document comes first in the patch's YAML stream.
    const patch = parseAllDocuments(files.get(`talos/${node}.yaml`) as string)[0].toJS();
    // IPv4 only: kube-controller-manager refuses the IPv6 flag in a single-stack IPv4 cluster
    // (setNodeCIDRMaskSizes), so only node-cidr-mask-size-ipv4 is passed.
    expect(patch.cluster.controllerManager).toEqual({
      extraArgs: { "node-cidr-mask-size-ipv4": "25" },
    });
    expect(patch.cluster.network.podSubnets).toEqual(["10.101.244.0/22"]);
  }
  const r = resolveSite(raw("12-node-cidr-mask"));
  if (!r.ok) throw new Error("case 12 must resolve");
  expect(r.plan.tenants[0].kubernetes?.nodes.map((x) => String(x.pods.ipv4))).toEqual([
    "10.101.244.0/25",
    "10.101.244.128/25",
    "10.101.245.0/25",
    "10.101.245.128/25",
    "10.101.246.0/25",
  ]);
  agrees(files);
});

test("16: every network statement of an FRR node has its source in the same frr.conf", async () => {
  const files = await preview("16-frr-network-not-in-rib");
  const cp = files.get("frr/solcp011.conf") as string;
  expect(
    cp.split("\n").filter((l) => /^ (ip|ipv6) address |^ipv6 route |^ {2}network /.test(l)),
  ).toEqual([
    "ipv6 route fd00:101:cafe::/112 blackhole",
    " ip address 10.255.101.11/32",
    " ipv6 address fd00:255:101::11/128",
    " ipv6 address fd00:255:101::ac/128",
    "  network fd00:101:cafe::/112",
    "  network fd00:255:101::ac/128",
  ]);
  const wk = files.get("frr/solwk021.conf") as string;
  expect(wk.split("\n").filter((l) => /^ {2}network /.test(l))).toEqual([
    "  network fd00:101:cafe::/112",
  ]);
  // The read-back checks every announced prefix is anchored; the nodes' egress is their OS's.
  const checks = checkAgreement(files);
  expect(checks.filter((c) => c.verdict === "fail")).toEqual([]);
  expect(checks.filter((c) => c.name.endsWith("anchored")).map((c) => c.verdict)).toEqual(
    Array(3).fill("ok"),
  );
});

test("19: the RouterOS edge peers each Talos node's VLAN address on-link, as Cilium speaks", async () => {
  const files = await preview("19-routeros-cilium-peer-address");
  const rsc = files.get("routeros/edge.rsc") as string;
  expect(rsc.split("\n").filter((l) => l.includes("/routing/bgp/connection/add "))).toEqual([
    '  :if (!$found) do={ /routing/bgp/connection/add name=k101cp11 as=65000 remote.address=10.101.0.11 remote.as=65101 local.role=ebgp local.address=10.101.0.254 multihop=no input.filter=k8s-in afi=ip use-bfd=no router-id=10.255.0.254 comment=$c; :put ("added " . $c) }',
  ]);
  expect(rsc).not.toContain("/ip/route/add");
  const peers = parse(files.get("k8s/cluster-101/CiliumBGPClusterConfig-k101.yaml") as string).spec
    .bgpInstances[0].peers;
  expect(peers).toEqual([
    {
      name: "edge-ipv4",
      peerASN: 65000,
      peerAddress: "10.101.0.254",
      peerConfigRef: { name: "k101-peer" },
    },
  ]);
  agrees(files);
});

test("21: a new user's RouterOS + Talos site: every session the two configs describe can come up", async () => {
  const files = await preview("21-newcomer-routeros-talos");
  const rsc = files.get("routeros/edge.rsc") as string;
  const adds = rsc
    .split("\n")
    .filter((l) => l.includes("/routing/bgp/connection/add "))
    .map((l) =>
      /name=(\S+) .*remote.address=(\S+) .*local.address=(\S+) multihop=(\S+) .*afi=(\S+)/
        .exec(l)
        ?.slice(1),
    );
  expect(adds).toEqual([
    ["k20cp1-v4", "10.20.0.11", "10.20.0.254", "no", "ip"],
    ["k20wk1-v4", "10.20.0.21", "10.20.0.254", "no", "ip"],
    ["k20wk2-v4", "10.20.0.22", "10.20.0.254", "no", "ip"],
    ["k20cp1-v6", "fd12:3456:20::11", "fd12:3456:20::fffe", "no", "ipv6"],
    ["k20wk1-v6", "fd12:3456:20::21", "fd12:3456:20::fffe", "no", "ipv6"],
    ["k20wk2-v6", "fd12:3456:20::22", "fd12:3456:20::fffe", "no", "ipv6"],
  ]);
  const checks = checkAgreement(files);
  expect(checks.filter((c) => c.verdict !== "ok")).toEqual([]);
  // Six sessions seen from both ends: six checks per end (peer held, both ends, AS numbers,
  // families, TTL, BFD: none at either end, as Cilium runs none), plus one per block of the pool a
  // node announces and the edge accepts: the IPv4 pool 10.20.27.1-254 is 14 CIDRs, the IPv6 pool
  // ::1-::ffff 16. Neither end states BGP timers, so there is no timers check.
  expect(checks.filter((c) => c.name.startsWith("session ")).length).toBe(12 * 6 + 3 * 14 + 3 * 16);
  expect(checks.filter((c) => c.name.endsWith(": BFD")).map((c) => c.detail)).toContain(
    "edge toward 10.20.0.11: no BFD; k20cp1 toward 10.20.0.254: no BFD",
  );
});

test("27: on a factory-configured RouterOS edge, the policy's rules sit above the defconf drops", async () => {
  const files = await preview("27-routeros-rules-after-defconf-drop");
  const name = "defconf-home.rsc";
  const text = readFileSync(join(__dirname, "..", "fixtures", "routeros", name), "utf8");
  const router = routerFromExport(name, parseExport(name, text), "7.19");
  router.run(files.get("routeros/edge.rsc") as string);
  const chain = (c: string) =>
    router
      .entriesOf("/ip/firewall/filter")
      .filter((e) => e.props.chain === c)
      .map(
        (e) =>
          e.props["log-prefix"] ??
          e.props.comment.replace(/^managed-by=.*:(\w[\w.-]*):\w+$/, "ours: $1"),
      );
  expect(chain("input")).toEqual([
    "defconf: accept established,related,untracked",
    "ours: stateful",
    "ours: invalid",
    "ours: rule.lab-dns",
    "ours: rule.lab-no-admin",
    // The case's right behaviour: the nodes' BGP (TCP 179 to the router) is accepted above the drops.
    "ours: bgp.lab-cp1",
    "defconf: drop invalid",
    "defconf: accept ICMP",
    "defconf: accept to local loopback (for CAPsMAN)",
    "defconf: drop all not coming from LAN",
  ]);
  expect(files.get("inventory.md")).toContain(
    "On RouterOS (edge), each chain's rules (input, forward) go before the chain's first factory `defconf` drop",
  );
});

test("22: the EVPN zone whose VNet carries a Talos VIP and an L2 pool has ARP/ND suppression off", async () => {
  const files = await preview("22-evpn-arp-suppression-floating-vip");
  const resources = JSON.parse(files.get("resources.json") as string) as {
    type: string;
    inputs: Record<string, unknown>;
  }[];
  const zone = resources.find((r) => r.type === "proxmoxve:sdn/zone/evpn:Evpn");
  expect(zone?.inputs.disableArpNdSuppression).toBe(true);
  // Asking for suppression with the floating IPs on the VNet is refused.
  const r = resolveSite({
    ...raw("22-evpn-arp-suppression-floating-vip"),
    sdn: { arpNdSuppression: true },
  });
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'sdn.arpNdSuppression: "true": keeps ARP/ND suppression on in zone vxevpn01, whose VNets carry floating IPs (the Talos VIP 10.101.0.250 of k101 on vnet101; the L2-announced LoadBalancer addresses of k101 on vnet101): the hosts would keep answering with the MAC an address has left; drop the key (it defaults to false here) or set it to false',
  ]);
});

test("24: a bridge MTU above its bond port's is rejected, as a VLAN above its parent's", () => {
  expect(problems("24-bridge-mtu-above-bond-port")).toEqual([
    'hostNetwork.bridges[1].mtu: "9000": is larger than the MTU 1500 of its port bond0; set bond0\'s mtu to at least 9000',
  ]);
});

test("32: a two-NIC plain VM renames its NICs by MAC to net0 and net1, never the kernel's eth<N>", async () => {
  const files = await preview("32-netplan-set-name-kernel-eth");
  const name = [...files.keys()].find((k) => /^cloud-init\/.*app1.*network/.test(k));
  expect(name).toBeDefined();
  const ethernets = parse(files.get(name as string) as string).ethernets;
  expect(
    Object.entries(ethernets).map(([k, v]) => [k, (v as Record<string, unknown>)["set-name"]]),
  ).toEqual([
    ["net0", "net0"],
    ["net1", "net1"],
  ]);
  // A name of the user's choice, outside eth<N>, is what the VM gets.
  const named = resolveSite({
    ...raw("32-netplan-set-name-kernel-eth"),
    vms: [
      {
        name: "app1",
        id: 31,
        vmId: 2031,
        host: "pve01",
        networks: [
          { network: "management", name: "mgmt0" },
          { network: "lab", name: "lab0" },
        ],
      },
    ],
  });
  if (!named.ok) throw new Error(named.problems.map(formatProblem).join("\n"));
  expect(
    named.topology.devices.find((d) => d.name === "app1")?.interfaces.map((i) => i.name),
  ).toEqual(["mgmt0", "lab0"]);
});
