// What the cloud-init VMs boot with, read back from the rendered text: seed 001's node interfaces,
// routes (metric, on-link) and loopbacks, exactly as its node sections write them; seed 003's K3s
// server config; plain VMs' derived and configured routes; SSH keys in the user data.
import { parse } from "yaml";
import { requireSite } from "../../site";
import { cloudInitMachines, CloudInitMachine } from "../../render/cloud-init/inputs";
import { renderNetworkConfig } from "../../render/cloud-init/network-config";
import { renderUserData, sshKeyLines } from "../../render/cloud-init/user-data";
import { vipHealthScript, vipHealthUnit } from "../../render/cloud-init/vip-health";
import { vmMac } from "../../topology/vms";
import { stackRaw } from "../fixtures/base";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function machines(raw: Record<string, unknown>): CloudInitMachine[] {
  const { plan, topology } = requireSite(raw);
  return cloudInitMachines(plan, topology);
}

const network = (m: CloudInitMachine): Doc => parse(renderNetworkConfig(m.network));
const userData = (m: CloudInitMachine, keys: string[] = []): Doc =>
  parse(renderUserData({ ...m.userData, sshKeys: keys }));

describe("sol (seed 001): six FRR nodes", () => {
  const all = machines(stackRaw("sol"));

  test("one VM per node, on the seed's hosts, with VM IDs tenant x 100 + node ID", () => {
    expect(all.map((m) => [m.name, m.host, m.vmId, m.image])).toEqual([
      ["solcp011", "pve01", 10111, "debian-12"],
      ["solcp012", "pve02", 10112, "debian-12"],
      ["solcp013", "pve03", 10113, "debian-12"],
      ["solwk021", "pve01", 10121, "debian-12"],
      ["solwk022", "pve02", 10122, "debian-12"],
      ["solwk023", "pve03", 10123, "debian-12"],
    ]);
  });

  test("solcp011's network config, whole: mesh0 mesh, egress0 egress, loopback and VIP on lo", () => {
    expect(renderNetworkConfig(all[0].network)).toBe(
      [
        "version: 2",
        "ethernets:",
        "  mesh0:",
        "    match:",
        '      macaddress: "02:00:65:00:0b:00"',
        "    set-name: mesh0",
        "    mtu: 8930",
        "    addresses:",
        "      - fc00:101::11/64",
        "    routes:",
        "      - to: fc00:20::/64",
        "        via: fc00:101::fffe",
        "        metric: 100",
        "        on-link: true",
        "      - to: fc00:21::/64",
        "        via: fc00:101::fffe",
        "        metric: 100",
        "        on-link: true",
        "  egress0:",
        "    match:",
        '      macaddress: "02:00:65:00:0b:01"',
        "    set-name: egress0",
        "    addresses:",
        "      - fd00:101::11/64",
        "    nameservers:",
        "      addresses:",
        "        - 2606:4700:4700::1111",
        "    routes:",
        "      - to: fd00:10::/64",
        "        via: fd00:101::fffe",
        "      - to: ::/0",
        "        via: fd00:101::fffe",
        "  lo:",
        "    match:",
        "      name: lo",
        "    addresses:",
        "      - 10.255.101.11/32",
        "      - fd00:255:101::11/128",
        "      - fd00:255:101::ac/128",
        "",
      ].join("\n"),
    );
  });

  // Seed 001, "Kubernetes Nodes (With FRR)", static routes:
  //   ip -6 route add fc00:20::/64 via fc00:101::fffe dev mesh0 metric 100 onlink
  //   ip -6 route add fc00:21::/64 via fc00:101::fffe dev mesh0 metric 100 onlink
  //   ip -6 route add default via fd00:101::fffe dev egress0
  test.each(all.map((m, i) => [m.name, i] as const))(
    "%s: every route of the seed's node section, with its metric and on-link",
    (_name, i) => {
      const eth = network(all[i]).ethernets;
      expect(eth.mesh0.routes).toEqual([
        { to: "fc00:20::/64", via: "fc00:101::fffe", metric: 100, "on-link": true },
        { to: "fc00:21::/64", via: "fc00:101::fffe", metric: 100, "on-link": true },
      ]);
      expect(eth.egress0.routes).toContainEqual({ to: "::/0", via: "fd00:101::fffe" });
    },
  );

  test("interfaces and loopbacks of every node, as the seed's tables list them", () => {
    expect(
      all.map((m) => {
        const eth = network(m).ethernets;
        return [m.name, eth.mesh0.addresses, eth.egress0.addresses, eth.lo.addresses];
      }),
    ).toEqual([
      [
        "solcp011",
        ["fc00:101::11/64"],
        ["fd00:101::11/64"],
        ["10.255.101.11/32", "fd00:255:101::11/128", "fd00:255:101::ac/128"],
      ],
      [
        "solcp012",
        ["fc00:101::12/64"],
        ["fd00:101::12/64"],
        ["10.255.101.12/32", "fd00:255:101::12/128", "fd00:255:101::ac/128"],
      ],
      [
        "solcp013",
        ["fc00:101::13/64"],
        ["fd00:101::13/64"],
        ["10.255.101.13/32", "fd00:255:101::13/128", "fd00:255:101::ac/128"],
      ],
      [
        "solwk021",
        ["fc00:101::21/64"],
        ["fd00:101::21/64"],
        ["10.255.101.21/32", "fd00:255:101::21/128"],
      ],
      [
        "solwk022",
        ["fc00:101::22/64"],
        ["fd00:101::22/64"],
        ["10.255.101.22/32", "fd00:255:101::22/128"],
      ],
      [
        "solwk023",
        ["fc00:101::23/64"],
        ["fd00:101::23/64"],
        ["10.255.101.23/32", "fd00:255:101::23/128"],
      ],
    ]);
  });

  test("user data: FRR installed and its daemons switched on, root gets the keys for FRR delivery", () => {
    expect(userData(all[0], ["ssh-ed25519 AAAAC3Nza test@example"])).toEqual({
      hostname: "solcp011",
      manage_etc_hosts: true,
      ssh_pwauth: false,
      disable_root: false,
      ssh_authorized_keys: ["ssh-ed25519 AAAAC3Nza test@example"],
      package_update: true,
      packages: ["qemu-guest-agent", "frr", "frr-pythontools"],
      runcmd: [
        ["systemctl", "start", "qemu-guest-agent"],
        ["sed", "-i", "-E", "s/^(bgpd|isisd|bfdd)=no$/\\1=yes/", "/etc/frr/daemons"],
        ["systemctl", "restart", "frr"],
        ["systemctl", "daemon-reload"],
        ["systemctl", "enable", "--now", "vip-health-bgp.service"],
      ],
      // The API VIP's health check (test/render/vip-health.test.ts).
      write_files: [
        {
          path: "/usr/local/bin/vip-health-bgp.sh",
          permissions: "0755",
          content: vipHealthScript(["fd00:255:101::ac/128"]),
        },
        {
          path: "/etc/systemd/system/vip-health-bgp.service",
          permissions: "0644",
          content: vipHealthUnit(),
        },
      ],
    });
  });
});

