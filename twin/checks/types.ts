// A twin check: a name, and a probe of the running twin that says what was expected and what was
// seen. Checks marked `converges` are retried until they pass or the convergence deadline ends
// (sessions and routes take seconds to settle); the others run once.
import { LiveTwin } from "../realise";
import { TwinSite } from "../site/types";

/** A check's result: passed or not, what was expected, what was seen (one line each). */
export interface Outcome {
  readonly ok: boolean;
  readonly expected: string;
  readonly seen: string;
}

/** A named probe of the running twin. */
export interface Check {
  /** One line, e.g. `bgp edge -> 10.20.0.11: session`. */
  readonly name: string;
  /** Retry until it passes or the convergence deadline ends. */
  readonly converges?: boolean;
  readonly run: (live: LiveTwin) => Outcome | Promise<Outcome>;
}

/** The device that holds `address` (on a NIC, a bridge or lo), if any. */
export function held(site: TwinSite, address: string): string | undefined {
  const is = (cidr: string) => cidr.split("/")[0] === address;
  return (
    site.veths.flatMap((v) => [v.a, v.b]).find((e) => e.addresses.some(is))?.node ??
    site.bridges.find((b) => b.addresses.some(is))?.node ??
    site.loopbacks.find((l) => is(l.address))?.node
  );
}
