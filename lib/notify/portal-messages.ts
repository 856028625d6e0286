import type { ComposedNotice } from "@/lib/notify/notice-text";
import { formatWindow, type TimeWindow } from "@/lib/notify/notice-windows";

export interface PortalConfirmationInput {
  companyName: string;
  timeZone: string;
  customerName: string;
  workOrder: string;
  /** The arrival window when the request was scheduled at once; null when a person will call. */
  window: TimeWindow | null;
  trackingUrl: string;
}

/**
 * What a customer receives after asking for service through the portal.
 *
 * @example
 * composePortalConfirmation({ companyName: "Polar Air", timeZone: "America/Chicago", customerName: "Dana",
 *   workOrder: "WO-1201", window: null, trackingUrl: "https://…/track/…" }).sms
 * // "Polar Air received your request WO-1201. We'll call you to schedule. Follow it: https://…/track/…"
 */
export function composePortalConfirmation(input: PortalConfirmationInput): ComposedNotice {
  const when = input.window ? `We will arrive ${formatWindow(input.window, input.timeZone)}.` : "We'll call you to schedule the visit.";
  const text = [
    `Hello ${input.customerName.replace(/\s+/g, " ").trim()},`,
    "",
    `${input.companyName} received your service request (${input.workOrder}). ${when}`,
    "",
    `Follow it, cancel it or ask for another time here: ${input.trackingUrl}`,
    "",
    `— ${input.companyName}`,
  ].join("\n");
  const sms = `${input.companyName} received your request ${input.workOrder}. ${when} Follow it: ${input.trackingUrl}`;
  return { subject: `${input.companyName}: request ${input.workOrder} received`, text, sms };
}
