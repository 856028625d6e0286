/**
 * When the board must ask before saving: the 24-hour rule. A change to a visit
 * the customer was already told about, close to its time, is told to them too —
 * unless the dispatcher unticks it.
 */
import type { BoardAssignment, BoardJob, CompanySettings } from "@/lib/db/board";
import { rescheduleNoticeApplies } from "@/lib/engine/customer-notice";
import type { EpochMinute } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";


export interface NoticePromptInput {
  company: Pick<CompanySettings, "rescheduleNoticeEnabled">;
  /** The job's assignment as the board shows it now (before the change). */
  current: Pick<BoardAssignment, "start" | "end" | "publishedAt"> | undefined;
  /** Where the change puts it, or null when it is unscheduled. */
  next: { start: string; end: string } | null;
  now: EpochMinute;
}

/**
 * True when the change touches a published assignment and the company's 24-hour
 * rule applies to it, so the dispatcher is asked whether to notify the customer.
 *
 * @example needsNoticePrompt({ company: { rescheduleNoticeEnabled: true }, current, next, now }) // true
 */
export function needsNoticePrompt(input: NoticePromptInput): boolean {
  const { current } = input;
  if (!current || current.publishedAt === null) return false;
  return rescheduleNoticeApplies({
    published: true,
    previous: { start: toMinute(current.start), end: toMinute(current.end) },
    next: input.next ? { start: toMinute(input.next.start), end: toMinute(input.next.end) } : null,
    now: input.now,
    ruleEnabled: input.company.rescheduleNoticeEnabled,
  });
}

/** "SMS", "email", "SMS (or email)" — how the customer would hear, for the question. */
export function noticeChannel(job: Pick<BoardJob, "customerPhone" | "customerEmail">): string {
  if (job.customerPhone && job.customerEmail) return "SMS (or email)";
  if (job.customerPhone) return "SMS";
  if (job.customerEmail) return "email";
  return "SMS (or email)";
}

/** What the board says after a save about the customer's notice, or null when there is nothing to say. */
export function noticeOutcome(result: "queued" | "declined" | "not_needed" | "unreachable"): string | null {
  switch (result) {
    case "queued":
      return "Customer notified";
    case "declined":
      return "Customer not notified";
    case "unreachable":
      return "Customer not notified: no phone or email on file";
    default:
      return null;
  }
}
