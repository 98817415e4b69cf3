// Talos patches for seed 000 (one NIC, Talos-held VIP) and seed 001 on Talos (mesh + egress, no
// Talos VIP), projected from the topology value for value in both network forms (Talos v1.13's
// network documents, the default; v1.11's `.machine.network`), plus the MAC derivation, the node
// CIDR flags, and the renderer's refusals.
import fc from "fast-check";
import { parse, parseAllDocuments } from "yaml";
import { Address, Prefix } from "../../addressing/ip";
import { requireSite } from "../../site";
import {
  nodeCidrArgs,
  renderTalosPatch,
  renderTalosPatchYaml,
  TalosNic,
  TalosNodeInput,
} from "../../render/talos/patch";
import { maxPodsFor, talosNodeInputs } from "../../render/talos/inputs";
import { apiServerAddress } from "../../topology/kube-api";
import { macFor, talosNicName, talosVip } from "../../topology/nodes";
import { homelabWith } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";

// The nameservers are the plan's talos.nameservers; these replace the defaults.
const nameservers = ["9.9.9.9", "2620:fe::fe"];
const homelab = requireSite(homelabWith((c) => (c.talos = { nameservers })));
const sol = requireSite({ ...seed001Talos, talos: { nameservers } });
const homelabNodes = talosNodeInputs(homelab.topology, homelab.plan, homelab.plan.tenants[0]);
const solNodes = talosNodeInputs(sol.topology, sol.plan, sol.plan.tenants[0]);
// The same sites on Talos v1.11 (which runs Kubernetes up to 1.34): the `.machine.network` form.
const v111 = { nameservers, version: "v1.11.6", kubernetesVersion: "v1.34.1" };
const homelab111 = requireSite(homelabWith((c) => (c.talos = v111)));
const sol111 = requireSite({ ...seed001Talos, talos: v111 });
const homelab111Nodes = talosNodeInputs(
  homelab111.topology,
  homelab111.plan,
  homelab111.plan.tenants[0],
);
const sol111Nodes = talosNodeInputs(sol111.topology, sol111.plan, sol111.plan.tenants[0]);
const documents = (n: TalosNodeInput) => {
  const p = renderTalosPatch(n);
  return [p.config, ...p.documents];
};

describe("macFor", () => {
  test.each([
    [101, 11, 0, "02:00:65:00:0b:00"],
    [101, 11, 1, "02:00:65:00:0b:01"],
    [0, 0, 0, "02:00:00:00:00:00"],
    [0x1234, 0x5678, 0x9a, "02:12:34:56:78:9a"],
    [65535, 65535, 255, "02:ff:ff:ff:ff:ff"],
  ])("macFor(%i, %i, %i) is %s", (cluster, node, nic, mac) => {
    expect(macFor(cluster, node, nic)).toBe(mac);
  });

  test.each([
    [65536, 1, 0, "clusterKey 65536 does not fit 16 bits (0-65535)"],
    [1, -1, 0, "nodeId -1 does not fit 16 bits (0-65535)"],
    [1, 1, 1.5, "nic 1.5 does not fit 8 bits (0-255)"],
  ])("macFor(%p, %p, %p) is refused", (cluster, node, nic, message) => {
    expect(() => macFor(cluster, node, nic)).toThrow(new RangeError(message));
  });

  const ids = fc.tuple(
    fc.integer({ min: 0, max: 65535 }),
    fc.integer({ min: 0, max: 65535 }),
    fc.integer({ min: 0, max: 255 }),
  );

  test("every MAC is locally administered unicast", () => {
    fc.assert(
      fc.property(ids, ([c, n, i]) => {
        const first = parseInt(macFor(c, n, i).slice(0, 2), 16);
        return (first & 0b11) === 0b10;
      }),
    );
  });

  test("distinct IDs never share a MAC", () => {
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        fc.pre(a.join() !== b.join());
        return macFor(...a) !== macFor(...b);
      }),
    );
  });
});

const cluster000 = {
  network: {
    podSubnets: ["10.101.244.0/22", "fd00:101:244::/60"],
    serviceSubnets: ["10.101.96.0/24", "fd00:101:96::/108"],
    cni: { name: "none" },
  },
  proxy: { disabled: true },
  // The plan's /25 per node (seed 000's /22 holds five nodes only so), not Kubernetes' /24.
  controllerManager: {
    extraArgs: { "node-cidr-mask-size-ipv4": "25", "node-cidr-mask-size-ipv6": "64" },
  },
};

