// Checks objects against Cilium's CRD schemas with @kubernetes-models/cilium's own validate().
// The package ships ES modules only, which Jest's CommonJS runtime cannot load, so the check runs
// in a child Node process (one per call: pass every object at once). The package lives in its own
// folder, test/cilium-models (installed by the root's postinstall), as it declares Node 22 or later.
import { execFileSync } from "child_process";
import { join } from "path";
import { ROOT } from "../fixtures/base";

const SCRIPT = `
import { readFileSync } from "node:fs";
const objects = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const o of objects) {
  const [group, version] = String(o.apiVersion).split("/");
  let Model;
  try {
    Model = (await import(\`@kubernetes-models/cilium/\${group}/\${version}/\${o.kind}\`))[o.kind];
  } catch {
    results.push([\`no schema for \${o.apiVersion} \${o.kind}\`]);
    continue;
  }
  try {
    new Model(o).validate();
    results.push(null);
  } catch (e) {
    results.push(e.errors ? e.errors.map((x) => \`\${x.instancePath} \${x.message}\`) : [String(e)]);
  }
}
process.stdout.write(JSON.stringify(results));
`;

/** Per object: null when its CRD schema accepts it, else the schema's complaints. */
export function schemaErrors(objects: readonly object[]): (string[] | null)[] {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], {
    cwd: join(ROOT, "test", "cilium-models"),
    input: JSON.stringify(objects),
    encoding: "utf8",
  });
  return JSON.parse(out);
}
