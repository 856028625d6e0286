/**
 * Running an import file against the company's data: read and check the file in
 * memory, then write what differs — all or nothing, safe to repeat, and never
 * holding the database for long.
 *
 * - Technicians and customers are set-based: the company's records are read once,
 *   every row is matched and compared in memory, and the differences go in with a
 *   few bulk statements. A preview reads and compares; it writes nothing.
 * - On a Postgres server the writes run in one transaction (other companies keep
 *   working: Postgres runs transactions side by side), after an advisory lock per
 *   company so two imports of the same file run one after the other and the second
 *   finds nothing to do.
 * - Embedded PGlite is one connection: while a transaction is open, every other
 *   request — any company's — waits. So there the writes commit in slices of a few
 *   hundred rows, one import per company at a time, and if any slice is refused
 *   the slices already written are put back (all or nothing, by undoing).
 * - The board and the rules run row by row in one transaction: board rows go
 *   through the board's checked placement path and build on each other.
 * - A bulk import refreshes the planner's statistics of the tables it grew (see
 *   {@link refreshStatistics}).
 */
import type { Db, Queryable } from "@/lib/db/client";
import { withUser, type SessionUser } from "@/lib/db/with-user";
import type { CsvError, CsvTable } from "@/lib/csv/csv-core";
import { readImportFile } from "@/lib/csv/import-file";
import type { CustomerCsvRow } from "@/lib/csv/customers-csv";
import type { TechnicianCsvRow } from "@/lib/csv/technicians-csv";
import type { ImportKind } from "@/lib/schemas/imports";
import { emptyRun, loadTechnicianDirectory, refusalOf, type ImportOptions, type ImportOutcome, type Run } from "@/lib/db/import-common";
import { loadCustomers, planCustomers, undoCustomers, writeCustomers, type CustomerWrite } from "@/lib/db/import-customers";
import { loadTechnicians, planTechnicians, undoTechnicians, writeTechnicians, type TechnicianWrite } from "@/lib/db/import-technicians";
import { importBoard } from "@/lib/db/import-board";
import { importRules } from "@/lib/db/import-rules";

export type { ImportCounts, ImportOutcome } from "@/lib/db/import-common";

export interface CsvImportResult extends ImportOutcome {
  /** The cells as read (the first {@link PREVIEW_ROWS} rows), for the preview table. */
  table: CsvTable;
  /** Data rows in the file. */
  rowCount: number;
}

/** How many rows a preview shows; the counts and errors cover the whole file. */
export const PREVIEW_ROWS = 200;

/** Where an import has got to, for a progress bar. */
export interface ImportProgress {
  phase: "reading" | "checking" | "writing" | "undoing";
  done: number;
  total: number;
}

export interface RunImportOptions extends ImportOptions {
  timeZone: string;
  onProgress?: (p: ImportProgress) => void;
  /** Rows per committed slice on embedded PGlite (default 500). */
  sliceRows?: number;
}

type Actor = Pick<SessionUser, "userId" | "name" | "orgId" | "email">;

/** One kind of set-based import: plan in memory, write and undo in slices. */
interface BulkKind<W> {
  countKinds: string[];
  /** The tables its writes grow. */
  tables: string[];
  plan(tx: Queryable, orgId: string, rows: readonly unknown[]): Promise<{ run: Run; writes: W[] }>;
  write(tx: Queryable, orgId: string, writes: readonly W[]): Promise<CsvError[]>;
  undo(tx: Queryable, orgId: string, writes: readonly W[]): Promise<void>;
}

const TECHNICIANS: BulkKind<TechnicianWrite> = {
  countKinds: ["technicians"],
  tables: ["public.technicians"],
  plan: async (tx, orgId, rows) => planTechnicians(await loadTechnicians(tx, orgId), rows as TechnicianCsvRow[]),
  write: writeTechnicians,
  undo: undoTechnicians,
};

const CUSTOMERS: BulkKind<CustomerWrite> = {
  countKinds: ["customers"],
  tables: ["public.customers", "public.customer_sites"],
  plan: async (tx, orgId, rows) => planCustomers(await loadCustomers(tx, orgId), rows as CustomerCsvRow[], await loadTechnicianDirectory(tx, orgId)),
  write: writeCustomers,
  undo: undoCustomers,
};

/** Rows someone else changed while the import wrote: the whole import is refused. */
class WriteConflict extends Error {
  constructor(readonly problems: CsvError[]) {
    super("the import met a concurrent change");
  }
}

