// The rules every plan must pass before a single resource is registered. Each rule reads the facts
// that plan() recorded and reports every violation; nothing stops at the first.
import { Address, AddressRange, hostSpan, Prefix } from "./ip";
import { AddressFact, Plan, PrefixFact } from "./plan-types";
import { Problem } from "./problems";
import { redactOwnerText } from "./quote";
import { VXLAN_OVERHEAD } from "./site";
import { specialPurposeProblems } from "./special-purpose";
import { lbRangeProblems } from "./lb-ranges";

const MAX_VNI = 16777215;
const AS_TRANS = 23456;

/**
 * Every rule's problems. ID rules come first: a duplicate ID is the root cause of the overlaps and
 * double owners derived from it, and a reader fixes the first line first.
 */
export function validate(plan: Plan): Problem[] {
  return [...validateIds(plan), ...validateRest(plan)];
}

/** The ID rules alone (unique and in range), which resolveSite reports before everything else. */
export function validateIds(plan: Plan): Problem[] {
  return [...ids(plan), ...deviceNames(plan)];
}

/** Every rule but the ID rules. */
export function validateRest(plan: Plan): Problem[] {
  return [
    ...containment(plan),
    ...disjoint(plan),
    ...owners(plan),
    ...routerIdentityOwners(plan),
    ...sharedSshHosts(plan),
    ...ranges(plan),
    ...mtu(plan),
    ...poolCollisions(plan),
    ...lbRangeProblems(plan),
    ...dnsTargets(plan),
    ...specialPurposeProblems(plan.facts, "refuse"),
  ];
}

/**
 * The first prefix of `f`'s length inside its parent that overlaps no prefix of `f`'s groups,
 * looking at up to 4096 candidates: the concrete fix for an overlap.
 */
function freeSibling(f: PrefixFact, group: readonly PrefixFact[]): Prefix | undefined {
  const parent = f.parent?.prefix;
  if (!parent || !parent.contains(f.prefix)) return undefined;
  const step = f.prefix.size;
  for (let i = 0n; i < 4096n; i++) {
    const network = parent.network + i * step;
    if (network > parent.last.value) return undefined;
    const candidate = Prefix.of(f.prefix.family, network, f.prefix.length);
    if (!group.some((g) => g !== f && g.prefix.overlaps(candidate))) return candidate;
  }
  return undefined;
}

/** A DNS name must point at something the plan knows: an owned address or a service IP. */
function dnsTargets(plan: Plan): Problem[] {
  const known = new Set([
    ...plan.facts.addresses.map((a) => a.address.toString()),
    ...plan.tenants.flatMap((t) => t.kubernetes?.serviceIps.map((s) => s.address.toString()) ?? []),
  ]);
  const seen = new Map<string, number>();
  return plan.dns.flatMap((d, i) => {
    const out: Problem[] = [];
    const path = `dns[${i}]`;
    if (!known.has(d.address.toString())) {
      out.push({
        path: `${path}.address`,
        input: d.address.toString(),
        message: `is not an address of the plan, so ${d.name} would point at nothing it knows`,
        fix: "add the device or service that owns it",
      });
    }
    const first = seen.get(`${d.name}|${d.address.family}`);
    if (first !== undefined) {
      out.push({
        path: `${path}.name`,
        input: d.name,
        message: `already has an IPv${d.address.family} record at dns[${first}]`,
        fix: `remove one of the two, or give ${path} another name`,
      });
    } else {
      seen.set(`${d.name}|${d.address.family}`, i);
    }
    return out;
  });
}

