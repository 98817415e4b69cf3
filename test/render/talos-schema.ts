// Talos machine-config documents checked against our own schema of the release they are rendered
// for (test/render/talos-doc-schema.ts, written from the Talos configuration reference). The
// schema (JSON Schema 2020-12) is a oneOf over the document kinds of that release: the v1alpha1
// config (a document without apiVersion/kind, as in a patch) and the multi-document kinds
// (HostnameConfig, LinkConfig, ...). A document is valid when the schema's root accepts it; when
// not, the complaints come from the one definition its kind names, which reads better than the
// oneOf's union of every branch's complaints.
import Ajv2020, { ValidateFunction } from "ajv/dist/2020";
import { parseAllDocuments } from "yaml";
import { JsonSchema, TALOS_DOC_SCHEMAS } from "./talos-doc-schema";

/** The Talos minors (`v1.13`) we have a schema of. */
export function talosSchemaMinors(): string[] {
  return Object.keys(TALOS_DOC_SCHEMAS).sort();
}

interface Checker {
  readonly defs: Record<string, JsonSchema>;
  readonly root: ValidateFunction;
  readonly def: (name: string) => ValidateFunction;
}

const checkers = new Map<string, Checker>();

function checker(minor: string): Checker {
  const known = checkers.get(minor);
  if (known) return known;
  const schema = TALOS_DOC_SCHEMAS[minor];
  if (!schema) throw new Error(`no Talos ${minor} schema in test/render/talos-doc-schema.ts`);
  // Strict: a misspelt keyword in our schema is an error, not a check that silently never runs.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  ajv.addSchema(schema);
  const id = schema.$id as string;
  const made = {
    defs: schema.$defs as Record<string, JsonSchema>,
    root: ajv.compile({ $ref: id }),
    def: (name: string) => ajv.compile({ $ref: `${id}#/$defs/${name}` }),
  };
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
 * Every document of a YAML stream checked against our schema of Talos `version`'s minor.
 * Throws when there is none.
 */
export function talosSchemaErrors(version: string, text: string): DocumentCheck[] {
  const c = checker(minorOf(version));
  return parseAllDocuments(text).map((d) => {
    const doc = d.toJS() as Record<string, unknown>;
    const kind = typeof doc.kind === "string" ? doc.kind : "v1alpha1";
    if (c.root(doc)) return { kind, errors: [] };
    const name = kind === "v1alpha1" ? "v1alpha1.Config" : kind;
    if (!(name in c.defs)) {
      return { kind, errors: [`no document kind ${kind} in Talos ${minorOf(version)}`] };
    }
    const v = c.def(name);
    v(doc);
    return {
      kind,
      errors: (v.errors ?? []).map((e) => {
        const at = e.instancePath || "/";
        // A pattern's complaint names what the value should be, not the (long) regex.
        if (e.keyword === "pattern") {
          return `${at}: ${JSON.stringify(e.data)} is not ${e.parentSchema?.description}`;
        }
        const extra = "additionalProperty" in e.params ? `: ${e.params.additionalProperty}` : "";
        return `${at} ${e.message}${extra}`;
      }),
    };
  });
}
