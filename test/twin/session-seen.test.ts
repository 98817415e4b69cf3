// The twin's `expect <name>` line for a session expectation: FRR's state per address family it
// carries the session in, without a "-" for a family it does not (new-user trial 2: "IPv6 -" on
// an IPv4 session read as a failure).
import { frrSeen, sessionUp } from "../../twin/checks/expect";

test("FRR's session state is shown for the families it carries, or the missing neighbour named", () => {
  expect(frrSeen("pve1", "10.0.0.2", { "4": "Established", "6": "-" })).toBe(
    "pve1 (FRR) -> 10.0.0.2: IPv4 Established",
  );
  expect(frrSeen("pve1", "fd00::2", { "4": "-", "6": "Active" })).toBe(
    "pve1 (FRR) -> fd00::2: IPv6 Active",
  );
  expect(frrSeen("pve1", "10.0.0.2", { "4": "Established", "6": "Idle" })).toBe(
    "pve1 (FRR) -> 10.0.0.2: IPv4 Established, IPv6 Idle",
  );
  expect(frrSeen("pve1", "10.0.0.9", { "4": "-", "6": "-" })).toBe(
    "pve1 (FRR) has no neighbour 10.0.0.9 in show bgp summary",
  );
  expect(sessionUp({ "4": "Established", "6": "-" })).toBe(true);
  expect(sessionUp({ "4": "-", "6": "Established" })).toBe(true);
  expect(sessionUp({ "4": "Active", "6": "-" })).toBe(false);
});
