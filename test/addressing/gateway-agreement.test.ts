// A declared gateway agrees with the router's address on its network (issue 20, new-user trial):
// the refusals are test/fixtures/invalid/gateway-not-router-address.yaml; here (test/fixtures/frictions/gateway-agreement.yaml) the same site with
// gateways that agree, or that another device holds, is accepted.
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw } from "../fixtures/base";

const VALID = join(__dirname, "..", "fixtures", "frictions", "gateway-agreement.yaml");

test("gateways that agree with the router, or that another device holds, are accepted", () => {
  const result = resolveSite(fileRaw(VALID));
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
});

test("a gateway whose owner names the router is judged as the router's", () => {
  const raw = fileRaw(VALID) as { segments: { gateway: { owner?: string } }[] };
  raw.segments[1].gateway.owner = "Edge (MikroTik hAP ax3)";
  const result = resolveSite(raw);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
    `segments[1].gateway.ipv4: "192.168.30.1": is not router edge's address on segment iot (192.168.30.0/24): routers[0].addresses[2].address is 192.168.30.254/24, and no router holds 192.168.30.1, so the machines there would send their traffic to an address nothing holds; make them one: set segments[1].gateway.ipv4 to 192.168.30.254, or routers[0].addresses[2].address to 192.168.30.1/24; if another device holds 192.168.30.1, name it in the gateway's owner`,
  ]);
});
