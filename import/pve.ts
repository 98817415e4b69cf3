// Proxmox VE cluster files: the SDN section configs (/etc/pve/sdn/*.cfg) and the firewall
// files (/etc/pve/firewall/*.fw), read into the stack's homelab:sdn / homelab:existing.sdn keys.
// Section config format (pve-common's SectionConfig, what pvesh writes): `<type>: <id>` at the
// start of a line opens a section, each indented `<key> <value>` line below belongs to it, a blank
// line or the next header ends it; `#` lines are comments.
import { Report } from "./report";

export interface Section {
  readonly type: string;
  readonly id: string;
  readonly line: number;
  readonly text: string;
  readonly props: readonly { key: string; value: string; line: number; text: string }[];
}

/** The sections of one section-config file; a line that fits neither form is reported. */
export function parseSections(file: string, text: string, report: Report): Section[] {
  const out: {
    type: string;
    id: string;
    line: number;
    text: string;
    props: Section["props"][number][];
  }[] = [];
  let cur: (typeof out)[number] | undefined;
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    const t = raw.replace(/\r$/, "");
    if (t.trim() === "") {
      cur = undefined;
      return;
    }
    if (t.trim().startsWith("#")) return;
    const head = /^([a-z][a-z0-9-]*):\s*(\S+)\s*$/.exec(t);
    if (head) {
      cur = { type: head[1], id: head[2], line, text: t, props: [] };
      out.push(cur);
      return;
    }
    const prop = /^\s+(\S+)(?:\s+(.*?))?\s*$/.exec(t);
    if (prop && cur) {
      cur.props.push({ key: prop[1], value: prop[2] ?? "", line, text: t.trim() });
      return;
    }
    report.reported({
      kind: "Unreadable lines",
      file,
      line,
      text: t,
      why: "neither a `type: id` section header nor an indented `key value` line below one; not read",
    });
  });
  return out;
}

export interface SdnImport {
  /** homelab:sdn: only the keys whose value was read. */
  readonly sdn: Record<string, unknown>;
  readonly existing: { controllers: string[]; zones: string[]; vnets: string[]; subnets: string[] };
}

const SDN_ID = /^[a-z][a-z0-9]{0,7}$/;

/**
 * The SDN objects of a cluster's sdn directory (files by base name: controllers.cfg, zones.cfg,
 * vnets.cfg, subnets.cfg; `path(name)` gives the file name used in the report). What the stack
 * has no key for (a VLAN zone, a VNet's tag, a subnet's gateway, any other file) is reported.
 */
export function importSdn(
  files: ReadonlyMap<string, string>,
  path: (name: string) => string,
  report: Report,
): SdnImport {
  const sdn: Record<string, unknown> = {};
  const existing: SdnImport["existing"] = { controllers: [], zones: [], vnets: [], subnets: [] };
  const unexpressed = (file: string, s: Section, why: string) => {
    report.reported({ kind: "SDN objects", file, line: s.line, text: s.text, why });
    for (const p of s.props)
      report.reported({
        kind: "SDN objects",
        file,
        line: p.line,
        text: p.text,
        why: `part of ${s.type} ${s.id}, which is not imported`,
      });
  };
  const prop = (file: string, s: Section, expressed: Record<string, (v: string) => boolean>) => {
    for (const p of s.props) {
      const take = expressed[p.key];
      if (take && take(p.value)) report.expressed(file);
      else
        report.reported({
          kind: "SDN settings",
          file,
          line: p.line,
          text: p.text,
          why: `${s.type} ${s.id}: the stack derives or has no key for \`${p.key}\`; set it after the first \`pulumi up\` if it must stay`,
        });
    }
  };
  for (const [name, text] of files) {
    const file = path(name);
    const sections = parseSections(file, text, report);
    for (const s of sections) {
      const okId = SDN_ID.test(s.id);
      if (name === "controllers.cfg" && s.type === "evpn" && okId) {
        existing.controllers.push(s.id);
        if (existing.controllers.length === 1) sdn.controller = s.id;
        report.expressed(file);
        prop(file, s, {});
      } else if (name === "zones.cfg" && s.type === "evpn" && okId) {
        existing.zones.push(s.id);
        if (existing.zones.length === 1) sdn.zone = s.id;
        report.expressed(file);
        prop(file, s, {
          controller: (v) => v === sdn.controller,
          exitnodes: (v) => {
            sdn.exitNodes = v.split(",").map((x) => x.trim());
            return true;
          },
          // Proxmox writes the primary exit node and local routing as zone keys (pvesdn.adoc,
          // EVPN zone options); the stack's sdn.primaryExitNode / sdn.exitNodesLocalRouting.
          "exitnodes-primary": (v) => {
            sdn.primaryExitNode = v.trim();
            return true;
          },
          "exitnodes-local-routing": (v) => {
            if (v !== "1" && v !== "0") return false;
            sdn.exitNodesLocalRouting = v === "1";
            return true;
          },
          "advertise-subnets": (v) => {
            sdn.advertiseSubnets = v === "1";
            return true;
          },
        });
      } else if (name === "vnets.cfg" && s.type === "vnet" && okId) {
        existing.vnets.push(s.id);
        report.expressed(file);
        prop(file, s, { zone: (v) => existing.zones.includes(v) || files.has("zones.cfg") });
      } else if (name === "subnets.cfg" && s.type === "subnet") {
        const m = /^[a-z][a-z0-9]*-(.+)-([0-9]{1,3})$/.exec(s.id);
        if (!m) {
          unexpressed(file, s, "not a subnet ID Proxmox writes (`<zone>-<address>-<length>`)");
          continue;
        }
        existing.subnets.push(`${m[1]}/${m[2]}`);
        report.expressed(file);
        const vnet = s.props.find((p) => p.key === "vnet")?.value;
        const snat = s.props.find((p) => p.key === "snat");
        prop(file, { ...s, props: s.props.filter((p) => p !== snat) }, { vnet: () => true });
        if (snat?.value === "0") report.expressed(file);
        else if (snat) {
          // The import writes no tenants (a tenant's prefixes are derived from its ID), so the
          // SNAT of a subnet is named with the key that carries it rather than dropped.
          report.reported({
            kind: "SDN settings",
            file,
            line: snat.line,
            text: snat.text,
            why:
              snat.value === "1"
                ? `subnet ${m[1]}/${m[2]} is SNATed on the exit nodes: set \`snat: true\` on the tenant whose VNet is ${vnet ?? "its VNet"} (tenants[].snat); the import writes no tenants`
                : `subnet ${m[1]}/${m[2]}: \`snat ${snat.value}\` is neither 1 nor 0; Proxmox's \`snat\` is a boolean`,
          });
        }
      } else {
        unexpressed(
          file,
          s,
          okId
            ? `a ${s.type} in ${name}: the stack has one EVPN zone and controller and no key for this kind`
            : `"${s.id}" is not an SDN ID the stack accepts (1-8 lowercase letters or digits)`,
        );
      }
    }
  }
  return { sdn, existing };
}

