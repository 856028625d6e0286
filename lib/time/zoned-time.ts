/**
 * Instants and wall-clock times in an IANA time zone. DST gaps move a wall-clock
 * time forward; in an overlap the earlier instant is taken.
 */
import { TZDate, tzOffset } from "@date-fns/tz";

const pad = (n: number) => String(n).padStart(2, "0");

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
}

/**
 * True for a time zone name this runtime knows (an IANA name such as "America/Chicago", or "UTC").
 *
 * @example isTimeZone("Europe/Paris") // true
 * @example isTimeZone("Mars/Olympus") // false
 */
export function isTimeZone(name: string): boolean {
  if (name.length === 0) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The wall clock in `timeZone` at an instant.
 *
 * @example
 * wallClock(new Date("2026-11-23T15:30:00Z"), "America/Chicago") // { date: "2026-11-23", hour: 9, minute: 30, weekday: 1 }
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  // TZDate's getters read the zone's wall clock; they are several times faster than `format`
  const z = new TZDate(instant.getTime(), timeZone);
  const day = z.getDay();
  return {
    date: `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`,
    hour: z.getHours(),
    minute: z.getMinutes(),
    weekday: day === 0 ? 7 : day,
  };
}

/**
 * Offset of `timeZone` from UTC at an instant, in minutes.
 *
 * @example offsetMinutes(new Date("2026-11-23T12:00:00Z"), "America/Chicago") // -360
 */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return tzOffset(timeZone, instant);
}

/**
 * The UTC instant of a wall-clock time (HH:MM) on a date (YYYY-MM-DD) in `timeZone`.
 *
 * @example
 * zonedToUtc("2026-11-23", "08:00", "America/Chicago") // 2026-11-23T14:00:00.000Z
 * zonedToUtc("2026-03-08", "02:30", "America/Chicago") // 2026-03-08T08:30:00.000Z (03:30 CDT: 02:30 never happens)
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
}

/**
 * The UTC range `[start, end)` of a calendar day in `timeZone` (23 or 25 hours on DST days).
 *
 * @example dayRange("2026-11-23", "UTC") // { start: 2026-11-23T00:00:00.000Z, end: 2026-11-24T00:00:00.000Z }
 */
export function dayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const [y, mo, d] = date.split("-").map(Number);
  return {
    start: new Date(new TZDate(y, mo - 1, d, timeZone).getTime()),
    end: new Date(new TZDate(y, mo - 1, d + 1, timeZone).getTime()),
  };
}
