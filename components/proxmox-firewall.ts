// The policy on the Proxmox hosts' own firewall, where the router in front of them is not ours:
// the datacenter firewall on (input policy ACCEPT: the hosts drop exactly what the policy denies,
// nothing else), the policy's address sets as cluster IP sets, and each host's rules in order.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";
import { PveFirewall } from "../render/proxmox/firewall";

/** The firewall to provision. */
export interface ProxmoxFirewallArgs {
  /** The rendered firewall (render/proxmox/firewall.ts). */
  readonly firewall: PveFirewall;
}

/** Datacenter options the component sets: enabled, and no policy of its own beyond the rules. */
export const CLUSTER_FIREWALL_OPTIONS = {
  enabled: true,
  inputPolicy: "ACCEPT",
  outputPolicy: "ACCEPT",
} as const;

/** Throws when an IP set is defined twice or a rule names one the firewall does not define. */
export function checkFirewall(name: string, fw: PveFirewall): void {
  const names = new Set<string>();
  for (const s of fw.ipsets) {
    if (names.has(s.name)) throw new Error(`ProxmoxFirewall ${name}: IP set ${s.name} twice`);
    names.add(s.name);
  }
  for (const h of fw.hosts) {
    for (const r of h.rules) {
      if (r.source && !names.has(r.source.slice(1))) {
        throw new Error(`ProxmoxFirewall ${name}: ${h.node} uses unknown IP set ${r.source}`);
      }
    }
  }
}

/**
 * The datacenter options, one IP set per address set, and per host its firewall options and
 * rules (after the IP sets they name). Throws before any child exists when a rule names an IP set
 * the firewall does not define, or an IP set is defined twice.
 */
export class ProxmoxFirewall extends pulumi.ComponentResource {
  constructor(name: string, args: ProxmoxFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    checkFirewall(name, args.firewall);
    super("homelab:proxmox:ProxmoxFirewall", name, {}, opts);
    const fw = args.firewall;
    const cluster = new proxmoxve.cluster.FirewallLegacy(
      `${name}-cluster`,
      { ...CLUSTER_FIREWALL_OPTIONS },
      { parent: this },
    );
    const ipsets = fw.ipsets.map(
      (s) =>
        new proxmoxve.firewall.IpsetLegacy(
          `${name}-ipset-${s.name}`,
          { name: s.name, comment: s.comment, cidrs: s.cidrs.map((c) => ({ ...c })) },
          { parent: this },
        ),
    );
    for (const h of fw.hosts) {
      const node = new proxmoxve.node.Firewall(
        `${name}-node-${h.node}`,
        { nodeName: h.node, enabled: true },
        { parent: this, dependsOn: [cluster] },
      );
      new proxmoxve.firewall.RulesLegacy(
        `${name}-rules-${h.node}`,
        { nodeName: h.node, rules: h.rules.map((r) => ({ ...r })) },
        { parent: this, dependsOn: [cluster, node, ...ipsets] },
      );
    }
    this.registerOutputs({});
  }
}
