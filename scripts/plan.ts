// npm run plan -- --stack <name> [--out <dir>]
// Offline preview of one stack: validates the site and runs index.ts under Pulumi's mocks.
import { existsSync } from "fs";
import { join, relative } from "path";
import { parseArgs } from "util";
import { previewStack, problemLines, ROOT, summarize, writePreview } from "../preview/offline";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { stack: { type: "string", default: "homelab" }, out: { type: "string" } },
    strict: true,
  });
  const stack = values.stack as string;
  if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !existsSync(join(ROOT, `Pulumi.${stack}.yaml`))) {
    console.error(`plan: no stack file Pulumi.${stack}.yaml in ${ROOT}`);
    return 2;
  }
  const outDir = values.out ?? join(ROOT, "out", stack);
  const result = await previewStack(stack);
  if (!result.ok) {
    const lines = problemLines(result);
    console.error(
      `${stack}: ${lines.length} problem${lines.length === 1 ? "" : "s"}; nothing was registered`,
    );
    for (const line of lines) console.error(`  - ${line}`);
    return 1;
  }
  writePreview(result, outDir);
  console.log(summarize(stack, result, relative(process.cwd(), outDir) || "."));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
