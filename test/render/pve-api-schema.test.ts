// Every Proxmox resource input the components record under the offline preview (each bundled
// stack, each field case that resolves) against our table of the Proxmox VE API parameters we send
// (test/render/pve-api-params.ts, written from the Proxmox VE API viewer and man pages each call
// cites): the provider input is mapped onto the API parameter it becomes, and the value checked
// against that parameter's type, format, pattern, minimum/maximum, length and enum
// (test/render/pve-api.ts).
//
// The mapping, as @muhlba91/pulumi-proxmoxve 8.6.0 (the bpg/proxmox Terraform provider) sends
// each input (constants the provider adds itself, such as `type`, are not inputs and not listed):
//
// | Resource (proxmoxve:...)        | API call                                  | Input -> parameter                                                                                                                                                                              |
// | ------------------------------- | ----------------------------------------- | ----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------- |
// | network/linux/bridge:Bridge     | POST /nodes/{node}/network                | nodeName->node, name->iface, address->cidr, address6->cidr6, gateway, gateway6, mtu, comment->comments, ports->bridge_ports (space-joined), vlanAware->bridge_vlan_aware, vids->bridge_vids |
// | network/linux/bond:Bond         | POST /nodes/{node}/network                | nodeName->node, name->iface, slaves (space-joined), bondMode->bond_mode, bondXmitHashPolicy->bond_xmit_hash_policy, bondPrimary->bond-primary, mtu, comment->comments, address->cidr, ...  |
// | network/linux/vlan:Vlan         | POST /nodes/{node}/network                | nodeName->node, name->iface, interface->vlan-raw-device, vlan->vlan-id, mtu, comment->comments, address->cidr, address6->cidr6, gateway, gateway6                                          |
// | sdn/zone/evpn:Evpn              | POST /cluster/sdn/zones                   | resourceId->zone, controller, vrfVxlan->vrf-vxlan, mtu, nodes / exitNodes->nodes / exitnodes (comma-joined), primaryExitNode->exitnodes-primary, exitNodesLocalRouting->exitnodes-local-routing, advertiseSubnets->advertise-subnets, disableArpNdSuppression->disable-arp-nd-suppression |
// | sdn/vnet:Vnet                   | POST /cluster/sdn/vnets                   | resourceId->vnet, zone, tag, alias                                                                                                                                                              |
// | sdn/subnet:Subnet               | POST /cluster/sdn/vnets/{vnet}/subnets    | vnet, cidr->subnet, gateway, snat |
// | sdn/controller/evpn:Evpn        | POST /cluster/sdn/controllers             | sdnControllerEvpnId->controller, asn, peers (comma-joined)                                                                                                                                      |
// | sdn/fabric/openfabric           | POST /cluster/sdn/fabrics/fabric          | resourceId->id, ipPrefix->ip_prefix, ip6Prefix->ip6_prefix                                                                                                                                      |
// | sdn/fabric/node/openfabric      | POST /cluster/sdn/fabrics/node/{fabric_id}| fabricId->fabric_id, nodeId->node_id, ip, ip6, interfaceNames->interfaces (name=<nic> each)                                                                                                    |
// | sdn/applier:Applier             | PUT /cluster/sdn                          | (onCreate, onDestroy: when the provider applies; no parameter)                                                                                                                                 |
// | download/file:File              | POST .../storage/{storage}/download-url   | nodeName->node, datastoreId->storage, contentType->content, fileName->filename, url, checksum, checksumAlgorithm->checksum-algorithm                                                          |
// | index/fileLegacy:FileLegacy     | (snippets: SSH) .../storage/{storage}/upload | nodeName->node, datastoreId->storage, sourceRaw.fileName->filename                                                                                                                         |
// | index/vmLegacy:VmLegacy         | POST /nodes/{node}/qemu                   | nodeName->node, vmId->vmid, name, description, tags (;-joined), bios, machine->machine.type, onBoot->onboot, agent.enabled, cpu.cores->cores, cpu.type->cpu.cputype, memory.dedicated->memory.current, scsiHardware->scsihw, operatingSystem.type->ostype, bootOrders->boot.order, vga.type, serialDevices[i].device->serial<i>, disks[i]->scsi<n>/virtio<n> (discard, iothread, ssd, fileFormat->format, size->size G, datastoreId->file storage), cdrom.interface->ide<n> media=cdrom, initialization.interface->ide<n> <datastoreId>:cloudinit, networkDevices[i]->net<i> (model, macAddress->macaddr, bridge, firewall, mtu, vlanId->tag) |
// | cluster/firewallLegacy          | PUT /cluster/firewall/options             | enabled->enable (0/1), inputPolicy->policy_in, outputPolicy->policy_out                                                                                                                         |
// | firewall/ipsetLegacy            | POST /cluster/firewall/ipset, .../{name}  | name, comment; cidrs[i].name->cidr, cidrs[i].nomatch->nomatch (one call per entry)                                                                                                              |
// | node/firewall:Firewall          | PUT /nodes/{node}/firewall/options        | nodeName->node, enabled->enable                                                                                                                                                                 |
// | firewall/rulesLegacy            | POST /nodes/{node}/firewall/rules         | nodeName->node; rules[i]: type, action, source, dest, proto, dport, log, comment, enabled->enable (one call per rule)                                                                          |
//
// Inputs that are no API parameter, or that the preview cannot know, are listed per resource in
// UNCHECKED with the reason; an input in neither list fails the test, so a new one is mapped.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { previewConfig, previewStack, projectName } from "../../preview/offline";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";
import { stackConfigOf } from "../fixtures/stack";
import { callParams, checkValue, ParamDef, ParamValue, PropertyString } from "./pve-api";
import { PVE_CALLS } from "./pve-api-params";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Inputs = Record<string, any>;

