// routers[].trunk in the twin (issue 17): the script's /interface/vlan entries are realised as the
// router's ports on the switch segment of each VLAN ID (this kernel has no `vlan` links; the
// Proxmox hosts' VLANs are the same segments). test/fixtures/twin/trunk.yaml is the example stack
// with `trunk: bridge` and a home segment on VLAN 30. The twin passes on it; the script's vlan-id
// changed or its VLAN interface removed fails exactly the checks that ride on that VLAN. (The
// home segment holds no device of the artifacts: its probe endpoint sits wherever the router's
// vlan30 is, so its VLAN ID is not something a check can see.) The twins need root, FRR, gobgpd
// and nftables.
import { readFileSync } from "fs";
import { join } from "path";
import { PreviewResult, previewConfig, projectName, ROOT } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { replaceIn, twinOfEdited } from "./edited-twin";
import { SiteBuilder } from "../../twin/site/builder";
import { buildRouterOs } from "../../twin/site/routers";

const NO_STEPS = {
  mtu: new Map(),
  vlans: new Map(),
  vrfRoutes: new Map(),
  sysctls: new Map(),
  other: [],
};
const HEAD = "# RouterOS 7.19 reconcile script for router edge, stack t. Generated; do not edit.";

/** The switch segment the router's interface `iface` is plugged into. */
const segmentOf = (b: SiteBuilder, iface: string) =>
  b.veths.find((v) => v.a.node === "edge" && v.a.name === iface)?.b.master;

describe("the router's VLAN interfaces on the switch (no namespaces)", () => {
  test("a VLAN interface of the script sits on the segment of its VLAN ID, with its MTU", () => {
    const b = new SiteBuilder("t");
    const script = [
      HEAD,
      '/interface/vlan/add name=vlan20 vlan-id=20 interface=bridge mtu=9000 comment="managed-by=t;key=vlan:bridge:20"',
      '/interface/vlan/add name=guest vlan-id=60 interface=bridge disabled=yes comment="managed-by=t;key=vlan:bridge:60"',
      '/ip/address/add address=10.20.0.254/24 interface=vlan20 comment="managed-by=t;key=a"',
      '/ip/address/add address=10.60.0.1/24 interface=guest comment="managed-by=t;key=b"',
    ].join("\n");
    buildRouterOs("routeros/edge.rsc", script, NO_STEPS, b);
    expect(segmentOf(b, "vlan20")).toBe("vlan20");
    expect(b.veths.find((v) => v.a.name === "vlan20")?.a.mtu).toBe(9000);
    // A disabled VLAN interface carries nothing: its address stays off the VLAN.
    expect(segmentOf(b, "guest")).toBe("edge-guest");
    expect(b.notes).toEqual([
      "edge: /interface/vlan vlan20 (VLAN 20 on bridge) as its port on switch segment vlan20",
    ]);
  });

  test("an address on a VLAN's segment without its VLAN interface, on a trunk router, is plugged into no segment", () => {
    const b = new SiteBuilder("t");
    b.onSegment(["10.20.0.11/24"], "vlan20");
    const script = [
      HEAD,
      '/interface/vlan/add name=vlan30 vlan-id=30 interface=bridge comment="managed-by=t;key=vlan:bridge:30"',
      '/ip/address/add address=10.20.0.254/24 interface=vlan20 comment="managed-by=t;key=a"',
    ].join("\n");
    buildRouterOs("routeros/edge.rsc", script, NO_STEPS, b);
    expect(segmentOf(b, "vlan20")).toBe("edge-vlan20");
    expect(b.notes).toEqual([
      "edge: vlan20 holds 10.20.0.254/24 of switch segment vlan20 but is no /interface/vlan of the script (its VLAN interfaces ride on bridge); plugged into no segment",
    ]);
  });

  test("without VLAN interfaces of the script (no trunk), the manual step's VLAN still places it", () => {
    const b = new SiteBuilder("t");
    b.onSegment(["10.20.0.11/24"], "vlan20");
    const script = [HEAD, '/ip/address/add address=10.20.0.254/24 interface=vlan20 comment="x"'];
    const steps = { ...NO_STEPS, vlans: new Map([["edge/vlan20", 20]]) };
    buildRouterOs("routeros/edge.rsc", script.join("\n"), steps, b);
    expect(segmentOf(b, "vlan20")).toBe("vlan20");
    expect(b.notes).toEqual([
      "manual step applied: edge vlan20 carries VLAN 20 (inventory.md, Manual steps)",
    ]);
  });
});

let trunk: Promise<PreviewResult> | undefined;
const trunkPreview = () => {
  const text = readFileSync(join(ROOT, "test/fixtures/twin/trunk.yaml"), "utf8");
  trunk ??= previewConfig("trunk", parseStackFile(text, projectName()));
  return trunk;
};

/** The twin of the trunk fixture's preview after `edit`. */
const twin = (edit: (dir: string) => void) => twinOfEdited("trunk", trunkPreview(), edit);

const replace = replaceIn;

