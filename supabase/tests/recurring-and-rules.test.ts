// Recurring maintenance and rules kept in the app: visits are generated once per
// date, an edit remakes only the unplaced future visits, cancelling removes those and
// keeps placed ones; a rule's preview names the open jobs it covers and saving can
// apply it to them; only admins keep rules.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { cancelSeries, createSeries, generateVisits, previewCancelSeries, updateSeries, type SeriesInput } from "@/lib/db/recurring";
import { previewRule, saveRule, type RuleDraft } from "@/lib/db/rules";
import { createBoard, failureOf, hex, rolledBack, testTargets, type BoardFixture } from "./helpers";

const TODAY = "2026-12-01";

describe.each(testTargets())("recurring series and rules on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  let siteId: string;
  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db);
    b = await createBoard(db);
    const [site] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.customer_sites where customer_id = $1 and is_primary", [a.customerId]));
    siteId = site.id;
  });
  afterAll(async () => db?.close());

  const actor = (f: BoardFixture) => ({ userId: f.users.dispatcher.userId, name: "Dispatcher", orgId: f.orgId });
  const input = (): SeriesInput => ({
    customerId: a.customerId,
    siteId,
    description: `Filter change ${hex()}`,
    priority: 4,
    requiredSkills: ["hvac"],
    estimatedMinutes: 45,
    slaProtected: false,
    notes: null,
    frequency: "weekly",
    every: 2,
    startsOn: "2026-12-03",
    endsOn: null,
    windowStart: "08:00",
    windowEnd: "12:00",
    horizonDays: 30,
  });

  test("visits are made a horizon ahead once per date, linked to the series, with the window in the company's zone", async () => {
    const out = await rolledBack(db, a.users.dispatcher, async (tx) => {
      const created = await createSeries(tx, actor(a), input(), TODAY);
      const again = await generateVisits(tx, actor(a), created.seriesId, TODAY);
      const jobs = await tx.query<{ series_date: Date | string; window_start: Date; status: string; site_id: string }>(
        "select series_date, window_start, status, site_id from public.jobs where series_id = $1 order by series_date",
        [created.seriesId],
      );
      return { created, again, jobs };
    });
    expect(out.created.created).toHaveLength(3); // Dec 3, 17, 31
    expect(out.again).toEqual([]);
    expect(out.jobs.map((j) => String(j.series_date instanceof Date ? j.series_date.toISOString() : j.series_date).slice(0, 10))).toEqual(["2026-12-03", "2026-12-17", "2026-12-31"]);
    expect(new Date(out.jobs[0].window_start).toISOString()).toBe("2026-12-03T14:00:00.000Z");
    expect(out.jobs.every((j) => j.status === "unscheduled" && j.site_id === siteId)).toBe(true);
  });

  test("an edit remakes only unplaced future visits; a placed one stays; cancelling says and does the same; stale edits are refused", async () => {
    const out = await rolledBack(db, a.users.dispatcher, async (tx) => {
      const created = await createSeries(tx, actor(a), input(), TODAY);
      const [first] = await tx.query<{ id: string; work_order: string }>("select id, work_order from public.jobs where series_id = $1 order by series_date limit 1", [created.seriesId]);
      await tx.query(
        "insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at) values ($1, $2, $3, '2026-12-03T15:00:00Z', '2026-12-03T15:45:00Z')",
        [a.orgId, first.id, a.technicianId],
      );
      const edited = await updateSeries(tx, actor(a), created.seriesId, 1, { ...input(), every: 1 }, TODAY);
      const stale = await failureOf(updateSeries(tx, actor(a), created.seriesId, 1, input(), TODAY));
      const preview = await previewCancelSeries(tx, a.orgId, created.seriesId, TODAY);
      const cancelled = await cancelSeries(tx, actor(a), created.seriesId, 2, TODAY);
      const left = await tx.query<{ work_order: string }>("select work_order from public.jobs where series_id = $1", [created.seriesId]);
      return { first, edited, stale, preview, cancelled, left };
    });
    expect(out.edited.kept).toEqual([out.first.work_order]);
    expect(out.edited.removed).toHaveLength(2);
    expect(out.edited.created).toHaveLength(4); // Dec 10, 17, 24, 31 (Dec 3 is placed and kept)
    expect(out.stale.message).toMatch(/Someone else changed this series/);
    expect(out.preview.removed).toHaveLength(4);
    expect(out.cancelled.removed).toEqual(out.preview.removed);
    expect(out.left.map((j) => j.work_order)).toEqual([out.first.work_order]);
  });

  test("a series cannot point at another company's site", async () => {
    const refused = await failureOf(withUser(db, b.users.dispatcher, (tx) => createSeries(tx, actor(b), { ...input(), customerId: b.customerId }, TODAY)));
    expect(refused.message).toBe("That site is not one of the customer's active sites.");
  });

  const draft = (word: string): RuleDraft => ({ name: `Rule ${word}`, matchKind: "keyword", matchValue: word, setPriority: 2, setSlaProtected: true, responseMinutes: 120, position: 5, active: true });

  test("a rule's preview names the open jobs it covers and what changes; saving with apply changes them", async () => {
    const word = `zz${hex()}`;
    const out = await rolledBack(db, a.users.admin, async (tx) => {
      await tx.query("update public.jobs set description = $2 where id = $1", [a.jobId, `Boiler ${word} noise`]);
      const preview = await previewRule(tx, a.orgId, draft(word));
      const saved = await saveRule(tx, a.orgId, undefined, draft(word), true);
      const [job] = await tx.query<{ priority: number; sla_protected: boolean }>("select priority, sla_protected from public.jobs where id = $1", [a.jobId]);
      return { preview, saved, job };
    });
    expect(out.preview).toEqual([expect.objectContaining({ workOrder: a.workOrder, why: `the job mentions “${word}”`, changes: ["priority Normal → High", "may no longer be bumped (SLA)"] })]);
    expect(out.saved.changedJobs).toBe(1);
    expect(out.job).toEqual({ priority: 2, sla_protected: true });
  });

  test("a dispatcher cannot save rules; another company's preview sees none of this company's jobs", async () => {
    const word = `zz${hex()}`;
    const refused = await failureOf(withUser(db, a.users.dispatcher, (tx) => saveRule(tx, a.orgId, undefined, draft(word), false)));
    expect(refused.message).toMatch(/row-level security/);
    const seen = await rolledBack(db, a.users.admin, async (tx) => {
      await tx.query("update public.jobs set description = $2 where id = $1", [a.jobId, `Boiler ${word}`]);
      return previewRule(tx, b.orgId, draft(word));
    });
    expect(seen).toEqual([]);
  });
});
