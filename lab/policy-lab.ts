// The policy's packet probes in network namespaces: one router namespace that loads a rendered
// nftables ruleset (a Linux router's, or the stand-in for a router this stack does not
// configure), one namespace per Proxmox host that loads its rendered firewall through the
// Proxmox model (pve-firewall.ts), and one endpoint namespace per zone holding every other probe
// address. Each zone is a bridge (this kernel has no vlan links); the internet is a namespace
// behind the router's `wan` link. Probes run in parallel from their source namespaces.
import { ChildProcess } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { Address } from "../addressing/ip";
import { zoneOf } from "../topology/policy-eval";
import { Policy, Probe } from "../topology/policy-types";
import { Device, Topology } from "../topology/types";
import { NetnsLab } from "../twin/netns/netns";
import { pveFirewallToNft } from "../twin/policy/pve-firewall";
import { WAN } from "../twin/site/policy";
import { AgentResult } from "../twin/policy/probe-agent";
import { PlacedProbe, sendProbes, startProbeServers } from "../twin/policy/probe-run";

/** What the lab is built from: the policy and its topology, and the rendered rulesets. */
export interface PolicyLabInput {
  readonly topology: Topology;
  /** The router's nftables ruleset (preview artifact, or the stand-in's rendering). */
  readonly router: { readonly name: string; readonly nft: string };
  /** Proxmox hosts with their rendered firewall files (preview artifacts). */
  readonly hosts: readonly { readonly name: string; readonly fw: string }[];
  /** proxmox-firewall/cluster.fw, when there are hosts. */
  readonly clusterFw?: string;
}

/** A probe and what it saw. */
export interface ProbeOutcome {
  readonly probe: Probe;
  readonly outcome: AgentResult["outcome"];
  readonly detail: string;
  /** The outcome is the one the policy expects. */
  readonly pass: boolean;
}

/**
 * The namespaces of one site's policy probes: create() builds them and starts the probe servers,
 * probe() sends probes, loadRouter()/loadHostFirewall() swap a ruleset, destroy() removes it all
 * (also when the test process dies: NetnsLab's watchdog).
 */
export class PolicyLab {
  private readonly lab = NetnsLab.create();
  private readonly policy: Policy;
  /** Namespace (lab node) that holds each probe address. */
  private readonly holder = new Map<string, string>();
  private readonly servers: ChildProcess[] = [];
  private readonly hostNodes = new Map<string, string>();

  private constructor(private readonly input: PolicyLabInput) {
    const p = input.topology.policy;
    if (!p) throw new Error("the site has no policy");
    this.policy = p;
  }

  /** Builds the namespaces, loads the rulesets and starts the servers the probes need. */
  static async create(input: PolicyLabInput, probes: readonly Probe[]): Promise<PolicyLab> {
    const lab = new PolicyLab(input);
    try {
      await lab.build(probes);
    } catch (e) {
      lab.destroy();
      throw e;
    }
    return lab;
  }

  private device(name: string): Device {
    const d = this.input.topology.devices.find((x) => x.name === name);
    if (!d) throw new Error(`no device ${name} in the topology`);
    return d;
  }

