// A preview's artifacts as the read-back takes them: from a preview folder on disk (what
// `npm run plan` wrote) or from the artifacts of an in-memory preview (tests of random sites).
import { existsSync, readdirSync } from "fs";
import { join, relative } from "path";
import { parse } from "yaml";
import { PREVIEW_FILE_MAX, readRegularFile } from "../../preview/files";
import { Address, Prefix } from "../../addressing/ip";
import { readFrr } from "./frr";
import { readTalos, vmNics } from "./kubernetes";
import { readRouterOs } from "./routeros";
import { ObservedDevice } from "./types";

/** Artifact path (relative to the preview folder) -> text. */
export type ArtifactMap = ReadonlyMap<string, string>;

/**
 * Every file of a preview folder, by path relative to it. Throws when the folder is missing, and
 * `RefusedFile` (preview/files.ts) for a file that is not a regular file inside the folder (a link
 * leading out of it, a FIFO, a device) or is larger than PREVIEW_FILE_MAX. Folders are walked
 * without following links.
 */
export function readPreviewFolder(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new Error(`${dir}: no such preview folder (run npm run plan first)`);
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const p = join(d, entry.name);
      const name = relative(dir, p);
      if (entry.isDirectory()) walk(p);
      else
        out.set(
          name,
          readRegularFile(p, {
            within: dir,
            withinText: "the preview folder",
            maxBytes: PREVIEW_FILE_MAX,
            what: "a preview's file",
            shown: name,
          }),
        );
    }
  };
  walk(dir);
  return out;
}

/** `external/<device>.yaml` as the preview writes it: what an external device must hold and say. */
export interface ExternalDoc {
  device: string;
  interfaces: { name: string; segment?: string; addresses: string[] }[];
  routes?: string[];
  bgp?: {
    asn: number;
    neighbors: {
      name: string;
      address: string;
      asn: number;
      source: string;
      multihop?: number;
      families: string[];
      accept: string[];
    }[];
  };
}

/** An external device's document as the device it asks for (played by a stand-in in the twin). */
function readExternal(path: string, text: string): ObservedDevice {
  const doc = parse(text) as ExternalDoc;
  const addresses = doc.interfaces.flatMap((i) =>
    i.addresses.map((a) => {
      const [address, length] = a.split("/");
      return { address: Address.from(address), length: Number(length), iface: i.name };
    }),
  );
  const neighbors = (doc.bgp?.neighbors ?? []).map((n) => {
    const rules = n.accept.map((a) => {
      const [prefix, exact] = a.split(" ");
      return { prefix: Prefix.from(prefix), exact: exact === "exact" };
    });
    return {
      name: n.name,
      address: Address.from(n.address),
      asn: n.asn,
      source: Address.from(n.source),
      ...(n.multihop !== undefined ? { multihop: n.multihop } : {}),
      families: n.families.map((f) => (f === "ipv4" ? 4 : 6) as 4 | 6),
      accepts: (p: Prefix) =>
        rules.some((r) => (r.exact ? r.prefix.equals(p) : r.prefix.contains(p))),
      announces: [],
    };
  });
  return {
    name: doc.device,
    sources: [path],
    kind: "external",
    addresses,
    // Routes the document asks for; their next hop is the operator's to choose.
    routes: (doc.routes ?? []).map((r) => ({ dst: Prefix.from(r) })),
    ...(doc.bgp ? { bgp: { asn: doc.bgp.asn, speaker: "external" as const, neighbors } } : {}),
  };
}

interface NetworkConfig {
  ethernets?: Record<
    string,
    {
      "set-name"?: string;
      addresses?: string[];
      routes?: { to: string; via?: string }[];
    }
  >;
}

/** A cloud-init network config (netplan v2) as the addresses and routes of the VM `name`. */
function readNetworkConfig(path: string, text: string, name: string): ObservedDevice {
  const doc = parse(text) as NetworkConfig;
  const nics = Object.entries(doc.ethernets ?? {});
  const addresses = nics.flatMap(([id, e]) =>
    (e.addresses ?? []).map((a) => {
      const [address, length] = a.split("/");
      return { address: Address.from(address), length: Number(length), iface: e["set-name"] ?? id };
    }),
  );
  const routes = nics.flatMap(([id, e]) =>
    (e.routes ?? []).map((r) => ({
      dst: Prefix.from(r.to === "default" ? "0.0.0.0/0" : r.to),
      ...(r.via ? { via: Address.from(r.via) } : {}),
      iface: e["set-name"] ?? id,
    })),
  );
  return { name, sources: [path], kind: "linux", addresses, routes };
}

/**
 * One device per machine: a Linux VM's cloud-init network config and its frr.conf describe the
 * same machine (by name), so their addresses and routes are read as one device's.
 */
function mergeVms(devices: ObservedDevice[], vms: readonly ObservedDevice[]): ObservedDevice[] {
  const out = [...devices];
  for (const vm of vms) {
    const i = out.findIndex((d) => d.name === vm.name && d.kind === "frr");
    if (i < 0) {
      out.push(vm);
      continue;
    }
    const d = out[i];
    const held = new Set(d.addresses.map((a) => `${a.address}/${a.length}`));
    out[i] = {
      ...d,
      sources: [...d.sources, ...vm.sources],
      addresses: [
        ...d.addresses,
        ...vm.addresses.filter((a) => !held.has(`${a.address}/${a.length}`)),
      ],
      routes: [...d.routes, ...vm.routes],
    };
  }
  return out;
}

/** Every device the artifacts configure, read back; throws on an artifact it cannot read. */
export function readArtifacts(files: ArtifactMap): ObservedDevice[] {
  const under = (prefix: string, ext: string) =>
    [...files].filter(([p]) => p.startsWith(prefix) && p.endsWith(ext));
  const resources = files.has("resources.json")
    ? (JSON.parse(files.get("resources.json") as string) as {
        type: string;
        inputs: Record<string, unknown>;
      }[])
    : [];
  const clusters = new Map<string, Map<string, string>>();
  for (const [p, text] of under("k8s/", ".yaml")) {
    const [, dir, file] = p.split("/");
    const m = clusters.get(dir) ?? new Map<string, string>();
    m.set(file, text);
    clusters.set(dir, m);
  }
  const vms = under("cloud-init/", "/network-config").map(([p, t]) =>
    readNetworkConfig(p, t, p.split("/")[1]),
  );
  const configured = mergeVms(
    under("frr/", ".conf").map(([p, t]) => readFrr(p, t)),
    vms,
  );
  return [
    ...under("routeros/", ".rsc").map(([p, t]) => readRouterOs(p, t)),
    ...configured,
    ...readTalos(
      new Map(under("talos/", ".yaml")),
      [...clusters].map(([dir, m]) => ({ dir, files: m })),
      vmNics(resources),
    ),
    ...under("external/", ".yaml").map(([p, t]) => readExternal(p, t)),
  ];
}
