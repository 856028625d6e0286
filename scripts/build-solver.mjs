#!/usr/bin/env node
// Builds the route optimiser's worker thread into one plain JavaScript file
// (dist/solver-worker.mjs, or --outfile PATH) that `next start` loads with no
// TypeScript loader and no development dependencies: the engine is bundled in.
import { build } from "esbuild";
import path from "node:path";

const root = process.cwd();
const at = process.argv.indexOf("--outfile");
const outfile = path.resolve(at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : path.join(root, "dist", "solver-worker.mjs"));

await build({
  entryPoints: [path.join(root, "lib", "optimise", "solver-worker.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: path.join(root, "tsconfig.json"),
  // node: built-ins only; anything else would need node_modules at run time
  external: ["node:*"],
  logLevel: "warning",
  banner: { js: "// Built by scripts/build-solver.mjs from lib/optimise/solver-worker.ts; do not edit." },
});
console.log(`Route optimiser worker built: ${path.relative(root, outfile) || outfile}`);
