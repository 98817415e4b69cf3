// Issue 20, friction 4: an internet zone that denies drops IPv6 from addresses outside the plan
// (a LAN's addresses from the ISP's prefix). Port forwards and replies pass (test/lab/
// port-forward.lab.test.ts); what does not, the plan says, as a warning with the exact text.
import { formatProblem } from "../../addressing/problems";
import { requireSite } from "../../site";
import { portForwardSite } from "../fixtures/port-forward";

/** The allow rules the site's own flows need under a default deny (topology/flows.ts). */
const OWN_FLOWS = [
  // DNS, and NTP to Talos's default time server time.cloudflare.com.
  {
    name: "dns-ntp-udp",
    from: "cluster:lab",
    to: "internet",
    protocol: "udp",
    ports: [53, 123],
    action: "allow",
  },
  {
    name: "dns-tcp-images",
    from: "cluster:lab",
    to: "internet",
    protocol: "tcp",
    ports: [53, 443],
    action: "allow",
  },
  // The hosts download the Talos ISO from the image factory.
  {
    name: "hosts-images",
    from: "management",
    to: "internet",
    protocol: "tcp",
    ports: [443],
    action: "allow",
  },
  // The hosts set their clocks by chrony from 2.debian.pool.ntp.org.
  {
    name: "hosts-ntp",
    from: "management",
    to: "internet",
    protocol: "udp",
    ports: [123],
    action: "allow",
  },
];

const warningsOf = (raw: Record<string, unknown>) =>
  requireSite(raw).plan.warnings.map(formatProblem);

test("internet default deny on a Linux router with IPv6 zones: the plan says what stops", () => {
  expect(warningsOf(portForwardSite())).toEqual([
    `policy.zones[0].default: "deny": makes edge drop IPv6 from every address outside the plan: addresses your VLANs take from your ISP's prefix (SLAAC, DHCPv6-PD) are the internet zone to the policy, so their new connections stop, to the internet too; replies (established, related) and port forwards (dst-nat) still pass; give each segment that carries such addresses its ISP prefix (segments[].ipv6), or keep this if your VLANs use only the plan's IPv6`,
  ]);
});

test("policy.default deny names policy.default", () => {
  const raw = portForwardSite();
  // The site's own flows (its Talos nodes' resolvers and image pulls) are allowed, as the plan needs.
  raw.policy = { default: "deny", rules: OWN_FLOWS };
  expect(warningsOf(raw).map((w) => w.slice(0, 48))).toEqual([
    `policy.default: "deny": makes edge drop IPv6 fro`,
  ]);
});

test("no IPv6 warning where the internet zone allows, or where no zone has IPv6", () => {
  const allow = portForwardSite();
  allow.policy = {
    zones: [
      { zone: "internet", default: "allow" },
      { zone: "lab", default: "deny" },
    ],
    rules: OWN_FLOWS,
  };
  // Only the Linux edge's uplink warning (test/topology/expect-internet.test.ts): the internet
  // that allows by default is what lets it in.
  expect(warningsOf(allow)).toEqual([
    `routers[0].uplink.interfaces: "ether1": lets the internet in by default: the internet zone's default allows (policy.zones[0].default) and a Linux router has no firewall of its own, so edge forwards new connections from the internet to every site address no rule denies, and its own services (SSH, DNS) answer on ether1: the stack's nftables ruleset filters its input only where a rule names edge; deny the internet by default: policy.zones: [{ zone: internet, default: deny }] (replies and port forwards still pass), and have edge's own firewall drop new connections to it on ether1`,
  ]);
  const v4 = portForwardSite() as { global: { tenantSpace: { ipv6?: string } } };
  delete v4.global.tenantSpace.ipv6;
  expect(warningsOf(v4 as Record<string, unknown>)).toEqual([]);
});
