// Strings that a YAML 1.1 reader takes for other types (issue 21, finding 5). cloud-init reads the
// user data and network config with PyYAML: a VM named `on` would get `hostname: True`, packages
// `yes`/`0b101` would be True/5, a nameserver 2001:1:2:3:4:5:6:7 a base-60 integer. Every
// renderer's strings are read back by cloud-init's own loader (lab/cloud-init-check.ts), which is
// shown to catch an unquoted file, and by the `yaml` library's 1.1 and 1.2 schemas.
import fc from "fast-check";
import { join } from "path";
import { parse, stringify } from "yaml";
import {
  cloudInitYaml,
  netplanGenerate,
  requireCloudInitTools,
  userDataProblems,
} from "../../lab/cloud-init-check";
import { cloudInitMachines } from "../../render/cloud-init/inputs";
import { renderNetworkConfig } from "../../render/cloud-init/network-config";
import { renderK3sConfig, renderUserData } from "../../render/cloud-init/user-data";
import { manifestYaml } from "../../render/cilium/objects";
import { externalYaml } from "../../render/external";
import { ambiguousPlain, portableYaml } from "../../render/yaml";
import { talosNodeInputs } from "../../render/talos/inputs";
import { renderTalosPatchYaml } from "../../render/talos/patch";
import { requireSite } from "../../site";
import { fileRaw, homelabWith, ROOT } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
/** The two Talos network documents the test reads: HostnameConfig and ResolverConfig. */
interface TalosDoc {
  kind: string;
  hostname?: string;
  nameservers?: { address: string }[];
}

/** The list, then more of each kind: other cases, bases, floats, times, the empty string. */
const HOSTILE = [
  ...["on", "yes", "no", "0b101", "2001:1:2:3:4:5:6:7", "1:20", "0o17", "1_000", ".inf"],
  ...["2026-12-06", "~", "null", "=", "<<", "0x1F", "+1", "1e3"],
  ...["Y", "n", "OFF", "True", "NULL", "", ".NaN", "-.Inf", "017", "190:20:30", "1:20:30.5"],
  ...["2026-12-06T10:00:00Z", "2026-1-6", "0X1F", "0O17", "+0x1f", "09", "1.5", ".5"],
];

const user = (s: string) =>
  renderUserData({
    hostname: s,
    sshKeys: [s],
    rootLogin: false,
    packages: [s],
    files: [{ path: s, content: s, permissions: "0644" }],
    commands: [["echo", s]],
  });

/** Each renderer: its text for one string, and where the string lands in what is read back. */
const PATHS: readonly [string, (s: string) => string, (d: Doc, s: string) => unknown[]][] = [
  [
    "user data: hostname, SSH key, package, file path and content, runcmd argument",
    user,
    (d) => [
      d.hostname,
      d.ssh_authorized_keys[0],
      d.packages[0],
      d.write_files[0].path,
      d.write_files[0].content,
      d.runcmd[0][1],
    ],
  ],
  [
    "network config: NIC name (key and set-name), address, nameserver, route, loopback",
    (s) =>
      renderNetworkConfig({
        nics: [
          {
            name: s,
            mac: "02:00:00:00:00:01",
            addresses: [s],
            routes: [{ to: s, via: s }],
            nameservers: [s],
          },
        ],
        loopback: [s],
      }),
    (d, s) => {
      const nic = d.ethernets[s] ?? {};
      return [
        Object.keys(d.ethernets)[0],
        nic["set-name"],
        nic.addresses?.[0],
        nic.nameservers?.addresses[0],
        nic.routes?.[0].to,
        nic.routes?.[0].via,
        d.ethernets.lo.addresses[0],
      ];
    },
  ],
  [
    "K3s config: cluster-cidr, service-cidr, cluster-dns",
    (s) => renderK3sConfig({ clusterCidr: [s], serviceCidr: [s], clusterDns: s }),
    (d) => [d["cluster-cidr"], d["service-cidr"], d["cluster-dns"]],
  ],
  [
    "Cilium manifest: name, label key and value, pool block",
    (s) =>
      manifestYaml([
        {
          apiVersion: "cilium.io/v2alpha1",
          kind: "CiliumLoadBalancerIPPool",
          metadata: { name: s, labels: { [s]: s } },
          spec: { blocks: [{ cidr: s }] },
        },
      ]),
    (d) => [
      d.metadata.name,
      Object.keys(d.metadata.labels)[0],
      ...Object.values(d.metadata.labels),
      d.spec.blocks[0].cidr,
    ],
  ],
  [
    "external device document: device, interface, segment, address, route",
    (s) =>
      externalYaml({
        device: s,
        interfaces: [{ name: s, segment: s, addresses: [s] }],
        routes: [s],
      }),
    (d, s) => [
      d.device,
      d.interfaces[0].name,
      // An empty segment is left out of the document.
      ...(s === "" ? [] : [d.interfaces[0].segment]),
      d.interfaces[0].addresses[0],
      d.routes[0],
    ],
  ],
  [
    "portableYaml (the preview's Kubernetes objects and chart values): key and value",
    (s) => portableYaml({ [s]: [s] }),
    (d) => [Object.keys(d)[0], Object.values(d)[0]].flat(),
  ],
];