/** The ranges each cluster's LoadBalancer pool hands out: its lbRanges, else its whole prefixes. */
export function poolRanges(
  plan: Pick<Plan, "tenants">,
): { cluster: string; path: string; range: AddressRange }[] {
  return plan.tenants.flatMap((t, i) => {
    const k = t.kubernetes;
    if (!k) return [];
    const path = `tenants[${i}].kubernetes`;
    return ([4, 6] as const).flatMap((f) => {
      const explicit = k.lbRanges
        .map((range, j) => ({ cluster: k.name, path: `${path}.lbRanges[${j}]`, range }))
        .filter((r) => r.range.family === f);
      if (explicit.length > 0) return explicit;
      const prefix = f === 4 ? k.loadBalancers.ipv4 : k.loadBalancers.ipv6;
      // A shared segment without ranges is not a pool of its own: the segment rules report it.
      if (!prefix || (f === 4 && k.lbSegment)) return [];
      const whole = AddressRange.of(prefix.first, prefix.last);
      // An on-link LoadBalancer prefix keeps its gateway out of the pool.
      const gateway = f === 4 ? k.lbGateway.ipv4 : k.lbGateway.ipv6;
      return (gateway ? whole.without(gateway) : [whole]).map((range) => ({
        cluster: k.name,
        path: `${path}.loadBalancers.${f === 4 ? "ipv4" : "ipv6"}`,
        range,
      }));
    });
  });
}

/** Ranges something hands out or keeps: LB pools, routable pod CIDRs, segment DHCP/pool/static ranges. */
/**
 * Every range that contains an address, in about log(n) per address: ranges sorted by start, with
 * the largest stop so far, so the backward walk ends as soon as no earlier range can reach it.
 */
function containing(ranges: readonly HandedOut[]): (a: Address) => HandedOut[] {
  const sorted = [...ranges].sort(
    (x, y) => x.range.family - y.range.family || cmp(x.range.start.value, y.range.start.value),
  );
  const reach: bigint[] = [];
  sorted.forEach((r, i) => {
    const prev = i > 0 && sorted[i - 1].range.family === r.range.family ? reach[i - 1] : -1n;
    reach.push(r.range.stop.value > prev ? r.range.stop.value : prev);
  });
  return (a) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = sorted[mid].range;
      if (r.family < a.family || (r.family === a.family && r.start.value <= a.value)) {
        last = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const out: HandedOut[] = [];
    for (let i = last; i >= 0 && sorted[i].range.family === a.family && reach[i] >= a.value; i--) {
      if (sorted[i].range.contains(a)) out.push(sorted[i]);
    }
    return out;
  };
}

interface HandedOut {
  cluster: string;
  path: string;
  range: AddressRange;
  what: string;
  /** For a static range: the only purpose whose devices may sit in it. */
  only?: string;
  /** How to show the range (a pod CIDR as a prefix). */
  shown?: string;
}

function handedOut(plan: Plan): HandedOut[] {
  const lb = poolRanges(plan).map((p) => ({ ...p, what: `${p.cluster}'s LoadBalancer pool` }));
  const pods = plan.tenants.flatMap((t, i) => {
    const k = t.kubernetes;
    if (!k?.routablePods) return [];
    return k.nodes.flatMap((n, j) =>
      ([4, 6] as const).flatMap((f) => {
        const p = f === 4 ? n.pods.ipv4 : n.pods.ipv6;
        if (!p) return [];
        const path = `tenants[${i}].kubernetes.nodes[${j}].pods.${f === 4 ? "ipv4" : "ipv6"}`;
        return [
          {
            cluster: k.name,
            path,
            range: AddressRange.of(p.first, p.last),
            what: `${n.name}'s pod CIDR`,
            shown: p.toString(),
          },
        ];
      }),
    );
  });
  const segments = plan.segments.flatMap((g, i) =>
    g.ranges
      .map((r, j) => ({ r, j }))
      .filter(({ r }) => r.kind !== "reserved")
      .map(({ r, j }) => ({
        cluster: g.name,
        path: `segments[${i}].ranges[${j}]`,
        range: r.range,
        // The purpose is the owner's text: shown with its credentials redacted.
        what: `segment ${g.name}'s ${r.kind} range for ${redactOwnerText(r.purpose)}`,
        only: r.kind === "static" ? r.purpose : undefined,
      })),
  );
  return [...lb, ...pods, ...segments];
}

