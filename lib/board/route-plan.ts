/**
 * A technician's day as a route: home, the stops in order with their times and
 * the drive to each, and back home. The board's daily route plan, the map and
 * the optimiser's before/after preview all read it.
 */
import type { BoardDay } from "@/lib/db/board";
import { crewOf } from "@/lib/engine/board-index";
import { homeKey, jobKey, type TravelTimes } from "@/lib/engine/travel";

export interface MapStop {
  jobId: string;
  workOrder: string;
  customerName: string;
  /** Street and city, when known. */
  address: string | null;
  lat: number;
  lng: number;
  /** ISO instants. */
  start: string;
  end: string;
  travelBefore: number;
}

/** One technician's day on the map: home, and the stops in order. */
export interface RouteOnMap {
  technicianId: string;
  technicianName: string;
  home: { lat: number; lng: number };
  stops: MapStop[];
  /** Driving home to home, minutes. */
  travel: number;
  /** Back home after the last stop (ISO), or null with no stops. */
  homeAt: string | null;
}

/** "12 Elm St, Evanston" from a job's address parts. */
export function addressOf(job: { address: string | null; city: string | null }): string | null {
  return [job.address, job.city].filter(Boolean).join(", ") || null;
}

/** Each technician's day as it stands on the board, ordered by start, with the drive to each stop. */
export function routesOnBoard(day: BoardDay, technicianIds: readonly string[], travel: TravelTimes): RouteOnMap[] {
  const names = new Map(day.technicians.map((t) => [t.id, t]));
  return technicianIds.flatMap((id) => {
    const technician = names.get(id);
    if (!technician) return [];
    const stops = day.assignments
      .filter((a) => crewOf(a).includes(id))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      .flatMap((a) => {
        const job = day.jobs[a.jobId];
        if (!job) return [];
        return [{ jobId: job.id, workOrder: job.workOrder, customerName: job.customerName, address: addressOf(job), lat: job.location.lat, lng: job.location.lng, start: a.start, end: a.end, travelBefore: 0 }];
      });
    let from = homeKey(id);
    let total = 0;
    for (const stop of stops) {
      stop.travelBefore = travel.minutes(from, jobKey(stop.jobId));
      total += stop.travelBefore;
      from = jobKey(stop.jobId);
    }
    const back = stops.length > 0 ? travel.minutes(from, homeKey(id)) : 0;
    total += back;
    const last = stops.at(-1);
    const homeAt = last ? new Date(Date.parse(last.end) + back * 60_000).toISOString() : null;
    return [{ technicianId: id, technicianName: technician.name, home: technician.home, stops, travel: total, homeAt }];
  });
}


/** A technician's published visits of one day (as their phone shows them) as a route. */
export function routeOfVisits(
  technician: { id: string; name: string; home: { lat: number; lng: number } },
  visits: readonly { job: { id: string; workOrder: string; customerName: string; address: string | null; city: string | null; location: { lat: number; lng: number } }; start: string; end: string; travelFrom: number }[],
): RouteOnMap {
  const stops = visits.map((v) => ({
    jobId: v.job.id,
    workOrder: v.job.workOrder,
    customerName: v.job.customerName,
    address: addressOf(v.job),
    lat: v.job.location.lat,
    lng: v.job.location.lng,
    start: v.start,
    end: v.end,
    travelBefore: v.travelFrom,
  }));
  return {
    technicianId: technician.id,
    technicianName: technician.name,
    home: technician.home,
    stops,
    travel: stops.reduce((sum, s) => sum + s.travelBefore, 0),
    homeAt: null,
  };
}
