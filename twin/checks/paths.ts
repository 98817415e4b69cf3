// Forwarding checks of a running twin, each the command the seeds' validation sections use:
// `ip route get` from a node for every route its config installs (seed 001's two lines are two of
// them), pings from every node to the addresses routers and hosts hold on its subnets and between
// hosts, `ping -M do -s <MTU - 28>` across every jumbo path the artifacts configure (seed 002's
// storage VLAN), across each EVPN VNet between nodes on different hosts without fragmenting the
// underlay (seed 000), and ARP for every L2-announced service address (seed 002).
import { Address, Prefix } from "../../addressing/ip";
import { LiveTwin } from "../realise";
import { BuiltTwin } from "../site/build";
import { TwinSite } from "../site/types";
import { exitReturnTargets } from "../site/exit-returns";
import { addressesOf } from "./bgp";
import { Check, held, Outcome } from "./types";

const family = (a: string): 4 | 6 => (a.includes(":") ? 6 : 4);

/** `ping` from a node; true when every echo was answered. */
export function pings(live: LiveTwin, node: string, dst: string, extra: string[] = []): boolean {
  try {
    live.lab.exec(node, "ping", [
      `-${family(dst)}`,
      "-c",
      "2",
      "-i",
      "0.2",
      "-W",
      "1",
      ...extra,
      dst,
    ]);
    return true;
  } catch {
    return false;
  }
}

const subnetOf = (cidr: string): Prefix => {
  const [a, l] = cidr.split("/");
  const x = Address.from(a);
  return Prefix.containing(x.family, x.value, Number(l));
};

/** Every interface address of a device with its subnet (not host routes), and the interface. */
function ifaceAddrs(site: TwinSite, node: string): { iface: string; cidr: string }[] {
  return [
    ...site.veths
      .flatMap((v) => [v.a, v.b])
      .filter((e) => e.node === node)
      .flatMap((e) => e.addresses.map((cidr) => ({ iface: e.name, cidr }))),
    ...site.bridges
      .filter((b) => b.node === node)
      .flatMap((b) => b.addresses.map((cidr) => ({ iface: b.name, cidr }))),
  ].filter((x) => subnetOf(x.cidr).length < subnetOf(x.cidr).bits);
}

/** `ip route get` for every route of every node. */
function routeGets(twin: BuiltTwin): Check[] {
  const { site } = twin;
  const mgmt = site.devices
    .filter((d) => d.kind === "host")
    .flatMap((d) => ifaceAddrs(site, d.name).map((x) => x.cidr.split("/")[0]));
  return site.routes
    .filter(
      (r) =>
        r.via && ["node", "vm"].includes(site.devices.find((d) => d.name === r.node)?.kind ?? ""),
    )
    .flatMap((r) => {
      const fam = family(r.via as string);
      const connected = ifaceAddrs(site, r.node).map((x) => subnetOf(x.cidr));
      const probe =
        r.dst === "default"
          ? mgmt.find(
              (a) => family(a) === fam && !connected.some((p) => p.contains(Address.from(a))),
            )
          : String(Prefix.from(r.dst).host(1));
      if (!probe) return [];
      const want = `via ${r.via} dev ${r.dev}`;
      return [
        {
          name: `route ${r.node}: ip -${fam} route get ${probe}`,
          run: (live: LiveTwin): Outcome => {
            let seen = "";
            try {
              const out = live.lab.exec(r.node, "ip", [`-${fam}`, "route", "get", probe]);
              seen =
                /via (\S+) dev (\S+)/
                  .exec(out)
                  ?.slice(0, 3)
                  .join(" ")
                  .replace(/^via \S+ dev \S+ /, "") ?? out.trim();
              const m = /via (\S+) dev (\S+)/.exec(out);
              seen = m ? `via ${m[1]} dev ${m[2]}` : out.trim().split("\n")[0];
            } catch (e) {
              seen = e instanceof Error ? e.message.split("\n")[0] : String(e);
            }
            return { ok: seen === want, expected: want, seen };
          },
        },
      ];
    });
}

