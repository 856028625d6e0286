import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { loadCompanySettingsForm, saveCompanySettings } from "@/lib/db/company-settings";
import { createCompany, testTargets, type CompanyFixture } from "@/supabase/tests/helpers";

describe.each(testTargets())("company settings on $name", (target) => {
  let db: Db;
  let a: CompanyFixture;
  let b: CompanyFixture;
  beforeAll(async () => {
    db = await target.open();
    a = await createCompany(db);
    b = await createCompany(db);
  });
  afterAll(async () => db?.close());

  test("an admin changes the rules; they read back the same", async () => {
    const v = (await withUser(db, a.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId)))!;
    expect(v.capacityThresholdPercent).toBe(85);
    const next = { ...v, capacityThresholdPercent: 70, rescheduleNoticeEnabled: false, urgentRequiresAdmin: true, weights: { ...v.weights, travel: 2 } };
    expect(await withUser(db, a.users.admin, (tx) => saveCompanySettings(tx, a.orgId, next))).toBe(true);
    expect(await withUser(db, a.users.viewer, (tx) => loadCompanySettingsForm(tx, a.orgId))).toEqual(next);
    const [row] = await withService(db, (tx) => tx.query<{ capacity_threshold: number }>("select capacity_threshold from public.companies where id = $1", [a.orgId]));
    expect(Number(row.capacity_threshold)).toBeCloseTo(0.7);
  });

  test("the technicians' rules (time-off approval, reminder lead time, evening summary) are kept and audited", async () => {
    const v = (await withUser(db, a.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId)))!;
    expect(v).toMatchObject({ timeOffNeedsApproval: true, visitReminderMinutes: 30, eveningSummaryAt: "18:00" });
    const next = { ...v, timeOffNeedsApproval: false, visitReminderMinutes: 45, eveningSummaryAt: "19:30" };
    expect(await withUser(db, a.users.admin, (tx) => saveCompanySettings(tx, a.orgId, next))).toBe(true);
    expect(await withUser(db, a.users.dispatcher, (tx) => loadCompanySettingsForm(tx, a.orgId))).toEqual(next);
    const [audit] = await withService(db, (tx) =>
      tx.query<{ actor_id: string; before: Record<string, unknown>; after: Record<string, unknown> }>(
        "select actor_id, before, after from public.audit_log where org_id = $1 and table_name = 'companies' and action = 'update' order by id desc limit 1",
        [a.orgId],
      ),
    );
    expect(audit.actor_id).toBe(a.users.admin.userId);
    expect(audit.before).toMatchObject({ time_off_needs_approval: true, visit_reminder_minutes: 30 });
    expect(audit.after).toMatchObject({ time_off_needs_approval: false, visit_reminder_minutes: 45, evening_summary_at: "19:30:00" });
    // a lead time the database does not allow is refused there too
    await expect(withUser(db, a.users.admin, (tx) => saveCompanySettings(tx, a.orgId, { ...next, visitReminderMinutes: 500 }))).rejects.toThrow(/visit_reminder_minutes/);
  });

  test("a dispatcher, and another company's admin, change nothing", async () => {
    const before = await withUser(db, a.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId));
    const changed = { ...before!, name: "Hijacked" };
    expect(await withUser(db, a.users.dispatcher, (tx) => saveCompanySettings(tx, a.orgId, changed))).toBe(false);
    expect(await withUser(db, b.users.admin, (tx) => saveCompanySettings(tx, a.orgId, changed))).toBe(false);
    expect(await withUser(db, b.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId))).toBeNull();
    expect(await withUser(db, a.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId))).toEqual(before);
  });

  test("a time zone the database does not know is refused", async () => {
    const v = (await withUser(db, a.users.admin, (tx) => loadCompanySettingsForm(tx, a.orgId)))!;
    await expect(withUser(db, a.users.admin, (tx) => saveCompanySettings(tx, a.orgId, { ...v, timeZone: "Mars/Olympus" }))).rejects.toThrow(/time_zone/);
  });
});
