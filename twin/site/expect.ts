// The owner's expectations in the twin: expectations.json read back, each flow's addresses held
// by the namespaces that hold them in the site (or, inside a policy zone, by the policy's probe
// endpoints and its internet namespace), sessions and VIPs as the preview wrote them. The checks
// are twin/checks/expect.ts.
import { Address } from "../../addressing/ip";
import { ExpectationDocument, readExpectations } from "../../render/expect/document";
import { ArtifactMap } from "../readback/folder";
import { ObservedDevice } from "../readback/types";
import { SiteBuilder } from "./builder";
import { placed } from "./policy";

/** expectations.json's entries; none without the file (a stack without homelab:expect). */
export function readExpectationsFile(files: ArtifactMap): ExpectationDocument[] {
  const text = files.get("expectations.json");
  return text === undefined ? [] : readExpectations(text);
}

/** The addresses the expectations' flows send from and to. */
export function flowAddresses(list: readonly ExpectationDocument[]): Address[] {
  return list.flatMap((e) =>
    e.kind === "reach" || e.kind === "deny" ? [Address.from(e.src), Address.from(e.dst)] : [],
  );
}

/**
 * Where a Talos node's rendered machine config puts `vip`: the node and the link (the twin's NIC
 * name) of its VIP entry, or no link when its config holds no VIP at that address.
 */
function talosVip(t: ObservedDevice, vip: string): { node: string; link?: string } {
  const a = t.addresses.find((x) => x.vip && x.address.equals(Address.from(vip)));
  return a ? { node: t.name, link: a.iface } : { node: t.name };
}

/**
 * Adds the expectations to the twin once every namespace and probe endpoint is placed: a flow's
 * `from`/`to` are the namespaces holding its addresses, absent where none does (its check then
 * fails saying so).
 */
export function buildExpectations(
  list: readonly ExpectationDocument[],
  b: SiteBuilder,
  talos: readonly ObservedDevice[] = [],
): void {
  const holder = new Map<string, string>();
  for (const x of placed(b)) {
    const a = x.cidr.split("/")[0];
    if (!holder.has(Address.from(a).toString())) holder.set(Address.from(a).toString(), x.node);
  }
  for (const e of list) {
    if (e.kind === "session") {
      b.expectations.push({ kind: e.kind, name: e.name, ends: e.ends });
    } else if (e.kind === "failover") {
      const nodes = e.holders.flatMap((h) => talos.filter((t) => t.name === h));
      b.expectations.push({
        kind: e.kind,
        name: e.name,
        vip: e.vip,
        holders: e.holders,
        ...(nodes.length > 0 ? { talos: nodes.map((t) => talosVip(t, e.vip)) } : {}),
      });
    } else {
      const from = holder.get(e.src);
      const to = holder.get(e.dst);
      b.expectations.push({
        kind: e.kind,
        name: e.name,
        src: e.src,
        dst: e.dst,
        protocol: e.protocol,
        ...(e.port !== undefined ? { port: e.port } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
    }
  }
}
