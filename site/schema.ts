// A small hand-written checker for stack config. Pulumi's `requireObject<T>()` checks nothing at
// run time (pulumi/pulumi#8520), so every value is checked here, unknown keys are errors, and every
// problem is collected before anything fails. Each schema also documents itself, so the README's
// config reference is generated from the same source the loader runs.
import { Address, AddressRange, Family, plainIpv4, Prefix } from "../addressing/ip";
import { Problem } from "../addressing/problems";
import { redactCredentials } from "../addressing/quote";
import { distance } from "fastest-levenshtein";
import { foldLookalikes, lookalikeNote } from "./lookalike";

/** A JSON Schema (draft 2020-12) fragment, as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface Schema<T> {
  /** Returns the checked value, or undefined after pushing at least one problem. */
  check(value: unknown, path: string, problems: Problem[]): T | undefined;
  /**
   * The same rule as JSON Schema, for editors (site/json-schema.ts). Shapes, types, ranges, enums
   * and patterns carry over; what needs address arithmetic (host bits, containment) stays with
   * `check` and the validator.
   */
  json(): JsonSchema;
  /** Type name for the config reference. */
  readonly typeName: string;
  /** Nested fields for the config reference (objects and lists of objects). */
  readonly children?: readonly FieldDoc[];
  /** The allowed values of an enum, for messages (a missing value lists them). */
  readonly allowed?: readonly string[];
  /**
   * A value this schema accepts, checked in place of a secret the offline preview cannot decrypt
   * (site/secret-paths.ts), so that the rest of the site is still validated around it.
   */
  readonly standIn?: unknown;
  /** The schema of a field (objects) or item (lists), to find a secret's stand-in by its path. */
  at?(key: string | number): Schema<unknown> | undefined;
}

/**
 * Stand-ins tried for a string secret, in order: the first its pattern and length accept. They
 * are never shown: wherever a secret's value would appear, "[secret]" does.
 */
const STRING_STAND_INS = [
  "[secret]",
  "offline-secret",
  "offline-secret.invalid",
  "https://offline-secret.invalid/",
];

export interface FieldDoc {
  readonly key: string;
  readonly typeName: string;
  readonly required: boolean;
  readonly defaultText?: string;
  readonly doc: string;
  readonly children?: readonly FieldDoc[];
}

/**
 * The input as quoted in messages; long objects are cut, the path already says where they are.
 * Credentials are redacted before the cut, so that no cut leaves a part of one unrecognised.
 */
export function show(value: unknown): string {
  if (typeof value === "string") return value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = redactCredentials(text.slice(0, 4096));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Kept for callers that redact one URL; every message goes through addressing/quote.ts. */
export const redactUserinfo = redactCredentials;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** What a message shows for the owner's free text it does not quote (see `str`'s `freeText`). */
export const NOT_SHOWN = "[not shown]";

/**
 * Whether a refused string looks like `user:password` (or `user:password@host`): a name, a colon,
 * then more, and not an IPv6 address or prefix (hex digits, colons, dots, a slash only).
 */
export function credentialLike(value: string): boolean {
  // Read by index, not by a regular expression over the whole value: a value may be megabytes.
  const colon = value.indexOf(":");
  if (colon <= 0 || colon > 256) return false;
  const name = value.slice(0, colon);
  const next = value.charAt(colon + 1);
  if (/\s/.test(name) || next === "" || /\s/.test(next)) return false;
  if (/^[a-z][a-z0-9+.-]*$/i.test(name) && (next === "/" || next === "\\")) return false; // a URL
  return !/^[0-9a-f:.]+(\/[0-9]+)?$/i.test(value.slice(0, 64)) || value.length > 64;
}

/** Longest value read for look-alike letters: a DNS name's 253 characters. */
const FOLD_MAX = 253;

/**
 * The fix for a string its pattern refuses: the value in lowercase without surrounding blanks
 * when the pattern takes that (the likeliest mend), else `fix` when the caller knows one, else
 * none: the message names the form.
 */
