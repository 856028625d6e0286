import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { openPglite, openPostgres, type Db, type Queryable } from "@/lib/db/client";
import { withService, withUser, type Role } from "@/lib/db/with-user";

// ---------------------------------------------------------------------------
// Targets: every database test runs against each of these.

export interface TestTarget {
  name: "pglite" | "postgres";
  /** A database with all migrations applied; close it when done. */
  open(): Promise<Db>;
}

let template: Promise<Blob> | undefined;

/** A fresh in-memory PGlite loaded from the run's migrated template. */
export async function openTemplatePglite(): Promise<Db> {
  template ??= readFile(inject("pgliteTemplatePath")).then((buf) => new Blob([buf]));
  return openPglite({ loadDataDir: await template });
}

/**
 * PGlite always; the run's throwaway server database too when TEST_DATABASE_URL is
 * set. Use as `describe.each(testTargets())("$name", (target) => …)`.
 */
export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ name: "pglite", open: openTemplatePglite }];
  const url = inject("serverDatabaseUrl");
  if (url) targets.push({ name: "postgres", open: () => openPostgres(url, { max: 4 }) });
  return targets;
}

// ---------------------------------------------------------------------------
// Sessions

export interface TestUser {
  userId: string;
  email: string;
  orgId: string;
  role: Role;
}

/** Thrown to roll a transaction back after its result has been captured. */
class Rollback extends Error {}

/**
 * Runs `fn` as `user` and rolls the transaction back, returning what `fn` returned:
 * lets a test prove a write is allowed without changing the shared fixtures.
 */
export async function rolledBack<T>(db: Db, user: TestUser, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await withUser(db, user, async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}

/** Runs `fn` as role `authenticated` with no claims: a signed-out request. */
export function asSignedOut<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("set local role authenticated");
    await tx.query("select set_config('request.jwt.claims', '', true)");
    return fn(tx);
  });
}

/** Runs `fn` as role `service_role` and rolls back (see {@link rolledBack}). */
export async function rolledBackAsService<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await withService(db, async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return result as T;
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function failureOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { code: e.code, message: String(e.message) };
  }
  throw new Error("expected the database to refuse, but it accepted");
}

// ---------------------------------------------------------------------------
// Tiny SQL builders for table-driven tests (identifiers come from test code only).

export type Row = Record<string, unknown>;

function param(v: unknown): unknown {
  return v !== null && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v;
}

/** `where a = $n and b = $n+1` for the keys of `match`. */
export function whereOf(match: Row, offset = 0): { sql: string; params: unknown[] } {
  const keys = Object.keys(match);
  return {
    sql: keys.map((k, i) => `${k} = $${offset + i + 1}`).join(" and "),
    params: keys.map((k) => param(match[k])),
  };
}

/**
 * Leave `returning` off to test a write policy alone: with RETURNING (or a WHERE),
 * Postgres also applies the table's SELECT policy, which can mask a broken
 * INSERT / UPDATE / DELETE policy.
 */
export interface WriteOptions {
  returning?: boolean;
}

const returningOf = (options: WriteOptions) => (options.returning === false ? "" : " returning *");

export function insertRow(tx: Queryable, table: string, row: Row, options: WriteOptions = {}): Promise<Row[]> {
  const keys = Object.keys(row);
  return tx.query(
    `insert into public.${table} (${keys.join(", ")}) values (${keys.map((_, i) => `$${i + 1}`).join(", ")})${returningOf(options)}`,
    keys.map((k) => param(row[k])),
  );
}

/** Updates the rows matching `match`, or every row the policies let through when `match` is null. */
export function updateRows(tx: Queryable, table: string, match: Row | null, change: Row, options: WriteOptions = {}): Promise<Row[]> {
  const keys = Object.keys(change);
  const where = match ? whereOf(match, keys.length) : null;
  return tx.query(
    `update public.${table} set ${keys.map((k, i) => `${k} = $${i + 1}`).join(", ")}` +
      (where ? ` where ${where.sql}` : "") +
      returningOf(options),
    [...keys.map((k) => param(change[k])), ...(where?.params ?? [])],
  );
}

/** Deletes the rows matching `match`, or every row the policies let through when `match` is null. */
export function deleteRows(tx: Queryable, table: string, match: Row | null, options: WriteOptions = {}): Promise<Row[]> {
  const where = match ? whereOf(match) : null;
  return tx.query(`delete from public.${table}${where ? ` where ${where.sql}` : ""}${returningOf(options)}`, where?.params ?? []);
}

export function selectRows(tx: Queryable | Db, table: string, match: Row): Promise<Row[]> {
  const where = whereOf(match);
  return tx.query(`select * from public.${table} where ${where.sql} order by 1`, where.params);
}

