// Legal policy choices with a consequence the owner may not see: reported as warnings with the
// preview's summary and in the inventory; they never fail a run.
import { FAMILIES } from "../addressing/ip";
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { AddressSet } from "./address-set";
import { PRIVATE_V4, UNIQUE_LOCAL } from "./egress";
import { filterLines } from "./policy-lines";
import { Policy } from "./policy-types";

/**
 * An internet zone that denies, on a router this stack configures, where the ruleset drops IPv6
 * from every address outside the plan. The plan knows the site's own prefixes only: addresses a
 * LAN takes from the ISP's prefix (SLAAC or DHCPv6-PD, RFC 4862 / RFC 8415) are outside it, so
 * the policy counts them as the internet, and their new connections stop, to the internet too.
 * Replies (established, related) and port forwards (dst-nat) pass before that drop
 * (topology/policy-lines.ts, acceptsDstNat): the warning names what does not.
 */
export function policyWarnings(p: Policy | undefined): Problem[] {
  return [...ipv6Warnings(p), ...unroutedRuleWarnings(p)];
}

function ipv6Warnings(p: Policy | undefined): Problem[] {
  const internet = p?.zones.find((z) => z.name === "internet");
  if (!p || !internet || internet.default !== "deny") return [];
  const routers = p.points.filter(
    (point) =>
      point.kind === "router" &&
      filterLines(p, point).some((l) => l.tag === "default=internet" && l.family === 6),
  );
  if (routers.length === 0) return [];
  const path = internet.path === "policy.default" ? "policy.default" : `${internet.path}.default`;
  return [
    {
      path,
      input: "deny",
      message: `makes ${routers.map((r) => r.device).join(", ")} drop IPv6 from every address outside the plan: addresses your VLANs take from your ISP's prefix (SLAAC, DHCPv6-PD) are the internet zone to the policy, so their new connections stop, to the internet too; replies (established, related) and port forwards (dst-nat) still pass`,
      fix: "give each segment that carries such addresses its ISP prefix (segments[].ipv6), or keep this if your VLANs use only the plan's IPv6",
    },
  ];
}

/** Private IPv4 (RFC 1918, RFC 6598) and unique local IPv6 (RFC 4193): not routed on the internet. */
const UNROUTED = AddressSet.of([...PRIVATE_V4, UNIQUE_LOCAL]);

/**
 * An allow rule from `internet` whose destinations hold only addresses the internet does not
 * route (new-user trial 3, b47): no packet from the internet arrives addressed to them, and the
 * stack renders no port forward (dst-nat), so the rule matches only what a port forward the
 * router has outside the stack rewrote to them.
 */
function unroutedRuleWarnings(p: Policy | undefined): Problem[] {
  return (p?.rules ?? []).flatMap((r) => {
    if (r.action !== "allow" || !r.from.some((t) => t.kind === "internet")) return [];
    if (r.dst.isEmpty() || !UNROUTED.covers(r.dst)) return [];
    const to = r.to.map((t) => t.name).join(", ");
    const blocks = FAMILIES.flatMap((f) =>
      r.dst.blocks(f).map((b) => String(b).replace(/\/(32|128)$/, "")),
    ).join(", ");
    return [
      {
        path: r.path,
        input: r.name,
        message: `allows the internet to ${to}, which holds only private and unique local addresses (${blocks}; RFC 1918, RFC 6598, RFC 4193) that the internet does not route to: the rule can only match after a port forward (dst-nat) the router has outside the stack`,
        fix: `keep it if the router forwards a port to ${to} outside the stack; otherwise remove it`,
      },
    ];
  });
}

/**
 * A Linux router this stack configures that has an uplink while the policy lets the internet in
 * by default (new-user trial 3, b9): the internet zone's default allows (or there is no
 * homelab:policy), so the router forwards new connections from the internet into the site, and
 * the stack filters the router's own input only where a rule names the router, so its services
 * (SSH, DNS) answer on the uplink. MikroTik's factory firewall drops both on a RouterOS router
 * (test/fixtures/routeros/defconf-home.rsc; routers[].defconf); a Linux router has no firewall
 * of its own. A warning, not a refusal: the router may have one the stack does not see (another
 * nftables table). RouterOS routers without `defconf` are left out: a RouterOS router ships
 * with the factory firewall, and the plan's checks already name `defconf` where it decides.
 */
export function uplinkWarnings(plan: Plan, p: Policy | undefined): Problem[] {
  const internet = p?.zones.find((z) => z.name === "internet");
  if (internet && internet.default !== "allow") return [];
  const because = internet
    ? `the internet zone's default allows (${internet.path === "policy.default" ? "policy.default" : `${internet.path}.default`})`
    : "the site has no homelab:policy";
  return plan.routers.flatMap((r) => {
    if (!r.uplink || r.os !== "linux") return [];
    const on = r.uplink.interfaces.join(", ");
    return [
      {
        path: `${r.uplink.path}.interfaces`,
        input: on,
        message: `lets the internet in by default: ${because} and a Linux router has no firewall of its own, so ${r.name} forwards new connections from the internet to every site address no rule denies, and its own services (SSH, DNS) answer on ${on}: the stack's nftables ruleset filters its input only where a rule names ${r.name}`,
        fix: `deny the internet by default: policy.zones: [{ zone: internet, default: deny }] (replies and port forwards still pass), and have ${r.name}'s own firewall drop new connections to it on ${on}`,
      },
    ];
  });
}
