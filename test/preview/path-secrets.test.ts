// Values set with `pulumi config set --secret --path` (a secret inside an object key): the
// proxmox endpoint, a site note and a router's SSH host. Whether the engine hands over their
// decrypted values or the offline preview only has `secure:` placeholders, no value reaches
// resources.json, inventory.md, outputs.json or the console; "[secret]" shows where they would.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { planCli } from "../../preview/cli";
import {
  PreviewResult,
  previewConfig,
  previewFiles,
  problemLines,
  ROOT,
  warningLines,
} from "../../preview/offline";
import { parseStackFile, StackConfig } from "../../preview/stack-file";
import { ED25519, PRIVATE } from "../fixtures/secrets/keys";

const FIXTURE = join(__dirname, "..", "fixtures", "secrets", "path-secrets.yaml");
const fromFile = (): StackConfig => parseStackFile(readFileSync(FIXTURE, "utf8"), "homelab");

/** What the engine hands the program: the stack file's secrets decrypted, whole keys marked. */
const VALUES = {
  endpoint: "https://pve-hidden.example.net:8006/",
  note: "Alarm code 4711-2580, spare key under the mat",
  host: "edge-hidden.example.net",
};

function decrypted(values: typeof VALUES, withPaths: boolean): StackConfig {
  const file = fromFile();
  const config = { ...file.config };
  const proxmox = JSON.parse(config["homelab:proxmox"]);
  proxmox.endpoint = values.endpoint;
  config["homelab:proxmox"] = JSON.stringify(proxmox);
  const notes = JSON.parse(config["homelab:notes"]);
  notes[1] = values.note;
  config["homelab:notes"] = JSON.stringify(notes);
  const routers = JSON.parse(config["homelab:routers"]);
  routers[0].ssh.host = values.host;
  config["homelab:routers"] = JSON.stringify(routers);
  return {
    config,
    secretKeys: file.secretKeys,
    ...(withPaths ? { secretPaths: file.secretPaths } : {}),
  };
}

/** Every text a preview writes or prints. */
function everything(r: PreviewResult): string {
  const files = previewFiles(r).map(([, text]) => text);
  const lines = r.ok ? warningLines(r) : problemLines(r);
  return [...files, ...lines].join("\n");
}

const providerEndpoint = (r: PreviewResult) =>
  r.resources.find((x) => x.type === "pulumi:providers:proxmoxve")?.inputs.endpoint;

const inventoryLines = (r: PreviewResult, pattern: RegExp) =>
  String(r.outputs.inventory)
    .split("\n")
    .filter((l) => pattern.test(l));

test("the stack file's secure: values are secret paths inside their keys", () => {
  const file = fromFile();
  expect(file.secretKeys).toEqual(["homelab:proxmox", "homelab:notes", "homelab:routers"]);
  expect(file.secretPaths).toEqual(["proxmox.endpoint", "notes[1]", "routers[0].ssh.host"]);
});

const ROUTER_ROW =
  "| edge   | RouterOS | 7.24    | 65000 | 192.168.88.254 | admin@[secret]:22 | fc00::/8       |";

describe("decrypted by the engine, with the stack file's secret paths", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewConfig("example", decrypted(VALUES, true), "homelab");
  });

  test("the preview is clean", () => {
    expect([result.ok, result.problems, result.error]).toEqual([true, [], undefined]);
  });

  test.each(Object.entries(VALUES))("the %s appears nowhere", (_k, value) => {
    expect(everything(result)).not.toContain(value);
  });

  test("the provider's endpoint input is secret; the inventory shows [secret] in two places", () => {
    expect(providerEndpoint(result)).toBe("[secret]");
    // The program ran with labels in place of the values (preview/secret-values.ts): the note
    // is its stand-in, Markdown-escaped, as offline.
    expect(inventoryLines(result, /\[secret/)).toEqual([ROUTER_ROW, "- \\[secret\\]"]);
  });
});

