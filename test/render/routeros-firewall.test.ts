// Seed 003's policy on a RouterOS router (the arc-hybrid stack with its router server as a
// RouterOS 7.19 box): the filter rules and address lists, run through the RouterOS menu model,
// idempotent, in order, owning only this stack's entries; and the rules the model ends up with,
// evaluated as RouterOS evaluates a new connection, decide every probe and random flows exactly as
// the policy does.
import fc from "fast-check";
import { Address } from "../../addressing/ip";
import { renderRouterOsDestroyScript, renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { RouterModel } from "../../twin/routeros/model";
import { decide, probes } from "../../topology/policy-eval";
import { Flow } from "../../topology/policy-types";
import { stackRaw } from "../fixtures/base";

// Tests edit the raw config freely; the loader is what checks its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function site(edit: (c: Record<string, any>) => void = () => {}) {
  const raw = JSON.parse(JSON.stringify(stackRaw("arc-hybrid")));
  raw.routers[0].os = "routeros";
  raw.routers[0].version = "7.19";
  edit(raw);
  const { plan, topology } = requireSite(raw);
  return { topology, state: routerOsDesiredState(topology, plan.routers[0], "arc-hybrid") };
}
const { topology, state } = site();
const policy = topology.policy!;

const F4 = "/ip/firewall/filter";
const L4 = "/ip/firewall/address-list";

/** The key tag of the n-th (1-based) IPv4 filter rule of a state. */
const tagAt = (s: typeof state, n: number) =>
  (s.firewall?.filters ?? []).filter((r) => r.family === 4)[n - 1].tag.replace("=", ".");

/** The verdict of the router's IPv4 forward chain for a new connection (RouterOS semantics). */
function routerVerdict(m: RouterModel, f: Flow): "allow" | "deny" {
  const lists = new Map<string, string[]>();
  for (const r of m.rows(L4)) lists.set(r.list, [...(lists.get(r.list) ?? []), r.address]);
  const inList = (ref: string, a: Address) => {
    const [neg, name] = ref.startsWith("!") ? [true, ref.slice(1)] : [false, ref];
    const hit = (lists.get(name) ?? []).some((e) => {
      const [net, len] = e.split("/");
      const bits = BigInt(32 - Number(len ?? 32));
      return Address.from(net).value >> bits === a.value >> bits;
    });
    return neg ? !hit : hit;
  };
  for (const r of m.rows(F4)) {
    if (r.chain !== "forward") continue;
    if (r["connection-state"] && !r["connection-state"].split(";").includes("new")) continue;
    // The flows here are new connections to their own destination, not port forwards (dst-nat).
    if (r["connection-nat-state"] === "dstnat") continue;
    if (r["src-address-list"] && !inList(r["src-address-list"], f.src)) continue;
    if (r["dst-address-list"] && !inList(r["dst-address-list"], f.dst)) continue;
    if (r.protocol && r.protocol !== f.protocol) continue;
    if (r["dst-port"]) {
      const ok = r["dst-port"].split(",").some((part) => {
        const [lo, hi] = part.split("-").map(Number);
        return f.port !== undefined && f.port >= lo && f.port <= (hi ?? lo);
      });
      if (!ok) continue;
    }
    return r.action === "accept" ? "allow" : "deny";
  }
  return "allow";
}

