// The owner's expectations as the preview writes them to expectations.json, and read back: what
// the twin probes (twin/checks/expect.ts). Each is written with what the twin needs and nothing it
// would have to derive from the plan: a flow's two addresses, protocol and port; a session's two
// ends; a VIP and the devices that may hold it.
import { Address } from "../../addressing/ip";
import { redactOwnerText } from "../../addressing/quote";
import { Expectation } from "../../topology/expect";

/** One expectation as written to expectations.json. */
export type ExpectationDocument =
  | {
      readonly kind: "reach" | "deny";
      readonly name: string;
      readonly path: string;
      /** The names as configured (`cloudflare-tunnel`, `internet`). */
      readonly from: string;
      readonly to: string;
      /** The flow the twin sends. */
      readonly src: string;
      readonly dst: string;
      readonly protocol: "tcp" | "udp" | "icmp";
      readonly port?: number;
      /** The factory router whose `defconf` rules decide the flow (FlowExpectation.factory). */
      readonly factory?: { readonly device: string; readonly path: string };
    }
  | {
      readonly kind: "session";
      readonly name: string;
      readonly path: string;
      readonly ends: readonly { readonly device: string; readonly address: string }[];
    }
  | {
      readonly kind: "failover";
      readonly name: string;
      readonly path: string;
      readonly vip: string;
      readonly holders: readonly string[];
    };

const COMMENT =
  "The owner's expectations (homelab:expect), checked against the plan's policy and sessions; the twin probes each by name.";

/**
 * expectations.json's text for a topology's expectations. An expectation's name is the owner's
 * text: written with credentials redacted as in inventory.md (redactOwnerText), so neither the
 * document nor the twin's report of it (`pass expect <name>`) holds `pw=...` (new-user trial H8).
 */
export function expectationsJson(list: readonly Expectation[]): string {
  const doc = list.map((x): ExpectationDocument => {
    const e = { ...x, name: redactOwnerText(x.name) };
    if (e.kind === "session")
      return {
        kind: e.kind,
        name: e.name,
        path: e.path,
        ends: e.ends.map((x) => ({ device: x.device, address: x.address.toString() })),
      };
    if (e.kind === "failover")
      return {
        kind: e.kind,
        name: e.name,
        path: e.path,
        vip: e.vip.toString(),
        holders: e.holders,
      };
    return {
      kind: e.kind,
      name: e.name,
      path: e.path,
      from: e.from.name,
      to: e.to.name,
      src: e.probe.src.toString(),
      dst: e.probe.dst.toString(),
      protocol: e.protocol,
      ...(e.port !== undefined ? { port: e.port } : {}),
      ...(e.factory ? { factory: e.factory } : {}),
    };
  });
  return `${JSON.stringify({ $comment: COMMENT, expectations: doc }, null, 2)}\n`;
}

/**
 * expectations.json read back: every entry's kind and fields checked, addresses parsed. Throws
 * `expectations.json: <what>` on anything else, so an edited document fails the twin loudly.
 */
export function readExpectations(text: string): ExpectationDocument[] {
  const fail = (what: string): never => {
    throw new Error(`expectations.json: ${what}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const list = (parsed as { expectations?: unknown })?.expectations;
  if (!Array.isArray(list)) return fail("no expectations list");
  const address = (v: unknown, where: string): string => {
    const p = typeof v === "string" ? Address.parse(v) : undefined;
    if (!p?.ok) return fail(`${where} is not an address: ${JSON.stringify(v)}`);
    return p.value.toString();
  };
  const factoryOf = (v: unknown, where: string) => {
    const f = v as { device?: unknown; path?: unknown } | null;
    if (typeof f?.device !== "string" || typeof f.path !== "string")
      return fail(`${where} must hold a device and a path`);
    return { device: f.device, path: f.path };
  };
  return list.map((x: Record<string, unknown>, i): ExpectationDocument => {
    const at = `expectations[${i}]`;
    if (typeof x?.name !== "string" || typeof x.path !== "string")
      return fail(`${at} has no name or path`);
    const base = { name: x.name, path: x.path };
    if (x.kind === "reach" || x.kind === "deny") {
      if (x.protocol !== "tcp" && x.protocol !== "udp" && x.protocol !== "icmp")
        return fail(`${at}.protocol is not tcp, udp or icmp`);
      if (x.protocol !== "icmp" && typeof x.port !== "number")
        return fail(`${at}.port is missing for ${x.protocol}`);
      return {
        kind: x.kind,
        ...base,
        from: String(x.from),
        to: String(x.to),
        src: address(x.src, `${at}.src`),
        dst: address(x.dst, `${at}.dst`),
        protocol: x.protocol,
        ...(x.protocol !== "icmp" ? { port: x.port as number } : {}),
        ...(x.factory !== undefined ? { factory: factoryOf(x.factory, `${at}.factory`) } : {}),
      };
    }
    if (x.kind === "session") {
      const ends = Array.isArray(x.ends) ? x.ends : [];
      if (ends.length !== 2) return fail(`${at}.ends must hold two ends`);
      return {
        kind: "session",
        ...base,
        ends: ends.map((n: Record<string, unknown>, k) => ({
          device: String(n?.device),
          address: address(n?.address, `${at}.ends[${k}].address`),
        })),
      };
    }
    if (x.kind === "failover") {
      const holders = Array.isArray(x.holders) ? x.holders.map(String) : [];
      if (holders.length < 2) return fail(`${at}.holders must name two or more devices`);
      return { kind: "failover", ...base, vip: address(x.vip, `${at}.vip`), holders };
    }
    return fail(`${at}.kind is not reach, deny, session or failover`);
  });
}
