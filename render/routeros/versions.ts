// Which RouterOS menus and properties exist in which 7.x release, for everything the reconcile
// script writes (and /ip/ssh, whose names 7.21 changed), one row per name with its source. The
// renderer picks names from this table (menus.ts), refuses to write a name the table does not give
// for the target release, and the model of the router (twin/routeros/model.ts) accepts only the
// names the table gives for the release it models. The releases this program renders for are in
// addressing/routeros-versions.ts; a row without bounds holds for all of them.
import { ROUTEROS_BFD_MINOR } from "../../topology/routers";

/** community.routeros's per-release field lists of every RouterOS API path (checked 2026-12-06). */
const API_DATA =
  "https://github.com/ansible-collections/community.routeros/blob/86fe25a68ab012d067bc92daf579bd9a754fdc33/plugins/module_utils/_api_data.py";
const CHANGELOG = "https://mikrotik.com/download/changelogs?versionFilter=";
const HELP = "https://help.mikrotik.com/docs/spaces/ROS/pages";

export interface VersionRow {
  /** Menu path, e.g. "/routing/bgp/connection". */
  readonly menu: string;
  /** The property; absent: the row is about the menu itself. */
  readonly property?: string;
  /** The first 7.x minor that has it; absent: every release this table covers. */
  readonly since?: number;
  /** The first 7.x minor that no longer has it. */
  readonly until?: number;
  /** Where the name and its bounds are documented. */
  readonly source: string;
}

const rows = (
  menu: string,
  properties: readonly string[],
  source: string,
  bounds: { since?: number; until?: number } = {},
): VersionRow[] => [
  ...(properties.length === 0 ? [{ menu, ...bounds, source }] : []),
  ...properties.map((property) => ({ menu, property, ...bounds, source })),
];

const IP = `${API_DATA} ('ip', 'address') and ('ipv6', 'address')`;
const ROUTE = `${API_DATA} ('ip', 'route') and ('ipv6', 'route')`;
const FILTER = `${API_DATA} ('routing', 'filter', 'rule')`;
const BGP = `${HELP}/331612228/routing+bgp; ${API_DATA} ('routing', 'bgp', 'connection')`;
const AFI = `https://github.com/ansible-collections/community.routeros/pull/360 (address-families is afi from 7.19); ${API_DATA} ('routing', 'bgp', 'connection')`;
const INSTANCE = `${CHANGELOG}7.20 (instance reintroduced, per https://github.com/ddelnano/terraform-provider-mikrotik/pull/243); https://github.com/ansible-collections/community.routeros/pull/404 (a connection's instance is required and router-id moved to the instance from 7.20); ${API_DATA} ('routing', 'bgp', 'instance'): "Not supported from 7.15 until reintroduced in 7.20"`;
const BFD = `${HELP}/331612210/routing+bfd; ${API_DATA} ('routing', 'bfd', 'configuration'), ('routing', 'bfd', 'interface') "Not supported anymore in version >= 7.15"`;
const DNS = `${API_DATA} ('ip', 'dns', 'static')`;
const VLAN = `${HELP}/88014957/VLAN; ${API_DATA} ('interface', 'vlan')`;
const IFLIST = `https://help.mikrotik.com/docs/x/LADWAg (Interface Lists: /interface list member, interface and list); ${API_DATA} ('interface', 'list', 'member')`;
const FIREWALL = `${API_DATA} ('ip', 'firewall', 'filter'), ('ip', 'firewall', 'address-list') and their ipv6 twins`;
const NAT = `https://help.mikrotik.com/docs/display/ROS/NAT (IPv4 and IPv6 sections: chain srcnat, actions masquerade and netmap, to-addresses / to-address); ${API_DATA} ('ip', 'firewall', 'nat') and ('ipv6', 'firewall', 'nat')`;
const SSH = `${API_DATA} ('ip', 'ssh'): always-allow-password-login before 7.21, password-authentication and publickey-authentication-options from 7.21 (https://github.com/ansible-collections/community.routeros/pull/433)`;

