// Names for the address sets a ruleset matches on, shared by every firewall renderer (nftables
// sets, RouterOS address lists, Proxmox IP sets): one name per distinct set, the zone's name for a
// zone's set, `site` for everything the site allocates, the rule's only target, else the rule.
import { createHash } from "crypto";
import { Family } from "../../addressing/ip";
import { AddressSet } from "../../topology/address-set";
import { FilterLine } from "../../topology/policy-lines";
import { Policy } from "../../topology/policy-types";

const keyOf = (f: Family, s: AddressSet) => `${f} ${s.toString()}`;

/** A named set of one family. */
export interface NamedSet {
  readonly name: string;
  readonly family: Family;
  readonly set: AddressSet;
}

/** How a renderer writes a name: its alphabet and length limit. */
export interface NameStyle {
  /** Turns a hint (`z_storage`, `t_cloudflare-tunnel`) into a name of the target's alphabet. */
  readonly format: (hint: string, family: Family) => string;
  readonly maxLength: number;
}

/** One name per distinct set; the first name a set is met under wins, clashes get a number. */
export class SetNames {
  private readonly byKey = new Map<string, NamedSet>();
  private readonly preferred = new Map<string, string>();

  constructor(
    p: Policy,
    private readonly style: NameStyle,
  ) {
    for (const f of p.site.families) this.preferred.set(keyOf(f, p.site.only(f)), "site");
    for (const z of p.zones) {
      for (const f of z.set.families) this.preferred.set(keyOf(f, z.set.only(f)), `z-${z.name}`);
    }
  }

  name(hint: string, family: Family, set: AddressSet): string {
    const key = keyOf(family, set);
    const found = this.byKey.get(key);
    if (found) return found.name;
    const base = this.preferred.get(key) ?? hint;
    const taken = (n: string) => [...this.byKey.values()].some((s) => s.name === n);
    let name = this.fit(base, family);
    for (let i = 2; taken(name); i++) name = this.fit(`${base}-${i}`, family);
    this.byKey.set(key, { name, family, set });
    return name;
  }

  /** The name of `hint` in the target's style, shortened with a digest when too long. */
  private fit(hint: string, family: Family): string {
    const name = this.style.format(hint, family);
    if (name.length <= this.style.maxLength) return name;
    const digest = createHash("sha256").update(hint).digest("hex").slice(0, 6);
    const room = this.style.maxLength - this.style.format(`-${digest}`, family).length;
    return this.style.format(`${hint.slice(0, Math.max(1, room))}-${digest}`, family);
  }

  all(): NamedSet[] {
    return [...this.byKey.values()];
  }
}

/** Hints for the two sides of a line: its zone, the rule's only target, or the rule. */
export function lineHints(p: Policy, l: FilterLine): [string, string] {
  const [kind, name] = l.tag.split("=");
  if (kind !== "rule") return [`z-${name}`, `z-${name}-dst`];
  const r = p.rules.find((x) => x.name === name);
  const one = (t: readonly { name: string }[] | undefined, fallback: string) =>
    t && t.length === 1 ? `t-${t[0].name.replace(/^[a-z]+:/, "")}` : fallback;
  return [one(r?.from, `r-${name}-src`), one(r?.to, `r-${name}-dst`)];
}

/**
 * The set a side of a line matches, or its complement when that is smaller (`!= @site` for the
 * internet); undefined for a whole family (nothing to match on).
 */
export function sideSet(
  f: Family,
  s: AddressSet,
): { readonly set: AddressSet; readonly negate: boolean } | undefined {
  const whole = AddressSet.ALL.only(f);
  if (s.equals(whole)) return undefined;
  const not = whole.minus(s);
  return not.intervals(f).length < s.intervals(f).length
    ? { set: not, negate: true }
    : { set: s, negate: false };
}
