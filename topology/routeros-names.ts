// The names of the BGP connections a RouterOS router writes, shared by the renderer
// (render/routeros/state.ts) and the check that refuses a name RouterOS cannot take at the name
// it is derived from (topology/checks.ts), so that `check` and `plan` refuse the same names.
import { BgpSession, SessionEnd } from "./types";

/**
 * Longest RouterOS name the renderer writes bare, BGP connection names among them (1-63
 * characters: NAME_RE in render/routeros/syntax.ts).
 */
export const ROUTEROS_NAME_MAX = 63;

/** Suffix of a connection's name when both families peer with one device: `-v4`, `-v6`. */
export const FAMILY_SUFFIX_LENGTH = "-v4".length;

/** One end a RouterOS router holds, with the session, the far end and the connection's name. */
export interface RouterOsConnectionEnd {
  readonly s: BgpSession;
  readonly end: SessionEnd;
  readonly other: SessionEnd;
  /** The peer's name, `-v4`/`-v6` added when both families peer with that device. */
  readonly name: string;
}

/**
 * The BGP connections RouterOS router `router` writes, in session order: one per session end it
 * holds as the `routeros` carrier. The name is the peer's name; when sessions of both transport
 * families reach one device, one connection each, so the name says which (`k101cp11-v6`).
 */
export function routerOsConnections(
  sessions: readonly BgpSession[],
  router: string,
): RouterOsConnectionEnd[] {
  const ends = sessions.flatMap((s) =>
    s.ends.flatMap((end, i) =>
      end.device === router && end.carrier === "routeros" ? [{ s, end, other: s.ends[1 - i] }] : [],
    ),
  );
  const transports = new Map<string, Set<number>>();
  for (const { s, other } of ends) {
    transports.set(other.device, (transports.get(other.device) ?? new Set()).add(s.transport));
  }
  return ends.map((e) => ({
    ...e,
    name:
      (transports.get(e.other.device)?.size ?? 0) > 1
        ? `${e.end.peerName}-v${e.s.transport}`
        : e.end.peerName,
  }));
}
