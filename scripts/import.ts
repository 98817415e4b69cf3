// npm run import -- --site <name> [...]: a stack file from a running site's saved files.
// The command line itself is import/cli.ts; this only wires it to the process.
import { importCli } from "../import/cli";

process.exit(
  importCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }),
);
