// The topology diagram: exact output for seeds 000 and 001, and names that try to break out of a
// label or an ID (config text such as a gateway owner is free text; IDs must stay unique).
import { Plan } from "../../addressing/plan-types";
import {
  MermaidIds,
  mermaidLabel,
  mermaidText,
  renderTopology,
} from "../../render/inventory/mermaid";
import { requirePlan } from "../../site";
import { homelabWith, stackRaw } from "../fixtures/base";

test("homelab (seed 000): hosts on management, underlay and the VNet that carries the VM subnet", () => {
  expect(renderTopology(requirePlan(stackRaw("homelab"))).split("\n")).toEqual([
    "flowchart LR",
    '  host_pve01["pve01<br/>10.10.0.1, fd00:10::1"]',
    '  host_pve02["pve02<br/>10.10.0.2, fd00:10::2"]',
    '  host_pve03["pve03<br/>10.10.0.3, fd00:10::3"]',
    '  net_management(["management<br/>10.10.0.0/24<br/>fd00:10::/64"])',
    '  net_underlay(["underlay (OpenFabric)<br/>10.99.0.0/16<br/>fc00:99::/48"])',
    '  vnet_vnet101(["vnet101, VNI 100101<br/>10.101.0.0/24<br/>fd00:101::/64<br/>10.101.27.0/24<br/>fd00:101:1b::/112"])',
    '  subgraph cluster_k101["k101: tenant 101, AS 65101"]',
    '    node_k101cp11("k101cp11<br/>pve01, VM 10111")',
    '    node_k101cp12("k101cp12<br/>pve02, VM 10112")',
    '    node_k101cp13("k101cp13<br/>pve03, VM 10113")',
    '    node_k101wk21("k101wk21<br/>pve01, VM 10121")',
    '    node_k101wk22("k101wk22<br/>pve02, VM 10122")',
    "  end",
    '  host_pve01 ---|"vmbr0"| net_management',
    '  host_pve02 ---|"vmbr0"| net_management',
    '  host_pve03 ---|"vmbr0"| net_management',
    '  host_pve01 ---|"eno2, eno3"| net_underlay',
    '  host_pve02 ---|"eno2, eno3"| net_underlay',
    '  host_pve03 ---|"eno2, eno3"| net_underlay',
    "  host_pve01 --- vnet_vnet101",
    "  host_pve02 --- vnet_vnet101",
    "  host_pve03 --- vnet_vnet101",
    '  cluster_k101 ---|"ens18"| vnet_vnet101',
  ]);
});

test("sol (seed 001): Ceph networks, the mesh VNet, egress VLAN 101 and the router's gateway", () => {
  expect(renderTopology(requirePlan(stackRaw("sol"))).split("\n")).toEqual([
    "flowchart LR",
    '  router_edge{{"edge<br/>RouterOS 7.19, AS 65000"}}',
    '  host_pve01["pve01<br/>10.10.0.1, fd00:10::1"]',
    '  host_pve02["pve02<br/>10.10.0.2, fd00:10::2"]',
    '  host_pve03["pve03<br/>10.10.0.3, fd00:10::3"]',
    '  net_management(["management<br/>10.10.0.0/24<br/>fd00:10::/64"])',
    '  net_cephPublic(["Ceph public<br/>fc00:20::/64"])',
    '  net_cephCluster(["Ceph cluster<br/>fc00:21::/64"])',
    '  net_underlay(["underlay (OpenFabric)"])',
    '  vnet_vnet101(["vnet101, VNI 100101<br/>fc00:101::/64"])',
    '  vlan_101(["VLAN 101: tenant 101 egress<br/>fd00:101::/64"])',
    '  subgraph cluster_sol_k8s["sol-k8s: tenant 101, AS 65101"]',
    '    node_solcp011("solcp011<br/>pve01, VM 10111")',
    '    node_solcp012("solcp012<br/>pve02, VM 10112")',
    '    node_solcp013("solcp013<br/>pve03, VM 10113")',
    '    node_solwk021("solwk021<br/>pve01, VM 10121")',
    '    node_solwk022("solwk022<br/>pve02, VM 10122")',
    '    node_solwk023("solwk023<br/>pve03, VM 10123")',
    "  end",
    '  host_pve01 ---|"vmbr0.10"| net_management',
    '  host_pve02 ---|"vmbr0.10"| net_management',
    '  host_pve03 ---|"vmbr0.10"| net_management',
    "  host_pve01 --- net_cephPublic",
    "  host_pve02 --- net_cephPublic",
    "  host_pve03 --- net_cephPublic",
    "  host_pve01 --- net_cephCluster",
    "  host_pve02 --- net_cephCluster",
    "  host_pve03 --- net_cephCluster",
    '  host_pve01 ---|"enp2s0f0, enp2s0f1"| net_underlay',
    '  host_pve02 ---|"enp2s0f0, enp2s0f1"| net_underlay',
    '  host_pve03 ---|"enp2s0f0, enp2s0f1"| net_underlay',
    "  host_pve01 --- vnet_vnet101",
    "  host_pve02 --- vnet_vnet101",
    "  host_pve03 --- vnet_vnet101",
    '  host_pve01 ---|"vmbr0"| vlan_101',
    '  host_pve02 ---|"vmbr0"| vlan_101',
    '  host_pve03 ---|"vmbr0"| vlan_101',
    '  router_edge ---|"vlan101: fd00:101::fffe"| vlan_101',
    '  cluster_sol_k8s ---|"mesh0"| vnet_vnet101',
    '  cluster_sol_k8s ---|"egress0"| vlan_101',
  ]);
});

