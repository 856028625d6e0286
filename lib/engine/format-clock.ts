/**
 * Clock times for messages a dispatcher reads, in the company's time zone.
 */
import type { EpochMinute, Interval } from "@/lib/engine/types";

const formatters = new Map<string, Intl.DateTimeFormat>();
// Intl formatting is slow next to the engine's arithmetic and boards repeat the same
// few hundred clock times, so answers are remembered (bounded) per zone and minute.
const answers = new Map<string, string>();
const MAX_ANSWERS = 50_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23, not hour12: false, so midnight reads 00:00 rather than 24:00.
    formatter = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * An epoch minute as HH:MM in an IANA time zone.
 *
 * @example formatClock(Date.UTC(2026, 10, 23, 14, 30) / 60000, "America/New_York") // "09:30"
 */
export function formatClock(minute: EpochMinute, timeZone = "UTC"): string {
  const key = `${timeZone} ${minute}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = formatterFor(timeZone).format(minute * 60000);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(key, answer);
  }
  return answer;
}

/**
 * An interval as "HH:MM–HH:MM" in an IANA time zone.
 *
 * @example formatClockRange({ start: 29_923_680, end: 29_923_800 }, "UTC") // "08:00–10:00"
 */
export function formatClockRange(interval: Interval, timeZone = "UTC"): string {
  return `${formatClock(interval.start, timeZone)}–${formatClock(interval.end, timeZone)}`;
}
