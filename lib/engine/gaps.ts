/**
 * Schedule gaps and balance: idle windows in a technician's day, the queued jobs
 * that best fill one (scored by the same engine as automatic dispatch), and how
 * evenly a team's week is loaded.
 */
import { laneOf } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { subtract } from "@/lib/engine/ranges";
import { scoreCandidate } from "@/lib/engine/scoring";
import type { Candidate, ScoreOptions } from "@/lib/engine/scoring";
import type { TravelTimes } from "@/lib/engine/travel";
import type { EpochMinute, Interval, Job, Technician } from "@/lib/engine/types";

export interface IdleWindowOptions {
  /** Shortest idle window reported, minutes. Default 30. */
  minMinutes?: number;
  /** Ignore time before this (now). */
  from?: EpochMinute;
}

/**
 * Free stretches of at least `minMinutes` inside a technician's shifts, after
 * `from`, around their visits and time off.
 *
 * @example idleWindows(ana, laneOf(index, "ana"), { from: now }) // [{ start: 600, end: 690 }]
 */
export function idleWindows(t: Technician, lane: readonly Interval[], options: IdleWindowOptions = {}): Interval[] {
  const min = options.minMinutes ?? 30;
  const from = options.from ?? -Infinity;
  return t.shifts
    .flatMap((s) => subtract({ start: Math.max(s.start, from), end: s.end }, [...lane, ...t.timeOff, ...(t.breaks ?? [])]))
    .filter((g) => g.end - g.start >= min);
}

export interface GapFill {
  job: Job;
  candidate: Candidate;
}

/**
 * The queued jobs that fit a technician's idle window, best score first, each with
 * the engine's reasons. A job fits when its best insertion for the technician lies
 * wholly inside the window.
 *
 * @example fillFromQueue(index, ana, gap, queue, travel, { capacityThreshold: 1 })[0].candidate.parts
 */
export function fillFromQueue(
  index: BoardIndex,
  t: Technician,
  gap: Interval,
  queue: readonly Job[],
  travel: TravelTimes,
  options: ScoreOptions = {},
  limit = 5,
): GapFill[] {
  const fills: GapFill[] = [];
  for (const job of queue) {
    if (job.durationMin > gap.end - gap.start) continue;
    const candidate = scoreCandidate(index, job, t, travel, { ...options, earliestStart: Math.max(gap.start, options.earliestStart ?? -Infinity) });
    if (!candidate.eligible || !candidate.slot) continue;
    if (candidate.slot.start < gap.start || candidate.slot.end > gap.end) continue;
    fills.push({ job, candidate });
  }
  fills.sort((a, b) => b.candidate.score - a.candidate.score || a.job.priority - b.job.priority || a.job.workOrder.localeCompare(b.job.workOrder));
  return fills.slice(0, limit);
}

/** Idle windows of every technician on an indexed day. */
export function dayGaps(index: BoardIndex, options: IdleWindowOptions = {}): { technician: Technician; gaps: Interval[] }[] {
  return index.technicians
    .filter((t) => t.active)
    .map((t) => ({ technician: t, gaps: idleWindows(t, laneOf(index, t.id), options) }))
    .filter((r) => r.gaps.length > 0);
}

export interface Balance {
  /** Utilisation of the team's least and most loaded technicians (0–1+). */
  min: number;
  max: number;
  /** Standard deviation of utilisation across the team. */
  spread: number;
  mean: number;
  /** The spread is above `threshold` (default 0.15, 15 percentage points). */
  unbalanced: boolean;
}

/**
 * How evenly a week is loaded across technicians who have shift hours.
 *
 * @example weekBalance([0.9, 0.3, 0.6]) // { min: 0.3, max: 0.9, mean: 0.6, spread: 0.245, unbalanced: true }
 */
export function weekBalance(utilisations: readonly number[], threshold = 0.15): Balance | null {
  if (utilisations.length === 0) return null;
  const mean = utilisations.reduce((a, b) => a + b, 0) / utilisations.length;
  const spread = Math.sqrt(utilisations.reduce((a, u) => a + (u - mean) ** 2, 0) / utilisations.length);
  return { min: Math.min(...utilisations), max: Math.max(...utilisations), mean, spread, unbalanced: spread > threshold };
}
