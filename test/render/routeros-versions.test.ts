// The RouterOS release table (render/routeros/versions.ts): each release 7.18-7.24 renders with
// its own names, the model of that release accepts exactly its script, a 7.20 script without its
// BGP instance is refused, and a version outside the table is warned about at load.
import { Address, Prefix } from "../../addressing/ip";
import {
  ROUTEROS_DEFAULT_VERSION,
  ROUTEROS_MINORS,
  ROUTEROS_VERSIONS_TEXT,
} from "../../addressing/routeros-versions";
import { routersSection } from "../../render/inventory/routing";
import { RouterOsDesiredState, renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { ROUTEROS_TABLE, propertiesOf } from "../../render/routeros/versions";
import { requireSite } from "../../site";
import { RouterModel } from "../../twin/routeros/model";
import { stackRaw } from "../fixtures/base";

const A = Address.from;
const P = Prefix.from;

/** One router with every menu the renderer writes: BGP with BFD, DNS, firewall lists and rules. */
function state(version: string): RouterOsDesiredState {
  return {
    router: "edge",
    stack: "lab",
    version,
    addresses: [
      { interface: "vlan11", address: A("10.25.11.1"), network: P("10.25.11.0/24") },
      { interface: "vlan11", address: A("fd00:11::1"), network: P("fd00:11::/64") },
    ],
    routes: [{ dst: P("10.255.0.0/16"), gateway: A("10.25.11.10") }],
    bgp: {
      asn: 64501,
      instance: "lab",
      routerId: A("10.25.11.1"),
      connections: [
        {
          name: "infra-1",
          remoteAddress: A("10.25.11.11"),
          remoteAs: 64512,
          localRole: "ebgp",
          multihop: false,
          inputFilter: "infra-in",
          addressFamilies: ["ip"],
          interface: "vlan11",
          holdTime: 9,
          keepaliveTime: 3,
          bfd: { minTxMs: 300, minRxMs: 300, multiplier: 3 },
        },
      ],
    },
    filterRules: [{ chain: "infra-in", rule: "reject" }],
    dns: [{ name: "nas.lab.local", address: A("10.25.11.20") }],
    firewall: {
      addressLists: [{ list: "lab", address: P("10.25.11.0/24") }],
      filters: [
        {
          family: 4,
          chain: "forward",
          action: "accept",
          src: { list: "lab", negate: false },
          protocol: "tcp",
          dstPort: "22",
          log: false,
          tag: "rule=ssh",
        },
      ],
    },
  };
}

const BFD_ADD =
  '/routing/bfd/configuration/add addresses=10.25.11.11 interfaces=vlan11 min-rx=300ms min-tx=300ms multiplier=3 forbid-bfd=no comment=$c; :put ("added " . $c) }';
const OLD =
  '/routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in address-families=ip use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.25.11.1 comment=$c; :put ("added " . $c) }';
const AFI =
  '/routing/bgp/connection/add name=infra-1 as=64501 remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip use-bfd=yes hold-time=9s keepalive-time=3s router-id=10.25.11.1 comment=$c; :put ("added " . $c) }';
const INSTANCE =
  '/routing/bgp/instance/add name=lab as=64501 router-id=10.25.11.1 comment=$c; :put ("added " . $c) }';
const EXPLICIT =
  '/routing/bgp/connection/add name=infra-1 instance=lab remote.address=10.25.11.11 remote.as=64512 local.role=ebgp multihop=no input.filter=infra-in afi=ip use-bfd=yes hold-time=9s keepalive-time=3s comment=$c; :put ("added " . $c) }';

/** The script's first line and its BGP/BFD `add` commands, trimmed of the `:if` around them. */
function bgpLines(script: string): string[] {
  const lines = script.split("\n");
  return [
    lines[0],
    ...lines
      .filter((l) => / \/routing\/(bfd|bgp)\/[a-z]+\/add /.test(l))
      .map((l) => l.trim().replace(/^:if \(!\$found\) do=\{ /, "")),
  ];
}

describe("each release renders with its own names", () => {
  const header = (v: string) =>
    `# RouterOS ${v} reconcile script for router edge, stack lab. Generated; do not edit.`;
  test.each([
    ["7.18", [header("7.18"), BFD_ADD, OLD]],
    ["7.19", [header("7.19"), BFD_ADD, AFI]],
    ["7.20", [header("7.20"), INSTANCE, BFD_ADD, EXPLICIT]],
    ["7.21", [header("7.21"), INSTANCE, BFD_ADD, EXPLICIT]],
    ["7.24", [header("7.24"), INSTANCE, BFD_ADD, EXPLICIT]],
    ["7.24.1", [header("7.24.1"), INSTANCE, BFD_ADD, EXPLICIT]],
  ])("RouterOS %s", (version, lines) => {
    expect(bgpLines(renderRouterOsScript(state(version)))).toEqual(lines);
  });

  test.each(ROUTEROS_MINORS.map((m) => `7.${m}`))(
    "the model of %s runs that release's script, and a second run changes nothing",
    (version) => {
      const router = new RouterModel(version);
      const script = renderRouterOsScript(state(version));
      expect(router.run(script).mutations).toHaveLength(
        Number(version.split(".")[1]) >= 20 ? 10 : 9,
      );
      expect(router.run(script)).toEqual({ mutations: [], output: [] });
    },
  );

  test("a 7.20 script whose connection names no instance is refused by the 7.20 model", () => {
    const script = renderRouterOsScript(state("7.20"));
    const broken = script.replace(
      "/routing/bgp/connection/add name=infra-1 instance=lab ",
      "/routing/bgp/connection/add name=infra-1 ",
    );
    expect(broken).not.toBe(script);
    expect(() => new RouterModel("7.20").run(broken)).toThrow(
      "/routing/bgp/connection: add without required instance",
    );
  });

  test("a 7.20 script is refused by the 7.19 model, which has no instance menu", () => {
    expect(() => new RouterModel("7.19").run(renderRouterOsScript(state("7.20")))).toThrow(
      "bad command name: no menu /routing/bgp/instance",
    );
  });
});

describe("the table", () => {
  test("every row names its source", () => {
    const unsourced = ROUTEROS_TABLE.filter((r) => !/^https:\/\//.test(r.source));
    expect(unsourced).toEqual([]);
  });

  test("a BGP connection's names per release", () => {
    const versioned = ["address-families", "afi", "instance", "router-id"];
    const names = (minor: number) =>
      propertiesOf(minor, "/routing/bgp/connection").filter((n) => versioned.includes(n));
    expect(names(18)).toEqual(["address-families", "router-id"]);
    expect(names(19)).toEqual(["afi", "router-id"]);
    expect(names(20)).toEqual(["afi", "instance"]);
    expect(names(24)).toEqual(["afi", "instance"]);
  });

  test("/ip/ssh: 7.21 replaces always-allow-password-login (not rendered, on record)", () => {
    expect(propertiesOf(20, "/ip/ssh")).toEqual([
      "strong-crypto",
      "host-key-size",
      "forwarding-enabled",
      "host-key-type",
      "ciphers",
      "always-allow-password-login",
    ]);
    expect(propertiesOf(21, "/ip/ssh")).toEqual([
      "strong-crypto",
      "host-key-size",
      "forwarding-enabled",
      "host-key-type",
      "ciphers",
      "password-authentication",
      "publickey-authentication-options",
    ]);
  });
});

describe("the stack's version", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const site = (edit: (r: any) => void) => {
    const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
    edit(raw.routers[0]);
    return requireSite(raw);
  };
  /** The cells of the inventory's row for the router `edge`. */
  const inventoryRow = ({ plan, topology }: ReturnType<typeof site>): string[] =>
    (routersSection(plan, topology) ?? "")
      .split("\n")
      .find((l) => l.startsWith("| edge "))
      ?.split("|")
      .map((c) => c.trim()) ?? [];

  test("the inventory and the script's first line name the release the script is for", () => {
    const raw = JSON.parse(JSON.stringify(stackRaw("sol")));
    delete raw.routers[0].version;
    const resolved = requireSite(raw);
    const { plan, topology } = resolved;
    const script = renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "sol"));
    expect(script.split("\n")[0]).toBe(
      "# RouterOS 7.24 reconcile script for router edge, stack sol. Generated; do not edit.",
    );
    expect(inventoryRow(resolved).slice(1, 4)).toEqual(["edge", "RouterOS", "7.24"]);
    expect(inventoryRow(site((r) => (r.version = "7.20.3"))).slice(1, 4)).toEqual([
      "edge",
      "RouterOS",
      "7.20.3",
    ]);
  });

  test("an FRR router's row names no RouterOS release", () => {
    expect(inventoryRow(site((r) => (r.os = "frr"))).slice(1, 4)).toEqual(["edge", "FRR", "-"]);
  });

  test("a router without a version gets the current stable release, 7.24", () => {
    expect(ROUTEROS_DEFAULT_VERSION).toBe("7.24");
    const { plan } = site((r) => delete r.version);
    expect(plan.routers[0].version).toBe("7.24");
    expect(plan.warnings.filter((w) => w.path === "routers[0].version")).toEqual([]);
  });

  test("a version before 7.18 is warned about, naming the supported releases", () => {
    expect(ROUTEROS_VERSIONS_TEXT).toBe("7.18, 7.19, 7.20, 7.21, 7.22, 7.23, 7.24");
    const { plan } = site((r) => (r.version = "7.16.2"));
    expect(plan.warnings.filter((w) => w.path === "routers[0].version")).toEqual([
      {
        path: "routers[0].version",
        input: "7.16.2",
        message:
          "is older than the RouterOS releases this program's property names are sourced for (7.18, 7.19, 7.20, 7.21, 7.22, 7.23, 7.24)",
        fix: "upgrade the router to 7.24 (stable) or 7.21 (long-term) and set the version to match",
      },
    ]);
  });

  test('"7.2" (a 2022 release) is warned about and "7.20" suggested', () => {
    const { plan } = site((r) => (r.version = "7.2"));
    expect(plan.warnings.filter((w) => w.path === "routers[0].version")).toEqual([
      {
        path: "routers[0].version",
        input: "7.2",
        message:
          "is older than the RouterOS releases this program's property names are sourced for (7.18, 7.19, 7.20, 7.21, 7.22, 7.23, 7.24)",
        fix: 'upgrade the router to 7.24 (stable) or 7.21 (long-term) and set the version to match; if it runs 7.20, write "7.20"',
      },
    ]);
  });

  test("a version after 7.24 is not told to upgrade: the script uses 7.24's names", () => {
    const { plan } = site((r) => (r.version = "7.26"));
    expect(plan.warnings.filter((w) => w.path === "routers[0].version")).toEqual([
      {
        path: "routers[0].version",
        input: "7.26",
        message:
          "is newer than the RouterOS releases this program's property names are sourced for (7.18, 7.19, 7.20, 7.21, 7.22, 7.23, 7.24): the script is written with 7.24's names",
        fix: "check the changelogs from 7.25 to 7.26 for renamed properties (https://mikrotik.com/download/changelogs), and try the script with npm run plan -- --routeros-base edge=<its /export>",
      },
    ]);
    const { plan: p, topology } = site((r) => (r.version = "7.26"));
    const script = renderRouterOsScript(routerOsDesiredState(topology, p.routers[0], "sol"));
    expect(script.split("\n")[0]).toBe(
      "# RouterOS 7.26 reconcile script for router edge, stack sol. Generated; do not edit.",
    );
    expect(script).toContain(" afi=");
    expect(script).toContain(" instance=");
  });
});
