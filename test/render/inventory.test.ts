// The inventory of seeds 000 (homelab) and 001 (sol): which sections there are, and the exact text
// of the new ones; the sections that existed before keep their rows (test/preview pins some).
import { renderInventory } from "../../render/inventory";
import { renderTopology } from "../../render/inventory/mermaid";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

/** The `## ` headings, in order. */
const headings = (doc: string): string[] => doc.split("\n").filter((l) => l.startsWith("## "));

/** The section under `heading` up to the next heading of the same or a higher level. */
function sectionOf(doc: string, heading: string): string | undefined {
  const all = doc.split("\n");
  const start = all.indexOf(heading);
  if (start < 0) return undefined;
  const level = heading.indexOf(" ");
  const end = all.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(" ") <= level);
  return all
    .slice(start, end < 0 ? undefined : end)
    .join("\n")
    .trimEnd();
}

const lines = (...ls: string[]): string => ls.join("\n");

const homelabSite = requireSite(stackRaw("homelab"));
const solSite = requireSite(stackRaw("sol"));
const homelab = homelabSite.plan;
const sol = solSite.plan;
const homelabDoc = renderInventory(homelab, homelabSite.topology);
const solDoc = renderInventory(sol, solSite.topology);

test("homelab: no VLANs, segments, routers or notes, so no such sections", () => {
  expect(headings(homelabDoc)).toEqual([
    "## Warnings",
    "## Global address space allocation",
    "## Proxmox VE hosts",
    "## Tenants",
    "## Tenant 101 (prod)",
    "## LoadBalancer pools and VIPs",
    "## Expectations",
    "## Flows",
    "## Fabric",
    "## Proxmox host interfaces",
    "## Proxmox SDN",
    "## Address-space utilization",
    "## Topology",
    "## Manual steps",
  ]);
});

test("homelab: its warning is listed first; the underlay heading names the fabric once", () => {
  expect(sectionOf(homelabDoc, "## Warnings")).toBe(
    lines(
      "## Warnings",
      "",
      "Legal, but worth a second look:",
      "",
      `- global.underlay.ipv6: "fc00:99::/48": is in fc00::/8, which RFC 4193 leaves undefined (only fd00::/8 is for local use); fine inside one site; an fd00::/8 prefix with a random global ID avoids future clashes`,
    ),
  );
  expect(homelabDoc).toContain(
    "### Underlay fabric (OpenFabric `underlay`, loopback interface dummy_underlay)\n",
  );
  expect(homelabDoc).toContain(
    "| fd00:101::/32     | tenant 101's IPv6 block    | 6        | 19 × 2^64 + 1114112 | 0     | 2^96  | <0.01%    |",
  );
});

test("sol: the router holds tenant 101's gateway, so it is not an anycast gateway", () => {
  expect(solDoc).toContain("| Gateway (router edge) | -               | fd00:101::fffe    |");
  expect(solDoc).toContain("| Mesh anycast gateway  | -               | fc00:101::fffe    |");
});

