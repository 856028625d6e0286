/**
 * The dispatcher's "running late" warning: from what a lane's crew reported so far
 * (arrived, on the way, done) and the planned visits with their travel, which of
 * the customers still ahead will be reached after their window. The same projection
 * the technician's phone shows (lib/engine/running-late).
 */
import type { LaneItem } from "@/components/board/lane-layout";
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { forecastLateness, type LateForecast } from "@/lib/engine/running-late";
import type { EpochMinute } from "@/lib/engine/types";
import { toMinute } from "@/lib/time/epoch-minute";

const NONE: ReadonlyMap<string, LateForecast> = new Map();

/** The latest arrival a visit's customer was promised: their own window, else the arrival window they were sent. */
export function promisedBy(item: Pick<LaneItem, "job" | "start">): EpochMinute {
  const { job } = item;
  return job.windowStart && job.windowEnd ? toMinute(job.windowEnd) : arrivalWindow(item.start).end;
}

/**
 * The visits on a lane the crew will reach late, by job id. Nothing is projected
 * until the crew has reported on one of the lane's visits: without a report there
 * is no progress to project from. Visits before the last reported one are history.
 *
 * @example
 * // arrived at 09:00 on a 3-hour visit; the next customer was promised 10:00–12:00, 20 minutes away
 * laneLateness(layout.items, nowMinute).get("j-2") // { projectedArrival: 740, minutesLate: 20, … }
 */
export function laneLateness(items: readonly LaneItem[], now: EpochMinute): ReadonlyMap<string, LateForecast> {
  let last = -1;
  items.forEach((item, i) => {
    if (item.job.visitStatus !== null) last = i;
  });
  if (last === -1) return NONE;
  const stops = items.slice(last).map((item) => ({
    id: item.job.id,
    start: item.start,
    durationMin: item.end - item.start,
    travelFrom: item.travel?.minutes ?? 0,
    status: item.job.visitStatus,
    arrivedAt: item.job.arrivedAt ? toMinute(item.job.arrivedAt) : null,
    estimatedArrival: item.job.estimatedArrivalAt ? toMinute(item.job.estimatedArrivalAt) : null,
    promisedBy: promisedBy(item),
  }));
  const late = forecastLateness(stops, now);
  return late.length === 0 ? NONE : new Map(late.map((f) => [f.stopId, f]));
}
