// An owner's expectation that MikroTik's factory firewall decides (routers[].defconf: no rule or
// default of the policy does): the plan knows, and expectations.json says which router's factory
// rules decide it. The twin has those rules only from the router's `/export`: without
// --routeros-base the expectation is skipped with the reason, never failed on a router that has
// no factory firewall (new-user trial 3, finding 5: `FAIL expect deny iot -> edge tcp/22`); with
// it, the expectation is probed (the real run is test/twin/routeros-lan-deny.test.ts's). No root.
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { previewConfig, writePreview } from "../../preview/offline";
import { readExpectations } from "../../render/expect/document";
import { readPreviewFolder } from "../../twin/readback/folder";
import { buildTwin } from "../../twin/site/build";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const BASE = join(DIR, "defconf-home.rsc");

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "expect-defconf-"));
  const raw = {
    ...fileRaw(join(DIR, "deny-zone-site.yaml")),
    expect: [
      { kind: "deny", from: "internet", to: "lab-cp1", protocol: "tcp", port: 443 },
      { kind: "reach", from: "segment:lab", to: "internet", protocol: "tcp", port: 443 },
    ],
  };
  const preview = await previewConfig("example-deny", stackConfigOf(raw), "homelab");
  if (!preview.ok) throw new Error(JSON.stringify(preview));
  writePreview(preview, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("expectations.json names the factory router deciding a flow, and only there", () => {
  const list = readExpectations(readFileSync(join(dir, "expectations.json"), "utf8"));
  expect(list.map((e) => [e.name, "factory" in e ? e.factory : undefined])).toEqual([
    ["deny internet -> lab-cp1 tcp/443", { device: "edge", path: "routers[0].defconf" }],
    ["reach segment:lab -> internet tcp/443", undefined],
  ]);
});

test("without the router's export the factory-decided expectation is skipped with the reason; with it, probed", () => {
  const files = readPreviewFolder(dir);
  const bare = buildTwin("example-deny", files);
  expect(bare.site.probeSkips.filter((s) => s.name.startsWith("expect "))).toEqual([
    {
      name: "expect deny internet -> lab-cp1 tcp/443",
      why: "the plan leaves it to edge's factory firewall (routers[0].defconf), whose rules the twin has only from the router's own export: run the twin with --routeros-base edge=<its /export>",
    },
  ]);
  expect(bare.site.expectations.map((e) => e.name)).toEqual([
    "reach segment:lab -> internet tcp/443",
  ]);
  const based = buildTwin(
    "example-deny",
    files,
    new Map([["edge", { file: BASE, text: readFileSync(BASE, "utf8") }]]),
  );
  expect(based.site.probeSkips.filter((s) => s.name.startsWith("expect "))).toEqual([]);
  expect(based.site.expectations.map((e) => e.name)).toEqual([
    "deny internet -> lab-cp1 tcp/443",
    "reach segment:lab -> internet tcp/443",
  ]);
});

test("a factory entry without its device or path fails the read-back", () => {
  const text = readFileSync(join(dir, "expectations.json"), "utf8").replace(
    '"device": "edge"',
    '"router": "edge"',
  );
  expect(() => readExpectations(text)).toThrow(
    "expectations.json: expectations[0].factory must hold a device and a path",
  );
});