test("homelab: tenants, node VMs with their NIC, pools, VIP and Cilium's BGP peers", () => {
  expect(sectionOf(homelabDoc, "## Tenants")).toBe(
    lines(
      "## Tenants",
      "",
      "| Tenant | Name | VNI    | ASN   | VNet                | VLAN | Cluster               |",
      "| ------ | ---- | ------ | ----- | ------------------- | ---- | --------------------- |",
      "| 101    | prod | 100101 | 65101 | vnet101 (VM subnet) | -    | k101 (5 nodes, Talos) |",
    ),
  );
  expect(sectionOf(homelabDoc, "### VMs and interfaces of k101")).toBe(
    lines(
      "### VMs and interfaces of k101",
      "",
      "Talos VMs created by this program.",
      "",
      "- `ens18`: VM subnet 10.101.0.0/24, fd00:101::/64 on VNet vnet101, gateway 10.101.0.254, fd00:101::fffe",
      "",
      "| Node     | Host  | VM ID | Cores | Memory (MiB) | Disk (GiB) | ens18 (VM subnet)               |",
      "| -------- | ----- | ----- | ----- | ------------ | ---------- | ------------------------------- |",
      "| k101cp11 | pve01 | 10111 | 4     | 8192         | 40         | 10.101.0.11/24, fd00:101::11/64 |",
      "| k101cp12 | pve02 | 10112 | 4     | 8192         | 40         | 10.101.0.12/24, fd00:101::12/64 |",
      "| k101cp13 | pve03 | 10113 | 4     | 8192         | 40         | 10.101.0.13/24, fd00:101::13/64 |",
      "| k101wk21 | pve01 | 10121 | 8     | 16384        | 100        | 10.101.0.21/24, fd00:101::21/64 |",
      "| k101wk22 | pve02 | 10122 | 8     | 16384        | 100        | 10.101.0.22/24, fd00:101::22/64 |",
    ),
  );
  expect(sectionOf(homelabDoc, "## LoadBalancer pools and VIPs")).toBe(
    lines(
      "## LoadBalancer pools and VIPs",
      "",
      "| Cluster | Pool      | Block                               | Addresses | Kind         | Prefix            | Shared segment | Announced by |",
      "| ------- | --------- | ----------------------------------- | --------- | ------------ | ----------------- | -------------- | ------------ |",
      // .254 and ::fffe are the LoadBalancer prefixes' own gateways on vnet101: out of the pool.
      "| k101    | k101-pool | 10.101.27.1-10.101.27.253           | 253       | whole prefix | 10.101.27.0/24    | -              | L2 (ARP)     |",
      "| k101    | k101-pool | fd00:101:1b::1-fd00:101:1b::fffd    | 65533     | whole prefix | fd00:101:1b::/112 | -              | L2 (NDP)     |",
      "| k101    | k101-pool | fd00:101:1b::ffff-fd00:101:1b::ffff | 1         | whole prefix | fd00:101:1b::/112 | -              | L2 (NDP)     |",
      "",
      "### Control-plane VIPs",
      "",
      "| Cluster | IPv4         | IPv6                                                | In        |",
      "| ------- | ------------ | --------------------------------------------------- | --------- |",
      "| k101    | 10.101.0.250 | fd00:101::250 (planned, not held: see Manual steps) | VM subnet |",
    ),
  );
  // Announced by L2: no BGP session at all.
  expect(sectionOf(homelabDoc, "## BGP sessions")).toBeUndefined();
});