const texts = PATHS.map(([, render]) => HOSTILE.map(render));
let loaded: Doc[][] = [];

beforeAll(() => {
  requireCloudInitTools();
  const all = cloudInitYaml(texts.flat());
  loaded = texts.map((_, i) => all.slice(i * HOSTILE.length, (i + 1) * HOSTILE.length));
});

describe.each(PATHS.map(([name, , pick], i) => [name, pick, i] as const))("%s", (_n, pick, i) => {
  test("cloud-init's PyYAML reads every hostile string back as itself", () => {
    const got = HOSTILE.map((s, j) => pick(loaded[i][j], s));
    expect(got).toEqual(HOSTILE.map((s, j) => got[j].map(() => s)));
    expect(got.every((g) => g.length > 0)).toBe(true);
  });

  test.each(["1.1", "1.2"] as const)("the yaml library's YAML %s schema does too", (version) => {
    const got = HOSTILE.map((s, j) => pick(parse(texts[i][j], { version }), s));
    expect(got).toEqual(HOSTILE.map((s, j) => got[j].map(() => s)));
  });
});

test("a VM named `on` with packages `yes`, `no`, `0b101`: the user data, line by line", () => {
  expect(
    renderUserData({
      hostname: "on",
      sshKeys: [],
      rootLogin: false,
      packages: ["yes", "no", "0b101"],
      files: [],
      commands: [],
    }),
  ).toBe(
    [
      "#cloud-config",
      'hostname: "on"',
      "manage_etc_hosts: true",
      "ssh_pwauth: false",
      "disable_root: true",
      "package_update: true",
      "packages:",
      '  - "yes"',
      '  - "no"',
      '  - "0b101"',
      "",
    ].join("\n"),
  );
});

test("the read-back is not vacuous: the same files unquoted change type in cloud-init", () => {
  const unquoted = [
    "hostname: on\npackages: [yes, no, 0b101]\n",
    "set-name: on\nnameservers: [2001:1:2:3:4:5:6:7, 1:20, 1_000, .inf, 2026-12-06, ~]\n",
    "value: =\n",
    "merge: <<\n",
  ];
  expect(cloudInitYaml(unquoted)).toEqual([
    { hostname: true, packages: [true, false, 5] },
    {
      "set-name": true,
      nameservers: [
        5601567610962367,
        80,
        1000,
        { python: "inf" },
        { python: "datetime.date(2026, 12, 6)" },
        null,
      ],
    },
    {
      error:
        "ConstructorError: could not determine a constructor for the tag 'tag:yaml.org,2002:value'",
    },
    {
      error:
        "ConstructorError: could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
    },
  ]);
});

test("the yaml library's `version: 1.1` alone leaves `<<`, `=` and `0o17` plain; portableYaml quotes them", () => {
  const words = ["on", "<<", "=", "0o17"];
  expect(stringify(words, { version: "1.1" })).toBe('- "on"\n- <<\n- =\n- 0o17\n');
  expect(portableYaml(words)).toBe('- "on"\n- "<<"\n- "="\n- "0o17"\n');
});

test.each([
  ...HOSTILE.map((s) => [s, true] as const),
  ...["eth0", "qemu-guest-agent", "fc00:101::11/64", "2606:4700:4700::1111", "10.245.0.10"].map(
    (s) => [s, false] as const,
  ),
  ...["02:00:65:00:0b:00", "0b102", "1:60", "yEs", "0x", "_1", "s/^(bgpd)=no$/\\1=yes/"].map(
    (s) => [s, false] as const,
  ),
])("ambiguousPlain(%j) is %s", (s, want) => {
  expect(ambiguousPlain(s)).toBe(want);
});

test("2,000 generated number-, bool- and date-like strings come back from cloud-init as themselves", () => {
  const piece = fc.constantFrom(
    ..."0123456789_:.+-eEbBxXoOaAfiInNtTyYsSlLuU~=<> TZ".split(""),
    ...["on", "off", "yes", "no", "true", "null", "inf", "nan", ".inf", "0x", "0b", "0o"],
    ...["2026-12-06", "10:00:00", "1:20"],
  );
  const strings = fc.sample(
    fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join("")),
    { numRuns: 2000, seed: 21 },
  );
  const docs = cloudInitYaml(strings.map((s) => portableYaml({ [s]: s })));
  const wrong = strings.filter((s, i) => JSON.stringify(docs[i]) !== JSON.stringify({ [s]: s }));
  expect(wrong).toEqual([]);
  expect(new Set(strings).size).toBeGreaterThan(1500);
});

