/**
 * Board validation for a dispatcher's change.
 *
 * Errors refuse the change (it cannot be right); warnings are shown and the
 * dispatcher may proceed (they know things the board does not). Every message
 * names the people, work orders and clock times involved.
 */
import { crewOf, laneOf, prepareBoard } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import { contains, overlaps } from "@/lib/engine/ranges";
import { mayUseFlex, recoveryBuffer, slotFit } from "@/lib/engine/slot-rules";
import { homeKey, jobKey } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type {
  Assignment,
  Board,
  EpochMinute,
  Issue,
  Job,
  Technician,
} from "@/lib/engine/types";

export type CheckErrorCode =
  | "invalid_time"
  | "unknown_job"
  | "unknown_technician"
  | "job_closed"
  | "leader_is_helper";

export type CheckWarningCode =
  | "double_booked"
  | "missing_skill"
  | "travel_before"
  | "travel_after"
  | "outside_shift"
  | "outside_window"
  | "past_deadline"
  | "time_off"
  | "on_break"
  | "certification_expiring"
  | "flex_slot"
  | "reserved_block";

export interface CheckIssue extends Issue {
  code: CheckErrorCode | CheckWarningCode;
  /** The crew member the issue is about, when it is about one. */
  technicianId?: string;
  /** The other job involved (double booking, travel). */
  otherJobId?: string;
}

/** Where the dispatcher wants a job: who does it and when. */
export interface Placement {
  jobId: string;
  leaderId: string;
  helperIds: string[];
  start: EpochMinute;
  end: EpochMinute;
}

export interface CheckResult {
  errors: CheckIssue[];
  warnings: CheckIssue[];
}

export interface CheckOptions {
  /** IANA time zone for clock times in messages. Default "UTC". */
  timeZone?: string;
}

/** A certification a job needs is flagged this many days before it expires. */
export const CERTIFICATION_WARNING_DAYS = 30;

interface Context {
  index: BoardIndex;
  travel: TravelTimes;
  timeZone: string;
}

/**
 * Checks one proposed placement against the rest of the day's board. The job's
 * own current assignment, if any, is ignored (the change replaces it).
 *
 * @example
 * checkPlacement({ jobId: "j-7", leaderId: "t-1", helperIds: [], start, end }, board, travel, { timeZone: "Europe/London" })
 * // { errors: [], warnings: [{ code: "travel_before", message: "Ana Ortiz needs 34 min travel from WO-1001, only 10 min gap" }] }
 */
export function checkPlacement(
  placement: Placement,
  board: Board | BoardIndex,
  travel: TravelTimes,
  options: CheckOptions = {},
): CheckResult {
  const index = "lanes" in board ? board : prepareBoard(board);
  const ctx: Context = { index, travel, timeZone: options.timeZone ?? "UTC" };
  const errors: CheckIssue[] = [];
  const job = index.jobById.get(placement.jobId);
  const workOrder = job?.workOrder ?? placement.jobId;

  if (!job) {
    errors.push({ code: "unknown_job", message: `Job ${placement.jobId} is not on this board` });
  } else if (job.status === "done" || job.status === "cancelled") {
    errors.push({
      code: "job_closed",
      message: `${workOrder} is ${job.status} and cannot be scheduled`,
    });
  }
  if (placement.end <= placement.start) {
    errors.push({
      code: "invalid_time",
      message: `${workOrder} must end after it starts (${formatClockRange(placement, ctx.timeZone)})`,
    });
  }
  const crew: Technician[] = [];
  for (const id of crewOf(placement)) {
    const technician = index.technicianById.get(id);
    if (technician) crew.push(technician);
    else
      errors.push({
        code: "unknown_technician",
        message: `Technician ${id} is not on this board`,
        technicianId: id,
      });
  }
  if (placement.helperIds.includes(placement.leaderId)) {
    const name = index.technicianById.get(placement.leaderId)?.name ?? placement.leaderId;
    errors.push({
      code: "leader_is_helper",
      message: `${name} cannot be both leader and helper on ${workOrder}`,
      technicianId: placement.leaderId,
    });
  }

  const timesValid = placement.end > placement.start;
  const warnings = job && timesValid ? warningsFor(placement, job, crew, ctx) : [];
  return { errors, warnings };
}

