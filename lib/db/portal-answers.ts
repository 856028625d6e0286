/**
 * The office's side of a customer's changes on the tracking link: the open "another
 * time" requests the review queue lists, the dispatcher's answer (move the visit
 * through the checked placement path, or decline with a message the customer
 * receives through the outbox), and the notices a portal cancellation sends.
 */
import type { Queryable } from "@/lib/db/client";
import type { SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { placeJob } from "@/lib/db/board-changes";
import { JOB_SELECT, mapJob, type BoardJob } from "@/lib/db/board";
import { queueCustomerNotice } from "@/lib/db/customer-notices";
import { queueNotification } from "@/lib/db/notifications";
import { composeCancellationConfirmation, composeCancellationForOffice, composeRescheduleDeclined, composeRescheduleMoved } from "@/lib/notify/portal-answers";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export type PortalWindow = "any" | "morning" | "afternoon";

/** The hours a customer means by a time of day (company time zone). */
export const PORTAL_WINDOWS = { morning: ["08:00", "12:00"], afternoon: ["12:00", "17:00"] } as const;

/** A customer's open "another time" request, as the review queue shows it. */
export interface RescheduleRequest {
  requestId: string;
  /** The customer's own words. */
  message: string;
  /** The day they asked for (company-local date). */
  requestedDate: string | null;
  requestedWindow: PortalWindow;
  askedAt: string;
}

/**
 * The customer's time of day on a date as a window (ISO instants), or the whole day
 * for "any time".
 *
 * @example
 * requestedWindowOf("2026-11-26", "afternoon", "America/Chicago") // { start: "2026-11-26T18:00:00.000Z", end: "2026-11-26T23:00:00.000Z" }
 */
export function requestedWindowOf(date: string, window: PortalWindow, timeZone: string): { start: string; end: string } {
  if (window === "any") return { start: zonedToUtc(date, "00:00", timeZone).toISOString(), end: zonedToUtc(addDays(date, 1), "00:00", timeZone).toISOString() };
  const [from, to] = PORTAL_WINDOWS[window];
  return { start: zonedToUtc(date, from, timeZone).toISOString(), end: zonedToUtc(date, to, timeZone).toISOString() };
}

/** The open "another time" requests of these jobs, by job id. */
export async function openRescheduleRequests(tx: Queryable, orgId: string, jobIds: string[]): Promise<Map<string, RescheduleRequest>> {
  if (jobIds.length === 0) return new Map();
  const rows = await tx.query<{ id: string; job_id: string; customer_message: string | null; requested_date: string | Date | null; requested_window: PortalWindow | null; customer_action_at: Date }>(
    `select id, job_id, customer_message, requested_date::text as requested_date, requested_window, customer_action_at
       from public.portal_requests
      where org_id = $1 and job_id = any($2::uuid[]) and customer_action = 'reschedule_requested' and answer is null`,
    [orgId, jobIds],
  );
  return new Map(
    rows.map((r) => [
      r.job_id,
      {
        requestId: r.id,
        message: r.customer_message ?? "",
        requestedDate: r.requested_date ? String(r.requested_date).slice(0, 10) : null,
        requestedWindow: r.requested_window ?? "any",
        askedAt: new Date(r.customer_action_at).toISOString(),
      },
    ]),
  );
}

export type RescheduleAnswer =
  | {
      decision: "move";
      jobId: string;
      /** The versions the dispatcher saw: a change since then is a conflict, never overwritten. */
      jobVersion: number;
      assignmentVersion: number | null;
      leaderId: string;
      start: string;
      end: string;
    }
  | { decision: "decline"; jobId: string; jobVersion: number; message: string };

export interface RescheduleAnswerResult {
  summary: string;
  /** False when the customer has no phone or email (nobody to tell). */
  customerTold: boolean;
}

/**
 * Answers the open "another time" request of a job. Moving sets the job's window to
 * the one the customer asked for and places it through {@link placeJob} (locks,
 * versions, engine checks, audit); declining keeps the visit where it is. Either way
 * the customer is told once through the outbox and the request records the answer.
 */
export async function answerReschedule(tx: Queryable, actor: Actor, answer: RescheduleAnswer, now: Date): Promise<RescheduleAnswerResult> {
  const [req] = await tx.query<{ id: string; customer_action_at: Date; requested_date: string | null; requested_window: PortalWindow | null; time_zone: string; company_name: string }>(
    `select r.id, r.customer_action_at, r.requested_date::text as requested_date, r.requested_window, c.time_zone, c.name as company_name
       from public.portal_requests r join public.companies c on c.id = r.org_id
      where r.org_id = $1 and r.job_id = $2 and r.customer_action = 'reschedule_requested' and r.answer is null
      for update of r`,
    [actor.orgId, answer.jobId],
  );
  if (!req) throw new ActionFailure("conflict", "That request for another time was already answered or withdrawn.");
  const [current] = await tx.query<{ version: number; work_order: string; status: string }>(
    "select version, work_order, status from public.jobs where id = $1 and org_id = $2 for update",
    [answer.jobId, actor.orgId],
  );
  if (!current) throw new ActionFailure("not_found", "That job does not exist in your company.");
  if (Number(current.version) !== answer.jobVersion) {
    throw new ActionFailure("conflict", `${current.work_order} changed since you opened it. Reload and answer again.`);
  }
  const wo = current.work_order;
  const dedupeKey = `portal-answer:${req.id}:${new Date(req.customer_action_at).toISOString()}`;
  let job: BoardJob;
  let summary: string;
  let notice;

  if (answer.decision === "move") {
    // the job's own window becomes the customer's: the engine checks the new visit against it
    const asked = req.requested_date ? requestedWindowOf(String(req.requested_date).slice(0, 10), req.requested_window ?? "any", req.time_zone) : null;
    const windowed = req.requested_window && req.requested_window !== "any" ? asked : null;
    const [moved] = await tx.query<{ version: number }>(
      "update public.jobs set window_start = $2, window_end = $3 where id = $1 returning version",
      [answer.jobId, windowed?.start ?? null, windowed?.end ?? null],
    );
    const placed = await placeJob(
      tx,
      actor,
      {
        jobId: answer.jobId,
        jobVersion: Number(moved.version),
        assignmentVersion: answer.assignmentVersion,
        leaderId: answer.leaderId,
        helperIds: [],
        start: answer.start,
        end: answer.end,
        // the customer hears of it below, in words about their request
        notifyCustomer: false,
      },
      now,
    );
    job = placed.job;
    summary = `${placed.summary} — as the customer asked`;
    notice = composeRescheduleMoved({ companyName: req.company_name, timeZone: req.time_zone, workOrder: wo, window: { start: answer.start, end: answer.end } });
  } else {
    const [visit] = await tx.query<{ starts_at: Date; ends_at: Date }>("select starts_at, ends_at from public.assignments where job_id = $1 and active", [answer.jobId]);
    if (!visit) throw new ActionFailure("refused", `${wo} has no booked time to keep: place it instead.`);
    await tx.query("select set_config('app.audit_context', $1, true)", [
      JSON.stringify({ kind: "portal_reschedule_declined", summary: `${actor.name} declined the customer's request for another time for ${wo}: ${answer.message}` }),
    ]);
    await tx.query("update public.jobs set dispatch_state = 'manual', dispatch_reason = $2 where id = $1", [
      answer.jobId,
      `Kept at its booked time: ${actor.name} declined the customer's request for another time (“${answer.message}”)`,
    ]);
    const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [answer.jobId]);
    job = mapJob(row);
    summary = `${wo} stays at its booked time; the customer is told why.`;
    notice = composeRescheduleDeclined({
      companyName: req.company_name,
      timeZone: req.time_zone,
      workOrder: wo,
      window: { start: new Date(visit.starts_at).toISOString(), end: new Date(visit.ends_at).toISOString() },
      message: answer.message,
    });
  }
  await tx.query("update public.portal_requests set answer = $2, answer_message = $3, answered_at = now(), answered_by = $4 where id = $1", [
    req.id,
    answer.decision === "move" ? "moved" : "declined",
    answer.decision === "decline" ? answer.message : null,
    actor.userId,
  ]);
  const customerTold = await queueCustomerNotice(tx, {
    orgId: actor.orgId,
    createdBy: actor.userId,
    job,
    notice,
    kind: answer.decision === "move" ? "portal_reschedule_moved" : "portal_reschedule_declined",
    prefer: "email",
    dedupeKey,
  });
  return { summary, customerTold };
}

