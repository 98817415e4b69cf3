// npm run docs: regenerate the README's config reference and the stack file JSON Schema from
// site/spec.ts. Tests fail when either file differs from what this writes.
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { ROOT } from "../preview/root";
import { SCHEMA_PATH, stackFileSchemaText } from "../site/json-schema";
import { withReference } from "../site/reference";

const readme = join(ROOT, "README.md");
writeFileSync(readme, withReference(readFileSync(readme, "utf8")));
const schema = join(ROOT, SCHEMA_PATH);
mkdirSync(dirname(schema), { recursive: true });
writeFileSync(schema, stackFileSchemaText());
console.log(`README.md config reference and ${SCHEMA_PATH} regenerated`);