describe("arc-hybrid (seed 003): the K3s, Git and service VMs", () => {
  const all = machines(stackRaw("arc-hybrid"));
  const byName = new Map(all.map((m) => [m.name, m]));

  test("every VM: host, VM ID, address, gateway", () => {
    expect(
      all.map((m) => {
        const net0 = network(m).ethernets.net0;
        return [m.name, m.host, m.vmId, net0.addresses[0], net0.routes[0].via];
      }),
    ).toEqual([
      ["k3s", "pve-ml110", 1188, "192.168.1.188/24", "192.168.1.1"],
      ["git", "pve-r630", 1060, "192.168.1.60/24", "192.168.1.1"],
      ["reverse-proxy-app", "pve-ml110", 3010, "10.10.30.10/24", "10.10.30.1"],
      ["prometheus", "pve-r630", 4010, "10.10.40.10/24", "10.10.40.1"],
      ["grafana", "pve-r630", 4020, "10.10.40.20/24", "10.10.40.1"],
      ["loki", "pve-r630", 4030, "10.10.40.30/24", "10.10.40.1"],
      ["cicd", "pve-ml110", 5070, "10.10.50.70/24", "10.10.50.1"],
      ["jump-host", "pve-ml110", 6010, "10.10.60.10/24", "10.10.60.1"],
      ["cloudflare-tunnel", "pve-r630", 9910, "10.10.99.10/24", "10.10.99.1"],
      ["reverse-proxy-dmz", "pve-r630", 9920, "10.10.99.20/24", "10.10.99.1"],
      ["bastion", "pve-ml110", 9930, "10.10.99.30/24", "10.10.99.1"],
    ]);
  });

  test("the K3s VM: the seed's custom config in /etc/rancher/k3s/config.yaml", () => {
    const k3s = byName.get("k3s") as CloudInitMachine;
    expect(userData(k3s).write_files).toEqual([
      {
        path: "/etc/rancher/k3s/config.yaml",
        permissions: "0644",
        content:
          "cluster-cidr: 10.244.0.0/16\nservice-cidr: 10.245.0.0/16\ncluster-dns: 10.245.0.10\n",
      },
    ]);
    expect(network(k3s)).toEqual({
      version: 2,
      ethernets: {
        net0: {
          match: { macaddress: "06:00:00:04:a4:00" },
          "set-name": "net0",
          addresses: ["192.168.1.188/24"],
          nameservers: { addresses: ["192.168.1.1"] },
          routes: [{ to: "0.0.0.0/0", via: "192.168.1.1" }],
        },
      },
    });
    expect(k3s.nics).toEqual([{ name: "net0", mac: "06:00:00:04:a4:00", segment: "segment:lan" }]);
  });
});

