// Runs packet probes between network namespaces with the probe agent (probe-agent.ts): servers in
// the destinations' namespaces, then one client per source namespace sending its probes in
// parallel. Used by the site twin's policy checks and the policy lab.
import { ChildProcess, spawn } from "child_process";
import { AgentProbe, AgentResult, CLIENT, SERVER } from "./probe-agent";

/** The namespaces to run in: `ns(node)` is the name `ip netns exec` takes. */
export interface ProbeNamespaces {
  ns(node: string): string;
}

/**
 * A probe with the namespaces that hold its source and destination (`alsoAt`: other namespaces
 * holding the destination too, where servers start as well).
 */
export type PlacedProbe = Omit<AgentProbe, "id"> & {
  readonly from: string;
  readonly to: string;
  readonly alsoAt?: readonly string[];
};

/** Runs `source` with node inside namespace `node`. */
function inNode(lab: ProbeNamespaces, node: string, source: string, args: readonly string[]) {
  const argv = ["netns", "exec", lab.ns(node), process.execPath, "-e", source, ...args];
  return spawn("ip", argv, { stdio: ["ignore", "pipe", "pipe"] });
}

/** The key of a port a daemon holds in `node`: TCP per port, UDP per port and address. */
export function heldKey(node: string, protocol: "tcp" | "udp", port: number, address?: string) {
  return protocol === "tcp" ? `${node} tcp ${port}` : `${node} udp ${port} ${address}`;
}

/**
 * Starts the probe servers the probes need (TCP listeners and UDP echoes on their ports, in each
 * destination namespace, on its probe addresses) and resolves once all listen; the caller kills
 * the returned processes. Rejects naming the namespace when a server exits. Ports a daemon of
 * the namespace already holds are added to `held` as `heldKey` gives them, and left to it.
 */
export async function startProbeServers(
  lab: ProbeNamespaces,
  probes: readonly PlacedProbe[],
  held: Set<string> = new Set(),
): Promise<ChildProcess[]> {
  const byNode = new Map<string, { tcp: Set<number>; udp: Set<number>; addr: Set<string> }>();
  for (const x of probes) {
    for (const to of [x.to, ...(x.alsoAt ?? [])]) {
      const n = byNode.get(to) ?? { tcp: new Set(), udp: new Set(), addr: new Set() };
      if (x.protocol !== "icmp" && x.port !== undefined) n[x.protocol].add(x.port);
      n.addr.add(x.dst);
      byNode.set(to, n);
    }
  }
  const servers: ChildProcess[] = [];
  try {
    await Promise.all(
      [...byNode].map(([node, n]) => {
        const child = inNode(lab, node, SERVER, [
          [...n.tcp].join(","),
          [...n.udp].join(","),
          [...n.addr].join(","),
        ]);
        servers.push(child);
        return new Promise<void>((resolve, reject) => {
          let err = "";
          child.stderr?.on("data", (d) => (err += String(d)));
          child.stdout?.on("data", (d) => {
            for (const line of String(d).split("\n")) {
              const m = /^held (tcp|udp) (\d+)(?: (\S+))?$/.exec(line);
              if (m) held.add(heldKey(node, m[1] as "tcp" | "udp", Number(m[2]), m[3]));
            }
            if (String(d).includes("ready")) resolve();
          });
          child.on("exit", (code) =>
            reject(new Error(`probe server in ${node} exited ${code}: ${err}`)),
          );
        });
      }),
    );
  } catch (e) {
    for (const s of servers) if (s.exitCode === null) s.kill();
    throw e;
  }
  return servers;
}

/**
 * Sends the probes (in parallel, one client per source namespace; each waits `timeoutMs` for an
 * answer) and returns what each saw, in the probes' order.
 */
export async function sendProbes(
  lab: ProbeNamespaces,
  probes: readonly PlacedProbe[],
  timeoutMs: number,
): Promise<AgentResult[]> {
  const bySource = new Map<string, AgentProbe[]>();
  probes.forEach((x, id) => {
    const { from, to, alsoAt, ...probe } = x;
    void to;
    void alsoAt;
    bySource.set(from, [...(bySource.get(from) ?? []), { ...probe, id }]);
  });
  const results = (
    await Promise.all(
      [...bySource].map(
        ([node, list]) =>
          new Promise<AgentResult[]>((resolve, reject) => {
            const child = inNode(lab, node, CLIENT, [JSON.stringify(list), String(timeoutMs)]);
            let out = "";
            let err = "";
            child.stdout?.on("data", (d) => (out += String(d)));
            child.stderr?.on("data", (d) => (err += String(d)));
            child.on("exit", (code) =>
              code === 0
                ? resolve(JSON.parse(out) as AgentResult[])
                : reject(new Error(`probe client in ${node}: ${err}`)),
            );
          }),
      ),
    )
  ).flat();
  return probes.map((_, id) => results.find((r) => r.id === id) as AgentResult);
}
