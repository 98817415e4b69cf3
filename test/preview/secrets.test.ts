// Secrets stay secret in the offline preview: `secure:` config values become secret placeholders,
// and a secret resource input is recorded as "[secret]", never as its value.
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../../preview/run";
import { parseStackFile } from "../../preview/stack-file";

class Thing extends pulumi.CustomResource {
  constructor(
    name: string,
    args: { token: pulumi.Input<string>; plain: string },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super("test:index:Thing", name, args, opts);
  }
}

test("secure stack config is passed as secret placeholders", () => {
  const parsed = parseStackFile(
    [
      "config:",
      "  proxmoxve:apiToken:",
      "    secure: v1:abc==",
      "  homelab:site:",
      "    name: x",
      "  routers:",
      "    - name: edge",
      "      sshKey:",
      "        secure: v1:def==",
    ].join("\n"),
    "homelab",
  );
  expect(parsed).toEqual({
    config: {
      "proxmoxve:apiToken": "[secret]",
      "homelab:site": '{"name":"x"}',
      "homelab:routers": '[{"name":"edge","sshKey":"[secret]"}]',
    },
    secretKeys: ["proxmoxve:apiToken", "homelab:routers"],
    secretPaths: ["proxmoxve:apiToken", "routers[0].sshKey"],
  });
});

test("secret inputs are recorded as [secret], with parent and dependencies", async () => {
  const run = await runUnderMocks({
    project: "homelab",
    stack: "secrets",
    config: { "homelab:token": "hunter2" },
    secretKeys: ["homelab:token"],
    program: () => {
      const token = new pulumi.Config("homelab").requireSecret("token");
      const a = new Thing("a", { token, plain: "visible" });
      new Thing("b", { token: a.id, plain: "after-a" }, { dependsOn: [a] });
      return {};
    },
  });
  const [, a, b] = run.resources;
  expect(a.inputs).toEqual({ plain: "visible", token: "[secret]" });
  expect(JSON.stringify(run.resources)).not.toContain("hunter2");
  expect(b.dependencies).toEqual([a.urn]);
  expect(b.propertyDependencies).toEqual({ plain: [], token: [a.urn] });
  expect(a.parent).toBe(run.resources[0].urn);
});
