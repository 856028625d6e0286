/**
 * Emergency bump ranking: where an urgent job can go today, and whom it hurts
 * least to move out of the way.
 *
 * For each technician who holds every required skill (a helper cannot be assumed
 * for urgent intake):
 *  1. a free gap that finishes by the deadline (and starts inside the window, if
 *     any) is an option with harm 0 — it ranks before every bump option;
 *  2. otherwise each minimal bump set (one job, or two back-to-back — see
 *     bump-candidates.ts) that makes room is an option: the urgent job takes the
 *     hole, every other job keeps its time, and each bumped job is placed again
 *     (replacement.ts: later today, else the next working day given, else nowhere).
 *
 * Options (built in bump-option.ts) rank by harm (bump-harm.ts), then added
 * travel, then the urgent job's start, technician name and option id; at most
 * `maxOptionsPerTechnician` per technician, so the list offers real alternatives.
 * A technician with a free gap offers that gap only. When nobody can meet the
 * deadline, the deadline (and window) are dropped and the options that finish
 * earliest are shown instead, with `deadlineMet: false` and a message saying so.
 *
 * Speed: the skill gate runs first; technicians with a free gap skip bump
 * search, and bump search is skipped entirely once gaps fill the list; holes are
 * bounded by time before travel is looked up; and bump options are completed
 * (the costly part: re-placing the bumped jobs) in order of a lower bound on
 * their harm — what the bumped jobs cost wherever they go plus the urgent
 * technician's travel — stopping once no remaining option can make the list.
 * The bound assumes re-placing a job never saves travel elsewhere, which holds
 * for travel that obeys the triangle inequality (estimated travel does).
 */
import { laneOf, prepareBoard } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { findBumpCandidates } from "@/lib/engine/bump-candidates";
import type { BumpCandidate } from "@/lib/engine/bump-candidates";
import { jobHarm, resolveHarmWeights, sumHarm } from "@/lib/engine/bump-harm";
import type { BumpHarmWeightsInput } from "@/lib/engine/bump-harm";
import { bumpOptionId, completeBumpOption, gapOption } from "@/lib/engine/bump-option";
import type { BumpOptionContext } from "@/lib/engine/bump-option";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import { findInsertions } from "@/lib/engine/insertion";
import type { InsertionPosition, InsertionReason } from "@/lib/engine/insertion";
import { createReplacementFinder } from "@/lib/engine/replacement";
import type { ReplacementDay, ReplacementFinder } from "@/lib/engine/replacement";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, Board, EpochMinute, Interval, Job, Priority, ReasonPart, Technician } from "@/lib/engine/types";

/** A later working day a bumped job can move to. */
export interface LaterDay {
  board: Board | BoardIndex;
  /** Only shifts overlapping this interval are used. Default: every shift on the board. */
  day?: Interval;
  /** Travel for that day's places. Default: the travel given for today. */
  travel?: TravelTimes;
}

/** A later day as a bare board (its technicians' shifts say which day) or with its day and travel. */
export type LaterBoard = Board | BoardIndex | LaterDay;

export interface BumpRankingOptions {
  /** Allow bumping SLA-protected and contract jobs; such options are flagged. Default false. */
  allowSlaOverride?: boolean;
  /** Starts snap to multiples of this many minutes. Default 15. */
  slotMinutes?: number;
  /** IANA time zone for clock times in messages. Default "UTC". */
  timeZone?: string;
  /** Today: only shifts and bookings overlapping it are used. Default: the whole board. */
  day?: Interval;
  /** The next working days' boards, in date order, for bumped jobs that do not fit today. */
  laterBoards?: readonly LaterBoard[];
  /** Most options returned. Default 10. */
  maxOptions?: number;
  /** Most options per technician, so the list offers real alternatives. Default 3. */
  maxOptionsPerTechnician?: number;
  /** Largest bump set: 1 job, or 2 back-to-back jobs. Default 2. */
  maxBumped?: 1 | 2;
  /** Harm weights over DEFAULT_BUMP_HARM_WEIGHTS. */
  weights?: BumpHarmWeightsInput;
}

