// Rendered artifacts, extracted from the recorded resource inputs (never rendered again from the
// plan), so that what the preview writes is exactly what `pulumi up` would send.
import { parseAllDocuments } from "yaml";
import { ExternalConfig, externalYaml } from "../render/external";
import { clusterFwText, hostFwText, PveIpSet } from "../render/proxmox/firewall";
import { portableYaml } from "../render/yaml";
import { RecordedResource } from "./run";
import { SECRET_PLACEHOLDER } from "./stack-file";

export interface Artifact {
  /** Path relative to the preview's output folder. */
  readonly path: string;
  readonly text: string;
}

const SAFE = /^[A-Za-z0-9_.-]+$/;

function safeName(name: string): string {
  if (!SAFE.test(name))
    throw new Error(`artifact name ${JSON.stringify(name)} is not a safe file name`);
  return name;
}

/** talos/<node>.yaml: the plan-derived patch each node's machine config is generated from. */
function talosPatches(resources: readonly RecordedResource[]): Artifact[] {
  return resources
    .filter((r) => r.type === "command:local:Command" && typeof r.inputs.stdin === "string")
    .flatMap((r) => {
      const text = r.inputs.stdin as string;
      // Talos v1.12+: a YAML stream whose HostnameConfig names the node; before, one document's
      // machine.network.hostname.
      const docs = parseAllDocuments(text).map(
        (d) =>
          d.toJS() as {
            kind?: string;
            hostname?: string;
            machine?: { network?: { hostname?: string } };
          } | null,
      );
      const host = docs
        .map((d) => (d?.kind === "HostnameConfig" ? d.hostname : d?.machine?.network?.hostname))
        .find((h) => h !== undefined);
      return host ? [{ path: `talos/${safeName(host)}.yaml`, text }] : [];
    });
}

/**
 * The cluster a Kubernetes resource goes to: its provider's name without "-k8s" (each cluster has
 * its own provider, e.g. cluster-101-k8s), so two clusters' objects never share a folder.
 */
function clusterOf(r: RecordedResource): string {
  const urn = r.provider?.split("::").slice(0, -1).join("::") ?? "";
  const name = urn.split("::").pop() ?? "";
  return safeName(name.replace(/-k8s$/, "") || "default");
}

/** k8s/<cluster>/*.yaml: every Kubernetes object, and the Cilium chart's values per chart. */
function kubernetesObjects(resources: readonly RecordedResource[]): Artifact[] {
  const out: Artifact[] = [];
  for (const r of resources) {
    if (!r.type.startsWith("kubernetes:")) continue;
    // The chart is a component the Kubernetes provider expands; its values are our input.
    if (r.type === "kubernetes:helm.sh/v4:Chart") {
      const values = portableYaml(r.inputs.values ?? {}, { lineWidth: 0 });
      out.push({ path: `k8s/${clusterOf(r)}/cilium-values.yaml`, text: values });
      continue;
    }
    if (!r.custom) continue;
    const { apiVersion, kind, metadata, spec } = r.inputs as Record<string, unknown>;
    if (typeof kind !== "string" || typeof apiVersion !== "string") continue;
    const name = (metadata as { name?: string } | undefined)?.name ?? r.name;
    out.push({
      path: `k8s/${clusterOf(r)}/${safeName(kind)}-${safeName(name)}.yaml`,
      text: portableYaml({ apiVersion, kind, metadata, spec }, { lineWidth: 0 }),
    });
  }
  return out;
}

/** routeros/<router>.rsc: the reconcile script each router's remote command runs. */
function routerOsScripts(resources: readonly RecordedResource[]): Artifact[] {
  return resources
    .filter((r) => r.type === "command:remote:Command" && Array.isArray(r.inputs.triggers))
    .flatMap((r) => {
      const text = (r.inputs.triggers as unknown[])[0];
      if (typeof text !== "string") return [];
      const router = /^# RouterOS [0-9.]+ reconcile script for router ([a-z0-9-]+),/.exec(
        text,
      )?.[1];
      return router ? [{ path: `routeros/${safeName(router)}.rsc`, text }] : [];
    });
}

/** frr/<host>.conf: the frr.conf each FRR machine receives on stdin. */
function frrConfigs(resources: readonly RecordedResource[]): Artifact[] {
  return resources
    .filter((r) => r.type === "command:remote:Command" && typeof r.inputs.stdin === "string")
    .flatMap((r) => {
      const text = r.inputs.stdin as string;
      const host = /^hostname ([A-Za-z0-9-]+)$/m.exec(text)?.[1];
      return host ? [{ path: `frr/${safeName(host)}.conf`, text }] : [];
    });
}

/** nftables/<router>.nft: the ruleset each Linux router's remote command receives on stdin. */
function nftRulesets(resources: readonly RecordedResource[]): Artifact[] {
  return resources
    .filter((r) => r.type === "command:remote:Command" && typeof r.inputs.stdin === "string")
    .flatMap((r) => {
      const text = r.inputs.stdin as string;
      const router = /^# nftables ruleset of router ([a-z0-9-]+),/m.exec(text)?.[1];
      return router ? [{ path: `nftables/${safeName(router)}.nft`, text }] : [];
    });
}

