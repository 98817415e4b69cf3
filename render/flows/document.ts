// The site's own flows as the preview writes them to flows.json, and read back: every flow the
// topology derives (topology/flow-report.ts) with the plan's verdict, and each managed router's
// uplink interfaces (topology/egress.ts), which is where the twin attaches its internet namespace
// (twin/site/flows.ts). Written with what the twin needs and nothing it would derive from the plan.
import { Address } from "../../addressing/ip";
import { FlowEntry } from "../../topology/flow-report";
import { RouterEgress } from "../../topology/egress";

/** flows.json: the routers' uplinks and every flow. */
export interface FlowsDocument {
  /** Each RouterOS or Linux router with an uplink, and its uplink interfaces in config order. */
  readonly uplinks: readonly { readonly router: string; readonly interfaces: readonly string[] }[];
  readonly flows: readonly FlowEntry[];
}

const COMMENT =
  "The site's own flows (resolvers, package and image egress, BGP/BFD, the Kubernetes API), each checked against the plan's routing and policy (verdict); the twin probes one machine per distinct flow (group), behind the routers' uplinks.";

/** flows.json's text. */
export function flowsJson(flows: readonly FlowEntry[], egress: readonly RouterEgress[]): string {
  const uplinks = egress.map((e) => ({ router: e.router, interfaces: e.interfaces }));
  return `${JSON.stringify({ $comment: COMMENT, uplinks, flows }, null, 2)}\n`;
}

const VERDICTS = ["pass", "blocked", "unverified"];

/**
 * flows.json read back: every field checked, addresses parsed. Throws `flows.json: <what>` on
 * anything else, so an edited document fails the twin loudly.
 */
export function readFlows(text: string): FlowsDocument {
  const fail = (what: string): never => {
    throw new Error(`flows.json: ${what}`);
  };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const { uplinks, flows } = parsed ?? {};
  if (!Array.isArray(uplinks) || !Array.isArray(flows)) return fail("no uplinks or flows list");
  const str = (v: unknown, where: string): string =>
    typeof v === "string" && v !== "" ? v : fail(`${where} is not a name: ${JSON.stringify(v)}`);
  const address = (v: unknown, where: string): string => {
    const p = typeof v === "string" ? Address.parse(v) : undefined;
    if (!p?.ok) return fail(`${where} is not an address: ${JSON.stringify(v)}`);
    return p.value.toString();
  };
  const strings = (v: unknown, where: string): string[] =>
    Array.isArray(v) ? v.map((x, i) => str(x, `${where}[${i}]`)) : fail(`${where} is no list`);
  return {
    uplinks: uplinks.map((u: Record<string, unknown>, i) => ({
      router: str(u?.router, `uplinks[${i}].router`),
      interfaces: strings(u?.interfaces, `uplinks[${i}].interfaces`),
    })),
    flows: flows.map((x: Record<string, unknown>, i): FlowEntry => {
      const at = `flows[${i}]`;
      if (x?.protocol !== "tcp" && x?.protocol !== "udp")
        return fail(`${at}.protocol is not tcp or udp`);
      const port = x.port;
      if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535)
        return fail(`${at}.port is not a port: ${JSON.stringify(port)}`);
      if (typeof x.verdict !== "string" || !VERDICTS.includes(x.verdict))
        return fail(`${at}.verdict is not ${VERDICTS.join(", ")}`);
      return {
        group: str(x.group, `${at}.group`),
        flow: str(x.flow, `${at}.flow`),
        from: str(x.from, `${at}.from`),
        to: str(x.to, `${at}.to`),
        source: str(x.source, `${at}.source`),
        ...(x.src !== undefined ? { src: address(x.src, `${at}.src`) } : {}),
        ...(x.dst !== undefined ? { dst: address(x.dst, `${at}.dst`) } : {}),
        hosts: strings(x.hosts, `${at}.hosts`),
        protocol: x.protocol,
        port,
        why: strings(x.why, `${at}.why`),
        verdict: x.verdict as FlowEntry["verdict"],
        reason: typeof x.reason === "string" ? x.reason : fail(`${at}.reason is no text`),
        ...(x.anycastGateway !== undefined
          ? { anycastGateway: address(x.anycastGateway, `${at}.anycastGateway`) }
          : {}),
      };
    }),
  };
}
