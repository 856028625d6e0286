/**
 * Converting between UTC instants and wall-clock times in an IANA time zone,
 * with Intl only (no I/O, no time-zone database of our own).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * The wall clock in `timeZone` at an instant.
 *
 * @example
 * wallClock(new Date("2026-11-23T15:30:00Z"), "America/Chicago") // { date: "2026-11-23", hour: 9, minute: 30, weekday: 1 }
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** Offset of `timeZone` from UTC at an instant, in minutes (Chicago in winter: -360). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a wall-clock time on a date in `timeZone`. In a DST gap the
 * time is moved forward; in an overlap the earlier instant is taken.
 *
 * @example
 * zonedToUtc("2026-11-23", "08:00", "America/Chicago") // 2026-11-23T14:00:00.000Z
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60000;
  const second = guess - offsetMinutes(new Date(first), timeZone) * 60000;
  const matches = [first, second].filter((t) => {
    const w = wallClock(new Date(t), timeZone);
    return w.hour === h && w.minute === mi;
  });
  // both match in an overlap (take the earlier); none match in a gap (move forward)
  return new Date(matches.length > 0 ? Math.min(...matches) : Math.max(first, second));
}

/** The date `days` after `date` (YYYY-MM-DD, calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** The UTC range `[start, end)` of a calendar day in `timeZone`. */
export function dayRange(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedToUtc(date, "00:00", timeZone), end: zonedToUtc(addDays(date, 1), "00:00", timeZone) };
}

/** Formats an instant as HH:MM in `timeZone`. */
export function formatHm(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}
