// Public SSH keys written in plain text in the stack file: accepted, checked and rendered as they
// are into each cloud-init VM's user data (no secret, no Pulumi CLI needed); a private key pasted
// there stops the plan without being printed.
import { readFileSync } from "fs";
import { join } from "path";
import { PreviewResult, previewConfig, previewFiles, problemLines } from "../../preview/offline";
import { parseStackFile } from "../../preview/stack-file";
import { ROOT } from "../fixtures/base";
import { ED25519, RSA, THROWAWAY_PRIVATE_BODY } from "../fixtures/secrets/keys";

const fixture = (...p: string[]) =>
  parseStackFile(readFileSync(join(ROOT, "test", "fixtures", ...p), "utf8"), "homelab");

describe("plain-text public keys", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewConfig("plain-key", fixture("secrets", "plain-ssh-key.yaml"), "homelab");
  });

  test("the preview is clean, with no warning about SSH keys", () => {
    expect([result.ok, result.problems, result.warnings]).toEqual([true, [], []]);
  });

  test("each VM's user data carries both keys, exactly as written", () => {
    const files = new Map(previewFiles(result));
    for (const vm of ["nas", "pihole"]) {
      const lines = files.get(`cloud-init/${vm}/user-data`)?.split("\n") ?? [];
      const at = lines.indexOf("ssh_authorized_keys:");
      expect(lines.slice(at, at + 3)).toEqual([
        "ssh_authorized_keys:",
        `  - ${ED25519}`,
        `  - ${RSA}`,
      ]);
    }
  });
});

test("a private key pasted into vmSshKeys is refused; no line of it is printed", async () => {
  const result = await previewConfig(
    "private-key",
    fixture("invalid", "ssh-private-key-in-vm-keys.yaml"),
    "homelab",
  );
  expect(problemLines(result)).toEqual([
    'vmSshKeys: "[redacted]": holds an SSH private key, which must never be in a stack file; give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one',
  ]);
  expect(result.resources).toEqual([]);
  expect(problemLines(result).join("\n")).not.toMatch(/b3BlbnNzaC1rZXktdjEAAAAA|BEGIN OPENSSH/);
});

test("a private key body pasted into vmSshKeys without BEGIN/END is refused; no line of it is printed", async () => {
  const result = await previewConfig(
    "private-key-body",
    fixture("invalid", "ssh-private-key-body-in-vm-keys.yaml"),
    "homelab",
  );
  expect(problemLines(result)).toEqual([
    'vmSshKeys: "[redacted]": keys 2 to 6 of 6 are the body of a pasted SSH private key (base64 starting b3BlbnNzaC1rZXktdjE, "openssh-key-v1"), which must never be in a stack file; give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one',
  ]);
  expect(result.resources).toEqual([]);
  const printed = [...problemLines(result), ...previewFiles(result).map(([, text]) => text)].join(
    "\n",
  );
  // No part of a body line past the 19 characters every OpenSSH key starts with is printed or written.
  for (const line of THROWAWAY_PRIVATE_BODY) expect(printed).not.toContain(line.slice(19, 35));
});
