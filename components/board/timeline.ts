/**
 * The day timeline's geometry: which stretch of the day is shown, where a minute
 * sits on it, and which minute a pointer position means. Times are epoch minutes;
 * hour lines and snapping follow the company's wall clock, not UTC.
 */
import type { BoardDay } from "@/lib/db/board";
import { formatClock } from "@/lib/time/format-time";
import { dayRange, wallClock, zonedToUtc } from "@/lib/time/zoned-time";
import type { EpochMinute, Interval } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";
import { formatDate } from "@/lib/time/calendar-date";


export interface TimelineOptions {
  /** First hour always shown (company wall clock). Default 6. */
  minHour?: number;
  /** Hour the view always reaches (company wall clock). Default 20. */
  maxHour?: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The epoch minute of `HH:MM` on `date` in `timeZone`. */
export function clockToMinute(date: string, clock: string, timeZone: string): EpochMinute {
  return toMinute(zonedToUtc(date, clock, timeZone));
}

/** `HH:MM` of an epoch minute in `timeZone` (the wall clock a dispatcher reads). */
export function minuteToClock(minute: EpochMinute, timeZone: string): string {
  return formatClock(minute, timeZone);
}

/**
 * The stretch of `day` the board shows: 06:00–20:00 in the company's time zone,
 * widened to whole hours so every shift and assignment of the day fits, never
 * past the day itself.
 *
 * @example
 * timelineRange(day) // { start: <06:00 local>, end: <20:00 local> }
 */
export function timelineRange(
  day: Pick<BoardDay, "date" | "company" | "technicians" | "assignments">,
  options: TimelineOptions = {},
  /** The day's visits in epoch minutes when already known (the board's view has them), instead of reading the assignments. */
  visits?: Iterable<Interval>,
): Interval {
  const tz = day.company.timeZone;
  const { start: dayStartDate, end: dayEndDate } = dayRange(day.date, tz);
  const dayStart = toMinute(dayStartDate);
  const dayEnd = toMinute(dayEndDate);
  let start = clockToMinute(day.date, `${pad(options.minHour ?? 6)}:00`, tz);
  let end = clockToMinute(day.date, `${pad(options.maxHour ?? 20)}:00`, tz);
  const widen = (s: EpochMinute, e: EpochMinute) => {
    if (e <= dayStart || s >= dayEnd) return;
    start = Math.min(start, Math.max(dayStart, s));
    end = Math.max(end, Math.min(dayEnd, e));
  };
  for (const t of day.technicians) if (t.shift) widen(toMinute(t.shift.start), toMinute(t.shift.end));
  if (visits) for (const v of visits) widen(v.start, v.end);
  else for (const a of day.assignments) widen(toMinute(a.start), toMinute(a.end));
  return { start: floorToHour(start, day.date, tz, dayStart), end: ceilToHour(end, day.date, tz, dayEnd) };
}

function floorToHour(minute: EpochMinute, date: string, tz: string, dayStart: EpochMinute): EpochMinute {
  const w = wallClock(new Date(minute * 60000), tz);
  if (w.date !== date) return dayStart;
  return Math.max(dayStart, clockToMinute(date, `${pad(w.hour)}:00`, tz));
}

function ceilToHour(minute: EpochMinute, date: string, tz: string, dayEnd: EpochMinute): EpochMinute {
  const w = wallClock(new Date(minute * 60000), tz);
  if (w.date !== date) return dayEnd;
  const floor = clockToMinute(date, `${pad(w.hour)}:00`, tz);
  if (floor === minute) return minute;
  return w.hour >= 23 ? dayEnd : Math.min(dayEnd, clockToMinute(date, `${pad(w.hour + 1)}:00`, tz));
}

export interface HourTick {
  minute: EpochMinute;
  hour: number;
  label: string;
}

/**
 * One tick per wall-clock hour inside the range (the range's own start included).
 *
 * @example hourTicks({ start, end }, "America/Chicago").map((t) => t.label) // ["06:00", "07:00", …]
 */
export function hourTicks(range: Interval, timeZone: string): HourTick[] {
  const ticks: HourTick[] = [];
  // step by real hours from an hour-aligned start; a DST change shows as a repeated or skipped label
  for (let m = range.start; m < range.end; m += 60) {
    const w = wallClock(new Date(m * 60000), timeZone);
    ticks.push({ minute: m, hour: w.hour, label: `${pad(w.hour)}:${pad(w.minute)}` });
  }
  return ticks;
}

/**
 * Where a minute sits on the range, in percent of its width, clamped to 0–100.
 *
 * @example offsetPercent({ start: 0, end: 600 }, 150) // 25
 */
export function offsetPercent(range: Interval, minute: EpochMinute): number {
  const span = range.end - range.start;
  return Math.max(0, Math.min(100, ((minute - range.start) / span) * 100));
}

/**
 * The width of `[start, end)` on the range in percent, after clipping to it.
 *
 * @example widthPercent({ start: 0, end: 600 }, 540, 720) // 10
 */
export function widthPercent(range: Interval, start: EpochMinute, end: EpochMinute): number {
  return Math.max(0, offsetPercent(range, end) - offsetPercent(range, start));
}

/**
 * The minute under a pointer at `clientX` over a timeline drawn in `rect`.
 *
 * @example minuteAtX({ start: 0, end: 600 }, 350, { left: 100, width: 1000 }) // 150
 */
export function minuteAtX(range: Interval, clientX: number, rect: { left: number; width: number }): number {
  return range.start + ((clientX - rect.left) / rect.width) * (range.end - range.start);
}

/** Minutes per pixel of a timeline `width` pixels wide. */
export function minutesPerPixel(range: Interval, width: number): number {
  return (range.end - range.start) / width;
}

/**
 * Rounds a minute to the nearest `snap` step counted from the range's start
 * (an hour line on the wall clock), so 15-minute snapping lands on :00, :15, …
 *
 * @example snapMinute({ start: 600, end: 1440 }, 617, 15) // 615
 */
export function snapMinute(range: Interval, minute: number, snap: number): EpochMinute {
  const step = Math.max(1, snap);
  return range.start + Math.round((minute - range.start) / step) * step;
}

/**
 * Reads a clock time as a dispatcher types it — "9:30", "09:30", "930", "14" —
 * into "HH:MM" (24-hour), or null when it is not a time of day.
 *
 * @example parseClock("930") // "09:30"
 */
export function parseClock(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${pad(hour)}:${pad(minute)}`;
}

/**
 * A moment as the board names it: "17:00" on the board's day, "Sat, Nov 21 17:00" on another.
 *
 * @example formatWhen("2026-11-23T23:00:00Z", "2026-11-23", "America/Chicago") // "17:00"
 */
export function formatWhen(iso: string, date: string, timeZone: string): string {
  const minute = toMinute(iso);
  const w = wallClock(new Date(iso), timeZone);
  if (w.date === date) return formatClock(minute, timeZone);
  const day = formatDate(w.date, "EEE, MMM d");
  return `${day} ${formatClock(minute, timeZone)}`;
}
