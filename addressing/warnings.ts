// Questionable but legal choices: what a reviewer would flag, though a site may make them on
// purpose. Reported with the preview's summary and listed in the inventory; they never fail a run.
import { Prefix } from "./ip";
import { Plan } from "./plan-types";
import { Problem } from "./problems";
import {
  ROUTEROS_DEFAULT_VERSION,
  ROUTEROS_LONG_TERM,
  ROUTEROS_VERSIONS_TEXT,
  isSupportedRouterOs,
  ROUTEROS_MINORS,
  routerOsMinor,
} from "./routeros-versions";
import { specialPurposeProblems } from "./special-purpose";
import { dnsRecordWarnings } from "./dns-record-warnings";

const FC00 = Prefix.of(6, 0xfcn << 120n, 8);

/**
 * Every warning of a plan, as problems (path, input, what is questionable; why it may still be
 * right). Rules:
 * - a prefix or address of the plan in 100.64.0.0/10 (RFC 6598, carrier-grade NAT) or
 *   198.18.0.0/15 (RFC 2544, benchmarking): private in effect, but others on the path use them;
 * - an IPv6 space or allocation in fc00::/8: RFC 4193 defines only fd00::/8 (L = 1) for local use;
 * - a cluster with an even number of control-plane nodes: etcd needs a majority, so 2 tolerate no
 *   failure and 4 tolerate one, no more than 1 and 3 do (etcd FAQ, "Why an odd number");
 * - cloud-init VMs without homelab:vmSshKeys: cloud images allow no password login, so nobody
 *   (and no FRR delivery over SSH) gets in until keys are set;
 * - VLAN ID 1 for a tenant's VMs: it is the default VLAN (PVID) of Linux VLAN-aware bridges,
 *   Proxmox's included, and of most switches, so its frames leave untagged and share the
 *   untagged network (IEEE 802.1Q's default PVID is 1). A segment may be that untagged network
 *   on purpose (a UniFi "Default" network is VLAN 1), so segments are not warned about;
 * - a RouterOS router address that is the one Pulumi reaches it at (`ssh.host`): the reconcile
 *   script adopts the address Pulumi logs in through (the router holds it already), and the
 *   destroy script releases it (comment restored, entry kept; script.ts `release`);
 * - a RouterOS router whose `version` is outside the releases whose property names are sourced
 *   (addressing/routeros-versions.ts): the script is still written, with the names the table
 *   gives for that minor, but nothing checked them against that release;
 * - a router's static DNS record pointing into the site's prefixes at an address nothing in the
 *   plan holds (addressing/dns-record-warnings.ts).
 */
