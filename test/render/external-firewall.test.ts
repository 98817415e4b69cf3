// The firewall rules the policy leaves to a router this stack does not configure, in its document
// (external/<device>.yaml): seed 002's UDM-Pro gets the twelve Manual-steps rules in order, as
// prefix lists; a declared router without a policy point (seed 004's BGP router) gets none.
import { externalConfigs, externalYaml } from "../../render/external";
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const configOf = (stack: string, device: string) =>
  externalConfigs(requireSite(stackRaw(stack)).topology).find((c) => c.device === device);

test("the UDM-Pro's rules, in the Manual steps' order, as prefixes", () => {
  const fw = configOf("ms01", "udm-pro")?.firewall ?? [];
  expect(fw.map((r) => `${r.rule} ${r.action}`)).toEqual([
    "rule=no-jetkvm deny",
    "rule=no-vpro deny",
    "rule=talos-api allow",
    "rule=kube-api allow",
    "rule=web-out allow",
    "rule=dns-tcp-out allow",
    "rule=dns-ntp-out allow",
    "rule=no-other-internet deny",
    "rule=mgmt-to-storage allow",
    "rule=storage-isolated deny",
    "default=cephPublic deny",
    "default=internet deny",
  ]);
  expect(fw[6]).toEqual({
    rule: "rule=dns-ntp-out",
    action: "allow",
    family: "ipv4",
    from: { in: ["10.8.28.0/22"] },
    to: { notIn: ["10.0.1.0/24", "10.8.16.0/24", "10.8.28.0/22", "10.8.48.0/24", "10.96.0.0/12"] },
    protocol: "udp",
    ports: "53,123",
    log: false,
  });
  expect(fw[9].from).toBe("any");
  expect(fw[9].to).toEqual({
    in: [
      "10.8.48.0/29",
      "10.8.48.8/31",
      "10.8.48.13/32",
      "10.8.48.14/31",
      "10.8.48.16/28",
      "10.8.48.32/27",
      "10.8.48.64/26",
      "10.8.48.128/25",
    ],
  });
});

test("the document carries them after the interfaces, in reading order", () => {
  const c = configOf("ms01", "udm-pro");
  const yaml = c ? externalYaml(c) : "";
  expect(yaml.indexOf("\nfirewall:\n")).toBeGreaterThan(yaml.indexOf("\ninterfaces:\n"));
  expect(yaml).toContain(
    "  - rule: rule=no-jetkvm\n    action: deny\n    family: ipv4\n    from:\n      in:\n        - 10.8.28.0/22\n    to:\n      in:\n        - 10.8.16.92/32\n    log: true\n",
  );
});

test("no firewall for an external router the policy does not use", () => {
  const c = externalConfigs(requireSite(stackRaw("infra-apps")).topology);
  expect(c.length).toBeGreaterThan(0);
  expect(c.every((x) => x.firewall === undefined)).toBe(true);
});
