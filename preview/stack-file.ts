// Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI hands it to a program: every key namespaced,
// scalars as strings, objects as JSON. Secrets (`secure:` values) cannot be decrypted offline; they
// become "[secret]" placeholders and are passed as secret config, so they stay marked as secrets.
import { basename, dirname } from "path";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLError } from "yaml";
import { Problem, SiteError } from "../addressing/problems";
import { SECRET_PLACEHOLDER, secureLeaves } from "../site/secret-paths";
import { readRegularFile, STACK_FILE_MAX } from "./files";

export { SECRET_PLACEHOLDER };

export interface StackConfig {
  readonly config: Record<string, string>;
  readonly secretKeys: string[];
  /**
   * Loader paths of the `secure:` values of `homelab:*` keys (`proxmox.endpoint`, `notes[1]`,
   * or `notes` for a whole key): which values inside a secret key are the secret ones. Without
   * it, each key of `secretKeys` counts as secret as a whole.
   */
  readonly secretPaths?: string[];
  /**
   * The source text of numbers YAML reads as something else than written (`7.20` as 7.2, `.inf`,
   * `100000000000000000000000` as 1e+23), by the loader's config path (`routers[0].version`): the
   * JSON the program receives has lost it, so messages take it from here (withNumberSources).
   */
  readonly numberSources?: Record<string, string>;
}

/**
 * Number scalars under `config` whose value does not read back as written, by loader path. A
 * number JSON cannot carry (.inf, .nan) becomes its source text, so that the loader sees a value
 * of the wrong type rather than a missing one.
 */
function numberSources(doc: ReturnType<typeof parseDocument>, project: string) {
  const out: Record<string, string> = {};
  visit(doc, {
    Scalar(key, node, path) {
      if (key !== "value" || typeof node.value !== "number" || node.source === undefined) return;
      const source = node.source;
      const finite = Number.isFinite(node.value);
      if (finite && String(node.value) === source) return;
      // path: Document, the root map, its `config` pair, the config map, a key's pair, ...
      let where = "";
      for (let i = 2; i < path.length; i++) {
        const at = path[i];
        if (isPair(at) && isScalar(at.key)) {
          const k = String(at.key.value);
          if (i === 2) {
            if (k !== "config") return;
            continue;
          }
          where =
            where === ""
              ? k.startsWith(`${project}:`)
                ? k.slice(project.length + 1)
                : k
              : `${where}.${k}`;
        } else if (isSeq(at)) {
          const child = path[i + 1] ?? node;
          where = `${where}[${at.items.indexOf(child as never)}]`;
        } else if (!isMap(at)) {
          return;
        }
      }
      out[where] = source;
      if (!finite) node.value = source;
    },
  });
  return out;
}

function isSecure(v: unknown): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    "secure" in v
  );
}

