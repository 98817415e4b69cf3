// A model of the Proxmox VE host firewall for the packet probes: reads the preview's
// proxmox-firewall/cluster.fw and <host>.fw (Proxmox's own file format) and writes the nftables
// ruleset that behaves as pve-firewall's host input chain does for them. What it assumes about
// Proxmox (pve-firewall's PVEFW-HOST-IN, PVE 8): loopback accepted, invalid dropped, replies
// accepted, then the host's rules in file order, then the cluster's input policy; IP set entries
// written `!cidr` (nomatch) are excluded from the set; `-dest` is a comma list of one family; the
// implicit rules for the `management` IP set come after the host's rules, so under an ACCEPT
// policy they change nothing and are not modelled. Anything else in the files fails the model.

interface FwRule {
  readonly action: string;
  readonly source?: string;
  readonly dest?: string;
  readonly proto?: string;
  readonly dport?: string;
  readonly log?: string;
  readonly comment: string;
}

/** `[SECTION name]` blocks of a .fw file: section header -> its lines (comments dropped). */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const head = /^\[([A-Z]+(?: [A-Za-z0-9_-]+)?)\](?:\s+#.*)?$/.exec(line);
    if (head) {
      current = [];
      out.set(head[1], current);
    } else if (current) current.push(line);
    else throw new Error(`pve-firewall model: line outside a section: ${line}`);
  }
  return out;
}

function parseRule(line: string): FwRule {
  const [body, ...comment] = line.split(" # ");
  const words = body.split(/\s+/);
  if (words[0] !== "IN") throw new Error(`pve-firewall model: only IN rules: ${line}`);
  const action = words[1];
  if (!["ACCEPT", "DROP", "REJECT"].includes(action)) {
    throw new Error(`pve-firewall model: unknown action in ${line}`);
  }
  const opts: Record<string, string> = {};
  for (let i = 2; i < words.length; i += 2) {
    const key = words[i];
    if (!["-source", "-dest", "-p", "-dport", "-log"].includes(key) || words[i + 1] === undefined) {
      throw new Error(`pve-firewall model: unknown option ${key} in ${line}`);
    }
    opts[key] = words[i + 1];
  }
  return {
    action,
    source: opts["-source"],
    dest: opts["-dest"],
    proto: opts["-p"],
    dport: opts["-dport"],
    log: opts["-log"],
    comment: comment.join(" # "),
  };
}

const family = (cidr: string) => (cidr.includes(":") ? 6 : 4);
const setName = (ipset: string, f: number, nomatch: boolean) =>
  `${ipset.replace(/[^A-Za-z0-9_]/g, "_")}${nomatch ? "_nomatch" : ""}_v${f}`;

/** The nftables text of one host's firewall (table `inet pve_model`, replaced on load). */
export function pveFirewallToNft(clusterFw: string, hostFw: string): string {
  const cluster = sections(clusterFw);
  const options = new Map(
    (cluster.get("OPTIONS") ?? []).map((l) => l.split(/:\s*/) as [string, string]),
  );
  const policy = (options.get("policy_in") ?? "DROP") === "ACCEPT" ? "accept" : "drop";
  const enabled = options.get("enable") === "1";
  const ipsets = new Map<string, { cidr: string; nomatch: boolean }[]>();
  for (const [head, lines] of cluster) {
    if (!head.startsWith("IPSET ")) continue;
    // pve-firewall (PVE/Firewall.pm, parse_clusterfw_config) marks such an entry as an error
    // and leaves it out of the set; the API refuses it (PVE/API2/Firewall/IPSet.pm).
    const zero = lines.find((l) => /\/0+$/.test(l));
    if (zero) {
      throw new Error(
        `pve-firewall model: ${zero} in IP set ${head.slice(6)}: a zero prefix is not allowed in ipset entries`,
      );
    }
    ipsets.set(
      head.slice(6),
      lines.map((l) => ({ cidr: l.replace(/^!/, ""), nomatch: l.startsWith("!") })),
    );
  }
  const host = sections(hostFw);
  const hostEnabled = (host.get("OPTIONS") ?? []).includes("enable: 1");
  const rules = (host.get("RULES") ?? []).map(parseRule);
  const sets: string[] = [];
  for (const [name, entries] of ipsets) {
    for (const f of [4, 6]) {
      for (const nomatch of [false, true]) {
        const el = entries.filter((e) => e.nomatch === nomatch && family(e.cidr) === f);
        if (el.length === 0) continue;
        sets.push(
          `\tset ${setName(name, f, nomatch)} { type ipv${f}_addr; flags interval; elements = { ${el.map((e) => e.cidr).join(", ")} }; }`,
        );
      }
    }
  }
  const lines = rules.flatMap((r) => {
    const dests = (r.dest ?? "").split(",").filter(Boolean);
    const f = dests.length > 0 ? family(dests[0]) : 4;
    const ip = f === 4 ? "ip" : "ip6";
    const parts: string[] = [`meta nfproto ipv${f}`];
    if (r.source) {
      const name = r.source.replace(/^\+/, "");
      const set = ipsets.get(name);
      if (!set) throw new Error(`pve-firewall model: unknown IP set ${r.source}`);
      if (set.some((e) => !e.nomatch && family(e.cidr) === f)) {
        parts.push(`${ip} saddr @${setName(name, f, false)}`);
      } else return [];
      if (set.some((e) => e.nomatch && family(e.cidr) === f)) {
        parts.push(`${ip} saddr != @${setName(name, f, true)}`);
      }
    }
    if (dests.length > 0) parts.push(`${ip} daddr { ${dests.join(", ")} }`);
    if (r.proto) parts.push(`meta l4proto ${r.proto}`);
    if (r.dport) parts.push(`th dport { ${r.dport.replace(/:/g, "-").split(",").join(", ")} }`);
    if (r.log && r.log !== "nolog") parts.push(`log prefix "pve ${r.comment} "`);
    parts.push(r.action === "ACCEPT" ? "accept" : r.action === "DROP" ? "drop" : "reject");
    parts.push(`comment "${r.comment}"`);
    return [`\t\t${parts.join(" ")}`];
  });
  const active = enabled && hostEnabled;
  return [
    "table inet pve_model",
    "delete table inet pve_model",
    "table inet pve_model {",
    ...sets,
    "\tchain input {",
    `\t\ttype filter hook input priority filter; policy ${active ? policy : "accept"};`,
    ...(active
      ? [
          '\t\tiifname "lo" accept',
          "\t\tct state invalid drop",
          "\t\tct state established,related accept",
          ...lines,
        ]
      : []),
    "\t}",
    "}",
    "",
  ].join("\n");
}
