/**
 * Cheapest feasible insertion of a job into one technician's day, without
 * moving anything already booked.
 *
 * A position is a gap between consecutive assignments in a shift (or before the
 * first, or after the last). In each gap the job goes at the earliest start that
 * leaves room to travel in from the previous place (home base when it is the
 * shift's first job) and on to the next job, avoids time off, starts inside the
 * customer's arrival window, ends by the deadline, and sits on the slot grid.
 *
 * Added travel is travel(prev→job) + travel(job→next) − travel(prev→next). With
 * no next job the drive home is not counted (the technician drives home anyway
 * and the board does not plan it) unless `countReturnHome` is set, which also
 * requires being home by the end of the shift.
 *
 * Time off blocks the work itself; travel is measured from the previous job.
 *
 * The slot template and recovery buffer (slot-rules.ts) apply here, so every path
 * that places work through this function obeys them: a job that is not urgent never
 * overlaps a flex slot; the technician's recovery buffer is kept after the previous
 * job and before the next one; a job of a fixed block's template is also offered
 * the earliest start inside its block, and other work the earliest start clear of
 * it, and positions rank by added travel plus the block preference
 * (`slotFitCost`), then start.
 */
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import { duration, overlaps, subtract } from "@/lib/engine/ranges";
import { closedBlocks, otherBlocks, ownBlocks, recoveryBuffer, slotFit, slotFitCost } from "@/lib/engine/slot-rules";
import type { SlotFit } from "@/lib/engine/slot-rules";
import { homeKey, jobKey } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, EpochMinute, Interval, Issue, Job, Technician } from "@/lib/engine/types";

export interface InsertionOptions {
  /** No start before this, e.g. now. Default: no limit. */
  earliestStart?: EpochMinute;
  /** Starts snap up to multiples of this many minutes (epoch-aligned, so whole hours line up). Default 15. */
  slotMinutes?: number;
  /** Only shifts overlapping this day are used. Default: every shift of the technician. */
  day?: Interval;
  /** Count (and require) the drive home after the last job. Default false. */
  countReturnHome?: boolean;
  /** IANA time zone for clock times in reasons. Default "UTC". */
  timeZone?: string;
}

export interface InsertionPosition {
  /** How many of the technician's other assignments come before the job. */
  positionIndex: number;
  start: EpochMinute;
  end: EpochMinute;
  /** Extra driving minutes this insertion causes. */
  addedTravel: number;
  travelBefore: number;
  /** Travel on to the next job (or home, with `countReturnHome`); 0 when neither. */
  travelAfter: number;
  prevJobId: string | null;
  nextJobId: string | null;
  shift: Interval;
  /** How the position sits with the technician's slot blocks. */
  fit: SlotFit;
}

export type InsertionFailureCode =
  | "no_shift"
  | "time_off_all_day"
  | "window_closed"
  | "deadline_unreachable"
  | "window_missed"
  | "too_long"
  | "outside_shift"
  | "flex_only"
  | "no_gap";

export interface InsertionReason extends Issue {
  code: InsertionFailureCode;
}

export interface InsertionResult {
  /** Feasible positions, by added travel, then start. Empty when none fits. */
  positions: InsertionPosition[];
  /** Why nothing fits; empty when a position was found. */
  reasons: InsertionReason[];
}

/**
 * Every feasible position for `job` in a technician's day, cheapest first.
 * `lane` is the technician's assignments (leader or helper) in time order; the
 * job's own current assignment in it, if any, is ignored.
 *
 * @example
 * const { positions, reasons } = findInsertions(ana, laneOf(index, ana.id), job, travel, {
 *   earliestStart: now,
 *   slotMinutes: 15,
 * });
 * positions[0] // { positionIndex: 2, start, end, addedTravel: 18, ... }
 */
