#!/usr/bin/env node
// npm start [-- --demo]: migrate (and on an empty embedded database, or when asked with
// --demo / CREWBOARD_DEMO=true, create the demo companies), build if
// the sources changed since the last build, then serve with `next start`.
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];

function fingerprint() {
  const hash = createHash("sha256");
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    } else if (!p.endsWith(".test.ts")) {
      hash.update(path.relative(root, p));
      hash.update(readFileSync(p));
    }
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return hash.digest("hex");
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(bin("tsx"), ["scripts/db-migrate.ts", "--on-start", ...process.argv.slice(2).filter((a) => a === "--demo")]);

const stamp = path.join(root, ".next", "crewboard-source-hash");
const current = fingerprint();
const built =
  existsSync(path.join(root, ".next", "BUILD_ID")) &&
  existsSync(path.join(root, "dist", "solver-worker.mjs")) &&
  existsSync(stamp) &&
  readFileSync(stamp, "utf8") === current;
if (!built) {
  console.log("Building Crewboard (first start or sources changed)…");
  // the route optimiser's worker thread, as plain JavaScript next start can load
  run(process.execPath, ["scripts/build-solver.mjs"]);
  run(bin("next"), ["build"]);
  writeFileSync(stamp, current);
}

const port = process.env.PORT ?? "3000";
const args = ["start", "-p", port];
if (process.env.HOSTNAME) args.push("-H", process.env.HOSTNAME);
console.log(`Crewboard on http://localhost:${port}`);
const child = spawn(bin("next"), args, { stdio: "inherit", env: process.env });
const stop = (signal) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
