/**
 * Notices to a customer about their visit, queued in the outbox inside the
 * transaction that changes the board.
 */
import type { Queryable } from "@/lib/db/client";
import type { BoardJob } from "@/lib/db/board";
import { queueNotification } from "@/lib/db/notifications";
import { toIso, toMinute } from "@/lib/board/engine-board";
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { chooseCustomerChannel, composeReschedule } from "@/lib/notify/messages";

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

function windowOf(start: string): { start: string; end: string } {
  const w = arrivalWindow(toMinute(start));
  return { start: toIso(w.start), end: toIso(w.end) };
}

/**
 * Queues the customer's reschedule notice: by SMS when there is a phone, else by
 * email. Returns false when the customer has neither (nobody to tell).
 */
export async function queueCustomerRescheduleNotice(tx: Queryable, input: RescheduleNoticeInput): Promise<boolean> {
  const target = chooseCustomerChannel({ phone: input.job.customerPhone, email: input.job.customerEmail }, "sms");
  if (!target) return false;
  const notice = composeReschedule({
    companyName: input.companyName,
    timeZone: input.timeZone,
    customerName: input.job.customerName,
    workOrder: input.job.workOrder,
    address: [input.job.address, input.job.city].filter(Boolean).join(", ") || null,
    description: input.job.description,
    technicianName: input.technicianName ?? null,
    from: input.previous ? windowOf(input.previous.start) : null,
    to: input.next ? windowOf(input.next.start) : null,
    reason: input.reason ?? null,
  });
  await queueNotification(tx, {
    orgId: input.orgId,
    channel: target.channel,
    recipient: target.recipient,
    recipientKind: "customer",
    subject: target.channel === "email" ? notice.subject : null,
    body: target.channel === "sms" ? notice.sms : notice.text,
    kind: "reschedule",
    jobId: input.job.id,
    customerId: input.job.customerId,
    dedupeKey: `reschedule:${input.changeId}`,
    createdBy: input.createdBy,
  });
  return true;
}
