/**
 * The routing problem the solver works on, as flat typed arrays.
 *
 * Everything is indexed: jobs ("clients") are 0..clientCount-1, vehicles
 * (technicians) 0..vehicleCount-1, places 0..locationCount-1. Matrices are
 * row-major `from * locationCount + to`. Times and travel are in one unit of the
 * caller's choosing (minutes for the board, the instance's own unit for Solomon).
 */
export interface VrpInstance {
  clientCount: number;
  vehicleCount: number;
  locationCount: number;
  /** Cost of a leg (distance, or travel minutes when that is what costs). */
  distance: Float64Array;
  /** Duration of a leg; may be the same array as `distance`. */
  duration: Float64Array;
  clientLocation: Int32Array;
  serviceTime: Float64Array;
  /** Earliest start of service. */
  readyTime: Float64Array;
  /** Latest start of service. */
  dueTime: Float64Array;
  demand: Float64Array;
  /**
   * What leaving a client unplaced costs; `Infinity` marks a client every
   * solution must serve.
   */
  prize: Float64Array;
  vehicleStart: Int32Array;
  vehicleEnd: Int32Array;
  /** Earliest departure from the start place. */
  shiftStart: Float64Array;
  /** Latest arrival back at the end place. */
  shiftEnd: Float64Array;
  capacity: Float64Array;
  /** The vehicle a client is pinned to, or -1 when the solver may move it. */
  pinnedVehicle: Int32Array;
  /**
   * `allowed[client * vehicleCount + vehicle]` is 1 when that vehicle may serve
   * the client (skills); null when every vehicle may serve every client.
   */
  allowed: Uint8Array | null;
  /**
   * `inPlace[client]` is 1 for a stop made wherever the vehicle already is (a
   * technician's break): the leg into it is free, and the leg out of it starts
   * from the stop before it. Such a client must be pinned. Absent or null: none.
   */
  inPlace?: Uint8Array | null;
}

/** A solution: one ordered list of clients per vehicle, plus the unplaced. */
export interface VrpSolution {
  routes: number[][];
  unassigned: number[];
}

export interface InstanceProblem {
  code: string;
  message: string;
}

/**
 * Everything wrong with an instance's shape, so bad input gets a clear message
 * before the solver starts.
 *
 * @example
 * validateInstance(instance) // [] when the solver can run on it
 */
export function validateInstance(instance: VrpInstance): InstanceProblem[] {
  const problems: InstanceProblem[] = [];
  const { clientCount: c, vehicleCount: v, locationCount: m } = instance;
  const sized = (name: string, array: ArrayLike<number>, length: number) => {
    if (array.length !== length) {
      problems.push({ code: "bad_size", message: `${name} has ${array.length} entries, expected ${length}` });
    }
  };
  if (v < 1) problems.push({ code: "no_vehicles", message: "At least one vehicle is needed" });
  sized("distance", instance.distance, m * m);
  sized("duration", instance.duration, m * m);
  for (const [name, array] of [
    ["clientLocation", instance.clientLocation],
    ["serviceTime", instance.serviceTime],
    ["readyTime", instance.readyTime],
    ["dueTime", instance.dueTime],
    ["demand", instance.demand],
    ["prize", instance.prize],
    ["pinnedVehicle", instance.pinnedVehicle],
  ] as const) {
    sized(name, array, c);
  }
  for (const [name, array] of [
    ["vehicleStart", instance.vehicleStart],
    ["vehicleEnd", instance.vehicleEnd],
    ["shiftStart", instance.shiftStart],
    ["shiftEnd", instance.shiftEnd],
    ["capacity", instance.capacity],
  ] as const) {
    sized(name, array, v);
  }
  if (instance.allowed) sized("allowed", instance.allowed, c * v);
  if (instance.inPlace) sized("inPlace", instance.inPlace, c);
  if (problems.length > 0) return problems;
  for (let i = 0; i < m * m; i++) {
    if (!(instance.distance[i] >= 0) || !(instance.duration[i] >= 0)) {
      problems.push({ code: "bad_matrix", message: `Leg ${Math.floor(i / m)} → ${i % m} has a negative or missing value` });
      break;
    }
  }
  for (let i = 0; i < c; i++) {
    const place = instance.clientLocation[i];
    if (place < 0 || place >= m) problems.push({ code: "bad_location", message: `Client ${i} has no place ${place}` });
    if (instance.readyTime[i] > instance.dueTime[i]) {
      problems.push({ code: "bad_window", message: `Client ${i} has a window that ends before it starts` });
    }
    const pin = instance.pinnedVehicle[i];
    if (instance.inPlace?.[i] === 1 && pin < 0) {
      problems.push({ code: "bad_pin", message: `Client ${i} is a stop made in place (a break) but is not pinned to a vehicle` });
    }
    if (pin >= v) problems.push({ code: "bad_pin", message: `Client ${i} is pinned to vehicle ${pin}, which does not exist` });
    if (pin >= 0 && instance.allowed && instance.allowed[i * v + pin] === 0) {
      problems.push({ code: "bad_pin", message: `Client ${i} is pinned to vehicle ${pin}, which may not serve it` });
    }
  }
  for (let k = 0; k < v; k++) {
    for (const place of [instance.vehicleStart[k], instance.vehicleEnd[k]]) {
      if (place < 0 || place >= m) problems.push({ code: "bad_location", message: `Vehicle ${k} has no place ${place}` });
    }
    if (instance.shiftStart[k] > instance.shiftEnd[k]) {
      problems.push({ code: "bad_shift", message: `Vehicle ${k} has a shift that ends before it starts` });
    }
  }
  return problems;
}
