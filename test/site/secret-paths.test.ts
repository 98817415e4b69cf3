// Which config values are secret (site/secret-paths.ts): the engine names whole keys, the stack
// file names the values inside them, and the program reads the file where the CLI runs it.
import * as pulumi from "@pulumi/pulumi";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parseStackFile } from "../../preview/stack-file";
import { requireStackSite } from "../../site/pulumi-config";
import {
  enginePaths,
  hideInProblem,
  hideSecrets,
  isSecretPath,
  secretConfig,
  secureLeaves,
  withStandIns,
} from "../../site/secret-paths";

const FIXTURE = join(__dirname, "..", "fixtures", "secrets", "path-secrets.yaml");

test("secure: values inside a key are its secret paths; a whole secure value is the key", () => {
  expect(
    secureLeaves({ a: [{ b: { secure: "v1:x" } }, "plain"], c: { secure: "v1:y" } }, "k"),
  ).toEqual(["k.a[0].b", "k.c"]);
  expect(secureLeaves({ secure: "v1:x" }, "notes")).toEqual(["notes"]);
  expect(secureLeaves("plain", "notes")).toEqual([]);
});

test("the engine's secret keys count as a whole unless the stack file names paths in them", () => {
  const raw = { proxmox: {}, notes: [], hosts: [] };
  const isSecret = (k: string) => k === "homelab:proxmox" || k === "homelab:notes";
  expect(enginePaths(raw, isSecret)).toEqual(["proxmox", "notes"]);
  expect(enginePaths(raw, isSecret, (k) => (k === "proxmox" ? ["proxmox.endpoint"] : []))).toEqual([
    "proxmox.endpoint",
    "notes",
  ]);
});

test.each([
  ["proxmox.endpoint", true],
  ["proxmox", false],
  ["proxmox.endpointx", false],
  ["homelab:notes", true],
  ["notes[1]", true],
  ["routers[0].ssh.host", true],
  ["routers[0].ssh.user", false],
])("%s is secret: %s", (path, secret) => {
  expect(isSecretPath(path, ["proxmox.endpoint", "notes", "routers[0].ssh.host"])).toBe(secret);
});

test("an undecryptable secret is checked as a stand-in its schema accepts", () => {
  const raw = {
    proxmox: { endpoint: "[secret]", insecure: true },
    routers: [{ name: "edge", ssh: { host: "[secret]", user: "[secret]", port: "[secret]" } }],
    notes: ["[secret]"],
    talos: { factory: "[secret]" },
  };
  const paths = [
    "proxmox.endpoint",
    "routers[0].ssh.host",
    "routers[0].ssh.user",
    "routers[0].ssh.port",
    "notes[0]",
    "talos.factory",
  ];
  const checked = withStandIns(raw, paths);
  expect(checked).toEqual({
    proxmox: { endpoint: "https://offline-secret.invalid/", insecure: true },
    routers: [{ name: "edge", ssh: { host: "offline-secret", user: "offline-secret", port: 1 } }],
    notes: ["[secret]"],
    // No stand-in fits /^https:\/\/[A-Za-z0-9.-]+$/: the placeholder stays, and is refused.
    talos: { factory: "[secret]" },
  });
  expect(raw.proxmox.endpoint).toBe("[secret]");
  expect(secretConfig(checked, paths).values).toEqual([
    "https://offline-secret.invalid/",
    "offline-secret",
    1,
    "[secret]",
    // The endpoint as the owner's-text redaction writes it (its path after the host redacted):
    // hidden too, where an inventory line quotes it redacted.
    "https://offline-secret[redacted]",
  ]);
});

test("secret text is hidden where it stands alone, not inside a longer word or number; two digits stay", () => {
  const secret = { paths: ["x"], values: ["10.0.0.1", "edge", 22] };
  expect(hideSecrets("ssh admin@10.0.0.1:22 (10.0.0.10, edge-2, ledger)", secret)).toBe(
    "ssh admin@[secret]:22 (10.0.0.10, [secret]-2, ledger)",
  );
});