function patternFix(value: string, pattern: RegExp, fix?: string): string | undefined {
  // A DNS name written fully qualified, as in a zone file (`home.arpa.`): every name here is
  // written without the root's dot, as RouterOS and Talos store it, so it is refused with the
  // name without it (msgs item 4); nothing in the loader rewrites a value silently.
  const bare = value.trim().replace(/\.$/, "");
  if (bare !== value.trim() && pattern.test(bare.toLowerCase()))
    return `did you mean ${bare.toLowerCase()}?`;
  const lower = value.trim().toLowerCase();
  // A version without its `v` (`1.34.1` for v1.34.1).
  if (/^[0-9]+(\.[0-9]+)+$/.test(lower) && pattern.test(`v${lower}`))
    return `did you mean v${lower}?`;
  // A look-alike letter (Cyrillic "р" for "p") or a fullwidth form read as the ASCII one.
  // Folding reads every character: not for a value no name is as long as (a pasted file).
  const meant =
    pattern.test(lower) || value.length > FOLD_MAX ? lower : foldLookalikes(value.trim());
  return meant !== value && pattern.test(meant)
    ? `did you mean ${meant}?${meant === lower ? "" : lookalikeNote(value)}`
    : fix;
}

/**
 * The fix for a value that is not an integer: the number without quotes when a string holds one
 * in range, else the range (and the whole part of a fraction when it lies in the range).
 */
function integerFix(value: unknown, min: number, max: number): string {
  const n =
    typeof value === "string" && /^-?[0-9]+$/.test(value.trim()) ? Number(value.trim()) : undefined;
  if (n !== undefined && n >= min && n <= max) return `write it as a number without quotes: ${n}`;
  const whole = typeof value === "number" ? Math.trunc(value) : undefined;
  return `use a whole number from ${min} to ${max}${
    whole !== undefined && whole >= min && whole <= max ? `, like ${whole}` : ""
  }`;
}

/**
 * A string. `pattern` (described by `patternText`; `patternFix` says how to mend a refused value)
 * and `maxLength` (characters) constrain it.
 * `freeText` marks the owner's free text (a note, a purpose, a description, an owner, a label, a
 * rule's reason): whatever is written there may hold a credential the redaction does not know
 * (`PSK Hunter2-Correct-Horse-Battery`), so a message about it never quotes the input: a value
 * of the wrong type or too long is shown as "[not shown]", the path says where it is.
 */
export function str(
  opts: {
    pattern?: RegExp;
    patternText?: string;
    patternFix?: string;
    maxLength?: number;
    /** Whose limit `maxLength` is, for the message: `of a DNS label (RFC 1035 section 2.3.4)`. */
    maxLengthOf?: string;
    freeText?: boolean;
  } = {},
): Schema<string> {
  return {
    typeName: "string",
    standIn: STRING_STAND_INS.find(
      (v) =>
        (!opts.pattern || opts.pattern.test(v)) &&
        (opts.maxLength === undefined || v.length <= opts.maxLength),
    ),
    json: () => ({
      type: "string",
      ...(opts.pattern ? { pattern: opts.pattern.source } : {}),
      ...(opts.maxLength !== undefined ? { maxLength: opts.maxLength } : {}),
    }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({
          path,
          input: opts.freeText ? NOT_SHOWN : show(value),
          message: `must be a string, not ${typeOf(value)}`,
          fix:
            typeof value === "number"
              ? "quote it as written in the stack file (unquoted, YAML reads it as a number)"
              : "write one line of text here, in quotes if it holds ': ' or starts with [ or {",
        });
        return undefined;
      }
      if (opts.pattern && !opts.pattern.test(value)) {
        problems.push({
          path,
          // `admin:hunter2` in a user name is a credential pasted whole: not quoted (an address
          // or a prefix, all hex digits, colons, dots and slashes, is).
          input: opts.freeText || credentialLike(value) ? NOT_SHOWN : value,
          message: `must be ${opts.patternText ?? `like ${opts.pattern}`}`,
          // A value not quoted is not echoed in the fix either.
          fix:
            opts.freeText || credentialLike(value)
              ? opts.patternFix
              : patternFix(value, opts.pattern, opts.patternFix),
        });
        return undefined;
      }
      if (opts.maxLength !== undefined && value.length > opts.maxLength) {
        problems.push({
          path,
          input: opts.freeText ? NOT_SHOWN : value,
          message: opts.maxLengthOf
            ? `is ${value.length} characters, more than the ${opts.maxLength} ${opts.maxLengthOf}`
            : `must be at most ${opts.maxLength} characters`,
          fix: `shorten it to ${opts.maxLength} characters or fewer`,
        });
        return undefined;
      }
      return value;
    },
  };
}

