// A model of the RouterOS menus the renderer manages, driven by the parser next to it. What it
// assumes about RouterOS (and what the renderer therefore relies on):
// - `get` returns typed values: booleans for yes/no properties, numbers for AS numbers, an array
//   for a list property; `:tostr` writes true/false, decimal, and ';'-joined arrays;
// - comparing values of different types is refused here (RouterOS would just answer false);
// - property names follow the version, as render/routeros/versions.ts gives them: `afi` from 7.19
//   on, `address-families` before; from 7.20 a connection must name an `instance` that exists,
//   and has no `router-id` (its `as` stays, as on the router);
// - names of BGP connections and instances are unique; `add` returns the new entry's id;
// - firewall: an address list entry holds an address or a prefix; a filter rule's `action` is one
//   of RouterOS's actions, `protocol` a protocol name, `dst-port` ports and ranges joined by ',',
//   an address list match a list name with an optional leading '!' (negation);
// - a time value is written `300ms`, `9s`, `1m30s` or `hh:mm:ss[.fff]` and `:tostr` prints it
//   `hh:mm:ss` with `.fff` when it has milliseconds (RouterOS v2.9 manual: `02:24:01.200`);
// - BFD (7.15 on): `/routing/bfd/configuration` entries with `addresses`, `interfaces`, `min-rx`,
//   `min-tx`, `multiplier`, `forbid-bfd`, `vrf`, and a connection's `use-bfd`.
import { Address, Family, Prefix } from "../../addressing/ip";
import * as ipaddr from "ipaddr.js";
import { FILTER_MATCHERS, NAT_MATCHERS } from "../../render/routeros/identity";
import { hasName } from "../../render/routeros/versions";
import { ROUTEROS_BFD_MINOR } from "../../topology/routers";
import { Cmd, Expr, Stmt, parseScript } from "./parse";

type PropType =
  | "str"
  | "bool"
  | "int"
  | "list"
  | `ip${"" | Family}`
  | `cidr${Family}`
  | `prefix${Family}`
  | `net${Family}`
  | "action"
  | "nataction"
  | "protocol"
  | "ports"
  | "listref"
  | "time"
  | "iplist";

interface Schema {
  readonly props: Readonly<Record<string, PropType>>;
  readonly required: readonly string[];
  readonly unique?: readonly string[];
  /** What `get` and `find` read for a property an entry does not set (RouterOS's default). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** A menu the model does not know, loaded from an `/export`: any property, stored as text. */
  readonly open?: boolean;
}

/** Menus under /interface whose entries are not interfaces. */
const NOT_INTERFACES = new Set([
  "/interface/list",
  "/interface/list/member",
  "/interface/bridge/port",
  "/interface/bridge/vlan",
  "/interface/bridge/settings",
  "/interface/ethernet/switch",
  "/interface/detect-internet",
]);

/** Menus whose `interface` property names an interface of the router. */
const INTERFACE_REFS = new Set([
  "/ip/address",
  "/ipv6/address",
  "/interface/vlan",
  "/interface/list/member",
  "/interface/bridge/port",
]);

/**
 * A port's factory name, which an `/export` prints only when the port is changed: MikroTik names
 * its ports etherN, sfpN, sfp-sfpplusN, sfp28-N, qsfpplusN-M, qsfp28-N-M, combo, wlanN, wifiN,
 * lteN (help.mikrotik.com "Ethernet", product block diagrams).
 */
const PORT_NAME_RE =
  /^(ether[0-9]+|sfp[0-9]+|sfp-sfpplus[0-9]+|sfp28-[0-9]+|qsfpplus[0-9]+-[0-9]+|qsfp28-[0-9]+-[0-9]+|combo[0-9]*|wlan[0-9]+|wifi[0-9]+|lte[0-9]+)$/;

class Id {
  constructor(readonly id: string) {}
}
type Value = string | boolean | number | Id | Value[];
type Stored = string | boolean | number | string[];

/** The text of `:error` in a script: RouterOS stops the script there, before the next command. */
export class RouterOsScriptError extends Error {}

/**
 * One change the last `run` made, with the entry as `rows` prints it (for `remove`: before it
 * went; `before`: the id of the entry an `add` was placed before).
 */
