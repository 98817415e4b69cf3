// The site's own flows in the inventory: one row per distinct flow (source segment, destination,
// protocol and port; topology/flow-report.ts) with the machines it stands for, what needs it and
// what the plan's routing and policy check says. Pure: plan and topology in, Markdown out.
import { Plan } from "../../addressing/plan-types";
import { FlowGroup, flowGroups, flowReport } from "../../topology/flow-report";
import { Topology } from "../../topology/types";
import { table, text } from "./table";

/** At most `n` items, then how many more. */
const some = (items: readonly string[], n = 3, sep = ", "): string =>
  items.length <= n ? items.join(sep) : `${items.slice(0, n).join(sep)} +${items.length - n}`;

/**
 * `pass (<reason>)`, or the count of each verdict and the reason of the worst one (never
 * `pass: ...`, which the inventory's credential filter reads as a password).
 */
function result(g: FlowGroup): string {
  const order = ["blocked", "unverified", "pass"] as const;
  const counts = order
    .map((v) => [v, g.entries.filter((e) => e.verdict === v).length] as const)
    .filter(([, n]) => n > 0);
  const worst = g.entries.find((e) => e.verdict === counts[0][0]);
  const head = counts.length === 1 ? counts[0][0] : counts.map(([v, n]) => `${v} ${n}`).join(", ");
  return `${head} (${worst?.reason ?? ""})`;
}

/** The "Flows" section; undefined when the site needs no flow. */
export function flowsSection(plan: Plan, topology: Topology): string | undefined {
  const groups = flowGroups(flowReport(plan, topology));
  if (groups.length === 0) return undefined;
  const rows = groups.map((g) => {
    const e = g.entries[0];
    const machines = [...new Set(g.entries.map((x) => x.from))];
    const where = e.dst ? ` ${e.dst}` : e.hosts.length > 0 ? ` (${some(e.hosts)})` : "";
    const why = [...new Set(g.entries.flatMap((x) => x.why))];
    return [
      text(`${e.source} (${some(machines)})`),
      text(`${e.to}${where}`),
      `${e.protocol}/${e.port}`,
      text(some(why, 1, "; ")),
      text(result(g)),
    ];
  });
  // What would let the plan check its unverified flows, once each, with how many it concerns.
  const entries = groups.flatMap((g) => g.entries);
  const declares = [...new Set(entries.flatMap((e) => e.declare ?? []))].map((d) => {
    const n = entries.filter((e) => e.declare === d).length;
    return `- ${n} unverified flow${n === 1 ? "" : "s"}: ${d}.`;
  });
  return [
    "## Flows",
    "",
    "What the site's own machines need (resolvers, package and image egress, BGP/BFD, the Kubernetes API), one row per distinct flow, checked against the plan's routing and policy; the twin probes one machine of each (`flow <source> -> <to> ...`).",
    "",
    table(["From", "To", "Service", "Why", "Routing and policy"], rows),
    ...(declares.length > 0 ? ["", ...declares] : []),
  ].join("\n");
}
