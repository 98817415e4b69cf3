// Our own table of the Proxmox VE API parameters this project's resources send, per API call:
// type, format, pattern, minimum/maximum, maxLength and enum. Written by hand on 2026-12-06 from
// the Proxmox VE documentation each call cites (the API viewer, pve.proxmox.com/pve-docs/api-viewer,
// and the man pages qm(1), pvesm(1), pve-firewall(8) and the SDN chapter, Proxmox VE 9); not copied
// from pve-docs' apidata.js. Only the parameters the provider sends for our inputs are listed
// (test/render/pve-api-schema.test.ts maps each input onto one); a parameter not here fails the
// check. Format names are PVE's registered formats, checked in test/render/pve-api.ts.
import type { ParamDef } from "./pve-api";

/** One API call: the documentation it was written from and its parameters. */
export interface PveCall {
  readonly doc: string;
  readonly params: Readonly<Record<string, ParamDef>>;
}

const VIEWER = "https://pve.proxmox.com/pve-docs/api-viewer/index.html#";
const QM = "https://pve.proxmox.com/pve-docs/qm.1.html";
const FIREWALL = "https://pve.proxmox.com/pve-docs/pve-firewall.8.html";
const SDN = "https://pve.proxmox.com/pve-docs/chapter-pvesdn.html";

const node: ParamDef = { type: "string", format: "pve-node" };
const str: ParamDef = { type: "string" };
const bool: ParamDef = { type: "boolean" };
const iface: ParamDef = { type: "string", format: "pve-iface" };
/** The interface being created (`iface`): 2 to 20 characters besides the format. */
const newIface: ParamDef = { ...iface, minLength: 2, maxLength: 20 };
const storage: ParamDef = { type: "string", format: "pve-storage-id" };
const zoneId: ParamDef = { type: "string", format: "pve-sdn-zone-id" };
const vnetId: ParamDef = { type: "string", format: "pve-sdn-vnet-id" };
const fabricId: ParamDef = { type: "string", format: "pve-sdn-fabric-id" };
/** The firewall's `enable` of options and rules: an integer, 0 or more (pve-firewall(8)). */
const enableInt: ParamDef = { type: "integer", minimum: 0 };
const policy: ParamDef = { type: "string", enum: ["ACCEPT", "REJECT", "DROP"] };
/** IP set and security group names (pve-firewall(8), `ipset` / `group`). */
const ipsetName: ParamDef = {
  type: "string",
  pattern: "[A-Za-z][A-Za-z0-9\\-\\_]+",
  minLength: 2,
  maxLength: 64,
};

/**
 * A VM disk or CD-ROM slot (qm(1) `--scsi[n]`, `--virtio[n]`, `--ide[n]`), the keys we send:
 * `iothread` on SCSI and VirtIO only, `ssd` not on VirtIO.
 */
const drive = (ssd: boolean, iothread: boolean): ParamDef => ({
  type: "string",
  format: {
    file: { type: "string", format: "pve-volume-id-or-qm-path" },
    media: { type: "string", enum: ["cdrom", "disk"] },
    discard: { type: "string", enum: ["ignore", "on"] },
    ...(iothread ? { iothread: bool } : {}),
    ...(ssd ? { ssd: bool } : {}),
    format: { type: "string", enum: ["raw", "qcow", "qed", "qcow2", "vmdk", "cloop"] },
    size: { type: "string", format: "disk-size" },
  },
});