/** One API call the provider makes for a resource, with the parameters its inputs become. */
interface Mapped {
  readonly call: string;
  readonly params: Readonly<Record<string, ParamValue | undefined>>;
  /** Which alternative of a `oneOf` parameter applies (the `protocol` of a fabric). */
  readonly instance?: string;
}

const P = "proxmoxve:";
const NETWORK = "POST /nodes/{node}/network";

/** Drops the parameters whose input is unset (the provider sends nothing for them). */
const defined = (o: Record<string, ParamValue | undefined>): Record<string, ParamValue> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<
    string,
    ParamValue
  >;

const joined = (v: readonly string[] | undefined, sep: string) => v?.join(sep);

/** Network device inputs shared by bridges, bonds and VLANs. */
const ifaceParams = (i: Inputs) => ({
  node: i.nodeName,
  iface: i.name,
  cidr: i.address,
  cidr6: i.address6,
  gateway: i.gateway,
  gateway6: i.gateway6,
  mtu: i.mtu,
  comments: i.comment,
  autostart: i.autostart,
});

/** `scsi0` -> the parameter `scsi[n]`. */
const slot = (iface: string | undefined) => `${(iface ?? "").replace(/\d+$/, "")}[n]`;

/** Per provider resource type: the API calls its inputs become. */
const MAPPINGS: Readonly<Record<string, (i: Inputs) => Mapped[]>> = {
  [`${P}network/linux/bridge:Bridge`]: (i) => [
    {
      call: NETWORK,
      params: {
        ...ifaceParams(i),
        bridge_ports: joined(i.ports, " "),
        bridge_vlan_aware: i.vlanAware,
        bridge_vids: joined(i.vids, " "),
      },
    },
  ],
  [`${P}network/linux/bond:Bond`]: (i) => [
    {
      call: NETWORK,
      params: {
        ...ifaceParams(i),
        slaves: joined(i.slaves, " "),
        bond_mode: i.bondMode,
        bond_xmit_hash_policy: i.bondXmitHashPolicy,
        "bond-primary": i.bondPrimary,
      },
    },
  ],
  [`${P}network/linux/vlan:Vlan`]: (i) => [
    {
      call: NETWORK,
      params: { ...ifaceParams(i), "vlan-raw-device": i.interface, "vlan-id": i.vlan },
    },
  ],
  [`${P}sdn/zone/evpn:Evpn`]: (i) => [
    {
      call: "POST /cluster/sdn/zones",
      params: {
        zone: i.resourceId,
        controller: i.controller,
        "vrf-vxlan": i.vrfVxlan,
        mtu: i.mtu,
        nodes: joined(i.nodes, ","),
        exitnodes: joined(i.exitNodes, ","),
        "exitnodes-primary": i.primaryExitNode,
        "exitnodes-local-routing": i.exitNodesLocalRouting,
        "advertise-subnets": i.advertiseSubnets,
        "disable-arp-nd-suppression": i.disableArpNdSuppression,
      },
    },
  ],
  [`${P}sdn/vnet:Vnet`]: (i) => [
    {
      call: "POST /cluster/sdn/vnets",
      params: { vnet: i.resourceId, zone: i.zone, tag: i.tag, alias: i.alias },
    },
  ],
  [`${P}sdn/subnet:Subnet`]: (i) => [
    {
      call: "POST /cluster/sdn/vnets/{vnet}/subnets",
      params: { vnet: i.vnet, subnet: i.cidr, gateway: i.gateway, snat: i.snat },
    },
  ],
  [`${P}sdn/controller/evpn:Evpn`]: (i) => [
    {
      call: "POST /cluster/sdn/controllers",
      params: { controller: i.sdnControllerEvpnId, asn: i.asn, peers: joined(i.peers, ",") },
    },
  ],
  [`${P}sdn/fabric/openfabric:Openfabric`]: (i) => [
    {
      call: "POST /cluster/sdn/fabrics/fabric",
      params: { id: i.resourceId, ip_prefix: i.ipPrefix, ip6_prefix: i.ip6Prefix },
    },
  ],
  [`${P}sdn/fabric/node/openfabric:Openfabric`]: (i) => [
    {
      call: "POST /cluster/sdn/fabrics/node/{fabric_id}",
      instance: "openfabric",
      params: {
        fabric_id: i.fabricId,
        node_id: i.nodeId,
        ip: i.ip,
        ip6: i.ip6,
        interfaces: (i.interfaceNames as string[] | undefined)?.map((name) => ({ name })),
      },
    },
  ],
  [`${P}sdn/applier:Applier`]: () => [],
  [`${P}download/file:File`]: (i) => [
    {
      call: "POST /nodes/{node}/storage/{storage}/download-url",
      params: {
        node: i.nodeName,
        storage: i.datastoreId,
        content: i.contentType,
        filename: i.fileName,
        url: i.url,
        checksum: i.checksum,
        "checksum-algorithm": i.checksumAlgorithm,
      },
    },
  ],
  [`${P}index/fileLegacy:FileLegacy`]: (i) => [
    {
      call: "POST /nodes/{node}/storage/{storage}/upload",
      params: {
        node: i.nodeName,
        storage: i.datastoreId,
        filename: typeof i.sourceRaw === "object" ? i.sourceRaw.fileName : undefined,
      },
    },
  ],
  [`${P}index/vmLegacy:VmLegacy`]: (i) => {
    const params: Record<string, ParamValue | undefined> = {
      node: i.nodeName,
      vmid: i.vmId,
      name: i.name,
      description: i.description,
      tags: joined(i.tags, ";"),
      bios: i.bios,
      machine: i.machine !== undefined ? { type: i.machine } : undefined,
      onboot: i.onBoot,
      agent: i.agent ? (defined({ enabled: i.agent.enabled }) as PropertyString) : undefined,
      cores: i.cpu?.cores,
      cpu: i.cpu?.type !== undefined ? { cputype: i.cpu.type } : undefined,
      memory: i.memory ? (defined({ current: i.memory.dedicated }) as PropertyString) : undefined,
      scsihw: i.scsiHardware,
      ostype: i.operatingSystem?.type,
      boot: i.bootOrders ? { order: i.bootOrders.join(";") } : undefined,
      vga: i.vga ? (defined({ type: i.vga.type }) as PropertyString) : undefined,
    };
    // One parameter per slot: `serial[n]`, `scsi[n]`, `ide[n]`, `net[n]` take a list of values.
    const slots: Record<string, PropertyString[] | string[]> = {};
    const add = (name: string, v: PropertyString | string) =>
      (slots[name] ??= [] as PropertyString[]).push(v as never);
    for (const s of i.serialDevices ?? []) add("serial[n]", s.device);
    for (const d of i.disks ?? []) {
      add(
        slot(d.interface),
        defined({
          file: `${d.datastoreId}:${d.size}`,
          discard: d.discard,
          iothread: d.iothread,
          ssd: d.ssd,
          format: d.fileFormat,
          size: d.size !== undefined ? `${d.size}G` : undefined,
        }) as PropertyString,
      );
    }
    if (i.cdrom) add(slot(i.cdrom.interface), { media: "cdrom" });
    if (i.initialization) {
      add(slot(i.initialization.interface), {
        file: `${i.initialization.datastoreId}:cloudinit`,
        media: "cdrom",
      });
    }
    for (const n of i.networkDevices ?? []) {
      add(
        "net[n]",
        defined({
          model: n.model,
          macaddr: n.macAddress,
          bridge: n.bridge,
          firewall: n.firewall,
          mtu: n.mtu,
          tag: n.vlanId,
        }) as PropertyString,
      );
    }
    return [
      {
        call: "POST /nodes/{node}/qemu",
        params: { ...params, ...(slots as Record<string, ParamValue>) },
      },
    ];
  },
  [`${P}cluster/firewallLegacy:FirewallLegacy`]: (i) => [
    {
      call: "PUT /cluster/firewall/options",
      params: {
        enable: i.enabled === undefined ? undefined : i.enabled ? 1 : 0,
        policy_in: i.inputPolicy,
        policy_out: i.outputPolicy,
      },
    },
  ],
  [`${P}firewall/ipsetLegacy:IpsetLegacy`]: (i) => [
    { call: "POST /cluster/firewall/ipset", params: { name: i.name, comment: i.comment } },
    ...(i.cidrs ?? []).map((c: Inputs) => ({
      call: "POST /cluster/firewall/ipset/{name}",
      params: { name: i.name, cidr: c.name, nomatch: c.nomatch },
    })),
  ],
  [`${P}node/firewall:Firewall`]: (i) => [
    {
      call: "PUT /nodes/{node}/firewall/options",
      params: { node: i.nodeName, enable: i.enabled },
    },
  ],
  [`${P}firewall/rulesLegacy:RulesLegacy`]: (i) =>
    (i.rules ?? []).map((r: Inputs) => ({
      call: "POST /nodes/{node}/firewall/rules",
      params: {
        node: i.nodeName,
        type: r.type,
        action: r.action,
        source: r.source,
        dest: r.dest,
        proto: r.proto,
        dport: r.dport,
        log: r.log,
        comment: r.comment,
        enable: r.enabled === undefined ? undefined : r.enabled ? 1 : 0,
      },
    })),
};

