// Warnings: questionable but legal choices, listed with the preview and never fatal.
import { ED25519 } from "../fixtures/secrets/keys";
import { formatProblem } from "../../addressing/problems";
import { requirePlan } from "../../site";
import { join } from "path";
import { fileRaw, homelabWith, ROOT, stackRaw } from "../fixtures/base";

test.each([
  [
    2,
    "is an even number: etcd's quorum of 2 tolerates 0 failures, as 1 node would; run 1 or 3 control-plane nodes",
  ],
  [
    4,
    "is an even number: etcd's quorum of 3 tolerates 1 failure, as 3 nodes would; run 3 or 5 control-plane nodes",
  ],
])("%d control-plane nodes are a warning, not a problem", (count, text) => {
  const plan = requirePlan(
    homelabWith((c) => {
      const nodes = c.tenants[0].kubernetes.nodes;
      nodes.forEach((n: { role: string }, i: number) => {
        n.role = i < count ? "controlplane" : "worker";
      });
    }),
  );
  expect(plan.warnings.map(formatProblem)).toEqual([
    `global.underlay.ipv6: "fc00:99::/48": is in fc00::/8, which RFC 4193 leaves undefined (only fd00::/8 is for local use); fine inside one site; an fd00::/8 prefix with a random global ID avoids future clashes`,
    `tenants[0].kubernetes.nodes: "${count} control-plane nodes": ${text}`,
  ]);
});

test("an fd00::/8 site with three control planes has no warning", () => {
  const plan = requirePlan(
    homelabWith((c) => {
      c.global.underlay.ipv6 = "fd00:99::/48";
    }),
  );
  expect(plan.warnings).toEqual([]);
});

test("cloud-init VMs without homelab:vmSshKeys are a warning; with the keys none", () => {
  const withVm = (keys: boolean) =>
    requirePlan({
      ...stackRaw("arc-hybrid"),
      ...(keys ? { vmSshKeys: ED25519 } : {}),
    });
  expect(withVm(false).warnings.map(formatProblem)).toEqual([
    'homelab:vmSshKeys: "": is not set: the 11 cloud-init VMs boot with no SSH key, and cloud images allow no password login; add your public key to the stack file, e.g. homelab:vmSshKeys: "ssh-ed25519 AAAA... you@laptop" (the line of ~/.ssh/id_ed25519.pub; a public key is not a secret)',
  ]);
  expect(withVm(true).warnings).toEqual([]);
});

test("one cloud-init VM: 'the 1 cloud-init VM boots'; FRR is named only where Linux nodes get it", () => {
  const raw = fileRaw(join(ROOT, "examples/vms-management.yaml")) as { vms: unknown[] };
  const one = requirePlan({ ...raw, vms: raw.vms.slice(0, 1) });
  expect(one.warnings.map((w) => w.message)).toEqual([
    "is not set: the 1 cloud-init VM boots with no SSH key, and cloud images allow no password login",
  ]);
  // sol's Linux nodes get FRR over SSH.
  const sol = stackRaw("sol") as Record<string, unknown>;
  delete sol.vmSshKeys;
  expect(
    requirePlan(sol)
      .warnings.filter((w) => w.path === "homelab:vmSshKeys")
      .map((w) => w.message),
  ).toEqual([
    "is not set: the 6 cloud-init VMs boot with no SSH key, and cloud images allow no password login (FRR is delivered over SSH)",
  ]);
});

test("a RouterOS address that is the router's ssh.host is a warning (the scripts own the way in)", () => {
  const raw = JSON.parse(JSON.stringify(stackRaw("example")));
  raw.routers[0].addresses = [{ interface: "bridge", address: "192.168.88.254/24" }];
  expect(requirePlan(raw).warnings.map(formatProblem)).toEqual([
    'routers[0].addresses[0].address: "192.168.88.254/24": is the address Pulumi reaches edge at (ssh.host): the router holds it before the first run, so the reconcile script adopts it, and `pulumi destroy` (or leaving it out of the stack) releases it: its comment goes back to what it was and the address stays; only moving it to another interface or length in the stack would cut Pulumi and you off the router, and the script refuses that as a conflict; leave it in the stack to have the plan own it, or take it out: the router keeps it either way',
  ]);
  raw.routers[0].addresses = [{ interface: "bridge", address: "192.168.88.253/24" }];
  raw.hostNetwork.gateway = { ipv4: "192.168.88.253" };
  expect(requirePlan(raw).warnings).toEqual([]);
});

test("VLAN 1 for a tenant is a warning (the default PVID: its frames leave untagged)", () => {
  const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
  raw.tenants[0].vlan = 1;
  expect(requirePlan(raw).warnings.map(formatProblem)).toContain(
    'tenants[0].vlan: "1": is the default VLAN (PVID) of VLAN-aware bridges and most switches: the VMs\' frames leave untagged and mix with the untagged network, management included; use a VLAN ID from 2 to 4094',
  );
  // ms01's "default" segment is VLAN 1 on purpose (the untagged UniFi network): no warning.
  expect(requirePlan(stackRaw("ms01")).warnings).toEqual([]);
});