/** What the service role (no row-level security) sees: the truth after an attempt. */
export function readAsService(db: Db, table: string, match: Row): Promise<Row[]> {
  return withService(db, (tx) => selectRows(tx, table, match));
}

// ---------------------------------------------------------------------------
// Fixtures. Random ids, slugs, emails and work orders, so any number of companies
// share one server database without clashing.

export const hex = (bytes = 4): string => randomBytes(bytes).toString("hex");

export interface CompanyFixture {
  orgId: string;
  slug: string;
  users: Record<Role, TestUser>;
  membershipIds: Record<Role, string>;
  /** Signed-in person with a profile but no membership anywhere. */
  outsiderId: string;
}

export interface BoardFixture extends CompanyFixture {
  /** Linked to the technician user; works Monday to Friday; leads the assignment. */
  technicianId: string;
  shiftIds: string[];
  /** Helper on the assignment. */
  helperId: string;
  /** A technician with no shifts, assignments or time off. */
  spareTechnicianId: string;
  customerId: string;
  jobId: string;
  workOrder: string;
  assignmentId: string;
  timeOffId: string;
  notificationId: string;
  /** A board change recorded by the company's admin, and a publication by them. */
  boardChangeId: string;
  publicationId: string;
  templateId: string;
  /** A broadcast offer of the job to the spare technician. */
  offerId: string;
  urgentRequestId: string;
  /** A day optimisation recorded by the company's admin. */
  dayOptimisationId: string;
}

const ROLES: Role[] = ["admin", "dispatcher", "technician", "viewer"];

/** Adds a sign-in (auth.users) and its profile. */
export async function createPerson(db: Db, name = "Test Person"): Promise<{ userId: string; email: string }> {
  const userId = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${hex()}@example.test`;
  await withService(db, async (tx) => {
    await tx.query("insert into auth.users (id, email) values ($1, $2)", [userId, email]);
    await tx.query("insert into public.profiles (id, email, full_name) values ($1, $2, $3)", [userId, email, name]);
  });
  return { userId, email };
}

/** A company with one admin, dispatcher, technician and viewer (and an outsider). */
export async function createCompany(db: Db, options: { name?: string; timeZone?: string } = {}): Promise<CompanyFixture> {
  const slug = `co-${hex()}`;
  const [company] = await withService(db, (tx) =>
    tx.query<{ id: string }>("insert into public.companies (name, slug, time_zone) values ($1, $2, $3) returning id", [
      options.name ?? `Company ${slug}`,
      slug,
      options.timeZone ?? "America/Chicago",
    ]),
  );
  const users = {} as Record<Role, TestUser>;
  const membershipIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const person = await createPerson(db, `${role} of ${slug}`);
    users[role] = { ...person, orgId: company.id, role };
    const [m] = await withService(db, (tx) =>
      tx.query<{ id: string }>("insert into public.memberships (org_id, user_id, role) values ($1, $2, $3) returning id", [
        company.id,
        person.userId,
        role,
      ]),
    );
    membershipIds[role] = m.id;
  }
  const outsider = await createPerson(db, `outsider near ${slug}`);
  return { orgId: company.id, slug, users, membershipIds, outsiderId: outsider.userId };
}

/** A technician; `weekdays` (ISO, 1 = Monday) get an 08:00–16:30 shift each. */
export async function createTechnician(
  db: Db,
  orgId: string,
  options: { userId?: string; name?: string; skills?: string[]; weekdays?: number[] } = {},
): Promise<{ id: string; shiftIds: string[] }> {
  return withService(db, async (tx) => {
    const [tech] = await tx.query<{ id: string }>(
      `insert into public.technicians (org_id, user_id, name, skills, home_lat, home_lng)
       values ($1, $2, $3, $4, 41.88, -87.63) returning id`,
      [orgId, options.userId ?? null, options.name ?? `Tech ${hex()}`, options.skills ?? ["hvac"]],
    );
    const shiftIds: string[] = [];
    for (const weekday of options.weekdays ?? []) {
      const [s] = await tx.query<{ id: string }>(
        `insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at)
         values ($1, $2, $3, '08:00', '16:30') returning id`,
        [orgId, tech.id, weekday],
      );
      shiftIds.push(s.id);
    }
    return { id: tech.id, shiftIds };
  });
}

export async function createCustomer(db: Db, orgId: string, name = `Customer ${hex()}`): Promise<string> {
  const [c] = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      "insert into public.customers (org_id, name, lat, lng) values ($1, $2, 41.90, -87.65) returning id",
      [orgId, name],
    ),
  );
  return c.id;
}

export async function createJob(
  db: Db,
  orgId: string,
  customerId: string,
  options: { workOrder?: string; estimatedMinutes?: number } = {},
): Promise<{ id: string; workOrder: string }> {
  const workOrder = options.workOrder ?? `WO-${hex()}`;
  const [j] = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng)
       values ($1, $2, $3, $4, 41.90, -87.65) returning id`,
      [orgId, workOrder, customerId, options.estimatedMinutes ?? 90],
    ),
  );
  return { id: j.id, workOrder };
}

