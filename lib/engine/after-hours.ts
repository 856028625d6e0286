/**
 * After-hours intake: when nobody's shift covers the moment an urgent job comes in,
 * it goes to whoever is on call, at the earliest time they can be there.
 */
import type { EpochMinute, Interval } from "@/lib/engine/types";

/** A technician's working time of the day. */
export interface WorkingDay {
  shift: Interval | null;
  timeOff?: readonly Interval[];
}

const covers = (i: Interval, m: EpochMinute) => i.start <= m && m < i.end;

/**
 * Whether `now` is outside working hours: nobody is on shift then (a technician
 * on time off at that moment is not working).
 *
 * @example isAfterHours(1260, [{ shift: { start: 480, end: 1020 } }]) // true (21:00, shift 08:00–17:00)
 */
export function isAfterHours(now: EpochMinute, days: readonly WorkingDay[]): boolean {
  return !days.some((d) => d.shift !== null && covers(d.shift, now) && !(d.timeOff ?? []).some((o) => covers(o, now)));
}

/** Options for {@link afterHoursSlot}. */
export interface AfterHoursSlotOptions {
  /** Starts are rounded up to a multiple of this many minutes. Default 5. */
  snapMinutes?: number;
}

/**
 * The earliest slot an on-call technician can take a job: driving from `now`,
 * rounded up to the snap, and after any visit of theirs still running or booked
 * later (each followed by its own drive to the new site).
 *
 * @example afterHoursSlot(1260, 60, 25, []) // { start: 1285, end: 1345 }
 */
export function afterHoursSlot(
  now: EpochMinute,
  durationMin: number,
  travelMin: number,
  busy: readonly Interval[],
  options: AfterHoursSlotOptions = {},
): Interval {
  const snap = Math.max(1, options.snapMinutes ?? 5);
  const up = (m: number) => Math.ceil(m / snap) * snap;
  let start = up(now + travelMin);
  for (const b of [...busy].sort((x, y) => x.start - y.start)) {
    if (b.end <= now) continue;
    if (b.start < start + durationMin && start < b.end) start = up(b.end + travelMin);
  }
  return { start, end: start + durationMin };
}
