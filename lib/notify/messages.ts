/**
 * The words of the notices Crewboard sends: a technician's day, a customer's
 * arrival window, a customer's reschedule. Pure: plain data in, text out, every
 * time in the company's time zone. No I/O, no clock.
 */
import { formatDuration } from "@/lib/board-format";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { formatDate } from "@/lib/time/calendar-date";
import { wallClock } from "@/lib/time/zoned-time";
import type { NotificationChannel } from "@/lib/notify/types";

/** Carriers split longer texts; two segments is as long as a notice should be. */
export const SMS_MAX_LENGTH = 320;

/** What every composer returns: an email (subject + text) and a short text message. */
export interface ComposedNotice {
  subject: string;
  text: string;
  /** At most {@link SMS_MAX_LENGTH} characters, one line. */
  sms: string;
}

/** A time range; instants as ISO strings or Dates. */
export interface TimeWindow {
  start: string | Date;
  end: string | Date;
}

// ---------------------------------------------------------------------------
// Dates and windows

/**
 * An instant's calendar day in `timeZone`, as people write it.
 *
 * @example
 * formatDayLabel("2026-11-23T15:30:00Z", "America/Chicago") // "Monday, November 23"
 */
export function formatDayLabel(instant: string | Date, timeZone: string): string {
  return formatInZone(instant, "EEEE, MMMM d", { timeZone });
}

/** "Monday, November 23" for a calendar date (YYYY-MM-DD), whatever the zone. */
function dateLabel(date: string): string {
  return formatDate(date, "EEEE, MMMM d");
}

/**
 * An arrival window as a customer reads it, in the company's time zone.
 *
 * @example
 * formatWindow({ start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" }, "America/Chicago")
 * // "between 09:30 and 11:30 on Monday, November 23"
 */
export function formatWindow(window: TimeWindow, timeZone: string): string {
  const start = new Date(window.start);
  const end = new Date(window.end);
  const from = formatHm(start, timeZone);
  const to = formatHm(end, timeZone);
  if (sameDay(start, end, timeZone)) return `between ${from} and ${to} on ${formatDayLabel(start, timeZone)}`;
  return `between ${from} on ${formatDayLabel(start, timeZone)} and ${to} on ${formatDayLabel(end, timeZone)}`;
}

/** The window's times only ("between 09:30 and 11:30"), for when the day is said elsewhere. */
function windowTimes(window: TimeWindow, timeZone: string): string {
  return `between ${formatHm(new Date(window.start), timeZone)} and ${formatHm(new Date(window.end), timeZone)}`;
}

function sameDay(a: Date, b: Date, timeZone: string): boolean {
  // a window ending at midnight still belongs to the day it started
  const end = new Date(b.getTime() - 1);
  return wallClock(a, timeZone).date === wallClock(end, timeZone).date;
}

function isSameDayWindow(w: TimeWindow, timeZone: string): boolean {
  return sameDay(new Date(w.start), new Date(w.end), timeZone);
}

// ---------------------------------------------------------------------------
// Text helpers

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * A text message from required and optional parts: optional parts are kept in
 * order while they fit, and a text that cannot fit is cut with an ellipsis.
 */
