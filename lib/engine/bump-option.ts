/**
 * One bump option, complete: the urgent job's slot, where every bumped job goes
 * (replacement.ts), the harm in readable parts (bump-harm.ts), the added travel per
 * technician, and the warnings a dispatcher should read before approving it.
 *
 * A free gap is an option too: harm 0, nobody bumped.
 */
import { laneOf } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import type { BumpCandidate } from "@/lib/engine/bump-candidates";
import { slaOrContractWords } from "@/lib/engine/bump-eligibility";
import { formatMinutes, jobHarm, moveHarm, sumHarm, travelHarm } from "@/lib/engine/bump-harm";
import type { BumpHarmWeights, BumpMove } from "@/lib/engine/bump-harm";
import type { BumpedJob, BumpOption, TechnicianTravel } from "@/lib/engine/bump-ranking";
import { formatClock, formatClockRange, formatInZone } from "@/lib/time/format-time";
import { addDays } from "@/lib/time/calendar-date";
import { wallClock } from "@/lib/time/zoned-time";
import type { InsertionPosition } from "@/lib/engine/insertion";
import { promisedWindow } from "@/lib/engine/replacement";
import type { Replacement, ReplacementDay, ReplacementFinder } from "@/lib/engine/replacement";
import type { Assignment, EpochMinute, Interval, Job, ReasonPart, Technician } from "@/lib/engine/types";

/** What completing an option needs to know about the ranking it belongs to. */
export interface BumpOptionContext {
  urgent: Job;
  /** Today's board. */
  index: BoardIndex;
  /** The later days given, in date order. */
  later: readonly ReplacementDay[];
  /** When each later day starts (for "tomorrow" / "Mon 30 Nov"); null when unknown. */
  laterStarts: readonly (EpochMinute | null)[];
  now: EpochMinute;
  timeZone: string;
  weights: BumpHarmWeights;
  finder: ReplacementFinder;
  /** Active technicians on today's board holding a skill. */
  holders: (skill: string) => readonly Technician[];
}

/**
 * The option of a free gap: nobody is bumped, harm 0.
 *
 * @example gapOption(ctx, cy, position) // { id: "cy/1/gap", fitsWithoutBump: true, harm: { score: 0, parts: [...] }, ... }
 */
export function gapOption(ctx: BumpOptionContext, t: Technician, p: InsertionPosition): BumpOption {
  const unique = uniqueSkillWarnings(ctx, t);
  const flex = p.fit.kind === "flex" ? p.fit.block : null;
  const why = flex
    ? `takes the free flex slot ${flex.label} ${formatClockRange(flex, ctx.timeZone)} kept for urgent work in ${t.name}'s day: nobody is bumped`
    : `fits in a free gap in ${t.name}'s day: nobody is bumped`;
  return {
    id: `${t.id}/${p.positionIndex}/gap`,
    technicianId: t.id,
    technicianName: t.name,
    urgentSlot: { start: p.start, end: p.end },
    fitsWithoutBump: true,
    ...(flex ? { flexSlot: { label: flex.label, start: flex.start, end: flex.end } } : {}),
    bumped: [],
    addedTravelMin: p.addedTravel,
    travelByTechnician: [{ technicianId: t.id, technicianName: t.name, addedMin: p.addedTravel }],
    harm: { score: 0, parts: [{ factor: "bump", value: 0, why }] },
    flags: { slaOverride: false, unscheduled: false, ...(unique.skill ? { uniqueSkill: unique.skill } : {}) },
    warnings: unique.warnings,
    meetsDeadline: meetsDeadline(ctx.urgent, p),
  };
}

/**
 * Completes a bump candidate: places each bumped job again (the more urgent first,
 * each seeing the board as the previous left it) and adds up the harm.
 *
 * @example
 * completeBumpOption(ctx, candidate).bumped[0]
 * // { workOrder: "WO-1002", newSlot: { leaderId: "ana", day: "today", ... }, reason: "moves to Ana Ortiz at 13:00–14:00; ..." }
 */
