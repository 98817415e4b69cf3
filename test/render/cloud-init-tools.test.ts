// Every rendered user data and network config of every bundled stack, checked by the real
// parsers: Debian's `cloud-init schema -c` and netplan's generator (the parser cloud-init hands
// network config v2 to), with a broken file of each kind shown to fail, so the check is not
// vacuous. The networkd files netplan generates are read back for seed 001's node routes.
import { requireSite } from "../../site";
import { cloudInitMachines } from "../../render/cloud-init/inputs";
import { renderNetworkConfig } from "../../render/cloud-init/network-config";
import { renderUserData } from "../../render/cloud-init/user-data";
import {
  CLOUD_INIT_MISSING,
  netplanGenerate,
  requireCloudInitTools,
  userDataProblems,
} from "../../lab/cloud-init-check";
import { BUNDLED_STACKS, stackRaw } from "../fixtures/base";

const KEY =
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMx0ZtDY9Ymt4yXnB4N6N3M9c6cz5o5N7t0uQvOqA4fZ admin@example";

const stacks = BUNDLED_STACKS;

const files = stacks.flatMap((stack) => {
  const { plan, topology } = requireSite(stackRaw(stack));
  return cloudInitMachines(plan, topology).map((m) => ({
    name: `${stack}/${m.name}`,
    userData: renderUserData({ ...m.userData, sshKeys: [KEY] }),
    network: renderNetworkConfig(m.network),
  }));
});

beforeAll(() => requireCloudInitTools());

test("the bundled stacks render 17 cloud-init VMs: sol's six nodes, arc-hybrid's eleven VMs", () => {
  expect(files.map((f) => f.name.split("/")[0])).toEqual([
    ...Array(11).fill("arc-hybrid"),
    ...Array(6).fill("sol"),
  ]);
});

test.each(files.map((f) => [f.name, f] as const))(
  "%s: cloud-init schema accepts the user data, netplan generate the network config",
  (_name, f) => {
    expect(userDataProblems(f.userData)).toEqual([]);
    expect(netplanGenerate(f.network).problems).toEqual([]);
  },
);

test("netplan turns solcp011's config into networkd routes with the seed's metric and on-link", () => {
  const f = files.find((x) => x.name === "sol/solcp011");
  const out = netplanGenerate(f?.network ?? "");
  expect(Object.keys(out.networkd)).toEqual([
    "10-netplan-egress0.link",
    "10-netplan-egress0.network",
    "10-netplan-lo.network",
    "10-netplan-mesh0.link",
    "10-netplan-mesh0.network",
  ]);
  const routes = (name: string) =>
    out.networkd[name]
      .split("\n\n")
      .filter((s) => s.startsWith("[Route]"))
      .map((s) => s.trim().split("\n").slice(1));
  expect(routes("10-netplan-mesh0.network")).toEqual([
    ["Destination=fc00:20::/64", "Gateway=fc00:101::fffe", "GatewayOnLink=true", "Metric=100"],
    ["Destination=fc00:21::/64", "Gateway=fc00:101::fffe", "GatewayOnLink=true", "Metric=100"],
  ]);
  expect(routes("10-netplan-egress0.network")).toEqual([
    ["Destination=fd00:10::/64", "Gateway=fd00:101::fffe"],
    ["Destination=::/0", "Gateway=fd00:101::fffe"],
  ]);
  expect(out.networkd["10-netplan-mesh0.link"]).toContain(
    "PermanentMACAddress=02:00:65:00:0b:00\n",
  );
  expect(out.networkd["10-netplan-mesh0.link"]).toContain("Name=mesh0\n");
  expect(out.networkd["10-netplan-lo.network"]).toContain(
    "Address=10.255.101.11/32\nAddress=fd00:255:101::11/128\nAddress=fd00:255:101::ac/128\n",
  );
});

test("the check is not vacuous: cloud-init schema rejects a broken user data", () => {
  const broken = renderUserData({
    hostname: "x",
    sshKeys: [],
    rootLogin: false,
    packages: [],
    files: [],
    commands: [],
  }).replace("hostname: x", "hostname: [x, y]");
  expect(userDataProblems(broken)).toEqual([
    "cloud-init schema exited 1",
    "Cloud config schema deprecations:",
    "Error:",
    "Cloud config schema errors: hostname: ['x', 'y'] is not of type 'string', hostname: ['x', 'y'] is not of type 'string'",
  ]);
});

test("the check is not vacuous: netplan rejects a broken network config", () => {
  const f = files.find((x) => x.name === "sol/solcp011");
  const broken = (f?.network ?? "").replace("- fc00:101::11/64", "- fc00:101::11");
  const out = netplanGenerate(broken);
  expect(out.problems[0]).toBe("netplan generate exited 1");
  expect(out.problems.join("\n")).toContain("address 'fc00:101::11' is missing /prefixlength");
  expect(out.networkd).toEqual({});
});

test("fails with the install hint, never skips", () => {
  expect(() => requireCloudInitTools("/nonexistent/cloud-init", "netplan")).toThrow(
    CLOUD_INIT_MISSING,
  );
});
