// npm run import refusals: files outside the saved folder, pseudo-filesystem and non-export files,
// an existing or linked --out, a host given twice; each refused with an exact message that quotes
// none of the file's content. The YAML-1.1 words are written quoted.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { importCli } from "../../import/cli";
import { readInterfaces } from "../../import/interfaces";

const FIX = "test/fixtures/import";

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = importCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-refusals-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("source lines stay in the saved folder", () => {
  test("a relative source leading out of the folder is refused, its file not read", () => {
    expect(() => readInterfaces(`${FIX}/escape/interfaces`)).toThrow(
      `${FIX}/escape/interfaces: line 5: ${FIX}/pve2/interfaces is outside the folder of the saved interfaces file (${FIX}/escape); a saved /etc/network/interfaces.d/x is read from interfaces.d/x beside it: copy the sourced files there`,
    );
  });

  test("an absolute source and a link out of the folder are refused; nothing of the target is printed", () => {
    fs.writeFileSync(path.join(dir, "secret"), "TOPSECRET-LINE-1 abc\n");
    const saved = path.join(dir, "saved");
    fs.mkdirSync(path.join(saved, "interfaces.d"), { recursive: true });
    fs.writeFileSync(
      path.join(saved, "interfaces"),
      `auto lo\niface lo inet loopback\nsource ${dir}/secret\n`,
    );
    let r = run(["--site", "s", "--proxmox", `pve1=${saved}/interfaces`, "--out", `${dir}/o.yaml`]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `import: ${saved}/interfaces: line 3: ${dir}/secret is outside the folder of the saved interfaces file (${saved}); a saved /etc/network/interfaces.d/x is read from interfaces.d/x beside it: copy the sourced files there`,
      "import: nothing written: fix or leave out the refused files",
    ]);
    fs.writeFileSync(
      path.join(saved, "interfaces"),
      "auto lo\niface lo inet loopback\nsource /etc/network/interfaces.d/*\n",
    );
    fs.symlinkSync(`${dir}/secret`, path.join(saved, "interfaces.d", "x"));
    r = run(["--site", "s", "--proxmox", `pve1=${saved}/interfaces`, "--out", `${dir}/o.yaml`]);
    expect(r.err).toEqual([
      `import: ${saved}/interfaces: line 3: ${saved}/interfaces.d/x is outside the folder of the saved interfaces file (${saved}); a saved /etc/network/interfaces.d/x is read from interfaces.d/x beside it: copy the sourced files there`,
      "import: nothing written: fix or leave out the refused files",
    ]);
    expect(r.err.join("\n")).not.toContain("TOPSECRET");
  });

  test("a sourced line ifupdown2 rejects is named by file and line, not printed", () => {
    const saved = path.join(dir, "saved");
    fs.mkdirSync(path.join(saved, "interfaces.d"), { recursive: true });
    fs.writeFileSync(
      path.join(saved, "interfaces"),
      "auto lo\niface lo inet loopback\nsource /etc/network/interfaces.d/*\n",
    );
    fs.writeFileSync(path.join(saved, "interfaces.d", "x"), "TOPSECRET-LINE-1 abc\n");
    expect(() => readInterfaces(`${saved}/interfaces`)).toThrow(
      `${saved}/interfaces.d/x: line1: error processing line; ifupdown2 refuses the file, so Proxmox would not bring it up either: fix the line`,
    );
  });
});

describe("files that are not saved files", () => {
  test("/proc/self/environ as an export and as an interfaces file is refused unread", () => {
    const r = run([
      "--site",
      "s",
      "--routeros",
      "edge=/proc/self/environ",
      "--proxmox",
      "pve1=/proc/self/environ",
      "--out",
      `${dir}/o.yaml`,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "import: /proc/self/environ is on /proc, not a saved file; an interfaces file is a file copied from the host",
      "import: /proc/self/environ is on /proc, not a saved file; a RouterOS export is a file copied from the host",
      "import: nothing written: fix or leave out the refused files",
    ]);
  });

  test("a file that is not an export is refused by its missing header, not by its last line", () => {
    const r = run([
      "--site",
      "s",
      "--routeros",
      `edge=${FIX}/bad/secret.rsc`,
      "--out",
      `${dir}/o.yaml`,
    ]);
    expect(r.err).toEqual([
      `import: ${FIX}/bad/secret.rsc: no "# ... by RouterOS 7.x" header line: not the output of /export; save what /export prints on the router, as it is`,
      "import: nothing written: fix or leave out the refused files",
    ]);
    expect(r.err.join("\n")).not.toContain("supersecret");
  });

  test("an export over 4 MiB is refused before it is parsed", () => {
    fs.writeFileSync(path.join(dir, "big.rsc"), "");
    fs.truncateSync(path.join(dir, "big.rsc"), 4 * 1024 * 1024 + 1);
    const r = run(["--site", "s", "--routeros", `edge=${dir}/big.rsc`, "--out", `${dir}/o.yaml`]);
    expect(r.err[0]).toBe(
      `import: ${dir}/big.rsc is 4194305 bytes, more than the 4 MiB a RouterOS export may have`,
    );
  });
});

