/**
 * The words of the notices about a customer's own changes on the tracking link: the
 * dispatcher's answer to "another time" (moved or declined), the confirmation of a
 * cancellation, and the office's notice of it. Pure: plain data in, text out.
 */
import { fitSms, type ComposedNotice } from "@/lib/notify/notice-text";
import { formatWindow, type TimeWindow } from "@/lib/notify/notice-windows";

const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

export interface RescheduleAnswerInput {
  companyName: string;
  timeZone: string;
  workOrder: string;
  /** The visit's window after the answer: the new one when moved, the kept one when declined. */
  window: TimeWindow;
  /** The dispatcher's words (declined only). */
  message?: string | null;
}

/**
 * The customer's visit was moved as they asked.
 *
 * @example
 * composeRescheduleMoved({ companyName: "Polar Air", timeZone: "America/Chicago", workOrder: "WO-1201",
 *   window: { start: "2026-11-24T15:00:00Z", end: "2026-11-24T16:00:00Z" } }).sms
 * // "Polar Air moved your visit WO-1201 as you asked: we will arrive between 09:00 and 10:00 on Tuesday, November 24."
 */
export function composeRescheduleMoved(input: RescheduleAnswerInput): ComposedNotice {
  const when = formatWindow(input.window, input.timeZone);
  const text = [`${input.companyName} moved your visit ${input.workOrder} as you asked.`, "", `We will arrive ${when}.`, "", `— ${input.companyName}`].join("\n");
  return {
    subject: `${input.companyName}: visit ${input.workOrder} moved`,
    text,
    sms: fitSms([`${input.companyName} moved your visit ${input.workOrder} as you asked: we will arrive ${when}.`]),
  };
}

/**
 * The customer's request for another time was declined, with the dispatcher's words;
 * the visit stays where it was.
 *
 * @example
 * composeRescheduleDeclined({ companyName: "Polar Air", timeZone: "America/Chicago", workOrder: "WO-1201",
 *   window: { start: "2026-11-24T15:00:00Z", end: "2026-11-24T16:00:00Z" }, message: "Thursday is full." }).sms
 * // "Polar Air could not move your visit WO-1201. We will arrive between 09:00 and 10:00 on Tuesday, November 24. Thursday is full."
 */
export function composeRescheduleDeclined(input: RescheduleAnswerInput): ComposedNotice {
  const when = formatWindow(input.window, input.timeZone);
  const why = oneLine(input.message ?? "");
  const text = [
    `${input.companyName} could not move your visit ${input.workOrder}.`,
    ...(why ? ["", why] : []),
    "",
    `Your visit stays as booked: we will arrive ${when}. Call us if that does not work for you.`,
    "",
    `— ${input.companyName}`,
  ].join("\n");
  return {
    subject: `${input.companyName}: about your visit ${input.workOrder}`,
    text,
    sms: fitSms([`${input.companyName} could not move your visit ${input.workOrder}. We will arrive ${when}.`], [why]),
  };
}

export interface PortalCancellationInput {
  companyName: string;
  timeZone: string;
  workOrder: string;
  service: string;
  /** The visit's window before it was cancelled, if it was booked. */
  window: TimeWindow | null;
  customerName: string;
}

/**
 * The customer's confirmation that the visit they cancelled is off.
 *
 * @example
 * composeCancellationConfirmation({ companyName: "Polar Air", timeZone: "America/Chicago", workOrder: "WO-1201",
 *   service: "Cooling repair", window: null, customerName: "Dana" }).sms
 * // "Polar Air cancelled your visit WO-1201 (Cooling repair), as you asked. Nobody will come."
 */
export function composeCancellationConfirmation(input: PortalCancellationInput): ComposedNotice {
  const was = input.window ? ` ${formatWindow(input.window, input.timeZone)}` : "";
  const line = `${input.companyName} cancelled your visit ${input.workOrder} (${oneLine(input.service)})${was}, as you asked. Nobody will come.`;
  return {
    subject: `${input.companyName}: visit ${input.workOrder} cancelled`,
    text: [`Hello ${oneLine(input.customerName)},`, "", line, "", "If this was a mistake, request a new visit or call us.", "", `— ${input.companyName}`].join("\n"),
    sms: fitSms([line]),
  };
}

/**
 * The office's notice: a customer cancelled through the tracking link.
 *
 * @example
 * composeCancellationForOffice({ companyName: "Polar Air", timeZone: "America/Chicago", workOrder: "WO-1201",
 *   service: "Cooling repair", window: null, customerName: "Dana Whitfield" }).subject
 * // "WO-1201 cancelled by the customer"
 */
export function composeCancellationForOffice(input: PortalCancellationInput): ComposedNotice {
  const was = input.window ? `It was booked ${formatWindow(input.window, input.timeZone)}; that time is free again.` : "It was not booked yet.";
  const line = `${oneLine(input.customerName)} cancelled ${input.workOrder} (${oneLine(input.service)}) through the tracking link.`;
  return {
    subject: `${input.workOrder} cancelled by the customer`,
    text: [line, was, "", `— Crewboard for ${input.companyName}`].join("\n"),
    sms: fitSms([line], [was]),
  };
}
