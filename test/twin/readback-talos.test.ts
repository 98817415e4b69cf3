// The twin reads a Talos patch in either network form (Talos v1.11's `.machine.network`, v1.12+'s
// network documents) into the same addresses, routes and VIP, and refuses documents it cannot
// place on a NIC of the VM.
import { renderTalosPatchYaml } from "../../render/talos/patch";
import { talosNodeInputs } from "../../render/talos/inputs";
import { requireSite } from "../../site";
import { readTalos } from "../../twin/readback/kubernetes";
import { homelabWith } from "../fixtures/base";
import { seed001Talos } from "../fixtures/seed001";

type Raw = Record<string, unknown>;
const onVersion = (raw: Raw, version: string, kubernetesVersion: string): Raw => ({
  ...raw,
  talos: { ...(raw.talos as Raw | undefined), version, kubernetesVersion },
});

/** talos/<node>.yaml texts and the VMs' MACs in NIC order, as the preview writes them. */
function artifacts(raw: Raw) {
  const { plan, topology } = requireSite(raw);
  const inputs = talosNodeInputs(topology, plan, plan.tenants[0]);
  return {
    files: new Map(inputs.map((n) => [`talos/${n.hostname}.yaml`, renderTalosPatchYaml(n)])),
    vms: new Map(inputs.map((n) => [n.hostname, n.nics.map((x) => x.mac)])),
  };
}

const read = (raw: Raw) => {
  const a = artifacts(raw);
  return readTalos(a.files, [], a.vms).map((d) => ({
    name: d.name,
    addresses: d.addresses.map((x) => `${x.iface} ${x.address}/${x.length}${x.vip ? " vip" : ""}`),
    routes: d.routes.map((r) => `${r.dst} via ${r.via} dev ${r.iface}`),
  }));
};

const homelab = homelabWith(() => undefined);

test.each([
  ["seed 000 (one NIC, Talos VIP)", homelab],
  ["seed 001 on Talos (two NICs, mesh routes)", seed001Talos],
])("%s: both forms read back alike", (_what, raw) => {
  const v113 = read(raw);
  expect(read(onVersion(raw, "v1.11.6", "v1.34.1"))).toEqual(v113);
  expect(v113.length).toBeGreaterThan(0);
});

test("k101cp11 from its network documents: addresses, VIP and default routes on ens18", () => {
  expect(read(homelab)[0]).toEqual({
    name: "k101cp11",
    addresses: ["ens18 10.101.0.11/24", "ens18 fd00:101::11/64", "ens18 10.101.0.250/32 vip"],
    routes: ["0.0.0.0/0 via 10.101.0.254 dev ens18", "::/0 via fd00:101::fffe dev ens18"],
  });
});

test.each([
  [
    "a LinkConfig whose alias no LinkAliasConfig defines",
    (t: string) =>
      t.replace('kind: "LinkAliasConfig"\nname: "net0"', 'kind: "LinkAliasConfig"\nname: "net9"'),
    "talos/k101cp11.yaml: LinkConfig net0: no LinkAliasConfig gives link net0 a MAC",
  ],
  [
    "an alias selected by something other than the MAC",
    (t: string) => t.replace(/match: ".*"/, 'match: "link.driver == \\"virtio_net\\""'),
    'talos/k101cp11.yaml: LinkAliasConfig net0: selector "link.driver == "virtio_net"" names no MAC',
  ],
  [
    "a VIP on a link without a LinkConfig",
    (t: string) => t.replace('link: "net0"', 'link: "net1"'),
    "talos/k101cp11.yaml: Layer2VIPConfig 10.101.0.250: no LinkConfig for link net1",
  ],
  [
    "no hostname in either form",
    (t: string) => t.replace('hostname: "k101cp11"', ""),
    "talos/k101cp11.yaml: no HostnameConfig hostname or machine.network.hostname",
  ],
])("%s is refused", (_what, edit, message) => {
  const a = artifacts(homelab);
  const path = "talos/k101cp11.yaml";
  const files = new Map([[path, edit(a.files.get(path) as string)]]);
  expect(() => readTalos(files, [], a.vms)).toThrow(new Error(message));
});
