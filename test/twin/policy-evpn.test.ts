// A policy probe from an EVPN tenant address no device holds (field case 34 with a rule about the
// tenant's whole segment): the twin holds it on the tenant's VNet behind the anycast gateway and
// reaches the RouterOS edge through the exit nodes, and the router back through its return routes
// to them. Before, the build stopped: "policy probes from or to 10.60.0.1 (zone vnet60): mikrotik
// holds no IPv4 address on a segment whose prefix contains them to reach them through".
// Needs root, FRR, gobgpd and nftables.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  PreviewResult,
  previewConfig,
  projectName,
  ROOT,
  writePreview,
} from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { readPreviewFolder } from "../../twin/readback/folder";
import { buildTwin } from "../../twin/site/build";
import { replaceIn, twinOfEdited } from "./edited-twin";

const CASE = "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml";
/** Case 34, its nodes allowed to iot and the rest of the tenant's segment denied there. */
const RULES = [
  "      - { name: apps-to-iot, from: cluster:apps, to: iot, action: allow }",
  "      - { name: tenant-no-iot, from: vnet60, to: iot, action: deny }",
  "      - { name: mgmt-to-all, from: management, to: any, action: allow }",
].join("\n");

let preview: Promise<PreviewResult> | undefined;
const evpnPolicy = (): Promise<PreviewResult> => {
  const text = readFileSync(join(ROOT, CASE), "utf8");
  const last = "      - { name: mgmt-to-all, from: management, to: any, action: allow }";
  if (!text.includes(last)) throw new Error(`${CASE} has no ${last}`);
  preview ??= previewConfig("evpnpol", parseStackFile(text.replace(last, RULES), projectName()));
  return preview;
};

const TENANT = [
  "pass policy rule=apps-to-iot: 10.60.0.11 -> 192.168.30.2 tcp 443 (apps-cp1 -> ep-iot): expected a reply (the policy allows it); seen reached: connected",
  "pass policy rule=tenant-no-iot: 10.60.0.1 -> 192.168.30.2 tcp 443 (ep-vnet60 -> ep-iot): expected no reply (the policy denies it); seen no reply (no answer in 1500 ms)",
];

