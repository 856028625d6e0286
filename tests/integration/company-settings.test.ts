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
