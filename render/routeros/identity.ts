// What identifies an entry of a RouterOS menu regardless of its comment, as community.routeros's
// `api_modify` matches entries by each menu's identity keys: an entry the router already holds
// that equals a wanted one on those keys is adopted (our comment is written on it), never added
// again; one that clashes with a wanted one (the same address on another interface) stops the
// script in its check pass, before the first change, with both entries named.

/**
 * Firewall filter matchers the renderer never writes: a rule the router holds is only taken for
 * one of ours when each of them is empty (so `chain=input action=drop in-interface-list=!LAN` is
 * never mistaken for `chain=input action=drop`). The RouterOS model knows each of them.
 */
export const FILTER_MATCHERS = [
  "in-interface",
  "out-interface",
  "in-interface-list",
  "out-interface-list",
  "src-address",
  "dst-address",
  "src-port",
  "port",
  "connection-nat-state",
  "ipsec-policy",
  "hop-limit",
  "icmp-options",
  "tcp-flags",
  "connection-mark",
  "packet-mark",
  "limit",
  "jump-target",
] as const;

/**
 * NAT matchers and targets the renderer never writes: a router's NAT rule is only taken for one of
 * ours when each is empty (the factory `out-interface-list=WAN` masquerade is not ours).
 */
export const NAT_MATCHERS = [
  "in-interface",
  "in-interface-list",
  "out-interface-list",
  "dst-address",
  "src-address-list",
  "dst-address-list",
  "protocol",
  "src-port",
  "dst-port",
  "ipsec-policy",
  "connection-mark",
  "packet-mark",
  "to-ports",
] as const;

/** A property an entry is compared on, with every text `[:tostr [get]]` may print for it. */
export interface KeyProp {
  readonly name: string;
  readonly forms: readonly string[];
}

/** An entry of the router that shares `where` with the wanted one but not its identity. */
export interface Conflict {
  /** `find where` conditions (RouterOS syntax) selecting the clashing entries. */
  readonly where: string;
  /** What clashes, e.g. "the same address on another interface or with another prefix length". */
  readonly why: string;
}

export interface Identity {
  /** Alternatives (name, or remote address): equal on every property of one means the same. */
  readonly keys: readonly (readonly KeyProp[])[];
  /** Properties that must be empty on the router's entry for it to be the same entry. */
  readonly empty?: readonly string[];
  /** Properties that describe an entry in a conflict message, the router's and the wanted. */
  readonly shown: readonly KeyProp[];
  readonly conflict?: Conflict;
  /**
   * Adoption with `set`: the router's own entry, equal on `keys`, is adopted even when these
   * properties differ, and the reconcile sets them as the stack wants (the dry run's `adopt ...:
   * prop old -> new`); a difference in any other managed property still stops the script, with
   * `breaks` saying why. Absent: an entry is adopted only when every managed property is equal.
   */
  readonly adoptSets?: { readonly props: readonly string[]; readonly breaks: string };
}

/** A regular expression (POSIX ERE, as RouterOS's `~`) matching `text` literally. */
export function literalRegex(text: string): string {
  return text.replace(/[.[\]()*+?{}|^$\\]/g, (c) => `\\${c}`);
}
