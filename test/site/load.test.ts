import { loadSite } from "../../site/load";
import { formatProblem } from "../../addressing/problems";
import { configKeys } from "../../site/spec";
import { redactUserinfo } from "../../site/schema";
import { stackRaw } from "../fixtures/base";

const KNOWN = Object.keys(configKeys)
  .map((k) => `homelab:${k}`)
  .join(", ");

test("the homelab stack loads with seed 000's defaults filled in", () => {
  const r = loadSite(stackRaw());
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  // tenantId stays unset: a 16-bit ID field (homelab's /32 blocks) reads it as decimal-as-hex.
  expect(r.site.encoding).toEqual({ hostId: "decimal-as-hex" });
  expect(r.site.layout.pods).toEqual({
    index: 244,
    encoding: "decimal-as-hex",
    ipv4: 22,
    ipv6: 60,
    space: "tenant",
  });
  expect(r.site.layout.nodePods).toEqual({ ipv4: 25, ipv6: 64 });
  expect(r.site.fabric.asn).toEqual({ router: 65000, hosts: 65001, tenantBase: 65000 });
  expect(r.site.tenants[0].mesh).toBe(false);
});

test("every problem is collected, not only the first", () => {
  const r = loadSite({
    site: { name: "Bad Name" },
    global: { management: { ipv4: 5 }, hostLoopbacks: {}, tenantSpace: "10.0.0.0/8" },
    hosts: [],
    extra: true,
  });
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    `homelab:extra: "[not shown]": is not a known config key; known keys: ${KNOWN}`,
    "site.name: \"Bad Name\": must be a DNS label: lowercase letters, digits and '-', starting with a letter",
    'global.management.ipv4: "5": must be an IPv4 prefix string',
    'global.tenantSpace: "10.0.0.0/8": must be an object, not a string',
    'hosts: "[]": must have at least 1 item(s); list at least 1 item',
  ]);
});

test("a missing required key names its purpose", () => {
  const r = loadSite({});
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    `homelab:site: "": is required (The site's identity.); add homelab:site under config: in the stack file (object)`,
    `homelab:global: "": is required (The site's top-level allocation.); add homelab:global under config: in the stack file (object)`,
    `homelab:hosts: "": is required (Proxmox VE hosts.); add homelab:hosts under config: in the stack file (list of object)`,
  ]);
});

test("booleans are YAML's true and false; yes, on and their kin get the boolean they meant", () => {
  const raw = JSON.parse(JSON.stringify(stackRaw()));
  raw.talos = { guestAgent: "on" };
  raw.hostNetwork.bridges[0].vlanAware = "no";
  const r = loadSite(raw);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    'hostNetwork.bridges[0].vlanAware: "no": must be true or false, not a string; write false (unquoted)',
    'talos.guestAgent: "on": must be true or false, not a string; write true (unquoted)',
  ]);
});

describe("policy ports", () => {
  const withPorts = (ports: unknown) => {
    const raw = stackRaw();
    raw.policy = {
      rules: [{ name: "ssh", from: "any", to: "any", protocol: "tcp", ports, action: "allow" }],
    };
    return loadSite(raw);
  };

  test.each([
    [[22], [{ from: 22, to: 22 }]],
    [["22"], [{ from: 22, to: 22 }]],
    [["22-22"], [{ from: 22, to: 22 }]],
    [
      ["5404-5412", 22],
      [
        { from: 5404, to: 5412 },
        { from: 22, to: 22 },
      ],
    ],
  ])("%j is accepted as %j", (ports, expected) => {
    const r = withPorts(ports);
    expect(r.ok ? r.site.policy.rules[0].ports : r.problems.map(formatProblem)).toEqual(expected);
  });

  test.each([
    [
      [22, 22],
      'policy.rules[0].ports[1]: "22": is listed twice (also policy.rules[0].ports[0]); remove one',
    ],
    [
      [22, "22"],
      'policy.rules[0].ports[1]: "22": is listed twice (also policy.rules[0].ports[0]); remove one',
    ],
    [
      ["20-25", 22],
      'policy.rules[0].ports[1]: "22": overlaps policy.rules[0].ports[0] 20-25; list each port once: merge the two into one range',
    ],
    [
      ["23-22"],
      'policy.rules[0].ports[0]: "23-22": is not a port range: it ends before it starts; did you mean 22-23?',
    ],
    [
      ["22-"],
      'policy.rules[0].ports[0]: "22-": is not a port; use a port from 1 to 65535, or a range like 5404-5412',
    ],
  ])("%j is refused", (ports, line) => {
    const r = withPorts(ports);
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([line]);
  });
});

test.each([
  ["https://root@pam:secret@10.0.0.1:8006/", "https://[redacted]@10.0.0.1:8006/"],
  ["https://root:hunter2@192.168.1.1:8006/", "https://[redacted]@192.168.1.1:8006/"],
  ["https://10.0.0.1:8006/?token=abc&x=1", "https://10.0.0.1:8006/?token=[redacted]&x=[redacted]"],
  ["https://10.0.0.1:8006/", "https://10.0.0.1:8006/"],
])("a URL in a message keeps no secret: %s", (url, shown) => {
  expect(redactUserinfo(url)).toBe(shown);
});

const TALOSCTL_RULE =
  "must be a command name on PATH (like talosctl: letters, digits, _.+-, not starting with - or .) or an absolute path (like /usr/local/bin/talosctl) without . or .. parts; write talosctl to find it on PATH, or its absolute path, like /usr/local/bin/talosctl";

// talosctl runs with the cluster secrets in its environment: the stack file may name a command
// looked up on PATH or an absolute path, never one relative to the working directory or an option.
test.each([
  ["talosctl", []],
  ["talosctl-1.11", []],
  ["/usr/local/bin/talosctl", []],
  ["/home/me/.local/bin/talosctl", []],
  ["../../tools/x", [`talos.talosctl: "../../tools/x": ${TALOSCTL_RULE}`]],
  ["tools/talosctl", [`talos.talosctl: "tools/talosctl": ${TALOSCTL_RULE}`]],
  ["./talosctl", [`talos.talosctl: "./talosctl": ${TALOSCTL_RULE}`]],
  ["-x", [`talos.talosctl: "-x": ${TALOSCTL_RULE}`]],
  ["--help", [`talos.talosctl: "--help": ${TALOSCTL_RULE}`]],
  ["/usr/../tmp/x", [`talos.talosctl: "/usr/../tmp/x": ${TALOSCTL_RULE}`]],
  ["/usr/bin/", [`talos.talosctl: "/usr/bin/": ${TALOSCTL_RULE}`]],
  ["talosctl; rm -rf /", [`talos.talosctl: "talosctl; rm -rf /": ${TALOSCTL_RULE}`]],
])("talos.talosctl %j", (talosctl, problems) => {
  const r = loadSite({ ...stackRaw("example"), talos: { talosctl } });
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual(problems);
  if (r.ok) expect(r.site.talos.talosctl).toBe(talosctl);
});