export function findInsertions(
  technician: Technician,
  lane: readonly Assignment[],
  job: Job,
  travel: TravelTimes,
  options: InsertionOptions = {},
): InsertionResult {
  const slot = Math.max(1, options.slotMinutes ?? 15);
  const dur = job.durationMin;
  const shifts = technician.shifts
    .filter((s) => !options.day || overlaps(s, options.day))
    .sort((a, b) => a.start - b.start);
  const others = lane.some((a) => a.jobId === job.id) ? lane.filter((a) => a.jobId !== job.id) : lane;
  const { lo, hi } = startBounds(job, options);
  const home = homeKey(technician.id);
  const here = jobKey(job.id);
  const positions: InsertionPosition[] = [];
  const doubleBooked = hasOverlap(others);
  const buffer = recoveryBuffer(technician);
  const closed = closedBlocks(technician, job);
  // breaks are kept free like time off
  const off = technician.breaks?.length ? [...technician.timeOff, ...technician.breaks] : technician.timeOff;
  const blocked = closed.length ? [...off, ...closed] : off;
  const own = ownBlocks(technician, job);
  const avoid = technician.slotBlocks?.length ? [...blocked, ...otherBlocks(technician, job)] : blocked;

  if (lo <= hi) {
    for (const shift of shifts) {
      // Indices (into `others`) of the assignments that share time with this shift.
      const inShift: number[] = [];
      let after = others.length;
      for (let i = 0; i < others.length; i++) {
        const a = others[i];
        if (a.start < shift.end && a.end > shift.start) inShift.push(i);
        else if (a.start >= shift.end && after === others.length) after = i;
      }
      let prev: Assignment | null = null;
      for (let p = 0; p <= inShift.length; p++) {
        if (p > 0) {
          const candidate = others[inShift[p - 1]];
          if (!prev || candidate.end > prev.end) prev = candidate;
        }
        const next = p < inShift.length ? others[inShift[p]] : null;
        // Cheap bounds first: most gaps on a busy day are ruled out without asking for travel.
        const gapStart = prev ? Math.max(prev.end, shift.start) : shift.start;
        const gapEnd = next ? Math.min(next.start, shift.end) : shift.end;
        if (gapStart > hi) break;
        if (gapEnd - gapStart < dur || gapEnd - dur < lo) continue;
        const fromKey = prev ? jobKey(prev.jobId) : home;
        const travelBefore = travel.minutes(fromKey, here);
        const toKey = next ? jobKey(next.jobId) : options.countReturnHome ? home : null;
        const travelAfter = toKey ? travel.minutes(here, toKey) : 0;
        let readyAt = gapStart + travelBefore + (prev ? buffer : 0);
        let mustEndBy = next ? Math.min(shift.end, next.start - travelAfter - buffer) : shift.end - travelAfter;
        if (doubleBooked) {
          // The technician could be at either of two overlapping jobs: allow for both.
          for (let q = 0; q < p; q++) {
            const a = others[inShift[q]];
            if (prev && a !== prev && a.end > prev.start) {
              readyAt = Math.max(readyAt, a.end + travel.minutes(jobKey(a.jobId), here) + buffer);
            }
          }
          for (let q = p + 1; next && q < inShift.length && others[inShift[q]].start < next.end; q++) {
            const a = others[inShift[q]];
            mustEndBy = Math.min(mustEndBy, a.start - travel.minutes(here, jobKey(a.jobId)) - buffer);
          }
        }
        const latest = Math.min(hi, mustEndBy - dur);
        const from = Math.max(readyAt, lo);
        const first = firstFreeStart(from, latest, dur, blocked, slot);
        if (first === null) continue;
        const starts = [first];
        // fixed blocks: also the earliest start inside the job's own block, and clear of others' blocks
        for (const b of own) {
          const inside = firstFreeStart(Math.max(from, b.start), Math.min(latest, b.end - dur), dur, blocked, slot);
          if (inside !== null && !starts.includes(inside)) starts.push(inside);
        }
        if (avoid !== blocked && slotFit(technician, job, { start: first, end: first + dur }).kind === "other_block") {
          const clear = firstFreeStart(from, latest, dur, avoid, slot);
          if (clear !== null && !starts.includes(clear)) starts.push(clear);
        }
        const direct = toKey ? travel.minutes(fromKey, toKey) : 0;
        for (const start of starts) {
          positions.push({
            positionIndex: next ? inShift[p] : after,
            start,
            end: start + dur,
            addedTravel: travelBefore + travelAfter - direct,
            travelBefore,
            travelAfter,
            prevJobId: prev ? prev.jobId : null,
            nextJobId: next ? next.jobId : null,
            shift,
            fit: slotFit(technician, job, { start, end: start + dur }),
          });
        }
      }
    }
  }
  positions.sort((a, b) => a.addedTravel + slotFitCost(a.fit) - (b.addedTravel + slotFitCost(b.fit)) || a.start - b.start);
  return {
    positions,
    reasons: positions.length ? [] : explain(technician, others, job, travel, shifts, lo, hi, options),
  };
}

/** The allowed start range from now, the arrival window and the deadline. */
function startBounds(job: Job, options: InsertionOptions): { lo: number; hi: number } {
  // Arriving exactly at the window's end is on time (see checks.ts).
  const lo = Math.max(options.earliestStart ?? -Infinity, job.window ? job.window.start : -Infinity);
  const hi = Math.min(
    job.window ? job.window.end : Infinity,
    job.deadline !== null ? job.deadline - job.durationMin : Infinity,
  );
  return { lo, hi };
}

