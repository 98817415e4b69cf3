// Legal policy choices with a consequence the owner may not see: reported as warnings with the
// preview's summary and in the inventory; they never fail a run.
import { Problem } from "../addressing/problems";
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
