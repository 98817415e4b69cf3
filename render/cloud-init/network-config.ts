// Cloud-init network config version 2 (the netplan format, which cloud-init hands to netplan as
// it is) of a Linux VM: every NIC matched by its MAC and renamed to the name the topology uses,
// its addresses, MTU and routes (metric and on-link where set; the gateway is the default route's
// `via`), the nameservers, and the loopback addresses on `lo`. Checked by `netplan generate` in
// the tests.
import { Scalar, visit } from "yaml";
import { portableDocument } from "../yaml";
import { Device } from "../../topology/types";

export interface NetworkRoute {
  /** Destination prefix; `0.0.0.0/0` or `::/0` for the default route. */
  readonly to: string;
  readonly via: string;
  readonly metric?: number;
  readonly onLink?: boolean;
}

export interface NetworkNic {
  /** The name the NIC is given (set-name). */
  readonly name: string;
  readonly mac: string;
  /** Bytes; absent leaves the OS default. */
  readonly mtu?: number;
  /** `address/length`. */
  readonly addresses: readonly string[];
  readonly routes: readonly NetworkRoute[];
  readonly nameservers: readonly string[];
}

export interface NetworkConfigInput {
  readonly nics: readonly NetworkNic[];
  /** `address/length` on `lo` (a node's loopbacks and VIP). */
  readonly loopback: readonly string[];
}

/**
 * A device's network config: its NICs with what cloud-init carries on them, and every address of
 * its loopback interface (FRR holds them too; the same address twice on `lo` is harmless). The
 * nameservers go on the NIC of the first default route, else on the first NIC. Throws when a NIC
 * has no MAC to match on.
 */
export function networkConfigInput(
  device: Device,
  nameservers: readonly string[],
): NetworkConfigInput {
  const nics = device.interfaces.filter((i) => i.kind === "nic");
  const dns =
    device.routes.find((r) => r.carrier === "cloud-init" && r.dst.length === 0)?.dev ??
    nics[0]?.name;
  return {
    nics: nics.map((i) => {
      if (!i.mac) throw new Error(`${device.name} ${i.name}: a NIC without a MAC`);
      return {
        name: i.name,
        mac: i.mac,
        ...(i.mtuCarrier === "cloud-init" ? { mtu: i.mtu } : {}),
        addresses: i.addresses
          .filter((h) => h.carrier === "cloud-init")
          .map((h) => `${h.address}/${h.length}`),
        routes: device.routes
          .filter((r) => r.dev === i.name && r.carrier === "cloud-init" && r.via)
          .map((r) => ({
            to: r.dst.toString(),
            via: String(r.via),
            ...(r.metric !== undefined ? { metric: r.metric } : {}),
            ...(r.onLink ? { onLink: true } : {}),
          })),
        nameservers: i.name === dns ? [...nameservers] : [],
      };
    }),
    loopback: device.interfaces
      .filter((i) => i.kind === "loopback")
      .flatMap((i) => i.addresses.map((h) => `${h.address}/${h.length}`)),
  };
}

/** The network config v2 as YAML (no `network:` wrapper: cloud-init's NoCloud reads it bare). */
export function renderNetworkConfig(input: NetworkConfigInput): string {
  const ethernets: Record<string, unknown> = {};
  for (const n of input.nics) {
    ethernets[n.name] = {
      match: { macaddress: n.mac },
      "set-name": n.name,
      ...(n.mtu !== undefined ? { mtu: n.mtu } : {}),
      ...(n.addresses.length > 0 ? { addresses: [...n.addresses] } : {}),
      ...(n.nameservers.length > 0 ? { nameservers: { addresses: [...n.nameservers] } } : {}),
      ...(n.routes.length > 0
        ? {
            routes: n.routes.map((r) => ({
              to: r.to,
              via: r.via,
              ...(r.metric !== undefined ? { metric: r.metric } : {}),
              ...(r.onLink ? { "on-link": true } : {}),
            })),
          }
        : {}),
    };
  }
  if (input.loopback.length > 0) {
    ethernets.lo = { match: { name: "lo" }, addresses: [...input.loopback] };
  }
  // cloud-init reads this with PyYAML (YAML 1.1) before netplan sees it: a NIC named `on` or a
  // nameserver 2001:1:2:3:4:5:6:7 (base 60) would change type, so portableDocument quotes them.
  // Every MAC is quoted as well, whatever its digits, so all MACs look alike.
  const doc = portableDocument({ version: 2, ethernets });
  visit(doc, {
    Pair(_, pair) {
      if (String(pair.key) === "macaddress" && pair.value instanceof Scalar) {
        pair.value.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ lineWidth: 0 });
}
