// RouterOS filter rules (`/ip/firewall/filter`, `/ipv6/firewall/filter`) into homelab:policy
// rules, where the policy says exactly what the rule does: a forward-chain accept or drop between
// segments the import read (or any), by protocol and destination ports. Every other rule is
// reported with its file, line and what the policy cannot say; the router keeps it as it is
// (the script never removes or moves an unmanaged rule).
import * as ipaddr from "ipaddr.js";
import { redactOwnerText } from "../addressing/quote";
import { ExportCommand } from "../twin/routeros/export";
import { Report } from "./report";

/** A filter rule of one router's export, with the file it came from. */
export interface RouterFilter {
  readonly router: string;
  readonly file: string;
  readonly command: ExportCommand;
}

/** A segment the import wrote: its name and prefixes. */
export interface ImportedSegment {
  readonly name: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
}

/** Properties a policy rule holds: what they become is in `policyRule`. */
const EXPRESSIBLE = [
  "chain",
  "action",
  "src-address",
  "dst-address",
  "protocol",
  "dst-port",
  "log",
  "comment",
];

const KIND = "RouterOS firewall filter rules";

/**
 * The policy rule of a filter rule, or why there is none. `segments` resolve addresses: an
 * address must be exactly a segment's prefix in the rule's family, and a segment named must have
 * no prefix of the other family (a policy rule covers both families of what it names).
 */