export type Change =
  | {
      readonly op: "add";
      readonly menu: string;
      readonly id: string;
      readonly entry: Record<string, string>;
      readonly before?: string;
    }
  | {
      readonly op: "set";
      readonly menu: string;
      readonly id: string;
      readonly prop: string;
      readonly old: string;
      readonly new: string;
    }
  | {
      readonly op: "remove";
      readonly menu: string;
      readonly id: string;
      readonly entry: Record<string, string>;
    };

export type Mutation =
  | { readonly op: "add"; readonly menu: string; readonly comment: string }
  | { readonly op: "set"; readonly menu: string; readonly comment: string; readonly prop: string }
  | { readonly op: "remove"; readonly menu: string; readonly comment: string };

interface Entry {
  readonly id: string;
  readonly props: Map<string, Stored>;
}

function firewall(f: Family): Record<string, Schema> {
  const ip = f === 4 ? "ip" : "ipv6";
  return {
    [`/${ip}/firewall/address-list`]: {
      props: { list: "str", address: `net${f}`, comment: "str" },
      required: ["list", "address"],
    },
    // Source and destination NAT (help.mikrotik.com "NAT"; IPv6 NAT exists throughout v7): the
    // properties the renderer writes, as the version table gives them, and the matchers it never
    // writes (stored as text) so that a factory or owner's rule is never taken for one of ours.
    [`/${ip}/firewall/nat`]: {
      props: {
        chain: "str",
        action: "nataction",
        "out-interface": "str",
        "src-address": `net${f}`,
        [f === 4 ? "to-addresses" : "to-address"]: f === 4 ? "str" : "net6",
        comment: "str",
        disabled: "bool",
        log: "bool",
        "log-prefix": "str",
        ...Object.fromEntries(NAT_MATCHERS.map((m) => [m, "str" as const])),
      },
      required: ["chain"],
      defaults: { action: "accept", disabled: "false" },
    },
    [`/${ip}/firewall/filter`]: {
      props: {
        chain: "str",
        action: "action",
        "connection-state": "list",
        "src-address-list": "listref",
        "dst-address-list": "listref",
        protocol: "protocol",
        "dst-port": "ports",
        log: "bool",
        "log-prefix": "str",
        comment: "str",
        disabled: "bool",
        // Matchers the renderer never writes, known so that an entry using them (the factory
        // `defconf` rules, an owner's rule) is never taken for one of ours.
        ...Object.fromEntries(FILTER_MATCHERS.map((m) => [m, "str" as const])),
        "hw-offload": "bool",
      },
      required: ["chain"],
      defaults: { action: "accept", disabled: "false" },
    },
  };
}

const ACTIONS = [
  "accept",
  "drop",
  "reject",
  "jump",
  "return",
  "passthrough",
  "log",
  "fasttrack-connection",
];
/** `/ip(v6)/firewall/nat` actions (help.mikrotik.com, "NAT": properties, `action`). */
const NAT_ACTIONS = [
  "accept",
  "masquerade",
  "netmap",
  "src-nat",
  "dst-nat",
  "redirect",
  "same",
  "endpoint-independent-nat",
  "jump",
  "return",
  "passthrough",
  "log",
];
const PROTOCOLS = ["tcp", "udp", "icmp", "icmpv6", "gre", "ipsec-esp", "ipsec-ah"];

/** The first minor release whose BFD menus the model knows (render/routeros/versions.ts). */
export const BFD_MINOR = ROUTEROS_BFD_MINOR;

/** Every menu has `disabled` (RouterOS's default: no). */
function schemas(minor: number): Record<string, Schema> {
  const all = menuSchemas(minor);
  return Object.fromEntries(
    Object.entries(all).map(([path, x]) => [
      path,
      {
        ...x,
        props: { ...x.props, disabled: "bool" as const },
        defaults: { ...x.defaults, disabled: "false" },
      },
    ]),
  );
}

const C = "/routing/bgp/connection";

/** The entries of `props` whose names RouterOS 7.`minor` has in `menu` (render/routeros/versions.ts). */
function only(
  minor: number,
  menu: string,
  props: Readonly<Record<string, PropType>>,
): Record<string, PropType> {
  return Object.fromEntries(Object.entries(props).filter(([n]) => hasName(minor, menu, n)));
}

