/**
 * When a customer must hear about a change to their visit, and what arrival
 * window they are promised.
 */
import type { EpochMinute, Interval } from "@/lib/engine/types";

/** Minutes before a visit inside which a change must be told to the customer. */
export const RESCHEDULE_NOTICE_HORIZON_MIN = 24 * 60;

export interface RescheduleNoticeInput {
  /** The visit had been published to the customer. */
  published: boolean;
  /** The visit as published (null when it was never placed). */
  previous: Interval | null;
  /** The visit after the change (null when it is unscheduled). */
  next: Interval | null;
  now: EpochMinute;
  /** The company's 24-hour rule is switched on. */
  ruleEnabled: boolean;
}

/**
 * True when a change to a published visit touches the next 24 hours: the visit
 * as published, or as changed, starts within 24 hours of now (and has not ended).
 *
 * @example
 * rescheduleNoticeApplies({ published: true, previous: { start: 600, end: 660 }, next: { start: 720, end: 780 }, now: 480, ruleEnabled: true }) // true
 */
export function rescheduleNoticeApplies(input: RescheduleNoticeInput): boolean {
  if (!input.ruleEnabled || !input.published) return false;
  const soon = (v: Interval | null) => v !== null && v.end > input.now && v.start - input.now <= RESCHEDULE_NOTICE_HORIZON_MIN;
  return soon(input.previous) || soon(input.next);
}

/** Length of the arrival window a customer is given. */
export const ARRIVAL_WINDOW_MIN = 120;

/**
 * The arrival window promised for a visit planned to start at `start`: two hours
 * from the planned start rounded down to the half hour, so a technician who is a
 * little early or late still arrives inside it.
 *
 * @example
 * arrivalWindow(Date.UTC(2026, 10, 23, 14, 10) / 60000) // 14:00–16:00 UTC
 */
export function arrivalWindow(start: EpochMinute): Interval {
  const from = Math.floor(start / 30) * 30;
  return { start: from, end: from + ARRIVAL_WINDOW_MIN };
}
