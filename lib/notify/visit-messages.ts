/**
 * The words of the notices the technician's app causes: "on my way" and "running
 * late" to a customer. Pure: plain data in, text out, times in the company's zone.
 */
import { formatHm } from "@/lib/time/format-time";
import { fitSms, lines, oneLine, type ComposedNotice } from "@/lib/notify/notice-text";

export interface OnTheWayInput {
  companyName: string;
  timeZone: string;
  customerName: string;
  workOrder: string;
  technicianName: string;
  /** When the technician is expected (ISO). */
  estimatedArrival: string;
  /** "on_my_way": just set off; "running_late": a later estimate than promised. */
  kind: "on_my_way" | "running_late";
}

/**
 * Tells a customer the technician has set off, or is running late, with the estimate.
 *
 * @example
 * composeOnTheWay({ companyName: "Acme Heating", timeZone: "America/Chicago", customerName: "Dana", workOrder: "WO-1",
 *   technicianName: "Ali Haddad", estimatedArrival: "2026-11-23T15:40:00Z", kind: "on_my_way" }).sms
 * // "Acme Heating: Ali Haddad is on the way for your visit (WO-1), arriving at about 09:40."
 */
export function composeOnTheWay(input: OnTheWayInput): ComposedNotice {
  const eta = formatHm(new Date(input.estimatedArrival), input.timeZone);
  const who = oneLine(input.technicianName);
  const opening =
    input.kind === "on_my_way"
      ? `${who} is on the way for your service visit and should arrive at about ${eta}.`
      : `${who} is running late for your service visit; the new estimate is ${eta}. We are sorry for the wait.`;
  return {
    subject:
      input.kind === "on_my_way"
        ? `${input.companyName}: your technician is on the way (about ${eta})`
        : `${input.companyName}: your technician is running late (new estimate ${eta})`,
    text: lines(`Hello ${oneLine(input.customerName)},`, "", opening, "", `Work order: ${input.workOrder}`, "", input.companyName),
    sms: fitSms([
      input.kind === "on_my_way"
        ? `${input.companyName}: ${who} is on the way for your visit (${input.workOrder}), arriving at about ${eta}.`
        : `${input.companyName}: ${who} is running late for your visit (${input.workOrder}); new estimate ${eta}.`,
    ]),
  };
}
