/**
 * Applying a parsed CSV to the company's data, inside the caller's withUser
 * transaction:
 *
 * - all or nothing: the import runs under a savepoint; if any row fails a rule of the
 *   database (or of the board), everything is rolled back and each failing row is
 *   reported. A preview (`dryRun`) always rolls back, after counting.
 * - idempotent: rows are matched by natural keys (technician email or name,
 *   customer email or name + address, job work order, rule name) and compared;
 *   unchanged rows are not written at all, so a re-import adds no audit rows.
 * - board placements go through placeJob / unassignJob, the same version-checked,
 *   audited path a dispatcher's drag takes.
 */
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { JOB_SELECT, mapJob, type BoardJob } from "@/lib/db/board";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { listServiceRules, type StoredServiceRule } from "@/lib/db/service-rules";
import { ActionFailure } from "@/lib/actions/result";
import { applyServiceRules } from "@/lib/engine/service-rules";
import { PRIORITY_LABEL } from "@/lib/board-format";
import type { CsvError, CsvTable } from "@/lib/csv/csv-core";
import { parseTechniciansCsv, type TechnicianCsvRow } from "@/lib/csv/technicians-csv";
import { parseCustomersCsv, type CustomerCsvRow } from "@/lib/csv/customers-csv";
import { parseBoardCsv, type BoardCsvRow } from "@/lib/csv/board-csv";
import { parseRulesCsv, type RuleCsvRow } from "@/lib/csv/rules-csv";
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

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;
type Outcome = keyof ImportCounts;

/** Who may write what each kind of file changes (the tables' policies say the same). */
const WRITERS: Record<ImportKind, { roles: string[]; who: string; what: string }> = {
  technicians: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "technicians" },
  customers: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "customers" },
  board: { roles: ["admin", "dispatcher"], who: "admins and dispatchers", what: "the board" },
  rules: { roles: ["admin"], who: "admins", what: "priority and SLA rules" },
};

/** A row the import cannot apply, with the column to blame. */
class RowProblem extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}

interface Run {
  counts: Record<string, ImportCounts>;
  errors: CsvError[];
  warnings: CsvError[];
  notes: CsvError[];
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string | Date).toISOString());
const sameInstant = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? null) === null || (b ?? null) === null ? (a ?? null) === (b ?? null) : Date.parse(a!) === Date.parse(b!);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a refusal of the database means for the row, in words; unexpected errors are rethrown. */
function problemOf(err: unknown, what: string): RowProblem {
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

/**
 * Runs `body` under a savepoint that is rolled back for a preview or when any row
 * failed. Each row runs under its own savepoint, so one refusal does not hide the
 * next row's problem.
 *
 * Rows are checked before they are written (references, roles, the tables' checks),
 * so a statement failing is the unexpected case: on PGlite it is reported on its
 * row; postgres.js fails the whole transaction on any failed statement, so there
 * the import is refused as a whole — still nothing is written.
 */
async function allOrNothing(
  tx: Queryable,
  actor: Actor,
  kind: ImportKind,
  countKinds: string[],
  options: ImportOptions,
  body: (run: Run) => Promise<void>,
): Promise<ImportOutcome> {
  const run: Run = {
    counts: Object.fromEntries(countKinds.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])),
    errors: [],
    warnings: [],
    notes: [],
  };
  // Ask the policies' own membership check first: a refused write would otherwise
  // surface as a failed statement, which postgres.js turns into a failed transaction.
  const writers = WRITERS[kind];
  const [{ allowed }] = await tx.query<{ allowed: boolean }>("select private.has_role($1, $2::text[]) as allowed", [actor.orgId, writers.roles]);
  if (!allowed) {
    run.errors.push({ row: 1, column: null, message: `your role may not import ${writers.what}: only ${writers.who} change them` });
    return { kind, applied: false, ...run };
  }
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
type RowNotes = Pick<Run, "warnings" | "notes">;

async function eachRow<R extends { row: number }>(
  tx: Queryable,
  run: Run,
  rows: readonly R[],
  what: string,
  apply: (row: R, said: RowNotes) => Promise<[string, Outcome][]>,
): Promise<void> {
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
  }
  await tx.query("select set_config('app.audit_context', '', true)");
}

