// How LoadBalancer addresses are announced, projected from the topology: the BGP control-plane
// objects peer with the other end of every node session (with its families and TTL), or an L2
// policy binds the NIC names the nodes really have on the segment that carries the pool.
import { TenantPlan } from "../../addressing/plan-types";
import { announcementInput } from "../../render/cilium/inputs";
import { announcementObjects, manifestYaml } from "../../render/cilium/objects";
import { requireSite } from "../../site";
import { Topology } from "../../topology/types";
import {
  ciliumBgp,
  ciliumLocalAddresses,
  ciliumObjects,
  ciliumRouterId,
} from "../../twin/site/cilium";
import { join } from "path";
import { fileRaw, homelabWith, ROOT, stackRaw } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";
import { bgp } from "./cilium-seed004";

const selectAll = {
  matchExpressions: [{ key: "homelab/announce", operator: "NotIn", values: ["false"] }],
};

interface PeerConfig {
  name: string;
  afis: string[];
  ttl?: number;
}

function bgpObjects(cluster: string, asn: number, peers: object[], configs: PeerConfig[]) {
  const advert = `${cluster}-lb`;
  const label = { "homelab/bgp-advertisement": advert };
  return [
    {
      apiVersion: "cilium.io/v2",
      kind: "CiliumBGPClusterConfig",
      metadata: { name: cluster },
      spec: { bgpInstances: [{ name: cluster, localASN: asn, peers }] },
    },
    ...configs.map((c) => ({
      apiVersion: "cilium.io/v2",
      kind: "CiliumBGPPeerConfig",
      metadata: { name: c.name },
      spec: {
        ...(c.ttl !== undefined ? { ebgpMultihop: c.ttl } : {}),
        families: c.afis.map((afi) => ({
          afi,
          safi: "unicast",
          advertisements: { matchLabels: label },
        })),
      },
    })),
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

const peer = (name: string, asn: number, address: string, config: string) => ({
  name,
  peerASN: asn,
  peerAddress: address,
  peerConfigRef: { name: config },
});

const site = (raw: Record<string, unknown>): { t: Topology; tenant: TenantPlan } => {
  const { plan, topology } = requireSite(raw);
  return { t: topology, tenant: plan.tenants[0] };
};

/** homelab's tenant 101 on VLAN 101 behind a RouterOS edge, announcing by BGP (dual stack). */
const behindRouter = homelabWith((c) => {
  c.tenants[0].vlan = 101;
  c.tenants[0].kubernetes.announcement = "bgp";
  delete c.layout.loadBalancers;
  c.routers = [
    {
      name: "edge",
      routerId: "10.10.0.254",
      ssh: { host: "10.10.0.254" },
      vlans: [{ interface: "vlan101", tenant: 101 }],
      uplink: { interfaces: ["ether1"], ipv6: { mode: "masquerade" } },
    },
  ];
});

describe("BGP control plane", () => {
  test("behind a RouterOS edge: one peer per family at the gateway, one peer config per family", () => {
    const { t, tenant } = site(behindRouter);
    expect(announcementObjects(announcementInput(t, tenant))).toEqual(
      bgpObjects(
        "k101",
        65101,
        [
          peer("edge-ipv4", 65000, "10.101.0.254", "k101-peer-ipv4"),
          peer("edge-ipv6", 65000, "fd00:101::fffe", "k101-peer-ipv6"),
        ],
        [
          { name: "k101-peer-ipv4", afis: ["ipv4"] },
          { name: "k101-peer-ipv6", afis: ["ipv6"] },
        ],
      ),
    );
  });

  test("seed 001 on Talos: AS 65101 peers with the edge's fd00:101::fffe (AS 65000), IPv6 only", () => {
    const { t, tenant } = site(seed001Talos);
    // No node has an IPv4 address for Cilium to take its router ID from (cilium/cilium#30333):
    // each gets tenant 101 and its node ID as one, 0.101.0.<id>.
    const overrides = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"].map(
      (node) => ({
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPNodeConfigOverride",
        metadata: { name: node },
        spec: {
          bgpInstances: [{ name: "sol-k8s", routerID: `0.101.0.${Number(node.slice(-2))}` }],
        },
      }),
    );
    expect(announcementObjects(announcementInput(t, tenant))).toEqual([
      ...bgpObjects(
        "sol-k8s",
        65101,
        [peer("edge-ipv6", 65000, "fd00:101::fffe", "sol-k8s-peer")],
        [{ name: "sol-k8s-peer", afis: ["ipv6"] }],
      ),
      ...overrides,
    ]);
  });

  test("the twin's GoBGP takes each node's router ID from its rendered override", () => {
    const { t, tenant } = site(seed001Talos);
    const files = new Map(
      announcementObjects(announcementInput(t, tenant)).map((o, i): [string, string] => [
        `${o.kind}-${i}.yaml`,
        manifestYaml([o]),
      ]),
    );
    const objs = ciliumObjects(files);
    expect(ciliumRouterId(objs, "solwk022", undefined)).toBe("0.101.0.22");
    // A node with no override keeps the IPv4 address Cilium derives it from.
    expect(ciliumRouterId(objs, "other", "10.0.0.5")).toBe("10.0.0.5");
    const config = ciliumBgp(objs, ciliumRouterId(objs, "solwk022", undefined), [])?.config;
    expect(config?.split("\n").slice(0, 3)).toEqual([
      "[global.config]",
      "  as = 65101",
      '  router-id = "0.101.0.22"',
    ]);
  });

  test("an IPv6-only cluster: the VIP holders pin their source address toward each peer", () => {
    const { t, tenant } = site(fileRaw(join(ROOT, "test/fixtures/valid/ipv6-only.yaml")));
    const objects = announcementObjects(announcementInput(t, tenant));
    expect(objects.filter((o) => o.kind === "CiliumBGPNodeConfigOverride")).toEqual(
      [11, 12, 13].map((id) => ({
        apiVersion: "cilium.io/v2",
        kind: "CiliumBGPNodeConfigOverride",
        metadata: { name: `lab-cp${id - 10}` },
        spec: {
          bgpInstances: [
            {
              name: "lab",
              routerID: `0.20.0.${id}`,
              peers: [{ name: "edge-ipv6", localAddress: `fd8a:3c5e:1b20:1400::${id}` }],
            },
          ],
        },
      })),
    );
    // The twin's GoBGP binds its session there too.
    const objs = ciliumObjects(
      new Map(objects.map((o, i): [string, string] => [`${o.kind}-${i}.yaml`, manifestYaml([o])])),
    );
    const config = ciliumBgp(objs, "0.20.0.11", [], ciliumLocalAddresses(objs, "lab-cp1"))?.config;
    expect(config).toContain(
      '  [neighbors.transport.config]\n    local-address = "fd8a:3c5e:1b20:1400::11"\n',
    );
  });

  test("seed 004: both clusters peer with 10.25.11.1 (AS 64501) off their subnet, TTL 2", () => {
    const { plan, topology } = requireSite(stackRaw("infra-apps"));
    const objects = plan.tenants.map((x) => announcementObjects(announcementInput(topology, x)));
    expect(objects).toEqual([
      bgpObjects(
        "infra",
        65102,
        [peer("router", 64501, "10.25.11.1", "infra-peer")],
        [{ name: "infra-peer", afis: ["ipv4"], ttl: 2 }],
      ),
      bgpObjects(
        "apps",
        65103,
        [peer("router", 64501, "10.25.11.1", "apps-peer")],
        [{ name: "apps-peer", afis: ["ipv4"], ttl: 2 }],
      ),
    ]);
    // The same objects from a hand-built input: the renderer and the projection agree.
    expect(objects[0]).toEqual(announcementObjects(bgp("infra", 65102)));
  });

  test("the service selector is an input", () => {
    const { t, tenant } = site(seed001Talos);
    const input = announcementInput(t, tenant, {
      serviceSelector: { matchLabels: { exposed: "bgp" } },
    });
    const advert = announcementObjects(input).find((o) => o.kind === "CiliumBGPAdvertisement");
    expect(advert?.spec).toEqual({
      advertisements: [
        {
          advertisementType: "Service",
          service: { addresses: ["LoadBalancerIP"] },
          selector: { matchLabels: { exposed: "bgp" } },
        },
      ],
    });
  });
});

describe("L2 announcements", () => {
  const l2Policy = (name: string, interfaces: string[]) => ({
    apiVersion: "cilium.io/v2alpha1",
    kind: "CiliumL2AnnouncementPolicy",
    metadata: { name },
    spec: { interfaces, loadBalancerIPs: true, externalIPs: false },
  });

  test("homelab: the pool rides vnet101 beside the VM subnet; the policy binds Talos's ens18", () => {
    const { t, tenant } = site(stackRaw());
    expect(announcementObjects(announcementInput(t, tenant))).toEqual([
      l2Policy("k101-l2", ["^ens18$"]),
    ]);
  });

  test("ms01: the pool inside the workload subnet, on the node's one NIC", () => {
    const { t, tenant } = site(stackRaw("ms01"));
    expect(announcementObjects(announcementInput(t, tenant))).toEqual([
      l2Policy("talos-k8s-l2", ["^ens18$"]),
    ]);
  });

  test("a hand-built L2 input renders as given", () => {
    expect(announcementObjects({ mode: "l2", cluster: "infra", interfaces: ["^ens19$"] })).toEqual([
      l2Policy("infra-l2", ["^ens19$"]),
    ]);
  });
});
