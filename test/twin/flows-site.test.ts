// The site's own flows as the twin builds them from flows.json, before anything runs (no root
// needed): the internet namespace on each uplink with no route back into the site, one probe per
// distinct flow, the skips with their reasons, and flows.json read back strictly.
import { previewConfig, previewFiles, previewStack } from "../../preview/offline";
import { join } from "path";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";
import { readFlows } from "../../render/flows/document";
import { buildTwin } from "../../twin/site/build";
import { ispAddress } from "../../twin/site/flows";

async function filesOf(stack: string): Promise<Map<string, string>> {
  return new Map(previewFiles(await previewStack(stack)));
}

test("arc-hybrid: the internet sits on the router's four uplinks; only the policy's probe addresses route back, by source, over the first uplink (the policy's internet enters by it too)", async () => {
  const { site } = buildTwin("arc-hybrid", await filesOf("arc-hybrid"));
  expect(
    site.veths
      .filter((v) => v.b.node === "internet")
      .map(
        (v) =>
          `${v.a.node} ${v.a.name} ${v.a.addresses.join(",")} ~ ${v.b.name} ${v.b.addresses.join(",")}`,
      ),
  ).toEqual([
    "router-server wan1 192.0.2.1/30,2001:db8:fffe::1/64 ~ up0 192.0.2.2/30,2001:db8:fffe::2/64",
    "router-server wan2 192.0.2.5/30,2001:db8:fffe:1::1/64 ~ up1 192.0.2.6/30,2001:db8:fffe:1::2/64",
    "router-server wan3 192.0.2.9/30,2001:db8:fffe:2::1/64 ~ up2 192.0.2.10/30,2001:db8:fffe:2::2/64",
    "router-server wan4 192.0.2.13/30,2001:db8:fffe:3::1/64 ~ up3 192.0.2.14/30,2001:db8:fffe:3::2/64",
  ]);
  expect(site.routes.filter((r) => r.node === "internet")).toEqual([
    { node: "internet", dst: "default", via: "192.0.2.1", from: "203.0.113.10/32" },
  ]);
  expect(
    site.routes.filter((r) => r.node === "router-server" && r.dst === "203.0.113.10/32"),
  ).toEqual([{ node: "router-server", dst: "203.0.113.10/32", via: "192.0.2.2" }]);
  expect(site.routes.filter((r) => r.node === "router-server" && r.dst === "default")).toEqual([
    { node: "router-server", dst: "default", via: "192.0.2.2" },
    { node: "router-server", dst: "default", via: "2001:db8:fffe::2" },
  ]);
  expect(site.loopbacks.filter((l) => l.node === "internet").map((l) => l.address)).toEqual([
    "203.0.113.10/32",
    "1.1.1.1/32",
    "198.51.100.14/32",
    "198.51.100.1/32",
    "198.51.100.12/32",
    "198.51.100.16/32",
    "198.51.100.5/32",
  ]);
  expect(site.flows.length).toBe(27);
  // A declared connection to a machine (vms[].outbound) goes to the address the check took.
  expect(site.flows[0]).toEqual({
    name: "app -> loki tcp/3100",
    src: "10.10.30.10",
    dst: "10.10.40.30",
    protocol: "tcp",
    port: 3100,
    from: "reverse-proxy-app",
    to: "loki",
    about: "reverse-proxy-app for 1 machine",
  });
});

