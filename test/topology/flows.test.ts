// The site's own flows (topology/flows.ts) and their check against routing and policy
// (topology/flow-check.ts): exact flows of two bundled stacks, and the refusal of a policy that
// drops them.
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { checkFlow, flowText, siteFlows } from "../../topology";
import { Address } from "../../addressing/ip";
import { join } from "path";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";

function resolved(raw: Record<string, unknown>) {
  const r = resolveSite(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return r;
}

/** Each flow as text with its verdict. */
function verdicts(stack: string): string[] {
  const r = resolved(stackRaw(stack));
  return siteFlows(r.plan, r.topology).map(
    (f) => `${flowText(f)} ${checkFlow(r.topology, f).verdict}`,
  );
}

test("homelab: the flows its machines need, and what the check says of each", () => {
  expect(verdicts("homelab")).toEqual([
    "k101cp11 -> internet (1.1.1.1) udp/53 unverified",
    "k101cp11 -> internet (1.1.1.1) tcp/53 unverified",
    "k101cp11 -> internet (2606:4700:4700::1111) udp/53 unverified",
    "k101cp11 -> internet (2606:4700:4700::1111) tcp/53 unverified",
    "k101cp11 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 unverified",
    "k101cp12 -> internet (1.1.1.1) udp/53 unverified",
    "k101cp12 -> internet (1.1.1.1) tcp/53 unverified",
    "k101cp12 -> internet (2606:4700:4700::1111) udp/53 unverified",
    "k101cp12 -> internet (2606:4700:4700::1111) tcp/53 unverified",
    "k101cp12 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 unverified",
    "k101cp13 -> internet (1.1.1.1) udp/53 unverified",
    "k101cp13 -> internet (1.1.1.1) tcp/53 unverified",
    "k101cp13 -> internet (2606:4700:4700::1111) udp/53 unverified",
    "k101cp13 -> internet (2606:4700:4700::1111) tcp/53 unverified",
    "k101cp13 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 unverified",
    "k101wk21 -> internet (1.1.1.1) udp/53 unverified",
    "k101wk21 -> internet (1.1.1.1) tcp/53 unverified",
    "k101wk21 -> internet (2606:4700:4700::1111) udp/53 unverified",
    "k101wk21 -> internet (2606:4700:4700::1111) tcp/53 unverified",
    "k101wk21 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 unverified",
    "k101wk21 -> k101 (10.101.0.250) tcp/6443 pass",
    "k101wk22 -> internet (1.1.1.1) udp/53 unverified",
    "k101wk22 -> internet (1.1.1.1) tcp/53 unverified",
    "k101wk22 -> internet (2606:4700:4700::1111) udp/53 unverified",
    "k101wk22 -> internet (2606:4700:4700::1111) tcp/53 unverified",
    "k101wk22 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 unverified",
    "k101wk22 -> k101 (10.101.0.250) tcp/6443 pass",
    "pve01 -> internet (factory.talos.dev) tcp/443 blocked",
    "pve02 -> internet (factory.talos.dev) tcp/443 blocked",
    "pve03 -> internet (factory.talos.dev) tcp/443 blocked",
  ]);
});

test("arc-hybrid: every flow its VMs and hosts need passes its policy", () => {
  expect(verdicts("arc-hybrid")).toEqual([
    "k3s -> lan (192.168.1.1) udp/53 pass",
    "k3s -> lan (192.168.1.1) tcp/53 pass",
    "git -> lan (192.168.1.1) udp/53 pass",
    "git -> lan (192.168.1.1) tcp/53 pass",
    "git -> internet (deb.debian.org, security.debian.org) tcp/80 unverified",
    "git -> internet (deb.debian.org, security.debian.org) tcp/443 unverified",
    "reverse-proxy-app -> internet (1.1.1.1) udp/53 pass",
    "reverse-proxy-app -> internet (1.1.1.1) tcp/53 pass",
    "reverse-proxy-app -> internet (deb.debian.org, security.debian.org) tcp/80 pass",
    "reverse-proxy-app -> internet (deb.debian.org, security.debian.org) tcp/443 pass",
    "prometheus -> internet (1.1.1.1) udp/53 pass",
    "prometheus -> internet (1.1.1.1) tcp/53 pass",
    "prometheus -> internet (deb.debian.org, security.debian.org) tcp/80 pass",
    "prometheus -> internet (deb.debian.org, security.debian.org) tcp/443 pass",
    "grafana -> internet (1.1.1.1) udp/53 pass",
    "grafana -> internet (1.1.1.1) tcp/53 pass",
    "loki -> internet (1.1.1.1) udp/53 pass",
    "loki -> internet (1.1.1.1) tcp/53 pass",
    "cicd -> internet (1.1.1.1) udp/53 pass",
    "cicd -> internet (1.1.1.1) tcp/53 pass",
    "jump-host -> internet (1.1.1.1) udp/53 pass",
    "jump-host -> internet (1.1.1.1) tcp/53 pass",
    "cloudflare-tunnel -> internet (1.1.1.1) udp/53 pass",
    "cloudflare-tunnel -> internet (1.1.1.1) tcp/53 pass",
    "reverse-proxy-dmz -> internet (1.1.1.1) udp/53 pass",
    "reverse-proxy-dmz -> internet (1.1.1.1) tcp/53 pass",
    "bastion -> internet (1.1.1.1) udp/53 pass",
    "bastion -> internet (1.1.1.1) tcp/53 pass",
    "pve-ml110 -> internet (cloud.debian.org) tcp/443 pass",
    "pve-r630 -> internet (cloud.debian.org) tcp/443 pass",
  ]);
});

test("checkFlow names the rule or default that denies a flow", () => {
  const r = resolved(stackRaw("arc-hybrid"));
  expect(
    checkFlow(r.topology, { from: "bastion", to: "internet", protocol: "tcp", port: 443 }),
  ).toEqual({
    verdict: "blocked",
    reason: "denied by the default of zone dmz (policy.default: deny)",
    fix: "allow",
    src: Address.from("10.10.99.30"),
    dst: Address.from("203.0.113.10"),
  });
  expect(
    checkFlow(r.topology, { from: "cloudflare-tunnel", to: "internet", protocol: "tcp", port: 443 })
      .verdict,
  ).toBe("pass");
});

test("checkFlow reports a missing route (homelab's hosts have no default route yet)", () => {
  const r = resolved(stackRaw("homelab"));
  expect(
    checkFlow(r.topology, { from: "pve01", to: "internet", protocol: "tcp", port: 443 }),
  ).toEqual({
    verdict: "blocked",
    reason: "pve01 has no route to 203.0.113.10",
    fix: "give pve01 a route to 203.0.113.10",
    dst: Address.from("203.0.113.10"),
  });
});

test("arc-hybrid without its package-mirrors rule is refused, with the rule to add", () => {
  const raw = stackRaw("arc-hybrid") as { policy: { rules: { name: string }[] } };
  raw.policy.rules = raw.policy.rules.filter((x) => x.name !== "package-mirrors");
  const r = resolveSite(raw);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'policy.rules: "reverse-proxy-app -> internet tcp/80,443": the default of zone app (policy.default: deny) drops 2 flows the site needs (vms[2].packages: debian-12 installs nginx from its mirrors); add under policy.rules, above the rules that deny it: { name: allow-internet-tcp-80-443, from: [reverse-proxy-app], to: internet, protocol: tcp, ports: [80, 443], action: allow }',
    'policy.rules: "prometheus -> internet tcp/80,443": the default of zone observability (policy.default: deny) drops 2 flows the site needs (vms[3].packages: debian-12 installs prometheus from its mirrors); add under policy.rules, above the rules that deny it: { name: allow-internet-tcp-80-443, from: [prometheus], to: internet, protocol: tcp, ports: [80, 443], action: allow }',
  ]);
});

test("field case 31 with the allow rules its cluster needs is accepted, every flow passing", () => {
  const r = resolved(fileRaw(join(ROOT, "test/fixtures/flows/talos-egress-allowed.yaml")));
  const flows = siteFlows(r.plan, r.topology).filter((f) => f.from === "lab-cp1");
  expect(flows.map((f) => `${flowText(f)} ${checkFlow(r.topology, f).verdict}`)).toEqual([
    "lab-cp1 -> internet (1.1.1.1) udp/53 pass",
    "lab-cp1 -> internet (1.1.1.1) tcp/53 pass",
    "lab-cp1 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443 pass",
    "lab-cp1 -> edge (10.20.0.254) tcp/179 pass",
  ]);
});
