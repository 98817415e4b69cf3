// The bundled stacks the tests run are exactly the stack files the project ships (git tracks),
// so a new bundled stack cannot be left untested and a user's own stack file is never tested.
import { execFileSync } from "child_process";
import { BUNDLED_STACKS, ROOT } from "../fixtures/base";

test("BUNDLED_STACKS lists every Pulumi.<stack>.yaml git tracks", () => {
  const tracked = execFileSync("git", ["ls-files", "Pulumi.*.yaml"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => f !== "")
    .map((f) => f.replace(/^Pulumi\.(.+)\.yaml$/, "$1"));
  expect(tracked.sort()).toEqual([...BUNDLED_STACKS].sort());
});
