// The policy model on the two seed stacks that carry one (ms01: seed 002, arc-hybrid: seed 003):
// names resolved to exact address sets, zones and their defaults, who enforces what, the probe
// each rule and default gets, and every problem a policy can have, with its exact message.
import { Address } from "../../addressing/ip";
import { formatProblem } from "../../addressing/problems";
import { requireSite, resolveSite } from "../../site";
import { decide, probes, witness } from "../../topology/policy-eval";
import { filterLines } from "../../topology/policy-lines";
import { lineText } from "../../topology/policy-text";
import { Policy } from "../../topology/policy-types";
import { join } from "path";
import { fileRaw, stackRaw } from "../fixtures/base";

const policyOf = (stack: string): Policy => {
  const p = requireSite(stackRaw(stack)).topology.policy;
  if (!p) throw new Error(`${stack} has no policy`);
  return p;
};

/** A deep copy of a stack's raw config with `edit` applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function stackWith(stack: string, edit: (c: Record<string, any>) => void): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(stackRaw(stack)));
  edit(copy);
  return copy;
}

const problemsOf = (raw: Record<string, unknown>): string[] => {
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

const probeText = (p: Policy) =>
  probes(p).map(
    (x) =>
      `${x.tag}: ${x.flow.src} -> ${x.flow.dst} ${x.flow.protocol}${x.flow.port ? ` ${x.flow.port}` : ""} (${x.srcZone} -> ${x.dstZone}) ${x.expect}`,
  );

describe("ms01 (seed 002)", () => {
  const p = policyOf("ms01");

  test("zones: the four routed VLANs and the internet, with their defaults", () => {
    expect(p.zones.map((z) => [z.name, z.set.toString(), z.default, z.log, z.path])).toEqual([
      ["management", "10.8.16.0/24", "allow", false, "policy.default"],
      ["cephPublic", "10.8.48.0/24", "deny", true, "policy.zones[0]"],
      ["workload", "10.8.28.0/22", "allow", false, "policy.default"],
      ["default", "10.0.1.0/24", "allow", false, "policy.default"],
      [
        "internet",
        "0.0.0.0-10.0.0.255, 10.0.2.0-10.8.15.255, 10.8.17.0-10.8.27.255, 10.8.32.0/20, 10.8.49.0-10.95.255.255, 10.112.0.0-255.255.255.255, ::/0",
        "deny",
        false,
        "policy.zones[1]",
      ],
    ]);
  });

  test("names resolve to exact address sets, one family", () => {
    const r = p.rules[0];
    expect([r.src.toString(), r.dst.toString(), r.families, r.protocol, r.ports]).toEqual([
      "10.8.28.0/22",
      "10.8.16.10-10.8.16.12, 10.8.48.10-10.8.48.12",
      [4],
      "tcp",
      [{ from: 8006, to: 8006 }],
    ]);
    expect(p.rules[3].dst.toString()).toBe("10.8.16.190/31");
    expect(p.rules[4].to.map((t) => [t.name, t.kind])).toEqual([
      ["talos-k8s-01-mgmt", "device"],
      ["talos-k8s-02-mgmt", "device"],
      ["talos-k8s-03-mgmt", "device"],
    ]);
  });

  test("the UDM-Pro is not configured here: each host filters itself, the UDM gets the rest", () => {
    expect(p.points.map((x) => [x.kind, x.device, x.domain.toString()])).toEqual([
      ["proxmox", "pve-ms01-01", "10.8.16.10/32, 10.8.48.10/32"],
      ["proxmox", "pve-ms01-02", "10.8.16.11/32, 10.8.48.11/32"],
      ["proxmox", "pve-aimax-01", "10.8.16.12/32, 10.8.48.12/32"],
      [
        "manual",
        "udm-pro",
        "0.0.0.0-10.8.16.9, 10.8.16.13-10.8.48.9, 10.8.48.13-255.255.255.255, ::/0",
      ],
    ]);
  });

  test("a host's lines: its zones pass, the rules about it, then the zone defaults", () => {
    const host = p.points[0];
    expect(filterLines(p, host).map((l) => `${l.tag}: ${lineText(p, l, host.domain)}`)).toEqual([
      "intra=management: allow IPv4 from zone management (10.8.16.0/24) to 10.8.16.10/32, any protocol",
      "intra=cephPublic: allow IPv4 from zone cephPublic (10.8.48.0/24) to 10.8.48.10/32, any protocol",
      "rule=no-pve-ui: deny IPv4 from workload (10.8.28.0/22) to pve-ms01-01, pve-ms01-02, pve-aimax-01 (10.8.16.10/32, 10.8.48.10/32), tcp 8006, log",
      "rule=no-pve-ssh: deny IPv4 from workload (10.8.28.0/22) to pve-ms01-01, pve-ms01-02, pve-aimax-01 (10.8.16.10/32, 10.8.48.10/32), tcp 22, log",
      "rule=mgmt-to-storage: allow IPv4 from management (10.8.16.0/24) to cephPublic (10.8.48.10/32), any protocol",
      "rule=storage-isolated: deny IPv4 from any (anywhere) to cephPublic (10.8.48.10/32), any protocol, log",
      "default=cephPublic: deny IPv4 from zone cephPublic (10.8.48.0/24) to 10.8.16.10/32, any protocol, log",
      "default=internet: deny IPv4 from zone internet (internet) to anywhere else, any protocol",
    ]);
  });

  test("one probe per rule and per zone default, each decided by exactly that", () => {
    expect(probeText(p)).toEqual([
      "rule=no-pve-ui: 10.8.28.21 -> 10.8.16.10 tcp 8006 (workload -> management) deny",
      "rule=no-pve-ssh: 10.8.28.21 -> 10.8.16.10 tcp 22 (workload -> management) deny",
      "rule=no-jetkvm: 10.8.28.21 -> 10.8.16.92 tcp 443 (workload -> management) deny",
      "rule=no-vpro: 10.8.28.21 -> 10.8.16.190 tcp 443 (workload -> management) deny",
      "rule=talos-api: 10.8.28.21 -> 10.8.16.20 tcp 50000 (workload -> management) allow",
      "rule=kube-api: 10.8.28.21 -> 10.8.16.20 tcp 6443 (workload -> management) allow",
      "rule=web-out: 10.8.28.21 -> 203.0.113.10 tcp 443 (workload -> internet) allow",
      "rule=dns-tcp-out: 10.8.28.21 -> 203.0.113.10 tcp 53 (workload -> internet) allow",
      "rule=dns-ntp-out: 10.8.28.21 -> 203.0.113.10 udp 53 (workload -> internet) allow",
      "rule=no-other-internet: 10.8.28.21 -> 203.0.113.10 tcp 22 (workload -> internet) deny",
      "rule=mgmt-to-storage: 10.8.16.10 -> 10.8.48.11 tcp 443 (management -> cephPublic) allow",
      "rule=storage-isolated: 10.0.1.80 -> 10.8.48.10 tcp 443 (default -> cephPublic) deny",
      "default=management: 10.8.16.10 -> 10.0.1.80 tcp 443 (management -> default) allow",
      "default=cephPublic: 10.8.48.10 -> 10.0.1.80 tcp 443 (cephPublic -> default) deny",
      "default=workload: 10.8.28.21 -> 10.0.1.80 tcp 443 (workload -> default) allow",
      "default=default: 10.0.1.80 -> 10.8.16.10 tcp 443 (default -> management) allow",
      "default=internet: 203.0.113.10 -> 10.0.1.80 tcp 443 (internet -> default) deny",
    ]);
  });

  test("the UDM's rules are Manual steps, in order", () => {
    const steps = requireSite(stackRaw("ms01")).topology.manualSteps.filter(
      (m) => m.device === "udm-pro" && m.what.startsWith("firewall"),
    );
    expect(steps.map((m) => `${m.what} | ${m.why}`)).toEqual([
      "firewall between zones (inter-VLAN / LAN-in and WAN-in rules): the 12 rules below, in this order, above any rule that allows everything; traffic within a zone is not filtered | homelab:policy; traffic to the Proxmox hosts (pve-ms01-01, pve-ms01-02, pve-aimax-01) is filtered by their own firewall, rendered by this stack",
      "firewall rule 1: deny IPv4 from workload (10.8.28.0/22) to pve-aimax-01-kvm (10.8.16.92/32), any protocol, log | policy.rules[2] (no-jetkvm)",
      "firewall rule 2: deny IPv4 from workload (10.8.28.0/22) to pve-ms01-01-vpro, pve-ms01-02-vpro (10.8.16.190/31), any protocol, log | policy.rules[3] (no-vpro)",
      "firewall rule 3: allow IPv4 from workload (10.8.28.0/22) to talos-k8s-01-mgmt, talos-k8s-02-mgmt, talos-k8s-03-mgmt (10.8.16.20-10.8.16.22), tcp 50000 | policy.rules[4] (talos-api)",
      "firewall rule 4: allow IPv4 from workload (10.8.28.0/22) to talos-k8s-01-mgmt, talos-k8s-02-mgmt, talos-k8s-03-mgmt (10.8.16.20-10.8.16.22), tcp 6443 | policy.rules[5] (kube-api)",
      "firewall rule 5: allow IPv4 from workload (10.8.28.0/22) to internet (internet), tcp 80,443 | policy.rules[6] (web-out)",
      "firewall rule 6: allow IPv4 from workload (10.8.28.0/22) to internet (internet), tcp 53 | policy.rules[7] (dns-tcp-out)",
      "firewall rule 7: allow IPv4 from workload (10.8.28.0/22) to internet (internet), udp 53,123 | policy.rules[8] (dns-ntp-out)",
      "firewall rule 8: deny IPv4 from workload (10.8.28.0/22) to internet (internet), any protocol, log | policy.rules[9] (no-other-internet)",
      "firewall rule 9: allow IPv4 from management (10.8.16.0/24) to cephPublic (10.8.48.0-10.8.48.9, 10.8.48.13-10.8.48.255), any protocol | policy.rules[10] (mgmt-to-storage)",
      "firewall rule 10: deny IPv4 from any (anywhere) to cephPublic (10.8.48.0-10.8.48.9, 10.8.48.13-10.8.48.255), any protocol, log | policy.rules[11] (storage-isolated)",
      "firewall rule 11: deny IPv4 from zone cephPublic (10.8.48.0/24) to anywhere else, any protocol, log | policy.zones[0] (zone default)",
      "firewall rule 12: deny IPv4 from zone internet (internet) to anywhere else, any protocol | policy.zones[1] (zone default)",
    ]);
  });
});

describe("arc-hybrid (seed 003)", () => {
  const p = policyOf("arc-hybrid");

  test("the router server enforces everything", () => {
    expect(p.points.map((x) => [x.kind, x.device, x.own.toString()])).toEqual([
      [
        "router",
        "router-server",
        "10.10.10.1/32, 10.10.20.1/32, 10.10.30.1/32, 10.10.40.1/32, 10.10.50.1/32, 10.10.60.1/32, 10.10.99.1/32",
      ],
    ]);
  });

  test("one probe per rule and per zone default", () => {
    expect(probeText(p)).toEqual([
      "rule=mgmt-to-all: 10.10.60.10 -> 10.10.10.10 tcp 443 (mgmt -> storage) allow",
      "rule=compute-to-storage: 10.10.20.10 -> 10.10.10.10 tcp 443 (management -> storage) allow",
      "rule=app-to-storage: 10.10.30.10 -> 10.10.10.10 tcp 443 (app -> storage) allow",
      "rule=observability-to-all: 10.10.40.10 -> 10.10.10.10 tcp 443 (observability -> storage) allow",
      "rule=dmz-to-app-mgmt: 10.10.99.10 -> 10.10.30.10 tcp 443 (dmz -> app) allow",
      "rule=arc-outbound: 10.10.60.10 -> 203.0.113.10 tcp 443 (mgmt -> internet) allow",
      "rule=tunnel-outbound: 10.10.99.10 -> 203.0.113.10 tcp 443 (dmz -> internet) allow",
      "rule=tunnel-quic: 10.10.99.10 -> 203.0.113.10 udp 7844 (dmz -> internet) allow",
      "rule=log-shipping: 10.10.30.10 -> 10.10.40.30 tcp 3100 (app -> observability) allow",
      "rule=git-outbound: 10.10.50.70 -> 203.0.113.10 tcp 443 (devtest -> internet) allow",
      "rule=vms-dns-udp: 10.10.30.10 -> 203.0.113.10 udp 53 (app -> internet) allow",
      "rule=vms-dns-tcp: 10.10.30.10 -> 203.0.113.10 tcp 53 (app -> internet) allow",
      "rule=vms-ntp: 10.10.30.10 -> 203.0.113.10 udp 123 (app -> internet) allow",
      "rule=package-mirrors: 10.10.30.10 -> 203.0.113.10 tcp 443 (app -> internet) allow",
      "rule=host-images: 10.10.20.10 -> 203.0.113.10 tcp 443 (management -> internet) allow",
      "rule=host-ntp: 10.10.20.10 -> 203.0.113.10 udp 123 (management -> internet) allow",
      "default=management: 10.10.20.10 -> 10.10.30.10 tcp 443 (management -> app) deny",
      "default=storage: 10.10.10.10 -> 10.10.20.10 tcp 443 (storage -> management) deny",
      "default=app: 10.10.30.10 -> 10.10.20.10 tcp 443 (app -> management) deny",
      "default=observability: 10.10.40.10 -> 203.0.113.10 tcp 22 (observability -> internet) deny",
      "default=devtest: 10.10.50.70 -> 10.10.10.10 tcp 443 (devtest -> storage) deny",
      "default=mgmt: 10.10.60.10 -> 203.0.113.10 tcp 80 (mgmt -> internet) deny",
      "default=dmz: 10.10.99.10 -> 10.10.10.10 tcp 443 (dmz -> storage) deny",
      "default=internet: 203.0.113.10 -> 10.10.10.10 tcp 443 (internet -> storage) deny",
    ]);
  });

  test("decide: first rule, else the source zone's default; inside a zone, nothing", () => {
    const flow = (src: string, dst: string, port = 443) => {
      const d = decide(p, {
        src: Address.from(src),
        dst: Address.from(dst),
        protocol: "tcp",
        port,
      });
      return `${d.action} by ${d.by.kind === "rule" ? p.rules[d.by.index].name : d.by.kind === "input" ? "input" : d.by.kind === "defconf" ? `defconf ${d.by.rule}` : `${d.by.kind} ${d.by.zone}`}`;
    };
    expect([
      flow("10.10.60.10", "10.10.10.10"),
      flow("10.10.10.10", "10.10.60.10"),
      flow("10.10.99.10", "198.51.100.7"),
      // The bastion: the reverse proxy (.20) may reach the Debian mirrors (package-mirrors).
      flow("10.10.99.30", "198.51.100.7"),
      flow("10.10.50.70", "198.51.100.7", 22),
      flow("10.10.50.70", "198.51.100.7", 80),
      flow("10.10.30.10", "10.10.30.20"),
      flow("10.10.30.10", "10.10.30.1"),
    ]).toEqual([
      "allow by mgmt-to-all",
      "deny by default storage",
      "allow by tunnel-outbound",
      "deny by default dmz",
      "allow by git-outbound",
      "deny by default devtest",
      "allow by intra app",
      "allow by input",
    ]);
  });

  test("a witness inside a domain, or none when the rule never reaches it", () => {
    const rule = p.rules.findIndex((r) => r.name === "arc-outbound");
    const only = (s: string) =>
      requireSite(stackRaw("arc-hybrid")).topology.policy?.zones.find((z) => z.name === s)?.set;
    expect(String(witness(p, { rule }, only("internet"))?.dst)).toBe("203.0.113.10");
    expect(witness(p, { rule }, only("storage"))).toBeUndefined();
  });
});

describe("policy problems", () => {
  test("a name that is two things must be qualified; qualified, it resolves", () => {
    const devices = (c: Record<string, unknown[]>) =>
      c.devices.push({ name: "workload", network: "management", ipv4: "10.8.16.50" });
    const got = problemsOf(stackWith("ms01", devices));
    expect(got).toHaveLength(10);
    expect(got[0]).toBe(
      'policy.rules[0].from: "workload": names a segment and a device; write segment:workload or device:workload',
    );
    const qualified = stackWith("ms01", (c) => {
      devices(c);
      for (const r of c.policy.rules) if (r.from === "workload") r.from = "segment:workload";
    });
    expect(problemsOf(qualified)).toEqual([]);
  });

  test("two services of one name: counted once, not 'a service and a service'; renamed, each resolves", () => {
    const file = join(__dirname, "..", "fixtures", "invalid", "policy-name-same-kind.yaml");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const raw = fileRaw(file) as any;
    raw.tenants[0].kubernetes.serviceIps[1].service = "kube-system/infra-gateway";
    raw.policy.rules[1].to = "pool:apps-pool";
    const result = resolveSite(raw);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    if (!result.ok) return;
    const rules = result.topology.policy?.rules ?? [];
    expect(rules.map((r) => [r.name, r.to.map((t) => t.name), String(r.dst)])).toEqual([
      ["gateway-https", ["service:cilium-gateway"], "10.25.11.121/32"],
      ["gateway-pool", ["pool:apps-pool"], "10.25.11.120-10.25.11.139"],
    ]);
  });

  test("kinds, ports without TCP/UDP, duplicates, unknown and unrouted zones, FRR-only routers", () => {
    const raw = stackWith("arc-hybrid", (c) => {
      c.policy.rules[0].to = ["box:storage", "vm:nas", "storag"];
      c.policy.rules[1].protocol = "icmp";
      c.policy.rules[1].ports = [22];
      c.policy.rules[2].name = "mgmt-to-all";
      c.policy.rules[3].to = "git";
      c.policy.zones = [
        { zone: "lan", default: "allow" },
        { zone: "dmzz", default: "deny" },
      ];
      c.routers[0].os = "frr";
    });
    expect(problemsOf(raw)).toEqual([
      'policy.zones[0].zone: "lan": is a segment no router holds an address on: no router sees its traffic; to make it a zone, give a router an address on it (routers[].addresses); zones are management, storage, app, observability, devtest, mgmt, dmz, internet',
      'policy.zones[1].zone: "dmzz": is not a zone; did you mean dmz?',
      'policy.rules[0].to[0]: "box:storage": box is not a kind of name; use one of segment, tenant, cluster, host, node, vm, device, router, range, pool, service',
      'policy.rules[0].to[1]: "vm:nas": is not a vm of the plan; nas is a device: write device:nas',
      'policy.rules[0].to[2]: "storag": is not a name of the plan; did you mean storage?',
      'policy.rules[1].ports: "22": ports need protocol tcp or udp, not icmp; set protocol: tcp or udp, or remove ports',
      'policy.rules[2].name: "mgmt-to-all": duplicates policy.rules[0].name; give each rule a name of its own: rename policy.rules[2].name (the inventory, the rendered rules and the probes show rules by name)',
      'policy.rules[3].to: "git": holds no address in a zone a router routes: no router sees its traffic; to make it a zone, give a router an address on it (routers[].addresses); zones are management, storage, app, observability, devtest, mgmt, dmz, internet',
      'routers[0].os: "frr": delivers only frr.conf, so it cannot carry the policy\'s firewall rules; use os: linux (FRR and an nftables ruleset)',
    ]);
  });

  test("no family in common", () => {
    const raw = stackWith("ms01", (c) => {
      c.segments.push({ name: "v6lab", ipv6: "fd00:8:60::/64", vlan: 60 });
      c.routers[0].addresses.push({ interface: "br60", address: "fd00:8:60::1/64" });
      c.policy.rules.push({ name: "v6", from: "workload", to: "v6lab", action: "deny" });
    });
    expect(problemsOf(raw)).toEqual([
      'policy.rules[12]: "v6": has no address family in common: from holds IPv4 only, to holds IPv6 only; name a source and a destination that share IPv4 or IPv6, or remove the rule',
    ]);
  });

  test("a rule earlier rules reach together, and one inside a zone, are never reached", () => {
    const raw = stackWith("ms01", (c) => {
      c.policy.rules = [
        {
          name: "low",
          from: "workload",
          to: "management",
          protocol: "tcp",
          ports: ["1-1000"],
          action: "deny",
        },
        {
          name: "high",
          from: "workload",
          to: "management",
          protocol: "tcp",
          ports: ["1001-65535"],
          action: "deny",
        },
        {
          name: "mid",
          from: "workload",
          to: "pve-ms01-01-vpro",
          protocol: "tcp",
          ports: ["900-1100"],
          action: "allow",
        },
        { name: "inside", from: "workload", to: "talos-k8s", action: "deny" },
      ];
    });
    expect(problemsOf(raw)).toEqual([
      'policy.rules[2]: "mid": is never reached: policy.rules[0] (low), policy.rules[1] (high) decide all its traffic between zones; remove it, or narrow the rules before it',
      'policy.rules[3]: "inside": is never reached: its source and destination lie in one zone, which no router filters; remove it, or narrow the rules before it',
    ]);
  });
});

describe("a rule that drops a BGP session of the router that enforces it", () => {
  // The example stack: RouterOS edge, Cilium on lab-cp1..3 peering it from the tenant VLAN.
  const withRules = (rules: object[]) =>
    stackWith("example", (c) => {
      c.policy = { default: "allow", rules };
    });

  test("deny from the cluster to the router: one problem per session, naming both ends", () => {
    expect(
      problemsOf(
        withRules([{ name: "no-router", from: "cluster:lab", to: "edge", action: "deny" }]),
      ),
    ).toEqual([
      'policy.rules[0]: "no-router": drops IPv6 neighbor discovery (ICMPv6, RFC 4861) to edge\'s own addresses, so neighbors cannot resolve it; give the rule protocol tcp or udp, or allow protocol icmp to edge above it',
      'policy.rules[0]: "no-router": drops BGP of 6 BGP sessions of edge (TCP 179: 10.20.0.11 -> 10.20.0.254, 10.20.0.12 -> 10.20.0.254, 10.20.0.13 -> 10.20.0.254, fd8a:3c5e:1b20:1400::11 -> fd8a:3c5e:1b20:1400::fffe, fd8a:3c5e:1b20:1400::12 -> fd8a:3c5e:1b20:1400::fffe, fd8a:3c5e:1b20:1400::13 -> fd8a:3c5e:1b20:1400::fffe); allow it first: a rule from [lab-cp1, lab-cp2, lab-cp3] to edge with protocol tcp and ports [179], above this one',
    ]);
  });

  test("BGP and ICMP allowed first, or only other ports denied: no problem", () => {
    expect(
      problemsOf(
        withRules([
          { name: "icmp", from: "cluster:lab", to: "edge", protocol: "icmp", action: "allow" },
          {
            name: "bgp",
            from: "cluster:lab",
            to: "edge",
            protocol: "tcp",
            ports: [179],
            action: "allow",
          },
          { name: "no-router", from: "cluster:lab", to: "edge", action: "deny" },
        ]),
      ),
    ).toEqual([]);
    expect(
      problemsOf(
        withRules([
          {
            name: "no-ssh",
            from: "cluster:lab",
            to: "edge",
            protocol: "tcp",
            ports: [22],
            action: "deny",
          },
        ]),
      ),
    ).toEqual([]);
  });
});

test("a rule that drops BFD toward a RouterOS edge running it (sol: multihop, UDP 4784)", () => {
  const raw = stackWith("sol", (c) => {
    c.policy = {
      default: "allow",
      rules: [
        {
          name: "bgp",
          from: "sol-k8s",
          to: "edge",
          protocol: "tcp",
          ports: [179],
          action: "allow",
        },
        { name: "no-router", from: "sol-k8s", to: "edge", action: "deny" },
      ],
    };
  });
  expect(problemsOf(raw)).toEqual([
    'policy.rules[1]: "no-router": drops IPv6 neighbor discovery (ICMPv6, RFC 4861) to edge\'s own addresses, so neighbors cannot resolve it; give the rule protocol tcp or udp, or allow protocol icmp to edge above it',
    'policy.rules[1]: "no-router": drops BFD of 6 BGP sessions of edge (UDP 4784: fd00:255:101::11 -> fd00:101::fffe, fd00:255:101::12 -> fd00:101::fffe, fd00:255:101::13 -> fd00:101::fffe, fd00:255:101::21 -> fd00:101::fffe, fd00:255:101::22 -> fd00:101::fffe, fd00:255:101::23 -> fd00:101::fffe); allow it first: a rule from [solcp011, solcp012, solcp013, solwk021, solwk022, solwk023] to edge with protocol udp and ports [4784], above this one',
  ]);
  // BFD and ICMP allowed too: nothing the sessions need is dropped.
  const policy = (raw as { policy: { rules: object[] } }).policy;
  policy.rules.splice(
    1,
    0,
    { name: "bfd", from: "sol-k8s", to: "edge", protocol: "udp", ports: [4784], action: "allow" },
    { name: "icmp", from: "sol-k8s", to: "edge", protocol: "icmp", action: "allow" },
  );
  expect(problemsOf(raw)).toEqual([]);
});
