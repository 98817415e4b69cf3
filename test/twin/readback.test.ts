// The artifacts of every bundled stack, read back without the plan or the topology, agree with
// each other: both ends of every BGP session, announced prefixes anchored and accepted, L2
// policies on the right NICs, node CIDR sizes passed on. An edited artifact fails exactly the check
// for what was edited, and random valid sites agree too.
import fc from "fast-check";
import { previewConfig, previewFiles } from "../../preview/offline";
import { projectName } from "../../preview/offline";
import { AgreementCheck, checkAgreement } from "../../twin/readback/agree";
import { stackRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

let previews = 0;
async function artifacts(raw: Record<string, unknown>): Promise<Map<string, string>> {
  // One stack name per preview: a stack applies its SDN once (components/sdn-apply.ts).
  const stack = `readback-${++previews}`;
  const result = await previewConfig(stack, stackConfigOf(raw), projectName());
  if (!result.ok)
    throw new Error(
      JSON.stringify(result.problems.length ? result.problems : String(result.error)),
    );
  return new Map(previewFiles(result));
}

const verdicts = (checks: readonly AgreementCheck[]) => ({
  ok: checks.filter((c) => c.verdict === "ok").length,
  fail: checks
    .filter((c) => c.verdict !== "ok" && c.verdict !== "unverified")
    .map((c) => `${c.name}: ${c.detail}`),
  unverified: checks.filter((c) => c.verdict === "unverified").map((c) => c.name),
});

const STACKS = ["homelab", "sol", "ms01", "arc-hybrid", "infra-apps", "example"];
const files = new Map<string, Map<string, string>>();
beforeAll(async () => {
  for (const s of STACKS) files.set(s, await artifacts(stackRaw(s)));
}, 60_000);
const of = (stack: string) => files.get(stack) as Map<string, string>;

test.each([
  ["homelab", 30],
  ["sol", 132],
  ["ms01", 12],
  ["arc-hybrid", 11],
  ["infra-apps", 72],
  ["example", 177],
] as const)("%s: every cross-config check agrees (%d)", (stack, ok) => {
  const v = verdicts(checkAgreement(of(stack)));
  expect(v.fail).toEqual([]);
  expect(v.ok).toBe(ok);
  // Every FRR node's NICs are in its cloud-init network config: nothing is left undecided.
  expect(v.unverified).toEqual([]);
});

test("without a node's network config, its path to the peer is reported undecided, not passed", () => {
  const copy = new Map([...of("sol")].filter(([p]) => p !== "cloud-init/solwk023/network-config"));
  const v = verdicts(checkAgreement(copy));
  expect(v.fail).toEqual([]);
  expect(v.unverified).toEqual(["session solwk023 -> fd00:101::fffe: TTL and route"]);
});

/** The failing checks after `edit` changes one artifact of `stack`. */
function failsAfter(stack: string, path: string, edit: (text: string) => string): string[] {
  const copy = new Map(of(stack));
  const text = copy.get(path);
  if (text === undefined) throw new Error(`${stack} has no ${path}`);
  const edited = edit(text);
  if (edited === text) throw new Error(`the edit changed nothing in ${path}`);
  copy.set(path, edited);
  return verdicts(checkAgreement(copy)).fail;
}

describe("an edited artifact fails exactly its check", () => {
  test("a peer address in the RouterOS script", () => {
    const fails = failsAfter("example", "routeros/edge.rsc", (t) =>
      t.replaceAll("remote.address=10.20.0.11", "remote.address=10.20.0.111"),
    );
    expect(fails).toEqual([
      "session edge -> 10.20.0.111: peer held: edge peers 10.20.0.111, which no artifact puts on any device",
      "session lab-cp1 -> 10.20.0.254: both ends: lab-cp1 peers 10.20.0.254 from 10.20.0.11; edge speaks from ? and peers 10.20.0.111, 10.20.0.12, 10.20.0.13, fd8a:3c5e:1b20:1400::11, fd8a:3c5e:1b20:1400::12, fd8a:3c5e:1b20:1400::13",
    ]);
  });

  test("an ASN in a node's frr.conf", () => {
    const fails = failsAfter("sol", "frr/solwk021.conf", (t) =>
      t.replace("remote-as 65000", "remote-as 65001"),
    );
    // Each end checks the other: both report the one wrong number.
    expect(fails).toEqual([
      "session edge -> fd00:255:101::21: AS numbers: edge (AS 65000) expects AS 65101; solwk021 (AS 65101) expects AS 65001",
      "session solwk021 -> fd00:101::fffe: AS numbers: solwk021 (AS 65101) expects AS 65001; edge (AS 65000) expects AS 65101",
    ]);
  });

  test("the afi of a RouterOS connection", () => {
    const fails = failsAfter("sol", "routeros/edge.rsc", (t) =>
      t.replace(/(add name=solcp011 [^\n]*?)afi=ipv6/, "$1afi=ip"),
    );
    expect(fails).toEqual([
      "session edge -> fd00:255:101::11: families: edge activates IPv4; solcp011 activates IPv6",
      "session solcp011 -> fd00:101::fffe: families: solcp011 activates IPv6; edge activates IPv4",
    ]);
  });

  test("use-bfd removed from one RouterOS connection", () => {
    const fails = failsAfter("sol", "routeros/edge.rsc", (t) =>
      t.replace(/(add name=solcp012 [^\n]*?) use-bfd=yes/, "$1"),
    );
    expect(fails).toEqual([
      "session edge -> fd00:255:101::12: BFD: edge toward fd00:255:101::12: no BFD; solcp012 toward fd00:101::fffe: BFD 300/300 ms x 3 (profile edge)",
      "session solcp012 -> fd00:101::fffe: BFD: solcp012 toward fd00:101::fffe: BFD 300/300 ms x 3 (profile edge); edge toward fd00:255:101::12: no BFD",
    ]);
  });

  test("the BFD entry of one RouterOS peer removed: use-bfd=yes cannot run", () => {
    const fails = failsAfter("sol", "routeros/edge.rsc", (t) =>
      t.replace(
        /\/routing\/bfd\/configuration\/add addresses=fd00:255:101::21 [^;]*;/,
        "/routing/bfd/configuration/add addresses=fd00:255:101::99 comment=$c;",
      ),
    );
    expect(fails).toEqual([
      "session edge -> fd00:255:101::21: BFD: edge toward fd00:255:101::21: use-bfd=yes, no /routing/bfd/configuration entry applies: no BFD session, so RouterOS keeps BGP down; solwk021 toward fd00:101::fffe: BFD 300/300 ms x 3 (profile edge)",
      "session solwk021 -> fd00:101::fffe: BFD: solwk021 toward fd00:101::fffe: BFD 300/300 ms x 3 (profile edge); edge toward fd00:255:101::21: use-bfd=yes, no /routing/bfd/configuration entry applies: no BFD session, so RouterOS keeps BGP down",
    ]);
  });

  test("a BFD interval and a hold time edited in a node's frr.conf", () => {
    const fails = failsAfter("sol", "frr/solwk022.conf", (t) =>
      t
        .replace("  receive-interval 300", "  receive-interval 500")
        .replace("neighbor fd00:101::fffe timers 3 9", "neighbor fd00:101::fffe timers 3 12"),
    );
    expect(fails).toEqual([
      "session edge -> fd00:255:101::22: BFD: edge toward fd00:255:101::22: BFD 300/300 ms x 3 (BFD entry fd00:255:101::22); solwk022 toward fd00:101::fffe: BFD 300/500 ms x 3 (profile edge)",
      "session edge -> fd00:255:101::22: BGP timers: edge states keepalive 3 s, hold 9 s; solwk022 states keepalive 3 s, hold 12 s",
      "session solwk022 -> fd00:101::fffe: BFD: solwk022 toward fd00:101::fffe: BFD 300/500 ms x 3 (profile edge); edge toward fd00:255:101::22: BFD 300/300 ms x 3 (BFD entry fd00:255:101::22)",
      "session solwk022 -> fd00:101::fffe: BGP timers: solwk022 states keepalive 3 s, hold 12 s; edge states keepalive 3 s, hold 9 s",
    ]);
  });

  test("eBGP multihop dropped from a Cilium peer config", () => {
    const fails = failsAfter(
      "infra-apps",
      "k8s/cluster-102/CiliumBGPPeerConfig-infra-peer.yaml",
      (t) => t.replace("  ebgpMultihop: 2\n", ""),
    );
    expect(fails).toEqual([
      "session infra-cp11 -> 10.25.11.1: TTL and route: 10.25.11.1 is off-link from 10.102.0.11: TTL 1, route 0.0.0.0/0 via 10.102.0.254",
      "session infra-wk21 -> 10.25.11.1: TTL and route: 10.25.11.1 is off-link from 10.102.0.21: TTL 1, route 0.0.0.0/0 via 10.102.0.254",
    ]);
  });

  test("an L2 policy bound to eth0 on a Talos node", () => {
    const fails = failsAfter(
      "ms01",
      "k8s/cluster-28/CiliumL2AnnouncementPolicy-talos-k8s-l2.yaml",
      (t) => t.replace("^ens18$", "^eth0$"),
    );
    expect(fails).toEqual(
      ["talos-k8s-01", "talos-k8s-02", "talos-k8s-03"].map(
        (n) => `l2 ${n}: ^eth0$: ^eth0$ matches 0 of ${n}'s NICs (ens18)`,
      ),
    );
  });

  test("the node CIDR size left out of a Talos patch", () => {
    const fails = failsAfter("homelab", "talos/k101wk22.yaml", (t) =>
      t.replace(/ {2}controllerManager:\n( {4}.*\n)+/, ""),
    );
    expect(fails).toEqual([
      "node cidr k101wk22: IPv4: pods 10.101.244.0/22, node-cidr-mask-size-ipv4 not set",
      "node cidr k101wk22: IPv6: pods fd00:101:244::/60, node-cidr-mask-size-ipv6 not set",
    ]);
  });

  test("a VIP announced without the address on lo", () => {
    // Held twice on purpose (frr.conf and the network config): removed from one, it still holds.
    expect(
      failsAfter("sol", "frr/solcp013.conf", (t) =>
        t.replace(" ipv6 address fd00:255:101::ac/128\n", ""),
      ),
    ).toEqual([]);
    const copy = new Map(of("sol"));
    for (const [path, line] of [
      ["frr/solcp013.conf", " ipv6 address fd00:255:101::ac/128\n"],
      ["cloud-init/solcp013/network-config", "      - fd00:255:101::ac/128\n"],
    ]) {
      const text = copy.get(path) as string;
      if (!text.includes(line)) throw new Error(`${path} has no ${line}`);
      copy.set(path, text.replace(line, ""));
    }
    expect(verdicts(checkAgreement(copy)).fail).toEqual([
      "session solcp013 -> fd00:101::fffe: fd00:255:101::ac/128 anchored: solcp013 announces fd00:255:101::ac/128 but neither holds nor routes it",
    ]);
  });

  test("a pool the router's filter no longer accepts", () => {
    const fails = failsAfter("sol", "routeros/edge.rsc", (t) =>
      t.replaceAll(
        "if (dst in fd00:101:cafe::/112) { accept }",
        "if (dst in fd00:101:cafe::/120) { accept }",
      ),
    );
    expect(fails).toEqual(
      ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"].map(
        (n) =>
          `session ${n} -> fd00:101::fffe: fd00:101:cafe::/112 accepted: ${n} announces fd00:101:cafe::/112; edge's import policy rejects it`,
      ),
    );
  });

  test("a routing filter rule the read-back does not know stops it", () => {
    const copy = new Map(of("sol"));
    copy.set(
      "routeros/edge.rsc",
      (copy.get("routeros/edge.rsc") as string).replaceAll(
        "if (dst in fc00::/8) { reject }",
        "if (dst-len > 64) { reject }",
      ),
    );
    expect(() => checkAgreement(copy)).toThrow(
      'readback: unknown routing filter rule "if (dst-len > 64) { reject }"',
    );
  });
});

