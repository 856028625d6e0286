/**
 * Slot suggestions on the board: the engine's best places for a queued job,
 * ranked and laid on the technicians' lanes, and — when there are none — what
 * the board can tell about why.
 */
import { formatWhen } from "@/components/board/timeline";
import type { BoardDay, BoardJob } from "@/lib/db/board";
import type { CandidateView } from "@/lib/db/dispatch";
import type { EpochMinute } from "@/lib/engine/types";
import { dayRange } from "@/lib/time/zoned-time";
import { toMinute } from "@/lib/time/epoch-minute";


/** One suggested slot as the board draws it. */
export interface SuggestedSlot {
  /** 1 for the best. */
  rank: number;
  jobId: string;
  workOrder: string;
  technicianId: string;
  technicianName: string;
  start: EpochMinute;
  end: EpochMinute;
  score: number;
  /** The engine's candidate, its score breakdown rounded for reading. */
  candidate: CandidateView;
}

export interface RankSuggestionsOptions {
  /** How many slots to keep. Default 3. */
  limit?: number;
}

/**
 * The suggestions the board can show, best first and ranked from 1: candidates
 * that are eligible, have a slot and have a lane on this board (an inactive or
 * filtered-out technician has nowhere to draw it).
 *
 * @example
 * rankSuggestions(job, candidates, ["t1", "t2"]).map((s) => `${s.rank}:${s.technicianId}`) // ["1:t2", "2:t1"]
 */
export function rankSuggestions(
  job: Pick<BoardJob, "id" | "workOrder">,
  candidates: readonly CandidateView[],
  laneIds: Iterable<string>,
  options: RankSuggestionsOptions = {},
): SuggestedSlot[] {
  const lanes = new Set(laneIds);
  const slots: SuggestedSlot[] = [];
  for (const c of candidates) {
    if (slots.length >= (options.limit ?? 3)) break;
    if (!c.eligible || !c.start || !c.end || !lanes.has(c.technicianId)) continue;
    const start = toMinute(c.start);
    const end = toMinute(c.end);
    if (!(end > start)) continue;
    slots.push({
      rank: slots.length + 1,
      jobId: job.id,
      workOrder: job.workOrder,
      technicianId: c.technicianId,
      technicianName: c.technicianName,
      start,
      end,
      score: c.score,
      candidate: readableCandidate(c),
    });
  }
  return slots;
}

/**
 * The slots grouped by technician, each lane's in rank order.
 *
 * @example suggestionsByLane(slots).get("t1") // [{ rank: 2, … }]
 */
export function suggestionsByLane(slots: readonly SuggestedSlot[]): Map<string, SuggestedSlot[]> {
  const byLane = new Map<string, SuggestedSlot[]>();
  for (const s of slots) {
    const list = byLane.get(s.technicianId);
    if (list) list.push(s);
    else byLane.set(s.technicianId, [s]);
  }
  return byLane;
}

/**
 * A score as a slot's label shows it: whole points, the breakdown has the rest.
 *
 * @example formatScore(37.456) // "37"
 */
export function formatScore(score: number): string {
  const whole = Math.round(score);
  return Object.is(whole, -0) ? "0" : String(whole);
}

/**
 * The candidate as its breakdown is read: each reason's points to one decimal
 * (the engine keeps full precision, e.g. a workload share of 35.294117…).
 *
 * @example readableCandidate(c).reasons[2].value // 35.3
 */
export function readableCandidate(c: CandidateView): CandidateView {
  return { ...c, reasons: c.reasons.map((r) => ({ ...r, value: Math.round(r.value * 10) / 10 || 0 })) };
}

/**
 * Why a job finds no room on the board's day, as far as the board itself can
 * tell (shifts, skills, the job's window and deadline), or null when it cannot.
 *
 * @example whyNoRoom(crane, day, now) // "no technician holds crane-operator"
 */
export function whyNoRoom(
  job: Pick<BoardJob, "requiredSkills" | "windowStart" | "windowEnd" | "deadline" | "estimatedMinutes">,
  day: Pick<BoardDay, "date" | "company" | "technicians">,
  nowMinute: EpochMinute,
): string | null {
  const tz = day.company.timeZone;
  const range = dayRange(day.date, tz);
  const dayStart = toMinute(range.start);
  const dayEnd = toMinute(range.end);
  if (dayEnd <= nowMinute) return "this day is over";

  const holdsAll = (skills: string[]) => job.requiredSkills.every((s) => skills.includes(s));
  const anyoneSkilled = day.technicians.filter((t) => holdsAll(t.skills));
  if (anyoneSkilled.length === 0) {
    const missing = job.requiredSkills.filter((s) => !day.technicians.some((t) => t.skills.includes(s)));
    return missing.length > 0 ? `no technician holds ${missing.join(", ")}` : `no single technician holds ${job.requiredSkills.join(" and ")}`;
  }
  const working = anyoneSkilled.filter((t) => t.shift && toMinute(t.shift.end) > nowMinute);
  if (working.length === 0) {
    return day.technicians.some((t) => t.shift)
      ? job.requiredSkills.length > 0
        ? `no one with ${job.requiredSkills.join(", ")} works the rest of this day`
        : "no one works the rest of this day"
      : "nobody works on this day";
  }
  if (job.windowStart && job.windowEnd && (toMinute(job.windowEnd) <= dayStart || toMinute(job.windowStart) >= dayEnd)) {
    return `its arrival window is ${formatWhen(job.windowStart, day.date, tz)}, not on this day`;
  }
  if (job.deadline && toMinute(job.deadline) <= Math.max(dayStart, nowMinute)) {
    return `its deadline (${formatWhen(job.deadline, day.date, tz)}) comes before this day`;
  }
  const longest = Math.max(...working.map((t) => toMinute(t.shift!.end) - Math.max(nowMinute, toMinute(t.shift!.start))));
  if (job.estimatedMinutes > longest) return "it is longer than what is left of any qualified technician's shift";
  const threshold = Math.round(day.company.capacityThreshold * 100);
  return `the ${working.length === 1 ? "one qualified technician is" : `${working.length} qualified technicians are`} fully booked or would go over ${threshold}% of their shift`;
}

/**
 * What the board says when no slot is suggested.
 *
 * @example noRoomMessage("no technician holds crane-operator") // "No technician has room for it on this day: no technician holds crane-operator."
 */
export function noRoomMessage(why: string | null): string {
  return why ? `No technician has room for it on this day: ${why}.` : "No technician has room for it on this day.";
}
