/**
 * The embedded database folder belongs to one process at a time. PGlite opened twice
 * on one folder silently loses writes, so whoever opens it (the server, `db:seed`,
 * `db:migrate`, the notice worker, a benchmark) first takes `<folder>.lock`: a file
 * created atomically (O_EXCL) holding the owner's process id. A second process fails at
 * once with "data folder in use by process N". A lock left by a process that no longer
 * runs (a crash, a kill -9) is stale: it is taken over, and the takeover is itself
 * atomic, so two processes starting together never both win.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Thrown when another live process holds the folder. */
export class DataFolderInUse extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database folder ${dir} is in use by process ${owner.pid} (since ${owner.since}). ` +
        `Stop that process first (only one Crewboard process may open the folder), or set CREWBOARD_DATA_DIR to another folder.`,
    );
    this.name = "DataFolderInUse";
  }
}

export const lockPathOf = (dir: string) => `${dir.replace(/[\\/]+$/, "")}.lock`;

/** Is a process with this id running on this machine? */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number") return null;
    return { pid: parsed.pid, host: String(parsed.host ?? ""), since: String(parsed.since ?? "an unknown time") };
  } catch {
    return null;
  }
}

function createExclusive(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Lock files this process holds, with when it took each. */
const held = new Map<string, string>();

/** Waits synchronously (the lock is taken before anything else runs). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let exitHookInstalled = false;

function releaseAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const file of held.keys()) removeIfOurs(file);
  });
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function removeIfOurs(file: string): void {
  const owner = readOwner(file);
  if (owner && owner.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

/**
 * Takes the folder's lock for this process, or throws DataFolderInUse — also when this
 * same process already has the folder open (two PGlite instances on one folder lose
 * writes even within one process). The returned function gives the lock back; the
 * process's exit gives back any it still holds.
 */
export function lockDataFolder(dir: string): () => void {
  const file = lockPathOf(dir);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (held.has(file)) throw new DataFolderInUse(dir, { pid: process.pid, host: me.host, since: held.get(file)! });
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, me)) break;
    const owner = readOwner(file);
    if (owner && owner.pid === process.pid) break;
    // a lock written by another machine sharing the folder cannot be checked: trust it
    const otherHost = owner !== null && owner.host !== "" && owner.host !== me.host;
    if (owner && (otherHost || processAlive(owner.pid))) throw new DataFolderInUse(dir, owner);
    if (attempt > 20) throw new Error(`Could not take the lock ${file}: it keeps changing hands. Is another process starting?`);
    // empty (being written this instant) or stale. Only the holder of the takeover
    // file may remove a stale lock, so two processes never both take it over.
    if (!owner && attempt < 2) {
      pause(20);
      continue;
    }
    const takeover = `${file}.takeover`;
    if (!createExclusive(takeover, me)) {
      const other = readOwner(takeover);
      if (other && !processAlive(other.pid)) removeFile(takeover);
      pause(20);
      continue;
    }
    try {
      const now = readOwner(file);
      const same = now?.pid === owner?.pid;
      if (same) removeFile(file);
      if (createExclusive(file, me)) break;
    } finally {
      removeFile(takeover);
    }
  }
  held.set(file, me.since);
  releaseAllOnExit();
  let given = false;
  return () => {
    if (given) return;
    given = true;
    held.delete(file);
    removeIfOurs(file);
  };
}
