// Each router has an ssh.host of its own (new-user trial 4, finding 2): a router copied from
// another with its ssh.host left as it was would get the other's reconcile script run on it
// too, and the two scripts remove each other's entries (one managed-by marker per stack).
import { join } from "path";
import { formatProblem } from "../../addressing/problems";
import { resolveSite } from "../../site";
import { fileRaw, ROOT } from "../fixtures/base";

const FIXTURE = join(ROOT, "test", "fixtures", "invalid", "router-ssh-host-shared.yaml");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const withSecond = (edit: (r: any) => void): string[] => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const raw = JSON.parse(JSON.stringify(fileRaw(FIXTURE))) as any;
  edit(raw.routers[1]);
  const r = resolveSite(raw);
  return r.ok ? [] : r.problems.map(formatProblem);
};

test("a second router with its own ssh.host is accepted", () => {
  expect(withSecond((r) => (r.ssh.host = "10.99.0.1"))).toEqual([]);
});

test("an ssh.host that is another router's router ID is refused, naming that key", () => {
  expect(
    withSecond((r) => {
      r.ssh.host = "10.99.0.1";
      r.routerId = "10.99.0.2";
    }),
  ).toEqual([]);
  // edge2 reached at edge's router ID (edge's ssh.host is the same address, named first).
  expect(withSecond(() => undefined)).toEqual([
    `routers[1].ssh.host: "192.168.88.254": is where Pulumi would reach router edge2, and it is router edge's too (routers[0].ssh.host): edge2's reconcile script would run on edge, and each router's script removes the entries of this stack the other's added (they share its managed-by marker); set routers[1].ssh.host to the address Pulumi reaches edge2 at`,
  ]);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const raw = JSON.parse(JSON.stringify(fileRaw(FIXTURE))) as any;
  raw.routers[1].ssh.host = "10.99.0.1";
  raw.routers[0].ssh.host = "10.99.0.1";
  const r = resolveSite(raw);
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
    `routers[0].ssh.host: "10.99.0.1": is where Pulumi would reach router edge, and it is router edge2's too (routers[1].routerId): edge's reconcile script would run on edge2, and each router's script removes the entries of this stack the other's added (they share its managed-by marker); set routers[0].ssh.host to the address Pulumi reaches edge at`,
    `routers[1].ssh.host: "10.99.0.1": is where Pulumi would reach router edge2, and it is router edge's too (routers[0].ssh.host): edge2's reconcile script would run on edge, and each router's script removes the entries of this stack the other's added (they share its managed-by marker); set routers[1].ssh.host to the address Pulumi reaches edge2 at`,
  ]);
});
