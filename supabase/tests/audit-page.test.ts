// The audit page's queries (lib/db/audit.ts): a company's trail newest first,
// filtered and paginated, names looked up in bulk, and nobody else's trail, ever.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { describeAuditEntry } from "@/lib/audit/describe";
import { loadAuditPage, listAuditActors } from "@/lib/db/audit";
import { createBoard, createJob, testTargets, type BoardFixture, type TestUser } from "./helpers";

const TZ = "America/Chicago";

/** Counts the statements a function sends, to prove names are looked up in bulk. */
function counting(tx: Queryable): { tx: Queryable; count: () => number } {
  let n = 0;
  return {
    tx: {
      query: (text, params) => {
        n++;
        return tx.query(text, params);
      },
      exec: (script) => tx.exec(script),
    },
    count: () => n,
  };
}

describe.each(testTargets())("the audit page's queries on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  let otherJob: { id: string; workOrder: string };
  let publicationId: string;

  const page = (user: TestUser, orgId: string, filter: Parameters<typeof loadAuditPage>[3] = {}) =>
    withUser(db, user, (tx) => loadAuditPage(tx, orgId, TZ, filter));

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
    otherJob = await createJob(db, a.orgId, a.customerId);

    // what A's dispatcher did, in order: raise a priority (not telling the customer),
    // record a board change, publish the day
    await withUser(db, a.users.dispatcher, (tx) => tx.query("update public.jobs set priority = 2 where id = $1", [a.jobId]), {
      auditContext: { notify_customer: false },
    });
    await withUser(db, a.users.dispatcher, (tx) =>
      tx.query(
        `insert into public.board_changes (org_id, actor_id, job_id, kind, summary)
         values ($1, $2, $3, 'move', $4)`,
        [a.orgId, a.users.dispatcher.userId, a.jobId, `Dana moved ${a.workOrder} from Ali 09:00 to Sam 13:30`],
      ),
    );
    [{ id: publicationId }] = await withUser(db, a.users.dispatcher, (tx) =>
      tx.query<{ id: string }>(
        `insert into public.publications (org_id, day, published_by, assignment_count, technician_notices, customer_notices)
         values ($1, '2026-11-23', $2, 12, 5, 9) returning id`,
        [a.orgId, a.users.dispatcher.userId],
      ),
    );
    // B's dispatcher changes B's copy of the same kind of job
    await withUser(db, b.users.dispatcher, (tx) => tx.query("update public.jobs set priority = 1 where id = $1", [b.jobId]));

    // two rows either side of midnight in Chicago (05:30 and 06:30 UTC on March 2, 2020: older than anything else)
    await withService(db, (tx) =>
      tx.query(
        `insert into public.audit_log (org_id, actor_id, action, table_name, row_id, before, after, at) values
           ($1, $2, 'update', 'jobs', $3, '{"work_order":"late","priority":3}', '{"work_order":"late","priority":4}', '2020-03-02T05:30:00Z'),
           ($1, $2, 'update', 'jobs', $3, '{"work_order":"early","priority":4}', '{"work_order":"early","priority":3}', '2020-03-02T06:30:00Z')`,
        [a.orgId, a.users.admin.userId, otherJob.id],
      ),
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  test("A's dispatcher reads A's trail newest first, every row A's", async () => {
    const result = await page(a.users.dispatcher, a.orgId, { pageSize: 200 });
    expect(result.entries.length).toBeGreaterThan(10);
    const times = result.entries.map((e) => new Date(e.at).getTime());
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    const [newest] = result.entries;
    expect(newest).toMatchObject({ tableName: "publications", action: "insert", rowId: publicationId, actorId: a.users.dispatcher.userId });
    const ownRows = await withService(db, (tx) =>
      tx.query<{ id: string }>("select id::text as id from public.audit_log where org_id = $1", [a.orgId]),
    );
    const own = new Set(ownRows.map((r) => r.id));
    expect(result.entries.every((e) => own.has(e.id))).toBe(true);
  });

  test("the rows read as sentences with the names of A's people and jobs", async () => {
    const result = await page(a.users.admin, a.orgId, { actor: a.users.dispatcher.userId });
    const sentences = result.entries.map((e) => describeAuditEntry(e, result.names, { timeZone: TZ }));
    const dispatcher = `dispatcher of ${a.slug}`;
    expect(sentences.map((s) => s.sentence)).toEqual([
      `${dispatcher} published Monday, November 23 (12 visits, 5 technician notices, 9 customer notices)`,
      `Dana moved ${a.workOrder} from Ali 09:00 to Sam 13:30`,
      `${dispatcher} changed job ${a.workOrder}: priority Normal → High`,
    ]);
    expect(sentences[2].notes).toEqual(["customer not notified"]);
  });

  test("an admin of company B reads none of A's trail, and B's own trail holds nothing of A's", async () => {
    expect((await page(b.users.admin, a.orgId)).entries).toEqual([]);
    expect((await page(b.users.admin, a.orgId, { job: a.workOrder })).entries).toEqual([]);
    const own = await page(b.users.admin, b.orgId, { pageSize: 200 });
    expect(own.entries.length).toBeGreaterThan(0);
    const text = JSON.stringify(own);
    expect(text).not.toContain(a.jobId);
    expect(text).not.toContain(a.workOrder);
    expect(text).not.toContain(a.users.dispatcher.userId);
  });

  test.each(["viewer", "technician"] as const)("a %s cannot read the audit trail", async (role) => {
    const result = await page(a.users[role], a.orgId);
    expect(result.entries).toEqual([]);
    expect(result.hasMore).toBe(false);
  });

  test("by day, in the company's time zone", async () => {
    const march1 = await page(a.users.admin, a.orgId, { date: "2020-03-01" });
    const march2 = await page(a.users.admin, a.orgId, { date: "2020-03-02" });
    expect(march1.entries.map((e) => e.after?.work_order)).toEqual(["late"]);
    expect(march2.entries.map((e) => e.after?.work_order)).toEqual(["early"]);
    expect((await page(a.users.admin, a.orgId, { date: "2020-03-03" })).entries).toEqual([]);
  });

  test("by person, and 'system' for changes nobody signed in made", async () => {
    const admin = await page(a.users.admin, a.orgId, { actor: a.users.admin.userId });
    expect(admin.entries).toHaveLength(2);
    const system = await page(a.users.admin, a.orgId, { actor: "system", pageSize: 200 });
    expect(system.entries.length).toBeGreaterThan(5);
    expect(system.entries.every((e) => e.actorId === null)).toBe(true);
    expect(system.entries.map((e) => e.tableName)).toContain("companies");
  });

  test("by job: the job, its visit, its helpers and its board changes, nothing of other jobs", async () => {
    const result = await page(a.users.dispatcher, a.orgId, { job: a.workOrder.toLowerCase(), pageSize: 200 });
    // only the job's rows: the job, its visit, its helpers, its board changes
    const aboutJob = (e: (typeof result.entries)[number]) =>
      e.rowId === a.jobId || e.rowId === a.assignmentId || (e.after ?? e.before)?.job_id === a.jobId || (e.after ?? e.before)?.assignment_id === a.assignmentId;
    expect(result.changes.length).toBeGreaterThan(1);
    expect(result.entries.every(aboutJob)).toBe(true);
    expect(new Set(result.entries.map((e) => e.tableName))).toEqual(new Set(["jobs", "assignments", "assignment_helpers", "board_changes"]));
    // rows of the same changes about other things are counted, not shown
    expect(result.changes.some((c) => c.rowCount > c.records.length)).toBe(true);
    // the other job's own changes (its priority history) are not shown
    expect(result.changes.some((c) => c.records.every((e) => e.rowId === otherJob.id))).toBe(false);
    // work orders are matched as text, not as patterns
    expect((await page(a.users.dispatcher, a.orgId, { job: "%" })).entries).toEqual([]);
    expect((await page(a.users.dispatcher, a.orgId, { job: "no-such-order" })).entries).toEqual([]);
  });

  test("paginated: pages do not overlap and the last says so", async () => {
    const all = await page(a.users.admin, a.orgId, { pageSize: 200 });
    const first = await page(a.users.admin, a.orgId, { pageSize: 4, page: 1 });
    const second = await page(a.users.admin, a.orgId, { pageSize: 4, page: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.changes).toHaveLength(4);
    expect([...first.changes, ...second.changes].map((c) => c.key)).toEqual(all.changes.slice(0, 8).map((c) => c.key));
    const last = Math.ceil(all.changes.length / 4);
    expect((await page(a.users.admin, a.orgId, { pageSize: 4, page: last })).hasMore).toBe(false);
  });

  test("names come from a few bulk look-ups, not one per row", async () => {
    const { count, result } = await withUser(db, a.users.admin, async (tx) => {
      const c = counting(tx);
      const result = await loadAuditPage(c.tx, a.orgId, TZ, { pageSize: 200 });
      return { count: c.count(), result };
    });
    expect(result.entries.length).toBeGreaterThan(10);
    expect(count).toBeLessThanOrEqual(6);
    const [technician] = await withService(db, (tx) => tx.query<{ name: string }>("select name from public.technicians where id = $1", [a.technicianId]));
    expect(result.names.technicians[a.technicianId]).toBe(technician.name);
    expect(result.names.jobs[a.jobId]).toBe(a.workOrder);
    expect(result.names.assignments[a.assignmentId]).toBe(a.workOrder);
    expect(result.names.people[a.users.dispatcher.userId]).toBe(`dispatcher of ${a.slug}`);
  });

  test("the person filter lists A's members only", async () => {
    const actors = await withUser(db, a.users.admin, (tx) => listAuditActors(tx, a.orgId));
    expect(actors.map((p) => p.id).sort()).toEqual(Object.values(a.users).map((u) => u.userId).sort());
    expect(await withUser(db, b.users.admin, (tx) => listAuditActors(tx, a.orgId))).toEqual([]);
  });
});
