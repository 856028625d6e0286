import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { listUndoable, placeJob, undoChange, unassignJob, type BoardChangeResult } from "@/lib/db/board-changes";
import { ActionFailure } from "@/lib/actions/result";
import { describeChange } from "@/lib/audit/group";
import { loadAuditPage } from "@/lib/db/audit";
import { testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

async function versions(db: Db, jobId: string): Promise<{ jobVersion: number; assignmentVersion: number | null }> {
  return withService(db, async (tx) => {
    const [j] = await tx.query<{ version: number }>("select version from public.jobs where id = $1", [jobId]);
    const [a] = await tx.query<{ version: number }>("select version from public.assignments where job_id = $1 and active", [jobId]);
    return { jobVersion: j.version, assignmentVersion: a?.version ?? null };
  });
}

async function failure(p: Promise<unknown>): Promise<ActionFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ActionFailure) return err;
    throw err;
  }
  throw new Error("expected the change to be refused");
}

describe.each(testTargets())("board changes on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeAll(async () => {
    db = await target.open();
    b = await createTestBoard(db);
  });
  afterAll(async () => db?.close());

  const place = async (key: string, leaderId: string, start: string, end: string, extra: { helperIds?: string[]; notifyCustomer?: boolean; now?: Date } = {}) => {
    const v = await versions(db, b.jobs[key]);
    return withUser(db, b.dispatcher, (tx: Queryable) =>
      placeJob(
        tx,
        b.dispatcher,
        { jobId: b.jobs[key], ...v, leaderId, helperIds: extra.helperIds ?? [], start, end, notifyCustomer: extra.notifyCustomer ?? true },
        extra.now ?? NINE_AM,
      ),
    );
  };

  test("a queued job dropped on a technician at 10:00 is scheduled, recorded in words and audited", async () => {
    const r = await place("A", b.techs.ali, at("10:00"), at("11:00"));
    expect(r.kind).toBe("assign");
    expect(r.summary).toBe(`Dana Dispatcher scheduled ${b.job("A")} for Ali Haddad at 10:00–11:00`);
    expect(r.job.status).toBe("scheduled");
    expect(r.assignment).toMatchObject({ leaderId: b.techs.ali, start: at("10:00"), end: at("11:00"), version: 1 });
    const audit = await withService(db, (tx) =>
      tx.query<{ actor_id: string; context: { summary: string } }>(
        "select actor_id, context from public.audit_log where table_name = 'assignments' and row_id = $1",
        [r.assignment!.id],
      ),
    );
    expect(audit[0].actor_id).toBe(b.dispatcher.userId);
    expect(audit[0].context.summary).toBe(r.summary);
  });

  test("moving it to another technician reads as a move from one to the other", async () => {
    const r = await place("A", b.techs.sam, at("13:30"), at("14:30"));
    expect(r.kind).toBe("reassign");
    expect(r.summary).toBe(`Dana Dispatcher moved ${b.job("A")} from Ali Haddad 10:00 to Sam Okafor 13:30`);
    expect(r.assignment?.version).toBe(2);

    // the audit trail shows the move as one entry, told by its sentence, its rows folded inside
    const trail = await withUser(db, b.dispatcher, (tx) => loadAuditPage(tx, b.orgId, "America/Chicago", { job: b.job("A") }));
    const [newest, previous] = trail.changes;
    expect(describeChange(newest, trail.names, { timeZone: "America/Chicago" }).sentence).toBe(r.summary);
    expect(newest.records.map((x) => x.tableName).sort()).toEqual(["assignments", "board_changes", "jobs"]);
    expect(newest.rowCount).toBe(3);
    expect(describeChange(previous, trail.names, { timeZone: "America/Chicago" }).sentence).toBe(
      `Dana Dispatcher scheduled ${b.job("A")} for Ali Haddad at 10:00–11:00`,
    );
  });

  test("resizing changes the end only", async () => {
    const r = await place("A", b.techs.sam, at("13:30"), at("15:00"));
    expect(r.kind).toBe("resize");
    expect(r.assignment).toMatchObject({ start: at("13:30"), end: at("15:00") });
  });

  test("a stale version is refused with who changed it and when", async () => {
    const v = await versions(db, b.jobs.A);
    await place("A", b.techs.sam, at("13:45"), at("15:15"));
    const err = await failure(
      withUser(db, b.dispatcher, (tx) =>
        placeJob(tx, b.dispatcher, { jobId: b.jobs.A, ...v, leaderId: b.techs.ali, helperIds: [], start: at("09:00"), end: at("10:00"), notifyCustomer: true }, NINE_AM),
      ),
    );
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(new RegExp(`^${b.job("A")} was changed by Dana Dispatcher at \\d\\d:\\d\\d\\.`));
  });

  test("double-booking and a missing certification are warnings; the change is kept", async () => {
    const r = await place("C", b.techs.sam, at("14:00"), at("15:00"));
    const codes = r.warnings.map((w) => w.code).sort();
    expect(codes).toContain("double_booked");
    expect(codes).toContain("missing_skill");
    expect(r.warnings.find((w) => w.code === "missing_skill")?.message).toContain("EPA-608");
    expect(r.assignment).not.toBeNull();
  });

  test("crew: a helper on the job; the leader cannot also be a helper", async () => {
    const r = await place("D", b.techs.ali, at("08:30"), at("10:00"), { helperIds: [b.techs.sam] });
    expect(r.assignment?.helperIds).toEqual([b.techs.sam]);
    const err = await failure(place("D", b.techs.ali, at("08:30"), at("10:00"), { helperIds: [b.techs.ali] }));
    expect(err.code).toBe("refused");
    expect(err.message).toContain("cannot be both leader and helper");
  });

  test("hard errors are refused: end before start, another company's technician, a done job", async () => {
    expect((await failure(place("B", b.techs.ali, at("12:00"), at("11:00")))).message).toContain("must end after it starts");
    const other = await createTestBoard(db);
    const err = await failure(place("B", other.techs.ali, at("12:00"), at("13:00")));
    expect(err.message).toBe("That technician does not exist in your company.");
    await withService(db, (tx) => tx.query("update public.jobs set status = 'done' where id = $1", [b.jobs.B]));
    expect((await failure(place("B", b.techs.ali, at("12:00"), at("13:00")))).message).toContain("is done and cannot be scheduled");
    await withService(db, (tx) => tx.query("update public.jobs set status = 'unscheduled' where id = $1", [b.jobs.B]));
  });

  test("another company's job is not found, and a viewer cannot change the board", async () => {
    const other = await createTestBoard(db);
    const err = await failure(
      withUser(db, b.dispatcher, (tx) =>
        placeJob(tx, b.dispatcher, { jobId: other.jobs.A, jobVersion: 1, assignmentVersion: null, leaderId: b.techs.ali, helperIds: [], start: at("12:00"), end: at("13:00"), notifyCustomer: true }, NINE_AM),
      ),
    );
    expect(err.code).toBe("not_found");
    const v = await versions(db, b.jobs.B);
    const viewerTry = withUser(db, b.viewer, (tx) =>
      placeJob(tx, b.viewer, { jobId: b.jobs.B, ...v, leaderId: b.techs.ali, helperIds: [], start: at("12:00"), end: at("13:00"), notifyCustomer: true }, NINE_AM),
    );
    const refused = await viewerTry.then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect({ code: refused?.code, message: refused?.message }).toEqual({ code: "forbidden", message: "Your role can view the board but not change it." });
    expect(await versions(db, b.jobs.B)).toEqual(v);
  });

  test("unassigning puts the job back in the queue", async () => {
    const placed = await place("B", b.techs.ali, at("12:00"), at("13:00"));
    const r = await withUser(db, b.dispatcher, (tx) =>
      unassignJob(tx, b.dispatcher, { jobId: b.jobs.B, jobVersion: placed.job.version, assignmentVersion: placed.assignment!.version, notifyCustomer: true }, NINE_AM),
    );
    expect(r.kind).toBe("unassign");
    expect(r.job.status).toBe("unscheduled");
    expect(r.assignment).toBeNull();
    expect(r.summary).toBe(`Dana Dispatcher unscheduled ${b.job("B")} (was Ali Haddad 12:00)`);
  });

  test("undo restores the previous slot, and is itself recorded", async () => {
    await place("B", b.techs.ali, at("12:00"), at("13:00"));
    await place("B", b.techs.sam, at("15:30"), at("16:30"));
    const undoable = await withUser(db, b.dispatcher, (tx) => listUndoable(tx, b.dispatcher));
    expect(undoable[0].summary).toContain("to Sam Okafor 15:30");
    const r: BoardChangeResult = await withUser(db, b.dispatcher, (tx) => undoChange(tx, b.dispatcher, { notifyCustomer: true }, NINE_AM));
    expect(r.kind).toBe("undo");
    expect(r.assignment).toMatchObject({ leaderId: b.techs.ali, start: at("12:00"), end: at("13:00") });
    expect(r.summary).toBe(`Dana Dispatcher undid: moved ${b.job("B")} from Ali Haddad 12:00 to Sam Okafor 15:30`);
    const after = await withUser(db, b.dispatcher, (tx) => listUndoable(tx, b.dispatcher));
    expect(after.map((c) => c.id)).not.toContain(undoable[0].id);
  });

  test("undo is refused when someone changed the job since", async () => {
    await place("B", b.techs.sam, at("15:30"), at("16:30"));
    // an admin moves it afterwards
    const admin = { ...b.users.admin, name: "Ada Admin" };
    const v = await versions(db, b.jobs.B);
    await withUser(db, admin, (tx) =>
      placeJob(tx, admin, { jobId: b.jobs.B, ...v, leaderId: b.techs.ali, helperIds: [], start: at("08:00"), end: at("09:00"), notifyCustomer: true }, NINE_AM),
    );
    const err = await failure(withUser(db, b.dispatcher, (tx) => undoChange(tx, b.dispatcher, { notifyCustomer: true }, NINE_AM)));
    expect(err.code).toBe("conflict");
    expect(err.message).toContain("since; undo would overwrite that change");
  });

  test("two dispatchers saving the same version at once: one wins, the other gets a conflict", async () => {
    const v = await versions(db, b.jobs.D);
    const attempt = (start: string, end: string) =>
      withUser(db, b.dispatcher, (tx) =>
        placeJob(tx, b.dispatcher, { jobId: b.jobs.D, ...v, leaderId: b.techs.ali, helperIds: [], start, end, notifyCustomer: true }, NINE_AM),
      ).then(
        () => "ok",
        (e: unknown) => (e instanceof ActionFailure ? e.code : String(e)),
      );
    const outcomes = await Promise.all([attempt(at("11:00"), at("12:30")), attempt(at("14:00"), at("15:30"))]);
    expect(outcomes.sort()).toEqual(["conflict", "ok"]);
  });

  test("two jobs dropped on one technician's 10:00 at once: both may stand, but never silently — the second is told of the first", async () => {
    const fresh = await createTestBoard(db);
    const drop = async (key: string) => {
      const v = await versions(db, fresh.jobs[key]);
      return withUser(db, fresh.dispatcher, (tx) =>
        placeJob(tx, fresh.dispatcher, { jobId: fresh.jobs[key], ...v, leaderId: fresh.techs.sam, helperIds: [], start: at("10:00"), end: at("11:00"), notifyCustomer: true }, NINE_AM),
      );
    };
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([drop("A"), drop("B")]);
      const warned = results.filter((r) => r.warnings.some((w) => w.code === "double_booked"));
      expect(warned).toHaveLength(1);
      expect(warned[0].warnings.find((w) => w.code === "double_booked")!.message).toMatch(/^Sam Okafor is already on WO-/);
      // back to the queue for the next round
      for (const key of ["A", "B"]) {
        const v = await versions(db, fresh.jobs[key]);
        await withUser(db, fresh.dispatcher, (tx) =>
          unassignJob(tx, fresh.dispatcher, { jobId: fresh.jobs[key], jobVersion: v.jobVersion, assignmentVersion: v.assignmentVersion!, notifyCustomer: false }, NINE_AM),
        );
      }
    }
  });
});