describe("a site whose names are YAML 1.1 words (test/fixtures/valid/yaml11-words.yaml)", () => {
  const { plan, topology } = requireSite(
    fileRaw(join(ROOT, "test/fixtures/valid/yaml11-words.yaml")),
  );
  const machines = cloudInitMachines(plan, topology);
  const users = machines.map((m) => renderUserData({ ...m.userData, sshKeys: [] }));
  const networks = machines.map((m) => renderNetworkConfig(m.network));

  test("the site validator takes `on`, `yes`, `null` as VM names and `on` as an interface", () => {
    expect(machines.map((m) => m.name)).toEqual(["yes", "no", "y", "true", "null", "off", "on"]);
  });

  test("cloud-init reads back every hostname, package, NIC name and nameserver as written", () => {
    const read = cloudInitYaml([...users, ...networks]) as Doc[];
    const u = read.slice(0, machines.length);
    const n = read.slice(machines.length);
    expect(u.map((d) => d.hostname)).toEqual(["yes", "no", "y", "true", "null", "off", "on"]);
    expect(u[0].packages).toEqual([
      ...["qemu-guest-agent", "frr", "frr-pythontools", "yes", "no", "0b101", "0o17", "0x1f"],
      ...["1e3", "1.5", "017", "2026-12-06", "null"],
    ]);
    expect(u[6].packages).toEqual(["qemu-guest-agent", "on", "off", "true", "0b101", "2026-12-06"]);
    expect(n[0].ethernets.on["set-name"]).toBe("on");
    expect(n[0].ethernets.NO["set-name"]).toBe("NO");
    expect(n[6].ethernets.net0.nameservers).toEqual({ addresses: ["2001:1:2:3:4:5:6:7"] });
  });

  test("the VM `on`: its user data and network config, line by line", () => {
    expect(users[6]).toBe(
      [
        "#cloud-config",
        'hostname: "on"',
        "manage_etc_hosts: true",
        "ssh_pwauth: false",
        "disable_root: true",
        "package_update: true",
        "packages:",
        "  - qemu-guest-agent",
        '  - "on"',
        '  - "off"',
        '  - "true"',
        '  - "0b101"',
        '  - "2026-12-06"',
        "runcmd:",
        "  - [systemctl, start, qemu-guest-agent]",
        "",
      ].join("\n"),
    );
    const lines = networks[6].split("\n");
    const at = lines.indexOf("    nameservers:");
    expect(lines.slice(at, at + 3)).toEqual([
      "    nameservers:",
      "      addresses:",
      '        - "2001:1:2:3:4:5:6:7"',
    ]);
    expect(networks[0].split("\n").slice(2, 6)).toEqual([
      '  "on":',
      "    match:",
      '      macaddress: "02:00:65:00:0b:00"',
      '    set-name: "on"',
    ]);
  });

  test("cloud-init schema accepts the VM `on`'s user data, and rejects it unquoted", () => {
    expect(userDataProblems(users[6])).toEqual([]);
    expect(userDataProblems(users[6].replace('hostname: "on"', "hostname: on"))).toEqual([
      "cloud-init schema exited 1",
      "Cloud config schema deprecations:",
      "Error:",
      "Cloud config schema errors: hostname: True is not of type 'string', hostname: True is not of type 'string'",
    ]);
  });

  test("netplan generate names the node's NICs `on` and `NO`", () => {
    const out = netplanGenerate(networks[0]);
    expect(out.problems).toEqual([]);
    expect(out.networkd["10-netplan-on.link"]).toContain("Name=on\n");
    expect(out.networkd["10-netplan-NO.link"]).toContain("Name=NO\n");
  });
});

test("Talos patches quote every string: nodes `on`, `yes`, `null` and nameserver 2001:1:2:3:4:5:6:7", () => {
  const names = ["on", "yes", "null", "off", "true"];
  const { plan, topology } = requireSite(
    homelabWith((c) => {
      c.talos = { nameservers: ["2001:1:2:3:4:5:6:7"] };
      c.tenants[0].kubernetes.nodes.forEach((n: { name: string }, i: number) => {
        n.name = names[i];
      });
    }),
  );
  const patches = talosNodeInputs(topology, plan, plan.tenants[0]).map(renderTalosPatchYaml);
  // Talos 1.12+ (the default) takes the network as documents of a YAML stream (render/talos).
  expect(patches[0]).toContain('\nkind: "HostnameConfig"\nauto: "off"\nhostname: "on"\n');
  const docs = (cloudInitYaml(patches.flatMap((p) => p.split("\n---\n"))) as TalosDoc[]).filter(
    (d) => d.kind === "HostnameConfig" || d.kind === "ResolverConfig",
  );
  expect(docs.map((d) => d.hostname ?? d.nameservers?.map((n) => n.address))).toEqual(
    names.flatMap((n) => [n, ["2001:1:2:3:4:5:6:7"]]),
  );
});
