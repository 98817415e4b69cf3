// "did you mean" for every name or enum looked up from the stack file (issue 20, new-user trial):
// the nearest known name, never a guess between equally near ones. The places each have a
// fixture in test/fixtures/invalid/typo-*.yaml; the site they break is accepted as written.
import { join } from "path";
import { resolveSite } from "../../site";
import { closest, nameFix } from "../../site/schema";
import { fileRaw } from "../fixtures/base";

test.each([
  ["apps", ["management", "app", "lan"], "app"],
  ["reachable", ["reach", "deny", "session", "failover"], "reach"],
  ["fail", ["reach", "deny", "session", "failover"], "failover"],
  ["Pve1", ["pve1", "nas"], "pve1"],
  ["pve04", ["pve01", "pve02", "pve03"], undefined],
  ["storage", ["app", "lan"], undefined],
  ["re", ["reach", "deny"], undefined],
])("closest(%j, %j) is %j", (input, known, expected) => {
  expect(closest(input, known)).toBe(expected);
});

test("nameFix lists the names when none is near, and says when there are none", () => {
  expect(nameFix("lb2", ["lb"], "segments")).toBe("did you mean lb?");
  expect(nameFix("pve04", ["pve01", "pve02", "pve03"], "hosts")).toBe(
    "hosts are pve01, pve02, pve03",
  );
  expect(nameFix("x", [], "hosts", "; add one to homelab:hosts")).toBe(
    "hosts are none; add one to homelab:hosts",
  );
});

test("the site the typo fixtures break is accepted as written", () => {
  const result = resolveSite(
    fileRaw(join(__dirname, "..", "fixtures", "frictions", "typos-base.yaml")),
  );
  expect(result.ok ? [] : result.problems).toEqual([]);
  expect(result.ok).toBe(true);
});

// msgs items 4 and 6: a version without its v, a DNS name with the root's trailing dot.
test.each([
  ["talos", "kubernetesVersion", "1.34.1", "did you mean v1.34.1?"],
  ["talos", "version", "1.12.4", "did you mean v1.12.4?"],
  ["talos", "version", "1.12", "write v, then major.minor.patch (e.g. v1.13.9)"],
])("%s.%s %j is refused with %j", (ns, k, value, fix) => {
  const raw = fileRaw(join(__dirname, "..", "fixtures", "frictions", "typos-base.yaml"));
  const result = resolveSite({ ...raw, [ns]: { ...(raw[ns] as object), [k]: value } });
  const mine = result.ok ? [] : result.problems.filter((p) => p.path === `${ns}.${k}`);
  expect(mine.map((p) => p.fix)).toEqual([fix]);
});