const SCRIPT = "routeros/edge.rsc";
const ADD20 = "/interface/vlan/add name=vlan20 vlan-id=20 interface=bridge comment=$c;";
const vlanNotes = (lines: string[]) => lines.filter((l) => / edge: .*vlan\d/.test(l));

/** Every check that rides on VLAN 20 between the edge and the lab cluster. */
const ON_VLAN20 = [
  ...["10.20.0.11", "10.20.0.12", "10.20.0.13"].flatMap((a) => [
    `bgp edge -> ${a}: session`,
    `bgp edge <- ${a}: learned`,
  ]),
  ...["11", "12", "13"].flatMap((n) => [
    `bgp edge -> fd8a:3c5e:1b20:1400::${n}: session`,
    `bgp edge <- fd8a:3c5e:1b20:1400::${n}: learned`,
  ]),
  ...["lab-cp1", "lab-cp2", "lab-cp3"].flatMap((n) => [
    `bgp ${n} -> 10.20.0.254: session (GoBGP for Cilium)`,
    `bgp ${n} -> fd8a:3c5e:1b20:1400::fffe: session (GoBGP for Cilium)`,
  ]),
  ...["lab-cp1", "lab-cp2", "lab-cp3"].flatMap((n) => [
    `ping ${n} -> 10.20.0.254 (edge vlan20)`,
    `ping ${n} -> fd8a:3c5e:1b20:1400::fffe (edge vlan20)`,
  ]),
  "vip 10.20.0.250 (lab-cp1): ping from edge",
  "policy rule=home-api: 192.168.30.2 -> 10.20.0.11 tcp 6443 (ep-home -> lab-cp1)",
  "policy default=lab: 10.20.0.11 -> 203.0.113.10 tcp 443 (lab-cp1 -> internet)",
  "policy default=home: 192.168.30.2 -> 10.20.0.11 tcp 443 (ep-home -> lab-cp1)",
  "policy default=internet: 203.0.113.10 -> 10.20.0.11 tcp 443 (internet -> lab-cp1)",
  "flow lab -> internet (1.1.1.1) udp/53",
  "flow lab -> internet (1.1.1.1) tcp/53",
  "flow lab -> internet (2606:4700:4700::1111) udp/53",
  "flow lab -> internet (2606:4700:4700::1111) tcp/53",
  "flow lab -> internet (time.cloudflare.com) udp/123",
  "flow lab -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443",
  "flow lab -> lab-cp1 (10.20.0.11) tcp/179",
  "flow lab -> edge (10.20.0.254) tcp/179",
  "flow lab -> lab-cp2 (10.20.0.12) tcp/179",
  "flow lab -> lab-cp3 (10.20.0.13) tcp/179",
  "flow lab -> lab-cp1 (fd8a:3c5e:1b20:1400::11) tcp/179",
  "flow lab -> edge (fd8a:3c5e:1b20:1400::fffe) tcp/179",
  "flow lab -> lab-cp2 (fd8a:3c5e:1b20:1400::12) tcp/179",
  "flow lab -> lab-cp3 (fd8a:3c5e:1b20:1400::13) tcp/179",
];

describe("a stack with routers[].trunk in the twin", () => {
  test("unedited: the VLAN interfaces are realised and every check passes", async () => {
    const r = await twin(() => undefined);
    expect(vlanNotes(r.lines)).toEqual([
      "  modelled: edge: /interface/vlan vlan20 (VLAN 20 on bridge) as its port on switch segment vlan20",
      "  modelled: edge: /interface/vlan vlan30 (VLAN 30 on bridge) as its port on switch segment vlan30",
    ]);
    expect(r.failLines).toEqual([]);
    expect(r.summary).toBe(
      "twin trunk: 48 passed, 0 failed; flows: 14 probed (0 failed), 2 skipped",
    );
    expect(r.code).toBe(0);
  }, 300_000);

  test("vlan20's vlan-id changed to 21 in the script: exactly the checks on VLAN 20 fail", async () => {
    const r = await twin((d) =>
      replace(join(d, SCRIPT), ADD20, ADD20.replace("vlan-id=20", "vlan-id=21")),
    );
    expect(vlanNotes(r.lines)[0]).toBe(
      "  modelled: edge: /interface/vlan vlan20 (VLAN 21 on bridge) as its port on switch segment vlan21",
    );
    expect(r.failed).toEqual(ON_VLAN20);
    expect(r.summary).toBe(
      "twin trunk: 5 passed, 43 failed; flows: 14 probed (14 failed), 2 skipped",
    );
    expect(r.code).toBe(1);
  }, 300_000);

  test("vlan20 removed from the script: its addresses reach nothing, the same checks fail", async () => {
    const r = await twin((d) => replace(join(d, SCRIPT), ADD20, ""));
    expect(vlanNotes(r.lines)[0]).toBe(
      "  modelled: edge: vlan20 holds 10.20.0.254/24, fd8a:3c5e:1b20:1400::fffe/64 of switch segment vlan20 but is no /interface/vlan of the script (its VLAN interfaces ride on bridge); plugged into no segment",
    );
    expect(r.failed).toEqual(ON_VLAN20);
    expect(r.code).toBe(1);
  }, 300_000);
});
