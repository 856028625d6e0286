/**
 * Travel time between places.
 *
 * The rest of the engine asks a `TravelTimes` for minutes between two keys and
 * never computes distances itself, so an estimate from company settings and a
 * matrix from a routing provider (OSRM `table`) are interchangeable. Keys name
 * places: `jobKey(job.id)` for a job's site, `homeKey(technician.id)` for a
 * technician's home base.
 */
import type { Board, GeoPoint, TravelSettings } from "@/lib/engine/types";

/** Minutes of travel between two places, looked up by key. */
export interface TravelTimes {
  minutes(fromKey: string, toKey: string): number;
}

/** A dense travel matrix: `minutes[indexOf.get(from) * size + indexOf.get(to)]`. */
export interface TravelMatrix {
  keys: string[];
  indexOf: Map<string, number>;
  size: number;
  minutes: Float64Array;
}

export interface EstimatedTravelOptions {
  /** Most (from, to) pairs remembered before the memo starts over. Default 2^20. */
  maxMemoPairs?: number;
}

/** Where each key is; a function lets callers resolve places added later. */
export type PointLookup = ReadonlyMap<string, GeoPoint> | ((key: string) => GeoPoint | undefined);

const EARTH_RADIUS_KM = 6371.0088;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Key of a job's site in a `TravelTimes`.
 *
 * @example jobKey("j-42") // "job:j-42"
 */
export function jobKey(jobId: string): string {
  return `job:${jobId}`;
}

/**
 * Key of a technician's home base in a `TravelTimes`.
 *
 * @example homeKey("t-7") // "home:t-7"
 */
export function homeKey(technicianId: string): string {
  return `home:${technicianId}`;
}

/**
 * Great-circle distance in kilometres.
 *
 * @example haversineKm({ lat: 51.5074, lng: -0.1278 }, { lat: 48.8566, lng: 2.3522 }) // ≈ 343.6
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Estimated driving minutes: ceil(km × roadFactor ÷ speedKmh × 60) + bufferMin,
 * and 0 when both points are the same place (no trip, so no buffer).
 *
 * @example
 * travelMinutes(a, b, { speedKmh: 40, roadFactor: 1.3, bufferMin: 5 }) // e.g. 10 km → 20 + 5 = 25
 */
export function travelMinutes(a: GeoPoint, b: GeoPoint, settings: TravelSettings): number {
  const km = haversineKm(a, b);
  if (km === 0) return 0;
  return Math.ceil(((km * settings.roadFactor) / settings.speedKmh) * 60) + settings.bufferMin;
}

/**
 * Every place on a board by key: each job's site and each technician's home base.
 *
 * @example createEstimatedTravel(settings, boardPoints(board))
 */
export function boardPoints(board: Board): Map<string, GeoPoint> {
  const points = new Map<string, GeoPoint>();
  for (const t of board.technicians) points.set(homeKey(t.id), t.home);
  for (const j of board.jobs) points.set(jobKey(j.id), j.location);
  return points;
}

/**
 * Travel estimated from company settings, memoised per (from, to) pair. Keys are
 * resolved lazily, so a lookup function can cover jobs created after this call.
 * An unknown key throws: a silent 0 or Infinity would mis-schedule. The memo is
 * capped (cleared when full) because auto-dispatch asks about many one-off pairs.
 *
 * @example
 * const travel = createEstimatedTravel(settings, boardPoints(board));
 * travel.minutes(homeKey("t-1"), jobKey("j-1")) // 23
 */
export function createEstimatedTravel(
  settings: TravelSettings,
  points: PointLookup,
  options: EstimatedTravelOptions = {},
): TravelTimes {
  const locate = typeof points === "function" ? points : (key: string) => points.get(key);
  const maxPairs = options.maxMemoPairs ?? 1 << 20;
  // Keys are interned to small integers so the memo is one small-integer map per origin.
  const ids = new Map<string, number>();
  const located: GeoPoint[] = [];
  let rows: (Map<number, number> | undefined)[] = [];
  let remembered = 0;
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      const point = locate(key);
      if (!point) throw new Error(`travel: no location known for "${key}"`);
      id = located.push(point) - 1;
      ids.set(key, id);
    }
    return id;
  };
  return {
    minutes(fromKey, toKey) {
      if (fromKey === toKey) return 0;
      const from = idOf(fromKey);
      const to = idOf(toKey);
      let row = rows[from];
      let value = row?.get(to);
      if (value === undefined) {
        value = travelMinutes(located[from], located[to], settings);
        if (remembered >= maxPairs) {
          rows = [];
          remembered = 0;
          row = undefined;
        }
        if (!row) rows[from] = row = new Map();
        row.set(to, value);
        remembered++;
      }
      return value;
    },
  };
}

/**
 * A dense matrix of estimated minutes between every pair of points.
 *
 * @example
 * const matrix = buildTravelMatrix(boardPoints(board), settings);
 * matrix.minutes[matrix.indexOf.get("job:a")! * matrix.size + matrix.indexOf.get("job:b")!]
 */
export function buildTravelMatrix(
  points: ReadonlyMap<string, GeoPoint>,
  settings: TravelSettings,
): TravelMatrix {
  const keys = [...points.keys()];
  const located = keys.map((k) => points.get(k) as GeoPoint);
  const size = keys.length;
  const minutes = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const m = travelMinutes(located[i], located[j], settings);
      minutes[i * size + j] = m;
      minutes[j * size + i] = m;
    }
  }
  return { keys, indexOf: new Map(keys.map((k, i) => [k, i])), size, minutes };
}

/**
 * A matrix from rows of minutes, e.g. an OSRM `table` response's durations ÷ 60.
 * Rows may be asymmetric (one-way streets).
 *
 * @example travelMatrixFromRows(["job:a", "job:b"], [[0, 12], [14, 0]])
 */
export function travelMatrixFromRows(keys: string[], rows: number[][]): TravelMatrix {
  const size = keys.length;
  if (rows.length !== size || rows.some((r) => r.length !== size)) {
    throw new Error(`travel: matrix must be ${size}×${size}`);
  }
  const minutes = new Float64Array(size * size);
  rows.forEach((row, i) => row.forEach((m, j) => (minutes[i * size + j] = m)));
  return { keys, indexOf: new Map(keys.map((k, i) => [k, i])), size, minutes };
}

/**
 * Travel read from a precomputed matrix. An unknown key throws.
 *
 * @example createMatrixTravel(travelMatrixFromRows(keys, rows)).minutes("job:a", "job:b") // 12
 */
export function createMatrixTravel(matrix: TravelMatrix): TravelTimes {
  const indexOf = (key: string) => {
    const i = matrix.indexOf.get(key);
    if (i === undefined) throw new Error(`travel: "${key}" is not in the matrix`);
    return i;
  };
  return {
    minutes(fromKey, toKey) {
      if (fromKey === toKey) return 0;
      return matrix.minutes[indexOf(fromKey) * matrix.size + indexOf(toKey)];
    },
  };
}
