// Recurring maintenance into routine slots: a series naming a kind of work (a job
// template) books each later visit straight into that kind's fixed slot block through
// the checked placement path, says why, and leaves a visit in the queue with the
// reason when the slot has no room; today's visit and a series with no kind wait in
// the queue; another company's template is refused.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { createSeries, updateSeries, type SeriesInput } from "@/lib/db/recurring";
import { addSlotBlocks } from "@/lib/db/slot-blocks";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { failureOf, hex, testTargets } from "@/supabase/tests/helpers";
import { at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

// Monday 2026-11-23 is the test day; the series runs on Tuesdays from Nov 24
const TODAY = "2026-11-23";
const NOW = new Date("2026-11-23T15:00:00Z");
const TUESDAY = 2;

describe.each(testTargets())("recurring visits into routine slots on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let admin: SessionUser;
  let templateId: string;
  let siteId: string;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    admin = { ...b.users.admin, name: "Ada Admin" };
    templateId = await withService(db, async (tx) => {
      const [t] = await tx.query<{ id: string }>("insert into public.job_templates (org_id, name, default_minutes) values ($1, 'Filter change', 60) returning id", [b.orgId]);
      const [s] = await tx.query<{ id: string }>("select id from public.customer_sites where customer_id = $1 and is_primary", [b.customers.reachable]);
      siteId = s.id;
      return t.id;
    });
    await withUser(db, admin, (tx) => addSlotBlocks(tx, b.orgId, { weekdays: [TUESDAY], start: "09:00", end: "11:00", kind: "fixed", templateId, label: "Routine maintenance" }));
  });
  afterEach(async () => db?.close());

  const input = (over: Partial<SeriesInput> = {}): SeriesInput => ({
    customerId: b.customers.reachable,
    siteId,
    description: `Filter change ${hex()}`,
    priority: 4,
    requiredSkills: ["HVAC"],
    estimatedMinutes: 60,
    slaProtected: false,
    notes: null,
    frequency: "weekly",
    every: 1,
    startsOn: "2026-11-24",
    endsOn: "2026-12-01",
    windowStart: null,
    windowEnd: null,
    horizonDays: 30,
    templateId,
    ...over,
  });
  const visits = (seriesId: string) =>
    withService(db, (tx) =>
      tx.query<{ work_order: string; status: string; dispatch_reason: string; starts_at: Date | null; leader_id: string | null }>(
        `select j.work_order, j.status, j.dispatch_reason, a.starts_at, a.leader_id
           from public.jobs j left join public.assignments a on a.job_id = j.id and a.active
          where j.series_id = $1 order by j.series_date`,
        [seriesId],
      ),
    );
  const tuesday = (hhmm: string, week = 0) => new Date(Date.parse(at(hhmm)) + (1 + 7 * week) * 86_400_000).toISOString();

  test("each later visit is booked into the routine slot, through the checked path, and says why", async () => {
    const change = await withUser(db, b.dispatcher, (tx) => createSeries(tx, b.dispatcher, input(), TODAY, NOW));
    expect(change.created).toHaveLength(2);
    expect(change.booked).toEqual(change.created);
    const rows = await visits(change.seriesId);
    for (const [i, v] of rows.entries()) {
      expect(v.status).toBe("scheduled");
      expect(new Date(v.starts_at!).getTime()).toBeGreaterThanOrEqual(Date.parse(tuesday("09:00", i)));
      expect(new Date(v.starts_at!).getTime() + 60 * 60000).toBeLessThanOrEqual(Date.parse(tuesday("11:00", i)));
      expect(v.dispatch_reason).toMatch(/^recurring visit in its Routine maintenance slot 09:00–11:00: /);
    }
    // the write went through the one placement path: a board change recorded per visit
    const [{ n }] = await withService(db, (tx) =>
      tx.query<{ n: number }>("select count(*)::int as n from public.board_changes where job_id in (select id from public.jobs where series_id = $1)", [change.seriesId]),
    );
    expect(n).toBe(2);
  });

  test("a slot with no room leaves the visit in the queue with the reason", async () => {
    // no one holds the skill: nobody qualifies for the slot
    const change = await withUser(db, b.dispatcher, (tx) => createSeries(tx, b.dispatcher, input({ requiredSkills: ["boilers"], endsOn: "2026-11-24" }), TODAY, NOW));
    expect(change.booked).toEqual([]);
    const [v] = await visits(change.seriesId);
    expect(v.status).toBe("unscheduled");
    expect(v.dispatch_reason).toBe("no room in its routine slot (Routine maintenance 09:00–11:00) on Tue Nov 24: waiting in the queue for a dispatcher");
  });

  test("without a kind of work, and on today's date, visits wait in the queue; editing books the remade visits", async () => {
    const plain = await withUser(db, b.dispatcher, (tx) => createSeries(tx, b.dispatcher, input({ templateId: null }), TODAY, NOW));
    expect((await visits(plain.seriesId)).map((v) => v.status)).toEqual(["unscheduled", "unscheduled"]);
    const edited = await withUser(db, b.dispatcher, (tx) => updateSeries(tx, b.dispatcher, plain.seriesId, 1, input(), TODAY, NOW));
    expect(edited.booked).toHaveLength(2);
    const today = await withUser(db, b.dispatcher, (tx) => createSeries(tx, b.dispatcher, input({ startsOn: TODAY, endsOn: TODAY, frequency: "weekly" }), TODAY, NOW));
    expect((await visits(today.seriesId)).map((v) => v.status)).toEqual(["unscheduled"]);
  });

  test("another company's kind of work is refused", async () => {
    const other = await createTestBoard(db);
    const [site] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.customer_sites where customer_id = $1 and is_primary", [other.customers.reachable]));
    const refused = await failureOf(
      withUser(db, other.dispatcher, (tx) => createSeries(tx, other.dispatcher, input({ customerId: other.customers.reachable, siteId: site.id }), TODAY, NOW)),
    );
    expect(refused.message).toBe("That kind of work is not one of your company's templates.");
  });
});
