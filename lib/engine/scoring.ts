/**
 * Ranking technicians for one job (lights-out dispatch and "suggest").
 *
 * Each technician passes gates — active, every required skill on the crew, a
 * feasible insertion, utilisation after insertion at or under the capacity
 * threshold — and eligible ones get a score that is the sum of readable parts:
 *
 *   travel     −weights.travel per minute of added travel
 *   skill      weights.skill shared across the required skills; a skill the
 *              leader holds counts in full, one supplied by the crew counts half
 *   workload   weights.workload × (1 − utilisation after insertion)
 *   preference weights.preference for the customer's preferred technician
 *   slot       ±SLOT_FIT_MINUTES × weights.travel: routine work in its own fixed
 *              block, or work sitting in a block reserved for another kind
 *              (slot-rules.ts); flex slots only ever hold urgent work
 *
 * Ineligible technicians come back too, score 0, with the reasons they were
 * excluded. Build the index once with `prepareBoard` and reuse it across jobs.
 */
import { laneOf } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { findInsertions } from "@/lib/engine/insertion";
import type { InsertionOptions, InsertionPosition } from "@/lib/engine/insertion";
import { formatClockRange } from "@/lib/time/format-time";
import { overlaps } from "@/lib/engine/ranges";
import { slotFitCost } from "@/lib/engine/slot-rules";
import type { SlotFit } from "@/lib/engine/slot-rules";
import type { TravelTimes } from "@/lib/engine/travel";
import type { EpochMinute, Interval, Job, ReasonPart, Technician } from "@/lib/engine/types";

export interface ScoringWeights {
  /** Points lost per minute of added travel. */
  travel: number;
  /** Points for holding every required skill yourself. */
  skill: number;
  /** Points for an empty day, scaled down as utilisation rises. */
  workload: number;
  /** Points for being the customer's preferred technician. */
  preference: number;
}

/** 20 min of extra driving weighs about as much as half a day of utilisation. */
export const DEFAULT_SCORING_WEIGHTS: Readonly<ScoringWeights> = Object.freeze({
  travel: 1,
  skill: 10,
  workload: 40,
  preference: 25,
});

export const DEFAULT_CAPACITY_THRESHOLD = 0.85;

export interface ScoreOptions extends InsertionOptions {
  /** Company weights; missing ones fall back to DEFAULT_SCORING_WEIGHTS. */
  weights?: Partial<ScoringWeights>;
  /** Highest utilisation after insertion (booked ÷ available shift minutes). Default 0.85. */
  capacityThreshold?: number;
  /**
   * Helpers on the proposed crew: their skills count for every leader scored, and
   * they are not ranked as leaders themselves. Their own calendars are not
   * searched here; `checkPlacement` warns if one is busy when the crew is placed.
   */
  helperIds?: string[];
  /** Further skills the crew brings (e.g. a subcontractor's certification). */
  crewSkills?: string[];
}

export interface CandidateSlot {
  start: EpochMinute;
  end: EpochMinute;
  positionIndex: number;
}

export interface Candidate {
  technicianId: string;
  technicianName: string;
  eligible: boolean;
  /** The best insertion, also kept for a technician excluded only by capacity. */
  slot: CandidateSlot | null;
  addedTravel: number | null;
  /** Share of available shift minutes booked once the job is in, 0–1+. */
  utilisation: number | null;
  preferred: boolean;
  /** Sum of `parts` values, rounded to 0.01; 0 when not eligible. */
  score: number;
  parts: ReasonPart[];
}

/**
 * Every technician on the board scored for `job`, best first; ineligible ones
 * last, each with the reasons why.
 *
 * @example
 * const index = prepareBoard(board);
 * const [best] = scoreTechnicians(index, job, travel, { earliestStart: now, helperIds: ["t-9"] });
 * best.parts // [{ factor: "travel", value: -18, why: "+18 min travel" }, ...]
 */
export function scoreTechnicians(
  index: BoardIndex,
  job: Job,
  travel: TravelTimes,
  options: ScoreOptions = {},
): Candidate[] {
  const candidates = index.technicians.map((t) => scoreCandidate(index, job, t, travel, options));
  return candidates.sort(compareCandidates);
}

/**
 * The best eligible candidate, or null when no one can take the job.
 *
 * @example bestCandidate(scoreTechnicians(index, job, travel))?.technicianId // "t-4"
 */
export function bestCandidate(candidates: readonly Candidate[]): Candidate | null {
  return candidates.find((c) => c.eligible) ?? null;
}

/**
 * One leader (with the optional helpers in `options`) scored for `job`: use it to
 * score a crew the dispatcher proposes.
 *
 * @example scoreCandidate(index, job, ana, travel, { helperIds: ["bo"] }).eligible // true
 */
