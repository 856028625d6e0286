import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { placeJob } from "@/lib/db/board-changes";
import { approveUrgent } from "@/lib/db/urgent-approval";
import { rerankUrgent, submitUrgent } from "@/lib/db/urgent-ranking";
import { loadReplanInput, saveReplanOption } from "@/lib/db/urgent-replan";
import { getUrgentRequest, type UrgentInput } from "@/lib/db/urgent-requests";
import { loadBumpListExport } from "@/lib/db/exports";
import { planUrgentReplan } from "@/lib/optimise/urgent-replan";
import type { ActionFailure } from "@/lib/actions/result";
import { testTargets } from "@/supabase/tests/helpers";
import { at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

const EIGHT_AM = new Date(at("08:00"));

describe.each(testTargets())("emergency bump optimizer on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let dispatcher: TestBoard["dispatcher"] & { role: "dispatcher" };
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    dispatcher = { ...b.dispatcher, role: "dispatcher" };
    // Ali (the only EPA-608 holder) has a full morning: D (Low) then A (Normal, SLA)
    await withService(db, async (tx) => {
      await tx.query("update public.jobs set priority = 4 where id = $1", [b.jobs.D]);
      await tx.query("update public.jobs set sla_protected = true where id = $1", [b.jobs.A]);
    });
    const put = async (key: string, start: string, end: string) => {
      const [v] = await withService(db, (tx) => tx.query<{ version: number }>("select version from public.jobs where id = $1", [b.jobs[key]]));
      await withUser(db, b.dispatcher, (tx) =>
        placeJob(tx, b.dispatcher, { jobId: b.jobs[key], jobVersion: v.version, assignmentVersion: null, leaderId: b.techs.ali, helperIds: [], start, end, notifyCustomer: false }, EIGHT_AM),
      );
    };
    await put("D", at("08:15"), at("09:45"));
    await put("A", at("10:00"), at("11:00"));
    await put("B", at("11:15"), at("16:30"));
  });
  afterEach(async () => db?.close());

  const urgent = (over: Partial<UrgentInput> = {}): UrgentInput => ({
    workOrder: `URG-${b.slug}`,
    customerId: null,
    newCustomer: { name: "Lakeside Restaurant", phone: "+13125550111", email: null },
    address: "1 Lake St",
    city: "Chicago",
    lat: 41.886,
    lng: -87.636,
    requiredSkills: ["EPA-608"],
    durationMin: 60,
    deadline: at("11:00"),
    priority: 1,
    description: "Walk-in freezer down",
    ...over,
  });
  const submit = (input = urgent()) => withUser(db, b.dispatcher, (tx) => submitUrgent(tx, dispatcher, input, EIGHT_AM));
  const request = (id: string) => withUser(db, b.dispatcher, (tx) => getUrgentRequest(tx, b.orgId, id));
  const approve = (requestId: string, optionId: string, overrideReason?: string) =>
    withUser(db, b.dispatcher, (tx) => approveUrgent(tx, dispatcher, { requestId, optionId, overrideReason }, EIGHT_AM));
  const notices = (kind: string) =>
    withService(db, (tx) => tx.query<{ recipient: string; body: string; channel: string }>("select recipient, body, channel from public.notifications where org_id = $1 and kind = $2", [b.orgId, kind]));

  test("the least harmful option bumps the Low job, never the SLA one, and nothing moves before approval", async () => {
    const { id } = await submit();
    const r = (await request(id))!;
    expect(r.status).toBe("open");
    expect(r.options.length).toBeGreaterThan(0);
    const best = r.options[0];
    expect(best.technicianName).toBe("Ali Haddad");
    expect(best.bumped.map((x) => x.workOrder)).toEqual([b.job("D")]);
    expect(r.options.some((o) => o.bumped.some((x) => x.jobId === b.jobs.A))).toBe(false);
    expect(best.harm.parts.length).toBeGreaterThan(0);
    // nothing changed on the board and nobody was messaged
    const [d] = await withService(db, (tx) => tx.query<{ starts_at: Date }>("select starts_at from public.assignments where job_id = $1 and active", [b.jobs.D]));
    expect(new Date(d.starts_at).toISOString()).toBe(at("08:15"));
    expect(await notices("reschedule")).toHaveLength(0);
  });

  test("approving applies the option in one go: urgent job assigned, bumped job moved, customer and technicians told", async () => {
    const { id } = await submit();
    const option = (await request(id))!.options[0];
    const result = await approve(id, option.id);
    expect(result.alreadyApproved).toBe(false);
    const rows = await withService(db, (tx) =>
      tx.query<{ job_id: string; leader_id: string; starts_at: Date }>("select job_id, leader_id, starts_at from public.assignments where active and org_id = $1", [b.orgId]),
    );
    const urgentJob = (await request(id))!.job;
    const mine = rows.find((x) => x.job_id === urgentJob.id)!;
    expect(mine.leader_id).toBe(b.techs.ali);
    expect(new Date(mine.starts_at).toISOString()).toBe(option.urgentStart);
    const bumped = option.bumped[0];
    const d = rows.find((x) => x.job_id === b.jobs.D);
    if (bumped.next) expect(new Date(d!.starts_at).toISOString()).toBe(bumped.next.start);
    else expect(d).toBeUndefined();
    const sms = await notices("reschedule");
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: "sms", recipient: "+13125550199" });
    expect(sms[0].body).toContain("emergency");
    expect((await notices("technician_day")).length).toBeGreaterThanOrEqual(1);
    expect((await request(id))!.status).toBe("approved");
    const [audit] = await withService(db, (tx) =>
      tx.query<{ actor_id: string; context: { summary: string } }>("select actor_id, context from public.audit_log where table_name = 'urgent_requests' and row_id = $1 order by id desc limit 1", [id]),
    );
    expect(audit.actor_id).toBe(b.dispatcher.userId);
    expect(audit.context.summary).toContain(`approved option 1 for urgent URG-${b.slug}`);
  });

  test("the bump list export lists the approved option's moved visits with technicians by name, and only in the company", async () => {
    const { id } = await submit();
    const option = (await request(id))!.options[0];
    await approve(id, option.id);
    const list = (await withUser(db, b.dispatcher, (tx) => loadBumpListExport(tx, b.orgId, id)))!;
    expect(list.workOrder).toBe(`URG-${b.slug}`);
    expect(list.rows.map((r) => r.workOrder)).toEqual([b.job("D")]);
    expect(list.rows[0].technicianBefore).toBe("Ali Haddad");
    expect(list.rows[0].oldWindow).toEqual(option.bumped[0].oldWindow);
    // another company's id finds nothing
    const other = await createTestBoard(db);
    expect(await withUser(db, other.dispatcher, (tx) => loadBumpListExport(tx, other.orgId, id))).toBeNull();
  });

  test("approving twice at once produces exactly one reshuffle and one set of notices", async () => {
    const { id } = await submit();
    const option = (await request(id))!.options[0];
    const outcomes = await Promise.all([approve(id, option.id), approve(id, option.id)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already_approved", "applied"]);
    expect(await notices("reschedule")).toHaveLength(1);
    const changes = await withService(db, (tx) => tx.query("select 1 from public.board_changes where job_id = $1", [b.jobs.D]));
    expect(changes).toHaveLength(2); // the set-up placement and one bump
  });

  test("the same work order entered twice finds the existing request and creates nothing", async () => {
    const first = await submit();
    const second = await submit();
    expect(second).toEqual({ id: first.id, existing: true });
    const jobs = await withService(db, (tx) => tx.query("select 1 from public.jobs where org_id = $1 and work_order = $2", [b.orgId, `URG-${b.slug}`]));
    expect(jobs).toHaveLength(1);
  });

  test("a board changed since ranking is refused and the options are ranked again", async () => {
    const { id } = await submit();
    const option = (await request(id))!.options[0];
    // someone moves the Low job away meanwhile
    const [v] = await withService(db, (tx) => tx.query<{ jv: number; av: number }>("select j.version as jv, a.version as av from public.jobs j join public.assignments a on a.job_id = j.id and a.active where j.id = $1", [b.jobs.D]));
    await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs.D, jobVersion: v.jv, assignmentVersion: v.av, leaderId: b.techs.sam, helperIds: [], start: at("14:00"), end: at("15:30"), notifyCustomer: false }, EIGHT_AM),
    );
    const r = await approve(id, option.id);
    expect(r.outcome).toBe("reranked");
    expect(r.summary).toContain("ranked again");
    expect(await notices("reschedule")).toHaveLength(0);
    const again = (await request(id))!;
    expect(again.status).toBe("open");
    // Ali's morning now has a gap: the first option needs no bump
    expect(again.options[0].fitsWithoutBump).toBe(true);
  });

  test("SLA jobs appear only with the override, flagged, and need a typed reason", async () => {
    const { id } = await submit(urgent({ deadline: at("11:15"), durationMin: 120 }));
    expect((await request(id))!.options.some((o) => o.flags.slaOverride)).toBe(false);
    await withUser(db, b.dispatcher, (tx) => rerankUrgent(tx, dispatcher, id, true, EIGHT_AM));
    const flagged = (await request(id))!.options.find((o) => o.flags.slaOverride);
    expect(flagged).toMatchObject({ flags: { slaOverride: true } });
    const err = await approve(id, flagged!.id).then(
      () => null,
      (e: unknown) => e as ActionFailure,
    );
    expect(err?.code).toBe("validation");
    const ok = await approve(id, flagged!.id, "Customer agreed by phone");
    expect(ok.summary).toContain("override: Customer agreed by phone");
  });

  // the optimiser stops after a fixed number of iterations: the same answer on any machine
  const replan = async (id: string) => {
    const input = (await withUser(db, b.dispatcher, (tx) => loadReplanInput(tx, b.orgId, id, EIGHT_AM)))!;
    const planned = await planUrgentReplan(input.day, input.job, { now: EIGHT_AM, timeLimitMs: 60_000, maxIterations: 150, threads: 1, allowSlaOverride: input.allowSlaOverride });
    return { input, planned, saved: await withUser(db, b.dispatcher, (tx) => saveReplanOption(tx, dispatcher, input, planned)) };
  };

  test("re-plan the day: the optimiser's option forces the urgent job in, keeps every customer's window, and ranks by harm with the others", async () => {
    const { id } = await submit();
    expect((await request(id))!.replan.state).toBe("pending");
    const { saved } = await replan(id);
    expect(saved.kept).toBe(true);
    const r = (await request(id))!;
    expect(r.replan.state).toBe("offered");
    const option = r.options.find((o) => o.kind === "replan")!;
    expect(option).toBeDefined();
    // only Ali holds EPA-608: the re-plan gives Ali the urgent job by its deadline
    expect(option.technicianId).toBe(b.techs.ali);
    expect(option.meetsDeadline).toBe(true);
    expect(Date.parse(option.urgentEnd)).toBeLessThanOrEqual(Date.parse(at("11:00")));
    // and makes room by moving Ali's morning, every visit inside its customer's promised window, nobody dropped
    expect(option.bumped.length).toBeGreaterThan(0);
    for (const moved of option.bumped) {
      expect(moved.next).not.toBeNull();
      expect(moved.newWindow).toEqual(moved.oldWindow);
      expect(Date.parse(moved.next!.start)).toBeGreaterThanOrEqual(Date.parse(moved.oldWindow.start));
      expect(Date.parse(moved.next!.start)).toBeLessThanOrEqual(Date.parse(moved.oldWindow.end));
      // a booked visit keeps its booked length
      expect(Date.parse(moved.next!.end) - Date.parse(moved.next!.start)).toBe(Date.parse(moved.old.end) - Date.parse(moved.old.start));
      expect(moved.reason).toMatch(/^(moves to|stays with) .* at .*, still inside its .* window$/);
      expect(option.harm.parts.map((p) => p.why)).toContain(`${moved.workOrder} ${moved.reason}`);
    }
    // ranked with the bump options: free gaps first, then least harm
    expect(r.options.length).toBeGreaterThanOrEqual(2);
    // here it harms least (two visits shift inside their windows; every bump changes a customer's time),
    // and the sentence above the options describes it, not the best bump
    expect(r.options[0].kind).toBe("replan");
    expect(r.rankingMessage).toMatch(new RegExp(`^Least harm: re-plan the day — ${option.technicianName} takes URG-${b.slug} at \\d\\d:\\d\\d–\\d\\d:\\d\\d, \\d+ visits? moves? inside`));
    expect(r.options.map((o) => o.rank)).toEqual(r.options.map((_, i) => i + 1));
    const scores = r.options.filter((o) => !o.fitsWithoutBump).map((o) => o.harm.score);
    expect(scores).toEqual([...scores].sort((x, y) => x - y));
    // nothing moved yet
    const [row] = await withService(db, (tx) => tx.query<{ leader_id: string }>("select leader_id from public.assignments where job_id = $1 and active", [b.jobs.D]));
    expect(row.leader_id).toBe(b.techs.ali);
  });

  test("approving the re-plan applies every move through the placement path in one go; its customers keep their windows", async () => {
    const { id } = await submit();
    await replan(id);
    const option = (await request(id))!.options.find((o) => o.kind === "replan")!;
    const result = await approve(id, option.id);
    expect(result.outcome).toBe("applied");
    expect(result.summary).toContain("re-planning the day");
    const rows = await withService(db, (tx) =>
      tx.query<{ job_id: string; leader_id: string; starts_at: Date }>("select job_id, leader_id, starts_at from public.assignments where active and org_id = $1", [b.orgId]),
    );
    const urgentJob = (await request(id))!.job;
    const mine = rows.find((x) => x.job_id === urgentJob.id)!;
    expect(mine.leader_id).toBe(option.technicianId);
    expect(new Date(mine.starts_at).toISOString()).toBe(option.urgentStart);
    for (const moved of option.bumped) {
      const now = rows.find((x) => x.job_id === moved.jobId)!;
      expect(now.leader_id).toBe(moved.next!.leaderId);
      expect(new Date(now.starts_at).toISOString()).toBe(moved.next!.start);
      // through the one placement path: a board change recorded for the move
      const changes = await withService(db, (tx) => tx.query("select 1 from public.board_changes where job_id = $1", [moved.jobId]));
      expect(changes).toHaveLength(2);
    }
    // nobody's window changed, so no reschedule notice; the urgent customer hears when to expect Ali
    expect(await notices("reschedule")).toHaveLength(0);
    expect(await notices("arrival_window")).toHaveLength(1);
    expect((await request(id))!.status).toBe("approved");
  });

  test("a board changed since the re-plan is refused, ranked again, and nothing moves", async () => {
    const { id } = await submit();
    await replan(id);
    const option = (await request(id))!.options.find((o) => o.kind === "replan")!;
    // someone stretches job B meanwhile
    const [v] = await withService(db, (tx) => tx.query<{ jv: number; av: number }>("select j.version as jv, a.version as av from public.jobs j join public.assignments a on a.job_id = j.id and a.active where j.id = $1", [b.jobs.B]));
    await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs.B, jobVersion: v.jv, assignmentVersion: v.av, leaderId: b.techs.ali, helperIds: [], start: at("11:30"), end: at("16:30"), notifyCustomer: false }, EIGHT_AM),
    );
    const r = await approve(id, option.id);
    expect(r.outcome).toBe("reranked");
    expect(r.summary).toContain(`since the day was re-planned (${b.job("B")} changed)`);
    const again = (await request(id))!;
    expect(again.status).toBe("open");
    // the new ranking waits for a new re-plan; the old one is gone
    expect(again.replan.state).toBe("pending");
    expect(again.options.some((o) => o.kind === "replan")).toBe(false);
    const [d] = await withService(db, (tx) => tx.query<{ leader_id: string }>("select leader_id from public.assignments where job_id = $1 and active", [b.jobs.D]));
    expect(d.leader_id).toBe(b.techs.ali);
  });

  test("a re-plan made for an older ranking is not kept", async () => {
    const { id } = await submit();
    const input = (await withUser(db, b.dispatcher, (tx) => loadReplanInput(tx, b.orgId, id, EIGHT_AM)))!;
    const planned = await planUrgentReplan(input.day, input.job, { now: EIGHT_AM, timeLimitMs: 60_000, maxIterations: 50, threads: 1, allowSlaOverride: false });
    await withUser(db, b.dispatcher, (tx) => rerankUrgent(tx, dispatcher, id, true, EIGHT_AM));
    expect(await withUser(db, b.dispatcher, (tx) => saveReplanOption(tx, dispatcher, input, planned))).toEqual({ kept: false });
    expect((await request(id))!.replan.state).toBe("pending");
  });

  test("a viewer cannot enter an urgent job", async () => {
    const viewer = { ...b.viewer, role: "viewer" as const };
    await expect(withUser(db, b.viewer, (tx) => submitUrgent(tx, viewer, urgent({ workOrder: "URG-VIEW" }), EIGHT_AM))).rejects.toThrow();
  });
});