test("homelab: flows the plan leaves unverified at the EVPN anycast gateway are the twin's to probe, but no router has an uplink; a gateway no device holds is skipped saying so", async () => {
  const { site } = buildTwin("homelab", await filesOf("homelab"));
  expect(site.devices.some((d) => d.name === "internet")).toBe(false);
  expect(site.flows.map((f) => `${f.name} (${f.from} -> ${f.to})`)).toEqual([
    "vnet101 -> k101 (10.101.0.250) tcp/6443 (k101wk21 -> k101cp11)",
  ]);
  const noUplink =
    "no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe";
  expect(site.flowSkips.map((x) => `${x.name}: ${x.why}`)).toEqual([
    `vnet101 -> internet (1.1.1.1) udp/53: ${noUplink}`,
    `vnet101 -> internet (1.1.1.1) tcp/53: ${noUplink}`,
    `vnet101 -> internet (2606:4700:4700::1111) udp/53: ${noUplink}`,
    `vnet101 -> internet (2606:4700:4700::1111) tcp/53: ${noUplink}`,
    `vnet101 -> internet (time.cloudflare.com) udp/123: ${noUplink}`,
    `vnet101 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443: ${noUplink}`,
    "management -> internet (2.debian.pool.ntp.org) udp/123: the plan's check leaves it unverified (pve01's gateway 10.10.0.254 is held by no device of the plan), and the twin models no more of its path than the plan",
    "management -> internet (factory.talos.dev) tcp/443: the plan's check leaves it unverified (pve01's gateway 10.10.0.254 is held by no device of the plan), and the twin models no more of its path than the plan",
  ]);
});

