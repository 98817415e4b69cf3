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

// New-user trial M2: a router's static DNS record at an address of the site that nothing holds.
test("a router DNS record inside the site's prefixes that nothing holds is a warning naming homelab:devices", () => {
  const raw = JSON.parse(JSON.stringify(stackRaw("example")));
  raw.segments = [
    {
      name: "iot",
      vlan: 30,
      ipv4: "192.168.30.0/24",
      purpose: "cameras",
      gateway: { ipv4: "192.168.30.1", owner: "edge" },
      ranges: [{ range: "192.168.30.100-192.168.30.199", kind: "dhcp", purpose: "clients" }],
    },
  ];
  raw.devices = [{ name: "nas", network: "management", ipv4: "192.168.88.10" }];
  raw.routers[0].dnsRecords = [
    { name: "nas.lan", address: "192.168.88.10" }, // a device
    { name: "printer.lan", address: "192.168.88.77" },
    { name: "cam.lan", address: "192.168.30.150" },
    { name: "hub.lan", address: "192.168.30.20" },
    { name: "lab.lan", address: "10.20.0.250" }, // the cluster VIP
    { name: "ghost.lan", address: "10.20.0.99" },
    { name: "web.lan", address: "10.20.27.40" }, // the LoadBalancer pool hands it out
    { name: "public.example", address: "203.0.113.5" }, // outside every prefix of the site
    { name: "gw.lan", address: "192.168.30.1" }, // the segment's gateway
    { name: "v6.lan", address: "fd8a:3c5e:1b20:1400::99" },
  ];
  expect(requirePlan(raw).warnings.map(formatProblem)).toEqual([
    'routers[0].dnsRecords[1].address: "192.168.88.77": is inside management (192.168.88.0/24) but nothing in the plan holds it, so printer.lan would point at an address the stack does not know; declare what holds it under homelab:devices: { name: <its name>, network: management, ipv4: 192.168.88.77 }, or point printer.lan at the address that holds it',
    `routers[0].dnsRecords[2].address: "192.168.30.150": is inside segment iot's dhcp range 192.168.30.100-192.168.30.199 (segments[0].ranges[0]), which nothing in the plan holds: a lease may move, and cam.lan with it; give what holds it a static address outside 192.168.30.100-192.168.30.199, declare it under homelab:devices (network: iot) and point cam.lan at that address`,
    'routers[0].dnsRecords[3].address: "192.168.30.20": is inside segment iot (192.168.30.0/24) but nothing in the plan holds it, so hub.lan would point at an address the stack does not know; declare what holds it under homelab:devices: { name: <its name>, network: iot, ipv4: 192.168.30.20 }, or point hub.lan at the address that holds it',
    'routers[0].dnsRecords[5].address: "10.20.0.99": is inside tenant 20 VMs (10.20.0.0/24) but nothing in the plan holds it, so ghost.lan would point at an address the stack does not know; declare what holds it (homelab:devices for a device on a segment, homelab:vms for a VM), or point ghost.lan at the address that holds it',
    'routers[0].dnsRecords[9].address: "fd8a:3c5e:1b20:1400::99": is inside tenant 20 VMs (fd8a:3c5e:1b20:1400::/64) but nothing in the plan holds it, so v6.lan would point at an address the stack does not know; declare what holds it (homelab:devices for a device on a segment, homelab:vms for a VM), or point v6.lan at the address that holds it',
  ]);
  // Declared, the device quiets its record.
  raw.devices.push({ name: "printer", network: "management", ipv4: "192.168.88.77" });
  expect(requirePlan(raw).warnings.map((w) => w.path)).not.toContain(
    "routers[0].dnsRecords[1].address",
  );
  expect(requirePlan(raw).warnings).toHaveLength(4);
});

test("a router DNS record at a router address's subnet is warned about; the router address is not", () => {
  const raw = JSON.parse(JSON.stringify(stackRaw("example")));
  raw.routers[0].addresses = [{ interface: "ether2", address: "172.16.5.1/24" }];
  raw.routers[0].dnsRecords = [
    { name: "edge.lan", address: "172.16.5.1" },
    { name: "switch.lan", address: "172.16.5.2" },
  ];
  expect(requirePlan(raw).warnings.map(formatProblem)).toEqual([
    'routers[0].dnsRecords[1].address: "172.16.5.2": is inside router edge\'s ether2 subnet (172.16.5.0/24) but nothing in the plan holds it, so switch.lan would point at an address the stack does not know; declare what holds it (homelab:devices for a device on a segment, homelab:vms for a VM), or point switch.lan at the address that holds it',
  ]);
});
