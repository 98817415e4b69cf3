// The owner's expectations in the inventory: one row per expectation with what it asks, what the
// plan checked it against, and the flow, session or VIP the twin probes. Pure: topology in,
// Markdown out.
import { Expectation } from "../../topology/expect";
import { Topology } from "../../topology/types";
import { ownerCell, table, text } from "./table";

function what(e: Expectation): [string, string] {
  if (e.kind === "session") {
    const [a, b] = e.ends;
    return [`BGP session Established`, `${a.device} ${a.address} ~ ${b.device} ${b.address}`];
  }
  if (e.kind === "failover")
    return [
      `answers from another holder when its holder stops`,
      `${e.vip} (${e.holders.join(", ")})`,
    ];
  const svc = e.protocol === "icmp" ? "icmp" : `${e.protocol} ${e.port}`;
  const verb = e.kind === "reach" ? "gets through" : "is dropped";
  const n = e.classes;
  return [
    `${e.from.name} -> ${e.to.name} ${svc} ${verb} (policy: ${n} address class pair${n === 1 ? "" : "s"} checked)`,
    `${e.probe.src} -> ${e.probe.dst} ${svc}`,
  ];
}

/** The "Expectations" section; undefined without homelab:expect. */
export function expectSection(topology: Topology): string | undefined {
  const list = topology.expectations ?? [];
  if (list.length === 0) return undefined;
  const rows = list.map((e) => {
    const [asks, probe] = what(e);
    return [ownerCell(e.name), e.kind, text(asks), text(probe)];
  });
  return [
    "## Expectations",
    "",
    "The owner's expectations (`homelab:expect`): each was checked against the plan's policy and sessions, and the twin probes it by name (`expect <name>`).",
    "",
    table(["Expectation", "Kind", "What must hold", "Twin probe"], rows),
  ].join("\n");
}
