// Cross-config agreement, read from the artifacts alone: both ends of every BGP session configure
// each other (address, source, ASN, families, TTL and a route where the peer is off-link, BFD and
// BGP timers), every announced prefix exists at its announcer and passes the other end's import
// policy, L2 policies bind NICs the nodes have on a segment that carries the pool, every route's
// gateway is on-link, and every Talos node passes kube-controller-manager its node CIDR size.
// Each check names both sides; a check the artifacts cannot decide (an FRR node without a
// rendered network config) is reported as `unverified`, never as passed.
import { Address, Prefix } from "../../addressing/ip";
import { ArtifactMap, readArtifacts } from "./folder";
import { ObservedBfd, ObservedDevice, ObservedNeighbor } from "./types";

export type Verdict = "ok" | "fail" | "unverified";

export interface AgreementCheck {
  readonly name: string;
  readonly verdict: Verdict;
  /** What was expected and what was seen. */
  readonly detail: string;
}

/** kube-controller-manager: node CIDR mask minus cluster CIDR mask at most 16 (nodeipam). */
const MAX_NODE_CIDR_DIFF = 16;

const subnetOf = (a: { address: Address; length: number }) =>
  Prefix.containing(a.address.family, a.address.value, a.length);

const host = (a: { address: Address; length: number }) =>
  a.length === (a.address.family === 4 ? 32 : 128);

/** The device (other than `not`) whose artifacts hold `a` (shared VIPs excluded). */
function holder(devices: readonly ObservedDevice[], a: Address, not: ObservedDevice) {
  return devices.find((d) => d !== not && d.addresses.some((x) => !x.vip && x.address.equals(a)));
}

/** Whether `a` is on a subnet the device's artifacts give one of its interfaces. */
function onLink(d: ObservedDevice, a: Address): boolean | undefined {
  const subnets = d.addresses.filter((x) => !x.vip && !host(x));
  if (subnets.some((x) => subnetOf(x).contains(a))) return true;
  // An FRR machine without a rendered network config gets its NIC addresses from elsewhere.
  return d.kind === "frr" && subnets.length === 0 ? undefined : false;
}

/** The route the device's artifacts give it toward `a`: a static route holding it, or default. */
function routeTo(d: ObservedDevice, a: Address) {
  return d.routes.find((r) => !r.blackhole && r.dst.family === a.family && r.dst.contains(a));
}

function sessionChecks(devices: readonly ObservedDevice[]): AgreementCheck[] {
  const out: AgreementCheck[] = [];
  const add = (name: string, verdict: Verdict, detail: string) =>
    out.push({ name, verdict, detail });
  for (const a of devices) {
    for (const n of a.bgp?.neighbors ?? []) {
      const id = `session ${a.name} -> ${n.address}`;
      const b = holder(devices, n.address, a);
      if (!b) {
        add(
          `${id}: peer held`,
          "fail",
          `${a.name} peers ${n.address}, which no artifact puts on any device`,
        );
        continue;
      }
      if (!b.bgp) {
        add(
          `${id}: peer speaks BGP`,
          "fail",
          `${a.name} peers ${n.address}, which ${b.name} holds without configuring BGP`,
        );
        continue;
      }
      add(`${id}: peer held`, "ok", `${n.address} is ${b.name}'s`);
      const source = n.source;
      if (!source) {
        add(`${id}: source`, "fail", `${a.name} has no address facing ${n.address} to speak from`);
        continue;
      }
      const back = b.bgp.neighbors.find((m) => m.address.equals(source));
      const both = `${a.name} peers ${n.address} from ${source}; ${b.name} speaks from ${back?.source ?? "?"} and peers ${b.bgp.neighbors.map((m) => m.address).join(", ")}`;
      if (!back) {
        add(`${id}: both ends`, "fail", both);
        continue;
      }
      add(`${id}: both ends`, back.source?.equals(n.address) ? "ok" : "fail", both);
      add(
        `${id}: AS numbers`,
        n.asn === b.bgp.asn && back.asn === (a.bgp?.asn ?? -1) ? "ok" : "fail",
        `${a.name} (AS ${a.bgp?.asn}) expects AS ${n.asn}; ${b.name} (AS ${b.bgp.asn}) expects AS ${back.asn}`,
      );
      const fams = (x: ObservedNeighbor) => [...x.families].sort().join(",");
      add(
        `${id}: families`,
        fams(n) !== "" && fams(n) === fams(back) ? "ok" : "fail",
        `${a.name} activates IPv${fams(n) || "-"}; ${b.name} activates IPv${fams(back) || "-"}`,
      );
      ttl(out, id, a, n, source);
      bfdCheck(out, id, a, n, b, back);
      timersCheck(out, id, a, n, b, back);
      for (const p of n.announces) {
        anchored(out, id, a, p);
        add(
          `${id}: ${p} accepted`,
          back.accepts(p) ? "ok" : "fail",
          `${a.name} announces ${p}; ${b.name}'s import policy ${back.accepts(p) ? "accepts" : "rejects"} it`,
        );
      }
    }
  }
  return out;
}

