// The `npm run plan` command line: usage, argument errors, a YAML syntax error and a stale preview,
// run in-process against a scratch project folder; and once as a process, to see its exit status
// and that no stack trace reaches the user.
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join, relative } from "path";
import { planCli, usage } from "../../preview/cli";
import { PREVIEW_MANIFEST, ROOT } from "../../preview/offline";
import { pseudoFilesystem } from "../../preview/folder";

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
  --stack <name>  the stack to preview, from Pulumi.<name>.yaml; needed when the project has
                  several stack files (without it, the only one is previewed)
  --out <dir>     where to write it (default: out/<name>/): a new or empty folder, or one a
                  preview wrote; only files that preview listed are replaced, and only on
                  success (a stack with problems writes and removes nothing)
  --routeros-base <router>=<file>
                  the router's /export (RouterOS 7): dry-run its script on it and write
                  routeros/<router>.changes.txt (add, adopt, set, remove per entry); an entry
                  of the router that conflicts with a wanted one refuses the plan
  -h, --help      show this text

Secrets: a secure: value of the stack file is checked when its value is in the environment,
one variable per value, HOMELAB_SECRET_<PATH> (homelab:vmSshKeys: HOMELAB_SECRET_VM_SSH_KEYS,
homelab:routers[0].ssh.host: HOMELAB_SECRET_ROUTERS_0_SSH_HOST); the artifacts show
[secret homelab:<path> <fingerprint>] where it lands, never the value. Not as an option:
arguments show in ps and the shell's history. Without it, a warning names the variable.

Stacks found: broken, other

Examples:
  npm run plan -- --stack example              preview Pulumi.example.yaml into out/example/
  npm run plan -- --stack sol --out /tmp/sol   preview Pulumi.sol.yaml into /tmp/sol/
  npm run plan -- --stack example --routeros-base edge=edge.rsc
                                               and what its script would do to edge.rsc's router

Exit status: 0 clean, 1 the stack has problems (all are listed), 2 a usage error or a
file or folder refused (a stack file that is a link out of the project, a FIFO, too large).`;

/** Every entry under `dir`, sorted: folders end in "/", symbolic links in "@" (not followed). */
function tree(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix))
    .sort()
    .flatMap((name) => {
      const rel = `${prefix}${name}`;
      const stat = lstatSync(join(dir, rel));
      if (stat.isSymbolicLink()) return [`${rel}@`];
      if (stat.isDirectory()) return [`${rel}/`, ...tree(dir, `${rel}/`)];
      return [rel];
    });
}

/** A folder as the command shows it: relative to the working directory below it, else absolute. */
const shown = (dir: string) => {
  const rel = relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") ? dir : rel;
};

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

test("without --stack, a project with several stack files is a usage error naming them, exit 2", async () => {
  expect(await planCli([], io, root)).toBe(2);
  expect(err).toEqual([
    "plan: which stack? 2 stack files here (broken, other); name one with --stack, e.g. npm run plan -- --stack broken",
    "",
    USAGE,
  ]);
  expect(out).toEqual([]);
});

test("without --stack, the only stack file is previewed and named", async () => {
  rmSync(join(root, "Pulumi.other.yaml"));
  expect(await planCli([], io, root)).toBe(1);
  expect(out).toEqual(["plan: stack broken (Pulumi.broken.yaml, the only stack file here)"]);
  expect(err[0]).toBe("broken: 1 problem; nothing was registered");
});

test("without --stack and without a stack file: the file to write, exit 2", async () => {
  rmSync(join(root, "Pulumi.other.yaml"));
  rmSync(join(root, "Pulumi.broken.yaml"));
  expect(await planCli([], io, root)).toBe(2);
  expect(err[0]).toBe(
    "plan: no stack file here: write Pulumi.<name>.yaml (docs/site.md), then run npm run plan -- --stack <name>",
  );
});

test("a YAML syntax error is a problem at file, line and column; the previous preview stays", async () => {
  const previous = join(root, "out", "broken");
  mkdirSync(join(previous, "talos"), { recursive: true });
  writeFileSync(join(previous, "resources.json"), "[]\n");
  writeFileSync(join(previous, "talos", "cp1.yaml"), "machine: {}\n");
  writeFileSync(join(previous, "notes.txt"), "mine\n");
  writeFileSync(join(previous, PREVIEW_MANIFEST), '["resources.json", "talos/cp1.yaml"]\n');
  expect(await planCli(["--stack", "broken"], io, root)).toBe(1);
  expect(err).toEqual([
    `broken: 1 problem; nothing was registered; ${shown(previous)} still holds the previous preview, which this run left as it was`,
    `  - Pulumi.broken.yaml:7:9: "ipv6: fd00:10::/64": is indented deeper than the key on line 6, so YAML reads it as part of that key's value; indent it like line 6, or nest it under a key that ends with ':'`,
  ]);
  // A failed run writes nothing, so it removes nothing: not even the previous preview's files.
  expect(tree(previous)).toEqual([
    ".preview-files.json",
    "notes.txt",
    "resources.json",
    "talos/",
    "talos/cp1.yaml",
  ]);
  expect(out).toEqual([]);
});

