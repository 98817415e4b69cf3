// How LoadBalancer addresses are announced: BGP control-plane resources (seed 000, 001, 004) or an
// L2 policy on the NIC whose segment holds the pool.
import { Address } from "../../addressing/ip";
import { TenantPlan } from "../../addressing/plan-types";
import { requirePlan } from "../../site";
import { announcementObjects } from "../../render/cilium/objects";
import { announcementInput } from "../../render/cilium/inputs";
import { stackRaw } from "../fixtures/base";
import { seed001 } from "../fixtures/seed001";
import { bgp, range } from "./cilium-seed004";

const homelab = requirePlan(stackRaw());
const k101 = homelab.tenants[0];
const sol = requirePlan(seed001);

const selectAll = {
  matchExpressions: [{ key: "homelab/announce", operator: "NotIn", values: ["false"] }],
};

function bgpObjects(cluster: string, asn: number, peers: object[], afis: string[]) {
  const advert = `${cluster}-lb`;
  const label = { "homelab/bgp-advertisement": advert };
  return [
    {
      apiVersion: "cilium.io/v2",
      kind: "CiliumBGPClusterConfig",
      metadata: { name: cluster },
      spec: { bgpInstances: [{ name: cluster, localASN: asn, peers }] },
    },
    {
      apiVersion: "cilium.io/v2",
      kind: "CiliumBGPPeerConfig",
      metadata: { name: `${cluster}-peer` },
      spec: {
        families: afis.map((afi) => ({
          afi,
          safi: "unicast",
          advertisements: { matchLabels: label },
        })),
      },
    },
    {
      apiVersion: "cilium.io/v2",
      kind: "CiliumBGPAdvertisement",
      metadata: { name: advert, labels: label },
      spec: {
        advertisements: [
          {
            advertisementType: "Service",
            service: { addresses: ["LoadBalancerIP"] },
            selector: selectAll,
          },
        ],
      },
    },
  ];
}

const peer = (cluster: string, name: string, asn: number, address: string) => ({
  name,
  peerASN: asn,
  peerAddress: address,
  peerConfigRef: { name: `${cluster}-peer` },
});

describe("BGP control plane", () => {
  test("k101: AS 65101 peers with the tenant gateway in both families", () => {
    expect(announcementObjects(announcementInput(homelab, k101, { announcement: "bgp" }))).toEqual(
      bgpObjects(
        "k101",
        65101,
        [
          peer("k101", "router-ipv4", 65000, "10.101.0.254"),
          peer("k101", "router-ipv6", 65000, "fd00:101::fffe"),
        ],
        ["ipv4", "ipv6"],
      ),
    );
  });

  test("sol-k8s: AS 65101 peers with the router fd00:101::fffe (AS 65000), IPv6 only", () => {
    const input = announcementInput(sol, sol.tenants[0], { announcement: "bgp" });
    expect(announcementObjects(input)).toEqual(
      bgpObjects(
        "sol-k8s",
        65101,
        [peer("sol-k8s", "router-ipv6", 65000, "fd00:101::fffe")],
        ["ipv6"],
      ),
    );
  });

  test("seed 004: both clusters peer with 10.25.11.1 (AS 64501)", () => {
    expect(announcementObjects(bgp("infra", 64512))).toEqual(
      bgpObjects("infra", 64512, [peer("infra", "router", 64501, "10.25.11.1")], ["ipv4"]),
    );
    expect(announcementObjects(bgp("apps", 64513))).toEqual(
      bgpObjects("apps", 64513, [peer("apps", "router", 64501, "10.25.11.1")], ["ipv4"]),
    );
  });

  test("peers and the service selector are inputs", () => {
    const input = announcementInput(homelab, k101, {
      announcement: "bgp",
      bgpPeers: [{ name: "pve", address: Address.from("10.101.255.1"), asn: 65001 }],
      serviceSelector: { matchLabels: { exposed: "bgp" } },
    });
    const [cluster, , advert] = announcementObjects(input) as { spec: unknown }[];
    expect([cluster.spec, advert.spec]).toEqual([
      {
        bgpInstances: [
          { name: "k101", localASN: 65101, peers: [peer("k101", "pve", 65001, "10.101.255.1")] },
        ],
      },
      {
        advertisements: [
          {
            advertisementType: "Service",
            service: { addresses: ["LoadBalancerIP"] },
            selector: { matchLabels: { exposed: "bgp" } },
          },
        ],
      },
    ]);
  });
});

describe("L2 announcements", () => {
  const l2Policy = (name: string, interfaces: string[]) => ({
    apiVersion: "cilium.io/v2alpha1",
    kind: "CiliumL2AnnouncementPolicy",
    metadata: { name },
    spec: { interfaces, loadBalancerIPs: true, externalIPs: false },
  });

  test("seed 004 on L2 instead of BGP", () => {
    expect(announcementObjects({ mode: "l2", cluster: "infra", interfaces: ["^eth0$"] })).toEqual([
      l2Policy("infra-l2", ["^eth0$"]),
    ]);
  });

  // A tenant whose LoadBalancer ranges sit on its VM subnet, as seed 004's pools sit on its segment.
  const onVmSubnet: TenantPlan = {
    ...k101,
    kubernetes: {
      ...k101.kubernetes!,
      lbRanges: [range("10.101.0.200", "10.101.0.239"), range("fd00:101::1:0", "fd00:101::1:ff")],
    },
  };

  test("the policy binds the NIC whose subnet holds every range", () => {
    expect(
      announcementObjects(announcementInput(homelab, onVmSubnet, { announcement: "l2" })),
    ).toEqual([l2Policy("k101-l2", ["^eth0$"])]);
    const named = announcementInput(homelab, onVmSubnet, {
      announcement: "l2",
      interfacePattern: (nic) => `^ens${18 + nic}$`,
    });
    expect(announcementObjects(named)).toEqual([l2Policy("k101-l2", ["^ens18$"])]);
  });

  test("ranges off every node subnet cannot be announced by ARP/NDP", () => {
    expect(() => announcementInput(homelab, k101, { announcement: "l2" })).toThrow(
      new Error(
        "cluster k101: L2 announcements need the LoadBalancer ranges " +
          "(10.101.27.1-10.101.27.254, fd00:101:1b::1-fd00:101:1b::ffff) inside a node subnet " +
          "(10.101.0.0/24, fd00:101::/64); announce by BGP, or move the ranges into the node subnet",
      ),
    );
  });
});
