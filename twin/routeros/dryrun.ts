// "What will this do to my router?": a reconcile script run on the RouterOS menu model loaded with
// the router's `/export`, reported one line per entry it touches:
//   add <menu> <entry> (key K)[ before <entry>]
//   adopt <menu> <entry as the router has it> (key K)[: prop old -> new, ...]
//   set <menu> <entry> (key K): prop old -> new, ...
//   remove <menu> <entry> (key K)          (entries the stack added only)
//   release <menu> <entry> (key K)[ comment=C]  (adopted: the owner's comment C back, entry kept;
//                                              C shown through redactOwnerText, as every owner's
//                                              comment this file quotes)
//   conflict <menu>: the router has ..., the stack wants ... (the script stops; nothing changes)
// An entry is shown as `prop=value ...` without its comment, values quoted when empty or spaced.
import { ADOPTED, LAN_KEPT_OUT_RE } from "../../render/routeros/script";
import { Address, Prefix } from "../../addressing/ip";
import { redactConfigLine, redactOwnerText } from "../../addressing/quote";
import { parseExport, routerFromExport } from "./export";
import { Change, RouterModel, RouterOsScriptError } from "./model";

/**
 * The script fails on the router for a reason other than a conflict (RouterOS would refuse it).
 * `problems` holds one line per failure found (each interface the router lacks, in the order the
 * script names them); the message is those lines joined by newlines.
 */
