// The stand-in for a router this stack does not configure: the firewall rules of its document
// (external/<device>.yaml, written by the preview) as an nftables forward chain, in order, after
// the replies of allowed connections. The stand-in shows that the rules the inventory asks the
// operator to type in are complete and right; it cannot show that the real device applies them.
import { parse } from "yaml";
import { ExternalFirewallRule, ExternalSide } from "../../render/external/firewall";

function side(family: "ipv4" | "ipv6", dir: "saddr" | "daddr", s: ExternalSide): string {
  const ip = family === "ipv4" ? "ip" : "ip6";
  if (s === "any") return "";
  if ("in" in s) return `${ip} ${dir} { ${s.in.join(", ")} } `;
  return `${ip} ${dir} != { ${s.notIn.join(", ")} } `;
}

function ruleLine(r: ExternalFirewallRule): string {
  const match = side(r.family, "saddr", r.from) + side(r.family, "daddr", r.to);
  const family = match === "" ? `meta nfproto ${r.family} ` : "";
  const proto =
    r.protocol === undefined
      ? ""
      : r.protocol === "icmp"
        ? `meta l4proto ${r.family === "ipv4" ? "icmp" : "ipv6-icmp"} `
        : r.ports
          ? `${r.protocol} dport { ${r.ports.split(",").join(", ")} } `
          : `meta l4proto ${r.protocol} `;
  const log = r.log ? `log prefix "${r.rule} " ` : "";
  return `${family}${match}${proto}${log}${r.action === "allow" ? "accept" : "drop"} comment "homelab:${r.rule}"`;
}

/** The nftables ruleset (table `inet standin`, replaced on load) of an external device's document. */
export function externalFirewallToNft(document: string): string {
  const doc = parse(document) as { device?: string; firewall?: ExternalFirewallRule[] };
  if (!doc.firewall) throw new Error(`external device ${doc.device ?? "?"}: no firewall rules`);
  return [
    `# stand-in for ${doc.device}: the firewall rules of its document`,
    "table inet standin",
    "delete table inet standin",
    "table inet standin {",
    "\tchain forward {",
    "\t\ttype filter hook forward priority filter; policy accept;",
    "\t\tct state established,related accept",
    "\t\tct state invalid drop",
    ...doc.firewall.map((r) => `\t\t${ruleLine(r)}`),
    "\t}",
    "}",
    "",
  ].join("\n");
}
