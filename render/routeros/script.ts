// Menus of managed entries -> RouterOS script text. The script uses a deliberately small part of
// the RouterOS language (blocks, :local/:set, :foreach over `find`, :if, add/set/remove/get,
// :tostr, :put), so that tests can run it against a model of the router that understands exactly
// that part and nothing else.
import { ManagedEntry, Menu, Prop, PropValue } from "./menus";
import { quote, timeString, timeText } from "./syntax";

/** The comment of a managed entry is exactly `managed-by=<stack>;key=<key>`. */
export function managedComment(stack: string, key: string): string {
  return `${markerPrefix(stack)}${key}`;
}

/** What every comment of the stack starts with; `;key=` ends the stack name unambiguously. */
export function markerPrefix(stack: string): string {
  return `managed-by=${stack};key=`;
}

// Defence in depth: values written bare were validated upstream; these patterns make sure that
// nothing outside the plain-token alphabet is ever written unquoted, whatever the caller did.
const KEY_RE = /^[A-Za-z0-9_.:/-]+$/;
const WORD_RE = /^[A-Za-z0-9_.:/-]+$/;
const ITEM_RE = /^[a-z0-9-]+$/;

function checked(re: RegExp, what: string, value: string): string {
  if (!re.test(value))
    throw new Error(`internal: ${what} ${JSON.stringify(value)} is not a plain token`);
  return value;
}

function written(v: PropValue): string {
  switch (v.kind) {
    case "word":
      return checked(WORD_RE, "value", v.text);
    case "text":
      return quote(v.text);
    case "bool":
      return v.value ? "yes" : "no";
    case "list":
      return v.items.map((i) => checked(ITEM_RE, "list item", i)).join(",");
    case "time":
      return timeText(v.ms);
  }
}

/** Every text `[:tostr [get $i prop]]` may return for the desired value. */
function readBack(v: PropValue): string[] {
  switch (v.kind) {
    case "word":
    case "text":
      return [v.text];
    case "bool":
      return [String(v.value)];
    case "list": {
      // An array reads back ';'-joined; accept the written ',' form too in case the menu
      // returns the property as a plain string, so neither form causes a needless set.
      const forms = [v.items.join(";"), v.items.join(",")];
      return forms.filter((f, i) => forms.indexOf(f) === i);
    }
    case "time":
      // Accept the written form too, should the menu return the property as a plain string.
      return [timeString(v.ms), timeText(v.ms)];
  }
}

const assignments = (props: readonly Prop[]): string =>
  props.map((p) => `${p.name}=${written(p.value)}`).join(" ");

function compareLine(path: string, p: Prop): string {
  const read = `[:tostr [${path}/get $i ${p.name}]]`;
  const differs = readBack(p.value).map((f) => `(${read} != ${quote(f)})`);
  const cond = differs.length === 1 ? differs[0] : `(${differs.join(" and ")})`;
  const fix = `${path}/set $i ${p.name}=${written(p.value)}; :put (${quote(`set ${p.name} `)} . $c)`;
  return `:if ${cond} do={ ${fix} }`;
}

/** Lines of the `:foreach` that keeps the first entry carrying `$c`, corrected, and drops copies. */
function findAndCorrect(
  path: string,
  comment: string,
  props: readonly Prop[],
  afterFound: readonly string[],
): string[] {
  return [
    `:local c ${quote(comment)}`,
    `:local found false`,
    `:foreach i in=[${path}/find where comment=$c] do={`,
    `  :if ($found) do={ ${path}/remove $i; :put ("removed duplicate " . $c) } else={`,
    `    :set found true`,
    ...props.filter((p) => !p.addOnly).map((p) => `    ${compareLine(path, p)}`),
    ...afterFound.map((l) => `    ${l}`),
    `  }`,
    `}`,
  ];
}

