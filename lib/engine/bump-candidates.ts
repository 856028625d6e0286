/**
 * Which jobs could leave one technician's day so an urgent job fits there.
 *
 * Dispatchers bump one job, rarely two, so a bump set is one booked job or two
 * back-to-back ones (consecutive in the technician's day); a pair is tried only
 * when neither of its jobs frees enough room alone, so every set is minimal.
 * The jobs that stay keep their times: nothing else in the day is shifted (v1),
 * which keeps every other customer's promise intact and the option easy to read.
 *
 * Holes that cannot hold the urgent job (too short between the neighbours, before
 * now, after the deadline) are ruled out before any travel is looked up; only the
 * rest go through `findInsertions`.
 */
import { bumpEligibility } from "@/lib/engine/bump-eligibility";
import type { BumpEligibility, BumpRefusalCode } from "@/lib/engine/bump-eligibility";
import { findInsertions } from "@/lib/engine/insertion";
import type { InsertionPosition } from "@/lib/engine/insertion";
import { homeKey, jobKey } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";

export interface BumpCandidateOptions {
  /** Allow bumping SLA-protected and contract jobs (flagged). Default false. */
  allowSlaOverride?: boolean;
  /** Starts snap to multiples of this many minutes. Default 15. */
  slotMinutes?: number;
  /** Only shifts overlapping this day are used. */
  day?: Interval;
  /** Largest bump set: 1 or 2 consecutive jobs. Default 2. */
  maxBumped?: 1 | 2;
  /** Keep only sets that let the urgent job finish before this minute (e.g. the technician's free gap). */
  finishBefore?: EpochMinute;
  /** Among several positions in a hole: the least added travel (default) or the earliest finish. */
  prefer?: "travel" | "finish";
  /** IANA time zone for clock times in reasons. Default "UTC". */
  timeZone?: string;
}

/** One way to make room: the jobs that leave, and where the urgent job goes. */
export interface BumpCandidate {
  technician: Technician;
  /** Index in the lane of the first job that leaves. */
  from: number;
  /** The assignments that leave, in time order. */
  removed: Assignment[];
  jobs: Job[];
  /** Per removed job: SLA-protected or a contract customer's (only with the override). */
  slaOrContract: boolean[];
  /** The urgent job's slot in the freed hole. */
  position: InsertionPosition;
  /** The technician's net change in driving: the urgent job in, the bumped jobs out. */
  urgentTravel: number;
}

export interface BumpCandidatesResult {
  candidates: BumpCandidate[];
  /** Why no set works, when `candidates` is empty. */
  why: string;
}

const REFUSAL_WORDS: Record<BumpRefusalCode, string> = {
  not_leader: "led by someone else",
  closed: "in progress or done",
  under_way: "already under way",
  pinned: "pinned",
  priority: "as urgent or more",
  sla_or_contract: "SLA/contract",
};

/**
 * Every minimal bump set in `lane` (the technician's assignments for the day, in
 * time order) that makes room for `urgent`, with the urgent job's slot.
 *
 * @example
 * const { candidates } = findBumpCandidates(sam, laneOf(index, "sam"), urgent, jobById, travel, now);
 * candidates[0].jobs.map((j) => j.workOrder) // ["WO-1002"]
 */
