// The one rule for resolvers of the wrong family, shared by a cluster's talos.nameservers
// (addressing/plan.ts) and a VM's own or inherited nameservers (addressing/vms.ts).
import { Address, Family, FAMILIES } from "./ip";

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
