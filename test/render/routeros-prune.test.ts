// Issue 17 section 3: the prune removes every managed entry (our comment) the plan no longer
// wants, in every menu the script writes, and never an entry of the router's own. Run on the
// RouterOS model (twin/routeros) loaded with MikroTik's factory configuration: the script of a
// stack with an uplink, then the script of the same stack without it (and without its route).
// Before the fix, a stack without an uplink left the NAT menus out of its script altogether, so
// the masquerade entries of the removed uplink stayed on the router.
import { readFileSync } from "fs";
import { join } from "path";
import { renderRouterOsDestroyScript, renderRouterOsScript } from "../../render/routeros";
import { routerOsDesiredState } from "../../render/routeros/state";
import { requireSite } from "../../site";
import { parseExport, routerFromExport } from "../../twin/routeros/export";
import { RouterModel } from "../../twin/routeros/model";
import { fileRaw } from "../fixtures/base";

const DIR = join(__dirname, "..", "fixtures", "routeros");

/** The edge's reconcile script of uplink-site.yaml, edited by `edit` (the raw stack config). */
function script(edit: (router: Record<string, unknown>) => void = () => undefined): string {
  const raw = fileRaw(join(DIR, "uplink-site.yaml")) as { routers: Record<string, unknown>[] };
  edit(raw.routers[0]);
  const { plan, topology } = requireSite(raw);
  return renderRouterOsScript(routerOsDesiredState(topology, plan.routers[0], "home"));
}

const withoutUplink = (r: Record<string, unknown>) => delete r.uplink;
const withoutRoute = (r: Record<string, unknown>) => (r.routes = []);

/** MikroTik's factory configuration, as its export prints it. */
function factory(): RouterModel {
  const file = "defconf-home.rsc";
  return routerFromExport(file, parseExport(file, readFileSync(join(DIR, file), "utf8")), "7.19");
}

const DEFCONF_NAT = {
  action: "masquerade",
  chain: "srcnat",
  comment: "defconf: masquerade",
  "ipsec-policy": "out,none",
  "out-interface-list": "WAN",
};
const OUR_NAT = {
  chain: "srcnat",
  action: "masquerade",
  "out-interface": "ether1",
  "src-address": "192.168.30.0/24",
  comment: "managed-by=home;key=nat:ether1:192.168.30.0/24:masquerade",
};
// The network behind 192.168.30.5 that the stack's route reaches leaves masqueraded too
// (topology/egress.ts, routedBehind).
const ROUTED_NAT = {
  chain: "srcnat",
  action: "masquerade",
  "out-interface": "ether1",
  "src-address": "10.99.0.0/16",
  comment: "managed-by=home;key=nat:ether1:10.99.0.0/16:masquerade",
};
const OUR_ROUTE = {
  "dst-address": "10.99.0.0/16",
  gateway: "192.168.30.5",
  comment: "managed-by=home;key=ip-route:10.99.0.0/16",
};

test("the uplink's masquerade is added beside the factory's, then removed with the uplink", () => {
  const r = factory();
  r.run(script());
  expect(r.rows("/ip/firewall/nat")).toEqual([DEFCONF_NAT, OUR_NAT, ROUTED_NAT]);
  const { mutations, output } = r.run(script(withoutUplink));
  expect(mutations).toEqual(
    [OUR_NAT, ROUTED_NAT].map((n) => ({
      op: "remove",
      menu: "/ip/firewall/nat",
      comment: n.comment,
    })),
  );
  expect(output).toEqual([
    "removed managed-by=home;key=nat:ether1:192.168.30.0/24:masquerade",
    "removed managed-by=home;key=nat:ether1:10.99.0.0/16:masquerade",
  ]);
  expect(r.rows("/ip/firewall/nat")).toEqual([DEFCONF_NAT]);
  expect(r.rows("/ipv6/firewall/nat")).toEqual([]);
  // A second run of the stack without the uplink finds nothing to do.
  expect(r.run(script(withoutUplink)).mutations).toEqual([]);
});

test("a route the stack no longer has is removed; the owner's route stays", () => {
  const r = factory();
  const owner = { "dst-address": "10.98.0.0/16", gateway: "192.168.30.6" };
  r.load("/ip/route", "add", Object.entries(owner));
  r.run(script());
  expect(r.rows("/ip/route")).toEqual([owner, OUR_ROUTE]);
  const { mutations } = r.run(script(withoutRoute));
  // Its masquerade goes with it: the router no longer reaches that network.
  expect(mutations).toEqual([
    { op: "remove", menu: "/ip/firewall/nat", comment: ROUTED_NAT.comment },
    { op: "remove", menu: "/ip/route", comment: "managed-by=home;key=ip-route:10.99.0.0/16" },
  ]);
  expect(r.rows("/ip/route")).toEqual([owner]);
  expect(r.rows("/ip/firewall/nat")).toEqual([DEFCONF_NAT, OUR_NAT]);
});

test("every menu the script writes is pruned, with or without entries of its own", () => {
  // The menus a stack that never had an uplink (or BGP, DNS names, a policy) prunes: all of them.
  const pruned = (s: string) => [...s.matchAll(/^# prune (\S+)$/gm)].map((m) => m[1]);
  expect(pruned(script(withoutUplink))).toEqual([
    "/ipv6/firewall/nat",
    "/ip/firewall/nat",
    "/ipv6/firewall/filter",
    "/ip/firewall/filter",
    "/ipv6/firewall/address-list",
    "/ip/firewall/address-list",
    "/ip/dns/static",
    "/routing/bgp/connection",
    "/routing/bfd/configuration",
    "/routing/filter/rule",
    "/ipv6/route",
    "/ip/route",
    "/ipv6/address",
    "/ip/address",
    "/interface/list/member",
  ]);
  expect(pruned(script())).toEqual(pruned(script(withoutUplink)));
});

test("destroy of the stack without the uplink removes a masquerade an earlier run left", () => {
  const r = factory();
  r.run(script());
  const raw = fileRaw(join(DIR, "uplink-site.yaml")) as { routers: Record<string, unknown>[] };
  withoutUplink(raw.routers[0]);
  const { plan, topology } = requireSite(raw);
  const destroy = renderRouterOsDestroyScript(
    routerOsDesiredState(topology, plan.routers[0], "home"),
  );
  r.run(destroy);
  expect(r.rows("/ip/firewall/nat")).toEqual([DEFCONF_NAT]);
  expect(r.rows("/ip/route")).toEqual([]);
});
