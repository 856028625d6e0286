/**
 * The server the board benchmark measures: its own embedded database (removed and
 * seeded afresh), its own port, a planning clock on a weekday morning, and
 * `node scripts/start.mjs` in a process group of its own so that stopping it also
 * stops `next start` and next-server underneath.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { hashPassword } from "@/lib/auth/password";
import { openPglite } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { writeDemoCompany } from "@/lib/db/seed";
import { DEMO_PASSWORD, generateDemoCompany, type DemoCompany, type DemoCompanySpec } from "@/lib/demo/demo-data";
import { addDays, weekdayOf } from "@/lib/time/calendar-date";
import { wallClock, zonedToUtc } from "@/lib/time/zoned-time";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 07:00 on the first Monday–Friday from `from` in `timeZone`, so the board is a
 * whole working day still ahead (the same idea as playwright.config.ts).
 *
 * @example benchClock("America/Chicago", Date.parse("2026-11-21T12:00:00Z")) // 2026-11-23T13:00:00.000Z
 */
export function benchClock(timeZone: string, from = Date.now()): Date {
  let date = wallClock(new Date(from), timeZone).date;
  while (weekdayOf(date) > 5) date = addDays(date, 1);
  return zonedToUtc(date, "07:00", timeZone);
}

/**
 * Removes `dataDir` and writes the large company into a fresh embedded database,
 * generated for `clock`'s day; returns what was written.
 *
 * Not `scripts/db-seed.ts`: it generates for the real clock (`new Date()`), and on
 * a weekend or an evening that is a different day, or a day already done, than the
 * one the server's `CREWBOARD_CLOCK` plans.
 */
export async function seedFresh(dataDir: string, spec: DemoCompanySpec, clock: Date): Promise<DemoCompany> {
  rmSync(dataDir, { recursive: true, force: true });
  const company = generateDemoCompany(spec, wallClock(clock, spec.timeZone).date, clock);
  const db = await openPglite({ dataDir });
  try {
    await migrate(db);
    await writeDemoCompany(db, company, await hashPassword(DEMO_PASSWORD));
  } finally {
    await db.close();
  }
  return company;
}

/** Pids of `next build` running in `root`: builds share `.next/`, so one must finish before ours starts. */
function buildsIn(root: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ");
      if (/\bnext(\.js)? build\b/.test(cmd) && readlinkSync(`/proc/${name}/cwd`) === root) pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

export interface BenchServer {
  child: ChildProcess;
  baseUrl: string;
  /** The last lines it printed, for the message when something goes wrong. */
  tail: () => string;
}

/** Fails when something already answers on `port` (another run's server would be measured, or its data folder removed). */
export async function assertPortFree(port: number): Promise<void> {
  const inUse = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" }).then(
    () => true,
    () => false,
  );
  if (inUse) throw new Error(`port ${port} is already in use (another bench run?); stop that server or set BENCH_PORT`);
}

/** Starts `node scripts/start.mjs` (which builds first if the sources changed) in its own process group. */
export async function startServer(options: { port: number; dataDir: string; clock: Date; log: (line: string) => void }): Promise<BenchServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  await assertPortFree(options.port);
  for (let said = false; buildsIn(process.cwd()).length > 0; said = true) {
    if (!said) options.log("waiting for another `next build` in this folder to finish (builds share .next/)…");
    await sleep(5_000);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOSTNAME: "127.0.0.1",
    CREWBOARD_DATA_DIR: options.dataDir,
    CREWBOARD_CLOCK: options.clock.toISOString(),
    AUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, baseUrl, tail: () => lines.join("\n") };
}

/** Resolves once /login answers 200; fails if the server exits first or takes longer than `timeoutMs`. */
export async function waitForLogin(server: BenchServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) before /login answered:\n${server.tail()}`);
    }
    const status = await fetch(`${server.baseUrl}/login`, { redirect: "manual" }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(1_000);
  }
  throw new Error(`/login did not answer within ${Math.round(timeoutMs / 1000)} s:\n${server.tail()}`);
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the whole process group (start.mjs, next, next-server): TERM, then KILL after 10 s. */
export async function stopServer(server: BenchServer): Promise<void> {
  const pid = server.child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, "SIGTERM");
  for (let i = 0; i < 100 && groupAlive(pid); i++) await sleep(100);
  if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
}
