// Every Cilium custom resource the bundled stacks and the site fixtures render (each cluster's
// pools and its announcement objects), checked against Cilium's CRD schemas (cilium-schema.ts):
// per site the documents checked and every complaint. A site or fixture that starts rendering
// Cilium objects, or stops, changes the table.
import { announcementInput, lbPoolInputs } from "../../render/cilium/inputs";
import { announcementObjects, lbPoolObjects } from "../../render/cilium/objects";
import { requireSite } from "../../site";
import { talosSites as sites } from "../fixtures/talos-sites";
import { schemaErrors } from "./cilium-schema";

type Raw = Record<string, unknown>;

/** The Cilium objects of every Talos cluster of a site, as the preview writes them. */
function objects(raw: Raw): { cluster: string; kind: string; object: object }[] {
  const { plan, topology } = requireSite(raw);
  return plan.tenants
    .filter((t) => t.kubernetes?.nodeOs === "talos")
    .flatMap((t) => {
      const cluster = t.kubernetes!.name;
      return [
        ...lbPoolObjects(lbPoolInputs(plan), cluster),
        ...announcementObjects(announcementInput(topology, t)),
      ].map((object) => ({ cluster, kind: object.kind, object }));
    });
}

test("every Cilium object of every bundled stack and site fixture passes Cilium's CRD schemas", () => {
  const all = sites().map(([name, raw]) => ({ name, docs: objects(raw) }));
  const results = schemaErrors(all.flatMap((s) => s.docs.map((d) => d.object)));
  let i = 0;
  const seen = Object.fromEntries(
    all.map((s) => {
      const errors = s.docs.flatMap((d) =>
        (results[i++] ?? []).map((e) => `${d.cluster} ${d.kind}: ${e}`),
      );
      return [s.name, { documents: s.docs.length, errors }];
    }),
  );
  const rows: Record<string, number> = {
    example: 5,
    homelab: 2,
    "infra-apps": 10,
    ms01: 2,
    "seed001Talos (test/fixtures/seed001.ts)": 10,
    "test/fixtures/cases/02-evpn-underlay-nic-mtu.yaml": 2,
    "test/fixtures/cases/06-bgp-peer-not-connected.yaml": 4,
    "test/fixtures/cases/07-l2-interface-name.yaml": 2,
    "test/fixtures/cases/08-l2-ipv6-pool-ndp.yaml": 2,
    "test/fixtures/cases/12-node-cidr-mask.yaml": 2,
    "test/fixtures/cases/19-routeros-cilium-peer-address.yaml": 4,
    "test/fixtures/cases/21-newcomer-routeros-talos.yaml": 5,
    "test/fixtures/cases/22-evpn-arp-suppression-floating-vip.yaml": 2,
    "test/fixtures/cases/23-evpn-exit-nodes-no-return-route.yaml": 2,
    "test/fixtures/cases/27-routeros-rules-after-defconf-drop.yaml": 4,
    "test/fixtures/cases/34-newcomer-evpn-tenant-bgp-to-router.yaml": 4,
    "test/fixtures/valid/existing-sdn.yaml": 2,
    "test/fixtures/valid/ipv6-only.yaml": 7,
    "test/fixtures/valid/markdown-injection.yaml": 2,
    "test/fixtures/valid/talos-registry-mirror.yaml": 4,
    "test/fixtures/valid/ula48.yaml": 12,
  };
  expect(seen).toEqual(
    Object.fromEntries(
      Object.entries(rows).map(([site, documents]) => [site, { documents, errors: [] }]),
    ),
  );
});
