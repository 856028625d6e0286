#!/usr/bin/env node
// The server the browser tests run against: a fresh embedded database of its own
// (never the one `npm start` uses), demo data, a fixed signing key, and open sign-up so
// every test can create a company of its own.
import { rmSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";

const dataDir = path.join(process.cwd(), ".data", `e2e-${process.env.PORT ?? "3100"}`);
rmSync(dataDir, { recursive: true, force: true });
const env = {
  ...process.env,
  CREWBOARD_DATA_DIR: dataDir,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  HOSTNAME: "127.0.0.1",
  CREWBOARD_SIGNUP: "open",
};
delete env.DATABASE_URL;
const child = spawn(process.execPath, ["scripts/start.mjs"], { stdio: "inherit", env, detached: false });
const stop = (signal) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