test("homelab: the SDN section is as before, utilization and the diagram follow it", () => {
  expect(sectionOf(homelabDoc, "## Proxmox SDN")).toBe(
    lines(
      "## Proxmox SDN",
      "",
      "| Zone     | Controller | ASN   | EVPN peers                         | VRF VNI | MTU  | Nodes               | Exit nodes   |",
      "| -------- | ---------- | ----- | ---------------------------------- | ------- | ---- | ------------------- | ------------ |",
      "| vxevpn01 | evpnctl    | 65001 | 10.255.0.1, 10.255.0.2, 10.255.0.3 | 10000   | 8950 | pve01, pve02, pve03 | pve01, pve02 |",
      "",
      "### VNets and subnets",
      "",
      "| VNet    | Tenant     | VNI    | Carries   | Subnet            | Gateway           |",
      "| ------- | ---------- | ------ | --------- | ----------------- | ----------------- |",
      "| vnet101 | 101 (prod) | 100101 | VM subnet | 10.101.0.0/24     | 10.101.0.254      |",
      "| vnet101 | 101 (prod) | 100101 | VM subnet | fd00:101::/64     | fd00:101::fffe    |",
      // The L2-announced pools ride the VNet beside the VM subnet, each with a gateway of its own.
      "| vnet101 | 101 (prod) | 100101 | VM subnet | 10.101.27.0/24    | 10.101.27.254     |",
      "| vnet101 | 101 (prod) | 100101 | VM subnet | fd00:101:1b::/112 | fd00:101:1b::fffe |",
    ),
  );
  expect(sectionOf(homelabDoc, "### IPv4")).toBe(
    lines(
      "### IPv4",
      "",
      "| Prefix          | What                       | Children | In children | Owned | Size   | Allocated |",
      "| --------------- | -------------------------- | -------- | ----------- | ----- | ------ | --------- |",
      "| 10.10.0.0/24    | management                 | 0        | 0           | 4     | 256    | 1.56%     |",
      "| 10.100.0.0/14   | tenantSpace                | 1        | 65536       | 0     | 262144 | 25.00%    |",
      "| 10.101.0.0/16   | tenant 101's IPv4 block    | 6        | 2304        | 0     | 65536  | 3.52%     |",
      "| 10.101.0.0/24   | tenant 101 VMs             | 0        | 0           | 7     | 256    | 2.73%     |",
      "| 10.101.27.0/24  | k101 LoadBalancers         | 0        | 0           | 1     | 256    | 0.39%     |",
      "| 10.101.244.0/22 | k101 pods                  | 5        | 640         | 0     | 1024   | 62.50%    |",
      "| 10.101.254.0/24 | tenant 101 VM loopbacks    | 0        | 0           | 5     | 256    | 1.95%     |",
      "| 10.101.255.0/24 | tenant 101 host identities | 0        | 0           | 3     | 256    | 1.17%     |",
      "| 10.255.0.0/16   | hostLoopbacks              | 0        | 0           | 3     | 65536  | <0.01%    |",
    ),
  );
  expect(sectionOf(homelabDoc, "## Topology")).toBe(
    `## Topology\n\n\`\`\`mermaid\n${renderTopology(homelab)}\n\`\`\``,
  );
  // The manual steps close the document: the underlay NICs' MTU, the IPv6 VIP nobody holds, the
  // way back into the EVPN zone (routes on the hosts' gateway) and loose rp_filter on the two exit nodes.
  expect(sectionOf(homelabDoc, "## Manual steps")).toBe(
    lines(
      "## Manual steps",
      "",
      "Planned values that no rendered config carries. Until they are done, the site does not work as planned.",
      "",
      "| Where                 | What                                                                                                                              | Why                                                                                                                                                                                                                                  |",
      "| --------------------- | --------------------------------------------------------------------------------------------------------------------------------- | ------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------ |",
      "| pve01                 | set MTU 9000 on eno2 and eno3 (System > Network, or \\`mtu\\` in /etc/network/interfaces)                                           | the EVPN underlay carries VNet frames of 8950 bytes plus VXLAN overhead (fabric.mtu.physical 9000); no Proxmox resource sets a NIC's MTU, and the NIC stays at 1500 otherwise                                                        |",
      "| pve02                 | set MTU 9000 on eno2 and eno3 (System > Network, or \\`mtu\\` in /etc/network/interfaces)                                           | the EVPN underlay carries VNet frames of 8950 bytes plus VXLAN overhead (fabric.mtu.physical 9000); no Proxmox resource sets a NIC's MTU, and the NIC stays at 1500 otherwise                                                        |",
      "| pve03                 | set MTU 9000 on eno2 and eno3 (System > Network, or \\`mtu\\` in /etc/network/interfaces)                                           | the EVPN underlay carries VNet frames of 8950 bytes plus VXLAN overhead (fabric.mtu.physical 9000); no Proxmox resource sets a NIC's MTU, and the NIC stays at 1500 otherwise                                                        |",
      "| k101 control planes   | nothing holds the planned IPv6 VIP fd00:101::250; reach the API at 10.101.0.250, or hold fd00:101::250 yourself (e.g. keepalived) | Talos holds one shared VIP per interface, and only inside a node subnet                                                                                                                                                              |",
      "| gateway 10.10.0.254   | routes 10.101.0.0/24 and 10.101.27.0/24 via 10.10.0.1 and 10.10.0.2 (ECMP)                                                        | the VNet subnets leave EVPN zone vxevpn01 at its exit nodes pve01 (10.10.0.1) and pve02 (10.10.0.2) toward the hosts' gateway 10.10.0.254, which this stack does not configure; without these routes the replies never come back     |",
      "| gateway fd00:10::fffe | routes fd00:101::/64 and fd00:101:1b::/112 via fd00:10::1 and fd00:10::2 (ECMP)                                                   | the VNet subnets leave EVPN zone vxevpn01 at its exit nodes pve01 (fd00:10::1) and pve02 (fd00:10::2) toward the hosts' gateway fd00:10::fffe, which this stack does not configure; without these routes the replies never come back |",
      "| pve01                 | sysctl net.ipv4.conf.all.rp\\_filter=2 and net.ipv4.conf.default.rp\\_filter=2 (loose; in /etc/sysctl.d/)                           | EVPN zone vxevpn01 has 2 exit nodes (pve01, pve02): a tenant's packets can arrive at one and leave by another, which strict reverse-path filtering drops (Proxmox pvesdn.adoc, Multiple EVPN Exit Nodes)                             |",
      "| pve02                 | sysctl net.ipv4.conf.all.rp\\_filter=2 and net.ipv4.conf.default.rp\\_filter=2 (loose; in /etc/sysctl.d/)                           | EVPN zone vxevpn01 has 2 exit nodes (pve01, pve02): a tenant's packets can arrive at one and leave by another, which strict reverse-path filtering drops (Proxmox pvesdn.adoc, Multiple EVPN Exit Nodes)                             |",
    ),
  );
  expect(
    homelabDoc.endsWith(
      `| pve02                 | sysctl net.ipv4.conf.all.rp\\_filter=2 and net.ipv4.conf.default.rp\\_filter=2 (loose; in /etc/sysctl.d/)                           | EVPN zone vxevpn01 has 2 exit nodes (pve01, pve02): a tenant's packets can arrive at one and leave by another, which strict reverse-path filtering drops (Proxmox pvesdn.adoc, Multiple EVPN Exit Nodes)                             |\n`,
    ),
  ).toBe(true);
});

