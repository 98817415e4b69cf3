// Every Talos document the bundled stacks and the site fixtures render, checked against our own
// schema of the release it is rendered for (test/render/talos-doc-schema.ts, written from the Talos
// configuration reference): the default (v1.13) form, and each site again on v1.11 in the
// `.machine.network` form. A Talos release the program renders for without a schema fails here,
// and so does a schema for no release.
import { DEFAULT_TALOS } from "../../addressing/site";
import { TALOS_KUBERNETES } from "../../addressing/talos-versions";
import { renderTalosPatchYaml, talosMinor, talosNetworkForm } from "../../render/talos/patch";
import { talosNodeInputs } from "../../render/talos/inputs";
import { requireSite } from "../../site";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";
import { join } from "path";
import { talosSites as sites } from "../fixtures/talos-sites";
import { TALOS_DOC_SCHEMAS } from "./talos-doc-schema";
import { minorOf, talosSchemaErrors, talosSchemaMinors } from "./talos-schema";

type Raw = Record<string, unknown>;

/** Each Talos node's patch of a site as YAML, by node name. */
function patches(raw: Raw): [string, string][] {
  const { plan, topology } = requireSite(raw);
  return plan.tenants
    .filter((t) => t.kubernetes?.nodeOs === "talos")
    .flatMap((t) => talosNodeInputs(topology, plan, t))
    .map((n) => [n.hostname, renderTalosPatchYaml(n)]);
}

const onTalos =
  (version: string, kubernetesVersion: string) =>
  (raw: Raw): Raw => {
    const copy = JSON.parse(JSON.stringify(raw));
    copy.talos = { ...copy.talos, version, kubernetesVersion };
    return copy;
  };
const onTalos111 = onTalos("v1.11.6", "v1.34.1");
const onTalos112 = onTalos("v1.12.11", "v1.35.4");

/** Per site: nodes, documents checked, and every complaint (`node kind: message`). */
function check(all: [string, Raw][]) {
  return Object.fromEntries(
    all.map(([name, raw]) => {
      const version = requireSite(raw).plan.talos.version;
      const results = patches(raw).flatMap(([node, text]) =>
        talosSchemaErrors(version, text).map((r) => ({ node, ...r })),
      );
      return [
        name,
        {
          schema: minorOf(version),
          nodes: new Set(results.map((r) => r.node)).size,
          documents: results.length,
          errors: results.flatMap((r) => r.errors.map((e) => `${r.node} ${r.kind}: ${e}`)),
        },
      ];
    }),
  );
}

const SITES = sites();

const NETWORK = [
  "HostnameConfig",
  "ResolverConfig",
  "LinkAliasConfig",
  "LinkConfig",
  "Layer2VIPConfig",
];
const V1ALPHA1_REF: Record<string, string> = {
  "v1.11": "https://www.talos.dev/v1.11/reference/configuration/v1alpha1/config",
  "v1.12": "https://docs.siderolabs.com/talos/v1.12/reference/configuration/v1alpha1/config",
  "v1.13": "https://docs.siderolabs.com/talos/v1.13/reference/configuration/v1alpha1/config",
};
const V1ALPHA1_PARTS =
  "(MachineConfig, KubeletConfig, KubeletNodeIPConfig, ClusterConfig, ClusterNetworkConfig, " +
  "CNIConfig, ProxyConfig, ControllerManagerConfig)";

type Defs = Record<string, { $comment?: string }>;
const kinds = (minor: string) => Object.keys(TALOS_DOC_SCHEMAS[minor].$defs as Defs);
const comment = (minor: string, kind: string) =>
  (TALOS_DOC_SCHEMAS[minor].$defs as Defs)[kind].$comment;

/** Expected results: site -> [nodes, documents], all without a complaint. */
const expected = (schema: string, rows: Record<string, [number, number]>) =>
  Object.fromEntries(
    Object.entries(rows).map(([site, [nodes, documents]]) => [
      site,
      { schema, nodes, documents, errors: [] },
    ]),
  );

