// What the board page and its live updates load: the first lanes of a large board
// (with the whole queue), and just the jobs a live event named.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { loadBoardDay, loadBoardJobs, loadBoardLanes } from "@/lib/db/board";
import { placeJob } from "@/lib/db/board-changes";
import { testTargets } from "@/supabase/tests/helpers";
import { DAY, NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("loading the board on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeAll(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    // A on Sam at 10:00 (Sam's lane is the last by name); B and C wait in the queue
    await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs.A, jobVersion: 1, assignmentVersion: null, leaderId: b.techs.sam, helperIds: [], start: at("10:00"), end: at("11:00"), notifyCustomer: false }, NINE_AM),
    );
  });
  afterAll(async () => db?.close());

  test("the first paint has the first lanes by name and the whole queue, marked partial", async () => {
    const first = await withUser(db, b.dispatcher, (tx) => loadBoardDay(tx, b.orgId, DAY, { firstLanes: 2 }));
    expect(first!.partial).toBe(true);
    expect(first!.technicians.map((t) => t.name)).toEqual(["Ali Haddad", "Mei Chen"]);
    expect(first!.assignments).toEqual([]);
    expect([...first!.queue].sort()).toEqual([b.jobs.B, b.jobs.C, b.jobs.D].sort());

    const all = await withUser(db, b.dispatcher, (tx) => loadBoardDay(tx, b.orgId, DAY, { firstLanes: 3 }));
    expect(all!.partial).toBeUndefined();
    expect(all!.technicians).toHaveLength(3);
    expect(all!.assignments.map((a) => a.jobId)).toEqual([b.jobs.A]);
  });

  test("the rest of the lanes come a slice at a time, in the same order, with their visits and without the queue", async () => {
    const second = await withUser(db, b.dispatcher, (tx) => loadBoardLanes(tx, b.orgId, DAY, 2, 5));
    expect(second).toMatchObject({ date: DAY, offset: 2, more: false });
    expect(second!.technicians.map((t) => t.name)).toEqual(["Sam Okafor"]);
    expect(second!.assignments.map((a) => a.jobId)).toEqual([b.jobs.A]);
    expect(Object.keys(second!.jobs)).toEqual([b.jobs.A]);

    const middle = await withUser(db, b.dispatcher, (tx) => loadBoardLanes(tx, b.orgId, DAY, 1, 1));
    expect(middle!.technicians.map((t) => t.name)).toEqual(["Mei Chen"]);
    expect(middle!.more).toBe(true);
    const past = await withUser(db, b.dispatcher, (tx) => loadBoardLanes(tx, b.orgId, DAY, 3, 5));
    expect(past).toEqual({ date: DAY, offset: 3, technicians: [], assignments: [], jobs: {}, more: false });

    // another company's dispatcher gets their own lanes, never these
    const stranger = await createTestBoard(db);
    const theirs = await withUser(db, stranger.dispatcher, (tx) => loadBoardLanes(tx, stranger.orgId, DAY, 0, 10));
    expect(theirs!.technicians.map((t) => t.id)).not.toContain(b.techs.sam);
    expect(Object.keys(theirs!.jobs)).not.toContain(b.jobs.A);
  });

  test("a live patch loads just the named jobs: placed ones with their visit that day, queued ones as queued", async () => {
    const patch = await withUser(db, b.viewer, (tx) => loadBoardJobs(tx, b.orgId, DAY, [b.jobs.A, b.jobs.B], "America/Chicago"));
    expect(patch.jobs.map((j) => j.id).sort()).toEqual([b.jobs.A, b.jobs.B].sort());
    expect(patch.assignments).toEqual([expect.objectContaining({ jobId: b.jobs.A, leaderId: b.techs.sam, start: at("10:00") })]);
    expect(patch.queued).toEqual([b.jobs.B]);

    // another day: the job is known, its visit is not on that day's board
    const other = await withUser(db, b.viewer, (tx) => loadBoardJobs(tx, b.orgId, "2026-11-24", [b.jobs.A], "America/Chicago"));
    expect(other.jobs).toHaveLength(1);
    expect(other.assignments).toEqual([]);
  });

  test("another company's jobs are never in a patch", async () => {
    const stranger = await createTestBoard(db);
    const patch = await withUser(db, stranger.dispatcher, (tx) => loadBoardJobs(tx, stranger.orgId, DAY, [b.jobs.A, b.jobs.B], "America/Chicago"));
    expect(patch).toEqual({ date: DAY, jobs: [], assignments: [], queued: [] });
  });
});