function replaceSecrets(v: unknown): { value: unknown; secret: boolean } {
  if (isSecure(v)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(v)) {
    const items = v.map(replaceSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (typeof v === "object" && v !== null) {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) {
      const r = replaceSecrets(inner);
      out[k] = r.value;
      secret ||= r.secret;
    }
    return { value: out, secret };
  }
  return { value: v, secret: false };
}

/**
 * A YAML syntax error as a problem at `file:line:column`, quoting the line. An over-indented line
 * is reported where it is, not at the line above whose value YAML tries to continue with it.
 */
function yamlProblem(
  file: string,
  lines: readonly string[],
  e: YAMLError,
  doc?: ReturnType<typeof parseDocument>,
  lineCounter?: LineCounter,
): Problem {
  const [start, end] = e.linePos ?? [{ line: 1, col: 1 }];
  if (e.code === "DUPLICATE_KEY") {
    const earlier = doc && lineCounter ? firstKeyLine(doc, lineCounter, e.pos[0]) : undefined;
    const key = earlier?.key ?? "this key";
    return {
      path: `${file}:${start.line}:${start.col}`,
      input: (lines[start.line - 1] ?? "").trim(),
      message: `repeats the key ${key}${earlier ? ` of line ${earlier.line}` : ""} in one map (YAML: "Map keys must be unique"), and a map holds each key once`,
      fix: `merge the two ${key} entries into one, or remove one of them`,
    };
  }
  if (e.code === "MULTIPLE_DOCS") {
    return {
      path: `${file}:${start.line}:${start.col}`,
      input: (lines[start.line - 1] ?? "").trim(),
      message: "starts a second YAML document; a stack file holds one",
      fix: "remove this line and move the keys after it under the first document's `config:`",
    };
  }
  if (e.code === "MULTILINE_IMPLICIT_KEY" && end && end.line > start.line) {
    const text = lines[end.line - 1] ?? "";
    const col = text.length - text.trimStart().length + 1;
    return {
      path: `${file}:${end.line}:${col}`,
      input: text.trim(),
      message: `is indented deeper than the key on line ${start.line}, so YAML reads it as part of that key's value`,
      fix: `indent it like line ${start.line}, or nest it under a key that ends with ':'`,
    };
  }
  return {
    path: `${file}:${start.line}:${start.col}`,
    input: (lines[start.line - 1] ?? "").trim(),
    message: e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
    fix: "correct the YAML at this line (`key: value` pairs, list items after `- `, indent by spaces); Pulumi.example.yaml shows the form",
  };
}

/**
 * The key of the map entry whose key starts at `pos` (a repeated one) and the line of the first
 * entry of that map with the same key.
 */
function firstKeyLine(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  pos: number,
): { key: string; line: number } | undefined {
  let found: { key: string; line: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === pos);
      if (!dup || !isScalar(dup.key)) return undefined;
      const value = dup.key.value;
      const first = map.items.find((p) => isScalar(p.key) && p.key.value === value);
      const at = isScalar(first?.key) ? first.key.range?.[0] : undefined;
      if (at !== undefined) found = { key: String(value), line: lineCounter.linePos(at).line };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Deepest nesting of a stack file: 64 levels. The bundled stacks nest 7 deep (config, a key, a
 * list of maps, their lists); the YAML parser recurses once per level and overflows the stack
 * some thousands deep, so a file past this is refused before it is parsed.
 */
export const MAX_NESTING = 64;

/**
 * The deepest nesting of flow collections (`[`, `{`) in `text`, outside quoted strings and
 * comments; block nesting is bounded by the file size cap (each level is a longer indent).
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote: string | undefined;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") comment = false;
    if (comment) continue;
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === "[" || c === "{") max = Math.max(max, ++depth);
    else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return max;
}

/**
 * Parses stack file text; `project` namespaces keys written without one. `file` names the file in
 * messages. Throws a SiteError with one problem per YAML syntax error (file, line and column).
 */
export function parseStackFile(text: string, project: string, file = "stack file"): StackConfig {
  const deep = (): SiteError =>
    new SiteError([
      {
        path: file,
        input: "",
        message: `nesting deeper than ${MAX_NESTING} levels`,
        fix: "a stack file's values nest a few levels deep; is it the right file?",
      },
    ]);
  if (flowDepth(text) > MAX_NESTING) throw deep();
  const lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseDocument>;
  try {
    parsed = parseDocument(text, { lineCounter, prettyErrors: true });
  } catch (e) {
    if (e instanceof RangeError) throw deep();
    throw e;
  }
  // The parser turns its own stack overflow into an error of the document.
  if (parsed.errors.some((e) => /Maximum call stack size exceeded/.test(e.message))) throw deep();
  if (parsed.errors.length > 0) {
    const lines = text.split("\n");
    const problems = parsed.errors.map((e) => yamlProblem(file, lines, e, parsed, lineCounter));
    // One over-indented line makes YAML report the same spot twice; keep the clearer one.
    const kept = problems.filter(
      (_, i) =>
        !(
          parsed.errors[i].code === "BLOCK_AS_IMPLICIT_KEY" &&
          parsed.errors.some(
            (o) => o.code === "MULTILINE_IMPLICIT_KEY" && o.pos[0] === parsed.errors[i].pos[0],
          )
        ),
    );
    throw new SiteError(kept);
  }
  if (parsed.contents === null) {
    throw new SiteError([
      {
        path: file,
        input: "",
        message: "the stack file is empty",
        fix: "start it with `config:` and indent the site's homelab: keys under it, as in Pulumi.example.yaml",
      },
    ]);
  }
  const sources = numberSources(parsed, project);
  let js: unknown;
  try {
    js = parsed.toJS();
  } catch (e) {
    // The yaml library refuses a document whose aliases expand without bound (a "billion laughs").
    if (!(e instanceof ReferenceError)) throw e;
    throw new SiteError([
      {
        path: file,
        input: "",
        message: "its YAML aliases (*name) expand to too many values to read safely",
        fix: "write the repeated values out, or refer to each anchor (&name) only a few times",
      },
    ]);
  }
  const doc = (js ?? {}) as { config?: Record<string, unknown> };
  if (
    typeof doc !== "object" ||
    Array.isArray(doc) ||
    (doc.config !== undefined &&
      (typeof doc.config !== "object" || doc.config === null || Array.isArray(doc.config)))
  ) {
    throw new SiteError([
      {
        path: `${file}: config`,
        input: "",
        message: "must be a mapping of config keys",
        fix: "start the file with `config:` and indent the keys under it",
      },
    ]);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const secretPaths: string[] = [];
  for (const [rawKey, rawValue] of Object.entries(doc.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const { value, secret } = replaceSecrets(rawValue);
    config[key] = typeof value === "string" ? value : JSON.stringify(value);
    if (secret) secretKeys.push(key);
    secretPaths.push(...secureLeaves(rawValue, key.startsWith("homelab:") ? key.slice(8) : key));
  }
  return {
    config,
    secretKeys,
    secretPaths,
    ...(Object.keys(sources).length > 0 ? { numberSources: sources } : {}),
  };
}

/**
 * Problems with numbers shown as the stack file wrote them: a string key given `7.20` asks to
 * quote exactly that, and `.inf` is not taken for a string.
 */
export function withNumberSources(
  problems: readonly Problem[],
  sources: Record<string, string> = {},
): Problem[] {
  return problems.map((p) => {
    const source = sources[p.path];
    if (source === undefined) return p;
    if (p.message === "must be a string, not a number")
      return { ...p, input: source, fix: `quote it: "${source}"` };
    // Only a number JSON cannot carry (.inf, .nan) reaches the loader as its source text.
    if (p.message === "must be an integer, not a string")
      return {
        ...p,
        input: source,
        message: "is not an integer: YAML reads it as infinity or NaN",
      };
    return { ...p, input: source };
  });
}

/**
 * Integers the stack file writes with a leading zero (`id: 010`), as problems. This preview reads
 * them as YAML 1.2 does (10), but the Pulumi CLI reads stack files with go-yaml v3, whose integer
 * resolution is Go's `strconv.ParseInt(s, 0, 64)`: a leading 0 means octal there (010 is 8), so
 * `pulumi up` would number a host, VM or VLAN differently from what this preview showed.
 */
export function leadingZeroProblems(sources: Record<string, string> = {}): Problem[] {
  return Object.entries(sources)
    .filter(([, source]) => /^[-+]?0[0-9]+$/.test(source))
    .map(([path, source]) => {
      const value = source.replace(/^([-+]?)0+(?=[0-9])/, "$1");
      return {
        path,
        input: source,
        message: `has a leading zero: this preview reads ${value}, but the Pulumi CLI's YAML reader (go-yaml) reads a leading 0 as octal${/^[-+]?0[0-7]+$/.test(source) ? ` (${parseInt(source, 8)})` : ""}`,
        fix: `write ${value}`,
      };
    });
}

/**
 * Reads and parses `Pulumi.<stack>.yaml`; see parseStackFile for its errors. The file must be a
 * regular file of at most STACK_FILE_MAX bytes whose real path lies inside the folder holding it
 * (the project): anything else (a link to a file elsewhere, a FIFO, a device, a directory, a
 * file too large) throws `RefusedFile` (preview/files.ts) with one line that quotes none of it.
 */
export function readStackFile(path: string, project: string): StackConfig {
  const file = basename(path);
  const text = readRegularFile(path, {
    within: dirname(path),
    withinText: "the project",
    maxBytes: STACK_FILE_MAX,
    what: "a stack file",
    shown: file,
  });
  return parseStackFile(text, project, file);
}
