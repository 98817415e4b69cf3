// Checks a value against a Proxmox VE API parameter of our table (pve-api-params.ts, written from
// the Proxmox VE documentation): its type, format, pattern, minimum/maximum, minLength/maxLength and enum, the way
// pve-common's PVE::JSONSchema::check_prop does. Messages are PVE's own where it has one.
import { isIPv4, isIPv6 } from "net";
import { PVE_CALLS } from "./pve-api-params";

/** One parameter definition (a subset of PVE::JSONSchema's keywords). */
export interface ParamDef {
  readonly type?: string;
  /** A registered format's name, or the keys of a property string (`key=value,...`). */
  readonly format?: string | Readonly<Record<string, ParamDef>>;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enum?: readonly string[] | null;
  readonly items?: ParamDef;
  readonly alias?: string;
}

/** A property-string value: its keys and their values (`virtio=02:..,bridge=vmbr0` as an object). */
export type PropertyString = Readonly<Record<string, string | number | boolean>>;

export type ParamValue = string | number | boolean | PropertyString | readonly PropertyString[];

/** The parameters of one API call, e.g. `POST /nodes/{node}/network`, from our table. */
export function callParams(call: string): Readonly<Record<string, ParamDef>> {
  const params = PVE_CALLS[call]?.params;
  if (!params) throw new Error(`test/render/pve-api-params.ts has no ${call}`);
  return params;
}

const IPV4_CIDR = /^([^/]+)\/(\d+)$/;

/**
 * `CIDRv4`/`CIDRv6` (pve-common src/PVE/JSONSchema.pm pve_verify_cidrv4/v6): `$IPV4RE/(\d+)` with
 * a length of 8 to 32, `$IPV6RE/(\d+)` with 8 to 128. node:net's isIPv4/isIPv6 stand for
 * $IPV4RE/$IPV6RE (dotted quad; the RFC 4291 text forms).
 */
function cidr(family: 4 | 6, v: string): boolean {
  const m = IPV4_CIDR.exec(v);
  if (!m) return false;
  const len = Number(m[2]);
  return (
    (family === 4 ? isIPv4(m[1]) : isIPv6(m[1])) && len > 7 && len <= (family === 4 ? 32 : 128)
  );
}

/** A Perl `pattern` as PVE matches it: `m/^$pattern$/`, `(?^i:...)` case-insensitive. */
export function perlPattern(pattern: string): RegExp {
  const m = /^\(\?\^([a-z]*):(.*)\)$/s.exec(pattern);
  return m ? new RegExp(`^(?:${m[2]})$`, m[1]) : new RegExp(`^(?:${pattern})$`);
}

/** The ports of a `pve-fw-dport-spec` (pve-firewall src/PVE/Firewall.pm parse_port_name_number_or_range). */
function dportSpec(v: string): string | undefined {
  const elements = v.split(",");
  if (elements.some((e) => e === "")) return "extraneous commas in list";
  let count = 0;
  for (const item of elements) {
    const range = /^([0-9]+):([0-9]+)$/.exec(item);
    const one = /^([0-9]+)$/.exec(item);
    if (range) {
      count += 2;
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (a > 65535) return `invalid port '${a}'`;
      if (b > 65535) return `invalid port '${b}'`;
      if (a > b) return `backwards range '${a}:${b}' not allowed, did you mean '${b}:${a}'?`;
    } else if (one) {
      count += 1;
      if (Number(one[1]) > 65535) return `invalid port '${one[1]}'`;
    } else {
      // Service names from /etc/services are valid there; this project writes numbers only.
      return `invalid port '${item}'`;
    }
  }
  return count > 15 ? "too many entries in port list (> 15 numbers)" : undefined;
}

/**
 * `pve-fw-addr-spec` (Firewall.pm parse_address_list): `+ipset` (at most 64 + 1 characters), an
 * alias name, or a comma list of addresses/CIDRs of one family.
 */
