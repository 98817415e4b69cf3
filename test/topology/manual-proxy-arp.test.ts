// A LoadBalancer pool inside a shared segment and announced by BGP needs proxy ARP on the router
// interface holding an address there (the segment's devices ARP for the pool): one manual step per
// router interface, naming every pool (seed 004's two clusters on one segment). The RouterOS case
// is test/project/examples.test.ts.
import { requireSite } from "../../site";
import { stackRaw } from "../fixtures/base";

const proxyArp = (raw: Record<string, unknown>) =>
  requireSite(raw).topology.manualSteps.filter((s) => s.what.includes("proxy ARP"));

test("infra-apps (seed 004): one step for the external router's lb interface, both pools named", () => {
  expect(proxyArp(stackRaw("infra-apps"))).toEqual([
    {
      device: "bgp-router",
      what: "turn on proxy ARP on lb, the interface holding 10.25.11.1/24",
      why: "the devices on shared segment lb (10.25.11.0/24) look up the LoadBalancer addresses (cluster infra's 10.25.11.100-10.25.11.119; cluster apps's 10.25.11.120-10.25.11.139) with ARP, as they lie in their own subnet; bgp-router routes them to the nodes by BGP but answers ARP for them only with proxy ARP, which this stack does not configure",
    },
  ]);
});
