// FRR configuration on a Linux machine (a Kubernetes node or a Linux edge router), delivered over
// SSH. The new file is checked by FRR's own parser before it replaces the old one, then FRR reloads
// only what changed; a file FRR rejects never goes live.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { SshArgs, sshConnection } from "./ssh";

export interface FrrConfigArgs extends SshArgs {
  /** The rendered frr.conf (render/frr.ts). */
  readonly config: string;
}

/** Reads the new config on stdin; constant text, so no value is spliced into the shell. */
export const INSTALL_FRR_CONF = `set -eu
new=$(mktemp /etc/frr/frr.conf.XXXXXX)
trap 'rm -f "$new"' EXIT
cat > "$new"
vtysh -C -f "$new"
chown frr:frr "$new"
chmod 640 "$new"
cp -p /etc/frr/frr.conf /etc/frr/frr.conf.previous 2>/dev/null || true
mv "$new" /etc/frr/frr.conf
trap - EXIT
if [ -x /usr/lib/frr/frr-reload.py ]; then
  /usr/lib/frr/frr-reload.py --reload /etc/frr/frr.conf
else
  systemctl reload frr
fi
`;

export class FrrConfig extends pulumi.ComponentResource {
  constructor(name: string, args: FrrConfigArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:frr:FrrConfig", name, {}, opts);
    if (!args.config.includes("\n")) throw new Error(`FrrConfig ${name}: the config is empty`);
    new command.remote.Command(
      `${name}-frr`,
      {
        connection: sshConnection(args),
        create: INSTALL_FRR_CONF,
        update: INSTALL_FRR_CONF,
        stdin: args.config,
        triggers: [args.config],
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
