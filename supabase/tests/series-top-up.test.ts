// Recurring series top themselves up on a clock (lib/db/series-top-up.ts, run by the
// scheduled loop of lib/notify/scheduled-notices.ts on every app instance): on a later day the missing
// visits up to the horizon appear by themselves, once per company and day however
// many instances run the loop, never for a cancelled series, and only the loop
// (service role) may write the claim.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { cancelSeries, createSeries, type SeriesInput } from "@/lib/db/recurring";
import { topUpDueSeries } from "@/lib/db/series-top-up";
import { withService, withUser } from "@/lib/db/with-user";
import { createBoard, failureOf, hex, testTargets, type BoardFixture } from "./helpers";

const CREATED_ON = "2026-12-01";
// noon in Chicago on the given date
const noon = (date: string) => new Date(`${date}T18:00:00Z`);

describe.each(testTargets())("recurring series topped up on a clock on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  let seriesA: string;
  let cancelledA: string;
  let seriesB: string;

  const actor = (f: BoardFixture) => ({ userId: f.users.dispatcher.userId, name: "Dispatcher", orgId: f.orgId });
  async function series(f: BoardFixture, startsOn = CREATED_ON): Promise<string> {
    const [site] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.customer_sites where customer_id = $1 and is_primary", [f.customerId]));
    const input: SeriesInput = {
      customerId: f.customerId,
      siteId: site.id,
      description: `Filter change ${hex()}`,
      priority: 4,
      requiredSkills: [],
      estimatedMinutes: 45,
      slaProtected: false,
      notes: null,
      frequency: "weekly",
      every: 1,
      startsOn,
      endsOn: null,
      windowStart: null,
      windowEnd: null,
      horizonDays: 14,
    };
    return (await withUser(db, f.users.dispatcher, (tx) => createSeries(tx, actor(f), input, CREATED_ON))).seriesId;
  }
  const datesOf = async (seriesId: string) =>
    (await withService(db, (tx) => tx.query<{ d: string }>("select series_date::text as d from public.jobs where series_id = $1 order by series_date", [seriesId]))).map((r) => r.d);

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db);
    b = await createBoard(db);
    seriesA = await series(a);
    cancelledA = await series(a, "2026-12-02");
    seriesB = await series(b);
    const [{ version }] = await withService(db, (tx) => tx.query<{ version: number }>("select version from public.job_series where id = $1", [cancelledA]));
    await withUser(db, a.users.dispatcher, (tx) => cancelSeries(tx, actor(a), cancelledA, version, CREATED_ON));
  });
  afterAll(async () => {
    await db?.close();
  });

  test("a series saved on Dec 1 with a 14-day horizon has its first three visits", async () => {
    expect(await datesOf(seriesA)).toEqual(["2026-12-01", "2026-12-08", "2026-12-15"]);
  });

  test("on Dec 9 the loop makes the visit now inside the horizon, once, for each company's active series", async () => {
    const first = await topUpDueSeries(db, noon("2026-12-09"), { orgIds: [a.orgId, b.orgId] });
    expect(first.map((t) => [t.orgId, t.date, t.visits.length]).sort()).toEqual(
      [
        [a.orgId, "2026-12-09", 1],
        [b.orgId, "2026-12-09", 1],
      ].sort(),
    );
    expect(await datesOf(seriesA)).toEqual(["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"]);
    expect(await datesOf(seriesB)).toEqual(["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"]);
    // the cancelled series gets nothing
    expect(await datesOf(cancelledA)).toEqual([]);
    // a later round the same day finds the claim taken
    expect(await topUpDueSeries(db, noon("2026-12-09"), { orgIds: [a.orgId, b.orgId] })).toEqual([]);
  });

  test("two instances running the loop at once on Dec 16 make the new visit once", async () => {
    const at = noon("2026-12-16");
    const [one, two] = await Promise.all([topUpDueSeries(db, at, { orgIds: [a.orgId] }), topUpDueSeries(db, at, { orgIds: [a.orgId] })]);
    expect([...one, ...two].map((t) => t.visits.length)).toEqual([1]);
    expect(await datesOf(seriesA)).toEqual(["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"]);
    const claims = await withService(db, (tx) =>
      tx.query<{ n: number }>("select count(*)::int as n from public.series_top_ups where org_id = $1 and top_up_date = '2026-12-16'", [a.orgId]),
    );
    expect(claims[0].n).toBe(1);
  });

  test("the made visits say why they exist, and a dispatcher sees the top-up but cannot write one", async () => {
    const [visit] = await withService(db, (tx) =>
      tx.query<{ dispatch_reason: string; created_by: string }>("select dispatch_reason, created_by from public.jobs where series_id = $1 and series_date = '2026-12-22'", [seriesA]),
    );
    expect(visit.dispatch_reason).toMatch(/^recurring maintenance, visit 4: /);
    expect(visit.created_by).toBe(a.users.dispatcher.userId);
    const seen = await withUser(db, a.users.dispatcher, (tx) => tx.query<{ top_up_date: string }>("select top_up_date::text from public.series_top_ups where org_id = $1 order by top_up_date", [a.orgId]));
    expect(seen.map((r) => r.top_up_date)).toEqual(["2026-12-09", "2026-12-16"]);
    const fromB = await withUser(db, b.users.admin, (tx) => tx.query("select 1 from public.series_top_ups where org_id = $1", [a.orgId]));
    expect(fromB).toEqual([]);
    const refused = await failureOf(withUser(db, a.users.admin, (tx) => tx.query("insert into public.series_top_ups (org_id, top_up_date) values ($1, '2027-01-01')", [a.orgId])));
    expect(refused.message).toMatch(/permission denied|row-level security/);
  });
});