export function policyRule(
  f: RouterFilter,
  segments: readonly ImportedSegment[],
): { rule: Record<string, unknown> } | { why: string } {
  const c = f.command;
  const v6 = c.menu === "/ipv6/firewall/filter";
  const family = v6 ? "ipv6" : "ipv4";
  const other = v6 ? "ipv4" : "ipv6";
  const arg = (k: string) => c.args.find(([n]) => n === k)?.[1];
  const comment = arg("comment");
  if (comment?.startsWith("defconf"))
    return {
      why: "a factory defconf rule: the router keeps it, and the stack's own rules are placed before its drops (docs/adopting.md)",
    };
  if (c.verb !== "add") return { why: "a `set` of a rule the export does not add" };
  const action = arg("action");
  if (action !== "accept" && action !== "drop")
    return {
      why: `action=${action ?? "accept"}: the policy allows or denies (accept or drop); the router keeps this rule`,
    };
  const chain = arg("chain");
  if (chain !== "forward")
    return {
      why: `chain=${chain ?? ""}: only forward rules (between segments) are imported; the router keeps this rule`,
    };
  const extra = c.args.filter(([k]) => !EXPRESSIBLE.includes(k)).map(([k]) => k);
  if (extra.length > 0)
    return {
      why: `matches on ${extra.join(", ")}, which homelab:policy cannot say; the router keeps this rule`,
    };
  const log = arg("log");
  if (log !== undefined && log !== "yes" && log !== "no")
    return { why: `log=${log} is not yes or no` };
  const name = (k: "src-address" | "dst-address"): string | { why: string } => {
    const a = arg(k);
    if (a === undefined) {
      // "any" covers both families: exact only where no segment has the other family.
      const both = segments.find((s) => s[other] !== undefined);
      return both
        ? {
            why: `no ${k}: the policy's any covers ${other === "ipv6" ? "IPv6" : "IPv4"} too (segment ${both.name} has ${both[other]}), this rule ${family === "ipv6" ? "IPv6" : "IPv4"} only`,
          }
        : "any";
    }
    const s = segments.find((x) => x[family] !== undefined && samePrefix(x[family] as string, a));
    if (!s)
      return {
        why: `${k}=${a} is not the prefix of a segment read; the policy names segments, devices and named ranges (add one for it and write the rule by name)`,
      };
    if (s[other] !== undefined)
      return {
        why: `${k}=${a} is segment ${s.name}, which has ${s[other]} too: a policy rule naming it covers both families, this rule one`,
      };
    return s.name;
  };
  const from = name("src-address");
  if (typeof from !== "string") return from;
  const to = name("dst-address");
  if (typeof to !== "string") return to;
  const proto = arg("protocol");
  const protocol =
    proto === undefined
      ? "any"
      : proto === "tcp" || proto === "udp"
        ? proto
        : proto === (v6 ? "icmpv6" : "icmp")
          ? "icmp"
          : undefined;
  if (protocol === undefined)
    return {
      why: `protocol=${proto}: the policy says tcp, udp, icmp (ICMPv6 in an IPv6 rule) or any`,
    };
  const dport = arg("dst-port");
  let ports: (number | string)[] | undefined;
  if (dport !== undefined) {
    if (protocol !== "tcp" && protocol !== "udp")
      return { why: "dst-port without protocol tcp or udp" };
    const parts = dport.split(",");
    if (!parts.every((p) => /^[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?$/.test(p)))
      return { why: `dst-port=${dport}: the policy takes ports and ranges (1-65535) only` };
    ports = parts.map((p) => (p.includes("-") ? p : Number(p)));
  }
  const where = `${f.file}:${c.line}`;
  const why = comment ? `${redactOwnerText(comment)} (${where})` : `imported from ${where}`;
  return {
    rule: {
      name: ruleName(f.router, c.line),
      from,
      to,
      ...(protocol !== "any" ? { protocol } : {}),
      ...(ports ? { ports } : {}),
      action: action === "accept" ? "allow" : "deny",
      ...(log === "yes" ? { log: true } : {}),
      why: why.length <= 200 ? why : `imported from ${where}`,
    },
  };
}

/** `<router>-<line>`, a policy rule name (a letter first, 41 characters at most). */
function ruleName(router: string, line: number): string {
  const base = /^[a-z]/.test(router) ? router : `r-${router}`;
  const suffix = `-${line}`;
  return base.slice(0, 41 - suffix.length).replace(/-+$/, "") + suffix;
}

function samePrefix(a: string, b: string): boolean {
  if (!ipaddr.isValidCIDR(b)) return false;
  const [x, lx] = ipaddr.parseCIDR(a);
  const [y, ly] = ipaddr.parseCIDR(b);
  return lx === ly && x.kind() === y.kind() && x.toString() === y.toString();
}

/** A rule the import leaves on the router: where it is and what it matches. */
interface KeptRule {
  readonly line: number;
  readonly action: string;
  readonly args: readonly (readonly [string, string])[];
}

/**
 * Whether a packet could match both rules, judged on what both say about src-address,
 * dst-address, protocol and dst-port (an absent one matches every packet). Any other matcher of
 * the kept rule only narrows it, so it is ignored; a value this cannot read (a negation `!x`, a
 * range `a-b`, a protocol number, a port name) counts as overlapping: when unsure, overlap.
 */
export function couldOverlap(
  kept: readonly (readonly [string, string])[],
  rule: readonly (readonly [string, string])[],
): boolean {
  const get = (args: readonly (readonly [string, string])[], k: string) =>
    args.find(([n]) => n === k)?.[1];
  const prefixes = (a: string, b: string): boolean => {
    const cidr = (x: string) => {
      const c = x.includes("/") ? x : `${x}/${ipaddr.isValid(x) && x.includes(":") ? 128 : 32}`;
      return ipaddr.isValidCIDR(c) ? ipaddr.parseCIDR(c) : undefined;
    };
    const x = cidr(a);
    const y = cidr(b);
    if (!x || !y) return true;
    if (x[0].kind() !== y[0].kind()) return false;
    // Two prefixes overlap when the shorter one holds the other's network address.
    const [short, long] = x[1] <= y[1] ? [x, y] : [y, x];
    return long[0].match(short as [ipaddr.IPv4, number]);
  };
  for (const k of ["src-address", "dst-address"]) {
    const a = get(kept, k);
    const b = get(rule, k);
    if (a !== undefined && b !== undefined && !prefixes(a, b)) return false;
  }
  const named = /^[a-z][a-z0-9-]*$/;
  const pa = get(kept, "protocol");
  const pb = get(rule, "protocol");
  if (pa !== undefined && pb !== undefined && named.test(pa) && named.test(pb) && pa !== pb)
    return false;
  const ports = (v: string) => {
    const parts = v.split(",");
    if (!parts.every((p) => /^[0-9]{1,5}(-[0-9]{1,5})?$/.test(p))) return undefined;
    return parts.map((p) => {
      const [lo, hi] = p.split("-").map(Number);
      return [lo, hi ?? lo] as const;
    });
  };
  const da = get(kept, "dst-port");
  const db = get(rule, "dst-port");
  if (da !== undefined && db !== undefined) {
    const x = ports(da);
    const y = ports(db);
    if (x && y && !x.some(([l1, h1]) => y.some(([l2, h2]) => l1 <= h2 && l2 <= h1))) return false;
  }
  return true;
}

/**
 * The routers' filter rules as homelab:policy rules, in each router's order: expressed ones
 * counted, the rest reported with file and line (nothing dropped silently).
 *
 * A rule is expressed only if that cannot change a decision of a rule the import leaves on the
 * router. The RouterOS script adds the stack's filter rules before the chain's first factory
 * `defconf` drop (render/routeros/script.ts, `upsertChain`), so above the router's own rules
 * after it, and never moves the router's rules: a rule expressed from below a kept rule would go
 * above it. So within a router's chain and family, once a rule stays on the router (reported; a
 * factory defconf rule excepted, whose drops the stack's rules go above by design), every later
 * rule whose match could overlap it (`couldOverlap`, whatever its action) is reported too, naming
 * that line; such a rule stays on the router in turn. A `set` that names no chain counts as a
 * kept rule of every chain of its menu.
 */
export function importFilters(
  filters: readonly RouterFilter[],
  segments: readonly ImportedSegment[],
  report: Report,
): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  const kept = new Map<string, KeptRule[]>();
  for (const f of filters) {
    const c = f.command;
    const arg = (k: string) => c.args.find(([n]) => n === k)?.[1];
    // A `set` may name no chain (`set [ find comment=x ] ...`): kept under "*", it stands above
    // the later rules of every chain of its menu (when unsure, it could be in any).
    const chain = arg("chain") ?? c.find?.find(([n]) => n === "chain")?.[1] ?? "*";
    const chainKey = `${f.router}\u0000${c.menu}\u0000${chain}`;
    const above = [
      ...(kept.get(`${f.router}\u0000${c.menu}\u0000*`) ?? []),
      ...(chain === "*" ? [] : (kept.get(chainKey) ?? [])),
    ].sort((a, b) => a.line - b.line);
    const r = policyRule(f, segments);
    const blocker = "rule" in r ? above.find((k) => couldOverlap(k.args, c.args)) : undefined;
    if ("rule" in r && !blocker) {
      rules.push(r.rule);
      report.expressed(f.file);
      continue;
    }
    const why = blocker
      ? `not imported, because line ${blocker.line} above it stays on the router and the stack's rules go before the router's own (expressing it would put its ${arg("action") ?? "accept"} above line ${blocker.line}'s ${blocker.action})`
      : (r as { why: string }).why;
    report.reported({ kind: KIND, file: f.file, line: c.line, text: c.text, why });
    if (!arg("comment")?.startsWith("defconf"))
      kept.set(chainKey, [
        ...(kept.get(chainKey) ?? []),
        {
          line: c.line,
          action: arg("action") ?? (c.verb === "set" ? "rule" : "accept"),
          args: c.args,
        },
      ]);
  }
  return rules;
}
