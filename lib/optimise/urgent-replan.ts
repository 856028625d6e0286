/**
 * The "re-plan the day" option of an urgent request: today's board re-routed by
 * the route optimiser (in worker threads) with the urgent job forced in and
 * every moved job kept inside its customer's promised window, described as a
 * bump option with its harm in words. Reads and writes nothing: the caller
 * loads today's board and stores the option next to the ranked ones.
 */
import type { BoardDay, BoardJob } from "@/lib/db/board";
import { toEngineBoard, toEngineJob, travelFor } from "@/lib/board/engine-board";
import { boardPoints } from "@/lib/engine/travel";
import { roadTravel } from "@/lib/geo/osrm-table";
import { resolveHarmWeights } from "@/lib/engine/bump-harm";
import type { BumpOption } from "@/lib/engine/bump-ranking";
import { replanOption } from "@/lib/engine/replan-option";
import { describeDayPlan } from "@/lib/engine/vrp/day-plan";
import { buildDayProblem } from "@/lib/engine/vrp/day-problem";
import type { SeenVisit } from "@/lib/optimise/day-proposal";
import { runSolver } from "@/lib/optimise/run-solver";
import { toMinute } from "@/lib/time/epoch-minute";
import { dayRange } from "@/lib/time/zoned-time";

export interface UrgentReplanOptions {
  now: Date;
  timeLimitMs: number;
  allowSlaOverride: boolean;
  seed?: number;
  threads?: number;
  /** Stop after this many iterations as well (the same seed then gives the same answer). */
  maxIterations?: number;
  signal?: AbortSignal;
}

export type UrgentReplan =
  | {
      option: BumpOption;
      /** Every technician whose day the re-plan may change. */
      technicianIds: string[];
      /** Each visit on their lanes as it stood when planned: approval refuses a board that moved on. */
      seen: SeenVisit[];
      summary: string;
    }
  | { option: null; reason: string };

/**
 * @example
 * const replan = await planUrgentReplan(today, urgentJob, { now: now(), timeLimitMs: 3000, allowSlaOverride: false });
 * replan.option?.harm.score
 */
export async function planUrgentReplan(day: BoardDay, urgent: BoardJob, options: UrgentReplanOptions): Promise<UrgentReplan> {
  const withUrgent: BoardDay = { ...day, jobs: { ...day.jobs, [urgent.id]: urgent } };
  const board = toEngineBoard(withUrgent);
  const road = await roadTravel(boardPoints(board), travelFor(withUrgent, board), { baseUrl: process.env.CREWBOARD_OSRM_URL, bufferMin: day.company.travelBufferMin });
  const travel = road.travel;
  const range = dayRange(day.date, day.company.timeZone);
  const problem = buildDayProblem({
    board,
    day: { start: toMinute(range.start), end: toMinute(range.end) },
    now: toMinute(options.now),
    travel,
    movePublished: true,
    keepPromisedWindows: true,
    forcedJobIds: [urgent.id],
    queueJobIds: [urgent.id],
  });
  if (problem.technicians.length === 0) return { option: null, reason: "Nobody works today, so there is no day to re-plan." };
  if (!problem.clientJob.some((job) => job.id === urgent.id)) {
    return { option: null, reason: `Re-planning the day cannot help: ${urgent.workOrder} can no longer be done by its deadline today.` };
  }
  const answer = await runSolver(
    { instance: problem.instance, initial: problem.initial, seed: options.seed ?? 1, timeLimitMs: options.timeLimitMs, maxIterations: options.maxIterations },
    { signal: options.signal, threads: options.threads },
  );
  const plan = describeDayPlan(problem, answer.solution, { timeZone: day.company.timeZone, snapMinutes: day.company.snapMinutes });
  const result = replanOption({
    urgent: toEngineJob(urgent),
    plan,
    feasible: answer.feasible,
    jobs: new Map(board.jobs.map((job) => [job.id, job])),
    assignments: new Map(board.assignments.map((a) => [a.jobId, a])),
    weights: resolveHarmWeights(),
    timeZone: day.company.timeZone,
    allowSlaOverride: options.allowSlaOverride,
  });
  if (!result.option) return result;
  const technicianIds = problem.technicians.map((t) => t.id);
  const optimised = new Set(technicianIds);
  const seen = day.assignments
    .filter((a) => [a.leaderId, ...a.helperIds].some((id) => optimised.has(id)))
    .map((a) => ({ jobId: a.jobId, jobVersion: day.jobs[a.jobId]?.version ?? 0, assignmentVersion: a.version }));
  return { option: result.option, technicianIds, seen, summary: plan.summary };
}
