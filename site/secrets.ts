// Secret config keys must arrive encrypted. A token pasted in plain text into a stack file is an
// error, not a warning: the file is committed, and the value would be in git history.
import { Problem } from "../addressing/problems";

/**
 * Keys of the `homelab` namespace that hold credentials. `vmSshKeys` is not one: public keys may
 * be plain text (site/ssh-keys.ts refuses a private key pasted there).
 */
export const SECRET_KEYS = ["proxmoxApiToken", "routerSshKey"] as const;

export function secretProblems(
  raw: Record<string, unknown>,
  isSecret: (key: string) => boolean,
): Problem[] {
  return SECRET_KEYS.filter((k) => raw[k] !== undefined && !isSecret(`homelab:${k}`)).map((k) => ({
    path: `homelab:${k}`,
    input: "[redacted]",
    message: "is stored in plain text in the stack file",
    fix: `remove it and run: pulumi config set --secret homelab:${k} <value>`,
  }));
}
