// The policy on the Proxmox hosts, where the router in front of them is not configured by this
// stack (seed 002's UniFi gateway): each host's own firewall drops what the policy denies to its
// addresses. Cluster-wide IP sets (one per address set, `nomatch` entries for "everything but"),
// one rule list per host in the policy's order, and the same as Proxmox's own `.fw` file text,
// which the preview writes and the packet probes load.
import { Family, Prefix } from "../../addressing/ip";
import { FilterLine, filterLines } from "../../topology/policy-lines";
import { Policy } from "../../topology/policy-types";
import { lineHints, SetNames, sideSet } from "../policy/names";

/** A cluster IP set (Datacenter > Firewall > IPSet). */
export interface PveIpSet {
  readonly name: string;
  readonly comment: string;
  /** `nomatch`: excluded from the set (written `!cidr` in the .fw file). */
  readonly cidrs: readonly { readonly name: string; readonly nomatch: boolean }[];
}

/** One rule of a host's firewall (Node > Firewall), as the provider takes it. */
export interface PveRule {
  readonly type: "in";
  readonly action: "ACCEPT" | "DROP";
  /** `+ipset`, or absent for any source. */
  readonly source?: string;
  /** The host's own addresses, comma-separated, one family. */
  readonly dest: string;
  readonly proto?: "tcp" | "udp" | "icmp" | "ipv6-icmp";
  /** `22,443` or `5404:5412`. */
  readonly dport?: string;
  readonly log: "warning" | "nolog";
  readonly comment: string;
}

/** One host's firewall rules, in order (Node > Firewall). */
export interface PveHostFirewall {
  readonly node: string;
  readonly rules: readonly PveRule[];
}

/** The hosts' firewall: the cluster IP sets and each host's rules. */
export interface PveFirewall {
  readonly ipsets: readonly PveIpSet[];
  readonly hosts: readonly PveHostFirewall[];
}

/**
 * Every address of a family as IP set entries: the two halves, since pve-firewall refuses a zero
 * prefix in an IP set ("a zero prefix is not allowed in ipset entries", PVE/API2/Firewall/IPSet.pm
 * and PVE/Firewall.pm since 2016).
 */
export const WHOLE: Record<Family, readonly string[]> = {
  4: ["0.0.0.0/1", "128.0.0.0/1"],
  6: ["::/1", "8000::/1"],
};

/** Prefixes as IP set entries (`10.0.0.0/8`), a zero-length prefix split into its halves. */
export function ipsetCidrs(prefixes: readonly Prefix[]): string[] {
  return prefixes.flatMap((x) => (x.length === 0 ? [...WHOLE[x.family]] : [String(x)]));
}

function proto(l: FilterLine): PveRule["proto"] {
  if (l.protocol === "any") return undefined;
  if (l.protocol === "icmp") return l.family === 4 ? "icmp" : "ipv6-icmp";
  return l.protocol;
}

/**
 * The firewall of every Proxmox host that enforces the policy; undefined when none does (the
 * site's routers are configured by this stack, and they enforce it).
 */
export function proxmoxFirewall(p: Policy): PveFirewall | undefined {
  const points = p.points.filter((x) => x.kind === "proxmox");
  if (points.length === 0) return undefined;
  const ipsets = new Map<string, PveIpSet>();
  // IP sets are cluster-wide: one naming for every host, so equal sets share one IP set.
  const sets = new SetNames(p, {
    format: (hint: string, f: Family) =>
      `hl-${hint.replace(/[^A-Za-z0-9-]/g, "-")}${f === 6 ? "-6" : ""}`,
    maxLength: 24,
  });
  const hosts = points.map((point): PveHostFirewall => {
    const rules = filterLines(p, point).map((l): PveRule => {
      const [srcHint] = lineHints(p, l);
      const m = sideSet(l.family, l.src);
      let source: string | undefined;
      if (m) {
        const name = sets.name(srcHint, l.family, l.src);
        source = `+${name}`;
        if (!ipsets.has(name)) {
          const cidrs = m.negate
            ? [
                ...WHOLE[l.family].map((name) => ({ name, nomatch: false })),
                ...ipsetCidrs(m.set.prefixes(l.family)).map((name) => ({ name, nomatch: true })),
              ]
            : ipsetCidrs(m.set.prefixes(l.family)).map((name) => ({ name, nomatch: false }));
          ipsets.set(name, { name, comment: "homelab-netcode policy", cidrs });
        }
      }
      const pr = proto(l);
      return {
        type: "in",
        action: l.action === "allow" ? "ACCEPT" : "DROP",
        ...(source ? { source } : {}),
        dest: l.dst
          .prefixes(l.family)
          .map((x) => (x.length === x.bits ? String(x.first) : String(x)))
          .join(","),
        ...(pr ? { proto: pr } : {}),
        ...(l.ports.length > 0
          ? {
              dport: l.ports
                .map((x) => (x.from === x.to ? String(x.from) : `${x.from}:${x.to}`))
                .join(","),
            }
          : {}),
        log: l.log ? "warning" : "nolog",
        comment: `homelab:${l.tag}`,
      };
    });
    return { node: point.device, rules };
  });
  return { ipsets: [...ipsets.values()], hosts };
}

/** A rule as a line of a Proxmox `.fw` file. */
export function fwRuleLine(r: {
  type?: string;
  action?: string;
  source?: string;
  dest?: string;
  proto?: string;
  dport?: string;
  log?: string;
  comment?: string;
}): string {
  const parts = [(r.type ?? "in").toUpperCase(), r.action ?? "ACCEPT"];
  if (r.source) parts.push("-source", r.source);
  if (r.dest) parts.push("-dest", r.dest);
  if (r.proto) parts.push("-p", r.proto);
  if (r.dport) parts.push("-dport", r.dport);
  if (r.log) parts.push("-log", r.log);
  return `${parts.join(" ")}${r.comment ? ` # ${r.comment}` : ""}`;
}

/** The cluster's `.fw` text: its options and IP sets. */
export function clusterFwText(
  options: Record<string, string>,
  ipsets: readonly PveIpSet[],
): string {
  return [
    "# Proxmox VE cluster firewall (/etc/pve/firewall/cluster.fw), from the recorded inputs of",
    "# this stack's firewall resources. Generated by homelab-netcode; do not edit.",
    "[OPTIONS]",
    ...Object.entries(options).map(([k, v]) => `${k}: ${v}`),
    ...ipsets.flatMap((s) => [
      "",
      `[IPSET ${s.name}] # ${s.comment}`,
      ...s.cidrs.map((c) => `${c.nomatch ? "!" : ""}${c.name}`),
    ]),
    "",
  ].join("\n");
}

/** A host's `.fw` text: its rules, in order. */
export function hostFwText(
  node: string,
  rules: readonly Parameters<typeof fwRuleLine>[0][],
): string {
  return [
    `# Proxmox VE firewall of host ${node} (/etc/pve/nodes/${node}/host.fw), from the recorded`,
    "# inputs of this stack's firewall resources. Generated by homelab-netcode; do not edit.",
    "[OPTIONS]",
    "enable: 1",
    "",
    "[RULES]",
    ...rules.map(fwRuleLine),
    "",
  ].join("\n");
}