test.each([
  ["escaped for Markdown", "| my\\_pa\\|ss code |", "| [secret] code |"],
  ["as HTML entities", "<td>my_pa&#124;ss code</td>", "<td>[secret] code</td>"],
  ["with its line break as <br>", "- first<br>second line", "- [secret] line"],
  ["as written", "my_pa|ss", "[secret]"],
])("a secret is hidden also %s", (_how, text, shown) => {
  const secret = { paths: ["notes"], values: ["my_pa|ss", "first\nsecond"] };
  expect(hideSecrets(text, secret)).toBe(shown);
});

describe("under the Pulumi CLI (top-level secret keys only)", () => {
  let dir: string;
  const cwd = process.cwd();
  const file = parseStackFile(readFileSync(FIXTURE, "utf8"), "homelab");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "secret-paths-"));
    await pulumi.runtime.setMocks(
      { newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs },
      "homelab",
      "secrets",
      true,
    );
    // What the engine passes: decrypted values, and only the keys that hold secrets.
    const config = { ...file.config };
    config["homelab:proxmox"] = JSON.stringify({
      endpoint: "https://pve-hidden.example.net:8006/",
      insecure: true,
    });
    pulumi.runtime.setAllConfig(config, file.secretKeys);
  });
  afterEach(() => process.chdir(cwd));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the secure: paths of Pulumi.<stack>.yaml in the working directory are read", () => {
    writeFileSync(join(dir, "Pulumi.secrets.yaml"), readFileSync(FIXTURE, "utf8"));
    process.chdir(dir);
    expect(requireStackSite().secret.paths).toEqual([
      "proxmox.endpoint",
      "notes[1]",
      "routers[0].ssh.host",
    ]);
  });

  test("without a readable stack file, each secret key is secret as a whole", () => {
    rmSync(join(dir, "Pulumi.secrets.yaml"), { force: true });
    process.chdir(dir);
    expect(requireStackSite().secret.paths).toEqual(["proxmox", "notes", "routers"]);
  });
});

test("a problem quotes no secret: not at its path, not inside a value holding it, not in its text", () => {
  const secret = {
    paths: ["proxmox.endpoint", "homelb:proxmox.endpoint"],
    values: ["https://pve-hidden.example.net:8006/"],
  };
  expect(
    [
      { path: "proxmox.endpoint", input: "http://pve-hidden.example.net/", message: "m" },
      {
        path: "homelb:proxmox",
        input: '{"endpoint":"https://pve-hidden.example.net:8006/","insecure":tr...',
        message: "is not read",
      },
      {
        path: "proxmox.insecure",
        input: "yes",
        message: "differs from https://pve-hidden.example.net:8006/",
        fix: "write false",
      },
    ].map((p) => hideInProblem(p, secret)),
  ).toEqual([
    { path: "proxmox.endpoint", input: "[secret]", message: "m" },
    { path: "homelb:proxmox", input: "[secret]", message: "is not read" },
    {
      path: "proxmox.insecure",
      input: "yes",
      message: "differs from [secret]",
      fix: "write false",
    },
  ]);
});

test("the offline preview's labels are checked as stand-ins too; other text is not", () => {
  const raw = {
    proxmox: { endpoint: "[secret homelab:proxmox.endpoint sha256:1a2b3c4d]", insecure: true },
    notes: ["[secret homelab:notes[0]]", "[secret] is a word here"],
    vmSshKeys: `[secret homelab:vmSshKeys SHA256:ylOomyo6YJUSIm8E4tt3x7Tuqb9lsabDJJ8KEOKVA2A]\n[secret homelab:vmSshKeys SHA256:LBAxfixqrtXE6uODK8EARphL6Et4envSg7nYki8Whlc]`,
  };
  const checked = withStandIns(raw, ["proxmox.endpoint", "notes[0]", "notes[1]", "vmSshKeys"]);
  expect(checked).toEqual({
    proxmox: { endpoint: "https://offline-secret.invalid/", insecure: true },
    notes: ["[secret]", "[secret] is a word here"],
    vmSshKeys:
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA offline-secret",
  });
});
