// The insights query (lib/db/insights.ts) on hand-made days whose answers are known,
// including the day daylight saving time starts in Chicago, under row-level security.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { loadInsights } from "@/lib/db/insights";
import { withService, withUser } from "@/lib/db/with-user";
import { travelMinutes } from "@/lib/engine/travel";
import { createCompany, failureOf, hex, testTargets, type CompanyFixture } from "./helpers";

// Monday 2026-03-02 is CST (UTC-6); Sunday 2026-03-08 loses 02:00–03:00 to DST.
const MONDAY = "2026-03-02";
const DST_SUNDAY = "2026-03-08";
const AFTER = new Date("2026-03-10T00:00:00Z");
const SITE_1 = { lat: 41.9, lng: -87.65 };
const SITE_2 = { lat: 41.95, lng: -87.7 };
const SITE_3 = { lat: 41.85, lng: -87.6 };
const TRAVEL = { speedKmh: 40, roadFactor: 1.2, bufferMin: 5 };

describe.each(testTargets())("insights on $name", (target) => {
  let db: Db;
  let a: CompanyFixture;
  let other: CompanyFixture;
  const ids: Record<string, string> = {};

  async function tech(tx: Queryable, name: string, shifts: [number, string, string][]): Promise<string> {
    const [t] = await tx.query<{ id: string }>(
      "insert into public.technicians (org_id, name, home_lat, home_lng) values ($1, $2, 41.88, -87.63) returning id",
      [a.orgId, name],
    );
    for (const [weekday, start, end] of shifts) {
      await tx.query(
        "insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at) values ($1, $2, $3, $4, $5)",
        [a.orgId, t.id, weekday, start, end],
      );
    }
    return t.id;
  }

  async function visit(
    tx: Queryable,
    o: {
      key: string;
      customer: string;
      leader: string;
      helpers?: string[];
      start: string;
      end: string;
      site: { lat: number; lng: number };
      status: string;
      priority?: number;
      createdAt: string;
      window?: [string, string];
      deadline?: string;
      placedVia?: string;
    },
  ): Promise<void> {
    const [j] = await tx.query<{ id: string }>(
      `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng, status, priority, created_at,
                                window_start, window_end, deadline, placed_via)
       values ($1, $2, $3, 60, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [a.orgId, `WO-${hex()}`, o.customer, o.site.lat, o.site.lng, o.status, o.priority ?? 3, o.createdAt,
       o.window?.[0] ?? null, o.window?.[1] ?? null, o.deadline ?? null, o.placedVia ?? null],
    );
    ids[o.key] = j.id;
    const [as] = await tx.query<{ id: string }>(
      "insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at) values ($1, $2, $3, $4, $5) returning id",
      [a.orgId, j.id, o.leader, o.start, o.end],
    );
    for (const h of o.helpers ?? []) {
      await tx.query("insert into public.assignment_helpers (org_id, assignment_id, technician_id) values ($1, $2, $3)", [a.orgId, as.id, h]);
    }
  }

  beforeAll(async () => {
    db = await target.open();
    a = await createCompany(db, { timeZone: "America/Chicago" });
    other = await createCompany(db, { timeZone: "America/Chicago" });
    await withService(db, async (tx) => {
      await tx.query("update public.companies set travel_speed_kmh = $2, road_factor = $3, travel_buffer_min = $4 where id = $1", [
        a.orgId, TRAVEL.speedKmh, TRAVEL.roadFactor, TRAVEL.bufferMin,
      ]);
      ids.ana = await tech(tx, "Ana Ortiz", [[1, "08:00", "16:00"], [7, "00:00", "08:00"]]);
      ids.bo = await tech(tx, "Bo Li", [[1, "08:00", "16:00"]]);
      await tx.query("insert into public.time_off (org_id, technician_id, starts_at, ends_at) values ($1, $2, $3, $4)", [
        a.orgId, ids.ana, "2026-03-02T20:00:00Z", "2026-03-02T21:00:00Z", // 14:00–15:00
      ]);
      const [c1] = await tx.query<{ id: string }>("insert into public.customers (org_id, name) values ($1, 'Lakeview Diner') returning id", [a.orgId]);
      const [c2] = await tx.query<{ id: string }>("insert into public.customers (org_id, name) values ($1, 'Oak Dental') returning id", [a.orgId]);
      // Monday: Ana 09:00–10:00 (Bo helping) and 11:00–13:00; Bo 10:00–11:00; a cancelled visit
      await visit(tx, { key: "j1", customer: c1.id, leader: ids.ana, helpers: [ids.bo], start: "2026-03-02T15:00:00Z", end: "2026-03-02T16:00:00Z",
        site: SITE_1, status: "done", priority: 1, createdAt: "2026-03-02T14:00:00Z", window: ["2026-03-02T14:30:00Z", "2026-03-02T15:30:00Z"], placedVia: "automatic" });
      await visit(tx, { key: "j2", customer: c1.id, leader: ids.ana, start: "2026-03-02T17:00:00Z", end: "2026-03-02T19:00:00Z",
        site: SITE_2, status: "done", createdAt: "2026-03-01T17:00:00Z", deadline: "2026-03-02T18:30:00Z", placedVia: "review" });
      await visit(tx, { key: "j3", customer: c2.id, leader: ids.bo, start: "2026-03-02T16:00:00Z", end: "2026-03-02T17:00:00Z",
        site: SITE_3, status: "scheduled", createdAt: "2026-03-02T15:00:00Z", window: ["2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z"], placedVia: "manual" });
      await visit(tx, { key: "j4", customer: c2.id, leader: ids.bo, start: "2026-03-02T19:00:00Z", end: "2026-03-02T20:00:00Z",
        site: SITE_3, status: "cancelled", createdAt: "2026-03-02T15:00:00Z" });
      // DST Sunday: 01:00 CST – 04:00 CDT is two real hours; the 00:00–08:00 shift is seven
      await visit(tx, { key: "j5", customer: c2.id, leader: ids.ana, start: "2026-03-08T07:00:00Z", end: "2026-03-08T09:00:00Z",
        site: SITE_3, status: "done", createdAt: "2026-03-07T07:00:00Z", placedVia: "automatic" });
    });
  });

  afterAll(async () => {
    await db.close();
  });

  const read = (from: string, to: string, technicianId: string | null = null, user = a.users.dispatcher, orgId = a.orgId) =>
    withUser(db, user, (tx) => loadInsights(tx, orgId, { from, to, technicianId, now: AFTER }));

  test("a Monday: utilisation, jobs per day, travel, completion, windows, SLA, returns and placement", async () => {
    const i = await read(MONDAY, MONDAY);
    const s = i.summary;
    expect(i.timeBasis).toBe("planned");
    // Ana 60 + 120 booked of 480 − 60 time off; Bo 60 helping + 60 of 480
    expect([s.bookedMinutes, s.shiftMinutes]).toEqual([300, 900]);
    expect(s.utilisation).toBeCloseTo(1 / 3, 6);
    expect([s.visits, s.technicianDays, s.jobsPerTechnicianDay]).toEqual([4, 2, 2]);
    const legs = [travelMinutes(SITE_1, SITE_2, TRAVEL), travelMinutes(SITE_1, SITE_3, TRAVEL)];
    expect(s.travelLegs).toBe(2);
    expect(s.avgTravelMinutes).toBeCloseTo((legs[0] + legs[1]) / 2, 1);
    expect([s.due, s.completed]).toEqual([3, 2]);
    expect(s.completionRate).toBeCloseTo(2 / 3, 6);
    expect([s.windowed, s.onTime]).toEqual([2, 1]);
    expect([s.slaDue, s.slaMet]).toEqual([1, 0]);
    expect(s.returnVisits).toBe(1);
    expect(s.placement).toEqual({ automatic: 1, manual: 1, review: 1 });
    expect(i.responseByPriority).toEqual([
      { priority: 1, jobs: 1, avgMinutes: 60, p90Minutes: 60 },
      { priority: 3, jobs: 2, avgMinutes: 750, p90Minutes: 1302 },
    ]);
    const byName = Object.fromEntries(i.technicians.map((t) => [t.name, t]));
    expect(byName["Ana Ortiz"]).toMatchObject({ visits: 2, workingDays: 1, bookedMinutes: 180, shiftMinutes: 420 });
    expect(byName["Bo Li"]).toMatchObject({ visits: 2, workingDays: 1, bookedMinutes: 120, shiftMinutes: 480 });
    expect(i.trend).toEqual([expect.objectContaining({ day: MONDAY, visits: 4, completed: 2, bookedMinutes: 300, shiftMinutes: 900 })]);
    expect(i.heatmap.cells).toHaveLength(2);
  });

  test("the day DST starts has a seven-hour shift and a two-hour visit from 01:00 to 04:00", async () => {
    const i = await read(DST_SUNDAY, DST_SUNDAY);
    expect([i.summary.bookedMinutes, i.summary.shiftMinutes]).toEqual([120, 420]);
    expect(i.trend.map((d) => d.day)).toEqual([DST_SUNDAY]);
    expect(i.summary.placement).toEqual({ automatic: 1, manual: 0, review: 0 });
  });

  test("a week counts each day in the company's time zone", async () => {
    const i = await read(MONDAY, DST_SUNDAY);
    expect(i.trend).toHaveLength(7);
    expect(i.trend.find((d) => d.day === DST_SUNDAY)?.bookedMinutes).toBe(120);
    // Sunday 2026-03-01 is not in the week; Ana works Mondays and Sundays, Bo Mondays
    expect(i.summary.shiftMinutes).toBe(900 + 420);
    expect(i.summary.technicianDays).toBe(3);
  });

  test("one technician: only their visits and shifts", async () => {
    const i = await read(MONDAY, MONDAY, ids.bo);
    expect([i.summary.bookedMinutes, i.summary.shiftMinutes, i.summary.visits]).toEqual([120, 480, 2]);
    expect(i.summary.placement).toEqual({ automatic: 0, manual: 1, review: 0 });
    expect(i.technicians.map((t) => t.name)).toEqual(["Bo Li"]);
  });

  test("viewers read the numbers; another company's people see nothing of them", async () => {
    expect((await read(MONDAY, MONDAY, null, a.users.viewer)).summary.visits).toBe(4);
    const outside = await read(MONDAY, MONDAY, null, other.users.admin, a.orgId);
    expect([outside.summary.visits, outside.summary.shiftMinutes, outside.technicians.length]).toEqual([0, 0, 0]);
  });

  test("a closed day is kept once, read back the same, and forgotten when its figures change", async () => {
    // a Monday of its own, read days later: Bo's one visit, not done yet (Ana and Bo both work Mondays)
    const LATER = "2026-03-16";
    const now = new Date("2026-03-20T00:00:00Z");
    await withService(db, async (tx) => {
      const [c] = await tx.query<{ id: string }>("select id from public.customers where org_id = $1 and name = 'Oak Dental'", [a.orgId]);
      await visit(tx, { key: "k1", customer: c.id, leader: ids.bo, start: "2026-03-16T15:00:00Z", end: "2026-03-16T16:00:00Z",
        site: SITE_1, status: "scheduled", createdAt: "2026-03-16T14:00:00Z" });
    });
    const readLater = (at = now) => withUser(db, a.users.dispatcher, (tx) => loadInsights(tx, a.orgId, { from: LATER, to: LATER, now: at }));
    const kept = async () =>
      (await withService(db, (tx) => tx.query("select 1 from public.insight_days_computed where org_id = $1 and day = $2", [a.orgId, LATER]))).length;

    // while the visit runs the day stays open: computed, not kept
    const running = await readLater(new Date("2026-03-16T15:30:00Z"));
    expect([running.summary.visits, running.summary.due]).toEqual([1, 0]);
    expect(await kept()).toBe(0);

    const first = await readLater();
    expect([first.summary.due, first.summary.completed, first.summary.bookedMinutes, first.summary.shiftMinutes]).toEqual([1, 0, 60, 960]);
    expect(await kept()).toBe(1);
    expect(await readLater()).toEqual(first);

    // the technician reports it done: the kept day is forgotten and computed again
    await withUser(db, a.users.dispatcher, (tx) => tx.query("update public.jobs set status = 'done' where id = $1", [ids.k1]));
    expect(await kept()).toBe(0);
    expect((await readLater()).summary.completed).toBe(1);
    expect(await kept()).toBe(1);

    // time off that day shortens the shift
    await withUser(db, a.users.dispatcher, (tx) =>
      tx.query("insert into public.time_off (org_id, technician_id, starts_at, ends_at) values ($1, $2, $3, $4)", [
        a.orgId, ids.bo, "2026-03-16T20:00:00Z", "2026-03-16T21:00:00Z",
      ]),
    );
    expect((await readLater()).summary.shiftMinutes).toBe(900);

    // the next day, still running: a return visit found through the kept day before it
    await withService(db, async (tx) => {
      const [c] = await tx.query<{ id: string }>("select id from public.customers where org_id = $1 and name = 'Oak Dental'", [a.orgId]);
      await visit(tx, { key: "k2", customer: c.id, leader: ids.ana, start: "2026-03-17T16:00:00Z", end: "2026-03-17T17:00:00Z",
        site: SITE_1, status: "scheduled", createdAt: "2026-03-17T14:00:00Z" });
    });
    const tuesday = await withUser(db, a.users.dispatcher, (tx) =>
      loadInsights(tx, a.orgId, { from: "2026-03-17", to: "2026-03-17", now: new Date("2026-03-17T16:30:00Z") }),
    );
    expect(await kept()).toBe(1);
    expect([tuesday.summary.visits, tuesday.summary.returnVisits]).toEqual([1, 1]);
  });

  test("reported arrival and finish replace the planned times, and the page is told so", async () => {
    // Monday 2026-03-23 (CDT): Bo planned 09:00–10:00 with a 09:00–09:30 window, arrived 09:40, done 10:20
    const DAY = "2026-03-23";
    await withService(db, async (tx) => {
      const [c] = await tx.query<{ id: string }>("select id from public.customers where org_id = $1 and name = 'Lakeview Diner'", [a.orgId]);
      await visit(tx, { key: "r1", customer: c.id, leader: ids.bo, start: "2026-03-23T14:00:00Z", end: "2026-03-23T15:00:00Z",
        site: SITE_2, status: "scheduled", createdAt: "2026-03-23T13:00:00Z", window: ["2026-03-23T14:00:00Z", "2026-03-23T14:30:00Z"] });
    });
    const readDay = () =>
      withUser(db, a.users.dispatcher, (tx) => loadInsights(tx, a.orgId, { from: DAY, to: DAY, now: new Date("2026-03-25T00:00:00Z") }));
    const planned = await readDay();
    expect([planned.timeBasis, planned.reportedVisits, planned.summary.bookedMinutes, planned.summary.onTime]).toEqual(["planned", 0, 60, 1]);
    expect(planned.responseByPriority).toEqual([{ priority: 3, jobs: 1, avgMinutes: 60, p90Minutes: 60 }]);

    // the technician's taps, as the technician app records them
    await withUser(db, a.users.dispatcher, (tx) =>
      tx.query(
        "update public.jobs set status = 'done', visit_status = 'done', arrived_at = $2, finished_at = $3 where id = $1",
        [ids.r1, "2026-03-23T14:40:00Z", "2026-03-23T15:20:00Z"],
      ),
    );
    const reported = await readDay();
    expect([reported.timeBasis, reported.reportedVisits]).toEqual(["reported", 1]);
    expect([reported.summary.bookedMinutes, reported.summary.windowed, reported.summary.onTime, reported.summary.completed]).toEqual([40, 1, 0, 1]);
    expect(reported.responseByPriority).toEqual([{ priority: 3, jobs: 1, avgMinutes: 100, p90Minutes: 100 }]);
  });

  test("a write to a closed day that commits while the day is being kept is not lost", async () => {
    // a Monday of its own: Bo's one visit, not done yet
    const DAY = "2026-04-06";
    const now = new Date("2026-04-10T00:00:00Z");
    await withService(db, async (tx) => {
      const [c] = await tx.query<{ id: string }>("select id from public.customers where org_id = $1 and name = 'Oak Dental'", [a.orgId]);
      await visit(tx, { key: "race", customer: c.id, leader: ids.bo, start: "2026-04-06T15:00:00Z", end: "2026-04-06T16:00:00Z",
        site: SITE_1, status: "scheduled", createdAt: "2026-04-06T14:00:00Z" });
    });
    const readDay = () => withUser(db, a.users.dispatcher, (tx) => loadInsights(tx, a.orgId, { from: DAY, to: DAY, now }));

    // a dispatcher marks the visit done; before that commits, someone opens the insights
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const write = withUser(db, a.users.dispatcher, async (tx) => {
      await tx.query("update public.jobs set status = 'done' where id = $1", [ids.race]);
      written();
      await held;
    });
    await wrote;
    let readDone = false;
    const reading = readDay().finally(() => (readDone = true));
    if (target.name === "postgres") {
      // the read either finished (the write is then lost) or waits for the write to commit
      // (asked as the connecting superuser: other roles cannot see another session's wait)
      const waiting = () =>
        db.query("select 1 from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory' and query like '%refresh_insight_days%'");
      while (!readDone && (await waiting()).length === 0) await new Promise((r) => setImmediate(r));
    }
    commit();
    await write;
    await reading;
    // whatever the order, the next read counts the visit as done
    expect((await readDay()).summary.completed).toBe(1);
  });

  test("nobody writes the kept figures by hand, not even an admin", async () => {
    const refused = await failureOf(
      withUser(db, a.users.admin, (tx) => tx.query("insert into public.insight_days_computed (org_id, day) values ($1, '2026-01-05')", [a.orgId])),
    );
    expect(refused.code).toBe("42501");
    // another company's admin asking to keep this company's days keeps nothing
    const [outside] = await withUser(db, other.users.admin, (tx) =>
      tx.query<{ n: number }>("select public.refresh_insight_days($1, '2026-02-02', '2026-02-08', now()) as n", [a.orgId]),
    );
    expect(outside.n).toBe(0);
  });

  test("how a job was placed survives a dispatcher moving it later", async () => {
    const placed = await withService(db, async (tx) => {
      const [c] = await tx.query<{ id: string }>("select id from public.customers where org_id = $1 limit 1", [a.orgId]);
      const insert = async (state: string) =>
        (await tx.query<{ id: string }>(
          `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng, dispatch_state)
           values ($1, $2, $3, 60, 41.9, -87.6, $4) returning id`,
          [a.orgId, `WO-${hex()}`, c.id, state],
        ))[0].id;
      const reviewed = await insert("review");
      const automatic = await insert("none");
      await tx.query("update public.jobs set status = 'scheduled', dispatch_state = 'manual' where id = $1", [reviewed]);
      await tx.query("update public.jobs set status = 'scheduled' where id = $1", [automatic]);
      await tx.query("update public.jobs set dispatch_state = 'auto_assigned' where id = $1", [automatic]);
      await tx.query("update public.jobs set dispatch_state = 'manual' where id = $1", [automatic]);
      return tx.query<{ id: string; placed_via: string }>("select id, placed_via from public.jobs where id = any($1::uuid[])", [[reviewed, automatic]]);
    });
    expect(placed.map((p) => p.placed_via).sort()).toEqual(["automatic", "review"]);
  });
});
