// Credential redaction in the inventory happens where the owner's free text comes in (notes,
// purposes, descriptions, owners, managers, labels, reasons), not on every cell: text the program
// writes itself (a router's SSH cell, host names) is escaped only, so a host named `secret` or a
// name holding `token=` is shown as it is (render/inventory/table.ts ownerText vs markdownText).
import { join } from "path";
import { renderInventory } from "../../render/inventory";
import { expectationsJson, readExpectations } from "../../render/expect/document";
import { formatProblem } from "../../addressing/problems";
import { requireSite, resolveSite } from "../../site";
import { fileRaw, ROOT, stackRaw } from "../fixtures/base";

const UUID = "0d8f7a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inventory = (raw: Record<string, any>): string => {
  const { plan, topology } = requireSite(raw);
  return renderInventory(plan, topology);
};

describe("credentials pasted into the owner's free text", () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = raw as Record<string, any>;
  c.site.description = `ci token root@pam!ci=${UUID}`;
  const g = c.segments[0];
  g.purpose = "switches, login password=hunter2";
  g.managedBy = "https://admin:hunter2@unifi.lan/";
  g.gateway.owner = "UDM password=hunter2";
  g.ranges[0].purpose = "static, api token=hunter2";
  c.devices[0].purpose = "switch password: hunter2";
  c.devices[0].inRange = g.ranges[0].purpose;
  c.notes = ["NAS login password=hunter2", `ci token root@pam!ci=${UUID}`];
  const doc = inventory(raw);
  const lines = doc.split("\n");

  test("appear nowhere in the inventory, the Mermaid diagram included", () => {
    expect(doc).not.toMatch(/hunter2|0d8f7a3e/);
  });

  test("each is [redacted] where it was written", () => {
    expect(lines.filter((l) => l.includes("redacted"))).toEqual([
      "ci token \\[redacted\\]",
      "| 1    | default | 10.0.1.0/24 | -    | 10.0.1.1 | UDM password=\\[redacted\\] | -   | switches, login password=\\[redacted\\] | https\\://\\[redacted\\]@unifi.lan/ |",
      "| 10.0.1.1           | gateway | 1     | UDM password=\\[redacted\\]      |",
      "| 10.0.1.2-10.0.1.50 | static  | 49    | static, api token=\\[redacted\\] |",
      "| usw-flex | default | 10.0.1.10 | -    | switch password: \\[redacted\\] | static, api token=\\[redacted\\] |",
      '  gw_UDM_password__redacted_{{"UDM password=[redacted]"}}',
      '  gw_UDM_password__redacted_ ---|"gateway 10.0.1.1"| seg_default',
      "- NAS login password=\\[redacted\\]",
      "- ci token \\[redacted\\]",
      "- Provisioned by https\\://\\[redacted\\]@unifi.lan/, not by this program: segment default (VLAN 1).",
    ]);
  });
});

test("credential forms in notes are [redacted] in the inventory and the stack outputs", () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));
  const hex32 = "6f3c2a7b9e8d4c1a0b5f7e2d9c8b1a3f";
  raw.notes = [
    `token ${hex32}01234567`,
    `v1.0-${hex32}-deadbeefdeadbeefdeadbeefdeadbeef`,
    "AKIAIOSFODNN7EXAMPLE",
    "PSK Hunter2-Correct-Horse-Battery",
    "admin pw: hunter2hunter2",
    `tuya local key ${hex32}`,
  ];
  const doc = inventory(raw);
  expect(doc).not.toMatch(/6f3c2a7b|deadbeef|AKIA|Hunter2|hunter2/);
  expect(doc.split("\n").filter((l) => l.includes("redacted"))).toEqual([
    "- token \\[redacted\\]",
    "- v1.0-\\[redacted\\]-\\[redacted\\]",
    "- \\[redacted\\]",
    "- PSK \\[redacted\\]",
    "- admin pw: \\[redacted\\]",
    "- tuya local key \\[redacted\\]",
  ]);
});

