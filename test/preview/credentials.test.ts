// Credentials in the wrong place are never echoed: whatever key a token, a password, a private
// key or a URL's userinfo, query or fragment sits under, `npm run plan` quotes it as
// "[redacted]" (addressing/quote.ts), so that it does not end up in CI logs.
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse, stringify } from "yaml";
import { planCli } from "../../preview/cli";
import { ROOT } from "../../preview/offline";

/** Pulumi.example.yaml's config with `edit` applied, as a stack file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exampleWith(edit: (c: Record<string, any>) => void): string {
  const doc = parse(readFileSync(join(ROOT, "Pulumi.example.yaml"), "utf8"));
  edit(doc.config);
  return stringify(doc);
}

const UUID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const PEM = [
  "-----BEGIN OPENSSH PRIVATE KEY-----",
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  "QyNTUxOQAAACBnbGFkeXNfcHJpdmF0ZV9rZXlfZm9yX3Rlc3RzX29ubHkAAAAA==",
  "-----END OPENSSH PRIVATE KEY-----",
  "",
].join("\n");

/** [case, stack file, the line `npm run plan` prints for it, the text that must not appear]. */
const CASES: [string, string, string, string][] = [
  [
    "a Proxmox API token under a typo'd key",
    exampleWith((c) => (c["homelab:proxmoxApiTokn"] = "root@pam!pulumi=SECRET")),
    '  - homelab:proxmoxApiTokn: "[not shown]": is not a known config key; did you mean homelab:proxmoxApiToken?',
    "SECRET",
  ],
  [
    "a router's SSH password",
    exampleWith((c) => (c["homelab:routers"][0].ssh.password = "hunter2")),
    '  - routers[0].ssh.password: "[redacted]": is not a known key; known keys: host, user, port',
    "hunter2",
  ],
  [
    "an endpoint with ?token=",
    exampleWith(
      (c) => (c["homelab:proxmox"] = { endpoint: `https://pve.lan:8006/?token=${UUID}` }),
    ),
    '  - proxmox.endpoint: "https://pve.lan:8006/?token=[redacted]": must be an https URL ending in /, like https://10.10.0.1:8006/',
    UUID,
  ],
  [
    "an endpoint with a #fragment",
    exampleWith((c) => (c["homelab:proxmox"] = { endpoint: "https://pve.lan:8006/#hunter2" })),
    '  - proxmox.endpoint: "https://pve.lan:8006/#[redacted]": must be an https URL ending in /, like https://10.10.0.1:8006/',
    "hunter2",
  ],
  [
    "an endpoint without a scheme",
    exampleWith((c) => (c["homelab:proxmox"] = { endpoint: "root:hunter2@pve.lan:8006/" })),
    '  - proxmox.endpoint: "[not shown]": must be an https URL ending in /, like https://10.10.0.1:8006/',
    "hunter2",
  ],
  [
    "an endpoint with the token in its path",
    exampleWith(
      (c) => (c["homelab:proxmox"] = { endpoint: `https://pve.lan:8006/root@pam!pulumi=${UUID}/` }),
    ),
    '  - proxmox.endpoint: "https://pve.lan:8006/[redacted]/": must be an https URL ending in /, like https://10.10.0.1:8006/',
    UUID,
  ],
  [
    "an endpoint written with backslashes",
    exampleWith(
      (c) => (c["homelab:proxmox"] = { endpoint: "https:\\\\root:hunter2@pve.lan:8006\\" }),
    ),
    '  - proxmox.endpoint: "https:\\\\[redacted]@pve.lan:8006\\": must be an https URL ending in /, like https://10.10.0.1:8006/',
    "hunter2",
  ],
  [
    "talos.factory with user:pw@",
    exampleWith((c) => (c["homelab:talos"] = { factory: "https://me:hunter2@factory.talos.dev" })),
    '  - talos.factory: "https://[redacted]@factory.talos.dev": must be an https URL without a trailing /',
    "hunter2",
  ],
  [
    "an SSH private key block",
    exampleWith((c) => (c["homelab:routers"][0].ssh.privateKey = PEM)),
    '  - routers[0].ssh.privateKey: "[redacted]": is not a known key; known keys: host, user, port',
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE",
  ],
  [
    "a token under an unknown key of a router",
    exampleWith((c) => (c["homelab:routers"][0].login = `root@pve!ci=${UUID}`)),
    '  - routers[0].login: "[not shown]": is not a known key; known keys: name, os, version, asn, routerId, ssh, addresses, vlans, trunk, defconf, routes, bgpPeers, rejects, uplink, dnsDomain, dnsRecords',
    UUID,
  ],
  [
    "apiToken in a list item",
    exampleWith((c) => (c["homelab:hosts"][0].apiToken = "hunter2")),
    '  - hosts[0].apiToken: "[redacted]": is not a known key; known keys: name, id, management, loopback, cephPublic, cephCluster, network',
    "hunter2",
  ],
  [
    "a ?password= query",
    exampleWith(
      (c) => (c["homelab:talos"] = { factory: "https://factory.talos.dev?password=hunter2" }),
    ),
    '  - talos.factory: "https://factory.talos.dev?password=[redacted]": must be an https URL without a trailing /',
    "hunter2",
  ],
  [
    "a backslash URL with user:pw@",
    exampleWith(
      (c) => (c["homelab:talos"] = { factory: "https:\\\\me:hunter2@factory.talos.dev" }),
    ),
    '  - talos.factory: "https:\\\\[redacted]@factory.talos.dev": must be an https URL without a trailing /',
    "hunter2",
  ],
];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "credentials-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test.each(CASES)("%s: quoted as [redacted]", async (_what, text, line, secret) => {
  writeFileSync(join(root, "Pulumi.cred.yaml"), text);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  expect(await planCli(["--stack", "cred"], io, root)).toBe(1);
  expect(err).toEqual(["cred: 1 problem; nothing was registered", line]);
  expect([...out, ...err].join("\n")).not.toContain(secret);
});

const FIXTURE = join(__dirname, "..", "fixtures", "secrets", "credentials.yaml");

/** The fixture's `# <name>: ` header lines, without the prefix. */
const header = (name: string): string[] =>
  readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((l) => l.startsWith(`# ${name}: `))
    .map((l) => l.slice(`# ${name}: `.length));

test("npm run plan, as a process, prints none of them and no stack trace", () => {
  // The cases that fit in one stack file at once; the command reads stacks from the project.
  const stack = "zz-credentials-test";
  const file = join(ROOT, `Pulumi.${stack}.yaml`);
  copyFileSync(FIXTURE, file);
  let run: ReturnType<typeof spawnSync>;
  try {
    run = spawnSync(
      process.execPath,
      [join(ROOT, "scripts", "run.js"), "plan", "--stack", stack, "--out", join(root, "out")],
      { cwd: ROOT, encoding: "utf8" },
    );
  } finally {
    rmSync(file);
  }
  const printed = `${run.stdout}${run.stderr}`;
  const expected = header("expect");
  expect(run.status).toBe(1);
  expect(String(run.stderr).split("\n")).toEqual([
    `${stack}: ${expected.length} problems; nothing was registered`,
    ...expected.map((l) => `  - ${l}`),
    "",
  ]);
  const secrets = header("secrets")[0].split(" ");
  expect(secrets).toEqual([
    "SECRET",
    UUID,
    "hunter2",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAE",
    // A password in an unknown key's free text, and one pasted into a user name (new-user trial).
    "Sommer2026",
    "Lenz2027",
  ]);
  for (const secret of secrets) expect(printed).not.toContain(secret);
  expect(printed).not.toMatch(/\n\s+at /);
});