export async function createAssignment(
  db: Db,
  orgId: string,
  jobId: string,
  leaderId: string,
  options: { startsAt?: string; endsAt?: string } = {},
): Promise<string> {
  const [a] = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at)
       values ($1, $2, $3, $4, $5) returning id`,
      [orgId, jobId, leaderId, options.startsAt ?? "2026-03-02T15:00:00Z", options.endsAt ?? "2026-03-02T16:30:00Z"],
    ),
  );
  return a.id;
}

export async function addHelper(db: Db, orgId: string, assignmentId: string, technicianId: string): Promise<void> {
  await withService(db, (tx) =>
    tx.query("insert into public.assignment_helpers (org_id, assignment_id, technician_id) values ($1, $2, $3)", [
      orgId,
      assignmentId,
      technicianId,
    ]),
  );
}

export async function createTimeOff(db: Db, orgId: string, technicianId: string): Promise<string> {
  const [t] = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.time_off (org_id, technician_id, starts_at, ends_at, reason)
       values ($1, $2, '2026-03-05T14:00:00Z', '2026-03-05T22:00:00Z', 'dentist') returning id`,
      [orgId, technicianId],
    ),
  );
  return t.id;
}

export async function createNotification(db: Db, orgId: string): Promise<string> {
  const [n] = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      `insert into public.notifications (org_id, channel, recipient, recipient_kind, subject, body, kind, dedupe_key)
       values ($1, 'email', 'customer@example.test', 'customer', 'Your visit', 'We arrive 9–11', 'arrival_window', $2)
       returning id`,
      [orgId, `arrival-${hex()}`],
    ),
  );
  return n.id;
}

/** A company with one of everything: the board most tests start from. */
export async function createBoard(db: Db, options: { name?: string } = {}): Promise<BoardFixture> {
  const company = await createCompany(db, options);
  const { orgId } = company;
  const lead = await createTechnician(db, orgId, { userId: company.users.technician.userId, weekdays: [1, 2, 3, 4, 5] });
  const helper = await createTechnician(db, orgId);
  const spare = await createTechnician(db, orgId);
  const customerId = await createCustomer(db, orgId);
  const job = await createJob(db, orgId, customerId);
  const assignmentId = await createAssignment(db, orgId, job.id, lead.id);
  await addHelper(db, orgId, assignmentId, helper.id);
  const timeOffId = await createTimeOff(db, orgId, lead.id);
  const notificationId = await createNotification(db, orgId);
  const later = await withService(db, async (tx) => {
    const admin = company.users.admin.userId;
    const [change] = await tx.query<{ id: string }>(
      `insert into public.board_changes (org_id, actor_id, job_id, kind, after, summary)
       values ($1, $2, $3, 'assign', '{}'::jsonb, 'Admin scheduled the job') returning id`,
      [orgId, admin, job.id],
    );
    const [publication] = await tx.query<{ id: string }>(
      `insert into public.publications (org_id, day, published_by, assignment_count, technician_notices, customer_notices)
       values ($1, '2026-03-02', $2, 1, 1, 1) returning id`,
      [orgId, admin],
    );
    const [template] = await tx.query<{ id: string }>(
      "insert into public.job_templates (org_id, name, default_minutes) values ($1, $2, 60) returning id",
      [orgId, `Template ${hex()}`],
    );
    await tx.query(
      "insert into public.job_template_workers (org_id, template_id, technician_id, role) values ($1, $2, $3, 'leader')",
      [orgId, template.id, lead.id],
    );
    const [offer] = await tx.query<{ id: string }>(
      `insert into public.job_offers (org_id, job_id, technician_id, starts_at, ends_at)
       values ($1, $2, $3, '2026-03-04T15:00:00Z', '2026-03-04T16:00:00Z') returning id`,
      [orgId, job.id, spare.id],
    );
    const urgentJob = await tx.query<{ id: string }>(
      `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng, priority)
       values ($1, $2, $3, 60, 41.9, -87.6, 1) returning id`,
      [orgId, `URG-${hex()}`, customerId],
    );
    const [urgent] = await tx.query<{ id: string }>(
      `insert into public.urgent_requests (org_id, work_order, job_id, created_by)
       select $1, work_order, id, $3 from public.jobs where id = $2 returning id`,
      [orgId, urgentJob[0].id, admin],
    );
    const [optimisation] = await tx.query<{ id: string }>(
      `insert into public.day_optimisations (org_id, actor_id, day, technician_ids, move_published, summary, travel_before, travel_after, moved, placed)
       values ($1, $2, '2026-03-02', $3, false, 'Admin optimised 2026-03-02', 90, 60, 1, 0) returning id`,
      [orgId, admin, [lead.id]],
    );
    return {
      boardChangeId: change.id,
      publicationId: publication.id,
      templateId: template.id,
      offerId: offer.id,
      urgentRequestId: urgent.id,
      dayOptimisationId: optimisation.id,
    };
  });
  return {
    ...later,
    ...company,
    technicianId: lead.id,
    shiftIds: lead.shiftIds,
    helperId: helper.id,
    spareTechnicianId: spare.id,
    customerId,
    jobId: job.id,
    workOrder: job.workOrder,
    assignmentId,
    timeOffId,
    notificationId,
  };
}

