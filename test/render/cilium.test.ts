// Cilium values, pools and announcements for seed 000 (k101), seed 001 (sol-k8s) and seed 004's two
// clusters on one segment, value for value; every object also has to pass Cilium's CRD schema.
import { Address, AddressRange, Prefix } from "../../addressing/ip";
import { Plan } from "../../addressing/plan-types";
import { requireSite } from "../../site";
import {
  announcementObjects,
  ciliumAgentCapabilities,
  ciliumValues,
  CiliumObject,
  lbPoolObjects,
  manifestYaml,
} from "../../render/cilium/objects";
import { announcementInput, ciliumValuesInput, lbPoolInputs } from "../../render/cilium/inputs";
import { usableRange } from "../../topology/pools";
import { stackRaw } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";
import { schemaErrors } from "./cilium-schema";
import { bgp, seed004Pools } from "./cilium-seed004";

const { plan: homelab, topology: homelabTopology } = requireSite(stackRaw());
const k101 = homelab.tenants[0];
const { plan: sol, topology: solTopology } = requireSite(seed001Talos);
const solTenant = sol.tenants[0];

// The 1.18 chart's agent capabilities less SYS_MODULE (Talos "Deploying Cilium").
const CAPS_118 = [
  "CHOWN",
  "KILL",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "SYS_ADMIN",
  "SYS_RESOURCE",
  "DAC_OVERRIDE",
  "FOWNER",
  "SETGID",
  "SETUID",
];
const onTalos = (ciliumAgent: string[]) => ({
  cgroup: { autoMount: { enabled: false }, hostRoot: "/sys/fs/cgroup" },
  securityContext: {
    capabilities: { ciliumAgent, cleanCiliumState: ["NET_ADMIN", "SYS_ADMIN", "SYS_RESOURCE"] },
  },
});

describe("Helm values", () => {
  test("k101: dual stack, native routing over the shared VNet, API at the VIP, L2 announcements", () => {
    expect(homelab.talos.ciliumVersion).toBe("1.20.0");
    expect(ciliumValues(ciliumValuesInput(homelabTopology, k101, "1.20.0"))).toEqual({
      ipam: { mode: "kubernetes" },
      routingMode: "native",
      ipv4: { enabled: true },
      ipv6: { enabled: true },
      ipv4NativeRoutingCIDR: "10.101.244.0/22",
      ipv6NativeRoutingCIDR: "fd00:101:244::/60",
      autoDirectNodeRoutes: true,
      kubeProxyReplacement: true,
      k8sServiceHost: "10.101.0.250",
      k8sServicePort: 6443,
      bgpControlPlane: { enabled: false },
      l2announcements: { enabled: true },
      ...onTalos([...CAPS_118, "SYSLOG"]),
    });
  });

  test("sol-k8s on Talos: API at the first control-plane node (the VIP needs BGP, BGP needs Cilium)", () => {
    const values = ciliumValues(
      ciliumValuesInput(solTopology, solTenant, "1.19.6", { mtu: 8930, apiServerPort: 7445 }),
    );
    expect(values).toEqual({
      ipam: { mode: "kubernetes" },
      routingMode: "native",
      ipv4: { enabled: false },
      ipv6: { enabled: true },
      ipv6NativeRoutingCIDR: "fd00:101:44::/60",
      autoDirectNodeRoutes: true,
      kubeProxyReplacement: true,
      k8sServiceHost: "fd00:101::11",
      k8sServicePort: 7445,
      bgpControlPlane: { enabled: true },
      l2announcements: { enabled: false },
      MTU: 8930,
      ...onTalos([...CAPS_118, "SYSLOG"]),
    });
  });

  test("single stack, nodes on separate segments, L2 announcements, a site pinning Cilium 1.18", () => {
    const values = ciliumValues({
      pods: { ipv4: Prefix.from("10.25.0.0/16") },
      apiServer: { host: Address.from("10.25.10.10"), port: 6443 },
      sharedL2: false,
      announcement: "l2",
      version: "1.18.4",
    });
    expect(values).toEqual({
      ipam: { mode: "kubernetes" },
      routingMode: "native",
      ipv4: { enabled: true },
      ipv6: { enabled: false },
      ipv4NativeRoutingCIDR: "10.25.0.0/16",
      autoDirectNodeRoutes: false,
      kubeProxyReplacement: true,
      k8sServiceHost: "10.25.10.10",
      k8sServicePort: 6443,
      bgpControlPlane: { enabled: false },
      l2announcements: { enabled: true },
      ...onTalos(CAPS_118),
    });
  });

  test.each([
    ["1.18.4", CAPS_118],
    ["1.18.9", CAPS_118],
    ["1.19.0", [...CAPS_118, "SYSLOG"]],
    ["1.20.0", [...CAPS_118, "SYSLOG"]],
    ["2.0.0", [...CAPS_118, "SYSLOG"]],
  ])("Cilium %s: the agent gets the chart's capabilities less SYS_MODULE", (version, caps) => {
    expect(ciliumAgentCapabilities(version)).toEqual(caps);
  });
});