const hostname = (h: string) =>
  ({ apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: h }) as const;
const alias = (i: number, mac: string) =>
  ({
    apiVersion: "v1alpha1",
    kind: "LinkAliasConfig",
    name: `net${i}`,
    selector: { match: `mac(link.permanent_addr) == "${mac}"` },
  }) as const;

describe("seed 000 on Talos v1.13 (the default): network documents", () => {
  test("k101cp11: hostname, resolvers, the link by MAC with addresses, default routes, MTU, VIP", () => {
    expect(documents(homelabNodes[0])).toEqual([
      {
        // No .machine.network: v1.13's schema no longer has it.
        machine: { kubelet: { nodeIP: { validSubnets: ["10.101.0.0/24", "fd00:101::/64"] } } },
        cluster: cluster000,
      },
      hostname("k101cp11"),
      {
        apiVersion: "v1alpha1",
        kind: "ResolverConfig",
        nameservers: [{ address: "9.9.9.9" }, { address: "2620:fe::fe" }],
      },
      alias(0, "02:00:65:00:0b:00"),
      {
        apiVersion: "v1alpha1",
        kind: "LinkConfig",
        name: "net0",
        mtu: 8950,
        addresses: [{ address: "10.101.0.11/24" }, { address: "fd00:101::11/64" }],
        // Default routes carry no destination: Talos refuses 0.0.0.0/0 and ::/0 there.
        routes: [{ gateway: "10.101.0.254" }, { gateway: "fd00:101::fffe" }],
      },
      { apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: "10.101.0.250", link: "net0" },
    ]);
  });

  test("the Layer2VIPConfig goes to the control-plane nodes only", () => {
    expect(
      homelabNodes.map((n) => [
        n.hostname,
        renderTalosPatch(n)
          .documents.filter((d) => d.kind === "Layer2VIPConfig")
          .map((d) => `${d.name} on ${"link" in d ? d.link : "?"}`)
          .join() || "-",
      ]),
    ).toEqual([
      ["k101cp11", "10.101.0.250 on net0"],
      ["k101cp12", "10.101.0.250 on net0"],
      ["k101cp13", "10.101.0.250 on net0"],
      ["k101wk21", "-"],
      ["k101wk22", "-"],
    ]);
  });

  test("k101wk21 as a YAML stream: the v1alpha1 document, then one document per fact", () => {
    expect(renderTalosPatchYaml(homelabNodes[3])).toBe(
      [
        "machine:",
        "  kubelet:",
        "    nodeIP:",
        "      validSubnets:",
        '        - "10.101.0.0/24"',
        '        - "fd00:101::/64"',
        "cluster:",
        "  network:",
        "    podSubnets:",
        '      - "10.101.244.0/22"',
        '      - "fd00:101:244::/60"',
        "    serviceSubnets:",
        '      - "10.101.96.0/24"',
        '      - "fd00:101:96::/108"',
        "    cni:",
        '      name: "none"',
        "  proxy:",
        "    disabled: true",
        "  controllerManager:",
        "    extraArgs:",
        '      node-cidr-mask-size-ipv4: "25"',
        '      node-cidr-mask-size-ipv6: "64"',
        "---",
        'apiVersion: "v1alpha1"',
        'kind: "HostnameConfig"',
        'auto: "off"',
        'hostname: "k101wk21"',
        "---",
        'apiVersion: "v1alpha1"',
        'kind: "ResolverConfig"',
        "nameservers:",
        '  - address: "9.9.9.9"',
        '  - address: "2620:fe::fe"',
        "---",
        'apiVersion: "v1alpha1"',
        'kind: "LinkAliasConfig"',
        'name: "net0"',
        "selector:",
        '  match: "mac(link.permanent_addr) == \\"02:00:65:00:15:00\\""',
        "---",
        'apiVersion: "v1alpha1"',
        'kind: "LinkConfig"',
        'name: "net0"',
        "mtu: 8950",
        "addresses:",
        '  - address: "10.101.0.21/24"',
        '  - address: "fd00:101::21/64"',
        "routes:",
        '  - gateway: "10.101.0.254"',
        '  - gateway: "fd00:101::fffe"',
        "",
      ].join("\n"),
    );
  });
});

