// npm run import of lines as RouterOS `/export show-sensitive` and /etc/network/interfaces print
// them (test/fixtures/import/secrets, from the new-user trial): every echo of a line shows the
// sensitive properties' values as [redacted] (import-report.md, the stack file, the console),
// and no secret of the fixture appears in any file written or line printed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { redactConfigLine, sensitiveName } from "../../addressing/quote";
import { importCli } from "../../import/cli";

const FIX = "test/fixtures/import/secrets";
const EDGE = `${FIX}/edge.rsc`;
const PVE = `${FIX}/pve1/interfaces`;

// Every secret the fixture holds, as written there.
const SECRETS = [
  "Hunter2WifiPass",
  "kC3x9V1m2N4b5V6c7X8z9A0s1D2f3G4h5J6k7L8qEnM=",
  "PppSecret99",
  "Pe3rSecret",
  "IpsecSecret42",
  "Md5Secret77",
  "SnmpAuth55",
  "SnmpEnc66",
  "Tr0ub4dor&3x",
  "WpaPsk2Secret",
  // New-user trial 3, finding 7: an SNMP community's name, and a secret in a rule's comment.
  "Publ1cCommun1ty",
  "Bl4ckC0ffee",
];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-secrets-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the fixture holds each secret as written (else the test below proves nothing)", () => {
  const text = fs.readFileSync(EDGE, "utf8") + fs.readFileSync(PVE, "utf8");
  expect(SECRETS.filter((s) => !text.includes(s))).toEqual([]);
});

test("show-sensitive lines are quoted with [redacted] values; no secret is written or printed", () => {
  const out = path.join(dir, "Pulumi.sec.yaml");
  const lines: string[] = [];
  const err: string[] = [];
  const code = importCli(
    ["--site", "sec", "--routeros", `edge=${EDGE}`, "--proxmox", `pve1=${PVE}`, "--out", out],
    { out: (l) => lines.push(l), err: (l) => err.push(l) },
  );
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const report = fs.readFileSync(path.join(dir, "import-report.md"), "utf8");
  expect(report.split("\n").filter((l) => l.includes("redacted"))).toEqual([
    `- ${PVE}:7: \`wpa-psk [redacted]\`: wlp3s0: the stack's host wiring has no \`wpa-psk\` (or not this value); Proxmox keeps it until the interface is rewritten, so add it by hand after the first \`pulumi up\` if it must stay`,
    `- ${EDGE}:9: \`set [ find default-name=wifi1 ] configuration.mode=ap .ssid=MikroTik-AA0001 disabled=no security.authentication-types=wpa2-psk,wpa3-psk security.passphrase=[redacted]\`: the stack has no key for interface wifi; the router keeps it`,
    `- ${EDGE}:17: \`add listen-port=13231 mtu=1420 name=wg0 private-key=[redacted]\`: the stack has no key for interface wireguard; the router keeps it`,
    `- ${EDGE}:19: \`add name=vpnuser password=[redacted] service=l2tp\`: the stack has no key for ppp secret; the router keeps it`,
    // The public key is no secret, but a random-looking run of 32+ characters: redacted too.
    `- ${EDGE}:142: \`add allowed-address=10.9.0.2/32 interface=wg0 preshared-key=[redacted] public-key="[redacted]"\`: the stack has no key for interface wireguard peers; the router keeps it`,
    `- ${EDGE}:144: \`add peer=office secret=[redacted]\`: the stack has no key for ip ipsec identity; the router keeps it`,
    `- ${EDGE}:148: \`add instance=main local.role=ebgp name=upstream remote.address=192.168.99.1 .as=64999 tcp-md5-key=[redacted]\`: routers[].bgpPeers hold an eBGP connection by name, remote.address, remote.as, local.address, multihop and use-bfd; the router keeps this one as it is`,
    `- ${EDGE}:150: \`set [ find default=yes ] authentication-password=[redacted] encryption-password=[redacted]\`: the stack has no key for snmp community; the router keeps it`,
    // An SNMP community's name is its password; a secret in a rule's comment (trial 3, 7).
    `- ${EDGE}:154: \`add addresses=192.168.88.0/24 name=[redacted]\`: the stack has no key for snmp community; the router keeps it`,
    `- ${EDGE}:156: \`add action=accept chain=input comment="wg psk [redacted]" dst-port=13231 protocol=udp\`: chain=input: only forward rules (between segments) are imported; the router keeps this rule`,
  ]);
  const stack = fs.readFileSync(out, "utf8");
  // A firewall rule's comment becomes its why in the stack file: the owner's text, redacted.
  expect(stack.split("\n").filter((l) => l.includes("redacted"))).toEqual([
    `        why: router password is [redacted] (${EDGE}:152)`,
  ]);
  const written = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8"));
  expect(written).toHaveLength(2);
  const shown = [...written, ...lines, ...err].join("\n");
  expect(SECRETS.filter((s) => shown.includes(s))).toEqual([]);
});

