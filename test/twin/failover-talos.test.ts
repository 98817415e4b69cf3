// The twin's Talos VIP failover reads the rendered Talos machine configs: which nodes may take the
// VIP and on which link come from each node's talos/<node>.yaml, in either network form (v1.12+
// `Layer2VIPConfig` documents, v1.11 `.machine.network.interfaces[].vip`), so a config that lost
// its VIP or carries a wrong address is seen. Builds the twin only (no namespaces, no root).
import { previewConfig, previewFiles } from "../../preview/offline";
import { buildTwin } from "../../twin/site/build";
import { homelabWith } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

type Files = Map<string, string>;

async function homelabOn(version: string, kubernetesVersion: string): Promise<Files> {
  const raw = homelabWith((c) => {
    c.talos = { ...(c.talos ?? {}), version, kubernetesVersion };
  });
  const result = await previewConfig(`failover-${version}`, stackConfigOf(raw), "homelab");
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new Map(previewFiles(result));
}

const failover = (files: Files) =>
  buildTwin("homelab", files).site.expectations.find((e) => e.kind === "failover");

/** The failover's Talos holders and links, exactly. */
const talosOf = (files: Files) => {
  const e = failover(files);
  return e?.kind === "failover" ? e.talos : undefined;
};

const edited = (files: Files, path: string, from: string, to: string): Files => {
  const text = files.get(path) as string;
  if (!text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
  return new Map(files).set(path, text.split(from).join(to));
};

const ALL = [
  { node: "k101cp11", link: "ens18" },
  { node: "k101cp12", link: "ens18" },
  { node: "k101cp13", link: "ens18" },
];

describe("Talos v1.12: Layer2VIPConfig", () => {
  let files: Files;
  beforeAll(async () => {
    files = await homelabOn("v1.12.1", "v1.35.0");
  });

  test("every control plane's config holds the VIP on ens18", () => {
    expect(files.get("talos/k101cp12.yaml")).toContain(
      'kind: "Layer2VIPConfig"\nname: "10.101.0.250"\nlink: "net0"',
    );
    expect(failover(files)).toEqual({
      kind: "failover",
      name: "failover k101",
      vip: "10.101.0.250",
      holders: ["k101cp11", "k101cp12", "k101cp13"],
      talos: ALL,
    });
  });

  test("a wrong VIP address in one node's config: that node cannot take it over", () => {
    const broken = edited(
      files,
      "talos/k101cp13.yaml",
      'name: "10.101.0.250"',
      'name: "10.101.0.251"',
    );
    expect(talosOf(broken)).toEqual([ALL[0], ALL[1], { node: "k101cp13" }]);
  });
});

describe("Talos v1.11: machine.network.interfaces[].vip", () => {
  let files: Files;
  beforeAll(async () => {
    files = await homelabOn("v1.11.6", "v1.34.1");
  });

  test("every control plane's config holds the VIP on ens18", () => {
    expect(files.get("talos/k101cp12.yaml")).not.toContain("Layer2VIPConfig");
    expect(talosOf(files)).toEqual(ALL);
  });

  test("the VIP removed from one node's interface: that node has no link for it", () => {
    const text = files.get("talos/k101cp12.yaml") as string;
    const vip = /\n( +)vip:\n +ip: "?10\.101\.0\.250"?\n/.exec(text);
    if (!vip) throw new Error(`talos/k101cp12.yaml has no vip:\n${text}`);
    const broken = new Map(files).set("talos/k101cp12.yaml", text.replace(vip[0], "\n"));
    expect(talosOf(broken)).toEqual([ALL[0], { node: "k101cp12" }, ALL[2]]);
  });
});
