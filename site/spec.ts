// The stack config keys of the `homelab` namespace: their schema, documentation and defaults.
// Defaults reproduce seed 000's conventions; every one is visible in the README's config reference.
import {
  address,
  bool,
  field,
  int,
  interfaceId,
  list,
  obj,
  oneOf,
  prefix,
  range,
  str,
  dnsLabel,
} from "./schema";
import { proxmoxApiTokenSchema } from "./secrets";
import { sshPrivateKey, sshPublicKeys } from "./ssh-keys";
import { existingSchema, hostNetworkSchema, proxmoxSchema, sdnSchema } from "./spec-network";
import { expectSchema } from "./spec-expect";
import { policySchema, RESERVED_NAMES, planName } from "./spec-policy";
import { clusterRoutingFields, routersSchema } from "./spec-routers";
import { devicesSchema, dnsSchema, notesSchema, segmentsSchema } from "./spec-segments";
import { clusterVmFields, vmsSchema } from "./spec-vms";
import {
  clusterTalosFields,
  nodeTalosFields,
  sharedSegmentsSchema,
  talosSchema,
} from "./spec-talos";

export const ENCODINGS = ["decimal-as-hex", "hex"] as const;
export type Encoding = (typeof ENCODINGS)[number];

const dual = (what: string) =>
  obj({
    ipv4: field(prefix(4), `IPv4 ${what}`),
    ipv6: field(prefix(6), `IPv6 ${what}`),
  });

const dualAddress = (what: string) =>
  obj({
    ipv4: field(address(4), `IPv4 ${what}`),
    ipv6: field(address(6), `IPv6 ${what}`),
  });

export const siteSchema = obj({
  name: field(dnsLabel(), "Site name, used in names and comments.", {
    required: true,
  }),
  description: field(
    str({ maxLength: 200, freeText: true }),
    "One line describing the site, shown in the inventory.",
  ),
});

export const encodingSchema = obj({
  tenantId: field(
    oneOf(ENCODINGS),
    "How a tenant ID becomes the IPv6 ID field of its block: `decimal-as-hex` writes 101 as `:101:` (the homelab stack), `hex` as `:65:`.",
    {
      defaultText:
        "`decimal-as-hex` in a 16-bit ID field (/32 blocks); `hex` in an 8-bit one (/56 blocks of a /48)",
    },
  ),
  hostId: field(
    oneOf(ENCODINGS),
    "How a host or node ID becomes its IPv6 interface ID: `decimal-as-hex` gives `::11` for 11 (the homelab and sol stacks), `hex` gives `::b`.",
    { defaultText: "`decimal-as-hex`" },
  ),
});

export const globalSchema = obj({
  management: field(
    dual("management prefix (hosts get prefix + host ID)"),
    "Management network; hosts get prefix + host ID.",
    {
      required: true,
    },
  ),
  underlay: field(dual("underlay fabric prefix"), "Routed underlay fabric."),
  hostLoopbacks: field(
    dual("host loopback prefix (hosts get prefix + host ID)"),
    "Host loopbacks; hosts get prefix + host ID. Needed for an EVPN zone (its peers are the loopbacks).",
  ),
  tenantSpace: field(
    dual("space that holds every tenant block"),
    "Tenant space: holds every tenant block. Without it tenants have no block, and their subnets must be given explicitly.",
  ),
  internalSpace: field(
    dual("internal fast-ring space (the sol stack's fc00::/8)"),
    "Internal space: purposes with `space: internal` take their tenant block from here.",
  ),
  loopbackSpace: field(
    dual("space for per-tenant loopback blocks (the sol stack's fd00:255::/32)"),
    "Loopback space: purposes with `space: loopback` take their tenant block from here.",
  ),
  cephPublic: field(
    dual("Ceph public network (hosts get prefix + host ID)"),
    "Ceph public network.",
  ),
  cephCluster: field(
    dual("Ceph cluster network (hosts get prefix + host ID)"),
    "Ceph cluster network.",
  ),
});

const purpose = (defaults: string) =>
  field(
    obj({
      index: field(
        int(0, 255),
        "Position below the tenant block: the IPv4 octet, and the source of the IPv6 group.",
      ),
      encoding: field(
        oneOf(ENCODINGS),
        "How `index` becomes the IPv6 group (`hex`: 255 -> ff; `decimal-as-hex`: 244 -> 244).",
      ),
      ipv4: field(int(0, 32), "IPv4 prefix length; 0 means no IPv4 for this purpose."),
      ipv6: field(int(0, 128), "IPv6 prefix length; 0 means no IPv6 for this purpose."),
      space: field(
        oneOf(["tenant", "internal", "loopback"] as const),
        "Space the IPv6 tenant block is taken from.",
      ),
      ipv6Index: field(
        int(0, 65535),
        "IPv6 position below the tenant block as a plain number (YAML reads 0x40 as 64), instead of `index` read through `encoding`. Default in a /56 block: vms 0x00, hostIdentities 0xff, vmLoopbacks 0xfe, mesh 0x00, pods 0x40, services 0x96, loadBalancers 0x1b.",
      ),
    }),
    `Per-tenant purpose. Default: ${defaults}.`,
  );

