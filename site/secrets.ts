// Secret config keys must arrive encrypted. A token pasted in plain text into a stack file is an
// error, not a warning: the file is committed, and the value would be in git history.
import { Problem } from "../addressing/problems";
import { Schema, secureJson } from "./schema";

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
    fix:
      k === "routerSshKey"
        ? 'remove it and run: pulumi config set --secret homelab:routerSshKey -- "$(cat <private key file>)"; if the stack file was committed with it, treat that private key as exposed and make a new one'
        : `remove it and run: pulumi config set --secret homelab:${k} (with no value on the command line it asks for it, which keeps it out of the shell history)`,
  }));
}

/**
 * A Proxmox VE API token as the provider takes it, `USER@REALM!TOKENID=SECRET` (bpg/proxmox
 * provider docs, `api_token`; Proxmox VE admin guide, "API Tokens"): a secret, never quoted.
 */
export function proxmoxApiTokenSchema(): Schema<string> {
  return {
    typeName: "secret string (user@realm!tokenid=secret)",
    standIn: "offline@pve!preview=offline-secret",
    json: secureJson,
    check(value, path, problems) {
      if (typeof value === "string" && /^\S+@[^\s@!=]+![^\s@!=]+=\S+$/.test(value)) return value;
      problems.push({
        path,
        input: "[secret]",
        message:
          "is not in the form of a Proxmox API token (the user ID user@realm, then !, the token ID, = and the secret)",
        fix: "copy the token ID and the secret Proxmox showed when the token was made (Datacenter, Permissions, API Tokens)",
      });
      return undefined;
    },
  };
}
