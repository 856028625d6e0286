/**
 * The notices a customer gets about a visit: the arrival window, and a reschedule
 * (moved, or taken off the schedule). Pure: plain data in, text out, every time in
 * the company's time zone.
 */
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import { clean, fitSms, lines, oneLine, signOff, type ComposedNotice } from "@/lib/notify/notice-text";
import { formatDayLabel, formatWindow, isSameDayWindow, windowTimes, type TimeWindow } from "@/lib/notify/notice-windows";

export interface CustomerVisit {
  companyName: string;
  timeZone: string;
  customerName: string;
  workOrder: string;
  address?: string | null;
  /** What the visit is for. */
  description?: string | null;
  technicianName?: string | null;
  /** Where the customer can call the office. */
  contactPhone?: string | null;
}

export interface ArrivalWindowInput extends CustomerVisit {
  window: TimeWindow;
  /** "new": the first notice for this visit; "changed": the window moved since the last one. */
  change: "new" | "changed";
}

/**
 * Tells a customer when to expect the technician.
 *
 * @example
 * composeArrivalWindow({ companyName: "Acme Heating", timeZone: "America/Chicago", customerName: "Dana Whitfield",
 *   workOrder: "WO-1042", window: { start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" }, change: "new" }).text
 * // "Hello Dana Whitfield,\n\nAcme Heating will arrive between 09:30 and 11:30 on Monday, November 23 …"
 */
export function composeArrivalWindow(input: ArrivalWindowInput): ComposedNotice {
  const tz = input.timeZone;
  const when = formatWindow(input.window, tz);
  const day = formatDayLabel(input.window.start, tz);
  const times = `${formatHm(new Date(input.window.start), tz)}–${formatHm(new Date(input.window.end), tz)}`;
  const contact = clean(input.contactPhone);
  const opening =
    input.change === "new"
      ? `${input.companyName} will arrive ${when} for your service visit.`
      : `The arrival window for your service visit has changed. ${input.companyName} will now arrive ${when}.`;
  const text = lines(
    `Hello ${oneLine(input.customerName)},`,
    "",
    opening,
    "",
    ...visitDetails(input),
    "",
    signOff(input.companyName, contact),
  );
  const subject =
    input.change === "new"
      ? `Your ${input.companyName} visit: ${day}, ${isSameDayWindow(input.window, tz) ? times : when}`
      : `New arrival window for your ${input.companyName} visit: ${day}, ${isSameDayWindow(input.window, tz) ? times : when}`;
  const sms = fitSms(
    [
      input.change === "new"
        ? `${input.companyName}: your visit (${input.workOrder}) is scheduled ${when}.`
        : `${input.companyName}: NEW TIME for your visit (${input.workOrder}): ${when}.`,
    ],
    [
      clean(input.technicianName) ? `Technician: ${oneLine(input.technicianName as string)}.` : "",
      contact ? `Reply or call ${contact} if that does not work.` : "Reply if that does not work.",
    ],
  );
  return { subject, text, sms };
}

function visitDetails(v: CustomerVisit): string[] {
  return [
    `Work order: ${v.workOrder}`,
    clean(v.address) && `Address: ${oneLine(v.address as string)}`,
    clean(v.description) && `Work: ${oneLine(v.description as string)}`,
    clean(v.technicianName) && `Technician: ${oneLine(v.technicianName as string)}`,
  ].filter((l): l is string => typeof l === "string");
}

export interface RescheduleInput extends CustomerVisit {
  /** The window the customer was last told. */
  from: TimeWindow | null;
  /** The new window, or null when the visit was taken off the schedule. */
  to: TimeWindow | null;
  /** Why, in the customer's words, e.g. "an emergency call nearby". */
  reason?: string | null;
}

/**
 * Tells a customer their visit moved (old → new window) or was taken off the
 * schedule and will be rebooked.
 *
 * @example
 * composeReschedule({ …visit, from: { start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" }, to: null }).sms
 * // "Acme Heating: your visit (WO-1042) planned between 09:30 and 11:30 on Monday, November 23 has been removed from the schedule; we will contact you to rebook."
 */
export function composeReschedule(input: RescheduleInput): ComposedNotice {
  const tz = input.timeZone;
  const contact = clean(input.contactPhone);
  const reason = clean(input.reason);
  const why = reason ? `This is because of ${oneLine(reason).replace(/\.$/, "")}.` : null;
  const greeting = `Hello ${oneLine(input.customerName)},`;

  if (!input.to) {
    const planned = input.from ? ` planned ${formatWindow(input.from, tz)}` : "";
    const text = lines(
      greeting,
      "",
      `Your service visit${planned} has been removed from the schedule; we will contact you to rebook.`,
      why,
      "We are sorry for the inconvenience.",
      "",
      ...visitDetails({ ...input, technicianName: null }),
      "",
      contact ? `Questions? Reply to this message or call us at ${contact}.\n\n${input.companyName}` : `Questions? Reply to this message.\n\n${input.companyName}`,
    );
    return {
      subject: input.from
        ? `Your ${input.companyName} visit on ${formatDayLabel(input.from.start, tz)} needs a new time`
        : `Your ${input.companyName} visit needs a new time`,
      text,
      sms: fitSms(
        [`${input.companyName}: your visit (${input.workOrder})${planned} has been removed from the schedule; we will contact you to rebook.`],
        [contact ? `Questions: ${contact}.` : ""],
      ),
    };
  }

  const to = formatWindow(input.to, tz);
  let moved: string;
  if (!input.from) {
    moved = `is now scheduled ${to}`;
  } else if (
    isSameDayWindow(input.from, tz) &&
    isSameDayWindow(input.to, tz) &&
    wallClock(new Date(input.from.start), tz).date === wallClock(new Date(input.to.start), tz).date
  ) {
    // same day: say the day once
    moved = `has moved from ${windowTimes(input.from, tz)} to ${windowTimes(input.to, tz)} on ${formatDayLabel(input.to.start, tz)}`;
  } else {
    moved = `has moved from ${formatWindow(input.from, tz)} to ${to}`;
  }
  const text = lines(
    greeting,
    "",
    `Your service visit ${moved}.`,
    why,
    "We are sorry for the change.",
    "",
    ...visitDetails(input),
    "",
    signOff(input.companyName, contact),
  );
  const newDay = formatDayLabel(input.to.start, tz);
  const newTimes = isSameDayWindow(input.to, tz)
    ? `${formatHm(new Date(input.to.start), tz)}–${formatHm(new Date(input.to.end), tz)}`
    : to;
  return {
    subject: `Your ${input.companyName} visit has moved to ${newDay}, ${newTimes}`,
    text,
    sms: fitSms(
      [`${input.companyName}: your visit (${input.workOrder}) ${moved}.`],
      [why ?? "", contact ? `Reply or call ${contact} if that does not work.` : "Reply if that does not work."],
    ),
  };
}
