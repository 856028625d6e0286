/**
 * Time-window data of a run of consecutive stops, in the form hybrid genetic
 * search (Vidal et al.) and PyVRP use: two runs joined by a leg give the joined
 * run's data in O(1), so a move's time-window cost never walks a route.
 *
 * - `duration`: service, travel and waiting from the first stop's start of
 *   service to the end of the last stop's service (time warp not included);
 * - `timeWarp`: how far the clock has to be turned back to keep every window;
 * - `early` / `late`: the earliest and latest start at the first stop that
 *   achieve that minimal duration and time warp.
 */
export interface DurationSegment {
  duration: number;
  timeWarp: number;
  early: number;
  late: number;
}

/** A mutable segment for results, reused to keep allocation out of hot loops. */
export function emptySegment(): DurationSegment {
  return { duration: 0, timeWarp: 0, early: 0, late: 0 };
}

/**
 * `out` = the run (aDuration, aTimeWarp, aEarly, aLate), then a leg of
 * `travel`, then the run (b…). `out` may be the same object a came from.
 *
 * @example
 * const out = emptySegment();
 * mergeSegments(out, 10, 0, 0, 100, 5, 20, 0, 30, 40) // a 10-minute stop, 5 minutes' drive, a stop due 30–40
 * out.timeWarp // 0: start the first at 15–25 and arrive in the second's window
 */
export function mergeSegments(
  out: DurationSegment,
  aDuration: number,
  aTimeWarp: number,
  aEarly: number,
  aLate: number,
  travel: number,
  bDuration: number,
  bTimeWarp: number,
  bEarly: number,
  bLate: number,
): void {
  const arrive = aDuration - aTimeWarp + travel;
  const wait = Math.max(bEarly - arrive - aLate, 0);
  const warp = Math.max(aEarly + arrive - bLate, 0);
  out.duration = aDuration + bDuration + travel + wait;
  out.timeWarp = aTimeWarp + bTimeWarp + warp;
  out.early = Math.max(bEarly - arrive, aEarly) - wait;
  out.late = Math.min(bLate - arrive, aLate) + warp;
}
