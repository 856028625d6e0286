import { describe, expect, test } from "vitest";
import { checkSolution } from "@/lib/engine/vrp/check-solution";
import type { VrpInstance } from "@/lib/engine/vrp/instance";

/**
 * Depot at place 0 and three clients on a line at 10, 20 and 30 (travel = distance).
 * Windows: client 0 [0, 50], client 1 [0, 50], client 2 [100, 110]; service 5 each.
 */
function lineInstance(): VrpInstance {
  const points = [0, 10, 20, 30];
  const m = points.length;
  const distance = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) distance[i * m + j] = Math.abs(points[i] - points[j]);
  return {
    clientCount: 3,
    vehicleCount: 2,
    locationCount: m,
    distance,
    duration: distance,
    clientLocation: Int32Array.from([1, 2, 3]),
    serviceTime: Float64Array.from([5, 5, 5]),
    readyTime: Float64Array.from([0, 0, 100]),
    dueTime: Float64Array.from([50, 50, 110]),
    demand: Float64Array.from([4, 4, 4]),
    prize: Float64Array.from([Infinity, Infinity, 100]),
    vehicleStart: Int32Array.from([0, 0]),
    vehicleEnd: Int32Array.from([0, 0]),
    shiftStart: Float64Array.from([0, 0]),
    shiftEnd: Float64Array.from([200, 200]),
    capacity: Float64Array.from([10, 10]),
    pinnedVehicle: Int32Array.from([-1, -1, -1]),
    allowed: null,
  };
}

describe("checkSolution", () => {
  test("accepts a good solution and recomputes its distance", () => {
    const check = checkSolution(lineInstance(), { routes: [[0, 1], [2]], unassigned: [] }, { claimedDistance: 100 });
    expect(check.problems).toEqual([]);
    expect(check.feasible).toBe(true);
    expect(check.distance).toBe(40 + 60);
  });

  test("an optional client may be left unplaced", () => {
    expect(checkSolution(lineInstance(), { routes: [[0, 1], []], unassigned: [2] }).feasible).toBe(true);
  });

  test.each([
    ["late", { routes: [[2, 0, 1], []], unassigned: [] }, "late"],
    ["over capacity", { routes: [[0, 1, 2], []], unassigned: [] }, "over_capacity"],
    ["missing client", { routes: [[0], [2]], unassigned: [] }, "missing"],
    ["client twice", { routes: [[0, 1], [1, 2]], unassigned: [] }, "duplicate"],
    ["required client unplaced", { routes: [[0], [2]], unassigned: [1] }, "required_unplaced"],
    ["unknown client", { routes: [[0, 1, 7], [2]], unassigned: [] }, "unknown_client"],
    ["more routes than vehicles", { routes: [[0], [1], [2]], unassigned: [] }, "too_many_routes"],
  ])("refuses a solution with a %s", (_, solution, code) => {
    const check = checkSolution(lineInstance(), solution);
    expect(check.feasible).toBe(false);
    expect(check.problems.map((p) => p.code)).toContain(code);
  });

  test("refuses a route back after the shift ends", () => {
    const instance = lineInstance();
    instance.shiftEnd[1] = 130;
    const check = checkSolution(instance, { routes: [[0, 1], [2]], unassigned: [] });
    expect(check.problems.map((p) => p.code)).toEqual(["shift_overrun"]);
    expect(check.problems[0].message).toContain("after its shift ends at 130");
  });

  test("refuses a vehicle that may not serve a client, and a pinned client in another vehicle", () => {
    const instance = lineInstance();
    instance.allowed = Uint8Array.from([1, 1, 1, 0, 1, 1]);
    instance.pinnedVehicle[2] = 0;
    const check = checkSolution(instance, { routes: [[0], [1, 2]], unassigned: [] });
    expect(check.problems.map((p) => p.code).sort()).toEqual(["not_allowed", "pin_moved"]);
  });

  test("refuses a reported distance that does not match the routes", () => {
    const check = checkSolution(lineInstance(), { routes: [[0, 1], [2]], unassigned: [] }, { claimedDistance: 90 });
    expect(check.problems.map((p) => p.code)).toEqual(["cost_mismatch"]);
  });

  test("waiting for a window is allowed, starting after it is not", () => {
    const instance = lineInstance();
    expect(checkSolution(instance, { routes: [[2], [0, 1]], unassigned: [] }).feasible).toBe(true);
    instance.readyTime[0] = 60;
    instance.dueTime[0] = 60;
    // Client 1 after client 0 now starts at 75: too late for its window ending at 50.
    const check = checkSolution(instance, { routes: [[2], [0, 1]], unassigned: [] });
    expect(check.problems.map((p) => p.message)).toEqual(["Vehicle 1 starts client 1 at 75, after its window closes at 50"]);
  });

  test("a stop made in place (a break) is free to reach, and the next drive leaves from the stop before it", () => {
    // client 3: a 40-minute break at 20, pinned to vehicle 0, "at" the far end of the line (ignored)
    const base = lineInstance();
    const instance: VrpInstance = {
      ...base,
      clientCount: 4,
      clientLocation: Int32Array.from([1, 2, 3, 3]),
      serviceTime: Float64Array.from([5, 5, 5, 40]),
      readyTime: Float64Array.from([0, 0, 100, 20]),
      dueTime: Float64Array.from([50, 80, 110, 20]),
      demand: Float64Array.from([4, 4, 4, 0]),
      prize: Float64Array.from([Infinity, Infinity, 100, Infinity]),
      pinnedVehicle: Int32Array.from([-1, -1, -1, 0]),
      inPlace: Uint8Array.from([0, 0, 0, 1]),
    };
    // 0 → client 0 (10, served 10–15) → break 20–60 where client 0 is → client 1 (drive 10: 70) → home (20)
    const ok = checkSolution(instance, { routes: [[0, 3, 1], [2]], unassigned: [] }, { claimedDistance: 40 + 60 });
    expect(ok.problems).toEqual([]);
    // client 1 due by 65: after the break and the drive after it (70) it is late
    const late = { ...instance, dueTime: Float64Array.from([50, 65, 110, 20]) };
    expect(checkSolution(late, { routes: [[0, 3, 1], [2]], unassigned: [] }).problems.map((p) => p.code)).toEqual(["late"]);
  });
});

