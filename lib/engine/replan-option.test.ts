import { describe, expect, test } from "vitest";
import { DAY, at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import { DEFAULT_BUMP_HARM_WEIGHTS } from "@/lib/engine/bump-harm";
import { replanLeadMessage, replanOption } from "@/lib/engine/replan-option";
import type { Board } from "@/lib/engine/types";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import { describeDayPlan } from "@/lib/engine/vrp/day-plan";
import { buildDayProblem } from "@/lib/engine/vrp/day-problem";
import { solveVrp } from "@/lib/engine/vrp/solve";

/**
 * Ana (refrigeration) is booked 08:00–10:00 and 10:00–12:00 (stretched past its
 * 60 min estimate); Ben has a free day. An urgent refrigeration job must be done
 * by 11:00: only Ana can do it, so her morning has to make room.
 */
function board(): Board {
  return {
    technicians: [makeTechnician({ id: "ana", name: "Ana", skills: ["refrigeration"] }), makeTechnician({ id: "ben", name: "Ben" })],
    jobs: [
      makeJob({ id: "early", durationMin: 60 }),
      makeJob({ id: "late", durationMin: 60 }),
      makeJob({ id: "queued", status: "unscheduled", priority: 1 }),
      makeJob({ id: "urgent", status: "unscheduled", priority: 1, requiredSkills: ["refrigeration"], durationMin: 60, deadline: at("11:00") }),
    ],
    assignments: [makeAssignment("early", "ana", "08:00", "10:00"), makeAssignment("late", "ana", "10:00", "12:00")],
  };
}
const travel = travelTable({}, 10);
const day = { start: DAY, end: DAY + 1440 };

function replan(b: Board, allowSlaOverride = false) {
  const problem = buildDayProblem({ board: b, day, now: at("07:00"), travel, movePublished: true, keepPromisedWindows: true, forcedJobIds: ["urgent"], queueJobIds: ["urgent"] });
  const result = solveVrp(problem.instance, { seed: 1, maxIterations: 150, initial: problem.initial });
  const check = checkSolution(problem.instance, result.solution, { claimedDistance: result.distance });
  expect(check.feasible).toBe(result.feasible);
  const plan = describeDayPlan(problem, result.solution, { timeZone: "UTC" });
  return {
    problem,
    plan,
    result: replanOption({
      urgent: b.jobs.find((j) => j.id === "urgent")!,
      plan,
      feasible: result.feasible,
      jobs: new Map(b.jobs.map((j) => [j.id, j])),
      assignments: new Map(b.assignments.map((a) => [a.jobId, a])),
      weights: DEFAULT_BUMP_HARM_WEIGHTS,
      timeZone: "UTC",
      allowSlaOverride,
    }),
  };
}

describe("re-plan the day option", { timeout: 60_000 }, () => {
  test("the day problem forces the urgent job in, leaves the rest of the queue out, and keeps booked lengths", () => {
    const { problem } = replan(board());
    const jobs = problem.clientJob.map((j) => j.id);
    expect(jobs).toContain("urgent");
    expect(jobs).not.toContain("queued");
    const urgent = jobs.indexOf("urgent");
    expect(problem.instance.prize[urgent]).toBe(Infinity);
    // booked 2 h although estimated at 1 h: it keeps its 2 h
    expect(problem.instance.serviceTime[jobs.indexOf("early")]).toBe(120);
  });

  test("makes room for the urgent job on the only certified technician, every moved visit inside its promised window", () => {
    const { result } = replan(board());
    expect(result.option).not.toBeNull();
    const option = result.option!;
    expect(option.technicianId).toBe("ana");
    expect(option.meetsDeadline).toBe(true);
    expect(option.urgentSlot.end).toBeLessThanOrEqual(at("11:00"));
    expect(option.bumped.length).toBeGreaterThan(0);
    for (const moved of option.bumped) {
      expect(moved.newSlot).not.toBeNull();
      expect(moved.newWindow).toEqual(moved.oldWindow);
      expect(moved.newSlot!.start).toBeGreaterThanOrEqual(moved.oldWindow.start);
      expect(moved.newSlot!.start).toBeLessThanOrEqual(moved.oldWindow.end);
      expect(moved.newSlot!.end - moved.newSlot!.start).toBe(moved.oldSlot.end - moved.oldSlot.start);
    }
    // harm in words: each move costs a little, and travel is counted per technician
    const replanParts = option.harm.parts.filter((p) => p.factor === "replan");
    expect(replanParts).toHaveLength(option.bumped.length);
    expect(replanParts[0].why).toMatch(/^WO-\w+ (moves to|stays with) (Ana|Ben) at \d\d:\d\d–\d\d:\d\d, still inside its \d\d:\d\d–\d\d:\d\d window$/);
    expect(option.harm.score).toBe(option.harm.parts.reduce((sum, p) => sum + p.value, 0));
    expect(option.id).toMatch(/^replan\//);
  });

  test("offers nothing, and says why, when even a re-planned day has no room for the urgent job", () => {
    const b = board();
    // Ana's whole day is pinned work
    b.jobs = b.jobs.map((j) => (j.id === "early" || j.id === "late" ? { ...j, pinned: true } : j));
    const { result } = replan(b);
    expect(result.option).toBeNull();
    expect(result).toMatchObject({ reason: expect.stringContaining("Re-planning the day finds no place for WO-urgent: no order of the day fits it by its deadline") });
  });

  test("never takes an SLA job off the board without the override", () => {
    const b = board();
    // windows so tight nothing can shift: making room means dropping a booked job
    b.jobs = b.jobs.map((j) => (j.id === "early" || j.id === "late" ? { ...j, slaProtected: true, window: span(j.id === "early" ? "08:00" : "10:00", j.id === "early" ? "08:00" : "10:00") } : j));
    const { result } = replan(b);
    expect(result.option).toBeNull();
    expect(result).toMatchObject({ reason: expect.stringMatching(/^Re-planning the day would take WO-(early|late) \(SLA or contract\) off the board\.$/) });
    // with the override the option is offered, flagged, and says what goes back to the queue
    const overridden = replan(b, true).result.option!;
    expect(overridden.flags).toMatchObject({ slaOverride: true, unscheduled: true });
    const dropped = overridden.bumped.find((x) => x.newSlot === null)!;
    expect(dropped.reason).toMatch(/^no room in the re-planned day: back to the queue/);
    expect(overridden.harm.parts.map((p) => p.factor)).toEqual(expect.arrayContaining(["priority", "sla", "unscheduled"]));
  });

  test("the lead sentence, when the re-plan ranks first, names that option: who takes the urgent job when, and what moves", () => {
    const summary = "Driving 80 min → 74 min (−6 min); 2 jobs move, 0 placed from the queue";
    expect(replanLeadMessage({ urgentWorkOrder: "WO-urgent", technicianName: "Ana", urgentSlot: span("09:00", "10:00"), moved: 2, leftOut: 0, summary, timeZone: "UTC" })).toBe(
      `Least harm: re-plan the day — Ana takes WO-urgent at 09:00–10:00, 2 visits move inside their customers' windows, nobody is bumped (${summary})`,
    );
    expect(replanLeadMessage({ urgentWorkOrder: "WO-urgent", technicianName: "Ben", urgentSlot: span("09:00", "10:00"), moved: 1, leftOut: 1, summary, timeZone: "UTC" })).toMatch(
      /^Least harm: re-plan the day — Ben takes WO-urgent at 09:00–10:00, 1 visit moves inside its customer's window, 1 visit goes back to the queue/,
    );
  });
});
