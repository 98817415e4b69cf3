// The builder plan() records into: derived values, the facts the validator checks, and problems
// found while deriving. Shared by the plan's parts (tenants, clusters, host networks).
import { encodeId } from "./encoding";
import { Address, Family, Prefix } from "./ip";
import { AddressFact, IdFact, PrefixFact, RangeFact } from "./plan-types";
import { Problem } from "./problems";
import { Site } from "./site";

export { FAMILIES, familyKey as key } from "./ip";

export type Ref = { path: string; prefix: Prefix; name: string };

/** Groups of prefixes that must be pairwise disjoint. */
export const GROUPS = {
  spaces: "global spaces",
  allocations: "site allocations",
  purposes: "tenant purposes",
  lb: "LoadBalancer ranges",
} as const;

export class Builder {
  readonly prefixes: PrefixFact[] = [];
  readonly addresses: AddressFact[] = [];
  readonly ranges: RangeFact[] = [];
  readonly ids: IdFact[] = [];
  readonly problems: Problem[] = [];

  constructor(readonly site: Site) {}

  prefix(
    path: string,
    prefix: Prefix,
    label: string,
    parent?: Ref,
    groups: string[] = [],
    extra: { derivedFrom?: string; fix?: string; name?: string } = {},
  ): Ref {
    const name = extra.name ?? path;
    this.prefixes.push({
      path,
      prefix,
      label,
      parent,
      groups,
      name,
      derivedFrom: extra.derivedFrom,
      fix: extra.fix,
    });
    return { path, prefix, name };
  }

  address(
    path: string,
    address: Address,
    label: string,
    within?: Ref,
    derivedFrom?: string,
  ): Address {
    this.addresses.push({ path, address, label, within, derivedFrom });
    return address;
  }

  id(
    path: string,
    kind: string,
    value: number | string,
    derived?: { input: string; derivation: string },
  ): void {
    this.ids.push({ path, kind, value, ...derived });
  }

  /**
   * Records a problem once: the same problem found again (a layout key, met once per tenant) is
   * one problem, reported at its first occurrence.
   */
  problem(path: string, input: string, message: string, fix?: string): undefined {
    const again = this.problems.some(
      (p) =>
        p.path === path &&
        p.input === input &&
        (p.message === message || (path.startsWith("layout.") && p.fix === fix)),
    );
    if (!again) this.problems.push({ path, input, message, fix });
    return undefined;
  }

  /** Whether a problem was reported at `path`: what follows from it is not reported again. */
  /**
   * Whether `name` is a host the site declares but the plan does not derive, because its id or
   * name repeats an earlier host's (reported once as the duplicate): a reference to it is not
   * a second problem, it depends on the refused one.
   */
  isRefusedHost(name: string, derived: readonly { readonly name: string }[]): boolean {
    return !derived.some((h) => h.name === name) && this.site.hosts.some((h) => h.name === name);
  }

  hasProblemAt(path: string): boolean {
    return this.problems.some((p) => p.path === path);
  }

  /** Offset of host/node `id` inside a subnet of `family`. */
  hostOffset(family: Family, id: number): bigint {
    return BigInt(family === 4 ? id : encodeId(id, this.site.encoding.hostId));
  }

  /** The address `id` in `subnet`, or the override; recorded as owned by `path`. */
  member(
    path: string,
    label: string,
    family: Family,
    subnet: Ref | undefined,
    id: number,
    given?: Address,
    derivedFrom?: string,
  ): Address | undefined {
    if (given) return this.address(path, given, label, subnet);
    if (!subnet) return undefined;
    const offset = this.hostOffset(family, id);
    if (offset >= subnet.prefix.size) {
      return this.problem(
        path,
        String(id),
        `ID ${id} is outside ${subnet.path} ${subnet.prefix}`,
        "choose a smaller ID",
      );
    }
    return this.address(path, subnet.prefix.host(offset), label, subnet, derivedFrom);
  }
}
