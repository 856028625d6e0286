import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
// Optimise day, end to end below the browser: the day is loaded as a dispatcher
// sees it, optimised in a worker thread, and approved as one change through the
// board's placement path; undo takes it all back; a board that changed meanwhile
// is refused, never overwritten.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser, type SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { loadBoardDay } from "@/lib/db/board";
import { listUndoable, placeJob } from "@/lib/db/board-changes";
import { applyDayPlan, undoOptimisation } from "@/lib/db/day-optimisation";
import { optimiseDay } from "@/lib/optimise/optimise-day";
import type { DayProposal } from "@/lib/optimise/day-proposal";
import type { ApplyDayPlanValues } from "@/lib/schemas/optimise";
import { createCompany, hex, testTargets } from "@/supabase/tests/helpers";

// Monday 2026-11-23 in Chicago (UTC-6); the planning clock reads 07:00.
const DAY = "2026-11-23";
const SEVEN_AM = new Date("2026-11-23T13:00:00Z");
const at = (hhmm: string): string => {
  const [h, m] = hhmm.split(":").map(Number);
  return new Date(Date.UTC(2026, 10, 23, h + 6, m)).toISOString();
};

interface Fixture {
  orgId: string;
  dispatcher: SessionUser;
  other: SessionUser;
  technician: SessionUser;
  west: string;
  east: string;
  jobs: { eastJob: string; westJob: string; queued: string };
  wo: (key: string) => string;
}

/**
 * Wes lives west and Eve east; each is booked at 09:00 on the other side of town,
 * and a job near Wes waits in the queue.
 */
async function createCrossedDay(db: Db): Promise<Fixture> {
  const company = await createCompany(db, { name: `Crossed ${hex()}`, timeZone: "America/Chicago" });
  const { orgId } = company;
  const wo = hex(3).toUpperCase();
  const ids = await withService(db, async (tx) => {
    await tx.query("update public.profiles set full_name = 'Dana Dispatcher' where id = $1", [company.users.dispatcher.userId]);
    await tx.query("update public.profiles set full_name = 'Ada Admin' where id = $1", [company.users.admin.userId]);
    const tech = async (name: string, lng: number) => {
      const [t] = await tx.query<{ id: string }>(
        "insert into public.technicians (org_id, name, skills, home_lat, home_lng) values ($1, $2, '{HVAC}', 41.88, $3) returning id",
        [orgId, name, lng],
      );
      await tx.query(
        "insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at) values ($1, $2, 1, '08:00', '16:30')",
        [orgId, t.id],
      );
      return t.id;
    };
    const west = await tech("Wes West", -87.9);
    const east = await tech("Eve East", -87.5);
    const [customer] = await tx.query<{ id: string }>(
      "insert into public.customers (org_id, name, phone, lat, lng) values ($1, 'Lakeview Diner', '+13125550199', 41.88, -87.7) returning id",
      [orgId],
    );
    const job = async (key: string, lng: number, status: string) => {
      const [j] = await tx.query<{ id: string }>(
        `insert into public.jobs (org_id, work_order, customer_id, description, priority, required_skills, estimated_minutes, lat, lng, status)
         values ($1, $2, $3, 'Service visit', 3, '{HVAC}', 60, 41.88, $4, $5) returning id`,
        [orgId, `WO-${wo}-${key}`, customer.id, lng, status],
      );
      return j.id;
    };
    const eastJob = await job("E", -87.51, "scheduled");
    const westJob = await job("W", -87.89, "scheduled");
    const queued = await job("Q", -87.88, "unscheduled");
    const assign = (jobId: string, leaderId: string) =>
      tx.query("insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at) values ($1, $2, $3, $4, $5)", [
        orgId,
        jobId,
        leaderId,
        at("09:00"),
        at("10:00"),
      ]);
    await assign(eastJob, west);
    await assign(westJob, east);
    return { west, east, jobs: { eastJob, westJob, queued } };
  });
  return {
    orgId,
    ...ids,
    dispatcher: { ...company.users.dispatcher, name: "Dana Dispatcher" },
    other: { ...company.users.admin, name: "Ada Admin" },
    technician: { ...company.users.technician, name: "Tia Tech" },
    wo: (key: string) => `WO-${wo}-${key}`,
  };
}

function approval(p: DayProposal): ApplyDayPlanValues {
  return {
    date: p.date,
    technicianIds: p.technicianIds,
    movePublished: p.movePublished,
    placements: p.placements,
    seen: p.seen,
    summary: p.plan.summary,
    travelBefore: p.plan.travelBefore,
    travelAfter: p.plan.travelAfter,
  };
}

async function refusal(p: Promise<unknown>): Promise<ActionFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ActionFailure) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

async function lanes(db: Db, f: Fixture): Promise<Record<string, string>> {
  const rows = await withService(db, (tx) =>
    tx.query<{ job_id: string; leader_id: string; starts_at: Date }>(
      "select job_id, leader_id, starts_at from public.assignments where org_id = $1 and active",
      [f.orgId],
    ),
  );
  const name = (id: string) => (id === f.west ? "west" : "east");
  const key = (id: string) => Object.entries(f.jobs).find(([, v]) => v === id)![0];
  return Object.fromEntries(rows.map((r) => [key(r.job_id), name(r.leader_id)]));
}