/** Who does a visit and when. */
export interface VisitSlot {
  leaderId: string;
  start: EpochMinute;
  end: EpochMinute;
}

export interface NewVisitSlot extends VisitSlot {
  day: "today" | "later";
}

export interface BumpedJob {
  jobId: string;
  workOrder: string;
  customerName: string;
  priority: Priority;
  oldSlot: VisitSlot;
  /** Null when no day given has room: the job goes back to the queue. */
  newSlot: NewVisitSlot | null;
  /** The arrival window the customer had been promised. */
  oldWindow: Interval;
  /** The window to promise now (unchanged when the new slot is still inside the old one). */
  newWindow: Interval | null;
  /** SLA-protected or a contract customer's: only bumped with the override. */
  slaOrContract: boolean;
  /** Where it goes, in words. */
  reason: string;
}

export interface TechnicianTravel {
  technicianId: string;
  technicianName: string;
  /** Net change in driving minutes (negative when the change saves driving). */
  addedMin: number;
}

export interface BumpOption {
  /** Stable: technician, position in their day, bumped job ids. */
  id: string;
  technicianId: string;
  technicianName: string;
  urgentSlot: Interval;
  fitsWithoutBump: boolean;
  /** The free flex slot (kept for urgent work) the urgent job takes, when it takes one. */
  flexSlot?: { label: string; start: EpochMinute; end: EpochMinute };
  bumped: BumpedJob[];
  /** Total over every technician affected. */
  addedTravelMin: number;
  travelByTechnician: TechnicianTravel[];
  harm: { score: number; parts: ReasonPart[] };
  flags: {
    /** An SLA/contract job is bumped under the override. */
    slaOverride: boolean;
    /** A skill only one technician holds: the urgent job's, or a bumped job's. */
    uniqueSkill?: string;
    /** A bumped job found no room on any day given. */
    unscheduled: boolean;
  };
  /** What the dispatcher should read before approving. */
  warnings: string[];
  meetsDeadline: boolean;
}

export interface BumpExclusion {
  technicianId: string;
  reason: string;
}

export interface BumpRanking {
  options: BumpOption[];
  /** Some option finishes by the deadline (and starts in the window, if any). */
  deadlineMet: boolean;
  message: string;
  /** Technicians who offer no option, and why. */
  excluded: BumpExclusion[];
}

/** Reasons that no bump can cure: the technician has no usable time for the job at all. */
const HOPELESS = new Set<InsertionReason["code"]>(["no_shift", "time_off_all_day", "window_closed", "outside_shift", "too_long"]);

interface Context extends BumpOptionContext {
  travel: TravelTimes;
  options: BumpRankingOptions;
  maxOptions: number;
  perTechnician: number;
}

/**
 * Bump options for an urgent job on today's board, least harmful first.
 * `travel` must know every job on the board, the urgent job and the later boards'
 * jobs (or each later day brings its own).
 *
 * @example
 * const ranking = rankBumpOptions(urgent, board, travel, at("09:00"), {
 *   timeZone: "America/Chicago",
 *   laterBoards: [{ board: tomorrow, day: tomorrowRange }],
 * });
 * ranking.options[0]
 * // { technicianName: "Sam Okafor", urgentSlot, bumped: [{ workOrder: "WO-1002", newSlot: { day: "today", ... } }],
 * //   harm: { score: 34, parts: [{ factor: "priority", value: 20, why: "WO-1002 is Low priority" }, ...] } }
 */
