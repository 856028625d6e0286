// Shift breaks and expiring certifications through the database-backed paths: the
// board's day carries them and warns in words, a dispatcher's placement over a break
// is warned through the one checked write path, automatic dispatch and suggestions
// keep breaks free, and an expired certification no longer counts.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadBoardDay } from "@/lib/db/board";
import { placeJob } from "@/lib/db/board-changes";
import { suggestSlots } from "@/lib/db/dispatch";
import { withService, withUser } from "@/lib/db/with-user";
import { checkBoard } from "@/lib/engine/checks";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { testTargets } from "@/supabase/tests/helpers";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("shift breaks and certifications on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
  });
  afterEach(async () => db?.close());

  // Monday's shift 08:00–16:30 gets a 12:00–12:45 break
  const lunchBreak = (techId: string) =>
    withService(db, (tx) =>
      tx.query("update public.technician_shifts set break_starts_at = '12:00', break_minutes = 45 where technician_id = $1 and weekday = 1", [techId]),
    );
  const certify = (techId: string, expiresOn: string) =>
    withService(db, (tx) =>
      tx.query("insert into public.technician_certifications (org_id, technician_id, name, expires_on) values ($1, $2, 'EPA-608', $3)", [b.orgId, techId, expiresOn]),
    );
  const jobVersion = async (id: string) =>
    (await withService(db, (tx) => tx.query<{ version: number }>("select version from public.jobs where id = $1", [id])))[0].version;
  const place = async (key: string, leaderId: string, start: string, end: string) => {
    const version = await jobVersion(b.jobs[key]);
    return withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs[key], jobVersion: version, assignmentVersion: null, leaderId, helperIds: [], start: at(start), end: at(end), notifyCustomer: false }, NINE_AM),
    );
  };
  const boardWarnings = async () => {
    const day = (await withUser(db, b.dispatcher, (tx) => loadBoardDay(tx, b.orgId, DAY)))!;
    return { day, warnings: checkBoard(toEngineBoard(day), travelFor(day), { timeZone: day.company.timeZone }) };
  };

  test("the board's lane carries the break, and a placement over it is warned in words", async () => {
    await lunchBreak(b.techs.sam);
    const placed = await place("A", b.techs.sam, "11:30", "12:30");
    expect(placed.warnings.map((w) => w.message)).toContain(`${b.job("A")} at 11:30–12:30 runs into Sam Okafor's break 12:00–12:45`);
    const { day, warnings } = await boardWarnings();
    expect(day.technicians.find((t) => t.id === b.techs.sam)?.breaks).toEqual([{ start: at("12:00"), end: at("12:45") }]);
    expect(warnings[b.jobs.A].map((w) => w.code)).toContain("on_break");
  });

  test("suggestions keep the break free", async () => {
    await lunchBreak(b.techs.ali);
    // fill Ali's morning up to the break: 08:00–12:00
    await withService(db, (tx) => tx.query("update public.jobs set estimated_minutes = 240 where id = $1", [b.jobs.D]));
    await place("D", b.techs.ali, "08:00", "12:00");
    // C needs EPA-608, which only Ali holds: the next start is after the break
    const [first] = await withUser(db, b.dispatcher, (tx) => suggestSlots(tx, b.dispatcher, b.jobs.C, DAY, NINE_AM));
    expect(first).toMatchObject({ technicianId: b.techs.ali });
    expect(Date.parse(first.start ?? "")).toBeGreaterThanOrEqual(Date.parse(at("12:45")));
  });

  test("a certification expiring within 30 days is flagged on the job that needs it; an expired one stops counting", async () => {
    await certify(b.techs.ali, "2026-12-10");
    const soon = await place("C", b.techs.ali, "10:00", "11:00");
    expect(soon.warnings.map((w) => w.message)).toContain("Ali Haddad's EPA-608 expires 2026-12-10, 17 days after this visit: renew it or plan someone else");
    expect((await boardWarnings()).warnings[b.jobs.C].map((w) => w.code)).toContain("certification_expiring");

    await withService(db, (tx) => tx.query("update public.technician_certifications set expires_on = '2026-11-22' where technician_id = $1", [b.techs.ali]));
    const { day, warnings } = await boardWarnings();
    expect(day.technicians.find((t) => t.id === b.techs.ali)?.skills).toEqual(["HVAC"]);
    expect(warnings[b.jobs.C].map((w) => w.message)).toContain("No one on the crew holds EPA-608: Ali Haddad's expired 2026-11-22");
    // the checked write path reads the certification the same way
    const [assignment] = await withService(db, (tx) => tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [b.jobs.C]));
    const version = await jobVersion(b.jobs.C);
    const moved = await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs.C, jobVersion: version, assignmentVersion: assignment.version, leaderId: b.techs.ali, helperIds: [], start: at("10:30"), end: at("11:30"), notifyCustomer: false }, NINE_AM),
    );
    expect(moved.warnings.map((w) => w.message)).toContain("No one on the crew holds EPA-608: Ali Haddad's expired 2026-11-22");
  });
});
