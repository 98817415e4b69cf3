// A twin build step that fails names what it could not build and the tool's own reason, never a
// bare `Command failed` (issue 20, new-user trial). Runs iproute2 without root (a read only).
import { run } from "../../twin/netns/host";
import { building } from "../../twin/realise";

test("a failing command: what could not be built, the tool's reason and the command", () => {
  expect(() =>
    building("lab-cp1's link nosuchlink0", () => run("ip", ["link", "show", "nosuchlink0"])),
  ).toThrow(
    'could not build lab-cp1\'s link nosuchlink0: Device "nosuchlink0" does not exist. (ip link show nosuchlink0)',
  );
});

test("a step that succeeds returns its value", () => {
  expect(building("a value", () => 42)).toBe(42);
});

test("an error that is not a command's keeps its message", () => {
  expect(() =>
    building("gobgpd of lab-cp1", () => {
      throw new Error("no API in 10 s");
    }),
  ).toThrow("could not build gobgpd of lab-cp1: no API in 10 s");
});
