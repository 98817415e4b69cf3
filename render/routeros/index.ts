// Desired state of one RouterOS v7 router -> one idempotent reconcile script (.rsc) and the
// destroy script that undoes it. Pure: no I/O, no Pulumi; the caller delivers the text over SSH.
//
// Ownership: every entry the stack manages carries the comment `managed-by=<stack>;key=<key>`,
// where <key> names what identifies the entry (`ipv6-route:fd00:255:101::11/128`,
// `bgp-connection:solcp011`, `filter-rule:k8s-in:1`, ...). The scripts select entries with
// `comment~"^managed-by=<stack>;key="` and never touch an entry whose comment does not start so:
// unmanaged entries and entries of other stacks survive every run, including destroy.
import { menus } from "./menus";
import { destroyScript, reconcileScript } from "./script";
import { RouterOsDesiredState } from "./types";
import { validateDesiredState } from "./validate";

export * from "./types";
export { managedComment, markerPrefix } from "./script";
export { afiProperty, hasBgpInstances, parseVersion, quote } from "./syntax";
export type { RouterOsVersion } from "./syntax";
export { RouterOsStateError, formatRouterOsProblem } from "./validate";

/**
 * The reconcile script: removes this stack's entries that are no longer desired, adds missing
 * ones and sets properties that differ. Throws RouterOsStateError listing every invalid value.
 */
export function renderRouterOsScript(state: RouterOsDesiredState): string {
  const version = validateDesiredState(state);
  return reconcileScript(state, menus(state, version));
}

/** The destroy script: removes exactly this stack's managed entries on the router. */
export function renderRouterOsDestroyScript(state: RouterOsDesiredState): string {
  const version = validateDesiredState(state);
  return destroyScript(state, menus(state, version));
}