function menuSchemas(minor: number): Record<string, Schema> {
  const connection: Record<string, PropType> = {
    name: "str",
    "remote.address": "ip",
    "remote.as": "int",
    "local.role": "str",
    "local.address": "ip",
    multihop: "bool",
    "input.filter": "str",
    comment: "str",
    "hold-time": "time",
    "keepalive-time": "time",
    // The names that changed within v7, as the table gives them for this release.
    ...only(minor, C, {
      afi: "list",
      "address-families": "list",
      instance: "str",
      as: "int",
      "router-id": "ip4",
      "use-bfd": "bool",
    }),
  };
  return {
    // help.mikrotik.com "VLAN": name, vlan-id (1-4094), interface (its parent), mtu (1500), arp.
    "/interface/vlan": {
      props: {
        name: "str",
        "vlan-id": "int",
        interface: "str",
        mtu: "int",
        arp: "str",
        comment: "str",
        disabled: "bool",
      },
      required: ["name", "vlan-id", "interface"],
      unique: ["name"],
      defaults: { mtu: "1500", arp: "enabled", disabled: "false" },
    },
    // help.mikrotik.com "Interface Lists" (docs/x/LADWAg): a list by name (include, exclude);
    // a member names an interface and a list, which must exist (`memberList`).
    "/interface/list": {
      props: { name: "str", include: "str", exclude: "str", comment: "str" },
      required: ["name"],
      unique: ["name"],
    },
    "/interface/list/member": {
      props: { list: "str", interface: "str", comment: "str", disabled: "bool" },
      required: ["list", "interface"],
      defaults: { disabled: "false" },
    },
    "/ip/address": {
      props: { address: "cidr4", interface: "str", comment: "str", disabled: "bool" },
      required: ["address", "interface"],
      defaults: { disabled: "false" },
    },
    "/ipv6/address": {
      props: {
        address: "cidr6",
        interface: "str",
        advertise: "bool",
        comment: "str",
        disabled: "bool",
      },
      required: ["address", "interface"],
      defaults: { disabled: "false" },
    },
    "/ip/route": {
      props: {
        "dst-address": "prefix4",
        gateway: "ip4",
        "routing-table": "str",
        comment: "str",
        disabled: "bool",
      },
      required: ["dst-address"],
      defaults: { "routing-table": "main", disabled: "false" },
    },
    "/ipv6/route": {
      props: {
        "dst-address": "prefix6",
        gateway: "ip6",
        "routing-table": "str",
        comment: "str",
        disabled: "bool",
      },
      required: ["dst-address"],
      defaults: { "routing-table": "main", disabled: "false" },
    },
    "/routing/filter/rule": {
      props: { chain: "str", rule: "str", comment: "str" },
      required: ["chain", "rule"],
    },
    ...(hasName(minor, "/routing/bgp/instance")
      ? {
          "/routing/bgp/instance": {
            props: { name: "str", as: "int", "router-id": "ip4", comment: "str" },
            required: ["name", "as"],
            unique: ["name"],
          },
        }
      : {}),
    ...(hasName(minor, "/routing/bfd/configuration")
      ? {
          "/routing/bfd/configuration": {
            props: {
              addresses: "iplist",
              interfaces: "list",
              "min-rx": "time",
              "min-tx": "time",
              multiplier: "int",
              "forbid-bfd": "bool",
              vrf: "str",
              comment: "str",
            },
            required: [],
            // help.mikrotik.com "BFD": an entry allows BFD unless it says forbid-bfd=yes.
            defaults: { "forbid-bfd": "no" },
          },
        }
      : {}),
    "/routing/bgp/connection": {
      props: connection,
      required: ["remote.address", "local.role", hasName(minor, C, "instance") ? "instance" : "as"],
      unique: ["name"],
      defaults: { multihop: "no", ...(hasName(minor, C, "use-bfd") ? { "use-bfd": "no" } : {}) },
    },
    "/ip/dns/static": {
      props: { name: "str", type: "str", address: "ip", comment: "str", disabled: "bool" },
      required: ["name"],
      defaults: { type: "A", disabled: "false" },
    },
    ...firewall(4),
    ...firewall(6),
  };
}

function parseIp(text: string, family?: Family): boolean {
  const p = Address.parse(text);
  return p.ok && (family === undefined || p.value.family === family);
}

const TIME_UNITS: Record<string, number> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/**
 * A RouterOS time value in milliseconds: units (`300ms`, `9s`, `1m30s`, `1d`) or `hh:mm:ss` with
 * an optional fraction (`00:00:00.300`); undefined for anything else.
 */