  private async build(probes: readonly Probe[]): Promise<void> {
    const p = this.policy;
    const lab = this.lab;
    const router = this.device(this.input.router.name);
    lab.addNode("rt");
    const zones = p.zones.filter((z) => z.name !== "internet");
    const gateways = new Map<string, { address: Address; length: number }[]>();
    zones.forEach((z, i) => {
      const held = router.interfaces
        .flatMap((x) => x.addresses)
        .filter((h) => z.set.has(h.address));
      if (held.length === 0) throw new Error(`router ${router.name} holds no address in ${z.name}`);
      gateways.set(z.name, held);
      lab.addSegment(`s${i}`);
      lab.connect("rt", `z${i}`, `s${i}`);
      for (const h of held) lab.addAddress("rt", `z${i}`, `${h.address}/${h.length}`);
    });
    lab.addSegment("swan");
    lab.addNode("inet");
    lab.connect("rt", "wan", "swan");
    lab.connect("inet", "eth0", "swan");
    for (const f of [4, 6] as const) {
      const w = WAN[f];
      if (p.site.has(Address.from(w.router))) throw new Error(`${w.router} is in the site`);
      lab.addAddress("rt", "wan", `${w.router}/${w.length}`);
      lab.addAddress("inet", "eth0", `${w.internet}/${w.length}`);
      lab.exec("rt", "ip", [`-${f}`, "route", "add", "default", "via", w.internet]);
      lab.exec("inet", "ip", [`-${f}`, "route", "add", "default", "via", w.router]);
    }

    // Proxmox hosts: a namespace each, on every zone they hold an address in.
    for (const h of this.input.hosts) {
      const node = `h${this.hostNodes.size}`;
      this.hostNodes.set(h.name, node);
      lab.addNode(node);
      const held = this.device(h.name).interfaces.flatMap((x) => x.addresses);
      let routed = false;
      zones.forEach((z, i) => {
        const mine = held.filter((a) => z.set.has(a.address));
        if (mine.length === 0) return;
        lab.connect(node, `z${i}`, `s${i}`);
        for (const a of mine) {
          lab.addAddress(node, `z${i}`, `${a.address}/${a.length}`);
          this.holder.set(a.address.toString(), node);
        }
        for (const g of gateways.get(z.name) ?? []) {
          if (routed) continue;
          lab.exec(node, "ip", [
            `-${g.address.family}`,
            "route",
            "add",
            "default",
            "via",
            `${g.address}`,
          ]);
          routed = true;
        }
      });
      this.loadHostFirewall(h.name, h.fw);
    }

    // Endpoints: every other probe address, in its zone's namespace (the internet's behind wan).
    const addresses = new Set(
      probes.flatMap((x) => [x.flow.src.toString(), x.flow.dst.toString()]),
    );
    zones.forEach((z, i) => {
      const mine = [...addresses]
        .map(Address.from)
        .filter((a) => z.set.has(a) && !this.holder.has(a.toString()));
      if (mine.length === 0) return;
      const node = `e${i}`;
      lab.addNode(node);
      lab.connect(node, "eth0", `s${i}`);
      const gw = gateways.get(z.name) ?? [];
      for (const a of mine) {
        const on = gw.find((g) => g.address.family === a.family);
        if (!on) throw new Error(`no IPv${a.family} gateway in zone ${z.name} for ${a}`);
        lab.addAddress(node, "eth0", `${a}/${on.length}`);
        this.holder.set(a.toString(), node);
      }
      for (const g of gw)
        lab.exec(node, "ip", [
          `-${g.address.family}`,
          "route",
          "add",
          "default",
          "via",
          `${g.address}`,
        ]);
    });
    for (const a of [...addresses].map(Address.from)) {
      if (this.holder.has(a.toString())) continue;
      if (zoneOf(p, a)?.name !== "internet") throw new Error(`probe address ${a} has no namespace`);
      lab.addAddress("inet", "eth0", `${a}/${a.family === 4 ? 32 : 128}`);
      this.holder.set(a.toString(), "inet");
    }

    this.loadRouter(this.input.router.nft);
    await this.startServers(probes);
  }

  private nft(node: string, text: string, file: string): void {
    const path = join(this.lab.dir, file);
    writeFileSync(path, text);
    this.lab.exec(node, "nft", ["-f", path]);
  }

  /** Loads (or replaces) the router's ruleset. */
  loadRouter(text: string): void {
    this.nft("rt", text, "router.nft");
  }

  /** Loads (or replaces) a host's firewall, through the Proxmox model. */
  loadHostFirewall(host: string, fw: string): void {
    const node = this.hostNodes.get(host);
    if (!node || this.input.clusterFw === undefined) throw new Error(`no Proxmox host ${host}`);
    this.nft(node, pveFirewallToNft(this.input.clusterFw, fw), `${node}.nft`);
  }

  /** The probes with the namespaces that hold their ends. */
  private placed(probes: readonly Probe[]): PlacedProbe[] {
    return probes.map((x) => {
      const from = this.holder.get(x.flow.src.toString());
      const to = this.holder.get(x.flow.dst.toString());
      if (!from || !to) throw new Error(`probe ${x.tag} has no namespace`);
      return {
        from,
        to,
        src: x.flow.src.toString(),
        dst: x.flow.dst.toString(),
        protocol: x.flow.protocol,
        ...(x.flow.port !== undefined ? { port: x.flow.port } : {}),
      };
    });
  }

  private async startServers(probes: readonly Probe[]): Promise<void> {
    this.servers.push(...(await startProbeServers(this.lab, this.placed(probes))));
  }

  /** Sends the probes (in parallel per source namespace) and compares with the policy. */
  async probe(probes: readonly Probe[], timeoutMs = 1500): Promise<ProbeOutcome[]> {
    const results = await sendProbes(this.lab, this.placed(probes), timeoutMs);
    return probes.map((probe, id) => {
      const r = results[id];
      const want = probe.expect === "allow" ? "reached" : "blocked";
      return { probe, outcome: r.outcome, detail: r.detail, pass: r.outcome === want };
    });
  }

  /** Namespaces of this lab that exist (for the cleanup test). */
  namespaces(): string[] {
    return this.lab.existing();
  }

  destroy(): void {
    for (const s of this.servers) if (s.exitCode === null) s.kill();
    this.lab.destroy();
  }
}
