// The policy in the inventory: its zones with their defaults, a zone-to-zone matrix (what happens
// to traffic from a row's zone to a column's zone, and which rules can change that), and the rule
// table with where each rule is enforced. Pure: the topology's policy in, Markdown out.
import { FAMILIES } from "../../addressing/ip";
import { Plan } from "../../addressing/plan-types";
import { keptOutOfLan } from "../../topology/policy-eval";
import { filterLines } from "../../topology/policy-lines";
import { serviceText, setText } from "../../topology/policy-text";
import { Policy, PolicyRule, Zone } from "../../topology/policy-types";
import { Topology } from "../../topology/types";
import { ownerCell, table, text } from "./table";

const setsText = (p: Policy, s: PolicyRule["src"]) =>
  s.families.map((f) => setText(p, s.only(f), f)).join("; ");

/** Rules that can match some traffic from zone `a` to zone `b`, 1-based. */
function rulesBetween(p: Policy, a: Zone, b: Zone): number[] {
  return p.rules
    .filter((r) => r.src.overlaps(a.set) && r.dst.overlaps(b.set))
    .map((r) => r.index + 1);
}

function matrix(p: Policy): string {
  const zones = p.zones;
  const rows = zones.map((a) => [
    `**${a.name}**`,
    ...zones.map((b) => {
      if (a === b) return "-";
      const rules = rulesBetween(p, a, b);
      return rules.length > 0 ? `${a.default}, rules ${rules.join(", ")}` : a.default;
    }),
  ]);
  return table(["from \\ to", ...zones.map((z) => z.name)], rows);
}

/** Where a rule is enforced: every point whose lines carry it. */
function enforcedBy(p: Policy, plan: Plan, r: PolicyRule): string {
  const by = p.points.filter((x) => filterLines(p, x).some((l) => l.tag === `rule=${r.name}`));
  const hosts = by.filter((x) => x.kind === "proxmox").map((x) => x.device);
  const parts = by.flatMap((x) => {
    if (x.kind === "proxmox") return [];
    const os = plan.routers.find((o) => o.name === x.device)?.os;
    if (x.kind === "manual") return [`${x.device} (manual)`];
    return [`${x.device} (${os === "routeros" ? "RouterOS" : "nftables"})`];
  });
  if (hosts.length > 0) parts.push(`Proxmox firewall of ${hosts.join(", ")}`);
  return parts.join("; ") || "-";
}

/**
 * Where the rules sit on each RouterOS router that enforces the policy: the reconcile script
 * places each chain's rules before the chain's first factory `defconf` drop, never below it.
 */
function routerOsPlacement(p: Policy, plan: Plan): string[] {
  const routers = p.points
    .filter((x) => x.kind === "router")
    .map((x) => x.device)
    .filter((d) => plan.routers.find((o) => o.name === d)?.os === "routeros");
  if (routers.length === 0) return [];
  return [
    "",
    `On RouterOS (${routers.join(", ")}), each chain's rules (input, forward) go before the chain's first factory \`defconf\` drop (\`defconf: drop invalid\` on a factory configuration), so the factory rules below them never decide this traffic first; without \`defconf\` drops they follow the router's own rules. The router's own rules are never moved or removed.`,
  ];
}

/**
 * What the factory firewall of each router with routers[].defconf decides after the rules
 * (topology/policy-eval.ts decide): the flows checks and the twin's probes take it into account.
 */
function defconfNotes(p: Policy): string[] {
  return p.points.flatMap((x) => {
    if (x.kind !== "router" || !x.defconf) return [];
    const kept = p.zones.filter((z) => keptOutOfLan(p, x.device, z) && x.own.overlaps(z.set));
    const from = ["the internet", ...kept.map((z) => `zone ${z.name} (kept out of \`LAN\`)`)];
    const wan = x.defconf.wan
      ? ` New connections from the internet that no rule allows and the internet's default would let through are dropped too (IPv4 \`defconf: drop all from WAN not DSTNATed\`; IPv6 \`defconf: drop everything else not coming from LAN\`, after its ICMPv6 and IKE accepts).`
      : "";
    return [
      "",
      `${x.device} runs the factory firewall (${x.defconf.path}): after the rules and its BGP sessions' accepts, the router itself takes from ${from.join(" and ")} only what the factory rules accept (ICMP; on IPv6 also UDP traceroute and IKE), and drops the rest (\`defconf: drop all not coming from LAN\`, IPv6 \`defconf: drop everything else not coming from LAN\`).${wan}`,
    ];
  });
}

/** The policy section; undefined for a site without one. */
export function policySection(plan: Plan, topology: Topology): string | undefined {
  const p = topology.policy;
  if (!p) return undefined;
  const zones = table(
    ["Zone", "Addresses", "Default (to other zones)", "Log denied"],
    p.zones.map((z) => [
      z.name,
      z.name === "internet"
        ? "everything outside the site"
        : text(
            FAMILIES.filter((f) => z.set.families.includes(f))
              .map((f) => setText(p, z.set.only(f), f))
              .join("; "),
          ),
      z.default,
      z.log ? "yes" : "no",
    ]),
  );
  const rules = table(
    ["#", "Rule", "From", "To", "Traffic", "Action", "Log", "Enforced by", "Why"],
    p.rules.map((r) => [
      String(r.index + 1),
      r.name,
      text(`${r.from.map((t) => t.name).join(", ")} (${setsText(p, r.src)})`),
      text(`${r.to.map((t) => t.name).join(", ")} (${setsText(p, r.dst)})`),
      serviceText(r),
      r.action,
      r.log ? "yes" : "no",
      text(enforcedBy(p, plan, r)),
      ownerCell(r.why),
    ]),
  );
  return [
    "## Network policy",
    "",
    "The first rule that matches a packet decides it; traffic no rule decides gets its source zone's default. Traffic inside a zone is not routed and not filtered.",
    "",
    "### Zones",
    "",
    zones,
    "",
    "### Zone to zone",
    "",
    "What happens to traffic from a row's zone to a column's zone: the row's default, and the rules that can decide part of it.",
    "",
    matrix(p),
    "",
    "### Rules",
    "",
    p.rules.length > 0 ? rules : "No rules: every zone's default decides.",
    ...routerOsPlacement(p, plan),
    ...defconfNotes(p),
  ].join("\n");
}