/** Pings: nodes to routers' and hosts' addresses on their subnets; hosts to each other. */
function reachability(site: TwinSite): Check[] {
  const out: Check[] = [];
  const infra = site.devices
    .filter((d) => ["host", "router", "stand-in"].includes(d.kind))
    .map((d) => d.name);
  const pairs = new Set<string>();
  for (const d of site.devices.filter((x) => ["node", "vm", "host"].includes(x.kind))) {
    for (const mine of ifaceAddrs(site, d.name)) {
      const net = subnetOf(mine.cidr);
      for (const other of infra.filter((n) => n !== d.name)) {
        for (const theirs of ifaceAddrs(site, other).filter((x) => subnetOf(x.cidr).equals(net))) {
          const dst = theirs.cidr.split("/")[0];
          const key = `${d.name}>${dst}`;
          if (pairs.has(key) || dst === mine.cidr.split("/")[0]) continue;
          pairs.add(key);
          out.push({
            name: `ping ${d.name} -> ${dst} (${other} ${theirs.iface})`,
            converges: true,
            run: (live) => {
              const ok = pings(live, d.name, dst);
              return { ok, expected: "replies", seen: ok ? "replies" : "no reply" };
            },
          });
        }
      }
    }
  }
  return out;
}

/**
 * Shared VIPs a node holds (Talos): answered from the routers and hosts on their subnet, from an
 * address of their own (an anycast gateway's replies would stay at the VIP holder's host), else
 * from the other nodes on the subnet.
 */
function vips(site: TwinSite): Check[] {
  const l2 = new Set(site.l2.map((x) => x.address));
  const holders = (a: string) =>
    site.devices.filter((d) => addressesOf(site, d.name).includes(a)).length;
  const on = (kinds: string[], vip: string, not: string) =>
    site.devices
      .filter((d) => kinds.includes(d.kind) && d.name !== not)
      .flatMap((d) => ifaceAddrs(site, d.name).map((a) => ({ node: d.name, ...a })))
      .filter(
        (a) => subnetOf(a.cidr).contains(Address.from(vip)) && holders(a.cidr.split("/")[0]) === 1,
      );
  return site.veths
    .flatMap((v) => [v.a, v.b])
    .filter((e) => site.devices.find((d) => d.name === e.node)?.kind === "node")
    .flatMap((e) =>
      e.addresses.filter((c) => /\/(32|128)$/.test(c)).map((c) => ({ e, vip: c.split("/")[0] })),
    )
    .filter((x) => !l2.has(x.vip))
    .flatMap(({ e, vip }) => {
      const infra = on(["host", "router", "stand-in"], vip, e.node);
      return (infra.length > 0 ? infra : on(["node", "vm"], vip, e.node)).map((a) => ({
        name: `vip ${vip} (${e.node}): ping from ${a.node}`,
        converges: true,
        run: (live: LiveTwin): Outcome => {
          const ok = pings(live, a.node, vip);
          return { ok, expected: "replies", seen: ok ? "replies" : "no reply" };
        },
      }));
    });
}

/** Jumbo frames across every host interface configured above 1500 bytes. */
function jumbo(site: TwinSite): Check[] {
  return site.jumbo.flatMap((j) => [
    {
      name: `mtu ${j.node} ${j.iface}: the MTU the config set`,
      run: (live: LiveTwin): Outcome => {
        const out = live.lab.exec(j.node, "ip", ["-o", "link", "show", "dev", j.iface]);
        const seen = /mtu (\d+)/.exec(out)?.[1] ?? "?";
        return { ok: seen === String(j.mtu), expected: `mtu ${j.mtu}`, seen: `mtu ${seen}` };
      },
    },
    ...j.peers.map((peer) => {
      const size = j.mtu - (family(peer) === 4 ? 28 : 48);
      return {
        name: `mtu ${j.node} -> ${peer}: ping -M do -s ${size}`,
        converges: true,
        run: (live: LiveTwin): Outcome => {
          const ok = pings(live, j.node, peer, ["-M", "do", "-s", String(size)]);
          return {
            ok,
            expected: `${size}-byte echoes unfragmented`,
            seen: ok ? "replies" : "no reply",
          };
        },
      };
    }),
  ]);
}

/** The host's IPv4 fragments created so far (`Ip: FragCreates`). */
function fragCreates(live: LiveTwin, node: string): number {
  const snmp = live.lab
    .exec(node, "cat", ["/proc/net/snmp"])
    .split("\n")
    .filter((l) => l.startsWith("Ip:"));
  const [head, values] = snmp.map((l) => l.split(/\s+/));
  return Number(values[head.indexOf("FragCreates")]);
}

