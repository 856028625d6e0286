/**
 * After-hours intake: an urgent job (emergency or high priority) that comes in
 * while nobody is on shift goes to the technician on call, at the earliest time
 * they can be there, through the one checked placement path. The decision says
 * why in words; when nobody is on call, or the booking is refused, ordinary
 * dispatch carries on.
 */
import { ActionFailure } from "@/lib/actions/result";
import { loadBoardDay, type BoardDay, type BoardJob, type CompanySettings } from "@/lib/db/board";
import { placeJob } from "@/lib/db/board-changes";
import type { Queryable } from "@/lib/db/client";
import { loadOnCall, onCallNow } from "@/lib/db/on-call";
import type { SessionUser } from "@/lib/db/with-user";
import { afterHoursSlot, isAfterHours } from "@/lib/engine/after-hours";
import { travelMinutes } from "@/lib/engine/travel";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import type { EpochMinute } from "@/lib/engine/types";
import { formatDate } from "@/lib/time/calendar-date";
import { formatClock } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

/** What after-hours intake did with a job. */
export interface AfterHoursDecision {
  technicianId: string;
  reason: string;
}

/** "08:00" on the same day as `now`, "Tue Dec 1 08:00" on another. */
function untilWords(until: string, now: Date, timeZone: string): string {
  const end = wallClock(new Date(until), timeZone);
  const clock = formatClock(toMinute(new Date(until)), timeZone);
  return end.date === wallClock(now, timeZone).date ? clock : `${formatDate(end.date, "EEE MMM d")} ${clock}`;
}

/** Who on call would take an urgent job after hours, when, and why in words. */
export interface OnCallChoice {
  technicianId: string;
  technicianName: string;
  start: EpochMinute;
  end: EpochMinute;
  driveMin: number;
  /** Skills the job needs that the chosen technician lacks (nobody on call holds them). */
  missing: string[];
  /** Why this technician, in words ("after hours (no one on shift at 21:40): Ana is on call for …"). */
  why: string;
}

/** The choice's reason once `verb` ("booked at", "can be there at") says what happened. */
export function onCallReason(c: OnCallChoice, verb: string, timeZone: string): string {
  return (
    `${c.why}; ${verb} ${formatClock(c.start, timeZone)}, ${c.driveMin} min drive from home base` +
    (c.missing.length ? `; note: ${c.technicianName} does not hold ${c.missing.join(", ")} and no one on call does` : "")
  );
}

/**
 * The technician on call for an urgent job (emergency or high priority) when nobody
 * is on shift at `now`, and the earliest time they can be there; null when it is
 * not after hours or nobody is on call. Reads only: booking it is the caller's.
 *
 * @example await onCallChoice(tx, orgId, job, company, now) // { technicianName: "Ana", start, end, why: "after hours (no one on shift at 21:40): Ana is on call …" }
 */
export async function onCallChoice(tx: Queryable, orgId: string, job: BoardJob, company: CompanySettings, now: Date, loaded?: BoardDay): Promise<OnCallChoice | null> {
  if (job.priority > 2) return null;
  const tz = company.timeZone;
  const at = toMinute(now);
  const day = loaded ?? (await loadBoardDay(tx, orgId, wallClock(now, tz).date, { company }));
  if (!day) return null;
  const technicians = day.technicians.filter((t) => t.active);
  const working = technicians.map((t) => ({
    shift: t.shift ? { start: toMinute(t.shift.start), end: toMinute(t.shift.end) } : null,
    timeOff: t.timeOff.map((o) => ({ start: toMinute(o.start), end: toMinute(o.end) })),
  }));
  if (!isAfterHours(at, working)) return null;

  const byId = new Map(technicians.map((t) => [t.id, t]));
  const onCall = onCallNow(await loadOnCall(tx, orgId), now).filter((o) => byId.has(o.technicianId));
  if (onCall.length === 0) return null;
  const holds = (id: string) => job.requiredSkills.every((s) => byId.get(id)!.skills.includes(s));
  const turn = onCall.find((o) => holds(o.technicianId)) ?? onCall[0];
  const tech = byId.get(turn.technicianId)!;
  const missing = job.requiredSkills.filter((s) => !tech.skills.includes(s));

  const busy = day.assignments
    .filter((a) => a.jobId !== job.id && (a.leaderId === tech.id || a.helperIds.includes(tech.id)))
    .map((a) => ({ start: toMinute(a.start), end: toMinute(a.end) }));
  const drive = travelMinutes(tech.home, job.location, { speedKmh: company.travelSpeedKmh, roadFactor: company.roadFactor, bufferMin: company.travelBufferMin });
  const slot = afterHoursSlot(at, job.estimatedMinutes, drive, busy, { snapMinutes: company.snapMinutes });
  const why =
    `after hours (no one on shift at ${formatClock(at, tz)}): ${tech.name} is on call for ${turn.rotationName} until ${untilWords(turn.until, now, tz)}` +
    `${turn.swappedFrom ? " (a swapped turn)" : ""}`;
  return { technicianId: tech.id, technicianName: tech.name, start: slot.start, end: slot.end, driveMin: drive, missing, why };
}

/**
 * Books an urgent job with the technician on call when nobody is on shift at
 * `now`; null when it is not after hours, nobody is on call, or the booking was
 * refused (ordinary dispatch then decides).
 *
 * @example await dispatchAfterHours(tx, actor, job, company, now) // { technicianId, reason: "after hours (no one on shift at 21:40): …" }
 */
export async function dispatchAfterHours(tx: Queryable, actor: Actor, job: BoardJob, company: CompanySettings, now: Date): Promise<AfterHoursDecision | null> {
  const choice = await onCallChoice(tx, actor.orgId, job, company, now);
  if (!choice) return null;
  try {
    await placeJob(
      tx,
      actor,
      { jobId: job.id, jobVersion: job.version, assignmentVersion: null, leaderId: choice.technicianId, helperIds: [], start: toIso(choice.start), end: toIso(choice.end), notifyCustomer: false },
      now,
      { refuseWarnings: ["double_booked"] },
    );
  } catch (err) {
    if (err instanceof ActionFailure && err.code === "refused") return null;
    throw err;
  }
  await tx.query("update public.assignments set auto_assigned = true where job_id = $1 and active", [job.id]);
  return { technicianId: choice.technicianId, reason: onCallReason(choice, "booked at", company.timeZone) };
}
