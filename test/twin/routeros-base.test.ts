// `npm run twin -- --stack S --routeros-base ROUTER=FILE` (issue 17), built without root: the
// example stack's edge starts from MikroTik's factory configuration, the script runs on it twice,
// and the router's firewall is the factory's with the stack's rules above its drops, BGP's
// session accepts among them. (Run as root, that twin passes its 30 checks; without the session
// accepts its 18 BGP checks fail: the defconf drop takes the nodes' sessions.)
import { readFileSync } from "fs";
import { join } from "path";
import { previewFiles, previewStack } from "../../preview/offline";
import { twinCli } from "../../twin/cli";
import { buildTwin } from "../../twin/site/build";

const DIR = join(__dirname, "..", "fixtures", "routeros");
const base = (file: string) => ({ file, text: readFileSync(join(DIR, file), "utf8") });
let files: Map<string, string>;

beforeAll(async () => {
  files = new Map(previewFiles(await previewStack("example")));
});

test("the edge starts from its export; the factory rules stay below the stack's", () => {
  const { site } = buildTwin("example", files, new Map([["edge", base("defconf-home.rsc")]]));
  expect(site.notes.filter((n) => n.startsWith("edge: "))).toEqual([
    "edge: started from defconf-home.rsc (67 entries): the script added 22 and adopted 0, removed nothing of the router's own; its second run changed nothing",
    "edge: from its export, recorded and not realised: /interface/list, /interface/list/member, /interface/bridge, /interface/wifi, /ip/pool, /ip/dhcp-server, /interface/bridge/port, /ip/neighbor/discovery-settings, /ip/dhcp-client, /ip/dhcp-server/network, /ip/dns, /system/note, /tool/mac-server, /tool/mac-server/mac-winbox",
    "edge: /ip/dns/static entries are recorded, not served",
  ]);
  const ruleset = site.firewalls.find((f) => f.node === "edge")?.ruleset ?? "";
  const input = ruleset
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => / (accept|drop) comment "\/ip\/firewall\/filter \d+: /.test(l))
    .map((l) =>
      l.replace(/^.* (accept|drop) comment "\/ip\/firewall\/filter \d+: (.*)"$/, "$1 $2"),
    );
  // The example stack has no policy on the edge: its rules are the three sessions' accepts.
  expect(input).toEqual([
    "accept defconf: accept established,related,untracked",
    "accept managed-by=example;key=fw-filter:001:bgp.lab-cp1-v4:f12dc32f",
    "accept managed-by=example;key=fw-filter:002:bgp.lab-cp2-v4:c2f62e9f",
    "accept managed-by=example;key=fw-filter:003:bgp.lab-cp3-v4:80e88124",
    "drop defconf: drop invalid",
    "accept defconf: accept ICMP",
    "accept defconf: accept to local loopback (for CAPsMAN)",
    "drop defconf: drop all not coming from LAN",
    "accept defconf: fasttrack",
    "accept defconf: accept established,related, untracked",
    "drop defconf: drop invalid",
    "drop defconf: drop all from WAN not DSTNATed",
  ]);
  // vlan20 joined LAN (the script's /interface/list/member entry): the factory drop spares it.
  expect(ruleset).toContain('iifname != { "bridge", "vlan20" } drop comment "/ip/firewall/filter ');
});

test("a base for a router the stack does not have is refused, naming its routers", () => {
  expect(() => buildTwin("example", files, new Map([["core", base("defconf-home.rsc")]]))).toThrow(
    "--routeros-base core=defconf-home.rsc: the stack has no RouterOS router core; its RouterOS routers: edge",
  );
});

test.each([
  [
    ["--stack", "example", "--routeros-base", "edge"],
    'twin: --routeros-base "edge": expected ROUTER=FILE, e.g. edge=edge.rsc (the router\'s name in the stack, then the file /export wrote)',
  ],
  [
    ["--stack", "example", "--routeros-base", "edge=no-such.rsc"],
    "twin: --routeros-base edge=no-such.rsc: no-such.rsc does not exist",
  ],
])("%j: one line of error, exit 2, before anything runs", async (argv, line) => {
  const err: string[] = [];
  const out: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  expect(await twinCli(argv, io)).toBe(2);
  expect(err).toEqual([line]);
  expect(out).toEqual([]);
});
