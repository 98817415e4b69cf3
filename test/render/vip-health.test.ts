// The anycast API VIP of a cluster on plain Linux (seed 001's sol) is announced only while the
// node's kube-apiserver answers: cloud-init writes vip-health-bgp.sh and its unit on every
// control-plane node and enables it; the script, run with stand-in `curl` and `ip`, holds the VIP
// on lo while the API answers and drops it after three failed checks; `sh -n` parses it.
import { spawnSync } from "child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { cloudInitMachines } from "../../render/cloud-init/inputs";
import {
  VIP_HEALTH_SCRIPT,
  VIP_HEALTH_UNIT,
  vipHealthScript,
} from "../../render/cloud-init/vip-health";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const { plan, topology } = requireSite(stackRaw("sol"));
const machines = cloudInitMachines(plan, topology);

test("sol: each control plane gets the script and its unit, enabled; the workers none", () => {
  expect(
    machines.map((m) => [m.name, m.userData.files.map((f) => `${f.path} ${f.permissions}`)]),
  ).toEqual([
    ...["solcp011", "solcp012", "solcp013"].map((n) => [
      n,
      [`${VIP_HEALTH_SCRIPT} 0755`, `${VIP_HEALTH_UNIT} 0644`],
    ]),
    ...["solwk021", "solwk022", "solwk023"].map((n) => [n, []]),
  ]);
  const cp = machines[0].userData;
  expect(cp.commands.slice(-2)).toEqual([
    ["systemctl", "daemon-reload"],
    ["systemctl", "enable", "--now", "vip-health-bgp.service"],
  ]);
  expect(cp.files[0].content.split("\n")[3]).toBe('VIPS="fd00:255:101::ac/128"');
  expect(cp.files[1].content).toContain("ExecStart=/usr/local/bin/vip-health-bgp.sh\n");
});

describe("the script, run with stand-in curl and ip", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vip-health-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** One check (VIP_HEALTH_ONCE=1) with curl exiting `curlExit`; the `ip` calls made. */
  function once(curlExit: number): string[] {
    const log = join(dir, "ip.log");
    writeFileSync(join(dir, "curl"), `#!/bin/sh\nexit ${curlExit}\n`);
    writeFileSync(join(dir, "ip"), `#!/bin/sh\necho "$*" >> ${log}\n`);
    chmodSync(join(dir, "curl"), 0o755);
    chmodSync(join(dir, "ip"), 0o755);
    writeFileSync(join(dir, "vip-health-bgp.sh"), vipHealthScript(["fd00:255:101::ac/128"]));
    const r = spawnSync("sh", [join(dir, "vip-health-bgp.sh")], {
      env: { PATH: `${dir}:/usr/bin:/bin`, VIP_HEALTH_ONCE: "1" },
      encoding: "utf8",
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    try {
      return readFileSync(log, "utf8").trim().split("\n");
    } catch {
      return [];
    }
  }

  test("the API answers: the VIP is held on lo", () => {
    expect(once(0)).toEqual(["addr replace fd00:255:101::ac/128 dev lo"]);
  });

  test("the API does not answer (curl exits 7): the VIP leaves lo, FRR withdraws it", () => {
    expect(once(7)).toEqual(["addr del fd00:255:101::ac/128 dev lo"]);
  });
});

test("rise after 2 answers, fall after 3 failures (the loop's counters, traced)", () => {
  const script = vipHealthScript(["10.255.101.172/32"]);
  {
    // Drive check() by hand: source the functions, then a sequence of curl results.
    const body = script.slice(0, script.indexOf('if [ "${VIP_HEALTH_ONCE'));
    const results = [0, 1, 1, 1, 0, 0];
    const driver = [
      body,
      `n=0; curl() { n=$((n + 1)); set -- ${results.join(" ")}; shift $((n - 1)); return "$1"; }`,
      'ip() { echo "ip $*"; }',
      ...results.map(() => 'check; echo "state=$state"'),
    ].join("\n");
    const r = spawnSync("sh", ["-c", driver], { encoding: "utf8" });
    expect(r.stdout.trim().split("\n")).toEqual([
      "ip addr replace 10.255.101.172/32 dev lo",
      "state=up",
      "state=up",
      "state=up",
      "ip addr del 10.255.101.172/32 dev lo",
      "state=down",
      "state=down",
      "ip addr replace 10.255.101.172/32 dev lo",
      "state=up",
    ]);
  }
});

test("sh -n parses the script, and refuses a broken one", () => {
  const check = (text: string) => spawnSync("sh", ["-n"], { input: text, encoding: "utf8" }).status;
  const script = vipHealthScript(["fd00:255:101::ac/128"]);
  expect(check(script)).toBe(0);
  expect(check(script.replace("\nfi\nwhile", "\nwhile"))).not.toBe(0);
});
