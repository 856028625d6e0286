// The audit trail the database writes, its append-only rule, row versions, and the
// constraints that keep bad data out.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser, type Role } from "@/lib/db/with-user";
import {
  BOARD_TABLES,
  createBoard,
  deleteRows,
  failureOf,
  hex,
  insertRow,
  readAsService,
  rolledBackAsService,
  tableCase,
  testTargets,
  updateRows,
  whereOf,
  type BoardFixture,
  type Row,
  type TableCase,
} from "./helpers";

interface AuditRow {
  id: number;
  at: Date | string;
  org_id: string;
  actor_id: string | null;
  action: string;
  table_name: string;
  row_id: string | null;
  before: Row | null;
  after: Row | null;
  context: Row | null;
}

/** Audit rows of a company written after `sinceId`, oldest first. */
function auditSince(db: Db, orgId: string, sinceId: number): Promise<AuditRow[]> {
  return withService(db, (tx) =>
    tx.query<AuditRow>("select * from public.audit_log where org_id = $1 and id > $2 order by id", [orgId, sinceId]),
  );
}

async function lastAuditId(db: Db): Promise<number> {
  const [row] = await withService(db, (tx) => tx.query<{ id: number }>("select coalesce(max(id), 0)::int as id from public.audit_log"));
  return row.id;
}

/** A row as the audit trigger serialises it (`to_jsonb`), read as the service role. */
async function jsonOf(db: Db, table: string, match: Row): Promise<Row> {
  const where = whereOf(match);
  const rows = await withService(db, (tx) =>
    tx.query<{ j: Row }>(`select to_jsonb(t) as j from public.${table} t where ${where.sql}`, where.params),
  );
  expect(rows).toHaveLength(1);
  return rows[0].j;
}

