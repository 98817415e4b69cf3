// A MikroTik RouterOS router, reconciled over SSH: one remote command per router per apply. The
// rendered script is installed as a RouterOS system script and run, so the whole reconcile is one
// SSH session; destroy runs the matching script that removes exactly this stack's entries.
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { SshArgs, sshConnection } from "./ssh";
import { quote } from "../render/routeros";

export interface RouterOsRouterArgs extends SshArgs {
  /** The reconcile script (render/routeros.ts). */
  readonly script: string;
  /** The script that removes this stack's managed entries. */
  readonly destroyScript: string;
  /** System script name on the router (one per stack). */
  readonly scriptName: string;
}

/** One RouterOS command line that installs `source` as system script `name` and runs it. */
export function runAsSystemScript(name: string, source: string): string {
  const n = quote(name);
  return [
    `/system/script/remove [find where name=${n}]`,
    `/system/script/add name=${n} source=${quote(source)}`,
    `/system/script/run ${n}`,
    `/system/script/remove [find where name=${n}]`,
  ].join("; ");
}

export class RouterOsRouter extends pulumi.ComponentResource {
  /** What the last reconcile printed: one line per change, nothing when nothing changed. */
  public readonly changes: pulumi.Output<string>;

  constructor(name: string, args: RouterOsRouterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:routeros:RouterOsRouter", name, {}, opts);
    if (!/^[A-Za-z0-9_-]+$/.test(args.scriptName)) {
      throw new Error(
        `RouterOsRouter ${name}: script name "${args.scriptName}" must be letters, digits, _ or -`,
      );
    }
    const reconcile = runAsSystemScript(args.scriptName, args.script);
    const run = new command.remote.Command(
      `${name}-reconcile`,
      {
        connection: sshConnection(args),
        create: reconcile,
        update: reconcile,
        delete: runAsSystemScript(`${args.scriptName}-destroy`, args.destroyScript),
        // Re-run whenever the desired state, and so the script, changes; the script text is the
        // trigger, which also makes it readable in the preview's record.
        triggers: [args.script],
      },
      { parent: this },
    );
    this.changes = run.stdout;
    this.registerOutputs({ changes: this.changes });
  }
}
