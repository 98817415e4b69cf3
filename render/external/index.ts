// What an external device must hold and say for its part of the topology (a router this stack
// declares but does not configure: seed 004's BGP router, seed 002's UniFi gateway), as a
// document a person applies by hand. The preview writes it to external/<device>.yaml; the inventory
// lists the same values under "Manual steps", and the twin plays the device from it.
import { portableYaml } from "../yaml";
import { Topology } from "../../topology/types";
import { ExternalFirewallRule, externalFirewall } from "./firewall";

/** One external device's config, as plain data (addresses as `<address>/<length>`). */
export interface ExternalConfig {
  readonly device: string;
  readonly interfaces: readonly {
    readonly name: string;
    readonly segment?: string;
    readonly addresses: readonly string[];
  }[];
  /** Destinations the device must route (the next hop is the operator's choice). */
  readonly routes: readonly string[];
  readonly bgp?: {
    readonly asn: number;
    readonly neighbors: readonly {
      readonly name: string;
      readonly address: string;
      readonly asn: number;
      readonly source: string;
      /** eBGP multihop TTL; absent for an on-link session. */
      readonly multihop?: number;
      readonly families: readonly string[];
      /** Prefixes to accept (each "or longer" unless marked exact), in order; reject the rest. */
      readonly accept: readonly string[];
    }[];
  };
  /** The network policy's rules for this router, in order (render/external/firewall.ts). */
  readonly firewall?: readonly ExternalFirewallRule[];
}

/** Every external device of the topology that holds an address or ends a session. */
export function externalConfigs(t: Topology): ExternalConfig[] {
  return t.devices.flatMap((d) => {
    if (d.kind !== "external") return [];
    const neighbors = t.sessions.flatMap((s) =>
      s.ends.flatMap((end, i) => {
        if (end.device !== d.name) return [];
        const other = s.ends[1 - i];
        return [
          {
            name: end.peerName,
            address: other.address.toString(),
            asn: other.asn,
            source: end.address.toString(),
            ...(end.multihop !== undefined ? { multihop: end.multihop } : {}),
            families: s.families.map((f) => (f === 4 ? "ipv4" : "ipv6")),
            accept: end.accepts
              .filter((r) => r.action === "permit")
              .map((r) => `${r.prefix}${r.orLonger ? "" : " exact"}`),
          },
        ];
      }),
    );
    const routes = t.sessions.flatMap((s) =>
      s.ends.flatMap((end) =>
        end.device === d.name && end.reach !== "connected" ? [end.reach.dst.toString()] : [],
      ),
    );
    const firewall = externalFirewall(t, d.name);
    return [
      {
        device: d.name,
        routes,
        interfaces: d.interfaces.map((i) => ({
          name: i.name,
          ...(i.segment ? { segment: i.segment } : {}),
          addresses: i.addresses.map((h) => `${h.address}/${h.length}`),
        })),
        ...(d.speaker && neighbors.length > 0 ? { bgp: { asn: d.speaker.asn, neighbors } } : {}),
        ...(firewall.length > 0 ? { firewall } : {}),
      },
    ];
  });
}

/** The document as YAML. */
export function externalYaml(c: ExternalConfig): string {
  // Keys in reading order (the stack outputs arrive with their keys sorted).
  const doc = {
    device: c.device,
    interfaces: c.interfaces.map((i) => ({
      name: i.name,
      ...(i.segment ? { segment: i.segment } : {}),
      addresses: i.addresses,
    })),
    ...(c.routes.length > 0 ? { routes: c.routes } : {}),
    ...(c.bgp
      ? {
          bgp: {
            asn: c.bgp.asn,
            neighbors: c.bgp.neighbors.map((n) => ({
              name: n.name,
              address: n.address,
              asn: n.asn,
              source: n.source,
              ...(n.multihop !== undefined ? { multihop: n.multihop } : {}),
              families: n.families,
              accept: n.accept,
            })),
          },
        }
      : {}),
    ...(c.firewall
      ? {
          firewall: c.firewall.map((r) => ({
            rule: r.rule,
            action: r.action,
            family: r.family,
            from: r.from,
            to: r.to,
            ...(r.protocol ? { protocol: r.protocol } : {}),
            ...(r.ports ? { ports: r.ports } : {}),
            log: r.log,
          })),
        }
      : {}),
  };
  const head = `# ${c.device}: not configured by this stack; set this by hand (see the inventory's Manual steps)`;
  return `${head}\n${portableYaml(doc, { lineWidth: 0 })}`;
}
