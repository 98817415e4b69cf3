// The project folder, found the same way from sources and from compiled code in bin/.
import { existsSync } from "fs";
import { dirname, join, resolve } from "path";

/** The nearest folder at or above `start` with a Pulumi.yaml, else `start`. */
export function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "Pulumi.yaml"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** The project: the nearest folder above this file with a Pulumi.yaml (also when run from bin/). */
export const ROOT = findProjectRoot(resolve(__dirname, ".."));
