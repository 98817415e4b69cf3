// The policy's nftables ruleset on a Linux router, delivered over SSH: checked by `nft -c` on the
// router before it is installed, then loaded in one transaction that replaces exactly this stack's
// table; kept in /etc/nftables.d/ (included from /etc/nftables.conf) so that it survives a reboot.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { SshArgs, sshConnection } from "./ssh";

/** Where the ruleset goes (SSH) and what it is. */
export interface NftablesRulesetArgs extends SshArgs {
  /** The rendered ruleset (render/nftables/ruleset.ts). */
  readonly ruleset: string;
  /** Its table (nftTableName in render/nftables/ruleset.ts): what destroy deletes. */
  readonly table: string;
}

const INCLUDE = 'include "/etc/nftables.d/*.nft"';

/**
 * Reads the ruleset on stdin; constant text, so no value is spliced into the shell. The table name
 * comes from the file itself, and only a `homelab_` table is accepted.
 */
export const INSTALL_NFTABLES = `set -eu
new=$(mktemp /tmp/homelab-nft.XXXXXX)
trap 'rm -f "$new"' EXIT
cat > "$new"
nft -c -f "$new"
table=$(sed -n 's/^table inet \\(homelab_[A-Za-z0-9_]*\\)$/\\1/p' "$new" | head -n 1)
[ -n "$table" ]
mkdir -p /etc/nftables.d
install -m 600 "$new" "/etc/nftables.d/$table.nft"
nft -f "/etc/nftables.d/$table.nft"
grep -qxF '${INCLUDE}' /etc/nftables.conf 2>/dev/null || echo '${INCLUDE}' >> /etc/nftables.conf
systemctl enable nftables.service >/dev/null 2>&1 || true
`;

/** Removes exactly the stack's table and its file. */
export function removeTable(table: string): string {
  if (!/^homelab_[A-Za-z0-9_]+$/.test(table)) throw new Error(`not a stack table: ${table}`);
  return `nft delete table inet ${table} 2>/dev/null || true\nrm -f /etc/nftables.d/${table}.nft\n`;
}

/** Throws unless `ruleset` is a rendered ruleset that owns exactly `table`. */
export function checkRuleset(name: string, ruleset: string, table: string): void {
  if (!ruleset.startsWith("#!/usr/sbin/nft -f\n")) {
    throw new Error(`NftablesRuleset ${name}: not a rendered nftables ruleset`);
  }
  const tables = [...ruleset.matchAll(/^table inet (\S+)/gm)].map((m) => m[1]);
  if (tables.length === 0 || tables.some((t) => t !== table)) {
    throw new Error(`NftablesRuleset ${name}: the ruleset must own table ${table} only`);
  }
}

/**
 * One remote command per router: installs the ruleset (create, update: re-run when the text
 * changes) and drops the stack's table on destroy.
 */
export class NftablesRuleset extends pulumi.ComponentResource {
  constructor(name: string, args: NftablesRulesetArgs, opts?: pulumi.ComponentResourceOptions) {
    checkRuleset(name, args.ruleset, args.table);
    super("homelab:linux:NftablesRuleset", name, {}, opts);
    const destroy = removeTable(args.table);
    new command.remote.Command(
      `${name}-nftables`,
      {
        connection: sshConnection(args),
        create: INSTALL_NFTABLES,
        update: INSTALL_NFTABLES,
        delete: destroy,
        stdin: args.ruleset,
        triggers: [args.ruleset],
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