/** API call (`METHOD /path`) -> its documentation page and the parameters we send. */
export const PVE_CALLS: Readonly<Record<string, PveCall>> = {
  "POST /nodes/{node}/network": {
    doc: `${VIEWER}/nodes/{node}/network`,
    params: {
      node,
      iface: newIface,
      cidr: { type: "string", format: "CIDRv4" },
      cidr6: { type: "string", format: "CIDRv6" },
      gateway: { type: "string", format: "ipv4" },
      gateway6: { type: "string", format: "ipv6" },
      mtu: { type: "integer", minimum: 1280, maximum: 65520 },
      comments: str,
      autostart: bool,
      bridge_ports: { type: "string", format: "pve-iface-list" },
      bridge_vlan_aware: bool,
      bridge_vids: { type: "string", format: "pve-vlan-id-or-range-list" },
      slaves: { type: "string", format: "pve-iface-list" },
      bond_mode: {
        type: "string",
        enum: [
          "balance-rr",
          "active-backup",
          "balance-xor",
          "broadcast",
          "802.3ad",
          "balance-tlb",
          "balance-alb",
          "balance-slb",
          "lacp-balance-slb",
          "lacp-balance-tcp",
        ],
      },
      bond_xmit_hash_policy: { type: "string", enum: ["layer2", "layer2+3", "layer3+4"] },
      "bond-primary": iface,
      "vlan-raw-device": iface,
      "vlan-id": { type: "integer", minimum: 1, maximum: 4094 },
    },
  },
  "POST /cluster/sdn/zones": {
    doc: `${VIEWER}/cluster/sdn/zones (zone type evpn, ${SDN})`,
    params: {
      zone: zoneId,
      controller: str,
      "vrf-vxlan": { type: "integer", minimum: 1, maximum: 16777215 },
      mtu: { type: "integer" },
      nodes: { type: "string", format: "pve-node-list" },
      exitnodes: { type: "string", format: "pve-node-list" },
      "exitnodes-primary": node,
      "exitnodes-local-routing": bool,
      "advertise-subnets": bool,
      "disable-arp-nd-suppression": bool,
    },
  },
  "POST /cluster/sdn/vnets": {
    doc: `${VIEWER}/cluster/sdn/vnets`,
    params: {
      vnet: vnetId,
      zone: str,
      tag: { type: "integer", minimum: 1, maximum: 16777215 },
      alias: { type: "string", pattern: "(?^i:[\\(\\)-_.\\w\\d\\s]{0,256})", maxLength: 256 },
    },
  },
  "POST /cluster/sdn/vnets/{vnet}/subnets": {
    doc: `${VIEWER}/cluster/sdn/vnets/{vnet}/subnets`,
    params: {
      vnet: str,
      subnet: { type: "string", format: "pve-sdn-subnet-id" },
      gateway: { type: "string", format: "ip" },
      snat: bool,
    },
  },
  "POST /cluster/sdn/controllers": {
    doc: `${VIEWER}/cluster/sdn/controllers (controller type evpn, ${SDN})`,
    params: {
      controller: { type: "string", format: "pve-sdn-controller-id" },
      asn: { type: "integer", minimum: 0, maximum: 4294967295 },
      peers: { type: "string", format: "ip-list" },
    },
  },
  "POST /cluster/sdn/fabrics/fabric": {
    doc: `${VIEWER}/cluster/sdn/fabrics/fabric (protocol openfabric, ${SDN})`,
    params: {
      id: fabricId,
      ip_prefix: { type: "string", format: "CIDR" },
      ip6_prefix: { type: "string", format: "CIDR" },
    },
  },
  "POST /cluster/sdn/fabrics/node/{fabric_id}": {
    doc: `${VIEWER}/cluster/sdn/fabrics/node/{fabric_id} (protocol openfabric, ${SDN})`,
    params: {
      fabric_id: fabricId,
      node_id: node,
      ip: { type: "string", format: "ipv4" },
      ip6: { type: "string", format: "ipv6" },
      interfaces: { type: "array", items: { type: "string", format: { name: iface } } },
    },
  },
  "POST /nodes/{node}/storage/{storage}/download-url": {
    doc: `${VIEWER}/nodes/{node}/storage/{storage}/download-url`,
    params: {
      node,
      storage,
      content: { type: "string", format: "pve-storage-content", enum: ["iso", "vztmpl", "import"] },
      filename: { type: "string", maxLength: 255 },
      url: { type: "string", pattern: "https?://.*" },
      checksum: str,
      "checksum-algorithm": {
        type: "string",
        enum: ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"],
      },
    },
  },
  "POST /nodes/{node}/storage/{storage}/upload": {
    doc: `${VIEWER}/nodes/{node}/storage/{storage}/upload`,
    params: { node, storage, filename: { type: "string", maxLength: 255 } },
  },
  "POST /nodes/{node}/qemu": {
    doc: `${VIEWER}/nodes/{node}/qemu (options as in ${QM})`,
    params: {
      node,
      vmid: { type: "integer", format: "pve-vmid", minimum: 100, maximum: 999999999 },
      name: { type: "string", format: "dns-name" },
      description: { type: "string", maxLength: 8192 },
      tags: { type: "string", format: "pve-tag-list" },
      bios: { type: "string", enum: ["seabios", "ovmf"] },
      machine: {
        type: "string",
        format: {
          type: {
            type: "string",
            maxLength: 40,
            pattern:
              "(pc|pc(-i440fx)?-\\d+(\\.\\d+)+(\\+pve\\d+)?(\\.pxe)?|q35|pc-q35-\\d+(\\.\\d+)+(\\+pve\\d+)?(\\.pxe)?|virt(?:-\\d+(\\.\\d+)+)?(\\+pve\\d+)?)",
          },
        },
      },
      onboot: bool,
      agent: { type: "string", format: { enabled: bool } },
      cores: { type: "integer", minimum: 1 },
      cpu: { type: "string", format: "pve-vm-cpu-conf" },
      memory: { type: "string", format: { current: { type: "integer", minimum: 16 } } },
      scsihw: {
        type: "string",
        enum: ["lsi", "lsi53c810", "virtio-scsi-pci", "virtio-scsi-single", "megasas", "pvscsi"],
      },
      ostype: {
        type: "string",
        enum: [
          "other",
          "wxp",
          "w2k",
          "w2k3",
          "w2k8",
          "wvista",
          "win7",
          "win8",
          "win10",
          "win11",
          "l24",
          "l26",
          "solaris",
        ],
      },
      boot: { type: "string", format: "pve-qm-boot" },
      vga: {
        type: "string",
        format: {
          type: {
            type: "string",
            enum: [
              "cirrus",
              "qxl",
              "qxl2",
              "qxl3",
              "qxl4",
              "none",
              "serial0",
              "serial1",
              "serial2",
              "serial3",
              "std",
              "virtio",
              "virtio-gl",
              "vmware",
            ],
          },
        },
      },
      "serial[n]": { type: "string", pattern: "(/dev/.+|socket)" },
      "scsi[n]": drive(true, true),
      "virtio[n]": drive(false, true),
      "ide[n]": drive(true, false),
      "net[n]": {
        type: "string",
        format: {
          model: {
            type: "string",
            enum: [
              "e1000",
              "e1000-82540em",
              "e1000-82544gc",
              "e1000-82545em",
              "e1000e",
              "i82551",
              "i82557b",
              "i82559er",
              "ne2k_isa",
              "ne2k_pci",
              "pcnet",
              "rtl8139",
              "virtio",
              "vmxnet3",
            ],
          },
          macaddr: { type: "string", format: "mac-addr" },
          bridge: { type: "string", format: "pve-bridge-id" },
          firewall: bool,
          mtu: { type: "integer", minimum: 1, maximum: 65520 },
          tag: { type: "integer", minimum: 1, maximum: 4094 },
        },
      },
    },
  },
  "PUT /cluster/firewall/options": {
    doc: `${VIEWER}/cluster/firewall/options (${FIREWALL}, cluster.fw [OPTIONS])`,
    params: { enable: enableInt, policy_in: policy, policy_out: policy },
  },
  "POST /cluster/firewall/ipset": {
    doc: `${VIEWER}/cluster/firewall/ipset (${FIREWALL}, IP Sets)`,
    params: { name: ipsetName, comment: str },
  },
  "POST /cluster/firewall/ipset/{name}": {
    doc: `${VIEWER}/cluster/firewall/ipset/{name} (${FIREWALL}, IP Sets)`,
    params: {
      name: ipsetName,
      cidr: { type: "string", format: "IPorCIDRorAlias" },
      nomatch: bool,
    },
  },
  "PUT /nodes/{node}/firewall/options": {
    doc: `${VIEWER}/nodes/{node}/firewall/options (${FIREWALL}, host.fw [OPTIONS])`,
    params: { node, enable: bool },
  },
  "POST /nodes/{node}/firewall/rules": {
    doc: `${VIEWER}/nodes/{node}/firewall/rules (${FIREWALL}, Firewall Rules)`,
    params: {
      node,
      type: { type: "string", enum: ["in", "out", "forward", "group"] },
      action: {
        type: "string",
        pattern: "[A-Za-z][A-Za-z0-9\\-\\_]+",
        minLength: 2,
        maxLength: 20,
      },
      source: { type: "string", format: "pve-fw-addr-spec", maxLength: 512 },
      dest: { type: "string", format: "pve-fw-addr-spec", maxLength: 512 },
      proto: { type: "string", format: "pve-fw-protocol-spec" },
      dport: { type: "string", format: "pve-fw-dport-spec" },
      log: {
        type: "string",
        enum: ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug", "nolog"],
      },
      comment: str,
      enable: enableInt,
    },
  },
};
