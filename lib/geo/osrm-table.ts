/**
 * Road travel from an OSRM-compatible `table` service (CREWBOARD_OSRM_URL), for
 * the route optimiser. One request for all the day's places; any failure (no
 * answer in time, an error code, a malformed matrix) falls back to the
 * company's travel estimate and says why. Pairs the service cannot route
 * (null durations) use the estimate too.
 */
import { createMatrixTravel, travelMatrixFromRows, type TravelTimes } from "@/lib/engine/travel";
import type { GeoPoint } from "@/lib/engine/types";

export interface RoadTravel {
  travel: TravelTimes;
  source: "road" | "estimate";
  /** In words: where the minutes come from, and why the estimate when it is one. */
  note: string;
}

export interface RoadTravelOptions {
  /** The service's base address, e.g. http://osrm.internal:5000 (no trailing /table). */
  baseUrl: string | undefined;
  /** Added to every drive, as the estimate does (parking, walking in). */
  bufferMin: number;
  timeoutMs?: number;
}

/**
 * @example
 * const road = await roadTravel(points, estimate, { baseUrl: process.env.CREWBOARD_OSRM_URL, bufferMin: 5 });
 * road.note // "Travel from the road network (12 places)"
 */
export async function roadTravel(points: ReadonlyMap<string, GeoPoint>, estimate: TravelTimes, options: RoadTravelOptions): Promise<RoadTravel> {
  const keys = [...points.keys()];
  if (!options.baseUrl) return { travel: estimate, source: "estimate", note: "Travel is the company's estimate (no road travel service is configured)" };
  if (keys.length < 2) return { travel: estimate, source: "estimate", note: "Travel is the company's estimate (fewer than two places)" };
  const coordinates = keys.map((k) => `${points.get(k)!.lng.toFixed(6)},${points.get(k)!.lat.toFixed(6)}`).join(";");
  const url = `${options.baseUrl.replace(/\/+$/, "")}/table/v1/driving/${coordinates}?annotations=duration`;
  const fallback = (why: string): RoadTravel => ({ travel: estimate, source: "estimate", note: `Travel is the company's estimate: the road travel service ${why}` });
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    if (!response.ok) return fallback(`answered ${response.status}`);
    body = await response.json();
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    return fallback(name === "TimeoutError" || name === "AbortError" ? "did not answer in time" : "could not be reached");
  }
  const table = body as { code?: unknown; message?: unknown; durations?: unknown };
  if (table.code !== "Ok") return fallback(`refused the request (${typeof table.code === "string" ? table.code : "no code"}${typeof table.message === "string" ? `: ${table.message}` : ""})`);
  const durations = table.durations;
  if (!Array.isArray(durations) || durations.length !== keys.length || durations.some((row) => !Array.isArray(row) || row.length !== keys.length)) {
    return fallback(`sent a matrix that is not ${keys.length}×${keys.length}`);
  }
  let estimated = 0;
  const rows = (durations as unknown[][]).map((row, i) =>
    row.map((seconds, j) => {
      if (i === j) return 0;
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        estimated++;
        return estimate.minutes(keys[i], keys[j]);
      }
      return Math.ceil(seconds / 60) + options.bufferMin;
    }),
  );
  const note = `Travel from the road network (${keys.length} places)${estimated > 0 ? `; ${estimated} drives it cannot route are the company's estimate` : ""}`;
  return { travel: createMatrixTravel(travelMatrixFromRows(keys, rows)), source: "road", note };
}
