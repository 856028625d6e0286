import { mkdir } from "node:fs/promises";
import path from "node:path";
import { openPglite, openPostgres, type Db } from "@/lib/db/client";
import { DataFolderInUse } from "@/lib/db/data-lock";
import { migrate } from "@/lib/db/migrate";
import { startUpkeep } from "@/lib/db/upkeep";

/** Where the embedded database keeps its files (`.data/pglite` unless overridden). */
export function embeddedDataDir(): string {
  return process.env.CREWBOARD_DATA_DIR
    ? path.resolve(process.env.CREWBOARD_DATA_DIR)
    : path.join(process.cwd(), ".data", "pglite");
}

/** Opens the configured database: `DATABASE_URL` (postgres://) or embedded PGlite. */
export async function openConfiguredDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must start with postgres:// or postgresql://");
    }
    return openPostgres(url);
  }
  const dir = embeddedDataDir();
  await mkdir(dir, { recursive: true });
  return openPglite({ dataDir: dir });
}

type Holder = { crewboardDb?: Promise<Db>; crewboardUpkeep?: () => void };

/**
 * The process-wide database, migrated on first use. One instance per process:
 * PGlite must never be opened twice on the same folder.
 */
export function getDb(): Promise<Db> {
  const g = globalThis as Holder;
  if (!g.crewboardDb) {
    g.crewboardDb = (async () => {
      const db = await openConfiguredDb();
      await migrate(db);
      // the embedded database's statistics, refreshed now and every hour (it has no autovacuum)
      g.crewboardUpkeep = startUpkeep(db);
      return db;
    })().catch((err) => {
      g.crewboardDb = undefined;
      throw err;
    });
  }
  return g.crewboardDb;
}

/**
 * For command-line scripts: the configured database, or — when another process has
 * the embedded folder open — that reason in one line and exit code 1, not a stack.
 */
export async function openConfiguredDbOrExit(): Promise<Db> {
  try {
    return await openConfiguredDb();
  } catch (err) {
    if (err instanceof DataFolderInUse) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Closes the process-wide database if it was opened (clean shutdown). */
export async function closeDb(): Promise<void> {
  const g = globalThis as Holder;
  const pending = g.crewboardDb;
  g.crewboardDb = undefined;
  g.crewboardUpkeep?.();
  g.crewboardUpkeep = undefined;
  if (!pending) return;
  const db = await pending.catch(() => null);
  await db?.close();
}
