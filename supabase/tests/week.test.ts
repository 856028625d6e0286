// The week view's query (lib/db/week.ts): booked against shift hours per technician
// per day, in the company's time zone, and never another company's week.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { loadBoardWeek, weekStartOf, type BoardWeek, type WeekDayLoad } from "@/lib/db/week";
import { createAssignment, createBoard, createJob, createTechnician, testTargets, type BoardFixture } from "./helpers";

// The fixture's visit is Monday 2026-03-02 09:00–10:30 in Chicago (CST, UTC-6) and its
// time off Thursday 08:00–16:00; the lead works Monday to Friday 08:00–16:30.
const MONDAY = "2026-03-02";

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

const pick = (d: WeekDayLoad) => [d.shiftMinutes, d.timeOffMinutes, d.bookedMinutes, d.visits];

describe("weekStartOf", () => {
  test.each([
    ["2026-03-02", "2026-03-02"],
    ["2026-03-04", "2026-03-02"],
    ["2026-03-08", "2026-03-02"],
    ["2026-03-09", "2026-03-09"],
    ["2027-01-01", "2026-12-28"],
  ])("%s is in the week of %s", (date, monday) => {
    expect(weekStartOf(date)).toBe(monday);
  });
});

describe.each(testTargets())("the week view's query on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  let week: BoardWeek;

  async function visit(leaderId: string, startsAt: string, endsAt: string, options: { active?: boolean } = {}) {
    const job = await createJob(db, a.orgId, a.customerId);
    const id = await createAssignment(db, a.orgId, job.id, leaderId, { startsAt, endsAt });
    if (options.active === false) await withService(db, (tx) => tx.query("update public.assignments set active = false where id = $1", [id]));
  }

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
    // Tuesday 22:00 – Wednesday 02:00 in Chicago: two hours on each day
    await visit(a.technicianId, "2026-03-04T04:00:00Z", "2026-03-04T08:00:00Z");
    // Sunday March 1, 23:30 in Chicago: the week before, though it is March 2 in UTC
    await visit(a.technicianId, "2026-03-02T05:30:00Z", "2026-03-02T06:00:00Z");
    // Monday of the next week
    await visit(a.technicianId, "2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z");
    // a visit taken off the board does not count
    await visit(a.technicianId, "2026-03-06T15:00:00Z", "2026-03-06T17:00:00Z", { active: false });
    // A's slot template: routine maintenance Monday 09:00–11:00, a flex slot Wednesday 14:00–15:30; B's own block
    await withService(db, async (tx) => {
      const [t] = await tx.query<{ id: string }>("insert into public.job_templates (org_id, name, default_minutes) values ($1, 'Routine maintenance', 60) returning id", [a.orgId]);
      await tx.query("insert into public.slot_blocks (org_id, weekday, starts_at, ends_at, kind, template_id, label) values ($1, 1, '09:00', '11:00', 'fixed', $2, 'Maintenance')", [a.orgId, t.id]);
      await tx.query("insert into public.slot_blocks (org_id, weekday, starts_at, ends_at, kind, label) values ($1, 3, '14:00', '15:30', 'flex', 'Emergencies')", [a.orgId]);
      await tx.query("insert into public.slot_blocks (org_id, weekday, starts_at, ends_at, kind, label) values ($1, 1, '12:00', '13:00', 'flex', 'Bravo flex')", [b.orgId]);
    });
    week = (await withUser(db, a.users.dispatcher, (tx) => loadBoardWeek(tx, a.orgId, "2026-03-04")))!;
  });
  afterAll(async () => {
    await db?.close();
  });

  test("seven days from the Monday of the given date", () => {
    expect(week.start).toBe(MONDAY);
    expect(week.days).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-08"]);
  });

  test("the crew leader's week: shifts, time off and visits per local day", () => {
    const lead = week.technicians.find((t) => t.id === a.technicianId)!;
    expect(lead.days.map(pick)).toEqual([
      [510, 0, 90, 1], // Monday: the fixture's 90-minute visit
      [510, 0, 120, 1], // Tuesday: until midnight
      [510, 0, 120, 1], // Wednesday: after midnight
      [510, 480, 0, 0], // Thursday: time off 08:00–16:00
      [510, 0, 0, 0], // Friday: the visit taken off the board is not counted
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  test("each day carries the company's slot blocks by the clock and each working day its shift", () => {
    const strip = week.slotBlocks.map((day) => day.map((x) => `${x.kind} ${x.label} ${x.start}–${x.end}`));
    expect(strip).toEqual([["fixed Maintenance 09:00–11:00"], [], ["flex Emergencies 14:00–15:30"], [], [], [], []]);
    const lead = week.technicians.find((t) => t.id === a.technicianId)!;
    expect(lead.days.map((d) => d.shift)).toEqual([...Array(5).fill({ start: "08:00", end: "16:30" }), null, null]);
  });

  test("a helper's visits count for the helper too; a spare technician's week is empty", () => {
    const helper = week.technicians.find((t) => t.id === a.helperId)!;
    expect(helper.days[0]).toMatchObject({ shiftMinutes: 0, bookedMinutes: 90, visits: 1 });
    const spare = week.technicians.find((t) => t.id === a.spareTechnicianId)!;
    expect(spare.days.every((d) => d.bookedMinutes === 0 && d.shiftMinutes === 0)).toBe(true);
  });

  test("every active technician has a row, and only A's", () => {
    expect(week.technicians.map((t) => t.id).sort()).toEqual([a.technicianId, a.helperId, a.spareTechnicianId].sort());
    expect(week.company.id).toBe(a.orgId);
  });

  test("a viewer reads the week too", async () => {
    const seen = await withUser(db, a.users.viewer, (tx) => loadBoardWeek(tx, a.orgId, MONDAY));
    expect(seen?.technicians).toHaveLength(3);
  });

  test("company B's admin cannot load A's week, and B's own week shows nothing of A's", async () => {
    expect(await withUser(db, b.users.admin, (tx) => loadBoardWeek(tx, a.orgId, MONDAY))).toBeNull();
    const own = await withUser(db, b.users.admin, (tx) => loadBoardWeek(tx, b.orgId, MONDAY));
    const ids = own!.technicians.map((t) => t.id);
    expect(ids).toHaveLength(3);
    for (const id of [a.technicianId, a.helperId, a.spareTechnicianId]) expect(ids).not.toContain(id);
  });

  test("the same handful of queries however many technicians and visits", async () => {
    for (let i = 0; i < 20; i++) {
      const tech = await createTechnician(db, a.orgId, { weekdays: [1, 2, 3] });
      await visit(tech.id, "2026-03-03T15:00:00Z", "2026-03-03T17:00:00Z");
    }
    const { count, loaded } = await withUser(db, a.users.dispatcher, async (tx) => {
      const c = counting(tx);
      const loaded = await loadBoardWeek(c.tx, a.orgId, MONDAY);
      return { count: c.count(), loaded };
    });
    expect(loaded!.technicians).toHaveLength(23);
    expect(count).toBe(6);
    const busy = loaded!.technicians.filter((t) => t.days[1].bookedMinutes === 120 && t.days[1].shiftMinutes === 510);
    expect(busy.length).toBe(21);
  });
});
