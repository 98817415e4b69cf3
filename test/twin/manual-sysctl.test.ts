// The manual steps' sysctls as the twin applies them (twin/site/manual.ts), before anything runs
// (no root needed): homelab's two EVPN exit nodes get the loose rp_filter its plan notes
// (topology/evpn-edge.ts), over the twin's own rp_filter=0; other hosts keep the twin's default.
import { previewFiles, previewStack } from "../../preview/offline";
import { buildTwin } from "../../twin/site/build";
import { readManualSteps } from "../../twin/site/manual";

const LOOSE = ["net.ipv4.conf.all.rp_filter=2", "net.ipv4.conf.default.rp_filter=2"];

test("homelab: the exit nodes pve01 and pve02 get the plan's loose rp_filter; pve03 none", async () => {
  const files = new Map(previewFiles(await previewStack("homelab")));
  expect([...readManualSteps(files).sysctls]).toEqual([
    ["pve01", LOOSE],
    ["pve02", LOOSE],
  ]);
  const { site } = buildTwin("homelab", files);
  expect(site.devices.filter((d) => d.kind === "host").map((d) => [d.name, d.sysctls])).toEqual([
    ["pve01", LOOSE],
    ["pve02", LOOSE],
    ["pve03", []],
  ]);
  expect(site.notes.filter((n) => n.includes("rp_filter"))).toEqual([
    "manual step applied: pve01: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2",
    "manual step applied: pve02: sysctl net.ipv4.conf.all.rp_filter=2 and net.ipv4.conf.default.rp_filter=2",
  ]);
});

test("a sysctl step with a key outside net.* is not applied, and stays listed", () => {
  const steps = [
    { device: "pve01", what: "sysctl kernel.panic=1 (no)" },
    { device: "pve01", what: "sysctl net.ipv4.conf.all.rp_filter=1 (strict)" },
  ];
  const m = readManualSteps(new Map([["manual-steps.json", JSON.stringify(steps)]]));
  expect([...m.sysctls]).toEqual([["pve01", ["net.ipv4.conf.all.rp_filter=1"]]]);
  expect(m.other).toEqual(["pve01: sysctl kernel.panic=1 (no)"]);
});
