// The `npm run plan` command line: usage, argument errors, a YAML syntax error and a stale preview,
// run in-process against a scratch project folder; and once as a process, to see its exit status
// and that no stack trace reaches the user.
import { spawnSync } from "child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { planCli, usage } from "../../preview/cli";
import { PREVIEW_MANIFEST, ROOT } from "../../preview/offline";

let root: string;
let out: string[];
let err: string[];
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };

const BROKEN = [
  "config:",
  "  homelab:site:",
  "    name: broken",
  "  homelab:global:",
  "    management:",
  "      ipv4: 10.10.0.0/24",
  "        ipv6: fd00:10::/64",
  "  homelab:hosts:",
  "    - { name: pve01, id: 1 }",
  "",
].join("\n");

const USAGE = `Usage: npm run plan -- [--stack <name>] [--out <dir>] [--routeros-base <router>=<file>]...

Offline preview of one site: checks Pulumi.<name>.yaml, runs the program under Pulumi's mocks
and writes what \`pulumi up\` would send: resources.json, inventory.md, outputs.json and the
rendered configs. Needs no Pulumi CLI, credentials or reachable device.

Options:
  --stack <name>  the stack to preview, from Pulumi.<name>.yaml (default: homelab)
  --out <dir>     where to write it (default: out/<name>/): a new or empty folder, or one a
                  preview wrote; only that preview's files are replaced (on success) or
                  removed (when the stack has problems)
  --routeros-base <router>=<file>
                  the router's /export (RouterOS 7): dry-run its script on it and write
                  routeros/<router>.changes.txt (add, adopt, set, remove per entry); an entry
                  of the router that conflicts with a wanted one refuses the plan
  -h, --help      show this text

Stacks found: broken, other

Examples:
  npm run plan                                 preview Pulumi.homelab.yaml into out/homelab/
  npm run plan -- --stack example              preview Pulumi.example.yaml into out/example/
  npm run plan -- --stack sol --out /tmp/sol   preview Pulumi.sol.yaml into /tmp/sol/
  npm run plan -- --stack example --routeros-base edge=edge.rsc
                                               and what its script would do to edge.rsc's router

Exit status: 0 clean, 1 the stack has problems (all are listed), 2 a usage error.`;

