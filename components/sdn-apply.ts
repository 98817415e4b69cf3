// The stack's single SDN apply. Proxmox keeps SDN writes pending until they are applied, and an
// apply is cluster-wide and takes a lock, so a stack has exactly one, after every SDN object, and
// it runs again (is replaced) whenever the SDN part of the plan changes.
import * as proxmoxve from "@muhlba91/pulumi-proxmoxve";
import * as pulumi from "@pulumi/pulumi";

export interface SdnApplyArgs {
  /** Every SDN object of the stack: the apply waits for all of them. */
  readonly objects: pulumi.Input<pulumi.Resource>[];
  /** A digest of the whole SDN plan: when it changes, the apply runs again. */
  readonly digest: string;
}

let created: string | undefined;

export class SdnApply extends pulumi.ComponentResource {
  /** The digest the last apply ran for. */
  public readonly digest: string;

  constructor(name: string, args: SdnApplyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:proxmox:SdnApply", name, {}, opts);
    if (created !== undefined && created !== pulumi.getStack()) created = undefined;
    if (created !== undefined) {
      throw new Error(
        `SdnApply ${name}: a stack applies SDN exactly once, and ${created} already does`,
      );
    }
    if (args.objects.length === 0) throw new Error(`SdnApply ${name}: nothing to apply`);
    created = pulumi.getStack();
    new proxmoxve.sdn.Applier(
      `${name}-applier`,
      { onCreate: true, onDestroy: true },
      { parent: this, dependsOn: args.objects, replacementTrigger: args.digest },
    );
    this.digest = args.digest;
    this.registerOutputs({ digest: this.digest });
  }
}
