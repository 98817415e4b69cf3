// The twin's command line without booting a twin: argument errors as `npm run plan` words them,
// and preview folders it must refuse (missing, a file, no resources.json, an artifact removed).
import { spawnSync } from "child_process";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { previewStack, ROOT, writePreview } from "../../preview/offline";
import { fromFolderProblem, twinCli, usage } from "../../twin/cli";

let base: string;
beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "twin-cli-"));
  writePreview(await previewStack("example"), join(base, "example"));
  writePreview(await previewStack("ms01"), join(base, "ms01"));
}, 60_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

test.each([
  [["--bogus"], "twin: unknown option --bogus"],
  [["--from"], "twin: option --from needs a value"],
  [["sol"], "twin: unexpected argument sol; options start with --"],
])("%j is one line of error and the usage, exit 2", async (argv, line) => {
  const err: string[] = [];
  const out: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  expect(await twinCli(argv, io)).toBe(2);
  expect(err).toEqual([line, "", usage(ROOT)]);
  expect(out).toEqual([]);
});

test("a folder that does not exist, a file, a folder without resources.json", () => {
  expect(fromFolderProblem(join(base, "nope"))).toBe(
    "does not exist; run npm run plan -- --stack <name> first",
  );
  writeFileSync(join(base, "file"), "x");
  expect(fromFolderProblem(join(base, "file"))).toBe("is a file, not a preview folder");
  mkdirSync(join(base, "empty"));
  expect(fromFolderProblem(join(base, "empty"))).toBe(
    "is not a preview folder (no resources.json); run npm run plan first",
  );
});

test("a preview folder missing artifacts names each, so no device drops out of the twin", () => {
  expect(fromFolderProblem(join(base, "example"))).toBeUndefined();
  const partial = join(base, "partial");
  mkdirSync(partial);
  for (const f of ["resources.json", "outputs.json"])
    copyFileSync(join(base, "example", f), join(partial, f));
  const problem =
    "lacks 11 files the preview wrote: manual-steps.json, talos/lab-cp1.yaml, talos/lab-cp2.yaml, talos/lab-cp3.yaml, k8s/cluster-20/cilium-values.yaml, k8s/cluster-20/CiliumLoadBalancerIPPool-lab-pool.yaml, k8s/cluster-20/CiliumBGPPeerConfig-lab-peer-ipv4.yaml, k8s/cluster-20/CiliumBGPPeerConfig-lab-peer-ipv6.yaml, k8s/cluster-20/CiliumBGPAdvertisement-lab-lb.yaml, k8s/cluster-20/CiliumBGPClusterConfig-lab.yaml, routeros/edge.rsc; restore them or run npm run plan again";
  expect(fromFolderProblem(partial)).toBe(problem);
});

test("through the command: the partial folder is refused with exit 2 before any namespace", async () => {
  const err: string[] = [];
  const io = { out: () => undefined, err: (l: string) => err.push(l) };
  const partial = join(base, "partial");
  expect(await twinCli(["--from", partial], io)).toBe(2);
  expect(err).toEqual([`twin: ${partial} ${fromFolderProblem(partial)}`]);
  expect(err[0]).toContain("routeros/edge.rsc");
});

test("a preview folder without its policy.json is refused: every probe would vanish", () => {
  expect(fromFolderProblem(join(base, "ms01"))).toBeUndefined();
  rmSync(join(base, "ms01", "policy.json"));
  expect(fromFolderProblem(join(base, "ms01"))).toBe(
    "lacks 1 file the preview wrote: policy.json; restore it or run npm run plan again",
  );
});

// A --from folder's files are read only as regular files inside it, of at most 16 MiB each, and a
// refused one is named without its content; the folder itself must not be a kernel pseudo-folder.
describe("--from a folder holding what is not a preview's file", () => {
  let outside: string;
  beforeAll(() => {
    outside = mkdtempSync(join(tmpdir(), "twin-outside-"));
    writeFileSync(join(outside, "credentials"), "aws_secret_access_key = FAKE/twin+secret\n");
  });
  afterAll(() => rmSync(outside, { recursive: true, force: true }));

  test.each([
    [
      "a link to a file outside",
      (p: string) => symlinkSync(join(outside, "credentials"), p),
      "cannot be twinned: routeros/edge.rsc is a symbolic link to a file outside the preview folder; copy the file into the preview folder instead of linking to it",
    ],
    [
      "a link to /dev/zero",
      (p: string) => symlinkSync("/dev/zero", p),
      "cannot be twinned: routeros/edge.rsc is a symbolic link to a file outside the preview folder; copy the file into the preview folder instead of linking to it",
    ],
    [
      "a FIFO",
      (p: string) => expect(spawnSync("mkfifo", [p]).status).toBe(0),
      "cannot be twinned: routeros/edge.rsc is a named pipe (FIFO), not a regular file; a preview's file must be a regular file",
    ],
    [
      "a file over 16 MiB",
      (p: string) => writeFileSync(p, Buffer.alloc(16 * 1024 * 1024 + 1, 0x23)),
      "cannot be twinned: routeros/edge.rsc is 16777217 bytes, more than the 16 MiB a preview's file may have",
    ],
  ])(
    "%s is refused through the command, exit 2",
    async (what, make, problem) => {
      const dir = join(base, `refused-${what.replace(/\W+/g, "-")}`);
      cpSync(join(base, "example"), dir, { recursive: true });
      rmSync(join(dir, "routeros", "edge.rsc"));
      make(join(dir, "routeros", "edge.rsc"));
      expect(fromFolderProblem(dir)).toBe(problem);
      const err: string[] = [];
      const io = { out: () => undefined, err: (l: string) => err.push(l) };
      expect(await twinCli(["--from", dir], io)).toBe(2);
      expect(err).toEqual([`twin: ${dir} ${problem}`]);
      expect(err.join("\n")).not.toContain("FAKE");
    },
    10_000,
  );

  test("a folder of /proc is refused before anything in it is read", () => {
    expect(fromFolderProblem("/proc/self")).toBe(
      "is on /proc, a kernel pseudo-filesystem, not a preview folder",
    );
  });
});
