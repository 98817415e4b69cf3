// Every value of the desired state is checked before a line of script is written: identifiers
// against strict patterns, numbers as integers in range, addresses as parsed values of the right
// family, free text as quotable. All problems are reported at once.
import { clean } from "../../addressing/quote";
import { Address, Family, Prefix } from "../../addressing/ip";
import { Problem } from "../../addressing/problems";
import {
  DNS_RULE,
  MAX_ASN,
  NAME_RE,
  NAME_RULE,
  RouterOsVersion,
  STACK_RE,
  STACK_RULE,
  VERSION_RULE,
  hasBfd,
  isAsn,
  isDnsName,
  parseVersion,
  unquotable,
} from "./syntax";
import {
  BGP_ADDRESS_FAMILIES,
  BGP_LOCAL_ROLES,
  BgpConnection,
  RouterOsDesiredState,
} from "./types";

/**
 * One problem as text; the input is JSON-quoted so that hostile values show, not act, and all of
 * it cleaned as every message is (addressing/quote.ts: credentials, control characters, length).
 */
export function formatRouterOsProblem(p: Problem): string {
  return `${clean(p.path)}: ${clean(JSON.stringify(p.input))}: ${clean(p.message)}${p.fix ? `; ${clean(p.fix)}` : ""}`;
}

export class RouterOsStateError extends Error {
  /** `subject` names what was checked: the desired state, or the spec it is built from. */
  constructor(
    readonly problems: readonly Problem[],
    subject = "RouterOS desired state",
  ) {
    super(
      `the ${subject} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${formatRouterOsProblem(p)}`).join("\n"),
    );
    this.name = "RouterOsStateError";
  }
}

const shown = (v: unknown): string =>
  typeof v === "string" ? v : Array.isArray(v) ? JSON.stringify(v) : String(v);

class Collector {
  readonly problems: Problem[] = [];

  add(path: string, input: unknown, message: string, fix?: string): void {
    this.problems.push(
      fix === undefined
        ? { path, input: shown(input), message }
        : { path, input: shown(input), message, fix },
    );
  }

  name(path: string, v: unknown): void {
    if (typeof v !== "string" || !NAME_RE.test(v))
      this.add(path, v, "is not a valid name", NAME_RULE);
  }

  asn(path: string, v: unknown): void {
    if (!isAsn(v)) this.add(path, v, "is not an AS number", `use an integer from 1 to ${MAX_ASN}`);
  }

  address(path: string, v: unknown): v is Address {
    if (v instanceof Address) return true;
    this.add(path, v, "is not an Address value", "parse it with Address.parse from addressing/ip");
    return false;
  }

  prefix(path: string, v: unknown): v is Prefix {
    if (v instanceof Prefix) return true;
    this.add(path, v, "is not a Prefix value", "parse it with Prefix.parse from addressing/ip");
    return false;
  }

  boolean(path: string, v: unknown): void {
    if (typeof v !== "boolean") this.add(path, v, "is not a boolean");
  }

  /** Records `key` at `path`; a key seen before is a duplicate of the first path that had it. */
  unique(seen: Map<string, string>, key: string, path: string, input: unknown): void {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, path);
    else this.add(path, input, `duplicates ${first}`);
  }
}

const familyName = (f: Family): string => `IPv${f}`;

const whole = (v: unknown, min: number, max: number): boolean =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** RFC 5880 carries BFD intervals in microseconds in 32 bits. */
const MAX_BFD_MS = 4294967;

/**
 * A connection's BGP timers (RFC 4271 section 4.2: a hold time is at least 3 s and fits 16 bits;
 * section 4.4: keepalives at most a third of it) and BFD (RFC 5880 section 4.1: a detect
 * multiplier of 1-255; RouterOS from 7.15 on).
 */
function timers(
  c: Collector,
  at: string,
  n: BgpConnection,
  version: RouterOsVersion | undefined,
): void {
  if (n.holdTime !== undefined && !whole(n.holdTime, 3, 65535)) {
    c.add(
      `${at}.holdTime`,
      n.holdTime,
      "is not a BGP hold time",
      "use whole seconds from 3 to 65535",
    );
  }
  if (n.keepaliveTime !== undefined) {
    const max = Math.floor((whole(n.holdTime, 3, 65535) ? (n.holdTime as number) : 65535) / 3);
    if (!whole(n.keepaliveTime, 1, max)) {
      c.add(
        `${at}.keepaliveTime`,
        n.keepaliveTime,
        "is not a keepalive interval for this hold time",
        `use whole seconds from 1 to ${max} (a third of the hold time)`,
      );
    }
  }
  if (n.bfd === undefined) return;
  if (version && !hasBfd(version)) {
    c.add(
      `${at}.bfd`,
      version.text,
      "BFD is written for RouterOS 7.15 and later only",
      "upgrade the router, or leave BFD off this connection",
    );
  }
  for (const k of ["minTxMs", "minRxMs"] as const) {
    if (!whole(n.bfd[k], 1, MAX_BFD_MS)) {
      c.add(
        `${at}.bfd.${k}`,
        n.bfd[k],
        "is not a BFD interval",
        `use whole milliseconds from 1 to ${MAX_BFD_MS}`,
      );
    }
  }
  if (!whole(n.bfd.multiplier, 1, 255)) {
    c.add(
      `${at}.bfd.multiplier`,
      n.bfd.multiplier,
      "is not a BFD detect multiplier",
      "use 1 to 255",
    );
  }
}

