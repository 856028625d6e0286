import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir, hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { DataFolderInUse, lockDataFolder, lockPathOf } from "@/lib/db/data-lock";

const MODULE = path.resolve("lib/db/data-lock.ts");
const TSX = path.resolve("node_modules/.bin/tsx");

const freshDir = () => path.join(mkdtempSync(path.join(tmpdir(), "crewboard-lock-")), "pglite");

/** A process id that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

/** Another process that takes the lock with the real module and reports what happened. */
function otherProcess(dir: string, holdMs: number): { done: Promise<string>; ready: Promise<string> } {
  const script = `
    import { lockDataFolder } from ${JSON.stringify(MODULE)};
    try { lockDataFolder(${JSON.stringify(dir)}); console.log("locked " + process.pid); }
    catch (e) { console.log("refused: " + e.message); }
    setTimeout(() => process.exit(0), ${holdMs});`;
  const child = spawn(TSX, ["--eval", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let announce!: (line: string) => void;
  const ready = new Promise<string>((resolve) => (announce = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("\n")) announce(out.trim());
  });
  const done = new Promise<string>((resolve) => child.on("exit", () => resolve(out.trim())));
  return { done, ready };
}

const releases: (() => void)[] = [];
afterEach(() => {
  while (releases.length) releases.pop()!();
});

describe("the embedded database folder's lock", () => {
  test("is taken and given back; the lock file names this process", () => {
    const dir = freshDir();
    const release = lockDataFolder(dir);
    expect(JSON.parse(readFileSync(lockPathOf(dir), "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    release();
    expect(existsSync(lockPathOf(dir))).toBe(false);
    releases.push(lockDataFolder(dir));
  });

  test("a second opener in the same process is refused (two instances on one folder lose writes)", () => {
    const dir = freshDir();
    releases.push(lockDataFolder(dir));
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUse);
  });

  test("another process fails at once with the holder's process id", async () => {
    const dir = freshDir();
    releases.push(lockDataFolder(dir));
    const other = otherProcess(dir, 0);
    expect(await other.done).toBe(
      `refused: The embedded database folder ${dir} is in use by process ${process.pid} (since ${JSON.parse(readFileSync(lockPathOf(dir), "utf8")).since}). ` +
        "Stop that process first (only one Crewboard process may open the folder), or set CREWBOARD_DATA_DIR to another folder.",
    );
  }, 30_000);

  test("while another process holds it, this one is refused; when it exits the lock is free", async () => {
    const dir = freshDir();
    const other = otherProcess(dir, 1_500);
    const line = await other.ready;
    expect(line).toMatch(/^locked \d+$/);
    const pid = Number(line.split(" ")[1]);
    expect(() => lockDataFolder(dir)).toThrow(`in use by process ${pid}`);
    await other.done;
    expect(existsSync(lockPathOf(dir))).toBe(false);
    releases.push(lockDataFolder(dir));
  }, 30_000);

  test("a stale lock left by a crashed process is taken over", () => {
    const dir = freshDir();
    writeFileSync(lockPathOf(dir), JSON.stringify({ pid: deadPid(), host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    releases.push(lockDataFolder(dir));
    expect(JSON.parse(readFileSync(lockPathOf(dir), "utf8")).pid).toBe(process.pid);
  });

  test("an unreadable lock file counts as stale", () => {
    const dir = freshDir();
    writeFileSync(lockPathOf(dir), "");
    releases.push(lockDataFolder(dir));
    expect(JSON.parse(readFileSync(lockPathOf(dir), "utf8")).pid).toBe(process.pid);
  });

  test("of several processes starting together on a stale lock, exactly one wins", async () => {
    const dir = freshDir();
    writeFileSync(lockPathOf(dir), JSON.stringify({ pid: deadPid(), host: hostname(), since: "2026-01-01T00:00:00.000Z" }));
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => otherProcess(dir, 8_000).done));
    expect(outcomes.filter((o) => o.startsWith("locked"))).toHaveLength(1);
    expect(outcomes.filter((o) => o.startsWith("refused: The embedded database folder"))).toHaveLength(3);
  }, 60_000);
});
