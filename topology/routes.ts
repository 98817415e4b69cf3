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