describe("seed 000 on Talos v1.11: cluster k101, one NIC on the tenant VNet", () => {
  test("k101cp11: addresses, default routes, VIP, VNet MTU in .machine.network", () => {
    expect(documents(homelab111Nodes[0])).toEqual([
      {
        machine: {
          network: {
            hostname: "k101cp11",
            nameservers: ["9.9.9.9", "2620:fe::fe"],
            interfaces: [
              {
                deviceSelector: { hardwareAddr: "02:00:65:00:0b:00" },
                addresses: ["10.101.0.11/24", "fd00:101::11/64"],
                routes: [
                  { network: "0.0.0.0/0", gateway: "10.101.0.254" },
                  { network: "::/0", gateway: "fd00:101::fffe" },
                ],
                mtu: 8950,
                vip: { ip: "10.101.0.250" },
              },
            ],
          },
          kubelet: { nodeIP: { validSubnets: ["10.101.0.0/24", "fd00:101::/64"] } },
        },
        cluster: cluster000,
      },
    ]);
  });

  test("the VIP goes to the control-plane nodes only", () => {
    expect(
      homelab111Nodes.map((n) => [
        n.hostname,
        renderTalosPatch(n).config.machine.network?.interfaces[0].vip?.ip ?? "-",
      ]),
    ).toEqual([
      ["k101cp11", "10.101.0.250"],
      ["k101cp12", "10.101.0.250"],
      ["k101cp13", "10.101.0.250"],
      ["k101wk21", "-"],
      ["k101wk22", "-"],
    ]);
  });

  test("k101wk21 as YAML: one document, every string quoted", () => {
    expect(renderTalosPatchYaml(homelab111Nodes[3])).toBe(
      [
        "machine:",
        "  network:",
        '    hostname: "k101wk21"',
        "    nameservers:",
        '      - "9.9.9.9"',
        '      - "2620:fe::fe"',
        "    interfaces:",
        "      - deviceSelector:",
        '          hardwareAddr: "02:00:65:00:15:00"',
        "        addresses:",
        '          - "10.101.0.21/24"',
        '          - "fd00:101::21/64"',
        "        routes:",
        '          - network: "0.0.0.0/0"',
        '            gateway: "10.101.0.254"',
        '          - network: "::/0"',
        '            gateway: "fd00:101::fffe"',
        "        mtu: 8950",
        "  kubelet:",
        "    nodeIP:",
        "      validSubnets:",
        '        - "10.101.0.0/24"',
        '        - "fd00:101::/64"',
        "cluster:",
        "  network:",
        "    podSubnets:",
        '      - "10.101.244.0/22"',
        '      - "fd00:101:244::/60"',
        "    serviceSubnets:",
        '      - "10.101.96.0/24"',
        '      - "fd00:101:96::/108"',
        "    cni:",
        '      name: "none"',
        "  proxy:",
        "    disabled: true",
        "  controllerManager:",
        "    extraArgs:",
        '      node-cidr-mask-size-ipv4: "25"',
        '      node-cidr-mask-size-ipv6: "64"',
        "",
      ].join("\n"),
    );
  });

  test("the API server is reached at the Talos-held VIP", () => {
    expect(apiServerAddress(homelab.topology, homelab.plan.tenants[0]).toString()).toBe(
      "10.101.0.250",
    );
  });
});