/** Tenant traffic between nodes on different hosts crosses the VXLAN underlay unfragmented. */
function evpn(site: TwinSite): Check[] {
  const out: Check[] = [];
  for (const vnet of new Set(site.vxlans.map((x) => x.master))) {
    const taps = site.veths.filter((v) => v.b.master === vnet && v.b.name.startsWith("tap"));
    const a = taps[0];
    const b = taps.find((t) => t.b.node !== a?.b.node);
    if (!a || !b) continue;
    const mtu = site.vxlans.find((x) => x.master === vnet)?.mtu ?? 1500;
    for (const dst of b.a.addresses.filter((c) => !c.endsWith("/32") && !c.endsWith("/128"))) {
      const to = dst.split("/")[0];
      const size = mtu - (family(to) === 4 ? 28 : 48);
      const hosts = [a.b.node, b.b.node];
      out.push({
        name: `evpn ${vnet}: ${a.a.node} (${a.b.node}) -> ${to} (${b.b.node}) ping -M do -s ${size}`,
        converges: true,
        run: (live) => {
          const before = hosts.map((h) => fragCreates(live, h));
          const ok = pings(live, a.a.node, to, ["-M", "do", "-s", String(size)]);
          const frags = hosts
            .map((h, i) => fragCreates(live, h) - before[i])
            .reduce((x, y) => x + y, 0);
          return {
            ok: ok && frags === 0,
            expected: `replies over VXLAN, 0 underlay fragments`,
            seen: `${ok ? "replies" : "no reply"}, ${frags} underlay fragments`,
          };
        },
      });
    }
  }
  return out;
}

/** The MAC of a node's NIC. */
function macOf(live: LiveTwin, node: string, iface: string): string {
  const out = live.lab.exec(node, "ip", ["-o", "link", "show", "dev", iface]);
  return /link\/ether (\S+)/.exec(out)?.[1] ?? "?";
}

/**
 * L2-announced service addresses answer on the segment from the elected node's NIC: ARP for IPv4,
 * NDP (neighbor solicitation) for IPv6, as Cilium 1.19+ does.
 */
function l2(site: TwinSite): Check[] {
  return site.l2.flatMap((x) => {
    const gateway = site.devices
      .filter((d) => ["router", "stand-in", "host"].includes(d.kind))
      .flatMap((d) => ifaceAddrs(site, d.name).map((a) => ({ node: d.name, ...a })))
      .find((a) => subnetOf(a.cidr).contains(Address.from(x.address)));
    if (!gateway) return [];
    return [
      {
        name: `l2 ${x.address}: ${x.address.includes(":") ? "NDP" : "ARP"} from ${gateway.node} ${gateway.iface}`,
        converges: true,
        run: (live: LiveTwin): Outcome => {
          pings(live, gateway.node, x.address);
          const neigh = live.lab.exec(gateway.node, "ip", [
            "neigh",
            "show",
            x.address,
            "dev",
            gateway.iface,
          ]);
          const seen = /lladdr (\S+)/.exec(neigh)?.[1] ?? "no answer";
          if (x.node === "") {
            return { ok: false, expected: `an answer from a NIC matching ${x.iface}`, seen };
          }
          const want = macOf(live, x.node, x.iface);
          return { ok: seen === want, expected: `${want} (${x.node} ${x.iface})`, seen };
        },
      },
    ];
  });
}

/**
 * The way back into an EVPN zone with exit nodes (twin/site/exit-returns.ts): a ping from each
 * router to every VM address behind its return routes, where the twin has a way back.
 */
function exitReturns(site: TwinSite): Check[] {
  return exitReturnTargets(site)
    .filter((t) => t.why === undefined)
    .map((t): Check => ({
      name: t.name,
      converges: true,
      run: (live: LiveTwin): Outcome => {
        const ok = pings(live, t.router, t.address);
        return { ok, expected: "replies", seen: ok ? "replies" : "no reply" };
      },
    }));
}

/** Every forwarding check of the twin. */
export function pathChecks(twin: BuiltTwin): Check[] {
  return [
    ...routeGets(twin),
    ...reachability(twin.site),
    ...vips(twin.site),
    ...jumbo(twin.site),
    ...evpn(twin.site),
    ...exitReturns(twin.site),
    ...l2(twin.site),
  ];
}

export { held, addressesOf };