/** An owned address (node, VIP, gateway, router, device) must not be one a pool or DHCP hands out. */
function poolCollisions(plan: Plan): Problem[] {
  const pools = handedOut(plan);
  const inRange = new Map<string, string | undefined>([
    ...plan.devices.flatMap((d, i) =>
      (["ipv4", "ipv6"] as const).map((k) => [`devices[${i}].${k}`, d.inRange] as const),
    ),
    ...plan.vms.flatMap((v) =>
      v.networks.flatMap((n) =>
        (["ipv4", "ipv6"] as const).map((k) => [`${n.path}.${k}`, n.inRange] as const),
      ),
    ),
  ]);
  const lookup = containing(pools);
  return plan.facts.addresses.flatMap((a) => {
    const pool = lookup(a.address).find(
      (p) => !(p.only !== undefined && inRange.get(a.path) === p.only),
    );
    if (!pool) return [];
    return [
      {
        path: a.path,
        input: a.derivedFrom ?? a.address.toString(),
        message: `is inside ${pool.what} ${pool.shown ?? pool.range} (${pool.path})`,
        fix:
          pool.only !== undefined
            ? `move it out, or mark the device inRange: ${redactOwnerText(pool.only)}`
            : "that range is handed out automatically; keep owned addresses out of it",
      },
    ];
  });
}

/**
 * A LoadBalancer pool on a home VLAN outside the tenant block (issue 20, friction 1): the keys that
 * express it, ready to paste (the shape of Pulumi.infra-apps.yaml). IPv4 only: a shared segment
 * holds one IPv4 prefix.
 */
function homeVlanPoolFix(path: string, prefix: Prefix): string | undefined {
  const m = /^tenants\[(\d+)\]\.kubernetes\.loadBalancers\.ipv4$/.exec(path);
  if (!m || prefix.family !== 4 || prefix.length > 30) return undefined;
  const first = Address.of(4, prefix.network + 1n);
  const last = Address.of(4, prefix.last.value - 1n);
  return `for a pool on a home VLAN, drop this key and write homelab:sharedSegments: [{ name: lb, prefix: ${prefix} }], then under tenants[${m[1]}].kubernetes: lbSegment: lb and lbRanges: [${first}-${last}], announced by BGP to the VLAN's router (docs/evpn-edge.md)`;
}

function containment(plan: Plan): Problem[] {
  const out: Problem[] = [];
  for (const f of plan.facts.prefixes) {
    if (!f.parent || f.parent.prefix.contains(f.prefix)) continue;
    out.push(
      f.derivedFrom !== undefined
        ? {
            path: f.path,
            input: f.derivedFrom,
            message: `gives ${f.label} ${f.prefix}, which is not inside ${f.parent.name} ${f.parent.prefix}`,
            fix: f.fix ?? `choose a ${f.parent.path} that contains ${f.prefix}`,
          }
        : {
            path: f.path,
            input: f.prefix.toString(),
            message: `is not inside ${f.parent.name} ${f.parent.prefix}`,
            fix:
              f.fix ??
              homeVlanPoolFix(f.path, f.prefix) ??
              `choose a prefix inside ${f.parent.prefix}`,
          },
    );
  }
  return out;
}

