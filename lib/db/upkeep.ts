/**
 * Upkeep the embedded database does not do by itself. PGlite runs no autovacuum,
 * so the query planner's statistics are never refreshed: a table that held a
 * handful of rows when first planned is costed that way forever, and as a company
 * grows its board, searches and placements drift onto plans that read every row
 * (a job looked up through the company-wide index instead of its own key).
 * Crewboard analyzes the embedded database when it opens it and every hour after.
 * A Postgres server has autovacuum for this and is left alone.
 */
import type { Db } from "@/lib/db/client";

/** How often a running server refreshes the embedded database's statistics. */
export const UPKEEP_EVERY_MS = 60 * 60_000;

/**
 * Refreshes the planner's statistics of Crewboard's tables (embedded database only).
 * Returns whether it ran.
 *
 * @example await refreshPlannerStatistics(db) // true on PGlite, false on a server
 */
export async function refreshPlannerStatistics(db: Db): Promise<boolean> {
  if (db.kind !== "pglite") return false;
  // Crewboard's own tables only: the system catalogs are small and change only with migrations
  const tables = await db.query<{ name: string }>(
    "select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('public', 'private') order by 1",
  );
  if (tables.length > 0) await db.exec(tables.map((t) => `analyze ${t.name};`).join(" "));
  return true;
}

/**
 * Refreshes the statistics now and then every `everyMs` until stopped; never keeps
 * the process alive. A failed round is logged and the next one tries again.
 *
 * @example const stop = startUpkeep(db); … stop();
 */
export function startUpkeep(db: Db, everyMs = UPKEEP_EVERY_MS): () => void {
  if (db.kind !== "pglite") return () => {};
  const round = () =>
    refreshPlannerStatistics(db).catch((err: unknown) => {
      console.error(`[upkeep] refreshing the embedded database's statistics failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  void round();
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