export class DryRunError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** The interface an error of the model names as missing (RouterOS's own words), if any. */
const missingInterface = (message: string): string | undefined =>
  /input does not match any value of interface: (\S+)$/.exec(message)?.[1];

/** The most missing interfaces one dry run looks for before it reports those it found. */
const MAX_MISSING = 64;

export interface DryRunCounts {
  /** Entries the export holds (every menu, built-in entries a `set` names included). */
  readonly read: number;
  readonly add: number;
  readonly adopt: number;
  readonly set: number;
  readonly remove: number;
  /** Adopted entries given back to the owner (comment restored, entry kept). */
  readonly release: number;
}

export type DryRun =
  | {
      readonly ok: true;
      readonly lines: readonly string[];
      readonly counts: DryRunCounts;
      /** What the router's own rules will still do to the stack's traffic (`lanListWarnings`). */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly conflicts: readonly string[] };

const HEADER_RE =
  /^# RouterOS ([0-9.]+) reconcile script for router [A-Za-z0-9-]+, stack ([A-Za-z0-9_-]+)\./;

const shown = (v: string): string => (v === "" || /[\s"]/.test(v) ? JSON.stringify(v) : v);

/** `prop=value ...` of an entry, its comment left out. */
function describe(entry: Record<string, string>): string {
  return Object.entries(entry)
    .filter(([k]) => k !== "comment")
    .map(([k, v]) => `${k}=${shown(v)}`)
    .join(" ");
}

/**
 * Runs `script` (a rendered reconcile script) on a model of the router `exportText` describes
 * (`file` names it in messages). Throws ExportError for an export it cannot read, and a
 * DryRunError naming the script's failure for anything RouterOS would refuse; a conflict the script's check
 * pass finds is a result, with the script's own message split into lines.
 */
export function dryRun(script: string, file: string, exportText: string): DryRun {
  const head = HEADER_RE.exec(script);
  if (!head) throw new Error("not a reconcile script (no header line)");
  const [, version, stack] = head;
  const marker = `managed-by=${stack};key=`;
  const exported = parseExport(file, exportText);
  // A router older than the script's release runs it with its own property names: modelled as
  // it is, so that a name it lacks (`afi` before 7.19, `/routing/bgp/instance` before 7.20)
  // fails the dry run as it would fail on the router (new-user trial 3, finding 6).
  const older = minorOf(exported.version) < minorOf(version);
  const modelVersion = older ? exported.version : version;
  const tooOld = older
    ? `; ${file} is an export of RouterOS ${exported.version} and the script is for ${version}: set the router's version in the stack to "${minorText(exported.version)}", or upgrade the router`
    : "";
  const router = routerFromExport(file, exported, modelVersion);
  const before = snapshot(router);
  const read = [...before.values()].length;
  router.requireInterfaces();
  try {
    router.run(script);
  } catch (e) {
    if (e instanceof RouterOsScriptError)
      return { ok: false, conflicts: e.message.split("\n").map(redactConfigLine) };
    const message = (e as Error).message;
    const missing = missingInterface(message);
    if (missing === undefined)
      throw new DryRunError([
        redactConfigLine(`the script fails on the router of ${file}: ${message}${tooOld}`),
      ]);
    throw new DryRunError(
      missingInterfaces(script, file, exported, modelVersion, message).map(
        (m) =>
          `the script fails on the router of ${file}: ${m.message}; ${missingFix(router, script, file, m.name)}`,
      ),
    );
  }
  const keptOut = script.split("\n").flatMap((l) => {
    const m = LAN_KEPT_OUT_RE.exec(l);
    return m ? [{ interface: m[1], why: m[2] }] : [];
  });
  // Every line quotes the router's entries as they are (an adopted BGP connection's
  // tcp-md5-key): shown as the import shows an export line, secrets redacted (new-user trial 4).
  const lines = [
    ...summarise(router, before, marker).map(redactConfigLine),
    ...keptOut.map(
      (k) =>
        `keep out /interface/list/member list=LAN interface=${k.interface} (${k.why}: the factory drops keep it off the router itself)`,
    ),
  ];
  const count = (op: string) => lines.filter((l) => l.startsWith(`${op} `)).length;
  return {
    ok: true,
    lines,
    warnings: [
      ...versionWarnings(file, exported.version, version),
      ...lanListWarnings(router, marker, new Set(keptOut.map((k) => k.interface))),
      ...lanJoinWarnings(router, before, marker, file),
    ],
    counts: {
      read,
      add: count("add"),
      adopt: count("adopt"),
      set: count("set"),
      remove: count("remove"),
      release: count("release"),
    },
  };
}

/**
 * Every interface the script names that the router of `file` lacks, in the order the script
 * reaches them, starting from the failure `first`: the script is run again on a fresh model of
 * the export that takes the ones found so far as present, until it passes, stops for another
 * reason, or MAX_MISSING are found. Each with the model's message at the place it failed.
 */
function missingInterfaces(
  script: string,
  file: string,
  exported: ReturnType<typeof parseExport>,
  version: string,
  first: string,
): { name: string; message: string }[] {
  const found = [{ name: missingInterface(first) as string, message: first }];
  while (found.length < MAX_MISSING) {
    const router = routerFromExport(file, exported, version);
    router.requireInterfaces();
    for (const f of found) router.assumeInterface(f.name);
    try {
      router.run(script);
      break;
    } catch (e) {
      const message = (e as Error).message;
      const name = missingInterface(message);
      if (name === undefined || found.some((f) => f.name === name)) break;
      found.push({ name, message });
    }
  }
  return found;
}

/**
 * The fix for an interface the script names that the router of `file` does not have, with the
 * names the export holds: its bridges (a factory router's is `bridge`; an owner may have renamed
 * it) and the trunk the script creates its VLAN interfaces on (keys `vlan:<trunk>:<id>`).
 */
function missingFix(router: RouterModel, script: string, file: string, missing: string): string {
  const bridges = router.menuPaths().includes("/interface/bridge")
    ? router.entriesOf("/interface/bridge").flatMap((e) => e.props.name ?? [])
    : [];
  const bridge = bridges.length === 1 ? bridges[0] : undefined;
  const has =
    bridges.length === 0
      ? `${file} has no bridge`
      : `${file} has ${bridges.length === 1 ? "the bridge" : "the bridges"} ${bridges.join(", ")}`;
  const trunks = [...new Set([...script.matchAll(/;key=vlan:([^:\s"]+):\d+/g)].map((m) => m[1]))];
  if (trunks.includes(missing))
    return `${file} has no interface ${missing}, the router's trunk (routers[].trunk) that the script creates the VLAN interfaces on: set trunk to the interface the router's VLANs ride on (${has})`;
  if (trunks.length > 0)
    return `${file} has no interface ${missing}: create it on the router, or hold the address on an interface it has`;
  return `${file} has no interface ${missing}: create it on the router (for a VLAN, /interface/vlan/add name=${missing} interface=${bridge ?? "<its bridge>"} vlan-id=<id>; ${has}), or set the router's trunk in the stack (trunk: ${bridge ?? "<its bridge>"}) so that the script creates its VLAN interfaces`;
}

/**
 * The router's factory input drops that spare only the members of an interface list
 * (`in-interface-list=!LAN`: `defconf: drop all not coming from LAN` and its IPv6 twin), enabled,
 * by the list they name, each as `"<comment>" (<menu>)`.
 */
function factoryListDrops(r: RouterModel): Map<string, string[]> {
  const held = new Set(r.menuPaths());
  const drops = new Map<string, string[]>();
  for (const menu of ["/ip/firewall/filter", "/ipv6/firewall/filter"]) {
    if (!held.has(menu)) continue;
    for (const { props: rule } of r.entriesOf(menu)) {
      const list = /^!(.+)$/.exec(rule["in-interface-list"] ?? "")?.[1];
      const factoryDrop =
        rule.chain === "input" && rule.action === "drop" && rule.comment?.startsWith("defconf");
      if (!factoryDrop || list === undefined || rule.disabled === "yes") continue;
      drops.set(list, [...(drops.get(list) ?? []), `"${rule.comment}" (${menu})`]);
    }
  }
  return drops;
}

/**
 * The factory input rule `defconf: drop all not coming from LAN` (`in-interface-list=!LAN`) drops
 * everything to the router from an interface outside that list that no rule above it accepts
 * (BGP from the nodes on a tenant VLAN). One warning per interface that holds one of our addresses
 * and is not in the list, naming the factory rules and the command that adds it; none for an
 * interface the script keeps out of `LAN` on purpose (its header says so: a denying zone's).
 */
function lanListWarnings(r: RouterModel, marker: string, keptOut: ReadonlySet<string>): string[] {
  const held = new Set(r.menuPaths());
  const rows = (menu: string) => (held.has(menu) ? r.entriesOf(menu) : []);
  const members = rows("/interface/list/member").map((e) => e.props);
  const ourInterfaces = [
    ...new Set(
      ["/ip/address", "/ipv6/address"].flatMap((m) =>
        rows(m)
          .filter((e) => e.props.comment?.startsWith(marker))
          .map((e) => e.props.interface),
      ),
    ),
  ].filter((i) => !keptOut.has(i));
  return ourInterfaces.flatMap((i) =>
    [...factoryListDrops(r)]
      .filter(([list]) => !members.some((m) => m.list === list && m.interface === i))
      .map(
        ([list, rules]) =>
          `${i} is not in the interface list ${list}, so ${rules.join(" and ")} ${rules.length === 1 ? "drops what it sends to the router that no rule above it accepts" : "drop what it sends to the router that no rule above them accepts"} (the stack's rules placed above accept only its BGP and BFD sessions and what its policy allows); add it with /interface/list/member/add interface=${i} list=${list}`,
      ),
  );
}

/**
 * An interface the router already had outside a list its factory input drops spare (`LAN`),
 * which the script adds to that list: the owner may have kept it out on purpose (an IoT or guest
 * VLAN cut off from the router's SSH, Winbox, WebFig and DNS), and the run opens the router to it
 * (new-user trial 2 of issue 17, H7). One warning per such interface, naming the factory rules,
 * the stack's addresses on it and both ways on: keep it out by a denying zone (the script then
 * leaves it out, render/routeros/state.ts lanMembership), or accept the change.
 */
function lanJoinWarnings(r: RouterModel, before: Snapshot, marker: string, file: string): string[] {
  const drops = factoryListDrops(r);
  if (drops.size === 0) return [];
  const existed = new Set(
    [...before]
      .filter(([k]) => k.startsWith("/interface/") && !k.startsWith("/interface/list/"))
      .flatMap(([, e]) => e.name ?? []),
  );
  const held = new Set(r.menuPaths());
  const ours = ["/ip/address", "/ipv6/address"].flatMap((m) =>
    held.has(m) ? r.entriesOf(m).filter((e) => e.props.comment?.startsWith(marker)) : [],
  );
  return r.changes().flatMap((c) => {
    if (c.op !== "add" || c.menu !== "/interface/list/member") return [];
    const { list, interface: i } = c.entry;
    const rules = drops.get(list);
    if (rules === undefined || i === undefined || !existed.has(i)) return [];
    const subnets = ours.flatMap((e) => (e.props.interface === i ? subnetOf(e.props.address) : []));
    const on = subnets.length > 0 ? ` for the stack's ${subnets.join(" and ")}` : "";
    const zone =
      subnets.length > 0
        ? `give the segment of ${subnets.join(" and ")} a zone that denies by default`
        : "give its segment a zone that denies by default";
    return [
      `${i} is on ${file} outside the interface list ${list}, so ${rules.join(" and ")} ${rules.length === 1 ? "keeps" : "keep"} it off the router itself; the script adds it to ${list}${on}, which opens the router's SSH, Winbox, WebFig and DNS to it: if it was kept out on purpose, ${zone} (policy.zones[]: { zone: <that segment>, default: deny }), and the script keeps it out of ${list}; otherwise nothing to do`,
    ];
  });
}

/** The subnet of an interface address `a.b.c.d/len` (RouterOS `/ip/address` form). */
function subnetOf(text: string | undefined): string[] {
  const [address, length] = (text ?? "").split("/");
  const parsed = Address.parse(address);
  if (!parsed.ok || !/^\d+$/.test(length ?? "")) return [];
  return [Prefix.containing(parsed.value.family, parsed.value.value, Number(length)).toString()];
}

/** `7.19.4` -> 19: the minor release of a RouterOS 7 version. */
const minorOf = (v: string): number => Number(v.split(".")[1]);

/** `7.19.4` -> `7.19`. */
const minorText = (v: string): string => v.split(".").slice(0, 2).join(".");

/**
 * Property names differ across 7.x (`afi` from 7.19): the script is for one minor release. A
 * router older than it is modelled at its own release by the dry run (a name it lacks fails
 * there); one that passes is still told, as is a newer one.
 */
function versionWarnings(file: string, exported: string, script: string): string[] {
  if (minorText(exported) === minorText(script)) return [];
  const upgrade = minorOf(exported) < minorOf(script) ? ", or upgrade the router" : "";
  return [
    `${file} is an export of RouterOS ${exported}, the script is for ${script}: set the router's version in the stack to ${minorText(exported)}${upgrade}`,
  ];
}

type Snapshot = Map<string, Record<string, string>>;

/** Every entry of every menu by `<menu> <id>`. */
function snapshot(r: RouterModel): Snapshot {
  const out: Snapshot = new Map();
  for (const menu of r.menuPaths())
    for (const e of r.entriesOf(menu)) out.set(`${menu} ${e.id}`, e.props);
  return out;
}

/**
 * One line per entry the run touched, menu by menu in the order the script reached them: the
 * removed entries first, then the others in the menu's final order (a filter chain reads top down).
 */
function summarise(router: RouterModel, before: Snapshot, marker: string): string[] {
  const after = snapshot(router);
  const byEntry = new Map<string, Change[]>();
  for (const c of router.changes()) {
    const k = `${c.menu} ${c.id}`;
    byEntry.set(k, [...(byEntry.get(k) ?? []), c]);
  }
  const menus = [...new Set([...byEntry.values()].map((l) => l[0].menu))];
  const order = new Map(
    menus.flatMap((m) => router.entriesOf(m).map((e, i): [string, number] => [`${m} ${e.id}`, i])),
  );
  const position = (k: string) => order.get(k) ?? -1;
  const sorted = menus.flatMap((m) =>
    [...byEntry].filter(([, l]) => l[0].menu === m).sort(([a], [b]) => position(a) - position(b)),
  );
  const keyOf = (comment: string | undefined) =>
    comment?.startsWith(marker) ? ` (key ${comment.slice(marker.length).split(ADOPTED)[0]})` : "";
  const adoptedHere = (comment: string | undefined) =>
    comment?.startsWith(marker) === true && comment.slice(marker.length).includes(ADOPTED);
  return sorted.map(([k, list]) => {
    const menu = list[0].menu;
    const added = list.find((c) => c.op === "add");
    const removed = list.find((c) => c.op === "remove");
    if (removed?.op === "remove") {
      if (!removed.entry.comment?.startsWith(marker) || adoptedHere(removed.entry.comment))
        throw new Error(`internal: the script removed ${menu} ${describe(removed.entry)}`);
      return `remove ${menu} ${describe(removed.entry)}${keyOf(removed.entry.comment)}`;
    }
    const now = after.get(k) ?? {};
    if (added?.op === "add") {
      // Placed before an entry of the router's own (a factory drop): say which.
      const next = added.before === undefined ? undefined : after.get(`${menu} ${added.before}`);
      const foreign = next !== undefined && !next.comment?.startsWith(marker);
      const place = foreign
        ? ` before ${next.comment !== undefined ? JSON.stringify(redactOwnerText(next.comment)) : describe(next)}`
        : "";
      return `add ${menu} ${describe(now)}${keyOf(now.comment)}${place}`;
    }
    const sets = list.flatMap((c) => (c.op === "set" ? [c] : []));
    const adopted = sets.find(
      (c) => c.prop === "comment" && !c.old.startsWith(marker) && c.new.startsWith(marker),
    );
    const released = sets.find(
      (c) => c.prop === "comment" && c.old.startsWith(marker) && !c.new.startsWith(marker),
    );
    if (released)
      return `release ${menu} ${describe(now)}${keyOf(released.old)}${now.comment !== undefined ? ` comment=${shown(redactOwnerText(now.comment))}` : ""}`;
    const diffs = sets
      .filter((c) => c !== adopted)
      .map((c) => `${c.prop} ${shown(c.old)} -> ${shown(c.new)}`);
    const detail = diffs.length > 0 ? `: ${diffs.join(", ")}` : "";
    if (adopted)
      return `adopt ${menu} ${describe(before.get(k) ?? {})}${keyOf(now.comment)}${detail}`;
    return `set ${menu} ${describe(before.get(k) ?? {})}${keyOf(now.comment)}${detail}`;
  });
}