const AUDIT = { source: "import" };
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

// PGlite lives in this one process, so one queue per company is every import there.
const pgliteQueues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  const before = pgliteQueues.get(orgId) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  const settled = mine.catch(() => undefined);
  pgliteQueues.set(orgId, settled);
  void settled.then(() => {
    if (pgliteQueues.get(orgId) === settled) pgliteQueues.delete(orgId);
  });
  return mine;
}

/** How long one committed slice of an import may hold embedded PGlite (its only connection). */
export const SLICE_TARGET_MS = 150;
const FIRST_SLICE_ROWS = 200;

/**
 * The next slice's rows, from how long the last one took: aiming at SLICE_TARGET_MS,
 * growing at most fourfold at a time, between 25 and 5,000 rows.
 *
 * @example
 * nextSliceRows(200, 300) // 100 (too slow: halve)
 * nextSliceRows(200, 30) // 800 (fast: grow, at most 4×)
 */
export function nextSliceRows(rows: number, tookMs: number): number {
  const aimed = Math.round(rows * (SLICE_TARGET_MS / Math.max(tookMs, 1)));
  return Math.max(25, Math.min(5_000, rows * 4, aimed));
}

/** An import writing at least this many rows refreshes the statistics of the tables it grew. */
export const ANALYZE_AFTER_ROWS = 1_000;

/**
 * Refreshes the planner's statistics of `tables`. Without them the planner costs a
 * company's customers as the handful the table held when first planned, and the
 * foreign-key check of every site written looks its customer up through the
 * (org_id, name) index, reading all of the company's customers each time: an
 * import then slows down with every slice it commits. Embedded PGlite never
 * analyzes by itself (no autovacuum), and on a server the next import should not
 * wait for autovacuum. Runs as the connection's own role, outside any user's
 * transaction; where that role does not own the tables Postgres skips them with a
 * warning, and the import is no less correct for it.
 */
async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  await db.exec(tables.map((t) => `analyze ${t};`).join(" "));
}

function slices<W>(writes: readonly W[], size: number): W[][] {
  const out: W[][] = [];
  for (let i = 0; i < writes.length; i += size) out.push(writes.slice(i, i + size));
  return out;
}

