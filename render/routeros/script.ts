// Menus of managed entries -> RouterOS script text. The script uses a deliberately small part of
// the RouterOS language (blocks, :local/:set, :foreach over `find`, :if, add/set/remove/get,
// :tostr, :put), so that tests can run it against a model of the router that understands exactly
// that part and nothing else.
import { Identity, KeyProp, literalRegex } from "./identity";
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

/**
 * An entry the router already held and the script adopted carries `<managed comment>;adopted`,
 * then `;was=<the owner's comment>` when it had one: prune and destroy release it (restore that
 * comment, or none) and never remove it. Keys and stack names hold no ';', so the first
 * `;adopted` ends the managed part.
 */
export const ADOPTED = ";adopted";
const WAS = ";was=";

/** The comment of an adopted entry whose own comment was `was` ("" for none). */
export function adoptedComment(stack: string, key: string, was: string): string {
  return `${managedComment(stack, key)}${ADOPTED}${was === "" ? "" : `${WAS}${was}`}`;
}

/** A regex (RouterOS `~`) for the comments of key `key`: the one we added, or one we adopted. */
function keyRegex(stack: string, key: string): string {
  return `^${literalRegex(managedComment(stack, key))}($|${ADOPTED})`;
}

/** `find where` conditions selecting the entries we added (`;adopted` never follows a key). */
const addedWhere = (stack: string): string => `comment~${quote(`^${markerPrefix(stack)}[^;]*$`)}`;
/** `find where` conditions selecting the entries we adopted. */
const adoptedWhere = (stack: string): string =>
  `comment~${quote(`^${markerPrefix(stack)}[^;]*${ADOPTED}`)}`;

/**
 * Lines that release the adopted entry `$i` of `path`: its comment goes back to the owner's
 * (`;was=`), or to none, and the entry stays; `released <managed comment>` is printed.
 */