const EXPECTED_113 = expected("v1.13", {
  example: [3, 18],
  homelab: [5, 28],
  "infra-apps": [4, 22],
  ms01: [3, 18],
  "seed001Talos (test/fixtures/seed001.ts)": [6, 42],
  "test/fixtures/valid/existing-sdn.yaml": [5, 28],
  "test/fixtures/valid/ipv6-only.yaml": [3, 18],
  "test/fixtures/valid/markdown-injection.yaml": [5, 28],
  // Its one node also has a RegistryMirrorConfig (talos.registryMirrors).
  "test/fixtures/valid/talos-registry-mirror.yaml": [1, 7],
  "test/fixtures/valid/ula48.yaml": [7, 41],
  "test/fixtures/cases/02-evpn-underlay-nic-mtu.yaml": [1, 6],
  "test/fixtures/cases/06-bgp-peer-not-connected.yaml": [2, 11],
  "test/fixtures/cases/07-l2-interface-name.yaml": [1, 6],
  "test/fixtures/cases/08-l2-ipv6-pool-ndp.yaml": [1, 6],
  "test/fixtures/cases/12-node-cidr-mask.yaml": [5, 28],
  "test/fixtures/cases/19-routeros-cilium-peer-address.yaml": [1, 6],
  "test/fixtures/cases/21-newcomer-routeros-talos.yaml": [3, 16],
  "test/fixtures/cases/22-evpn-arp-suppression-floating-vip.yaml": [3, 18],
  "test/fixtures/cases/23-evpn-exit-nodes-no-return-route.yaml": [1, 6],
  "test/fixtures/cases/27-routeros-rules-after-defconf-drop.yaml": [1, 6],
  "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml": [5, 28],
});

const EXPECTED_112 = Object.fromEntries(
  Object.entries(EXPECTED_113).map(([site, r]) => [site, { ...r, schema: "v1.12" }]),
);

const EXPECTED_111 = Object.fromEntries(
  Object.entries(EXPECTED_113).map(([site, r]) => [
    site,
    { ...r, schema: "v1.11", documents: r.nodes },
  ]),
);

describe("our Talos schemas", () => {
  test("exactly the releases the program renders for have a schema, each its own", () => {
    expect(talosSchemaMinors()).toEqual(Object.keys(TALOS_KUBERNETES).sort());
    expect(
      talosSchemaMinors().map((minor) => [minor, TALOS_DOC_SCHEMAS[minor].$id, kinds(minor)]),
    ).toEqual([
      ["v1.11", "urn:homelab-netcode:talos-doc-schema:v1.11", ["v1alpha1.Config"]],
      [
        "v1.12",
        "urn:homelab-netcode:talos-doc-schema:v1.12",
        ["v1alpha1.Config", ...NETWORK, "RegistryMirrorConfig"],
      ],
      [
        "v1.13",
        "urn:homelab-netcode:talos-doc-schema:v1.13",
        ["v1alpha1.Config", ...NETWORK, "RegistryMirrorConfig"],
      ],
    ]);
  });

  test("each kind cites the reference page it was written from", () => {
    expect(
      talosSchemaMinors().flatMap((minor) =>
        kinds(minor).map((kind) => [minor, kind, comment(minor, kind)]),
      ),
    ).toEqual([
      ["v1.11", "v1alpha1.Config", `Written from ${V1ALPHA1_REF["v1.11"]} ${V1ALPHA1_PARTS}`],
      ...(["v1.12", "v1.13"] as const).flatMap((minor) => [
        [minor, "v1alpha1.Config", `Written from ${V1ALPHA1_REF[minor]} ${V1ALPHA1_PARTS}`],
        ...NETWORK.map((kind) => [
          minor,
          kind,
          `Written from https://docs.siderolabs.com/talos/${minor}/reference/configuration/network/${kind.toLowerCase()}`,
        ]),
        [
          minor,
          "RegistryMirrorConfig",
          `Written from https://docs.siderolabs.com/talos/${minor}/reference/configuration/cri/registrymirrorconfig`,
        ],
      ]),
    ]);
  });

  test("the default Talos version has a schema, and its Kubernetes version is in range", () => {
    expect(talosSchemaMinors()).toContain(minorOf(DEFAULT_TALOS.version));
    const range = TALOS_KUBERNETES[minorOf(DEFAULT_TALOS.version)];
    expect([DEFAULT_TALOS.version, DEFAULT_TALOS.kubernetesVersion, range]).toEqual([
      "v1.13.9",
      "v1.36.3",
      [31, 36],
    ]);
  });

  test("the network form follows the version", () => {
    expect(
      ["v1.10.7", "v1.11.6", "v1.12.0", "v1.13.9", "v2.0.0"].map((v) => talosNetworkForm(v)),
    ).toEqual(["machine.network", "machine.network", "documents", "documents", "documents"]);
    expect(() => talosMinor("1.13.9")).toThrow(
      new Error('Talos version "1.13.9" is not like v1.13.9'),
    );
  });
});