test("sol: VLANs, routers and BGP sessions appear; the rest keeps its order", () => {
  expect(headings(solDoc)).toEqual([
    "## Warnings",
    "## Global address space allocation",
    "## Proxmox VE hosts",
    "## VLANs",
    "## Tenants",
    "## Tenant 101 (sol)",
    "## Virtual machines (cloud-init)",
    "## LoadBalancer pools and VIPs",
    "## Routers",
    "## BGP sessions",
    "## Expectations",
    "## Flows",
    "## Fabric",
    "## Proxmox host interfaces",
    "## Proxmox SDN",
    "## Address-space utilization",
    "## Topology",
    "## Manual steps",
  ]);
  expect(sectionOf(solDoc, "## VLANs")).toBe(
    lines(
      "## VLANs",
      "",
      "| VLAN | Name             | IPv4         | IPv6          | Gateway        | Gateway owner  | MTU  | Purpose                                                                | Managed by   |",
      "| ---- | ---------------- | ------------ | ------------- | -------------- | -------------- | ---- | ---------------------------------------------------------------------- | ------------ |",
      "| 10   | management       | 10.10.0.0/24 | fd00:10::/64  | fd00:10::fffe  | -              | 1500 | Host interface vmbr0.10 on pve01, vmbr0.10 on pve02, vmbr0.10 on pve03 | this program |",
      "| 101  | tenant 101 (sol) | -            | fd00:101::/64 | fd00:101::fffe | edge (vlan101) | -    | VM subnet of tenant 101 (egress beside the mesh)                       | this program |",
    ),
  );
  expect(sectionOf(solDoc, "## Routers")).toBe(
    lines(
      "## Routers",
      "",
      "| Router | OS       | Version | ASN   | Router ID    | SSH                        | Never accepted |",
      "| ------ | -------- | ------- | ----- | ------------ | -------------------------- | -------------- |",
      "| edge   | RouterOS | 7.19    | 65000 | 10.255.0.254 | admin@\\[fd00:10::fffe\\]:22 | fc00::/8       |",
      "",
      "### Interfaces of edge",
      "",
      "| Interface | Tenant or segment | VLAN | Subnet        | Address held   | Filter chain |",
      "| --------- | ----------------- | ---- | ------------- | -------------- | ------------ |",
      "| vlan101   | 101 (sol)         | 101  | fd00:101::/64 | fd00:101::fffe | k8s-in       |",
      "",
      "Interface list `LAN` (when the router has it, as a factory configuration does): `vlan101` joins it: the factory firewall lets `LAN` reach the router itself and forwards its IPv6.",
    ),
  );
});