test("the issue's repro: a folder under out/ with a resources.json of one's own is refused, nothing removed", async () => {
  copyFileSync(join(ROOT, "Pulumi.example.yaml"), join(root, "Pulumi.example.yaml"));
  const keep = join(root, "out", "keep");
  mkdirSync(join(keep, "sub"), { recursive: true });
  writeFileSync(join(keep, "resources.json"), "[]\n");
  writeFileSync(join(keep, "notes.txt"), "x\n");
  expect(await planCli(["--stack", "example", "--out", keep], io, root)).toBe(2);
  expect(err).toEqual([
    `plan: --out ${shown(keep)} holds files no preview wrote (no ${PREVIEW_MANIFEST}); choose a new or empty folder, or remove them`,
  ]);
  expect(tree(keep)).toEqual(["notes.txt", "resources.json", "sub/"]);
  expect(readFileSync(join(keep, "notes.txt"), "utf8")).toBe("x\n");
  // The same folder for a stack with problems: refused the same way, before the stack is read.
  err = [];
  expect(await planCli(["--stack", "broken", "--out", keep], io, root)).toBe(2);
  expect(tree(keep)).toEqual(["notes.txt", "resources.json", "sub/"]);
});

describe("symbolic links in a preview folder are never followed to remove or write", () => {
  let elsewhere: string;
  let previous: string;
  beforeEach(() => {
    copyFileSync(join(ROOT, "Pulumi.example.yaml"), join(root, "Pulumi.example.yaml"));
    elsewhere = mkdtempSync(join(tmpdir(), "plan-elsewhere-"));
    writeFileSync(join(elsewhere, "lab-cp1.yaml"), "precious\n");
    writeFileSync(join(elsewhere, "old.yaml"), "precious too\n");
    previous = join(root, "out", "example");
    mkdirSync(previous, { recursive: true });
    writeFileSync(join(previous, "resources.json"), "[]\n");
    writeFileSync(
      join(previous, PREVIEW_MANIFEST),
      JSON.stringify(["resources.json", "talos/lab-cp1.yaml", "k8s/old.yaml"]),
    );
  });
  afterEach(() => rmSync(elsewhere, { recursive: true, force: true }));

  test("a link where the preview writes: refused, exit 2, nothing written or removed", async () => {
    symlinkSync(elsewhere, join(previous, "talos"));
    expect(await planCli(["--stack", "example"], io, root)).toBe(2);
    expect(err).toEqual([
      `plan: ${previous} has a symbolic link at talos, where the preview writes talos/lab-cp1.yaml; remove the link`,
    ]);
    expect(tree(elsewhere)).toEqual(["lab-cp1.yaml", "old.yaml"]);
    expect(readFileSync(join(elsewhere, "lab-cp1.yaml"), "utf8")).toBe("precious\n");
    expect(tree(previous)).toEqual([".preview-files.json", "resources.json", "talos@"]);
    expect(readFileSync(join(previous, "resources.json"), "utf8")).toBe("[]\n");
  });

  test("a link on a path only the previous preview wrote: left alone, its target too", async () => {
    writeFileSync(
      join(previous, PREVIEW_MANIFEST),
      JSON.stringify(["resources.json", "old/old.yaml"]),
    );
    symlinkSync(elsewhere, join(previous, "old"));
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    expect(err).toEqual([]);
    expect(tree(elsewhere)).toEqual(["lab-cp1.yaml", "old.yaml"]);
    expect(lstatSync(join(previous, "old")).isSymbolicLink()).toBe(true);
    const listed = JSON.parse(readFileSync(join(previous, PREVIEW_MANIFEST), "utf8"));
    expect(listed).not.toContain("old/old.yaml");
    expect(tree(previous).filter((f) => !/^(k8s|talos)\/./.test(f))).toEqual([
      ".preview-files.json",
      "flows.json",
      "inventory.md",
      "k8s/",
      "manual-steps.json",
      "old@",
      "outputs.json",
      "resources.json",
      "routeros/",
      "routeros/edge.rsc",
      "talos/",
    ]);
  });
});

