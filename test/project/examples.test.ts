// The recipes' stack files (examples/*.yaml, docs/recipes.md): each plans clean under the offline
// preview, with the summary line, warnings and values the recipe quotes.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import {
  PreviewResult,
  previewConfig,
  previewFiles,
  summarize,
  warningLines,
} from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { ROOT } from "../fixtures/base";

const EXAMPLES = join(ROOT, "examples");

/** The offline preview of examples/<name>.yaml, as stack <name>. */
async function planExample(name: string): Promise<PreviewResult> {
  const file = `${name}.yaml`;
  const config = parseStackFile(readFileSync(join(EXAMPLES, file), "utf8"), "homelab", file);
  return previewConfig(name, config);
}

/** The file `path` of a preview (inventory.md, routeros/edge.rsc, ...). */
function fileOf(result: PreviewResult, path: string): string {
  const found = previewFiles(result).find(([p]) => p === path);
  if (!found) throw new Error(`the preview wrote no ${path}`);
  return found[1];
}

test("every example is a recipe, and every recipe's example is tested here", () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));
  expect(files.sort()).toEqual([
    "iot-default-deny.yaml",
    "l2-announcements.yaml",
    "lb-home-vlan.yaml",
    "mikrotik-bgp.yaml",
    "vms-management.yaml",
  ]);
  const recipes = readFileSync(join(ROOT, "docs", "recipes.md"), "utf8");
  for (const f of files) expect(recipes).toContain(`(../examples/${f})`);
});

test("lb-home-vlan: the pool is a range of the home VLAN, announced to the edge by BGP", async () => {
  const r = await planExample("lb-home-vlan");
  expect(r.problems).toEqual([]);
  expect(summarize("lb-home-vlan", r, "out/lb-home-vlan")).toBe(
    "lb-home-vlan: 25 resources (18 custom, 7 components), 1 to import, 17 to create, 2 manual steps (inventory.md), written to out/lb-home-vlan",
  );
  expect(warningLines(r)).toEqual([]);
  // The home VLAN's devices ARP for the pool's addresses: the router answers with proxy ARP only.
  expect(r.manualSteps?.[1]).toEqual({
    device: "edge",
    what: "turn on proxy ARP on vlan60 (arp=proxy-arp on the interface, e.g. /interface/vlan/set vlan60 arp=proxy-arp)",
    why: "the devices on shared segment home (192.168.60.0/24) look up the LoadBalancer addresses (cluster lab's 192.168.60.200-192.168.60.230) with ARP, as they lie in their own subnet; edge routes them to the nodes by BGP but answers ARP for them only with proxy ARP, which the rendered config does not set",
  });
  const inventory = fileOf(r, "inventory.md");
  expect(inventory).toContain(
    "| lab     | lab-pool | 192.168.60.200-192.168.60.230 | 31        | configured range | 192.168.60.0/24 | home           | BGP          |",
  );
  expect(inventory).toContain(
    "| edge    | 65000 | 10.20.0.254 | lab-cp1 | 65020    | 10.20.0.11       | IPv4     | 1 / 1 | RouterOS script / Cilium BGP |",
  );
});

test("mikrotik-bgp: one session per node and family from the router's gateway on VLAN 30", async () => {
  const r = await planExample("mikrotik-bgp");
  expect(r.problems).toEqual([]);
  expect(summarize("mikrotik-bgp", r, "out/mikrotik-bgp")).toBe(
    "mikrotik-bgp: 47 resources (38 custom, 9 components), 3 to import, 35 to create, 2 manual steps (inventory.md), written to out/mikrotik-bgp",
  );
  expect(warningLines(r)).toEqual([]);
  const inventory = fileOf(r, "inventory.md");
  for (const row of [
    "| edge    | 65000 | 10.30.0.254               | k8s-cp1 | 65030    | 10.30.0.11              | IPv4     | 1 / 1 | RouterOS script / Cilium BGP |",
    "| edge    | 65000 | fd5e:71a0:93c2:1e00::fffe | k8s-cp1 | 65030    | fd5e:71a0:93c2:1e00::11 | IPv6     | 1 / 1 | RouterOS script / Cilium BGP |",
    "| k8s     | k8s-pool | 10.30.27.1-10.30.27.254                          | 254       | whole prefix | 10.30.27.0/24             | -              | BGP          |",
    "| k8s     | k8s-pool | fd5e:71a0:93c2:1e1b::1-fd5e:71a0:93c2:1e1b::ffff | 65535     | whole prefix | fd5e:71a0:93c2:1e1b::/112 | -              | BGP          |",
  ])
    expect(inventory).toContain(row);
  expect(fileOf(r, "routeros/edge.rsc")).toContain(
    "remote.address=10.30.0.11 remote.as=65030 local.role=ebgp local.address=10.30.0.254 multihop=no input.filter=k8s-in afi=ip",
  );
});

