// A Talos node gets the site's nameservers only in the families it has addresses in: an IPv6-only
// node given 1.1.1.1 would wait on an unreachable server at every lookup.
import { talosNodeInputs } from "../../render/talos/inputs";
import { requireSite } from "../../site";

const ipv6Only = {
  site: { name: "v6" },
  global: {
    management: { ipv6: "fd00:10::/64" },
    underlay: { ipv6: "fc00:99::/48" },
    hostLoopbacks: { ipv6: "fd00:255::/64" },
    tenantSpace: { ipv6: "fd00:100::/30" },
  },
  // The tenant is an EVPN VNet: the host is on the OpenFabric underlay for its loopback.
  hostNetwork: {
    interfaces: ["eno1", "eno2"],
    bridges: [{ name: "vmbr0", ports: ["eno1"], vlanAware: true, carries: "management" }],
    underlay: ["eno2"],
    gateway: { ipv6: "fd00:10::fe" },
  },
  hosts: [{ name: "pve01", id: 1 }],
  tenants: [
    {
      id: 101,
      name: "prod",
      kubernetes: {
        name: "k101",
        nodes: [{ name: "k101cp11", id: 11, role: "controlplane" }],
      },
    },
  ],
};

test("an IPv6-only node gets only the IPv6 nameservers", () => {
  const { plan, topology } = requireSite(ipv6Only);
  expect(plan.nameservers.map(String)).toEqual(["1.1.1.1", "2606:4700:4700::1111"]);
  const nodes = talosNodeInputs(topology, plan, plan.tenants[0]);
  expect(nodes.map((n) => [n.hostname, n.nameservers.map(String)])).toEqual([
    ["k101cp11", ["2606:4700:4700::1111"]],
  ]);
});
