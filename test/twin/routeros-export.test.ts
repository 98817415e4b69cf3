// The `/export` reader: what RouterOS 7 prints (continued lines, `/menu` headers, bare and terse
// commands, `set [ find ... ]`, place-before, comments, disabled=yes, BGP's `.as` shorthand) is
// read into the menu model; a RouterOS 6 export, a file cut short or a line it cannot read is
// refused, naming the line and the reason.
import { readFileSync } from "fs";
import { join } from "path";
import { ExportError, parseExport, routerFromExport } from "../../twin/routeros/export";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const fixture = (name: string) => readFileSync(join(DIR, name), "utf8");
const HEAD = "# 2026-11-30 09:12:41 by RouterOS 7.19.4\n";

test("what /export prints is read, command by command, with the line it starts on", () => {
  const text = [
    "# 2026-11-30 09:12:41 by RouterOS 7.19.4",
    "# software id = 7KQ2-XM4D",
    "/interface ethernet",
    "set [ find default-name=ether1 ] comment=uplink",
    "/ip firewall filter",
    "add action=drop chain=input comment=\\",
    '    "defconf: drop all not coming from LAN" in-interface-list=\\',
    "    !LAN",
    "add action=accept chain=input dst-port=22 place-before=0 protocol=tcp disabled=yes",
    "/routing bgp connection",
    "add as=65000 local.role=ebgp name=isp remote.address=192.0.2.1 .as=64496",
    "/ip dns",
    "set allow-remote-requests=yes",
    "/routing bgp template",
    "set default as=65000",
    '/ip/address add address=10.0.0.1/24 interface="ether 2"',
    "",
  ].join("\n");
  expect(parseExport("edge.rsc", text)).toEqual({
    version: "7.19.4",
    commands: [
      {
        line: 4,
        text: "set [ find default-name=ether1 ] comment=uplink",
        menu: "/interface/ethernet",
        verb: "set",
        find: [["default-name", "ether1"]],
        args: [["comment", "uplink"]],
      },
      {
        line: 6,
        text: 'add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN',
        menu: "/ip/firewall/filter",
        verb: "add",
        args: [
          ["action", "drop"],
          ["chain", "input"],
          ["comment", "defconf: drop all not coming from LAN"],
          ["in-interface-list", "!LAN"],
        ],
      },
      {
        line: 9,
        text: "add action=accept chain=input dst-port=22 place-before=0 protocol=tcp disabled=yes",
        menu: "/ip/firewall/filter",
        verb: "add",
        args: [
          ["action", "accept"],
          ["chain", "input"],
          ["dst-port", "22"],
          ["protocol", "tcp"],
          ["disabled", "yes"],
        ],
        placeBefore: 0,
      },
      {
        line: 11,
        text: "add as=65000 local.role=ebgp name=isp remote.address=192.0.2.1 .as=64496",
        menu: "/routing/bgp/connection",
        verb: "add",
        args: [
          ["as", "65000"],
          ["local.role", "ebgp"],
          ["name", "isp"],
          ["remote.address", "192.0.2.1"],
          ["remote.as", "64496"],
        ],
      },
      {
        line: 13,
        text: "set allow-remote-requests=yes",
        menu: "/ip/dns",
        verb: "set",
        args: [["allow-remote-requests", "yes"]],
      },
      {
        line: 15,
        text: "set default as=65000",
        menu: "/routing/bgp/template",
        verb: "set",
        find: [["name", "default"]],
        args: [["as", "65000"]],
      },
      {
        line: 16,
        text: '/ip/address add address=10.0.0.1/24 interface="ether 2"',
        menu: "/ip/address",
        verb: "add",
        args: [
          ["address", "10.0.0.1/24"],
          ["interface", "ether 2"],
        ],
      },
    ],
  });
});

test("place-before puts the entry before the n-th one, disabled=yes is kept", () => {
  const text = `${HEAD}/ip firewall filter\nadd chain=input action=drop\nadd chain=input action=accept place-before=0 disabled=yes\n`;
  const r = routerFromExport("edge.rsc", parseExport("edge.rsc", text), "7.19");
  expect(r.entriesOf("/ip/firewall/filter").map((e) => e.props)).toEqual([
    { chain: "input", action: "accept", disabled: "yes" },
    { chain: "input", action: "drop" },
  ]);
});

test.each<[string, string, string, string]>([
  [
    "a RouterOS 6 export",
    "ros6.rsc",
    fixture("ros6.rsc"),
    'ros6.rsc: line 1: "# jan/02/2024 10:15:00 by RouterOS 6.49.10": an export of RouterOS 6.49; the script is for RouterOS 7: upgrade the router, then export it again',
  ],
  [
    "a file cut in the middle of a line",
    "truncated.rsc",
    fixture("truncated.rsc"),
    "truncated.rsc: line 39: the last line has no line end, so the file looks cut short; save the whole output of /export again",
  ],
  [
    "a file cut after a continued line",
    "edge.rsc",
    `${HEAD}/ip address\nadd address=10.0.0.1/24 \\\n`,
    'edge.rsc: line 3: continues with "\\" past the end of the file, so the file looks cut short; save the whole output of /export again',
  ],
  [
    "no header",
    "edge.rsc",
    "/ip address\nadd address=10.0.0.1/24 interface=ether2\n",
    'edge.rsc: no "# ... by RouterOS 7.x" header line: not the output of /export; save what /export prints on the router, as it is',
  ],
  [
    "a command that is not add or set",
    "edge.rsc",
    `${HEAD}/ip address\nremove [ find ]\n`,
    'edge.rsc: line 3: "remove [ find ]": remove: only add and set are read from an export',
  ],
  [
    "a script line",
    "edge.rsc",
    `${HEAD}:global x 1\n`,
    'edge.rsc: line 2: ":global x 1": a command before the first /menu line',
  ],
  [
    "a line holding a password, quoted redacted and cut",
    "edge.rsc",
    `${HEAD}:global x password=hunter2-secret\x1b[2K ${"y".repeat(100)}\n`,
    'edge.rsc: line 2: ":global x password=[redacted] yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…" (138 characters): a command before the first /menu line',
  ],
  [
    "a string cut short",
    "edge.rsc",
    `${HEAD}/ip address\nadd comment="home interface=ether2\n`,
    'edge.rsc: line 3: "add comment="home interface=ether2": unterminated string literal; the file is not an /export as RouterOS prints it',
  ],
])("%s is refused, naming the line", (_what, file, text, message) => {
  expect(() => parseExport(file, text)).toThrow(new ExportError(message));
});

test("a value RouterOS would not hold is refused with its line", () => {
  const text = `${HEAD}/ip address\nadd address=10.0.0.300/24 interface=ether2\n`;
  expect(() => routerFromExport("edge.rsc", parseExport("edge.rsc", text), "7.19")).toThrow(
    'edge.rsc: line 3: "add address=10.0.0.300/24 interface=ether2": invalid value for address: "10.0.0.300/24"',
  );
});

test("a BGP peer printed as a host prefix is the address", () => {
  const text = `${HEAD}/routing bgp connection\nadd as=65000 local.role=ebgp name=isp remote.address=192.0.2.1/32 .as=64496\n`;
  const r = routerFromExport("edge.rsc", parseExport("edge.rsc", text), "7.19");
  expect(r.entriesOf("/routing/bgp/connection")[0].props["remote.address"]).toBe("192.0.2.1");
});
