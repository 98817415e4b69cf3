// The mutable accumulator the site builders share: devices, bridges, links and routes as they are
// added, the switch that joins the hosts, and which L2 segment every placed address sits on (so a
// router or stand-in whose artifact names only an interface and an address can be plugged where
// that subnet is).
import { Address, Prefix } from "../../addressing/ip";
import {
  TwinBridge,
  TwinDevice,
  TwinFirewall,
  TwinFrr,
  TwinGobgp,
  TwinJumbo,
  TwinL2Answer,
  TwinExpectation,
  TwinFlow,
  TwinFlowSkip,
  TwinProbe,
  TwinRoute,
  TwinRule,
  TwinSite,
  TwinVeth,
  TwinVethEnd,
  TwinVxlan,
} from "./types";

/** The physical switch between hosts and routers: not in any artifact, so it is named so. */
export const SWITCH = "switch";
/** The switch passes frames up to this size on every port (a jumbo-capable switch is assumed). */
export const SWITCH_MTU = 9216;

const cidrPrefix = (cidr: string): Prefix => {
  const [a, l] = cidr.split("/");
  const addr = Address.from(a);
  return Prefix.containing(addr.family, addr.value, Number(l));
};

/** Collects a twin as the builders add to it; `site()` returns it. Names must be unique. */
/** Words `ip link` takes as keywords, never as a device name. */
const RESERVED = ["default", "all", "any", "dev", "up", "down", "type"];

export class SiteBuilder {
  readonly devices: TwinDevice[] = [];
  readonly bridges: (TwinBridge & { node: string })[] = [];
  readonly veths: TwinVeth[] = [];
  readonly vxlans: TwinVxlan[] = [];
  readonly loopbacks: { node: string; address: string }[] = [];
  readonly routes: TwinRoute[] = [];
  readonly rules: TwinRule[] = [];
  readonly frr: TwinFrr[] = [];
  readonly gobgp: TwinGobgp[] = [];
  readonly l2: TwinL2Answer[] = [];
  readonly jumbo: TwinJumbo[] = [];
  readonly firewalls: TwinFirewall[] = [];
  readonly probes: TwinProbe[] = [];
  readonly expectations: TwinExpectation[] = [];
  readonly flows: TwinFlow[] = [];
  readonly flowSkips: TwinFlowSkip[] = [];
  /** The policy's probes and expectations it does not send, with the reason. */
  readonly probeSkips: TwinFlowSkip[] = [];
  readonly notes: string[] = [];
  /** Subnets of placed addresses and the switch segment they reach. */
  private readonly subnets: { prefix: Prefix; segment: string }[] = [];
  private readonly internal = new Map<string, number>();

  constructor(readonly stack: string) {}

  device(d: TwinDevice): void {
    if (this.devices.some((x) => x.name === d.name)) {
      throw new Error(`two devices are named ${d.name} in the artifacts`);
    }
    this.devices.push(d);
  }

  has(name: string): boolean {
    return this.devices.some((d) => d.name === name);
  }

  bridge(node: string, b: TwinBridge): void {
    if (!this.bridges.some((x) => x.node === node && x.name === b.name)) {
      this.bridges.push({ node, ...b });
    }
  }

  hasBridge(node: string, name: string): boolean {
    return this.bridges.some((x) => x.node === node && x.name === name);
  }

  /** A segment of the switch (a bridge in its namespace), created on first use. */
  segment(wanted: string): string {
    // Linux link names hold 15 characters, and `ip` reads some words ("default") as keywords.
    const clean = wanted.replace(/[^A-Za-z0-9._-]/g, "-");
    const name = (RESERVED.includes(clean) ? `seg-${clean}` : clean).slice(0, 15);
    if (!this.has(SWITCH)) {
      this.device({
        name: SWITCH,
        kind: "switch",
        modelledBy: `the site's switch (not in the artifacts): a bridge per L2 segment, MTU ${SWITCH_MTU}`,
        sysctls: [],
      });
    }
    this.bridge(SWITCH, { name, mtu: SWITCH_MTU, addresses: [] });
    return name;
  }

  /** A port name inside a namespace that no artifact names (a bridge's side of a veth). */
  port(node: string): string {
    const n = (this.internal.get(node) ?? 0) + 1;
    this.internal.set(node, n);
    return `p${n}`;
  }

  /** Plugs `end` into a switch segment; records its addresses' subnets as on that segment. */
  toSwitch(end: Omit<TwinVethEnd, "master"> & { master?: string }, wanted: string): void {
    const segment = this.segment(wanted);
    this.veth(end, {
      node: SWITCH,
      name: this.port(SWITCH),
      mtu: SWITCH_MTU,
      master: segment,
      addresses: [],
    });
    this.onSegment(end.addresses, segment);
  }

  veth(a: TwinVethEnd, b: TwinVethEnd): void {
    this.veths.push({ a, b });
  }

  /** Records that these addresses' subnets are on a switch segment. */
  onSegment(addresses: readonly string[], segment: string): void {
    for (const a of addresses) {
      const prefix = cidrPrefix(a);
      if (prefix.length < prefix.bits) this.subnets.push({ prefix, segment });
    }
  }

  /** The switch segment that carries `cidr`'s subnet, if some placed address is on it. */
  segmentFor(cidr: string): string | undefined {
    const p = cidrPrefix(cidr);
    return this.subnets.find((s) => s.prefix.equals(p))?.segment;
  }

  note(line: string): void {
    if (!this.notes.includes(line)) this.notes.push(line);
  }

  site(): TwinSite {
    return {
      stack: this.stack,
      devices: this.devices,
      bridges: this.bridges,
      veths: this.veths,
      vxlans: this.vxlans,
      loopbacks: this.loopbacks,
      routes: this.routes,
      rules: this.rules,
      frr: this.frr,
      gobgp: this.gobgp,
      l2: this.l2,
      jumbo: this.jumbo,
      firewalls: this.firewalls,
      probes: this.probes,
      expectations: this.expectations,
      flows: this.flows,
      flowSkips: this.flowSkips,
      probeSkips: this.probeSkips,
      notes: this.notes,
    };
  }
}