/** Random valid sites: tenants on VNets (L2), behind RouterOS or FRR routers, with FRR nodes. */
const siteArb = fc
  .record({
    hosts: fc.integer({ min: 1, max: 3 }),
    dual: fc.boolean(),
    tenants: fc.uniqueArray(fc.integer({ min: 100, max: 103 }), { minLength: 1, maxLength: 3 }),
    kinds: fc.array(fc.constantFrom("vnet", "routeros", "frr-router", "linux", "external"), {
      minLength: 3,
      maxLength: 3,
    }),
    nodes: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ hosts, dual, tenants, kinds, nodes }) => {
    const v6 = (p: string) => (dual ? { ipv6: p } : {});
    const kindOf = (i: number) => (kinds[i] === "linux" && !dual ? "routeros" : kinds[i]);
    const held = (router: string) =>
      tenants
        .map((id, i) => ({ id, k: kindOf(i) }))
        .filter((x) =>
          router === "edge" ? x.k === "routeros" || x.k === "linux" : x.k === "frr-router",
        )
        .map((x) => ({ interface: `vlan${x.id}`, tenant: x.id, filterChain: `k${x.id}-in` }));
    const routers = [
      { name: "edge", os: "routeros", vlans: held("edge") },
      { name: "core", os: "frr", vlans: held("core") },
    ]
      .filter((r) => r.vlans.length > 0)
      .map((r, i) => ({
        ...r,
        routerId: `10.10.0.${250 + i}`,
        ssh: { host: `10.10.0.${250 + i}` },
        // The way out: the sites' machines need the internet (docs/way-out.md).
        uplink: { interfaces: ["ether1"], ipv6: { mode: "masquerade" } },
      }));
    const off = { ipv6: 0 };
    return {
      site: { name: "random" },
      global: {
        management: { ipv4: "10.10.0.0/24", ...v6("fd00:10::/64") },
        hostLoopbacks: { ipv4: "10.255.0.0/16", ...v6("fd00:255::/64") },
        tenantSpace: { ipv4: "10.100.0.0/14", ...v6("fd00:100::/30") },
        ...(dual ? { internalSpace: { ipv6: "fc00:100::/30" } } : {}),
      },
      ...(dual
        ? {}
        : {
            layout: {
              vms: off,
              hostIdentities: off,
              vmLoopbacks: off,
              pods: off,
              services: off,
              loadBalancers: off,
            },
          }),
      hostNetwork: {
        interfaces: ["eno1", "eno2"],
        bridges: [{ name: "vmbr0", ports: ["eno1"], vlanAware: true, carries: "management" }],
        underlay: ["eno2"],
        // The hosts download the Talos ISO: a home router on the management network, no device of
        // the plan (a site without one is refused: test/fixtures/invalid/flows-hosts-without-gateway.yaml).
        gateway: { ipv4: "10.10.0.254", ...(dual ? { ipv6: "fd00:10::fffe" } : {}) },
      },
      hosts: Array.from({ length: hosts }, (_, i) => ({ name: `pve${i + 1}`, id: i + 1 })),
      routers,
      tenants: tenants.map((id, i) => {
        const k = kindOf(i);
        const linux = k === "linux";
        return {
          id,
          name: `t${id}`,
          ...(k === "routeros" || k === "frr-router" || linux ? { vlan: id } : {}),
          ...(linux ? { mesh: true } : {}),
          kubernetes: {
            name: `k${id}`,
            ...(linux ? { nodeOs: "linux" } : {}),
            ...(k === "external"
              ? {
                  bgpPeers: [
                    { name: "upstream", address: "10.10.0.200", asn: 64999 },
                    ...(dual ? [{ name: "upstream6", address: "fd00:10::c8", asn: 64999 }] : []),
                  ],
                }
              : {}),
            nodes: Array.from({ length: nodes }, (_, n) => ({
              name: `k${id}n${n + 11}`,
              id: n + 11,
              role: n === 0 ? "controlplane" : "worker",
            })),
          },
        };
      }),
    };
  });

test("random valid sites: their artifacts agree", async () => {
  await fc.assert(
    fc.asyncProperty(siteArb, async (raw) => {
      const v = verdicts(checkAgreement(await artifacts(raw)));
      if (v.fail.length > 0) throw new Error(v.fail.join("\n"));
      if (v.unverified.length > 0) throw new Error(v.unverified.join("\n"));
    }),
    { numRuns: 10 },
  );
}, 120_000);