const bfdText = (x: ObservedBfd | undefined): string =>
  x === undefined
    ? "no BFD"
    : "unusable" in x
      ? x.unusable
      : `BFD ${x.txMs}/${x.rxMs} ms x ${x.multiplier} (${x.from})`;

/**
 * Both ends run BFD with the same timers, or neither does (RFC 5880 section 6.8.4: each end
 * detects with the other's multiplier; equal timers make detection the same both ways). A
 * session with BFD at one end only gains nothing, and a RouterOS end with use-bfd=yes keeps its
 * session down while the other end runs no BFD.
 */
function bfdCheck(
  out: AgreementCheck[],
  id: string,
  a: ObservedDevice,
  n: ObservedNeighbor,
  b: ObservedDevice,
  back: ObservedNeighbor,
): void {
  const x = n.bfd;
  const y = back.bfd;
  const usable = (v: ObservedBfd | undefined) => v !== undefined && !("unusable" in v);
  const same =
    x === undefined && y === undefined
      ? true
      : usable(x) && usable(y)
        ? (["txMs", "rxMs", "multiplier"] as const).every(
            (k) => (x as Record<string, unknown>)[k] === (y as Record<string, unknown>)[k],
          )
        : false;
  out.push({
    name: `${id}: BFD`,
    verdict: same ? "ok" : "fail",
    detail: `${a.name} toward ${n.address}: ${bfdText(x)}; ${b.name} toward ${back.address}: ${bfdText(y)}`,
  });
}

/**
 * Where either end states BGP timers, both state the same keepalive and hold time (the session
 * would run the lower hold time anyway; equal values make both configs say what runs).
 */
function timersCheck(
  out: AgreementCheck[],
  id: string,
  a: ObservedDevice,
  n: ObservedNeighbor,
  b: ObservedDevice,
  back: ObservedNeighbor,
): void {
  if (!n.timers && !back.timers) return;
  const text = (t: ObservedNeighbor["timers"]) =>
    t ? `keepalive ${t.keepalive} s, hold ${t.hold} s` : "no timers (its defaults)";
  const same =
    n.timers?.keepalive === back.timers?.keepalive && n.timers?.hold === back.timers?.hold;
  out.push({
    name: `${id}: BGP timers`,
    verdict: same ? "ok" : "fail",
    detail: `${a.name} states ${text(n.timers)}; ${b.name} states ${text(back.timers)}`,
  });
}

/** An off-link end needs eBGP multihop and a route; a loopback source is never on-link. */
function ttl(
  out: AgreementCheck[],
  id: string,
  a: ObservedDevice,
  n: ObservedNeighbor,
  source: Address,
): void {
  const fromLoopback = a.addresses.some((x) => x.address.equals(source) && host(x));
  const link = fromLoopback ? false : onLink(a, n.address);
  if (link === undefined) {
    out.push({
      name: `${id}: TTL and route`,
      verdict: "unverified",
      detail: `${a.name}'s interfaces toward ${n.address} are in no rendered config`,
    });
    return;
  }
  if (link) {
    out.push({ name: `${id}: TTL and route`, verdict: "ok", detail: `${n.address} is on-link` });
    return;
  }
  const multihop = (n.multihop ?? 1) >= 2;
  const route = routeTo(a, n.address);
  // An FRR machine without a network config reaches its gateway on a NIC configured elsewhere.
  const verdict: Verdict = !multihop
    ? "fail"
    : route
      ? "ok"
      : a.kind === "frr"
        ? "unverified"
        : "fail";
  out.push({
    name: `${id}: TTL and route`,
    verdict,
    detail: `${n.address} is off-link from ${source}: TTL ${n.multihop ?? 1}, route ${route ? `${route.dst} via ${route.via ?? "the operator's next hop"}` : "none in the rendered config"}`,
  });
}