describe("decrypted by the engine, knowing only its secret keys (each key secret as a whole)", () => {
  let result: PreviewResult;
  beforeAll(async () => {
    result = await previewConfig("example", decrypted(VALUES, false), "homelab");
  });

  test("the preview is clean", () => {
    expect([result.ok, result.problems, result.error]).toEqual([true, [], undefined]);
  });

  test.each(Object.entries(VALUES))("the %s appears nowhere", (_k, value) => {
    expect(everything(result)).not.toContain(value);
  });

  test("every value of the three keys is [secret], also the plain note", () => {
    expect(providerEndpoint(result)).toBe("[secret]");
    expect(inventoryLines(result, /^- |^\| \[secret\] +\| RouterOS/)).toEqual([
      "- `ens18`: VM subnet 10.20.0.0/24, fd8a:3c5e:1b20:1400::/64 on VLAN 20 on vmbr0, gateway 10.20.0.254, fd8a:3c5e:1b20:1400::fffe",
      "| [secret]   | RouterOS | 7.24    | 65000 | [secret] | admin@[secret]:22 | fc00::/8       |",
      "- 4 unverified flows: declare the router that holds [secret] under homelab:routers (os: external when this stack does not configure it), so that the flows through it are checked.",
      "- [secret]",
      "- [secret]",
    ]);
  });
});

test("a secret value that breaks its rule is refused, quoted as [secret]", async () => {
  const bad = { ...VALUES, endpoint: "http://pve-hidden.example.net/" };
  const result = await previewConfig("example", decrypted(bad, true), "homelab");
  expect(problemLines(result)).toEqual([
    'proxmox.endpoint: "[secret]": must be an https URL ending in /, like https://10.10.0.1:8006/',
  ]);
  expect(everything(result)).not.toContain("pve-hidden");
});

describe("offline, from the stack file (values not decryptable)", () => {
  let root: string;
  let out: string[];
  let err: string[];
  let code: number;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "path-secrets-"));
    copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    writeFileSync(join(root, "Pulumi.secrets.yaml"), readFileSync(FIXTURE, "utf8"));
    out = [];
    err = [];
    code = await planCli(
      ["--stack", "secrets", "--out", join(root, "out")],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      root,
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("each secret is checked as a stand-in its rule accepts; the preview is clean", () => {
    expect([code, err]).toEqual([0, []]);
    expect(out[0]).toMatch(/^secrets: 39 resources \(31 custom, 8 components\), /);
  });

  test("no stand-in text is written; [secret] is", () => {
    const written = ["resources.json", "inventory.md", "outputs.json"].map((f) =>
      readFileSync(join(root, "out", f), "utf8"),
    );
    expect(written.join("\n")).not.toMatch(/offline-secret/);
    expect(
      JSON.parse(written[0]).find((r: { type: string }) => r.type === "pulumi:providers:proxmoxve")
        .inputs.endpoint,
    ).toBe("[secret]");
    // A note is Markdown-escaped after it was hidden (render/inventory markdownText): \[secret\].
    expect(written[1].split("\n").filter((l) => l.includes("[secret"))).toEqual([
      ROUTER_ROW,
      "- \\[secret\\]",
    ]);
  });
});

test("a whole key decrypted by the engine keeps every secret hidden, labelled ones too", async () => {
  // `routers` is secret as a whole, so the program holds its real values: the router's SSH
  // connection (its real host beside the key's label) must stay [secret], not be shown.
  const file = decrypted(VALUES, false);
  const config = { ...file.config, "homelab:routerSshKey": PRIVATE };
  const result = await previewConfig(
    "example",
    { ...file, config, secretKeys: [...file.secretKeys, "homelab:routerSshKey"] },
    "homelab",
  );
  expect([result.ok, result.problems, result.error]).toEqual([true, [], undefined]);
  const router = result.resources.find((r) => r.name === "router-edge-reconcile");
  expect(router?.inputs.connection).toBe("[secret]");
  expect(everything(result)).not.toContain(VALUES.host);
  expect(everything(result)).not.toContain("b3BlbnNzaC1rZXkt");
});

test("a secret key the secret paths do not cover keeps every secret hidden, labelled ones too", async () => {
  // The paths name proxmox.endpoint, notes[1] and routers[0].ssh.host, not vmSshKeys: its value
  // reaches the program as it is, so nothing holding a label is shown beside it.
  const file = decrypted(VALUES, true);
  const config = { ...file.config, "homelab:routerSshKey": PRIVATE, "homelab:vmSshKeys": ED25519 };
  const result = await previewConfig(
    "example",
    {
      ...file,
      config,
      secretKeys: [...file.secretKeys, "homelab:routerSshKey", "homelab:vmSshKeys"],
      secretPaths: [...(file.secretPaths ?? []), "routerSshKey"],
    },
    "homelab",
  );
  expect(result.problems).toEqual([]);
  const router = result.resources.find((r) => r.name === "router-edge-reconcile");
  expect(router?.inputs.connection).toBe("[secret]");
});