describe("case 34: the flows the plan leaves unverified at the EVPN anycast gateway", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const files = async (edit: (raw: any) => void = () => undefined) => {
    const raw = JSON.parse(
      JSON.stringify(
        fileRaw(join(ROOT, "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml")),
      ),
    );
    edit(raw);
    return new Map(previewFiles(await previewConfig("case34", stackConfigOf(raw), "homelab")));
  };

  test("are probed through the zone's exit nodes in IPv4; with an IPv6 way out, IPv6 is skipped, naming what the twin lacks", async () => {
    const { site } = buildTwin("case34", await files());
    const via =
      "unverified by the plan at the EVPN anycast gateway 10.60.0.254, on through the zone's VRF (routing table 10000) to its exit nodes in the twin";
    expect(
      site.flows.filter((f) => f.about.includes("anycast")).map((f) => `${f.name}: ${f.about}`),
    ).toEqual([
      `vnet60 -> internet (1.1.1.1) udp/53: apps-cp1 for 5 machines; ${via}`,
      `vnet60 -> internet (1.1.1.1) tcp/53: apps-cp1 for 5 machines; ${via}`,
      `vnet60 -> internet (time.cloudflare.com) udp/123: apps-cp1 for 5 machines, time.cloudflare.com as 198.51.100.13; ${via}`,
      `vnet60 -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443: apps-cp1 for 5 machines, factory.talos.dev as 198.51.100.7; ${via}`,
      `management -> apps-cp1 (10.60.0.11) tcp/179: mikrotik for 1 machine; ${via}`,
      `vnet60 -> mikrotik (192.168.50.1) tcp/179: apps-cp1 for 5 machines; ${via}`,
      `management -> apps-cp2 (10.60.0.12) tcp/179: mikrotik for 1 machine; ${via}`,
      `management -> apps-cp3 (10.60.0.13) tcp/179: mikrotik for 1 machine; ${via}`,
      `management -> apps-w1 (10.60.0.21) tcp/179: mikrotik for 1 machine; ${via}`,
      `management -> apps-w2 (10.60.0.22) tcp/179: mikrotik for 1 machine; ${via}`,
    ]);
    expect(site.flows.length).toBe(17);
    // The hosts have no IPv6 gateway: the IPv6 resolver is not handed to the nodes
    // (topology/egress.ts reachableResolvers), so no IPv6 flow of the tenant is left to skip.
    expect(site.flowSkips).toEqual([]);
    // With an IPv6 hosts' gateway on the router and NAT66 on its uplink the IPv6 resolver is
    // handed out again, and the twin skips its flows, naming what it lacks.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const v6 = await files((raw: any) => {
      raw.global.management.ipv6 = "fd4e:2a91:7d50::/64";
      raw.hostNetwork.gateway.ipv6 = "fd4e:2a91:7d50::1";
      raw.routers[0].addresses.push({ interface: "bridge", address: "fd4e:2a91:7d50::1/64" });
      raw.routers[0].uplink.ipv6 = { mode: "masquerade" };
    });
    const why =
      "the plan's check leaves it unverified (apps-cp1's gateway fd4e:2a91:7c00:3c00::fffe is an EVPN anycast gateway; the zone's way on is not modelled), and the twin routes the zone's VRF over the underlay natively and the exit nodes have no IPv6 underlay loopback, so pve-c has no IPv6 way to them in the twin (real EVPN carries IPv6 over the VTEPs of the other family)";
    const built = buildTwin("case34", v6).site;
    expect(built.flowSkips.map((x) => `${x.name}: ${x.why}`)).toEqual([
      `vnet60 -> internet (2606:4700:4700::1111) udp/53: ${why}`,
      `vnet60 -> internet (2606:4700:4700::1111) tcp/53: ${why}`,
    ]);
    // The router's pings back into the zone in IPv6 from a node whose host is no exit node have
    // no way back in the twin either: skipped with the reason, not sent (new-user trial 3, 12).
    expect(built.probeSkips.map((x) => `${x.name}: ${x.why}`)).toEqual([
      "evpn mikrotik -> fd4e:2a91:7c00:3c00::13 (apps-cp3 on pve-c): ping via fd4e:2a91:7d50::11, fd4e:2a91:7d50::12: the twin routes the zone's VRF over the underlay natively and the exit nodes have no IPv6 underlay loopback, so pve-c has no IPv6 way back to them in the twin (real EVPN carries IPv6 over the VTEPs of the other family)",
    ]);
  });

  test("flows.json names the gateway; without it the twin skips them as before", async () => {
    const f = await files();
    const doc = JSON.parse(f.get("flows.json") as string);
    const gws = doc.flows.map((x: { anycastGateway?: string }) => x.anycastGateway);
    expect(gws.filter((g: unknown) => g === "10.60.0.254").length).toBe(30);
    // The tenant's IPv6 reaches nothing outside the site: no IPv6 resolver flow of its nodes.
    expect(gws.filter((g: unknown) => g === "fd4e:2a91:7c00:3c00::fffe").length).toBe(0);
    // Every unverified flow of case 34 is so at the anycast gateway alone: 30 of 44.
    expect(doc.flows.filter((x: { verdict: string }) => x.verdict === "unverified").length).toBe(
      30,
    );
    for (const x of doc.flows) delete x.anycastGateway;
    f.set("flows.json", JSON.stringify(doc));
    const { site } = buildTwin("case34", f);
    expect([site.flows.length, site.flowSkips.length]).toEqual([7, 10]);
    doc.flows[0].anycastGateway = "10.60.0.0254";
    expect(() => readFlows(JSON.stringify(doc))).toThrow(
      'flows.json: flows[0].anycastGateway is not an address: "10.60.0.0254"',
    );
  });
});

test("flows.json read back: an edited entry fails the twin naming it", async () => {
  const text = (await filesOf("example")).get("flows.json") as string;
  const doc = JSON.parse(text);
  expect(readFlows(text).flows.length).toBe(34);
  doc.flows[3].port = 70000;
  expect(() => readFlows(JSON.stringify(doc))).toThrow(
    "flows.json: flows[3].port is not a port: 70000",
  );
  doc.flows[3].port = 53;
  doc.flows[4].src = "10.20.0.011";
  expect(() => readFlows(JSON.stringify(doc))).toThrow(
    'flows.json: flows[4].src is not an address: "10.20.0.011"',
  );
  delete doc.uplinks;
  expect(() => readFlows(JSON.stringify(doc))).toThrow("flows.json: no uplinks or flows list");
});