/** Every name the renderer may write, and /ip/ssh's names, with the releases that have them. */
export const ROUTEROS_TABLE: readonly VersionRow[] = [
  ...rows("/ip/address", ["address", "interface"], IP),
  ...rows("/ipv6/address", ["address", "interface", "advertise"], IP),
  ...rows("/ip/route", ["dst-address", "gateway", "routing-table"], ROUTE),
  ...rows("/ipv6/route", ["dst-address", "gateway", "routing-table"], ROUTE),
  ...rows("/routing/filter/rule", ["chain", "rule"], FILTER),
  ...rows("/routing/bgp/instance", ["name", "as", "router-id"], INSTANCE, { since: 20 }),
  ...rows("/routing/bgp/instance", [], INSTANCE, { since: 20 }),
  ...rows(
    "/routing/bgp/connection",
    [
      "name",
      "as",
      "remote.address",
      "remote.as",
      "local.role",
      "local.address",
      "multihop",
      "input.filter",
      "hold-time",
      "keepalive-time",
    ],
    BGP,
  ),
  ...rows("/routing/bgp/connection", ["address-families"], AFI, { until: 19 }),
  ...rows("/routing/bgp/connection", ["afi"], AFI, { since: 19 }),
  ...rows("/routing/bgp/connection", ["instance"], INSTANCE, { since: 20 }),
  ...rows("/routing/bgp/connection", ["router-id"], INSTANCE, { until: 20 }),
  ...rows("/routing/bgp/connection", ["use-bfd"], BFD, { since: ROUTEROS_BFD_MINOR }),
  ...rows("/routing/bfd/configuration", [], BFD, { since: ROUTEROS_BFD_MINOR }),
  ...rows(
    "/routing/bfd/configuration",
    ["addresses", "interfaces", "min-rx", "min-tx", "multiplier", "forbid-bfd"],
    BFD,
    { since: ROUTEROS_BFD_MINOR },
  ),
  ...rows("/ip/dns/static", ["name", "type", "address"], DNS),
  ...rows("/interface/vlan", ["name", "vlan-id", "interface", "mtu"], VLAN),
  ...rows("/interface/list/member", ["list", "interface"], IFLIST),
  ...["/ip", "/ipv6"].flatMap((f) => [
    ...rows(`${f}/firewall/address-list`, ["list", "address"], FIREWALL),
    ...rows(
      `${f}/firewall/filter`,
      [
        "chain",
        "action",
        "connection-state",
        "connection-nat-state",
        "src-address",
        "in-interface",
        "src-address-list",
        "dst-address-list",
        "protocol",
        "dst-port",
        "log",
        "log-prefix",
      ],
      FIREWALL,
    ),
  ]),
  ...rows(
    "/ip/firewall/nat",
    ["chain", "action", "out-interface", "src-address", "to-addresses"],
    NAT,
  ),
  ...rows(
    "/ipv6/firewall/nat",
    ["chain", "action", "out-interface", "src-address", "to-address"],
    NAT,
  ),
  // Not written by the renderer (the stack manages no SSH server settings); here so that the
  // 7.21 rename is on record next to the names the script does write.
  ...rows("/ip/ssh", ["strong-crypto", "host-key-size", "forwarding-enabled"], SSH),
  ...rows("/ip/ssh", ["host-key-type"], SSH, { since: 9 }),
  ...rows("/ip/ssh", ["allow-none-crypto"], SSH, { until: 17 }),
  ...rows("/ip/ssh", ["ciphers"], SSH, { since: 17 }),
  ...rows("/ip/ssh", ["always-allow-password-login"], SSH, { until: 21 }),
  ...rows("/ip/ssh", ["password-authentication", "publickey-authentication-options"], SSH, {
    since: 21,
  }),
];

const inRange = (r: VersionRow, minor: number): boolean =>
  (r.since === undefined || minor >= r.since) && (r.until === undefined || minor < r.until);

/** The row of `menu` (and `property`) that holds for 7.`minor`, or undefined if none does. */
export function rowFor(minor: number, menu: string, property?: string): VersionRow | undefined {
  return ROUTEROS_TABLE.find(
    (r) => r.menu === menu && r.property === property && inRange(r, minor),
  );
}

/**
 * Whether RouterOS 7.`minor` has `menu` (and `property` in it), by the table. A menu without a
 * row of its own exists where one of its properties does.
 */
export function hasName(minor: number, menu: string, property?: string): boolean {
  if (property !== undefined) return rowFor(minor, menu, property) !== undefined;
  const own = ROUTEROS_TABLE.some((r) => r.menu === menu && r.property === undefined);
  return own
    ? rowFor(minor, menu) !== undefined
    : ROUTEROS_TABLE.some((r) => r.menu === menu && inRange(r, minor));
}

/** The properties of `menu` that 7.`minor` has, in table order. */
export function propertiesOf(minor: number, menu: string): string[] {
  return ROUTEROS_TABLE.filter(
    (r) => r.menu === menu && r.property !== undefined && inRange(r, minor),
  ).map((r) => r.property as string);
}

/** The name of a BGP connection's address families in 7.`minor`: `afi` or `address-families`. */
export function afiName(minor: number): "afi" | "address-families" {
  return hasName(minor, "/routing/bgp/connection", "afi") ? "afi" : "address-families";
}
