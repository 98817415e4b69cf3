// Our own JSON Schemas (draft 2020-12) of the Talos machine-config documents this program renders,
// one per Talos minor it renders for. Written by hand on 2026-12-06 from the Talos configuration
// reference pages cited in each definition's `$comment` (talos.dev / docs.siderolabs.com); not
// copied from Talos' config.schema.json. They cover exactly the fields render/talos/patch.ts
// emits, each with the type the reference gives it, and refuse every other field
// (`additionalProperties: false`), so a field we emit that the release does not document fails.
// Where the reference types a field only as `string`, the pattern is the form we emit (an IP
// address, a prefix, a lowercase MAC, an RFC 1123 hostname), which is narrower than Talos accepts.

/** A JSON Schema object (only the keywords used here). */
export type JsonSchema = { readonly [keyword: string]: unknown };

const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
const H = "[0-9a-fA-F]{1,4}";
/** RFC 4291 section 2.2 text forms 1 and 2 (no embedded IPv4: we never emit one). */
const IPV6 = [
  `(?:${H}:){7}${H}`,
  `(?:${H}:){1,7}:`,
  ...[1, 2, 3, 4, 5, 6].map((n) => `(?:${H}:){1,${7 - n}}(?::${H}){1,${n}}`),
  `:(?:(?::${H}){1,7}|:)`,
].join("|");
const V4_LEN = "(?:3[0-2]|[12]?[0-9])";
const V6_LEN = "(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])";

/** An IPv4 or IPv6 address (Talos `Addr`). */
const ADDRESS: JsonSchema = {
  type: "string",
  description: "an IPv4 or IPv6 address",
  pattern: `^(?:${IPV4}|(?:${IPV6}))$`,
};
/** An address or network with its prefix length (Talos `Prefix`, the `/24` `/64` of the docs). */
const PREFIX: JsonSchema = {
  type: "string",
  description: "an address/length prefix",
  pattern: `^(?:${IPV4}/${V4_LEN}|(?:${IPV6})/${V6_LEN})$`,
};
const MAC = "[0-9a-f]{2}(?::[0-9a-f]{2}){5}";
const HOSTNAME: JsonSchema = {
  type: "string",
  description: "an RFC 1123 hostname",
  maxLength: 253,
  pattern: "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$",
};
/** A registry as an image reference names it (`docker.io`, `ghcr.io:443`), or `*`. */
const REGISTRY = "^(?:\\*|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::[0-9]{1,5})?)$";
/** A mirror endpoint: an http or https URL (Talos `RegistryEndpoint.url`). */
const MIRROR_URL: JsonSchema = {
  type: "string",
  description: "an http or https URL",
  pattern: "^https?://[^/\\s]+(?:/\\S*)?$",
};
/** Talos `uint32` fields. */
const UINT32: JsonSchema = { type: "integer", minimum: 0, maximum: 4294967295 };
const list = (items: JsonSchema, minItems = 0): JsonSchema => ({ type: "array", items, minItems });

/** An object with exactly these fields, `required` among them. */
function object(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  return { type: "object", properties, required, additionalProperties: false, ...extra };
}

/** The `apiVersion`/`kind` head every multi-document kind has. */
function documentKind(
  kind: string,
  url: string,
  fields: Record<string, JsonSchema>,
  required: readonly string[],
): JsonSchema {
  return object(
    { apiVersion: { const: "v1alpha1" }, kind: { const: kind }, ...fields },
    ["apiVersion", "kind", ...required],
    { $comment: `Written from ${url}` },
  );
}

/** The v1alpha1 reference page of `minor`. */
const v1alpha1Ref = (minor: string) =>
  minor === "v1.11"
    ? "https://www.talos.dev/v1.11/reference/configuration/v1alpha1/config"
    : `https://docs.siderolabs.com/talos/${minor}/reference/configuration/v1alpha1/config`;

/** `machine.network` of the v1alpha1 config (deprecated in 1.12, gone in 1.13). */
const networkConfig = (minor: string): JsonSchema =>
  object(
    {
      hostname: HOSTNAME,
      nameservers: list(ADDRESS),
      interfaces: list(
        object(
          {
            deviceSelector: object(
              {
                hardwareAddr: {
                  type: "string",
                  description: "a lowercase, colon-separated MAC",
                  pattern: `^${MAC}$`,
                },
              },
              ["hardwareAddr"],
            ),
            addresses: list(PREFIX),
            routes: list(
              object({ network: PREFIX, gateway: ADDRESS, metric: UINT32 }, ["network"]),
            ),
            mtu: UINT32,
            vip: object({ ip: ADDRESS }, ["ip"]),
          },
          ["deviceSelector"],
        ),
      ),
    },
    [],
    {
      $comment: `Written from ${v1alpha1Ref(minor)} (NetworkConfig, Device, DeviceSelector, Route, DeviceVIPConfig)`,
    },
  );

/**
 * `machine.registries` of the v1alpha1 config, the mirrors only (RegistriesConfig,
 * RegistryMirrorConfig: `mirrors.<registry>.endpoints`, http(s) URLs).
 */
const registriesConfig = (minor: string): JsonSchema =>
  object(
    {
      mirrors: {
        type: "object",
        propertyNames: { pattern: REGISTRY },
        additionalProperties: object({ endpoints: list(MIRROR_URL, 1) }, ["endpoints"]),
      },
    },
    ["mirrors"],
    { $comment: `Written from ${v1alpha1Ref(minor)} (RegistriesConfig, RegistryMirrorConfig)` },
  );