export const layoutSchema = obj({
  tenantBlock: field(
    obj({
      ipv4: field(
        int(8, 30),
        "Length of a tenant's IPv4 block; the tenant ID is the octet just above it.",
      ),
      ipv6: field(
        int(16, 112),
        "Length of a tenant's IPv6 block in the tenant and internal spaces; the encoded tenant ID is the field just above it (16 bits up to /48, 8 bits below).",
      ),
      loopbackIpv6: field(int(16, 112), "Length of a tenant's block in the loopback space."),
    }),
    "Tenant block lengths.",
    {
      defaultText:
        "ipv4 16; IPv6 by the space: 32 (loopbackIpv6 48) in a space of /32 or wider, 56 in a longer one such as a /48",
    },
  ),
  vms: purpose("index 0, hex, /24, /64 (10.T.0.0/24, fd00:T::/64)"),
  hostIdentities: purpose("index 255, hex, /24, /64 (10.T.255.0/24, fd00:T:ff::/64)"),
  vmLoopbacks: purpose("index 254, hex, /24, /64 (10.T.254.0/24, fd00:T:fe::/64)"),
  mesh: purpose(
    "index 0, hex, no IPv4, /64 in the internal space (fc00:T::/64); only for tenants with `mesh: true`",
  ),
  pods: purpose("index 244, decimal-as-hex, /22, /60 (10.T.244.0/22, fd00:T:244::/60)"),
  services: purpose("index 96, decimal-as-hex, /24, /108 (10.T.96.0/24, fd00:T:96::/108)"),
  loadBalancers: purpose("index 27, hex, /24, /112 (10.T.27.0/24, fd00:T:1b::/112)"),
  gateway: field(
    obj({
      ipv4: field(int(1, 4294967294), "Offset of the anycast gateway in the IPv4 VM subnet."),
      ipv6: field(
        interfaceId(),
        "Interface ID of the anycast gateway in the IPv6 VM and mesh subnets.",
      ),
    }),
    "Anycast gateway position.",
    { defaultText: "ipv4 254, ipv6 `::fffe`" },
  ),
  vip: field(
    obj({
      in: field(oneOf(["vms", "vmLoopbacks"] as const), "Subnet that holds the control-plane VIP."),
      id: field(int(1, 65535), "Host ID of the VIP (encoded like a node ID)."),
    }),
    "Control-plane VIP position.",
    { defaultText: "in `vms`, id 250" },
  ),
  nodePods: field(
    obj({
      ipv4: field(
        int(1, 32),
        "Length of each node's IPv4 pod CIDR (nth subnet of the pods prefix).",
      ),
      ipv6: field(
        int(1, 128),
        "Length of each node's IPv6 pod CIDR (nth subnet of the pods prefix).",
      ),
    }),
    "Per-node pod CIDR lengths.",
    { defaultText: "ipv4 24, ipv6 64" },
  ),
});

export const fabricSchema = obj({
  asn: field(
    obj({
      router: field(int(1, 4294967294), "ASN of the edge router."),
      hosts: field(int(1, 4294967294), "ASN of the Proxmox hosts (EVPN controller)."),
      tenantBase: field(
        int(1, 4294967294),
        "A tenant's ASN is tenantBase + tenant ID unless set on the tenant.",
      ),
    }),
    "Autonomous system numbers.",
    { defaultText: "router 65000, hosts 65001, tenantBase 65000" },
  ),
  vxlan: field(
    obj({
      vniBase: field(
        int(1, 16777215),
        "A tenant's VNI is vniBase + tenant ID unless set on the tenant.",
      ),
      vrfVni: field(int(1, 16777215), "VRF VNI of the EVPN zone; must differ from every VNet VNI."),
    }),
    "VXLAN identifiers.",
    { defaultText: "vniBase 100000, vrfVni 10000" },
  ),
  mtu: field(
    obj({
      physical: field(int(1280, 9216), "MTU of the physical underlay links."),
      management: field(int(1280, 9216), "MTU of the management network."),
      vnet: field(
        int(1280, 9216),
        "MTU of tenant VNets; default is physical minus VXLAN overhead.",
      ),
      underlayFamily: field(
        oneOf(["ipv4", "ipv6"] as const),
        "Address family of the VXLAN outer header.",
      ),
    }),
    "MTUs.",
    {
      defaultText:
        "physical 9000, management 1500, underlayFamily ipv4, vnet = physical - 50 (IPv4) or - 70 (IPv6)",
    },
  ),
});

