/**
 * Turning a finished drag into a placement: a queue card dropped on a lane, a
 * block moved to another lane or time, or a block's right edge pulled to a new
 * length. Times snap to the company's step; a visit is never shorter than one step.
 */
import type { BoardAssignment, BoardJob } from "@/lib/db/board";
import type { Interval } from "@/lib/engine/types";
import { moveCrew, type Placement } from "@/components/board/board-state";
import { snapMinute } from "@/components/board/timeline";
import { toIso, toMinute } from "@/lib/time/epoch-minute";


export interface SnapContext {
  range: Interval;
  snapMinutes: number;
}

/**
 * A queued job dropped on `technicianId`'s lane with the pointer at `pointerMinute`:
 * it starts at the snapped minute and lasts its estimate.
 *
 * @example placeFromQueue(job, "t-1", 599.4, ctx) // { leaderId: "t-1", helperIds: [], start: "…10:00", end: "…11:30" }
 */
export function placeFromQueue(job: Pick<BoardJob, "estimatedMinutes">, technicianId: string, pointerMinute: number, ctx: SnapContext): Placement {
  const start = snapMinute(ctx.range, pointerMinute, ctx.snapMinutes);
  return { leaderId: technicianId, helperIds: [], start: toIso(start), end: toIso(start + Math.max(ctx.snapMinutes, job.estimatedMinutes)) };
}

/**
 * A block dragged `deltaMinutes` along the time axis from `fromTechnicianId`'s lane
 * to `toTechnicianId`'s: same length, start snapped.
 *
 * @example moveBlock(assignment, "t-1", "t-2", 47, ctx) // 45 minutes later, on t-2
 */
export function moveBlock(
  a: Pick<BoardAssignment, "leaderId" | "helperIds" | "start" | "end">,
  fromTechnicianId: string,
  toTechnicianId: string,
  deltaMinutes: number,
  ctx: SnapContext,
): Placement {
  const start = toMinute(a.start);
  const length = toMinute(a.end) - start;
  const nextStart = snapMinute(ctx.range, start + deltaMinutes, ctx.snapMinutes);
  return { ...moveCrew(a, fromTechnicianId, toTechnicianId), start: toIso(nextStart), end: toIso(nextStart + length) };
}

/**
 * A block's right edge dragged `deltaMinutes`: the end snaps, the start stays,
 * and the visit keeps at least one snap step.
 *
 * @example resizeBlock(assignment, 31, ctx) // ends 30 minutes later
 */
export function resizeBlock(a: Pick<BoardAssignment, "leaderId" | "helperIds" | "start" | "end">, deltaMinutes: number, ctx: SnapContext): Placement {
  const start = toMinute(a.start);
  const end = snapMinute(ctx.range, toMinute(a.end) + deltaMinutes, ctx.snapMinutes);
  return { leaderId: a.leaderId, helperIds: [...a.helperIds], start: a.start, end: toIso(Math.max(start + Math.max(1, ctx.snapMinutes), end)) };
}

/** True when a placement differs from where the assignment already is. */
export function placementChanged(a: Pick<BoardAssignment, "leaderId" | "helperIds" | "start" | "end"> | undefined, p: Placement): boolean {
  if (!a) return true;
  const crew = (x: { helperIds: string[] }) => [...x.helperIds].sort().join();
  return a.leaderId !== p.leaderId || crew(a) !== crew(p) || Date.parse(a.start) !== Date.parse(p.start) || Date.parse(a.end) !== Date.parse(p.end);
}
