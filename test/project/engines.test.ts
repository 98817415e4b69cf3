// The Node version is stated once, in package.json `engines`, and checked here against what every
// installed package declares, and by scripts/run.js against the running Node before `npm run plan`.
import { readFileSync } from "fs";
import { join } from "path";
import { subset } from "semver";

const root = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));

/** Installed packages whose `engines.node` does not admit every Node version ours admits. */
function narrower(): string[] {
  return Object.entries(
    lock.packages as Record<string, { engines?: { node?: string }; dev?: boolean }>,
  )
    .filter(
      ([name, p]) => name !== "" && p.engines?.node && !subset(pkg.engines.node, p.engines.node),
    )
    .map(
      ([name, p]) =>
        `${name.replace(/^.*node_modules\//, "")} ${p.engines?.node}${p.dev ? " (dev)" : ""}`,
    )
    .sort();
}

test("the project states the Node versions its dependencies admit", () => {
  expect(pkg.engines).toEqual({ node: "^20.19.0 || ^22.13.0 || >=24" });
});

test("every dependency runs on every Node the project admits, but the test-only Kubernetes models", () => {
  // The Kubernetes model packages check rendered Cilium objects in the tests only; their one
  // published line declares Node 22, and the test suite passes with them on Node 20 (CI's Node).
  expect(narrower()).toEqual([
    "@kubernetes-models/apimachinery >=22 (dev)",
    "@kubernetes-models/base >=22 (dev)",
    "@kubernetes-models/cilium >=22 (dev)",
    "@kubernetes-models/validate >=22 (dev)",
    "kubernetes-models >=22 (dev)",
  ]);
});