test("a refused export line is printed with its secret [redacted]", () => {
  const file = path.join(dir, "edge.rsc");
  fs.writeFileSync(
    file,
    "# 2026-01-01 00:00:00 by RouterOS 7.19.4\n:global x preshared-key=Qq1Secret\n/ip address\nadd address=192.168.88.1/24 interface=bridge\n",
  );
  const err: string[] = [];
  const code = importCli(
    ["--site", "sec", "--routeros", `edge=${file}`, "--out", path.join(dir, "Pulumi.sec.yaml")],
    { out: (l) => err.push(l), err: (l) => err.push(l) },
  );
  expect(code).toBe(1);
  expect(err).toEqual([
    `import: ${file}: line 2: ":global x preshared-key=[redacted]": a command before the first /menu line`,
    "import: nothing written: fix or leave out the refused files",
  ]);
});

test.each([
  [
    "a quoted value with an escaped quote goes whole",
    'add preshared-key="a\\"b c" x=1',
    "add preshared-key=[redacted] x=1",
  ],
  ["an unterminated quoted value goes", 'add private-key="kC3x9V1m', "add private-key=[redacted]"],
  [
    "a dotted name",
    "set security.passphrase=Hunter2 .ssid=x",
    "set security.passphrase=[redacted] .ssid=x",
  ],
  ["wireguard key=", "add key=abc name=x", "add key=[redacted] name=x"],
  ["psk= and auth-key=", "add psk=abc auth-key=def", "add psk=[redacted] auth-key=[redacted]"],
  [
    "pre-shared-key=, wpa2-pre-shared-key=",
    "add pre-shared-key=a wpa2-pre-shared-key=b",
    "add pre-shared-key=[redacted] wpa2-pre-shared-key=[redacted]",
  ],
  [
    "an unquoted value ends before a closing quote (a line as quote() shows it)",
    '":global x preshared-key=Qq1Secret": a command',
    '":global x preshared-key=[redacted]": a command',
  ],
  ["an ifupdown wpa-passphrase", "\twpa-passphrase correct horse", "\twpa-passphrase [redacted]"],
  ["an ifupdown wpa-ssid stays", "\twpa-ssid homelab", "\twpa-ssid homelab"],
  [
    "an owner's comment loses what looks like a secret",
    'add chain=input comment="wireguard pw=hunter2" protocol=udp',
    'add chain=input comment="wireguard pw=[redacted]" protocol=udp',
  ],
  [
    "an owner's comment without one stays",
    "add comment=uplink name=x",
    "add comment=uplink name=x",
  ],
  [
    "a managed-by comment's key stays",
    'add comment="managed-by=lab;key=vlan:bridge:10"',
    'add comment="managed-by=lab;key=vlan:bridge:10"',
  ],
  [
    "key-size and public-key stay",
    "set host-key-size=4096 public-key=abc",
    "set host-key-size=4096 public-key=abc",
  ],
])("redactConfigLine: %s", (_what, line, shown) => {
  expect(redactConfigLine(line)).toBe(shown);
});

test("sensitiveName: the names of secrets, not their neighbours", () => {
  const names = [
    "password",
    "x.passphrase",
    "private-key",
    "secret",
    "ipsec-secret",
    "static-key-0",
    "key",
    "public-key",
    "key-usage",
    "ssid",
    "default-name",
  ];
  expect(names.filter(sensitiveName)).toEqual([
    "password",
    "x.passphrase",
    "private-key",
    "secret",
    "ipsec-secret",
    "static-key-0",
    "key",
  ]);
});
