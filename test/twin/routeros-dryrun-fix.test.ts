// The `--routeros-base` dry run's fix for an interface the script names that the router lacks
// (new-user trial of issue 17, M11): it names the router's own bridge, renamed or not, and says
// when the missing interface is the stack's trunk. Every missing interface is named in one run
// (the stack names vlan20 and vlan30), not one per fix.
import { readFileSync } from "fs";
import { join } from "path";
import { renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { dryRun } from "../../twin/routeros/dryrun";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const FACTORY = readFileSync(join(DIR, "defconf-home.rsc"), "utf8");
/** The factory export with its bridge renamed br-lan, as an owner may have done. */
const RENAMED = FACTORY.replace(/name=bridge\b/g, "name=br-lan")
  .replace(/bridge=bridge\b/g, "bridge=br-lan")
  .replace(/interface=bridge\b/g, "interface=br-lan");

/** The script of a fixture stack, `trunk` set as given (undefined: as the fixture has it). */
function script(file: string, trunk?: string): string {
  const raw = JSON.parse(JSON.stringify(fileRaw(join(DIR, file))));
  if (trunk !== undefined) raw.routers[0].trunk = trunk;
  const { plan, topology } = requireSite(raw);
  return renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "adopt"));
}

/** The dry run's lines for the VLAN interfaces of adopt-vlans.yaml with trunk: br-lan. */
const VLANS = [
  "add /interface/vlan name=vlan20 vlan-id=20 interface=br-lan (key vlan:br-lan:20)",
  "add /interface/vlan name=vlan30 vlan-id=30 interface=br-lan (key vlan:br-lan:30)",
  "add /interface/vlan name=vlan50 vlan-id=50 interface=br-lan mtu=1500 (key vlan:br-lan:50)",
];

const failure = (s: string, exported: string): string => {
  try {
    dryRun(s, "edge.rsc", exported);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the dry run passed");
};

test.each([
  [
    "no trunk, the factory bridge",
    script("adopt-site.yaml"),
    FACTORY,
    [
      "the script fails on the router of edge.rsc: /interface/list/member: input does not match any value of interface: vlan20; edge.rsc has no interface vlan20: create it on the router (for a VLAN, /interface/vlan/add name=vlan20 interface=bridge vlan-id=<id>; edge.rsc has the bridge bridge), or set the router's trunk in the stack (trunk: bridge) so that the script creates its VLAN interfaces",
      "the script fails on the router of edge.rsc: /interface/list/member: input does not match any value of interface: vlan30; edge.rsc has no interface vlan30: create it on the router (for a VLAN, /interface/vlan/add name=vlan30 interface=bridge vlan-id=<id>; edge.rsc has the bridge bridge), or set the router's trunk in the stack (trunk: bridge) so that the script creates its VLAN interfaces",
    ].join("\n"),
  ],
  [
    "no trunk, the bridge renamed br-lan",
    script("adopt-site.yaml"),
    RENAMED,
    [
      "the script fails on the router of edge.rsc: /interface/list/member: input does not match any value of interface: vlan20; edge.rsc has no interface vlan20: create it on the router (for a VLAN, /interface/vlan/add name=vlan20 interface=br-lan vlan-id=<id>; edge.rsc has the bridge br-lan), or set the router's trunk in the stack (trunk: br-lan) so that the script creates its VLAN interfaces",
      "the script fails on the router of edge.rsc: /interface/list/member: input does not match any value of interface: vlan30; edge.rsc has no interface vlan30: create it on the router (for a VLAN, /interface/vlan/add name=vlan30 interface=br-lan vlan-id=<id>; edge.rsc has the bridge br-lan), or set the router's trunk in the stack (trunk: br-lan) so that the script creates its VLAN interfaces",
    ].join("\n"),
  ],
  [
    "trunk: bridge on a router whose bridge is br-lan",
    script("adopt-vlans.yaml"),
    RENAMED,
    "the script fails on the router of edge.rsc: /interface/vlan: input does not match any value of interface: bridge; edge.rsc has no interface bridge, the router's trunk (routers[].trunk) that the script creates the VLAN interfaces on: set trunk to the interface the router's VLANs ride on (edge.rsc has the bridge br-lan)",
  ],
])("%s", (_, s, exported, message) => {
  expect(failure(s, exported)).toBe(message);
});

test("trunk: br-lan on the renamed router: the VLAN interfaces are added on br-lan", () => {
  const r = dryRun(script("adopt-vlans.yaml", "br-lan"), "edge.rsc", RENAMED);
  if (!r.ok) throw new Error(r.conflicts.join("\n"));
  expect(r.lines.filter((l) => l.includes(" /interface/vlan "))).toEqual(VLANS);
});
