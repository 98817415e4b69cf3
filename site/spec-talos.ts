// Config keys for Talos clusters on Proxmox, Cilium and LoadBalancer pools.
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
  noUserinfo,
  Schema,
} from "./schema";
import { planName } from "./spec-policy";

const VERSION = /^v[0-9]+\.[0-9]+\.[0-9]+$/;
const VERSION_TEXT = "a Talos version like v1.13.9";
const K8S_VERSION_TEXT = "a Kubernetes version like v1.36.3";
const VERSION_FIX = "write v, then major.minor.patch (e.g. v1.13.9)";
const K8S_VERSION_FIX =
  "write v, then major.minor.patch (e.g. v1.36.3), within the range of talos.version";
/**
 * A command name (no `/`, not starting with `-`, which talosctl's caller would read as an option,
 * or `.`) or an absolute path whose parts are not `.` or `..`: never a path relative to the
 * working directory, which a stack file could point at a binary of its own choosing.
 */
const TALOSCTL = /^(?:[A-Za-z0-9_+][A-Za-z0-9_.+-]*|(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_.+-]+)+)$/;
/** A registry as an image reference names it: a host with an optional port, or `*` (all). */
const REGISTRY = /^(?:\*|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?(?::[0-9]{1,5})?)$/;
/** An http(s) URL: a host name, IPv4 address or bracketed IPv6 address, a port, a path. */
const MIRROR_URL =
  /^https?:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%/-]*)?$/;

/**
 * A registry mirror endpoint (Talos `RegistryEndpoint.url`): an http or https URL whose port, if
 * given, is 1-65535.
 */
function mirrorUrl(): Schema<string> {
  const inner = str({
    pattern: MIRROR_URL,
    patternText: "an http or https URL like https://mirror.lan:5000",
    patternFix:
      "write the mirror's URL with its scheme, like https://mirror.lan:5000 or http://10.0.0.5:5000",
  });
  return {
    ...inner,
    check(value, path, problems) {
      const v = inner.check(value, path, problems);
      if (v === undefined) return undefined;
      const port = Number(/^https?:\/\/(?:\[[^\]]+\]|[^:/]+)(?::([0-9]+))?/.exec(v)?.[1] ?? "443");
      if (port < 1 || port > 65535) {
        problems.push({
          path,
          input: v,
          message: `has port ${port}, outside 1-65535`,
          fix: "give the port the mirror listens on, like :5000",
        });
        return undefined;
      }
      return v;
    },
  };
}

const DATASTORE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const DATASTORE_TEXT = "a Proxmox storage ID";

export const DEFAULT_SCHEMATIC = "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515";

const datastore = (doc: string, dflt: string) =>
  field(str({ pattern: DATASTORE, patternText: DATASTORE_TEXT }), doc, {
    defaultText: `\`${dflt}\``,
  });