/** An announced prefix exists at its announcer (an address it holds, a route that anchors it). */
function anchored(out: AgreementCheck[], id: string, a: ObservedDevice, p: Prefix): void {
  if (a.bgp?.speaker === "cilium") return; // the pool is Cilium's own (LB IPAM)
  const held = a.addresses.some((x) => x.address.equals(p.first) && p.length === p.bits);
  const route = a.routes.some((r) => r.dst.equals(p));
  out.push({
    name: `${id}: ${p} anchored`,
    verdict: held || route ? "ok" : "fail",
    detail: held
      ? `${a.name} holds ${p.first}`
      : route
        ? `${a.name} routes ${p}`
        : `${a.name} announces ${p} but neither holds nor routes it`,
  });
}

/** L2 policies bind NICs the node has, on a segment that carries every pool block. */
function l2Checks(devices: readonly ObservedDevice[], files: ArtifactMap): AgreementCheck[] {
  const resources = JSON.parse(files.get("resources.json") ?? "[]") as {
    type: string;
    inputs: Record<string, unknown>;
  }[];
  const sdn = resources
    .filter((r) => r.type.endsWith(":Subnet") && r.type.includes("sdn"))
    .map((r) => ({ vnet: String(r.inputs.vnet), cidr: Prefix.from(String(r.inputs.cidr)) }));
  const bridges = new Map(
    resources
      .filter((r) => r.type.endsWith(":VmLegacy"))
      .map((r) => [
        String(r.inputs.name),
        ((r.inputs.networkDevices ?? []) as { bridge?: string }[]).map((d) => String(d.bridge)),
      ]),
  );
  return devices.flatMap((d) => {
    if (!d.l2) return [];
    return d.l2.interfaces.map((re) => {
      const rx = new RegExp(re);
      const nics = (d.nics ?? []).filter((n) => rx.test(n));
      const name = `l2 ${d.name}: ${re}`;
      if (nics.length !== 1) {
        return {
          name,
          verdict: "fail" as const,
          detail: `${re} matches ${nics.length} of ${d.name}'s NICs (${(d.nics ?? []).join(", ")})`,
        };
      }
      const i = (d.nics ?? []).indexOf(nics[0]);
      const onSegment = [
        ...d.addresses.filter((x) => x.iface === nics[0] && !x.vip).map(subnetOf),
        ...sdn.filter((s) => s.vnet === bridges.get(d.name)?.[i]).map((s) => s.cidr),
      ];
      const off = (d.l2?.blocks ?? []).filter((b) => !onSegment.some((p) => p.contains(b)));
      return {
        name,
        verdict: off.length === 0 ? ("ok" as const) : ("fail" as const),
        detail: `${nics[0]} is on ${onSegment.join(", ")}; pool blocks ${off.length === 0 ? "all there" : `off it: ${off.join(", ")}`}`,
      };
    });
  });
}

/** Every Talos node passes kube-controller-manager a node CIDR size per pod family. */
function kubernetesChecks(devices: readonly ObservedDevice[]): AgreementCheck[] {
  return devices.flatMap((d) => {
    const k = d.kubernetes;
    if (!k) return [];
    const cluster = {
      name: `cluster ${d.name}: Cilium routes its pods`,
      verdict: d.sources.some((s) => s.startsWith("k8s/")) ? ("ok" as const) : ("fail" as const),
      detail: `pod subnets ${k.podSubnets.join(", ")}`,
    };
    return [
      cluster,
      ...k.podSubnets.map((p) => {
        const size = k.nodeCidrMaskSize[p.family];
        const ok = size !== undefined && size > p.length && size - p.length <= MAX_NODE_CIDR_DIFF;
        return {
          name: `node cidr ${d.name}: IPv${p.family}`,
          verdict: ok ? ("ok" as const) : ("fail" as const),
          detail: `pods ${p}, node-cidr-mask-size-ipv${p.family} ${size ?? "not set"}`,
        };
      }),
    ];
  });
}

/** Every route an artifact gives a device points at a gateway on one of its own subnets. */
function routeChecks(devices: readonly ObservedDevice[]): AgreementCheck[] {
  return devices.flatMap((d) =>
    d.routes
      .filter((r) => r.via)
      .map((r) => {
        const link = onLink(d, r.via as Address);
        return {
          name: `route ${d.name}: ${r.dst}`,
          verdict: link ? ("ok" as const) : ("fail" as const),
          detail: `gateway ${r.via} ${link ? "is" : "is not"} on a subnet of ${d.name}`,
        };
      }),
  );
}

/** Every cross-config check of a preview's artifacts. Throws on an artifact it cannot read. */
export function checkAgreement(files: ArtifactMap): AgreementCheck[] {
  const devices = readArtifacts(files);
  return [
    ...sessionChecks(devices),
    ...l2Checks(devices, files),
    ...kubernetesChecks(devices),
    ...routeChecks(devices),
  ];
}
