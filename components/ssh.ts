// How the SSH-driven components (RouterOS, FRR) reach their machine.
import * as pulumi from "@pulumi/pulumi";

export interface SshArgs {
  /** Address or name to SSH to. */
  readonly host: string;
  readonly user: string;
  readonly port: number;
  /** SSH private key (kept secret); without one the SSH agent is used. */
  readonly privateKey?: pulumi.Input<string>;
}

/** The `@pulumi/command` remote connection, with the key marked secret wherever it came from. */
export function sshConnection(args: SshArgs) {
  return {
    host: args.host,
    user: args.user,
    port: args.port,
    ...(args.privateKey !== undefined ? { privateKey: pulumi.secret(args.privateKey) } : {}),
  };
}