export function completeBumpOption(ctx: BumpOptionContext, c: BumpCandidate): BumpOption {
  const t = c.technician;
  const bumpedIds = new Set(c.removed.map((a) => a.jobId));
  const urgentAssignment: Assignment = {
    jobId: ctx.urgent.id,
    leaderId: t.id,
    helperIds: [],
    start: c.position.start,
    end: c.position.end,
    version: 0,
  };
  // The lanes that differ from the boards once the urgent job is in and the bumped jobs are out.
  const changes: Map<string, readonly Assignment[]>[] = [new Map()];
  changes[0].set(t.id, withAssignment(laneOf(ctx.index, t.id).filter((a) => !bumpedIds.has(a.jobId)), urgentAssignment));
  for (const a of c.removed) {
    for (const h of a.helperIds) {
      changes[0].set(h, (changes[0].get(h) ?? laneOf(ctx.index, h)).filter((x) => x.jobId !== a.jobId));
    }
  }
  // More urgent bumped jobs choose their new slot first.
  const order = c.removed
    .map((a, k) => ({ a, job: c.jobs[k] }))
    .sort((x, y) => x.job.priority - y.job.priority || x.a.start - y.a.start);
  const placed = new Map<string, Replacement | null>();
  for (const { a, job } of order) {
    const r = ctx.finder.place(job, a, changes);
    placed.set(job.id, r);
    if (!r) continue;
    const dayChanges = (changes[r.dayIndex] ??= new Map());
    const board = r.dayIndex === 0 ? ctx.index : ctx.later[r.dayIndex - 1].index;
    const base = dayChanges.get(r.technicianId) ?? laneOf(board, r.technicianId);
    dayChanges.set(
      r.technicianId,
      withAssignment(base, { jobId: job.id, leaderId: r.technicianId, helperIds: [], start: r.start, end: r.end, version: 0 }),
    );
  }

  const unique = uniqueSkillWarnings(ctx, t);
  const warnings = [...unique.warnings];
  let uniqueSkill = unique.skill;
  const parts: ReasonPart[] = [];
  const travel = new Map<string, TechnicianTravel>();
  const addTravel = (id: string, name: string, minutes: number) => {
    const entry = travel.get(id);
    if (entry) entry.addedMin += minutes;
    else travel.set(id, { technicianId: id, technicianName: name, addedMin: minutes });
  };
  addTravel(t.id, t.name, c.urgentTravel);
  const bumped: BumpedJob[] = [];
  for (let k = 0; k < c.removed.length; k++) {
    const a = c.removed[k];
    const job = c.jobs[k];
    const r = placed.get(job.id) ?? null;
    const move = moveOf(ctx, r);
    parts.push(...jobHarm(job, ctx.weights), ...moveHarm(job, move, ctx.weights, { timeZone: ctx.timeZone }));
    if (r) addTravel(r.technicianId, r.technicianName, r.addedTravel);
    bumped.push({
      jobId: job.id,
      workOrder: job.workOrder,
      customerName: job.customerName,
      priority: job.priority,
      oldSlot: { leaderId: a.leaderId, start: a.start, end: a.end },
      newSlot: r ? { leaderId: r.technicianId, start: r.start, end: r.end, day: r.dayIndex === 0 ? "today" : "later" } : null,
      oldWindow: r?.oldWindow ?? promisedWindow(job, a),
      newWindow: r?.newWindow ?? null,
      slaOrContract: c.slaOrContract[k],
      reason: moveWords(ctx, r, move),
    });
    if (c.slaOrContract[k]) warnings.push(`${job.workOrder} is ${slaOrContractWords(job)}: bumped by override`);
    const only = job.requiredSkills.find((s) => isOnly(ctx, s, t));
    if (only) {
      warnings.push(`only ${t.name} holds ${only}: nobody else can take ${job.workOrder}`);
      uniqueSkill ??= only;
    }
    if (a.helperIds.length) {
      const names = a.helperIds.map((h) => ctx.index.technicianById.get(h)?.name ?? h).join(", ");
      warnings.push(`${job.workOrder} had helpers (${names}); it is re-placed with a leader only`);
    }
    if (move.kind === "unscheduled") warnings.push(`${job.workOrder}: ${move.noRoom}, left unscheduled`);
    if (move.kind === "today" && (move.missedWindow || move.missedDeadline !== null)) {
      warnings.push(`${job.workOrder} ${move.missedWindow ? "misses its own arrival window" : "finishes after its deadline"}`);
    }
  }
  for (const entry of travel.values()) parts.push(travelHarm(entry.technicianName, entry.addedMin, ctx.weights));

  const travelByTechnician = [...travel.values()];
  return {
    id: bumpOptionId(c),
    technicianId: t.id,
    technicianName: t.name,
    urgentSlot: { start: c.position.start, end: c.position.end },
    fitsWithoutBump: false,
    bumped,
    addedTravelMin: travelByTechnician.reduce((sum, e) => sum + e.addedMin, 0),
    travelByTechnician,
    harm: { score: sumHarm(parts), parts },
    flags: {
      slaOverride: c.slaOrContract.some(Boolean),
      unscheduled: bumped.some((b) => b.newSlot === null),
      ...(uniqueSkill ? { uniqueSkill } : {}),
    },
    warnings,
    meetsDeadline: meetsDeadline(ctx.urgent, c.position),
  };
}