export const talosSchema = obj({
  version: field(
    str({ pattern: VERSION, patternText: VERSION_TEXT, patternFix: VERSION_FIX }),
    "Talos version (v1.11, v1.12 or v1.13). It picks the network form of the patches: `.machine.network` before v1.12, multi-document network config (HostnameConfig, ResolverConfig, LinkAliasConfig, LinkConfig, Layer2VIPConfig) from v1.12.",
    {
      defaultText: "`v1.13.9`",
    },
  ),
  kubernetesVersion: field(
    str({ pattern: VERSION, patternText: K8S_VERSION_TEXT, patternFix: K8S_VERSION_FIX }),
    "Kubernetes version, within the range the Talos release runs (v1.13: 1.31-1.36; v1.12: 1.30-1.35; v1.11: 1.29-1.34).",
    {
      defaultText: "`v1.36.3`",
    },
  ),
  schematic: field(
    str({ pattern: /^[0-9a-f]{64}$/, patternText: "a 64-character Image Factory schematic ID" }),
    "Image Factory schematic (must include siderolabs/qemu-guest-agent when guestAgent is true).",
    { defaultText: `\`${DEFAULT_SCHEMATIC}\` (qemu-guest-agent only)` },
  ),
  factory: field(
    str({
      pattern: /^https:\/\/[A-Za-z0-9.-]+$/,
      patternText: "an https URL without a trailing /",
    }),
    "Image Factory URL.",
    { defaultText: "`https://factory.talos.dev`" },
  ),
  nameservers: field(
    list(str()),
    "DNS servers of the nodes (IPv4 or IPv6 addresses). Each node is given those of the families it has addresses in; a cluster left with none (IPv6 resolvers for an IPv4-only cluster) is refused. Plain VMs that set no nameservers and sit on no segment with some take them too. An empty list is refused: remove the key to take the defaults.",
    {
      defaultText: "`1.1.1.1`, `2606:4700:4700::1111`",
    },
  ),
  registryMirrors: field(
    list(
      obj({
        registry: field(
          str({
            pattern: REGISTRY,
            patternText: "a registry host as an image names it (docker.io, ghcr.io:443) or *",
          }),
          "The registry mirrored, as the first part of an image reference names it (`docker.io`, `ghcr.io`, `registry.k8s.io`, `factory.talos.dev`), or `*` for every registry.",
          { required: true },
        ),
        endpoints: field(
          list(
            noUserinfo(
              mirrorUrl(),
              "remove the part before @; the stack renders no registry credentials (Talos keeps them in machine.registries.config, apart from the mirror's URL)",
            ),
            { minItems: 1 },
          ),
          "Mirror URLs (`https://mirror.lan:5000`, `http://10.0.0.5:5000`), tried in this order. A mirror at an address of the site (or a homelab:dns name of one) is a flow to that machine, checked against routing and policy like any other.",
          { required: true },
        ),
      }),
    ),
    "Registry mirrors of the Talos nodes (Talos `machine.registries.mirrors` before v1.12, `RegistryMirrorConfig` documents from v1.12). The nodes pull a mirrored registry's images from its endpoints instead of the registry, so the flows the plan checks go there (tcp to the URL's port, 443 or 80 by default); Talos still falls back to the registry itself when no endpoint answers. One entry per registry: a second one for a registry is refused (merge their endpoints).",
    {
      defaultText:
        "none: the nodes pull from the image factory, ghcr.io, gcr.io, registry.k8s.io and quay.io",
    },
  ),
  isoDatastore: datastore("Storage the Talos nocloud ISO is downloaded to.", "local"),
  diskDatastore: datastore("Storage of the VM disks and cloud-init drives.", "local-lvm"),
  snippetDatastore: datastore("Storage of the cloud-init snippets (machine configs).", "local"),
  installDisk: field(
    str({ pattern: /^\/dev\/[a-z0-9]+$/, patternText: "a device like /dev/sda" }),
    "Disk Talos installs to.",
    {
      defaultText: "`/dev/sda`",
    },
  ),
  ciliumVersion: field(
    str({ pattern: /^[0-9]+\.[0-9]+\.[0-9]+$/, patternText: "a chart version like 1.20.0" }),
    "Cilium Helm chart version, 1.18.x to 1.20.x: the range the program renders for (cilium.io/v2 BGP and LoadBalancer IP pool objects, which need 1.18 or later) and checks against; another version is refused. From 1.19 L2 announcements answer NDP, so an L2 cluster gets its IPv6 LoadBalancer pool; the agent's capability list follows the chart of that version.",
    {
      defaultText: "`1.20.0`",
    },
  ),
  talosctl: field(
    str({
      pattern: TALOSCTL,
      patternText:
        "a command name on PATH (like talosctl: letters, digits, _.+-, not starting with - or .) or an absolute path (like /usr/local/bin/talosctl) without . or .. parts",
      patternFix:
        "write talosctl to find it on PATH, or its absolute path, like /usr/local/bin/talosctl",
    }),
    "talosctl on the machine that runs Pulumi: a command name looked up on PATH, or an absolute path. It runs with the cluster secrets in its environment, so a relative path or an option is refused.",
    {
      defaultText: "`talosctl`",
    },
  ),
  guestAgent: field(bool(), "Enable the QEMU guest agent in the VMs.", {
    defaultText: "`true`",
  }),
});