/** Writes only the fields that differ; refuses when the row changed underneath or RLS hid it. */
async function updateChanged(tx: Queryable, table: string, id: string, changes: Record<string, unknown>, what: string): Promise<void> {
  const keys = Object.keys(changes);
  const rows = await tx.query(
    `update public.${table} set ${keys.map((k, i) => `${k} = $${i + 2}`).join(", ")} where id = $1 returning id`,
    [id, ...keys.map((k) => changes[k])],
  );
  if (rows.length === 0) throw new RowProblem(null, `your role may not change ${what}`);
}

/** Fields of `desired` (undefined = not in the file) that differ from `current`. */
function diff(current: Record<string, unknown>, desired: Record<string, unknown>, equal = (a: unknown, b: unknown) => a === b): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(desired)) {
    if (v === undefined) continue;
    const c = current[k];
    const same = Array.isArray(v) && Array.isArray(c) ? sameList(c as string[], v as string[]) : equal(c ?? null, v ?? null);
    if (!same) out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Finding people and places by what a file calls them

interface Named {
  id: string;
  name: string;
}

/**
 * A technician of the caller's company by email (when it has an @) or by name.
 * Another company's technicians are never matched: the query is scoped to the
 * company and row-level security scopes it again.
 */
export async function findTechnician(tx: Queryable, orgId: string, nameOrEmail: string, column: string): Promise<Named> {
  const byEmail = nameOrEmail.includes("@");
  const rows = await tx.query<Named>(
    byEmail
      ? "select id, name from public.technicians where org_id = $1 and lower(email) = lower($2)"
      : "select id, name from public.technicians where org_id = $1 and lower(trim(name)) = lower(trim($2))",
    [orgId, nameOrEmail],
  );
  if (rows.length === 0) {
    throw new RowProblem(column, byEmail ? `no technician with email ${nameOrEmail} in your company` : `no technician named ${nameOrEmail} in your company`);
  }
  if (rows.length > 1) throw new RowProblem(column, `${rows.length} technicians are named ${nameOrEmail}; use their email instead`);
  return rows[0];
}

// ---------------------------------------------------------------------------
// Technicians

interface TechnicianRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  home_lat: number;
  home_lng: number;
  home_address: string | null;
  active: boolean;
}

async function matchTechnician(tx: Queryable, orgId: string, r: TechnicianCsvRow): Promise<TechnicianRecord | null> {
  const columns = "id, name, email, phone, skills, home_lat, home_lng, home_address, active";
  if (r.email) {
    const [byEmail] = await tx.query<TechnicianRecord>(`select ${columns} from public.technicians where org_id = $1 and lower(email) = lower($2)`, [orgId, r.email]);
    if (byEmail) return byEmail;
  }
  // by name: a row with an email only claims a technician who has none yet
  const byName = await tx.query<TechnicianRecord>(
    `select ${columns} from public.technicians
      where org_id = $1 and lower(trim(name)) = lower(trim($2)) and ($3::text is null or email is null)`,
    [orgId, r.name, r.email ?? null],
  );
  if (byName.length > 1) throw new RowProblem("name", `${byName.length} technicians are named ${r.name}; add their email to tell them apart`);
  return byName[0] ?? null;
}

async function applyShifts(tx: Queryable, orgId: string, technicianId: string, shifts: TechnicianCsvRow["shifts"]): Promise<boolean> {
  const current = await tx.query<{ id: string; weekday: number; starts_at: string; ends_at: string }>(
    "select id, weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at from public.technician_shifts where technician_id = $1",
    [technicianId],
  );
  let changed = false;
  for (const [day, want] of Object.entries(shifts)) {
    const weekday = Number(day);
    const have = current.find((s) => Number(s.weekday) === weekday);
    if (!want && have) {
      await tx.query("delete from public.technician_shifts where id = $1", [have.id]);
      changed = true;
    } else if (want && !have) {
      await tx.query(
        "insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at) values ($1, $2, $3, $4, $5)",
        [orgId, technicianId, weekday, want.start, want.end],
      );
      changed = true;
    } else if (want && have && (have.starts_at !== want.start || have.ends_at !== want.end)) {
      await tx.query("update public.technician_shifts set starts_at = $2, ends_at = $3 where id = $1", [have.id, want.start, want.end]);
      changed = true;
    }
  }
  return changed;
}

/**
 * Creates or updates technicians (and their weekly shifts) by email, else name.
 *
 * @example await importTechnicians(tx, user, parseTechniciansCsv(text).rows, { dryRun: true, now: new Date() })
 */