describe("every rendered Talos document passes its release's schema", () => {
  test("the sites checked", () => {
    expect(SITES.map(([name]) => name)).toEqual([
      "example",
      "homelab",
      "infra-apps",
      "ms01",
      "seed001Talos (test/fixtures/seed001.ts)",
      "test/fixtures/valid/existing-sdn.yaml",
      "test/fixtures/valid/ipv6-only.yaml",
      "test/fixtures/valid/markdown-injection.yaml",
      "test/fixtures/valid/talos-registry-mirror.yaml",
      "test/fixtures/valid/ula48.yaml",
      "test/fixtures/cases/02-evpn-underlay-nic-mtu.yaml",
      "test/fixtures/cases/06-bgp-peer-not-connected.yaml",
      "test/fixtures/cases/07-l2-interface-name.yaml",
      "test/fixtures/cases/08-l2-ipv6-pool-ndp.yaml",
      "test/fixtures/cases/12-node-cidr-mask.yaml",
      "test/fixtures/cases/19-routeros-cilium-peer-address.yaml",
      "test/fixtures/cases/21-newcomer-routeros-talos.yaml",
      "test/fixtures/cases/22-evpn-arp-suppression-floating-vip.yaml",
      "test/fixtures/cases/23-evpn-exit-nodes-no-return-route.yaml",
      "test/fixtures/cases/27-routeros-rules-after-defconf-drop.yaml",
      "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml",
    ]);
  });

  test("Talos v1.13 (the default): the v1alpha1 document and the network documents", () => {
    // Per node: the v1alpha1 document, HostnameConfig, ResolverConfig, a LinkAliasConfig and a
    // LinkConfig per NIC, and a Layer2VIPConfig on control planes that hold a Talos VIP.
    expect(check(SITES)).toEqual(EXPECTED_113);
  });

  test("each site on Talos v1.12: the same documents against the v1.12 schema", () => {
    expect(check(SITES.map(([name, raw]) => [name, onTalos112(raw)]))).toEqual(EXPECTED_112);
  });

  test("each site on Talos v1.11: the .machine.network form against the v1.11 schema", () => {
    // One v1alpha1 document per node.
    expect(check(SITES.map(([name, raw]) => [name, onTalos111(raw)]))).toEqual(EXPECTED_111);
  });
});

