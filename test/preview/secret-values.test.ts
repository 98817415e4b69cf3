// Secret values in the offline preview (issue 20, friction 6): a `secure:` value's value may be
// given in a HOMELAB_SECRET_<PATH> variable. Given, it is checked like a plain value and the
// artifacts show `[secret homelab:<path> <fingerprint>]` where it lands; not given, one warning per
// value names the variable. No value is ever written under out/ or printed: every file the preview
// writes and every line it prints is searched for each value.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { copyFileSync } from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { userDataProblems } from "../../lab/cloud-init-check";
import { planCli } from "../../preview/cli";
import { checkStack, warningLines } from "../../preview/check";
import { ROOT } from "../../preview/offline";
import { labelFor, secretEnvName, valueFingerprint } from "../../preview/secret-values";
import { ECDSA, ECDSA_FP, ED25519, ED25519_FP, PRIVATE } from "../fixtures/secrets/keys";

const FIXTURE = join(__dirname, "..", "fixtures", "secrets", "secure-values.yaml");

/** The values the owner gives, by variable. */
const VALUES: Record<string, string> = {
  HOMELAB_SECRET_PROXMOX_ENDPOINT: "https://pve-hidden.example.net:8006/",
  HOMELAB_SECRET_NOTES_1: "Alarm code 4711-2580, spare key under the mat",
  HOMELAB_SECRET_ROUTERS_0_SSH_HOST: "edge-hidden.example.net",
  HOMELAB_SECRET_PROXMOX_API_TOKEN: "root@pam!pulumi=8d3f0c2e-5b1a-4c7e-9f00-6a1b2c3d4e5f",
  HOMELAB_SECRET_ROUTER_SSH_KEY: PRIVATE,
  HOMELAB_SECRET_VM_SSH_KEYS: `${ED25519}\n${ECDSA}`,
};

/** Parts of the values that must not appear either: each key's data and the private key's body. */
const PARTS = [
  ...Object.values(VALUES).flatMap((v) => v.split("\n")),
  ED25519.split(" ")[1],
  ECDSA.split(" ")[1],
  "8d3f0c2e-5b1a-4c7e-9f00-6a1b2c3d4e5f",
  "pve-hidden",
  "edge-hidden",
  "4711-2580",
].filter((p) => p.length > 8 && !/^-----/.test(p));

interface Run {
  code: number;
  out: string[];
  err: string[];
  /** Every file under the output folder, by path relative to it. */
  files: Map<string, string>;
}

function filesUnder(dir: string, base = dir): [string, string][] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? filesUnder(path, base)
      : [[relative(base, path), readFileSync(path, "utf8")] as [string, string]];
  });
}

/** How many files the preview of the fixture writes (the search covers them all). */
const FILES_WRITTEN = 18;

/** The parts of the values found in a run's files or printed lines. */
function leaks(run: Run): string[] {
  const texts = [...run.files.entries()].map(([p, t]) => `${p}\n${t}`);
  const all = [...texts, ...run.out, ...run.err].join("\n");
  return PARTS.filter((part) => all.includes(part));
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "secret-values-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  writeFileSync(join(root, "Pulumi.secrets.yaml"), readFileSync(FIXTURE, "utf8"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function plan(env: Record<string, string>, out: string): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [], files: new Map() };
  run.code = await planCli(
    ["--stack", "secrets", "--out", join(root, out)],
    { out: (l) => run.out.push(l), err: (l) => run.err.push(l) },
    root,
    env,
  );
  if (run.code === 0) run.files = new Map(filesUnder(join(root, out)));
  return run;
}

test.each([
  ["vmSshKeys", "HOMELAB_SECRET_VM_SSH_KEYS"],
  ["proxmoxApiToken", "HOMELAB_SECRET_PROXMOX_API_TOKEN"],
  ["routers[0].ssh.host", "HOMELAB_SECRET_ROUTERS_0_SSH_HOST"],
  ["notes[1]", "HOMELAB_SECRET_NOTES_1"],
])("the variable of %s is %s", (path, name) => {
  expect(secretEnvName(path)).toBe(name);
});