function moveOf(ctx: BumpOptionContext, r: Replacement | null): BumpMove {
  if (!r) return { kind: "unscheduled", noRoom: noRoomWords(ctx) };
  if (r.dayIndex === 0) {
    return { kind: "today", oldWindow: r.oldWindow, newWindow: r.newWindow, missedWindow: r.missedWindow, missedDeadline: r.missedDeadline };
  }
  return { kind: "later", dayOffset: r.dayIndex - 1, dayLabel: dayLabel(ctx, r.start), newWindow: r.newWindow };
}

function moveWords(ctx: BumpOptionContext, r: Replacement | null, move: BumpMove): string {
  const range = (i: Interval) => formatClockRange(i, ctx.timeZone);
  if (!r || move.kind === "unscheduled") return `${noRoomWords(ctx)}: left unscheduled`;
  const slot = range(r);
  if (move.kind === "later") {
    return `moves to ${move.dayLabel} ${slot} with ${r.technicianName}; new window ${range(r.newWindow)}`;
  }
  const same = r.newWindow.start === r.oldWindow.start && r.newWindow.end === r.oldWindow.end;
  const late = Math.max(0, r.newWindow.start - r.oldWindow.start);
  let words = `moves to ${r.technicianName} at ${slot}; `;
  words += same
    ? `still inside its ${range(r.oldWindow)} window`
    : `new window ${range(r.newWindow)}${late > 0 ? ` (pushed back ${formatMinutes(late)})` : ""}`;
  if (r.missedWindow) words += `; misses its own ${range(r.missedWindow)} window`;
  else if (r.missedDeadline !== null) words += `; finishes after its ${formatClock(r.missedDeadline, ctx.timeZone)} deadline`;
  return words;
}

function noRoomWords(ctx: BumpOptionContext): string {
  const n = ctx.later.length;
  if (n === 0) return "no room later today";
  if (n > 1) return `no room today or in the next ${n} working days`;
  const start = ctx.laterStarts[0];
  if (start === null) return "no room today or on the next working day";
  const label = dayLabel(ctx, start);
  return `no room today or ${label === "tomorrow" ? label : `on ${label}`}`;
}

/** "tomorrow", or e.g. "Mon 30 Nov" for a later date. */
function dayLabel(ctx: BumpOptionContext, minute: EpochMinute): string {
  const date = wallClock(new Date(minute * 60000), ctx.timeZone).date;
  if (date === addDays(wallClock(new Date(ctx.now * 60000), ctx.timeZone).date, 1)) return "tomorrow";
  return formatInZone(minute * 60000, "EEE d MMM", { timeZone: ctx.timeZone });
}

function uniqueSkillWarnings(ctx: BumpOptionContext, t: Technician): { skill?: string; warnings: string[] } {
  const unique = ctx.urgent.requiredSkills.filter((s) => isOnly(ctx, s, t));
  return { skill: unique[0], warnings: unique.map((s) => `only ${t.name} holds ${s}`) };
}

function isOnly(ctx: BumpOptionContext, skill: string, t: Technician): boolean {
  const holders = ctx.holders(skill);
  return holders.length === 1 && holders[0].id === t.id;
}

/**
 * Whether a slot finishes by the urgent job's deadline and starts inside its window.
 *
 * @example meetsDeadline({ ...urgent, deadline: at("11:00"), window: null }, span("09:00", "10:00")) // true
 */
export function meetsDeadline(urgent: Job, slot: Interval): boolean {
  const byDeadline = urgent.deadline === null || slot.end <= urgent.deadline;
  const inWindow = !urgent.window || (slot.start >= urgent.window.start && slot.start <= urgent.window.end);
  return byDeadline && inWindow;
}

/**
 * A stable id: technician, position of the first bumped job in their day, bumped job ids.
 *
 * @example bumpOptionId(candidate) // "sam/1/j-7+j-8"
 */
export function bumpOptionId(c: BumpCandidate): string {
  return `${c.technician.id}/${c.from}/${c.removed.map((a) => a.jobId).join("+")}`;
}

function withAssignment(lane: readonly Assignment[], assignment: Assignment): Assignment[] {
  const at = lane.findIndex((a) => a.start > assignment.start || (a.start === assignment.start && a.end > assignment.end));
  const copy = lane.slice();
  copy.splice(at < 0 ? copy.length : at, 0, assignment);
  return copy;
}
