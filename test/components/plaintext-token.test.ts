// A token written into the stack file in plain text is refused before anything is registered.
import { previewConfig } from "../../preview/offline";
import { stackRaw } from "../fixtures/base";
import { PRIVATE } from "../fixtures/secrets/keys";
import { stackConfigOf } from "../fixtures/stack";

test("a plain-text API token is an error that names the fix and not the value", async () => {
  const config = stackConfigOf({ ...stackRaw(), proxmoxApiToken: "root@pam!pulumi=secret-value" });
  const result = await previewConfig("plain", config, "homelab");
  expect(result.ok).toBe(false);
  expect(result.resources).toEqual([]);
  expect(result.problems).toEqual([
    {
      path: "homelab:proxmoxApiToken",
      input: "[redacted]",
      message: "is stored in plain text in the stack file",
      fix: "remove it and run: pulumi config set --secret homelab:proxmoxApiToken (with no value on the command line it asks for it, which keeps it out of the shell history)",
    },
  ]);
});

test("a private key pasted into routerSshKey in plain text is refused, unquoted, as exposed", async () => {
  const config = stackConfigOf({ ...stackRaw(), routerSshKey: PRIVATE });
  const result = await previewConfig("plain-key", config, "homelab");
  expect([result.ok, result.resources]).toEqual([false, []]);
  expect(result.problems).toEqual([
    {
      path: "homelab:routerSshKey",
      input: "[redacted]",
      message: "is stored in plain text in the stack file",
      fix: 'remove it and run: pulumi config set --secret homelab:routerSshKey -- "$(cat <private key file>)"; if the stack file was committed with it, treat that private key as exposed and make a new one',
    },
  ]);
  expect(JSON.stringify(result.problems)).not.toContain("b3BlbnNzaC1rZXkt");
});