/** The v1alpha1 document of a patch: no `version` (talosctl merges it into the generated one). */
function v1alpha1Config(minor: string, withMachineNetwork: boolean): JsonSchema {
  return object(
    {
      machine: object(
        {
          ...(withMachineNetwork
            ? { network: networkConfig(minor), registries: registriesConfig(minor) }
            : {}),
          kubelet: object(
            {
              nodeIP: object({ validSubnets: list(PREFIX, 1) }, ["validSubnets"]),
              extraConfig: object({ maxPods: { type: "integer", minimum: 1 } }, ["maxPods"]),
            },
            ["nodeIP"],
          ),
        },
        ["kubelet"],
      ),
      cluster: object(
        {
          network: object(
            {
              podSubnets: list(PREFIX, 1),
              serviceSubnets: list(PREFIX, 1),
              cni: object({ name: { enum: ["flannel", "custom", "none"] } }, ["name"]),
            },
            ["podSubnets", "serviceSubnets", "cni"],
          ),
          proxy: object({ disabled: { type: "boolean" } }, ["disabled"]),
          controllerManager: object(
            {
              extraArgs: {
                type: "object",
                propertyNames: { pattern: "^[a-z0-9][a-z0-9-]*$" },
                additionalProperties: { type: "string" },
              },
            },
            ["extraArgs"],
          ),
        },
        ["network", "proxy"],
      ),
    },
    ["machine", "cluster"],
    {
      $comment:
        `Written from ${v1alpha1Ref(minor)} (MachineConfig, KubeletConfig, KubeletNodeIPConfig, ClusterConfig, ClusterNetworkConfig, ` +
        "CNIConfig, ProxyConfig, ControllerManagerConfig)",
    },
  );
}

const ref = (minor: string, kind: string) =>
  `https://docs.siderolabs.com/talos/${minor}/reference/configuration/network/${kind.toLowerCase()}`;

/** The network documents of Talos 1.12+, from the reference pages of `minor`. */
function networkDocuments(minor: string): Record<string, JsonSchema> {
  return {
    HostnameConfig: documentKind(
      "HostnameConfig",
      ref(minor, "HostnameConfig"),
      { auto: { enum: ["stable", "off"] }, hostname: HOSTNAME },
      ["hostname"],
    ),
    ResolverConfig: documentKind(
      "ResolverConfig",
      ref(minor, "ResolverConfig"),
      { nameservers: list(object({ address: ADDRESS }, ["address"]), 1) },
      ["nameservers"],
    ),
    LinkAliasConfig: documentKind(
      "LinkAliasConfig",
      ref(minor, "LinkAliasConfig"),
      {
        name: { type: "string", description: "a link alias", pattern: "^[a-z][a-z0-9]{0,14}$" },
        selector: object(
          {
            match: {
              type: "string",
              description: 'a CEL expression mac(link.permanent_addr) == "<lowercase MAC>"',
              pattern: `^mac\\(link\\.permanent_addr\\) == "${MAC}"$`,
            },
          },
          ["match"],
        ),
      },
      ["name", "selector"],
    ),
    LinkConfig: documentKind(
      "LinkConfig",
      ref(minor, "LinkConfig"),
      {
        name: { type: "string", minLength: 1, maxLength: 15 },
        mtu: UINT32,
        addresses: list(object({ address: PREFIX }, ["address"])),
        routes: list(object({ destination: PREFIX, gateway: ADDRESS }, ["gateway"])),
      },
      ["name"],
    ),
    Layer2VIPConfig: documentKind(
      "Layer2VIPConfig",
      ref(minor, "Layer2VIPConfig"),
      { name: ADDRESS, link: { type: "string", minLength: 1, maxLength: 15 } },
      ["name", "link"],
    ),
  };
}

/** `RegistryMirrorConfig` of Talos 1.12+ (the CRI documents that replace `machine.registries`). */
const registryMirrorDocument = (minor: string): Record<string, JsonSchema> => ({
  RegistryMirrorConfig: documentKind(
    "RegistryMirrorConfig",
    `https://docs.siderolabs.com/talos/${minor}/reference/configuration/cri/registrymirrorconfig`,
    {
      name: { type: "string", pattern: REGISTRY, description: "a registry name or *" },
      endpoints: list(object({ url: MIRROR_URL }, ["url"]), 1),
    },
    ["name", "endpoints"],
  ),
});

/** The schema of one Talos minor: a `oneOf` over the document kinds it has. */
function talosSchema(minor: string, defs: Record<string, JsonSchema>): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `urn:homelab-netcode:talos-doc-schema:${minor}`,
    description:
      `The Talos ${minor} machine-config documents homelab-netcode renders, written from the ` +
      "Talos configuration reference (not Talos' own config.schema.json).",
    $defs: defs,
    oneOf: Object.keys(defs).map((name) => ({ $ref: `#/$defs/${name}` })),
  };
}

/**
 * Talos minor -> our schema of its documents: v1.11 has the one v1alpha1 document with
 * `.machine.network`; v1.12 adds the network documents and keeps `.machine.network` (deprecated,
 * still in its reference); v1.13's reference no longer has `.machine.network`.
 */
export const TALOS_DOC_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  "v1.11": talosSchema("v1.11", { "v1alpha1.Config": v1alpha1Config("v1.11", true) }),
  "v1.12": talosSchema("v1.12", {
    "v1alpha1.Config": v1alpha1Config("v1.12", true),
    ...networkDocuments("v1.12"),
    ...registryMirrorDocument("v1.12"),
  }),
  "v1.13": talosSchema("v1.13", {
    "v1alpha1.Config": v1alpha1Config("v1.13", false),
    ...networkDocuments("v1.13"),
    ...registryMirrorDocument("v1.13"),
  }),
};
