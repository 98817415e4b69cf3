// The offline preview of the homelab stack through the public entry point (index.ts under mocks).
import { createHash } from "crypto";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  PREVIEW_MANIFEST,
  PreviewFolderError,
  PreviewResult,
  previewStack,
  summarize,
  warningLines,
  writePreview,
} from "../../preview/offline";

let result: PreviewResult;
beforeAll(async () => {
  result = await previewStack("homelab");
});

test("runs index.ts without problems", () => {
  expect([result.ok, result.problems, result.error]).toEqual([true, [], undefined]);
});

test("the inventory shows seed 000's tables", () => {
  const inventory = String(result.outputs.inventory);
  for (const row of [
    "| Management      | 10.10.0.0/24  | fd00:10::/64  | PVE UI, SSH, API      |",
    "| Host loopbacks  | 10.255.0.0/16 | fd00:255::/64 | Stable host identity  |",
    "| pve01 | 1  | 10.10.0.1 | fd00:10::1 | 10.255.0.1          | fd00:255::1          |",
    "| VM subnet       | 10.101.0.0/24   | fd00:101::/64    |",
    "| Anycast gateway | 10.101.0.254    | fd00:101::fffe   |",
    "| Host identities | 10.101.255.0/24 | fd00:101:ff::/64 |",
    "| VM loopbacks    | 10.101.254.0/24 | fd00:101:fe::/64 |",
    "| Pods              | 10.101.244.0/22 | fd00:101:244::/60 |",
    "| Services          | 10.101.96.0/24  | fd00:101:96::/108 |",
    "| LoadBalancers     | 10.101.27.0/24  | fd00:101:1b::/112 |",
  ]) {
    // Cells as the seed writes them; the padding depends on the widest cell of each table.
    const squeeze = (l: string) => l.replace(/ {2,}/g, " ");
    expect(inventory.split("\n").map(squeeze)).toContain(squeeze(row));
  }
});

test("writes resources.json and inventory.md, and summarizes in one line", () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-"));
  const files = writePreview(result, dir).written;
  expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
    "resources.json",
    "inventory.md",
    "outputs.json",
    "manual-steps.json",
    "expectations.json",
    "flows.json",
    "talos/k101cp11.yaml",
    "talos/k101cp12.yaml",
    "talos/k101cp13.yaml",
    "talos/k101wk21.yaml",
    "talos/k101wk22.yaml",
    "k8s/cluster-101/cilium-values.yaml",
    "k8s/cluster-101/CiliumL2AnnouncementPolicy-k101-l2.yaml",
    "k8s/cluster-101/CiliumLoadBalancerIPPool-k101-pool.yaml",
  ]);
  // Extracted from the recorded inputs: the file is the config command's stdin, byte for byte.
  const config = result.resources.find((r) => r.name === "cluster-101-11-config");
  expect(readFileSync(join(dir, "talos", "k101cp11.yaml"), "utf8")).toBe(config?.inputs.stdin);
  const resources = JSON.parse(readFileSync(files[0], "utf8"));
  expect(resources.map((r: { type: string }) => r.type)).toContain("pulumi:pulumi:Stack");
  expect(readFileSync(files[1], "utf8")).toBe(result.outputs.inventory);
  expect(summarize("homelab", result, "out/homelab")).toBe(
    "homelab: 62 resources (51 custom, 11 components), 3 to import, 48 to create, 1 warning, 8 manual steps (inventory.md), written to out/homelab",
  );
  // Written again: the previous preview's files are replaced, a file of the user's own stays.
  writeFileSync(join(dir, "talos", "notes.md"), "mine\n");
  writeFileSync(join(dir, "talos", "k101wk23.yaml"), "stale\n");
  const listed = JSON.parse(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8"));
  const stale = {
    path: "talos/k101wk23.yaml",
    sha256: createHash("sha256").update("stale\n").digest("hex"),
  };
  writeFileSync(
    join(dir, PREVIEW_MANIFEST),
    JSON.stringify({ ...listed, files: [...listed.files, stale] }),
  );
  writePreview(result, dir);
  expect(readFileSync(join(dir, "talos", "notes.md"), "utf8")).toBe("mine\n");
  expect(existsSync(join(dir, "talos", "k101wk23.yaml"))).toBe(false);
  expect(JSON.parse(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8"))).toEqual(listed);
  // A symbolic link where the preview's talos/ folder was is not the preview's: the write is
  // refused before anything is written or removed, and the link and its target stay.
  const elsewhere = mkdtempSync(join(tmpdir(), "mine-"));
  writeFileSync(join(elsewhere, "k101cp11.yaml"), "precious\n");
  rmSync(join(dir, "talos"), { recursive: true });
  symlinkSync(elsewhere, join(dir, "talos"));
  const before = readFileSync(join(dir, PREVIEW_MANIFEST), "utf8");
  expect(() => writePreview(result, dir)).toThrow(
    new PreviewFolderError(
      `${dir} has a symbolic link at talos, where the preview writes talos/k101cp11.yaml; remove the link`,
    ),
  );
  expect(readFileSync(join(elsewhere, "k101cp11.yaml"), "utf8")).toBe("precious\n");
  expect(lstatSync(join(dir, "talos")).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(dir, PREVIEW_MANIFEST), "utf8")).toBe(before);
  expect(readFileSync(files[0], "utf8")).toBe(`${JSON.stringify(result.resources, null, 2)}\n`);
  expect(readdirSync(elsewhere)).toEqual(["k101cp11.yaml"]);
  expect(warningLines(result)).toEqual([
    `global.underlay.ipv6: "fc00:99::/48": is in fc00::/8, which RFC 4193 leaves undefined (only fd00::/8 is for local use); fine inside one site; an fd00::/8 prefix with a random global ID avoids future clashes`,
  ]);
});
