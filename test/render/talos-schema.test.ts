// Every Talos document the bundled stacks and the site fixtures render, checked against Talos' own
// config.schema.json of the release it is rendered for (test/vendor/talos/<minor>/, README there):
// the default (v1.13) form, and each site again on v1.11 in the `.machine.network` form. A Talos
// release the program renders for without its schema vendored fails here, and so does a schema
// vendored for no release.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { DEFAULT_TALOS } from "../../addressing/site";
import { TALOS_KUBERNETES } from "../../addressing/talos-versions";
import { renderTalosPatchYaml, talosMinor, talosNetworkForm } from "../../render/talos/patch";
import { talosNodeInputs } from "../../render/talos/inputs";
import { requireSite, resolveSite } from "../../site";
import { BUNDLED_STACKS, fileRaw, ROOT, stackRaw } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";
import { minorOf, TALOS_VENDOR, talosSchemaErrors, vendoredTalosMinors } from "./talos-schema";

type Raw = Record<string, unknown>;

const FIXTURE_DIRS = ["test/fixtures/valid", "test/fixtures/cases"];

/** Bundled stacks, and every site fixture that resolves to a plan with a Talos cluster. */
function sites(): [string, Raw][] {
  const fixtures = FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith(".yaml"))
      .map((f): [string, Raw] => [`${dir}/${f}`, fileRaw(join(ROOT, dir, f))]),
  );
  return [
    ...BUNDLED_STACKS.map((s): [string, Raw] => [s, stackRaw(s)]),
    ["seed001Talos (test/fixtures/seed001.ts)", seed001Talos] as [string, Raw],
    ...fixtures,
  ].filter(([, raw]) => {
    const r = resolveSite(raw);
    return r.ok && r.plan.tenants.some((t) => t.kubernetes?.nodeOs === "talos");
  });
}

/** Each Talos node's patch of a site as YAML, by node name. */
function patches(raw: Raw): [string, string][] {
  const { plan, topology } = requireSite(raw);
  return plan.tenants
    .filter((t) => t.kubernetes?.nodeOs === "talos")
    .flatMap((t) => talosNodeInputs(topology, plan, t))
    .map((n) => [n.hostname, renderTalosPatchYaml(n)]);
}

const onTalos111 = (raw: Raw): Raw => {
  const copy = JSON.parse(JSON.stringify(raw));
  copy.talos = { ...copy.talos, version: "v1.11.6", kubernetesVersion: "v1.34.1" };
  return copy;
};

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
  "test/fixtures/valid/ula48.yaml": [7, 41],
  "test/fixtures/cases/02-evpn-underlay-nic-mtu.yaml": [1, 6],
  "test/fixtures/cases/06-bgp-peer-not-connected.yaml": [2, 11],
  "test/fixtures/cases/07-l2-interface-name.yaml": [1, 6],
  "test/fixtures/cases/08-l2-ipv6-pool-ndp.yaml": [1, 6],
  "test/fixtures/cases/12-node-cidr-mask.yaml": [5, 28],
  "test/fixtures/cases/19-routeros-cilium-peer-address.yaml": [1, 6],
  "test/fixtures/cases/21-newcomer-routeros-talos.yaml": [3, 16],
  "test/fixtures/cases/22-evpn-arp-suppression-floating-vip.yaml": [3, 18],
  "test/fixtures/cases/27-routeros-rules-after-defconf-drop.yaml": [1, 6],
});

const EXPECTED_111 = Object.fromEntries(
  Object.entries(EXPECTED_113).map(([site, r]) => [
    site,
    { ...r, schema: "v1.11", documents: r.nodes },
  ]),
);

describe("vendored Talos schemas", () => {
  test("exactly the releases the program renders for have a schema, each its own", () => {
    expect(vendoredTalosMinors()).toEqual(Object.keys(TALOS_KUBERNETES).sort());
    for (const minor of vendoredTalosMinors()) {
      const schema = JSON.parse(
        readFileSync(join(TALOS_VENDOR, minor, "config.schema.json"), "utf8"),
      );
      expect([minor, schema.$id]).toEqual([
        minor,
        `https://talos.dev/${minor}/schemas/config.schema.json`,
      ]);
    }
  });

  test("the README names the source of each schema", () => {
    const readme = readFileSync(join(TALOS_VENDOR, "README.md"), "utf8");
    for (const minor of vendoredTalosMinors()) {
      expect(readme).toContain(`| ${minor} |`);
    }
  });

  test("the default Talos version has a schema, and its Kubernetes version is in range", () => {
    expect(vendoredTalosMinors()).toContain(minorOf(DEFAULT_TALOS.version));
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
      "test/fixtures/valid/ula48.yaml",
      "test/fixtures/cases/02-evpn-underlay-nic-mtu.yaml",
      "test/fixtures/cases/06-bgp-peer-not-connected.yaml",
      "test/fixtures/cases/07-l2-interface-name.yaml",
      "test/fixtures/cases/08-l2-ipv6-pool-ndp.yaml",
      "test/fixtures/cases/12-node-cidr-mask.yaml",
      "test/fixtures/cases/19-routeros-cilium-peer-address.yaml",
      "test/fixtures/cases/21-newcomer-routeros-talos.yaml",
      "test/fixtures/cases/22-evpn-arp-suppression-floating-vip.yaml",
      "test/fixtures/cases/27-routeros-rules-after-defconf-drop.yaml",
    ]);
  });

  test("Talos v1.13 (the default): the v1alpha1 document and the network documents", () => {
    // Per node: the v1alpha1 document, HostnameConfig, ResolverConfig, a LinkAliasConfig and a
    // LinkConfig per NIC, and a Layer2VIPConfig on control planes that hold a Talos VIP.
    expect(check(SITES)).toEqual(EXPECTED_113);
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

  test("a patch for a release without a vendored schema is refused", () => {
    expect(() => talosSchemaErrors("v1.14.0", v113)).toThrow(
      new Error(
        `no Talos v1.14 schema: ${join(TALOS_VENDOR, "v1.14", "config.schema.json")} is missing`,
      ),
    );
  });
});
