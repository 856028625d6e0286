/**
 * The "re-plan the day" bump option: the route optimiser re-routes today's
 * technicians with the urgent job forced in, every moved job kept inside the
 * window its customer was promised, and the answer becomes one more option,
 * ranked with the bump options by the same harm model (bump-harm.ts).
 *
 * Harm of a re-planned day: each job that moves but keeps its promised window
 * costs `weights.replanMove` (its technician's day changes, no customer is told
 * a new time); a booked job the re-plan leaves out costs what a bumped job left
 * unscheduled costs; added travel costs per minute, per technician.
 */
import { priorityName, slaOrContractWords } from "@/lib/engine/bump-eligibility";
import { jobHarm, moveHarm, sumHarm, travelHarm } from "@/lib/engine/bump-harm";
import type { BumpHarmWeights } from "@/lib/engine/bump-harm";
import { meetsDeadline } from "@/lib/engine/bump-option";
import type { BumpedJob, BumpOption, TechnicianTravel } from "@/lib/engine/bump-ranking";
import { promisedWindow } from "@/lib/engine/replacement";
import type { Assignment, Job, ReasonPart } from "@/lib/engine/types";
import type { DayPlan } from "@/lib/engine/vrp/day-plan";
import { formatClockRange } from "@/lib/time/format-time";

export interface ReplanOptionInput {
  urgent: Job;
  /** The plan of today with the urgent job forced in (see buildDayProblem's forcedJobIds). */
  plan: DayPlan;
  /** Whether the solver's answer keeps every window and shift (a forced job it could not fit makes it infeasible). */
  feasible: boolean;
  /** Today's jobs and assignments, as the plan was made on them. */
  jobs: ReadonlyMap<string, Job>;
  assignments: ReadonlyMap<string, Assignment>;
  weights: BumpHarmWeights;
  timeZone: string;
  /** May SLA-protected and contract jobs lose their place? */
  allowSlaOverride: boolean;
  /** Harm of each job that moves inside its promised window. Default 5. */
  moveHarm?: number;
}

/** Why there is no re-plan option. */
export interface NoReplan {
  option: null;
  reason: string;
}

/** FNV-1a, for an id that changes whenever what the option does changes. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Turns an optimised day into a bump option, or says why it offers none.
 *
 * @example
 * const r = replanOption({ urgent, plan, feasible: answer.feasible, jobs, assignments, weights, timeZone: "America/Chicago", allowSlaOverride: false });
 * r.option?.harm.parts[0] // { factor: "replan", value: 5, why: "WO-1002 moves to Ana Ortiz 13:00–14:00, still inside its 12:00–14:00 window" }
 */