test("sol: one eBGP session from the gateway to each node loopback, as the router is configured", () => {
  const nodes = ["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"];
  expect(sectionOf(solDoc, "## BGP sessions")).toBe(
    lines(
      "## BGP sessions",
      "",
      "| Speaker | ASN   | Speaks from    | Peer     | Peer ASN | Peer speaks from | Families | TTL   | Configured by              |",
      "| ------- | ----- | -------------- | -------- | -------- | ---------------- | -------- | ----- | -------------------------- |",
      ...nodes.map(
        (n) =>
          `| edge    | 65000 | fd00:101::fffe | ${n} | 65101    | fd00:255:101::${n.slice(-2)} | IPv6     | 2 / 2 | RouterOS script / frr.conf |`,
      ),
      "",
      "### Announcements",
      "",
      "| Announcer | Prefix               | What         | Exists as | To   |",
      "| --------- | -------------------- | ------------ | --------- | ---- |",
      ...nodes.flatMap((n) => [
        `| ${n}  | fd00:101:cafe::/112  | loadbalancer | blackhole | edge |`,
        ...(n.startsWith("solcp")
          ? [`| ${n}  | fd00:255:101::ac/128 | vip          | connected | edge |`]
          : []),
      ]),
    ),
  );
  // The same sessions as the RouterOS desired state holds.
  const r = sol.routers[0];
  const state = routerOsDesiredState(solSite.topology, r, "sol");
  expect(
    state.bgp?.connections.map((c) => [c.name, String(c.localAddress), String(c.remoteAddress)]),
  ).toEqual(nodes.map((n) => [n, "fd00:101::fffe", `fd00:255:101::${n.slice(-2)}`]));
  expect(state.bgp?.connections.every((c) => c.remoteAs === 65101)).toBe(true);
});

test("sol: Linux nodes with their mesh and egress interfaces, placement and VM IDs", () => {
  expect(sectionOf(solDoc, "### VMs and interfaces of sol-k8s")).toBe(
    lines(
      "### VMs and interfaces of sol-k8s",
      "",
      "Linux VMs created by this program from a cloud image (cloud-init: addresses, routes, loopbacks); FRR is configured over SSH. Interfaces and routes: see Virtual machines.",
      "",
      "- `mesh0`: mesh fc00:101::/64 on VNet vnet101, gateway fc00:101::fffe",
      "- `egress0`: egress fd00:101::/64 on VLAN 101 on vmbr0, gateway fd00:101::fffe",
      "",
      "| Node     | Host  | VM ID | Cores | Memory (MiB) | Disk (GiB) | mesh0 (mesh)    | egress0 (egress) |",
      "| -------- | ----- | ----- | ----- | ------------ | ---------- | --------------- | ---------------- |",
      "| solcp011 | pve01 | 10111 | 4     | 8192         | 40         | fc00:101::11/64 | fd00:101::11/64  |",
      "| solcp012 | pve02 | 10112 | 4     | 8192         | 40         | fc00:101::12/64 | fd00:101::12/64  |",
      "| solcp013 | pve03 | 10113 | 4     | 8192         | 40         | fc00:101::13/64 | fd00:101::13/64  |",
      "| solwk021 | pve01 | 10121 | 8     | 16384        | 100        | fc00:101::21/64 | fd00:101::21/64  |",
      "| solwk022 | pve02 | 10122 | 8     | 16384        | 100        | fc00:101::22/64 | fd00:101::22/64  |",
      "| solwk023 | pve03 | 10123 | 8     | 16384        | 100        | fc00:101::23/64 | fd00:101::23/64  |",
    ),
  );
});