function release(path: string, what: string): string[] {
  const rest = `[:pick $was ${ADOPTED.length + WAS.length} [:len $was]]`;
  return [
    `:local own [${path}/get $i comment]`,
    `:local was [:pick $own [:find $own ${quote(ADOPTED)}] [:len $own]]`,
    `:if ($was = ${quote(ADOPTED)}) do={ ${path}/set $i comment="" } else={ ${path}/set $i comment=${rest} }`,
    `:put (${quote(`${what} `)} . [:pick $own 0 [:find $own ${quote(ADOPTED)}]])`,
  ];
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
export function readBack(v: PropValue): string[] {
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
  e: ManagedEntry,
  stack: string,
  afterFound: readonly string[],
): string[] {
  const props = e.props;
  return [
    ...adopt(path, e, stack),
    ":set found false",
    `:foreach i in=[${path}/find where comment~$r] do={`,
    `  :if ($found) do={`,
    `    :if ([${path}/get $i comment] = $c) do={ ${path}/remove $i; :put ("removed duplicate " . $c) } else={`,
    ...release(path, "released duplicate").map((l) => `      ${l}`),
    "    }",
    `  } else={`,
    `    :set found true`,
    ...props.filter((p) => !p.addOnly).map((p) => `    ${compareLine(path, p)}`),
    ...afterFound.map((l) => `    ${l}`),
    `  }`,
    `}`,
  ];
}

/** `[:tostr [<path>/get $i <name>]]`. */
const got = (path: string, name: string): string => `[:tostr [${path}/get $i ${name}]]`;

/** A condition: the router's entry `$i` prints one of `k.forms` for `k.name`. */
function equals(path: string, k: KeyProp): string {
  const differs = k.forms.map((f) => `(${got(path, k.name)} != ${quote(f)})`);
  return differs.length === 1
    ? `(${got(path, k.name)} = ${quote(k.forms[0])})`
    : `!(${differs.join(" and ")})`;
}

/** A condition: `$i` is the same entry as the wanted one by one of its identities. */
function sameEntry(path: string, id: Identity): string {
  const empty = (id.empty ?? []).map((n) => `(${got(path, n)} = "")`);
  const alts = id.keys.map(
    (k) => `(${[...k.map((p) => equals(path, p)), ...empty].join(" and ")})`,
  );
  return alts.length === 1 ? alts[0] : `!(${alts.map((a) => `!${a}`).join(" and ")})`;
}

/**
 * The `find where` condition of the router's entries the script may adopt: none a stack manages
 * (`managed-by=`). A factory (`defconf`) entry equal to a wanted one is adopted like any owner's
 * entry (RouterOS refuses a second equal address, DNS name or route, so adding would stop the
 * script halfway; release gives its `defconf` comment back), except in the firewall filter
 * chains: a factory rule keeps its place and its comment, which is how our rules find the factory
 * drops to go above (`placeBefore`), and an equal rule of ours above it is allowed.
 */
function notOurs(path: string): string {
  return /\/firewall\/filter$/.test(path)
    ? '!(comment~"^(managed-by=|defconf)")'
    : '!(comment~"^managed-by=")';
}

/**
 * Lines that declare `$c` (our comment), `$r` (the regex of it, adopted or not) and `$found` and,
 * when no entry carries the key, mark the first entry of the router that is the same as the
 * wanted one and is no stack's (`notOurs`), and is not disabled, as
 * adopted (`adoptedComment`, keeping the owner's comment): it is adopted, not added a second
 * time. The check pass has already stopped the script if that entry differs in a property we
 * manage (outside the identity's `adoptSets`, which the reconcile then sets on it), so adopting
 * changes nothing else of the owner's but the comment.
 */
function adopt(path: string, e: ManagedEntry, stack: string): string[] {
  const cond = `(!$found) and ${sameEntry(path, e.identity)} and (${got(path, "disabled")} != "true")`;
  const mark = `:if ($own = "") do={ ${path}/set $i comment=($c . ${quote(ADOPTED)}) } else={ ${path}/set $i comment=($c . ${quote(ADOPTED + WAS)} . $own) }`;
  return [
    `:local c ${quote(managedComment(stack, e.key))}`,
    `:local r ${quote(keyRegex(stack, e.key))}`,
    ":local found false",
    `:foreach i in=[${path}/find where comment~$r] do={ :set found true }`,
    ":if (!$found) do={",
    `  :foreach i in=[${path}/find where ${notOurs(path)}] do={`,
    `    :if (${cond}) do={`,
    `      :local own [:tostr [${path}/get $i comment]]`,
    `      ${mark}`,
    '      :put ("adopted " . $c)',
    "      :set found true",
    "    }",
    "  }",
    "}",
  ];
}

/** `prop=value ...` of the wanted entry, as the conflict message shows it. */
const wantedText = (id: Identity): string =>
  id.shown.map((k) => `${k.name}=${k.forms[0]}`).join(" ");

/** An expression: `<head>prop=value ...` of the router's entry `$i`. */
function routerText(path: string, id: Identity, head: string): string {
  return id.shown
    .map((k, n) => `${quote(`${n === 0 ? head : " "}${k.name}=`)} . ${got(path, k.name)}`)
    .join(" . ");
}

const DISABLED = "the same entry, disabled; enable or remove the router's entry";
const OTHER = "the same entry with other properties: ";
const OTHER_FIX =
  "; set them on the router's entry as the stack wants, or remove the entry: the stack adopts an entry only as it is, so that releasing it gives the owner's entry back unchanged";
const CHANGE = "remove or change the router's entry, or change the stack";

/**
 * The check of one wanted entry, changing nothing: every entry of the router (not ours) that
 * clashes with it, or is the same but disabled, adds a line to `$problems`:
 * `conflict <menu>: the router has <entry>, the stack wants <entry> (key <key>): <why>; <fix>`.
 */
function check(menu: Menu, e: ManagedEntry, stack: string): string[] {
  const path = menu.path;
  const id = e.identity;
  const mine = `!(comment~${quote(`^${markerPrefix(stack)}`)})`;
  const where = id.conflict ? `${id.conflict.where} and ${mine}` : mine;
  const clash = id.conflict ? `${id.conflict.why}; ${CHANGE}` : "";
  const router = routerText(path, id, `conflict ${path}: the router has `);
  const wanted = quote(`, the stack wants ${wantedText(id)} (key ${e.key}): `);
  return [
    `:foreach i in=[${path}/find where ${where}] do={`,
    `  :local why ${quote(clash)}`,
    `  :if (${sameEntry(path, id)}) do={ :set why "" }`,
    `  :if ((${sameEntry(path, id)}) and (${got(path, "disabled")} = "true")) do={ :set why ${quote(DISABLED)} }`,
    '  :if ($why != "") do={',
    '    :if ($problems != "") do={ :set problems ($problems . "\\n") }',
    `    :set problems ($problems . ${router} . ${wanted} . $why)`,
    "  }",
    "}",
    ...differences(menu, e, stack),
  ];
}

/**
 * The check that an entry we would adopt, or have adopted, has the wanted value of every property
 * we manage: else `$problems` gets `... (key K): the same entry with other properties: <prop>
 * <router's> (the stack wants <value>), ...; <fix>`. The script never writes a property of an
 * entry it did not add, so that releasing it restores the owner's entry exactly, except in a
 * menu whose identity has `adoptSets` (BGP connections): those properties are set on the adopted
 * entry (the dry run lists each), and releasing it gives back its comment only.
 */
function differences(menu: Menu, e: ManagedEntry, stack: string): string[] {
  const path = menu.path;
  const id = e.identity;
  const router = routerText(path, id, `conflict ${path}: the router has `);
  const wanted = quote(`, the stack wants ${wantedText(id)} (key ${e.key}): ${OTHER}`);
  // A property every identity alternative compares is equal already on a same entry.
  const keyed = id.keys
    .map((k) => new Set(k.map((p) => p.name)))
    .reduce((a, b) => new Set([...a].filter((n) => b.has(n))));
  const sets = new Set(id.adoptSets?.props ?? []);
  const props = e.props.filter((p) => !p.addOnly && !keyed.has(p.name) && !sets.has(p.name));
  if (props.length === 0) return [];
  const fix = id.adoptSets ? `; ${id.adoptSets.breaks}` : OTHER_FIX;
  const body = (cond: string): string[] => [
    `  :if (${cond}) do={`,
    '    :local diff ""',
    ...props.map((p) => {
      const differs = readBack(p.value).map((f) => `(${got(path, p.name)} != ${quote(f)})`);
      const c = differs.length === 1 ? differs[0] : `(${differs.join(" and ")})`;
      const want = JSON.stringify(readBack(p.value)[0]);
      const text = `${quote(`${p.name}="`)} . ${got(path, p.name)} . ${quote(`" (the stack wants ${want})`)}`;
      return `    :if ${c} do={ :if ($diff != "") do={ :set diff ($diff . ", ") }; :set diff ($diff . ${text}) }`;
    }),
    '    :if ($diff != "") do={',
    '      :if ($problems != "") do={ :set problems ($problems . "\\n") }',
    `      :set problems ($problems . ${router} . ${wanted} . $diff . ${quote(fix)})`,
    "    }",
    "  }",
  ];
  const candidate = `(${sameEntry(path, id)}) and (${got(path, "disabled")} != "true")`;
  const adoptedHere = quote(`^${literalRegex(managedComment(stack, e.key))}${ADOPTED}`);
  return [
    `:foreach i in=[${path}/find where ${notOurs(path)}] do={`,
    ...body(candidate),
    "}",
    `:foreach i in=[${path}/find where comment~${adoptedHere}] do={`,
    ...body("true"),
    "}",
  ];
}

/**
 * `lines` as they are, or, for a menu with `requires`, inside a block that runs them only when
 * the router has that entry (found as the adoption finds entries: a `:foreach` over `find`).
 */
function guarded(menu: Menu, lines: readonly string[]): string[] {
  const r = menu.requires;
  if (r === undefined || lines.length === 0) return [...lines];
  return [
    "{",
    "  :local present false",
    `  :foreach i in=[${r.path}/find where name=${quote(r.name)}] do={ :set present true }`,
    "  :if ($present) do={",
    ...lines.map((l) => `    ${l}`),
    "  }",
    "}",
  ];
}

/** The first pass: checks every wanted entry and stops with every conflict, changing nothing. */
function checkPass(all: readonly Menu[], stack: string): string[] {
  const body = all.flatMap((m) =>
    guarded(
      m,
      m.entries.flatMap((e) => check(m, e, stack)),
    ),
  );
  if (body.length === 0) return [];
  return [
    "# check: stop before the first change if the router holds an entry that clashes",
    "{",
    '  :local problems ""',
    ...body.map((l) => `  ${l}`),
    '  :if ($problems != "") do={ :error $problems }',
    "}",
  ];
}

function upsert(menu: Menu, e: ManagedEntry, stack: string): string[] {
  const add = `${menu.path}/add ${assignments(e.props)} comment=$c`;
  const lines = findAndCorrect(menu.path, e, stack, []);
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
  const chainOf = (e: ManagedEntry): string => {
    const chain = e.props.find((p) => p.name === "chain")?.value;
    if (chain?.kind !== "word") throw new Error(`internal: ${e.key} has no chain`);
    return chain.text;
  };
  const chains = [...new Set(menu.entries.map(chainOf))];
  return chains.flatMap((chain) =>
    upsertChain(
      menu,
      menu.entries.filter((e) => chainOf(e) === chain),
      chain,
      stack,
    ),
  );
}

/**
 * One chain of an ordered menu, last entry first. With `beforeDefconfDrop`, the chain's last
 * entry goes before the first `drop` whose comment starts with `defconf` (the factory rules'
 * comment), so no rule of ours sits where the factory's drop already decided.
 */
function upsertChain(
  menu: Menu,
  entries: readonly ManagedEntry[],
  chain: string,
  stack: string,
): string[] {
  const p = menu.path;
  // Only rules we added move; one we adopted stays where the owner put it.
  const ours = addedWhere(stack);
  // An earlier script appended rules below the factory drop: those of ours are removed here and
  // added again above it by the walk below (the router's own rules stay where they are).
  const anchor = menu.beforeDefconfDrop
    ? [
        `:foreach i in=[${p}/find where chain=${quote(chain)} and action="drop" and comment~"^defconf"] do={`,
        "  :if (!$hasnext) do={ :set nextid $i; :set hasnext true }",
        "}",
        ":if ($hasnext) do={",
        "  :local below false",
        `  :foreach i in=[${p}/find where chain=${quote(chain)}] do={`,
        "    :if ($i = $nextid) do={ :set below true }",
        `    :if ($below) do={ :foreach j in=[${p}/find where chain=${quote(chain)} and ${ours}] do={ :if ($j = $i) do={ :put ("removed below the defconf drop " . [${p}/get $i comment]); ${p}/remove $i } } }`,
        "  }",
        "}",
      ]
    : [];
  const inner = [...entries].reverse().flatMap((e) => {
    const add = `${menu.path}/add ${assignments(e.props)} comment=$c`;
    const lines = [
      ...findAndCorrect(menu.path, e, stack, [":set nextid $i", ":set hasnext true"]),
      ":if (!$found) do={",
      `  :if ($hasnext) do={ :set nextid [${add} place-before=$nextid] } else={ :set nextid [${add}] }`,
      "  :set hasnext true",
      '  :put ("added " . $c)',
      "}",
    ];
    return ["{", ...lines.map((l) => `  ${l}`), "}"];
  });
  return [
    "{",
    '  :local nextid ""',
    "  :local hasnext false",
    ...[...anchor, ...inner].map((l) => `  ${l}`),
    "}",
  ];
}

/** Removes every entry of the stack we added and releases every one we adopted. */
function removeAll(path: string, stack: string): string[] {
  const find = `${path}/find where ${addedWhere(stack)}`;
  return [
    `:foreach i in=[${find}] do={ :put ("removed " . [${path}/get $i comment]); ${path}/remove $i }`,
    `:foreach i in=[${path}/find where ${adoptedWhere(stack)}] do={`,
    ...release(path, "released").map((l) => `  ${l}`),
    "}",
  ];
}

/** Removes the entries we added that are no longer wanted; releases the adopted ones. */
function prune(menu: Menu, stack: string): string[] {
  if (menu.entries.length === 0) return removeAll(menu.path, stack);
  const p = menu.path;
  const keep = menu.entries.map((e) => quote(managedComment(stack, e.key))).join(";");
  const unwanted = "    :foreach k in=$keep do={ :if ($k = $c) do={ :set wanted true } }";
  return [
    "{",
    `  :local keep {${keep}}`,
    `  :foreach i in=[${p}/find where ${addedWhere(stack)}] do={`,
    `    :local c [${p}/get $i comment]`,
    "    :local wanted false",
    unwanted,
    `    :if (!$wanted) do={ ${p}/remove $i; :put ("removed " . $c) }`,
    "  }",
    `  :foreach i in=[${p}/find where ${adoptedWhere(stack)}] do={`,
    `    :local c [:pick [${p}/get $i comment] 0 [:find [${p}/get $i comment] ${quote(ADOPTED)}]]`,
    "    :local wanted false",
    unwanted,
    "    :if (!$wanted) do={",
    ...release(p, "released").map((l) => `      ${l}`),
    "    }",
    "  }",
    "}",
  ];
}

export interface ScriptHeader {
  readonly router: string;
  readonly stack: string;
  readonly version: string;
  /** Interfaces kept out of the interface list `LAN`, and why (RouterOsDesiredState). */
  readonly lanKeptOut?: readonly { readonly interface: string; readonly why: string }[];
}

/** A header line naming an interface the script keeps out of `LAN` (read by the dry run). */
export const LAN_KEPT_OUT_RE = /^# kept out of LAN: (\S+) \((.*)\)$/;

function checkKeys(all: readonly Menu[]): void {
  for (const m of all) for (const e of m.entries) checked(KEY_RE, "key", e.key);
}

export function reconcileScript(h: ScriptHeader, all: readonly Menu[]): string {
  checkKeys(all);
  const marker = quote(markerPrefix(h.stack));
  const lines = [
    `# RouterOS ${h.version} reconcile script for router ${h.router}, stack ${h.stack}. Generated; do not edit.`,
    `# Owns exactly the entries whose comment starts with ${marker}. Pass 1 only checks: an entry`,
    "# of the router that clashes with a wanted one stops the script before any change. Pass 2",
    "# removes the entries it added that are no longer desired and releases the adopted ones (the",
    "# owner's comment goes back, the entry stays); pass 3 adopts the router's own entry equal to a",
    "# wanted one on every property we manage (marks it `;adopted`, the owner's comment kept after",
    "# `;was=`), adds the missing ones (filter rules before the chain's first factory defconf",
    "# drop) and sets properties that differ on the entries it added. Nothing else is removed,",
    "# moved or changed. A second run only finds and compares.",
    ...(h.lanKeptOut ?? []).map((k) => `# kept out of LAN: ${k.interface} (${k.why})`),
    ...checkPass(all, h.stack),
  ];
  for (const m of [...all].reverse()) lines.push(`# prune ${m.path}`, ...prune(m, h.stack));
  for (const m of all) {
    if (m.entries.length === 0) continue;
    lines.push(`# reconcile ${m.path}`);
    if (m.ordered) lines.push(...guarded(m, upsertOrdered(m, h.stack)));
    else
      lines.push(
        ...guarded(
          m,
          m.entries.flatMap((e) => upsert(m, e, h.stack)),
        ),
      );
  }
  return `${lines.join("\n")}\n`;
}

export function destroyScript(h: ScriptHeader, all: readonly Menu[]): string {
  const marker = quote(markerPrefix(h.stack));
  const lines = [
    `# RouterOS ${h.version} destroy script for router ${h.router}, stack ${h.stack}. Generated; do not edit.`,
    `# Removes exactly the entries it added (comment ${marker}<key>), and nothing else; an`,
    "# entry it adopted (`;adopted` after the key) is released: the owner's comment back, kept.",
    ...[...all].reverse().flatMap((m) => removeAll(m.path, h.stack)),
  ];
  return `${lines.join("\n")}\n`;
}
