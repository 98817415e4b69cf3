// A preview folder's artifacts -> the twin of the site (namespaces, links, daemons). Only the
// artifacts are read: resources.json for the Proxmox hosts, SDN and VM NICs, talos/ and k8s/ for
// Talos nodes and Cilium, cloud-init/ and frr/ for Linux VMs, routeros/ for RouterOS routers,
// external/ for the devices the stack only declares, policy.json (with nftables/,
// proxmox-firewall/ and the external/ documents' firewall rules) for the policy and its rulesets,
// expectations.json for the owner's expectations, flows.json for the site's own flows and the
// routers' uplinks, manual-steps.json for what the operator does by hand, outputs.json for explicit service
// addresses. Throws on an artifact it cannot read.
import { exitReturnTargets } from "./exit-returns";
import { Address } from "../../addressing/ip";
import { ArtifactMap } from "../readback/folder";
import { SiteBuilder } from "./builder";
import { buildHosts, evpnHostRoutes, evpnPlug } from "./hosts";
import { readManualSteps } from "./manual";
import { buildNodes, NodeFacts } from "./nodes";
import {
  buildExpectations,
  flowAddresses,
  holdExpectationEnds,
  readExpectationsFile,
} from "./expect";
import { attachUplinks, buildFlows } from "./flows";
import { buildPolicy } from "./policy";
import { readProxmox } from "./resources";
import { buildFrrRouter, buildRouterOs, buildStandIn } from "./routers";
import { TwinSite } from "./types";

/** The twin and what the checks need to know of the nodes. */
export interface BuiltTwin {
  readonly site: TwinSite;
  readonly nodes: NodeFacts;
}

/** A router's `/export` to start its RouterOS model from (`--routeros-base ROUTER=FILE`). */
export interface TwinBase {
  /** The file as messages show it. */
  readonly file: string;
  readonly text: string;
}

/**
 * Builds the twin of a preview's artifacts; `stack` names it in the output. `bases`: RouterOS
 * routers (by name) started from their `/export` instead of empty; one the preview has no script
 * for is an error.
 */
export function buildTwin(
  stack: string,
  files: ArtifactMap,
  bases: ReadonlyMap<string, TwinBase> = new Map(),
): BuiltTwin {
  if (!files.has("resources.json")) throw new Error("no resources.json: not a preview folder");
  const b = new SiteBuilder(stack);
  const manual = readManualSteps(files);
  const px = readProxmox(files);
  const plug = buildHosts(px, manual.mtu, b, manual.vrfRoutes, manual.sysctls);
  for (const [device, keys] of manual.sysctls)
    if (!px.hosts.some((h) => h.name === device))
      b.note(`manual step not applied: ${device}: sysctl ${keys.join(" and ")}`);
  const nodes = buildNodes(files, px, plug, b);
  evpnHostRoutes(px, b);
  const sorted = (prefix: string, ext: string) =>
    [...files]
      .filter(([p]) => p.startsWith(prefix) && p.endsWith(ext))
      .sort(([a], [c]) => a.localeCompare(c));
  const routers = sorted("routeros/", ".rsc").map(([p]) => p.slice("routeros/".length, -4));
  for (const [name, base] of bases)
    if (!routers.includes(name))
      throw new Error(
        `--routeros-base ${name}=${base.file}: the stack has no RouterOS router ${name}; its RouterOS routers: ${routers.join(", ") || "none"}`,
      );
  for (const [p, text] of sorted("routeros/", ".rsc"))
    buildRouterOs(p, text, manual, b, bases.get(p.slice("routeros/".length, -4)));
  for (const [p, text] of sorted("frr/", ".conf")) {
    const vm = p.slice("frr/".length, -".conf".length);
    if (!px.vms.some((v) => v.name === vm)) buildFrrRouter(p, text, manual, b);
  }
  for (const [p, text] of sorted("external/", ".yaml")) buildStandIn(p, text, manual, b);
  if (b.bridges.some((x) => x.name.includes("v") && /v\d+$/.test(x.name))) {
    b.note(
      "VLANs: a bridge per VLAN (vmbr0v<vid>, switch segment vlan<vid>): this kernel has no VLAN filtering or vlan links",
    );
  }
  const expected = readExpectationsFile(files);
  // The uplinks first: the policy's internet addresses enter and leave by them.
  const uplinks = attachUplinks(files, b);
  const vnet = (name: string, addresses: readonly Address[]) => evpnPlug(px, b, name, addresses);
  buildPolicy(files, b, flowAddresses(expected), uplinks.links, vnet);
  const unheld = holdExpectationEnds(expected, b, uplinks.links, vnet);
  buildExpectations(expected, b, nodes.talos, unheld, new Set(bases.keys()));
  buildFlows(files, b, uplinks);
  for (const t of exitReturnTargets(b)) if (t.why) b.probeSkips.push({ name: t.name, why: t.why });
  for (const f of b.firewalls) b.note(`policy: ${f.node} loads ${f.sources.join(" + ")}: ${f.how}`);
  const standIns = new Set(b.devices.filter((d) => d.kind === "stand-in").map((d) => d.name));
  for (const s of manual.other) {
    const device = s.split(":")[0];
    if (standIns.has(device))
      b.note(
        `manual steps of ${device}: played by its stand-in as far as external/${device}.yaml says`,
      );
    else b.note(`manual step not applied: ${s}`);
  }
  return { site: b.site(), nodes };
}
