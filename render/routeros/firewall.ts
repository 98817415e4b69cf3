// The policy on a RouterOS router: its filter lines as `/ip/firewall/filter` and
// `/ipv6/firewall/filter` rules in order (replies first, then traffic inside a zone, the rules,
// the zone defaults; the input chain only for rules that name the router), matching on address
// lists named `<stack>-<set>`. Reconcile, ownership and destroy are the script's (menus.ts).
import { Family } from "../../addressing/ip";
import { acceptsDstNat, FilterLine, filterLines } from "../../topology/policy-lines";
import { portsText } from "../../topology/policy-text";
import { Policy, PolicyPoint } from "../../topology/policy-types";
import { lineHints, SetNames, sideSet } from "../policy/names";
import { AddressListEntry, FirewallFilter, ListMatch, RouterOsFirewall } from "./types";

const stateful = (
  family: Family,
  chain: "forward" | "input",
  dstNat: boolean,
): FirewallFilter[] => [
  {
    family,
    chain,
    action: "accept",
    connectionState: ["established", "related"],
    log: false,
    tag: "stateful",
  },
  { family, chain, action: "drop", connectionState: ["invalid"], log: false, tag: "invalid" },
  // Port forwards pass an internet zone that denies (topology/policy-lines.ts, acceptsDstNat).
  ...(dstNat && chain === "forward"
    ? [
        {
          family,
          chain,
          action: "accept" as const,
          connectionNatState: "dstnat" as const,
          log: false,
          tag: "dstnat",
        },
      ]
    : []),
];

function protocolOf(l: FilterLine): FirewallFilter["protocol"] {
  if (l.protocol === "any") return undefined;
  if (l.protocol === "icmp") return l.family === 4 ? "icmp" : "icmpv6";
  return l.protocol;
}

/** The firewall of `point` (a RouterOS router that enforces the policy) for `stack`. */
export function routerOsFirewall(p: Policy, point: PolicyPoint, stack: string): RouterOsFirewall {
  const sets = new SetNames(p, {
    format: (hint) => `${stack}-${hint.replace(/[^A-Za-z0-9_.-]/g, "-")}`,
    maxLength: 63,
  });
  const match = (f: Family, s: FilterLine["src"], hint: string): ListMatch | undefined => {
    const m = sideSet(f, s);
    return m
      ? { list: sets.name(m.negate ? `not-${hint}` : hint, f, m.set), negate: m.negate }
      : undefined;
  };
  const lines = filterLines(p, point);
  const filters = ([4, 6] as const).flatMap((f) => {
    const mine = lines.filter((l) => l.family === f);
    if (mine.length === 0) return [];
    const chains = (["forward", "input"] as const).filter((c) => mine.some((l) => l.chain === c));
    return chains.flatMap((chain) => [
      ...stateful(f, chain, acceptsDstNat(p)),
      ...mine
        .filter((l) => l.chain === chain)
        .map((l): FirewallFilter => {
          const [srcHint, dstHint] = lineHints(p, l);
          const src = match(f, l.src, srcHint);
          const dst = match(f, l.dst, dstHint);
          const protocol = protocolOf(l);
          return {
            family: f,
            chain,
            action: l.action === "allow" ? "accept" : "drop",
            ...(src ? { src } : {}),
            ...(dst ? { dst } : {}),
            ...(protocol ? { protocol } : {}),
            ...(l.ports.length > 0 ? { dstPort: portsText(l.ports) } : {}),
            log: l.log,
            tag: l.tag,
          };
        }),
    ]);
  });
  const addressLists: AddressListEntry[] = sets
    .all()
    .flatMap((s) => s.set.prefixes(s.family).map((address) => ({ list: s.name, address })));
  return { addressLists, filters };
}