export function replanOption(input: ReplanOptionInput): { option: BumpOption } | NoReplan {
  const { urgent, plan, weights, timeZone } = input;
  const range = (i: { start: number; end: number }) => formatClockRange(i, timeZone);
  const route = plan.routes.find((r) => r.stops.some((s) => s.jobId === urgent.id && !s.helper));
  const stop = route?.stops.find((s) => s.jobId === urgent.id);
  if (!input.feasible) {
    return {
      option: null,
      reason: `Re-planning the day finds no place for ${urgent.workOrder}: no order of the day fits it by its deadline with every other customer kept in their window.`,
    };
  }
  if (!route || !stop) {
    const out = plan.leftOut.find((l) => l.jobId === urgent.id);
    return { option: null, reason: `Re-planning the day finds no place for ${urgent.workOrder}${out ? `: ${out.why}` : ""}.` };
  }
  const lost = plan.leftOut.filter((l) => l.wasBooked);
  const protectedLost = lost.filter((l) => {
    const job = input.jobs.get(l.jobId);
    return job && (job.slaProtected || job.contract);
  });
  if (protectedLost.length > 0 && !input.allowSlaOverride) {
    return { option: null, reason: `Re-planning the day would take ${protectedLost.map((l) => l.workOrder).join(", ")} (SLA or contract) off the board.` };
  }

  const parts: ReasonPart[] = [];
  const bumped: BumpedJob[] = [];
  const warnings: string[] = [];
  const perMove = input.moveHarm ?? 5;
  for (const change of plan.moved) {
    if (change.jobId === urgent.id || !change.from) continue;
    const job = input.jobs.get(change.jobId);
    const assignment = input.assignments.get(change.jobId);
    if (!job || !assignment) continue;
    // the plan compares with its own replay of the day; what counts is the visit as booked
    if (assignment.leaderId === change.to.technicianId && assignment.start === change.to.start && assignment.end === change.to.end) continue;
    const promised = promisedWindow(job, assignment);
    const other = assignment.leaderId !== change.to.technicianId;
    const where = `${other ? "moves to" : "stays with"} ${change.to.technicianName} at ${range(change.to)}`;
    const reason = `${where}, still inside its ${range(promised)} window`;
    parts.push({ factor: "replan", value: perMove, why: `${job.workOrder} ${reason}` });
    bumped.push({
      jobId: job.id,
      workOrder: job.workOrder,
      customerName: job.customerName,
      priority: job.priority,
      oldSlot: { leaderId: assignment.leaderId, start: assignment.start, end: assignment.end },
      newSlot: { leaderId: change.to.technicianId, start: change.to.start, end: change.to.end, day: "today" },
      oldWindow: promised,
      newWindow: promised,
      slaOrContract: job.slaProtected || job.contract,
      reason,
    });
  }
  for (const out of lost) {
    const job = input.jobs.get(out.jobId);
    const assignment = input.assignments.get(out.jobId);
    if (!job || !assignment) continue;
    const noRoom = "no room in the re-planned day";
    parts.push(...jobHarm(job, weights), ...moveHarm(job, { kind: "unscheduled", noRoom }, weights, { timeZone }));
    bumped.push({
      jobId: job.id,
      workOrder: job.workOrder,
      customerName: job.customerName,
      priority: job.priority,
      oldSlot: { leaderId: assignment.leaderId, start: assignment.start, end: assignment.end },
      newSlot: null,
      oldWindow: promisedWindow(job, assignment),
      newWindow: null,
      slaOrContract: job.slaProtected || job.contract,
      reason: `${noRoom}: back to the queue (${out.why})`,
    });
    warnings.push(`${job.workOrder} (${priorityName(job.priority)} priority) goes back to the queue`);
    if (job.slaProtected || job.contract) warnings.push(`${job.workOrder} is ${slaOrContractWords(job)}: taken off the board by override`);
  }
  const travel: TechnicianTravel[] = plan.routes
    .filter((r) => r.travelAfter !== r.travelBefore)
    .map((r) => ({ technicianId: r.technicianId, technicianName: r.technicianName, addedMin: r.travelAfter - r.travelBefore }));
  for (const t of travel) parts.push(travelHarm(t.technicianName, t.addedMin, weights));
  if (parts.length === 0) parts.push({ factor: "replan", value: 0, why: "nobody else moves" });

  const slot = { start: stop.start, end: stop.end };
  const signature = JSON.stringify([route.technicianId, slot.start, slot.end, bumped.map((b) => [b.jobId, b.newSlot?.leaderId ?? null, b.newSlot?.start ?? null])]);
  return {
    option: {
      id: `replan/${shortHash(signature)}`,
      technicianId: route.technicianId,
      technicianName: route.technicianName,
      urgentSlot: slot,
      fitsWithoutBump: false,
      bumped,
      addedTravelMin: travel.reduce((sum, t) => sum + t.addedMin, 0),
      travelByTechnician: travel,
      harm: { score: sumHarm(parts), parts },
      flags: { slaOverride: protectedLost.length > 0, unscheduled: lost.length > 0 },
      warnings,
      meetsDeadline: meetsDeadline(urgent, slot),
    },
  };
}

export interface ReplanLeadInput {
  urgentWorkOrder: string;
  technicianName: string;
  urgentSlot: { start: number; end: number };
  /** Visits the re-plan moves (each inside its promised window) and visits it leaves out. */
  moved: number;
  leftOut: number;
  /** The plan's own summary (driving before → after, jobs moved). */
  summary: string;
  timeZone: string;
}

/**
 * The sentence above the options when the re-plan option ranks first, so the
 * page's lead describes the option it shows first, not the best bump.
 *
 * @example
 * replanLeadMessage({ urgentWorkOrder: "WO-9", technicianName: "Ana", urgentSlot, moved: 2, leftOut: 0, summary: "Driving 80 min → 74 min (−6 min); 2 jobs move, 1 placed from the queue", timeZone: "UTC" })
 * // "Least harm: re-plan the day — Ana takes WO-9 at 09:00–11:00, 2 visits move inside their customers' windows, nobody is bumped (Driving 80 min → 74 min (−6 min); …)"
 */
export function replanLeadMessage(input: ReplanLeadInput): string {
  const slot = formatClockRange(input.urgentSlot, input.timeZone);
  const moves =
    input.moved === 0
      ? "nobody else moves"
      : `${input.moved} ${input.moved === 1 ? "visit moves" : "visits move"} inside ${input.moved === 1 ? "its customer's window" : "their customers' windows"}`;
  const lost = input.leftOut === 0 ? "nobody is bumped" : `${input.leftOut} ${input.leftOut === 1 ? "visit goes" : "visits go"} back to the queue`;
  return `Least harm: re-plan the day — ${input.technicianName} takes ${input.urgentWorkOrder} at ${slot}, ${moves}, ${lost} (${input.summary})`;
}
