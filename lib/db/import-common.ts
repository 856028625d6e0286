/**
 * What every kind of import shares: its outcome, who may run it, how a refusal of
 * the database reads on a row, and the in-transaction, row-by-row runner the
 * board and rules imports use.
 */
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import type { CsvError } from "@/lib/csv/csv-core";
import type { ImportKind } from "@/lib/schemas/imports";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOutcome {
  kind: ImportKind;
  /** True when the changes were kept: not a preview, and no row failed. */
  applied: boolean;
  /** Per kind of record: technicians; customers; jobs and assignments; rules. */
  counts: Record<string, ImportCounts>;
  /** Rows the database or the board refused; any one of them stops the whole import. */
  errors: CsvError[];
  /** Accepted with a warning (double booking, outside the shift…). */
  warnings: CsvError[];
  /** What the import decided for a row (a rule set the priority…). */
  notes: CsvError[];
}

export interface ImportOptions {
  /** Count and check everything, then roll back. */
  dryRun: boolean;
  now: Date;
}

export type ImportActor = Pick<SessionUser, "userId" | "name" | "orgId">;
export type Outcome = keyof ImportCounts;

/** Who may write what each kind of file changes (the tables' policies say the same). */
export const WRITERS: Record<ImportKind, { roles: string[]; who: string; what: string }> = {
  technicians: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "technicians" },
  customers: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "customers" },
  board: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "the board" },
  rules: { roles: ["admin"], who: "admins", what: "priority and SLA rules" },
};

/**
 * Asks the policies' own membership check whether the actor may import `kind`:
 * null when allowed, else the error to report on the header row.
 */
export async function refusalOf(tx: Queryable, actor: ImportActor, kind: ImportKind): Promise<CsvError | null> {
  const writers = WRITERS[kind];
  const [{ allowed }] = await tx.query<{ allowed: boolean }>("select private.has_role($1, $2::text[]) as allowed", [actor.orgId, writers.roles]);
  return allowed ? null : { row: 1, column: null, message: `your role may not import ${writers.what}: only ${writers.who} change them` };
}

/** A row the import cannot apply, with the column to blame. */
export class RowProblem extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface Run {
  counts: Record<string, ImportCounts>;
  errors: CsvError[];
  warnings: CsvError[];
  notes: CsvError[];
}

export const emptyRun = (countKinds: string[]): Run => ({
  counts: Object.fromEntries(countKinds.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])),
  errors: [],
  warnings: [],
  notes: [],
});

export const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string | Date).toISOString());
export const sameInstant = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Date.parse(a!) === Date.parse(b!);
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a refusal of the database means for the row, in words; unexpected errors are rethrown. */
export function problemOf(err: unknown, what: string): RowProblem {
  if (err instanceof RowProblem) return err;
  if (err instanceof ActionFailure) return new RowProblem(null, err.message);
  const e = err as { code?: string; message?: string; detail?: string };
  switch (e.code) {
    case "42501":
      return new RowProblem(null, `your role may not change ${what} (the database refused)`);
    case "23505":
      return new RowProblem(null, `conflicts with an existing record${e.detail ? ` (${e.detail})` : ""}`);
    case "23503":
      return new RowProblem(null, "refers to something that does not exist in your company");
    case "23514":
    case "23502":
    case "22001":
    case "22003":
    case "22007":
    case "22008":
      return new RowProblem(null, e.message ?? "breaks a rule of the database");
    default:
      throw err;
  }
}

/** Fields of `desired` (undefined = not in the file) that differ from `current`. */
export function diff(
  current: Record<string, unknown>,
  desired: Record<string, unknown>,
  equal = (a: unknown, b: unknown) => a === b,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(desired)) {
    if (v === undefined) continue;
    const c = current[k];
    const same = Array.isArray(v) && Array.isArray(c) ? sameList(c as string[], v as string[]) : equal(c ?? null, v ?? null);
    if (!same) out[k] = v;
  }
  return out;
}

/**
 * Runs `body` under a savepoint that is rolled back for a preview or when any row
 * failed: the board and rules imports, whose rows build on each other, run this
 * way inside one transaction.
 */