describe("seed 001 on Talos: two NICs, mesh (ens18) and egress (ens19)", () => {
  test("solcp011: two aliased links, mesh routes on net0, management and default on net1", () => {
    expect(renderTalosPatch(solNodes[0]).documents).toEqual([
      hostname("solcp011"),
      // IPv6 only: the IPv4 nameserver would be unreachable.
      { apiVersion: "v1alpha1", kind: "ResolverConfig", nameservers: [{ address: "2620:fe::fe" }] },
      alias(0, "02:00:65:00:0b:00"),
      {
        apiVersion: "v1alpha1",
        kind: "LinkConfig",
        name: "net0",
        mtu: 8930,
        addresses: [{ address: "fc00:101::11/64" }],
        routes: [
          { destination: "fc00:20::/64", gateway: "fc00:101::fffe" },
          { destination: "fc00:21::/64", gateway: "fc00:101::fffe" },
        ],
      },
      alias(1, "02:00:65:00:0b:01"),
      {
        apiVersion: "v1alpha1",
        kind: "LinkConfig",
        name: "net1",
        addresses: [{ address: "fd00:101::11/64" }],
        routes: [
          { destination: "fd00:10::/64", gateway: "fd00:101::fffe" },
          { gateway: "fd00:101::fffe" },
        ],
      },
    ]);
    expect(renderTalosPatch(solNodes[0]).config.machine.network).toBeUndefined();
  });

  test("solcp011 on v1.11: mesh routes to Ceph, management and default via egress, no VIP", () => {
    expect(documents(sol111Nodes[0])).toEqual([
      {
        machine: {
          network: {
            hostname: "solcp011",
            // IPv6 only: the IPv4 nameserver would be unreachable.
            nameservers: ["2620:fe::fe"],
            interfaces: [
              {
                deviceSelector: { hardwareAddr: "02:00:65:00:0b:00" },
                addresses: ["fc00:101::11/64"],
                routes: [
                  { network: "fc00:20::/64", gateway: "fc00:101::fffe" },
                  { network: "fc00:21::/64", gateway: "fc00:101::fffe" },
                ],
                mtu: 8930,
              },
              {
                deviceSelector: { hardwareAddr: "02:00:65:00:0b:01" },
                addresses: ["fd00:101::11/64"],
                routes: [
                  { network: "fd00:10::/64", gateway: "fd00:101::fffe" },
                  { network: "::/0", gateway: "fd00:101::fffe" },
                ],
              },
            ],
          },
          kubelet: { nodeIP: { validSubnets: ["fc00:101::/64"] } },
        },
        cluster: {
          network: {
            podSubnets: ["fd00:101:44::/60"],
            serviceSubnets: ["fd00:101:96::/108"],
            cni: { name: "none" },
          },
          proxy: { disabled: true },
          // Single-stack IPv6: the IPv4 flag would stop kube-controller-manager.
          controllerManager: { extraArgs: { "node-cidr-mask-size-ipv6": "64" } },
        },
      },
    ]);
  });

  test("no node holds the loopback VIP; the API server is the first control-plane node", () => {
    const vips = [...solNodes, ...sol111Nodes].flatMap((n) => [
      ...(renderTalosPatch(n).config.machine.network?.interfaces.flatMap((i) => i.vip ?? []) ?? []),
      ...renderTalosPatch(n).documents.filter((d) => d.kind === "Layer2VIPConfig"),
    ]);
    expect(vips).toEqual([]);
    expect(apiServerAddress(sol.topology, sol.plan.tenants[0]).toString()).toBe("fd00:101::11");
  });

  test("the topology names the NICs as Talos does on Proxmox: net0 is ens18, net1 ens19", () => {
    const device = sol.topology.devices.find((d) => d.name === "solcp011");
    expect(device?.interfaces.map((i) => [i.name, i.mac, i.segment])).toEqual([
      ["ens18", "02:00:65:00:0b:00", "vnet:vnet101"],
      ["ens19", "02:00:65:00:0b:01", "tenant:101"],
    ]);
    expect([0, 1, 5].map(talosNicName)).toEqual(["ens18", "ens19", "ens23"]);
    expect(() => talosNicName(6)).toThrow(
      new RangeError("NIC 6: Proxmox places only net0-net5 on PCI bus 0 (slots 18-23)"),
    );
  });

  test("the YAML stream reads back as the same documents on every node, in either form", () => {
    for (const n of [...homelabNodes, ...solNodes, ...homelab111Nodes, ...sol111Nodes]) {
      expect(parseAllDocuments(renderTalosPatchYaml(n)).map((d) => d.toJS())).toEqual(documents(n));
    }
    expect(parse(renderTalosPatchYaml(homelab111Nodes[0]))).toEqual(
      renderTalosPatch(homelab111Nodes[0]).config,
    );
  });
});

describe("talosVip", () => {
  const nic = (subnet: string, address: string) => {
    const p = Prefix.from(subnet);
    const key = p.family === 4 ? "ipv4" : "ipv6";
    return { subnet: { [key]: p }, address: { [key]: Address.from(address) } };
  };
  const nics = [nic("fc00:101::/64", "fc00:101::11"), nic("fd00:101::/64", "fd00:101::11")];

  test.each([
    ["IPv4 outside, IPv6 on NIC 1", "10.255.101.250", "fd00:101::250", "1 fd00:101::250"],
    ["both outside every node subnet", "10.255.101.250", "fd00:255:101::ac", "-"],
    ["IPv6 on the mesh", "10.0.0.1", "fc00:101::ac", "0 fc00:101::ac"],
  ])("%s", (_what, v4, v6, expected) => {
    const held = talosVip(nics, { ipv4: Address.from(v4), ipv6: Address.from(v6) });
    expect(held ? `${held.nic} ${held.address}` : "-").toBe(expected);
  });
});

