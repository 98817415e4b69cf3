// The policy as one enforcement point applies it: an ordered list of filter lines, one family
// each, that every target renders (nftables, RouterOS filter rules, Proxmox firewall rules, the
// gateway's manual table). Order: traffic inside a zone passes (it is not routed, so the policy
// does not govern it), then the rules in config order, then each zone's default where it denies.
import { Family, FAMILIES } from "../addressing/ip";
import { AddressSet } from "./address-set";
import { Policy, PolicyAction, PolicyPoint, PolicyProtocol, PortRange } from "./policy-types";

/** One line of a ruleset: what it matches, what it does, and where it comes from. */
export interface FilterLine {
  /** `intra=<zone>`, `rule=<name>` or `default=<zone>`: rendered into the rule's comment. */
  readonly tag: string;
  /** `forward`: traffic the device routes; `input`: traffic to the device's own addresses. */
  readonly chain: "forward" | "input";
  readonly family: Family;
  /** Addresses of `family` only; the whole family means "any source". */
  readonly src: AddressSet;
  readonly dst: AddressSet;
  readonly protocol: PolicyProtocol;
  readonly ports: readonly PortRange[];
  readonly action: PolicyAction;
  readonly log: boolean;
  /** Config path of the rule or zone default. */
  readonly path: string;
}

const FULL: Record<Family, AddressSet> = { 4: AddressSet.ALL.only(4), 6: AddressSet.ALL.only(6) };

/** Whether `s` holds every address of family `f` (nothing to match on). */
export const isWholeFamily = (s: AddressSet, f: Family): boolean => s.equals(FULL[f]);

/**
 * Whether a router's forward chain accepts port forwards before the policy's lines: when the
 * internet zone's default denies. That default drops every new connection from outside the site,
 * and a port forward (dst-nat) is one: its destination is rewritten to a site address before the
 * forward chain sees it. RouterOS's own `defconf` firewall makes the same exception ("drop all
 * from WAN not DSTNATed": `connection-nat-state=!dstnat`); nftables matches it as `ct status dnat`.
 */
export function acceptsDstNat(p: Policy): boolean {
  return p.zones.some((z) => z.name === "internet" && z.default === "deny");
}

/** The ordered lines of `point`; a router's input lines follow its forward lines. */
export function filterLines(p: Policy, point: PolicyPoint): FilterLine[] {
  const hostOnly = point.kind === "proxmox";
  const chain = hostOnly ? "input" : "forward";
  const domain = point.domain;
  const lines: FilterLine[] = [];
  const push = (
    l: Omit<FilterLine, "family" | "src" | "dst">,
    src: AddressSet,
    dst: AddressSet,
  ) => {
    for (const f of FAMILIES) {
      const s = src.only(f);
      const d = dst.only(f);
      if (!s.isEmpty() && !d.isEmpty()) lines.push({ ...l, family: f, src: s, dst: d });
    }
  };
  const service = { protocol: "any" as const, ports: [] };
  for (const z of p.zones) {
    if (z.name === "internet") continue;
    push(
      { tag: `intra=${z.name}`, chain, ...service, action: "allow", log: false, path: z.path },
      z.set,
      z.set.intersect(domain),
    );
  }
  const ruleLines = (c: "forward" | "input", within: AddressSet, routerInput: boolean) => {
    for (const r of p.rules) {
      const dst = routerInput ? r.routerDst : r.dst;
      // A rule only about the router itself has nothing to forward.
      if (!routerInput && !hostOnly && point.own.covers(r.dst)) continue;
      push(
        {
          tag: `rule=${r.name}`,
          chain: c,
          protocol: r.protocol,
          ports: r.ports,
          action: r.action,
          log: r.log,
          path: r.path,
        },
        r.src,
        dst.intersect(within),
      );
    }
  };
  ruleLines(chain, domain, false);
  for (const z of p.zones) {
    if (z.default !== "deny") continue;
    // Only families another zone has: an IPv4-only site forwards no IPv6 to deny.
    const others = p.zones.filter((o) => o !== z && o.name !== "internet");
    const families = FAMILIES.filter((f) =>
      (z.name === "internet" ? others : p.zones.filter((o) => o !== z)).some(
        (o) => !o.set.only(f).isEmpty(),
      ),
    );
    const src = families.reduce((a, f) => a.union(z.set.only(f)), AddressSet.EMPTY);
    push(
      { tag: `default=${z.name}`, chain, ...service, action: "deny", log: z.log, path: z.path },
      src,
      domain.minus(hostOnly ? z.set : AddressSet.EMPTY),
    );
  }
  // A router's own addresses: only the rules that name them (zone defaults govern routing).
  if (!hostOnly) ruleLines("input", point.own.intersect(domain), true);
  return lines;
}
