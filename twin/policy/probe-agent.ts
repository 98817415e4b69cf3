// The two small programs a packet probe runs inside network namespaces, as `node -e` source (so
// nothing needs compiling first): a server that answers TCP connects and echoes UDP datagrams on
// the given ports, and a client that sends probes from given source addresses in parallel and
// prints what came back. Only a timeout counts as "blocked": a refused connection or an echo means
// the packet got through the filters to the destination.

/**
 * argv: tcp ports (comma list or ""), udp ports, the namespace's probe addresses. A UDP socket per
 * address, so that an echo leaves from the address the probe was sent to (and so matches the
 * router's connection tracking). Prints "ready" once every socket listens, after a line
 * `held tcp <port>` or `held udp <port> <address>` for each port a daemon already holds there.
 */
export const SERVER = `
const net = require("net"), dgram = require("dgram");
const tcp = (process.argv[1] || "").split(",").filter(Boolean).map(Number);
const udp = (process.argv[2] || "").split(",").filter(Boolean).map(Number);
const addresses = (process.argv[3] || "").split(",").filter(Boolean);
let pending = tcp.length + udp.length * addresses.length;
const up = () => { if (--pending === 0) process.stdout.write("ready\\n"); };
if (pending === 0) process.stdout.write("ready\\n");
// A port a daemon of the namespace already holds (bgpd on 179, bfdd on 3784/4784) is reported as
// "held" and left to it: a TCP connect to it proves the path as well; a UDP echo cannot run there.
const held = (what) => (e) => {
  if (e.code !== "EADDRINUSE") { console.error(e.message); process.exit(1); }
  process.stdout.write("held " + what + "\\n");
  up();
};
for (const port of tcp) {
  const s = net.createServer((c) => c.end());
  s.on("error", held("tcp " + port));
  s.listen({ port, host: "::" }, up);
}
// An address the kernel has not made usable yet (EADDRNOTAVAIL: an IPv6 address still tentative
// while its link comes up) is tried again every 100 ms for 5 s before the server gives up.
const echo = (port, address, tries) => {
  const s = dgram.createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
  s.on("message", (m, r) => s.send(m, r.port, r.address));
  s.on("error", (e) => {
    if (e.code === "EADDRNOTAVAIL" && tries < 50) {
      try { s.close(); } catch {}
      setTimeout(() => echo(port, address, tries + 1), 100);
    } else held("udp " + port + " " + address)(e);
  });
  s.bind(port, address, up);
};
for (const port of udp) for (const address of addresses) echo(port, address, 0);
`;

/** One probe as the client takes it. */
export interface AgentProbe {
  readonly id: number;
  readonly src: string;
  readonly dst: string;
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly port?: number;
}

/** What a probe saw: it got through (`reached`), timed out (`blocked`), or failed otherwise. */
export interface AgentResult {
  readonly id: number;
  readonly outcome: "reached" | "blocked" | "error";
  readonly detail: string;
}

/** argv: JSON list of AgentProbe, timeout in ms. Prints a JSON list of AgentResult. */
export const CLIENT = `
const net = require("net"), dgram = require("dgram"), { execFile } = require("child_process");
const probes = JSON.parse(process.argv[1]);
const timeout = Number(process.argv[2]);
function tcp(p) {
  return new Promise((done) => {
    const s = net.connect({ host: p.dst, port: p.port, localAddress: p.src });
    const t = setTimeout(() => { s.destroy(); done(["blocked", "no answer in " + timeout + " ms"]); }, timeout);
    s.on("connect", () => { clearTimeout(t); s.destroy(); done(["reached", "connected"]); });
    s.on("error", (e) => {
      clearTimeout(t);
      done(e.code === "ECONNREFUSED" ? ["reached", "refused by the destination"] : ["error", e.code || e.message]);
    });
  });
}
function udp(p) {
  return new Promise((done) => {
    const s = dgram.createSocket(p.dst.includes(":") ? "udp6" : "udp4");
    const t = setTimeout(() => { s.close(); done(["blocked", "no echo in " + timeout + " ms"]); }, timeout);
    s.on("message", () => { clearTimeout(t); s.close(); done(["reached", "echoed"]); });
    s.on("error", (e) => { clearTimeout(t); s.close(); done(["error", e.code || e.message]); });
    s.bind(0, p.src, () => s.send("probe", p.port, p.dst));
  });
}
function icmp(p) {
  return new Promise((done) => {
    const w = String(Math.max(1, Math.ceil(timeout / 1000)));
    execFile("ping", ["-n", "-c", "1", "-W", w, "-I", p.src, p.dst], (err) =>
      done(err ? (err.code === 1 ? ["blocked", "no echo reply"] : ["error", String(err.code)]) : ["reached", "echo reply"]));
  });
}
Promise.all(probes.map(async (p) => {
  const [outcome, detail] = await (p.protocol === "tcp" ? tcp(p) : p.protocol === "udp" ? udp(p) : icmp(p));
  return { id: p.id, outcome, detail };
})).then((r) => process.stdout.write(JSON.stringify(r)));
`;
