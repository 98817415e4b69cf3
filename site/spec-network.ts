// Config keys for the Proxmox layer: host network devices, SDN identifiers, the API provider.
import {
  address,
  anyPrefix,
  bool,
  field,
  int,
  list,
  noUserinfo,
  obj,
  oneOf,
  str,
  dnsLabel,
} from "./schema";

const IFACE = /^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/;
const IFACE_TEXT =
  "a Linux interface name: a letter, then letters, digits, '_', '.', '-' (at most 15)";
const DEVICE = /^[a-zA-Z][a-zA-Z0-9_]{0,9}$/;
const DEVICE_TEXT = "a letter, then letters, digits or '_' (at most 10, as Proxmox requires)";
// Proxmox's zone and VNet IDs (pve-network Zones/Plugin.pm pve-sdn-zone-id, VnetPlugin.pm
// pve-sdn-vnet-id): [a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9], 2 to 8 characters; controllers take the same
// here. Lowercase only: the IDs become interface names (vrf_<zone>, the VNet's bridge).
const SDN_ID = /^[a-z][a-z0-9]{1,7}$/;
const SDN_ID_TEXT =
  "2-8 lowercase letters or digits, starting with a letter (Proxmox's SDN zone and VNet ID rule)";
// pve-network Fabrics.pm: [a-zA-Z0-9][a-zA-Z0-9-]{0,6}[a-zA-Z0-9]?; one character is allowed.
const FABRIC_ID = /^[a-z][a-z0-9]{0,7}$/;
const FABRIC_ID_TEXT = "1-8 lowercase letters or digits, starting with a letter";

export const CARRIES = ["management", "cephPublic", "cephCluster"] as const;
export const BOND_MODES = [
  "802.3ad",
  "active-backup",
  "balance-rr",
  "balance-xor",
  "broadcast",
  "balance-tlb",
  "balance-alb",
] as const;
export const HASH_POLICIES = ["layer2", "layer2+3", "layer3+4"] as const;

const iface = () => str({ pattern: IFACE, patternText: IFACE_TEXT });
const device = () => str({ pattern: DEVICE, patternText: DEVICE_TEXT });
const sdnId = () =>
  str({
    pattern: SDN_ID,
    patternText: SDN_ID_TEXT,
    patternFix: "use an ID such as vxevpn01: a lowercase letter, then 1 to 7 letters or digits",
  });
const fabricId = () =>
  str({
    pattern: FABRIC_ID,
    patternText: FABRIC_ID_TEXT,
    patternFix: "use an ID such as underlay: a lowercase letter, then up to 7 letters or digits",
  });

const carries = field(
  oneOf(CARRIES),
  "Global network this device carries: the host gets its address there (e.g. 10.10.0.1/24).",
);
const mtu = field(
  int(576, 9216),
  "Interface MTU (a VLAN without one takes its parent's): 1280 or more where the device carries IPv6 (RFC 8200 section 5).",
  { defaultText: "1500" },
);

export const hostNetworkSchema = obj({
  interfaces: field(
    list(iface(), {
      minItems: 1,
      fix: "list the host's physical NICs (ip -br link on the host), e.g. interfaces: [eno1]; a host with none reaches no network",
    }),
    "Physical NICs of the host (at least one where written; none where left out): every NIC a bridge port, bond member or underlay names is among them.",
    { defaultText: "[]" },
  ),
  bridges: field(
    list(
      obj({
        name: field(device(), "Bridge name (vmbr0).", { required: true }),
        ports: field(list(iface()), "Bridge ports (NICs or bonds).", { defaultText: "[]" }),
        vlanAware: field(bool(), "VLAN-aware bridge (tenant VLANs ride on it).", {
          defaultText: "false",
        }),
        mtu,
        carries,
        segment: field(
          dnsLabel(),
          "A homelab:segments entry the bridge carries untagged, for VMs on it (the host takes no address there).",
        ),
      }),
    ),
    "Linux bridges.",
    { defaultText: "[]" },
  ),
  bonds: field(
    list(
      obj({
        name: field(device(), "Bond name (bond0).", { required: true }),
        members: field(list(iface(), { minItems: 1 }), "Member NICs.", { required: true }),
        mode: field(oneOf(BOND_MODES), "Bonding mode.", { defaultText: "`802.3ad`" }),
        hashPolicy: field(oneOf(HASH_POLICIES), "Transmit hash policy.", {
          defaultText: "`layer3+4`",
        }),
        mtu,
        carries,
      }),
    ),
    "Bonds (the ms01 stack's LACP storage bonds).",
    { defaultText: "[]" },
  ),
  vlans: field(
    list(
      obj({
        on: field(iface(), "Parent device (bridge, bond or NIC).", { required: true }),
        id: field(int(1, 4094), "VLAN ID.", { required: true }),
        mtu,
        carries,
      }),
    ),
    "VLAN interfaces, named <on>.<id>.",
    { defaultText: "[]" },
  ),
  underlay: field(
    list(iface()),
    "Interfaces of the routed underlay (an OpenFabric fabric); empty means no fabric.",
    { defaultText: "[]" },
  ),
  vmBridge: field(device(), "Bridge that carries tenant VLANs.", {
    defaultText: "the first VLAN-aware bridge",
  }),
  gateway: field(
    obj({
      ipv4: field(address(4), "IPv4 default gateway on the management network."),
      ipv6: field(address(6), "IPv6 default gateway on the management network."),
    }),
    "Default gateway of the hosts (set on the device that carries management).",
  ),
});