/**
 * The JSON Schema of a value that must be a Pulumi secret: in a stack file a secret is
 * `{ secure: <ciphertext> }` (Pulumi docs, "Secrets"); plain text is refused.
 */
export function secureJson(): JsonSchema {
  return {
    type: "object",
    properties: { secure: { type: "string", minLength: 1 } },
    required: ["secure"],
    additionalProperties: false,
  };
}

/** A string that must arrive as a secret; its value never appears in a message. */
export function secretString(): Schema<string> {
  return {
    typeName: "secret string",
    standIn: "[secret]",
    json: secureJson,
    check(value, path, problems) {
      if (typeof value !== "string" || value.length === 0) {
        problems.push({ path, input: "[secret]", message: "must be a non-empty string" });
        return undefined;
      }
      return value;
    },
  };
}

/**
 * A name that goes into hostnames and resource names: one DNS label, at most 63 characters
 * (RFC 1035 section 2.3.4, RFC 1123 section 2.1). The length is its own check, so a long name
 * of the right characters is told its length and the limit, not that it is no DNS label.
 */
export function dnsLabel(): Schema<string> {
  return str({
    pattern: /^[a-z]([a-z0-9-]*[a-z0-9])?$/,
    patternText: "a DNS label: lowercase letters, digits and '-', starting with a letter",
    maxLength: 63,
    maxLengthOf: "a DNS label may have (RFC 1035 section 2.3.4)",
  });
}

/** `inner`, but none of `reserved`: words with a meaning of their own where the value is used. */
export function notReserved(
  inner: Schema<string>,
  reserved: readonly string[],
  where: string,
): Schema<string> {
  return {
    typeName: inner.typeName,
    standIn: inner.standIn,
    json: () => ({ ...inner.json(), not: { enum: [...reserved] } }),
    check(value, path, problems) {
      if (typeof value === "string" && reserved.includes(value)) {
        problems.push({
          path,
          input: value,
          message: `is a reserved name: ${where} read it as their own word`,
          fix: `use a name other than ${reserved.join(", ")}`,
        });
        return undefined;
      }
      return inner.check(value, path, problems);
    },
  };
}

const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/;

/**
 * A URL schema that refuses `user:password@` before `inner` sees the value: a password in a URL
 * would sit in the stack file in plain text and be echoed by every message; it is never shown.
 */
export function noUserinfo(inner: Schema<string>, fix: string): Schema<string> {
  return {
    typeName: inner.typeName,
    standIn: inner.standIn,
    json: inner.json,
    check(value, path, problems) {
      if (typeof value === "string" && USERINFO.test(value)) {
        problems.push({
          path,
          input: redactUserinfo(value),
          message: "carries a user name or password, which the URL may not hold",
          fix,
        });
        return undefined;
      }
      return inner.check(value, path, problems);
    },
  };
}

/**
 * A DNS name as RouterOS stores and the reconcile compares it (render/routeros/syntax.ts): labels
 * of 1 to 63 lowercase letters, digits or '-' not at either end (RFC 1035 section 2.3.1, RFC 1123
 * section 2.1), joined by single dots, at most 253 characters (RFC 1035 section 2.3.4). "x..y"
 * has an empty label (new-user trial, brk25: `plan` refused it at the renderer's `dns[8].name`).
 */
