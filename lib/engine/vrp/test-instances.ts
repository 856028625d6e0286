import { createRandom } from "@/lib/engine/random";
import type { VrpInstance } from "@/lib/engine/vrp/instance";

export interface RandomInstanceOptions {
  clients: number;
  vehicles: number;
  seed: number;
  /** Width of the service windows (0: no windows). */
  windowWidth?: number;
  capacity?: number;
  /** Each vehicle starts and ends at its own home. */
  homes?: boolean;
  /** Vehicles get different shifts. */
  shifts?: boolean;
  /** Share of (vehicle, client) pairs a vehicle may not serve. */
  forbiddenShare?: number;
  /** Clients may be left out, at these prizes (cycled), instead of being required. */
  prizes?: number[];
}

/**
 * A small random routing problem on a 100 × 100 square (Euclidean travel,
 * rounded to whole minutes so hand checks stay easy), for solver tests.
 *
 * @example
 * const instance = randomInstance({ clients: 6, vehicles: 2, seed: 3, windowWidth: 120 });
 */
export function randomInstance(options: RandomInstanceOptions): VrpInstance {
  const random = createRandom(options.seed);
  const c = options.clients;
  const v = options.vehicles;
  const homes = options.homes ? v : 1;
  const m = homes + c;
  const x = Array.from({ length: m }, () => random.int(0, 100));
  const y = Array.from({ length: m }, () => random.int(0, 100));
  const distance = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) distance[i * m + j] = Math.round(Math.hypot(x[i] - x[j], y[i] - y[j]));
  }
  const horizon = 600;
  const width = options.windowWidth ?? 0;
  const readyTime = new Float64Array(c);
  const dueTime = new Float64Array(c);
  for (let i = 0; i < c; i++) {
    if (width > 0) {
      readyTime[i] = random.int(60, horizon - width - 60);
      dueTime[i] = readyTime[i] + width;
    } else {
      dueTime[i] = horizon;
    }
  }
  const allowed = options.forbiddenShare ? new Uint8Array(c * v) : null;
  if (allowed) {
    for (let i = 0; i < c; i++) {
      for (let k = 0; k < v; k++) allowed[i * v + k] = random.chance(options.forbiddenShare ?? 0) ? 0 : 1;
      allowed[i * v + random.int(0, v - 1)] = 1;
    }
  }
  const prizes = options.prizes;
  return {
    clientCount: c,
    vehicleCount: v,
    locationCount: m,
    distance,
    duration: distance,
    clientLocation: Int32Array.from({ length: c }, (_, i) => homes + i),
    serviceTime: Float64Array.from({ length: c }, () => random.int(10, 40)),
    readyTime,
    dueTime,
    demand: Float64Array.from({ length: c }, () => random.int(1, 5)),
    prize: Float64Array.from({ length: c }, (_, i) => (prizes ? prizes[i % prizes.length] : Infinity)),
    vehicleStart: Int32Array.from({ length: v }, (_, k) => (options.homes ? k : 0)),
    vehicleEnd: Int32Array.from({ length: v }, (_, k) => (options.homes ? k : 0)),
    shiftStart: Float64Array.from({ length: v }, () => (options.shifts ? random.int(0, 120) : 0)),
    shiftEnd: Float64Array.from({ length: v }, () => (options.shifts ? random.int(horizon - 120, horizon + 60) : horizon + 60)),
    capacity: new Float64Array(v).fill(options.capacity ?? 1000),
    pinnedVehicle: new Int32Array(c).fill(-1),
    allowed,
  };
}
