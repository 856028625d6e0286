// The technician's side: reading the published day, reporting visit statuses with
// idempotency keys, telling the customer once, and the rights a technician has.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { placeJob } from "@/lib/db/board-changes";
import { publishDay } from "@/lib/db/publish";
import { loadTechDay } from "@/lib/db/tech-day";
import { reportVisitStatus } from "@/lib/db/visit-status";
import { testTargets } from "@/supabase/tests/helpers";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("the technician's app on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let ali: SessionUser;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    ali = { ...b.users.technician, name: "Ali Haddad" };
    await withService(db, (tx) => tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.ali, ali.userId]));
  });
  afterEach(async () => db?.close());

  const place = (key: string, leaderId: string, start: string, end: string) =>
    withUser(db, b.dispatcher, async (tx) => {
      const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [b.jobs[key]]);
      return placeJob(tx, b.dispatcher, { jobId: b.jobs[key], jobVersion: j.version, assignmentVersion: null, leaderId, helperIds: [], start, end, notifyCustomer: false }, NINE_AM);
    });
  const report = (user: SessionUser, input: Parameters<typeof reportVisitStatus>[2], now = NINE_AM) =>
    withUser(db, user, (tx) => reportVisitStatus(tx, user, input, now));
  const notices = (jobId: string) =>
    withService(db, (tx) => tx.query<{ kind: string; body: string }>("select kind, body from public.notifications where job_id = $1 order by created_at", [jobId]));

  test("the day shows only what was published, in route order with travel", async () => {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    await place("B", b.techs.ali, at("13:00"), at("14:00"));
    await withUser(db, b.dispatcher, (tx) => publishDay(tx, b.dispatcher, DAY, NINE_AM));
    // a draft after publishing stays the dispatcher's
    await place("D", b.techs.ali, at("15:00"), at("16:30"));
    const day = await withUser(db, ali, (tx) => loadTechDay(tx, b.orgId, b.techs.ali, NINE_AM));
    expect(day!.days[0].date).toBe(DAY);
    expect(day!.days[0].visits.map((v) => v.job.workOrder)).toEqual([b.job("A"), b.job("B")]);
    expect(day!.days[0].visits[0].travelToNext).toBeGreaterThanOrEqual(0);
    expect(day!.days[0].visits[1].travelToNext).toBeNull();
  });

  test("on my way → arrived → done: times recorded, the customer told once, a repeated tap recorded once", async () => {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    const first = await report(ali, { jobId: b.jobs.A, status: "on_my_way", idempotencyKey: "tap-000001" });
    expect(first).toMatchObject({ duplicate: false, customerNotice: "queued" });
    expect(first.job.visitStatus).toBe("on_my_way");
    expect(first.job.estimatedArrivalAt).not.toBeNull();
    const again = await report(ali, { jobId: b.jobs.A, status: "on_my_way", idempotencyKey: "tap-000001" });
    expect(again.duplicate).toBe(true);
    const retapped = await report(ali, { jobId: b.jobs.A, status: "on_my_way", idempotencyKey: "tap-000002" });
    expect(retapped.unchanged).toBe(true);
    expect((await notices(b.jobs.A)).map((n) => n.kind)).toEqual(["on_my_way"]);
    expect((await notices(b.jobs.A))[0].body).toContain("Ali Haddad is on the way");

    const arrived = await report(ali, { jobId: b.jobs.A, status: "arrived", idempotencyKey: "tap-000003" }, new Date(at("10:05")));
    expect(arrived.job).toMatchObject({ visitStatus: "arrived", status: "in_progress", arrivedAt: at("10:05") });
    const done = await report(ali, { jobId: b.jobs.A, status: "done", idempotencyKey: "tap-000004", note: "Replaced the capacitor" }, new Date(at("10:50")));
    expect(done.job).toMatchObject({ visitStatus: "done", status: "done", finishedAt: at("10:50") });
    const events = await withService(db, (tx) => tx.query<{ status: string }>("select status from public.visit_status_events where job_id = $1 order by recorded_at, status", [b.jobs.A]));
    expect(events.map((e) => e.status).sort()).toEqual(["arrived", "done", "on_my_way", "on_my_way"].sort());
  });

  test("done before arrived is refused for the crew; a dispatcher's correction is recorded as one", async () => {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    await expect(report(ali, { jobId: b.jobs.A, status: "done", idempotencyKey: "tap-100001" })).rejects.toThrow("Tap “Arrived” before “Done”.");
    const corrected = await report({ ...b.dispatcher, role: "dispatcher" }, { jobId: b.jobs.A, status: "done", idempotencyKey: "fix-100001" });
    expect(corrected.job.visitStatus).toBe("done");
    expect(corrected.summary).toBe(`Dana Dispatcher corrected ${b.job("A")} to “Done” (was not started)`);
    const audit = await withService(db, (tx) =>
      tx.query<{ context: { correction?: boolean; summary: string } }>(
        "select context from public.audit_log where table_name = 'jobs' and row_id = $1 and context ->> 'kind' = 'visit_status'",
        [b.jobs.A],
      ),
    );
    expect(audit.map((a) => a.context)).toEqual([expect.objectContaining({ correction: true, summary: corrected.summary })]);
  });

  test("couldn't finish: the job goes back to the queue flagged as a return visit with its reason", async () => {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    await report(ali, { jobId: b.jobs.A, status: "arrived", idempotencyKey: "tap-200001" });
    const r = await report(ali, { jobId: b.jobs.A, status: "not_finished", reason: "parts", note: "Compressor on order", idempotencyKey: "tap-200002" });
    expect(r.job).toMatchObject({ status: "unscheduled", visitStatus: "not_finished", returnVisit: true, notFinishedReason: "parts" });
    const active = await withService(db, (tx) => tx.query("select 1 from public.assignments where job_id = $1 and active", [b.jobs.A]));
    expect(active).toEqual([]);
  });

  test("a technician reports only on their own visits and changes nothing else of a job", async () => {
    await place("A", b.techs.sam, at("10:00"), at("11:00"));
    await expect(report(ali, { jobId: b.jobs.A, status: "on_my_way", idempotencyKey: "tap-300001" })).rejects.toThrow("is not on your day");
    await place("B", b.techs.ali, at("12:00"), at("13:00"));
    await expect(
      withUser(db, ali, (tx) => tx.query("update public.jobs set description = 'free upgrade' where id = $1", [b.jobs.B])),
    ).rejects.toThrow(/a technician can only report on a visit/);
    await expect(
      withUser(db, ali, (tx) => tx.query("update public.assignments set starts_at = starts_at + interval '1 hour' where job_id = $1", [b.jobs.B])),
    ).rejects.toThrow(/a technician can only report on a visit/);
    const untouched = await withUser(db, ali, (tx) => tx.query("update public.jobs set visit_status = 'done' where id = $1 returning id", [b.jobs.A]));
    expect(untouched).toEqual([]);
  });
});
