// The site's own flows as the preview reports them: each flow of topology/flows.ts with its
// verdict from topology/flow-check.ts, the segment its source address sits on, and the distinct
// flow it belongs to (one per source segment, destination, protocol and port). The inventory's
// "Flows" table shows one row per distinct flow, flows.json lists every flow, and the twin probes
// one representative machine per distinct flow (twin/site/flows.ts). Pure: Plan + Topology in.
import { Plan } from "../addressing/plan-types";
import { checkFlow, FlowResult } from "./flow-check";
import { flowText, FlowProtocol, siteFlows } from "./flows";
import { Topology } from "./types";

/** One flow the site needs, with where it comes from and what the plan's check says of it. */
export interface FlowEntry {
  /** The distinct flow it belongs to: `<source> -> <to>[ (<dst or hosts>)] <protocol>/<port>`. */
  readonly group: string;
  /** The flow as `flowText` writes it (`<from> -> <to> (...) <protocol>/<port>`). */
  readonly flow: string;
  /** The machine that opens the connection. */
  readonly from: string;
  /** A device name, a segment name or `internet`. */
  readonly to: string;
  /** The segment the source address sits on; the machine's name where it sits on none. */
  readonly source: string;
  /** The source address the check used; absent where the machine has none that routes. */
  readonly src?: string;
  /** The destination address, where the plan gives one. */
  readonly dst?: string;
  /** Internet host names the flow stands for (mirrors, registries), sorted. */
  readonly hosts: readonly string[];
  readonly protocol: FlowProtocol;
  readonly port: number;
  /** The config facts that need it, each `<config path>: <what>`. */
  readonly why: readonly string[];
  /** The verdict of checkFlow (routing both ways and the policy). */
  readonly verdict: FlowResult["verdict"];
  /** checkFlow's reason: the way out, the missing route, the denying rule. */
  readonly reason: string;
  /** For an unverified flow the plan could check: the device to declare (checkFlow's fix). */
  readonly declare?: string;
  /**
   * For a flow unverified only because it leaves by an EVPN anycast gateway: that gateway
   * (checkFlow's anycastGateway). The twin probes it where it models the zone's exit nodes.
   */
  readonly anycastGateway?: string;
}

/** A distinct flow: its name and the flows of the site it stands for, in derivation order. */
export interface FlowGroup {
  readonly name: string;
  readonly entries: readonly FlowEntry[];
}

/** Every flow of the site with its verdict and distinct flow, in siteFlows' order. */
export function flowReport(
  plan: Plan,
  t: Pick<Topology, "devices" | "sessions" | "segments" | "policy">,
): FlowEntry[] {
  return siteFlows(plan, t).map((f) => {
    const r = checkFlow(t, f);
    const src = r.src;
    const source =
      (src && t.segments.find((s) => s.prefixes.some((p) => p.contains(src)))?.name) ?? f.from;
    const where = f.dst ? ` (${f.dst})` : f.hosts.length > 0 ? ` (${f.hosts.join(", ")})` : "";
    const dst = f.dst ?? (f.to !== "internet" ? r.dst : undefined);
    return {
      group: `${source} -> ${f.to}${where} ${f.protocol}/${f.port}`,
      flow: flowText(f),
      from: f.from,
      to: f.to,
      source,
      ...(src ? { src: src.toString() } : {}),
      // A declared connection to a machine (vms[].outbound) names no address: the one the check
      // took (the machine's first address in the source's family) is where it goes.
      ...(dst ? { dst: dst.toString() } : {}),
      hosts: f.hosts,
      protocol: f.protocol,
      port: f.port,
      why: f.why,
      verdict: r.verdict,
      reason: r.reason,
      ...(r.verdict === "unverified" && r.fix ? { declare: r.fix } : {}),
      ...(r.anycastGateway ? { anycastGateway: r.anycastGateway.toString() } : {}),
    };
  });
}

/** The distinct flows of `entries`, in the order their first flow comes. */
export function flowGroups(entries: readonly FlowEntry[]): FlowGroup[] {
  const by = new Map<string, FlowEntry[]>();
  for (const e of entries) by.set(e.group, [...(by.get(e.group) ?? []), e]);
  return [...by].map(([name, list]) => ({ name, entries: list }));
}
