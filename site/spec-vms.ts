// Config keys for cloud-init VMs: plain VMs (homelab:vms) and the VM settings of clusters on plain
// Linux. Both boot a pinned cloud image with user data and a network config rendered from the
// topology (render/cloud-init/).
import { CLOUD_IMAGES } from "../addressing/site";
import { address, bool, dnsLabel, field, int, list, obj, oneOf, prefix, str } from "./schema";
import { planName } from "./spec-policy";

const PACKAGE = /^[a-z0-9][a-z0-9+.-]{1,99}$/;
const PACKAGE_TEXT = "a Debian package name: lowercase letters, digits, '+', '.', '-'";
const NIC_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,14}$/;
const NIC_NAME_TEXT = "an interface name: a letter, then up to 14 letters, digits, '_', '-'";
const NETWORK = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?(\.mesh)?$/;
const NETWORK_TEXT =
  "a segment, a global network (management, cephPublic, cephCluster), a tenant name or <tenant>.mesh";

const dual = (what: string) =>
  obj({
    ipv4: field(prefix(4), `IPv4 ${what}`),
    ipv6: field(prefix(6), `IPv6 ${what}`),
  });

export const imageField = field(
  oneOf(CLOUD_IMAGES),
  "Cloud image the VM boots: `debian-13` (Debian 13 generic 20260914-2601), `debian-12` (Debian 12 genericcloud 20250210-2019), `ubuntu-26.04` (Ubuntu 26.04 server cloudimg release-20260927) or `ubuntu-24.04` (Ubuntu 24.04 server cloudimg release-20250516), each downloaded once per host with its checksum pinned. The default stays `debian-12` because changing a running VM's image replaces its boot disk (the provider recreates the VM): set `debian-13` for new VMs.",
  { defaultText: "`debian-12`" },
);

export const packagesField = (extra: string) =>
  field(
    list(str({ pattern: PACKAGE, patternText: PACKAGE_TEXT })),
    `Debian packages cloud-init installs${extra}.`,
    {
      defaultText: "[]",
    },
  );

export const routesField = (what: string) =>
  field(
    list(
      obj({
        to: field(
          str(),
          "Destination prefix (IPv4 or IPv6); `0.0.0.0/0` or `::/0` replaces the default route.",
          { required: true },
        ),
        via: field(
          str(),
          "Gateway, in the destination's family: it must lie in the subnet of one of the VM's networks, whose NIC the route then uses.",
          { required: true },
        ),
        metric: field(int(0, 4294967295), "Route metric (iproute2 `metric`)."),
        onLink: field(bool(), "Mark the gateway on-link (iproute2 `onlink`, netplan `on-link`)."),
      }),
    ),
    `Static routes ${what}; a route to a destination the plan already routes (a default route, a Ceph network via the mesh) replaces that route.`,
    { defaultText: "[]" },
  );

/** VM settings of a cluster with nodeOs: linux. */
export const clusterVmFields = {
  image: imageField,
  packages: packagesField(" on every node besides FRR (nodeOs: linux)"),
  routes: routesField("of every node (nodeOs: linux)"),
};