describe("node CIDR size and pod limit", () => {
  const input = (
    pods: { ipv4?: string; ipv6?: string },
    sizes: { ipv4?: number; ipv6?: number },
  ) => ({
    ...homelabNodes[0],
    pods: {
      ...(pods.ipv4 ? { ipv4: Prefix.from(pods.ipv4) } : {}),
      ...(pods.ipv6 ? { ipv6: Prefix.from(pods.ipv6) } : {}),
    },
    nodeCidrMaskSize: sizes,
  });

  test.each<[string, TalosNodeInput, Record<string, string> | undefined]>([
    [
      "dual stack: both per-family flags",
      input({ ipv4: "10.0.0.0/16", ipv6: "fd00::/56" }, { ipv4: 25, ipv6: 64 }),
      { "node-cidr-mask-size-ipv4": "25", "node-cidr-mask-size-ipv6": "64" },
    ],
    [
      "IPv4 only: no IPv6 flag, which a single-stack IPv4 cluster refuses",
      input({ ipv4: "10.0.0.0/16" }, { ipv4: 25, ipv6: 64 }),
      { "node-cidr-mask-size-ipv4": "25" },
    ],
    ["no pods: no flags", input({}, {}), undefined],
  ])("%s", (_what, node, args) => {
    expect(nodeCidrArgs(node)).toEqual(args);
  });

  test.each<[string, string | undefined, number | undefined]>([
    ["a /24 holds more than 110 pods", "10.0.0.0/24", undefined],
    [
      "a /25: 126 usable, less Cilium's router and health addresses, is still above 110",
      "10.0.0.0/25",
      undefined,
    ],
    ["a /26 holds 60 pods", "10.0.0.0/26", 60],
    ["a /64 is never the limit", "fd00::/64", undefined],
  ])("%s", (_what, cidr, max) => {
    expect(
      maxPodsFor(cidr ? { [cidr.includes(":") ? "ipv6" : "ipv4"]: Prefix.from(cidr) } : {}),
    ).toBe(max);
  });
});

describe("inputs no valid plan produces are refused", () => {
  const base = homelabNodes[0];
  const nic0 = base.nics[0];
  const withNic = (nic: Partial<TalosNic>, extra: Partial<TalosNodeInput> = {}) => ({
    ...base,
    nics: [{ ...nic0, ...nic }],
    ...extra,
  });

  test.each<[string, TalosNodeInput, string]>([
    [
      "a MAC in another notation",
      withNic({ mac: "02-00-65-00-0B-00" }),
      'k101cp11 NIC 0: "02-00-65-00-0B-00" is not a lowercase, colon-separated MAC',
    ],
    [
      "an address outside its subnet",
      withNic({ address: { ipv4: Address.from("10.101.1.11") } }),
      "k101cp11 NIC 0: 10.101.1.11 is not inside its subnet 10.101.0.0/24",
    ],
    [
      "a route with no gateway of its family",
      withNic({ routes: [Prefix.from("fc00:20::/64")], gateway: {} }),
      "k101cp11 NIC 0: no IPv6 address and gateway to route fc00:20::/64 through",
    ],
    [
      "two NICs with the default route",
      { ...base, nics: [nic0, { ...nic0, mac: "02:00:65:00:0b:01" }] },
      "k101cp11: more than one NIC carries the default route",
    ],
  ])("%s", (_what, input, message) => {
    expect(() => renderTalosPatch(input)).toThrow(new Error(message));
  });
});

test("a Talos node interface the renderer has no form for is refused, not dropped", () => {
  const t = homelab.topology;
  const devices = t.devices.map((d) =>
    d.name === "k101cp11"
      ? {
          ...d,
          interfaces: [
            ...d.interfaces,
            { ...d.interfaces[0], name: "ens18.30", kind: "vlan" as const, lower: ["ens18"] },
          ],
        }
      : d,
  );
  expect(() => talosNodeInputs({ ...t, devices }, homelab.plan, homelab.plan.tenants[0])).toThrow(
    new Error("k101cp11: Talos node interfaces this renderer has no form for: ens18.30 (vlan)"),
  );
});