const DNS_NAME_RE =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A dotted DNS name (or domain). */
export function dnsName(what = "a DNS name"): Schema<string> {
  return str({
    pattern: DNS_NAME_RE,
    patternText: `${what}: lowercase labels of letters, digits and '-', separated by '.'`,
    patternFix:
      "write labels of 1 to 63 lowercase letters, digits or '-', not starting or ending with '-', joined by single dots (e.g. nas.home.arpa), at most 253 characters",
  });
}

export function int(min: number, max: number): Schema<number> {
  return {
    typeName: `integer ${min}..${max}`,
    standIn: min,
    json: () => ({ type: "integer", minimum: min, maximum: max }),
    check(value, path, problems) {
      if (typeof value !== "number" || !Number.isInteger(value)) {
        const not = typeof value === "number" ? "" : `, not ${typeOf(value)}`;
        problems.push({
          path,
          input: show(value),
          message: `must be an integer${not}`,
          fix: integerFix(value, min, max),
        });
        return undefined;
      }
      if (value < min || value > max) {
        problems.push({ path, input: show(value), message: `must be between ${min} and ${max}` });
        return undefined;
      }
      return value;
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    typeName: "boolean",
    standIn: false,
    json: () => ({ type: "boolean" }),
    check(value, path, problems) {
      if (typeof value !== "boolean") {
        // YAML 1.2 reads yes/no/on/off as strings; say which boolean was meant.
        const meant =
          typeof value === "string"
            ? { yes: true, on: true, true: true, no: false, off: false, false: false }[
                value.toLowerCase()
              ]
            : undefined;
        problems.push({
          path,
          input: show(value),
          message: `must be true or false, not ${typeOf(value)}`,
          ...(meant !== undefined ? { fix: `write ${meant} (unquoted)` } : {}),
        });
        return undefined;
      }
      return value;
    },
  };
}

export function oneOf<T extends string>(values: readonly T[]): Schema<T> {
  return {
    typeName: values.map((v) => `\`${v}\``).join(" or "),
    allowed: values,
    standIn: values[0],
    json: () => ({ enum: [...values] }),
    check(value, path, problems) {
      if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
        const near = typeof value === "string" ? closest(value, values) : undefined;
        problems.push({
          path,
          input: show(value),
          message: `must be one of ${values.join(", ")}`,
          fix: near ? `did you mean ${near}?` : undefined,
        });
        return undefined;
      }
      return value as T;
    },
  };
}

// Loose shapes for editors; strict parsing (no leading zeros, RFC 5952, no host bits) is check's.
const IPV4_ADDRESS = "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$";
const IPV4_PREFIX = "^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$";
const IPV6_ADDRESS = "^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$";
const IPV6_PREFIX = "^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*/[0-9]{1,3}$";
const RANGE = "^[0-9a-fA-F:.]+-[0-9a-fA-F:.]+$";

/** Why an IPv4-mapped IPv6 value (`::ffff:10.0.0.1`) is refused in an IPv4 key. */
const MAPPED = (what: "address" | "prefix") =>
  `is an IPv4-mapped IPv6 ${what} (::ffff:0:0/96, RFC 4291 2.5.5.2); this key takes a plain IPv4 ${what}`;

function familyName(f: Family): string {
  return f === 4 ? "IPv4" : "IPv6";
}

export function prefix(family: Family): Schema<Prefix> {
  return {
    typeName: `${familyName(family)} prefix`,
    json: () => ({ type: "string", pattern: family === 4 ? IPV4_PREFIX : IPV6_PREFIX }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({
          path,
          input: show(value),
          message: `must be an ${familyName(family)} prefix string`,
        });
        return undefined;
      }
      const plain = family === 4 && value.includes("/") ? plainIpv4(value) : undefined;
      if (plain) {
        problems.push({ path, input: value, message: MAPPED("prefix"), fix: `write ${plain}` });
        return undefined;
      }
      const parsed = Prefix.parse(value);
      if (!parsed.ok) {
        problems.push({ path, input: value, message: parsed.error, fix: parsed.fix });
        return undefined;
      }
      if (parsed.value.family !== family) {
        problems.push({
          path,
          input: value,
          message: `is an ${familyName(parsed.value.family)} prefix; this key takes ${familyName(family)}`,
          fix: `write an ${familyName(family)} prefix here`,
        });
        return undefined;
      }
      return parsed.value;
    },
  };
}

