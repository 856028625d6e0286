/**
 * Clock times and days as people read them, in a company's time zone.
 */
import { TZDate, tz } from "@date-fns/tz";
import { format } from "date-fns";

// Boards repeat the same few hundred clock times thousands of times per render and per
// engine run, so answers are remembered (bounded) per zone and minute.
const clockAnswers = new Map<string, string>();
const MAX_CLOCK_ANSWERS = 50_000;

/** Options for formatting an instant. */
export interface FormatInZoneOptions {
  /** IANA zone the reader lives in; UTC when left out. */
  timeZone?: string;
}

/**
 * An epoch minute as HH:MM (24-hour, midnight 00:00) in `timeZone`.
 *
 * @example formatClock(29_924_070, "America/New_York") // "09:30"
 */
export function formatClock(minute: number, timeZone = "UTC"): string {
  const key = `${timeZone} ${minute}`;
  let answer = clockAnswers.get(key);
  if (answer === undefined) {
    const z = new TZDate(minute * 60000, timeZone);
    answer = `${String(z.getHours()).padStart(2, "0")}:${String(z.getMinutes()).padStart(2, "0")}`;
    if (clockAnswers.size >= MAX_CLOCK_ANSWERS) clockAnswers.clear();
    clockAnswers.set(key, answer);
  }
  return answer;
}

/**
 * An interval of epoch minutes as "HH:MM–HH:MM" in `timeZone`.
 *
 * @example formatClockRange({ start: 29_924_040, end: 29_924_160 }, "UTC") // "14:00–16:00"
 */
export function formatClockRange(interval: { start: number; end: number }, timeZone = "UTC"): string {
  return `${formatClock(interval.start, timeZone)}–${formatClock(interval.end, timeZone)}`;
}

/**
 * An instant as HH:MM in `timeZone`.
 *
 * @example formatHm(new Date("2026-11-23T14:05:00Z"), "America/Chicago") // "08:05"
 */
export function formatHm(instant: Date, timeZone: string): string {
  return formatClock(Math.floor(instant.getTime() / 60000), timeZone);
}

/**
 * An instant written with a date-fns `format` pattern (English names) in the reader's zone.
 *
 * @example formatInZone("2026-11-23T15:30:00Z", "EEEE, MMMM d", { timeZone: "America/Chicago" }) // "Monday, November 23"
 */
export function formatInZone(instant: string | Date | number, pattern: string, options: FormatInZoneOptions = {}): string {
  const at = typeof instant === "string" ? Date.parse(instant) : instant;
  return format(at, pattern, { in: tz(options.timeZone ?? "UTC") });
}