/**
 * Warnings for every assignment on a day's board, for the warning icons. Lanes
 * are grouped and sorted once; done and cancelled jobs are not checked.
 *
 * @example
 * checkBoard(board, travel, { timeZone: "America/Chicago" })
 * // { "j-1": [], "j-2": [{ code: "double_booked", message: "Bo Li is already on WO-1001 at 09:00–10:00" }] }
 */
export function checkBoard(
  board: Board | BoardIndex,
  travel: TravelTimes,
  options: CheckOptions = {},
): Record<string, CheckIssue[]> {
  const index = "lanes" in board ? board : prepareBoard(board);
  const ctx: Context = { index, travel, timeZone: options.timeZone ?? "UTC" };
  const result: Record<string, CheckIssue[]> = {};
  for (const assignment of index.assignmentByJobId.values()) {
    const job = index.jobById.get(assignment.jobId);
    if (!job || job.status === "done" || job.status === "cancelled") continue;
    const crew = crewOf(assignment)
      .map((id) => index.technicianById.get(id))
      .filter((t): t is Technician => t !== undefined);
    result[assignment.jobId] = warningsFor(assignment, job, crew, ctx);
  }
  return result;
}

function warningsFor(p: Placement, job: Job, crew: Technician[], ctx: Context): CheckIssue[] {
  const { timeZone } = ctx;
  const warnings: CheckIssue[] = [];

  for (const skill of job.requiredSkills) warnings.push(...certificationWarnings(p, skill, crew));
  if (job.window && (p.start < job.window.start || p.start > job.window.end)) {
    // The window's end is an arrival time the customer was promised, so arriving
    // exactly at it is on time.
    warnings.push({
      code: "outside_window",
      message: `${job.workOrder} starts ${formatClock(p.start, timeZone)}, outside the customer's arrival window ${formatClockRange(job.window, timeZone)}`,
    });
  }
  if (job.deadline !== null && p.end > job.deadline) {
    warnings.push({
      code: "past_deadline",
      message: `${job.workOrder} ends ${formatClock(p.end, timeZone)}, past its deadline ${formatClock(job.deadline, timeZone)}`,
    });
  }
  // the slot template is the company's, drawn on the leader's lane
  const leader = crew.find((t) => t.id === p.leaderId);
  if (leader) warnings.push(...slotWarnings(p, job, leader, timeZone));
  for (const member of crew) warnings.push(...memberWarnings(p, job, member, ctx));
  return warnings;
}

/**
 * A needed skill no one on the crew holds (naming whose certification has expired),
 * or held only through certifications that expire within 30 days of the visit.
 */
function certificationWarnings(p: Placement, skill: string, crew: Technician[]): CheckIssue[] {
  const certOf = (t: Technician) => t.certifications?.find((c) => c.name === skill);
  const valid = (t: Technician) => t.skills.includes(skill) && (certOf(t)?.validUntil ?? Infinity) > p.start;
  const holders = crew.filter(valid);
  if (holders.length === 0) {
    const lapsed = crew.filter((t) => {
      const c = certOf(t);
      return c !== undefined && c.validUntil <= p.start;
    });
    const why = lapsed.map((t) => `${t.name}'s expired ${certOf(t)!.expiresOn}`).join(", ");
    if (!why) return [{ code: "missing_skill", message: `No one on the crew holds ${skill}` }];
    return [{ code: "missing_skill", message: `No one on the crew holds ${skill}: ${why}`, technicianId: lapsed[0].id }];
  }
  // whole days from the visit to the last valid day (0: it expires that day)
  const daysLeft = (validUntil: number) => Math.max(0, Math.floor((validUntil - p.start) / 1440));
  // one holder whose certification stays valid is enough
  const lasting = holders.some((t) => {
    const c = certOf(t);
    return c === undefined || daysLeft(c.validUntil) > CERTIFICATION_WARNING_DAYS;
  });
  if (lasting) return [];
  return holders.map((t) => {
    const c = certOf(t)!;
    const days = daysLeft(c.validUntil);
    return {
      code: "certification_expiring",
      message: `${t.name}'s ${skill} expires ${c.expiresOn}, ${days === 0 ? "the day of this visit" : `${days} day${days === 1 ? "" : "s"} after this visit`}: renew it or plan someone else`,
      technicianId: t.id,
    };
  });
}

