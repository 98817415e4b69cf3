// Realises a twin in network namespaces: a namespace per device, bridges, veth pairs, vxlan
// devices, addresses, routes, the policy's rulesets (nftables), then the daemons (FRR first, so
// that GoBGP's first outbound connect finds its peers listening; Cilium's GoBGP never listens).
// Everything lives in one NetnsLab, so `lab.destroy()` (also run on exit, SIGINT, SIGTERM, and by
// the watchdog after SIGKILL) removes every namespace and daemon.
import { writeFileSync } from "fs";
import { join } from "path";
import { NetnsLab } from "./netns/netns";
import { run, waitFor } from "./netns/host";
import { TwinSite } from "./site/types";

/** A running twin: the lab and the pids of the gobgpd it started, by node. */
export interface LiveTwin {
  readonly lab: NetnsLab;
  readonly site: TwinSite;
  readonly gobgpd: Map<string, number>;
}

const family = (a: string): 4 | 6 => (a.includes(":") ? 6 : 4);

/** `gobgp` (the client) against the node's own gobgpd. */
export function gobgp(lab: NetnsLab, node: string, args: readonly string[]): string {
  return lab.exec(node, "gobgp", ["-u", "127.0.0.1", ...args]);
}

/** Starts gobgpd on a node and adds its announcements once its API answers. */
export async function startGobgp(live: LiveTwin, node: string): Promise<void> {
  const g = live.site.gobgp.find((x) => x.node === node);
  if (!g) throw new Error(`${node} runs no GoBGP`);
  const conf = join(live.lab.dir, `${node}.gobgpd.toml`);
  writeFileSync(conf, g.config);
  const args = ["-f", conf, "-p", "--pprof-disable", "--api-hosts", "127.0.0.1:50051"];
  const pid = live.lab.spawnIn(
    node,
    "gobgpd",
    [...args, "-l", "warn"],
    join(live.lab.dir, `${node}.gobgpd.log`),
  );
  live.gobgpd.set(node, pid);
  await waitFor(`gobgpd of ${node}`, 10_000, () => {
    gobgp(live.lab, node, ["global"]);
    return true;
  });
  for (const a of g.announce) {
    gobgp(live.lab, node, [
      "global",
      "rib",
      "add",
      "-a",
      a.family === 4 ? "ipv4" : "ipv6",
      a.prefix,
    ]);
  }
}

/**
 * Runs one build step of the twin; a command that fails (iproute2, sysctl) is rethrown as
 * `could not build <what>: <the tool's own error>`, naming what was being built and why, never a
 * bare `Command failed`.
 */
export function building<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const message = (e as { message?: unknown } | undefined)?.message;
    const text = typeof message === "string" ? message : String(e);
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const command = lines[0]?.startsWith("Command failed: ") ? lines[0].slice(16) : undefined;
    const why = command
      ? lines
          .slice(1)
          .join(" ")
          .replace(/^Error: /, "") || "it failed"
      : text;
    throw new Error(`could not build ${what}: ${why}${command ? ` (${command})` : ""}`);
  }
}