function addrSpec(v: string): string | undefined {
  if (/^\+\S+$/.test(v)) return v.length > 65 ? "ipset name too long" : undefined;
  if (/^(dc\/|guest\/)?[A-Za-z][A-Za-z0-9\-_]+$/.test(v)) {
    return v.length > 64 ? "alias name too long" : undefined;
  }
  const elements = v.split(",");
  if (elements.some((e) => e === "")) return "extraneous commas in list";
  const families = new Set<number>();
  for (const e of elements) {
    const [ip, len] = e.split("/");
    const f = isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : 0;
    const max = f === 4 ? 32 : 128;
    if (f === 0 || (len !== undefined && !(/^\d+$/.test(len) && Number(len) <= max))) {
      return `invalid IP address: ${e}`;
    }
    families.add(f);
  }
  return families.size > 1
    ? `detected mixed ipv4/ipv6 addresses in address list '${v}'`
    : undefined;
}

/**
 * The registered formats the checked parameters use, each with PVE's regex or rule and its
 * source file; a format not here fails the check (so a new parameter needs its format added).
 */
export const FORMATS: Readonly<Record<string, (v: string) => string | undefined>> = {
  // pve-common src/PVE/JSONSchema.pm pve_verify_iface: m/^[a-z][a-z0-9_]{1,20}([:\.]\d+)?$/i
  "pve-iface": (v) =>
    /^[a-z][a-z0-9_]{1,20}([:.]\d+)?$/i.test(v)
      ? undefined
      : `invalid network interface name '${v}'`,
  // JSONSchema.pm pve_verify_node_name: m/^([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?)$/
  "pve-node": (v) =>
    /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(v)
      ? undefined
      : "value does not look like a valid node name",
  // JSONSchema.pm pve_verify_vlan_id_or_range: a VLAN ID or a range `a-b`, each 2 to 4094
  "pve-vlan-id-or-range": (v) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v);
    const ok = (n: string | undefined) => n === undefined || (Number(n) >= 2 && Number(n) <= 4094);
    return m && ok(m[1]) && ok(m[2]) ? undefined : `invalid VLAN tag '${v}'`;
  },
  ipv4: (v) => (isIPv4(v) ? undefined : "value does not look like a valid IPv4 address"),
  ipv6: (v) => (isIPv6(v) ? undefined : "value does not look like a valid IPv6 address"),
  ip: (v) => (isIPv4(v) || isIPv6(v) ? undefined : "value does not look like a valid IP address"),
  CIDRv4: (v) => (cidr(4, v) ? undefined : "value does not look like a valid IPv4 CIDR network"),
  CIDRv6: (v) => (cidr(6, v) ? undefined : "value does not look like a valid IPv6 CIDR network"),
  CIDR: (v) =>
    cidr(4, v) || cidr(6, v) ? undefined : "value does not look like a valid CIDR network",
  // JSONSchema.pm pve_verify_mac_addr: m/^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i (unicast)
  "mac-addr": (v) =>
    /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i.test(v)
      ? undefined
      : "value does not look like a valid unicast MAC address",
  // JSONSchema.pm parse_bridge_id: m/^[-_.\w\d]+$/
  "pve-bridge-id": (v) => (/^[-_.\w]+$/.test(v) ? undefined : `invalid bridge ID '${v}'`),
  // JSONSchema.pm parse_id (storage): at least 2 characters, m/^[a-z][a-z0-9\-\_\.]*[a-z0-9]$/i
  "pve-storage-id": (v) =>
    v.length < 2
      ? `storage ID '${v}' cannot be shorter than 2 characters`
      : /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v)
        ? undefined
        : `storage ID '${v}' contains illegal characters`,
  // JSONSchema.pm pve_verify_vmid: m/^[1-9][0-9]{2,8}$/
  "pve-vmid": (v) =>
    /^[1-9][0-9]{2,8}$/.test(v) ? undefined : "value does not look like a valid VM ID",
  // JSONSchema.pm pve_verify_dns_name: labels ([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?) joined by .
  "dns-name": (v) =>
    /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)\.)*([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(
      v,
    )
      ? undefined
      : "value does not look like a valid DNS name",
  // JSONSchema.pm pve_verify_tag: $PVE_TAG_RE = qr/[a-z0-9_][a-z0-9_\-\+\.]*/i
  "pve-tag": (v) => (/^[a-z0-9_][a-z0-9_\-+.]*$/i.test(v) ? undefined : `invalid tag '${v}'`),
  // JSONSchema.pm disk-size: a number with an optional K/M/G/T unit
  "disk-size": (v) => (/^(\d+(\.\d+)?)([KMGT])?$/.test(v) ? undefined : "unable to parse size"),
  // pve-network src/PVE/Network/SDN/Zones/Plugin.pm, standard option pve-sdn-zone-id:
  // pattern [a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9], 2 to 8 characters (also VnetPlugin.pm's vnet ID)
  "pve-sdn-zone-id": (v) =>
    /^[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]$/.test(v) && v.length <= 8
      ? undefined
      : `invalid SDN zone ID '${v}' (2-8 letters and digits, a letter first)`,
  "pve-sdn-vnet-id": (v) =>
    /^[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]$/.test(v) && v.length <= 8
      ? undefined
      : `invalid SDN vnet ID '${v}' (2-8 letters and digits, a letter first)`,
  // pve-network Controllers/Plugin.pm pve-sdn-controller-id: [a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9], 2-64
  "pve-sdn-controller-id": (v) =>
    /^[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]$/.test(v) && v.length <= 64
      ? undefined
      : `invalid SDN controller ID '${v}'`,
  // pve-network src/PVE/Network/SDN/Fabrics.pm: m/^[a-zA-Z0-9][a-zA-Z0-9-]{0,6}[a-zA-Z0-9]?$/i
  "pve-sdn-fabric-id": (v) =>
    /^[a-zA-Z0-9][a-zA-Z0-9-]{0,6}[a-zA-Z0-9]?$/i.test(v)
      ? undefined
      : `Fabric ID '${v}' contains illegal characters`,
  // pve-network SubnetPlugin.pm parse_sdn_subnet_id: a CIDRv4 or CIDRv6
  "pve-sdn-subnet-id": (v) => (cidr(4, v) || cidr(6, v) ? undefined : `invalid subnet '${v}'`),
  // pve-common JSONSchema.pm pve_verify_configid: $CONFIGID_RE = qr/[a-z][a-z0-9_-]+/i
  "pve-configid": (v) =>
    /^[a-z][a-z0-9_-]+$/i.test(v) ? undefined : `invalid configuration ID '${v}'`,
  // pve-storage content types (PVE/Storage/Plugin.pm valid_content_types, the union)
  "pve-storage-content": (v) =>
    ["images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import"].includes(v)
      ? undefined
      : `invalid content type '${v}'`,
  // pve-firewall src/PVE/Firewall.pm pve_verify_ip_or_cidr_or_alias: an alias name, or
  // m!^(?:$IPV6RE|$IPV4RE)(?:/\d+)?$! that Net::IP takes
  IPorCIDRorAlias: (v) => {
    if (/^(dc\/|guest\/)?[A-Za-z][A-Za-z0-9\-_]+$/.test(v)) return undefined;
    const [ip, len] = v.split("/");
    const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
    return max >= 0 && (len === undefined || (/^\d+$/.test(len) && Number(len) <= max))
      ? undefined
      : "value does not look like a valid IP address or CIDR network";
  },
  "pve-fw-addr-spec": addrSpec,
  "pve-fw-dport-spec": dportSpec,
  // Firewall.pm pve_fw_verify_protocol_spec: a name or number of /etc/protocols
  "pve-fw-protocol-spec": (v) =>
    ["tcp", "udp", "icmp", "ipv6-icmp", "6", "17", "1", "58"].includes(v)
      ? undefined
      : `unknown protocol '${v}'`,
  // qemu-server src/PVE/QemuServer.pm verify_volume_id_or_qm_path: none, cdrom, an absolute
  // path, or a pve-volume-id (pve-storage src/PVE/Storage.pm parse_volume_id:
  // m/^([a-z][a-z0-9\-\_\.]*[a-z0-9]):(.+)$/i; `<storage>:<size>` allocates a new volume)
  "pve-volume-id-or-qm-path": (v) =>
    v === "none" ||
    v === "cdrom" ||
    v.startsWith("/") ||
    /^([a-z][a-z0-9\-_.]*[a-z0-9]):(.+)$/i.test(v)
      ? undefined
      : `unable to parse volume ID '${v}'`,
  // qemu-server src/PVE/QemuServer/Drive.pm verify_bootdev: a drive or NIC config key
  "pve-qm-bootdev": (v) =>
    /^(ide|sata|scsi|virtio|efidisk|tpmstate|net|hostpci|usb)\d+$/.test(v)
      ? undefined
      : `invalid boot device '${v}'`,
};

/** Registered property-string formats the schema names but does not inline (qemu-server). */
const PROPERTY_FORMATS: Readonly<Record<string, Readonly<Record<string, ParamDef>>>> = {
  // qemu-server src/PVE/QemuServer/CPUConfig.pm $cpu_fmt (cputype: a model name, `host` included)
  "pve-vm-cpu-conf": { cputype: { type: "string", pattern: "[a-zA-Z0-9_.+-]+" } },
  // qemu-server src/PVE/QemuServer.pm $boot_fmt
  "pve-qm-boot": { order: { type: "string", format: "pve-qm-bootdev-list" } },
};

/**
 * The problems of one value against a parameter, as `<where>: <problem>`; none when it fits.
 * A `-list` format is checked entry by entry (PVE::ParseUtils::split_list: `,` `;` and blanks).
 */
export function checkValue(def: ParamDef, value: ParamValue, where: string): string[] {
  if (Array.isArray(value)) {
    if (def.type !== "array" || !def.items)
      return [`${where}: an array where ${def.type} is taken`];
    const items = def.items;
    return value.flatMap((v, i) => checkValue(items, v, `${where}[${i}]`));
  }
  if (typeof value === "object") {
    const fmt = typeof def.format === "string" ? PROPERTY_FORMATS[def.format] : def.format;
    if (!fmt) return [`${where}: a property string where format ${String(def.format)} is taken`];
    return Object.entries(value as PropertyString).flatMap(([k, v]) => {
      const sub = fmt[k];
      if (!sub) return [`${where}: property ${k} is not defined in the format`];
      return checkValue(sub, v, `${where}.${k}`);
    });
  }
  const out: string[] = [];
  const bad = (m: string) => out.push(`${where}: "${String(value)}": ${m}`);
  switch (def.type) {
    case "boolean":
      if (typeof value !== "boolean" && value !== 0 && value !== 1)
        bad("type check ('boolean') failed");
      break;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value))
        bad("type check ('integer') failed");
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) bad("type check ('number') failed");
      break;
    case "string":
      if (typeof value !== "string") bad("type check ('string') failed");
      break;
    default:
      bad(`type ${String(def.type)} is not checked here`);
  }
  if (out.length > 0) return out;
  if (typeof value === "number") {
    if (def.minimum !== undefined && value < def.minimum) {
      bad(`value must have a minimum value of ${def.minimum}`);
    }
    if (def.maximum !== undefined && value > def.maximum) {
      bad(`value must have a maximum value of ${def.maximum}`);
    }
  }
  if (typeof value === "string") {
    if (def.minLength !== undefined && value.length < def.minLength) {
      bad(`value must be at least ${def.minLength} characters long`);
    }
    if (def.maxLength !== undefined && value.length > def.maxLength) {
      bad(`value may only be ${def.maxLength} characters long`);
    }
    if (def.pattern !== undefined && !perlPattern(def.pattern).test(value)) {
      bad("value does not match the regex pattern");
    }
    if (def.enum && !def.enum.includes(value)) {
      bad(`value '${value}' does not have a value in the enumeration '${def.enum.join(", ")}'`);
    }
  }
  // A format applies to the value's text (PVE::JSONSchema::check_format), numbers included.
  if (typeof value === "string" || typeof value === "number") {
    const text = String(value);
    if (typeof def.format === "string") {
      const list = /^(.*)-list$/.exec(def.format)?.[1];
      const name = list ?? def.format;
      const check = FORMATS[name];
      if (!check) {
        bad(`format ${def.format} is not implemented by the check`);
      } else {
        const entries = list ? text.replace(/[,;]/g, " ").trim().split(/\s+/) : [text];
        for (const e of entries) {
          const m = check(e);
          if (m) bad(m);
        }
      }
    }
  }
  return out;
}
