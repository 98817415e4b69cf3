// The Talos and Cilium layer of the homelab stack under mocks: exact resources and inputs,
// secrets kept secret, bootstrap once, upgrades in place, and Cilium objects that pass the CRDs.
import { parse, parseAllDocuments } from "yaml";
import { PreviewResult, previewStack } from "../../preview/offline";
import { extractArtifacts } from "../../preview/artifacts";
import { RecordedResource } from "../../preview/run";
import { schemaErrors } from "../render/cilium-schema";

let result: PreviewResult;
const byName = (name: string): RecordedResource => {
  const r = result.resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource ${name}`);
  return r;
};

beforeAll(async () => {
  result = await previewStack("homelab");
});

test("registers exactly these Talos, Kubernetes and Cilium resources", () => {
  const layer = result.resources.filter((r) =>
    /^(command:|kubernetes:|pulumi:providers:kubernetes|homelab:(talos|kubernetes):|proxmoxve:(index|download)\/)/.test(
      r.type,
    ),
  );
  const nodes = [11, 12, 13, 21, 22];
  expect(layer.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
    [
      ...["pve01", "pve02", "pve03"].map((h) => `proxmoxve:download/file:File talos-iso-${h}`),
      "homelab:talos:TalosCluster cluster-101",
      "command:local:Command cluster-101-secrets",
      ...nodes.flatMap((n) => [
        `command:local:Command cluster-101-${n}-config`,
        `proxmoxve:index/fileLegacy:FileLegacy cluster-101-${n}-userdata`,
        `proxmoxve:index/vmLegacy:VmLegacy cluster-101-${n}-vm`,
        `command:local:Command cluster-101-${n}-apply`,
        `command:local:Command cluster-101-${n}-upgrade`,
      ]),
      "command:local:Command cluster-101-bootstrap",
      "command:local:Command cluster-101-kubeconfig",
      "command:local:Command cluster-101-upgrade-k8s",
      "pulumi:providers:kubernetes cluster-101-k8s",
      "homelab:kubernetes:Cilium cluster-101-cilium",
      "kubernetes:helm.sh/v4:Chart cluster-101-cilium-chart",
      "homelab:kubernetes:CiliumLbPool cluster-101-lb",
      "kubernetes:cilium.io/v2:CiliumLoadBalancerIPPool cluster-101-lb-CiliumLoadBalancerIPPool-k101-pool",
      // No BGP speaker holds the tenant: the pool is announced by L2 (seed 000, README).
      "kubernetes:cilium.io/v2alpha1:CiliumL2AnnouncementPolicy cluster-101-lb-CiliumL2AnnouncementPolicy-k101-l2",
    ].sort(),
  );
});

test("a node's VM: placement, size, deterministic MAC on the VNet, ISO and cloud-init config", () => {
  const vm = byName("cluster-101-21-vm");
  expect(vm.inputs).toEqual({
    agent: { enabled: true },
    bios: "seabios",
    bootOrders: ["scsi0", "ide2"],
    cdrom: { fileId: "talos-iso-pve01-id", interface: "ide2" },
    cpu: { cores: 8, type: "host" },
    description: "managed-by homelab/homelab k101",
    disks: [
      {
        datastoreId: "local-lvm",
        discard: "on",
        fileFormat: "raw",
        interface: "scsi0",
        iothread: true,
        size: 100,
        ssd: true,
      },
    ],
    initialization: {
      datastoreId: "local-lvm",
      interface: "ide0",
      userDataFileId: "cluster-101-21-userdata-id",
    },
    machine: "q35",
    memory: { dedicated: 16384 },
    name: "k101wk21",
    networkDevices: [
      {
        bridge: "vnet101",
        firewall: false,
        macAddress: "02:00:65:00:15:00",
        model: "virtio",
        mtu: 8950,
      },
    ],
    nodeName: "pve01",
    onBoot: true,
    operatingSystem: { type: "l26" },
    scsiHardware: "virtio-scsi-single",
    started: true,
    stopOnDestroy: true,
    tags: ["talos", "k101", "worker"],
    vmId: 10121,
  });
  // A new Talos version or config must never rebuild a VM: they go through talosctl instead.
  expect(vm.options).toEqual({
    deleteBeforeReplace: true,
    ignoreChanges: ["cdrom", "initialization"],
  });
});

test("placement spreads nodes over the hosts by rank of node ID", () => {
  const hosts = [11, 12, 13, 21, 22].map((n) => byName(`cluster-101-${n}-vm`).inputs.nodeName);
  expect(hosts).toEqual(["pve01", "pve02", "pve03", "pve01", "pve02"]);
});

test("the ISO comes from the Image Factory for the configured version and schematic", () => {
  expect(byName("talos-iso-pve02").inputs).toEqual({
    contentType: "iso",
    datastoreId: "local",
    fileName: "talos-v1.13.9-ce4c980550dd-nocloud-amd64.iso",
    nodeName: "pve02",
    overwrite: false,
    url: "https://factory.talos.dev/image/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515/v1.13.9/nocloud-amd64.iso",
  });
});

test("every secret stays a secret: cluster secrets, machine configs, kubeconfig", () => {
  for (const name of [
    "cluster-101-11-config",
    "cluster-101-bootstrap",
    "cluster-101-kubeconfig",
    "cluster-101-12-apply",
  ]) {
    expect([name, byName(name).inputs.environment]).toEqual([name, "[secret]"]);
  }
  expect(byName("cluster-101-13-userdata").inputs.sourceRaw).toBe("[secret]");
  expect(byName("cluster-101-k8s").inputs).toEqual({ kubeconfig: "[secret]" });
  expect(JSON.stringify(result.resources)).not.toContain("offline preview: stdout");
});

test("secrets are generated once and bootstrap runs exactly once, after every VM", () => {
  const secrets = byName("cluster-101-secrets");
  const bootstrap = byName("cluster-101-bootstrap");
  expect([secrets.inputs.triggers, bootstrap.inputs.triggers, bootstrap.inputs.update]).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
  const vms = result.resources
    .filter((r) => r.type === "proxmoxve:index/vmLegacy:VmLegacy")
    .map((r) => r.urn)
    .sort();
  // talosctl prints the secrets bundle and the kubeconfig on stdout: stored as secrets.
  expect(secrets.options.additionalSecretOutputs).toEqual(["stdout"]);
  // It also depends on the secrets it reads through its environment.
  expect(bootstrap.dependencies).toEqual([secrets.urn, ...vms].sort());
});

test("version changes upgrade in place through talosctl", () => {
  const upgrade = byName("cluster-101-22-upgrade");
  expect([upgrade.inputs.create, upgrade.inputs.triggers]).toEqual([
    ":",
    ["v1.13.9", "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515"],
  ]);
  expect(String(upgrade.inputs.update)).toContain(
    '"$TALOSCTL" upgrade --image "$INSTALL_IMAGE" --preserve --wait',
  );
  const k8s = byName("cluster-101-upgrade-k8s");
  expect([k8s.inputs.create, k8s.inputs.triggers]).toEqual([":", ["v1.36.3"]]);
  expect(String(k8s.inputs.update)).toContain('"$TALOSCTL" upgrade-k8s --to "$KUBERNETES_VERSION"');
});

test("a version change upgrades node by node, applies each new config after its upgrade, then Kubernetes", () => {
  const urn = (n: string) => byName(n).urn;
  const bootstrap = urn("cluster-101-bootstrap");
  // The ordering among bootstrap, upgrades and applies (the secrets and configs they read aside).
  const deps = (n: string) =>
    byName(n)
      .dependencies.filter((d) => /-(bootstrap|upgrade|apply)$/.test(d))
      .sort();
  // Node 11 first; each next node's upgrade waits for the previous node's apply-config.
  expect(deps("cluster-101-11-upgrade")).toEqual([bootstrap]);
  expect(deps("cluster-101-11-apply")).toEqual([bootstrap, urn("cluster-101-11-upgrade")].sort());
  expect(deps("cluster-101-12-upgrade")).toEqual([bootstrap, urn("cluster-101-11-apply")].sort());
  expect(deps("cluster-101-22-apply")).toEqual([bootstrap, urn("cluster-101-22-upgrade")].sort());
  expect(deps("cluster-101-upgrade-k8s")).toEqual(
    [
      bootstrap,
      ...[11, 12, 13, 21, 22].flatMap((n) => [
        urn(`cluster-101-${n}-upgrade`),
        urn(`cluster-101-${n}-apply`),
      ]),
    ].sort(),
  );
});

test("the Talos patch of a control-plane node carries the plan's network, VIP and subnets", () => {
  const stream = (n: string) =>
    parseAllDocuments(String(byName(n).inputs.stdin)).map((d) => d.toJS());
  // Talos v1.13 (the default): the v1alpha1 document without .machine.network, then the network
  // documents.
  expect(stream("cluster-101-11-config")).toEqual([
    {
      machine: { kubelet: { nodeIP: { validSubnets: ["10.101.0.0/24", "fd00:101::/64"] } } },
      cluster: {
        network: {
          podSubnets: ["10.101.244.0/22", "fd00:101:244::/60"],
          serviceSubnets: ["10.101.96.0/24", "fd00:101:96::/108"],
          cni: { name: "none" },
        },
        proxy: { disabled: true },
        controllerManager: {
          extraArgs: { "node-cidr-mask-size-ipv4": "25", "node-cidr-mask-size-ipv6": "64" },
        },
      },
    },
    { apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: "k101cp11" },
    {
      apiVersion: "v1alpha1",
      kind: "ResolverConfig",
      nameservers: [{ address: "1.1.1.1" }, { address: "2606:4700:4700::1111" }],
    },
    {
      apiVersion: "v1alpha1",
      kind: "LinkAliasConfig",
      name: "net0",
      selector: { match: 'mac(link.permanent_addr) == "02:00:65:00:0b:00"' },
    },
    {
      apiVersion: "v1alpha1",
      kind: "LinkConfig",
      name: "net0",
      mtu: 8950,
      addresses: [{ address: "10.101.0.11/24" }, { address: "fd00:101::11/64" }],
      routes: [{ gateway: "10.101.0.254" }, { gateway: "fd00:101::fffe" }],
    },
    { apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: "10.101.0.250", link: "net0" },
  ]);
  expect(stream("cluster-101-21-config").map((d) => d.kind ?? "v1alpha1")).toEqual([
    "v1alpha1",
    "HostnameConfig",
    "ResolverConfig",
    "LinkAliasConfig",
    "LinkConfig",
  ]);
});
test("Cilium is installed from its chart with plan-derived values", () => {
  const chart = byName("cluster-101-cilium-chart");
  expect([
    chart.inputs.chart,
    chart.inputs.version,
    chart.inputs.namespace,
    chart.inputs.repositoryOpts,
  ]).toEqual(["cilium", "1.20.0", "kube-system", { repo: "https://helm.cilium.io" }]);
  const values = chart.inputs.values as Record<string, unknown>;
  expect([
    values.ipv4NativeRoutingCIDR,
    values.ipv6NativeRoutingCIDR,
    values.k8sServiceHost,
    values.kubeProxyReplacement,
  ]).toEqual(["10.101.244.0/22", "fd00:101:244::/60", "10.101.0.250", true]);
});

test("every Cilium object the preview writes passes Cilium's CRD schemas", () => {
  const objects = extractArtifacts(result.resources)
    .filter((a) => a.path.startsWith("k8s/cluster-101/Cilium"))
    .map((a) => parse(a.text));
  expect(objects.map((o) => o.kind)).toEqual([
    "CiliumL2AnnouncementPolicy",
    "CiliumLoadBalancerIPPool",
  ]);
  expect(schemaErrors(objects)).toEqual([null, null]);
  expect(objects[0].spec).toEqual({
    interfaces: ["^ens18$"],
    loadBalancerIPs: true,
    externalIPs: false,
  });
  expect(objects[1].spec).toEqual({
    blocks: [
      { start: "10.101.27.1", stop: "10.101.27.253" },
      { start: "fd00:101:1b::1", stop: "fd00:101:1b::fffd" },
      { start: "fd00:101:1b::ffff", stop: "fd00:101:1b::ffff" },
    ],
    disabled: false,
  });
});
