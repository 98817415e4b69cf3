// npm run twin -- (--stack <name> | --from <preview dir>) [--help]: the site twin of one preview.
// The command line itself is twin/cli.ts; this only wires it to the process.
import { RefusedFile } from "../preview/files";
import { twinCli } from "../twin/cli";

twinCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // A file the command refuses, cannot read or write is the user's to fix: one line, no trace.
    if (err instanceof RefusedFile) {
      console.error(`twin: ${err.message}`);
      process.exit(2);
    }
    const code = (err as { code?: string }).code;
    if (err instanceof Error && typeof code === "string" && code.startsWith("E")) {
      console.error(`twin: ${err.message}`);
      process.exit(1);
    }
    console.error(err);
    process.exit(1);
  },
);
