/**
 * Which booked jobs may leave a technician's day to make room for an urgent one.
 *
 * A job can be bumped only when all of these hold:
 *  - the technician leads it (a job they only help on belongs to someone else's
 *    day, and moving a crew is not a one-click decision);
 *  - it is still open and not under way: not in progress, done or cancelled, and
 *    its booked start is not already past (a job half done is never bumped);
 *  - it is not pinned (a dispatcher fixed it on purpose);
 *  - it is strictly less urgent than the urgent job (a larger priority number);
 *  - it is neither SLA-protected nor a contract customer's — unless the company
 *    allows an override, and then it is allowed but flagged.
 */
import { formatClock } from "@/lib/time/format-time";
import type { Assignment, EpochMinute, Job } from "@/lib/engine/types";

export interface BumpEligibilityOptions {
  /** Allow bumping SLA-protected and contract jobs (flagged). Default false. */
  allowSlaOverride?: boolean;
  /** IANA time zone for clock times in reasons. Default "UTC". */
  timeZone?: string;
}

export type BumpRefusalCode =
  | "not_leader"
  | "closed"
  | "under_way"
  | "pinned"
  | "priority"
  | "sla_or_contract";

export type BumpEligibility =
  | { bumpable: true; slaOrContract: boolean }
  | { bumpable: false; code: BumpRefusalCode; why: string };

const PRIORITY_NAMES = { 1: "Emergency", 2: "High", 3: "Normal", 4: "Low" } as const;

/**
 * Whether `job` (booked as `assignment` in `technicianId`'s day) may be bumped for
 * `urgent` at `now`, and if not, why in words.
 *
 * @example
 * bumpEligibility(job, assignment, urgent, "t-1", now)
 * // { bumpable: false, code: "sla_or_contract", why: "WO-1002 is SLA-protected" }
 */
export function bumpEligibility(
  job: Job,
  assignment: Assignment,
  urgent: Job,
  technicianId: string,
  now: EpochMinute,
  options: BumpEligibilityOptions = {},
): BumpEligibility {
  const wo = job.workOrder;
  const refuse = (code: BumpRefusalCode, why: string): BumpEligibility => ({ bumpable: false, code, why });
  if (assignment.leaderId !== technicianId) return refuse("not_leader", `${wo} is led by someone else`);
  if (job.status === "in_progress" || job.status === "done" || job.status === "cancelled") {
    return refuse("closed", `${wo} is ${job.status.replace("_", " ")}`);
  }
  if (assignment.start < now) {
    return refuse("under_way", `${wo} is already under way (started ${formatClock(assignment.start, options.timeZone)})`);
  }
  if (job.pinned) return refuse("pinned", `${wo} is pinned`);
  if (job.priority <= urgent.priority) {
    return refuse("priority", `${wo} is ${PRIORITY_NAMES[job.priority]} priority, as urgent as ${urgent.workOrder} or more`);
  }
  const slaOrContract = job.slaProtected || job.contract;
  if (slaOrContract && !options.allowSlaOverride) return refuse("sla_or_contract", `${wo} is ${slaOrContractWords(job)}`);
  return { bumpable: true, slaOrContract };
}

/**
 * Why a job is protected, in words: "SLA-protected", "a contract customer's", or both.
 *
 * @example slaOrContractWords({ ...job, slaProtected: true, contract: false }) // "SLA-protected"
 */
export function slaOrContractWords(job: Pick<Job, "slaProtected" | "contract">): string {
  if (job.slaProtected && job.contract) return "SLA-protected and a contract customer's";
  return job.slaProtected ? "SLA-protected" : "a contract customer's";
}

/**
 * The word dispatchers use for a priority tier.
 *
 * @example priorityName(2) // "High"
 */
export function priorityName(priority: Job["priority"]): string {
  return PRIORITY_NAMES[priority];
}