export const sdnSchema = obj({
  zone: field(sdnId(), "EVPN zone ID.", { defaultText: "`vxevpn01`" }),
  controller: field(sdnId(), "EVPN controller ID.", { defaultText: "`evpnctl`" }),
  fabric: field(fabricId(), "OpenFabric underlay ID; Proxmox names its loopback dummy_<id>.", {
    defaultText: "`underlay`",
  }),
  exitNodes: field(
    list(dnsLabel()),
    "Hosts that route tenant traffic out of the zone (Proxmox EVPN zone `exitnodes`). The router that is the hosts' gateway gets return routes to every VNet subnet via them (ECMP across them), or a manual step names those routes when the stack does not configure it (docs/evpn-edge.md).",
    { defaultText: "[]" },
  ),
  primaryExitNode: field(
    dnsLabel(),
    "The exit node that forwards all of the zone's outgoing traffic, the others standing by (Proxmox EVPN zone `exitnodes-primary`); one of `exitNodes`. Proxmox requires it for SNAT with several exit nodes, or when the upstream router does not do ECMP. With it, return routes go via this node only.",
  ),
  exitNodesLocalRouting: field(
    bool(),
    "Let the exit nodes themselves reach the VMs of the zone (Proxmox EVPN zone `exitnodes-local-routing`), e.g. for a service on the host; needs `exitNodes`.",
    { defaultText: "false" },
  ),
  advertiseSubnets: field(bool(), "Advertise subnets as EVPN type-5 routes.", {
    defaultText: "true",
  }),
  arpNdSuppression: field(
    bool(),
    "ARP/ND suppression in the EVPN zone (the hosts answer ARP/ND from their EVPN cache). Proxmox requires it off for floating IPs (a Talos VIP or L2-announced LoadBalancer addresses on a VNet): `true` with one is rejected.",
    { defaultText: "false when a VNet carries a floating IP, else true" },
  ),
});

export const proxmoxSchema = obj({
  endpoint: field(
    noUserinfo(
      str({
        pattern: /^https:\/\/[A-Za-z0-9.:[\]-]+\/$/,
        patternText: "an https URL ending in /, like https://10.10.0.1:8006/",
      }),
      "remove the part before @; give the Proxmox API token as the secret homelab:proxmoxApiToken",
    ),
    "Proxmox VE API endpoint.",
    { defaultText: "https://<first host's IPv4 management address>:8006/" },
  ),
  insecure: field(bool(), "Skip TLS verification (self-signed PVE certificates).", {
    defaultText: "false",
  }),
  protectZone: field(bool(), "Protect the EVPN zone and controller from deletion.", {
    defaultText: "true",
  }),
  protectManagement: field(bool(), "Protect the devices that carry host management.", {
    defaultText: "true",
  }),
});

/**
 * What a running site has already (filled by `npm run import`, or by hand): every object listed
 * is registered with Pulumi's `import` option, so the first `pulumi up` adopts it and changes only
 * what differs from the plan. IDs are Proxmox's own (the provider's import IDs are derived from
 * them: `node:iface` for host interfaces, the SDN ID, `vnet/zone-10.101.0.0-24` for a subnet).
 */
export const existingSchema = obj({
  managementBridge: field(
    bool(),
    "Adopt each host's management bridge (the bridge that carries management, or the bridge its management VLAN rides on): the Proxmox VE installer makes it (vmbr0) on every host. Set false when it does not exist yet, and list the hosts that have one under `interfaces`.",
    { defaultText: "true" },
  ),
  interfaces: field(
    list(
      obj({
        node: field(dnsLabel(), "Proxmox node name (a homelab:hosts entry).", { required: true }),
        names: field(
          list(iface(), { minItems: 1 }),
          "Bridges, bonds and VLAN interfaces of the plan that exist on the node (vmbr1, bond0, vmbr0.20).",
          { required: true },
        ),
      }),
    ),
    "Host interfaces that exist on a node (its /etc/network/interfaces), by node.",
    { defaultText: "[] (only the management bridges)" },
  ),
  sdn: field(
    obj({
      controllers: field(list(sdnId()), "EVPN controllers that exist (evpnctl).", {
        defaultText: "[]",
      }),
      zones: field(list(sdnId()), "SDN zones that exist (vxevpn01).", { defaultText: "[]" }),
      vnets: field(list(sdnId()), "VNets that exist (vnet101).", { defaultText: "[]" }),
      subnets: field(
        list(anyPrefix()),
        "VNet subnets that exist, by prefix (10.101.0.0/24, fd00:101::/64).",
        { defaultText: "[]" },
      ),
    }),
    "SDN objects that exist (/etc/pve/sdn/*.cfg), by Proxmox ID.",
  ),
});
