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

/**
 * The apply of each run of the program, by the run's root stack resource: a new run (a
 * `pulumi up`, or the next offline preview in the same process) has a new one, so nothing of a
 * previous run is remembered here.
 */
const applies = new WeakMap<pulumi.Resource, string>();

export class SdnApply extends pulumi.ComponentResource {
  /** The digest the last apply ran for. */
  public readonly digest: string;

  constructor(name: string, args: SdnApplyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("homelab:proxmox:SdnApply", name, {}, opts);
    const run = pulumi.runtime.getStackResource();
    const first = run ? applies.get(run) : undefined;
    if (first !== undefined) {
      throw new Error(
        `SdnApply ${name}: a stack applies SDN exactly once, and SdnApply ${first} already does in stack ${pulumi.getStack()}`,
      );
    }
    if (args.objects.length === 0) throw new Error(`SdnApply ${name}: nothing to apply`);
    if (run) applies.set(run, name);
    new proxmoxve.sdn.Applier(
      `${name}-applier`,
      { onCreate: true, onDestroy: true },
      { parent: this, dependsOn: args.objects, replacementTrigger: args.digest },
    );
    this.digest = args.digest;
    this.registerOutputs({ digest: this.digest });
  }
}