export async function importTechnicians(tx: Queryable, actor: Actor, rows: readonly TechnicianCsvRow[], options: ImportOptions): Promise<ImportOutcome> {
  return allOrNothing(tx, actor, "technicians", ["technicians"], options, (run) =>
    eachRow(tx, run, rows, "technicians", async (r) => {
      const found = await matchTechnician(tx, actor.orgId, r);
      if (!found) {
        const [t] = await tx.query<{ id: string }>(
          `insert into public.technicians (org_id, name, email, phone, skills, home_lat, home_lng, home_address, active)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
          [actor.orgId, r.name, r.email ?? null, r.phone ?? null, r.skills ?? [], r.home.lat, r.home.lng, r.homeAddress ?? null, r.active ?? true],
        );
        await applyShifts(tx, actor.orgId, t.id, r.shifts);
        return [["technicians", "created"]];
      }
      const changes = diff(
        { ...found, home_lat: Number(found.home_lat), home_lng: Number(found.home_lng) },
        {
          name: r.name,
          email: r.email,
          phone: r.phone,
          skills: r.skills,
          home_lat: r.home.lat,
          home_lng: r.home.lng,
          home_address: r.homeAddress,
          active: r.active,
        },
      );
      if (Object.keys(changes).length > 0) await updateChanged(tx, "technicians", found.id, changes, "technicians");
      const shiftsChanged = await applyShifts(tx, actor.orgId, found.id, r.shifts);
      return [["technicians", Object.keys(changes).length > 0 || shiftsChanged ? "updated" : "unchanged"]];
    }),
  );
}

// ---------------------------------------------------------------------------
// Customers

interface CustomerRecord {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  contract: boolean;
  preferred_technician_id: string | null;
}

async function matchCustomer(tx: Queryable, orgId: string, r: CustomerCsvRow): Promise<CustomerRecord | null> {
  const columns = "id, name, email, phone, address, city, lat, lng, contract, preferred_technician_id";
  if (r.email) {
    const [byEmail] = await tx.query<CustomerRecord>(`select ${columns} from public.customers where org_id = $1 and lower(email) = lower($2)`, [orgId, r.email]);
    if (byEmail) return byEmail;
  }
  // by name and address (name alone when the file has no address column)
  const byName = await tx.query<CustomerRecord>(
    `select ${columns} from public.customers
      where org_id = $1 and lower(trim(name)) = lower(trim($2))
        and ($3::boolean or lower(coalesce(trim(address), '')) = lower(coalesce(trim($4::text), '')))
        and ($5::text is null or email is null)`,
    [orgId, r.name, r.address === undefined, r.address ?? null, r.email ?? null],
  );
  if (byName.length > 1) {
    throw new RowProblem("name", `${byName.length} customers are named ${r.name}${r.address ? ` at ${r.address}` : ""}; add their email or address to tell them apart`);
  }
  return byName[0] ?? null;
}

/**
 * Creates or updates customers by email, else name and address; the preferred
 * technician is looked up by name or email in the company.
 */
export async function importCustomers(tx: Queryable, actor: Actor, rows: readonly CustomerCsvRow[], options: ImportOptions): Promise<ImportOutcome> {
  return allOrNothing(tx, actor, "customers", ["customers"], options, (run) =>
    eachRow(tx, run, rows, "customers", async (r) => {
      const preferred =
        r.preferredTechnician === undefined ? undefined : r.preferredTechnician === null ? null : (await findTechnician(tx, actor.orgId, r.preferredTechnician, "preferred_technician")).id;
      const found = await matchCustomer(tx, actor.orgId, r);
      if (!found) {
        await tx.query(
          `insert into public.customers (org_id, name, email, phone, address, city, lat, lng, contract, preferred_technician_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [actor.orgId, r.name, r.email ?? null, r.phone ?? null, r.address ?? null, r.city ?? null, r.location?.lat ?? null, r.location?.lng ?? null, r.contract ?? false, preferred ?? null],
        );
        return [["customers", "created"]];
      }
      const changes = diff(
        { ...found, lat: found.lat === null ? null : Number(found.lat), lng: found.lng === null ? null : Number(found.lng) },
        {
          name: r.name,
          email: r.email,
          phone: r.phone,
          address: r.address,
          city: r.city,
          lat: r.location === undefined ? undefined : (r.location?.lat ?? null),
          lng: r.location === undefined ? undefined : (r.location?.lng ?? null),
          contract: r.contract,
          preferred_technician_id: preferred,
        },
      );
      if (Object.keys(changes).length === 0) return [["customers", "unchanged"]];
      await updateChanged(tx, "customers", found.id, changes, "customers");
      return [["customers", "updated"]];
    }),
  );
}

// ---------------------------------------------------------------------------
// The board: jobs and their placements

interface CustomerRef {
  id: string;
  name: string;
  email: string | null;
  address: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  contract: boolean;
}

async function findCustomer(tx: Queryable, orgId: string, name: string, address: string | undefined): Promise<CustomerRef> {
  const rows = await tx.query<CustomerRef>(
    "select id, name, email, address, city, lat, lng, contract from public.customers where org_id = $1 and lower(trim(name)) = lower(trim($2)) order by created_at",
    [orgId, name],
  );
  if (rows.length === 0) throw new RowProblem("customer", `no customer named ${name} in your company`);
  if (rows.length === 1) return rows[0];
  // several sites of one name: the job's address tells them apart
  const at = rows.filter((c) => address && (c.address ?? "").trim().toLowerCase() === address.trim().toLowerCase());
  if (at.length === 1) return at[0];
  throw new RowProblem("customer", `${rows.length} customers are named ${name}; give the site's address in the address column`);
}

interface CurrentPlacement {
  id: string;
  leaderId: string;
  helperIds: string[];
  start: string;
  end: string;
  version: number;
}

async function currentPlacement(tx: Queryable, jobId: string): Promise<CurrentPlacement | null> {
  const [a] = await tx.query<{ id: string; leader_id: string; starts_at: Date; ends_at: Date; version: number }>(
    "select id, leader_id, starts_at, ends_at, version from public.assignments where job_id = $1 and active",
    [jobId],
  );
  if (!a) return null;
  const helpers = await tx.query<{ technician_id: string }>("select technician_id from public.assignment_helpers where assignment_id = $1", [a.id]);
  return {
    id: a.id,
    leaderId: a.leader_id,
    helperIds: helpers.map((h) => h.technician_id).sort(),
    start: iso(a.starts_at)!,
    end: iso(a.ends_at)!,
    version: Number(a.version),
  };
}

async function loadJobByWorkOrder(tx: Queryable, orgId: string, workOrder: string): Promise<BoardJob | null> {
  const [r] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.org_id = $1 and j.work_order = $2`, [orgId, workOrder]);
  return r ? mapJob(r) : null;
}

async function createBoardJob(
  tx: Queryable,
  actor: Actor,
  r: BoardCsvRow,
  customer: CustomerRef,
  rules: StoredServiceRule[],
  said: RowNotes,
): Promise<void> {
  const location = r.location ?? (customer.lat != null && customer.lng != null ? { lat: Number(customer.lat), lng: Number(customer.lng) } : null);
  if (!location) throw new RowProblem("lat", `is required: the customer ${customer.name} has no coordinates`);
  const decided = applyServiceRules(
    { description: r.description ?? "", notes: r.notes, requiredSkills: r.requiredSkills ?? [], priority: r.priority, slaProtected: r.slaProtected },
    { name: customer.name, email: customer.email, contract: customer.contract },
    rules,
  );
  await tx.query(
    `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes,
        address, city, lat, lng, window_start, window_end, deadline, sla_protected, notes, source, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'import', $17)`,
    [
      actor.orgId,
      r.workOrder,
      customer.id,
      r.description ?? "",
      decided.priority.value,
      r.requiredSkills ?? [],
      r.estimatedMinutes ?? 60,
      r.address ?? customer.address,
      r.city ?? customer.city,
      location.lat,
      location.lng,
      r.windowStart ?? null,
      r.windowEnd ?? null,
      r.deadline ?? null,
      decided.slaProtected.value,
      r.notes ?? null,
      actor.userId,
    ],
  );
  if (decided.priority.rule) said.notes.push({ row: r.row, column: "priority", message: `${PRIORITY_LABEL[decided.priority.value]} by ${decided.priority.why}` });
  if (decided.slaProtected.rule) {
    said.notes.push({ row: r.row, column: "sla_protected", message: `${decided.slaProtected.value ? "SLA-protected" : "not SLA-protected"} by ${decided.slaProtected.why}` });
  }
}

async function updateBoardJob(tx: Queryable, job: BoardJob, r: BoardCsvRow, customer: CustomerRef): Promise<boolean> {
  const changes = diff(
    {
      customer_id: job.customerId,
      description: job.description,
      priority: job.priority,
      required_skills: job.requiredSkills,
      estimated_minutes: job.estimatedMinutes,
      address: job.address,
      city: job.city,
      lat: job.location.lat,
      lng: job.location.lng,
      window_start: job.windowStart,
      window_end: job.windowEnd,
      deadline: job.deadline,
      sla_protected: job.slaProtected,
      notes: job.notes,
    },
    {
      customer_id: customer.id,
      description: r.description,
      priority: r.priority,
      required_skills: r.requiredSkills,
      estimated_minutes: r.estimatedMinutes,
      address: r.address,
      city: r.city,
      lat: r.location?.lat,
      lng: r.location?.lng,
      window_start: r.windowStart,
      window_end: r.windowEnd,
      deadline: r.deadline,
      sla_protected: r.slaProtected,
      notes: r.notes,
    },
    (a, b) => (typeof a === "string" && typeof b === "string" && /^\d{4}-\d{2}-\d{2}T/.test(a) ? sameInstant(a, b) : a === b),
  );
  if (Object.keys(changes).length === 0) return false;
  const keys = Object.keys(changes);
  // version-checked: a dispatcher's change since the job was read wins, and the row says so
  const rows = await tx.query(
    `update public.jobs set ${keys.map((k, i) => `${k} = $${i + 3}`).join(", ")} where id = $1 and version = $2 returning id`,
    [job.id, job.version, ...keys.map((k) => changes[k])],
  );
  if (rows.length === 0) throw new RowProblem("work_order", `${job.workOrder} could not be changed: your role may not change jobs, or someone changed it just now`);
  return true;
}

async function applyPlacement(tx: Queryable, actor: Actor, jobId: string, r: BoardCsvRow, options: ImportOptions, said: RowNotes): Promise<Outcome | null> {
  if (r.assignment === undefined) return null;
  const current = await currentPlacement(tx, jobId);
  const [{ version: jobVersion }] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [jobId]);
  if (r.assignment === null) {
    if (!current) return null;
    await unassignJob(tx, actor, { jobId, jobVersion: Number(jobVersion), assignmentVersion: current.version, notifyCustomer: true }, options.now);
    return "updated";
  }
  const leader = await findTechnician(tx, actor.orgId, r.assignment.technician, "technician");
  const helperIds: string[] = [];
  if (r.assignment.helpers === undefined) helperIds.push(...(current?.helperIds ?? []).filter((h) => h !== leader.id));
  else for (const h of r.assignment.helpers) helperIds.push((await findTechnician(tx, actor.orgId, h, "helpers")).id);
  if (helperIds.includes(leader.id)) throw new RowProblem("helpers", `${leader.name} leads the crew and cannot also be a helper`);
  const helpers = [...new Set(helperIds)].sort();
  if (
    current &&
    current.leaderId === leader.id &&
    sameList(current.helperIds, helpers) &&
    sameInstant(current.start, r.assignment.start) &&
    sameInstant(current.end, r.assignment.end)
  ) {
    return "unchanged";
  }
  try {
    const result = await placeJob(
      tx,
      actor,
      {
        jobId,
        jobVersion: Number(jobVersion),
        assignmentVersion: current?.version ?? null,
        leaderId: leader.id,
        helperIds: helpers,
        start: r.assignment.start,
        end: r.assignment.end,
        notifyCustomer: true,
      },
      options.now,
    );
    for (const w of result.warnings) said.warnings.push({ row: r.row, column: "technician", message: w.message });
  } catch (err) {
    if (err instanceof ActionFailure) throw new RowProblem("technician", err.message);
    throw err;
  }
  return current ? "updated" : "created";
}

/**
 * Creates or updates jobs by work order and places them on the named crews. New
 * jobs take the company's priority / SLA rules for what the row leaves open.
 */
export async function importBoard(tx: Queryable, actor: Actor, rows: readonly BoardCsvRow[], options: ImportOptions): Promise<ImportOutcome> {
  const rules = await listServiceRules(tx, actor.orgId);
  return allOrNothing(tx, actor, "board", ["jobs", "assignments"], options, (run) =>
    eachRow(tx, run, rows, "the board", async (r, said) => {
      const customer = await findCustomer(tx, actor.orgId, r.customer, r.address);
      const existing = await loadJobByWorkOrder(tx, actor.orgId, r.workOrder);
      let jobOutcome: Outcome;
      if (!existing) {
        await createBoardJob(tx, actor, r, customer, rules, said);
        jobOutcome = "created";
      } else {
        jobOutcome = (await updateBoardJob(tx, existing, r, customer)) ? "updated" : "unchanged";
      }
      const job = existing ?? (await loadJobByWorkOrder(tx, actor.orgId, r.workOrder))!;
      const placed = await applyPlacement(tx, actor, job.id, r, options, said);
      const outcomes: [string, Outcome][] = [["jobs", jobOutcome]];
      if (placed) outcomes.push(["assignments", placed]);
      return outcomes;
    }),
  );
}

// ---------------------------------------------------------------------------
// Rules

/** Creates or updates the company's priority / SLA rules by name. Admins only (the database says so). */
export async function importRules(tx: Queryable, actor: Actor, rows: readonly RuleCsvRow[], options: ImportOptions): Promise<ImportOutcome> {
  return allOrNothing(tx, actor, "rules", ["rules"], options, (run) =>
    eachRow(tx, run, rows, "service rules", async (r) => {
      const [found] = await tx.query<Record<string, unknown> & { id: string }>(
        `select id, name, match_kind, match_value, set_priority, set_sla_protected, position, active
           from public.service_rules where org_id = $1 and lower(trim(name)) = lower(trim($2))`,
        [actor.orgId, r.name],
      );
      const desired = {
        name: r.name,
        match_kind: r.matchKind,
        match_value: r.matchValue,
        set_priority: r.setPriority,
        set_sla_protected: r.setSlaProtected,
        position: r.position,
        active: r.active,
      };
      if (!found) {
        await tx.query(
          `insert into public.service_rules (org_id, name, match_kind, match_value, set_priority, set_sla_protected, position, active)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [actor.orgId, r.name, r.matchKind, r.matchValue, r.setPriority, r.setSlaProtected, r.position, r.active],
        );
        return [["rules", "created"]];
      }
      const changes = diff(
        { ...found, set_priority: found.set_priority == null ? null : Number(found.set_priority), position: Number(found.position) },
        desired,
      );
      if (Object.keys(changes).length === 0) return [["rules", "unchanged"]];
      await updateChanged(tx, "service_rules", found.id, changes, "service rules");
      return [["rules", "updated"]];
    }),
  );
}

