import { RouteMap } from "@/components/route/RouteMap";
import type { RouteOnMap } from "@/lib/board/route-plan";
import { toMinute } from "@/lib/time/epoch-minute";
import { formatClock } from "@/lib/time/format-time";

export interface RoutePlanSheetProps {
  route: RouteOnMap;
  timeZone: string;
  /** Show the map (off for a long printed list of every technician). */
  map?: boolean;
}

/**
 * One technician's daily route plan: when to leave, each stop in order with its
 * time, address and the drive to it, and when they are home, with the route
 * on a map. Reads well printed on one page.
 */
export function RoutePlanSheet({ route, timeZone, map = true }: RoutePlanSheetProps) {
  const clock = (iso: string) => formatClock(toMinute(iso), timeZone);
  const first = route.stops[0];
  const leave = first ? formatClock(toMinute(first.start) - first.travelBefore, timeZone) : null;
  return (
    <section className="break-inside-avoid space-y-3 rounded-md border border-slate-200 bg-white p-4 print:border-0 print:p-0" aria-label={`Route plan of ${route.technicianName}`} data-testid="route-plan">
      <header className="flex flex-wrap items-baseline gap-x-3">
        <h2 className="text-base font-semibold">{route.technicianName}</h2>
        <p className="text-[13px] text-slate-600" data-testid="route-summary">
          {route.stops.length === 0
            ? "No visits."
            : `${route.stops.length} ${route.stops.length === 1 ? "stop" : "stops"} · leave home ${leave} · driving ${route.travel} min${route.homeAt ? ` · home about ${clock(route.homeAt)}` : ""}`}
        </p>
      </header>
      {route.stops.length > 0 ? (
        <>
          <table className="w-full text-left text-[13px]">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-2 font-normal">#</th>
                <th className="py-1 pr-2 font-normal">Arrive</th>
                <th className="py-1 pr-2 font-normal">Until</th>
                <th className="py-1 pr-2 font-normal">Visit</th>
                <th className="py-1 pr-2 font-normal">Address</th>
                <th className="py-1 text-right font-normal">Drive to it</th>
              </tr>
            </thead>
            <tbody>
              {route.stops.map((stop, n) => (
                <tr key={stop.jobId} className="border-t border-slate-100 align-top" data-testid="route-stop">
                  <td className="py-1 pr-2 tabular-nums">{n + 1}</td>
                  <td className="py-1 pr-2 tabular-nums">{clock(stop.start)}</td>
                  <td className="py-1 pr-2 tabular-nums">{clock(stop.end)}</td>
                  <td className="py-1 pr-2">
                    <span className="font-medium">{stop.workOrder}</span> {stop.customerName}
                  </td>
                  <td className="py-1 pr-2">{stop.address ?? `${stop.lat.toFixed(4)}, ${stop.lng.toFixed(4)}`}</td>
                  <td className="py-1 text-right tabular-nums">{stop.travelBefore} min</td>
                </tr>
              ))}
            </tbody>
          </table>
          {map ? <RouteMap routes={[route]} label={`route of ${route.technicianName}`} className="h-64 print:h-72" /> : null}
        </>
      ) : null}
    </section>
  );
}
