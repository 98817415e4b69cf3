// The stack file JSON Schema: generated from site/spec.ts (a drift fails here), every bundled stack
// passes it under ajv, and exactly the invalid fixtures marked `# json-schema: rejects` (the key and
// type rules) fail it; the other rules need address arithmetic, which only the loader has.
import Ajv2020 from "ajv/dist/2020";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { SCHEMA_PATH, stackFileSchemaText } from "../../site/json-schema";
import { BUNDLED_STACKS } from "../fixtures/base";

const ROOT = join(__dirname, "..", "..");
const INVALID = join(ROOT, "test", "fixtures", "invalid");
const VALID = join(ROOT, "test", "fixtures", "valid");
const SCHEMA_LINE = "# yaml-language-server: $schema=./schema/stack.schema.json";

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(ROOT, SCHEMA_PATH), "utf8")),
);
const yamlOf = (path: string): unknown => parse(readFileSync(path, "utf8"));
const stacks = BUNDLED_STACKS.map((s) => `Pulumi.${s}.yaml`);
const invalid = readdirSync(INVALID).filter((f) => f.endsWith(".yaml"));
const rejects = (f: string): boolean =>
  readFileSync(join(INVALID, f), "utf8").split("\n").includes("# json-schema: rejects");

test("the schema file is what `npm run docs` generates", () => {
  expect(readFileSync(join(ROOT, SCHEMA_PATH), "utf8")).toBe(stackFileSchemaText());
});

test.each(stacks)("%s passes the schema and names it on its first line", (file) => {
  expect(readFileSync(join(ROOT, file), "utf8").split("\n")[0]).toBe(SCHEMA_LINE);
  expect(validate(yamlOf(join(ROOT, file)))).toBe(true);
  expect(validate.errors ?? null).toBeNull();
});

test.each(readdirSync(VALID))("valid fixture %s passes the schema", (file) => {
  expect(validate(yamlOf(join(VALID, file)))).toBe(true);
});

test("the key and type rules are the ones marked as rejected by the schema", () => {
  expect(invalid.filter(rejects)).toEqual([
    "config-missing-enum.yaml",
    "config-missing-required.yaml",
    "config-unknown-key.yaml",
    "config-unknown-namespace-key.yaml",
    "config-wrong-type.yaml",
    "existing-unknown-key.yaml",
    "free-text-not-shown.yaml",
    "host-interfaces-empty.yaml",
    "lb-ranges-empty.yaml",
    "name-dns-label-too-long.yaml",
    "peer-stack-name.yaml",
    "plan-reserved-names.yaml",
    "policy-bad-port.yaml",
    "policy-rule-name-form.yaml",
    "proxmox-endpoint-userinfo.yaml",
    "router-dns-domain-trailing-dot.yaml",
    "router-dns-record-empty-label.yaml",
    "sdn-zone-id-short.yaml",
    "segment-gateway-name.yaml",
    "syntax-family-mismatch.yaml",
    "syntax-ipv4-mapped.yaml",
    "syntax-prefix-spaces.yaml",
    "talos-kubernetes-version-form.yaml",
    "talos-mirror-userinfo.yaml",
    "talos-registry-mirror-url.yaml",
    "talos-talosctl-option.yaml",
    "talos-talosctl-relative.yaml",
    "tenant-reserved-name.yaml",
    "typo-expect-kind.yaml",
    "typo-lookalike-host.yaml",
  ]);
});

test.each(invalid)(
  "invalid fixture %s: the schema rejects it exactly when it is marked",
  (file) => {
    expect(validate(yamlOf(join(INVALID, file)))).toBe(!rejects(file));
  },
);

test("the schema reports a misspelt key and a string where an integer belongs", () => {
  validate({
    config: {
      "homelab:site": { name: "x" },
      "homelab:global": { managment: {} },
      "homelab:hosts": [{ name: "pve01", id: "1" }],
    },
  });
  expect(validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([
    "/config/homelab:global must have required property 'management'",
    "/config/homelab:global must NOT have additional properties",
    "/config/homelab:hosts/0/id must be integer",
  ]);
});