/**
 * Inputs of each resource that are no API parameter, or that the preview cannot know, and why.
 * Every other recorded input must be mapped in MAPPINGS.
 */
const UNCHECKED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [`${P}sdn/applier:Applier`]: {
    onCreate: "when the provider applies the pending SDN configuration; no parameter",
    onDestroy: "when the provider applies the pending SDN configuration; no parameter",
  },
  [`${P}download/file:File`]: { overwrite: "provider behaviour (download again when changed)" },
  [`${P}index/fileLegacy:FileLegacy`]: {
    contentType:
      "snippets are copied over SSH (the upload API takes iso, vztmpl and import only); test/render/proxmox-uploads.test.ts checks the files",
    sourceRaw: "the file's text; the cloud-init and YAML tests check it (fileName is mapped)",
  },
  [`${P}index/vmLegacy:VmLegacy`]: {
    started: "provider behaviour (POST .../status/start after creation)",
    stopOnDestroy: "provider behaviour (stop before delete)",
    "cdrom.fileId": "the ID of a download resource, unknown in the preview",
    "disks[].fileId": "the ID of a download resource, unknown in the preview (import-from)",
    "initialization.userDataFileId": "the ID of a snippet resource, unknown in the preview",
    "initialization.networkDataFileId": "the ID of a snippet resource, unknown in the preview",
  },
};

