/**
 * Optimise one day of the board: build the routing problem from the loaded day,
 * solve it in a worker thread within the time limit, and describe the result as
 * a proposal to preview. Reads nothing and writes nothing: the caller loads the
 * day, and applying is a separate, checked change.
 */
import type { BoardDay } from "@/lib/db/board";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { boardPoints } from "@/lib/engine/travel";
import { roadTravel } from "@/lib/geo/osrm-table";
import { describeDayPlan } from "@/lib/engine/vrp/day-plan";
import { buildDayProblem } from "@/lib/engine/vrp/day-problem";
import { proposeDay, type DayProposal } from "@/lib/optimise/day-proposal";
import { runSolver, type SolverProgress } from "@/lib/optimise/run-solver";
import { toMinute } from "@/lib/time/epoch-minute";
import { dayRange } from "@/lib/time/zoned-time";
import { ActionFailure } from "@/lib/actions/result";

export interface OptimiseDayOptions {
  /** Omitted: every active technician of the day. */
  technicianIds?: string[];
  movePublished: boolean;
  timeLimitMs: number;
  now: Date;
  seed?: number;
  onProgress?: (progress: SolverProgress) => void;
  signal?: AbortSignal;
}

/**
 * @example
 * const proposal = await optimiseDay(day, { movePublished: false, timeLimitMs: 5000, now: now() });
 * proposal.plan.summary // "Driving 412 min → 356 min (−56 min); 3 jobs move, 2 placed from the queue"
 */
export async function optimiseDay(day: BoardDay, options: OptimiseDayOptions): Promise<DayProposal> {
  const board = toEngineBoard(day);
  // road travel when a table service is configured, else (or when it fails) the company's estimate
  const road = await roadTravel(boardPoints(board), travelFor(day, board), { baseUrl: process.env.CREWBOARD_OSRM_URL, bufferMin: day.company.travelBufferMin });
  const travel = road.travel;
  const range = dayRange(day.date, day.company.timeZone);
  const problem = buildDayProblem({
    board,
    day: { start: toMinute(range.start), end: toMinute(range.end) },
    now: toMinute(options.now),
    travel,
    technicianIds: options.technicianIds,
    movePublished: options.movePublished,
  });
  if (problem.technicians.length === 0) {
    const why = problem.skipped.map((s) => s.reason).join("; ");
    throw new ActionFailure("refused", `Nobody chosen works that day${why ? `: ${why}` : ""}.`);
  }
  const answer = await runSolver(
    { instance: problem.instance, initial: problem.initial, seed: options.seed ?? 1, timeLimitMs: options.timeLimitMs },
    { onProgress: options.onProgress, signal: options.signal },
  );
  const plan = describeDayPlan(problem, answer.solution, { timeZone: day.company.timeZone, snapMinutes: day.company.snapMinutes });
  return proposeDay(day, problem, plan, travel, { movePublished: options.movePublished, iterations: answer.iterations, elapsedMs: answer.elapsedMs, travelNote: road.note });
}
