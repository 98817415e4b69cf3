// Config keys of the network policy: rules written against names of the plan (segments, tenants,
// clusters, hosts, nodes, devices, routers, segment ranges, `internet`, `any`), never addresses,
// and a default action per zone. Names resolve in topology/policy.ts, once the plan exists.
import {
  bool,
  dnsLabel,
  field,
  JsonSchema,
  list,
  notReserved,
  obj,
  oneOf,
  Schema,
  show,
  str,
} from "./schema";

/** What a rule or zone default does. */
export const POLICY_ACTIONS = ["allow", "deny"] as const;

/**
 * The name of a thing the policy can name (tenant, segment, range, device, host, node, cluster,
 * VM, router): a DNS label that is none of RESERVED_NAMES, which rules and VM networks read as
 * their own words (a segment named `management` would make `from: management` name two things).
 */
export function planName(): Schema<string> {
  return notReserved(dnsLabel(), RESERVED_NAMES, "policy rules and VM networks");
}
/** The protocols a rule may name; `icmp` covers ICMPv6 too. */
export const POLICY_PROTOCOLS = ["any", "tcp", "udp", "icmp"] as const;

/**
 * Names with a meaning of their own in policy rules (`internet`, `any`) and in a VM's networks (the
 * global networks): a tenant by one of these names could never be named.
 */
export const RESERVED_NAMES = [
  "internet",
  "any",
  "management",
  "cephPublic",
  "cephCluster",
] as const;

/** Kinds a name may be qualified with (`host:pve1`) when it names two things of the plan. */
export const NAME_KINDS = [
  "segment",
  "tenant",
  "cluster",
  "host",
  "node",
  "vm",
  "device",
  "router",
  "range",
  "pool",
  "service",
] as const;

const NAME = /^(?:[a-z]+:)?[A-Za-z][A-Za-z0-9-]{0,62}$/;
const NAME_TEXT = "a name of the plan, optionally qualified like host:pve1";

/** One name of the plan as rules write it (`workload`, `host:pve1`, `internet`). */
export function planRef(): Schema<string> {
  return str({ pattern: NAME, patternText: NAME_TEXT });
}

/** One name or a list of names; always a list after checking. */
export function names(): Schema<string[]> {
  const one = planRef();
  const many = list(one, { minItems: 1 });
  return {
    typeName: "name or list of names",
    json: (): JsonSchema => ({ anyOf: [one.json(), many.json()] }),
    check(value, path, problems) {
      if (typeof value === "string") {
        const v = one.check(value, path, problems);
        return v === undefined ? undefined : [v];
      }
      return many.check(value, path, problems);
    },
  };
}

/** A TCP/UDP destination port, or an inclusive range written `low-high`. */
export interface PortSpec {
  readonly from: number;
  readonly to: number;
}

const PORT_FIX = "use a port from 1 to 65535, or a range like 5404-5412";

/**
 * A port (integer, or the same as a string: `"22"`) or a port range (`"5404-5412"`), both ends
 * within 1..65535. A range of one port (`"22-22"`) is that port.
 */
export function port(): Schema<PortSpec> {
  const inRange = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;
  return {
    typeName: "port or range `low-high`",
    json: () => ({
      anyOf: [
        { type: "integer", minimum: 1, maximum: 65535 },
        { type: "string", pattern: "^[1-9][0-9]{0,4}(-[1-9][0-9]{0,4})?$" },
      ],
    }),
    check(value, path, problems) {
      if (typeof value === "number" && inRange(value)) return { from: value, to: value };
      const m =
        typeof value === "string" ? /^([1-9][0-9]{0,4})(?:-([1-9][0-9]{0,4}))?$/.exec(value) : null;
      const [from, to] = m ? [Number(m[1]), Number(m[2] ?? m[1])] : [0, 0];
      if (m && inRange(from) && inRange(to)) {
        if (from <= to) return { from, to };
        problems.push({
          path,
          input: show(value),
          message: "is not a port range: it ends before it starts",
          fix: `did you mean ${to}-${from}?`,
        });
        return undefined;
      }
      problems.push({ path, input: show(value), message: "is not a port", fix: PORT_FIX });
      return undefined;
    },
  };
}