test("ms01: its way out is a router the stack does not configure (no uplink), so internet flows are skipped saying so", async () => {
  const { site } = buildTwin("ms01", await filesOf("ms01"));
  expect(site.flows.map((f) => `${f.name} (${f.from} -> ${f.to})`)).toEqual([
    "workload -> udm-pro (10.0.1.1) udp/53 (talos-k8s-01 -> udm-pro)",
    "workload -> udm-pro (10.0.1.1) tcp/53 (talos-k8s-01 -> udm-pro)",
  ]);
  expect(site.flowSkips.map((x) => `${x.name}: ${x.why}`)).toEqual([
    "workload -> internet (1.1.1.1) udp/53: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "workload -> internet (1.1.1.1) tcp/53: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "workload -> internet (8.8.8.8) udp/53: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "workload -> internet (8.8.8.8) tcp/53: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "workload -> internet (time.cloudflare.com) udp/123: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "workload -> internet (factory.talos.dev, gcr.io, ghcr.io, quay.io, registry.k8s.io) tcp/443: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "management -> internet (2.debian.pool.ntp.org) udp/123: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
    "management -> internet (factory.talos.dev) tcp/443: no router of the stack has an uplink (routers[].uplink), so the twin has no way out to probe",
  ]);
});

test("an uplink interface holding the router's own WAN address: the internet joins that subnet as the ISP's box (M9)", async () => {
  const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
  raw.routers[0].addresses = [{ interface: "ether1", address: "192.168.178.2/24" }];
  const files = new Map(previewFiles(await previewConfig("sol", stackConfigOf(raw), "homelab")));
  const { site } = buildTwin("sol", files);
  expect(site.notes.filter((n) => n.includes("ether1"))).toEqual([
    "flows: edge ether1 holds 192.168.178.2/24; the internet joins its link at 192.168.178.1/24, standing for the ISP's box",
  ]);
  expect(
    site.veths
      .filter((v) => v.a.node === "internet")
      .map((v) => `${v.a.name} ${v.a.addresses.join(",")} ~ ${v.b.node} ${v.b.master}`),
  ).toEqual(["up0 192.168.178.1/24 ~ switch edge-ether1"]);
  expect(site.routes.filter((r) => r.node === "edge" && r.dst === "default")).toEqual([
    { node: "edge", dst: "default", via: "192.168.178.1" },
  ]);
  // sol's nodes reach the internet over IPv6 only; the link to the ISP's box carries IPv4 only.
  const why =
    "the twin's internet joins edge ether1 (192.168.178.2/24) in the router's own subnet, which has no IPv6 address, so the twin has no IPv6 way out to probe";
  expect(
    site.flowSkips
      .filter((x) => x.name.startsWith("sol -> internet"))
      .map((x) => `${x.name}: ${x.why}`),
  ).toEqual([
    `sol -> internet (2606:4700:4700::1111) udp/53: ${why}`,
    `sol -> internet (2606:4700:4700::1111) tcp/53: ${why}`,
    `sol -> internet (0.debian.pool.ntp.org, 1.debian.pool.ntp.org, 2.debian.pool.ntp.org, 3.debian.pool.ntp.org) udp/123: ${why}`,
    `sol -> internet (deb.debian.org, security.debian.org) tcp/80: ${why}`,
    `sol -> internet (deb.debian.org, security.debian.org) tcp/443: ${why}`,
  ]);
});

test("the ISP box's stand-in: the first free address of the router's uplink subnet", () => {
  expect(ispAddress("192.168.178.2/24", new Set())).toBe("192.168.178.1/24");
  expect(ispAddress("192.168.178.1/24", new Set())).toBe("192.168.178.2/24");
  expect(ispAddress("192.168.178.1/24", new Set(["192.168.178.2"]))).toBe("192.168.178.3/24");
  expect(ispAddress("2001:db8:1::2/64", new Set())).toBe("2001:db8:1::1/64");
  expect(ispAddress("192.0.2.1/31", new Set())).toBeUndefined();
  expect(ispAddress("192.0.2.1/30", new Set(["192.0.2.2"]))).toBeUndefined();
});