export function scoreCandidate(
  index: BoardIndex,
  job: Job,
  t: Technician,
  travel: TravelTimes,
  options: ScoreOptions = {},
): Candidate {
  const weights = { ...DEFAULT_SCORING_WEIGHTS, ...options.weights };
  const threshold = options.capacityThreshold ?? DEFAULT_CAPACITY_THRESHOLD;
  const preferred = job.preferredTechnicianId === t.id;
  const result: Candidate = {
    technicianId: t.id,
    technicianName: t.name,
    eligible: false,
    slot: null,
    addedTravel: null,
    utilisation: null,
    preferred,
    score: 0,
    parts: [],
  };
  /** Ineligible: the blocking reasons (value 0), and the preference so nobody wonders. */
  const excluded = (factor: string, whys: string[]) => {
    for (const why of whys) result.parts.push({ factor, value: 0, why });
    if (preferred) result.parts.push({ factor: "preference", value: 0, why: "customer's preferred technician" });
    return result;
  };

  if (!t.active) return excluded("availability", [`${t.name} is inactive`]);
  if (options.helperIds?.includes(t.id)) {
    return excluded("crew", [`${t.name} is proposed as a helper on this crew`]);
  }
  const skills = skillReasons(index, job, t, weights.skill, options);
  if (skills.missing.length) return excluded("skill", skills.missing.map((s) => `missing ${s}`));

  const { positions, reasons } = findInsertions(t, laneOf(index, t.id), job, travel, options);
  if (positions.length === 0) return excluded("availability", reasons.map((r) => r.message));
  const best: InsertionPosition = positions[0];
  result.slot = { start: best.start, end: best.end, positionIndex: best.positionIndex };
  result.addedTravel = best.addedTravel;
  const utilisation = utilisationAfter(index, job, t, options.day);
  result.utilisation = utilisation;
  if (utilisation > threshold) {
    return excluded("workload", [
      `utilisation ${percent(utilisation, threshold)} > ${percent(threshold)}: not eligible`,
    ]);
  }

  result.eligible = true;
  result.parts.push({ factor: "travel", value: -weights.travel * best.addedTravel, why: travelWhy(best.addedTravel) });
  const slot = slotPart(best.fit, weights.travel, options.timeZone ?? "UTC");
  if (slot) result.parts.push(slot);
  result.parts.push(...skills.parts);
  result.parts.push({
    factor: "workload",
    value: weights.workload * (1 - utilisation),
    why: `utilisation ${percent(utilisation)} after insertion`,
  });
  if (preferred) {
    result.parts.push({ factor: "preference", value: weights.preference, why: "customer's preferred technician" });
  }
  result.score = Math.round(result.parts.reduce((sum, p) => sum + p.value, 0) * 100) / 100;
  return result;
}

/** The slot template's say in the score, in words; null in open time. */
function slotPart(fit: SlotFit, travelWeight: number, timeZone: string): ReasonPart | null {
  if (fit.kind === "open") return null;
  const range = formatClockRange(fit.block, timeZone);
  const value = -slotFitCost(fit) * travelWeight;
  if (fit.kind === "own_block") return { factor: "slot", value, why: `in its ${fit.block.label} block ${range}` };
  if (fit.kind === "other_block") return { factor: "slot", value, why: `in the ${range} block reserved for ${fit.block.label}` };
  return { factor: "slot", value: 0, why: `urgent work in the flex slot ${range}` };
}

/** One part per required skill the crew brings, and the skills no one brings. */
function skillReasons(
  index: BoardIndex,
  job: Job,
  t: Technician,
  weight: number,
  options: ScoreOptions,
): { parts: ReasonPart[]; missing: string[] } {
  const parts: ReasonPart[] = [];
  const missing: string[] = [];
  const share = weight / Math.max(1, job.requiredSkills.length);
  for (const skill of job.requiredSkills) {
    if (t.skills.includes(skill)) {
      parts.push({ factor: "skill", value: share, why: `holds ${skill}` });
      continue;
    }
    const helper = options.helperIds
      ?.map((id) => index.technicianById.get(id))
      .find((h) => h?.skills.includes(skill));
    if (helper) {
      parts.push({ factor: "skill", value: share / 2, why: `${skill} from helper ${helper.name}` });
    } else if (options.crewSkills?.includes(skill)) {
      parts.push({ factor: "skill", value: share / 2, why: `${skill} supplied by the crew` });
    } else {
      missing.push(skill);
    }
  }
  return { parts, missing };
}

/** Booked minutes (with the job) ÷ shift minutes less time off and breaks, over the day's shifts. */
function utilisationAfter(index: BoardIndex, job: Job, t: Technician, day?: Interval): number {
  let available = 0;
  let booked = job.durationMin;
  for (const shift of t.shifts) {
    if (day && !overlaps(shift, day)) continue;
    available += shift.end - shift.start;
    for (const off of [...t.timeOff, ...(t.breaks ?? [])]) available -= clippedLength(off, shift);
    for (const a of laneOf(index, t.id)) {
      if (a.jobId !== job.id) booked += clippedLength(a, shift);
    }
  }
  return available > 0 ? booked / available : Infinity;
}

function clippedLength(a: Interval, within: Interval): number {
  return Math.max(0, Math.min(a.end, within.end) - Math.max(a.start, within.start));
}

function travelWhy(minutes: number): string {
  if (minutes === 0) return "no added travel";
  return minutes > 0 ? `+${minutes} min travel` : `−${-minutes} min travel (on the way)`;
}

/** A whole percentage, with one decimal where rounding would hide a breach of `limit`. */
function percent(share: number, limit?: number): string {
  const whole = Math.round(share * 100);
  if (limit !== undefined && share > limit && whole <= Math.round(limit * 100)) {
    return `${(share * 100).toFixed(1)}%`;
  }
  return `${whole}%`;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  if (a.eligible) {
    if (a.score !== b.score) return b.score - a.score;
    if (a.preferred !== b.preferred) return a.preferred ? -1 : 1;
    if (a.addedTravel !== b.addedTravel) return (a.addedTravel ?? 0) - (b.addedTravel ?? 0);
  }
  if (a.technicianName !== b.technicianName) return a.technicianName < b.technicianName ? -1 : 1;
  return a.technicianId < b.technicianId ? -1 : a.technicianId > b.technicianId ? 1 : 0;
}