test("labels: SSH public keys by OpenSSH's fingerprint, one per key; other values by SHA-256", () => {
  expect(labelFor("vmSshKeys", VALUES.HOMELAB_SECRET_VM_SSH_KEYS)).toBe(
    `[secret homelab:vmSshKeys ${ED25519_FP}]\n[secret homelab:vmSshKeys ${ECDSA_FP}]`,
  );
  // printf %s "$value" | sha256sum | cut -c1-8
  expect(valueFingerprint(VALUES.HOMELAB_SECRET_PROXMOX_API_TOKEN)).toBe("sha256:98160896");
  expect(labelFor("routerSshKey", PRIVATE)).toBe("[secret homelab:routerSshKey sha256:6256eedf]");
  expect(labelFor("routerSshKey")).toBe("[secret homelab:routerSshKey]");
});

const NOT_CHECKED = (path: string, name: string, input = "[secret]") =>
  `  ! ${path}: "${input}": is a secure: value this offline preview cannot decrypt, so its value was not checked; to check it, set ${name} to its value in the environment of npm run plan or npm run check (docs/preview.md#secret-values)`;

describe("no value given", () => {
  let run: Run;
  beforeAll(async () => {
    run = await plan({}, "none");
  });

  test("the plan is clean and warns once per secret value, naming its variable", () => {
    expect([run.code, run.err]).toEqual([0, []]);
    expect(run.out.filter((l) => l.includes("secure:"))).toEqual([
      NOT_CHECKED("proxmox.endpoint", "HOMELAB_SECRET_PROXMOX_ENDPOINT"),
      NOT_CHECKED("notes[1]", "HOMELAB_SECRET_NOTES_1"),
      NOT_CHECKED("routers[0].ssh.host", "HOMELAB_SECRET_ROUTERS_0_SSH_HOST"),
      NOT_CHECKED("proxmoxApiToken", "HOMELAB_SECRET_PROXMOX_API_TOKEN", "[redacted]"),
      NOT_CHECKED("routerSshKey", "HOMELAB_SECRET_ROUTER_SSH_KEY"),
      NOT_CHECKED("vmSshKeys", "HOMELAB_SECRET_VM_SSH_KEYS"),
    ]);
  });

  test("npm run check gives the same warnings", () => {
    const check = checkStack("secrets", root, {});
    expect(warningLines(check).map((l) => `  ! ${l}`)).toEqual(
      run.out.filter((l) => l.startsWith("  ! ")),
    );
    expect(warningLines(check)).toHaveLength(6);
  });

  test("the user data names the key where it goes", () => {
    const user = run.files.get("cloud-init/nas/user-data")?.split("\n") ?? [];
    const at = user.indexOf("ssh_authorized_keys:");
    expect(user.slice(at, at + 2)).toEqual([
      "ssh_authorized_keys:",
      '  - "[secret homelab:vmSshKeys]"',
    ]);
  });
});