function disjoint(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const reported = new Set<string>();
  const byGroup = new Map<string, PrefixFact[]>();
  for (const f of plan.facts.prefixes) {
    for (const g of f.groups) {
      const list = byGroup.get(g);
      if (list) list.push(f);
      else byGroup.set(g, [f]);
    }
  }
  const order = new Map(plan.facts.prefixes.map((f, i) => [f, i]));
  for (const facts of byGroup.values()) {
    const sorted = [...facts].sort(
      (a, b) =>
        a.prefix.family - b.prefix.family ||
        cmp(a.prefix.network, b.prefix.network) ||
        a.prefix.length - b.prefix.length,
    );
    let widest: PrefixFact | undefined;
    for (const f of sorted) {
      const pair = widest ? `${widest.path} ${widest.prefix}\u0000${f.path} ${f.prefix}` : "";
      if (widest && widest.prefix.overlaps(f.prefix) && !reported.has(pair)) {
        reported.add(pair);
        // Reported at whichever of the two comes later in the config, naming the earlier one.
        const [at, other] =
          (order.get(f) ?? 0) > (order.get(widest) ?? 0) ? [f, widest] : [widest, f];
        const free = at.derivedFrom === undefined ? freeSibling(at, facts) : undefined;
        out.push({
          path: at.path,
          input: at.derivedFrom ?? at.prefix.toString(),
          message: `${at.derivedFrom !== undefined ? `gives ${at.label} ${at.prefix}, which ` : ""}overlaps ${other.name} ${other.prefix}`,
          fix:
            at.derivedFrom !== undefined
              ? `change ${at.path}, or move ${other.path} off ${at.prefix}`
              : free
                ? `use ${free}, the first free /${free.length} in ${at.parent?.name} ${at.parent?.prefix}`
                : `choose a prefix outside ${other.prefix}`,
        });
      }
      if (
        !widest ||
        widest.prefix.family !== f.prefix.family ||
        f.prefix.last.value > widest.prefix.last.value
      )
        widest = f;
    }
  }
  return out;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first address after `from` in `net` that nobody owns and that is no reserved address. */
function freeAddress(net: Prefix, from: Address, taken: ReadonlySet<string>): Address | undefined {
  for (let v = from.value + 1n, n = 0; v <= net.last.value && n < 65536; v++, n++) {
    const a = Address.of(net.family, v);
    if (!taken.has(`${a.family}:${v}`) && !reservedIn(net, a)) return a;
  }
  return undefined;
}

function owners(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, AddressFact>();
  const taken = new Set(plan.facts.addresses.map((a) => `${a.address.family}:${a.address.value}`));
  for (const f of plan.facts.addresses) {
    // A derived address is reported at the value it came from (e.g. a host ID).
    const input = f.derivedFrom ?? f.address.toString();
    const lead = f.derivedFrom !== undefined ? `gives ${f.label} ${f.address}, which ` : "";
    if (f.within) {
      const net = f.within.prefix;
      if (!net.contains(f.address)) {
        out.push({
          path: f.path,
          input,
          message: `${lead}is not inside ${f.within.name} ${net}`,
          fix:
            f.derivedFrom !== undefined
              ? `choose an ID that gives an address inside ${net}`
              : `choose an address inside ${net} (${hostSpan(net)})`,
        });
        continue;
      }
      const reserved = reservedIn(net, f.address);
      if (reserved) {
        // A written address (a gateway, a reserved device) moves to a free one; a derived one
        // by its ID, whose other addresses are in other prefixes.
        const free = f.derivedFrom === undefined ? freeAddress(net, net.first, taken) : undefined;
        out.push({
          path: f.path,
          input,
          message: `${lead}is the ${reserved} of ${f.within.name} ${net}`,
          fix:
            f.derivedFrom !== undefined
              ? "choose another host ID"
              : free
                ? `use an address in ${hostSpan(net)}, such as ${free}, the first free one`
                : `use an address in ${hostSpan(net)}`,
        });
        continue;
      }
    }
    const k = `${f.address.family}:${f.address.value}`;
    const first = seen.get(k);
    if (first && first.derivedFrom !== undefined && f.derivedFrom === undefined) {
      // An address written out (a gateway: a router that exists) meets one derived from an ID,
      // the choice that can move: the problem and the fix go to the ID (new-user trial L3).
      const d = first;
      const moved = movedId(d, taken);
      out.push({
        path: moved.path,
        input: d.derivedFrom as string,
        message: `gives ${d.label} ${d.address}, the address of ${f.path} (${f.label}), a device that exists`,
        fix: `choose another ID${moved.free}`,
      });
      continue;
    }
    if (first && f.derivedFrom !== undefined && first.derivedFrom === undefined) {
      // The same, the other way round: the ID comes after the written address it meets.
      const moved = movedId(f, taken);
      out.push({
        path: moved.path,
        input: f.derivedFrom,
        message: `gives ${f.label} ${f.address}, the address of ${first.path} (${first.label}), a device that exists`,
        fix: `choose another ID${moved.free}`,
      });
      continue;
    }
    if (first) {
      // The next free address after this one, else the first free one of the prefix.
      const free =
        f.derivedFrom === undefined && f.within
          ? (freeAddress(f.within.prefix, f.address, taken) ??
            freeAddress(f.within.prefix, f.within.prefix.first, taken))
          : undefined;
      out.push({
        path: f.path,
        input,
        message: `${lead}is already owned by ${first.path} (${first.label})`,
        fix:
          f.derivedFrom !== undefined
            ? `give it an ID that ${first.path} does not take`
            : free
              ? `use ${free}, ${free.value > f.address.value ? "the next" : "the first"} free address in ${f.within?.name} ${f.within?.prefix}`
              : "choose an address that nothing else owns",
      });
    } else {
      seen.set(k, f);
    }
  }
  return out;
}

/**
 * A router's `ssh.host` (where Pulumi sends its script) and `routerId` are the router's own
 * addresses: one that the plan gives a host, node or VM (a host ID on the router's .1) would send
 * the RouterOS script over SSH to that machine, or give BGP two speakers one identifier
 * (new-user trial). Reported at the machine's ID when its address is derived from it.
 */
function routerIdentityOwners(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const taken = new Set(plan.facts.addresses.map((a) => `${a.address.family}:${a.address.value}`));
  const machine = /^(hosts|vms|devices|tenants\[\d+\]\.kubernetes\.nodes)\[\d+\]/;
  plan.routers.forEach((r, i) => {
    const own: { key: string; what: string; address?: Address }[] = [
      {
        key: `routers[${i}].ssh.host`,
        what: `the address Pulumi reaches router ${r.name} at`,
        address: sshAddress(r.ssh?.host),
      },
      {
        key: `routers[${i}].routerId`,
        what: `router ${r.name}'s BGP router ID`,
        address: r.routerId,
      },
    ];
    const seen = new Set<string>();
    for (const o of own) {
      if (!o.address) continue;
      const a = o.address;
      for (const f of plan.facts.addresses) {
        if (!machine.test(f.path) || !f.address.equals(a) || seen.has(f.path)) continue;
        seen.add(f.path);
        const moved = f.derivedFrom !== undefined ? movedId(f, taken) : undefined;
        out.push({
          path: moved?.path ?? f.path,
          input: f.derivedFrom ?? a.toString(),
          message: `gives ${f.label} ${a}, which is ${o.what} (${o.key})`,
          fix: moved
            ? `choose another ID${moved.free}, or correct ${o.key}`
            : `give it another address, or correct ${o.key}`,
        });
      }
    }
  });
  return out;
}

/**
 * Two routers Pulumi reaches at one `ssh.host`, or a router's `ssh.host` that is another router's
 * address or router ID: both reconcile scripts would run on that one router, and each removes the
 * entries of the stack the other added, since they share the stack's `managed-by` marker
 * (new-user trial 4, finding 2: a copied router kept its `ssh.host`). Reported at the later key.
 */
function sharedSshHosts(plan: Plan): Problem[] {
  const out: Problem[] = [];
  plan.routers.forEach((r, j) => {
    const host = r.ssh?.host;
    if (host === undefined) return;
    const address = sshAddress(host);
    for (const [i, o] of plan.routers.entries()) {
      if (i === j) continue;
      const same =
        i < j && o.ssh?.host !== undefined && o.ssh.host.toLowerCase() === host.toLowerCase()
          ? `routers[${i}].ssh.host`
          : address === undefined
            ? undefined
            : (o.addresses.find((a) => a.address.equals(address))?.path ??
              (o.routerId?.equals(address) ? `routers[${i}].routerId` : undefined));
      if (same === undefined) continue;
      out.push({
        path: `routers[${j}].ssh.host`,
        input: host,
        message: `is where Pulumi would reach router ${r.name}, and it is router ${o.name}'s too (${same}): ${r.name}'s reconcile script would run on ${o.name}, and each router's script removes the entries of this stack the other's added (they share its managed-by marker)`,
        fix: `set routers[${j}].ssh.host to the address Pulumi reaches ${r.name} at`,
      });
      return;
    }
  });
  return out;
}

/**
 * Where to move an address derived from an ID: the ID's path (`hosts[1].id` for
 * `hosts[1].management.ipv4`) and, when the address is its prefix plus the ID, the first free
 * ID as `: 3 gives 192.168.1.3, which is free` (else "").
 */
function movedId(f: AddressFact, taken: ReadonlySet<string>): { path: string; free: string } {
  // hosts[1].management.ipv4, vms[0].networks[0].ipv4: the machine's ID.
  const path = f.path.replace(/\.(?:[A-Za-z]+|networks\[\d+\])\.ipv[46]$/, ".id");
  const net = f.within?.prefix;
  if (!net || f.address.value - net.network !== BigInt(Number(f.derivedFrom))) {
    return { path, free: "" };
  }
  const free = freeAddress(net, net.first, taken);
  return { path, free: free ? `: ${free.value - net.network} gives ${free}, which is free` : "" };
}

/** `ssh.host` as an address; undefined for a host name or nothing. */
function sshAddress(host: string | undefined): Address | undefined {
  if (host === undefined) return undefined;
  const parsed = Address.parse(host);
  return parsed.ok ? parsed.value : undefined;
}

function reservedIn(net: Prefix, a: Address): string | undefined {
  if (net.family === 4 && net.length <= 30) {
    if (a.value === net.network) return "network address";
    if (a.value === net.last.value) return "broadcast address";
  }
  if (net.family === 6 && net.length <= 126 && a.value === net.network)
    return "subnet-router anycast address";
  return undefined;
}

function ranges(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const facts = plan.facts.ranges;
  facts.forEach((f, i) => {
    if (!f.within) {
      out.push({
        path: f.path,
        input: f.range.toString(),
        message: `has no IPv${f.range.family} LoadBalancer prefix to lie in`,
        fix: `remove it, or give the cluster an IPv${f.range.family} LoadBalancer prefix that contains it`,
      });
    } else if (!f.range.within(f.within.prefix)) {
      out.push({
        path: f.path,
        input: f.range.toString(),
        message: `is not inside ${f.within.name} ${f.within.prefix}`,
        fix: `keep both ends inside ${f.within.prefix} (${hostSpan(f.within.prefix)})`,
      });
    }
    for (const other of facts.slice(0, i)) {
      if (other.range.overlaps(f.range)) {
        out.push({
          path: f.path,
          input: f.range.toString(),
          message: `overlaps ${other.path} ${other.range}`,
          fix: "shrink or move one of the two ranges so that they share no address",
        });
      }
    }
  });
  return out;
}

/** The kinds of ID that name one machine or box; what each is called in a message. */
const DEVICE_NAME_KINDS: Record<string, (path: string) => string> = {
  "host name": () => "a Proxmox host",
  hostname: (path) => (path.includes(".kubernetes.nodes[") ? "a Kubernetes node" : "a VM"),
  "router name": () => "a router",
  "device name": () => "a device",
};

/**
 * Hosts, nodes, VMs, routers and devices share one namespace: their names become interface
 * owners, DNS records and policy names, so two of different kinds with one name mix up their
 * NICs. A duplicate within one kind is the ID rule's.
 */
function deviceNames(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, { path: string; kind: string }>();
  for (const f of plan.facts.ids) {
    const what = DEVICE_NAME_KINDS[f.kind];
    if (!what) continue;
    const name = String(f.value);
    const first = seen.get(name);
    if (!first) {
      seen.set(name, { path: f.path, kind: f.kind });
      continue;
    }
    if (first.kind === f.kind) continue;
    out.push({
      path: f.path,
      input: name,
      message: `is already the name of ${DEVICE_NAME_KINDS[first.kind](first.path)} (${first.path})`,
      fix: "give each host, node, VM, router and device a name of its own",
    });
  }
  return out;
}

function ids(plan: Plan): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, { path: string; derivation?: string }>();
  for (const f of plan.facts.ids) {
    const shown = String(f.value);
    const input = f.input ?? shown;
    const what =
      f.derivation !== undefined ? `gives ${f.kind} ${shown} (${f.derivation}), which` : "";
    if (f.kind === "vni" && typeof f.value === "number" && f.value > MAX_VNI) {
      out.push({
        path: f.path,
        input,
        message: `${what || "is a VNI that"} is above the 24-bit maximum ${MAX_VNI}`,
        fix:
          f.derivation !== undefined
            ? `lower ${f.derivation.split(" ")[0]} or ${f.path} until their sum is at most ${MAX_VNI}`
            : `use a VNI of at most ${MAX_VNI}`,
      });
      continue;
    }
    if (
      f.kind === "asn" &&
      typeof f.value === "number" &&
      (f.value > 4294967294 || f.value === AS_TRANS)
    ) {
      out.push({
        path: f.path,
        input,
        message: `${what || "is an ASN that"} is reserved or out of range`,
        fix:
          (f.derivation !== undefined
            ? `choose ${f.derivation.split(" ")[0]} and ${f.path} so that their sum is `
            : "use ") + "a private ASN (RFC 6996): 64512-65534 or 4200000000-4294967294",
      });
      continue;
    }
    const k = `${f.kind}\u0000${shown}`;
    const first = seen.get(k);
    if (first !== undefined) {
      // The first one derived (a node's VM ID from vmIdBase + its ID): changing its ID would
      // renumber its addresses, so the fix names where its value comes from (trial 2, M7).
      out.push({
        path: f.path,
        input,
        message: `${what ? `${what} is` : `is a duplicate ${f.kind}:`} already used by ${first.path}`,
        fix:
          f.derivation !== undefined
            ? `choose another ${f.path}, one that does not give ${f.kind} ${shown}`
            : first.derivation !== undefined
              ? `give each its own ${f.kind}: change ${f.path} (${first.path} gives ${shown} as ${first.derivation})`
              : `give each its own ${f.kind}: change ${f.path} or ${first.path}`,
      });
    } else {
      seen.set(k, {
        path: f.path,
        ...(f.derivation !== undefined ? { derivation: f.derivation } : {}),
      });
    }
  }
  return out;
}

function mtu(plan: Plan): Problem[] {
  const m = plan.fabric.mtu;
  const overhead = VXLAN_OVERHEAD[m.underlayFamily];
  const outer = m.underlayFamily === "ipv4" ? "IPv4 20" : "IPv6 40";
  if (m.vnet + overhead <= m.physical) return [];
  return [
    {
      path: "fabric.mtu.vnet",
      input: String(m.vnet),
      message:
        `${m.vnet} + ${overhead} bytes of VXLAN over ${m.underlayFamily} (inner Ethernet 14 + VXLAN 8 + UDP 8 + outer ${outer}) ` +
        `= ${m.vnet + overhead}, more than fabric.mtu.physical ${m.physical}`,
      fix: `set fabric.mtu.vnet to at most ${m.physical - overhead}`,
    },
  ];
}