function fitSms(required: string[], optional: string[] = [], max = SMS_MAX_LENGTH): string {
  let text = oneLine(required.join(" "));
  for (const part of optional) {
    const longer = oneLine(`${text} ${part}`);
    if (longer.length <= max) text = longer;
  }
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function lines(...parts: (string | null | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string").join("\n");
}

function signOff(companyName: string, contactPhone: string | null): string {
  return contactPhone
    ? `If this time does not suit you, reply to this message or call us at ${contactPhone}.\n\n${companyName}`
    : `If this time does not suit you, reply to this message.\n\n${companyName}`;
}

// ---------------------------------------------------------------------------
// (a) A technician's day

export interface TechnicianDayStop {
  start: string | Date;
  end: string | Date;
  workOrder: string;
  customerName: string;
  address?: string | null;
  /** Driving minutes from the previous stop (from home for the first). */
  travelMinutes: number;
  /** What the job is. */
  description?: string | null;
  /** Notes for the technician (gate codes, pets, parts). */
  notes?: string | null;
  /** "helper" when the technician helps another crew leader on this job. */
  role?: "leader" | "helper";
  /** Who leads the crew, shown to helpers. */
  leaderName?: string | null;
}

export interface TechnicianDayInput {
  companyName: string;
  timeZone: string;
  technicianName: string;
  /** The day, YYYY-MM-DD in the company's time zone. */
  date: string;
  stops: TechnicianDayStop[];
  /** True when the day was announced before and this notice replaces it. */
  update?: boolean;
  /** Driving minutes home after the last stop, when known. */
  travelHomeMinutes?: number | null;
}

/**
 * A technician's day in route order: times, addresses, driving minutes and notes.
 *
 * @example
 * composeTechnicianDay({ companyName: "Acme Heating", timeZone: "America/Chicago", technicianName: "Sam Ortiz",
 *   date: "2026-11-23", stops: [{ start: "2026-11-23T14:30:00Z", end: "2026-11-23T16:00:00Z", workOrder: "WO-1042",
 *   customerName: "Dana Whitfield", address: "1450 W Lake St", travelMinutes: 18 }] }).subject
 * // "Your schedule for Monday, November 23: 1 job from 08:30"
 */
export function composeTechnicianDay(input: TechnicianDayInput): ComposedNotice {
  const tz = input.timeZone;
  const day = dateLabel(input.date);
  const stops = [...input.stops].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  const firstName = input.technicianName.trim().split(/\s+/)[0] || input.technicianName;
  const heading = input.update ? "Updated schedule" : "Your schedule";

  if (stops.length === 0) {
    const text = lines(
      `Hi ${firstName},`,
      "",
      input.update
        ? `Your schedule for ${day} has changed: you have no jobs that day any more.`
        : `You have no jobs scheduled for ${day}.`,
      "",
      input.companyName,
    );
    return {
      subject: `${heading} for ${day}: no jobs`,
      text,
      sms: fitSms([`${input.companyName}: ${input.update ? "update, " : ""}you have no jobs on ${day}.`]),
    };
  }

  const count = stops.length === 1 ? "1 job" : `${stops.length} jobs`;
  const firstStart = formatHm(new Date(stops[0].start), tz);
  const workMin = stops.reduce((sum, s) => sum + Math.round((new Date(s.end).getTime() - new Date(s.start).getTime()) / 60000), 0);
  const driveMin = stops.reduce((sum, s) => sum + Math.max(0, Math.round(s.travelMinutes)), 0) + Math.max(0, Math.round(input.travelHomeMinutes ?? 0));

  const blocks = stops.map((s, i) => {
    const range = `${formatHm(new Date(s.start), tz)}–${formatHm(new Date(s.end), tz)}`;
    const travel = Math.max(0, Math.round(s.travelMinutes));
    const from = i === 0 ? "from home" : "from the previous job";
    return lines(
      `${i + 1}. ${range}  ${s.workOrder} · ${oneLine(s.customerName)}${s.role === "helper" ? " (helping" + (clean(s.leaderName) ? ` ${clean(s.leaderName)}` : "") + ")" : ""}`,
      `   ${clean(s.address) ? oneLine(s.address as string) : "Address not on file"}`,
      `   Drive: ${travel === 0 ? "none" : `${formatDuration(travel)} ${from}`}`,
      clean(s.description) && `   Job: ${oneLine(s.description as string)}`,
      clean(s.notes) && `   Notes: ${oneLine(s.notes as string)}`,
    );
  });
  const home = input.travelHomeMinutes ? `Drive home after the last job: ${formatDuration(Math.round(input.travelHomeMinutes))}.` : null;
  const text = lines(
    `Hi ${firstName},`,
    "",
    input.update
      ? `Your schedule for ${day} has changed. This replaces what we sent before (times in ${tz}):`
      : `Here is your schedule for ${day} (times in ${tz}):`,
    "",
    blocks.join("\n\n"),
    "",
    `${count}, ${formatDuration(workMin)} of work, ${formatDuration(driveMin)} of driving.`,
    home,
    "",
    input.companyName,
  );

  // as many stops as fit, then how many did not
  const smsStops = stops.map((s) => {
    const where = clean(s.address) ? ` (${oneLine(s.address as string)})` : "";
    return `${formatHm(new Date(s.start), tz)} ${s.workOrder}${where}`;
  });
  const head = `${input.companyName}: ${input.update ? "UPDATED schedule" : "Your schedule"} for ${day}, ${count}:`;
  const smsWith = (k: number) =>
    oneLine(`${head} ${smsStops.slice(0, k).join("; ")}${k > 0 ? "." : ""}${k < stops.length ? ` +${stops.length - k} more.` : ""}`);
  let shown = stops.length;
  while (shown > 0 && smsWith(shown).length > SMS_MAX_LENGTH) shown -= 1;
  const sms = fitSms([smsWith(shown)]);

  return {
    subject: `${heading} for ${day}: ${count} from ${firstStart}`,
    text,
    sms,
  };
}

// ---------------------------------------------------------------------------
// (b) A customer's arrival window

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

// ---------------------------------------------------------------------------
// (c) A customer's reschedule

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

// ---------------------------------------------------------------------------
// Which channel reaches a customer

/**
 * A phone number as SMS providers take it: digits with an optional leading "+",
 * or null when there are too few digits to be a number.
 *
 * @example
 * normalizePhone(" +1 (312) 555-0100 ") // "+13125550100"
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return null;
  return trimmed.startsWith("+") ? `+${digits}` : digits;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The channel and address to notify a customer on: the preferred channel when the
 * customer has that contact, else the other one, else null (unreachable).
 *
 * @example
 * chooseCustomerChannel({ phone: "312-555-0100", email: "dana@example.com" }, "sms") // { channel: "sms", recipient: "3125550100" }
 * chooseCustomerChannel({ phone: null, email: "dana@example.com" }, "sms") // { channel: "email", recipient: "dana@example.com" }
 * chooseCustomerChannel({ phone: null, email: null }, "email") // null
 */
export function chooseCustomerChannel(
  contact: { phone?: string | null; email?: string | null },
  prefer: NotificationChannel,
): { channel: NotificationChannel; recipient: string } | null {
  const phone = normalizePhone(contact.phone);
  const email = contact.email?.trim() && EMAIL.test(contact.email.trim()) ? contact.email.trim() : null;
  const sms = phone ? { channel: "sms" as const, recipient: phone } : null;
  const mail = email ? { channel: "email" as const, recipient: email } : null;
  return prefer === "sms" ? (sms ?? mail) : (mail ?? sms);
}
