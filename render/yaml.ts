// YAML text that every reader of a rendered file takes the same way. cloud-init reads user data
// and network config with PyYAML, a YAML 1.1 reader: a plain `on` is True there, `0b101` is 5 and
// `2001:1:2:3:4:5:6:7` a base-60 integer. Kubernetes (sigs.k8s.io/yaml), K3s and Talos read
// with Go's go-yaml, which adds YAML 1.2's `0o17` and Go's own number syntax. So every string
// that any of these would read as something else is double-quoted; the rest stay plain.
import { Document, Schema, ToStringOptions, visit } from "yaml";

const STR = "tag:yaml.org,2002:str";

/**
 * What the `yaml` library's own YAML 1.1 and 1.2 core schemas resolve a plain scalar to: bools
 * (y/yes/on/off/true... in all their cases), null and `~`, ints in base 2/8/10/16/60 with `_`,
 * floats with `.inf`/`.nan`, timestamps and the `<<` merge key.
 */
const SCHEMA_TESTS: readonly RegExp[] = [
  new Schema({ schema: "yaml-1.1" }),
  new Schema({ schema: "core" }),
].flatMap((s) => s.tags.flatMap((t) => (t.tag !== STR && t.test ? [t.test] : [])));

/**
 * Go's go-yaml (v2 and v3, resolve.go) reads a plain scalar that starts with a digit, sign or dot
 * with strconv.ParseInt(s, 0, 64) after dropping every `_`, then as a float: upper-case `0X1F`,
 * `0B1`, `0O17`, a signed `+0x1f` and `09` are numbers there, strings in both schemas above.
 */
const GO_NUMBER =
  /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)$/;

/**
 * True when some reader takes the plain scalar `s` for something other than this string: one of
 * the schemas above, Go's number syntax, or YAML 1.1's value key `=` (yaml.org/type/value.html),
 * which PyYAML resolves and then cannot construct ("could not determine a constructor").
 */
export function ambiguousPlain(s: string): boolean {
  return (
    s === "=" ||
    SCHEMA_TESTS.some((t) => t.test(s)) ||
    (/^[-+.0-9]/.test(s) && GO_NUMBER.test(s.replace(/_/g, "")))
  );
}

/**
 * `value` as a YAML document in which every string scalar, key or value, that `ambiguousPlain`
 * flags is double-quoted. For renderers that set more styles (flow lists) before `toString`. The
 * document stays YAML 1.2: the library's `version: "1.1"` option alone quotes `on` and `0b101`
 * but writes the strings `<<` and `=` plain, and `0o17` too.
 */
export function portableDocument(value: unknown): Document {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && ambiguousPlain(node.value)) {
        node.type = "QUOTE_DOUBLE";
      }
    },
  });
  return doc;
}

/** `value` as YAML text every YAML 1.1 and 1.2 reader reads back as `value` (portableDocument). */
export function portableYaml(value: unknown, options: ToStringOptions = {}): string {
  return portableDocument(value).toString(options);
}
