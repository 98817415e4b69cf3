#!/usr/bin/env node
// node scripts/run.js <script> [args...]: runs scripts/<script>.ts compiled, without compiling on
// every run. Sources newer than their output in bin/ (and only those) are transpiled with swc, using
// .swcrc, the settings the tests use; the type check is `npm run typecheck`'s job, as it was under
// `ts-node --transpile-only`. An up-to-date tree costs one stat per source file.
"use strict";
const { createHash } = require("crypto");
const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bin");
// The folders tsc builds (tsconfig.build.json `include`), so a new source folder needs no edit here.
const SOURCES = [
  ...new Set(
    JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.build.json"), "utf8")).include.map(
      (glob) => glob.split("/")[0],
    ),
  ),
];
const STAMP = path.join(OUT, ".swc-stamp");

/** Every .ts file (not .d.ts) under the program's source folders, relative to the root. */
function sources() {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(ROOT, rel);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(abs)) walk(path.join(rel, name));
    } else if (rel.endsWith(".ts") && !rel.endsWith(".d.ts")) {
      out.push({ rel, mtimeMs: stat.mtimeMs });
    }
  };
  SOURCES.forEach(walk);
  return out;
}

/** The compiler settings and version: a change rebuilds everything. */
function stampText() {
  const swcrc = fs.readFileSync(path.join(ROOT, ".swcrc"), "utf8");
  const version = require("@swc/core/package.json").version;
  return createHash("sha256").update(`${version}\n${swcrc}`).digest("hex");
}

/** Transpiles the sources whose output is missing or older; returns how many it wrote. */
function build() {
  const all = sources();
  const current = stampText();
  const fresh = fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === current;
  const stale = all.filter(({ rel, mtimeMs }) => {
    if (!fresh) return true;
    const js = fs.statSync(path.join(OUT, rel.replace(/\.ts$/, ".js")), { throwIfNoEntry: false });
    return !js || js.mtimeMs < mtimeMs;
  });
  if (stale.length === 0) return 0;
  const swc = require("@swc/core");
  const options = JSON.parse(fs.readFileSync(path.join(ROOT, ".swcrc"), "utf8"));
  delete options.$schema;
  for (const { rel } of stale) {
    const file = path.join(ROOT, rel);
    const { code } = swc.transformFileSync(file, { ...options, filename: file, swcrc: false });
    const js = path.join(OUT, rel.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, code);
  }
  fs.writeFileSync(STAMP, current);
  return stale.length;
}

// The Node the program runs on (package.json devEngines.runtime), checked here, where a user first
// runs the program. `npm run` finds it in node_modules/.bin: the `node` devDependency (Node 22),
// whatever Node runs npm itself (package.json engines, which admits Node 20 to install).
const runtime = require(path.join(ROOT, "package.json")).devEngines.runtime.version;
if (!require("semver").satisfies(process.version, runtime)) {
  console.error(
    `run: Node ${process.version} is not one of ${runtime} (package.json devEngines.runtime); run the command through npm run, which takes Node from node_modules/.bin (the node devDependency), or install one of those Node versions`,
  );
  process.exit(2);
}
// Node 22.1+ keeps the compiled code of loaded modules on disk: a repeated command (npm run check)
// skips compiling them. In bin/, the build output, never in node_modules (shared by worktrees).
require("module").enableCompileCache?.(path.join(OUT, ".compile-cache"));

const [script, ...args] = process.argv.slice(2);
if (
  !script ||
  !/^[a-z-]+$/.test(script) ||
  !fs.existsSync(path.join(ROOT, "scripts", `${script}.ts`))
) {
  console.error(`run: no script scripts/${script ?? ""}.ts`);
  process.exit(2);
}
build();
process.argv = [process.argv[0], path.join(OUT, "scripts", `${script}.js`), ...args];
require(process.argv[1]);
