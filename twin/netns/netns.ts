// A network-namespace lab: namespaces, Linux bridges as segments, veth links, addresses, and FRR
// daemons per namespace (each in its own FRR pathspace, `-N <namespace>`). Every namespace name
// starts with the lab ID `hlab<pid base 36>`, so a later run can reap what a killed run left
// behind, and so cleanup only ever touches this lab's namespaces and the processes inside them.
import { spawn } from "child_process";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { FRR_DIR, FrrDaemon, requireFrr } from "./frr-check";
import {
  alive,
  destroyNamespace,
  listNamespaces,
  reapStaleLabs,
  run,
  RUN_DIR,
  startWatchdog,
  waitFor,
} from "./host";

export { alive, listNamespaces, sleep, waitFor } from "./host";

/** One end of a veth pair. */
export interface VethEnd {
  readonly node: string;
  readonly name: string;
  readonly mtu: number;
  readonly mac?: string;
  /** A bridge on this end's side the end becomes a port of. */
  readonly master?: string;
}

/** A VXLAN device: VNI, local VTEP address, UDP port, bridge, and the remote VTEPs. */
export interface VxlanSpec {
  readonly name: string;
  readonly vni: number;
  readonly local: string;
  readonly port: number;
  readonly mtu: number;
  readonly master: string;
  readonly remotes: readonly string[];
}

