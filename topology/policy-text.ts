// Filter lines and sets as short text for people: the inventory's rule table and the Manual steps
// of a gateway this stack does not configure. A set reads as the names it came from, with its
// addresses when they are few; the internet reads as "internet".
import { Family } from "../addressing/ip";
import { AddressSet } from "./address-set";
import { FilterLine, isWholeFamily } from "./policy-lines";
import { DecidedBy, Decision, Policy, PolicyRule, PortRange } from "./policy-types";

const MAX_BLOCKS = 4;

/** `22`, `5404-5412`, joined with commas. */
export const portsText = (ports: readonly PortRange[]): string =>
  ports.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(",");

/** `tcp 22,443`, `udp 53`, `icmp`, `any`. */
export function serviceText(l: Pick<PolicyRule, "protocol" | "ports">): string {
  if (l.protocol === "any") return "any protocol";
  return l.ports.length > 0 ? `${l.protocol} ${portsText(l.ports)}` : l.protocol;
}

/** The addresses of one family of `s`, or a summary when there are many. */
export function setText(p: Policy, s: AddressSet, f: Family): string {
  const internet = p.site.complement().only(f);
  if (s.equals(internet)) return "internet";
  if (isWholeFamily(s, f)) return "anywhere";
  if (s.covers(internet)) {
    const rest = s.minus(internet);
    return `internet and ${setText(p, rest, f)}`;
  }
  const blocks = s.blocks(f);
  if (blocks.length <= MAX_BLOCKS) return blocks.map(String).join(", ");
  return `${blocks.slice(0, MAX_BLOCKS).map(String).join(", ")} and ${blocks.length - MAX_BLOCKS} more`;
}

/**
 * One filter line as a sentence: `deny IPv4 from workload (10.8.28.0/22) to ...`. A destination
 * equal to `domain` (what the point filters) reads "anywhere else".
 */
export function lineText(p: Policy, l: FilterLine, domain = AddressSet.ALL): string {
  const rule = l.tag.startsWith("rule=")
    ? p.rules.find((r) => `rule=${r.name}` === l.tag)
    : undefined;
  const zoneName = l.tag.replace(/^(intra|default)=/, "");
  const src = rule
    ? `${rule.from.map((t) => t.name).join(", ")} (${setText(p, l.src, l.family)})`
    : `zone ${zoneName} (${setText(p, l.src, l.family)})`;
  const dstSet =
    !rule && l.dst.equals(domain.only(l.family)) ? "anywhere" : setText(p, l.dst, l.family);
  const dst = rule
    ? `${rule.to.map((t) => t.name).join(", ")} (${dstSet})`
    : dstSet === "anywhere"
      ? "anywhere else"
      : dstSet;
  return `${l.action} IPv${l.family} from ${src} to ${dst}, ${serviceText(l)}${l.log ? ", log" : ""}`;
}

/**
 * A factory (`defconf`) rule's verdict, for messages: the rule by its comment, on which router,
 * and the key that makes the policy take it into account.
 */
export function defconfText(
  action: Decision["action"],
  by: Extract<DecidedBy, { kind: "defconf" }>,
): string {
  const did = action === "allow" ? "accepts" : "drops";
  return `the factory rule "${by.rule}" of ${by.device} ${did} it (${by.path}: no rule of the policy decides it first)`;
}
