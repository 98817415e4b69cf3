// What a running site has already (homelab:existing), checked against the plan: each object the
// stack file lists must be one the plan registers, so that the first `pulumi up` adopts it
// (Pulumi's `import` option) instead of asking the API to create something that exists.
import { closest, nameFix } from "../site/schema";
import { Builder } from "./builder";
import { ExistingPlan, HostPlan, SdnPlan, TenantPlan } from "./plan-types";

/**
 * The bridge the Proxmox VE installer made for a host's management address (vmbr0): the bridge
 * that carries management, or the bridge a management VLAN rides on (the ms01 and sol stacks).
 * None when management is on a bond or NIC of its own.
 */
export function managementBridge(host: HostPlan): string | undefined {
  const devices = host.network.devices;
  const carrier = devices.find((d) => d.carries === "management");
  if (carrier?.kind === "bridge") return carrier.name;
  const below = devices.find((d) => d.name === carrier?.parent);
  return below?.kind === "bridge" ? below.name : undefined;
}

/** `did you mean X?` for a near miss, else the list of what there is (or `none`). */
const fixFor = nameFix;

/** Each listed name once: the second mention of one is a problem at its own path. */
function once(b: Builder, path: string, names: readonly string[]): string[] {
  return names.filter((n, i) => {
    if (names.indexOf(n) === i) return true;
    b.problem(`${path}[${i}]`, n, "is listed twice", "list it once");
    return false;
  });
}

function planInterfaces(b: Builder, hosts: readonly HostPlan[]): ExistingPlan["interfaces"] {
  const spec = b.site.existing;
  const byNode = new Map<string, string[]>();
  if (spec.managementBridge) {
    for (const h of hosts) {
      const bridge = managementBridge(h);
      if (bridge) byNode.set(h.name, [bridge]);
    }
  }
  const nodes = hosts.map((h) => h.name);
  spec.interfaces.forEach((entry, i) => {
    const path = `existing.interfaces[${i}]`;
    const host = hosts.find((h) => h.name === entry.node);
    if (!host) {
      if (b.isRefusedHost(entry.node, hosts)) return;
      b.problem(
        `${path}.node`,
        entry.node,
        "is not a host of the site",
        fixFor(entry.node, nodes, "hosts"),
      );
      return;
    }
    if (spec.interfaces.findIndex((e) => e.node === entry.node) !== i) {
      b.problem(
        `${path}.node`,
        entry.node,
        "is listed twice",
        `list ${entry.node}'s interfaces in one entry`,
      );
      return;
    }
    const devices = host.network.devices.map((d) => d.name);
    const adopted = byNode.get(host.name) ?? [];
    once(b, `${path}.names`, entry.names).forEach((name) => {
      const at = `${path}.names[${entry.names.indexOf(name)}]`;
      if (host.network.interfaces.includes(name)) {
        b.problem(
          at,
          name,
          `is a physical NIC of ${host.name}: Proxmox has it from the hardware, and this program registers no resource for it`,
          "remove it",
        );
      } else if (!devices.includes(name)) {
        b.problem(
          at,
          name,
          `is not a bridge, bond or VLAN interface of ${host.name} in the plan, so there is nothing to adopt it as`,
          closest(name, devices)
            ? `did you mean ${closest(name, devices)}?`
            : `add it to ${host.name}'s network (homelab:hostNetwork or hosts[].network), or remove it`,
        );
      } else if (!adopted.includes(name)) {
        adopted.push(name);
      }
    });
    byNode.set(host.name, adopted);
  });
  return hosts
    .filter((h) => (byNode.get(h.name) ?? []).length > 0)
    .map((h) => ({ node: h.name, names: byNode.get(h.name) ?? [] }));
}

/**
 * The objects of `homelab:existing` the plan registers, with problems for any it does not (a
 * name the plan has no object for), or that cannot exist as listed (a subnet whose VNet is not
 * listed: Proxmox holds a subnet inside its VNet, so that VNet exists too).
 */
export function planExisting(
  b: Builder,
  hosts: readonly HostPlan[],
  tenants: readonly TenantPlan[],
  sdn: SdnPlan,
): ExistingPlan {
  // In the stack file's order: interfaces first, then SDN objects.
  const interfaces = planInterfaces(b, hosts);
  const spec = b.site.existing.sdn;
  const vnets = tenants.flatMap((t) => (t.vnet ? [t.vnet] : []));
  // No VNet, no EVPN zone or controller (components/deploy.ts).
  const zoneIds = vnets.length > 0 ? [sdn.zone] : [];
  const controllerIds = vnets.length > 0 ? [sdn.controller] : [];
  const none = vnets.length > 0 ? "" : " (no tenant has a VNet, so the plan has no SDN objects)";
  const known = (
    key: "controllers" | "zones" | "vnets",
    ids: readonly string[],
    what: string,
    word: string,
  ): string[] =>
    once(b, `existing.sdn.${key}`, spec[key]).filter((id) => {
      if (ids.includes(id)) return true;
      b.problem(
        `existing.sdn.${key}[${spec[key].indexOf(id)}]`,
        id,
        `is not ${what} of the plan`,
        fixFor(id, ids, word, `${none}; remove it`),
      );
      return false;
    });
  const controllers = known("controllers", controllerIds, "the EVPN controller", "controllers");
  const zones = known("zones", zoneIds, "the EVPN zone", "zones");
  const vnetIds = known(
    "vnets",
    vnets.map((v) => v.id),
    "a VNet",
    "VNets",
  );
  const texts = spec.subnets.map((p) => p.toString());
  const subnets = once(b, "existing.sdn.subnets", texts).flatMap((text) => {
    const path = `existing.sdn.subnets[${texts.indexOf(text)}]`;
    const vnet = vnets.find((v) => v.subnets.some((s) => s.prefix.toString() === text));
    if (!vnet) {
      const all = vnets.flatMap((v) => v.subnets.map((s) => s.prefix.toString()));
      b.problem(
        path,
        text,
        "is not a subnet of a VNet of the plan",
        fixFor(text, all, "the VNets' subnets", `${none}; remove it`),
      );
      return [];
    }
    if (!vnetIds.includes(vnet.id)) {
      b.problem(
        path,
        text,
        `is a subnet of ${vnet.id}, which existing.sdn.vnets does not list`,
        `add ${vnet.id} to existing.sdn.vnets`,
      );
      return [];
    }
    return [{ vnet: vnet.id, zone: sdn.zone, prefix: text }];
  });
  return {
    interfaces,
    controllers,
    zones,
    vnets: vnetIds,
    subnets,
  };
}