const portText = (p: PortSpec) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`);

/** A rule's ports: each a port or range, none repeating or overlapping an earlier one. */
export function ports(): Schema<PortSpec[]> {
  const inner = list(port(), { minItems: 1 });
  return {
    typeName: inner.typeName,
    json: () => ({ ...inner.json(), uniqueItems: true }),
    check(value, path, problems) {
      const checked = inner.check(value, path, problems);
      if (checked === undefined) return undefined;
      let ok = true;
      checked.forEach((p, i) => {
        const j = checked.findIndex((q, k) => k < i && q.from <= p.to && p.from <= q.to);
        if (j < 0) return;
        const q = checked[j];
        const same = q.from === p.from && q.to === p.to;
        problems.push({
          path: `${path}[${i}]`,
          input: show((value as unknown[])[i]),
          message: same
            ? `is listed twice (also ${path}[${j}])`
            : `overlaps ${path}[${j}] ${portText(q)}`,
          fix: same ? "remove one" : "list each port once: merge the two into one range",
        });
        ok = false;
      });
      return ok ? checked : undefined;
    },
  };
}

/** A policy rule's name: it becomes part of RouterOS comments and nftables names (41 characters). */
export const RULE_NAME = /^[a-z][a-z0-9-]{0,40}$/;

/** `homelab:policy`: zone defaults and rules (README "Network policy"). */
export const policySchema = obj({
  default: field(
    oneOf(POLICY_ACTIONS),
    "What happens to traffic from a zone to another zone that no rule decides, for zones not listed in `zones`.",
    { defaultText: "`allow`" },
  ),
  log: field(bool(), "Log the traffic that zone defaults deny, for zones not listed in `zones`.", {
    defaultText: "false",
  }),
  zones: field(
    list(
      obj({
        zone: field(
          str({ pattern: NAME, patternText: "a segment name, or internet" }),
          "A zone: the name of a segment a router holds an address on (a VLAN, a tenant's network, management, cephPublic), or `internet`.",
          { required: true },
        ),
        default: field(
          oneOf(POLICY_ACTIONS),
          "What happens to traffic from this zone to another zone that no rule decides. `deny` also keeps the zone's interface on a RouterOS router out of the factory interface list `LAN`, so the factory firewall keeps the zone off the router itself except what rules naming the router allow (docs/adopting.md).",
          { required: true },
        ),
        log: field(bool(), "Log what the zone default denies.", {
          defaultText: "policy.log",
        }),
      }),
    ),
    "Default action per zone; traffic within one zone is not routed and never filtered.",
    { defaultText: "[]" },
  ),
  rules: field(
    list(
      obj({
        name: field(
          str({
            pattern: RULE_NAME,
            patternText: "a rule name: lowercase letters, digits and '-', at most 41 characters",
            patternFix:
              "rename it: a lowercase letter, then up to 40 lowercase letters, digits or '-' (e.g. iot-to-nas)",
          }),
          "Rule name: unique, shown in the inventory, the rendered rules' comments and the packet probes.",
          { required: true },
        ),
        from: field(
          names(),
          "Source: names of the plan (a segment, tenant, cluster, host, node, VM, device, router or segment range name, `internet`, `any`).",
          { required: true },
        ),
        to: field(names(), "Destination: names of the plan, as for `from`.", { required: true }),
        protocol: field(oneOf(POLICY_PROTOCOLS), "IP protocol; icmp means ICMP and ICMPv6.", {
          defaultText: "`any`",
        }),
        ports: field(
          ports(),
          "TCP/UDP destination ports or ranges (`5404-5412`); only with protocol tcp or udp.",
          { defaultText: "every port" },
        ),
        action: field(oneOf(POLICY_ACTIONS), "allow or deny.", { required: true }),
        log: field(bool(), "Log the traffic the rule matches.", { defaultText: "false" }),
        why: field(
          str({ maxLength: 200, freeText: true }),
          "Why the rule exists (shown in the inventory).",
        ),
      }),
    ),
    "Rules in order: the first rule that matches a packet decides it. Both address families follow from what the names hold.",
    { defaultText: "[]" },
  ),
});