function upsert(menu: Menu, e: ManagedEntry, stack: string): string[] {
  const add = `${menu.path}/add ${assignments(e.props)} comment=$c`;
  const lines = findAndCorrect(menu.path, managedComment(stack, e.key), e.props, []);
  return [
    "{",
    ...lines.map((l) => `  ${l}`),
    `  :if (!$found) do={ ${add}; :put ("added " . $c) }`,
    "}",
  ];
}

/**
 * Ordered menus are walked last entry first, remembering the entry just handled: a missing entry
 * is added before it, so a rule that was deleted by hand comes back at its place in the chain.
 */
function upsertOrdered(menu: Menu, stack: string): string[] {
  const inner = [...menu.entries].reverse().flatMap((e) => {
    const add = `${menu.path}/add ${assignments(e.props)} comment=$c`;
    const lines = [
      ...findAndCorrect(menu.path, managedComment(stack, e.key), e.props, [
        ":set nextid $i",
        ":set hasnext true",
      ]),
      ":if (!$found) do={",
      `  :if ($hasnext) do={ :set nextid [${add} place-before=$nextid] } else={ :set nextid [${add}] }`,
      "  :set hasnext true",
      '  :put ("added " . $c)',
      "}",
    ];
    return ["{", ...lines.map((l) => `  ${l}`), "}"];
  });
  return ["{", '  :local nextid ""', "  :local hasnext false", ...inner.map((l) => `  ${l}`), "}"];
}

function removeAll(path: string, stack: string): string {
  const find = `${path}/find where comment~${quote(`^${markerPrefix(stack)}`)}`;
  return `:foreach i in=[${find}] do={ :put ("removed " . [${path}/get $i comment]); ${path}/remove $i }`;
}

function prune(menu: Menu, stack: string): string[] {
  if (menu.entries.length === 0) return [removeAll(menu.path, stack)];
  const keep = menu.entries.map((e) => quote(managedComment(stack, e.key))).join(";");
  const find = `${menu.path}/find where comment~${quote(`^${markerPrefix(stack)}`)}`;
  return [
    "{",
    `  :local keep {${keep}}`,
    `  :foreach i in=[${find}] do={`,
    `    :local c [${menu.path}/get $i comment]`,
    "    :local wanted false",
    "    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }",
    `    :if (!$wanted) do={ ${menu.path}/remove $i; :put ("removed " . $c) }`,
    "  }",
    "}",
  ];
}

export interface ScriptHeader {
  readonly router: string;
  readonly stack: string;
  readonly version: string;
}

function checkKeys(all: readonly Menu[]): void {
  for (const m of all) for (const e of m.entries) checked(KEY_RE, "key", e.key);
}

export function reconcileScript(h: ScriptHeader, all: readonly Menu[]): string {
  checkKeys(all);
  const marker = quote(markerPrefix(h.stack));
  const lines = [
    `# RouterOS ${h.version} reconcile script for router ${h.router}, stack ${h.stack}. Generated; do not edit.`,
    `# Owns exactly the entries whose comment starts with ${marker}: phase 1 removes the ones`,
    "# no longer desired, phase 2 adds missing ones and sets properties that differ. A second run",
    "# only finds and compares.",
  ];
  for (const m of [...all].reverse()) lines.push(`# prune ${m.path}`, ...prune(m, h.stack));
  for (const m of all) {
    if (m.entries.length === 0) continue;
    lines.push(`# reconcile ${m.path}`);
    if (m.ordered) lines.push(...upsertOrdered(m, h.stack));
    else for (const e of m.entries) lines.push(...upsert(m, e, h.stack));
  }
  return `${lines.join("\n")}\n`;
}

export function destroyScript(h: ScriptHeader, all: readonly Menu[]): string {
  const marker = quote(markerPrefix(h.stack));
  const lines = [
    `# RouterOS ${h.version} destroy script for router ${h.router}, stack ${h.stack}. Generated; do not edit.`,
    `# Removes exactly the entries whose comment starts with ${marker}, and nothing else.`,
    ...[...all].reverse().map((m) => removeAll(m.path, h.stack)),
  ];
  return `${lines.join("\n")}\n`;
}