test("a router's SSH cell is the program's text: a host named secret is shown as it is", () => {
  const raw = stackRaw("example");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (raw.routers as any)[0].ssh.host = "secret";
  const row = inventory(raw)
    .split("\n")
    .filter((l) => l.includes("admin@"));
  expect(row).toEqual([
    "| edge   | RouterOS | 7.24    | 65000 | 192.168.88.254 | admin@secret:22 | fc00::/8       |",
  ]);
});

// The new-user trial's phrases, printed as written before: a secret's name with `is`, `:`, `/`
// or a space, then the value. In the notes, the site's description and a range's purpose.
test("the trial's password phrases are [redacted] in notes, description and purposes", () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = raw as Record<string, any>;
  c.site.description = "router password is Tr0ub4dor&3x";
  c.segments[0].ranges[0].purpose = "wifi psk is CorrectHorseBatteryStaple9";
  c.devices[0].inRange = c.segments[0].ranges[0].purpose;
  c.notes = [
    "wifi password Hunter2Wifi99",
    "WPA2: Sup3rS3cretWifi",
    "login root / Hunter2Secret!",
    "the password is in the vault",
  ];
  const doc = inventory(raw);
  expect(doc).not.toMatch(/Tr0ub4dor|CorrectHorse|Hunter2|Sup3rS3cret/);
  expect(doc.split("\n").filter((l) => /redacted|vault/.test(l))).toEqual([
    "router password is \\[redacted\\]",
    "| 10.0.1.2-10.0.1.50 | static  | 49    | wifi psk is \\[redacted\\] |",
    "| usw-flex | default | 10.0.1.10 | -    | \\# Owned | wifi psk is \\[redacted\\] |",
    "- wifi password \\[redacted\\]",
    "- WPA2: \\[redacted\\]",
    "- login root / \\[redacted\\]",
    // Prose naming a password with no value after it stays.
    "- the password is in the vault",
  ]);
});

test("a range's purpose quoted in a problem is redacted as in the inventory", () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = raw as Record<string, any>;
  c.segments[0].ranges[0].purpose = "wifi psk is CorrectHorseBatteryStaple9";
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    'devices[0].ipv4: "10.0.1.10": is inside segment default\'s static range for wifi psk is [redacted] 10.0.1.2-10.0.1.50 (segments[0].ranges[0]); move it out, or mark the device inRange: wifi psk is [redacted]',
  ]);
});

// The second new-user trial (H9): a Wi-Fi network with its password after a slash, and codes.
test("a Wi-Fi password after its network's name and a door or alarm code are [redacted]", () => {
  const raw = fileRaw(join(ROOT, "test/fixtures/valid/markdown-injection.yaml"));
  raw.notes = [
    "guest wifi: HomeGuest / letmein2024",
    "door code 4711 and alarm code 80315",
    "the code review is on Fridays",
  ];
  const doc = inventory(raw);
  expect(doc).not.toMatch(/letmein|4711|80315/);
  expect(doc.split("\n").filter((l) => /redacted|code review/.test(l))).toEqual([
    "- guest wifi: HomeGuest / \\[redacted\\]",
    "- door code \\[redacted\\] and alarm code \\[redacted\\]",
    "- the code review is on Fridays",
  ]);
});

// The second new-user trial (H8): an expectation's name is the owner's text; expectations.json
// (which the twin reads and prints by name) holds it redacted, as the inventory does.
test("an expectation's name with a credential is [redacted] in expectations.json", () => {
  const raw = stackRaw("arc-hybrid");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const list = (raw as Record<string, any>).expect;
  list[0].name = "mqtt reach pw=Exp3ctPw";
  const { topology } = requireSite(raw);
  const text = expectationsJson(topology.expectations ?? []);
  expect(text).not.toMatch(/Exp3ctPw/);
  expect(readExpectations(text).map((e) => e.name)[0]).toBe("mqtt reach pw=[redacted]");
});