/** A prefix of either family (a subnet of an IPv4 and IPv6 list, like Proxmox's SDN subnets). */
export function anyPrefix(): Schema<Prefix> {
  return {
    typeName: "IPv4 or IPv6 prefix",
    json: () => ({ type: "string", anyOf: [{ pattern: IPV4_PREFIX }, { pattern: IPV6_PREFIX }] }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({ path, input: show(value), message: "must be a prefix string" });
        return undefined;
      }
      const parsed = Prefix.parse(value);
      if (!parsed.ok) {
        problems.push({ path, input: value, message: parsed.error, fix: parsed.fix });
        return undefined;
      }
      return parsed.value;
    },
  };
}

/** A value written as a name (`edge2`): a letter first, then letters, digits, '.', '_', '-'. */
const NAME_LIKE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * An address of `family`. A name where the address goes (`gateway.ipv4: edge2`) is refused as a
 * name, not as a malformed address; with `ownerKey` (a sibling key that takes the name, as a
 * segment gateway's `owner`) the fix says to move the name there (msgs item 6).
 */
export function address(family: Family, ownerKey?: string): Schema<Address> {
  return {
    typeName: `${familyName(family)} address`,
    // Documentation addresses (RFC 5737, RFC 3849).
    standIn: family === 4 ? "192.0.2.1" : "2001:db8::1",
    json: () => ({ type: "string", pattern: family === 4 ? IPV4_ADDRESS : IPV6_ADDRESS }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({
          path,
          input: show(value),
          message: `must be an ${familyName(family)} address string`,
        });
        return undefined;
      }
      const plain = family === 4 && !value.includes("/") ? plainIpv4(value) : undefined;
      if (plain) {
        problems.push({ path, input: value, message: MAPPED("address"), fix: `write ${plain}` });
        return undefined;
      }
      const parsed = Address.parse(value);
      if (!parsed.ok && NAME_LIKE.test(value)) {
        const f = familyName(family);
        problems.push({
          path,
          input: value,
          message: `is a name, not an ${f} address: this key takes the address itself`,
          fix: ownerKey
            ? `write the ${f} address ${value} holds on the segment here, and move the name to ${ownerKey}: (gateway: { ipv${family}: <address>, ${ownerKey}: ${value} })`
            : `write the ${f} address of ${value} here`,
        });
        return undefined;
      }
      if (!parsed.ok) {
        problems.push({ path, input: value, message: parsed.error, fix: parsed.fix });
        return undefined;
      }
      if (parsed.value.family !== family) {
        problems.push({
          path,
          input: value,
          message: `is an ${familyName(parsed.value.family)} address; this key takes ${familyName(family)}`,
          fix: `write an ${familyName(family)} address here`,
        });
        return undefined;
      }
      return parsed.value;
    },
  };
}

export function range(): Schema<AddressRange> {
  return {
    typeName: "address range `start-stop`",
    json: () => ({ type: "string", pattern: RANGE }),
    check(value, path, problems) {
      if (typeof value !== "string") {
        problems.push({ path, input: show(value), message: "must be a range string start-stop" });
        return undefined;
      }
      const parsed = AddressRange.parse(value);
      if (!parsed.ok) {
        problems.push({ path, input: value, message: parsed.error, fix: parsed.fix });
        return undefined;
      }
      return parsed.value;
    },
  };
}

