// Issue 20, friction 4, proven in packets: a Linux router whose policy says
// `zones: [{zone: internet, default: deny}]` loads the rendered nftables ruleset in a network
// namespace beside an owner's port forward (a dst-nat rule of their own table). The forward
// reaches the server behind the router; the same server's own address is refused from the
// internet (the zone default); and without the rendered `ct status dnat` line the forward is
// refused too, so the line is what lets it through. Needs root, FRR (the netns lab) and nftables
// (`.ci/install-frr.sh`, `.ci/install-nftables.sh`).
import { spawnSync } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { NetnsLab, waitFor } from "../../twin/netns/netns";
import { renderNftables } from "../../render/nftables/ruleset";
import { requireSite } from "../../site";
import { Policy } from "../../topology/policy-types";
import { portForwardSite } from "../fixtures/port-forward";

const DSTNAT = '\t\tct status dnat accept comment "homelab:dstnat"';
/** The owner's port forward: 203.0.113.1:8080 on the WAN to the NAS at 192.168.88.10:80. */
const OWNER_NAT = [
  "table ip owner_nat {",
  "\tchain prerouting {",
  "\t\ttype nat hook prerouting priority dstnat; policy accept;",
  '\t\tiifname "wan" tcp dport 8080 dnat to 192.168.88.10:80',
  "\t}",
  "}",
  "",
].join("\n");
// A client that exits at once resets its connection: the server ignores that and keeps serving.
const SERVER =
  "require('net').createServer((s) => { s.on('error', () => {}); s.end('ok'); }).listen(80, '0.0.0.0')";
/** Connects from the client's namespace: `reached` or `blocked` (no answer within 1 s). */
const CLIENT = `const s = require('net').connect(+process.argv[2], process.argv[1]);
s.setTimeout(1000, () => { console.log('blocked'); process.exit(0); });
s.on('connect', () => { console.log('reached'); process.exit(0); });
s.on('error', () => { console.log('blocked'); process.exit(0); });`;

const policy = requireSite(portForwardSite()).topology.policy as Policy;
const ruleset = renderNftables(policy, policy.points[0], { router: "edge", stack: "pf" });

let lab: NetnsLab | undefined;
const theLab = (): NetnsLab => {
  if (!lab) throw new Error("the lab did not start (see beforeAll)");
  return lab;
};
const load = (text: string) => {
  const file = join(theLab().dir, "router.nft");
  writeFileSync(file, text);
  theLab().exec("rt", "nft", ["-f", file]);
};
const connect = (address: string, port: number): string => {
  const r = spawnSync(
    "ip",
    ["netns", "exec", theLab().ns("wan"), process.execPath, "-e", CLIENT, address, String(port)],
    { encoding: "utf8", timeout: 5000 },
  );
  return r.stdout.trim();
};

beforeAll(async () => {
  lab = NetnsLab.create();
  for (const node of ["wan", "rt", "nas"]) lab.addNode(node);
  lab.addVeth({ node: "wan", name: "uplink", mtu: 1500 }, { node: "rt", name: "wan", mtu: 1500 });
  lab.addVeth({ node: "rt", name: "lan", mtu: 1500 }, { node: "nas", name: "eth0", mtu: 1500 });
  lab.addAddress("wan", "uplink", "203.0.113.9/24");
  lab.addAddress("rt", "wan", "203.0.113.1/24");
  lab.addAddress("rt", "lan", "192.168.88.254/24");
  lab.addAddress("nas", "eth0", "192.168.88.10/24");
  lab.addRoute("wan", 4, ["192.168.88.0/24", "via", "203.0.113.1"]);
  lab.addRoute("nas", 4, ["default", "via", "192.168.88.254"]);
  lab.spawnIn("nas", process.execPath, ["-e", SERVER], join(lab.dir, "nas.log"));
  const l = lab;
  await waitFor("the NAS's server", 5000, () =>
    /:80\b/.test(l.exec("nas", "ss", ["-ltn"])) ? true : undefined,
  );
  writeFileSync(join(lab.dir, "owner.nft"), OWNER_NAT);
  lab.exec("rt", "nft", ["-f", join(lab.dir, "owner.nft")]);
}, 60_000);

afterAll(() => lab?.destroy());

test("the rendered ruleset accepts port forwards right after replies", () => {
  const chain = ruleset.split("\n");
  const at = chain.indexOf(DSTNAT);
  expect(chain.slice(at - 2, at + 1)).toEqual([
    '\t\tct state established,related accept comment "homelab:stateful"',
    '\t\tct state invalid drop comment "homelab:invalid"',
    DSTNAT,
  ]);
  expect(chain.filter((l) => l.includes("default=internet"))).toEqual([
    '\t\tip saddr != @site_v4 drop comment "homelab:default=internet"',
    '\t\tip6 saddr != @site_v6 drop comment "homelab:default=internet"',
  ]);
});

test("the port forward reaches the NAS; the NAS's own address stays closed to the internet", () => {
  load(ruleset);
  expect([connect("203.0.113.1", 8080), connect("192.168.88.10", 80)]).toEqual([
    "reached",
    "blocked",
  ]);
});

test("without the ct status dnat line the internet zone's default drops the port forward", () => {
  const without = ruleset
    .split("\n")
    .filter((l) => l !== DSTNAT)
    .join("\n");
  expect(without).not.toBe(ruleset);
  load(without);
  try {
    expect(connect("203.0.113.1", 8080)).toBe("blocked");
  } finally {
    load(ruleset);
  }
  expect(connect("203.0.113.1", 8080)).toBe("reached");
});