export function rankBumpOptions(
  urgent: Job,
  board: Board | BoardIndex,
  travel: TravelTimes,
  now: EpochMinute,
  options: BumpRankingOptions = {},
): BumpRanking {
  const index = toIndex(board);
  const later = (options.laterBoards ?? []).map((b): ReplacementDay => {
    const d = "board" in b ? b : { board: b };
    return { index: toIndex(d.board), travel: d.travel ?? travel, day: d.day };
  });
  // Made on first use: a list of free gaps never needs it.
  let finder: ReplacementFinder | null = null;
  const lazyFinder: ReplacementFinder = {
    place: (...args) =>
      (finder ??= createReplacementFinder({ index, travel, day: options.day }, later, now, {
        slotMinutes: options.slotMinutes,
        weights: options.weights,
      })).place(...args),
  };
  const holderMemo = new Map<string, Technician[]>();
  const ctx: Context = {
    urgent,
    index,
    travel,
    now,
    timeZone: options.timeZone ?? "UTC",
    weights: resolveHarmWeights(options.weights),
    options,
    maxOptions: Math.max(1, options.maxOptions ?? 10),
    perTechnician: Math.max(1, options.maxOptionsPerTechnician ?? 3),
    later,
    laterStarts: later.map((d) => d.day?.start ?? firstShiftStart(d.index)),
    finder: lazyFinder,
    holders: (skill) => {
      let list = holderMemo.get(skill);
      if (!list) holderMemo.set(skill, (list = index.technicians.filter((t) => t.active && t.skills.includes(skill))));
      return list;
    },
  };

  const excluded: BumpExclusion[] = [];
  const qualified: Technician[] = [];
  for (const t of index.technicians) {
    const missing = urgent.requiredSkills.filter((s) => !t.skills.includes(s));
    if (!t.active) excluded.push({ technicianId: t.id, reason: `${t.name} is inactive` });
    else if (missing.length) excluded.push({ technicianId: t.id, reason: `missing ${missing.join(", ")}` });
    else qualified.push(t);
  }
  if (qualified.length === 0) {
    const skills = urgent.requiredSkills;
    return {
      options: [],
      deadlineMet: false,
      message: skills.length
        ? `No active technician holds ${skills.join(" and ")}: nobody can take ${urgent.workOrder}`
        : `No active technician on the board: nobody can take ${urgent.workOrder}`,
      excluded,
    };
  }

  const inTime = searchInTime(ctx, qualified, excluded);
  if (inTime.length) {
    return { options: inTime, deadlineMet: true, message: inTimeMessage(ctx, inTime[0]), excluded };
  }
  const constrained = urgent.deadline !== null || urgent.window !== null;
  const closest = constrained ? searchClosest(ctx, qualified) : [];
  return {
    options: closest,
    deadlineMet: false,
    message: closest.length
      ? closestMessage(ctx, closest[0])
      : `No qualified technician has room for ${urgent.workOrder} today, even by bumping`,
    excluded,
  };
}

/** Options that meet the deadline: free gaps first, then bumps by harm. */
function searchInTime(ctx: Context, qualified: readonly Technician[], excluded: BumpExclusion[]): BumpOption[] {
  const { urgent } = ctx;
  const gaps: BumpOption[] = [];
  const blocked: { technician: Technician; lane: readonly Assignment[]; reasons: InsertionReason[] }[] = [];
  for (const t of qualified) {
    const lane = todaysLane(ctx, t.id);
    const { positions, reasons } = findInsertions(t, lane, urgent, ctx.travel, insertionOptions(ctx));
    if (positions.length) gaps.push(gapOption(ctx, t, positions[0]));
    else blocked.push({ technician: t, lane, reasons });
  }
  gaps.sort(byHarm);
  const need = ctx.maxOptions - Math.min(gaps.length, ctx.maxOptions);

  const candidates: (BumpCandidate & { lowerBound: number })[] = [];
  for (const { technician, lane, reasons } of blocked) {
    const hopeless = reasons.find((r) => HOPELESS.has(r.code));
    if (hopeless) {
      excluded.push({ technicianId: technician.id, reason: hopeless.message });
      continue;
    }
    // Gaps already fill the list: bump options could not make it, so skip the search.
    if (need === 0) continue;
    const found = findBumpCandidates(technician, lane, urgent, ctx.index.jobById, ctx.travel, ctx.now, {
      ...candidateOptions(ctx),
      prefer: "travel",
    });
    if (!found.candidates.length) excluded.push({ technicianId: technician.id, reason: found.why });
    for (const c of found.candidates) candidates.push({ ...c, lowerBound: lowerBound(ctx, c) });
  }
  candidates.sort(
    (a, b) =>
      a.lowerBound - b.lowerBound ||
      a.position.start - b.position.start ||
      compareText(a.technician.name, b.technician.name) ||
      compareText(bumpOptionId(a), bumpOptionId(b)),
  );

  const top: BumpOption[] = [];
  for (const c of candidates) {
    if (top.length >= need && c.lowerBound > top[need - 1].harm.score + 0.01) break;
    const own = top.filter((o) => o.technicianId === c.technician.id);
    if (own.length >= ctx.perTechnician && c.lowerBound > own[own.length - 1].harm.score + 0.01) continue;
    offer(top, completeBumpOption(ctx, c), byHarm, need, ctx.perTechnician);
  }
  return [...gaps.slice(0, ctx.maxOptions), ...top].sort(byHarm).slice(0, ctx.maxOptions);
}