export function warnings(
  plan: Pick<Plan, "global" | "tenants"> &
    Partial<Pick<Plan, "vms" | "vmSshKeys" | "routers" | "facts" | "segments">>,
): Problem[] {
  const out: Problem[] = plan.facts ? specialPurposeProblems(plan.facts, "warn") : [];
  for (const [name, dual] of Object.entries(plan.global)) {
    const p = dual?.ipv6;
    if (p && FC00.contains(p)) {
      out.push({
        path: `global.${name}.ipv6`,
        input: p.toString(),
        message: "is in fc00::/8, which RFC 4193 leaves undefined (only fd00::/8 is for local use)",
        fix: "fine inside one site; an fd00::/8 prefix with a random global ID avoids future clashes",
      });
    }
  }
  plan.tenants.forEach((t, i) => {
    const k = t.kubernetes;
    if (!k) return;
    const cps = k.nodes.filter((n) => n.role === "controlplane").length;
    if (cps > 0 && cps % 2 === 0) {
      out.push({
        path: `tenants[${i}].kubernetes.nodes`,
        input: `${cps} control-plane nodes`,
        message: `is an even number: etcd's quorum of ${cps / 2 + 1} tolerates ${cps / 2 - 1} failure${cps / 2 - 1 === 1 ? "" : "s"}, as ${cps - 1} node${cps === 2 ? "" : "s"} would`,
        fix: `run ${cps - 1} or ${cps + 1} control-plane nodes`,
      });
    }
  });
  const nodes = plan.tenants.reduce(
    (n, t) => n + (t.kubernetes?.nodeOs === "linux" ? t.kubernetes.nodes.length : 0),
    0,
  );
  const linux = nodes + (plan.vms?.length ?? 0);
  if (linux > 0 && plan.vmSshKeys === false) {
    out.push({
      path: "homelab:vmSshKeys",
      input: "",
      // FRR goes to the Linux nodes only (over SSH); a site of plain VMs is told nothing of it.
      message: `is not set: ${linux === 1 ? "the 1 cloud-init VM boots" : `the ${linux} cloud-init VMs boot`} with no SSH key, and cloud images allow no password login${nodes > 0 ? " (FRR is delivered over SSH)" : ""}`,
      fix: 'add your public key to the stack file, e.g. homelab:vmSshKeys: "ssh-ed25519 AAAA... you@laptop" (the line of ~/.ssh/id_ed25519.pub; a public key is not a secret)',
    });
  }
  plan.tenants.forEach((t, i) => {
    if (t.vlan !== 1) return;
    out.push({
      path: `tenants[${i}].vlan`,
      input: "1",
      message:
        "is the default VLAN (PVID) of VLAN-aware bridges and most switches: the VMs' frames leave untagged and mix with the untagged network, management included",
      fix: "use a VLAN ID from 2 to 4094",
    });
  });
  (plan.routers ?? []).forEach((r, i) => {
    if (r.os !== "routeros" || isSupportedRouterOs(r.version)) return;
    const minor = routerOsMinor(r.version) ?? 0;
    const newest = Math.max(...ROUTEROS_MINORS);
    if (minor > newest) {
      // A later release: the script uses the newest sourced names, which later releases keep
      // unless their changelog says otherwise; upgrading is not the fix.
      out.push({
        path: `routers[${i}].version`,
        input: r.version,
        message: `is newer than the RouterOS releases this program's property names are sourced for (${ROUTEROS_VERSIONS_TEXT}): the script is written with 7.${newest}'s names`,
        fix: `check the changelogs from 7.${newest + 1} to ${r.version} for renamed properties (https://mikrotik.com/download/changelogs), and try the script with npm run plan -- --routeros-base ${r.name}=<its /export>`,
      });
      return;
    }
    // "7.2" is a 2022 release, or "7.20" mistyped.
    const tens = `7.${minor}0`;
    const typo =
      minor < 10 && isSupportedRouterOs(tens) ? `; if it runs ${tens}, write "${tens}"` : "";
    out.push({
      path: `routers[${i}].version`,
      input: r.version,
      message: `is older than the RouterOS releases this program's property names are sourced for (${ROUTEROS_VERSIONS_TEXT})`,
      fix: `upgrade the router to ${ROUTEROS_DEFAULT_VERSION} (stable) or ${ROUTEROS_LONG_TERM} (long-term) and set the version to match${typo}`,
    });
  });
  for (const r of plan.routers ?? []) {
    if (r.os !== "routeros" || !r.ssh) continue;
    for (const a of r.addresses) {
      if (a.address.toString() !== r.ssh.host) continue;
      out.push({
        path: a.path,
        input: `${a.address}/${a.length}`,
        message: `is the address Pulumi reaches ${r.name} at (ssh.host): the router holds it before the first run, so the reconcile script adopts it, and \`pulumi destroy\` (or leaving it out of the stack) releases it: its comment goes back to what it was and the address stays; only moving it to another interface or length in the stack would cut Pulumi and you off the router, and the script refuses that as a conflict`,
        fix: "leave it in the stack to have the plan own it, or take it out: the router keeps it either way",
      });
    }
  }
  if (plan.routers && plan.facts && plan.segments)
    out.push(
      ...dnsRecordWarnings({
        tenants: plan.tenants,
        routers: plan.routers,
        facts: plan.facts,
        segments: plan.segments,
      }),
    );
  return out;
}
