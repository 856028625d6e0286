import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { JOB_SELECT, mapJob } from "@/lib/db/board";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { createJob, listReviewQueue, suggestSlots } from "@/lib/db/dispatch";
import { createTemplate, listTemplates, type TemplateInput } from "@/lib/db/templates";
import { placeJob } from "@/lib/db/board-changes";
import { respondToOffer } from "@/lib/db/offers";
import { loadTechDay } from "@/lib/db/tech-day";
import { testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, at, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

const template = (over: Partial<TemplateInput>): TemplateInput => ({
  name: "Freezer repair",
  defaultMinutes: 90,
  requiredSkills: ["HVAC"],
  priority: 2,
  notes: null,
  dispatchMode: "auto",
  autoDispatchEnabled: true,
  active: true,
  leaderIds: [],
  helperIds: [],
  ...over,
});

describe.each(testTargets())("lights-out dispatch on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  let admin: SessionUser;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
    admin = { ...b.users.admin, name: "Ada Admin" };
  });
  afterEach(async () => db?.close());

  const newTemplate = (over: Partial<TemplateInput>) => withUser(db, admin, (tx) => createTemplate(tx, b.orgId, template(over)));
  const create = (input: Parameters<typeof createJob>[2]) =>
    withUser(db, b.dispatcher, (tx) => createJob(tx, b.dispatcher, { date: "2026-11-23", ...input }, NINE_AM));

  test("a template's pre-assigned worker gets the job, with the reason on the job", async () => {
    const templateId = await newTemplate({ dispatchMode: "preassigned", leaderIds: [b.techs.sam], name: "Sam's route" });
    const r = await create({ templateId, customerId: b.customers.reachable });
    expect(r.decision.state).toBe("preassigned");
    expect(r.decision.technicianId).toBe(b.techs.sam);
    expect(r.decision.reason).toMatch(/^pre-assigned on template Sam's route: Sam Okafor at \d\d:\d\d/);
    expect(r.job).toMatchObject({ status: "scheduled", estimatedMinutes: 90, priority: 2, requiredSkills: ["HVAC"], dispatchState: "preassigned" });
    const [a] = await withService(db, (tx) => tx.query<{ leader_id: string; auto_assigned: boolean }>("select leader_id, auto_assigned from public.assignments where job_id = $1 and active", [r.job.id]));
    expect(a).toEqual({ leader_id: b.techs.sam, auto_assigned: true });
  });

  test("an automatic booking writes the job once after its insert: the placement carries the decision and the automatic flag", async () => {
    const r = await create({ customerId: b.customers.reachable, requiredSkills: ["EPA-608"], estimatedMinutes: 60, description: "Leak search" });
    expect(r.decision.state).toBe("auto_assigned");
    expect(r.job).toMatchObject({ status: "scheduled", dispatchState: "auto_assigned", dispatchReason: r.decision.reason, version: 2 });
    const rows = await withService(db, (tx) =>
      tx.query<{ table_name: string; action: string }>("select table_name, action from public.audit_log where row_id in ($1, (select id from public.assignments where job_id = $1)) order by id", [r.job.id]),
    );
    // the job: its insert and one update; its visit: one insert, already automatic and at its first version
    expect(rows.filter((x) => x.table_name === "jobs").map((x) => x.action)).toEqual(["insert", "update"]);
    expect(rows.filter((x) => x.table_name === "assignments").map((x) => x.action)).toEqual(["insert"]);
    const [a] = await withService(db, (tx) => tx.query<{ auto_assigned: boolean; version: number }>("select auto_assigned, version from public.assignments where job_id = $1 and active", [r.job.id]));
    expect(a).toEqual({ auto_assigned: true, version: 1 });
    const [kept] = await withService(db, (tx) => tx.query<{ dispatch_detail: { technicianId: string; candidates: unknown[] } }>("select dispatch_detail from public.jobs where id = $1", [r.job.id]));
    expect(kept.dispatch_detail.technicianId).toBe(b.techs.ali);
    expect(kept.dispatch_detail.candidates.length).toBeGreaterThan(0);
  });

  test.each([
    { what: "books itself", input: { requiredSkills: ["EPA-608"] }, state: "auto_assigned", statements: 13 },
    { what: "goes to review", input: { requiredSkills: ["Welding"] }, state: "review", statements: 12 },
    { what: "is kept for a person", input: { autoDispatch: false }, state: "manual", statements: 6 },
  ])("a new job that $what is read once and comes back as stored, in $statements statements", async ({ input, state, statements }) => {
    let count = 0;
    const counted = (tx: Queryable): Queryable => ({
      query: (text, params) => ((count += 1), tx.query(text, params)),
      exec: (script) => tx.exec(script),
    });
    const r = await withUser(db, b.dispatcher, (tx) =>
      createJob(counted(tx), b.dispatcher, { date: "2026-11-23", customerId: b.customers.reachable, estimatedMinutes: 60, description: "Leak search", ...input }, NINE_AM),
    );
    expect(r.decision.state).toBe(state);
    // the company, the customer with its terms and the service rules, the number, the insert;
    // scoring reads the day's lanes; a booking locks and writes; a decision without one is one update
    expect(count).toBe(statements);
    const [stored] = await withUser(db, b.dispatcher, (tx) => tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [r.job.id]));
    expect(r.job).toEqual(mapJob(stored));
    expect(r.job.dispatchState).toBe(state);
  });

  test("scoring picks the only technician holding the certification and says why the others lost", async () => {
    const r = await create({ customerId: b.customers.reachable, requiredSkills: ["EPA-608"], estimatedMinutes: 60, description: "Leak search" });
    expect(r.decision.state).toBe("auto_assigned");
    expect(r.decision.technicianId).toBe(b.techs.ali);
    expect(r.decision.reason).toContain("holds EPA-608");
    const sam = r.decision.candidates.find((c) => c.technicianId === b.techs.sam)!;
    expect(sam.eligible).toBe(false);
    expect(sam.reasons.map((x) => x.why).join(" ")).toContain("EPA-608");
    // the assignment starts no earlier than now (09:00)
    const [a] = await withService(db, (tx) => tx.query<{ starts_at: Date }>("select starts_at from public.assignments where job_id = $1", [r.job.id]));
    expect(new Date(a.starts_at).getTime()).toBeGreaterThanOrEqual(NINE_AM.getTime());
  });

  test("nobody above the capacity threshold gets more work: the job goes to the review queue with the reason", async () => {
    // Ali, the only EPA-608 holder, is booked 09:00–16:00 of an 08:00–16:30 shift (82%)
    const v = await withService(db, (tx) => tx.query<{ version: number }>("select version from public.jobs where id = $1", [b.jobs.C]));
    await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: b.jobs.C, jobVersion: v[0].version, assignmentVersion: null, leaderId: b.techs.ali, helperIds: [], start: at("09:00"), end: at("16:00"), notifyCustomer: false }, NINE_AM),
    );
    const r = await create({ customerId: b.customers.reachable, requiredSkills: ["EPA-608"], estimatedMinutes: 15 });
    expect(r.decision.state).toBe("review");
    expect(r.decision.reason).toBe("no qualified technician below 85% today");
    expect(r.job.status).toBe("unscheduled");
    const queue = await withUser(db, b.dispatcher, (tx) => listReviewQueue(tx, b.dispatcher, NINE_AM));
    expect(queue.map((q) => q.job.id)).toEqual([r.job.id]);
    expect(queue[0].reason).toBe("no qualified technician below 85% today");
    expect(queue[0].candidates.find((c) => c.technicianId === b.techs.ali)?.reasons.map((x) => x.why).join(" ")).toMatch(/utilisation [\d.]+% > 85%: not eligible/);
  });

  test("a job nobody is qualified for goes to review, and a person assigning it settles it", async () => {
    const r = await create({ customerId: b.customers.reachable, requiredSkills: ["crane-operator"] });
    expect(r.decision.state).toBe("review");
    await withUser(db, b.dispatcher, (tx) =>
      placeJob(tx, b.dispatcher, { jobId: r.job.id, jobVersion: r.job.version, assignmentVersion: null, leaderId: b.techs.mei, helperIds: [], start: at("11:00"), end: at("12:00"), notifyCustomer: false }, NINE_AM),
    );
    expect(await withUser(db, b.dispatcher, (tx) => listReviewQueue(tx, b.dispatcher, NINE_AM))).toEqual([]);
  });

  test("broadcast: every qualified technician is offered the job and the first to accept gets it", async () => {
    const templateId = await newTemplate({ dispatchMode: "broadcast", name: "Broadcast HVAC" });
    // the technician login belongs to Sam; another login for Ali
    const aliUser = b.users.viewer;
    await withService(db, async (tx) => {
      await tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.sam, b.users.technician.userId]);
      await tx.query("update public.memberships set role = 'technician' where user_id = $1 and org_id = $2", [aliUser.userId, b.orgId]);
      await tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.ali, aliUser.userId]);
    });
    const r = await create({ templateId, customerId: b.customers.reachable });
    expect(r.decision.state).toBe("offered");
    expect(r.decision.reason).toBe("offered to 2 qualified technicians; the first to accept gets it");
    const offers = await withService(db, (tx) => tx.query<{ id: string; technician_id: string }>("select id, technician_id from public.job_offers where job_id = $1", [r.job.id]));
    const offerOf = (tech: string) => offers.find((o) => o.technician_id === tech)!.id;
    const asTech = (user: typeof aliUser, name: string) => ({ ...user, name });
    const respond = (user: typeof aliUser, name: string, offer: string) =>
      withUser(db, user, (tx) => respondToOffer(tx, asTech(user, name), { offerId: offer, accept: true }, NINE_AM)).then((r) => r.outcome);
    const outcomes = await Promise.all([respond(b.users.technician, "Sam Okafor", offerOf(b.techs.sam)), respond(aliUser, "Ali Haddad", offerOf(b.techs.ali))]);
    expect([...outcomes].sort()).toEqual(["accepted", "taken"]);
    const winner = outcomes[0] === "accepted" ? b.techs.sam : b.techs.ali;
    const assignments = await withService(db, (tx) => tx.query<{ leader_id: string }>("select leader_id from public.assignments where job_id = $1 and active", [r.job.id]));
    expect(assignments).toEqual([{ leader_id: winner }]);
    // nobody can answer someone else's offer
    await expect(respond(b.users.technician, "Sam Okafor", offerOf(b.techs.ali))).rejects.toThrow(/not yours/);
  });

  test("answered offers stay on both phones by the planning clock, even when it runs ahead of the database's", async () => {
    // a planning time long after the real one (a demonstration clock, or a test server set to a later day)
    const later = new Date("2099-03-02T15:00:00Z"); // Monday 09:00 in Chicago
    const templateId = await newTemplate({ dispatchMode: "broadcast", name: "Broadcast later" });
    const aliUser = b.users.viewer;
    await withService(db, async (tx) => {
      await tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.sam, b.users.technician.userId]);
      await tx.query("update public.memberships set role = 'technician' where user_id = $1 and org_id = $2", [aliUser.userId, b.orgId]);
      await tx.query("update public.technicians set user_id = $2 where id = $1", [b.techs.ali, aliUser.userId]);
    });
    const r = await withUser(db, b.dispatcher, (tx) => createJob(tx, b.dispatcher, { date: "2099-03-02", templateId, customerId: b.customers.reachable }, later));
    expect(r.decision.state).toBe("offered");
    const offers = await withService(db, (tx) => tx.query<{ id: string; technician_id: string }>("select id, technician_id from public.job_offers where job_id = $1", [r.job.id]));
    const samOffer = offers.find((o) => o.technician_id === b.techs.sam)!.id;
    const accepted = await withUser(db, b.users.technician, (tx) => respondToOffer(tx, { ...b.users.technician, name: "Sam Okafor" }, { offerId: samOffer, accept: true }, later));
    expect(accepted.outcome).toBe("accepted");
    const stateOn = async (user: typeof aliUser, tech: string) => {
      const day = await withUser(db, user, (tx) => loadTechDay(tx, b.orgId, tech, later));
      return day!.offers.filter((o) => o.job.id === r.job.id).map((o) => o.state);
    };
    expect(await stateOn(b.users.technician, b.techs.sam)).toEqual(["accepted"]);
    expect(await stateOn(aliUser, b.techs.ali)).toEqual(["taken"]);
  });

  test("with automatic dispatch off for the company, a new job waits in the queue for a person", async () => {
    await withService(db, (tx) => tx.query("update public.companies set auto_dispatch_enabled = false where id = $1", [b.orgId]));
    const r = await create({ customerId: b.customers.reachable, requiredSkills: ["HVAC"] });
    expect(r.decision).toMatchObject({ state: "manual", reason: "automatic dispatch is off for the company" });
    expect(r.job.status).toBe("unscheduled");
  });

  test("suggestions: the best three slots for a queued job", async () => {
    const s = await withUser(db, b.dispatcher, (tx) => suggestSlots(tx, b.dispatcher, b.jobs.A, "2026-11-23", NINE_AM));
    expect(s.length).toBe(2); // Ali and Sam hold HVAC, Mei does not
    expect(s.every((c) => c.eligible && c.start !== null && c.reasons.length > 0)).toBe(true);
  });

  test("templates: only admins manage them, and other companies never see them", async () => {
    await newTemplate({ name: "Boiler service" });
    await expect(withUser(db, b.dispatcher, (tx) => createTemplate(tx, b.orgId, template({ name: "Sneaky" })))).rejects.toThrow(/row-level security/);
    const other = await createTestBoard(db);
    expect(await withUser(db, other.dispatcher, (tx) => listTemplates(tx, b.orgId))).toEqual([]);
    expect((await withUser(db, b.viewer, (tx) => listTemplates(tx, b.orgId))).map((t) => t.name)).toEqual(["Boiler service"]);
  });

  test("a duplicate work order is refused with a clear message", async () => {
    await expect(create({ customerId: b.customers.reachable, workOrder: b.job("A") })).rejects.toThrow(`Work order ${b.job("A")} already exists.`);
  });
});
