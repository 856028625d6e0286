/**
 * Will the crew make the next customers' windows? From what the crew reported so
 * far (arrived, on the way, or not started) and the planned route, projects when
 * they reach each remaining stop and flags the ones past what the customer was promised.
 */
import type { EpochMinute } from "@/lib/engine/types";
import type { VisitStatus } from "@/lib/engine/visit-status";

/** One visit of a crew's day, in route order. */
export interface RouteStop {
  id: string;
  /** Planned start. */
  start: EpochMinute;
  durationMin: number;
  /** Travel from the previous stop (or from home for the first). */
  travelFrom: number;
  status: VisitStatus | null;
  arrivedAt: EpochMinute | null;
  /** The estimate given when the crew set off (or said they were late). */
  estimatedArrival: EpochMinute | null;
  /** The latest arrival the customer was promised (end of their window). */
  promisedBy: EpochMinute;
}

export interface LateForecast {
  stopId: string;
  projectedArrival: EpochMinute;
  promisedBy: EpochMinute;
  minutesLate: number;
  /** Why, in words. */
  why: string;
}

/**
 * The stops the crew will reach after their promised window, given `now`.
 *
 * @example
 * // arrived at 09:00 for a 3-hour job; the next customer was promised 10:00–12:00, 20 minutes away
 * forecastLateness([{ id: "a", start: 540, durationMin: 180, travelFrom: 0, status: "arrived", arrivedAt: 540, estimatedArrival: null, promisedBy: 660 },
 *   { id: "b", start: 630, durationMin: 60, travelFrom: 20, status: null, arrivedAt: null, estimatedArrival: null, promisedBy: 720 }], 600)
 * // [{ stopId: "b", projectedArrival: 740, promisedBy: 720, minutesLate: 20, why: "…" }]
 */
export function forecastLateness(stops: readonly RouteStop[], now: EpochMinute): LateForecast[] {
  const late: LateForecast[] = [];
  let freeAt = now;
  for (const stop of stops) {
    if (stop.status === "done" || stop.status === "not_finished") continue;
    if (stop.status === "arrived") {
      freeAt = Math.max(now, (stop.arrivedAt ?? now) + stop.durationMin);
      continue;
    }
    const arrival =
      stop.status === "on_my_way"
        ? Math.max(now, stop.estimatedArrival ?? now + stop.travelFrom)
        : Math.max(stop.start, freeAt + stop.travelFrom);
    if (arrival > stop.promisedBy) {
      late.push({
        stopId: stop.id,
        projectedArrival: arrival,
        promisedBy: stop.promisedBy,
        minutesLate: arrival - stop.promisedBy,
        why:
          stop.status === "on_my_way"
            ? "the crew's arrival estimate is past the customer's window"
            : "the visit before it runs past its planned end, plus travel",
      });
    }
    freeAt = arrival + stop.durationMin;
  }
  return late;
}