/** An IPv6 interface identifier written as `::x` (e.g. `::fffe`), returned as its integer value. */
export function interfaceId(): Schema<bigint> {
  return {
    typeName: "IPv6 interface ID `::x`",
    json: () => ({ type: "string", pattern: "^::[0-9a-f:.]+$" }),
    check(value, path, problems) {
      const parsed =
        typeof value === "string" && value.startsWith("::") ? Address.parse(value) : undefined;
      if (!parsed || !parsed.ok || parsed.value.family !== 6) {
        problems.push({
          path,
          input: show(value),
          message: "must be an IPv6 interface ID written like ::fffe",
          fix: parsed && !parsed.ok ? parsed.fix : undefined,
        });
        return undefined;
      }
      return parsed.value.value;
    },
  };
}

export interface FieldSpec<T> {
  readonly schema: Schema<T>;
  readonly doc: string;
  readonly required?: boolean;
  /** Shown in the config reference; the loader applies defaults, not the schema. */
  readonly defaultText?: string;
}

export function field<T>(
  schema: Schema<T>,
  doc: string,
  extra: Omit<FieldSpec<T>, "schema" | "doc"> = {},
): FieldSpec<T> {
  return { schema, doc, ...extra };
}

type Shape = Record<string, FieldSpec<unknown>>;
export type Checked<S extends Shape> = {
  -readonly [K in keyof S]?: S[K] extends FieldSpec<infer T> ? T : never;
};

function docsOf(shape: Shape): FieldDoc[] {
  return Object.entries(shape).map(([key, spec]) => ({
    key,
    typeName: spec.schema.typeName,
    required: spec.required ?? false,
    defaultText: spec.defaultText,
    doc: spec.doc,
    children: spec.schema.children,
  }));
}

/** A field's JSON Schema: its rule, and its doc and default as the editor's hover text. */
export function fieldJson(spec: FieldSpec<unknown>): JsonSchema {
  const dflt = spec.defaultText ? ` Default: ${spec.defaultText}.` : "";
  return { ...spec.schema.json(), description: `${spec.doc}${dflt}` };
}

/** An object of the required fields' stand-ins, or undefined when one of them has none. */
function objectStandIn(shape: Shape): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(shape)) {
    if (!spec.required) continue;
    if (spec.schema.standIn === undefined) return undefined;
    out[key] = spec.schema.standIn;
  }
  return out;
}

export function obj<S extends Shape>(shape: S): Schema<Checked<S>> {
  return {
    typeName: "object",
    children: docsOf(shape),
    standIn: objectStandIn(shape),
    at: (key) => (typeof key === "string" ? shape[key]?.schema : undefined),
    json: () => ({
      type: "object",
      properties: Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, fieldJson(f)])),
      required: Object.entries(shape)
        .filter(([, f]) => f.required)
        .map(([k]) => k),
      additionalProperties: false,
    }),
    check(value, path, problems) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push({
          path,
          input: show(value),
          message: `must be an object, not ${typeOf(value)}`,
        });
        return undefined;
      }
      const out: Record<string, unknown> = {};
      let ok = true;
      const known = Object.keys(shape);
      for (const key of Object.keys(value)) {
        if (!(key in shape)) {
          const near = closest(key, known);
          problems.push({
            // An unknown key's value is not quoted: its type is unknown, so it may be free text.
            path: join(path, key),
            input: NOT_SHOWN,
            message: "is not a known key",
            fix: near ? `did you mean ${near}?` : `known keys: ${known.join(", ")}`,
          });
          ok = false;
        }
      }
      for (const [key, spec] of Object.entries(shape)) {
        const v = (value as Record<string, unknown>)[key];
        if (v === undefined || v === null) {
          if (spec.required) {
            problems.push({
              path: join(path, key),
              input: "",
              message: `is required (${spec.doc})`,
              fix: spec.schema.allowed
                ? `set it to one of ${spec.schema.allowed.join(", ")}`
                : `add ${key} to ${path || "the stack config"} (${spec.schema.typeName})`,
            });
            ok = false;
          }
          continue;
        }
        const checked = spec.schema.check(v, join(path, key), problems);
        if (checked === undefined) ok = false;
        else out[key] = checked;
      }
      return ok ? (out as Checked<S>) : undefined;
    },
  };
}

