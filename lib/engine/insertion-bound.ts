/**
 * Cheap lower bounds on what inserting a job into a technician's day can cost,
 * so a search over many technicians can skip most of them without running
 * `findInsertions` on each.
 *
 * A bound walks the gaps findInsertions walks (per shift; home before the first
 * job, nothing after the last) and asks of each only what it must:
 *  - a gap shorter than the job, or ending before `earliest`, is skipped outright;
 *  - a gap between two jobs must hold the job plus at least the straight drive
 *    between them (going via the job is never shorter);
 *  - `roughBound` then takes travel at its least with no lookup per technician:
 *    by the triangle inequality, driving between the job and a place `x` minutes
 *    from home takes at least |home→job − x|, and home→job is bracketed from a
 *    few landmarks (homes spread over the board, measured once to every home);
 *  - `bound` looks the drives into and out of the gap up and is then exact but
 *    for time off and double bookings (which only make a slot later or impossible).
 * Minutes that do not depend on the job (straight drives across gaps,
 * home→booked jobs, landmarks→homes) are looked up once and shared by every job.
 *
 * A bound is never above the cost of the best slot findInsertions finds,
 * provided `cost` never decreases as the start or the added travel grows and
 * travel is symmetric and obeys the triangle inequality (the estimate does; a
 * road matrix nearly does — where it does not, a search using the bounds may
 * settle on a slightly costlier slot, never an infeasible one). A lane that holds
 * the job itself is bounded with it in the way: search such lanes exactly.
 */
import { laneOf } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { homeKey, jobKey } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";

export interface InsertionBoundOptions {
  /** Starts snap up to multiples of this many minutes, as in findInsertions. Default 15. */
  slotMinutes?: number;
  /** Only shifts overlapping this day are used. */
  day?: Interval;
  /** Gaps ending by then are never asked about (e.g. now): they are left out. */
  notBefore?: EpochMinute;
  /** Landmarks for `roughBound`. Default 4. */
  landmarks?: number;
}

/** Lower bounds for one job in one day: within its latest start, and ignoring it. */
export interface InsertionBound {
  /** Least cost of a slot starting by `latest`; null when no gap can hold one. */
  withinLatest: number | null;
  /** Least cost of any slot; null when no gap can hold the job at all. */
  any: number | null;
}

/** Cost of a slot; must never decrease as the start or the added travel grows. */
export type SlotCost = (start: EpochMinute, addedTravel: number) => number;

export interface InsertionBounds {
  /** The least `cost` of inserting `job` into the technician's day from `earliest`, drives in and out looked up. */
  bound(technician: Technician, job: Job, earliest: EpochMinute, latest: EpochMinute, cost: SlotCost): InsertionBound;
  /** A looser bound with no lookup per technician (home→job bracketed by landmarks). */
  roughBound(technician: Technician, job: Job, earliest: EpochMinute, latest: EpochMinute, cost: SlotCost): InsertionBound;
}

/** A free stretch of a technician's day, as findInsertions sees it. */
interface Gap {
  start: EpochMinute;
  end: EpochMinute;
  /** Place before the gap (home at the start of a shift) and its lane index (-1 for home). */
  prevKey: string;
  prev: number;
  /** The job after the gap and its lane index; null / -1 when none follows. */
  nextKey: string | null;
  next: number;
  /** Straight drive from the place before to the job after (0 when none follows). */
  direct: number;
  /** Longest job the gap could hold: its length less that straight drive. */
  room: number;
}

interface Remembered {
  /** Gaps by room, most first. */
  gaps: Gap[];
  /** Minutes from home to each job in the lane; NaN until asked. */
  fromHome: number[];
  /** Minutes from each landmark to home. */
  fromLandmarks: number[];
}

/**
 * Bounds over one day's board, remembering what every job's search can share.
 *
 * @example
 * const bounds = createInsertionBounds(index, travel, { slotMinutes: 15 });
 * bounds.bound(ana, job, at("09:00"), at("12:00"), (start, added) => added).withinLatest // 12
 */
