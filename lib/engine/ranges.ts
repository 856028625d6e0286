/**
 * Pure helpers on half-open intervals `[start, end)` in epoch minutes.
 *
 * Half-open means two back-to-back jobs (09:00–10:00 and 10:00–11:00) do not
 * overlap, and an interval with `end <= start` is empty.
 */
import type { Interval } from "@/lib/engine/types";

/**
 * Length of an interval in minutes; 0 for an empty or inverted one.
 *
 * @example duration({ start: 480, end: 540 }) // 60
 */
export function duration(interval: Interval): number {
  return Math.max(0, interval.end - interval.start);
}

/**
 * Whether two intervals share at least one minute. Touching ends do not count.
 *
 * @example overlaps({ start: 0, end: 60 }, { start: 30, end: 90 }) // true
 * @example overlaps({ start: 0, end: 60 }, { start: 60, end: 90 }) // false
 */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end && a.start < a.end && b.start < b.end;
}

/**
 * The common part of two intervals, or `null` when they do not overlap.
 *
 * @example intersect({ start: 0, end: 60 }, { start: 30, end: 90 }) // { start: 30, end: 60 }
 */
export function intersect(a: Interval, b: Interval): Interval | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

/**
 * Whether `inner` lies entirely inside `outer` (an empty `inner` is never contained).
 *
 * @example contains({ start: 0, end: 480 }, { start: 60, end: 120 }) // true
 */
export function contains(outer: Interval, inner: Interval): boolean {
  return inner.start < inner.end && outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * Sorts intervals and merges those that overlap or touch, dropping empty ones.
 * Touching intervals merge because a free gap of zero minutes is no gap at all.
 *
 * @example
 * mergeOverlapping([{ start: 60, end: 90 }, { start: 0, end: 30 }, { start: 30, end: 45 }])
 * // [{ start: 0, end: 45 }, { start: 60, end: 90 }]
 */
export function mergeOverlapping(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => i.start < i.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) {
      last.end = Math.max(last.end, next.end);
    } else {
      merged.push({ start: next.start, end: next.end });
    }
  }
  return merged;
}

/**
 * What is left of `base` after removing every interval in `cuts`: the free gaps,
 * in time order.
 *
 * @example
 * // a shift 08:00–16:00 minus a job 10:00–12:00 (in minutes of the day)
 * subtract({ start: 480, end: 960 }, [{ start: 600, end: 720 }])
 * // [{ start: 480, end: 600 }, { start: 720, end: 960 }]
 */
export function subtract(base: Interval, cuts: readonly Interval[]): Interval[] {
  const gaps: Interval[] = [];
  let cursor = base.start;
  for (const cut of mergeOverlapping(cuts)) {
    if (cut.end <= cursor) continue;
    if (cut.start >= base.end) break;
    if (cut.start > cursor) gaps.push({ start: cursor, end: cut.start });
    cursor = Math.max(cursor, cut.end);
  }
  if (cursor < base.end) gaps.push({ start: cursor, end: base.end });
  return gaps;
}