/**
 * proxmox-firewall/cluster.fw and <host>.fw: the datacenter options and IP sets, and each host's
 * rules, from the firewall resources' inputs, in Proxmox's own file format.
 */
function proxmoxFirewallFiles(resources: readonly RecordedResource[]): Artifact[] {
  const of = (t: string) => resources.filter((r) => r.type === t);
  const cluster = of("proxmoxve:cluster/firewallLegacy:FirewallLegacy")[0];
  const rules = of("proxmoxve:firewall/rulesLegacy:RulesLegacy").filter(
    (r) => typeof r.inputs.nodeName === "string" && r.inputs.vmId === undefined,
  );
  if (!cluster && rules.length === 0) return [];
  const o = (cluster?.inputs ?? {}) as Record<string, unknown>;
  const options: Record<string, string> = {
    enable: o.enabled === true ? "1" : "0",
    ...(typeof o.inputPolicy === "string" ? { policy_in: o.inputPolicy } : {}),
    ...(typeof o.outputPolicy === "string" ? { policy_out: o.outputPolicy } : {}),
  };
  const ipsets = of("proxmoxve:firewall/ipsetLegacy:IpsetLegacy")
    .filter((r) => r.inputs.nodeName === undefined && r.inputs.vmId === undefined)
    .map((r) => r.inputs as unknown as PveIpSet);
  return [
    { path: "proxmox-firewall/cluster.fw", text: clusterFwText(options, ipsets) },
    ...rules.map((r) => {
      const node = safeName(r.inputs.nodeName as string);
      const list = (r.inputs.rules ?? []) as Parameters<typeof hostFwText>[1];
      return { path: `proxmox-firewall/${node}.fw`, text: hostFwText(node, list) };
    }),
  ];
}

/** external/<device>.yaml: what each external device must hold and say, from the stack outputs. */
function externalDocs(outputs: Record<string, unknown>): Artifact[] {
  const list = (outputs.external ?? []) as ExternalConfig[];
  return list.map((c) => ({ path: `external/${safeName(c.device)}.yaml`, text: externalYaml(c) }));
}

/**
 * cloud-init/<vm>/user-data and network-config: the snippets each cloud-init VM boots with. User
 * data that holds SSH keys is a secret (the SDK then records its whole `sourceRaw` as one): it is
 * written as "[secret]" under the name of its sibling network config, as everywhere in the preview.
 */
function cloudInitFiles(resources: readonly RecordedResource[]): Artifact[] {
  const snippets = resources.filter((r) => r.type === "proxmoxve:index/fileLegacy:FileLegacy");
  // Snippets are named by VM ID (render/proxmox/uploads.ts); the folder is named by the VM's name.
  const vmNames = new Map(
    resources
      .filter((r) => r.type === "proxmoxve:index/vmLegacy:VmLegacy")
      .map((r) => [Number(r.inputs.vmId), String(r.inputs.name)]),
  );
  const named = (r: RecordedResource) => {
    const raw = r.inputs.sourceRaw as { data?: unknown; fileName?: unknown } | string | undefined;
    if (typeof raw !== "object" || typeof raw.fileName !== "string") return undefined;
    const m = /^homelab-vm(\d+)-(user-data|network-config)\.yaml$/.exec(raw.fileName);
    const vm = m ? vmNames.get(Number(m[1])) : undefined;
    return m && vm !== undefined ? { vm, what: m[2], data: raw.data } : undefined;
  };
  return snippets.flatMap((r) => {
    const own = named(r);
    if (own && typeof own.data === "string") {
      const text = own.data.endsWith("\n") ? own.data : `${own.data}\n`;
      return [{ path: `cloud-init/${safeName(own.vm)}/${own.what}`, text }];
    }
    if (r.inputs.sourceRaw !== SECRET_PLACEHOLDER || !r.name.endsWith("-user-data")) return [];
    const sibling = snippets
      .filter((x) => x.parent === r.parent && x !== r)
      .map(named)
      .find((x) => x?.what === "network-config");
    return sibling
      ? [{ path: `cloud-init/${safeName(sibling.vm)}/user-data`, text: `${SECRET_PLACEHOLDER}\n` }]
      : [];
  });
}

export function extractArtifacts(
  resources: readonly RecordedResource[],
  outputs: Record<string, unknown> = {},
): Artifact[] {
  const all = [
    ...externalDocs(outputs),
    ...proxmoxFirewallFiles(resources),
    ...nftRulesets(resources),
    ...talosPatches(resources),
    ...cloudInitFiles(resources),
    ...kubernetesObjects(resources),
    ...routerOsScripts(resources),
    ...frrConfigs(resources),
  ];
  const seen = new Set<string>();
  for (const a of all) {
    if (seen.has(a.path)) throw new Error(`two artifacts would be written to ${a.path}`);
    seen.add(a.path);
  }
  return all;
}