describe.each(testTargets())("audit trail and constraints on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe("every change is recorded", () => {
    const audited: [string, Role, TableCase][] = [
      ...BOARD_TABLES.map((t) => [t.table, "dispatcher", t] as [string, Role, TableCase]),
      ["memberships", "admin", tableCase("memberships")],
    ];

    test.each(audited)("%s: insert, delete and update each leave one row naming the %s", async (_, role, t) => {
      const f = await createBoard(db);
      const user = f.users[role];
      const since = await lastAuditId(db);

      const [inserted] = await withUser(db, user, (tx) => insertRow(tx, t.table, t.newRow(f)));
      const insertedJson = await jsonOf(db, t.table, t.key(inserted));
      await withUser(db, user, (tx) => deleteRows(tx, t.table, t.key(inserted)));
      const existingBefore = await jsonOf(db, t.table, t.existing(f));
      const [changed] = await withUser(db, user, (tx) => updateRows(tx, t.table, t.existing(f), t.change(f)));
      const changedJson = await jsonOf(db, t.table, t.key(changed));

      const trail = await auditSince(db, f.orgId, since);
      const rowIdOf = (r: Row) => (r.id ?? r.assignment_id) as string;
      const described = ({ org_id, actor_id, action, table_name, row_id, before, after, context }: AuditRow) =>
        ({ org_id, actor_id, action, table_name, row_id, before, after, context });
      expect(trail.map(described)).toEqual([
        { org_id: f.orgId, actor_id: user.userId, action: "insert", table_name: t.table, row_id: rowIdOf(inserted), before: null, after: insertedJson, context: null },
        { org_id: f.orgId, actor_id: user.userId, action: "delete", table_name: t.table, row_id: rowIdOf(inserted), before: insertedJson, after: null, context: null },
        { org_id: f.orgId, actor_id: user.userId, action: "update", table_name: t.table, row_id: rowIdOf(changed), before: existingBefore, after: changedJson, context: null },
      ]);
      expect(changedJson).not.toEqual(existingBefore);
    });

    test("companies: created by the service role (no actor), settings changed by the admin", async () => {
      const since = await lastAuditId(db);
      const f = await createBoard(db);
      const created = (await auditSince(db, f.orgId, since)).filter((r) => r.table_name === "companies");
      expect(created.map((r) => [r.action, r.actor_id, r.row_id])).toEqual([["insert", null, f.orgId]]);

      const afterCreate = await lastAuditId(db);
      await withUser(db, f.users.admin, (tx) => updateRows(tx, "companies", { id: f.orgId }, { capacity_threshold: 0.6 }));
      const trail = await auditSince(db, f.orgId, afterCreate);
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: "update", table_name: "companies", actor_id: f.users.admin.userId, row_id: f.orgId });
      expect([trail[0].before?.capacity_threshold, trail[0].after?.capacity_threshold]).toEqual([0.85, 0.6]);
    });

    test("notifications: queuing a notice is recorded", async () => {
      const since = await lastAuditId(db);
      const [queued] = await withUser(db, a.users.dispatcher, (tx) => insertRow(tx, "notifications", tableCase("notifications").newRow(a)));
      const trail = await auditSince(db, a.orgId, since);
      expect(trail.map((r) => [r.action, r.table_name, r.actor_id, r.row_id])).toEqual([
        ["insert", "notifications", a.users.dispatcher.userId, queued.id],
      ]);
    });

    test("the audit row is written in the change's own transaction: a rollback leaves neither", async () => {
      const workOrder = `WO-${hex()}`;
      let seenInside: AuditRow[] = [];
      let jobId = "";
      const err = await failureOf(
        withUser(db, a.users.dispatcher, async (tx) => {
          const [job] = await insertRow(tx, "jobs", { ...tableCase("jobs").newRow(a), work_order: workOrder });
          jobId = job.id as string;
          seenInside = await tx.query<AuditRow>("select * from public.audit_log where row_id = $1", [jobId]);
          throw new Error("dispatcher cancelled");
        }),
      );
      expect(err.message).toBe("dispatcher cancelled");
      expect(seenInside.map((r) => r.action)).toEqual(["insert"]);
      expect(await readAsService(db, "audit_log", { row_id: jobId })).toEqual([]);
      expect(await readAsService(db, "jobs", { work_order: workOrder })).toEqual([]);
    });

    test("withUser's auditContext lands in the row's context", async () => {
      const since = await lastAuditId(db);
      await withUser(db, a.users.dispatcher, (tx) => updateRows(tx, "jobs", { id: a.jobId }, { notes: "moved back" }), {
        auditContext: { undo: true, reason: "dispatcher pressed undo" },
      });
      await withUser(db, a.users.dispatcher, (tx) => updateRows(tx, "jobs", { id: a.jobId }, { notes: "plain edit" }));
      const trail = await auditSince(db, a.orgId, since);
      expect(trail.map((r) => r.context)).toEqual([{ undo: true, reason: "dispatcher pressed undo" }, null]);
    });

    test("deleting a company (service role) takes its data and its trail, and only its own", async () => {
      const doomed = await createBoard(db);
      const othersBefore = await readAsService(db, "audit_log", { org_id: a.orgId });
      expect(await readAsService(db, "audit_log", { org_id: doomed.orgId })).not.toEqual([]);
      await withService(db, (tx) => deleteRows(tx, "companies", { id: doomed.orgId }));
      expect(await readAsService(db, "audit_log", { org_id: doomed.orgId })).toEqual([]);
      expect(await readAsService(db, "jobs", { org_id: doomed.orgId })).toEqual([]);
      expect(await readAsService(db, "audit_log", { org_id: a.orgId })).toEqual(othersBefore);
    });
  });

  describe("the audit trail is append-only", () => {
    type Who = "admin" | "service role" | "superuser";
    const statements = {
      update: "update public.audit_log set context = '{\"forged\": true}' where org_id = $1",
      delete: "delete from public.audit_log where org_id = $1",
      truncate: "truncate public.audit_log",
    };
    const run = (who: Who, fn: (tx: Queryable) => Promise<unknown>) =>
      who === "admin" ? withUser(db, a.users.admin, fn) : who === "service role" ? withService(db, fn) : db.transaction(fn);
    const cases: [keyof typeof statements, Who, RegExp][] = [];
    for (const op of ["update", "delete", "truncate"] as const) {
      cases.push([op, "admin", /permission denied for table audit_log/]);
      cases.push([op, "service role", /permission denied for table audit_log/]);
      cases.push([op, "superuser", new RegExp(`append-only: ${op} is not allowed`)]);
    }

    test("the superuser case really runs as a superuser", async () => {
      const [me] = await db.query<{ rolsuper: boolean }>("select rolsuper from pg_roles where rolname = current_user");
      expect(me.rolsuper).toBe(true);
    });

    test.each(cases)("%s by the %s is refused", async (op, who, refusal) => {
      const before = await readAsService(db, "audit_log", { org_id: a.orgId });
      const sql = statements[op];
      const err = await failureOf(run(who, (tx) => tx.query(sql, op === "truncate" ? [] : [a.orgId])));
      expect(err.message).toMatch(refusal);
      expect(before.length).toBeGreaterThan(0);
      expect(await readAsService(db, "audit_log", { org_id: a.orgId })).toEqual(before);
    });
  });

  describe("versions", () => {
    test.each([["jobs"], ["assignments"]])("%s: every update increments the version, stale writes miss", async (table) => {
      const f = await createBoard(db);
      const id = table === "jobs" ? f.jobId : f.assignmentId;
      const versions: unknown[] = [];
      for (const change of [{ pinned: true }, { pinned: false }]) {
        const [row] = await withUser(db, f.users.dispatcher, (tx) =>
          table === "jobs" ? updateRows(tx, "jobs", { id }, change) : updateRows(tx, "assignments", { id }, { auto_assigned: change.pinned }),
        );
        versions.push(row.version);
      }
      // a writer still holding version 1 changes nothing
      const stale = await withUser(db, f.users.dispatcher, (tx) =>
        tx.query(`update public.${table} set updated_at = now() where id = $1 and version = 1 returning id`, [id]),
      );
      // and cannot wind the version back by hand
      const [forced] = await withUser(db, f.users.dispatcher, (tx) => updateRows(tx, table, { id }, { version: 1 }));
      expect({ versions, stale: stale.length, forced: forced.version }).toEqual({ versions: [2, 3], stale: 0, forced: 4 });
    });
  });

  describe("constraints refuse bad data", () => {
    type Sql = [string, unknown[]];
    const assignment = (f: BoardFixture, startsAt: string, endsAt: string, leader = f.spareTechnicianId): Sql => [
      "insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at, active) values ($1, $2, $3, $4, $5, false)",
      [f.orgId, f.jobId, leader, startsAt, endsAt],
    ];
    const job = (f: BoardFixture, extra: Row): Sql => {
      const row = { ...tableCase("jobs").newRow(f), ...extra };
      const keys = Object.keys(row);
      return [`insert into public.jobs (${keys.join(", ")}) values (${keys.map((_, i) => `$${i + 1}`).join(", ")})`, Object.values(row)];
    };
    const refusals: [string, (f: BoardFixture) => Sql, string, RegExp?][] = [
      ["an assignment ending before it starts", (f) => assignment(f, "2026-03-02T16:00:00Z", "2026-03-02T15:00:00Z"), "23514"],
      ["an assignment longer than a day", (f) => assignment(f, "2026-03-02T08:00:00Z", "2026-03-03T09:00:00Z"), "23514"],
      [
        "a second active assignment for one job",
        (f) => [
          "insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at) values ($1, $2, $3, '2026-03-04T15:00Z', '2026-03-04T16:00Z')",
          [f.orgId, f.jobId, f.spareTechnicianId],
        ],
        "23505",
        /assignments_one_active_per_job/,
      ],
      [
        "a helper who is also the crew leader",
        (f) => ["insert into public.assignment_helpers (org_id, assignment_id, technician_id) values ($1, $2, $3)", [f.orgId, f.assignmentId, f.technicianId]],
        "23514",
        /crew leader cannot also be a helper/,
      ],
      [
        "making a helper the crew leader",
        (f) => ["update public.assignments set leader_id = $2 where id = $1", [f.assignmentId, f.helperId]],
        "23514",
        /crew leader cannot also be a helper/,
      ],
      [
        "an assignment led by another company's technician",
        (f) => assignment(f, "2026-03-02T15:00:00Z", "2026-03-02T16:00:00Z", b.technicianId),
        "23503",
      ],
      [
        "a technician's home latitude above 90",
        (f) => ["insert into public.technicians (org_id, name, home_lat, home_lng) values ($1, 'North', 90.5, 10)", [f.orgId]],
        "23514",
      ],
      ["a job longitude beyond 180", (f) => job(f, { lng: 180.01 }), "23514"],
      ["a job window that ends before it starts", (f) => job(f, { window_start: "2026-03-02T18:00Z", window_end: "2026-03-02T14:00Z" }), "23514"],
      [
        "a customer latitude below -90",
        (f) => ["insert into public.customers (org_id, name, lat, lng) values ($1, 'South', -90.5, 0)", [f.orgId]],
        "23514",
      ],
      [
        "a customer with a latitude but no longitude",
        (f) => ["insert into public.customers (org_id, name, lat) values ($1, 'Half', 41.9)", [f.orgId]],
        "23514",
      ],
      [
        "a shift ending before it starts",
        (f) => [
          "insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at) values ($1, $2, 6, '17:00', '09:00')",
          [f.orgId, f.spareTechnicianId],
        ],
        "23514",
      ],
      ["a work order used twice in one company", (f) => job(f, { work_order: f.workOrder }), "23505", /jobs_org_id_work_order_key/],
      [
        "a company in an unknown time zone",
        () => ["insert into public.companies (name, slug, time_zone) values ('Mars Base', $1, 'Mars/Olympus_Mons')", [`mars-${hex()}`]],
        "23514",
        /companies_time_zone_valid/,
      ],
      [
        "moving a company to an unknown time zone",
        (f) => ["update public.companies set time_zone = 'Europe/Atlantis' where id = $1", [f.orgId]],
        "23514",
        /companies_time_zone_valid/,
      ],
    ];

    test.each(refusals)("refuses %s", async (_, build, code, constraint) => {
      const [sql, params] = build(a);
      const err = await failureOf(withService(db, (tx) => tx.query(sql, params)));
      expect(err.code).toBe(code);
      if (constraint) expect(err.message).toMatch(constraint);
    });

    test("an admin's own settings change is held to the time zone rule too", async () => {
      const err = await failureOf(
        withUser(db, a.users.admin, (tx) => updateRows(tx, "companies", { id: a.orgId }, { time_zone: "Moon/Tranquility" })),
      );
      expect(err.code).toBe("23514");
      expect((await readAsService(db, "companies", { id: a.orgId }))[0].time_zone).toBe("America/Chicago");
    });

    const accepted: [string, (tx: Queryable) => Promise<Row[]>][] = [
      ["the same work order in another company", (tx) => insertRow(tx, "jobs", { ...tableCase("jobs").newRow(b), work_order: a.workOrder })],
      ["a company in a real time zone", (tx) => insertRow(tx, "companies", { name: "Berlin Kälte", slug: `berlin-${hex()}`, time_zone: "Europe/Berlin" })],
      ["an inactive (historic) second assignment for a job", (tx) => insertRow(tx, "assignments", tableCase("assignments").newRow(a))],
      ["a helper who is not the leader", async (tx) => insertRow(tx, "assignment_helpers", tableCase("assignment_helpers").newRow(a))],
    ];

    test.each(accepted)("accepts %s", async (_, write) => {
      const rows = await rolledBackAsService(db, write);
      expect(rows).toHaveLength(1);
    });
  });
});
