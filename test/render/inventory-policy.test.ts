// The inventory's policy section: zones with their defaults, the zone-to-zone matrix and the rule
// table with where each rule is enforced, exactly; nothing for a site without a policy.
import { policySection } from "../../render/inventory/policy";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const sectionOf = (stack: string) => {
  const { plan, topology } = requireSite(stackRaw(stack));
  return policySection(plan, topology);
};
const squeeze = (l: string) => l.replace(/ {2,}/g, " ").replace(/-{2,}/g, "-");
const lines = (stack: string) => (sectionOf(stack) ?? "").split("\n").map(squeeze);

test("arc-hybrid: default deny everywhere, five flows between VLANs, three to the internet", () => {
  const l = lines("arc-hybrid");
  const at = l.indexOf("### Zone to zone");
  expect(l.slice(at + 4, at + 14)).toEqual([
    "| from \\ to | management | storage | app | observability | devtest | mgmt | dmz | internet |",
    "| - | - | - | - | - | - | - | - | - |",
    "| **management** | - | deny, rules 2 | deny | deny | deny | deny | deny | deny, rules 15, 16 |",
    "| **storage** | deny | - | deny | deny | deny | deny | deny | deny |",
    "| **app** | deny | deny, rules 3 | - | deny, rules 9 | deny | deny | deny | deny, rules 11, 12, 13, 14 |",
    "| **observability** | deny, rules 4 | deny, rules 4 | deny, rules 4 | - | deny, rules 4 | deny, rules 4 | deny, rules 4 | deny, rules 11, 12, 13, 14 |",
    "| **devtest** | deny | deny | deny | deny, rules 9 | - | deny | deny | deny, rules 10, 11, 12, 13 |",
    "| **mgmt** | deny, rules 1 | deny, rules 1 | deny, rules 1 | deny, rules 1 | deny, rules 1 | - | deny, rules 1 | deny, rules 6, 11, 12, 13 |",
    "| **dmz** | deny | deny | deny, rules 5 | deny, rules 9 | deny | deny, rules 5 | - | deny, rules 7, 8, 11, 12, 13 |",
    "| **internet** | deny | deny | deny | deny | deny | deny | deny | - |",
  ]);
  expect(l).toContain("| internet | everything outside the site | deny | yes |");
  expect(l).toContain(
    "| 7 | tunnel-outbound | cloudflare-tunnel (10.10.99.10/32) | internet (internet) | tcp 443,7844 | allow | no | router-server (nftables) | VLAN 99: Cloudflare Tunnel outbound (443; cloudflared's HTTP/2 to the edge on 7844), no other internet access |",
  );
  expect(l).toContain(
    "| 9 | log-shipping | app, devtest, dmz (10.10.30.0/24, 10.10.50.0/24, 10.10.99.0/24) | loki (10.10.40.30/32) | tcp 3100 | allow | no | router-server (nftables) | Every VLAN ships its logs to Loki (observability: Allow: Log collection) |",
  );
});

test("ms01: host rules on the Proxmox firewall, the rest on the UDM-Pro by hand", () => {
  const l = lines("ms01");
  expect(l).toContain(
    "| 1 | no-pve-ui | workload (10.8.28.0/22) | pve-ms01-01, pve-ms01-02, pve-aimax-01 (10.8.16.10-10.8.16.12, 10.8.48.10-10.8.48.12) | tcp 8006 | deny | yes | Proxmox firewall of pve-ms01-01, pve-ms01-02, pve-aimax-01 | VLAN 28 -> 16: block pod access to the Proxmox web UI |",
  );
  expect(l).toContain(
    "| 3 | no-jetkvm | workload (10.8.28.0/22) | pve-aimax-01-kvm (10.8.16.92/32) | any protocol | deny | yes | udm-pro (manual) | VLAN 28 -> 16: block pod access to the JetKVM |",
  );
  expect(l).toContain(
    "| 12 | storage-isolated | any (anywhere) | cephPublic (10.8.48.0/24) | any protocol | deny | yes | udm-pro (manual); Proxmox firewall of pve-ms01-01, pve-ms01-02, pve-aimax-01 | VLAN 48 takes nothing from another VLAN; VLAN 1 -> All yields to it |",
  );
});

test("no section without a policy", () => {
  expect(sectionOf("homelab")).toBeUndefined();
});
