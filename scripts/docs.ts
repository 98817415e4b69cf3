// npm run docs: regenerate the README's config reference from site/spec.ts.
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { ROOT } from "../preview/root";
import { withReference } from "../site/reference";

const path = join(ROOT, "README.md");
writeFileSync(path, withReference(readFileSync(path, "utf8")));
console.log("README.md config reference regenerated");
