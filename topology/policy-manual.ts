// The policy's Manual steps: for each router this stack does not configure, its firewall rules in
// order (every destination the Proxmox hosts do not filter themselves), so that the table a user
// types into the gateway's UI is generated from the same policy as everything that is rendered.
import { Plan } from "../addressing/plan-types";
import { filterLines } from "./policy-lines";
import { lineText } from "./policy-text";
import { ManualStep, Topology } from "./types";

/** One step per filter line of every manual point, after one step saying what the hosts do. */
export function policyManualSteps(_plan: Plan, t: Omit<Topology, "manualSteps">): ManualStep[] {
  const p = t.policy;
  if (!p) return [];
  const hosts = p.points.filter((x) => x.kind === "proxmox").map((x) => x.device);
  return p.points.flatMap((point): ManualStep[] => {
    if (point.kind !== "manual") return [];
    const lines = filterLines(p, point).filter((l) => !l.tag.startsWith("intra="));
    const head: ManualStep = {
      device: point.device,
      what: `firewall between zones (inter-VLAN / LAN-in and WAN-in rules): the ${lines.length} rules below, in this order, above any rule that allows everything; traffic within a zone is not filtered`,
      why:
        hosts.length > 0
          ? `homelab:policy; traffic to the Proxmox hosts (${hosts.join(", ")}) is filtered by their own firewall, rendered by this stack`
          : "homelab:policy",
    };
    return [
      head,
      ...lines.map((l, i) => ({
        device: point.device,
        what: `firewall rule ${i + 1}: ${lineText(p, l, point.domain)}`,
        why: `${l.path}${l.tag.startsWith("rule=") ? ` (${l.tag.slice(5)})` : " (zone default)"}`,
      })),
    ];
  });
}
