// The management path: Pulumi reaches each router it configures over SSH (one remote.Command per
// router runs the reconcile script on routers[].ssh.host, components/), so a policy that drops
// that connection locks the stack out of the router after the first `pulumi up` applies it.
import { Address } from "../addressing/ip";
import { Plan } from "../addressing/plan-types";
import { Problem } from "../addressing/problems";
import { AddressSet } from "./address-set";
import { decide, flowsBetween } from "./policy-eval";
import { Policy } from "./policy-types";
import { prefixesOf } from "./segments";

/**
 * A policy that denies Pulumi's SSH connection to a router it configures. The source is the
 * management network (global.management; the `management` zone where a router holds an address
 * on it): the machine that runs Pulumi reaches the Proxmox API there (proxmox.endpoint defaults
 * to the first host's management address), and the policy cannot name that machine otherwise.
 * Every address class of the management network the policy tells apart (flowsBetween) is decided
 * (decide) for TCP to routers[].ssh.port at routers[].ssh.host, in ssh.host's family: the first
 * class a rule or a factory (`defconf`) drop denies is reported, naming what denies it. Only
 * checked where ssh.host is an address the router holds (the policy's own router addresses): a
 * DNS name, or an address of something else (a NAT in front of the router), is not the policy's
 * to decide. The message names ssh.host by its path, as it may be a secret.
 */
export function managementProblems(plan: Plan, p: Policy): Problem[] {
  const zone = p.zones.find((z) => z.name === "management");
  const management = zone?.set ?? AddressSet.of(prefixesOf(plan.global.management));
  const out: Problem[] = [];
  plan.routers.forEach((router, i) => {
    const ssh = router.ssh;
    if (!ssh || router.os === "external") return;
    const host = Address.parse(ssh.host);
    if (!host.ok || !p.routers.has(host.value)) return;
    const flows = flowsBetween(p, management.only(host.value.family), AddressSet.of([host.value]), {
      protocol: "tcp",
      port: ssh.port,
    });
    for (const f of flows) {
      const d = decide(p, f);
      if (d.action !== "deny") continue;
      const what = `drops SSH (TCP ${ssh.port}) from the management network to routers[${i}].ssh.host, where Pulumi runs ${router.name}'s reconcile script: every pulumi up after the one that applies it would fail`;
      const rule = `{ name: ${router.name}-ssh-from-management, from: management, to: ${router.name}, protocol: tcp, ports: [${ssh.port}], action: allow }`;
      if (d.by.kind === "rule") {
        const r = p.rules[d.by.index];
        out.push({ path: r.path, input: r.name, message: what, fix: `add above it: ${rule}` });
      } else if (d.by.kind === "defconf") {
        out.push({
          path: d.by.path,
          input: d.by.rule,
          message: `${router.name}'s factory firewall (${d.by.rule}; the management network is kept out of LAN, as its zone's default is deny) ${what}`,
          fix: `add under policy.rules: ${rule} (the script places the policy's rules above the factory drops)`,
        });
      }
      break;
    }
  });
  return out;
}
