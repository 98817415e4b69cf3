// routers[].trunk (issue 17 section 3): the RouterOS script creates the VLAN interface of each
// tenant VLAN and each segment with a VLAN ID the router holds an address on, identified on
// `interface` + `vlan-id`: the router's own one is adopted, not added twice; a missing one is
// added; one of that name on another parent stops the script before its first change. Run on
// the RouterOS model loaded with /export fixtures (test/fixtures/routeros/).
import { readFileSync } from "fs";
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite, resolveSite } from "../../site";
import { dryRun } from "../../twin/routeros/dryrun";
import { parseExport, routerFromExport } from "../../twin/routeros/export";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "routeros");
/** The fixture's config, as the tests edit it. */
interface Raw {
  routers: { os?: string; version?: string; trunk?: string; addresses: object[] }[];
}
const raw = (): Raw & Record<string, unknown> =>
  JSON.parse(JSON.stringify(fileRaw(join(DIR, "adopt-vlans.yaml"))));

function scriptOf(config: Record<string, unknown>): string {
  const { plan, topology } = requireSite(config);
  return renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "adopt"));
}
const script = scriptOf(raw());
const exported = (name: string) => readFileSync(join(DIR, name), "utf8");

test("the script adds each VLAN interface on the trunk, keyed on interface and VLAN ID", () => {
  expect(
    script
      .split("\n")
      .filter((l) => l.includes("/interface/vlan/add"))
      .map((l) => l.trim()),
  ).toEqual([
    ':if (!$found) do={ /interface/vlan/add name=vlan20 vlan-id=20 interface=bridge comment=$c; :put ("added " . $c) }',
    ':if (!$found) do={ /interface/vlan/add name=vlan30 vlan-id=30 interface=bridge comment=$c; :put ("added " . $c) }',
    ':if (!$found) do={ /interface/vlan/add name=vlan50 vlan-id=50 interface=bridge mtu=1500 comment=$c; :put ("added " . $c) }',
  ]);
  // Before the addresses that name them.
  expect(script.indexOf("# reconcile /interface/vlan")).toBeLessThan(
    script.indexOf("# reconcile /ip/address"),
  );
});

test("on a router that has vlan20 and vlan30: both adopted, vlan50 added, nothing twice", () => {
  const run = dryRun(script, "user-vlans.rsc", exported("user-vlans.rsc"));
  if (!run.ok) throw new Error(run.conflicts.join("\n"));
  expect(run.lines.filter((l) => l.includes(" /interface/vlan "))).toEqual([
    "adopt /interface/vlan interface=bridge name=vlan20 vlan-id=20 (key vlan:bridge:20)",
    "adopt /interface/vlan interface=bridge name=vlan30 vlan-id=30 (key vlan:bridge:30)",
    "add /interface/vlan name=vlan50 vlan-id=50 interface=bridge mtu=1500 (key vlan:bridge:50)",
  ]);
  const router = routerFromExport(
    "user-vlans.rsc",
    parseExport("user-vlans.rsc", exported("user-vlans.rsc")),
    "7.19",
  );
  router.run(script);
  expect(
    router
      .entriesOf("/interface/vlan")
      .map((e) => `${e.props.name} ${e.props.interface} ${e.props["vlan-id"]} ${e.props.comment}`),
  ).toEqual([
    "vlan20 bridge 20 managed-by=adopt;key=vlan:bridge:20;adopted",
    "vlan30 bridge 30 managed-by=adopt;key=vlan:bridge:30;adopted",
    // The owner's disabled VLAN 40 is not the stack's: left as it is.
    "vlan40 bridge 40 cameras, off for now",
    "vlan50 bridge 50 managed-by=adopt;key=vlan:bridge:50",
  ]);
  expect(router.run(script).mutations).toEqual([]);
});

test("on the factory configuration (no VLAN interface): all three added", () => {
  const run = dryRun(script, "defconf-home.rsc", exported("defconf-home.rsc"));
  if (!run.ok) throw new Error(run.conflicts.join("\n"));
  expect(run.lines.filter((l) => l.includes(" /interface/vlan "))).toEqual([
    "add /interface/vlan name=vlan20 vlan-id=20 interface=bridge (key vlan:bridge:20)",
    "add /interface/vlan name=vlan30 vlan-id=30 interface=bridge (key vlan:bridge:30)",
    "add /interface/vlan name=vlan50 vlan-id=50 interface=bridge mtu=1500 (key vlan:bridge:50)",
  ]);
});

test("a VLAN interface of that name on another parent stops the script before any change", () => {
  const text = exported("user-vlans.rsc").replace(
    "add interface=bridge name=vlan30 vlan-id=30",
    "add interface=ether2 name=vlan30 vlan-id=30",
  );
  const run = dryRun(script, "user-vlans.rsc", text);
  expect(run.ok).toBe(false);
  if (!run.ok)
    expect(run.conflicts).toContain(
      "conflict /interface/vlan: the router has interface=ether2 vlan-id=30, the stack wants interface=bridge vlan-id=30 (key vlan:bridge:30): an interface of that name on another interface or with another VLAN ID; remove or change the router's entry, or change the stack",
    );
});

test("without a trunk the script leaves /interface/vlan alone and a manual step names the VLAN", () => {
  const config = raw();
  delete config.routers[0].trunk;
  expect(scriptOf(config)).not.toContain("/interface/vlan");
  const { topology } = requireSite(config);
  expect(topology.manualSteps.filter((s) => s.what.includes("carries VLAN"))).toEqual([
    {
      device: "edge",
      what: "interface vlan20 carries VLAN 20 (tenant lab) to the Proxmox hosts' VM bridge",
      why: "the RouterOS script puts the tenant's gateway on vlan20 but does not create the VLAN interface",
    },
  ]);
  expect(
    requireSite(raw()).topology.manualSteps.filter((s) => s.what.includes("carries VLAN")),
  ).toEqual([]);
});

test.each([
  [
    (c: Raw) => {
      c.routers[0].os = "linux";
      delete c.routers[0].version;
    },
    'routers[0].trunk: "bridge": is rendered for RouterOS routers only; router edge is os: linux; create the VLAN interfaces on the router itself, or leave trunk out',
  ],
  [
    (c: Raw) => {
      c.routers[0].addresses.push({ interface: "vlan31", address: "192.168.30.2/24" });
    },
    // Two interfaces in one segment's subnet: the one-subnet-one-interface rule refuses it first.
    "routers[0].addresses[2].address: \"192.168.30.2/24\": is on vlan31, but its subnet 192.168.30.0/24 is also that of routers[0].addresses[0] (192.168.30.1/24 on vlan30): a router holds one subnet on one interface, or it routes that subnet out of both; keep each subnet on one interface; an address towards your ISP's box or modem goes in that box's subnet (e.g. 192.168.178.2/24), not in a network of the site",
  ],
])("refused: %#", (edit, message) => {
  const config = raw();
  edit(config);
  const r = resolveSite(config);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.problems.map(formatProblem)).toContain(message);
});
