// The slot template and recovery buffer as the database-backed placement paths see
// them: a dispatcher's placement (checks), automatic dispatch, suggestions and the
// slot template's own rules (admins only, no overlapping blocks).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { placeJob } from "@/lib/db/board-changes";
import { createJob, suggestSlots } from "@/lib/db/dispatch";
import { addSlotBlocks, saveRecoveryBuffer } from "@/lib/db/slot-blocks";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

const MONDAY = 1;

describe.each(testTargets())("slot template and buffer on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let admin: SessionUser;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    admin = { ...b.users.admin, name: "Ada Admin" };
  });
  afterEach(async () => db?.close());

  const flexAllDay = () =>
    withUser(db, admin, (tx) =>
      addSlotBlocks(tx, b.orgId, { weekdays: [MONDAY], start: "09:00", end: "16:30", kind: "flex", templateId: null, label: "Flex (emergencies)" }),
    );
  const create = (input: Parameters<typeof createJob>[2]) =>
    withUser(db, b.dispatcher, (tx) => createJob(tx, b.dispatcher, { date: "2026-11-23", ...input }, NINE_AM));
  const jobVersion = async (id: string) =>
    (await withService(db, (tx) => tx.query<{ version: number }>("select version from public.jobs where id = $1", [id])))[0].version;
  // the version is read first: PGlite runs one transaction at a time, so a read inside would wait forever
  const place = async (key: string, leaderId: string, start: string, end: string) => {
    const version = await jobVersion(b.jobs[key]);
    return withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, {
        jobId: b.jobs[key], jobVersion: version, assignmentVersion: null,
        leaderId, helperIds: [], start: at(start), end: at(end), notifyCustomer: false,
      }, NINE_AM),
    );
  };

  test("automatic dispatch keeps normal work out of a flex slot and puts urgent work in it", async () => {
    await flexAllDay();
    const normal = await create({ customerId: b.customers.reachable, priority: 3, estimatedMinutes: 60, requiredSkills: ["HVAC"] });
    expect(normal.decision.state).toBe("review");
    expect(normal.decision.reason).toContain("flex slot 09:00–16:30 kept for urgent work");
    const urgent = await create({ customerId: b.customers.reachable, priority: 1, estimatedMinutes: 60, requiredSkills: ["HVAC"] });
    expect(urgent.decision.state).toBe("auto_assigned");
    expect(urgent.decision.candidates[0].reasons.map((r) => r.why)).toContain("urgent work in the flex slot 09:00–16:30");
  });

  test("suggestions offer no flex slot to normal work, and a dispatcher placing it there is warned", async () => {
    await flexAllDay();
    const suggestions = await withUser(db, b.dispatcher, (tx) => suggestSlots(tx, b.dispatcher, b.jobs.A, "2026-11-23", NINE_AM));
    expect(suggestions).toEqual([]);
    const placed = await place("A", b.techs.sam, "10:00", "11:00");
    expect(placed.warnings.map((w) => w.message)).toContain(`${b.job("A")} at 10:00–11:00 is in the flex slot 09:00–16:30 kept for urgent work`);
  });

  test("the recovery buffer pushes suggestions back and warns a dispatcher who ignores it", async () => {
    await withUser(db, admin, (tx) => saveRecoveryBuffer(tx, b.orgId, 30));
    await place("A", b.techs.ali, "09:00", "10:00");
    // C needs EPA-608: only Ali, whose next start is 10:00 + 30 min recovery (same site, no drive)
    const [ali] = await withUser(db, b.dispatcher, (tx) => suggestSlots(tx, b.dispatcher, b.jobs.C, "2026-11-23", NINE_AM));
    expect(ali).toMatchObject({ technicianId: b.techs.ali, start: at("10:30") });
    const tight = await place("C", b.techs.ali, "10:15", "11:15");
    expect(tight.warnings.map((w) => w.message)).toContain(`Ali Haddad needs 0 min travel + 30 min recovery from ${b.job("A")}, only 15 min gap`);
  });

  test("only admins change the slot template; overlapping blocks and a buffer over 30 minutes are refused", async () => {
    const refused = await failureOf(
      withUser(db, b.dispatcher, (tx) =>
        addSlotBlocks(tx, b.orgId, { weekdays: [MONDAY], start: "09:00", end: "10:00", kind: "flex", templateId: null, label: "Flex" }),
      ),
    );
    expect(refused.code).toBe("42501");
    await flexAllDay();
    const overlap = await failureOf(
      withUser(db, admin, (tx) =>
        addSlotBlocks(tx, b.orgId, { weekdays: [MONDAY], start: "08:00", end: "09:30", kind: "flex", templateId: null, label: "Early flex" }),
      ),
    );
    expect(overlap.message).toContain("overlaps another block");
    const tooLong = await failureOf(withUser(db, admin, (tx) => saveRecoveryBuffer(tx, b.orgId, 45)));
    expect(tooLong.code).toBe("23514");
    expect(await withUser(db, b.dispatcher, (tx) => saveRecoveryBuffer(tx, b.orgId, 10))).toBe(false);
  });
});
