// Reminders queued once per visit (and once per technician and evening) however
// many worker rounds run at once; time off asked for on the phone, approved or
// applied at once by company setting, with the visits it clashes with.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { placeJob } from "@/lib/db/board-changes";
import { publishDay } from "@/lib/db/publish";
import { queueDueReminders, setMyReminderChannel } from "@/lib/db/reminders";
import { loadCompanySettingsForm, saveCompanySettings } from "@/lib/db/company-settings";
import { decideTimeOffRequest, requestTimeOff } from "@/lib/db/availability";
import { testTargets } from "@/supabase/tests/helpers";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("reminders and availability on $name", (target) => {
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

  const placeAndPublish = async (key: string, start: string, end: string) => {
    await withUser(db, b.dispatcher, async (tx) => {
      const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [b.jobs[key]]);
      await placeJob(tx, b.dispatcher, { jobId: b.jobs[key], jobVersion: j.version, assignmentVersion: null, leaderId: b.techs.ali, helperIds: [], start, end, notifyCustomer: false }, NINE_AM);
    });
    await withUser(db, b.dispatcher, (tx) => publishDay(tx, b.dispatcher, DAY, NINE_AM));
  };
  const notices = (kind: string) =>
    withService(db, (tx) => tx.query<{ channel: string; recipient: string; body: string }>("select channel, recipient, body from public.notifications where org_id = $1 and kind = $2", [b.orgId, kind]));

  test("a visit reminder is queued once, however many rounds run at the same time", async () => {
    await placeAndPublish("A", at("10:00"), at("11:00"));
    const before = new Date(at("09:40"));
    // too early: 30 minutes is the default
    expect(await queueDueReminders(db, new Date(at("09:20")), [b.orgId])).toEqual({ visits: 0, summaries: 0 });
    const rounds = await Promise.all([queueDueReminders(db, before, [b.orgId]), queueDueReminders(db, before, [b.orgId]), queueDueReminders(db, before, [b.orgId])]);
    expect(rounds.reduce((n, r) => n + r.visits, 0)).toBe(1);
    await queueDueReminders(db, new Date(at("09:50")), [b.orgId]);
    const sent = await notices("visit_reminder");
    expect(sent).toHaveLength(1);
    // no phone subscribed: the technician's email
    expect(sent[0]).toMatchObject({ channel: "email", recipient: expect.stringContaining("ali.haddad") });
    expect(sent[0].body).toContain(`next visit at 10:00: ${b.job("A")}, Lakeview Diner`);
  });

  test("the company's lead time and the technician's chosen channel decide when and how the reminder goes", async () => {
    const settings = (await withUser(db, b.users.admin, (tx) => loadCompanySettingsForm(tx, b.orgId)))!;
    await withUser(db, b.users.admin, (tx) => saveCompanySettings(tx, b.orgId, { ...settings, visitReminderMinutes: 60 }));
    await withUser(db, ali, (tx) => setMyReminderChannel(tx, "sms"));
    await placeAndPublish("A", at("10:00"), at("11:00"));
    expect((await queueDueReminders(db, new Date(at("08:55")), [b.orgId])).visits).toBe(0);
    expect((await queueDueReminders(db, new Date(at("09:05")), [b.orgId])).visits).toBe(1);
    expect(await notices("visit_reminder")).toEqual([expect.objectContaining({ channel: "sms" })]);
    // the choice is the technician's own, in the audit trail under their name
    const [audit] = await withService(db, (tx) =>
      tx.query<{ actor_id: string; after: { reminder_channel: string } }>(
        "select actor_id, after from public.audit_log where org_id = $1 and table_name = 'technicians' and row_id = $2 and action = 'update' order by id desc limit 1",
        [b.orgId, b.techs.ali],
      ),
    );
    expect(audit).toMatchObject({ actor_id: ali.userId, after: { reminder_channel: "sms" } });
  });

  test("only a technician sets their own reminder channel, and only to push, text or email", async () => {
    await expect(withUser(db, ali, (tx) => setMyReminderChannel(tx, "pigeon" as "sms"))).rejects.toThrow(/push, sms or email/);
    await expect(withUser(db, b.dispatcher, (tx) => setMyReminderChannel(tx, "email"))).rejects.toThrow(/no technician record/);
    const rows = await withService(db, (tx) => tx.query<{ reminder_channel: string }>("select reminder_channel from public.technicians where org_id = $1", [b.orgId]));
    expect(rows.every((r) => r.reminder_channel === "push")).toBe(true);
  });

  test("the evening before, one summary of tomorrow per technician", async () => {
    await placeAndPublish("A", at("10:00"), at("11:00"));
    // Sunday 22 November, 18:05 in Chicago
    const evening = new Date("2026-11-23T00:05:00Z");
    expect(await queueDueReminders(db, new Date("2026-11-22T23:55:00Z"), [b.orgId])).toMatchObject({ summaries: 0 });
    expect(await queueDueReminders(db, evening, [b.orgId])).toMatchObject({ summaries: 1 });
    expect(await queueDueReminders(db, evening, [b.orgId])).toMatchObject({ summaries: 0 });
    expect(await notices("day_summary")).toHaveLength(1);
  });

  test("time off asked for waits for a dispatcher, who sees the visits it clashes with; approved, it is on the board", async () => {
    await placeAndPublish("A", at("10:00"), at("11:00"));
    const asked = await withUser(db, ali, (tx) => requestTimeOff(tx, ali, { kind: "unavailable", start: at("09:30"), end: at("12:00"), reason: "Dentist" }));
    expect(asked).toMatchObject({ status: "pending", technicianName: "Ali Haddad", affected: [{ workOrder: b.job("A") }] });
    const timeOff = () => withService(db, (tx) => tx.query("select reason from public.time_off where technician_id = $1 and starts_at = $2", [b.techs.ali, at("09:30")]));
    expect(await timeOff()).toEqual([]);
    // the technician cannot approve their own request
    await expect(withUser(db, ali, (tx) => decideTimeOffRequest(tx, ali, { requestId: asked.id, approve: true }))).rejects.toThrow("does not exist in your company");
    const approved = await withUser(db, b.dispatcher, (tx) => decideTimeOffRequest(tx, b.dispatcher, { requestId: asked.id, approve: true }));
    expect(approved.status).toBe("approved");
    expect(await timeOff()).toEqual([{ reason: "Dentist" }]);
    await expect(withUser(db, b.dispatcher, (tx) => decideTimeOffRequest(tx, b.dispatcher, { requestId: asked.id, approve: false }))).rejects.toThrow("already approved");
  });

  test("where the company needs no approval, time off applies at once", async () => {
    await withService(db, (tx) => tx.query("update public.companies set time_off_needs_approval = false where id = $1", [b.orgId]));
    const r = await withUser(db, ali, (tx) => requestTimeOff(tx, ali, { kind: "time_off", start: at("13:00"), end: at("17:00"), reason: null }));
    expect(r.status).toBe("approved");
    const rows = await withService(db, (tx) => tx.query("select 1 from public.time_off where technician_id = $1 and starts_at = $2", [b.techs.ali, at("13:00")]));
    expect(rows).toHaveLength(1);
  });
});
