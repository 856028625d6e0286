/**
 * Notices to a customer about their visit, queued in the outbox inside the
 * transaction that changes the board.
 */
import type { Queryable } from "@/lib/db/client";
import type { BoardJob } from "@/lib/db/board";
import { queueNotification } from "@/lib/db/notifications";
import { toIso, toMinute } from "@/lib/time/epoch-minute";
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { chooseCustomerChannel } from "@/lib/notify/customer-channel";
import { composeReschedule } from "@/lib/notify/customer-messages";
import type { ComposedNotice } from "@/lib/notify/notice-text";

export interface RescheduleNoticeInput {
  orgId: string;
  createdBy: string;
  /** The board change this notice belongs to (one notice per change). */
  changeId: string;
  job: BoardJob;
  companyName: string;
  timeZone: string;
  /** The visit as the customer was last told, if ever. */
  previous: { start: string; leaderId: string } | null;
  /** The visit now, or null when it was taken off the schedule. */
  next: { start: string; leaderId: string } | null;
  /** Why, in the customer's words (e.g. "an emergency call nearby"). */
  reason?: string | null;
  technicianName?: string | null;
}

/** The arrival window promised for a visit starting at `start` (ISO in, ISO out). */
export function promisedWindow(start: string): { start: string; end: string } {
  const w = arrivalWindow(toMinute(start));
  return { start: toIso(w.start), end: toIso(w.end) };
}

/** "1 Lake St, Chicago": where the visit is, for notices. */
export function siteOf(job: Pick<BoardJob, "address" | "city">): string | null {
  return [job.address, job.city].filter(Boolean).join(", ") || null;
}

export interface CustomerNotice {
  orgId: string;
  createdBy: string;
  job: Pick<BoardJob, "id" | "customerId" | "customerPhone" | "customerEmail">;
  notice: ComposedNotice;
  kind: string;
  /** The channel to use when the customer has both a phone and an email. */
  prefer: "sms" | "email";
  dedupeKey: string;
}

/** Queues a composed notice to a job's customer; false when they have no phone or email. */
export async function queueCustomerNotice(tx: Queryable, n: CustomerNotice): Promise<boolean> {
  const target = chooseCustomerChannel({ phone: n.job.customerPhone, email: n.job.customerEmail }, n.prefer);
  if (!target) return false;
  await queueNotification(tx, {
    orgId: n.orgId,
    channel: target.channel,
    recipient: target.recipient,
    recipientKind: "customer",
    subject: target.channel === "email" ? n.notice.subject : null,
    body: target.channel === "sms" ? n.notice.sms : n.notice.text,
    kind: n.kind,
    jobId: n.job.id,
    customerId: n.job.customerId,
    dedupeKey: n.dedupeKey,
    createdBy: n.createdBy,
  });
  return true;
}

/**
 * Queues the customer's reschedule notice: by SMS when there is a phone, else by
 * email. Returns false when the customer has neither (nobody to tell).
 */
export async function queueCustomerRescheduleNotice(tx: Queryable, input: RescheduleNoticeInput): Promise<boolean> {
  const notice = composeReschedule({
    companyName: input.companyName,
    timeZone: input.timeZone,
    customerName: input.job.customerName,
    workOrder: input.job.workOrder,
    address: siteOf(input.job),
    description: input.job.description,
    technicianName: input.technicianName ?? null,
    from: input.previous ? promisedWindow(input.previous.start) : null,
    to: input.next ? promisedWindow(input.next.start) : null,
    reason: input.reason ?? null,
  });
  return queueCustomerNotice(tx, {
    orgId: input.orgId,
    createdBy: input.createdBy,
    job: input.job,
    notice,
    kind: "reschedule",
    prefer: "sms",
    dedupeKey: `reschedule:${input.changeId}`,
  });
}