/**
 * After a customer cancelled through the tracking link: their confirmation, and a
 * notice to each admin and dispatcher of the company, each queued once (a second
 * cancellation of the same request queues nothing).
 */
export async function queueCancellationNotices(
  tx: Queryable,
  input: { orgId: string; principalId: string; requestId: string; jobId: string; companyName: string; timeZone: string; window: { start: string; end: string } | null },
): Promise<void> {
  const [row] = await tx.query<Record<string, unknown>>(`${JOB_SELECT} where j.id = $1`, [input.jobId]);
  const job = mapJob(row);
  const [t] = await tx.query<{ name: string | null }>("select t.name from public.jobs j left join public.job_templates t on t.id = j.template_id where j.id = $1", [input.jobId]);
  const words = {
    companyName: input.companyName,
    timeZone: input.timeZone,
    workOrder: job.workOrder,
    service: t?.name ?? job.description ?? "service visit",
    window: input.window,
    customerName: job.customerName,
  };
  await queueCustomerNotice(tx, {
    orgId: input.orgId,
    createdBy: input.principalId,
    job,
    notice: composeCancellationConfirmation(words),
    kind: "portal_cancellation",
    prefer: "email",
    dedupeKey: `portal-cancelled:${input.requestId}`,
  });
  const office = composeCancellationForOffice(words);
  const people = await tx.query<{ id: string; email: string }>(
    `select p.id, p.email from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and m.role in ('admin', 'dispatcher') and m.user_id <> $2 order by p.email`,
    [input.orgId, input.principalId],
  );
  for (const p of people) {
    await queueNotification(tx, {
      orgId: input.orgId,
      channel: "email",
      recipient: p.email,
      recipientKind: "user",
      subject: office.subject,
      body: office.text,
      kind: "portal_cancellation_office",
      jobId: input.jobId,
      dedupeKey: `portal-cancelled:${input.requestId}:${p.id}`,
      createdBy: input.principalId,
    });
  }
}