/**
 * A list of `item`. `minItems` refuses a shorter list (an empty one where `[]` would read as
 * leaving the key out, or as nothing where something is needed) with `fix`, or else "list at
 * least N items".
 */
export function list<T>(
  item: Schema<T>,
  opts: { minItems?: number; fix?: string } = {},
): Schema<T[]> {
  return {
    typeName: `list of ${item.typeName}`,
    children: item.children,
    standIn: [],
    at: (key) => (typeof key === "number" ? item : undefined),
    json: () => ({
      type: "array",
      items: item.json(),
      ...(opts.minItems !== undefined ? { minItems: opts.minItems } : {}),
    }),
    check(value, path, problems) {
      if (!Array.isArray(value)) {
        problems.push({
          path,
          input: show(value),
          message: `must be a list, not ${typeOf(value)}`,
        });
        return undefined;
      }
      if (opts.minItems !== undefined && value.length < opts.minItems) {
        problems.push({
          path,
          input: show(value),
          message: `must have at least ${opts.minItems} item(s)`,
          fix: opts.fix ?? `list at least ${opts.minItems} item${opts.minItems === 1 ? "" : "s"}`,
        });
        return undefined;
      }
      const out: T[] = [];
      let ok = true;
      value.forEach((v, i) => {
        const checked = item.check(v, `${path}[${i}]`, problems);
        if (checked === undefined) ok = false;
        else out.push(checked);
      });
      return ok ? out : undefined;
    },
  };
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * The known name a typo most likely meant, for "did you mean": the one nearest by edit distance
 * A name equal to the input but for case and look-alike letters (site/lookalike.ts: Cyrillic
 * "ѕеrvеr" is "server") comes first; then the nearest by edit distance
 * (Levenshtein, case-insensitive; at most a third of the input's length, at least 2), else the one
 * the input starts with or that starts with the input (`reachable` -> `reach`, `fail` ->
 * `failover`; 3 characters at least). Undefined when nothing is that near, or when two names are
 * equally near (`pve04` among pve01..pve03): a guess between them would mislead.
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  // A name that differs only in case or in look-alike letters is the one meant, however long.
  const folded = key.length <= FOLD_MAX ? foldLookalikes(key) : undefined;
  const alike = [...new Set(known)].filter((n) => foldLookalikes(n) === folded);
  if (alike.length === 1) return alike[0];
  const k = key.toLowerCase();
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: string[] = [];
  let bestDistance = limit + 1;
  for (const name of new Set(known)) {
    const d = distance(k, name.toLowerCase());
    if (d < bestDistance) {
      best = [name];
      bestDistance = d;
    } else if (d === bestDistance) best.push(name);
  }
  if (best.length === 1) return best[0];
  if (best.length > 1) return undefined;
  const affix = [...new Set(known)].filter((name) => {
    const n = name.toLowerCase();
    return Math.min(n.length, k.length) >= 3 && (k.startsWith(n) || n.startsWith(k));
  });
  return affix.length === 1 ? affix[0] : undefined;
}

/** `did you mean <closest>?` for a name that names nothing, or undefined when none is near. */
export function near(input: string, known: readonly string[]): string | undefined {
  const found = closest(input, known);
  return found === undefined ? undefined : `did you mean ${found}?`;
}

/**
 * The fix for a name that names nothing: `did you mean <closest>?`, else the names there are
 * (`<what> are a, b`, or `<what> are none`) followed by `otherwise` (a way to define it).
 */
export function nameFix(
  input: string,
  known: readonly string[],
  what: string,
  otherwise = "",
): string {
  const near = closest(input, known);
  if (near !== undefined) return `did you mean ${near}?`;
  return `${what} are ${known.length > 0 ? known.join(", ") : "none"}${otherwise}`;
}