/** Nobody meets the deadline: the options that finish earliest, deadline and window dropped. */
function searchClosest(ctx: Context, qualified: readonly Technician[]): BumpOption[] {
  const loose: Job = { ...ctx.urgent, deadline: null, window: null };
  const pool: { end: EpochMinute; gap: BumpOption | null; candidate: BumpCandidate | null }[] = [];
  const found: { technician: Technician; lane: readonly Assignment[]; gapEnd: number }[] = [];
  for (const t of qualified) {
    const lane = todaysLane(ctx, t.id);
    const { positions, reasons } = findInsertions(t, lane, loose, ctx.travel, insertionOptions(ctx));
    const earliest = positions.reduce<InsertionPosition | null>((best, p) => (!best || p.end < best.end ? p : best), null);
    if (earliest) pool.push({ end: earliest.end, gap: gapOption(ctx, t, earliest), candidate: null });
    if (!reasons.some((r) => HOPELESS.has(r.code))) found.push({ technician: t, lane, gapEnd: earliest?.end ?? Infinity });
  }
  // A bump is only worth showing if it finishes before the list of free gaps is full.
  const gapEnds = pool.map((p) => p.end).sort((a, b) => a - b);
  const bound = gapEnds.length >= ctx.maxOptions ? gapEnds[ctx.maxOptions - 1] + 1 : Infinity;
  for (const { technician, lane, gapEnd } of found) {
    const { candidates } = findBumpCandidates(technician, lane, loose, ctx.index.jobById, ctx.travel, ctx.now, {
      ...candidateOptions(ctx),
      prefer: "finish",
      finishBefore: Math.min(gapEnd, bound),
    });
    for (const c of candidates) pool.push({ end: c.position.end, gap: null, candidate: c });
  }
  pool.sort(
    (a, b) =>
      a.end - b.end ||
      Number(b.gap !== null) - Number(a.gap !== null) ||
      (a.candidate && b.candidate ? lowerBound(ctx, a.candidate) - lowerBound(ctx, b.candidate) : 0),
  );
  const top: BumpOption[] = [];
  for (const entry of pool) {
    if (top.length >= ctx.maxOptions && entry.end > top[ctx.maxOptions - 1].urgentSlot.end) break;
    offer(top, entry.gap ?? completeBumpOption(ctx, entry.candidate as BumpCandidate), byFinish, ctx.maxOptions, ctx.perTechnician);
  }
  return top;
}

/** Harm every completion of this candidate carries at least: the bumped jobs' own harm and the urgent technician's travel. */
function lowerBound(ctx: Context, c: BumpCandidate): number {
  const own = c.jobs.reduce((sum, job) => sum + sumHarm(jobHarm(job, ctx.weights)), 0);
  return own + ctx.weights.travelPerMin * c.urgentTravel;
}

