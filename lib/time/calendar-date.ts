/**
 * Calendar dates written YYYY-MM-DD: a day on the calendar, not an instant, so the
 * arithmetic runs in UTC where every day has 24 hours.
 */
import { tz } from "@date-fns/tz";
import { addDays as addCalendarDays, format, getISODay, isMatch } from "date-fns";

const UTC = tz("UTC");

/** Noon UTC of a calendar date: an instant that lies on that date in every zone from UTC−11 to UTC+11. */
export function calendarNoon(date: string): Date {
  return new Date(`${date.slice(0, 10)}T12:00:00Z`);
}

/**
 * Whether a string is a calendar date written YYYY-MM-DD that exists (no 2026-02-30).
 *
 * @example isCalendarDate("2028-02-29") // true
 */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isMatch(s, "yyyy-MM-dd");
}

/**
 * The date `days` after `date` (negative for earlier).
 *
 * @example addDays("2026-12-31", 1) // "2027-01-01"
 */
export function addDays(date: string, days: number): string {
  return format(addCalendarDays(calendarNoon(date), days, { in: UTC }), "yyyy-MM-dd", { in: UTC });
}

/**
 * ISO weekday of a calendar date, 1 = Monday … 7 = Sunday.
 *
 * @example weekdayOf("2026-11-22") // 7
 */
export function weekdayOf(date: string): number {
  return getISODay(calendarNoon(date), { in: UTC });
}

/**
 * A calendar date written with a date-fns `format` pattern (English names).
 *
 * @example formatDate("2026-11-23", "EEEE, MMMM d") // "Monday, November 23"
 */
export function formatDate(date: string, pattern: string): string {
  return format(calendarNoon(date), pattern, { in: UTC });
}