/** The leaf input paths of a resource (`disks[].size`). */
function leafPaths(v: unknown, prefix = ""): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => leafPaths(x, `${prefix}[]`));
  if (v !== null && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => leafPaths(x, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

/** The input paths MAPPINGS reads, found by mapping a resource with each input removed. */
function unmapped(type: string, inputs: Inputs): string[] {
  const skip = UNCHECKED[type] ?? {};
  return [...new Set(leafPaths(inputs))].filter(
    (p) =>
      !Object.keys(skip).some((k) => p === k || p.startsWith(`${k}.`) || p.startsWith(`${k}[`)),
  );
}

/** A parameter's definition; a `oneOf` resolved to the alternative of `instance`. */
function paramDef(call: string, name: string, instance?: string): ParamDef | undefined {
  const def = callParams(call)[name] as
    (ParamDef & { oneOf?: (ParamDef & { "instance-types"?: string[] })[] }) | undefined;
  if (!def?.oneOf) return def;
  return def.oneOf.find((d) => instance && d["instance-types"]?.includes(instance));
}

/** Leaves of a parameter value: one per scalar, property-string key or array item. */
const leaves = (v: ParamValue): number =>
  Array.isArray(v)
    ? v.reduce((n: number, x: ParamValue) => n + leaves(x), 0)
    : typeof v === "object"
      ? Object.keys(v).length
      : 1;

/** Rules the API code enforces beyond the schema, by call and parameter, with their source. */
const API_RULES: Readonly<Record<string, (v: ParamValue) => string | undefined>> = {
  // pve-firewall src/PVE/API2/Firewall/IPSet.pm create_ip (and Firewall.pm when reading .fw)
  "POST /cluster/firewall/ipset/{name} cidr": (v) =>
    /\/0+$/.test(String(v)) ? "a zero prefix is not allowed in ipset entries" : undefined,
};

interface Report {
  readonly checked: number;
  readonly problems: string[];
  readonly unmapped: string[];
}

/** Checks every Proxmox resource of a preview; `checked` counts the values checked. */
function checkResources(
  resources: readonly { type: string; name: string; inputs?: unknown }[],
): Report {
  let checked = 0;
  const problems: string[] = [];
  const missing = new Set<string>();
  for (const r of resources) {
    if (!r.type.startsWith(P)) continue;
    const map = MAPPINGS[r.type];
    if (!map) {
      missing.add(`${r.type}: no mapping`);
      continue;
    }
    const inputs = r.inputs as Inputs;
    for (const m of map(inputs)) {
      for (const [name, value] of Object.entries(defined({ ...m.params }))) {
        const def = paramDef(m.call, name, m.instance);
        if (!def) {
          problems.push(`${r.name}: ${m.call}: no parameter ${name}`);
          continue;
        }
        // A slot (`net[n]`, `scsi[n]`) is one parameter per device: net0, net1, ...
        const items = name.endsWith("[n]") && Array.isArray(value) ? value : [value];
        items.forEach((v: ParamValue, n: number) => {
          const where = `${r.name}: ${m.call}: ${name.endsWith("[n]") ? name.replace("[n]", String(n)) : name}`;
          checked += leaves(v);
          problems.push(...checkValue(def, v, where));
          const rule = API_RULES[`${m.call} ${name}`]?.(v);
          if (rule) problems.push(`${where}: "${String(v)}": ${rule}`);
        });
      }
    }
    // Every recorded input is mapped: mapping without it must change what is sent.
    for (const path of unmapped(r.type, inputs)) {
      if (!mapsInput(r.type, inputs, path)) missing.add(`${r.type}: ${path}`);
    }
  }
  return { checked, problems, unmapped: [...missing].sort() };
}

/** Whether the mapping of a resource changes when the input at `path` is removed. */
function mapsInput(type: string, inputs: Inputs, path: string): boolean {
  const copy = JSON.parse(JSON.stringify(inputs)) as Inputs;
  const keys = path.split(".");
  let node: Inputs | Inputs[] = copy;
  for (const [n, k] of keys.entries()) {
    const key = k.replace(/\[\]$/, "");
    const last = n === keys.length - 1;
    const targets: Inputs[] = Array.isArray(node) ? node : [node];
    if (last) {
      for (const t of targets) {
        if (k.endsWith("[]")) t[key] = [];
        else delete t[key];
      }
    } else {
      node = targets.flatMap((t) => (k.endsWith("[]") ? (t[key] as Inputs[]) : [t[key]]));
    }
  }
  const before = JSON.stringify(MAPPINGS[type](inputs));
  return JSON.stringify(MAPPINGS[type](copy)) !== before;
}

const STACKS = ["homelab", "ms01", "sol", "arc-hybrid", "example", "infra-apps"];

/**
 * Values checked per stack (parameters, property-string keys and list items): the report of the
 * check, pinned so that a resource dropping out of the check shows. A change to a stack's Proxmox
 * resources changes its count.
 */
const CHECKED: Record<string, number> = {
  homelab: 248,
  ms01: 404,
  sol: 333,
  "arc-hybrid": 425,
  example: 119,
  "infra-apps": 137,
};

describe("the bundled stacks' Proxmox inputs fit the Proxmox VE API schema", () => {
  test("our table has the calls the provider makes, each citing the Proxmox VE docs", () => {
    expect(
      Object.entries(PVE_CALLS).map(([call, c]) => [call, c.doc.split(" ")[0].split("#")[0]]),
    ).toEqual(
      [
        "POST /nodes/{node}/network",
        "POST /cluster/sdn/zones",
        "POST /cluster/sdn/vnets",
        "POST /cluster/sdn/vnets/{vnet}/subnets",
        "POST /cluster/sdn/controllers",
        "POST /cluster/sdn/fabrics/fabric",
        "POST /cluster/sdn/fabrics/node/{fabric_id}",
        "POST /nodes/{node}/storage/{storage}/download-url",
        "POST /nodes/{node}/storage/{storage}/upload",
        "POST /nodes/{node}/qemu",
        "PUT /cluster/firewall/options",
        "POST /cluster/firewall/ipset",
        "POST /cluster/firewall/ipset/{name}",
        "PUT /nodes/{node}/firewall/options",
        "POST /nodes/{node}/firewall/rules",
      ].map((call) => [call, "https://pve.proxmox.com/pve-docs/api-viewer/index.html"]),
    );
  });

  test.each(STACKS)("%s", async (stack) => {
    const result = await previewStack(stack);
    expect([result.ok, result.error]).toEqual([true, undefined]);
    const report = checkResources(result.resources);
    expect(report.problems).toEqual([]);
    expect(report.unmapped).toEqual([]);
    expect(report.checked).toBe(CHECKED[stack]);
  });
});

const CASES = join(__dirname, "..", "fixtures", "cases");

describe("the field cases' Proxmox inputs fit the Proxmox VE API schema", () => {
  const cases = [
    "02-evpn-underlay-nic-mtu",
    "06-bgp-peer-not-connected",
    "07-l2-interface-name",
    "12-node-cidr-mask",
    "16-frr-network-not-in-rib",
    "19-routeros-cilium-peer-address",
    "21-newcomer-routeros-talos",
    "22-evpn-arp-suppression-floating-vip",
    "32-netplan-set-name-kernel-eth",
    "../valid/evpn-exit-snat",
  ];
  test.each(cases)("%s", async (name) => {
    const raw = fileRaw(join(CASES, `${name}.yaml`));
    const site = resolveSite(raw);
    expect(site.ok ? [] : site.problems.map(formatProblem)).toEqual([]);
    const result = await previewConfig(`pve-${name}`, stackConfigOf(raw), projectName());
    expect([result.ok, result.error]).toEqual([true, undefined]);
    const report = checkResources(result.resources);
    expect(report.problems).toEqual([]);
    expect(report.unmapped).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});

describe("a value the API refuses fails the check, with PVE's message", () => {
  const one = (type: string, inputs: Inputs) =>
    checkResources([{ type: `${P}${type}`, name: "bad", inputs }]);
  const bridge = { nodeName: "pve01", name: "vmbr0", ports: ["eno1"], mtu: 1500 };

  test.each([
    [
      "network/linux/bridge:Bridge",
      { ...bridge, name: "vmbr-storage" },
      "bad: POST /nodes/{node}/network: iface: \"vmbr-storage\": invalid network interface name 'vmbr-storage'",
    ],
    [
      "network/linux/bridge:Bridge",
      { ...bridge, mtu: 70000 },
      'bad: POST /nodes/{node}/network: mtu: "70000": value must have a maximum value of 65520',
    ],
    [
      "network/linux/bridge:Bridge",
      { ...bridge, address: "10.10.0.1/4" },
      'bad: POST /nodes/{node}/network: cidr: "10.10.0.1/4": value does not look like a valid IPv4 CIDR network',
    ],
    [
      "network/linux/bridge:Bridge",
      { ...bridge, vlanAware: true, vids: ["2-4094", "1"] },
      "bad: POST /nodes/{node}/network: bridge_vids: \"2-4094 1\": invalid VLAN tag '1'",
    ],
    [
      "sdn/zone/evpn:Evpn",
      { resourceId: "vxevpn0001", controller: "evpnctl", vrfVxlan: 10000 },
      "bad: POST /cluster/sdn/zones: zone: \"vxevpn0001\": invalid SDN zone ID 'vxevpn0001' (2-8 letters and digits, a letter first)",
    ],
    [
      "sdn/zone/evpn:Evpn",
      { resourceId: "vxevpn01", nodes: ["pve01", "pve_02"] },
      'bad: POST /cluster/sdn/zones: nodes: "pve01,pve_02": value does not look like a valid node name',
    ],
    [
      "sdn/vnet:Vnet",
      { resourceId: "vnet-101", zone: "vxevpn01", tag: 100101 },
      "bad: POST /cluster/sdn/vnets: vnet: \"vnet-101\": invalid SDN vnet ID 'vnet-101' (2-8 letters and digits, a letter first)",
    ],
    [
      "sdn/vnet:Vnet",
      { resourceId: "vnet101", zone: "vxevpn01", tag: 100101, alias: "prod!" },
      'bad: POST /cluster/sdn/vnets: alias: "prod!": value does not match the regex pattern',
    ],
    [
      "index/vmLegacy:VmLegacy",
      {
        nodeName: "pve01",
        vmId: 2031,
        networkDevices: [{ model: "virtio", macAddress: "03:00:00:00:00:01", bridge: "vmbr0" }],
      },
      'bad: POST /nodes/{node}/qemu: net0.macaddr: "03:00:00:00:00:01": value does not look like a valid unicast MAC address',
    ],
    [
      "index/vmLegacy:VmLegacy",
      { nodeName: "pve01", vmId: 99 },
      [
        'bad: POST /nodes/{node}/qemu: vmid: "99": value must have a minimum value of 100',
        'bad: POST /nodes/{node}/qemu: vmid: "99": value does not look like a valid VM ID',
      ],
    ],
    [
      "firewall/ipsetLegacy:IpsetLegacy",
      { name: "hl-z-internet", cidrs: [{ name: "0.0.0.0/0", nomatch: false }] },
      'bad: POST /cluster/firewall/ipset/{name}: cidr: "0.0.0.0/0": a zero prefix is not allowed in ipset entries',
    ],
    [
      "firewall/rulesLegacy:RulesLegacy",
      {
        nodeName: "pve01",
        rules: [
          {
            type: "in",
            action: "DROP",
            dest: "10.0.0.1",
            dport: Array.from({ length: 16 }, (_, i) => String(1000 + i)).join(","),
          },
        ],
      },
      'bad: POST /nodes/{node}/firewall/rules: dport: "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009,1010,1011,1012,1013,1014,1015": too many entries in port list (> 15 numbers)',
    ],
    [
      "firewall/rulesLegacy:RulesLegacy",
      { nodeName: "pve01", rules: [{ type: "in", action: "DROP", dest: "10.0.0.1,fd00::1" }] },
      "bad: POST /nodes/{node}/firewall/rules: dest: \"10.0.0.1,fd00::1\": detected mixed ipv4/ipv6 addresses in address list '10.0.0.1,fd00::1'",
    ],
  ])("%s %j", (type, inputs, message) => {
    expect(one(type, inputs).problems).toEqual(Array.isArray(message) ? message : [message]);
  });

  test("an input the mapping does not send, or a resource it does not know, is reported", () => {
    expect(one("network/linux/bridge:Bridge", { ...bridge, mtuu: 9000 }).unmapped).toEqual([
      `${P}network/linux/bridge:Bridge: mtuu`,
    ]);
    expect(one("network/linux/ovs:Bridge", {}).unmapped).toEqual([
      `${P}network/linux/ovs:Bridge: no mapping`,
    ]);
  });
});
