// npm run check -- [--stack <name>] [--watch] [--help]: the problems and warnings `npm run plan`
// would print, without loading the Pulumi SDK. The command line itself is preview/check-cli.ts.
import { checkCli, CheckWatch } from "../preview/check-cli";

// Ctrl-C (or a kill) ends a watch quietly: no trace, exit status 0. Set before the first check, so
// that a Ctrl-C right after it is not the default (death by signal).
let watching: CheckWatch | undefined;
const stop = () => {
  watching?.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

const result = checkCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
if (typeof result === "number") {
  process.exitCode = result;
  process.removeListener("SIGINT", stop);
  process.removeListener("SIGTERM", stop);
} else {
  watching = result;
}
