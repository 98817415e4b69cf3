// Config keys of the owner's expectations (`homelab:expect`, issue 18): what the site must do,
// written against the names the policy uses. Names resolve in topology/expect.ts, once the plan
// exists; each kind's own keys are checked here.
import { Problem } from "../addressing/problems";
import { planRef } from "./spec-policy";
import { field, int, list, obj, oneOf, Schema, show, str } from "./schema";

/** What an expectation asks of the site. */
export const EXPECT_KINDS = ["reach", "deny", "session", "failover"] as const;
/** Protocols an expectation's flow may use; `icmp` is an echo request (ICMPv6 in IPv6). */
export const EXPECT_PROTOCOLS = ["tcp", "udp", "icmp"] as const;

/** One expectation as configured, before its names resolve. */
export interface ExpectSpec {
  readonly kind: (typeof EXPECT_KINDS)[number];
  /** Shown in reports; derived when not given (expectName). */
  readonly name?: string;
  readonly from?: string;
  readonly to?: string;
  readonly protocol?: (typeof EXPECT_PROTOCOLS)[number];
  readonly port?: number;
  /** `session`: the two peers. */
  readonly between?: readonly string[];
  /** `failover`: a cluster (its control-plane VIP) or a VIP address. */
  readonly vip?: string;
}

const shape = obj({
  kind: field(
    oneOf(EXPECT_KINDS),
    "`reach`: the flow gets through; `deny`: it does not; `session`: the BGP session between two peers is up; `failover`: the VIP answers from another holder when its holder stops.",
    { required: true },
  ),
  name: field(
    str({ maxLength: 80 }),
    "Name in the plan's messages, the inventory and the twin's report; unique.",
    { defaultText: "derived, e.g. `reach iot -> internet tcp/443`" },
  ),
  from: field(
    planRef(),
    "`reach`/`deny`: the source, a name of the plan as in policy rules (segment, tenant, cluster, host, node, VM, device, router or range name, `internet`), optionally qualified like host:pve1.",
  ),
  to: field(planRef(), "`reach`/`deny`: the destination, a name as for `from`."),
  protocol: field(
    oneOf(EXPECT_PROTOCOLS),
    "`reach`/`deny`: the flow's protocol; icmp is an echo request (ICMPv6 in IPv6).",
    { defaultText: "`icmp`" },
  ),
  port: field(int(1, 65535), "`reach`/`deny` with tcp or udp: the destination port."),
  between: field(
    list(planRef(), {
      minItems: 2,
      fix: "name both peers of the session, e.g. between: [edge, pve01]",
    }),
    "`session`: the two BGP peers (router, host, node or VM names) whose configured session must be Established.",
  ),
  vip: field(
    str({ maxLength: 64 }),
    "`failover`: a cluster name (its control-plane VIP) or a VIP address held by more than one device; when its holder stops, the VIP must answer from another.",
  ),
});

/** Keys each kind takes besides `kind` and `name`, and the ones it needs. */
const KIND_KEYS: Record<ExpectSpec["kind"], { takes: string[]; needs: string[] }> = {
  reach: { takes: ["from", "to", "protocol", "port"], needs: ["from", "to"] },
  deny: { takes: ["from", "to", "protocol", "port"], needs: ["from", "to"] },
  session: { takes: ["between"], needs: ["between"] },
  failover: { takes: ["vip"], needs: ["vip"] },
};

/** One expectation: the shape, then the keys its kind takes and needs, port with tcp/udp only. */
function expectation(): Schema<ExpectSpec> {
  return {
    ...shape,
    check(value, path, problems: Problem[]) {
      const v = shape.check(value, path, problems) as ExpectSpec | undefined;
      if (!v) return undefined;
      const before = problems.length;
      const { takes, needs } = KIND_KEYS[v.kind];
      for (const k of ["from", "to", "protocol", "port", "between", "vip"] as const) {
        if (v[k] !== undefined && !takes.includes(k))
          problems.push({
            path: `${path}.${k}`,
            input: show(v[k]),
            message: `is not a key of a ${v.kind} expectation`,
            fix: `remove it; a ${v.kind} expectation takes ${takes.join(", ")}`,
          });
      }
      for (const k of needs)
        if (v[k as keyof ExpectSpec] === undefined)
          problems.push({
            path: `${path}.${k}`,
            input: "",
            message: `is required for a ${v.kind} expectation`,
            fix: `add ${k}: a ${v.kind} expectation needs ${needs.join(" and ")}`,
          });
      const proto = v.protocol ?? "icmp";
      if (takes.includes("port")) {
        if (proto === "icmp" && v.port !== undefined)
          problems.push({
            path: `${path}.port`,
            input: String(v.port),
            message: "needs protocol tcp or udp, not icmp",
            fix: "set protocol: tcp or udp, or remove port",
          });
        if (proto !== "icmp" && v.port === undefined)
          problems.push({
            path: `${path}.port`,
            input: "",
            message: `is required with protocol ${proto}`,
            fix: "give the destination port, e.g. port: 443",
          });
      }
      if (v.between && v.between.length !== 2)
        problems.push({
          path: `${path}.between`,
          input: show(v.between),
          message: `must name exactly two peers, not ${v.between.length}`,
          fix: "name the two ends of one BGP session, e.g. between: [edge, pve01]",
        });
      return problems.length === before ? v : undefined;
    },
  };
}

/** The report name of an expectation: its `name`, else `reach iot -> internet tcp/443`. */
export function expectName(e: ExpectSpec): string {
  if (e.name) return e.name;
  if (e.kind === "session") return `session ${(e.between ?? []).join(" ~ ")}`;
  if (e.kind === "failover") return `failover ${e.vip}`;
  const service = (e.protocol ?? "icmp") === "icmp" ? "icmp" : `${e.protocol}/${e.port ?? "?"}`;
  return `${e.kind} ${e.from} -> ${e.to} ${service}`;
}

/**
 * `homelab:expect`: the owner's expectations, each checked at plan time and probed in the twin.
 * Two with one name are refused once the names resolve (topology/expect.ts), so that a repeated
 * name does not hide the other expectations' problems (msgs M4).
 */
export const expectSchema: Schema<ExpectSpec[]> = list(expectation());