export function createInsertionBounds(
  index: BoardIndex,
  travel: TravelTimes,
  options: InsertionBoundOptions = {},
): InsertionBounds {
  const slot = Math.max(1, options.slotMinutes ?? 15);
  const day = options.day;
  const memo = new Map<string, Remembered>();
  const landmarkCount = options.landmarks ?? 4;
  const notBefore = options.notBefore ?? -Infinity;
  let landmarks: string[] | null = null;
  const landmarkTo = new Map<string, number[]>();

  const rememberedFor = (t: Technician): Remembered => {
    let r = memo.get(t.id);
    if (r) return r;
    const home = homeKey(t.id);
    const lane = laneOf(index, t.id);
    const gaps: Gap[] = [];
    for (const shift of t.shifts) {
      if (day && !(shift.start < day.end && day.start < shift.end)) continue;
      let gapStart = shift.start;
      let prev = -1;
      for (let i = 0; i <= lane.length; i++) {
        const next = i < lane.length ? lane[i] : null;
        if (next && !(next.start < shift.end && next.end > shift.start)) continue;
        const gapEnd = next ? Math.min(next.start, shift.end) : shift.end;
        if (gapEnd > gapStart && gapEnd > notBefore) {
          const prevKey = prev < 0 ? home : jobKey(lane[prev].jobId);
          const nextKey = next ? jobKey(next.jobId) : null;
          const direct = nextKey ? travel.minutes(prevKey, nextKey) : 0;
          gaps.push({ start: gapStart, end: gapEnd, prevKey, prev, nextKey, next: next ? i : -1, direct, room: gapEnd - gapStart - direct });
        }
        if (next && next.end > gapStart) {
          gapStart = next.end;
          prev = i;
        }
      }
    }
    gaps.sort((a, b) => b.room - a.room);
    r = { gaps, fromHome: lane.map(() => NaN), fromLandmarks: [] };
    memo.set(t.id, r);
    return r;
  };

  const homeTo = (t: Technician, r: Remembered, i: number): number => {
    if (i < 0) return 0;
    if (Number.isNaN(r.fromHome[i])) r.fromHome[i] = travel.minutes(homeKey(t.id), jobKey(laneOf(index, t.id)[i].jobId));
    return r.fromHome[i];
  };

  /** Homes chosen farthest-first, each measured to every home. */
  const ensureLandmarks = (): string[] => {
    if (landmarks) return landmarks;
    landmarks = [];
    const technicians = index.technicians;
    const nearest = new Float64Array(technicians.length).fill(Infinity);
    let pick = 0;
    while (technicians.length && landmarks.length < landmarkCount) {
      const key = homeKey(technicians[pick].id);
      landmarks.push(key);
      let farthest = -1;
      technicians.forEach((t, k) => {
        const m = travel.minutes(key, homeKey(t.id));
        rememberedFor(t).fromLandmarks.push(m);
        nearest[k] = Math.min(nearest[k], m);
        if (farthest < 0 || nearest[k] > nearest[farthest]) farthest = k;
      });
      if (farthest < 0 || nearest[farthest] === 0) break;
      pick = farthest;
    }
    return landmarks;
  };

  /** Minutes from each landmark to the job. */
  const landmarkDistances = (job: Job): number[] => {
    let toJob = landmarkTo.get(job.id);
    if (!toJob) {
      const marks = ensureLandmarks();
      landmarkTo.set(job.id, (toJob = marks.map((key) => travel.minutes(key, jobKey(job.id)))));
    }
    return toJob;
  };

  const walk = (
    t: Technician,
    job: Job,
    earliest: EpochMinute,
    latest: EpochMinute,
    cost: SlotCost,
    exact: boolean,
  ): InsertionBound => {
    const r = rememberedFor(t);
    const dur = job.durationMin;
    const here = exact ? jobKey(job.id) : "";
    let lo = -1;
    let hi = Infinity;
    let toJob: number[] | null = null;
    let withinLatest = Infinity;
    let any = Infinity;
    for (const gap of r.gaps) {
      // Going via the job is never shorter than driving straight across the gap.
      if (gap.room < dur) break;
      if (gap.end - Math.max(gap.start, earliest) < dur) continue;
      let before: number;
      let after = 0;
      if (exact) {
        before = travel.minutes(gap.prevKey, here);
        if (gap.nextKey !== null) after = travel.minutes(here, gap.nextKey);
      } else {
        if (lo < 0) {
          if (!toJob) toJob = landmarkDistances(job);
          lo = 0;
          for (let l = 0; l < r.fromLandmarks.length; l++) {
            lo = Math.max(lo, Math.abs(toJob[l] - r.fromLandmarks[l]));
            hi = Math.min(hi, toJob[l] + r.fromLandmarks[l]);
          }
        }
        const toPrev = homeTo(t, r, gap.prev);
        before = Math.max(0, lo - toPrev, toPrev - hi);
        if (gap.nextKey !== null) {
          const toNext = homeTo(t, r, gap.next);
          after = Math.max(0, lo - toNext, toNext - hi);
        }
      }
      const start = Math.ceil(Math.max(gap.start + before, earliest) / slot) * slot;
      if (start + dur + after > gap.end) continue;
      const added = gap.nextKey !== null ? Math.max(exact ? -Infinity : 0, before + after - gap.direct) : before;
      const c = cost(start, added);
      if (c < any) any = c;
      if (start <= latest && c < withinLatest) withinLatest = c;
    }
    return {
      withinLatest: withinLatest === Infinity ? null : withinLatest,
      any: any === Infinity ? null : any,
    };
  };

  return {
    bound: (t, job, earliest, latest, cost) => walk(t, job, earliest, latest, cost, true),
    roughBound: (t, job, earliest, latest, cost) => walk(t, job, earliest, latest, cost, false),
  };
}