function inTimeMessage(ctx: Context, best: BumpOption): string {
  const wo = ctx.urgent.workOrder;
  const slot = formatClockRange(best.urgentSlot, ctx.timeZone);
  if (best.flexSlot) {
    const flex = `${best.flexSlot.label} ${formatClockRange(best.flexSlot, ctx.timeZone)}`;
    return `${best.technicianName} can take ${wo} at ${slot} in the free flex slot ${flex} kept for urgent work, without bumping anyone`;
  }
  if (best.fitsWithoutBump) return `${best.technicianName} can take ${wo} at ${slot} without bumping anyone`;
  const moves = best.bumped.map((b) => `${b.workOrder} (${b.reason})`).join(" and ");
  return `No free gap fits ${wo}${targetWords(ctx)}; least harm: ${best.technicianName} takes it at ${slot}, bumping ${moves}`;
}

function closestMessage(ctx: Context, best: BumpOption): string {
  const how = best.fitsWithoutBump ? "without bumping anyone" : `bumping ${best.bumped.map((b) => b.workOrder).join(" and ")}`;
  return (
    `${ctx.urgent.workOrder} cannot be${targetWords(ctx, "be")} by anyone, even by bumping; ` +
    `closest options shown: the earliest finish is ${formatClock(best.urgentSlot.end, ctx.timeZone)} with ${best.technicianName}, ${how}`
  );
}

/** " by 12:00" / " finished by 12:00 and started inside its 10:00–11:00 window". */
function targetWords(ctx: Context, verb?: "be"): string {
  const { deadline, window } = ctx.urgent;
  const parts: string[] = [];
  if (deadline !== null) parts.push(`${verb ? "finished " : ""}by ${formatClock(deadline, ctx.timeZone)}`);
  if (window) parts.push(`${verb ? "started " : "starting "}inside its ${formatClockRange(window, ctx.timeZone)} window`);
  return parts.length ? ` ${parts.join(" and ")}` : "";
}

/** Adds an option to a ranked list of at most `max`, keeping at most `perTechnician` per technician. */
function offer(
  top: BumpOption[],
  option: BumpOption,
  compare: (a: BumpOption, b: BumpOption) => number,
  max: number,
  perTechnician: number,
): void {
  if (max <= 0) return;
  const own = top.filter((o) => o.technicianId === option.technicianId);
  if (own.length >= perTechnician) {
    const worst = own[own.length - 1];
    if (compare(option, worst) >= 0) return;
    top.splice(top.indexOf(worst), 1);
  }
  const at = top.findIndex((o) => compare(option, o) < 0);
  top.splice(at < 0 ? top.length : at, 0, option);
  if (top.length > max) top.length = max;
}

function byHarm(a: BumpOption, b: BumpOption): number {
  return (
    Number(b.fitsWithoutBump) - Number(a.fitsWithoutBump) ||
    a.harm.score - b.harm.score ||
    a.addedTravelMin - b.addedTravelMin ||
    a.urgentSlot.start - b.urgentSlot.start ||
    compareText(a.technicianName, b.technicianName) ||
    compareText(a.id, b.id)
  );
}

function byFinish(a: BumpOption, b: BumpOption): number {
  return a.urgentSlot.end - b.urgentSlot.end || byHarm(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function todaysLane(ctx: Context, technicianId: string): readonly Assignment[] {
  const lane = laneOf(ctx.index, technicianId);
  const day = ctx.options.day;
  return day ? lane.filter((a) => a.end > day.start && a.start < day.end) : lane;
}

function insertionOptions(ctx: Context) {
  return { earliestStart: ctx.now, slotMinutes: ctx.options.slotMinutes, day: ctx.options.day };
}

function candidateOptions(ctx: Context) {
  return {
    allowSlaOverride: ctx.options.allowSlaOverride,
    slotMinutes: ctx.options.slotMinutes,
    day: ctx.options.day,
    maxBumped: ctx.options.maxBumped,
    timeZone: ctx.timeZone,
  };
}

function firstShiftStart(index: BoardIndex): EpochMinute | null {
  let first: EpochMinute | null = null;
  for (const t of index.technicians) for (const s of t.shifts) if (first === null || s.start < first) first = s.start;
  return first;
}

function toIndex(board: Board | BoardIndex): BoardIndex {
  return "lanes" in board ? board : prepareBoard(board);
}