/** The parsed version, or a RouterOsStateError listing every problem of the desired state. */
export function validateDesiredState(s: RouterOsDesiredState): RouterOsVersion {
  const c = new Collector();
  const version = typeof s.version === "string" ? parseVersion(s.version) : undefined;
  if (!version) c.add("version", s.version, "is not a RouterOS v7 version", VERSION_RULE);
  if (typeof s.stack !== "string" || !STACK_RE.test(s.stack)) {
    c.add("stack", s.stack, "is not usable as a managed-by marker", STACK_RULE);
  }
  c.name("router", s.router);

  const addresses = new Map<string, string>();
  s.addresses.forEach((a, i) => {
    const at = `addresses[${i}]`;
    c.name(`${at}.interface`, a.interface);
    const okAddress = c.address(`${at}.address`, a.address);
    const okNetwork = c.prefix(`${at}.network`, a.network);
    if (okAddress && okNetwork) {
      if (a.address.family !== a.network.family) {
        c.add(
          `${at}.address`,
          a.address.toString(),
          `is ${familyName(a.address.family)} but network ${a.network} is ${familyName(a.network.family)}`,
        );
      } else if (!a.network.contains(a.address)) {
        c.add(`${at}.address`, a.address.toString(), `is not inside network ${a.network}`);
      }
    }
    if (okAddress) c.unique(addresses, a.address.toString(), `${at}.address`, a.address.toString());
    if (a.advertise !== undefined) {
      c.boolean(`${at}.advertise`, a.advertise);
      if (okAddress && a.address.family === 4) {
        c.add(`${at}.advertise`, a.advertise, "applies to IPv6 addresses only");
      }
    }
  });

  const dsts = new Map<string, string>();
  s.routes.forEach((r, i) => {
    const at = `routes[${i}]`;
    const okDst = c.prefix(`${at}.dst`, r.dst);
    const okGateway = c.address(`${at}.gateway`, r.gateway);
    // One destination may have several next hops (ECMP), each once.
    if (okDst && okGateway) {
      c.unique(dsts, `${r.dst} via ${r.gateway}`, `${at}.gateway`, r.gateway.toString());
    }
    if (okDst && okGateway && r.dst.family !== r.gateway.family) {
      c.add(
        `${at}.gateway`,
        r.gateway.toString(),
        `is ${familyName(r.gateway.family)} but dst ${r.dst} is ${familyName(r.dst.family)}`,
      );
    }
  });

  if (s.bgp) {
    const b = s.bgp;
    c.asn("bgp.asn", b.asn);
    c.name("bgp.instance", b.instance);
    if (b.routerId !== undefined && c.address("bgp.routerId", b.routerId)) {
      if (b.routerId.family !== 4) {
        c.add("bgp.routerId", b.routerId.toString(), "is not an IPv4 address (a router ID is)");
      }
    }
    const names = new Map<string, string>();
    const remotes = new Map<string, string>();
    b.connections.forEach((n, i) => {
      const at = `bgp.connections[${i}]`;
      c.name(`${at}.name`, n.name);
      if (typeof n.name === "string") c.unique(names, n.name, `${at}.name`, n.name);
      const okRemote = c.address(`${at}.remoteAddress`, n.remoteAddress);
      if (okRemote) {
        const r = n.remoteAddress.toString();
        c.unique(remotes, r, `${at}.remoteAddress`, r);
      }
      c.asn(`${at}.remoteAs`, n.remoteAs);
      if (!(BGP_LOCAL_ROLES as readonly string[]).includes(n.localRole)) {
        c.add(
          `${at}.localRole`,
          n.localRole,
          "is not a BGP role",
          `use one of ${BGP_LOCAL_ROLES.join(", ")}`,
        );
      }
      c.boolean(`${at}.multihop`, n.multihop);
      if (n.localAddress !== undefined && c.address(`${at}.localAddress`, n.localAddress)) {
        if (okRemote && n.localAddress.family !== n.remoteAddress.family) {
          c.add(
            `${at}.localAddress`,
            n.localAddress.toString(),
            `is ${familyName(n.localAddress.family)} but remoteAddress ${n.remoteAddress} is ${familyName(n.remoteAddress.family)}`,
          );
        }
      }
      if (n.inputFilter !== undefined) c.name(`${at}.inputFilter`, n.inputFilter);
      if (n.interface !== undefined) c.name(`${at}.interface`, n.interface);
      timers(c, at, n, version);
      const families = n.addressFamilies;
      const known = BGP_ADDRESS_FAMILIES as readonly string[];
      if (!Array.isArray(families) || families.length === 0) {
        c.add(`${at}.addressFamilies`, families, `must list at least one of ${known.join(", ")}`);
      } else {
        families.forEach((f, j) => {
          if (!known.includes(f)) {
            c.add(
              `${at}.addressFamilies[${j}]`,
              f,
              "is not a BGP address family",
              `use one of ${known.join(", ")}`,
            );
          } else if (families.indexOf(f) !== j) {
            c.add(
              `${at}.addressFamilies[${j}]`,
              f,
              `duplicates ${at}.addressFamilies[${families.indexOf(f)}]`,
            );
          }
        });
      }
    });
  }

  s.filterRules.forEach((r, i) => {
    const at = `filterRules[${i}]`;
    c.name(`${at}.chain`, r.chain);
    if (typeof r.rule !== "string" || r.rule.trim() === "") {
      c.add(`${at}.rule`, r.rule, "is empty");
    } else {
      const bad = unquotable(r.rule);
      if (bad)
        c.add(`${at}.rule`, r.rule, `contains ${bad}`, "use printable ASCII, tab or newline");
    }
  });

  const lists = new Map<string, string>();
  s.firewall?.addressLists.forEach((e, i) => {
    const at = `firewall.addressLists[${i}]`;
    c.name(`${at}.list`, e.list);
    if (c.prefix(`${at}.address`, e.address)) {
      c.unique(lists, `${e.list} ${e.address}`, at, `${e.list} ${e.address}`);
    }
  });
  s.firewall?.filters.forEach((r, i) => {
    const at = `firewall.filters[${i}]`;
    for (const side of [r.src, r.dst]) if (side) c.name(`${at}.list`, side.list);
    if (r.inInterface !== undefined) c.name(`${at}.inInterface`, r.inInterface);
    if (r.srcAddress !== undefined) c.address(`${at}.srcAddress`, r.srcAddress);
    if (r.dstPort !== undefined && !/^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$/.test(r.dstPort)) {
      c.add(
        `${at}.dstPort`,
        r.dstPort,
        "is not a port list",
        "write ports like 22,443 or 5404-5412",
      );
    }
    if (!/^[a-z]+(=[A-Za-z0-9][A-Za-z0-9_.-]*)?$/.test(r.tag)) {
      c.add(`${at}.tag`, r.tag, "is not a rule tag", "use kind=name, e.g. rule=web-out");
    }
  });

  const nats = new Map<string, string>();
  s.nat?.forEach((r, i) => {
    const at = `nat[${i}]`;
    c.name(`${at}.outInterface`, r.outInterface);
    if (r.action !== "masquerade" && r.action !== "netmap") {
      c.add(`${at}.action`, r.action, "is not a source NAT action", "use masquerade or netmap");
    }
    if (!c.prefix(`${at}.srcAddress`, r.srcAddress)) return;
    if (r.srcAddress.family !== r.family) {
      c.add(`${at}.srcAddress`, r.srcAddress.toString(), `is not ${familyName(r.family)}`);
    }
    if (r.action === "netmap") {
      const to = r.toAddress;
      if (to === undefined) c.add(`${at}.toAddress`, "", "is required for action netmap");
      else if (
        c.prefix(`${at}.toAddress`, to) &&
        (to.family !== r.family || to.length !== r.srcAddress.length)
      ) {
        c.add(
          `${at}.toAddress`,
          to.toString(),
          `does not have the length and family of ${r.srcAddress}`,
          "netmap maps a prefix onto one of the same length",
        );
      }
    } else if (r.toAddress !== undefined) {
      c.add(`${at}.toAddress`, r.toAddress.toString(), "is only used by action netmap");
    }
    const key = `${r.family} ${r.outInterface} ${r.srcAddress} ${r.action}`;
    c.unique(nats, key, at, key);
  });

  const records = new Map<string, string>();
  s.dns.forEach((d, i) => {
    const at = `dns[${i}]`;
    if (typeof d.name !== "string" || !isDnsName(d.name)) {
      c.add(`${at}.name`, d.name, "is not a valid DNS name", DNS_RULE);
    }
    if (c.address(`${at}.address`, d.address)) {
      c.unique(records, `${d.name} ${d.address}`, at, `${d.name} ${d.address}`);
    }
  });

  if (c.problems.length > 0 || !version) throw new RouterOsStateError(c.problems);
  return version;
}