export const vmsSchema = list(
  obj({
    name: field(planName(), "Hostname and Proxmox VM name.", { required: true }),
    id: field(
      int(1, 65535),
      "Stable ID: the VM's offset in each of its networks (192.168.1.0/24 and ID 60 give 192.168.1.60), encoded like a node ID for IPv6.",
      { required: true },
    ),
    vmId: field(int(100, 999999999), "Proxmox VM ID; unique across the site, node VMs included.", {
      required: true,
    }),
    host: field(dnsLabel(), "Proxmox host the VM runs on.", { required: true }),
    cores: field(int(1, 512), "vCPUs.", { defaultText: "2" }),
    memory: field(int(512, 4194304), "Memory in MiB.", { defaultText: "2048" }),
    disk: field(int(4, 65536), "Disk in GiB (the cloud image is grown to it).", {
      defaultText: "16",
    }),
    disks: field(
      list(
        obj({
          size: field(int(1, 65536), "Size in GiB.", { required: true }),
          datastore: field(
            str({
              pattern: /^[A-Za-z][A-Za-z0-9_-]*$/,
              patternText: "a Proxmox storage ID like local-lvm",
            }),
            "Proxmox storage the disk is created on.",
            {
              defaultText: "`talos.diskDatastore` (the boot disk's)",
            },
          ),
          backup: field(bool(), "Include the disk in Proxmox backups (vzdump).", {
            defaultText: "true",
          }),
        }),
      ),
      "Data disks beside the boot disk: empty raw disks on scsi1, scsi2, ... (a NAS's data, a database), formatted and mounted by the guest, not by cloud-init.",
      { defaultText: "[]" },
    ),
    image: imageField,
    networks: field(
      list(
        obj({
          network: field(str({ pattern: NETWORK, patternText: NETWORK_TEXT }), NETWORK_TEXT + ".", {
            required: true,
          }),
          ipv4: field(address(4), "Override of the derived IPv4 address (network + id)."),
          ipv6: field(address(6), "Override of the derived IPv6 address (network + id)."),
          inRange: field(
            str({ maxLength: 120 }),
            "Purpose of the segment's static range the address is meant to sit in.",
          ),
          name: field(
            str({ pattern: NIC_NAME, patternText: NIC_NAME_TEXT }),
            "The NIC's name in the VM: cloud-init's network config matches the NIC by MAC and renames it (netplan set-name). Never eth<N>, the kernel's own names (systemd-udevd refuses or races such a rename).",
            { defaultText: "`net<N>`, N the NIC's index (the Proxmox NIC netN)" },
          ),
        }),
        { minItems: 1 },
      ),
      "Networks in NIC order (Proxmox net0, net1, ...): the VM gets an address in every family the network has. The default route of each family goes via the first network with a gateway in it (never a tenant mesh).",
      { required: true },
    ),
    routes: routesField("of the VM"),
    packages: packagesField(""),
    outbound: field(
      list(
        obj({
          to: field(
            dnsLabel(),
            "What the VM connects to: `internet`, or a machine of the plan (VM, node, host or router name).",
            { required: true },
          ),
          protocol: field(oneOf(["tcp", "udp"] as const), "Transport protocol.", {
            required: true,
          }),
          ports: field(list(int(1, 65535), { minItems: 1 }), "Destination ports.", {
            required: true,
          }),
          why: field(
            str({ maxLength: 120, freeText: true }),
            "What needs it, in the vendor's words (cloudflared: the Cloudflare edge on 7844).",
            { required: true },
          ),
        }),
      ),
      "Connections the VM's own service opens (a tunnel to its edge, log shipping): each port is a flow the site needs, checked against routing and `homelab:policy` like the derived ones (docs/flows.md), so a policy that drops one, or a hop without a route for it, refuses the plan. Example: `{ to: internet, protocol: udp, ports: [7844], why: cloudflared QUIC to the Cloudflare edge }`.",
      { defaultText: "[]" },
    ),
    nameservers: field(
      list(str()),
      "DNS servers (IPv4 or IPv6 addresses). Unset, a VM inherits its first segment's nameservers or `talos.nameservers`, in the families it has addresses in; a VM left without a resolver of its families (inherited or its own, or an empty list) is refused.",
      {
        defaultText: "`talos.nameservers` in the families the VM has addresses in",
      },
    ),
    k3s: field(
      obj({
        pods: field(dual("pod CIDR (cluster-cidr)"), "K3s cluster-cidr.", { required: true }),
        services: field(dual("service CIDR (service-cidr)"), "K3s service-cidr.", {
          required: true,
        }),
        clusterDns: field(str(), "K3s cluster-dns (IPv4 or IPv6), inside a service CIDR.", {
          defaultText: "the 10th address of the first service CIDR (IPv4 before IPv6)",
        }),
      }),
      "A K3s server: cloud-init writes /etc/rancher/k3s/config.yaml with these values.",
    ),
  }),
);
