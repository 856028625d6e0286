import { beforeEach, afterEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { placeJob, unassignJob } from "@/lib/db/board-changes";
import { publishDay } from "@/lib/db/publish";
import { testTargets } from "@/supabase/tests/helpers";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

interface Notice {
  channel: string;
  recipient: string;
  recipient_kind: string;
  kind: string;
  body: string;
  job_id: string | null;
  technician_id: string | null;
}

describe.each(testTargets())("publish and the 24-hour rule on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
  });
  afterEach(async () => db?.close());

  const notices = (): Promise<Notice[]> =>
    withService(db, (tx) =>
      tx.query<Notice>(
        "select channel, recipient, recipient_kind, kind, body, job_id, technician_id from public.notifications where org_id = $1 order by created_at, kind, recipient",
        [b.orgId],
      ),
    );
  const versions = async (key: string) =>
    withService(db, async (tx) => {
      const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [b.jobs[key]]);
      const [a] = await tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [b.jobs[key]]);
      return { jobVersion: j.version, assignmentVersion: a?.version ?? null };
    });
  const place = async (key: string, leaderId: string, start: string, end: string, notifyCustomer = true) => {
    // read versions first: PGlite has one connection, so no transaction may open inside another
    const v = await versions(key);
    return withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs[key], ...v, leaderId, helperIds: [], start, end, notifyCustomer }, NINE_AM),
    );
  };
  const publish = () => withUser(db, b.dispatcher, (tx) => publishDay(tx, b.dispatcher, DAY, NINE_AM));

  async function publishedDay() {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    await place("B", b.techs.ali, at("12:00"), at("13:00"));
    await place("C", b.techs.sam, at("13:00"), at("14:00"));
    return publish();
  }

  test("publish sends one notice per affected technician and one per reachable customer, in one go", async () => {
    const r = await publishedDay();
    expect(r).toMatchObject({ assignments: 3, technicianNotices: 2, customerNotices: 2, unreachableCustomers: [b.job("C")] });
    const sent = await notices();
    const techNotices = sent.filter((n) => n.kind === "technician_day");
    expect(techNotices.map((n) => n.technician_id).sort()).toEqual([b.techs.ali, b.techs.sam].sort());
    const ali = techNotices.find((n) => n.technician_id === b.techs.ali)!;
    // Ali's day in route order with times
    expect(ali.body.indexOf(b.job("A"))).toBeLessThan(ali.body.indexOf(b.job("B")));
    expect(ali.body).toContain("10:00");
    const customers = sent.filter((n) => n.kind === "arrival_window");
    expect(customers.map((n) => n.recipient).sort()).toEqual(["dental@example.test", "diner@example.test"]);
    expect(customers.find((n) => n.recipient === "diner@example.test")!.body).toContain("between 10:00 and 12:00");
    const status = await withService(db, (tx) => tx.query<{ status: string }>("select status from public.jobs where id = any($1::uuid[])", [[b.jobs.A, b.jobs.B, b.jobs.C]]));
    expect(status.map((s) => s.status)).toEqual(["published", "published", "published"]);
  });

  test("publishing again with no changes sends nothing", async () => {
    await publishedDay();
    const before = (await notices()).length;
    const r = await publish();
    expect(r).toMatchObject({ assignments: 0, technicianNotices: 0, customerNotices: 0 });
    expect((await notices()).length).toBe(before);
  });

  test("moving a published job due within 24 hours queues an SMS to the customer with the new window", async () => {
    await publishedDay();
    const r = await place("A", b.techs.sam, at("15:00"), at("16:00"));
    expect(r.customerNotice).toBe("queued");
    const sms = (await notices()).filter((n) => n.kind === "reschedule");
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: "sms", recipient: "+13125550199", job_id: b.jobs.A });
    expect(sms[0].body).toContain("15:00");
    // the next publish tells both technicians, but not the customer a second time
    const p = await publish();
    expect(p.technicianNotices).toBe(2);
    expect(p.customerNotices).toBe(0);
  });

  test("unticking 'notify customer' sends none, and the choice is in the audit trail", async () => {
    await publishedDay();
    const r = await place("A", b.techs.ali, at("10:30"), at("11:30"), false);
    expect(r.customerNotice).toBe("declined");
    expect((await notices()).filter((n) => n.kind === "reschedule")).toHaveLength(0);
    const [audit] = await withService(db, (tx) =>
      tx.query<{ context: { notify_customer: boolean } }>(
        "select context from public.audit_log where table_name = 'assignments' and action = 'update' and org_id = $1 order by id desc limit 1",
        [b.orgId],
      ),
    );
    expect(audit.context.notify_customer).toBe(false);
    expect((await publish()).customerNotices).toBe(0);
  });

  test("a customer with only an email is told by email", async () => {
    await publishedDay();
    await place("B", b.techs.ali, at("14:00"), at("15:00"));
    const mail = (await notices()).filter((n) => n.kind === "reschedule");
    expect(mail).toMatchObject([{ channel: "email", recipient: "dental@example.test" }]);
  });

  test("the company can switch the 24-hour rule off", async () => {
    await publishedDay();
    await withService(db, (tx) => tx.query("update public.companies set reschedule_notice_enabled = false where id = $1", [b.orgId]));
    const r = await place("A", b.techs.ali, at("10:30"), at("11:30"));
    expect(r.customerNotice).toBe("not_needed");
    expect((await notices()).filter((n) => n.kind === "reschedule")).toHaveLength(0);
  });

  test("unassigning a published job: the technician's day and the customer are updated at the next publish", async () => {
    await publishedDay();
    // far enough ahead that the 24-hour rule does not apply
    const later = new Date("2026-11-21T15:00:00Z");
    const v = await versions("B");
    const r = await withUser(db, b.dispatcher, (tx) =>
      unassignJob(tx, b.dispatcher, { jobId: b.jobs.B, jobVersion: v.jobVersion, assignmentVersion: v.assignmentVersion!, notifyCustomer: true }, later),
    );
    expect(r.customerNotice).toBe("not_needed");
    const p = await withUser(db, b.dispatcher, (tx) => publishDay(tx, b.dispatcher, DAY, later));
    expect(p).toMatchObject({ technicianNotices: 1, customerNotices: 1 });
    const last = (await notices()).filter((n) => n.kind === "reschedule");
    expect(last[0].recipient).toBe("dental@example.test");
    expect(last[0].body).toContain("removed from the schedule");
  });

  test("a viewer cannot publish", async () => {
    await place("A", b.techs.ali, at("10:00"), at("11:00"));
    await expect(withUser(db, b.viewer, (tx) => publishDay(tx, b.viewer, DAY, NINE_AM))).rejects.toThrow();
    expect(await notices()).toHaveLength(0);
  });
});
