// A declared gateway and a router's own address on the same network must agree (issue 20, found
// by a new-user trial): `segments[].gateway` (or the hosts' management gateway) says where the
// machines there send their traffic; `routers[].addresses` says what the router holds there. When
// a router of the stack sits on the network, holds another address, and no router holds the
// declared gateway, the machines' default route points at an address nothing holds.
import { Builder, FAMILIES, key } from "./builder";
import { Address, Family, Prefix } from "./ip";
import { parseInterfaceAddress } from "./routers";
import { DualAddress } from "./site";

/** One network with a declared gateway: where the gateway is written, and the network's prefix. */
interface DeclaredGateway {
  readonly path: string;
  readonly network: string;
  readonly prefix: Prefix;
  readonly gateway: Address;
  readonly owner?: string;
}

/** A router's address on a network, as written. */
interface RouterAddressOn {
  readonly router: string;
  readonly path: string;
  readonly text: string;
  readonly address: Address;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The networks of the site whose gateway is declared, per family. */
function declaredGateways(b: Builder): DeclaredGateway[] {
  const site = b.site;
  const out: DeclaredGateway[] = [];
  const add = (
    path: string,
    network: string,
    prefixes: Partial<Record<"ipv4" | "ipv6", Prefix>> | undefined,
    gateway: (DualAddress & { owner?: string }) | undefined,
  ) => {
    for (const f of FAMILIES) {
      const prefix = prefixes?.[key(f)];
      const gw = gateway?.[key(f)];
      if (prefix && gw && prefix.contains(gw))
        out.push({
          path: `${path}.${key(f)}`,
          network,
          prefix,
          gateway: gw,
          owner: gateway?.owner,
        });
    }
  };
  site.segments.forEach((g, i) =>
    add(`segments[${i}].gateway`, `segment ${g.name}`, { ipv4: g.ipv4, ipv6: g.ipv6 }, g.gateway),
  );
  const management = site.global.management;
  if (site.hosts.some((h) => h.network === undefined))
    add("hostNetwork.gateway", "the management network", management, site.hostNetwork.gateway);
  site.hosts.forEach((h, i) => {
    if (h.network?.gateway)
      add(`hosts[${i}].network.gateway`, "the management network", management, h.network.gateway);
  });
  // Hosts wired differently still share one management gateway: judge each address once.
  const seen = new Set<string>();
  return out.filter((d) => {
    const id = `${d.network} ${d.gateway}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Refuses a declared gateway that contradicts the routers' addresses on its network: a router
 * of the stack has an address in the network's prefix, none holds the gateway, and the gateway's
 * `owner` (where given) names that router rather than another device. Names both keys and values.
 */
export function gatewayAgreement(b: Builder): void {
  const routerAddresses: RouterAddressOn[] = b.site.routers.flatMap((r, i) =>
    r.addresses.flatMap((a, j) => {
      const parsed = parseInterfaceAddress(a.address);
      return parsed.ok
        ? [
            {
              router: r.name,
              path: `routers[${i}].addresses[${j}].address`,
              text: a.address,
              address: parsed.value.address,
            },
          ]
        : [];
    }),
  );
  for (const d of declaredGateways(b)) {
    const family: Family = d.gateway.family;
    const on = routerAddresses.filter(
      (a) => a.address.family === family && d.prefix.contains(a.address),
    );
    if (on.length === 0 || on.some((a) => a.address.equals(d.gateway))) continue;
    // An owner that names another device says that device holds the gateway, not the router.
    const named = on.filter(
      (a) => d.owner === undefined || squash(d.owner).includes(squash(a.router)),
    );
    if (named.length === 0) continue;
    const a = named[0];
    b.problem(
      d.path,
      d.gateway.toString(),
      `is not router ${a.router}'s address on ${d.network} (${d.prefix}): ${a.path} is ${a.text}, and no router holds ${d.gateway}, so the machines there would send their traffic to an address nothing holds`,
      `make them one: set ${d.path} to ${a.address}, or ${a.path} to ${d.gateway}/${d.prefix.length}; if another device holds ${d.gateway}, name it in the gateway's owner`,
    );
  }
}
