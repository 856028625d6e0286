/**
 * The notice a customer gets when their visit is cancelled, with the reason in the
 * office's words. Plain text, no I/O.
 */
import { SMS_MAX_LENGTH, type ComposedNotice } from "@/lib/notify/notice-text";

export interface CancellationInput {
  companyName: string;
  customerName: string;
  workOrder: string;
  description?: string | null;
  address?: string | null;
  /** Why, as the dispatcher typed it. */
  reason: string;
  contactPhone?: string | null;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * @example
 * composeCancellation({ companyName: "Acme Heating", customerName: "Dana", workOrder: "WO-1042", reason: "Parts on back order" }).sms
 * // "Acme Heating: your visit (WO-1042) is cancelled: Parts on back order. Reply to arrange a new one."
 */
export function composeCancellation(input: CancellationInput): ComposedNotice {
  const reason = oneLine(input.reason);
  const contact = input.contactPhone ? oneLine(input.contactPhone) : null;
  const text = [
    `Hello ${oneLine(input.customerName)},`,
    "",
    `${input.companyName} has cancelled your service visit.`,
    `Reason: ${reason}`,
    "",
    `Work order: ${input.workOrder}`,
    ...(input.address ? [`Address: ${oneLine(input.address)}`] : []),
    ...(input.description ? [`Work: ${oneLine(input.description)}`] : []),
    "",
    contact ? `Call ${contact} or reply to arrange a new visit.` : "Reply to arrange a new visit.",
    `— ${input.companyName}`,
  ].join("\n");
  const tail = contact ? ` Call ${contact} to arrange a new one.` : " Reply to arrange a new one.";
  const head = `${input.companyName}: your visit (${input.workOrder}) is cancelled: `;
  const room = SMS_MAX_LENGTH - head.length - tail.length - 1;
  const shortReason = reason.length > room ? `${reason.slice(0, Math.max(0, room - 1))}…` : reason;
  return { subject: `Your ${input.companyName} visit ${input.workOrder} is cancelled`, text, sms: `${head}${shortReason}.${tail}` };
}
