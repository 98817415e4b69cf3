// Config keys for edge routers (RouterOS over SSH, or FRR on Linux) and FRR on Linux nodes.
import {
  address,
  bool,
  field,
  int,
  list,
  obj,
  oneOf,
  prefix,
  str,
  dnsLabel,
  dnsName,
} from "./schema";
import { planName } from "./spec-policy";

const IFACE = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
const IFACE_TEXT = "an interface name: a letter, then letters, digits, '_', '.', '-'";
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})$/;
const HOST_TEXT = "an address or a DNS name";
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;
const USER_TEXT = "a user name: lowercase letters, digits, '_', '-'";

export const sshSchema = obj({
  host: field(str({ pattern: HOST, patternText: HOST_TEXT }), "Address or name to SSH to.", {
    required: true,
  }),
  user: field(str({ pattern: USER, patternText: USER_TEXT }), "SSH user.", {
    defaultText: "`admin` (RouterOS), `root` (Linux)",
  }),
  port: field(int(1, 65535), "SSH port.", { defaultText: "22" }),
});

export const routersSchema = list(
  obj({
    name: field(planName(), "Router name.", { required: true }),
    os: field(
      oneOf(["routeros", "frr", "linux", "external"] as const),
      "RouterOS (reconcile script with the policy's filter rules), Linux with FRR only (frr.conf), `linux`: a Linux router with FRR and the policy as an nftables ruleset (both over SSH), or `external`: a router this stack does not configure (a UniFi gateway, an upstream BGP router), declared so that its gateways, BGP sessions and firewall rules are checked and what it must be given is listed under Manual steps.",
      {
        defaultText: "`routeros`",
      },
    ),
    version: field(
      str({ pattern: /^7\.[0-9]+(\.[0-9]+)?$/, patternText: "a RouterOS v7 version like 7.24" }),
      'RouterOS version the script targets: its property names come from a sourced table for 7.18 to 7.24 (`afi` from 7.19, an explicit `/routing/bgp/instance` from 7.20); an older version is warned about (upgrade), a newer one too (the script keeps 7.24\'s names). Quote it: `"7.20"` (YAML reads 7.20 as the number 7.2).',
      { defaultText: "`7.24`" },
    ),
    asn: field(int(1, 4294967294), "Router ASN.", { defaultText: "fabric.asn.router" }),
    routerId: field(address(4), "BGP router ID (required unless os: external)."),
    ssh: field(sshSchema, "How Pulumi reaches the router (required unless os: external)."),
    addresses: field(
      list(
        obj({
          interface: field(
            str({ pattern: IFACE, patternText: IFACE_TEXT }),
            "Router interface that holds the address: one address per family on an interface (a dual-stack gateway lists its interface twice, once with each family).",
            { required: true },
          ),
          address: field(
            str(),
            "Address with the length of its subnet, e.g. 10.25.11.1/24 (a /32 or /128 for a loopback).",
            { required: true },
          ),
        }),
      ),
      "Addresses the router holds besides the tenant gateways, e.g. the address it peers from on a shared segment (the infra-apps stack's 10.25.11.1).",
    ),
    vlans: field(
      list(
        obj({
          interface: field(
            str({ pattern: IFACE, patternText: IFACE_TEXT }),
            "Router interface (e.g. vlan101).",
            {
              required: true,
            },
          ),
          tenant: field(int(1, 65535), "Tenant whose gateway the router holds there.", {
            required: true,
          }),
          filterChain: field(
            str({ pattern: /^[a-z][a-z0-9-]{0,31}$/, patternText: "a chain name" }),
            "Input filter chain for the tenant's cluster peers.",
            {
              defaultText: "`k8s-in`",
            },
          ),
        }),
      ),
      "Tenant VLANs on the router: it owns their gateway and peers with their clusters.",
      { required: true },
    ),
    trunk: field(
      str({ pattern: IFACE, patternText: IFACE_TEXT }),
      "The interface the router's VLAN interfaces ride on (RouterOS `/interface/vlan` `interface=`; `bridge` on a factory home router). With it, the script creates one `/interface/vlan` per VLAN interface of the router: each `routers[].vlans` interface (its tenant's VLAN ID) and each interface in `routers[].addresses` that holds an address on a `homelab:segments` entry with a VLAN ID (that ID, and the segment's MTU). One the router has with the same `interface` and `vlan-id` is adopted; one of the same name on another interface or VLAN ID stops the script before its first change. Not an uplink interface (`routers[].uplink.interfaces`) and not one of the router's own VLAN interfaces. RouterOS routers only. `npm run import` sets it when all the router's VLAN interfaces ride on one interface.",
      { defaultText: "none: the script creates no VLAN interface (a manual step names each)" },
    ),
    defconf: field(
      bool(),
      "The router runs MikroTik's factory firewall (`defconf`, as a new RouterOS router ships and `/system/reset-configuration` leaves it): its uplink in the interface list `WAN`, and input and forward drops for what does not come from `LAN`. The policy's checks (flows, `homelab:expect`) and the twin's probes then take those rules into account after the policy's own: the internet reaches nothing inside (IPv4 `defconf: drop all from WAN not DSTNATed`; on IPv6 only ICMPv6 and IKE pass) and neither the internet nor a zone whose default denies (kept out of `LAN`) reaches the router itself beyond ICMP (`defconf: drop all not coming from LAN`; on IPv6 also UDP traceroute and IKE), unless a rule allows it (the script places the policy's rules above the factory drops) or it is a BGP session's (the script accepts those above the drops too). The script is the same either way. RouterOS routers only. `npm run import` sets it when the router's export has the factory drops.",
      { defaultText: "false: the router's own firewall is assumed to drop nothing" },
    ),
    routes: field(
      list(
        obj({
          to: field(str(), "Destination prefix (IPv4 or IPv6), e.g. 0.0.0.0/0 or 10.99.0.0/16.", {
            required: true,
          }),
          via: field(
            str(),
            "Gateway address, in the destination's family (RouterOS resolves the interface).",
            { required: true },
          ),
        }),
      ),
      "Static routes of the router in its main table, besides those the sessions need: RouterOS `/ip/route` and `/ipv6/route` entries (a route the router already has with the same dst-address, gateway and routing-table is adopted, one to the same destination through another gateway stops the script before its first change), `ip route` lines in frr.conf. `npm run import` fills it from the router's export.",
      { defaultText: "[]" },
    ),
    bgpPeers: field(
      list(
        obj({
          name: field(dnsLabel(), "Connection name (`/routing/bgp/connection` name).", {
            required: true,
          }),
          address: field(str(), "Peer address (IPv4 or IPv6), outside the stack's devices.", {
            required: true,
          }),
          asn: field(int(1, 4294967294), "Peer ASN; another than the router's (eBGP).", {
            required: true,
          }),
          localAddress: field(
            str(),
            "Address the router speaks from (`local.address`), one of its own.",
            { defaultText: "its address on the subnet that holds the peer, else the router ID" },
          ),
          multihop: field(bool(), "The peer is not on a connected subnet (`multihop=yes`).", {
            defaultText: "`false` when a subnet of the router holds the peer, else `true`",
          }),
          bfd: field(
            bool(),
            "Run BFD on the connection (RFC 5880; `use-bfd=yes`, RouterOS 7.15 and later): a `/routing/bfd/configuration` entry for the peer's address at 300 ms x 3 (the single-hop one names the interface toward the peer), and UDP 3784 (4784 multihop, RFC 5881/5883) from the peer accepted before the factory `defconf` drops. The peer must run BFD too, or the session stays down.",
            { defaultText: "`false` (`use-bfd=no` is written)" },
          ),
        }),
      ),
      "BGP peers of a RouterOS router outside the stack (an upstream, a neighbour site), besides the sessions with the tenants' clusters: one `/routing/bgp/connection` each, adopted when the router has one of that name or remote address (the script then sets its other properties as the stack writes them, e.g. `instance`, `local.address`, `afi`, each listed by the `--routeros-base` dry run; a different `as`, `remote.address`, `remote.as` or `local.role` stops the script before its first change). The stack leaves its input filter and BGP timers to the router; BFD is `bfd`. `npm run import` fills it from the router's export.",
      { defaultText: "[]" },
    ),
    rejects: field(list(str()), "Prefixes never accepted from cluster peers (IPv4 or IPv6).", {
      defaultText: "`fc00::/8` (the sol stack's internal class)",
    }),
    uplink: field(
      obj({
        interfaces: field(
          list(str({ pattern: IFACE, patternText: IFACE_TEXT }), { minItems: 1 }),
          "The router's interfaces toward the internet (RouterOS `ether1` is the factory WAN port; several for multi-WAN). Traffic leaving through them from the site's private IPv4 subnets (RFC 1918, RFC 6598) is masqueraded (`/ip/firewall/nat action=masquerade`, nftables `masquerade`).",
          { required: true },
        ),
        ipv6: field(
          obj({
            mode: field(
              oneOf(["netmap", "masquerade", "routed"] as const),
              "How the site's IPv6 leaves: `netmap`: each tenant's unique local /64 (RFC 4193) is mapped 1:1 onto the /64 numbered by its tenant ID inside `prefix` (RouterOS `action=netmap`, nftables `snat ip6 prefix to`; the stateful form of RFC 6296 prefix translation); `masquerade`: NAT66 to the uplink's own address (RouterOS `action=masquerade`); `routed`: the site's IPv6 is global (a delegated prefix) and leaves untranslated.",
              { required: true },
            ),
            prefix: field(
              prefix(6),
              "Global prefix the unique local /64s are mapped into (`mode: netmap` only; a /48 numbers tenant IDs up to 65535, a /56 up to 255): the one your ISP delegates. A special-purpose block is refused, documentation prefixes (RFC 3849 `2001:db8::/32`, RFC 9637 `3fff::/20`) included.",
            ),
          }),
          "IPv6 toward the internet; absent: the site's IPv6 has no way out (a site that needs one is refused).",
        ),
      }),
      "The router's way to the internet (issue 18, \"the way out\"): its uplink interfaces, IPv4 masquerade of the site's private subnets, and the IPv6 egress. Absent: the router gives the site no way out, and a site whose machines need the internet through it (packages, images, resolvers outside the site) is refused.",
    ),
    dnsDomain: field(
      dnsName("a DNS domain"),
      "Static DNS: <node>.<domain> and <cluster>.<domain> (the VIP).",
    ),
    dnsRecords: field(
      list(
        obj({
          name: field(dnsName(), "Name.", {
            required: true,
          }),
          address: field(str(), "Address (A or AAAA).", { required: true }),
        }),
      ),
      "Further static DNS records (the ms01 stack). An address inside the site's prefixes that nothing in the plan holds is warned about: declare the device under homelab:devices.",
    ),
  }),
);

export const clusterRoutingFields = {
  nodeOs: field(
    oneOf(["talos", "linux"] as const),
    "Talos VMs, or Linux VMs from a cloud image (cloud-init) that run FRR.",
    {
      defaultText: "`talos`",
    },
  ),
  frr: field(
    obj({
      user: field(str({ pattern: USER, patternText: USER_TEXT }), "SSH user on the nodes.", {
        defaultText: "`root`",
      }),
      mesh: field(str({ pattern: IFACE, patternText: IFACE_TEXT }), "Mesh interface (IS-IS).", {
        defaultText: "`mesh0` (never eth<N>: the kernel's names)",
      }),
      egress: field(
        str({ pattern: IFACE, patternText: IFACE_TEXT }),
        "Egress interface (toward the router).",
        {
          defaultText: "`egress0` (never eth<N>: the kernel's names)",
        },
      ),
    }),
    "FRR on Linux nodes (nodeOs: linux).",
  ),
};