test("a file of one's own where the preview writes is refused; nothing written or removed", async () => {
  copyFileSync(join(ROOT, "Pulumi.example.yaml"), join(root, "Pulumi.example.yaml"));
  const previous = join(root, "out", "example");
  mkdirSync(join(previous, "routeros"), { recursive: true });
  writeFileSync(join(previous, "resources.json"), "[]\n");
  writeFileSync(join(previous, "stale.md"), "stale\n");
  writeFileSync(join(previous, PREVIEW_MANIFEST), JSON.stringify(["resources.json", "stale.md"]));
  writeFileSync(join(previous, "routeros", "edge.rsc"), "# my own script\n");
  expect(await planCli(["--stack", "example"], io, root)).toBe(2);
  expect(err).toEqual([
    `plan: ${previous} holds routeros/edge.rsc, which no preview wrote (${PREVIEW_MANIFEST} does not list it), where the preview writes it; move it away`,
  ]);
  expect(tree(previous)).toEqual([
    ".preview-files.json",
    "resources.json",
    "routeros/",
    "routeros/edge.rsc",
    "stale.md",
  ]);
  expect(readFileSync(join(previous, "routeros", "edge.rsc"), "utf8")).toBe("# my own script\n");
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
  [
    "50,000 brackets deep",
    `a: ${"[".repeat(50000)}\n`,
    '  - Pulumi.other.yaml: "": nesting deeper than 64 levels; a stack file\'s values nest a few levels deep; is it the right file?',
  ],
  [
    "65 flow levels (one past the cap)",
    `config:\n  a: ${"[".repeat(65)}${"]".repeat(65)}\n`,
    '  - Pulumi.other.yaml: "": nesting deeper than 64 levels; a stack file\'s values nest a few levels deep; is it the right file?',
  ],
])("%s is one problem naming the file", async (_, text, line) => {
  writeFileSync(join(root, "Pulumi.other.yaml"), text);
  expect(await planCli(["--stack", "other"], io, root)).toBe(1);
  expect(err).toEqual(["other: 1 problem; nothing was registered", line]);
  expect(out).toEqual([]);
});