describe.each(testTargets())("optimise day on $name", { timeout: 120_000 }, (target) => {
  let db: Db;
  let f: Fixture;
  let proposal: DayProposal;

  const propose = async () => {
    const day = await withUser(db, f.dispatcher, (tx) => loadBoardDay(tx, f.orgId, DAY));
    const progress: number[] = [];
    // the optimiser thinks in its own thread: this one keeps running timers meanwhile
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    try {
      const p = await optimiseDay(day!, { movePublished: false, timeLimitMs: 600, now: SEVEN_AM, onProgress: (x) => progress.push(x.iteration) });
      return { proposal: p, progress, ticks };
    } finally {
      clearInterval(timer);
    }
  };

  beforeAll(async () => {
    db = await target.open();
    f = await createCrossedDay(db);
  });
  afterAll(async () => db?.close());

  test("the optimiser, in its own thread, uncrosses the two days and places the queued job, and says so", async () => {
    const run = await propose();
    proposal = run.proposal;
    expect(proposal.travelNote).toBe("Travel is the company's estimate (no road travel service is configured)");
    expect(run.progress.length).toBeGreaterThan(0);
    expect(run.ticks).toBeGreaterThan(2);
    const moves = Object.fromEntries(proposal.plan.moved.map((m) => [m.workOrder, `${m.from?.technicianName} → ${m.to.technicianName}`]));
    expect(moves).toEqual({ [f.wo("E")]: "Wes West → Eve East", [f.wo("W")]: "Eve East → Wes West" });
    expect(proposal.plan.placed.map((p) => [p.workOrder, p.to.technicianName])).toEqual([[f.wo("Q"), "Wes West"]]);
    expect(proposal.plan.travelAfter).toBeLessThan(proposal.plan.travelBefore);
    expect(proposal.placements).toHaveLength(3);
    expect(proposal.seen).toHaveLength(2);
    expect(proposal.after.find((r) => r.technicianId === f.west)?.stops.map((s) => s.workOrder).sort()).toEqual([f.wo("Q"), f.wo("W")].sort());
    // nothing is written by optimising
    expect(await lanes(db, f)).toEqual({ eastJob: "west", westJob: "east" });
  });

  test("with a road travel service configured, the optimiser reads its table; when it fails, the estimate, and says why", async () => {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? "");
      const n = (req.url ?? "").split("?")[0].split("/").pop()!.split(";").length;
      const durations = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 600)));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: "Ok", durations }));
    });
    // a port of its own: test runs side by side on one machine never meet
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const saved = process.env.CREWBOARD_OSRM_URL;
    try {
      process.env.CREWBOARD_OSRM_URL = url;
      const road = (await propose()).proposal;
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/^\/table\/v1\/driving\/[-\d.,;]+\?annotations=duration$/);
      expect(road.travelNote).toMatch(/^Travel from the road network \(\d+ places\)$/);
      // every drive is the service's 10 minutes plus the company's buffer
      const legs = road.after.flatMap((r) => r.stops.slice(1).map((s) => s.travelBefore));
      expect(new Set(legs).size).toBeLessThanOrEqual(1);
      // the same port once the service has stopped: nothing answers there
      await new Promise((resolve) => server.close(resolve));
      process.env.CREWBOARD_OSRM_URL = url;
      const fallback = (await propose()).proposal;
      expect(fallback.travelNote).toBe("Travel is the company's estimate: the road travel service could not be reached");
    } finally {
      if (saved === undefined) delete process.env.CREWBOARD_OSRM_URL;
      else process.env.CREWBOARD_OSRM_URL = saved;
      if (server.listening) server.close();
    }
  });

  test("a board changed meanwhile is refused with who changed what, and nothing moves", async () => {
    // someone else nudges the west job (an hour later) after the plan was made
    const moved = await withUser(db, f.other, (tx) =>
      placeJob(tx, f.other, { jobId: f.jobs.westJob, jobVersion: 1, assignmentVersion: 1, leaderId: f.east, helperIds: [], start: at("10:00"), end: at("11:00"), notifyCustomer: false }, SEVEN_AM),
    );
    const err = await refusal(withUser(db, f.dispatcher, (tx) => applyDayPlan(tx, f.dispatcher, approval(proposal), SEVEN_AM)));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(
      new RegExp(`^The board changed since it was optimised: ${f.wo("W")} was changed by Ada Admin at \\d\\d:\\d\\d\\. Optimise again to plan around it; nothing was changed\\.$`),
    );
    expect(await lanes(db, f)).toEqual({ eastJob: "west", westJob: "east" });
    const rows = await withService(db, (tx) => tx.query("select id from public.day_optimisations where org_id = $1", [f.orgId]));
    expect(rows).toEqual([]);
    // put it back where it was for the next tests
    await withUser(db, f.other, (tx) =>
      placeJob(tx, f.other, { jobId: f.jobs.westJob, jobVersion: moved.job.version, assignmentVersion: moved.assignment!.version, leaderId: f.east, helperIds: [], start: at("09:00"), end: at("10:00"), notifyCustomer: false }, SEVEN_AM),
    );
  });

  test("approving applies every placement as one optimisation, through the placement path, audited", async () => {
    proposal = (await propose()).proposal;
    const applied = await withUser(db, f.dispatcher, (tx) => applyDayPlan(tx, f.dispatcher, approval(proposal), SEVEN_AM));
    expect(applied.changed).toBe(3);
    expect(await lanes(db, f)).toEqual({ eastJob: "east", westJob: "west", queued: "west" });
    const changes = await withService(db, (tx) =>
      tx.query<{ optimisation_id: string; kind: string }>("select optimisation_id, kind from public.board_changes where org_id = $1 and optimisation_id is not null", [f.orgId]),
    );
    expect(changes.map((c) => c.optimisation_id)).toEqual([applied.optimisationId, applied.optimisationId, applied.optimisationId]);
    expect(changes.map((c) => c.kind).sort()).toEqual(["assign", "reassign", "reassign"]);
    const audit = await withService(db, (tx) =>
      tx.query<{ n: number }>(
        "select count(*)::int as n from public.audit_log where org_id = $1 and table_name = 'assignments' and context ->> 'optimisation_id' = $2",
        [f.orgId, applied.optimisationId],
      ),
    );
    expect(audit[0].n).toBe(3);
    const [queued] = await withService(db, (tx) => tx.query<{ status: string }>("select status from public.jobs where id = $1", [f.jobs.queued]));
    expect(queued.status).toBe("scheduled");
    // the person's recent changes show the optimisation once
    const undoable = await withUser(db, f.dispatcher, (tx) => listUndoable(tx, f.dispatcher));
    expect(undoable).toHaveLength(1);
    expect(undoable[0]).toMatchObject({ id: applied.optimisationId, kind: "optimise", jobId: null });
    expect(undoable[0].summary).toMatch(/^Dana Dispatcher optimised 2026-11-23: Driving \d+ min → \d+ min/);
  });

  test("undo is refused while any of its jobs has changed since, then takes the whole optimisation back", async () => {
    const [opt] = await withService(db, (tx) => tx.query<{ id: string }>("select id from public.day_optimisations where org_id = $1", [f.orgId]));
    const version = await withService(db, (tx) =>
      tx.query<{ jv: number; av: number }>("select j.version as jv, a.version as av from public.jobs j join public.assignments a on a.job_id = j.id and a.active where j.id = $1", [f.jobs.queued]),
    );
    const nudged = await withUser(db, f.other, (tx) =>
      placeJob(tx, f.other, { jobId: f.jobs.queued, jobVersion: version[0].jv, assignmentVersion: version[0].av, leaderId: f.west, helperIds: [], start: at("14:00"), end: at("15:00"), notifyCustomer: false }, SEVEN_AM),
    );
    const err = await refusal(withUser(db, f.dispatcher, (tx) => undoOptimisation(tx, f.dispatcher, opt.id, SEVEN_AM)));
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(new RegExp(`^The optimisation cannot be undone: ${f.wo("Q")} was changed by Ada Admin at \\d\\d:\\d\\d since; undo would overwrite that change\\. Nothing was undone\\.$`));
    expect(await lanes(db, f)).toEqual({ eastJob: "east", westJob: "west", queued: "west" });

    // put the queued job back where the optimisation had it; now undo works
    const [placed] = await withService(db, (tx) =>
      tx.query<{ after: { start: string; end: string } }>("select after from public.board_changes where optimisation_id = $1 and job_id = $2", [opt.id, f.jobs.queued]),
    );
    await withUser(db, f.other, (tx) =>
      placeJob(tx, f.other, { jobId: f.jobs.queued, jobVersion: nudged.job.version, assignmentVersion: nudged.assignment!.version, leaderId: f.west, helperIds: [], start: placed.after.start, end: placed.after.end, notifyCustomer: false }, SEVEN_AM),
    );
    const undone = await withUser(db, f.dispatcher, (tx) => undoOptimisation(tx, f.dispatcher, opt.id, SEVEN_AM));
    expect(undone.restored).toBe(3);
    expect(await lanes(db, f)).toEqual({ eastJob: "west", westJob: "east" });
    const [queued] = await withService(db, (tx) => tx.query<{ status: string }>("select status from public.jobs where id = $1", [f.jobs.queued]));
    expect(queued.status).toBe("unscheduled");
    const again = await refusal(withUser(db, f.dispatcher, (tx) => undoOptimisation(tx, f.dispatcher, opt.id, SEVEN_AM)));
    expect(again.message).toBe("That optimisation has already been undone.");
    expect(await withUser(db, f.dispatcher, (tx) => listUndoable(tx, f.dispatcher))).toEqual([]);
  });

  test("a technician cannot approve an optimisation (the database refuses the write)", async () => {
    proposal = (await propose()).proposal;
    await expect(withUser(db, f.technician, (tx) => applyDayPlan(tx, f.technician, approval(proposal), SEVEN_AM))).rejects.toThrow();
    expect(await lanes(db, f)).toEqual({ eastJob: "west", westJob: "east" });
  });
});