export const hostSchema = obj({
  name: field(planName(), "Proxmox node name.", {
    required: true,
  }),
  id: field(
    int(1, 65535),
    "Stable host ID: the offset of the host's addresses in every host prefix.",
    {
      required: true,
    },
  ),
  management: field(
    dualAddress("management address"),
    "Override of the derived management address.",
  ),
  loopback: field(dualAddress("loopback address"), "Override of the derived loopback address."),
  cephPublic: field(
    dualAddress("Ceph public address"),
    "Override of the derived Ceph public address.",
  ),
  cephCluster: field(
    dualAddress("Ceph cluster address"),
    "Override of the derived Ceph cluster address.",
  ),
  network: field(hostNetworkSchema, "This host's network devices, instead of homelab:hostNetwork."),
});

const nodeSchema = obj({
  name: field(planName(), "Node hostname.", { required: true }),
  id: field(int(1, 65535), "Stable node ID: the offset of the node's addresses in its subnets.", {
    required: true,
  }),
  role: field(oneOf(["controlplane", "worker"] as const), "Talos machine type.", {
    required: true,
  }),
  podIndex: field(
    int(0, 65535),
    "Which nth subnet of the pods prefix the node gets; default: its rank by ID.",
  ),
  address: field(dualAddress("VM subnet address"), "Override of the derived VM subnet address."),
  mesh: field(dualAddress("mesh address"), "Override of the derived mesh address."),
  loopback: field(dualAddress("loopback address"), "Override of the derived loopback address."),
  pods: field(dual("pod CIDR of this node"), "Override of the derived per-node pod CIDR."),
  ...nodeTalosFields,
});

const kubernetesSchema = obj({
  name: field(planName(), "Cluster name.", { required: true }),
  pods: field(dual("pod CIDR of the cluster"), "Override of the derived pod prefix."),
  services: field(dual("service CIDR of the cluster"), "Override of the derived service prefix."),
  loadBalancers: field(dual("LoadBalancer prefix"), "Override of the derived LoadBalancer prefix."),
  lbRanges: field(
    list(range(), {
      minItems: 1,
      fix: "leave lbRanges out for a pool of the whole LoadBalancer prefix, or list the ranges the pool may hand out",
    }),
    "Ranges inside the LoadBalancer prefix that the pool may hand out; left out, the pool is the whole prefix (an empty list is refused, as it would read the same).",
  ),
  vip: field(dualAddress("control-plane VIP"), "Override of the derived control-plane VIP."),
  nodes: field(list(nodeSchema, { minItems: 1 }), "Cluster nodes.", { required: true }),
  ...clusterTalosFields,
  ...clusterRoutingFields,
  ...clusterVmFields,
});

export const tenantSchema = obj({
  id: field(int(1, 65535), "Tenant ID (T): drives the tenant block, VNI and ASN.", {
    required: true,
  }),
  name: field(
    planName(),
    `Tenant name; not ${RESERVED_NAMES.join(", ")} (words of the policy and of VM networks).`,
    { required: true },
  ),
  mesh: field(bool(), "Give the tenant an internal mesh network (the sol stack's fc00:T::/64).", {
    defaultText: "false",
  }),
  vni: field(int(1, 16777215), "Override of the derived VXLAN VNI."),
  asn: field(int(1, 4294967294), "Override of the derived ASN."),
  vms: field(dual("VM subnet"), "Override of the derived VM subnet."),
  hostIdentities: field(
    dual("host identity subnet"),
    "Override of the derived host identity subnet.",
  ),
  vmLoopbacks: field(dual("VM loopback subnet"), "Override of the derived VM loopback subnet."),
  meshSubnet: field(dual("mesh subnet"), "Override of the derived mesh subnet."),
  gateway: field(dualAddress("anycast gateway"), "Override of the derived anycast gateway."),
  snat: field(
    bool(),
    "Source-NAT the tenant's VNet subnets to the exit node's own address on their way out of the EVPN zone (Proxmox subnet `snat`); needs `sdn.exitNodes`, and `sdn.primaryExitNode` when there are several. Only for a tenant whose VNet carries its VM subnet (no `vlan`).",
    { defaultText: "false" },
  ),
  vlan: field(
    int(1, 4094),
    "Egress VLAN on the VM bridge (the sol stack): the VM subnet lives there behind the router, and the VNet carries the mesh.",
  ),
  kubernetes: field(kubernetesSchema, "The tenant's Kubernetes cluster."),
});

