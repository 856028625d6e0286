/**
 * The harm model of an emergency bump: how much a bump option hurts, as a sum of
 * readable parts, so a dispatcher can see why one option ranks above another.
 *
 *   priority     weights.priority[p] for each bumped job (a High costs more than a Low)
 *   delay        weights.delayPerHour per hour the promised window moves later today;
 *                weights.laterDay (+ weights.perExtraDay per further day) for another day
 *   window       weights.missedWindow when today's new slot misses the job's own
 *                window or deadline
 *   sla          weights.slaOverride for an SLA/contract job bumped under override
 *   reschedules  weights.perReschedule for each earlier reschedule of the job
 *   reach        weights.unreachable when the customer has no phone or email
 *   unscheduled  weights.unscheduled when no day given has room for the job
 *   travel       weights.travelPerMin per minute of added travel, per technician
 *
 * The defaults make a Low job moved half an hour (20 + 5) far cheaper than a High
 * one moved to tomorrow (120 + 150), and leaving a job unscheduled the worst.
 */
import { priorityName, slaOrContractWords } from "@/lib/engine/bump-eligibility";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import type { EpochMinute, Interval, Job, Priority, ReasonPart } from "@/lib/engine/types";

export interface BumpHarmWeights {
  /** Harm of bumping a job of each priority tier. */
  priority: Record<Priority, number>;
  /** Per hour the customer's window moves later today. */
  delayPerHour: number;
  /** Moving the job to the next working day given. */
  laterDay: number;
  /** Each working day beyond the next. */
  perExtraDay: number;
  /** Today's new slot misses the job's own arrival window or deadline. */
  missedWindow: number;
  /** Bumping an SLA-protected or contract job (only possible with the override). */
  slaOverride: number;
  /** Each time the job was already rescheduled. */
  perReschedule: number;
  /** The customer cannot be told (no phone or email). */
  unreachable: number;
  /** No room for the job on any day given: it goes back to the queue. */
  unscheduled: number;
  /** Per minute of added travel, for every technician affected. */
  travelPerMin: number;
}

/** Company weights: any subset, priority tiers included. */
export type BumpHarmWeightsInput = Partial<Omit<BumpHarmWeights, "priority">> & {
  priority?: Partial<Record<Priority, number>>;
};

export const DEFAULT_BUMP_HARM_WEIGHTS: Readonly<BumpHarmWeights> = Object.freeze({
  priority: Object.freeze({ 1: 400, 2: 120, 3: 50, 4: 20 }),
  delayPerHour: 10,
  laterDay: 150,
  perExtraDay: 60,
  missedWindow: 40,
  slaOverride: 500,
  perReschedule: 30,
  unreachable: 80,
  unscheduled: 1000,
  travelPerMin: 1,
});

/**
 * Company weights over the defaults.
 *
 * @example resolveHarmWeights({ priority: { 4: 10 } }).priority // { 1: 400, 2: 120, 3: 50, 4: 10 }
 */
export function resolveHarmWeights(input: BumpHarmWeightsInput = {}): BumpHarmWeights {
  return {
    ...DEFAULT_BUMP_HARM_WEIGHTS,
    ...input,
    priority: { ...DEFAULT_BUMP_HARM_WEIGHTS.priority, ...input.priority },
  };
}

/**
 * The harm a bumped job carries wherever it goes: its priority, an SLA/contract
 * override, earlier reschedules, and a customer who cannot be told.
 *
 * @example
 * jobHarm({ ...job, priority: 2, rescheduleCount: 2 }, DEFAULT_BUMP_HARM_WEIGHTS)
 * // [{ factor: "priority", value: 120, why: "WO-1002 is High priority" },
 * //  { factor: "reschedules", value: 60, why: "WO-1002: already rescheduled twice" }]
 */
export function jobHarm(job: Job, weights: BumpHarmWeights): ReasonPart[] {
  const wo = job.workOrder;
  const parts: ReasonPart[] = [
    { factor: "priority", value: weights.priority[job.priority], why: `${wo} is ${priorityName(job.priority)} priority` },
  ];
  if (job.slaProtected || job.contract) {
    parts.push({
      factor: "sla",
      value: weights.slaOverride,
      why: `${wo} is ${slaOrContractWords(job)}: bumped only by override`,
    });
  }
  if (job.rescheduleCount > 0) {
    parts.push({
      factor: "reschedules",
      value: weights.perReschedule * job.rescheduleCount,
      why: `${wo}: already rescheduled ${timesWords(job.rescheduleCount)}`,
    });
  }
  if (!job.customerReachable) {
    parts.push({ factor: "reach", value: weights.unreachable, why: `${wo}: customer cannot be told: no phone or email` });
  }
  return parts;
}