// A stack file is read only as a regular file inside the project, of at most 1 MiB (STACK_FILE_MAX):
// anything else is one line and exit 2, quoting nothing of what it holds.
describe("a stack file that is not a regular file inside the project is refused, exit 2", () => {
  let outside: string;
  const SECRET = "aws_secret_access_key = FAKE/secret+KEY/do-not-print";
  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), "plan-outside-"));
    writeFileSync(join(outside, "credentials"), `[default]\n${SECRET}\n`);
    rmSync(join(root, "Pulumi.other.yaml"));
  });
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  const refused = async (line: string) => {
    expect(await planCli(["--stack", "other"], io, root)).toBe(2);
    expect(err).toEqual([line]);
    expect(out).toEqual([]);
  };

  test("a link to a file outside (a credentials file): its text is never shown", async () => {
    symlinkSync(join(outside, "credentials"), join(root, "Pulumi.other.yaml"));
    await refused(
      "plan: Pulumi.other.yaml is a symbolic link to a file outside the project; copy the file into the project instead of linking to it",
    );
    expect(err.join("\n")).not.toContain("FAKE/secret");
  });

  test("a link to /dev/zero", async () => {
    symlinkSync("/dev/zero", join(root, "Pulumi.other.yaml"));
    await refused(
      "plan: Pulumi.other.yaml is a symbolic link to a file outside the project; copy the file into the project instead of linking to it",
    );
  });

  test("a link to nothing", async () => {
    symlinkSync(join(outside, "gone.yaml"), join(root, "Pulumi.other.yaml"));
    await refused(
      "plan: Pulumi.other.yaml is a symbolic link to nothing (its target does not exist); remove the link",
    );
  });

  test("a FIFO returns at once instead of waiting for a writer", async () => {
    const made = spawnSync("mkfifo", [join(root, "Pulumi.other.yaml")]);
    expect(made.status).toBe(0);
    await refused(
      "plan: Pulumi.other.yaml is a named pipe (FIFO), not a regular file; a stack file must be a regular file",
    );
  }, 5000);

  test("a link inside the project to a FIFO", async () => {
    spawnSync("mkfifo", [join(root, "pipe")]);
    symlinkSync(join(root, "pipe"), join(root, "Pulumi.other.yaml"));
    await refused(
      "plan: Pulumi.other.yaml is a named pipe (FIFO), not a regular file; a stack file must be a regular file",
    );
  }, 5000);

  test("a directory", async () => {
    mkdirSync(join(root, "Pulumi.other.yaml"));
    await refused(
      "plan: Pulumi.other.yaml is a directory, not a regular file; a stack file must be a regular file",
    );
  });

  test("a file over 1 MiB", async () => {
    writeFileSync(join(root, "Pulumi.other.yaml"), `config: {}\n${"#".repeat(1024 * 1024)}\n`);
    await refused(
      "plan: Pulumi.other.yaml is 1048588 bytes, more than the 1 MiB a stack file may have",
    );
  });

  test("a link to a regular file inside the project is read", async () => {
    mkdirSync(join(root, "sites"));
    writeFileSync(join(root, "sites", "other.yaml"), "config: [1, 2]\n");
    symlinkSync(join(root, "sites", "other.yaml"), join(root, "Pulumi.other.yaml"));
    expect(await planCli(["--stack", "other"], io, root)).toBe(1);
    expect(err).toEqual([
      "other: 1 problem; nothing was registered",
      '  - Pulumi.other.yaml: config: "": must be a mapping of config keys; start the file with `config:` and indent the keys under it',
    ]);
  });
});

// /dev/shm is tmpfs (POSIX shared memory), an ordinary folder in memory: a preview may go there.
test("pseudoFilesystem: /proc, /sys and /dev are pseudo-filesystems; /dev/shm is not", () => {
  expect(
    ["/proc/self/x", "/sys/x", "/dev/x", "/dev/shm", "/dev/shm/out"].map(pseudoFilesystem),
  ).toEqual(["/proc", "/sys", "/dev", undefined, undefined]);
});