/** Whether any two assignments of a lane sorted by start overlap. */
function hasOverlap(lane: readonly Assignment[]): boolean {
  let latestEnd = -Infinity;
  for (const a of lane) {
    if (a.start < latestEnd) return true;
    latestEnd = Math.max(latestEnd, a.end);
  }
  return false;
}

/** The earliest start on the grid in [from, latest] whose work avoids time off. */
function firstFreeStart(
  from: number,
  latest: number,
  dur: number,
  timeOff: readonly Interval[],
  slot: number,
): number | null {
  let start = Math.ceil(from / slot) * slot;
  while (start <= latest) {
    const clash = timeOff.find((o) => o.start < start + dur && start < o.end);
    if (!clash) return start;
    start = Math.ceil(clash.end / slot) * slot;
  }
  return null;
}

/** Why nothing fits, most basic cause first. */
function explain(
  t: Technician,
  lane: readonly Assignment[],
  job: Job,
  travel: TravelTimes,
  shifts: Interval[],
  lo: number,
  hi: number,
  options: InsertionOptions,
): InsertionReason[] {
  const tz = options.timeZone ?? "UTC";
  const clock = (m: number) => formatClock(m, tz);
  const wo = job.workOrder;
  if (shifts.length === 0) {
    return [{ code: "no_shift", message: `${t.name} has no shift on this day` }];
  }
  const free = shifts.flatMap((s) => subtract(s, t.timeOff));
  if (free.length === 0) {
    return [{ code: "time_off_all_day", message: `${t.name} is on time off all day` }];
  }
  const reasons: InsertionReason[] = [];
  const now = options.earliestStart;
  if (job.window && now !== undefined && job.window.end < now) {
    reasons.push({
      code: "window_closed",
      message: `${wo}'s arrival window ${formatClockRange(job.window, tz)} has closed`,
    });
  }
  if (job.deadline !== null && job.deadline - job.durationMin < lo) {
    reasons.push({
      code: "deadline_unreachable",
      message: `${wo} cannot finish by its deadline ${clock(job.deadline)}: ${job.durationMin} min of work starting no earlier than ${clock(lo)}`,
    });
  }
  if (reasons.length) return reasons;
  if (lo > hi) {
    return [{ code: "deadline_unreachable", message: `${wo}'s arrival window and deadline leave no start time` }];
  }
  const longest = Math.max(...free.map(duration));
  if (job.durationMin > longest) {
    return [{
      code: "too_long",
      message: `${wo} takes ${job.durationMin} min; ${t.name}'s longest free stretch is ${longest} min`,
    }];
  }
  const reachable = free.some((f) => Math.max(lo, f.start) <= Math.min(hi, f.end - job.durationMin));
  if (!reachable) {
    const allowed =
      lo > -Infinity && hi < Infinity ? `between ${clock(lo)} and ${clock(hi)}`
      : lo > -Infinity ? `from ${clock(lo)}`
      : `by ${clock(hi)}`;
    return [{
      code: "outside_shift",
      message: `${wo} must start ${allowed}, outside ${t.name}'s working time ${shifts.map((s) => formatClockRange(s, tz)).join(", ")}`,
    }];
  }
  // Would the day have room if the customer's constraint were lifted?
  const without = (relaxed: Partial<Job>) =>
    findInsertions(t, lane, { ...job, ...relaxed }, travel, options).positions;
  const flex = closedBlocks(t, job);
  if (flex.length) {
    const open = findInsertions({ ...t, slotBlocks: t.slotBlocks?.filter((b) => b.kind !== "flex") }, lane, job, travel, options).positions;
    if (open.length) {
      return [{
        code: "flex_only",
        message: `${wo} is not urgent, and ${t.name}'s only room is the flex slot ${formatClockRange(flex.find((b) => open.some((o) => overlaps(b, o))) ?? flex[0], tz)} kept for urgent work`,
      }];
    }
  }
  if (job.deadline !== null) {
    const fits = without({ deadline: null });
    if (fits.length) {
      return [{
        code: "deadline_unreachable",
        message: `${wo} cannot finish by its deadline ${clock(job.deadline)}; the earliest finish is ${clock(Math.min(...fits.map((f) => f.end)))}`,
      }];
    }
  }
  if (job.window) {
    const fits = without({ window: null });
    if (fits.length) {
      return [{
        code: "window_missed",
        message: `${t.name} cannot start ${wo} in its arrival window ${formatClockRange(job.window, tz)}; the earliest start is ${clock(Math.min(...fits.map((f) => f.start)))}`,
      }];
    }
  }
  return [{
    code: "no_gap",
    message: `No gap in ${t.name}'s day fits ${wo} (${job.durationMin} min plus travel${recoveryBuffer(t) ? ` and ${recoveryBuffer(t)} min recovery` : ""})`,
  }];
}