test("l2-announcements: Cilium answers ARP for the range beside the node subnet", async () => {
  const r = await planExample("l2-announcements");
  expect(r.problems).toEqual([]);
  expect(summarize("l2-announcements", r, "out/l2-announcements")).toBe(
    "l2-announcements: 33 resources (26 custom, 7 components), 1 to import, 25 to create, 1 manual step (inventory.md), written to out/l2-announcements",
  );
  expect(warningLines(r)).toEqual([]);
  expect(fileOf(r, "inventory.md")).toContain(
    "| apps    | apps-pool | 10.40.27.10-10.40.27.99 | 90        | configured range | 10.40.27.0/24 | -              | L2 (ARP)     |",
  );
  const script = fileOf(r, "routeros/edge.rsc");
  expect(script).toContain("/ip/address/add address=10.40.0.254/24 interface=vlan40 comment=$c");
  expect(script).toContain("/ip/address/add address=10.40.27.254/24 interface=vlan40 comment=$c");
  expect(fileOf(r, "k8s/cluster-40/CiliumL2AnnouncementPolicy-apps-l2.yaml")).toContain(
    "  interfaces:\n    - ^ens18$\n",
  );
  const files = previewFiles(r).map(([p]) => p);
  expect(files.filter((p) => p.startsWith("k8s/cluster-40/Cilium"))).toEqual([
    "k8s/cluster-40/CiliumL2AnnouncementPolicy-apps-l2.yaml",
    "k8s/cluster-40/CiliumLoadBalancerIPPool-apps-pool.yaml",
  ]);
});

test("vms-management: two VMs at .20 and .21 of the management network, their own nameservers", async () => {
  const r = await planExample("vms-management");
  expect(r.problems).toEqual([]);
  expect(summarize("vms-management", r, "out/vms-management")).toBe(
    "vms-management: 13 resources (9 custom, 4 components), 1 to import, 8 to create, 1 warning, written to out/vms-management",
  );
  expect(warningLines(r)).toEqual([
    `homelab:vmSshKeys: "": is not set: the 2 cloud-init VMs boot with no SSH key, and cloud images allow no password login; add your public key to the stack file, e.g. homelab:vmSshKeys: "ssh-ed25519 AAAA... you@laptop" (the line of ~/.ssh/id_ed25519.pub; a public key is not a secret)`,
  ]);
  const inventory = fileOf(r, "inventory.md");
  expect(inventory).toContain(
    "| nas    | net0      | 06:00:00:00:78:00 | management | 1500 | 192.168.1.20/24 |",
  );
  expect(inventory).toContain(
    "| pihole | net0      | 06:00:00:00:79:00 | management | 1500 | 192.168.1.21/24 |",
  );
  const nas = fileOf(r, "cloud-init/nas/network-config");
  expect(nas).toContain("192.168.1.20/24");
  expect(nas).toContain("192.168.1.1");
  expect(fileOf(r, "cloud-init/pihole/network-config")).toContain("9.9.9.9");
  // Both VMs boot the current Debian: one pinned download on pve1, the checksum of that build.
  expect(
    r.resources
      .filter((x) => x.type === "proxmoxve:download/file:File")
      .map((x) => [x.name, x.inputs.url, x.inputs.checksumAlgorithm, x.inputs.checksum]),
  ).toEqual([
    [
      "image-debian-13-pve1",
      "https://cloud.debian.org/images/cloud/trixie/20260914-2601/debian-13-generic-amd64-20260914-2601.qcow2",
      "sha512",
      "a733e7d49442a03e70d03e4eb5aaf3967f3efc69ef70952f9bb10fc1ee2c4876eb95956b5ad2d31350e5fada768feb651352535fb8cd1233f61998a5a7d2e93c",
    ],
  ]);
});

test("iot-default-deny: the IoT zone denies by default; three allows, one deny from the internet", async () => {
  const r = await planExample("iot-default-deny");
  expect(r.problems).toEqual([]);
  expect(summarize("iot-default-deny", r, "out/iot-default-deny")).toBe(
    "iot-default-deny: 6 resources (3 custom, 3 components), 1 to import, 2 to create, 1 warning, 1 manual step (inventory.md), written to out/iot-default-deny",
  );
  expect(warningLines(r)).toEqual([
    `routers[0].addresses[0].address: "192.168.88.1/24": is the address Pulumi reaches edge at (ssh.host): the router holds it before the first run, so the reconcile script adopts it, and \`pulumi destroy\` (or leaving it out of the stack) releases it: its comment goes back to what it was and the address stays; only moving it to another interface or length in the stack would cut Pulumi and you off the router, and the script refuses that as a conflict; leave it in the stack to have the plan own it, or take it out: the router keeps it either way`,
  ]);
  const inventory = fileOf(r, "inventory.md");
  for (const row of [
    "| iot        | 192.168.70.0/24             | deny                     | yes        |",
    "| **iot**        | deny, rules 1 | -              | deny, rules 2, 3 |",
    "| **internet**   | allow         | allow, rules 4 | -                |",
  ])
    expect(inventory).toContain(row);
});
