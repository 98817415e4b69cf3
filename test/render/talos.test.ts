// Talos patches for seed 000 (one NIC, Talos-held VIP) and seed 001 (mesh + egress, BGP-held VIP),
// value for value, plus the MAC derivation and the renderer's refusals.
import fc from "fast-check";
import { parse } from "yaml";
import { Address, Prefix } from "../../addressing/ip";
import { requirePlan } from "../../site";
import {
  macFor,
  renderTalosPatch,
  renderTalosPatchYaml,
  TalosNic,
  TalosNodeInput,
  talosVip,
} from "../../render/talos/patch";
import { apiServerAddress, talosNodeInputs } from "../../render/talos/inputs";
import { stackRaw } from "../fixtures/base";
import { seed001 } from "../fixtures/seed001";

const nameservers = [Address.from("9.9.9.9"), Address.from("2620:fe::fe")];
const homelab = requirePlan(stackRaw());
const sol = requirePlan(seed001);
const homelabNodes = talosNodeInputs(homelab, homelab.tenants[0], { nameservers });
const solNodes = talosNodeInputs(sol, sol.tenants[0], { nameservers });

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
};

describe("seed 000: cluster k101, one NIC on the tenant VNet", () => {
  test("k101cp11: addresses, default routes, VIP, VNet MTU", () => {
    expect(renderTalosPatch(homelabNodes[0])).toEqual({
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
    });
  });

  test("the VIP goes to the control-plane nodes only", () => {
    expect(
      homelabNodes.map((n) => [
        n.hostname,
        renderTalosPatch(n).machine.network.interfaces[0].vip?.ip ?? "-",
      ]),
    ).toEqual([
      ["k101cp11", "10.101.0.250"],
      ["k101cp12", "10.101.0.250"],
      ["k101cp13", "10.101.0.250"],
      ["k101wk21", "-"],
      ["k101wk22", "-"],
    ]);
  });

  test("k101wk21 as YAML: every string quoted", () => {
    expect(renderTalosPatchYaml(homelabNodes[3])).toBe(
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
        "",
      ].join("\n"),
    );
  });

  test("the API server is reached at the Talos-held VIP", () => {
    expect(apiServerAddress(homelab, homelab.tenants[0]).toString()).toBe("10.101.0.250");
  });
});

describe("seed 001: two NICs, mesh (eth0) and egress (eth1)", () => {
  test("solcp011: mesh routes to Ceph, management and default via egress, no Talos VIP", () => {
    expect(renderTalosPatch(solNodes[0])).toEqual({
      machine: {
        network: {
          hostname: "solcp011",
          nameservers: ["9.9.9.9", "2620:fe::fe"],
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
          podSubnets: ["10.244.0.0/16", "fd00:101:44::/60"],
          serviceSubnets: ["10.96.0.0/12", "fd00:101:96::/108"],
          cni: { name: "none" },
        },
        proxy: { disabled: true },
      },
    });
  });

  test("no node holds the loopback VIP; the API server is the first control-plane node", () => {
    const vips = solNodes.flatMap((n) =>
      renderTalosPatch(n).machine.network.interfaces.flatMap((i) => i.vip ?? []),
    );
    expect(vips).toEqual([]);
    expect(apiServerAddress(sol, sol.tenants[0]).toString()).toBe("fd00:101::11");
  });

  test("internal and egress networks are inputs", () => {
    const nodes = talosNodeInputs(sol, sol.tenants[0], {
      nameservers,
      internalNetworks: [Prefix.from("fc00:20::/64"), Prefix.from("10.20.0.0/24")],
      egressNetworks: [],
      mac: (node, nic) => macFor(7, node, nic),
    });
    const nics = renderTalosPatch(nodes[0]).machine.network.interfaces;
    expect(nics.map((i) => [i.deviceSelector.hardwareAddr, i.routes])).toEqual([
      // The node has no IPv4 on the mesh, so the IPv4 network is left out rather than misrouted.
      ["02:00:07:00:0b:00", [{ network: "fc00:20::/64", gateway: "fc00:101::fffe" }]],
      ["02:00:07:00:0b:01", [{ network: "::/0", gateway: "fd00:101::fffe" }]],
    ]);
  });

  test("the YAML reads back as the same patch on every node", () => {
    for (const n of [...homelabNodes, ...solNodes]) {
      expect(parse(renderTalosPatchYaml(n))).toEqual(renderTalosPatch(n));
    }
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