export async function allOrNothing(
  tx: Queryable,
  kind: ImportKind,
  countKinds: string[],
  options: ImportOptions,
  body: (run: Run) => Promise<void>,
): Promise<ImportOutcome> {
  const run = emptyRun(countKinds);
  await tx.query("savepoint crewboard_import");
  try {
    await body(run);
  } catch (err) {
    await tx.query("rollback to savepoint crewboard_import");
    await tx.query("release savepoint crewboard_import");
    throw err;
  }
  const keep = !options.dryRun && run.errors.length === 0;
  if (!keep) await tx.query("rollback to savepoint crewboard_import");
  await tx.query("release savepoint crewboard_import");
  return { kind, applied: keep, ...run };
}

/** What one row said besides its outcome; kept only when the row succeeds. */
export type RowNotes = Pick<Run, "warnings" | "notes">;

/**
 * Applies rows one by one, each under its own savepoint so one refusal does not
 * hide the next row's problem. Rows are checked before they are written, so a
 * failing statement is the unexpected case (postgres.js then fails the whole
 * transaction: still nothing is written).
 */
export async function eachRow<R extends { row: number }>(
  tx: Queryable,
  run: Run,
  rows: readonly R[],
  what: string,
  apply: (row: R, said: RowNotes) => Promise<[string, Outcome][]>,
  onRow?: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const r of rows) {
    await tx.query("savepoint crewboard_import_row");
    await tx.query("select set_config('app.audit_context', $1, true)", [JSON.stringify({ source: "import", csv_row: r.row })]);
    const said: RowNotes = { warnings: [], notes: [] };
    try {
      const outcomes = await apply(r, said);
      await tx.query("release savepoint crewboard_import_row");
      for (const [k, o] of outcomes) run.counts[k][o] += 1;
      run.warnings.push(...said.warnings);
      run.notes.push(...said.notes);
    } catch (err) {
      await tx.query("rollback to savepoint crewboard_import_row");
      const p = problemOf(err, what);
      run.errors.push({ row: r.row, column: p.column, message: p.message });
    }
    onRow?.(++done);
  }
  await tx.query("select set_config('app.audit_context', '', true)");
}

/** Writes only the fields that differ; refuses when the row changed underneath or RLS hid it. */
export async function updateChanged(tx: Queryable, table: string, id: string, changes: Record<string, unknown>, what: string): Promise<void> {
  const keys = Object.keys(changes);
  const rows = await tx.query(
    `update public.${table} set ${keys.map((k, i) => `${k} = $${i + 2}`).join(", ")} where id = $1 returning id`,
    [id, ...keys.map((k) => changes[k])],
  );
  if (rows.length === 0) throw new RowProblem(null, `your role may not change ${what}`);
}

// ---------------------------------------------------------------------------
// Technicians as files name them

export interface NamedTechnician {
  id: string;
  name: string;
  email: string | null;
}

/**
 * The company's technicians, found the way files name them: by email (when the
 * text has an @) or by name, case and spacing aside. Built once per import.
 */
export class TechnicianDirectory {
  private readonly byEmail = new Map<string, NamedTechnician>();
  private readonly byName = new Map<string, NamedTechnician[]>();

  constructor(technicians: readonly NamedTechnician[]) {
    for (const t of technicians) {
      if (t.email) this.byEmail.set(t.email.toLowerCase(), t);
      const key = t.name.trim().toLowerCase();
      this.byName.set(key, [...(this.byName.get(key) ?? []), t]);
    }
  }

  /** The technician a cell names, or a problem on `column` saying why not. */
  find(nameOrEmail: string, column: string): NamedTechnician {
    if (nameOrEmail.includes("@")) {
      const t = this.byEmail.get(nameOrEmail.toLowerCase());
      if (!t) throw new RowProblem(column, `no technician with email ${nameOrEmail} in your company`);
      return t;
    }
    const found = this.byName.get(nameOrEmail.trim().toLowerCase()) ?? [];
    if (found.length === 0) throw new RowProblem(column, `no technician named ${nameOrEmail} in your company`);
    if (found.length > 1) throw new RowProblem(column, `${found.length} technicians are named ${nameOrEmail}; use their email instead`);
    return found[0];
  }
}

/** Every technician of the company, for a {@link TechnicianDirectory}. */
export async function loadTechnicianDirectory(tx: Queryable, orgId: string): Promise<TechnicianDirectory> {
  const [{ j }] = await tx.query<{ j: string }>(
    "select coalesce(json_agg(json_build_object('id', id, 'name', name, 'email', email)), '[]')::text as j from public.technicians where org_id = $1",
    [orgId],
  );
  return new TechnicianDirectory(JSON.parse(j) as NamedTechnician[]);
}
