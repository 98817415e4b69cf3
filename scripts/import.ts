// npm run import -- --site <name> [...]: a stack file from a running site's saved files.
// The command line itself is import/cli.ts; this only wires it to the process.
import { importCli } from "../import/cli";

try {
  process.exit(
    importCli(process.argv.slice(2), {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    }),
  );
} catch (err) {
  // A file it cannot write (--out in a missing folder, no permission) is the user's: one line.
  const code = (err as { code?: string }).code;
  if (err instanceof Error && typeof code === "string" && code.startsWith("E")) {
    console.error(`import: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
