// The RouterOS v7 releases this program renders for, and the default. Pure.
// Source: endoflife.date's RouterOS cycles (github.com/endoflife-date/endoflife.date,
// products/routeros.md at a70eca3, from mikrotik.com/download/changelogs): 7.18 released
// 2025-02-24, 7.19 2025-05-22 (end of life 2025-09-30), 7.20 2025-09-30 (long-term), 7.21
// 2026-01-12 (long-term, not end of life), 7.22 2026-03-10, 7.23 2026-05-26, 7.24 2026-08-17 (the
// current stable release). What each release names differently is in render/routeros/versions.ts.

/** RouterOS 7.x minors whose property names render/routeros/versions.ts sources. */
export const ROUTEROS_MINORS: readonly number[] = [18, 19, 20, 21, 22, 23, 24];

/** The default `routers[].version`: the current stable release (7.21 is the long-term one). */
export const ROUTEROS_DEFAULT_VERSION = "7.24";

/** The long-term release, named in the warning's fix. */
export const ROUTEROS_LONG_TERM = "7.21";

/** "7.18, 7.19, ..., 7.24". */
export const ROUTEROS_VERSIONS_TEXT = ROUTEROS_MINORS.map((m) => `7.${m}`).join(", ");

/** The minor of "7.20" or "7.20.3", or undefined for anything else. */
export function routerOsMinor(version: string): number | undefined {
  const m = /^7\.(0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2}))?$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

/** Whether `version` ("7.20", "7.20.3") is a release the property table covers. */
export function isSupportedRouterOs(version: string): boolean {
  const minor = routerOsMinor(version);
  return minor !== undefined && ROUTEROS_MINORS.includes(minor);
}