// --out is refused on the kernel's pseudo-filesystems (Node's recursive mkdir spins at 100% CPU on
// /proc/self/x), under anything that is not a folder, and through a symbolic link; each at once.
describe("--out where no folder can be, exit 2 at once", () => {
  test.each([
    [
      "/proc/self/x",
      "is on /proc, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)",
    ],
    [
      "/sys/x",
      "is on /sys, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)",
    ],
    [
      "/dev/x",
      "is on /dev, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)",
    ],
    [
      "/proc",
      "is on /proc, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)",
    ],
  ])(
    "%s",
    async (dir, problem) => {
      expect(await planCli(["--stack", "broken", "--out", dir], io, root)).toBe(2);
      expect(err).toEqual([`plan: --out ${shown(dir)} ${problem}`]);
    },
    5000,
  );

  test("under a file", async () => {
    writeFileSync(join(root, "notes.txt"), "x\n");
    const dir = join(root, "notes.txt", "sub");
    expect(await planCli(["--stack", "broken", "--out", dir], io, root)).toBe(2);
    expect(err).toEqual([
      `plan: --out ${shown(dir)} cannot be made: ${shown(join(root, "notes.txt"))} is a file, not a folder; choose another folder`,
    ]);
  }, 5000);

  test("a symbolic link, and a path through one", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "plan-link-"));
    try {
      symlinkSync(elsewhere, join(root, "link"));
      expect(await planCli(["--stack", "broken", "--out", join(root, "link")], io, root)).toBe(2);
      expect(await planCli(["--stack", "broken", "--out", join(root, "link", "x")], io, root)).toBe(
        2,
      );
      symlinkSync("/proc/self", join(root, "proc-link"));
      expect(
        await planCli(["--stack", "broken", "--out", join(root, "proc-link", "x")], io, root),
      ).toBe(2);
      expect(err).toEqual([
        `plan: --out ${shown(join(root, "link"))} is a symbolic link; give the folder's own path, or a new folder`,
        `plan: --out ${shown(join(root, "link", "x"))} is under ${shown(join(root, "link"))}, a symbolic link; give a path without links`,
        `plan: --out ${shown(join(root, "proc-link", "x"))} is under ${shown(join(root, "proc-link"))}, a symbolic link; give a path without links`,
      ]);
      expect(readdirSync(elsewhere)).toEqual([]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 5000);
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
    `  - homelab:proxmx: "[not shown]": is not a known config key; did you mean homelab:proxmox?`,
    `  - homelab:site: "": is required (The site's identity.); add homelab:site under config: in the stack file (object)`,
    `  - homelab:global: "": is required (The site's top-level allocation.); add homelab:global under config: in the stack file (object)`,
    `  - proxmox.url: "[not shown]": is not a known key; known keys: endpoint, insecure, protectZone, protectManagement`,
    `  - proxmox.endpoint: ${redacted}: carries a user name or password, which the URL may not hold; remove the part before @; give the Proxmox API token as the secret homelab:proxmoxApiToken`,
    `  - homelab:hosts: "": is required (Proxmox VE hosts.); add homelab:hosts under config: in the stack file (list of object)`,
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
    '  - hosts[1].id: ".inf": is not an integer: YAML reads it as infinity or NaN; use a whole number from 1 to 65535',
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

// The two findings that hung the process (a FIFO as the stack file blocked the read; Node's
// recursive mkdir spun on /proc/self/x) run in a child process with a timeout: a regression is
// a failed test, not a hung suite (jest's own timeout cannot stop synchronous code).
test("as a process: a FIFO stack file and --out /proc/self/x return at once, exit 2", () => {
  const made = spawnSync("mkfifo", [join(root, "Pulumi.fifo.yaml")]);
  expect(made.status).toBe(0);
  const script = [
    `const { planCli } = require(${JSON.stringify(join(ROOT, "preview", "cli"))});`,
    "const io = { out: (l) => console.log(l), err: (l) => console.error(l) };",
    "(async () => {",
    `  console.error(await planCli(["--stack", "fifo"], io, ${JSON.stringify(root)}));`,
    `  console.error(await planCli(["--stack", "other", "--out", "/proc/self/x"], io, ${JSON.stringify(root)}));`,
    "})();",
  ].join("\n");
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.signal).toBeNull();
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n")).toEqual([
    "plan: Pulumi.fifo.yaml is a named pipe (FIFO), not a regular file; a stack file must be a regular file",
    "2",
    "plan: --out /proc/self/x is on /proc, a kernel pseudo-filesystem, not a folder on disk; choose a folder such as out/<stack> (the default)",
    "2",
    "",
  ]);
}, 130_000);