describe("plain VMs: derived and configured routes", () => {
  // Seed 001's "Two-interface VMs (Non-K8s)": net0 on the mesh, net1 on the egress VLAN.
  const raw = {
    ...stackRaw("sol"),
    vms: [
      {
        name: "jool",
        id: 64,
        vmId: 20064,
        host: "pve02",
        networks: [{ network: "sol.mesh" }, { network: "sol" }],
        routes: [
          { to: "fc00:20::/64", via: "fc00:101::fffe", metric: 100 },
          { to: "fc00:21::/64", via: "fc00:101::fffe", metric: 100 },
          { to: "fd00:10::/64", via: "fd00:101::fffe", metric: 100 },
        ],
      },
    ],
  };
  const vm = machines(raw).find((m) => m.name === "jool") as CloudInitMachine;

  test("the seed's routes for two-interface VMs: Ceph via the mesh, management and default via egress", () => {
    const eth = network(vm).ethernets;
    expect([eth.net0.addresses, eth.net0.mtu, eth.net0.routes]).toEqual([
      ["fc00:101::64/64"],
      8930,
      [
        { to: "fc00:20::/64", via: "fc00:101::fffe", metric: 100 },
        { to: "fc00:21::/64", via: "fc00:101::fffe", metric: 100 },
      ],
    ]);
    expect([eth.net1.addresses, eth.net1.mtu, eth.net1.routes]).toEqual([
      ["fd00:101::64/64"],
      undefined,
      [
        { to: "::/0", via: "fd00:101::fffe" },
        { to: "fd00:10::/64", via: "fd00:101::fffe", metric: 100 },
      ],
    ]);
    expect(eth.lo).toBeUndefined();
  });

  test("NICs: the mesh VNet and the egress VLAN, MACs from the VM ID", () => {
    expect(vm.nics).toEqual([
      { name: "net0", mac: vmMac(20064, 0), segment: "vnet:vnet101", mtu: 8930 },
      { name: "net1", mac: vmMac(20064, 1), segment: "tenant:101" },
    ]);
    expect([vmMac(20064, 0), vmMac(20064, 1)]).toEqual(["06:00:00:4e:60:00", "06:00:00:4e:60:01"]);
  });

  test("a configured default route replaces the derived one", () => {
    const over = machines({
      ...raw,
      vms: [{ ...raw.vms[0], routes: [{ to: "::/0", via: "fc00:101::fffe", metric: 50 }] }],
    }).find((m) => m.name === "jool") as CloudInitMachine;
    const eth = network(over).ethernets;
    expect([eth.net0.routes, eth.net1.routes]).toEqual([
      [
        { to: "fc00:20::/64", via: "fc00:101::fffe" },
        { to: "fc00:21::/64", via: "fc00:101::fffe" },
        { to: "::/0", via: "fc00:101::fffe", metric: 50 },
      ],
      undefined,
    ]);
  });
});

test("SSH keys: one per line, blank lines and comments dropped", () => {
  expect(sshKeyLines("ssh-ed25519 AAAA a@b\n\n# old key\n  ssh-rsa BBBB c@d  \n")).toEqual([
    "ssh-ed25519 AAAA a@b",
    "ssh-rsa BBBB c@d",
  ]);
});

test("vmMac: 06 and the 32-bit VM ID; out-of-range fields throw", () => {
  expect(vmMac(999999999, 255)).toBe("06:3b:9a:c9:ff:ff");
  expect(() => vmMac(2 ** 32, 0)).toThrow("vmId 4294967296 does not fit 32 bits");
  expect(() => vmMac(100, 256)).toThrow("nic 256 does not fit 8 bits (0-255)");
});