describe("every value given in the environment", () => {
  let run: Run;
  beforeAll(async () => {
    run = await plan(VALUES, "given");
  });

  test("the plan is clean, without a warning about secrets", () => {
    expect([run.code, run.err]).toEqual([0, []]);
    expect(run.out[0]).toMatch(/^secrets: \d+ resources .*, written to /);
    expect(run.out.filter((l) => /secure:|HOMELAB_SECRET/.test(l))).toEqual([]);
  });

  test("the user data shows each key by its fingerprint, and cloud-init accepts it", () => {
    expect(userDataProblems(run.files.get("cloud-init/nas/user-data") ?? "")).toEqual([]);
    const user = run.files.get("cloud-init/nas/user-data")?.split("\n") ?? [];
    const at = user.indexOf("ssh_authorized_keys:");
    expect(user.slice(at, at + 3)).toEqual([
      "ssh_authorized_keys:",
      `  - "[secret homelab:vmSshKeys ${ED25519_FP}]"`,
      `  - "[secret homelab:vmSshKeys ${ECDSA_FP}]"`,
    ]);
  });

  test("the provider's token and the router's SSH key show their labels in resources.json", () => {
    const resources = JSON.parse(run.files.get("resources.json") ?? "[]") as {
      type: string;
      inputs: Record<string, unknown>;
    }[];
    const provider = resources.find((r) => r.type === "pulumi:providers:proxmoxve");
    expect(provider?.inputs.apiToken).toBe("[secret homelab:proxmoxApiToken sha256:98160896]");
    const keys = resources
      .filter((r) => r.type === "command:remote:Command")
      .map((r) => (r.inputs.connection as { privateKey?: unknown }).privateKey);
    expect([...new Set(keys)]).toEqual(["[secret homelab:routerSshKey sha256:6256eedf]"]);
  });

  test("no value, nor any part of one, is in a file written or a line printed", () => {
    expect(run.files.size).toBe(FILES_WRITTEN);
    expect(leaks(run)).toEqual([]);
  });
});

test("a value given that breaks its rule is refused, quoted as [secret]", async () => {
  const bad = {
    ...VALUES,
    HOMELAB_SECRET_VM_SSH_KEYS: `${ED25519}\n${PRIVATE}`,
    HOMELAB_SECRET_PROXMOX_ENDPOINT: "http://pve-hidden.example.net/",
    HOMELAB_SECRET_PROXMOX_API_TOKEN: "8d3f0c2e-5b1a-4c7e-9f00-6a1b2c3d4e5f",
  };
  const run = await plan(bad, "bad");
  expect(run.code).toBe(1);
  expect(run.err).toEqual([
    "secrets: 3 problems; nothing was registered",
    '  - proxmox.endpoint: "[secret]": must be an https URL ending in /, like https://10.10.0.1:8006/',
    '  - proxmoxApiToken: "[redacted]": is not in the form of a Proxmox API token (the user ID user@realm, then !, the token ID, = and the secret); copy the token ID and the secret Proxmox showed when the token was made (Datacenter, Permissions, API Tokens)',
    '  - vmSshKeys: "[secret]": holds an SSH private key, which must never be in a stack file; give the public key instead: the .pub file beside the private key (ssh-keygen -y -f <private key file> prints it); if the stack file was committed with it, treat that private key as exposed and make a new one',
  ]);
  expect([...run.out, ...run.err].join("\n")).not.toMatch(/pve-hidden|b3BlbnNzaC1rZXkt|8d3f0c2e/);
});

test("a variable that names no secret value is a warning with the likely one; its value unused", async () => {
  const run = await plan({ HOMELAB_SECRET_VM_SSH_KEY: ED25519 }, "typo");
  expect(run.code).toBe(0);
  expect(run.out.filter((l) => l.includes("HOMELAB_SECRET_VM_SSH_KEY:"))).toEqual([
    '  ! HOMELAB_SECRET_VM_SSH_KEY: "": is set, but names no secure: value of the stack, so its value was not used; did you mean HOMELAB_SECRET_VM_SSH_KEYS (vmSshKeys)?',
  ]);
  expect(run.out.join("\n")).not.toContain(ED25519.split(" ")[1]);
});

test("the search finds a key that is written: the plain-text key of another stack", async () => {
  writeFileSync(
    join(root, "Pulumi.plainkey.yaml"),
    readFileSync(join(__dirname, "..", "fixtures", "secrets", "plain-ssh-key.yaml"), "utf8"),
  );
  const run: Run = { code: -1, out: [], err: [], files: new Map() };
  run.code = await planCli(
    ["--stack", "plainkey", "--out", join(root, "plainkey")],
    { out: (l) => run.out.push(l), err: (l) => run.err.push(l) },
    root,
    {},
  );
  run.files = new Map(filesUnder(join(root, "plainkey")));
  expect(run.code).toBe(0);
  expect(leaks(run)).toEqual([ED25519, ED25519.split(" ")[1]]);
});