/** Where a bumped job ends up, as the harm model needs it. */
export type BumpMove =
  | {
      kind: "today";
      oldWindow: Interval;
      newWindow: Interval;
      /** The job's own window, when today's new slot misses it. */
      missedWindow: Interval | null;
      /** The job's own deadline, when today's new slot finishes after it. */
      missedDeadline: EpochMinute | null;
    }
  | {
      kind: "later";
      /** 0 for the next working day given, 1 for the one after, … */
      dayOffset: number;
      /** "tomorrow", or the weekday ("Wed"). */
      dayLabel: string;
      newWindow: Interval;
    }
  | { kind: "unscheduled"; /** e.g. "no room today or tomorrow" */ noRoom: string };

export interface MoveHarmOptions {
  /** IANA time zone for clock times in reasons. Default "UTC". */
  timeZone?: string;
}

/**
 * The harm of where a bumped job is moved to.
 *
 * @example
 * moveHarm(job, { kind: "today", oldWindow: span("10:00", "12:00"), newWindow: span("13:30", "15:30"), missedWindow: null, missedDeadline: null }, weights)
 * // [{ factor: "delay", value: 35, why: "WO-1002: pushed back 3 h 30 min (new window 13:30–15:30)" }]
 */
export function moveHarm(
  job: Job,
  move: BumpMove,
  weights: BumpHarmWeights,
  options: MoveHarmOptions = {},
): ReasonPart[] {
  const tz = options.timeZone ?? "UTC";
  const wo = job.workOrder;
  if (move.kind === "unscheduled") {
    return [{ factor: "unscheduled", value: weights.unscheduled, why: `${wo}: ${move.noRoom}, left unscheduled` }];
  }
  if (move.kind === "later") {
    return [{
      factor: "delay",
      value: weights.laterDay + weights.perExtraDay * move.dayOffset,
      why: `${wo}: moved to ${move.dayLabel} ${formatClock(move.newWindow.start, tz)} (new window ${formatClockRange(move.newWindow, tz)})`,
    }];
  }
  const parts: ReasonPart[] = [];
  const same = move.newWindow.start === move.oldWindow.start && move.newWindow.end === move.oldWindow.end;
  const late = Math.max(0, move.newWindow.start - move.oldWindow.start);
  parts.push(
    same
      ? { factor: "delay", value: 0, why: `${wo}: stays inside its ${formatClockRange(move.oldWindow, tz)} window` }
      : {
          factor: "delay",
          value: (weights.delayPerHour * late) / 60,
          why: `${wo}: ${late > 0 ? `pushed back ${formatMinutes(late)}` : "same time"} (new window ${formatClockRange(move.newWindow, tz)})`,
        },
  );
  if (move.missedWindow) {
    parts.push({
      factor: "window",
      value: weights.missedWindow,
      why: `${wo}: misses its own ${formatClockRange(move.missedWindow, tz)} window`,
    });
  } else if (move.missedDeadline !== null) {
    parts.push({
      factor: "window",
      value: weights.missedWindow,
      why: `${wo}: finishes after its ${formatClock(move.missedDeadline, tz)} deadline`,
    });
  }
  return parts;
}

/**
 * The harm of added travel for one technician (negative when the change saves driving).
 *
 * @example travelHarm("Sam Okafor", 22, DEFAULT_BUMP_HARM_WEIGHTS) // { factor: "travel", value: 22, why: "+22 min travel for Sam Okafor" }
 */
export function travelHarm(technicianName: string, minutes: number, weights: BumpHarmWeights): ReasonPart {
  const words =
    minutes === 0 ? "no added travel" : minutes > 0 ? `+${minutes} min travel` : `−${-minutes} min travel`;
  return { factor: "travel", value: weights.travelPerMin * minutes, why: `${words} for ${technicianName}` };
}

/**
 * The total of reason parts, rounded to 0.01.
 *
 * @example sumHarm([{ factor: "priority", value: 20, why }, { factor: "delay", value: 5, why }]) // 25
 */
export function sumHarm(parts: readonly ReasonPart[]): number {
  return Math.round(parts.reduce((sum, p) => sum + p.value, 0) * 100) / 100;
}

/**
 * Minutes as a dispatcher says them.
 *
 * @example formatMinutes(210) // "3 h 30 min"
 * @example formatMinutes(45) // "45 min"
 */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function timesWords(count: number): string {
  return count === 1 ? "once" : count === 2 ? "twice" : `${count} times`;
}
