// The firewall rules the policy leaves to an external router, as plain data for its document
// (external/<device>.yaml): in order, one family each, sides as prefix lists (or "everything but"
// a list, or any), so that a person can type them into the gateway's UI and the twin can play the
// gateway from the document alone.
import { Family } from "../../addressing/ip";
import { AddressSet } from "../../topology/address-set";
import { filterLines } from "../../topology/policy-lines";
import { portsText } from "../../topology/policy-text";
import { Topology } from "../../topology/types";
import { sideSet } from "../policy/names";

/** One side of a rule: any address, these prefixes, or every address but these. */
export type ExternalSide =
  "any" | { readonly in: readonly string[] } | { readonly notIn: readonly string[] };

/** One firewall rule of an external router, in the order it must be applied. */
export interface ExternalFirewallRule {
  /** `rule=<name>` or `default=<zone>`: where it comes from in the policy. */
  readonly rule: string;
  readonly action: "allow" | "deny";
  readonly family: "ipv4" | "ipv6";
  readonly from: ExternalSide;
  readonly to: ExternalSide;
  /** Absent: every protocol. */
  readonly protocol?: "tcp" | "udp" | "icmp";
  /** `22,443` or `5404-5412`: TCP/UDP destination ports. */
  readonly ports?: string;
  readonly log: boolean;
}

function side(f: Family, s: AddressSet): ExternalSide {
  const m = sideSet(f, s);
  if (!m) return "any";
  const prefixes = m.set.prefixes(f).map(String);
  return m.negate ? { notIn: prefixes } : { in: prefixes };
}

/**
 * The rules the policy leaves to external router `device` (traffic inside a zone passes and is not
 * listed); empty when the policy has none for it.
 */
export function externalFirewall(t: Topology, device: string): ExternalFirewallRule[] {
  const p = t.policy;
  const point = p?.points.find((x) => x.kind === "manual" && x.device === device);
  if (!p || !point) return [];
  return filterLines(p, point)
    .filter((l) => !l.tag.startsWith("intra="))
    .map((l) => ({
      rule: l.tag,
      action: l.action,
      family: l.family === 4 ? "ipv4" : "ipv6",
      from: side(l.family, l.src),
      to: side(l.family, l.dst),
      ...(l.protocol !== "any" ? { protocol: l.protocol } : {}),
      ...(l.ports.length > 0 ? { ports: portsText(l.ports) } : {}),
      log: l.log,
    }));
}