// ---------------------------------------------------------------------------
// A whole file

export interface CsvImportResult extends ImportOutcome {
  /** The cells as read (the first {@link PREVIEW_ROWS} rows), for the preview table. */
  table: CsvTable;
  /** Data rows in the file. */
  rowCount: number;
}

/** How many rows a preview shows; the counts and errors cover the whole file. */
export const PREVIEW_ROWS = 200;

const byRow = (a: CsvError, b: CsvError) => a.row - b.row;

/**
 * Parses a CSV of one kind (local times in the company's zone) and imports it. A
 * file with any cell error is never kept, but its readable rows still run as a
 * preview, so every problem — cell or database — is reported at once.
 */
export async function importCsv(
  tx: Queryable,
  actor: Actor,
  kind: ImportKind,
  text: string,
  options: ImportOptions & { timeZone: string },
): Promise<CsvImportResult> {
  const parsed =
    kind === "technicians"
      ? parseTechniciansCsv(text)
      : kind === "customers"
        ? parseCustomersCsv(text)
        : kind === "board"
          ? parseBoardCsv(text, { timeZone: options.timeZone })
          : parseRulesCsv(text);
  const runOptions = { ...options, dryRun: options.dryRun || parsed.errors.length > 0 };
  const outcome =
    kind === "technicians"
      ? await importTechnicians(tx, actor, parsed.rows as TechnicianCsvRow[], runOptions)
      : kind === "customers"
        ? await importCustomers(tx, actor, parsed.rows as CustomerCsvRow[], runOptions)
        : kind === "board"
          ? await importBoard(tx, actor, parsed.rows as BoardCsvRow[], runOptions)
          : await importRules(tx, actor, parsed.rows as RuleCsvRow[], runOptions);
  return {
    ...outcome,
    applied: outcome.applied && parsed.errors.length === 0,
    errors: [...parsed.errors, ...outcome.errors].sort(byRow),
    table: { columns: parsed.table.columns, records: parsed.table.records.slice(0, PREVIEW_ROWS) },
    rowCount: parsed.table.records.length,
  };
}