describe("policy probes from an EVPN tenant's segment, through the exit nodes to a RouterOS edge", () => {
  test("the plan is accepted, the twin builds and every check passes", async () => {
    expect((await evpnPolicy()).problems).toEqual([]);
    const r = await twinOfEdited("evpnpol", evpnPolicy());
    expect(r.failLines).toEqual([]);
    expect(r.lines).toContain(
      "  ep-vnet60: policy probe endpoint in zone vnet60 (VNet vnet60 on pve-a, behind its anycast gateway): addresses the policy probes use that no device of the artifacts holds",
    );
    expect(r.lines.filter((l) => /policy rule=(apps|tenant)/.test(l))).toEqual(TENANT);
    expect(r.lines).toContain(
      "pass evpn mikrotik -> 10.60.0.1 (ep-vnet60 on pve-a): ping via 192.168.50.11, 192.168.50.12: expected replies; seen replies",
    );
    expect(r.summary).toBe(
      "twin home: 89 passed, 0 failed; flows: 17 probed (0 failed), 0 skipped",
    );
    expect(r.code).toBe(0);
  }, 300_000);

  test("the router's drop for the tenant's segment made an accept: exactly its probe fails", async () => {
    const drop = 'action=drop src-address-list="evpnpol-z-vnet60" dst-address-list="evpnpol-z-iot"';
    const r = await twinOfEdited("evpnpol", evpnPolicy(), (d) =>
      replaceIn(
        join(d, "routeros/mikrotik.rsc"),
        drop,
        drop.replace("action=drop", "action=accept"),
      ),
    );
    expect(r.failed).toEqual([
      "policy rule=tenant-no-iot: 10.60.0.1 -> 192.168.30.2 tcp 443 (ep-vnet60 -> ep-iot)",
    ]);
    expect(r.code).toBe(1);
  }, 300_000);

  test("the router's return routes to the tenant removed: the probes that need them fail", async () => {
    const r = await twinOfEdited("evpnpol", evpnPolicy(), (d) => {
      for (const via of ["192.168.50.11", "192.168.50.12"])
        replaceIn(
          join(d, "routeros/mikrotik.rsc"),
          `/ip/route/add dst-address=10.60.0.0/24 gateway=${via} comment=$c;`,
          "",
        );
    });
    // Everything that needs the router to reach the tenant fails: its BGP sessions, the flows to
    // and from the tenant, and the policy probes answered from the tenant; the deny holds.
    expect(r.failed).toEqual([
      "bgp mikrotik -> 10.60.0.11: session",
      "bgp mikrotik <- 10.60.0.11: learned",
      "bgp mikrotik -> 10.60.0.12: session",
      "bgp mikrotik <- 10.60.0.12: learned",
      "bgp mikrotik -> 10.60.0.13: session",
      "bgp mikrotik <- 10.60.0.13: learned",
      "bgp mikrotik -> 10.60.0.21: session",
      "bgp mikrotik <- 10.60.0.21: learned",
      "bgp mikrotik -> 10.60.0.22: session",
      "bgp mikrotik <- 10.60.0.22: learned",
      "bgp apps-cp1 -> 192.168.50.1: session (GoBGP for Cilium)",
      "bgp apps-cp2 -> 192.168.50.1: session (GoBGP for Cilium)",
      "bgp apps-cp3 -> 192.168.50.1: session (GoBGP for Cilium)",
      "bgp apps-w1 -> 192.168.50.1: session (GoBGP for Cilium)",
      "bgp apps-w2 -> 192.168.50.1: session (GoBGP for Cilium)",
      "policy rule=iot-to-ha: 192.168.30.2 -> 192.168.60.10 tcp 8123 (ep-iot -> apps-cp1)",
      "policy rule=apps-to-iot: 10.60.0.11 -> 192.168.30.2 tcp 443 (apps-cp1 -> ep-iot)",
      "policy default=cameras: 192.168.40.2 -> 10.60.0.11 tcp 443 (ep-cameras -> apps-cp1)",
      "policy default=internet: 203.0.113.10 -> 10.60.0.11 tcp 443 (internet -> apps-cp1)",
      "flow vnet60 -> internet (1.1.1.1) udp/53",
      "flow vnet60 -> internet (1.1.1.1) tcp/53",
      "flow vnet60 -> internet (time.cloudflare.com) udp/123",
      "flow vnet60 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443",
      "flow management -> apps-cp1 (10.60.0.11) tcp/179",
      "flow vnet60 -> mikrotik (192.168.50.1) tcp/179",
      "flow management -> apps-cp2 (10.60.0.12) tcp/179",
      "flow management -> apps-cp3 (10.60.0.13) tcp/179",
      "flow management -> apps-w1 (10.60.0.21) tcp/179",
      "flow management -> apps-w2 (10.60.0.22) tcp/179",
    ]);
    expect(r.lines).toContain(
      "pass policy rule=tenant-no-iot: 10.60.0.1 -> 192.168.30.2 tcp 443 (ep-vnet60 -> ep-iot): expected no reply (the policy denies it); seen no reply (no answer in 1500 ms)",
    );
    expect(r.code).toBe(1);
  }, 300_000);
});

test("an EVPN zone without exit nodes (resources.json edited): the probe from the tenant's segment is skipped, saying why, and the twin still builds", async () => {
  const dir = mkdtempSync(join(tmpdir(), "twin-evpnpol-"));
  try {
    writePreview(await evpnPolicy(), dir);
    replaceIn(
      join(dir, "resources.json"),
      '"exitNodes": [\n        "pve-a",\n        "pve-b"\n      ]',
      '"exitNodes": []',
    );
    const { site } = buildTwin("evpnpol", readPreviewFolder(dir));
    expect(site.probeSkips).toEqual([
      {
        name: "policy rule=tenant-no-iot: 10.60.0.1 -> 192.168.30.2 tcp 443",
        why: "no namespace of the twin can hold 10.60.0.1: mikrotik holds no IPv4 address on a segment whose prefix contains them; EVPN zone vxevpn01 has no exit node to reach the rest of the site through",
      },
    ]);
    expect(site.probes.map((x) => x.tag)).not.toContain("rule=tenant-no-iot");
    expect(site.devices.map((d) => d.name)).not.toContain("ep-vnet60");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