function slotWarnings(p: Placement, job: Job, t: Technician, timeZone: string): CheckIssue[] {
  const warnings: CheckIssue[] = [];
  for (const block of t.slotBlocks ?? []) {
    if (!overlaps(block, p)) continue;
    if (block.kind === "flex" && !mayUseFlex(job)) {
      warnings.push({
        code: "flex_slot",
        message: `${job.workOrder} at ${formatClockRange(p, timeZone)} is in the flex slot ${formatClockRange(block, timeZone)} kept for urgent work`,
        technicianId: t.id,
      });
    }
  }
  const fit = slotFit(t, job, p);
  if (fit.kind === "other_block") {
    warnings.push({
      code: "reserved_block",
      message: `${job.workOrder} at ${formatClockRange(p, timeZone)} is in the ${formatClockRange(fit.block, timeZone)} block reserved for ${fit.block.label}`,
      technicianId: t.id,
    });
  }
  return warnings;
}

function memberWarnings(p: Placement, job: Job, t: Technician, ctx: Context): CheckIssue[] {
  const { index, travel, timeZone } = ctx;
  const warnings: CheckIssue[] = [];
  const technicianId = t.id;

  let prev: Assignment | undefined;
  let next: Assignment | undefined;
  for (const other of laneOf(index, t.id)) {
    if (other.jobId === p.jobId) continue;
    if (overlaps(other, p)) {
      warnings.push({
        code: "double_booked",
        message: `${t.name} is already on ${workOrderOf(index, other)} at ${formatClockRange(other, timeZone)}`,
        otherJobId: other.jobId,
        technicianId,
      });
    } else if (other.end <= p.start) {
      if (!prev || other.end > prev.end) prev = other;
    } else if (!next || other.start < next.start) {
      next = other;
    }
  }

  const shift = t.shifts.find((s) => s.start <= p.start && p.start < s.end);
  if (!t.shifts.some((s) => contains(s, p))) {
    const near = t.shifts.find((s) => overlaps(s, p));
    warnings.push({
      code: "outside_shift",
      message: near
        ? `${job.workOrder} at ${formatClockRange(p, timeZone)} is outside ${t.name}'s shift ${formatClockRange(near, timeZone)}`
        : `${t.name} has no shift at ${formatClockRange(p, timeZone)}`,
      technicianId,
    });
  }
  for (const off of t.timeOff) {
    if (overlaps(off, p)) {
      warnings.push({
        code: "time_off",
        message: `${t.name} is on time off ${formatClockRange(off, timeZone)}`,
        technicianId,
      });
    }
  }
  for (const pause of t.breaks ?? []) {
    if (overlaps(pause, p)) {
      warnings.push({
        code: "on_break",
        message: `${job.workOrder} at ${formatClockRange(p, timeZone)} runs into ${t.name}'s break ${formatClockRange(pause, timeZone)}`,
        technicianId,
      });
    }
  }

  // The first job of a shift is reached from home base, leaving at shift start.
  const fromPrevJob = prev && (!shift || prev.end > shift.start);
  const buffer = recoveryBuffer(t);
  const plusBuffer = buffer > 0 ? ` + ${buffer} min recovery` : "";
  if (fromPrevJob && prev) {
    const needed = travel.minutes(jobKey(prev.jobId), jobKey(job.id));
    const gap = p.start - prev.end;
    if (needed + buffer > gap) {
      warnings.push({
        code: "travel_before",
        message: `${t.name} needs ${needed} min travel${plusBuffer} from ${workOrderOf(index, prev)}, only ${gap} min gap`,
        otherJobId: prev.jobId,
        technicianId,
      });
    }
  } else if (shift) {
    const needed = travel.minutes(homeKey(t.id), jobKey(job.id));
    const gap = p.start - shift.start;
    if (needed > gap) {
      warnings.push({
        code: "travel_before",
        message: `${t.name} needs ${needed} min travel from home base, only ${gap} min after shift start ${formatClock(shift.start, timeZone)}`,
        technicianId,
      });
    }
  }
  if (next && (!shift || next.start < shift.end)) {
    const needed = travel.minutes(jobKey(job.id), jobKey(next.jobId));
    const gap = next.start - p.end;
    if (needed + buffer > gap) {
      warnings.push({
        code: "travel_after",
        message: `${t.name} needs ${needed} min travel${plusBuffer} to ${workOrderOf(index, next)}, only ${gap} min gap`,
        otherJobId: next.jobId,
        technicianId,
      });
    }
  }
  return warnings;
}

function workOrderOf(index: BoardIndex, a: Assignment): string {
  return index.jobById.get(a.jobId)?.workOrder ?? a.jobId;
}
