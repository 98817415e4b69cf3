// The one rule for resolvers of the wrong family, shared by a cluster's talos.nameservers
// (siteResolverProblems, below) and a VM's own or inherited nameservers (addressing/vms.ts).
import { Builder, key } from "./builder";
import { Address, Family, FAMILIES } from "./ip";
import { TenantPlan } from "./plan-types";
import { DEFAULT_TALOS } from "./site";

/** What a refusal says when no resolver is of a family the device has addresses in. */
export interface UnreachableResolvers {
  /** The resolvers' families, `IPv6` or `IPv4 and IPv6`. */
  readonly theirs: string;
  /** The device's one family, `IPv4` (a dual-stack device reaches a resolver of either). */
  readonly ours: string;
  /** A public resolver of the device's family to suggest: 1.1.1.1 or 2606:4700:4700::1111. */
  readonly example: string;
}

/**
 * Whether a device with addresses in `families` is left with no resolver among `nameservers`: a
 * resolver of a family it has no address in is unreachable, so every lookup would wait on it and
 * fail (new-user trial M5, H4). Undefined when one is reachable, or there is nothing to judge (no
 * resolvers, or a device without addresses, which has its own problem).
 */
export function unreachableResolvers(
  nameservers: readonly Address[],
  families: readonly Family[],
): UnreachableResolvers | undefined {
  if (nameservers.length === 0 || families.length === 0) return undefined;
  if (nameservers.some((a) => families.includes(a.family))) return undefined;
  const theirs = FAMILIES.filter((f) => nameservers.some((a) => a.family === f))
    .map((f) => `IPv${f}`)
    .join(" and ");
  return {
    theirs,
    ours: `IPv${families[0]}`,
    example: families[0] === 4 ? "1.1.1.1" : "2606:4700:4700::1111",
  };
}

/**
 * The site's resolvers, talos.nameservers (`texts` as written, `nameservers` those that parsed):
 * - an empty list is refused, as a VM's `nameservers: []` is (addressing/vms.ts): the Talos nodes
 *   would be given no resolver and keep Talos's built-in ones without a word (render/talos/patch.ts
 *   writes no ResolverConfig then), and a VM that inherits them none at all (new-user trial);
 * - a cluster's nodes get the resolvers of the families they have addresses in (one of another
 *   family is unreachable: every lookup would wait on it); a cluster left with none would fall
 *   back to Talos's built-in resolvers without a word (new-user trial M5): refused, naming the
 *   families on both sides.
 */
export function siteResolverProblems(
  b: Builder,
  texts: readonly string[],
  nameservers: readonly Address[],
  tenants: readonly TenantPlan[],
): void {
  if (texts.length === 0) {
    b.problem(
      "talos.nameservers",
      "[]",
      "is an empty list: the Talos nodes, and the VMs that take talos.nameservers, would be given no resolver",
      `list the site's resolvers, e.g. [1.1.1.1], or remove talos.nameservers to take the defaults (${DEFAULT_TALOS.nameservers.join(", ")})`,
    );
    return;
  }
  // Resolvers the parser refused have their own problems.
  if (nameservers.length === 0) return;
  for (const t of tenants) {
    if (!t.kubernetes) continue;
    // A tenant without a VM subnet has no families, and its own problem already.
    const families = FAMILIES.filter((f) => t.vms[key(f)] !== undefined);
    const none = unreachableResolvers(nameservers, families);
    if (!none) continue;
    b.problem(
      "talos.nameservers",
      nameservers.map(String).join(", "),
      `has only ${none.theirs} resolvers, and the nodes of tenant ${t.id} (${t.name}) have ${none.ours} addresses only: they would be given no resolver`,
      `add an ${none.ours} resolver to talos.nameservers (e.g. ${none.example}), or give the site an ${families.includes(4) ? "IPv6" : "IPv4"} tenant space (global.tenantSpace.${families.includes(4) ? "ipv6" : "ipv4"})`,
    );
  }
}
