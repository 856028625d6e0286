// On-call rotations in the database: the handover at its boundary, swaps asked for
// by a technician and approved by a dispatcher (with the audit trail), the fairness
// table, and who may do what.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { createJob } from "@/lib/db/dispatch";
import { createRotation, decideSwap, fairness, loadOnCall, onCallNow, requestSwap, upcomingTurns } from "@/lib/db/on-call";
import { approveUrgent } from "@/lib/db/urgent-approval";
import { submitUrgent } from "@/lib/db/urgent-ranking";
import { getUrgentRequest } from "@/lib/db/urgent-requests";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

// Chicago is UTC-6 in late November: 08:00 local is 14:00Z.
const at = (iso: string) => new Date(iso);

describe.each(testTargets())("on-call rotations on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let tech: SessionUser & { role: "technician" };
  let rotationId: string;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    tech = { ...b.users.technician, name: "Sam Okafor", role: "technician" };
    await withService(db, (tx) => tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.sam, tech.userId]));
    rotationId = await withUser(db, b.dispatcher, (tx) =>
      createRotation(tx, b.orgId, {
        name: "Nights",
        cadence: "daily",
        handoverTime: "08:00",
        timeZone: "America/Chicago",
        startsOn: "2026-11-23",
        memberIds: [b.techs.ali, b.techs.sam, b.techs.mei],
      }),
    );
  });
  afterEach(async () => db?.close());

  const load = (user: SessionUser = b.dispatcher) => withUser(db, user, (tx) => loadOnCall(tx, b.orgId));
  const whoAt = async (iso: string) => onCallNow(await load(), at(iso)).map((n) => n.technicianName);

  test("the handover happens at 08:00 local, not a minute before", async () => {
    expect(await whoAt("2026-11-23T13:59:00Z")).toEqual([]);
    expect(await whoAt("2026-11-23T14:00:00Z")).toEqual(["Ali Haddad"]);
    expect(await whoAt("2026-11-24T13:59:00Z")).toEqual(["Ali Haddad"]);
    expect(await whoAt("2026-11-24T14:00:00Z")).toEqual(["Sam Okafor"]);
    const [now] = onCallNow(await load(), at("2026-11-24T14:00:00Z"));
    expect(now.until).toBe("2026-11-25T14:00:00.000Z");
  });

  test("a technician asks to swap their own turn, a dispatcher approves, the audit trail says who", async () => {
    const morning = at("2026-11-23T20:00:00Z");
    const turn = "2026-11-24T14:00:00.000Z";
    const notMine = await failureOf(
      withUser(db, tech, (tx) => requestSwap(tx, tech, { rotationId, turnStart: "2026-11-25T14:00:00.000Z", toTechnicianId: b.techs.ali, reason: null }, morning)),
    );
    expect(notMine.message).toBe("You can only ask to swap your own turn.");
    const swapId = await withUser(db, tech, (tx) => requestSwap(tx, tech, { rotationId, turnStart: turn, toTechnicianId: b.techs.mei, reason: "Dentist" }, morning));
    // asked for, not yet approved: still Sam
    expect(await whoAt("2026-11-24T15:00:00Z")).toEqual(["Sam Okafor"]);
    // a technician cannot approve (no update policy for them)
    const [before] = await withService(db, (tx) => tx.query<{ status: string }>("select status from public.on_call_swaps where id = $1", [swapId]));
    await failureOf(withUser(db, tech, (tx) => decideSwap(tx, b.orgId, swapId, true)));
    expect(before.status).toBe("requested");

    await withUser(db, b.dispatcher, (tx) => decideSwap(tx, b.orgId, swapId, true));
    expect(await whoAt("2026-11-24T15:00:00Z")).toEqual(["Mei Chen"]);
    expect(await whoAt("2026-11-25T15:00:00Z")).toEqual(["Mei Chen"]);
    const again = await failureOf(withUser(db, b.dispatcher, (tx) => decideSwap(tx, b.orgId, swapId, false)));
    expect(again.message).toContain("already decided");

    const trail = await withService(db, (tx) =>
      tx.query<{ action: string; actor_id: string; after: { status: string; decided_by: string } }>(
        "select action, actor_id, after from public.audit_log where table_name = 'on_call_swaps' and row_id = $1 order by id",
        [swapId],
      ),
    );
    expect(trail.map((t) => [t.action, t.actor_id, t.after.status])).toEqual([
      ["insert", tech.userId, "requested"],
      ["update", b.dispatcher.userId, "approved"],
    ]);
    expect(trail[1].after.decided_by).toBe(b.dispatcher.userId);

    // fairness up to Thursday 08:00: Ali Monday, Mei Tuesday (swapped) and Wednesday, Sam none
    const table = fairness(await load(), at("2026-11-26T14:00:00Z"));
    expect(table.map((r) => [r.name, r.hours, r.turns])).toEqual([
      ["Mei Chen", 48, 2],
      ["Ali Haddad", 24, 1],
      ["Sam Okafor", 0, 0],
    ]);
    // Sam's upcoming turns no longer include Tuesday
    const upcoming = upcomingTurns(await load(tech), b.techs.sam, morning, 7);
    expect(upcoming.map((t) => new Date(t.start * 60000).toISOString())).toEqual(["2026-11-27T14:00:00.000Z", "2026-11-30T14:00:00.000Z"]);
  });

  test("viewers and other companies cannot change rotations", async () => {
    const refused = await failureOf(
      withUser(db, b.viewer, (tx) =>
        createRotation(tx, b.orgId, { name: "Weekends", cadence: "weekly", handoverTime: "18:00", timeZone: "America/Chicago", startsOn: "2026-11-27", memberIds: [b.techs.ali] }),
      ),
    );
    expect(refused.code).toBe("42501");
    const outsider = await createTestBoard(db);
    expect((await withUser(db, outsider.dispatcher, (tx) => loadOnCall(tx, b.orgId))).rotations).toEqual([]);
  });

  describe("after-hours intake", () => {
    // Monday 21:00 in Chicago: every shift ended at 16:30; Ali is on call until Tuesday 08:00
    const NIGHT = at("2026-11-24T03:00:00Z");
    const intake = (priority: 1 | 2 | 3 | 4, now: Date, requiredSkills = ["HVAC"]) =>
      withUser(db, b.dispatcher, (tx) =>
        createJob(tx, b.dispatcher, { customerId: b.customers.reachable, priority, requiredSkills, estimatedMinutes: 60, source: "portal" }, now),
      );
    const visitOf = async (jobId: string) =>
      (await withService(db, (tx) => tx.query<{ leader_id: string; starts_at: Date }>("select leader_id, starts_at from public.assignments where job_id = $1 and active", [jobId])))[0];

    test("urgent work outside working hours goes to the technician on call, with the reason", async () => {
      const { job, decision } = await intake(1, NIGHT);
      expect(decision.state).toBe("auto_assigned");
      expect(decision.technicianId).toBe(b.techs.ali);
      expect(decision.reason).toMatch(/^after hours \(no one on shift at 21:00\): Ali Haddad is on call for Nights until Tue Nov 24 08:00; booked at 21:\d\d, \d+ min drive from home base$/);
      const visit = await visitOf(job.id);
      expect(visit.leader_id).toBe(b.techs.ali);
      expect(new Date(visit.starts_at).getTime()).toBeGreaterThanOrEqual(NIGHT.getTime());
      // a second call that night waits for the first visit to end
      const second = await intake(2, NIGHT);
      expect(second.decision.technicianId).toBe(b.techs.ali);
      expect(new Date((await visitOf(second.job.id)).starts_at).getTime()).toBeGreaterThanOrEqual(new Date(new Date(visit.starts_at).getTime() + 60 * 60000).getTime());
    });

    test("an approved swap sends it to whoever took the turn", async () => {
      const swapId = await withUser(db, b.dispatcher, (tx) =>
        requestSwap(tx, b.dispatcher, { rotationId, turnStart: "2026-11-23T14:00:00.000Z", toTechnicianId: b.techs.sam, reason: null }, at("2026-11-23T12:00:00Z")),
      );
      await withUser(db, b.dispatcher, (tx) => decideSwap(tx, b.orgId, swapId, true));
      const { decision } = await intake(1, NIGHT);
      expect(decision.technicianId).toBe(b.techs.sam);
      expect(decision.reason).toContain("Sam Okafor is on call for Nights until Tue Nov 24 08:00 (a swapped turn)");
    });

    const urgentForm = async (now: Date) => {
      const [c] = await withService(db, (tx) => tx.query<{ lat: number; lng: number }>("select lat, lng from public.customers where id = $1", [b.customers.reachable]));
      return withUser(db, b.dispatcher, async (tx) => {
        const { id } = await submitUrgent(
          tx,
          b.dispatcher,
          {
            workOrder: `UR-${now.getTime()}`,
            customerId: b.customers.reachable,
            lat: c.lat,
            lng: c.lng,
            requiredSkills: ["HVAC"],
            durationMin: 60,
            deadline: new Date(now.getTime() + 6 * 3600_000).toISOString(),
            priority: 1,
            description: "No heat",
          },
          now,
        );
        return (await getUrgentRequest(tx, b.orgId, id))!;
      });
    };

    test("the Urgent form after hours puts the technician on call first, with the reason, and approving it books them", async () => {
      const request = await urgentForm(NIGHT);
      const [first] = request.options;
      expect(first).toMatchObject({ kind: "on_call", rank: 1, technicianId: b.techs.ali, bumped: [], fitsWithoutBump: true, meetsDeadline: true });
      expect(first.harm.parts[0].why).toMatch(/^after hours \(no one on shift at 21:00\): Ali Haddad is on call for Nights until Tue Nov 24 08:00; can be there at 21:\d\d, \d+ min drive from home base$/);
      expect(request.rankingMessage).toMatch(/^First choice, after hours/);
      expect(new Date(first.urgentStart).getTime()).toBeGreaterThanOrEqual(NIGHT.getTime());
      const approved = await withUser(db, b.dispatcher, (tx) => approveUrgent(tx, b.dispatcher, { requestId: request.id, optionId: first.id }, NIGHT));
      expect(approved.outcome).toBe("applied");
      const visit = await visitOf(request.job.id);
      expect(visit.leader_id).toBe(b.techs.ali);
      expect(new Date(visit.starts_at).toISOString()).toBe(first.urgentStart);
    });

    test("the Urgent form while someone is on shift ranks as usual, with no on-call option", async () => {
      const request = await urgentForm(at("2026-11-23T16:00:00Z"));
      expect(request.options.some((o) => o.kind === "on_call")).toBe(false);
      expect(request.rankingMessage ?? "").not.toContain("on call");
    });

    test("routine work after hours, and urgent work while someone is on shift, are dispatched as usual", async () => {
      const routine = await intake(3, NIGHT);
      expect(routine.decision.reason).not.toContain("on call");
      expect(await visitOf(routine.job.id)).toBeUndefined();
      const daytime = await intake(1, at("2026-11-23T16:00:00Z"));
      expect(daytime.decision.state).toBe("auto_assigned");
      expect(daytime.decision.reason).toMatch(/^best of \d+ eligible/);
    });
  });
});