describe("--out", () => {
  const args = (out: string, ...more: string[]) => [
    "--site",
    "s",
    "--routeros",
    `edge=${FIX}/edge.rsc`,
    "--out",
    out,
    ...more,
  ];

  test("an existing stack file or report is refused without --force, replaced with it", () => {
    const out = path.join(dir, "Pulumi.s.yaml");
    fs.writeFileSync(out, "hand-written\n");
    let r = run(args(out));
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`import: ${out} exists; give --force to replace it, or another --out`);
    expect(fs.readFileSync(out, "utf8")).toBe("hand-written\n");
    fs.rmSync(out);
    fs.writeFileSync(path.join(dir, "import-report.md"), "mine\n");
    r = run(args(out));
    expect(r.err[0]).toBe(
      `import: ${dir}/import-report.md exists; give --force to replace it, or another --out`,
    );
    expect(fs.existsSync(out)).toBe(false);
    r = run(args(out, "--force"));
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toContain("homelab:routers:");
  });

  test("a symbolic link, a missing folder and /proc are refused as usage errors", () => {
    fs.writeFileSync(path.join(dir, "target"), "keep\n");
    fs.symlinkSync(path.join(dir, "target"), path.join(dir, "lnk.yaml"));
    for (const [out, message] of [
      [
        `${dir}/lnk.yaml`,
        `${dir}/lnk.yaml is a symbolic link; nothing is written through a link: remove it or give another --out`,
      ],
      [
        `${dir}/no/o.yaml`,
        `--out ${dir}/no/o.yaml: the folder ${dir}/no does not exist; create it or give another --out`,
      ],
      [
        "/proc/self/o.yaml",
        "--out /proc/self/o.yaml: /proc/self is on /proc; write the stack file into the project",
      ],
    ]) {
      const r = run(args(out, "--force"));
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(`import: ${message}`);
    }
    expect(fs.readFileSync(path.join(dir, "target"), "utf8")).toBe("keep\n");
  });
});

describe("names", () => {
  test("a host or router given twice is a usage error", () => {
    let r = run(["--site", "s", "--proxmox", "pve1=a", "--proxmox", "pve1=b"]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("import: --proxmox pve1: given twice; give one file per host");
    r = run(["--site", "s", "--routeros", "edge=a", "--routeros", "edge=b"]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe("import: --routeros edge: given twice; give one file per router");
  });

  test("YAML 1.1 words (yes, on) are written quoted", () => {
    const out = path.join(dir, "Pulumi.s.yaml");
    const r = run([
      "--site",
      "s",
      "--routeros",
      `yes=${FIX}/edge.rsc`,
      "--routeros",
      `on=${FIX}/edge.rsc`,
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text).toContain('name: "yes"');
    expect(text).toContain('name: "on"');
    expect(text).not.toMatch(/name: (yes|on)\n/);
  });
});

describe("exit status", () => {
  test("a loopback-only interfaces file imports nothing: exit 1, nothing written", () => {
    const out = path.join(dir, "Pulumi.s.yaml");
    const r = run(["--site", "s", "--proxmox", `pve1=${FIX}/lo-only/interfaces`, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "import: nothing could be imported: the 1 entry read hold no bridge, bond, VLAN, address, SDN object or router entry the stack can hold (a loopback alone is in every host); nothing written",
    ]);
    expect(r.out).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(dir, "import-report.md"))).toBe(false);
  });

  test("an interfaces file with a bridge beside lo is imported: exit 0", () => {
    const out = path.join(dir, "Pulumi.s.yaml");
    const r = run(["--site", "s", "--proxmox", `pve2=${FIX}/pve2/interfaces`, "--out", out]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
  });

  test("an unknown option and a positional argument are usage errors: exit 2", () => {
    for (const argv of [
      ["--site", "s", "--bogus"],
      ["--site", "s", "extra"],
    ]) {
      const r = run(argv);
      expect(r.code).toBe(2);
      expect(r.err[1]).toBe("run npm run import -- --help for the options");
    }
  });
});