describe("LoadBalancer pools", () => {
  test.each([
    ["10.101.27.0/24", "10.101.27.1-10.101.27.254"],
    ["fd00:101:cafe::/112", "fd00:101:cafe::1-fd00:101:cafe::ffff"],
    ["10.0.0.4/31", "10.0.0.4-10.0.0.5"],
  ])("%s is handed out as %s", (prefix, range) => {
    expect(usableRange(Prefix.from(prefix)).toString()).toBe(range);
  });

  test("k101 and sol-k8s: blocks from the plan's LoadBalancer prefixes", () => {
    expect([
      ...lbPoolObjects(lbPoolInputs(homelab), "k101"),
      ...lbPoolObjects(lbPoolInputs(sol), "k101"),
    ]).toEqual([
      {
        apiVersion: "cilium.io/v2",
        kind: "CiliumLoadBalancerIPPool",
        metadata: { name: "k101-pool" },
        spec: {
          // 10.101.27.254 and fd00:101:1b::fffe are the prefixes' gateways on vnet101, kept out
          // of the pool; the IPv6 prefix is seed 000's, announced over L2 since Cilium 1.19.
          blocks: [
            { start: "10.101.27.1", stop: "10.101.27.253" },
            { start: "fd00:101:1b::1", stop: "fd00:101:1b::fffd" },
            { start: "fd00:101:1b::ffff", stop: "fd00:101:1b::ffff" },
          ],
          disabled: false,
        },
      },
      {
        apiVersion: "cilium.io/v2",
        kind: "CiliumLoadBalancerIPPool",
        metadata: { name: "sol-k8s-pool" },
        spec: {
          blocks: [{ start: "fd00:101:cafe::1", stop: "fd00:101:cafe::ffff" }],
          disabled: true,
        },
      },
    ]);
  });

  test("explicit lbRanges replace the prefix in their family and keep their config path", () => {
    const ranged: Plan = {
      ...homelab,
      tenants: [
        {
          ...k101,
          kubernetes: {
            ...k101.kubernetes!,
            lbRanges: [
              AddressRange.of(Address.from("10.101.27.10"), Address.from("10.101.27.200")),
            ],
          },
        },
      ],
    };
    expect(lbPoolInputs(ranged)[0].blocks.map((b) => `${b.path} ${b.range}`)).toEqual([
      "tenants[0].kubernetes.lbRanges[0] 10.101.27.10-10.101.27.200",
      "tenants[0].kubernetes.loadBalancers.ipv6 fd00:101:1b::1-fd00:101:1b::fffd",
      "tenants[0].kubernetes.loadBalancers.ipv6 fd00:101:1b::ffff-fd00:101:1b::ffff",
    ]);
    expect(lbPoolInputs(sol)[0].blocks.map((b) => `${b.path} ${b.range}`)).toEqual([
      "tenants[0].kubernetes.loadBalancers.ipv6 fd00:101:cafe::1-fd00:101:cafe::ffff",
    ]);
  });

  const pool = (name: string, start: string, stop: string, disabled: boolean) => ({
    apiVersion: "cilium.io/v2",
    kind: "CiliumLoadBalancerIPPool",
    metadata: { name },
    spec: { blocks: [{ start, stop }], disabled },
  });

  test("seed 004: each cluster holds both pools, only its own enabled", () => {
    expect(lbPoolObjects(seed004Pools, "infra")).toEqual([
      pool("infra-pool", "10.25.11.100", "10.25.11.119", false),
      pool("apps-pool", "10.25.11.120", "10.25.11.139", true),
    ]);
    expect(lbPoolObjects(seed004Pools, "apps")).toEqual([
      pool("infra-pool", "10.25.11.100", "10.25.11.119", true),
      pool("apps-pool", "10.25.11.120", "10.25.11.139", false),
    ]);
  });

  test("seed 004 as the manifest the infra cluster applies", () => {
    expect(manifestYaml(lbPoolObjects(seed004Pools, "infra"))).toBe(
      [
        "apiVersion: cilium.io/v2",
        "kind: CiliumLoadBalancerIPPool",
        "metadata:",
        "  name: infra-pool",
        "spec:",
        "  blocks:",
        "    - start: 10.25.11.100",
        "      stop: 10.25.11.119",
        "  disabled: false",
        "---",
        "apiVersion: cilium.io/v2",
        "kind: CiliumLoadBalancerIPPool",
        "metadata:",
        "  name: apps-pool",
        "spec:",
        "  blocks:",
        "    - start: 10.25.11.120",
        "      stop: 10.25.11.139",
        "  disabled: true",
        "",
      ].join("\n"),
    );
  });
});