describe("seed 003's policy as RouterOS firewall rules", () => {
  test("filter rules in the policy's order, each tagged with its rule or zone default", () => {
    const f = state.firewall?.filters ?? [];
    expect(f.map((r) => `${r.family} ${r.chain} ${r.action} ${r.tag}`)).toEqual([
      "4 forward accept stateful",
      "4 forward drop invalid",
      // The internet zone denies: port forwards pass before it (issue 20, friction 4).
      "4 forward accept dstnat",
      ...["management", "storage", "app", "observability", "devtest", "mgmt", "dmz"].map(
        (z) => `4 forward accept intra=${z}`,
      ),
      "4 forward accept rule=mgmt-to-all",
      "4 forward accept rule=compute-to-storage",
      "4 forward accept rule=app-to-storage",
      "4 forward accept rule=observability-to-all",
      "4 forward accept rule=dmz-to-app-mgmt",
      "4 forward accept rule=arc-outbound",
      "4 forward accept rule=tunnel-outbound",
      "4 forward accept rule=tunnel-quic",
      "4 forward accept rule=log-shipping",
      "4 forward accept rule=git-outbound",
      "4 forward accept rule=vms-dns-udp",
      "4 forward accept rule=vms-dns-tcp",
      "4 forward accept rule=vms-ntp",
      "4 forward accept rule=package-mirrors",
      "4 forward accept rule=host-images",
      "4 forward accept rule=host-ntp",
      ...[
        "management",
        "storage",
        "app",
        "observability",
        "devtest",
        "mgmt",
        "dmz",
        "internet",
      ].map((z) => `4 forward drop default=${z}`),
    ]);
    const git = f.find((r) => r.tag === "rule=git-outbound");
    expect(git).toEqual({
      family: 4,
      chain: "forward",
      action: "accept",
      src: { list: "arc-hybrid-z-devtest", negate: false },
      dst: { list: "arc-hybrid-site", negate: true },
      protocol: "tcp",
      dstPort: "22,443",
      log: false,
      tag: "rule=git-outbound",
    });
  });

  test("address lists: one per distinct set, zones by name, the site for the internet", () => {
    const lists = new Map<string, string[]>();
    for (const e of state.firewall?.addressLists ?? []) {
      lists.set(e.list, [...(lists.get(e.list) ?? []), e.address.toString()]);
    }
    expect(Object.fromEntries(lists)).toEqual({
      "arc-hybrid-z-management": ["10.10.20.0/24"],
      "arc-hybrid-z-storage": ["10.10.10.0/24"],
      "arc-hybrid-z-app": ["10.10.30.0/24"],
      "arc-hybrid-z-observability": ["10.10.40.0/24"],
      "arc-hybrid-z-devtest": ["10.10.50.0/24"],
      "arc-hybrid-z-mgmt": ["10.10.60.0/24"],
      "arc-hybrid-z-dmz": ["10.10.99.0/24"],
      "arc-hybrid-r-mgmt-to-all-dst": [
        "10.10.10.0/24",
        "10.10.20.0/24",
        "10.10.30.0/24",
        "10.10.40.0/24",
        "10.10.50.0/24",
        "10.10.99.0/24",
      ],
      "arc-hybrid-r-observability-to-all-dst": [
        "10.10.10.0/24",
        "10.10.20.0/24",
        "10.10.30.0/24",
        "10.10.50.0/24",
        "10.10.60.0/24",
        "10.10.99.0/24",
      ],
      "arc-hybrid-r-dmz-to-app-mgmt-dst": ["10.10.30.0/24", "10.10.60.0/24"],
      "arc-hybrid-r-vms-dns-udp-src": [
        "10.10.30.0/24",
        "10.10.40.0/24",
        "10.10.50.0/24",
        "10.10.60.0/24",
        "10.10.99.0/24",
      ],
      "arc-hybrid-r-log-shipping-src": ["10.10.30.0/24", "10.10.50.0/24", "10.10.99.0/24"],
      "arc-hybrid-r-package-mirrors-src": ["10.10.30.10/32", "10.10.40.10/32"],
      "arc-hybrid-site": [
        "10.0.0.0/24",
        "10.10.10.0/24",
        "10.10.20.0/24",
        "10.10.30.0/24",
        "10.10.40.0/24",
        "10.10.50.0/24",
        "10.10.60.0/24",
        "10.10.99.0/24",
        "10.244.0.0/15",
        "192.168.1.0/24",
      ],
      "arc-hybrid-t-cloudflare-tunnel": ["10.10.99.10/32"],
      "arc-hybrid-t-loki": ["10.10.40.30/32"],
    });
  });

  test("the script runs on the model, keeps others' rules, and a second run changes nothing", () => {
    const mine = "managed-by=other;key=fw-filter:001:x";
    const m = new RouterModel("7.19", {
      [F4]: [
        { chain: "forward", action: "accept", comment: "user rule" },
        { chain: "forward", action: "drop", protocol: "tcp", "dst-port": "23", comment: mine },
      ],
      [L4]: [{ list: "mine", address: "192.0.2.0/24", comment: "user list" }],
    });
    const first = m.run(renderRouterOsScript(state));
    expect(first.mutations.filter((x) => x.op !== "add")).toEqual([]);
    expect(m.run(renderRouterOsScript(state)).mutations).toEqual([]);
    const rows = m.rows(F4);
    expect(rows.slice(0, 2).map((r) => r.comment)).toEqual(["user rule", mine]);
    const tags = rows
      .slice(2)
      .map((r) => r.comment.replace(/^.*key=fw-filter:\d+:([^:]+):.*$/, "$1"));
    expect(tags).toEqual(state.firewall?.filters.map((r) => r.tag.replace("=", ".")));
    expect(m.rows(L4)[0]).toEqual({ list: "mine", address: "192.0.2.0/24", comment: "user list" });
  });

  test("the rules on the model decide every probe as the policy says", () => {
    const m = new RouterModel("7.19");
    m.run(renderRouterOsScript(state));
    const got = probes(policy).map((p) => `${p.tag} ${routerVerdict(m, p.flow)}`);
    expect(got).toEqual(probes(policy).map((p) => `${p.tag} ${p.expect}`));
  });

  test("property: any flow between two zones gets the policy's verdict", () => {
    const m = new RouterModel("7.19");
    m.run(renderRouterOsScript(state));
    const zone = fc.constantFrom(10, 20, 30, 40, 50, 60, 99);
    const inside = zone.chain((z) =>
      fc.integer({ min: 2, max: 254 }).map((h) => `10.10.${z}.${h}`),
    );
    const outside = fc.constantFrom("203.0.113.9", "8.8.8.8", "100.64.1.1");
    const end = fc.oneof(inside, inside, outside);
    fc.assert(
      fc.property(end, end, fc.constantFrom(22, 80, 443, 8006), (s, d, port) => {
        const flow: Flow = { src: Address.from(s), dst: Address.from(d), protocol: "tcp", port };
        const want = decide(policy, flow);
        if (want.by.kind === "intra") return;
        expect(routerVerdict(m, flow)).toBe(want.action);
      }),
      { numRuns: 300 },
    );
  });

  test("a changed rule is replaced at its place; a removed one goes; destroy leaves only others'", () => {
    const m = new RouterModel("7.19", {
      [F4]: [{ chain: "forward", action: "accept", comment: "user rule" }],
    });
    m.run(renderRouterOsScript(state));
    const changed = site((c) => {
      c.policy.rules[9].ports = [22];
      c.policy.rules.splice(5, 1);
      // The owner's expectations hold of the stack's own policy, not of this edited one.
      delete c.expect;
    }).state;
    const run = m.run(renderRouterOsScript(changed));
    const keyOf = (c: string) => c.replace(/^.*key=/, "");
    // Keys hold the position: from the first changed rule on, every rule is a new entry.
    const summary = run.mutations.map(
      (x) => `${x.op} ${keyOf(x.comment).split(":").slice(1, 3).join(" ")}`,
    );
    expect(summary).toEqual([
      ...[16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34].map(
        (n) => `remove ${String(n).padStart(3, "0")} ${tagAt(state, n)}`,
      ),
      ...[33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16].map(
        (n) => `add ${String(n).padStart(3, "0")} ${tagAt(changed, n)}`,
      ),
    ]);
    expect(tagAt(changed, 16)).toBe("rule.tunnel-outbound");
    expect(tagAt(changed, 17)).toBe("rule.tunnel-quic");
    expect(tagAt(changed, 19)).toBe("rule.git-outbound");
    expect(changed.firewall?.filters[18].dstPort).toBe("22");
    expect(m.run(renderRouterOsScript(changed)).mutations).toEqual([]);
    m.run(renderRouterOsDestroyScript(changed));
    expect(m.rows(F4)).toEqual([{ chain: "forward", action: "accept", comment: "user rule" }]);
    expect(m.rows(L4)).toEqual([]);
  });
});
