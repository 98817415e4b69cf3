// Route helpers shared by the topology's builders.
import { Family, Prefix } from "../addressing/ip";

const DEFAULTS: Record<Family, Prefix> = {
  4: Prefix.from("0.0.0.0/0"),
  6: Prefix.from("::/0"),
};

/** The default route's destination of a family: 0.0.0.0/0 or ::/0. */
export const defaultRoute = (f: Family): Prefix => DEFAULTS[f];

/** Whether a prefix is a default route. */
export const isDefault = (p: Prefix): boolean => p.length === 0;

/**
 * Derived routes with configured ones applied: a configured route to a destination that a derived
 * route already has replaces it in place (every derived value can be overridden); the others
 * follow, in config order.
 */
export function withConfigured<R extends { readonly dst: Prefix }>(
  derived: readonly R[],
  configured: readonly R[],
): R[] {
  const replaced = derived.map((d) => configured.find((c) => c.dst.equals(d.dst)) ?? d);
  return [...replaced, ...configured.filter((c) => !derived.some((d) => d.dst.equals(c.dst)))];
}