async function runBulk<W>(
  db: Db,
  actor: Actor,
  kind: "technicians" | "customers",
  bulk: BulkKind<W>,
  rows: readonly unknown[],
  dryRun: boolean,
  options: RunImportOptions,
): Promise<ImportOutcome> {
  const progress = (phase: ImportProgress["phase"], done: number, total: number) => options.onProgress?.({ phase, done, total });
  const refused = (error: CsvError): ImportOutcome => ({ kind, applied: false, ...emptyRun(bulk.countKinds), errors: [error] });
  const conflicted = (run: Run, problems: CsvError[]): ImportOutcome => ({ kind, applied: false, ...run, errors: problems });

  if (db.kind === "postgres") {
    try {
      const outcome = await withUser(
        db,
        actor,
        async (tx) => {
          const refusal = await refusalOf(tx, actor, kind);
          if (refusal) return refused(refusal);
          // one import per company at a time: the second of two identical files finds everything in place
          if (!dryRun) await tx.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`crewboard import ${actor.orgId}`]);
          progress("checking", 0, rows.length);
          const plan = await bulk.plan(tx, actor.orgId, rows);
          progress("checking", rows.length, rows.length);
          if (dryRun || plan.run.errors.length > 0) return { kind, applied: false, ...plan.run };
          let done = 0;
          for (const slice of slices(plan.writes, 2_000)) {
            const problems = await bulk.write(tx, actor.orgId, slice);
            if (problems.length > 0) throw new WriteConflict(problems);
            progress("writing", (done += slice.length), plan.writes.length);
          }
          return { kind, applied: true, ...plan.run };
        },
        { auditContext: AUDIT },
      );
      const written = outcome.applied ? outcome.counts[kind].created + outcome.counts[kind].updated : 0;
      if (written >= ANALYZE_AFTER_ROWS) await refreshStatistics(db, bulk.tables);
      return outcome;
    } catch (err) {
      if (err instanceof WriteConflict) return conflicted(emptyRun(bulk.countKinds), err.problems);
      throw err;
    }
  }

  return oneAtATime(actor.orgId, async () => {
    progress("checking", 0, rows.length);
    const planned = await withUser(db, actor, async (tx) => {
      const refusal = await refusalOf(tx, actor, kind);
      return refusal ? { refusal } : { plan: await bulk.plan(tx, actor.orgId, rows) };
    });
    if ("refusal" in planned) return refused(planned.refusal!);
    const plan = planned.plan;
    progress("checking", rows.length, rows.length);
    if (dryRun || plan.run.errors.length > 0) return { kind, applied: false, ...plan.run };
    // slices sized to take about SLICE_TARGET_MS each, whatever the machine's speed,
    // so a request from anyone else waits at most about that long (a fixed size when asked)
    const parts: W[][] = [];
    let committed = 0;
    let size = options.sliceRows ?? FIRST_SLICE_ROWS;
    try {
      for (let at = 0; at < plan.writes.length; at += parts[parts.length - 1].length) {
        const part = plan.writes.slice(at, at + size);
        parts.push(part);
        const started = performance.now();
        await withUser(
          db,
          actor,
          async (tx) => {
            const problems = await bulk.write(tx, actor.orgId, part);
            if (problems.length > 0) throw new WriteConflict(problems);
          },
          { auditContext: AUDIT },
        );
        committed += 1;
        const took = performance.now() - started;
        // once the first slice is in, the statistics count this company's rows; the
        // planner scales them with the tables' size from then on
        if (plan.writes.length >= ANALYZE_AFTER_ROWS && committed === 1) {
          await yieldToEventLoop();
          await refreshStatistics(db, bulk.tables);
        }
        progress("writing", at + part.length, plan.writes.length);
        if (options.sliceRows === undefined) size = nextSliceRows(size, took);
        // let requests that queued meanwhile (any company's) have the database
        await yieldToEventLoop();
      }
    } catch (err) {
      // put back what was committed, newest first, so nothing of the file is kept
      for (let i = committed - 1; i >= 0; i--) {
        progress("undoing", committed - i, committed);
        await withUser(db, actor, (tx) => bulk.undo(tx, actor.orgId, parts[i]), { auditContext: { ...AUDIT, undo: true } });
        await yieldToEventLoop();
      }
      if (err instanceof WriteConflict) return conflicted(plan.run, err.problems);
      throw err;
    }
    return { kind, applied: true, ...plan.run };
  });
}

const byRow = (a: CsvError, b: CsvError) => a.row - b.row;

/**
 * Reads a CSV of one kind (local times in the company's zone) and imports it. A
 * file with any cell error is never kept, but its readable rows are still checked,
 * so every problem — cell or database — is reported at once.
 *
 * @example await importCsv(db, user, "customers", text, { dryRun: true, now: new Date(), timeZone: "America/Chicago" })
 */
export async function importCsv(db: Db, actor: Actor, kind: ImportKind, text: string, options: RunImportOptions): Promise<CsvImportResult> {
  const file = await readImportFile(kind, text, {
    timeZone: options.timeZone,
    onProgress: (p) => options.onProgress?.({ phase: "reading", ...p }),
  });
  const dryRun = options.dryRun || file.errors.length > 0;
  let outcome: ImportOutcome;
  if (file.kind === "technicians") {
    outcome = await runBulk(db, actor, file.kind, TECHNICIANS, file.rows, dryRun, options);
  } else if (file.kind === "customers") {
    outcome = await runBulk(db, actor, file.kind, CUSTOMERS, file.rows, dryRun, options);
  } else {
    const rowsOf = file.rows;
    outcome = await withUser(
      db,
      actor,
      async (tx) => {
        const refusal = await refusalOf(tx, actor, kind);
        if (refusal) return { kind, applied: false, ...emptyRun(kind === "board" ? ["jobs", "assignments"] : ["rules"]), errors: [refusal] };
        const runOptions = { dryRun, now: options.now };
        if (file.kind === "board") {
          const onRow = (done: number) => options.onProgress?.({ phase: "writing", done, total: rowsOf.length });
          return importBoard(tx, actor, file.rows, runOptions, onRow);
        }
        return importRules(tx, actor, file.rows, runOptions);
      },
      { auditContext: AUDIT },
    );
  }
  return {
    ...outcome,
    applied: outcome.applied && file.errors.length === 0,
    errors: [...file.errors, ...outcome.errors].sort(byRow),
    table: { columns: file.table.columns, records: file.table.records.slice(0, PREVIEW_ROWS) },
    rowCount: file.table.records.length,
  };
}