test.each([
  [
    "not a JSON list",
    (p: string) => writeFileSync(p, "resources.json\n"),
    `.preview-files.json is not a preview's file list (a JSON array of paths); remove the folder's files yourself, or choose another folder`,
    ".preview-files.json",
  ],
  [
    "a link out of the folder",
    (p: string) => symlinkSync("/etc/hostname", p),
    ".preview-files.json is a symbolic link to a file outside the preview folder; copy the file into the preview folder instead of linking to it",
    ".preview-files.json@",
  ],
])(
  "--out a folder whose file list is %s: refused, exit 2, nothing removed",
  async (_, make, why, list) => {
    const dir = join(root, "out", "other");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "resources.json"), "[]\n");
    make(join(dir, PREVIEW_MANIFEST));
    expect(await planCli(["--stack", "other", "--out", dir], io, root)).toBe(2);
    expect(err).toEqual([`plan: --out ${shown(dir)} cannot take a preview: ${why}`]);
    expect(tree(dir)).toEqual([list, "resources.json"]);
  },
);

describe("the preview's file list removes only files the preview wrote, as it wrote them", () => {
  const hash = (text: string) => createHash("sha256").update(text).digest("hex");
  let dir: string;
  beforeEach(() => {
    copyFileSync(join(ROOT, "Pulumi.example.yaml"), join(root, "Pulumi.example.yaml"));
    dir = join(root, "out", "example");
  });
  /** The paths the list in `dir` names, and the stack it names. */
  const listed = () => {
    const m = JSON.parse(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8"));
    return { stack: m.stack, paths: m.files.map((f: { path: string }) => f.path) };
  };

  test("the attack's forged list (older format) deletes nothing", async () => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "mine.txt"), "mine\n");
    writeFileSync(join(dir, "sub", "keep.txt"), "keep\n");
    writeFileSync(join(dir, PREVIEW_MANIFEST), '["mine.txt","sub/keep.txt","sub"]');
    expect(await planCli(["--stack", "example", "--out", dir], io, root)).toBe(0);
    expect(err).toEqual([]);
    expect(readFileSync(join(dir, "mine.txt"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, "sub", "keep.txt"), "utf8")).toBe("keep\n");
    expect(listed().stack).toBe("example");
    expect(listed().paths).not.toContain("mine.txt");
    expect(listed().paths).toContain("resources.json");
  });

  test("a forged list with the right hashes cannot reach outside the folder or itself", async () => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(root, "out", "x"), "x\n");
    writeFileSync(join(root, "abs.txt"), "abs\n");
    writeFileSync(join(dir, "sub", "y"), "y\n");
    const files = [
      { path: "../x", sha256: hash("x\n") },
      { path: "sub/../../x", sha256: hash("x\n") },
      { path: join(root, "abs.txt"), sha256: hash("abs\n") },
      { path: "/etc/x", sha256: hash("x\n") },
      { path: "sub/./y", sha256: hash("y\n") },
      { path: "sub//y", sha256: hash("y\n") },
    ];
    writeFileSync(join(dir, PREVIEW_MANIFEST), JSON.stringify({ stack: "example", files }));
    expect(await planCli(["--stack", "example", "--out", dir], io, root)).toBe(0);
    expect(err).toEqual([]);
    expect(readFileSync(join(root, "out", "x"), "utf8")).toBe("x\n");
    expect(readFileSync(join(root, "abs.txt"), "utf8")).toBe("abs\n");
    expect(readFileSync(join(dir, "sub", "y"), "utf8")).toBe("y\n");
  });

  test("a stale file as the previous preview wrote it goes; one changed since is kept and named", async () => {
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    const summary = out[0];
    expect(out).toEqual([summary]);
    // As a previous preview that wrote two files this one no longer writes would have left it.
    mkdirSync(join(dir, "old"));
    writeFileSync(join(dir, "old", "gone.yaml"), "as written\n");
    writeFileSync(join(dir, "talos", "edited.yaml"), "edited by hand\n");
    const m = JSON.parse(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8"));
    m.files.push(
      { path: "old/gone.yaml", sha256: hash("as written\n") },
      { path: "talos/edited.yaml", sha256: hash("as written\n") },
    );
    writeFileSync(join(dir, PREVIEW_MANIFEST), JSON.stringify(m));
    out = [];
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual([
      summary,
      `  kept ${join(shown(dir), "talos", "edited.yaml")}: the previous preview wrote it, but it was changed since and this preview no longer writes it; remove it yourself if the changes are not needed`,
    ]);
    expect(existsSync(join(dir, "old"))).toBe(false);
    expect(readFileSync(join(dir, "talos", "edited.yaml"), "utf8")).toBe("edited by hand\n");
    expect(listed().paths).not.toContain("talos/edited.yaml");
    // Now the user's: the next preview leaves it alone and says nothing.
    out = [];
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    expect(out).toEqual([summary]);
    expect(readFileSync(join(dir, "talos", "edited.yaml"), "utf8")).toBe("edited by hand\n");
  });

  test("a file the preview writes again, changed since: refused, exit 2, nothing written", async () => {
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    writeFileSync(join(dir, "inventory.md"), "my notes\n");
    const before = readFileSync(join(dir, PREVIEW_MANIFEST), "utf8");
    expect(await planCli(["--stack", "example"], io, root)).toBe(2);
    expect(err).toEqual([
      `plan: ${dir} holds inventory.md, changed since the preview wrote it, where the preview writes it again; move it away to keep the changes, or remove it`,
    ]);
    expect(readFileSync(join(dir, "inventory.md"), "utf8")).toBe("my notes\n");
    expect(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8")).toBe(before);
  });

  test("an older list (paths only): its files are overwritten where the preview writes, none removed", async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "resources.json"), "[]\n");
    writeFileSync(join(dir, "stale.md"), "stale\n");
    writeFileSync(join(dir, PREVIEW_MANIFEST), '["resources.json", "stale.md"]\n');
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    expect(err).toEqual([]);
    expect(readFileSync(join(dir, "resources.json"), "utf8")).not.toBe("[]\n");
    expect(readFileSync(join(dir, "stale.md"), "utf8")).toBe("stale\n");
    expect(listed().paths).not.toContain("stale.md");
  });

  test("another stack's preview folder: refused, exit 2, nothing written or removed", async () => {
    expect(await planCli(["--stack", "example"], io, root)).toBe(0);
    const before = tree(dir);
    expect(await planCli(["--stack", "other", "--out", dir], io, root)).toBe(2);
    expect(err).toEqual([
      `plan: --out ${shown(dir)} holds the preview of stack example, not other (${PREVIEW_MANIFEST}); remove that folder yourself, or choose another folder such as out/other`,
    ]);
    expect(tree(dir)).toEqual(before);
    expect(listed().stack).toBe("example");
  });

  test("--out inside the project's .git: refused, exit 2, nothing made", async () => {
    mkdirSync(join(root, ".git"));
    expect(await planCli(["--stack", "example", "--out", join(root, ".git", "pn")], io, root)).toBe(
      2,
    );
    expect(err).toEqual([
      `plan: --out ${shown(join(root, ".git", "pn"))} is inside the project's .git folder, which git alone writes; choose a folder such as out/<stack> (the default)`,
    ]);
    expect(readdirSync(join(root, ".git"))).toEqual([]);
  });
});