test("arc-hybrid: every cloud-init VM with its interface, address and route", () => {
  const site = requireSite(stackRaw("arc-hybrid"));
  const doc = renderInventory(site.plan, site.topology);
  const vms = sectionOf(doc, "## Virtual machines (cloud-init)") ?? "";
  const cells = (l: string) =>
    l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const rows = (text: string) =>
    text
      .split("\n")
      .filter((l) => /^\| (k3s|git|bastion) /.test(l))
      .map(cells);
  expect(rows(vms.split("### Interfaces")[0])).toEqual([
    ["k3s", "K3s server", "pve-ml110", "1188", "debian-12", "4 / 8192 / 64"],
    ["git", "VM", "pve-r630", "1060", "debian-12", "2 / 2048 / 32"],
    ["bastion", "VM", "pve-ml110", "9930", "debian-12", "2 / 2048 / 16"],
  ]);
  expect(rows(sectionOf(vms, "### Interfaces") ?? "")).toEqual([
    ["k3s", "net0", "06:00:00:04:a4:00", "lan", "1500", "192.168.1.188/24"],
    ["git", "net0", "06:00:00:04:24:00", "lan", "1500", "192.168.1.60/24"],
    ["bastion", "net0", "06:00:00:26:ca:00", "dmz (VLAN 99)", "1500", "10.10.99.30/24"],
  ]);
  expect(rows(sectionOf(vms, "### Routes") ?? "")).toEqual([
    ["k3s", "0.0.0.0/0 (default)", "192.168.1.1", "net0", "-", "-"],
    ["git", "0.0.0.0/0 (default)", "192.168.1.1", "net0", "-", "-"],
    ["bastion", "0.0.0.0/0 (default)", "10.10.99.1", "net0", "-", "-"],
  ]);
});

test("the expectations section: one row per expectation, what must hold and the twin's probe", () => {
  const section = solDoc.slice(solDoc.indexOf("## Expectations"), solDoc.indexOf("## Flows"));
  const rows = section
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| Exp") && !l.startsWith("| -"));
  expect(
    rows.map((l) =>
      l
        .split("|")
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ).toEqual([
    [
      "session edge \\~ solcp011",
      "session",
      "BGP session Established",
      "edge fd00:101::fffe \\~ solcp011 fd00:255:101::11",
    ],
    [
      "failover sol-k8s",
      "failover",
      "answers from another holder when its holder stops",
      "fd00:255:101::ac (solcp011, solcp012, solcp013)",
    ],
  ]);
});

test("the flows section: one row per distinct flow (source segment, destination, service) with the machines, what needs it and the plan's verdict", () => {
  const example = requireSite(stackRaw("example"));
  const doc = renderInventory(example.plan, example.topology);
  const section = sectionOf(doc, "## Flows") ?? "";
  const table = section
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| From") && !l.startsWith("| -"))
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| ?| ?\|$/g, "").trim()));
  expect(table).toEqual([
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet 1.1.1.1",
      "udp/53",
      "talos.nameservers: 1.1.1.1",
      "pass (edge is the way out)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet 1.1.1.1",
      "tcp/53",
      "talos.nameservers: 1.1.1.1",
      "pass (edge is the way out)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet 2606:4700:4700::1111",
      "udp/53",
      "talos.nameservers: 2606:4700:4700::1111",
      "pass (edge is the way out)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet 2606:4700:4700::1111",
      "tcp/53",
      "talos.nameservers: 2606:4700:4700::1111",
      "pass (edge is the way out)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet (time.cloudflare.com)",
      "udp/123",
      "tenants\\[0\\].kubernetes: Talos sets its clock by NTP from its default time server (no machine.time.servers)",
      "pass (edge is the way out)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "internet (factory.talos.dev, gcr.io, ghcr.io +2)",
      "tcp/443",
      "talos.factory: https\\://factory.talos.dev +1",
      "pass (edge is the way out)",
    ],
    [
      "management (pve1, pve2)",
      "internet (2.debian.pool.ntp.org)",
      "udp/123",
      "hosts: Proxmox VE sets its clock by chrony from the Debian pool",
      "unverified (pve1's gateway 192.168.88.254 is held by no device of the plan)",
    ],
    [
      "management (pve1, pve2)",
      "internet (factory.talos.dev)",
      "tcp/443",
      "talos.factory: the Talos ISO v1.13.9",
      "unverified (pve1's gateway 192.168.88.254 is held by no device of the plan)",
    ],
    [
      "lab (edge)",
      "lab-cp1 10.20.0.11",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv4: BGP session edge\\~lab-cp1\\~v4",
      "pass (routed and allowed)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "edge 10.20.0.254",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv4: BGP session edge\\~lab-cp1\\~v4 +2",
      "pass (routed and allowed)",
    ],
    [
      "lab (edge)",
      "lab-cp2 10.20.0.12",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv4: BGP session edge\\~lab-cp2\\~v4",
      "pass (routed and allowed)",
    ],
    [
      "lab (edge)",
      "lab-cp3 10.20.0.13",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv4: BGP session edge\\~lab-cp3\\~v4",
      "pass (routed and allowed)",
    ],
    [
      "lab (edge)",
      "lab-cp1 fd8a:3c5e:1b20:1400::11",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv6: BGP session edge\\~lab-cp1\\~v6",
      "pass (routed and allowed)",
    ],
    [
      "lab (lab-cp1, lab-cp2, lab-cp3)",
      "edge fd8a:3c5e:1b20:1400::fffe",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv6: BGP session edge\\~lab-cp1\\~v6 +2",
      "pass (routed and allowed)",
    ],
    [
      "lab (edge)",
      "lab-cp2 fd8a:3c5e:1b20:1400::12",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv6: BGP session edge\\~lab-cp2\\~v6",
      "pass (routed and allowed)",
    ],
    [
      "lab (edge)",
      "lab-cp3 fd8a:3c5e:1b20:1400::13",
      "tcp/179",
      "tenants\\[0\\].gateway.ipv6: BGP session edge\\~lab-cp3\\~v6",
      "pass (routed and allowed)",
    ],
  ]);
});

