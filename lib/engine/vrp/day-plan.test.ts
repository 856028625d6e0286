import { describe, expect, test } from "vitest";
import { DAY, at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import { createRandom } from "@/lib/engine/random";
import type { Board, Priority } from "@/lib/engine/types";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import { describeDayPlan } from "@/lib/engine/vrp/day-plan";
import { buildDayProblem } from "@/lib/engine/vrp/day-problem";
import { solveVrp } from "@/lib/engine/vrp/solve";

/**
 * Ana lives west, Ben east. Each is booked at 09:00 on the other side of town;
 * Ana also has a pinned 13:00 job in the west. The queue holds a priority-1
 * refrigeration job (only Ben is certified) and a low-priority job.
 */
function crossedBoard(): Board {
  return {
    technicians: [
      makeTechnician({ id: "ana", name: "Ana" }),
      makeTechnician({ id: "ben", name: "Ben", skills: ["refrigeration"] }),
    ],
    jobs: [
      makeJob({ id: "east1" }),
      makeJob({ id: "west1" }),
      makeJob({ id: "west2", pinned: true }),
      makeJob({ id: "fridge", status: "unscheduled", priority: 1, requiredSkills: ["refrigeration"], window: span("10:00", "14:00") }),
      makeJob({ id: "low", status: "unscheduled", priority: 4 }),
    ],
    assignments: [makeAssignment("east1", "ana", "09:00", "10:00"), makeAssignment("west1", "ben", "09:00", "10:00"), makeAssignment("west2", "ana", "13:00", "14:00")],
  };
}

const west = ["home:ana", "job:west1", "job:west2", "job:low"];
const east = ["home:ben", "job:east1", "job:fridge"];
function sides(): Record<string, number> {
  const table: Record<string, number> = {};
  for (const group of [west, east]) {
    for (const a of group) for (const b of group) if (a < b) table[`${a}↔${b}`] = 10;
  }
  return table;
}
const travel = travelTable(sides(), 60);
const day = { start: DAY, end: DAY + 1440 };

function optimise(board: Board, movePublished = false) {
  const problem = buildDayProblem({ board, day, now: at("07:00"), travel, movePublished });
  const result = solveVrp(problem.instance, { seed: 1, maxIterations: 200, initial: problem.initial });
  const check = checkSolution(problem.instance, result.solution, { claimedDistance: result.distance });
  return { problem, result, check, plan: describeDayPlan(problem, result.solution, { timeZone: "UTC" }) };
}

// Solver runs take real CPU: allow for a busy machine.
describe("day optimisation", { timeout: 60_000 }, () => {
  test("uncrosses the two technicians, places the queue by skill, and leaves pinned work alone", () => {
    const { plan, check } = optimise(crossedBoard());
    expect(check.problems).toEqual([]);
    const moves = Object.fromEntries(plan.moved.map((m) => [m.workOrder, `${m.from?.technicianName} → ${m.to.technicianName}`]));
    expect(moves).toEqual({ "WO-east1": "Ana → Ben", "WO-west1": "Ben → Ana" });
    expect(plan.placed.map((p) => [p.workOrder, p.to.technicianName])).toEqual(
      expect.arrayContaining([
        ["WO-fridge", "Ben"],
        ["WO-low", "Ana"],
      ]),
    );
    expect(plan.fixed).toEqual([{ jobId: "west2", reason: "WO-west2 is pinned by the dispatcher" }]);
    const ana = plan.routes.find((r) => r.technicianId === "ana");
    expect(ana?.stops.find((s) => s.jobId === "west2")).toMatchObject({ start: at("13:00"), end: at("14:00") });
    expect(plan.travelAfter).toBeLessThan(plan.travelBefore);
    expect(plan.summary).toMatch(/^Driving \d+ min → \d+ min \(−\d+ min\); 2 jobs move, 2 placed from the queue$/);
    expect(plan.moved[0].why).toContain("driving");
  });

  test("published jobs stay unless the dispatcher lets them move", () => {
    const board = crossedBoard();
    board.jobs.find((j) => j.id === "east1")!.status = "published";
    const kept = optimise(board).plan;
    expect(kept.moved.map((m) => m.workOrder)).not.toContain("WO-east1");
    expect(kept.fixed.map((f) => f.reason)).toContain("WO-east1 is published to its technician and customer");
    const moved = optimise(board, true).plan;
    expect(moved.moved.map((m) => m.workOrder)).toContain("WO-east1");
  });

  test("a crew job stays with its crew, on the helper's route too", () => {
    const board = crossedBoard();
    board.assignments[0] = makeAssignment("east1", "ana", "09:00", "10:00", ["ben"]);
    const { plan, check } = optimise(board);
    expect(check.problems).toEqual([]);
    const ben = plan.routes.find((r) => r.technicianId === "ben");
    expect(ben?.stops.find((s) => s.jobId === "east1")).toMatchObject({ start: at("09:00"), helper: true });
    expect(plan.moved.map((m) => m.workOrder)).not.toContain("WO-east1");
  });

  test("when only one queue job fits, the higher priority wins even though it drives farther", () => {
    const board: Board = {
      technicians: [makeTechnician({ id: "ana", name: "Ana", shifts: [span("08:00", "11:00")] })],
      jobs: [
        makeJob({ id: "near", status: "unscheduled", priority: 4, durationMin: 120 }),
        makeJob({ id: "far", status: "unscheduled", priority: 2, durationMin: 120 }),
      ],
      assignments: [],
    };
    const nearAndFar = travelTable({ "home:ana↔job:near": 5, "home:ana↔job:far": 25, "job:near↔job:far": 30 });
    const problem = buildDayProblem({ board, day, now: at("07:00"), travel: nearAndFar, movePublished: false });
    const result = solveVrp(problem.instance, { seed: 3, maxIterations: 100, initial: problem.initial });
    const plan = describeDayPlan(problem, result.solution, { timeZone: "UTC" });
    expect(plan.placed.map((p) => p.workOrder)).toEqual(["WO-far"]);
    expect(plan.leftOut).toEqual([
      {
        jobId: "near",
        workOrder: "WO-near",
        wasBooked: false,
        why: "The days of Ana are full between 07:00–22:00 with work that ranks as high or higher (priority 4)",
      },
    ]);
  });

  test("says why a job nobody can do is left out", () => {
    const board = crossedBoard();
    board.jobs.push(makeJob({ id: "gas", status: "unscheduled", requiredSkills: ["gas-safe"] }));
    const { plan } = optimise(board);
    expect(plan.leftOut).toContainEqual({ jobId: "gas", workOrder: "WO-gas", wasBooked: false, why: "Nobody in this optimisation holds gas-safe" });
  });
});

describe("day problem", () => {
  test("pinned stops the board already has too close together keep their order and start as soon as the drive allows", () => {
    const board: Board = {
      technicians: [makeTechnician({ id: "ana", name: "Ana" })],
      jobs: [makeJob({ id: "p1", pinned: true }), makeJob({ id: "p2", pinned: true })],
      assignments: [makeAssignment("p1", "ana", "09:00", "10:00"), makeAssignment("p2", "ana", "10:00", "11:00")],
    };
    const far = travelTable({ "job:p1↔job:p2": 30 }, 10);
    const problem = buildDayProblem({ board, day, now: at("07:00"), travel: far, movePublished: false });
    const result = solveVrp(problem.instance, { seed: 1, maxIterations: 20, initial: problem.initial });
    expect(result.feasible).toBe(true);
    const plan = describeDayPlan(problem, result.solution, { timeZone: "UTC" });
    expect(plan.routes[0].stops.map((s) => [s.jobId, s.start])).toEqual([
      ["p1", at("09:00")],
      ["p2", at("10:30")],
    ]);
    expect(plan.moved).toEqual([]);
  });
});

describe("snapping planned times", { timeout: 60_000 }, () => {
  const seven = travelTable({}, 7);
  function plan(jobs: Board["jobs"], snapMinutes: number, assignments: Board["assignments"] = []) {
    const board: Board = { technicians: [makeTechnician({ id: "ana", name: "Ana" })], jobs, assignments };
    const problem = buildDayProblem({ board, day, now: at("07:00"), travel: seven, movePublished: false });
    const result = solveVrp(problem.instance, { seed: 1, maxIterations: 30, initial: problem.initial });
    return describeDayPlan(problem, result.solution, { timeZone: "UTC", snapMinutes });
  }

  test("starts moved and placed jobs on the company's snap grid", () => {
    const queued = [makeJob({ id: "q1", status: "unscheduled", durationMin: 50 }), makeJob({ id: "q2", status: "unscheduled", durationMin: 50 })];
    // to the minute: 08:07 after a 7 min drive
    expect(plan(queued, 1).routes[0].stops[0].start).toBe(at("08:07"));
    const snapped = plan(queued, 15);
    expect(snapped.routes[0].snapped).toBe(true);
    expect(snapped.routes[0].stops.map((s) => (s.start - DAY) % 15)).toEqual([0, 0]);
    expect(snapped.routes[0].stops[0].start).toBe(at("08:15"));
    expect(snapped.placed.map((p) => (p.to.start - DAY) % 15)).toEqual([0, 0]);
  });

  test("keeps a route to the minute when rounding up would miss a window, and pinned stops keep their time", () => {
    const tight = [makeJob({ id: "q1", status: "unscheduled", window: span("08:07", "08:10") })];
    const r = plan(tight, 15).routes[0];
    expect(r.snapped).toBe(false);
    expect(r.stops[0].start).toBe(at("08:07"));
    const pinned = plan([makeJob({ id: "p", pinned: true }), makeJob({ id: "q", status: "unscheduled", durationMin: 30 })], 30, [makeAssignment("p", "ana", "09:10", "10:00")]);
    const stops = Object.fromEntries(pinned.routes[0].stops.map((s) => [s.jobId, s.start]));
    expect(stops.p).toBe(at("09:10"));
    expect((stops.q - DAY) % 30).toBe(0);
  });

  test("a job that keeps its booked time is not reported as moved", () => {
    const booked = [makeJob({ id: "b", durationMin: 60 })];
    const result = plan(booked, 15, [makeAssignment("b", "ana", "08:15", "09:15")]);
    expect(result.routes[0].stops[0].start).toBe(at("08:15"));
    expect(result.moved).toEqual([]);
  });
});

describe("breaks in an optimised day", { timeout: 60_000 }, () => {
  const lunch = span("12:00", "12:45");
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && a.end > b.start;

  function optimiseWith(board: Board, travelTimes = travelTable({}, 10), iterations = 200, seed = 1) {
    const problem = buildDayProblem({ board, day, now: at("07:00"), travel: travelTimes, movePublished: false });
    const result = solveVrp(problem.instance, { seed, maxIterations: iterations, initial: problem.initial });
    const check = checkSolution(problem.instance, result.solution, { claimedDistance: result.distance });
    return { problem, result, check, plan: describeDayPlan(problem, result.solution, { timeZone: "UTC" }) };
  }

  test("plans work around a technician's break, and moves a booked visit off it", () => {
    const board: Board = {
      technicians: [makeTechnician({ id: "ana", name: "Ana", breaks: [lunch] })],
      jobs: [
        makeJob({ id: "booked", durationMin: 60 }),
        ...["q1", "q2", "q3"].map((id) => makeJob({ id, status: "unscheduled", durationMin: 90 })),
      ],
      // booked by hand over lunch
      assignments: [makeAssignment("booked", "ana", "11:45", "12:45")],
    };
    const { plan, check, result } = optimiseWith(board);
    expect(check.problems).toEqual([]);
    expect(result.feasible).toBe(true);
    // 60 + 3 × 90 min of work and 4 drives fit in 8 h less the break; none of it over lunch
    expect(plan.routes[0].stops.map((s) => s.jobId).sort()).toEqual(["booked", "q1", "q2", "q3"]);
    for (const stop of plan.routes[0].stops) expect(overlaps(stop, lunch), `${stop.workOrder} ${stop.start}–${stop.end}`).toBe(false);
    expect(plan.moved.map((m) => m.workOrder)).toContain("WO-booked");
  });

  test("the drive to the next stop comes after the break, not in it", () => {
    const far = travelTable({ "job:west↔job:east": 60 }, 10);
    const board = (breaks: { start: number; end: number }[]): Board => ({
      technicians: [makeTechnician({ id: "ana", name: "Ana", breaks })],
      jobs: [
        makeJob({ id: "west", pinned: true, durationMin: 120 }),
        makeJob({ id: "east", status: "unscheduled", priority: 1, window: span("13:00", "13:30") }),
      ],
      assignments: [makeAssignment("west", "ana", "10:00", "12:00")],
    });
    // without a break Ana drives 12:00–13:00 and starts east at 13:00
    const free = optimiseWith(board([]), far).plan;
    expect(free.placed.map((p) => [p.workOrder, p.to.start])).toEqual([["WO-east", at("13:00")]]);
    // with lunch 12:00–13:00 she could only be there at 14:00, after its window: it stays in the queue
    const { plan, check } = optimiseWith(board([span("12:00", "13:00")]), far);
    expect(check.problems).toEqual([]);
    expect(plan.placed).toEqual([]);
    expect(plan.leftOut.map((l) => l.workOrder)).toEqual(["WO-east"]);
  });

  test.each([1, 2, 3, 4, 5])("never puts work on a break (random board %i)", (seed) => {
    const random = createRandom(seed);
    const pick = (from: number, to: number) => from + Math.floor(random.next() * (to - from + 1));
    const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
    const technicians = ["ana", "ben", "cy"].map((id) => {
      const start = pick(11 * 4, 13 * 4) * 15;
      return makeTechnician({ id, name: id, breaks: [span(clock(start), clock(start + pick(2, 4) * 15))] });
    });
    const jobs = Array.from({ length: 14 }, (_, i) => {
      const from = pick(8 * 4, 14 * 4) * 15;
      return makeJob({
        id: `j${i}`,
        status: "unscheduled",
        priority: pick(1, 4) as Priority,
        durationMin: pick(2, 8) * 15,
        window: random.next() < 0.5 ? span(clock(from), clock(from + pick(4, 12) * 15)) : null,
      });
    });
    const places = ["home:ana", "home:ben", "home:cy", ...jobs.map((j) => `job:${j.id}`)];
    const table: Record<string, number> = {};
    for (const a of places) for (const b of places) if (a < b) table[`${a}↔${b}`] = pick(5, 45);
    const { plan, check, problem } = optimiseWith({ technicians, jobs, assignments: [] }, travelTable(table), 300, seed);
    expect(check.problems).toEqual([]);
    expect(problem.breaks).toHaveLength(3);
    expect(plan.placed.length).toBeGreaterThan(0);
    for (const route of plan.routes) {
      const pause = technicians.find((t) => t.id === route.technicianId)!.breaks![0];
      for (const stop of route.stops) {
        expect(overlaps(stop, pause), `${route.technicianName} ${stop.workOrder}`).toBe(false);
        // and the drive to it does not run through the break either
        expect(overlaps({ start: stop.start - stop.travelBefore, end: stop.start }, pause), `drive to ${stop.workOrder}`).toBe(false);
      }
    }
  });
});
