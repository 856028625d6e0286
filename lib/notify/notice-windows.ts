/**
 * Days and arrival windows as people read them in notices, always in the company's
 * time zone. Pure: no I/O, no clock.
 */
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { formatDate } from "@/lib/time/calendar-date";
import { wallClock } from "@/lib/time/zoned-time";

/** A time range; instants as ISO strings or Dates. */
export interface TimeWindow {
  start: string | Date;
  end: string | Date;
}

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
export function dateLabel(date: string): string {
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
export function windowTimes(window: TimeWindow, timeZone: string): string {
  return `between ${formatHm(new Date(window.start), timeZone)} and ${formatHm(new Date(window.end), timeZone)}`;
}

/** Whether two instants fall on one calendar day in `timeZone` (an end at midnight counts as the day before). */
export function sameDay(a: Date, b: Date, timeZone: string): boolean {
  // a window ending at midnight still belongs to the day it started
  const end = new Date(b.getTime() - 1);
  return wallClock(a, timeZone).date === wallClock(end, timeZone).date;
}

/** Whether a window starts and ends on one calendar day in `timeZone`. */
export function isSameDayWindow(w: TimeWindow, timeZone: string): boolean {
  return sameDay(new Date(w.start), new Date(w.end), timeZone);
}
