// npm run docs: regenerate the config reference page (docs/reference.md) and the stack file JSON
// Schema from site/spec*.ts. Tests fail when either file differs from what this writes.
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { ROOT } from "../preview/root";
import { SCHEMA_PATH, stackFileSchemaText } from "../site/json-schema";
import { REFERENCE_PATH, withReference } from "../site/reference";

const page = join(ROOT, REFERENCE_PATH);
writeFileSync(page, withReference(readFileSync(page, "utf8")));
const schema = join(ROOT, SCHEMA_PATH);
mkdirSync(dirname(schema), { recursive: true });
writeFileSync(schema, stackFileSchemaText());
console.log(`${REFERENCE_PATH} config reference and ${SCHEMA_PATH} regenerated`);