// ---------------------------------------------------------------------------
// The company tables, described once for the table-driven RLS and audit tests.

export interface TableCase {
  table: string;
  /** Picks the board's existing row(s) of this table. */
  existing(b: BoardFixture): Row;
  /** A valid new row for the board's company. */
  newRow(b: BoardFixture): Row;
  /** Picks a row by its primary key, given the row as returned. */
  key(row: Row): Row;
  /** A visible change to make to a row. */
  change(b: BoardFixture): Row;
}

const byId = (row: Row): Row => ({ id: row.id });

/** The dispatch board's tables: members read them, admins and dispatchers change them. */
export const BOARD_TABLES: TableCase[] = [
  {
    table: "technicians",
    existing: (b) => ({ id: b.technicianId }),
    newRow: (b) => ({ org_id: b.orgId, name: "New Tech", home_lat: 41.8, home_lng: -87.7 }),
    key: byId,
    change: () => ({ name: "Renamed Tech" }),
  },
  {
    table: "technician_shifts",
    existing: (b) => ({ id: b.shiftIds[0] }),
    newRow: (b) => ({ org_id: b.orgId, technician_id: b.spareTechnicianId, weekday: 6, starts_at: "09:00", ends_at: "13:00" }),
    key: byId,
    change: () => ({ ends_at: "12:00:00" }),
  },
  {
    table: "customers",
    existing: (b) => ({ id: b.customerId }),
    newRow: (b) => ({ org_id: b.orgId, name: "New Customer" }),
    key: byId,
    change: () => ({ name: "Renamed Customer" }),
  },
  {
    table: "jobs",
    existing: (b) => ({ id: b.jobId }),
    newRow: (b) => ({
      org_id: b.orgId,
      work_order: `WO-${hex()}`,
      customer_id: b.customerId,
      estimated_minutes: 45,
      lat: 41.9,
      lng: -87.6,
    }),
    key: byId,
    change: () => ({ description: "Changed description" }),
  },
  {
    table: "assignments",
    existing: (b) => ({ id: b.assignmentId }),
    newRow: (b) => ({
      org_id: b.orgId,
      job_id: b.jobId,
      leader_id: b.spareTechnicianId,
      starts_at: "2026-03-03T15:00:00Z",
      ends_at: "2026-03-03T16:00:00Z",
      active: false,
    }),
    key: byId,
    change: () => ({ published_at: "2026-03-01T12:00:00Z" }),
  },
  {
    table: "assignment_helpers",
    existing: (b) => ({ assignment_id: b.assignmentId, technician_id: b.helperId }),
    newRow: (b) => ({ org_id: b.orgId, assignment_id: b.assignmentId, technician_id: b.spareTechnicianId }),
    key: (row) => ({ assignment_id: row.assignment_id, technician_id: row.technician_id }),
    change: (b) => ({ technician_id: b.spareTechnicianId }),
  },
  {
    table: "time_off",
    existing: (b) => ({ id: b.timeOffId }),
    newRow: (b) => ({
      org_id: b.orgId,
      technician_id: b.spareTechnicianId,
      starts_at: "2026-03-10T14:00:00Z",
      ends_at: "2026-03-10T18:00:00Z",
    }),
    key: byId,
    change: () => ({ reason: "changed reason" }),
  },
];