export function parseRouterOsTime(text: string): number | undefined {
  const clock = /^(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?$/.exec(text);
  if (clock) {
    const frac = Number((clock[4] ?? "").padEnd(3, "0"));
    return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000 + frac;
  }
  if (!/^(\d+(ms|w|d|h|m|s))+$/.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(/(\d+)(ms|w|d|h|m|s)/g)) ms += Number(m[1]) * TIME_UNITS[m[2]];
  return ms;
}

/** A duration as `:tostr` prints it: `hh:mm:ss`, `.fff` added when it has milliseconds. */
function timeToStr(ms: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const s = Math.floor(ms / 1000);
  const base = `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
  return ms % 1000 === 0 ? base : `${base}.${String(ms % 1000).padStart(3, "0")}`;
}

function convert(type: PropType, prop: string, text: string): Stored {
  const bad = (): never => {
    throw new Error(`invalid value for ${prop}: ${JSON.stringify(text)}`);
  };
  if (type === "str") return text;
  if (type === "bool")
    return text === "yes" || text === "true"
      ? true
      : text === "no" || text === "false"
        ? false
        : bad();
  if (type === "int") return /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : bad();
  if (type === "list") return text.split(",").map((i) => (i === "" ? bad() : i));
  if (type === "action") return ACTIONS.includes(text) ? text : bad();
  if (type === "nataction") return NAT_ACTIONS.includes(text) ? text : bad();
  if (type === "protocol")
    return PROTOCOLS.includes(text) || /^(0|[1-9][0-9]{0,2})$/.test(text) ? text : bad();
  if (type === "ports") {
    const ok = text.split(",").every((part) => {
      const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(part);
      const [lo, hi] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, 0];
      return m !== null && lo >= 0 && lo <= hi && hi <= 65535;
    });
    return ok ? text : bad();
  }
  if (type === "listref") return /^!?[A-Za-z0-9_.-]+$/.test(text) ? text : bad();
  if (type === "time") {
    const ms = parseRouterOsTime(text);
    return ms === undefined ? bad() : timeToStr(ms);
  }
  if (type === "iplist") {
    return text
      .split(",")
      .map((i) => (parseIp(i) || (Prefix.parse(i).ok && parseIp(i.split("/")[0])) ? i : bad()));
  }
  if (type === "net4" || type === "net6") {
    const family = type === "net4" ? 4 : 6;
    return parseIp(text, family) || (Prefix.parse(text).ok && parseIp(text.split("/")[0], family))
      ? text
      : bad();
  }
  const family = Number(type.slice(-1)) as Family;
  if (type.startsWith("ip"))
    return parseIp(text, type === "ip" ? undefined : family) ? text : bad();
  const [addr, len, extra] = text.split("/");
  const maxLen = family === 4 ? 32 : 128;
  if (
    extra !== undefined ||
    !parseIp(addr, family) ||
    !/^(0|[1-9][0-9]*)$/.test(len ?? "") ||
    Number(len) > maxLen
  )
    bad();
  if (type.startsWith("prefix") && !Prefix.parse(text).ok) bad();
  return text;
}

/**
 * A value as the router printed it: as `convert`, except that an address or prefix RouterOS
 * prints in a form this project never writes (`::ffff:0.0.0.0/96`, not RFC 5952's) is kept as
 * printed once ipaddr.js reads it as one, and an address printed as its host prefix is the address.
 */
function convertExported(type: PropType, prop: string, text: string): Stored {
  // A peer address RouterOS prints as a host prefix (remote.address=192.0.2.1/32) is that address.
  const host = /^(.+)\/(32|128)$/.exec(text);
  if (type.startsWith("ip") && host && parseIp(host[1]) && Address.parse(host[1]).ok) {
    const bits = Address.from(host[1]).family === 4 ? "32" : "128";
    if (host[2] === bits) return convert(type, prop, host[1]);
  }
  try {
    return convert(type, prop, text);
  } catch (e) {
    const address = /^(ip|cidr|prefix|net)/.test(type);
    const readable = text.includes("/") ? ipaddr.isValidCIDR(text) : ipaddr.isValid(text);
    if (address && readable) return text;
    throw e;
  }
}

/** A stored value as `/export` prints it: booleans yes/no, lists joined by ','. */
function printed(v: Stored): string {
  if (typeof v === "boolean") return v ? "yes" : "no";
  return Array.isArray(v) ? v.join(",") : String(v);
}

function tostr(v: Value | Stored): string {
  if (v instanceof Id) return v.id;
  if (Array.isArray(v)) return v.map(tostr).join(";");
  return String(v);
}

function kind(v: Value): string {
  return v instanceof Id ? "id" : Array.isArray(v) ? "array" : typeof v;
}

class Scope {
  private readonly vars = new Map<string, Value>();
  constructor(private readonly parent?: Scope) {}

  declare(name: string, v: Value): void {
    if (this.vars.has(name)) throw new Error(`:local ${name} declared twice in one scope`);
    this.vars.set(name, v);
  }

  assign(name: string, v: Value): void {
    if (this.vars.has(name)) this.vars.set(name, v);
    else if (this.parent) this.parent.assign(name, v);
    else throw new Error(`:set of undeclared variable ${name}`);
  }

  get(name: string): Value {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    if (this.parent) return this.parent.get(name);
    throw new Error(`undeclared variable $${name}`);
  }
}

export class RouterModel {
  private readonly schema: Record<string, Schema>;
  /** The version the model was made for, as given. */
  readonly version: string;
  private readonly menus = new Map<string, Entry[]>();
  private counter = 0;
  /** Whether `interface` values must name an interface the router has (`requireInterfaces`). */
  private checkInterfaces = false;
  /** Names taken as interfaces the router has though it lacks them (`assumeInterface`). */
  private readonly assumed = new Set<string>();
  private mutations: Mutation[] = [];
  private log: Change[] = [];
  private output: string[] = [];

  /** `initial` entries are written as `add` would write them, but not recorded as changes. */
  constructor(version: string, initial: Record<string, readonly Record<string, string>[]> = {}) {
    const m = /^7\.(\d+)/.exec(version);
    if (!m) throw new Error(`model: unsupported version ${version}`);
    this.version = version;
    this.schema = schemas(Number(m[1]));
    for (const path of Object.keys(this.schema)) this.menus.set(path, []);
    for (const [path, rows] of Object.entries(initial)) {
      for (const row of rows) this.add(path, new Map(Object.entries(row)));
    }
    this.mutations = [];
  }

  run(script: string): { mutations: Mutation[]; output: string[] } {
    this.mutations = [];
    this.log = [];
    this.output = [];
    this.block(parseScript(script), new Scope());
    return { mutations: this.mutations, output: this.output };
  }

  /** The changes of the last `run`, in order, with old and new values (up to an `:error`). */
  changes(): Change[] {
    return [...this.log];
  }

  /**
   * Loads one entry of an `/export` (twin/routeros/export.ts) as it is on the router, recorded
   * as no change: `add` appends an entry (before the `placeBefore`-th entry when given); `set`
   * with `find` changes the entry whose properties equal `find` (a built-in one such as
   * `[ find default-name=ether1 ]`, created when absent), `set` without `find` the menu's one
   * settings entry. A menu the model does not know is loaded as text; a property it does not
   * know on a menu it knows is kept as text, since the script never writes it; a property it
   * knows must have a value RouterOS accepts. Throws with the reason otherwise.
   */
  load(
    path: string,
    verb: "add" | "set",
    args: readonly (readonly [string, string])[],
    opts: { find?: readonly (readonly [string, string])[]; placeBefore?: number } = {},
  ): void {
    if (!this.schema[path]) {
      this.schema[path] = { props: {}, required: [], open: true };
      this.menus.set(path, []);
    }
    const list = this.entries(path);
    let e: Entry | undefined;
    if (verb === "set") {
      const find = opts.find ?? [];
      e = list.find((x) => find.every(([k, v]) => tostr(x.props.get(k) ?? "") === v));
      if (!e) {
        e = { id: `*${(++this.counter).toString(16).toUpperCase()}`, props: new Map(find) };
        list.push(e);
      }
    } else {
      e = { id: `*${(++this.counter).toString(16).toUpperCase()}`, props: new Map() };
    }
    const schema = this.schema[path];
    for (const [k, v] of args) {
      const type = schema.props[k];
      e.props.set(k, type === undefined ? v : convertExported(type, k, v));
    }
    if (verb === "set") return;
    for (const r of schema.required) {
      if (!e.props.has(r)) throw new Error(`${path}: add without required ${r}`);
    }
    const at = opts.placeBefore;
    if (at !== undefined && (at < 0 || at >= list.length))
      throw new Error(`${path}: place-before=${at}: no such entry (the menu has ${list.length})`);
    list.splice(at ?? list.length, 0, e);
  }

  /**
   * From now on, an `interface` written to a menu that names one (an address, a VLAN's parent, a
   * list member, a bridge port) must be an interface the router has, as RouterOS checks it
   * ("input does not match any value of interface"). The router's interfaces are the `name`s of
   * its `/interface/...` entries (bridges, VLANs, bonds, WireGuard, and the ports an export
   * renames) and its ports' factory names (ether1, sfp-sfpplus1, wlan1, ...), which an `/export`
   * leaves out while they are unchanged. Used by the dry run on a router's export; the twin's
   * own factory model, which holds no port list, does not check.
   */
  requireInterfaces(): void {
    this.checkInterfaces = true;
  }

  /**
   * Takes `name` as an interface the router has, though its export lacks it: the dry run does so
   * for each missing interface it has reported, to find the next one the script names (all of
   * them in one run, not one per fix).
   */
  assumeInterface(name: string): void {
    this.assumed.add(name);
  }

  /** The interface names the router has (see `requireInterfaces`). */
  interfaceNames(): Set<string> {
    const names = new Set<string>();
    for (const [path, list] of this.menus) {
      if (!path.startsWith("/interface/") || NOT_INTERFACES.has(path)) continue;
      for (const e of list) {
        for (const k of ["name", "default-name"]) {
          const v = e.props.get(k);
          if (typeof v === "string" && v !== "") names.add(v);
        }
      }
    }
    return names;
  }

  private requireInterface(path: string, name: string): void {
    if (PORT_NAME_RE.test(name) || this.assumed.has(name) || this.interfaceNames().has(name))
      return;
    throw new Error(`${path}: input does not match any value of interface: ${name}`);
  }

  /** Every entry of a menu in list order with its id, each property as `/export` prints it. */
  entriesOf(path: string): { id: string; props: Record<string, string> }[] {
    return this.entries(path).map((e) => ({ id: e.id, props: this.row(e) }));
  }

  /** Every menu the model holds, in its order (known menus first, then loaded ones). */
  menuPaths(): string[] {
    return [...this.menus.keys()];
  }

  /** An entry as `/export` prints it: yes/no, lists joined by ','. */
  private row(e: Entry): Record<string, string> {
    return Object.fromEntries([...e.props].map(([k, v]) => [k, printed(v)]));
  }

  /** The menus that hold at least one entry, in the model's order. */
  nonEmptyMenus(): string[] {
    return [...this.menus].filter(([, list]) => list.length > 0).map(([path]) => path);
  }

  /** Every entry of a menu in list order, each property as `:tostr` would print it. */
  rows(path: string): Record<string, string>[] {
    return this.entries(path).map((e) =>
      Object.fromEntries([...e.props].map(([k, v]) => [k, tostr(v)])),
    );
  }

  private entries(path: string): Entry[] {
    const list = this.menus.get(path);
    if (!list) throw new Error(`bad command name: no menu ${path}`);
    return list;
  }

  private entry(path: string, target: Value): Entry {
    if (!(target instanceof Id))
      throw new Error(`${path}: expected an item id, got ${kind(target)}`);
    const e = this.entries(path).find((x) => x.id === target.id);
    if (!e) throw new Error(`${path}: no such item ${target.id}`);
    return e;
  }

  private comment(e: Entry): string {
    return tostr(e.props.get("comment") ?? "");
  }

  private write(path: string, e: Entry, prop: string, v: Value): void {
    const type = this.schema[path].props[prop];
    if (type === undefined) throw new Error(`${path}: unknown parameter ${prop}`);
    if (typeof v !== "string") throw new Error(`${path}: ${prop} given a ${kind(v)}`);
    const stored = convert(type, prop, v);
    if (this.schema[path].unique?.includes(prop)) {
      const clash = this.entries(path).find((x) => x !== e && x.props.get(prop) === stored);
      if (clash) throw new Error(`${path}: failure: an entry with ${prop}=${v} already exists`);
    }
    if (prop === "instance") this.requireInstance(v);
    if (path === "/interface/list/member" && prop === "list") this.requireList(v);
    if (this.checkInterfaces && prop === "interface" && INTERFACE_REFS.has(path))
      this.requireInterface(path, v);
    // An empty comment is no comment: `/export` prints none.
    if (prop === "comment" && v === "") e.props.delete(prop);
    else e.props.set(prop, stored);
  }

  /** RouterOS refuses a member of a list it does not have (its four predefined ones aside). */
  private requireList(name: string): void {
    const predefined = ["all", "none", "dynamic", "static"];
    const found = this.entries("/interface/list").some((l) => l.props.get("name") === name);
    if (!found && !predefined.includes(name))
      throw new Error(`/interface/list/member: input does not match any value of list: ${name}`);
  }

  private requireInstance(name: string): void {
    const found = this.entries("/routing/bgp/instance").some((i) => i.props.get("name") === name);
    if (!found) throw new Error(`/routing/bgp/connection: no such BGP instance ${name}`);
  }

  private add(path: string, args: Map<string, Value>): Id {
    const list = this.entries(path);
    const e: Entry = { id: `*${(++this.counter).toString(16).toUpperCase()}`, props: new Map() };
    const before = args.get("place-before");
    args.delete("place-before");
    for (const [k, v] of args) this.write(path, e, k, v);
    for (const r of this.schema[path].required) {
      if (!e.props.has(r)) throw new Error(`${path}: add without required ${r}`);
    }
    const next = before === undefined ? undefined : this.entry(path, before);
    list.splice(next ? list.indexOf(next) : list.length, 0, e);
    this.mutations.push({ op: "add", menu: path, comment: this.comment(e) });
    this.log.push({
      op: "add",
      menu: path,
      id: e.id,
      entry: this.row(e),
      ...(next ? { before: next.id } : {}),
    });
    return new Id(e.id);
  }

  private cmd(c: Cmd, scope: Scope): Value {
    const schema = this.schema[c.menu];
    if (!schema) throw new Error(`bad command name: no menu ${c.menu}`);
    const target = c.target ? this.eval(c.target, scope) : undefined;
    const args = new Map(c.args.map(([k, e]) => [k, this.eval(e, scope)] as [string, Value]));
    switch (c.verb) {
      case "add":
        return this.add(c.menu, args);
      case "set": {
        const e = this.entry(c.menu, target as Value);
        for (const [k, v] of args) {
          const old = printed(e.props.get(k) ?? "");
          this.write(c.menu, e, k, v);
          this.mutations.push({ op: "set", menu: c.menu, comment: this.comment(e), prop: k });
          const now = printed(e.props.get(k) ?? "");
          this.log.push({ op: "set", menu: c.menu, id: e.id, prop: k, old, new: now });
        }
        return "";
      }
      case "remove": {
        const e = this.entry(c.menu, target as Value);
        if (c.menu === "/routing/bgp/instance") this.refuseInUse(e);
        const list = this.entries(c.menu);
        this.log.push({ op: "remove", menu: c.menu, id: e.id, entry: this.row(e) });
        list.splice(list.indexOf(e), 1);
        this.mutations.push({ op: "remove", menu: c.menu, comment: this.comment(e) });
        return "";
      }
      case "get": {
        const prop = c.prop as string;
        if (schema.props[prop] === undefined)
          throw new Error(`${c.menu}: unknown property ${prop}`);
        const v = this.entry(c.menu, target as Value).props.get(prop);
        if (v !== undefined) return Array.isArray(v) ? [...v] : v;
        const d = schema.defaults?.[prop];
        return d === undefined ? "" : convert(schema.props[prop], prop, d);
      }
      case "find":
        return this.find(c, scope);
    }
  }

  private refuseInUse(instance: Entry): void {
    const name = instance.props.get("name");
    if (this.entries("/routing/bgp/connection").some((c) => c.props.get("instance") === name)) {
      throw new Error(`/routing/bgp/instance: ${String(name)} is in use by a connection`);
    }
  }

  /**
   * `find where`: every condition holds. A value is compared as `:tostr` prints it (a property an
   * entry does not set reads as its default, or matches no `=` and no `~`); `~` is a regex.
   */
  private find(c: Cmd, scope: Scope): Value {
    const schema = this.schema[c.menu];
    const tests = (c.where ?? []).map((w) => {
      if (schema.props[w.prop] === undefined && !schema.open)
        throw new Error(`${c.menu}: find where on unknown property ${w.prop}`);
      const v = this.eval(w.value, scope);
      if (typeof v !== "string") throw new Error(`find where ${w.prop} against a ${kind(v)}`);
      const re = w.op === "~" ? new RegExp(v) : undefined;
      return (e: Entry): boolean => {
        const stored = e.props.get(w.prop);
        const text = stored !== undefined ? tostr(stored) : schema.defaults?.[w.prop];
        const hit = text !== undefined && (re ? re.test(text) : text === v);
        return w.negate ? !hit : hit;
      };
    });
    return this.entries(c.menu)
      .filter((e) => tests.every((t) => t(e)))
      .map((e) => new Id(e.id));
  }

  /** A string operand of `what`; RouterOS would convert, the renderer never relies on it. */
  private text(e: Expr, scope: Scope, what: string): string {
    const v = this.eval(e, scope);
    if (typeof v !== "string") throw new Error(`${what} on a ${kind(v)}`);
    return v;
  }

  private eval(e: Expr, scope: Scope): Value {
    switch (e.t) {
      case "str":
      case "word":
        return e.v;
      case "bool":
        return e.v;
      case "var":
        return scope.get(e.name);
      case "array":
        return e.items.map((i) => this.eval(i, scope));
      case "num":
        return e.v;
      case "tostr":
        return tostr(this.eval(e.e, scope));
      case "len":
        return this.text(e.e, scope, ":len").length;
      case "find": {
        // RouterOS returns nil when the text is absent; the renderer only looks for what a
        // `find where` regex already guaranteed, so an absent one is a renderer fault here.
        const at = this.text(e.in, scope, ":find").indexOf(this.text(e.sub, scope, ":find"));
        if (at < 0) throw new Error(":find found nothing (RouterOS would return nil)");
        return at;
      }
      case "pick": {
        const [start, end] = [this.eval(e.start, scope), this.eval(e.end, scope)];
        if (typeof start !== "number" || typeof end !== "number")
          throw new Error(`:pick between ${kind(start)} and ${kind(end)}`);
        return this.text(e.in, scope, ":pick").slice(start, end);
      }
      case "cmd":
        return this.cmd(e.cmd, scope);
      case "not": {
        const v = this.eval(e.e, scope);
        if (typeof v !== "boolean") throw new Error(`! applied to a ${kind(v)}`);
        return !v;
      }
      case "bin": {
        const l = this.eval(e.l, scope);
        const r = this.eval(e.r, scope);
        if (e.op === ".") {
          if (typeof l !== "string" || typeof r !== "string")
            throw new Error(`. joins ${kind(l)} and ${kind(r)}`);
          return l + r;
        }
        if (kind(l) !== kind(r)) throw new Error(`${e.op} compares ${kind(l)} with ${kind(r)}`);
        if (e.op === "and") return (l as boolean) && (r as boolean);
        const same = l instanceof Id ? l.id === (r as Id).id : l === r;
        return e.op === "=" ? same : !same;
      }
    }
  }

  private block(body: readonly Stmt[], scope: Scope): void {
    for (const s of body) this.stmt(s, scope);
  }

  private stmt(s: Stmt, scope: Scope): void {
    switch (s.t) {
      case "block":
        return this.block(s.body, new Scope(scope));
      case "local":
        return scope.declare(s.name, this.eval(s.value, scope));
      case "set":
        return scope.assign(s.name, this.eval(s.value, scope));
      case "put":
        this.output.push(tostr(this.eval(s.value, scope)));
        return;
      case "error":
        throw new RouterOsScriptError(tostr(this.eval(s.value, scope)));
      case "cmd":
        this.cmd(s.cmd, scope);
        return;
      case "foreach": {
        const v = this.eval(s.in, scope);
        for (const item of Array.isArray(v) ? v : [v]) {
          const inner = new Scope(scope);
          inner.declare(s.name, item);
          this.block(s.body, inner);
        }
        return;
      }
      case "if": {
        const c = this.eval(s.cond, scope);
        if (typeof c !== "boolean") throw new Error(`:if on a ${kind(c)}`);
        if (c) this.block(s.then, new Scope(scope));
        else if (s.else) this.block(s.else, new Scope(scope));
      }
    }
  }
}