/** Builds the namespaces and links, starts every daemon; destroys the lab if anything fails. */
export async function realise(site: TwinSite): Promise<LiveTwin> {
  const lab = NetnsLab.create();
  const live: LiveTwin = { lab, site, gobgpd: new Map() };
  try {
    for (const d of site.devices) {
      building(`the namespace of ${d.name}`, () => lab.addNode(d.name));
      for (const s of d.sysctls)
        building(`${d.name}'s sysctl ${s}`, () => lab.exec(d.name, "sysctl", ["-q", "-w", s]));
    }
    for (const br of site.bridges) {
      building(`${br.node}'s bridge ${br.name}`, () =>
        lab.addBridge(br.node, br.name, br.mtu, br.mac),
      );
      for (const a of br.addresses)
        building(`${br.node}'s address ${a} on ${br.name}`, () =>
          lab.addAddress(br.node, br.name, a),
        );
    }
    for (const v of site.veths) {
      building(`the link ${v.a.node} ${v.a.name} - ${v.b.node} ${v.b.name}`, () =>
        lab.addVeth(v.a, v.b),
      );
      for (const end of [v.a, v.b])
        for (const a of end.addresses)
          building(`${end.node}'s address ${a} on ${end.name}`, () =>
            lab.addAddress(end.node, end.name, a),
          );
    }
    for (const x of site.vxlans)
      building(`${x.node}'s VXLAN ${x.name}`, () => lab.addVxlan(x.node, { ...x, port: 4789 }));
    for (const l of site.loopbacks)
      building(`${l.node}'s address ${l.address} on lo`, () =>
        lab.addAddress(l.node, "lo", l.address),
      );
    for (const l2 of site.l2.filter((x) => x.node !== "")) {
      lab.addAddress(l2.node, l2.iface, `${l2.address}/${family(l2.address) === 4 ? 32 : 128}`);
    }
    for (const x of site.rules) {
      lab.exec(x.node, "ip", [
        `-${x.family}`,
        "rule",
        "add",
        "iif",
        x.iif,
        "lookup",
        String(x.table),
      ]);
    }
    // Source-specific routes: a table per (namespace, source), chosen by an `ip rule from`.
    const tables = new Map<string, number>();
    for (const r of site.routes) {
      const args = r.dst.split(" ");
      if (r.table !== undefined) args.push("table", String(r.table));
      else if (r.from) {
        const key = `${r.node} ${r.from}`;
        let table = tables.get(key);
        if (table === undefined) {
          table = 100 + tables.size;
          tables.set(key, table);
          const f = family(r.from);
          lab.exec(r.node, "ip", [`-${f}`, "rule", "add", "from", r.from, "table", String(table)]);
        }
        args.push("table", String(table));
      }
      if (r.via) args.push("via", r.via);
      const hop = [...(r.dev ? ["dev", r.dev] : []), ...(r.onLink ? ["onlink"] : [])];
      for (const v of r.nexthops ?? []) args.push("nexthop", "via", v, ...hop);
      if (r.dev && !r.nexthops) args.push("dev", r.dev);
      if (r.src) args.push("src", r.src);
      if (r.metric !== undefined) args.push("metric", String(r.metric));
      if (r.onLink && !r.nexthops) args.push("onlink");
      const modelled = site.devices.find((d) => d.name === r.node)?.modelledBy;
      building(
        `${r.node}'s route ${args.join(" ")}${modelled ? ` (${r.node}: ${modelled})` : ""}`,
        () => lab.addRoute(r.node, family(r.via ?? r.nexthops?.[0] ?? r.dst), args),
      );
    }
    // The policy's rulesets, before any daemon starts (as on a device that boots with them).
    site.firewalls.forEach((f, i) => {
      const file = join(lab.dir, `${f.node}.${i}.nft`);
      writeFileSync(file, f.ruleset);
      try {
        lab.exec(f.node, "nft", ["-f", file]);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(
          `${f.node}: nft -f refused the ruleset of ${f.sources.join(" + ")}: ${why}`,
        );
      }
    });
    for (const f of site.frr) lab.writeFrrConfig(f.node, f.conf);
    await Promise.all(site.frr.map((f) => lab.startFrr(f.node, f.daemons)));
    await Promise.all(site.gobgp.map((g) => startGobgp(live, g.node)));
  } catch (e) {
    lab.destroy();
    throw e;
  }
  return live;
}

/** Stops a node's gobgpd (SIGTERM, or SIGKILL) and waits until it is gone. */
export async function stopGobgp(
  live: LiveTwin,
  node: string,
  signal: NodeJS.Signals,
): Promise<void> {
  const pid = live.gobgpd.get(node);
  if (pid === undefined) throw new Error(`${node} runs no gobgpd`);
  const inner = run("ip", ["netns", "pids", live.lab.ns(node)])
    .split("\n")
    .map(Number)
    .filter((p) => p > 0);
  for (const p of inner) {
    try {
      if (run("ps", ["-o", "comm=", "-p", String(p)]).trim() === "gobgpd") process.kill(p, signal);
    } catch {
      // already gone
    }
  }
  await waitFor(`gobgpd of ${node} to exit`, 10_000, () =>
    run("ip", ["netns", "pids", live.lab.ns(node)]).trim() === "" ? true : undefined,
  );
  live.gobgpd.delete(node);
}