/** A folder as the command shows it: relative to the working directory. */
const shown = (dir: string) => relative(process.cwd(), dir) || ".";

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plan-cli-"));
  copyFileSync(join(ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  writeFileSync(join(root, "Pulumi.broken.yaml"), BROKEN);
  writeFileSync(join(root, "Pulumi.other.yaml"), "config: {}\n");
  out = [];
  err = [];
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

test.each([["--help"], ["-h"]])(
  "%s prints the usage with the stacks found, exit 0",
  async (flag) => {
    expect(await planCli([flag], io, root)).toBe(0);
    expect(out).toEqual([USAGE]);
    expect(usage(root)).toBe(USAGE);
    expect(err).toEqual([]);
  },
);

test.each([
  [["--bogus"], "plan: unknown option --bogus"],
  [["--stack"], "plan: option --stack needs a value"],
  [["--out"], "plan: option --out needs a value"],
  [["homelab"], "plan: unexpected argument homelab; options start with --"],
])("%j is one line of error and the usage, exit 2", async (argv, line) => {
  expect(await planCli(argv, io, root)).toBe(2);
  expect(err).toEqual([line, "", USAGE]);
  expect(out).toEqual([]);
});

test("an unknown stack lists the stacks that exist, exit 2", async () => {
  expect(await planCli(["--stack", "nope"], io, root)).toBe(2);
  expect(err).toEqual([
    "plan: no stack nope: there is no Pulumi.nope.yaml; stacks found: broken, other",
  ]);
});

test("a YAML syntax error is a problem at file, line and column; the stale preview is removed", async () => {
  const previous = join(root, "out", "broken");
  mkdirSync(join(previous, "talos"), { recursive: true });
  writeFileSync(join(previous, "resources.json"), "[]\n");
  writeFileSync(join(previous, "talos", "cp1.yaml"), "machine: {}\n");
  writeFileSync(join(previous, PREVIEW_MANIFEST), '["resources.json", "talos/cp1.yaml"]\n');
  expect(await planCli(["--stack", "broken"], io, root)).toBe(1);
  expect(err[0]).toMatch(
    /^broken: 1 problem; nothing was registered, and the previous preview in .*out\/broken was removed$/,
  );
  expect(err.slice(1)).toEqual([
    `  - Pulumi.broken.yaml:7:9: "ipv6: fd00:10::/64": is indented deeper than the key on line 6, so YAML reads it as part of that key's value; indent it like line 6, or nest it under a key that ends with ':'`,
  ]);
  // The preview's files and the folders they leave empty are gone; the folder itself stays.
  expect(readdirSync(previous)).toEqual([]);
  expect(out).toEqual([]);
});

test("a preview under out/ from before previews listed their files is removed as a whole", async () => {
  const previous = join(root, "out", "broken");
  mkdirSync(join(previous, "k8s"), { recursive: true });
  writeFileSync(join(previous, "resources.json"), "[]\n");
  writeFileSync(join(previous, "k8s", "old.yaml"), "{}\n");
  expect(await planCli(["--stack", "broken"], io, root)).toBe(1);
  expect(err[0]).toMatch(/the previous preview in .*out\/broken was removed$/);
  expect(existsSync(previous)).toBe(false);
});

test("--out a folder no preview wrote: refused before anything runs, exit 2, nothing removed", async () => {
  const mine = join(root, "thesis");
  mkdirSync(mine);
  writeFileSync(join(mine, "thesis.txt"), "years of work\n");
  // Even a resources.json of one's own is not a preview's mark.
  writeFileSync(join(mine, "resources.json"), "{}\n");
  expect(await planCli(["--stack", "broken", "--out", mine], io, root)).toBe(2);
  expect(err).toEqual([
    `plan: --out ${shown(mine)} holds files no preview wrote (no ${PREVIEW_MANIFEST}); choose a new or empty folder, or remove them`,
  ]);
  expect(readFileSync(join(mine, "thesis.txt"), "utf8")).toBe("years of work\n");
  expect(readdirSync(mine).sort()).toEqual(["resources.json", "thesis.txt"]);
});

test.each([
  ["the project folder", (r: string) => r],
  ["a folder holding the project", (r: string) => join(r, "..")],
])("--out %s is refused, exit 2", async (_what, dir) => {
  expect(await planCli(["--stack", "broken", "--out", dir(root)], io, root)).toBe(2);
  expect(err).toEqual([
    `plan: --out ${shown(dir(root))} holds the project itself; choose a new or empty folder, such as out/<stack> (the default)`,
  ]);
  expect(existsSync(join(root, "Pulumi.broken.yaml"))).toBe(true);
});

test("--out a file is refused, exit 2", async () => {
  const file = join(root, "notes.txt");
  writeFileSync(file, "x\n");
  expect(await planCli(["--stack", "broken", "--out", file], io, root)).toBe(2);
  expect(err).toEqual([
    `plan: --out ${shown(file)} is a file, not a folder; choose a new or empty folder`,
  ]);
});

test("a config that is not a mapping is one problem", async () => {
  writeFileSync(join(root, "Pulumi.other.yaml"), "config: [1, 2]\n");
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  expect(err).toEqual([
    "other: 1 problem; nothing was registered",
    '  - Pulumi.other.yaml: config: "": must be a mapping of config keys; start the file with `config:` and indent the keys under it',
  ]);
});

const BOMB = [
  "config:",
  "  a: &a [x, x, x, x, x, x, x, x, x]",
  "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "",
].join("\n");

test.each([
  [
    "an empty file",
    "# nothing yet\n",
    '  - Pulumi.other.yaml: "": the stack file is empty; start it with `config:` and indent the site\'s homelab: keys under it, as in Pulumi.example.yaml',
  ],
  [
    "a second YAML document",
    "config: {}\n---\nconfig: {}\n",
    '  - Pulumi.other.yaml:2:1: "---": starts a second YAML document; a stack file holds one; remove this line and move the keys after it under the first document\'s `config:`',
  ],
  [
    "an alias bomb",
    BOMB,
    '  - Pulumi.other.yaml: "": its YAML aliases (*name) expand to too many values to read safely; write the repeated values out, or refer to each anchor (&name) only a few times',
  ],
])("%s is one problem naming the file", async (_, text, line) => {
  writeFileSync(join(root, "Pulumi.other.yaml"), text);
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  expect(err).toEqual(["other: 1 problem; nothing was registered", line]);
  expect(out).toEqual([]);
});

test("a stack file that is a directory is one problem, not EISDIR", async () => {
  rmSync(join(root, "Pulumi.other.yaml"));
  mkdirSync(join(root, "Pulumi.other.yaml"));
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  expect(err).toEqual([
    "other: 1 problem; nothing was registered",
    '  - Pulumi.other.yaml: "": is a directory, not a stack file; remove or rename the directory, and write the stack\'s config to a file Pulumi.other.yaml',
  ]);
});

test("a password in a URL is never shown, wherever the URL is", async () => {
  const url = "https://root:hunter2@192.168.1.1:8006/";
  const text = [
    "config:",
    "  homelab:proxmox:",
    `    endpoint: ${url}`,
    `    url: ${url}`,
    "  homelab:proxmx:",
    `    endpoint: ${url}`,
    "",
  ].join("\n");
  writeFileSync(join(root, "Pulumi.other.yaml"), text);
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  const redacted = '"https://[redacted]@192.168.1.1:8006/"';
  expect(err).toEqual([
    "other: 6 problems; nothing was registered",
    `  - homelab:proxmx: "{"endpoint":${redacted}}": is not a known config key; did you mean homelab:proxmox?`,
    `  - homelab:site: "": is required (The site's identity.)`,
    `  - homelab:global: "": is required (The site's top-level allocation.)`,
    `  - proxmox.url: ${redacted}: is not a known key; known keys: endpoint, insecure, protectZone, protectManagement`,
    `  - proxmox.endpoint: ${redacted}: carries a user name or password, which the URL may not hold; remove the part before @; give the Proxmox API token as the secret homelab:proxmoxApiToken`,
    `  - homelab:hosts: "": is required (Proxmox VE hosts.)`,
  ]);
  expect([...out, ...err].join("\n")).not.toContain("hunter2");
});

test("numbers are shown as the stack file wrote them", async () => {
  const text = [
    "config:",
    "  homelab:site: { name: nums }",
    "  homelab:global: { management: { ipv4: 10.10.0.0/24 } }",
    "  homelab:hosts:",
    "    - { name: pve01, id: 100000000000000000000000 }",
    "    - { name: pve02, id: .inf }",
    "  homelab:routers:",
    "    - { name: edge, version: 7.20, asn: 65000, routerId: 10.10.0.1, vlans: [] }",
    "",
  ].join("\n");
  writeFileSync(join(root, "Pulumi.other.yaml"), text);
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  expect(err).toEqual([
    "other: 3 problems; nothing was registered",
    '  - hosts[0].id: "100000000000000000000000": must be between 1 and 65535',
    '  - hosts[1].id: ".inf": is not an integer: YAML reads it as infinity or NaN',
    '  - routers[0].version: "7.20": must be a string, not a number; quote it: "7.20"',
  ]);
});

test("as a process: an unknown option exits 2 with no stack trace", () => {
  const run = spawnSync(process.execPath, [join(ROOT, "scripts", "run.js"), "plan", "--bogus"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n").slice(0, 3)).toEqual([
    "plan: unknown option --bogus",
    "",
    "Usage: npm run plan -- [--stack <name>] [--out <dir>] [--routeros-base <router>=<file>]...",
  ]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});