export class NetnsLab {
  readonly id = `hlab${process.pid.toString(36)}`;
  readonly dir = join(tmpdir(), this.id);
  private readonly namespaces: string[] = [];
  private readonly ports = new Map<string, number>();
  private watchdog: number | undefined;
  private readonly onExit = () => this.destroy();
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.destroy();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };

  private constructor() {}

  /** A new, empty lab; fails with an install hint without FRR and a clear message without root. */
  static create(): NetnsLab {
    requireFrr();
    if (process.getuid?.() !== 0) throw new Error("the netns lab needs root (ip netns, FRR)");
    reapStaleLabs();
    const lab = new NetnsLab();
    if (listNamespaces().some((ns) => ns.startsWith(`${lab.id}-`))) {
      throw new Error(`namespaces of lab ${lab.id} already exist: one lab per process`);
    }
    rmSync(lab.dir, { recursive: true, force: true });
    mkdirSync(lab.dir, { recursive: true });
    process.once("exit", lab.onExit);
    process.once("SIGINT", lab.onSignal);
    process.once("SIGTERM", lab.onSignal);
    lab.watchdog = startWatchdog(process.pid, lab.id, lab.dir);
    return lab;
  }

  /** The namespace of a lab node. */
  ns(node: string): string {
    return `${this.id}-${node}`;
  }

  /** This lab's namespaces that exist on the host right now. */
  existing(): string[] {
    return listNamespaces().filter((ns) => ns.startsWith(`${this.id}-`));
  }

  /** A namespace that routes: forwarding on, DAD off (addresses are usable at once). */
  addNode(node: string): void {
    const ns = this.ns(node);
    run("ip", ["netns", "add", ns]);
    this.namespaces.push(ns);
    run("ip", ["-n", ns, "link", "set", "lo", "up"]);
    this.exec(node, "sysctl", ["-q", "-w", "net.ipv4.ip_forward=1"]);
    // Strict reverse-path filtering would drop the asymmetric paths an anycast gateway makes.
    for (const scope of ["all", "default"]) {
      this.exec(node, "sysctl", ["-q", "-w", `net.ipv4.conf.${scope}.rp_filter=0`]);
    }
    for (const scope of ["all", "default"]) {
      this.exec(node, "sysctl", ["-q", "-w", `net.ipv6.conf.${scope}.forwarding=1`]);
      this.exec(node, "sysctl", ["-q", "-w", `net.ipv6.conf.${scope}.accept_dad=0`]);
    }
  }

  /** A broadcast segment: a bridge `br0` alone in its own namespace. */
  addSegment(segment: string): void {
    this.addNode(segment);
    const ns = this.ns(segment);
    run("ip", ["-n", ns, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0"]);
    run("ip", ["-n", ns, "link", "set", "br0", "up"]);
  }

  /** Plugs `node` into `segment` with a veth named `ifname` on the node; returns the port. */
  connect(node: string, ifname: string, segment: string, mtu = 1500): string {
    const index = (this.ports.get(segment) ?? 0) + 1;
    this.ports.set(segment, index);
    const port = `p${index}`;
    const [ns, seg] = [this.ns(node), this.ns(segment)];
    const m = String(mtu);
    run(
      "ip",
      ["link", "add", ifname, "netns", ns, "mtu", m, "type", "veth"].concat([
        "peer",
        "name",
        port,
        "netns",
        seg,
        "mtu",
        m,
      ]),
    );
    run("ip", ["-n", seg, "link", "set", port, "master", "br0", "up"]);
    run("ip", ["-n", ns, "link", "set", ifname, "up"]);
    return port;
  }

  /** A bridge named `name` inside a node's namespace (no STP, no multicast snooping). */
  addBridge(node: string, name: string, mtu: number, mac?: string): void {
    const ns = this.ns(node);
    const args = ["-n", ns, "link", "add", name, "mtu", String(mtu)];
    run("ip", [...args, ...(mac ? ["address", mac] : []), "type", "bridge", "mcast_snooping", "0"]);
    run("ip", ["-n", ns, "link", "set", name, "up"]);
  }

  /**
   * A veth pair between two nodes' namespaces (or within one), each end with its own name and
   * MTU, optionally a port of a bridge on its side; both ends up.
   */
  addVeth(a: VethEnd, b: VethEnd): void {
    run("ip", [
      "link",
      "add",
      a.name,
      "netns",
      this.ns(a.node),
      "mtu",
      String(a.mtu),
      ...(a.mac ? ["address", a.mac] : []),
      "type",
      "veth",
      "peer",
      "name",
      b.name,
      "netns",
      this.ns(b.node),
      "mtu",
      String(b.mtu),
      ...(b.mac ? ["address", b.mac] : []),
    ]);
    for (const end of [a, b]) {
      const ns = this.ns(end.node);
      if (end.master) run("ip", ["-n", ns, "link", "set", end.name, "master", end.master]);
      run("ip", ["-n", ns, "link", "set", end.name, "up"]);
    }
  }

  /**
   * A VXLAN device in a node's namespace, port of `master`, flooding to `remotes` by static
   * head-end replication (an all-zeros FDB entry per remote VTEP).
   */
  addVxlan(node: string, v: VxlanSpec): void {
    const ns = this.ns(node);
    run("ip", [
      "-n",
      ns,
      "link",
      "add",
      v.name,
      "mtu",
      String(v.mtu),
      "type",
      "vxlan",
      "id",
      String(v.vni),
      "local",
      v.local,
      "dstport",
      String(v.port),
    ]);
    run("ip", ["-n", ns, "link", "set", v.name, "master", v.master]);
    run("ip", ["-n", ns, "link", "set", v.name, "up"]);
    for (const remote of v.remotes) {
      const fdb = ["fdb", "append", "00:00:00:00:00:00", "dev", v.name, "dst", remote];
      run("bridge", ["-n", ns, ...fdb]);
    }
  }

  /** `ip [-6] route add <args>` in a node's namespace. */
  addRoute(node: string, family: 4 | 6, args: readonly string[]): void {
    run("ip", ["-n", this.ns(node), `-${family}`, "route", "add", ...args]);
  }

  /** Starts a long-running process in a node's namespace, detached; returns its pid. */
  spawnIn(node: string, cmd: string, args: readonly string[], log: string): number {
    const out = openSync(log, "a");
    const child = spawn("ip", ["netns", "exec", this.ns(node), cmd, ...args], {
      detached: true,
      stdio: ["ignore", out, out],
    });
    closeSync(out);
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${cmd} in ${node}`);
    return child.pid;
  }

  /** Adds `address/length` (printed from the plan's values) to an interface. */
  addAddress(node: string, ifname: string, cidr: string): void {
    const v6 = cidr.includes(":") ? ["nodad"] : [];
    run("ip", ["-n", this.ns(node), "addr", "add", cidr, "dev", ifname, ...v6]);
  }

  setLink(node: string, ifname: string, up: boolean): void {
    run("ip", ["-n", this.ns(node), "link", "set", ifname, up ? "up" : "down"]);
  }

  exec(node: string, cmd: string, args: readonly string[]): string {
    return run("ip", ["netns", "exec", this.ns(node), cmd, ...args]);
  }

  private frrDir(node: string): string {
    return join(this.dir, this.ns(node));
  }

  /** Writes the node's integrated frr.conf where `vtysh -b --config_dir` will read it. */
  writeFrrConfig(node: string, conf: string): void {
    const dir = this.frrDir(node);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "frr.conf"), conf);
    writeFileSync(join(dir, "vtysh.conf"), "service integrated-vtysh-config\n");
    mkdirSync(join(RUN_DIR, this.ns(node)), { recursive: true });
    const { uid, gid } = frrIds();
    for (const p of [dir, join(RUN_DIR, this.ns(node))]) chownSync(p, uid, gid);
  }

  private pidFile(node: string, daemon: FrrDaemon): string {
    return join(RUN_DIR, this.ns(node), `${daemon}.pid`);
  }

  /**
   * Starts one daemon empty (`-f /dev/null`) in the node's namespace and pathspace, inside its
   * own UTS namespace named after the node: BGP and IS-IS advertise the system hostname, and
   * six daemons all calling themselves after the host make `show` output unreadable.
   */
  startDaemon(node: string, daemon: FrrDaemon): void {
    const ns = this.ns(node);
    const args = ["-d", "-N", ns, "-P", "0", "-f", "/dev/null", "-i", this.pidFile(node, daemon)];
    args.push("--log", `file:${join(this.frrDir(node), `${daemon}.log`)}`);
    if (daemon === "zebra") args.push("-s", "90000000");
    const setHostname = 'hostname "$0" && exec "$@"';
    this.exec(node, "unshare", [
      "--uts",
      "sh",
      "-c",
      setHostname,
      node,
      join(FRR_DIR, daemon),
      ...args,
    ]);
  }

  private socketsUp(node: string, daemons: readonly FrrDaemon[]): boolean {
    const base = join(RUN_DIR, this.ns(node));
    return daemons.every((d) => existsSync(join(base, `${d}.vty`)));
  }

  /** Starts the daemons (zebra first) and loads frr.conf through vtysh, as frr.service does. */
  async startFrr(node: string, daemons: readonly FrrDaemon[]): Promise<void> {
    this.startDaemon(node, "zebra");
    await waitFor(
      `zebra of ${node}`,
      10_000,
      () => existsSync(join(RUN_DIR, this.ns(node), "zserv.api")) || undefined,
    );
    daemons.filter((d) => d !== "zebra").forEach((d) => this.startDaemon(node, d));
    await waitFor(
      `daemons of ${node}`,
      10_000,
      () => this.socketsUp(node, ["zebra", ...daemons]) || undefined,
    );
    this.loadConfig(node);
  }

  /** Pushes frr.conf (`vtysh -b`), to every daemon or to one that was restarted. */
  loadConfig(node: string, daemon?: FrrDaemon): void {
    run("vtysh", [...this.vtyshArgs(node), "-b", ...(daemon ? ["-d", daemon] : [])]);
  }

  private vtyshArgs(node: string): string[] {
    return ["-N", this.ns(node), "--config_dir", this.dir];
  }

  vtysh(node: string, command: string): string {
    return run("vtysh", [...this.vtyshArgs(node), "-c", command]);
  }

  vtyshJson<T>(node: string, command: string): T {
    return JSON.parse(this.vtysh(node, `${command} json`)) as T;
  }

  /** Starts a daemon again and loads its part of frr.conf once its vty answers. */
  async restartDaemon(node: string, daemon: FrrDaemon): Promise<void> {
    this.startDaemon(node, daemon);
    const args = [...this.vtyshArgs(node), "-d", daemon, "-c", "show version"];
    await waitFor(`${daemon} of ${node} to answer`, 10_000, () => {
      try {
        return run("vtysh", args) ? true : undefined;
      } catch {
        return undefined;
      }
    });
    this.loadConfig(node, daemon);
  }

  /** Every process inside the lab's namespaces (the daemons it started). */
  pids(): number[] {
    return this.existing().flatMap((ns) =>
      run("ip", ["netns", "pids", ns])
        .split("\n")
        .filter((l) => l.length > 0)
        .map(Number),
    );
  }

  /** Signals a daemon and waits until it is gone. */
  async stopDaemon(node: string, daemon: FrrDaemon, signal: NodeJS.Signals): Promise<void> {
    const pid = Number(readFileSync(this.pidFile(node, daemon), "utf8").trim());
    process.kill(pid, signal);
    await waitFor(`${daemon} of ${node} to exit`, 10_000, () => (alive(pid) ? undefined : true));
  }

  /** Removes every namespace, daemon and file of the lab; safe to call more than once. */
  destroy(): void {
    process.removeListener("exit", this.onExit);
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
    const mine = new Set([...this.namespaces, ...this.existing()]);
    for (const ns of mine) {
      if (listNamespaces().includes(ns)) destroyNamespace(ns);
      rmSync(join(RUN_DIR, ns), { recursive: true, force: true });
    }
    this.namespaces.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
    if (this.watchdog !== undefined && alive(this.watchdog)) process.kill(this.watchdog);
    this.watchdog = undefined;
  }
}

function frrIds(): { uid: number; gid: number } {
  const field = (db: string, name: string) => Number(run("getent", [db, name]).split(":")[2]);
  return { uid: field("passwd", "frr"), gid: field("group", "frr") };
}
