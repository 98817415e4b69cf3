// npm run twin -- (--stack <name> | --from <preview dir>) [--help]: the site twin of one preview.
// The command line itself is twin/cli.ts; this only wires it to the process.
import { twinCli } from "../twin/cli";

twinCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
