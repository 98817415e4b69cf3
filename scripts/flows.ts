// npm run -s flows -- [--stack <name> | --file <stack file>]... [--list] [--problems] [--help]:
// per stack, the site's own flows and what checkFlow says of each; the command line itself is
// preview/flows-cli.ts. The numbers quoted in docs/flows.md and the closing notes come from it.
import { flowsCli } from "../preview/flows-cli";

process.exitCode = flowsCli(
  process.argv.slice(2),
  { out: (line) => console.log(line), err: (line) => console.error(line) },
  process.cwd(),
);