/** Tables outside the board that also hold a company's data. */
export const OTHER_COMPANY_TABLES: TableCase[] = [
  {
    table: "companies",
    existing: (b) => ({ id: b.orgId }),
    newRow: () => ({ name: "Intruder Inc", slug: `intruder-${hex()}` }),
    key: byId,
    change: () => ({ capacity_threshold: 0.5 }),
  },
  {
    table: "profiles",
    existing: (b) => ({ id: b.users.viewer.userId }),
    newRow: (b) => ({ id: b.outsiderId, email: "someone@example.test", full_name: "Someone" }),
    key: byId,
    change: () => ({ full_name: "Renamed Person" }),
  },
  {
    table: "memberships",
    existing: (b) => ({ id: b.membershipIds.viewer }),
    newRow: (b) => ({ org_id: b.orgId, user_id: b.outsiderId, role: "viewer" }),
    key: byId,
    change: () => ({ role: "admin" }),
  },
  {
    table: "audit_log",
    existing: (b) => ({ org_id: b.orgId }),
    newRow: (b) => ({ org_id: b.orgId, action: "insert", table_name: "jobs" }),
    key: byId,
    change: () => ({ context: { forged: true } }),
  },
  {
    table: "notifications",
    existing: (b) => ({ id: b.notificationId }),
    newRow: (b) => ({
      org_id: b.orgId,
      channel: "sms",
      recipient: "+15550100",
      recipient_kind: "technician",
      body: "New job",
      kind: "job_offered",
      dedupe_key: `offer-${hex()}`,
    }),
    key: byId,
    change: () => ({ body: "Changed body" }),
  },
];

/** Tables of dispatching work: change logs, publications, templates, offers, urgent requests. */
export const DISPATCH_TABLES: TableCase[] = [
  {
    table: "board_changes",
    existing: (b) => ({ id: b.boardChangeId }),
    newRow: (b) => ({ org_id: b.orgId, actor_id: b.users.admin.userId, job_id: b.jobId, kind: "move", summary: "forged change" }),
    key: byId,
    // the one change a board change may take (see board_changes_keep_history)
    change: () => ({ undone_at: "2026-03-03T10:00:00Z" }),
  },
  {
    table: "day_optimisations",
    existing: (b) => ({ id: b.dayOptimisationId }),
    newRow: (b) => ({
      org_id: b.orgId,
      actor_id: b.users.admin.userId,
      day: "2026-03-03",
      technician_ids: [b.technicianId],
      move_published: false,
      summary: "forged optimisation",
      travel_before: 10,
      travel_after: 5,
      moved: 0,
      placed: 0,
    }),
    key: byId,
    change: () => ({ summary: "rewritten history" }),
  },
  {
    table: "publications",
    existing: (b) => ({ id: b.publicationId }),
    newRow: (b) => ({ org_id: b.orgId, day: "2026-03-03", published_by: b.users.admin.userId, assignment_count: 0, technician_notices: 0, customer_notices: 0 }),
    key: byId,
    change: () => ({ customer_notices: 99 }),
  },
  {
    table: "job_templates",
    existing: (b) => ({ id: b.templateId }),
    newRow: (b) => ({ org_id: b.orgId, name: `Intruder template ${hex()}`, default_minutes: 30 }),
    key: byId,
    change: () => ({ default_minutes: 240 }),
  },
  {
    table: "job_template_workers",
    existing: (b) => ({ template_id: b.templateId, technician_id: b.technicianId }),
    newRow: (b) => ({ org_id: b.orgId, template_id: b.templateId, technician_id: b.spareTechnicianId, role: "helper", position: 5 }),
    key: (row) => ({ template_id: row.template_id, technician_id: row.technician_id }),
    change: () => ({ position: 9 }),
  },
  {
    table: "job_offers",
    existing: (b) => ({ id: b.offerId }),
    newRow: (b) => ({ org_id: b.orgId, job_id: b.jobId, technician_id: b.helperId, starts_at: "2026-03-04T15:00:00Z", ends_at: "2026-03-04T16:00:00Z" }),
    key: byId,
    change: () => ({ status: "withdrawn" }),
  },
  {
    table: "urgent_requests",
    existing: (b) => ({ id: b.urgentRequestId }),
    newRow: (b) => ({ org_id: b.orgId, work_order: `URG-${hex()}`, job_id: b.jobId, created_by: b.users.admin.userId }),
    key: byId,
    change: () => ({ ranking_message: "tampered" }),
  },
];

export const COMPANY_TABLES: TableCase[] = [...OTHER_COMPANY_TABLES, ...BOARD_TABLES, ...DISPATCH_TABLES];

export function tableCase(table: string): TableCase {
  const found = COMPANY_TABLES.find((t) => t.table === table);
  if (!found) throw new Error(`no table case for ${table}`);
  return found;
}
