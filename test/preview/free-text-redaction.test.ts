// Every preview file that carries the owner's free text passes it through the inventory's filter
// (redactOwnerText): the new-user trial found policy.json holding a rule's why
// `admin:Hunter2SuperSecret@router` as written while inventory.md redacted it. policy.json (rule
// why) and flows.json (vms[].outbound[].why) are checked here with exact values.
import { previewConfig, previewFiles } from "../../preview/offline";
import { stackRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";

jest.setTimeout(120_000);

test("ms01: a rule's why is redacted in policy.json as in inventory.md; no file holds it", async () => {
  const raw = stackRaw("ms01");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (raw.policy as any).rules[0].why = "admin:Hunter2SuperSecret@router";
  const result = await previewConfig("ms01", stackConfigOf(raw), "homelab");
  const files = previewFiles(result);
  const policy = JSON.parse(files.find(([f]) => f === "policy.json")?.[1] ?? "{}") as {
    rules: { name: string; why?: string }[];
  };
  expect(policy.rules[0]).toMatchObject({ name: "no-pve-ui", why: "[redacted]@router" });
  expect(files.filter(([, text]) => text.includes("Hunter2SuperSecret")).map(([f]) => f)).toEqual(
    [],
  );
});

test("arc-hybrid: a VM's outbound why is redacted in flows.json; no file holds it", async () => {
  const raw = stackRaw("arc-hybrid");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const vm = (raw.vms as any[]).find((v) => v.name === "cicd");
  vm.outbound[0].why = "log shipping, loki password is Sh1pL0gs!";
  const result = await previewConfig("arc-hybrid", stackConfigOf(raw), "homelab");
  const files = previewFiles(result);
  const flows = files.find(([f]) => f === "flows.json")?.[1] ?? "";
  expect(
    flows
      .split("\n")
      .filter((l) => l.includes("redacted"))
      .map((l) => l.trim()),
  ).toEqual(['"vms[6].outbound[0]: log shipping, loki password is [redacted]"']);
  expect(files.filter(([, text]) => text.includes("Sh1pL0gs")).map(([f]) => f)).toEqual([]);
});
