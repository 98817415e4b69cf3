// The sol stack (seed 001) under mocks: one SSH command per router carrying the whole reconcile
// script, one per FRR node carrying its frr.conf, secrets kept secret, and the preview's
// routeros/ and frr/ files extracted from those inputs and accepted by FRR's own parser.
import { PreviewResult, previewConfig } from "../../preview/offline";
import { extractArtifacts } from "../../preview/artifacts";
import { RecordedResource } from "../../preview/run";
import { readStackFile } from "../../preview/stack-file";
import { frrConfigProblems } from "../../twin/netns/frr-check";
import { INSTALL_FRR_CONF } from "../../components/frr-config";
import { runAsSystemScript } from "../../components/routeros-router";
import { ROOT } from "../fixtures/base";
import { PRIVATE } from "../fixtures/secrets/keys";
import { join } from "path";

let result: PreviewResult;
const remote = (): RecordedResource[] =>
  result.resources.filter((r) => r.type === "command:remote:Command");

beforeAll(async () => {
  const file = readStackFile(join(ROOT, "Pulumi.sol.yaml"), "homelab");
  const config = {
    ...file.config,
    "homelab:routerSshKey": PRIVATE,
  };
  result = await previewConfig(
    "sol",
    { config, secretKeys: [...file.secretKeys, "homelab:routerSshKey"] },
    "homelab",
  );
  if (!result.ok) throw new Error(String(result.error ?? JSON.stringify(result.problems)));
});

test("one SSH command for the router and one per FRR node, nothing per route", () => {
  expect(remote().map((r) => r.name)).toEqual([
    "router-edge-reconcile",
    ...["solcp011", "solcp012", "solcp013", "solwk021", "solwk022", "solwk023"].map(
      (_n, i) => `frr-node-101-${[11, 12, 13, 21, 22, 23][i]}-frr`,
    ),
  ]);
});

test("the router command runs the whole script in one session and re-runs when it changes", () => {
  const r = remote()[0];
  const script = (r.inputs.triggers as string[])[0];
  expect(script.split("\n")[0]).toBe(
    "# RouterOS 7.19 reconcile script for router edge, stack sol. Generated; do not edit.",
  );
  expect(r.inputs.create).toBe(runAsSystemScript("homelab-sol", script));
  expect(r.inputs.update).toBe(r.inputs.create);
  expect(String(r.inputs.delete)).toMatch(
    /^\/system\/script\/remove \[find where name="homelab-sol-destroy"\]; /,
  );
  expect(String(r.inputs.create).includes("\n")).toBe(false);
  // The program ran with the key's label in its place (preview/secret-values.ts).
  expect(r.inputs.connection).toEqual({
    dialErrorLimit: 10,
    host: "fd00:10::fffe",
    perDialTimeout: 15,
    port: 22,
    privateKey: "[secret homelab:routerSshKey sha256:6256eedf]",
    user: "admin",
  });
  expect(JSON.stringify(result.resources)).not.toContain("BEGIN OPENSSH");
});

test("each FRR node receives its config on stdin, checked by vtysh before it goes live", () => {
  for (const r of remote().slice(1)) {
    expect([r.name, r.inputs.create, r.inputs.update, r.inputs.connection]).toEqual([
      r.name,
      INSTALL_FRR_CONF,
      INSTALL_FRR_CONF,
      {
        dialErrorLimit: 10,
        host: `fd00:101::${/^frr-node-101-(\d+)-frr$/.exec(r.name)?.[1]}`,
        perDialTimeout: 15,
        port: 22,
        privateKey: "[secret homelab:routerSshKey sha256:6256eedf]",
        user: "root",
      },
    ]);
    expect((r.inputs.triggers as string[])[0]).toBe(r.inputs.stdin);
  }
});

test("the preview writes routeros/edge.rsc and frr/<node>.conf from the recorded inputs", () => {
  const artifacts = extractArtifacts(result.resources).filter((a) =>
    /^(routeros|frr)\//.test(a.path),
  );
  expect(artifacts.map((a) => a.path)).toEqual([
    "routeros/edge.rsc",
    "frr/solcp011.conf",
    "frr/solcp012.conf",
    "frr/solcp013.conf",
    "frr/solwk021.conf",
    "frr/solwk022.conf",
    "frr/solwk023.conf",
  ]);
  expect(artifacts[0].text).toBe((remote()[0].inputs.triggers as string[])[0]);
  const rsc = artifacts[0].text;
  for (const line of [
    'add dst-address=fd00:255:101::11/128 gateway=fd00:101::11 comment="managed-by=sol;key=ipv6-route:fd00:255:101::11/128"',
  ]) {
    expect(rsc).toContain(line.split(" comment=")[0].replace(/^add /, ""));
  }
});

test("every frr.conf the preview writes passes FRR's own checks", () => {
  const confs = extractArtifacts(result.resources).filter((a) => a.path.startsWith("frr/"));
  expect(confs.map((c) => [c.path, frrConfigProblems(c.text)])).toEqual(
    confs.map((c) => [c.path, []]),
  );
});
