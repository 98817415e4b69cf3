// Talos machine-config documents checked against Talos' own config.schema.json of the release
// they are rendered for (vendored under test/vendor/talos/<minor>/, see its README). The schema
// (JSON Schema 2020-12) is a oneOf over every document kind of that release: the v1alpha1 config
// (a document without apiVersion/kind, as in a patch) and the multi-document kinds
// (HostnameConfig, LinkConfig, ...). A document is valid when the schema's root accepts it; when
// not, the complaints come from the one definition its kind names, which reads better than the
// oneOf's union of every branch's complaints.
import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { parseAllDocuments } from "yaml";
import { ROOT } from "../fixtures/base";

export const TALOS_VENDOR = join(ROOT, "test", "vendor", "talos");

/** The Talos minors (`v1.13`) whose schema is vendored. */
export function vendoredTalosMinors(): string[] {
  return readdirSync(TALOS_VENDOR)
    .filter((d) => existsSync(join(TALOS_VENDOR, d, "config.schema.json")))
    .sort();
}

interface Schema {
  $id: string;
  $defs: Record<string, { properties?: { kind?: { enum?: string[] } } }>;
}

interface Checker {
  readonly schema: Schema;
  readonly root: ValidateFunction;
  readonly def: (name: string) => ValidateFunction;
}

const checkers = new Map<string, Checker>();

function checker(minor: string): Checker {
  const known = checkers.get(minor);
  if (known) return known;
  const path = join(TALOS_VENDOR, minor, "config.schema.json");
  if (!existsSync(path)) throw new Error(`no Talos ${minor} schema: ${path} is missing`);
  const schema = JSON.parse(readFileSync(path, "utf8")) as Schema;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(schema);
  const root = ajv.compile({ $ref: schema.$id });
  const def = (name: string) => ajv.compile({ $ref: `${schema.$id}#/$defs/${name}` });
  const made = { schema, root, def };
  checkers.set(minor, made);
  return made;
}

/** `v1.13.9` -> `v1.13`. */
export const minorOf = (version: string): string => version.replace(/^(v\d+\.\d+)\..*$/, "$1");

/** One document's result: its kind (`v1alpha1` for the config) and the schema's complaints. */
export interface DocumentCheck {
  readonly kind: string;
  readonly errors: readonly string[];
}

/**
 * Every document of a YAML stream checked against the schema of Talos `version`'s minor.
 * Throws when that schema is not vendored.
 */
export function talosSchemaErrors(version: string, text: string): DocumentCheck[] {
  const c = checker(minorOf(version));
  return parseAllDocuments(text).map((d) => {
    const doc = d.toJS() as Record<string, unknown>;
    const kind = typeof doc.kind === "string" ? doc.kind : "v1alpha1";
    if (c.root(doc)) return { kind, errors: [] };
    const name =
      kind === "v1alpha1"
        ? "v1alpha1.Config"
        : Object.keys(c.schema.$defs).find((k) =>
            c.schema.$defs[k].properties?.kind?.enum?.includes(kind),
          );
    if (!name) return { kind, errors: [`no document kind ${kind} in Talos ${minorOf(version)}`] };
    const v = c.def(name);
    v(doc);
    return {
      kind,
      errors: (v.errors ?? []).map(
        (e) =>
          `${e.instancePath || "/"} ${e.message}${
            e.params && "additionalProperty" in e.params ? `: ${e.params.additionalProperty}` : ""
          }`,
      ),
    };
  });
}