/** Every key of the `homelab` config namespace, in reference order. */
export const configKeys = {
  site: field(siteSchema, "The site's identity.", { required: true }),
  encoding: field(encodingSchema, "How IDs become IPv6 groups."),
  global: field(globalSchema, "The site's top-level allocation.", {
    required: true,
  }),
  layout: field(layoutSchema, "The per-tenant address pattern."),
  fabric: field(fabricSchema, "ASNs, VXLAN IDs and MTUs."),
  proxmox: field(proxmoxSchema, "Proxmox VE API provider settings."),
  proxmoxApiToken: field(
    proxmoxApiTokenSchema(),
    "Proxmox API token `user@realm!tokenid=uuid`, a secret: set with `pulumi config set --secret`; without it the provider reads PROXMOX_VE_API_TOKEN. The offline preview takes its value from HOMELAB_SECRET_PROXMOX_API_TOKEN (docs/preview.md).",
  ),
  sdn: field(sdnSchema, "Proxmox SDN identifiers."),
  existing: field(
    existingSchema,
    "What the running site has already: each object listed is adopted by the first `pulumi up` (Pulumi's `import` option) instead of created.",
    { defaultText: "each host's management bridge" },
  ),
  hostNetwork: field(hostNetworkSchema, "Network devices of every host that sets no `network`."),
  hosts: field(list(hostSchema, { minItems: 1 }), "Proxmox VE hosts.", { required: true }),
  talos: field(talosSchema, "Talos and Cilium versions, image and storage settings."),
  routers: field(routersSchema, "Edge routers.", { defaultText: "[]" }),
  segments: field(segmentsSchema, "VLAN segments besides the global networks and tenant subnets.", {
    defaultText: "[]",
  }),
  devices: field(devicesSchema, "Static devices with addresses (gateways, switches, BMCs, VMs).", {
    defaultText: "[]",
  }),
  dns: field(
    dnsSchema,
    "Static DNS names of the site (served by a router this program does not manage, e.g. the ms01 stack's UDM).",
    { defaultText: "[]" },
  ),
  notes: field(
    notesSchema,
    "Site notes for the documentation (corrections, what remains manual).",
    {
      defaultText: "[]",
    },
  ),
  routerSshKey: field(
    sshPrivateKey(),
    'SSH private key for the routers and FRR nodes (the whole key file, BEGIN and END lines included); a secret: set with `pulumi config set --secret homelab:routerSshKey -- "$(cat key)"`. The offline preview takes its value from HOMELAB_SECRET_ROUTER_SSH_KEY (docs/preview.md).',
  ),
  sharedSegments: field(
    sharedSegmentsSchema,
    "L2 segments several clusters announce LoadBalancer IPs on.",
    {
      defaultText: "[]",
    },
  ),
  tenants: field(list(tenantSchema), "Tenants (and their Kubernetes clusters).", {
    defaultText: "[]",
  }),
  vms: field(
    vmsSchema,
    "Plain VMs from a cloud image, with cloud-init user data and network config rendered from the plan.",
    { defaultText: "[]" },
  ),
  vmSshKeys: field(
    sshPublicKeys(),
    'SSH public keys, one per line as in authorized_keys (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-*` or `sk-*` type, base64 key data, optional comment), that cloud-init gives every VM\'s default user (and root on FRR nodes). Public keys are not secrets: write them in plain text (`vmSshKeys: "ssh-ed25519 AAAA... you@laptop"`), or as a secret if you prefer. A private key pasted here is refused. Set from a file with `pulumi config set homelab:vmSshKeys -- "$(cat ~/.ssh/id_ed25519.pub)"`.',
  ),
  policy: field(
    policySchema,
    "Network policy: who may talk to whom, rendered to the routers' firewalls (RouterOS, nftables) and, behind a router this stack does not configure, the Proxmox hosts' firewall.",
    { defaultText: "no rules; every zone allows" },
  ),
  expect: field(
    expectSchema,
    "The owner's expectations: flows that must get through (`reach`) or must not (`deny`), BGP sessions that must be up, VIPs that must move when their holder stops. Each is checked against the plan's policy and sessions before anything is provisioned, listed in the inventory and probed in the twin (docs/expectations.md).",
    { defaultText: "[]" },
  ),
} as const;
