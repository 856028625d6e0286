/**
 * Synthetic, seeded boards for the benchmarks (same numbers every run on the same
 * machine): technicians around one city, shift 07:00–17:00, 10 booked jobs each,
 * routed near home with real travel between them, so the board is mostly clean.
 */
import type { BoardIndex } from "@/lib/engine/board-index";
import type { Random } from "@/lib/engine/random";
import { createRandom } from "@/lib/engine/random";
import { createEstimatedTravel, travelMinutes } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Board, EpochMinute, GeoPoint, Job, Technician, TravelSettings } from "@/lib/engine/types";

/** Monday 2026-11-23, 00:00 UTC. */
export const DAY: EpochMinute = Date.UTC(2026, 10, 23, 0, 0) / 60000;
export const SETTINGS: TravelSettings = { speedKmh: 40, roadFactor: 1.3, bufferMin: 5 };
export const SKILLS = ["EPA-608", "gas-safe", "electrical", "refrigeration", "backflow", "brazing"];
export const CITY: GeoPoint = { lat: 41.8781, lng: -87.6298 };

/**
 * Somewhere within about ±`km` of `around` (default: ±25 km of the city centre).
 *
 * @example place(createRandom(1), technician.home, 6) // a site near their home
 */
export function place(random: Random, around: GeoPoint = CITY, km = 25): GeoPoint {
  const dLat = km / 111;
  const dLng = km / (111 * Math.cos((around.lat * Math.PI) / 180));
  return {
    lat: around.lat + (random.next() * 2 - 1) * dLat,
    lng: around.lng + (random.next() * 2 - 1) * dLng,
  };
}

let jobSeq = 0;

/**
 * A random job (ids and work orders are unique across every board of one run).
 *
 * @example newJob(createRandom(7)) // { id: "j1", workOrder: "WO-100001", status: "unscheduled", ... }
 */
export function newJob(random: Random, status: Job["status"] = "unscheduled", day: EpochMinute = DAY): Job {
  const id = `j${++jobSeq}`;
  const windowStart = day + random.int(7, 13) * 60;
  return {
    id,
    workOrder: `WO-${100000 + jobSeq}`,
    customerId: `c${random.int(1, 5000)}`,
    customerName: "Synthetic Customer",
    priority: random.pick([1, 2, 3, 4] as const),
    requiredSkills: random.chance(0.5) ? [random.pick(SKILLS)] : [],
    durationMin: random.pick([30, 45, 60, 90]),
    location: place(random),
    window: random.chance(0.6) ? { start: windowStart, end: windowStart + 180 } : null,
    deadline: null,
    slaProtected: false,
    contract: random.chance(0.3),
    status,
    pinned: false,
    rescheduleCount: 0,
    customerReachable: true,
    preferredTechnicianId: null,
  };
}

export interface SyntheticBoardOptions {
  /** Midnight (UTC) of the board's day. Default DAY. */
  day?: EpochMinute;
}

/**
 * n technicians with 10 booked jobs each near home, routed in order with the
 * travel between them plus 0–20 min slack, so the board is mostly clean. The same
 * seed gives the same technicians (ids t0…) whatever the day.
 *
 * @example syntheticBoard(200, 1200, { day: DAY + 1440 }) // tomorrow's board
 */
export function syntheticBoard(n: number, seed: number, options: SyntheticBoardOptions = {}): Board {
  const day = options.day ?? DAY;
  const random = createRandom(seed);
  const board: Board = { technicians: [], jobs: [], assignments: [] };
  for (let i = 0; i < n; i++) {
    const technician: Technician = {
      id: `t${i}`,
      name: `Tech ${String(i).padStart(4, "0")}`,
      skills: SKILLS.filter(() => random.chance(0.4)),
      home: place(random),
      shifts: [{ start: day + 7 * 60, end: day + 17 * 60 }],
      timeOff: random.chance(0.05) ? [{ start: day + 16 * 60, end: day + 17 * 60 }] : [],
      active: true,
    };
    board.technicians.push(technician);
    let here = technician.home;
    let cursor = day + 7 * 60;
    for (let k = 0; k < 10; k++) {
      const job = newJob(random, "scheduled", day);
      job.location = place(random, technician.home, 6);
      job.durationMin = random.int(15, 30);
      job.requiredSkills = technician.skills.length && random.chance(0.5) ? [random.pick(technician.skills)] : [];
      const start = cursor + travelMinutes(here, job.location, SETTINGS) + random.int(0, 20);
      job.window = random.chance(0.5) ? { start: start - 60, end: start + 60 } : null;
      board.jobs.push(job);
      board.assignments.push({
        jobId: job.id,
        leaderId: technician.id,
        helperIds: random.chance(0.02) && i > 0 ? [`t${i - 1}`] : [],
        start,
        end: start + job.durationMin,
        version: 1,
      });
      cursor = start + job.durationMin;
      here = job.location;
    }
  }
  return board;
}

/**
 * Travel that resolves places through the indexes (the first that knows a key),
 * so jobs added to an index later are found.
 *
 * @example travelFor(prepareBoard(today), prepareBoard(tomorrow))
 */
export function travelFor(...indexes: BoardIndex[]): TravelTimes {
  return createEstimatedTravel(SETTINGS, (key) => {
    const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    for (const index of indexes) {
      const point = kind === "job" ? index.jobById.get(id)?.location : kind === "home" ? index.technicianById.get(id)?.home : undefined;
      if (point) return point;
    }
    return undefined;
  });
}

/**
 * The p-th percentile (nearest rank) of some samples.
 *
 * @example percentile([3, 1, 2, 10], 50) // 2
 */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Prints one figure as `name: value`, two decimals.
 *
 * @example print("rank_200_p95_ms", 12.345) // rank_200_p95_ms: 12.35
 */
export const print = (name: string, value: number) => console.log(`${name}: ${value.toFixed(2)}`);
