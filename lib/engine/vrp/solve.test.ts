import { describe, expect, test } from "vitest";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import type { VrpInstance, VrpSolution } from "@/lib/engine/vrp/instance";
import { solveVrp } from "@/lib/engine/vrp/solve";
import { randomInstance } from "@/lib/engine/vrp/test-instances";

/** Every order of the clients cut into one run per vehicle: the true optimum of a tiny problem. */
function exactOptimum(instance: VrpInstance): number {
  const c = instance.clientCount;
  const v = instance.vehicleCount;
  let best = Infinity;
  const order: number[] = [];
  const used = new Array<boolean>(c).fill(false);
  const tryCuts = (from: number, vehicle: number, routes: number[][]) => {
    if (vehicle === v - 1) {
      const solution: VrpSolution = { routes: [...routes, order.slice(from)], unassigned: [] };
      const check = checkSolution(instance, solution);
      if (check.feasible) best = Math.min(best, check.distance);
      return;
    }
    for (let to = from; to <= c; to++) tryCuts(to, vehicle + 1, [...routes, order.slice(from, to)]);
  };
  const permute = () => {
    if (order.length === c) {
      tryCuts(0, 0, []);
      return;
    }
    for (let i = 0; i < c; i++) {
      if (used[i]) continue;
      used[i] = true;
      order.push(i);
      permute();
      order.pop();
      used[i] = false;
    }
  };
  permute();
  return best;
}

// Solver runs take real CPU: allow for a busy machine.
describe("solveVrp", { timeout: 60_000 }, () => {
  test.each([
    { seed: 1, windowWidth: 0 },
    { seed: 2, windowWidth: 200 },
    { seed: 3, windowWidth: 150 },
    { seed: 4, windowWidth: 250, shifts: true },
    { seed: 5, windowWidth: 200, homes: true },
    { seed: 6, windowWidth: 300, homes: true, shifts: true },
  ])("finds the exact optimum of a 6-client, 2-vehicle problem (%o)", (options) => {
    const instance = randomInstance({ clients: 6, vehicles: 2, capacity: 14, ...options });
    const optimum = exactOptimum(instance);
    const result = solveVrp(instance, { seed: 1, maxIterations: 300 });
    if (optimum === Infinity) {
      expect(result.feasible).toBe(false);
      return;
    }
    const check = checkSolution(instance, result.solution, { claimedDistance: result.distance });
    expect(check.problems).toEqual([]);
    expect(result.distance).toBeCloseTo(optimum, 6);
  });

  test("the same seed gives the same answer; another seed may search differently", () => {
    const instance = randomInstance({ clients: 40, vehicles: 6, seed: 11, windowWidth: 180, capacity: 40 });
    const first = solveVrp(instance, { seed: 7, maxIterations: 200 });
    const again = solveVrp(instance, { seed: 7, maxIterations: 200 });
    expect(again.solution).toEqual(first.solution);
    expect(again.distance).toBe(first.distance);
  });

  test("stops at the deadline of the clock it is given, and reports progress", () => {
    const instance = randomInstance({ clients: 30, vehicles: 5, seed: 12, windowWidth: 200 });
    let ticks = 0;
    const reports: number[] = [];
    const result = solveVrp(instance, {
      seed: 1,
      clock: () => ticks++,
      deadline: 120,
      progressEvery: 20,
      onProgress: (progress) => reports.push(progress.iteration),
    });
    // One reading at the start, one per iteration and one per report, until the deadline.
    expect(result.iterations).toBe(114);
    expect(ticks).toBe(121);
    expect(reports).toEqual([20, 40, 60, 80, 100]);
  });

  test("refuses bad input with a clear message", () => {
    const instance = randomInstance({ clients: 5, vehicles: 2, seed: 1 });
    instance.dueTime[3] = instance.readyTime[3] - 1;
    expect(() => solveVrp(instance, { seed: 1, maxIterations: 10 })).toThrow("Client 3 has a window that ends before it starts");
    expect(() => solveVrp(randomInstance({ clients: 5, vehicles: 2, seed: 1 }), { seed: 1 })).toThrow(
      "needs a clock and a deadline, or an iteration budget",
    );
  });

  test("keeps the higher-priority client when only one of two fits, even if it is farther", () => {
    // One vehicle, time for one visit only: the far client carries the higher prize.
    const instance = randomInstance({ clients: 2, vehicles: 1, seed: 3, prizes: [1e6, 1e3] });
    instance.serviceTime.set([100, 100]);
    instance.readyTime.set([0, 0]);
    instance.dueTime.set([200, 200]);
    instance.shiftEnd[0] = 240;
    instance.distance.fill(0);
    const m = instance.locationCount;
    for (const [a, b, d] of [[0, 1, 25], [0, 2, 5], [1, 2, 28]]) {
      instance.distance[a * m + b] = d;
      instance.distance[b * m + a] = d;
    }
    const result = solveVrp(instance, { seed: 1, maxIterations: 50 });
    expect(result.solution.routes[0]).toEqual([0]);
    expect(result.solution.unassigned).toEqual([1]);
  });

  test.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    "random board %i: pins, skills, shifts and homes are never violated",
    (seed) => {
      const instance = randomInstance({
        clients: 25,
        vehicles: 4,
        seed: 100 + seed,
        windowWidth: 90,
        homes: true,
        shifts: true,
        forbiddenShare: 0.4,
        prizes: [5000, 500, 50],
      });
      // Pin one client per vehicle at a time the vehicle can surely keep.
      const m = instance.locationCount;
      for (let k = 0; k < instance.vehicleCount; k++) {
        const client = k * 5;
        const place = instance.clientLocation[client];
        const arrive = instance.shiftStart[k] + instance.duration[instance.vehicleStart[k] * m + place];
        instance.pinnedVehicle[client] = k;
        instance.prize[client] = Infinity;
        instance.readyTime[client] = arrive;
        instance.dueTime[client] = arrive;
        if (instance.allowed) instance.allowed[client * instance.vehicleCount + k] = 1;
        instance.shiftEnd[k] = Math.max(instance.shiftEnd[k], arrive + instance.serviceTime[client] + instance.duration[place * m + instance.vehicleEnd[k]]);
      }
      const result = solveVrp(instance, { seed, maxIterations: 150 });
      const check = checkSolution(instance, result.solution, { claimedDistance: result.distance });
      expect(check.problems).toEqual([]);
      for (let k = 0; k < instance.vehicleCount; k++) expect(result.solution.routes[k]).toContain(k * 5);
    },
  );
});