export function findBumpCandidates(
  technician: Technician,
  lane: readonly Assignment[],
  urgent: Job,
  jobById: ReadonlyMap<string, Job>,
  travel: TravelTimes,
  now: EpochMinute,
  options: BumpCandidateOptions = {},
): BumpCandidatesResult {
  const n = lane.length;
  const dur = urgent.durationMin;
  const finishBefore = options.finishBefore ?? Infinity;
  const eligibility: (BumpEligibility | null)[] = lane.map((a) => {
    const job = jobById.get(a.jobId);
    return job ? bumpEligibility(job, a, urgent, technician.id, now, options) : null;
  });
  const bumpable = (i: number) => eligibility[i]?.bumpable === true;
  // Latest end among the first i+1 assignments: the hole after them starts there.
  const endsBy: number[] = [];
  for (let i = 0, latest = -Infinity; i < n; i++) endsBy.push((latest = Math.max(latest, lane[i].end)));
  const lo = Math.max(now, urgent.window ? urgent.window.start : -Infinity);
  const hiEnd = Math.min(
    urgent.deadline ?? Infinity,
    urgent.window ? urgent.window.end + dur : Infinity,
    finishBefore - 1,
  );

  const tryBlock = (from: number, to: number): BumpCandidate | null => {
    const holeStart = from > 0 ? endsBy[from - 1] : -Infinity;
    const holeEnd = to + 1 < n ? lane[to + 1].start : Infinity;
    if (Math.min(holeEnd, hiEnd) - Math.max(lo, holeStart) < dur) return null;
    const rest = lane.slice(0, from).concat(lane.slice(to + 1));
    const { positions } = findInsertions(technician, rest, urgent, travel, {
      earliestStart: now,
      slotMinutes: options.slotMinutes,
      day: options.day,
    });
    let position: InsertionPosition | null = null;
    for (const p of positions) {
      // Other gaps had no room before, so only the freed hole counts (and, when
      // looking for the closest finish, only one earlier than the free gap).
      if (p.start < holeStart || p.end > holeEnd || p.end >= finishBefore) continue;
      if (!position || (options.prefer === "finish" && p.end < position.end)) position = p;
    }
    if (!position) return null;
    const removed = lane.slice(from, to + 1);
    return {
      technician,
      from,
      removed,
      jobs: removed.map((a) => jobById.get(a.jobId) as Job),
      slaOrContract: removed.map((_, k) => {
        const e = eligibility[from + k];
        return e?.bumpable === true && e.slaOrContract;
      }),
      position,
      urgentTravel: position.travelBefore + position.travelAfter - removedTravel(technician, removed, position, travel),
    };
  };

  const candidates: BumpCandidate[] = [];
  const alone: boolean[] = new Array(n).fill(false);
  for (let i = 0; i < n; i++) {
    if (!bumpable(i)) continue;
    const c = tryBlock(i, i);
    if (c) candidates.push(c);
    alone[i] = c !== null;
  }
  if ((options.maxBumped ?? 2) >= 2) {
    for (let i = 0; i + 1 < n; i++) {
      if (!bumpable(i) || !bumpable(i + 1) || alone[i] || alone[i + 1]) continue;
      const c = tryBlock(i, i + 1);
      if (c) candidates.push(c);
    }
  }
  return { candidates, why: candidates.length ? "" : whyNone(technician, urgent, eligibility) };
}

/** Driving the bumped jobs took: in from the previous place, between them, on to the next job. */
function removedTravel(
  technician: Technician,
  removed: readonly Assignment[],
  position: InsertionPosition,
  travel: TravelTimes,
): number {
  let from = position.prevJobId ? jobKey(position.prevJobId) : homeKey(technician.id);
  let total = 0;
  for (const a of removed) {
    const here = jobKey(a.jobId);
    total += travel.minutes(from, here);
    from = here;
  }
  if (position.nextJobId) total += travel.minutes(from, jobKey(position.nextJobId));
  return total;
}

function whyNone(technician: Technician, urgent: Job, eligibility: readonly (BumpEligibility | null)[]): string {
  const counts = new Map<string, number>();
  let anyBumpable = false;
  for (const e of eligibility) {
    if (!e) continue;
    if (e.bumpable) anyBumpable = true;
    else counts.set(REFUSAL_WORDS[e.code], (counts.get(REFUSAL_WORDS[e.code]) ?? 0) + 1);
  }
  if (anyBumpable) {
    return `bumping one or two of ${technician.name}'s jobs does not make room for ${urgent.workOrder} in time`;
  }
  if (counts.size === 0) return `${technician.name} has nothing booked to bump and no free gap for ${urgent.workOrder}`;
  const list = [...counts].map(([words, count]) => `${count} ${words}`).join(", ");
  return `nothing in ${technician.name}'s day can be bumped for ${urgent.workOrder}: ${list}`;
}
