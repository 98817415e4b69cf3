// The Node story, stated in package.json and checked here against what every installed package
// declares: the program runs on Node 22 or later (devEngines.runtime, checked by scripts/run.js
// before every command; `npm run` takes it from node_modules/.bin, the `node` devDependency), while
// the Node that runs npm itself may be 20 (engines), so that `npm ci` there warns of no engine.
// The Cilium CRD models, which declare Node 22, are a package of their own (test/cilium-models),
// installed by the postinstall with that Node 22.
import { readFileSync } from "fs";
import { join } from "path";
import { minVersion, subset } from "semver";

const root = join(__dirname, "..", "..");
const read = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));
const pkg = read("package.json");

/** Packages of `lockFile` whose `engines.node` does not admit every version of `range`. */
function narrower(lockFile: string, range: string): string[] {
  const lock = read(lockFile);
  return Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
    .filter(([name, p]) => name !== "" && p.engines?.node && !subset(range, p.engines.node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, "")} ${p.engines?.node}`)
    .sort();
}

test("npm may run on Node 20; the program runs on Node 22 or later, from the node devDependency", () => {
  expect(pkg.engines).toEqual({ node: "^20.19.0 || ^22.13.0 || >=24" });
  expect(pkg.devEngines).toEqual({
    runtime: { name: "node", version: "^22.13.0 || >=24", onFail: "ignore" },
  });
  expect(pkg.devDependencies.node).toBe("22.23.3");
  expect(subset(pkg.devDependencies.node, pkg.devEngines.runtime.version)).toBe(true);
  expect(pkg.allowScripts).toEqual({ node: true });
  expect(pkg.scripts.postinstall).toBe("npm ci --prefix test/cilium-models --no-audit --no-fund");
});

test("every package the project installs admits the Node that runs npm, so npm ci warns of none", () => {
  expect(narrower("package-lock.json", pkg.engines.node)).toEqual([]);
  expect(read("package-lock.json").packages["node_modules/@kubernetes-models/cilium"]).toBe(
    undefined,
  );
});

test("the Cilium models' own package needs Node 22, which its postinstall runs with", () => {
  expect(narrower("test/cilium-models/package-lock.json", pkg.devEngines.runtime.version)).toEqual(
    [],
  );
  expect(narrower("test/cilium-models/package-lock.json", pkg.engines.node)).toEqual([
    "@kubernetes-models/apimachinery >=22",
    "@kubernetes-models/base >=22",
    "@kubernetes-models/cilium >=22",
    "@kubernetes-models/validate >=22",
    "kubernetes-models >=22",
  ]);
  expect(minVersion(pkg.devEngines.runtime.version)?.version).toBe("22.13.0");
});