test("the Flows section ends with the router to declare for the flows the plan cannot check", () => {
  // homelab's hosts leave through 10.10.0.254, which no device of the plan holds (no router).
  const flows = sectionOf(homelabDoc, "## Flows") ?? "";
  expect(flows.split("\n").filter((l) => l.startsWith("- "))).toEqual([
    "- 6 unverified flows: declare the router that holds 10.10.0.254 under homelab:routers (os: external when this stack does not configure it), so that the flows through it are checked.",
  ]);
  // sol's management network leaves through fd00:10::fffe, which no device holds either; its
  // tenant's flows leave by EVPN anycast gateways, which declaring a router does not model.
  expect(
    (sectionOf(solDoc, "## Flows") ?? "").split("\n").filter((l) => l.startsWith("- ")),
  ).toEqual([
    "- 6 unverified flows: declare the router that holds fd00:10::fffe under homelab:routers (os: external when this stack does not configure it), so that the flows through it are checked.",
  ]);
});

test("a router's own addresses are rows of its interfaces: the segment or the management network each sits on", () => {
  const arc = requireSite(stackRaw("arc-hybrid"));
  const doc = renderInventory(arc.plan, arc.topology);
  const rows = (sectionOf(doc, "## Routers") ?? "").split("\n").filter((l) => /^\| vlan/.test(l));
  expect(rows).toEqual([
    "| vlan10    | segment storage       | 10   | 10.10.10.0/24 | 10.10.10.1   | -            |",
    "| vlan20    | management network    | -    | 10.10.20.0/24 | 10.10.20.1   | -            |",
    "| vlan30    | segment app           | 30   | 10.10.30.0/24 | 10.10.30.1   | -            |",
    "| vlan40    | segment observability | 40   | 10.10.40.0/24 | 10.10.40.1   | -            |",
    "| vlan50    | segment devtest       | 50   | 10.10.50.0/24 | 10.10.50.1   | -            |",
    "| vlan60    | segment mgmt          | 60   | 10.10.60.0/24 | 10.10.60.1   | -            |",
    "| vlan99    | segment dmz           | 99   | 10.10.99.0/24 | 10.10.99.1   | -            |",
  ]);
});