test.each([
  ['say "hi"', "say #34;hi#34;"],
  ["<b>bold</b>", "#60;b#62;bold#60;/b#62;"],
  ["#quot; stays text", "#35;quot; stays text"],
  ["a & b", "a #38; b"],
  ["```\nfence", "#96;#96;#96; fence"],
  ["tab\tand  spaces", "tab and spaces"],
  ["UDM|Pro\r# Owned\u2028> quote\u0085end\u0000", "UDM#124;Pro #35; Owned #62; quote end"],
])("label text %j is written as %j", (input, escaped) => {
  expect(mermaidText(input)).toBe(escaped);
});

test("a label is one quoted string whose only markup is our <br/>", () => {
  expect(mermaidLabel(['x"]; click x', "<br/>"])).toBe('"x#34;]; click x<br/>#60;br/#62;"');
});

test("IDs keep only [A-Za-z0-9_], never merge two names, and are stable per name", () => {
  const ids = new MermaidIds();
  expect([
    ids.id("host", "a-b"),
    ids.id("host", "a_b"),
    ids.id("host", "a.b"),
    ids.id("host", "a-b"),
    ids.id("router", "a-b"),
    ids.id("gw", 'end"]; x[oops'),
    ids.id("host", ""),
  ]).toEqual([
    "host_a_b",
    "host_a_b_2",
    "host_a_b_3",
    "host_a_b",
    "router_a_b",
    "gw_end____x_oops",
    "host_",
  ]);
});

/** Renames hosts everywhere the diagram reads a host name. */
function renameHosts(plan: Plan, names: Record<string, string>): Plan {
  const to = (n: string) => names[n] ?? n;
  return {
    ...plan,
    hosts: plan.hosts.map((h) => ({ ...h, name: to(h.name) })),
    sdn: { ...plan.sdn, nodes: plan.sdn.nodes.map(to) },
    tenants: plan.tenants.map((t) =>
      t.kubernetes
        ? {
            ...t,
            kubernetes: {
              ...t.kubernetes,
              vms: t.kubernetes.vms.map((v) => ({ ...v, host: to(v.host) })),
            },
          }
        : t,
    ),
  };
}

test("hostile host names and a hostile gateway owner from config cannot break the diagram", () => {
  const raw = homelabWith((c) => {
    c.segments = [
      {
        name: "default",
        vlan: 1,
        ipv4: "10.0.1.0/24",
        gateway: { ipv4: "10.0.1.1", owner: 'UDM"] --> evil[<img src=x>' },
      },
    ];
  });
  const plan = renameHosts(requirePlan(raw), {
    pve01: 'pve"01"]',
    pve02: "pve-01-",
    pve03: "end",
  });
  const lines = renderTopology(plan).split("\n");
  expect(lines.filter((l) => /host_|seg_|gw_|node_k101cp11/.test(l))).toEqual([
    '  host_pve_01__["pve#34;01#34;]<br/>10.10.0.1, fd00:10::1"]',
    '  host_pve_01_["pve-01-<br/>10.10.0.2, fd00:10::2"]',
    '  host_end["end<br/>10.10.0.3, fd00:10::3"]',
    '  seg_default(["VLAN 1 default<br/>10.0.1.0/24"])',
    '  gw_UDM_______evil__img_src_x_{{"UDM#34;] --#62; evil[#60;img src=x#62;"}}',
    '    node_k101cp11("k101cp11<br/>pve#34;01#34;], VM 10111")',
    '  host_pve_01__ ---|"vmbr0"| net_management',
    '  host_pve_01_ ---|"vmbr0"| net_management',
    '  host_end ---|"vmbr0"| net_management',
    '  host_pve_01__ ---|"eno2, eno3"| net_underlay',
    '  host_pve_01_ ---|"eno2, eno3"| net_underlay',
    '  host_end ---|"eno2, eno3"| net_underlay',
    "  host_pve_01__ --- vnet_vnet101",
    "  host_pve_01_ --- vnet_vnet101",
    "  host_end --- vnet_vnet101",
    '  gw_UDM_______evil__img_src_x_ ---|"gateway 10.0.1.1"| seg_default',
  ]);
  // Every line is a declaration, an edge, or a subgraph delimiter: no stray statement got in.
  for (const line of lines.slice(1)) {
    expect(line).toMatch(
      /^ {2,4}(\w+(\[|\(|\{\{|\(\[)".*"(\]|\)|\}\}|\]\))|\w+ ---(\|".*"\|)? \w+|subgraph \w+\[".*"\]|end)$/,
    );
  }
  // Quotes only where we put them: two per label.
  for (const line of lines.filter((l) => l.includes('"'))) {
    expect((line.match(/"/g) ?? []).length % 2).toBe(0);
  }
});
