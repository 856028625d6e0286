import type { InstanceProblem, VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";

export interface SolutionCheck {
  feasible: boolean;
  /** Distance recomputed leg by leg. */
  distance: number;
  problems: InstanceProblem[];
}

export interface CheckOptions {
  /** A cost the solver reported, to compare with the recomputed one. */
  claimedDistance?: number;
  /** Slack allowed on times and loads (floating-point rounding). */
  tolerance?: number;
}

/**
 * Check a solution against its problem from scratch, by driving every route
 * in time order (leave at shift start, wait for windows), independently of
 * the solver's own bookkeeping: every client exactly once or, if it may be
 * left out, listed as unplaced; only allowed vehicles and pinned vehicles;
 * service starts inside each window; back at the end place within the shift;
 * no vehicle over capacity; and the distance recomputed.
 *
 * @example
 * const check = checkSolution(instance, result.solution, { claimedDistance: result.distance });
 * check.feasible // false, with check.problems saying why, if anything is off
 */
export function checkSolution(instance: VrpInstance, solution: VrpSolution, options: CheckOptions = {}): SolutionCheck {
  const tolerance = options.tolerance ?? 1e-6;
  const problems: InstanceProblem[] = [];
  const c = instance.clientCount;
  const v = instance.vehicleCount;
  const m = instance.locationCount;
  const seen = new Int32Array(c);
  if (solution.routes.length > v) {
    problems.push({ code: "too_many_routes", message: `${solution.routes.length} routes for ${v} vehicles` });
  }
  const mark = (client: number, where: string) => {
    if (!Number.isInteger(client) || client < 0 || client >= c) {
      problems.push({ code: "unknown_client", message: `${where} lists client ${client}, which does not exist` });
      return false;
    }
    seen[client]++;
    return true;
  };
  for (const client of solution.unassigned) {
    if (!mark(client, "The unplaced list")) continue;
    if (instance.prize[client] === Infinity) {
      problems.push({ code: "required_unplaced", message: `Client ${client} must be served but is unplaced` });
    }
  }
  let distance = 0;
  solution.routes.forEach((route, vehicle) => {
    if (vehicle >= v || route.length === 0) return;
    let place = instance.vehicleStart[vehicle];
    let clock = instance.shiftStart[vehicle];
    let load = 0;
    for (const client of route) {
      if (!mark(client, `Vehicle ${vehicle}`)) return;
      if (instance.allowed && instance.allowed[client * v + vehicle] === 0) {
        problems.push({ code: "not_allowed", message: `Vehicle ${vehicle} may not serve client ${client}` });
      }
      const pin = instance.pinnedVehicle[client];
      if (pin >= 0 && pin !== vehicle) {
        problems.push({ code: "pin_moved", message: `Client ${client} is pinned to vehicle ${pin} but rides with ${vehicle}` });
      }
      // a stop made in place (a break) is free to reach and leaves from where the vehicle is
      const inPlace = instance.inPlace?.[client] === 1;
      const to = inPlace ? place : instance.clientLocation[client];
      distance += inPlace ? 0 : instance.distance[place * m + to];
      const arrival = clock + (inPlace ? 0 : instance.duration[place * m + to]);
      const start = Math.max(arrival, instance.readyTime[client]);
      if (start > instance.dueTime[client] + tolerance) {
        problems.push({
          code: "late",
          message: `Vehicle ${vehicle} starts client ${client} at ${round(start)}, after its window closes at ${round(instance.dueTime[client])}`,
        });
      }
      clock = start + instance.serviceTime[client];
      load += instance.demand[client];
      place = to;
    }
    const end = instance.vehicleEnd[vehicle];
    distance += instance.distance[place * m + end];
    const back = clock + instance.duration[place * m + end];
    if (back > instance.shiftEnd[vehicle] + tolerance) {
      problems.push({
        code: "shift_overrun",
        message: `Vehicle ${vehicle} is back at ${round(back)}, after its shift ends at ${round(instance.shiftEnd[vehicle])}`,
      });
    }
    if (load > instance.capacity[vehicle] + tolerance) {
      problems.push({
        code: "over_capacity",
        message: `Vehicle ${vehicle} carries ${round(load)}, more than its capacity ${round(instance.capacity[vehicle])}`,
      });
    }
  });
  for (let client = 0; client < c; client++) {
    if (seen[client] === 0) {
      problems.push({ code: "missing", message: `Client ${client} is neither on a route nor listed as unplaced` });
    } else if (seen[client] > 1) {
      problems.push({ code: "duplicate", message: `Client ${client} appears ${seen[client]} times` });
    }
  }
  if (options.claimedDistance !== undefined && Math.abs(options.claimedDistance - distance) > tolerance * Math.max(1, distance)) {
    problems.push({
      code: "cost_mismatch",
      message: `The reported distance ${round(options.claimedDistance)} differs from the recomputed ${round(distance)}`,
    });
  }
  return { feasible: problems.length === 0, distance, problems };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