describe("the schemas refuse the other release's form", () => {
  const v113 = patches(stackRaw("homelab"))[0][1];
  const v111 = patches(onTalos111(stackRaw("homelab")))[0][1];

  test("v1.13's network documents are unknown kinds to v1.11", () => {
    expect(talosSchemaErrors("v1.11.6", v113)).toEqual([
      { kind: "v1alpha1", errors: [] },
      ...[
        "HostnameConfig",
        "ResolverConfig",
        "LinkAliasConfig",
        "LinkConfig",
        "Layer2VIPConfig",
      ].map((kind) => ({ kind, errors: [`no document kind ${kind} in Talos v1.11`] })),
    ]);
  });

  test("v1.12 still reads the deprecated .machine.network form", () => {
    expect(talosSchemaErrors("v1.12.11", v111)).toEqual([{ kind: "v1alpha1", errors: [] }]);
  });

  test("v1.11's .machine.network is gone from v1.13's v1alpha1 config", () => {
    expect(talosSchemaErrors("v1.13.9", v111)).toEqual([
      { kind: "v1alpha1", errors: ["/machine must NOT have additional properties: network"] },
    ]);
  });

  test("a LinkConfig with a field of the old interface form is refused", () => {
    const broken = v113.replace('kind: "LinkConfig"', 'kind: "LinkConfig"\ndeviceSelector: {}');
    expect(talosSchemaErrors("v1.13.9", broken).find((r) => r.kind === "LinkConfig")).toEqual({
      kind: "LinkConfig",
      errors: ["/ must NOT have additional properties: deviceSelector"],
    });
  });

  test("the registry mirrors: a document from v1.12, machine.registries on v1.11, a bad URL refused", () => {
    const raw = fileRaw(join(ROOT, "test/fixtures/valid/talos-registry-mirror.yaml"));
    const mirror = patches(raw)[0][1].split("---\n").at(-1);
    expect(mirror).toBe(
      'apiVersion: "v1alpha1"\nkind: "RegistryMirrorConfig"\nname: "*"\nendpoints:\n  - url: "http://registry.lab.internal:5000"\n',
    );
    const legacy = patches(onTalos111(raw))[0][1];
    expect(legacy).toContain(
      'registries:\n    mirrors:\n      "*":\n        endpoints:\n          - "http://registry.lab.internal:5000"\n',
    );
    const bad = (text: string) =>
      text.replaceAll("http://registry.lab.internal:5000", "registry.lab.internal:5000");
    expect(
      talosSchemaErrors("v1.13.9", bad(patches(raw)[0][1])).filter((r) => r.errors.length),
    ).toEqual([
      {
        kind: "RegistryMirrorConfig",
        errors: ['/endpoints/0/url: "registry.lab.internal:5000" is not an http or https URL'],
      },
    ]);
    expect(talosSchemaErrors("v1.11.6", bad(legacy))).toEqual([
      {
        kind: "v1alpha1",
        errors: [
          '/machine/registries/mirrors/*/endpoints/0: "registry.lab.internal:5000" is not an http or https URL',
        ],
      },
    ]);
    // A RegistryMirrorConfig is no document of v1.11, and v1.13's v1alpha1 has no registries here.
    expect(talosSchemaErrors("v1.11.6", patches(raw)[0][1]).at(-1)).toEqual({
      kind: "RegistryMirrorConfig",
      errors: ["no document kind RegistryMirrorConfig in Talos v1.11"],
    });
  });

  test("a patch for a release without a schema is refused", () => {
    expect(() => talosSchemaErrors("v1.14.0", v113)).toThrow(
      new Error("no Talos v1.14 schema in test/render/talos-doc-schema.ts"),
    );
  });

  test("a broken value in any field we emit fails, naming what it should be", () => {
    const broken = v113
      .replace(/address: "10\.[0-9.]+\/[0-9]+"/, 'address: "10.0.0.300/24"')
      .replace(/permanent_addr\) == \\"02:/, 'permanent_addr) == \\"02-')
      .replace(/hostname: "([a-z0-9-]+)"/, 'hostname: "$1_"')
      .replace('cni:\n      name: "none"', 'cni:\n      name: "cilium"')
      .replace(/(kind: "Layer2VIPConfig"\nname: )"[^"]+"/, '$1"fd00::1::2"');
    expect(talosSchemaErrors("v1.13.9", broken).filter((r) => r.errors.length > 0)).toEqual([
      {
        kind: "v1alpha1",
        errors: ["/cluster/network/cni/name must be equal to one of the allowed values"],
      },
      { kind: "HostnameConfig", errors: ['/hostname: "k101cp11_" is not an RFC 1123 hostname'] },
      {
        kind: "LinkAliasConfig",
        errors: [
          '/selector/match: "mac(link.permanent_addr) == \\"02-00:65:00:0b:00\\"" is not ' +
            'a CEL expression mac(link.permanent_addr) == "<lowercase MAC>"',
        ],
      },
      {
        kind: "LinkConfig",
        errors: ['/addresses/0/address: "10.0.0.300/24" is not an address/length prefix'],
      },
      { kind: "Layer2VIPConfig", errors: ['/name: "fd00::1::2" is not an IPv4 or IPv6 address'] },
    ]);
    const legacy = v111
      .replace(/hardwareAddr: "02:/, 'hardwareAddr: "02-')
      .replace(/gateway: "10\.[0-9.]+"/, 'gateway: "10.0.0.1/24"');
    expect(talosSchemaErrors("v1.11.6", legacy)).toEqual([
      {
        kind: "v1alpha1",
        errors: [
          '/machine/network/interfaces/0/deviceSelector/hardwareAddr: "02-00:65:00:0b:00" is not ' +
            "a lowercase, colon-separated MAC",
          '/machine/network/interfaces/0/routes/0/gateway: "10.0.0.1/24" is not an IPv4 or IPv6 ' +
            "address",
        ],
      },
    ]);
  });
});