describe("Cilium's own CRD schemas", () => {
  const generated: CiliumObject[] = [
    ...lbPoolObjects(lbPoolInputs(homelab), "k101"),
    ...lbPoolObjects(lbPoolInputs(sol), "sol-k8s"),
    ...lbPoolObjects(seed004Pools, "infra"),
    ...lbPoolObjects(seed004Pools, "apps"),
    ...announcementObjects(announcementInput(homelabTopology, k101)),
    ...announcementObjects(announcementInput(solTopology, solTenant)),
    ...announcementObjects(bgp("infra", 64512)),
    ...announcementObjects(bgp("apps", 64513)),
    ...announcementObjects({ mode: "l2", cluster: "infra", interfaces: ["^eth0$"] }),
  ];

  test("accept every generated object", () => {
    expect(generated.map((o) => o.kind)).toEqual([
      "CiliumLoadBalancerIPPool",
      "CiliumLoadBalancerIPPool",
      "CiliumLoadBalancerIPPool",
      "CiliumLoadBalancerIPPool",
      "CiliumLoadBalancerIPPool",
      "CiliumLoadBalancerIPPool",
      "CiliumL2AnnouncementPolicy",
      ...Array.from({ length: 3 }, (_, i) => [
        "CiliumBGPClusterConfig",
        "CiliumBGPPeerConfig",
        "CiliumBGPAdvertisement",
        // seed 001 on Talos is IPv6 only: each of its six nodes gets its router ID set.
        ...(i === 0 ? Array.from({ length: 6 }, () => "CiliumBGPNodeConfigOverride") : []),
      ]).flat(),
      "CiliumL2AnnouncementPolicy",
    ]);
    expect(schemaErrors(generated)).toEqual(generated.map(() => null));
  });

  test("reject broken objects, so the check above can fail", () => {
    const [infraPool] = lbPoolObjects(seed004Pools, "infra");
    const [clusterConfig] = announcementObjects(bgp("infra", 64512)) as CiliumObject<{
      bgpInstances: object[];
    }>[];
    const [l2] = announcementObjects({ mode: "l2", cluster: "infra", interfaces: ["^eth0$"] });
    expect(
      schemaErrors([
        // Seed 004's `disabled: ${INFRA_POOL_DISABLED:-false}` substituted into a quoted string.
        { ...infraPool, spec: { ...infraPool.spec, disabled: "false" } },
        {
          ...clusterConfig,
          spec: { bgpInstances: [{ ...clusterConfig.spec.bgpInstances[0], localASN: 2 ** 32 }] },
        },
        { ...l2, apiVersion: "cilium.io/v2" },
      ]),
    ).toEqual([
      ["/spec/disabled must be boolean"],
      ["/spec/bgpInstances/0/localASN must be <= 4294967295"],
      ["no schema for cilium.io/v2 CiliumL2AnnouncementPolicy"],
    ]);
  });
});