/**
 * Why a line of a Proxmox firewall file is not in homelab:policy. The policy holds rules between
 * zones a router routes (topology/policy.ts refuses a name that holds no address in one, such as
 * the management network the hosts sit in), and renders the hosts' firewall from them only where
 * no router of the stack enforces it: a rule into the hosts, an IP set or a firewall option has
 * no place in it that means the same. The cluster keeps each line as it is.
 */
function firewallWhy(section: string, line: string): string {
  const keep = "the cluster keeps it as it is";
  if (/^\[/.test(line))
    return `a [${section}] section; its lines are listed below, each with its reason`;
  if (section === "OPTIONS") {
    const key = /^([a-z_]+)\s*:/.exec(line)?.[1] ?? line;
    return key === "policy_in" || key === "policy_out"
      ? `${key}: homelab:policy has defaults per zone for traffic between zones a router routes, not one for traffic into or out of the hosts; ${keep}`
      : `firewall option ${key}: the stack has no key for it; ${keep}`;
  }
  if (section.startsWith("IPSET ") || section.startsWith("ALIASES"))
    return `${section.startsWith("IPSET ") ? `IP set ${section.slice(6)}` : "an alias"}: homelab:policy names networks, hosts and ranges of the plan, not address sets; ${keep}`;
  if (section === "RULES") {
    const dir = /^(IN|OUT|GROUP)\b/.exec(line)?.[1];
    return dir === "GROUP"
      ? `a security group reference: homelab:policy has no groups; ${keep}`
      : `a rule ${dir === "OUT" ? "out of" : "into"} the hosts: homelab:policy holds rules between zones a router routes (traffic within one zone, such as a host's own network, is never filtered) and renders the hosts' firewall from them only where no router of the stack enforces them; if a router routes this traffic, write it as a policy rule by the plan's names; ${keep}`;
  }
  if (section.startsWith("group "))
    return `security group ${section.slice(6)}: homelab:policy has no groups; ${keep}`;
  return `${section || "no section"}: the stack has no key for it; ${keep}`;
}

/**
 * A firewall file (cluster.fw, <vmid>.fw, host.fw): the stack's policy renders the Proxmox
 * firewall itself and reads none back, so every section header and line is reported, each with
 * why homelab:policy cannot hold it (firewallWhy).
 */
export function importFirewall(file: string, text: string, report: Report): void {
  let section = "";
  text.split("\n").forEach((raw, i) => {
    const t = raw.replace(/\r$/, "").trim();
    if (t === "" || t.startsWith("#")) return;
    const head = /^\[([^\]]+)\]$/.exec(t);
    if (head) section = head[1];
    report.reported({
      kind: "Proxmox firewall",
      file,
      line: i + 1,
      text: t,
      why: firewallWhy(section, t),
    });
  });
}