const size = (what: string, cores: number, memory: number, disk: number) =>
  field(
    obj({
      cores: field(int(1, 512), "vCPUs."),
      memory: field(int(1024, 4194304), "Memory in MiB."),
      disk: field(int(8, 65536), "Disk in GiB."),
    }),
    `VM size of ${what}.`,
    { defaultText: `${cores} cores, ${memory} MiB, ${disk} GiB` },
  );

export const clusterTalosFields = {
  routablePods: field(
    bool(),
    "Pods share the node subnet (the ms01 stack's workload VLAN): pod CIDRs lie inside the VM subnet and must hold no owned address.",
    { defaultText: "`false`" },
  ),
  announcement: field(
    oneOf(["bgp", "l2"] as const),
    "How LoadBalancer IPs are announced: `bgp` (Cilium's BGP control plane, peering with the routers that hold the tenant or with bgpPeers) or `l2` (Cilium answers ARP for the pool on the nodes' segment; IPv4 only before Cilium 1.19).",
    { defaultText: "`bgp` when a router holds the tenant or bgpPeers are given, else `l2`" },
  ),
  vmIdBase: field(int(100, 999000000), "A node's VM ID is vmIdBase + node ID.", {
    defaultText: "tenant ID x 100",
  }),
  controlPlane: size("control-plane nodes", 4, 8192, 40),
  worker: size("workers", 8, 16384, 100),
  lbSegment: field(
    dnsLabel(),
    "Name of a homelab:sharedSegments entry the cluster's LoadBalancer ranges live in (the infra-apps stack).",
  ),
  bgpPeers: field(
    list(
      obj({
        name: field(dnsLabel(), "Peer name.", {
          required: true,
        }),
        address: field(str(), "Peer address (IPv4 or IPv6).", { required: true }),
        asn: field(int(1, 4294967294), "Peer ASN.", { required: true }),
      }),
    ),
    "BGP peers of the cluster.",
    { defaultText: "the tenant gateway in each family, at fabric.asn.router" },
  ),
  serviceIps: field(
    list(
      obj({
        service: field(
          str({ pattern: /^[a-z0-9-]+\/[a-z0-9-]+$/, patternText: "namespace/name" }),
          "The Service, as namespace/name.",
          { required: true },
        ),
        address: field(str(), "The address it is given (lbipam.cilium.io/ips).", {
          required: true,
        }),
      }),
    ),
    "Explicit LoadBalancer IPs (e.g. ClusterMesh API server, Gateway), validated against the pool.",
  ),
};

export const nodeTalosFields = {
  host: field(dnsLabel(), "Proxmox host the VM runs on.", {
    defaultText: "hosts in turn by node rank",
  }),
};

/**
 * A peer stack's fully qualified name, `org/project/stack` (Pulumi's name rules; no segment is `.`
 * or `..`, so the offline preview's out/<stack>/ never leaves out/).
 */
export const PEER_STACK =
  /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export const sharedSegmentsSchema = list(
  obj({
    name: field(planName(), "Segment name.", {
      required: true,
    }),
    prefix: field(prefix(4), "The shared L2 segment (the infra-apps stack: 10.25.11.0/24).", {
      required: true,
    }),
    reserved: field(
      list(
        obj({
          address: field(address(4), "An address something else owns on the segment.", {
            required: true,
          }),
          label: field(str({ maxLength: 60, freeText: true }), "What owns it.", { required: true }),
        }),
      ),
      "Addresses pools must avoid (the BGP router, static infrastructure).",
    ),
    peerStacks: field(
      list(
        str({
          pattern: PEER_STACK,
          patternText:
            "org/project/stack: three names of letters, digits, '-', '_' (and '.' after the org), each starting with a letter or digit",
          patternFix: "write the peer stack's fully qualified name, like acme/homelab/apps",
        }),
      ),
      "Other stacks whose clusters announce on this segment; their exported lbPools are checked against ours.",
    ),
  }),
);
